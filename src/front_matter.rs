//! The YAML front matter of a content file: its keys, how it is split from the body, and
//! how it is written (always serialised, never concatenated by hand).

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;

/// Every key pamphlet reads. Only `title` is required; the importer fills the rest it can.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FrontMatter {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Where the text came from: a URL or a citation line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub topics: Vec<String>,
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The seed file this article was imported from, and its SHA-256 then.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed_sha256: Option<String>,
    /// When the text was collected (set by `pamphlet new --from`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collected: Option<PartialDate>,
    /// Reader comments kept in the "Reader responses" section.
    #[serde(skip_serializing_if = "is_zero")]
    pub comments: usize,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// SHA-256 of the file as the importer wrote it, so a later import can tell a hand
    /// edit (keep it) from its own output (safe to refresh).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub import_sha256: Option<String>,
}

/// The keys above, for "unknown key, did you mean" messages.
pub const KEYS: &[&str] = &[
    "title",
    "slug",
    "date",
    "author",
    "publisher",
    "source",
    "topics",
    "tags",
    "summary",
    "seed",
    "seed_sha256",
    "collected",
    "comments",
    "draft",
    "import_sha256",
];

/// The longest summary, in characters.
pub const SUMMARY_MAX: usize = 300;

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// A file split at its front matter fences.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// 1-based line of the body's first line, so body positions can be reported.
    pub body_line: usize,
}

/// Splits `---\nyaml\n---\nbody`. None when the file does not open with a fence or never
/// closes it. A byte order mark before the fence is skipped: Windows editors add one, and
/// the file is still what its author sees.
pub fn split(text: &str) -> Option<Split<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + yaml.matches('\n').count() + 1;
            return Some(Split {
                yaml,
                body,
                body_line,
            });
        }
        offset += line.len();
    }
    None
}

/// `---\n<yaml>---\n<body>`, the body starting on its own line.
pub fn join(front: &FrontMatter, body: &str) -> String {
    let yaml = serde_yaml::to_string(front).unwrap_or_default();
    let mut out = String::with_capacity(yaml.len() + body.len() + 10);
    out.push_str("---\n");
    out.push_str(&yaml);
    out.push_str("---\n");
    out.push_str(body.trim_start_matches('\n'));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_body_and_its_line() {
        let s = split("---\ntitle: x\ntags: []\n---\nHello\n").unwrap();
        assert_eq!(s.yaml, "title: x\ntags: []\n");
        assert_eq!(s.body, "Hello\n");
        assert_eq!(s.body_line, 5);
        assert_eq!(split("title: x\n"), None);
        assert_eq!(split("---\ntitle: x\n"), None);
        // Issue 15 item 14: a BOM gave "must start with a `---` line".
        let s = split("\u{feff}---\ntitle: x\n---\nHello\n").unwrap();
        assert_eq!((s.yaml, s.body, s.body_line), ("title: x\n", "Hello\n", 4));
    }

    #[test]
    fn yaml_looking_text_round_trips() {
        let front = FrontMatter {
            title: "---\ntitle: x: y # z".into(),
            summary: Some("'quoted' \"double\" & more: yes".into()),
            ..FrontMatter::default()
        };
        let text = join(&front, "---\ntitle: not front matter\n");
        let s = split(&text).unwrap();
        let back: FrontMatter = serde_yaml::from_str(s.yaml).unwrap();
        assert_eq!(back, front);
        assert_eq!(s.body, "---\ntitle: not front matter\n");
    }
}
