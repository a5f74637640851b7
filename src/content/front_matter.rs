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
    /// What sort of page the text was: a news story, a blog post or a forum thread. Said
    /// by whoever adds the article (the importer does not guess it); it names the
    /// schema.org type of the page's structured data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
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
    "kind",
    "import_sha256",
];

/// The `kind:` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    News,
    Blog,
    Forum,
}

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

impl FrontMatter {
    /// The first key whose value holds a character [`is_forbidden`] refuses, and that
    /// character.
    pub fn forbidden(&self) -> Option<(&'static str, char)> {
        let one = |v: &str| v.chars().find(|&c| is_forbidden(c));
        let opt = |v: &Option<String>| v.as_deref().and_then(one);
        let list = |v: &[String]| v.iter().find_map(|t| one(t));
        [
            ("title", one(&self.title)),
            ("slug", opt(&self.slug)),
            ("author", opt(&self.author)),
            ("publisher", opt(&self.publisher)),
            ("source", opt(&self.source)),
            ("topics", list(&self.topics)),
            ("tags", list(&self.tags)),
            ("summary", opt(&self.summary)),
            ("seed", opt(&self.seed)),
            ("seed_sha256", opt(&self.seed_sha256)),
            ("import_sha256", opt(&self.import_sha256)),
        ]
        .into_iter()
        .find_map(|(key, c)| Some((key, c?)))
    }
}

/// A character no front matter value may hold: a control character other than tab and
/// newline (C0, DEL, C1), or a non-character XML forbids. They are invisible in an editor,
/// and XML 1.0 has no way to write most of them, so one in a title breaks feed.xml.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// Where a forbidden character is written in the YAML.
#[derive(Debug, PartialEq, Eq)]
pub struct Forbidden {
    /// 1-based, counted from the YAML's first line.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub code: u32,
    /// The character itself, or the escape that writes it (`\e`, `\x01`).
    pub escape: Option<String>,
}

/// The first forbidden character in `yaml`: typed as itself, or, with `escapes`, written
/// as a double-quoted YAML escape. (A backslash means an escape only inside double quotes,
/// so pass `escapes` only once the parsed values are known to hold such a character.)
pub fn find_forbidden(yaml: &str, escapes: bool) -> Option<Forbidden> {
    for (n, line) in yaml.split('\n').enumerate() {
        // A CRLF file's line ends are not in any value.
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut chars = line.char_indices().enumerate().peekable();
        while let Some((column, (at, c))) = chars.next() {
            let found = |code: u32, escape: Option<String>| Forbidden {
                line: n + 1,
                column: column + 1,
                code,
                escape,
            };
            if is_forbidden(c) {
                return Some(found(c as u32, None));
            }
            if c != '\\' || !escapes {
                continue;
            }
            let rest = &line[at + 1..];
            let (code, len) = match rest.chars().next() {
                Some('\\') => {
                    chars.next();
                    continue;
                }
                Some('0') => (0, 1),
                Some('a') => (7, 1),
                Some('b') => (8, 1),
                Some('v') => (0x0b, 1),
                Some('f') => (0x0c, 1),
                Some('r') => (0x0d, 1),
                Some('e') => (0x1b, 1),
                Some('N') => (0x85, 1),
                Some(kind @ ('x' | 'u' | 'U')) => {
                    let digits = match kind {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    match rest
                        .get(1..1 + digits)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                    {
                        Some(code) => (code, 1 + digits),
                        None => continue,
                    }
                }
                _ => continue,
            };
            if char::from_u32(code).is_some_and(is_forbidden) {
                return Some(found(code, Some(format!("\\{}", &rest[..len]))));
            }
        }
    }
    None
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

/// Where `key:` is written in a file's front matter, as a line and column of the file (the
/// opening `---` is line 1).
pub fn key_line(yaml: &str, key: &str) -> Option<(usize, usize)> {
    yaml.lines()
        .position(|l| l.starts_with(&format!("{key}:")))
        .map(|i| (i + 2, 1))
}

/// Where `value` is first written in a file's front matter, as a line and column of the file.
pub fn find_value(yaml: &str, value: &str) -> Option<(usize, usize)> {
    yaml.lines().enumerate().find_map(|(i, l)| {
        l.find(value)
            .map(|col| (i + 2, l[..col].chars().count() + 1))
    })
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
    fn control_characters_are_found_where_they_are_written() {
        let at = |yaml: &str, escapes| {
            find_forbidden(yaml, escapes).map(|f| (f.line, f.column, f.code, f.escape))
        };
        assert_eq!(at("title: a\r\ntags: [\"\t\"]\r\n", true), None);
        assert_eq!(
            at("title: x\nauthor: \"é\u{1b}\"\n", false),
            Some((2, 11, 0x1b, None))
        );
        assert_eq!(
            at("title: \"a \\\\e \\e\"\n", true),
            Some((1, 15, 0x1b, Some("\\e".into())))
        );
        assert_eq!(
            at("title: \"\\x01 \\u0085\"\n", true),
            Some((1, 9, 1, Some("\\x01".into())))
        );
        assert_eq!(at("title: \"\\x41\\t\\u00e9\"\n", true), None);
        assert_eq!(at("source: C:\\everything\n", false), None);
        let front = FrontMatter {
            tags: vec!["ok".into(), "b\u{0}".into()],
            ..FrontMatter::default()
        };
        assert_eq!(front.forbidden(), Some(("tags", '\u{0}')));
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
