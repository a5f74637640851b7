//! Import: a pasted web page (a [`Seed`]) -> a clean, tagged [`Document`].
//!
//! The page is split into judged lines ([`lines`]), sorted into headline, byline,
//! article and reader responses ([`structure`]), then titled, summarised, classified and
//! tagged. Everything here is pure: `batch` reads the seeds and writes the files.

pub mod batch;
pub mod classify;
mod dates;
mod decode;
mod forum;
mod header;
mod headline;
mod known_names;
mod lines;
pub mod markdown;
mod parts;
mod replies;
pub mod rules;
mod structure;
#[cfg(test)]
mod structure_tests;
pub mod tags;
mod thread;
pub mod title_features;
mod title_model;

use std::sync::LazyLock;

use regex::Regex;
use sha2::{Digest, Sha256};

pub use batch::{import, ImportOptions, ImportSummary};
pub use decode::{decode, DecodeError};
pub use title_model::TitleCandidate;

use crate::config::Config;
use crate::content::front_matter::{FrontMatter, SUMMARY_MAX};
use crate::date::PartialDate;
use classify::{Classifier, TopicScore};
use lines::word_count;
use parts::{Block, Parts};
use rules::Rules;

/// A pasted document as read from `seeds/`.
#[derive(Debug, Clone)]
pub struct Seed {
    /// The file name, as recorded in front matter (`seed:`).
    pub name: String,
    pub text: String,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
}

impl Seed {
    pub fn new(name: impl Into<String>, bytes: &[u8]) -> Result<(Seed, bool), DecodeError> {
        let decoded = decode(bytes)?;
        Ok((
            Seed {
                name: name.into(),
                text: decoded.text,
                sha256: sha256_hex(bytes),
            },
            decoded.windows_1252,
        ))
    }
}

/// The imported article: front matter and Markdown body, plus how it was decided.
#[derive(Debug, Clone)]
pub struct Document {
    pub front: FrontMatter,
    pub body: String,
    pub explanation: Explanation,
}

/// Why the importer decided what it did, for `--explain`.
#[derive(Debug, Clone, Default)]
pub struct Explanation {
    pub scores: Vec<TopicScore>,
    pub dropped: Vec<(usize, String, &'static str)>,
    /// The headline's candidates as scored, best first.
    pub title: Vec<TitleCandidate>,
}

/// What import needs besides the seed, built once per run.
pub struct Importer<'c> {
    config: &'c Config,
    rules: Rules,
    stemmer: crate::text::BookStemmer,
    classifier: Classifier,
}

