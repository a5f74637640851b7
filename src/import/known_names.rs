//! The names an article may be tagged with, found in one pass: built once from the
//! vocabulary and book.toml's aliases (with the other rules), used by [`super::tags`].

use std::collections::HashSet;

use aho_corasick::AhoCorasick;

use crate::config::TagRules;

/// The names an article may be tagged with (the vocabulary and the aliases), found in
/// one pass over its text however many there are.
pub struct KnownNames {
    pub(super) names: Vec<String>,
    /// Every name whose letters are ASCII, matched with ASCII case ignored. Names in
    /// capitals must then match case ("PIP" is not "pip"): `exact` marks them. Each
    /// pattern's id, mapped back to `names`.
    ascii: AhoCorasick,
    ascii_ids: Vec<usize>,
    exact: Vec<bool>,
    /// The other names, lower-cased, to match the text lower-cased: lower-casing a whole
    /// article is the slow part, so it is done only when some name needs it.
    unicode: Option<(AhoCorasick, Vec<usize>)>,
    /// The vocabulary, lower-cased: is a capitalised run a known name?
    lower: HashSet<String>,
}

impl KnownNames {
    pub fn new(vocabulary: &[String], config: &TagRules) -> KnownNames {
        let names: Vec<String> = vocabulary
            .iter()
            .chain(config.aliases.keys())
            .cloned()
            .collect();
        let in_capitals = |name: &str| name.chars().all(|c| !c.is_lowercase());
        let mut ascii = Vec::new();
        let mut ascii_ids = Vec::new();
        let mut exact = Vec::new();
        let mut unicode = Vec::new();
        let mut unicode_ids = Vec::new();
        for (i, name) in names.iter().enumerate() {
            if in_capitals(name) || name.is_ascii() {
                ascii.push(name.clone());
                ascii_ids.push(i);
                exact.push(in_capitals(name));
            } else {
                unicode.push(name.to_lowercase());
                unicode_ids.push(i);
            }
        }
        let automaton = |patterns: Vec<String>| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(patterns)
                .unwrap_or_else(|e| unreachable!("names are plain strings: {e}"))
        };
        KnownNames {
            ascii: automaton(ascii),
            ascii_ids,
            exact,
            unicode: (!unicode.is_empty()).then(|| (automaton(unicode), unicode_ids)),
            lower: vocabulary.iter().map(|n| n.to_ascii_lowercase()).collect(),
            names,
        }
    }

    /// Whole-word occurrences of each name in `text`.
    pub(super) fn count(&self, text: &str) -> Vec<usize> {
        let mut counts = vec![0; self.names.len()];
        let whole_word = |hay: &str, m: &aho_corasick::Match| {
            let before = hay[..m.start()].chars().next_back();
            let after = hay[m.end()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        };
        for m in self.ascii.find_overlapping_iter(text) {
            let p = m.pattern().as_usize();
            let name = &self.names[self.ascii_ids[p]];
            if (!self.exact[p] || &text[m.range()] == name) && whole_word(text, &m) {
                counts[self.ascii_ids[p]] += 1;
            }
        }
        if let Some((ac, ids)) = &self.unicode {
            let lower = text.to_lowercase();
            for m in ac.find_overlapping_iter(&lower) {
                if whole_word(&lower, &m) {
                    counts[ids[m.pattern().as_usize()]] += 1;
                }
            }
        }
        counts
    }

    pub(super) fn is_known(&self, name: &str) -> bool {
        self.lower.contains(&name.to_ascii_lowercase())
    }
}
