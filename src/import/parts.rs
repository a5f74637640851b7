//! What a page is made of once the chrome is set aside: the headline, byline and date,
//! the article's blocks and the readers' responses. The stages that find them (header,
//! structure, thread, forum) all fill these types; markdown writes them out.

use super::lines::Line;
use crate::date::PartialDate;

/// A block of Markdown-to-be: a paragraph or a list item, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(String),
    /// A bullet ("•", "-", "*") list item.
    Item(String),
    /// A numbered list item, with its number.
    Numbered(u32, String),
}

/// One reader comment or forum reply.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Response {
    pub author: Option<String>,
    /// The day the comment was posted, where the page states it (not "3 years ago").
    pub date: Option<PartialDate>,
    /// The earlier response this one answers (an index into the responses), where known.
    pub reply_to: Option<usize>,
    pub blocks: Vec<Block>,
}

/// What the page is made of, once the chrome is set aside.
#[derive(Debug, Default)]
pub struct Parts {
    pub headline: Option<String>,
    /// A site or publication name printed above the headline.
    pub masthead: Option<String>,
    pub author: Option<String>,
    pub date: Option<PartialDate>,
    /// The date was found as an update's, and a publication date may replace it.
    pub date_is_update: bool,
    pub source: Option<String>,
    pub body: Vec<Block>,
    /// The seed line of each body block, where known (for `--explain`).
    pub body_lines: Vec<usize>,
    pub responses: Vec<Response>,
    /// The headline's candidates as scored, best first (for `--explain`).
    pub title_candidates: Vec<super::title_model::TitleCandidate>,
    /// Lines left out, with why (for `--explain`).
    pub dropped: Vec<(usize, String, &'static str)>,
}

pub(super) fn push_body(parts: &mut Parts, line: &Line) {
    parts.body.push(block(line, false));
    parts.body_lines.push(line.number);
}

/// A line as a block: bullets become list items. In a comment, a leading "1." is the
/// thread's numbering, not a list the reader wrote.
pub(super) fn block(line: &Line, in_comment: bool) -> Block {
    let text = line.text.as_str();
    for bullet in ["• ", "◦ ", "▪ ", "· ", "– ", "- ", "* "] {
        if let Some(rest) = text.strip_prefix(bullet) {
            return Block::Item(rest.trim().to_string());
        }
    }
    if let Some((num, rest)) = text.split_once(". ").or_else(|| text.split_once(") ")) {
        if let Ok(n) = num.parse::<u32>() {
            if num.len() <= 3 && !rest.is_empty() {
                return if in_comment && line.indented {
                    Block::Para(rest.to_string())
                } else {
                    Block::Numbered(n, rest.to_string())
                };
            }
        }
    }
    Block::Para(text.to_string())
}
