//! Words and stems, shared by the importer's classifier and the search index, so a
//! phrase in book.toml and a query word match text the same way.

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

/// The Snowball stemmer for a `book.language` code; English when there is none for it.
pub fn stemmer(language: &str) -> Stemmer {
    let algorithm = match language.split(['-', '_']).next().unwrap_or("en") {
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "tr" => Algorithm::Turkish,
        _ => Algorithm::English,
    };
    Stemmer::create(algorithm)
}

/// Lower-cased, diacritics folded ("Naïve" -> "naive"), words split on anything that is
/// not a letter or digit. Apostrophes and hyphens inside a word join it ("co-ordination"
/// -> "coordination", "don't" -> "dont"), so spelling variants meet.
pub fn words(text: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    let mut cursor = WordCursor::new(text);
    std::iter::from_fn(move || {
        let mut word = String::new();
        cursor.next_into(&mut word).map(|start| (start, word))
    })
}

/// [`words`] into one buffer the caller reuses: for the search index, which reads
/// millions of words and would otherwise allocate a string for each.
pub struct WordCursor<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
}

impl<'a> WordCursor<'a> {
    pub fn new(text: &'a str) -> WordCursor<'a> {
        WordCursor {
            chars: text.char_indices().peekable(),
        }
    }

    /// Puts the next word in `word` (cleared first) and returns its byte offset.
    pub fn next_into(&mut self, word: &mut String) -> Option<usize> {
        word.clear();
        let mut start = 0;
        while let Some((i, c)) = self.chars.next() {
            if c.is_alphanumeric() {
                if word.is_empty() {
                    start = i;
                }
                push_folded(word, c);
            } else if !word.is_empty()
                && matches!(c, '\'' | '’' | '-' | '‐')
                && self.chars.peek().is_some_and(|(_, n)| n.is_alphanumeric())
            {
                // joined: skip the mark
            } else if !word.is_empty() {
                return Some(start);
            }
        }
        (!word.is_empty()).then_some(start)
    }
}

fn push_folded(word: &mut String, c: char) {
    if c.is_ascii() {
        word.push(c.to_ascii_lowercase());
        return;
    }
    for d in c.to_lowercase().collect::<String>().nfd() {
        if !unicode_normalization::char::is_combining_mark(d) {
            word.push(d);
        }
    }
}

/// The stems of `text`, in order.
pub fn stems(text: &str, stemmer: &Stemmer) -> Vec<String> {
    words(text)
        .map(|(_, w)| stemmer.stem(&w).into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_and_join() {
        let w: Vec<_> = words("Naïve co-ordination, don’t! £1.2bn")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(w, ["naive", "coordination", "dont", "1", "2bn"]);
    }

    #[test]
    fn stems_meet_variants() {
        let s = stemmer("en");
        assert_eq!(stems("sanctions", &s), stems("sanction", &s));
        assert_eq!(stems("Privatisation", &s), stems("privatisation", &s));
    }
}
