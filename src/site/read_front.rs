//! YAML front matter -> [`FrontMatter`], with every bad value reported. A value that does
//! not fit its key (`date: 2023-02-30`, `tags: 3`) is reported and its key set aside, and
//! the rest is read again: one bad value must not hide the others (issue 19).

use std::path::Path;

use crate::content::front_matter::{self, FrontMatter, KEYS};
use crate::error::Diagnostic;

/// What was read: the front matter (without the keys whose values were bad), the unknown
/// keys, and one error per bad value. `front` is `None` when the YAML itself is broken.
pub(super) struct Read {
    pub front: Option<FrontMatter>,
    pub unknown: Vec<String>,
    pub errors: Vec<Diagnostic>,
}

pub(super) fn read(file: &Path, yaml: &str) -> Read {
    // The key blocks set aside are blanked, not cut, so every line keeps its number.
    let mut text = yaml.to_string();
    let mut errors = Vec::new();
    loop {
        let mut unknown = Vec::new();
        let de = serde_yaml::Deserializer::from_str(&text);
        match serde_ignored::deserialize(de, |path| unknown.push(path.to_string())) {
            Ok(front) => {
                return Read {
                    front: Some(front),
                    unknown,
                    errors,
                }
            }
            Err(e) => {
                let (d, line) = diagnose(file, yaml, &e);
                errors.push(d);
                // Valid YAML with a value its key refused: read it again without that key.
                // Broken YAML is not guessed at. Each round blanks a key, so this ends.
                let valid = serde_yaml::from_str::<serde_yaml::Value>(&text).is_ok();
                let blanked = line
                    .filter(|_| valid)
                    .and_then(|line| blank_key_at(&text, line));
                match blanked {
                    Some(t) if t != text => text = t,
                    _ => {
                        return Read {
                            front: None,
                            unknown,
                            errors,
                        }
                    }
                }
            }
        }
    }
}

/// The error, at its line and column of the `.md` file, and that line when it is known.
fn diagnose(file: &Path, yaml: &str, e: &serde_yaml::Error) -> (Diagnostic, Option<usize>) {
    let message = e.to_string();
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_string();
    // A value's own check ("not a date") names the value but not where it is. serde_yaml
    // counts lines from the front matter's first line; the file has `---` above it.
    let location = e.location().map(|l| (l.line() + 1, l.column()));
    // serde_yaml names the key when the value has the wrong type (`tags: invalid type`),
    // and then knows where the value is.
    let key = message
        .split_once(": ")
        .map(|(k, _)| k)
        .filter(|k| KEYS.contains(k));
    let at = match key {
        Some(k) => location.or_else(|| front_matter::key_line(yaml, k)),
        None => message
            .split('`')
            .nth(1)
            .and_then(|v| front_matter::find_value(yaml, v))
            .or(location),
    };
    let (line, col) = at.unwrap_or((2, 1));
    let d = Diagnostic::error(file, format!("front matter is not valid: {message}"))
        .at(line, col)
        .help(yaml_help(&message));
    (d, at.map(|(line, _)| line))
}

/// The YAML with the top-level key that holds file line `line` blanked out (the key line,
/// and the indented or `- ` lines below it), or `None` if no key holds that line.
fn blank_key_at(yaml: &str, line: usize) -> Option<String> {
    let lines: Vec<&str> = yaml.split('\n').collect();
    let is_key = |l: &str| {
        l.starts_with(|c: char| !c.is_whitespace() && c != '-' && c != '#') && l.contains(':')
    };
    // File line 2 is the YAML's first.
    let at = line.checked_sub(2).filter(|&i| i < lines.len())?;
    let start = (0..=at).rev().find(|&i| is_key(lines[i]))?;
    let end = (start + 1..lines.len())
        .find(|&i| is_key(lines[i]))
        .unwrap_or(lines.len());
    let kept: Vec<&str> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| if (start..end).contains(&i) { "" } else { l })
        .collect();
    Some(kept.join("\n"))
}

fn yaml_help(message: &str) -> String {
    if message.contains("invalid type") {
        "check the value's type: `tags` and `topics` are lists (`- item` lines), `comments` a number, the rest text".into()
    } else if message.contains("mapping values are not allowed") {
        "a value with a colon in it must be quoted: title: \"Cuts: the facts\"".into()
    } else if message.contains("is not a date") {
        "write dates as YYYY-MM-DD, YYYY-MM or YYYY".into()
    } else {
        "fix the YAML at this line; quote values that hold `:` or start with a symbol".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_value_is_set_aside_and_the_rest_is_read() {
        let yaml = "title: x\ndate: 2023-02-30\ntags: 3\ntopics:\n- a\n";
        let read = read(Path::new("a.md"), yaml);
        assert_eq!(read.errors.len(), 2, "{:?}", read.errors);
        assert_eq!(read.errors[0].line, Some(3));
        let front = read.front.unwrap();
        assert_eq!((front.title.as_str(), front.topics.len()), ("x", 1));
    }

    #[test]
    fn broken_yaml_stops_the_reading() {
        let read = read(Path::new("a.md"), "title: x\ntags: [a\n");
        assert!(read.front.is_none());
        assert_eq!(read.errors.len(), 1);
    }
}
