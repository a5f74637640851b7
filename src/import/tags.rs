//! Tags: the organisations, programmes, people and places an article names.
//!
//! Three signals, weighted: names from the vocabulary (built-in and book.toml), acronyms
//! ("DWP", "CCGs"), and runs of capitalised words that are not just a sentence's first
//! word ("Disabled People Against Cuts", "Staffordshire"). Variants go through the
//! aliases to one canonical tag. A name seen once and known nowhere is not enough.

use std::collections::{BTreeMap, HashMap};

use std::sync::LazyLock;

use regex::Regex;

use super::rules::Rules;
use crate::config::TagRules;
use crate::content::tags::canonical;

pub const MAX_TAGS: usize = 12;
pub const MIN_TAGS: usize = 3;

static ACRONYM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[A-Z][A-Z0-9&]{1,5}s?(?-u:\b)").unwrap_or_else(|e| unreachable!("{e}"))
});
static CAPITALISED: LazyLock<Regex> = LazyLock::new(|| {
    // Capitalised words, allowing "of", "for", "and", "the", "on", "in" inside a name. A
    // name never runs across a line break: lines of a menu are not one name (issue 16).
    Regex::new(
        r"(?-u:\b)[A-Z][a-z'’]+(?:[ \t]+(?:(?:of|for|and|the|on|in|to|at)[ \t]+)?[A-Z][a-z'’]+)*",
    )
    .unwrap_or_else(|e| unreachable!("{e}"))
});

/// Up to [`MAX_TAGS`] tags for `text`, most significant first.
pub fn tags(text: &str, rules: &Rules, config: &TagRules) -> Vec<String> {
    let mut score: HashMap<String, f64> = HashMap::new();
    let add = |score: &mut HashMap<String, f64>, name: &str, weight: f64| {
        *score.entry(canonical(name, config)).or_default() += weight;
    };
    let known = &rules.known_names;
    for (name, n) in known.names.iter().zip(known.count(text)) {
        if n > 0 {
            add(&mut score, name, 3.0 * n as f64);
        }
    }
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    let mut acronyms: BTreeMap<&str, usize> = BTreeMap::new();
    for m in ACRONYM.find_iter(text) {
        let a = m.as_str();
        let a = a.strip_suffix('s').filter(|s| s.len() >= 2).unwrap_or(a);
        if !is_common_word(a, rules) && !is_roman(a) && !in_shouted_run(text, m.start(), m.end()) {
            *acronyms.entry(a).or_default() += 1;
        }
    }
    // A real acronym recurs ("the DWP … the DWP"), is a known name, or has a shape no
    // word has ("A&E", "G4S"); a word in capitals met once is emphasis or a heading.
    for (a, n) in acronyms {
        let no_word = a.chars().any(|c| !c.is_alphabetic());
        if n >= 2 || no_word || known.is_known(a) || config.aliases.contains_key(a) {
            *names.entry(a.to_string()).or_default() += 2 * n;
        }
    }
    for m in CAPITALISED.find_iter(text) {
        let phrase = trim_sentence_start(text, m.start(), m.as_str(), rules);
        let phrase = strip_possessive(phrase);
        if phrase.is_empty() || rules.stopwords.contains(&phrase.replace('’', "'")) {
            continue;
        }
        *names.entry(phrase.to_string()).or_default() += 1;
    }
    // A short article may name things only once; then a single mention is enough.
    let strong = names
        .iter()
        .filter(|(n, &h)| h >= 2 || n.chars().all(|c| !c.is_lowercase()))
        .count();
    let sparse = score.len() + strong < MIN_TAGS;
    for (name, hits) in names {
        let known = config.aliases.contains_key(&name) || known.is_known(&name);
        let is_acronym = name.chars().all(|c| !c.is_lowercase());
        // Acronyms count double in `hits`; anything else must be named twice.
        let several_words = name.contains(' ');
        if known || is_acronym || hits >= 2 || (sparse && several_words) {
            add(
                &mut score,
                &name,
                if is_acronym {
                    hits as f64
                } else {
                    1.5 * hits as f64
                },
            );
        }
    }
    let mut ranked: Vec<(String, f64)> = score.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen: Vec<String> = Vec::new();
    let mut chosen_lower: Vec<String> = Vec::new();
    for (name, _) in ranked {
        let lower = name.to_lowercase();
        // "Duncan Smith" adds nothing beside "Iain Duncan Smith".
        let covered = chosen_lower
            .iter()
            .any(|c| *c == lower || contains_words(c, &lower) || contains_words(&lower, c));
        if !covered {
            chosen.push(name);
            chosen_lower.push(lower);
        }
        if chosen.len() == MAX_TAGS {
            break;
        }
    }
    chosen
}

