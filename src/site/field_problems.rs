//! What can be wrong with one front-matter field that a pull request controls, and what
//! to do about it: a `source:` that is a script address, a control character, a `seed:`
//! that names a file outside seeds/. Each is a [`Diagnostic`] without a position; the
//! caller in [`super::page`] knows the line.

use std::path::{Path, PathBuf};

use crate::config::{is_web_address, Config};
use crate::content::front_matter;
use crate::error::Diagnostic;

/// A `source:` that looks like an address but is not a web page's. A script or `data:`
/// address is an error: it is never a link on the site, but it has no business in an
/// archive's provenance either, and a pull request that adds one should not pass `check`.
pub(super) fn source_problem(file: &Path, source: &str) -> Option<Diagnostic> {
    let source = source.trim();
    if is_web_address(source) {
        return None;
    }
    // Read the scheme as a browser would: whitespace and control characters inside it
    // are ignored, case does not matter.
    let squeezed: String = source
        .chars()
        .take(40)
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let help = "give the web address the text was collected from (https://...), or a citation line such as `The Guardian, 3 March 2019`";
    if ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| squeezed.starts_with(s))
    {
        return Some(
            Diagnostic::error(
                file,
                format!("source `{source}` is a script or data address, not a web page's"),
            )
            .help(help),
        );
    }
    let scheme = source.split_once(':').map_or("", |(scheme, _)| scheme);
    let looks_like_address = !scheme.is_empty()
        && !source.contains(char::is_whitespace)
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
    looks_like_address.then(|| {
        Diagnostic::warning(
            file,
            format!("source `{source}` is not a web address (http or https): it is shown as text, not as a link"),
        )
        .help(help)
    })
}

/// A control character in the front matter, named by its code and where it is written.
pub(super) fn control_error(file: &Path, f: &front_matter::Forbidden) -> Diagnostic {
    let how = match &f.escape {
        Some(escape) => format!(", written `{escape}`"),
        None => String::new(),
    };
    // The YAML's first line is the file's second: the opening `---` is above it.
    Diagnostic::error(
        file,
        format!("front matter holds the control character U+{:04X}{how}", f.code),
    )
        .at(f.line + 1, f.column)
        .help("delete it (retype the value if you cannot see it): control characters have no place in a title or name, and one in the front matter makes the site's feeds unreadable")
}

/// The original that `seed:` names, published as `original.txt` beside the article: a
/// plain file directly in seeds/ (the importer records the bare file name), and nothing
/// else. `seed:` comes from a pull request, so a path, a `..` or a link out of seeds/ would
/// publish any file the build can read (issue 15): each is an error, without a position
/// (the caller knows the line). `Ok(None)`: well named, but not there (`check` says so).
pub fn seed_file(config: &Config, seed: &str) -> Result<Option<PathBuf>, Diagnostic> {
    let bare = !seed.contains(['/', '\\'])
        && matches!(
            Path::new(seed).components().collect::<Vec<_>>()[..],
            [std::path::Component::Normal(_)]
        );
    if !bare {
        return Err(Diagnostic::error(
            "",
            format!("`seed: {seed}` must be the name of a file in seeds/"),
        )
        .help("write only the file name of the original kept in seeds/, e.g. `seed: the-article.txt`; remove `seed:` if the article has no original"));
    }
    let seeds = config.seeds_dir();
    // Only a link can lead out: seeds/ itself, or the file. A plain file directly in a
    // plain seeds/ is inside, and costs no more than the two lookups.
    if std::fs::symlink_metadata(&seeds).is_ok_and(|m| m.file_type().is_symlink()) {
        if let Some(d) = crate::walk::folder_outside(&seeds, &config.root) {
            return Err(d);
        }
    }
    let path = seeds.join(seed);
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return Ok(None);
    };
    let is_file = if meta.file_type().is_symlink() {
        crate::walk::resolve_inside(&path, &seeds)?.is_file()
    } else {
        meta.is_file()
    };
    if is_file {
        Ok(Some(path))
    } else {
        Err(
            Diagnostic::error("", format!("seeds/{seed} is not a regular file"))
                .help("`seed:` names the text file of the original in seeds/; remove `seed:` if the article has no original"),
        )
    }
}

/// How deep a body line may nest blockquotes and lists. The Markdown parser's work grows
/// with the square of the depth (a 100 kB line of `>` took minutes), and no article
/// nests more than a few levels.
pub const BODY_NESTING_MAX: usize = 64;

/// The first body line (0-based) that opens more than [`BODY_NESTING_MAX`] blockquotes or
/// list items, counted in one pass over the line's leading markers.
pub(super) fn nesting_problem(file: &Path, body: &str) -> Option<(usize, Diagnostic)> {
    body.lines().enumerate().find_map(|(i, line)| {
        let depth = leading_containers(line);
        (depth > BODY_NESTING_MAX).then(|| {
            (
                i,
                Diagnostic::error(
                    file,
                    format!(
                        "this line opens {depth} nested blockquotes or lists: an article may nest at most {BODY_NESTING_MAX}"
                    ),
                )
                .help("remove the extra `>` or list markers at the start of the line"),
            )
        })
    })
}

/// The blockquote (`>`) and list markers (`-`, `*`, `+`, `1.`, `1)`) that open a line.
fn leading_containers(line: &str) -> usize {
    let bytes = line.as_bytes();
    let (mut i, mut depth) = (0, 0);
    loop {
        while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'>') => i += 1,
            Some(b'-' | b'*' | b'+') if matches!(bytes.get(i + 1), Some(b' ' | b'\t')) => i += 1,
            Some(b'0'..=b'9') => {
                let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                match (bytes.get(i + digits), bytes.get(i + digits + 1)) {
                    (Some(b'.' | b')'), Some(b' ' | b'\t')) if digits <= 9 => i += digits + 1,
                    _ => return depth,
                }
            }
            _ => return depth,
        }
        depth += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_containers_are_counted() {
        assert_eq!(leading_containers("plain text"), 0);
        assert_eq!(leading_containers("> quote"), 1);
        assert_eq!(leading_containers("> > - 1. item"), 4);
        assert_eq!(leading_containers("-not a list"), 0);
        assert_eq!(leading_containers("2019. A year"), 1);
        assert_eq!(leading_containers(&">".repeat(100_000)), 100_000);
    }
}
