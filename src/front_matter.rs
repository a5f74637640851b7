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

/// The most entries a `tags` or `topics` list may have. Every tag is a page that lists
/// its articles with their tags, so an article's tags cost the square of their number:
/// 20,000 took minutes. The importer gives at most 12.
pub const LIST_MAX: usize = 100;

/// How deep `[` and `{` may nest. The YAML parser's time grows with the square of the
/// depth (100,000 levels took 21 s) before serde_yaml's own limit of 128 refuses it.
pub const NESTING_MAX: usize = 128;

/// The byte offset in `yaml` where flow collections nest past [`NESTING_MAX`], if they
/// do. A linear scan that knows where YAML opens a flow collection or a quoted scalar:
/// brackets in quotes, comments and plain text (`title: a [b`) do not count. Where it
/// cannot tell (block scalars), it counts: it may over-count, never under-count, so no
/// nesting reaches the parser unseen.
pub fn too_deep(yaml: &str) -> Option<usize> {
    let bytes = yaml.as_bytes();
    let spaced = |i: usize| bytes.get(i).is_none_or(|b| b.is_ascii_whitespace());
    let mut depth = 0usize;
    // Whether a value may start here: on a line that starts at column 0, after `: `, `- `
    // or `? `, inside a flow collection after `[`, `{`, `,` or `:`, and on the next line
    // when a line ends where a value may start (`tags:`). An indented line that goes on
    // with a plain text (`title: a` then `  'b`) starts nothing.
    let mut value_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'\n' => {
                value_start =
                    value_start || (depth == 0 && !matches!(bytes.get(i + 1), Some(b' ' | b'\t')));
            }
            b' ' | b'\t' | b'\r' => {}
            // A tag or an anchor comes before the value it names.
            b'!' | b'&' if value_start => {
                i = bytes[i..]
                    .iter()
                    .position(u8::is_ascii_whitespace)
                    .map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                i = bytes[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'\'' | b'"' if value_start => {
                i = quoted_end(bytes, i);
                value_start = false;
                continue;
            }
            b'[' | b'{' if value_start || depth > 0 => {
                depth += 1;
                if depth > NESTING_MAX {
                    return Some(i);
                }
                value_start = true;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                value_start = false;
            }
            b',' if depth > 0 => value_start = true,
            b':' => value_start = depth > 0 || spaced(i + 1),
            b'-' | b'?' if value_start => value_start = spaced(i + 1),
            _ => value_start = false,
        }
        i += 1;
    }
    None
}

/// The offset just past the quoted scalar opening at `start` (`''` and `\"` do not
/// close it), or the end of the text.
fn quoted_end(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 1,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 1,
            c if c == quote => return i + 1,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

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
/// closes it.
pub fn split(text: &str) -> Option<Split<'_>> {
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
    }

    #[test]
    fn deep_nesting_is_found_before_parsing() {
        assert_eq!(too_deep("tags: [[a], {b: [c]}]\n"), None);
        let deep = format!("tags: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(too_deep(&deep), Some(6 + NESTING_MAX));
        let balanced = "[x] ".repeat(1_000);
        assert_eq!(too_deep(&balanced), None);
        let deep_map = format!("tags: {}", "{a: ".repeat(200));
        assert!(too_deep(&deep_map).is_some());
        // Brackets that open nothing: in quotes, in plain text, in comments.
        let many = "[".repeat(300);
        for text in [
            format!("title: '{many}'\n"),
            format!("title: '{many}'' it''s'\n"),
            format!("title: \"{many} \\\" x\"\n"),
            format!("title: Word {many}\n"),
            format!("summary: it's {many}\n"),
            format!("title: x # {many}\n"),
            format!("tags: ['{many}', \"{many}\"]\n"),
            format!("summary: |\n  {many}\n"),
            format!("title: a\n  {many}\n"),
            format!("title: 'a\n  {many}'\n"),
        ] {
            assert_eq!(too_deep(&text), None, "{text}");
        }
        // A quote that is not one cannot hide nesting from the count.
        for text in [
            format!("title: a, 'x\ntags: {many}\n"),
            format!("title: a:'x\ntags: {many}\n"),
            format!("title: don't\ntags: {many}\n"),
            format!("tags: [a'b, {many}\n"),
            format!("title: a\n  'x\ntags: {many}\n"),
            format!("tags: !!seq {many}\n"),
            format!("tags: &anchor\n  {many}\n"),
            format!("tags: # comment\n  {many}\n"),
            format!("tags:\n- - {many}\n"),
        ] {
            assert!(too_deep(&text).is_some(), "{text}");
        }
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