/// A capitalised run loses leading common words ("The DWP" -> "DWP"); a single
/// capitalised word that opens a sentence is only that, and gives nothing.
fn trim_sentence_start<'a>(text: &str, start: usize, phrase: &'a str, rules: &Rules) -> &'a str {
    let before = text[..start].trim_end();
    let sentence_start = before.is_empty()
        || before.ends_with(['.', '!', '?', ':', '"', '“', '‘', '(', '—', '–', '…'])
        || text[..start].ends_with('\n');
    // Only the opening word of a run can be a sentence's first word or an article.
    let mut words = phrase;
    let mut trimmed = false;
    if let Some((first, rest)) = words.split_once(' ') {
        let article = matches!(first, "The" | "A" | "An");
        if article || (sentence_start && rules.stopwords.contains(first)) {
            words = rest.trim_start_matches(|c: char| c.is_lowercase() || c == ' ');
            trimmed = true;
        }
    }
    if sentence_start && !trimmed && !words.contains(' ') {
        return "";
    }
    words
}

fn contains_words(haystack: &str, needle: &str) -> bool {
    haystack != needle
        && haystack.match_indices(needle).any(|(i, _)| {
            let before = haystack[..i].chars().next_back();
            let after = haystack[i + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// "Trussell Trust’s" names "Trussell Trust".
fn strip_possessive(phrase: &str) -> &str {
    ["’s", "'s", "’", "'"]
        .iter()
        .find_map(|p| phrase.strip_suffix(p))
        .unwrap_or(phrase)
}

/// "AND", "ACTION": a common word in capitals, not an acronym. Stop words are listed
/// capitalised ("And"), so the word is compared in that case too.
fn is_common_word(word: &str, rules: &Rules) -> bool {
    let mut chars = word.chars();
    let capitalised: String = chars
        .next()
        .into_iter()
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    rules.stopwords.contains(word) || rules.stopwords.contains(&capitalised)
}

/// Is the word at `start..end` one of a run of words in capitals on its line ("TAKE
/// ACTION AND SIGN")? A heading shouted in capitals is no list of acronyms.
fn in_shouted_run(text: &str, start: usize, end: usize) -> bool {
    let shouted = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    let before = text[..start].rsplit(['\n']).next().unwrap_or("");
    let after = text[end..].split(['\n']).next().unwrap_or("");
    let prev = before.split_whitespace().next_back();
    let next = after.split_whitespace().next();
    // Only the word itself, with no word beside it, stands alone ("DWP,").
    let beside = |w: Option<&str>| w.is_some_and(shouted);
    beside(prev) || beside(next)
}

fn is_roman(s: &str) -> bool {
    s.chars().all(|c| "IVXLC".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::path::Path;

    fn tag(text: &str) -> Vec<String> {
        let config = Config::example_at(Path::new("."));
        tags(text, &Rules::new(&config), &config.tags)
    }

    #[test]
    fn organisations_people_and_places() {
        let t = tag("The Department for Work and Pensions and the CCGs met in Staffordshire. Iain Duncan Smith spoke. Later Staffordshire said no, and the DWP agreed.");
        assert!(t.contains(&"DWP".to_string()), "{t:?}");
        assert!(t.contains(&"CCG".to_string()), "{t:?}");
        assert!(t.contains(&"Staffordshire".to_string()), "{t:?}");
        assert!(t.contains(&"Iain Duncan Smith".to_string()), "{t:?}");
        assert!(
            !t.iter()
                .any(|x| x == "Duncan Smith" || x == "The" || x == "Later"),
            "{t:?}"
        );
    }

    #[test]
    fn aliases_merge_variants() {
        let t = tag("IDS said so. Ian Duncan Smith repeated it.");
        assert_eq!(
            t.iter()
                .filter(|x| x.contains("Smith") || *x == "IDS")
                .count(),
            1,
            "{t:?}"
        );
        assert!(t.contains(&"Iain Duncan Smith".to_string()));
    }

    /// Issue 16: a tag never holds a line break (menu lines are not one name).
    #[test]
    fn tags_do_not_run_across_lines() {
        let t = tag("Energy Environment\nTechnology\nBusiness Finance\nEnergy Environment met Technology.\nTechnology said Business Finance.");
        assert!(t.iter().all(|x| !x.contains('\n')), "{t:?}");
    }

    /// Issue 16: an all-caps subheading gave the tags ACTION, AND, AS; a possessive gave
    /// "Trussell Trust’s".
    #[test]
    fn shouted_words_and_possessives_are_no_tags() {
        let t = tag("TAKE ACTION AS A COMMUNITY AND SIGN\nThe Trussell Trust’s figures rose. The DWP disputed the Trussell Trust’s count, and the DWP said so. The IFS was quiet.");
        for word in ["ACTION", "AND", "AS", "SIGN", "TAKE", "COMMUNITY", "IFS"] {
            assert!(!t.contains(&word.to_string()), "{word} in {t:?}");
        }
        assert!(t.contains(&"DWP".to_string()), "{t:?}");
        assert!(t.contains(&"Trussell Trust".to_string()), "{t:?}");
        assert!(
            !t.iter().any(|x| x.ends_with('s') && x.contains('’')),
            "{t:?}"
        );
    }

    #[test]
    fn at_most_twelve() {
        let text: String = (0..30)
            .map(|i| format!("ORG{i} and ORG{i} met. "))
            .collect();
        assert!(tag(&text).len() <= MAX_TAGS);
    }
}