impl<'c> Importer<'c> {
    pub fn new(config: &'c Config) -> Importer<'c> {
        let stemmer = crate::text::BookStemmer::new(&config.book.language);
        Importer {
            classifier: Classifier::new(config, &stemmer),
            rules: Rules::new(config),
            stemmer,
            config,
        }
    }

    /// Seed text -> Document. Never fails: a page with no recognisable headline gets its
    /// first words as title, and one with no article text an empty body.
    pub fn convert(&self, seed: &Seed) -> Document {
        let lines = lines::split(&seed.text, &self.rules);
        let mut parts = forum::analyse(&lines, &self.rules)
            .unwrap_or_else(|| structure::analyse(&lines, &self.rules));
        replies::link(&mut parts.responses);
        // As for the article's date below: a comment dated after today is a misreading.
        for r in &mut parts.responses {
            r.date = r.date.filter(|d| !d.is_after(PartialDate::today()));
        }
        let (title, blog_author) = title(&parts);
        let plain_body = plain(&parts.body);
        let scores = self.classifier.scores(&title, &plain_body, &self.stemmer);
        let topics = self.classifier.pick(&scores);
        let tags = tags::tags(
            &format!("{title}\n{plain_body}"),
            &self.rules,
            &self.config.tags,
        );
        let publisher = parts
            .masthead
            .clone()
            .filter(|m| !m.eq_ignore_ascii_case(&title) && Some(m) != parts.author.as_ref());
        let front = FrontMatter {
            slug: Some(crate::slug::slugify(&title)),
            title,
            // A dateline after today is a misreading (or a page that lies), and `check`
            // would refuse it: never invent a date, so none is taken.
            date: parts.date.filter(|d| !d.is_after(PartialDate::today())),
            author: parts.author.clone().or(blog_author),
            publisher,
            source: parts.source.clone(),
            topics,
            tags,
            summary: summary(&parts.body),
            seed: Some(seed.name.clone()),
            seed_sha256: Some(seed.sha256.clone()),
            comments: parts.responses.len(),
            ..FrontMatter::default()
        };
        Document {
            front,
            body: markdown::document(&parts.body, &parts.responses),
            explanation: Explanation {
                scores,
                dropped: parts.dropped,
                title: parts.title_candidates,
            },
        }
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

static SITE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?P<owner>.+?)['’]s\s+)?(?:\S+\s+){0,2}?(?:blog|diary|journal|weblog|notebook|newsletter|forum)$")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

/// The title, and an author found in it ("Garry Jones's blog" -> Garry Jones). A headline
/// that only names the blog is made distinct with the date.
fn title(parts: &Parts) -> (String, Option<String>) {
    let Some(headline) = parts.headline.clone() else {
        let first = parts.body.iter().find_map(|b| match b {
            Block::Para(t) => Some(t.as_str()),
            _ => None,
        });
        let words: Vec<&str> = first.unwrap_or("Untitled").split_whitespace().collect();
        let mut title = words[..words.len().min(12)].join(" ");
        if words.len() > 12 {
            title.push('…');
        }
        return (title, None);
    };
    let Some(site) = SITE_NAME
        .captures(&headline)
        .filter(|_| word_count(&headline) <= 5)
    else {
        return (headline, None);
    };
    let owner = site.name("owner").map(|m| m.as_str().to_string());
    match parts.date {
        Some(date) => (format!("{headline}, {}", date.long()), owner),
        None => (headline, owner),
    }
}

fn plain(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        let (Block::Para(t) | Block::Item(t) | Block::Numbered(_, t)) = b;
        out.push_str(t);
        out.push('\n');
    }
    out
}

/// The first one or two sentences of the article's running text, at most
/// [`SUMMARY_MAX`] characters. Captions, credits and headings are passed over.
fn summary(blocks: &[Block]) -> Option<String> {
    let para = blocks.iter().find_map(|b| match b {
        Block::Para(t) if lines::is_prose(t) && !is_caption(t) => Some(t.as_str()),
        _ => None,
    })?;
    let sentences = sentences(para);
    let mut out = String::new();
    for s in sentences.iter().take(2) {
        let candidate = if out.is_empty() {
            s.to_string()
        } else {
            format!("{out} {s}")
        };
        if candidate.chars().count() > SUMMARY_MAX {
            break;
        }
        out = candidate;
        if out.chars().count() >= 120 {
            break;
        }
    }
    if out.is_empty() {
        let mut cut: String = para.chars().take(SUMMARY_MAX - 1).collect();
        if let Some(space) = cut.rfind(' ') {
            cut.truncate(space);
        }
        out = format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']));
    }
    Some(out)
}

fn is_caption(text: &str) -> bool {
    let lower = text.to_lowercase();
    [
        "[image", "[photo", "photo:", "picture:", "image:", "credit:", "(photo", "(image",
    ]
    .iter()
    .any(|m| lower.contains(m))
}

/// Splits at ". ", "! ", "? " before a capital or quote, not after "Mr." or an initial.
fn sentences(text: &str) -> Vec<&str> {
    const ABBREVIATIONS: [&str; 10] = [
        "Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Sir", "No", "vs", "etc",
    ];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in 0..chars.len().saturating_sub(2) {
        let (i, c) = chars[w];
        let (_, next) = chars[w + 1];
        let (_, after) = chars[w + 2];
        // A quoted question or exclamation may run on (“Why?” he asked); a quoted full stop ends.
        let closes = matches!(c, '.' | '!' | '?')
            || (matches!(c, '”' | '"' | '’') && w > 0 && chars[w - 1].1 == '.');
        if !closes || next != ' ' || !(after.is_uppercase() || matches!(after, '“' | '"' | '‘'))
        {
            continue;
        }
        let word_before = text[start..i].rsplit(' ').next().unwrap_or("");
        if c == '.'
            && (ABBREVIATIONS.contains(&word_before)
                || (word_before.len() == 1 && word_before.chars().all(char::is_uppercase)))
        {
            continue;
        }
        let end = i + c.len_utf8();
        out.push(text[start..end].trim());
        start = end;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Today's date for `collected:`, where a command records it.
pub fn today() -> PartialDate {
    PartialDate::today()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_respect_abbreviations() {
        assert_eq!(
            sentences("Mr. Smith said no. Then J. Bloggs left! “Why?” Done"),
            ["Mr. Smith said no.", "Then J. Bloggs left!", "“Why?” Done"]
        );
    }

    /// Found by the fuzzer (issue 15): a dateline after today was imported, and `check`
    /// then refused the article ("date … is in the future").
    #[test]
    fn a_date_after_today_is_not_taken() {
        let config = Config::example_at(std::path::Path::new("."));
        let importer = Importer::new(&config);
        let body = "The council said the contract would be signed next spring. ".repeat(6);
        let pasted = format!("Council signs contract\n\nBy Ann Smith\n31 December 2999\n\n{body}");
        let (seed, _) = Seed::new("future.txt", pasted.as_bytes()).unwrap();
        let doc = importer.convert(&seed);
        assert_eq!(doc.front.date, None);
        let pasted = pasted.replace("2999", "2019");
        let (seed, _) = Seed::new("past.txt", pasted.as_bytes()).unwrap();
        assert_eq!(
            importer.convert(&seed).front.date.map(|d| d.to_string()),
            Some("2019-12-31".into())
        );
    }

    #[test]
    fn summary_is_bounded() {
        let long = format!("{}.", "word ".repeat(100));
        let s = summary(&[Block::Para(long)]).unwrap();
        assert!(s.chars().count() <= SUMMARY_MAX);
        assert!(s.ends_with('…'));
    }
}
