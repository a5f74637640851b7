//! A tag's canonical form: book.toml's aliases map each variant to one tag. The importer
//! tags through it and the site checks hand-written tags against it.

use crate::config::TagRules;

/// The canonical form of a tag through the aliases (exact first, then ignoring case).
pub fn canonical(name: &str, config: &TagRules) -> String {
    if let Some(c) = config.aliases.get(name) {
        return c.clone();
    }
    config
        .aliases
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(name))
        .map_or_else(|| name.to_string(), |(_, c)| c.clone())
}
