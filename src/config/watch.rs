//! The `[[watch]]` saved searches in book.toml: their type, limit and validation.

use std::path::Path;

use serde::Deserialize;

use super::locate::find_value;
use super::TopicConfig;
use crate::error::{Diagnostic, Report};

/// How many saved searches a site may declare: each is a query run at every build.
pub const WATCHES_MAX: usize = 100;

/// A saved search (`[[watch]]` in book.toml). Its results, newest first, are published as
/// an Atom feed at `/watch/<slug>/feed.xml`, so a campaigner hears of every new article
/// that matches.
///
/// ```toml
/// [[watch]]
/// name = "Sanctions in Scotland"
/// query = "sanctions"
/// topics = ["welfare-conditionality"]   # every one listed (slug or name)
/// tags = ["Scotland"]                   # every one listed (name or slug)
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watch {
    pub name: String,
    pub slug: String,
    /// Words as `pamphlet search` takes them.
    pub query: String,
    /// Topic slugs.
    pub topics: Vec<String>,
    /// Tag slugs.
    pub tags: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RawWatch {
    name: String,
    query: String,
    topics: Vec<String>,
    tags: Vec<String>,
}

/// `[[watch]]` tables as written -> saved searches, every problem reported at its line.
pub(super) fn watches(
    raw: Vec<RawWatch>,
    topics: &[TopicConfig],
    text: &str,
    file: &Path,
    report: &mut Report,
) -> Option<Vec<Watch>> {
    // The n-th `[[watch]]` header, for problems that have no value of their own to point at.
    let header = |n: usize| {
        text.lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with("[[watch]]"))
            .nth(n)
            .map_or((1, 1), |(i, _)| (i + 1, 1))
    };
    if raw.len() > WATCHES_MAX {
        report.push(
            Diagnostic::error(
                file,
                format!(
                    "book.toml has {} [[watch]] searches: at most {WATCHES_MAX}",
                    raw.len()
                ),
            )
            .at(header(WATCHES_MAX).0, 1)
            .help("keep the searches people subscribe to; a topic or tag already has a feed"),
        );
        return None;
    }
    let mut ok = true;
    let mut out: Vec<Watch> = Vec::new();
    for (n, w) in raw.into_iter().enumerate() {
        let mut problem = |at: (usize, usize), message: String, help: String| {
            report.push(Diagnostic::error(file, message).at(at.0, at.1).help(help));
            ok = false;
        };
        if w.name.trim().is_empty() || w.query.trim().is_empty() {
            problem(
                header(n),
                "a [[watch]] search needs a `name` and a `query`".into(),
                "e.g. name = \"Sanctions in Scotland\" and query = \"sanctions\"".into(),
            );
            continue;
        }
        let slug = crate::slug::slugify(&w.name);
        if let Some(first) = out.iter().find(|o| o.slug == slug) {
            problem(
                find_value(text, &w.name),
                format!(
                    "[[watch]] `{}` has the same address as `{}`: /watch/{slug}/",
                    w.name, first.name
                ),
                "give each saved search a different name".into(),
            );
            continue;
        }
        let mut topic_slugs = Vec::new();
        for t in &w.topics {
            match topics
                .iter()
                .find(|c| c.slug == *t || c.name.eq_ignore_ascii_case(t.trim()))
            {
                Some(c) => topic_slugs.push(c.slug.clone()),
                None => problem(
                    find_value(text, t),
                    format!("[[watch]] `{}`: no topic `{t}`", w.name),
                    format!(
                        "the topics are: {}",
                        topics
                            .iter()
                            .map(|c| c.slug.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            }
        }
        out.push(Watch {
            slug,
            query: w.query.trim().to_string(),
            topics: topic_slugs,
            tags: w.tags.iter().map(|t| crate::slug::slugify(t)).collect(),
            name: w.name.trim().to_string(),
        });
    }
    ok.then_some(out)
}
