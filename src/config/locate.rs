//! Positions in book.toml's text: the line and column of a key or a value, so a
//! diagnostic about a setting points at the line that wrote it.

use crate::error::line_col;

/// Line and column of the key named by a dotted path, best effort: the last segment at the
/// start of a line, or a table header naming it.
pub(super) fn find_key(text: &str, dotted: &str) -> (usize, usize) {
    locate_key(text, dotted).unwrap_or((1, 1))
}

/// Like [`find_key`], `None` when the key is not written in the file.
pub(super) fn locate_key(text: &str, dotted: &str) -> Option<(usize, usize)> {
    let last = dotted.rsplit('.').next().unwrap_or(dotted);
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        let is_key = t.strip_prefix(last).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with('=') || rest.starts_with('.')
        });
        let is_table = t.starts_with('[') && t.trim_end().trim_end_matches(']').ends_with(dotted);
        if is_key || is_table {
            return Some((i + 1, indent + 1));
        }
    }
    None
}

/// Line and column of the first place `value` is written, best effort: (1, 1) when it is not.
pub(super) fn find_value(text: &str, value: &str) -> (usize, usize) {
    text.find(value).map_or((1, 1), |off| line_col(text, off))
}
