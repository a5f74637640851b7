//! Text -> index terms: [`crate::text::words`] (lower-casing, diacritic folding, joined
//! apostrophes and hyphens) then the Snowball stemmer of `book.language`.
//!
//! Stop words are kept, with their positions, so "the work programme" still matches as a
//! phrase; they are not stemmed (the browser has no stemmer: it only has to fold them),
//! and ranking skips them unless a query is made of nothing else.

use rust_stemmers::Stemmer;
use rustc_hash::FxHashMap;

/// English stop words (the Snowball list, folded as [`crate::text::words`] folds: "don't"
/// is "dont"). Other languages get none: nothing is skipped, every word ranks.
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "dont",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "isnt",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// The stop words of a `book.language`, sorted.
pub fn stop_words(language: &str) -> Vec<String> {
    let mut words: Vec<String> = match language.split(['-', '_']).next().unwrap_or("en") {
        "en" | "" => ENGLISH_STOP_WORDS.iter().map(|s| s.to_string()).collect(),
        _ => Vec::new(),
    };
    words.sort();
    words
}

/// A word of the text as the index sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset in the text.
    pub offset: usize,
    /// Folded surface form: "naïve" -> "naive".
    pub word: String,
    /// The key its postings are under: the stem, or the word itself for a stop word.
    pub term: String,
    pub stop: bool,
}

/// Stems with a cache: a 10,000-article archive has ~9 million words but a few tens of
/// thousands of distinct ones, and stemming is most of the cost of analysis.
pub struct Analyzer {
    stemmer: Stemmer,
    stop: Vec<String>,
    cache: FxHashMap<String, String>,
}

impl Analyzer {
    pub fn new(language: &str) -> Analyzer {
        Analyzer {
            stemmer: crate::text::stemmer(language),
            stop: stop_words(language),
            cache: FxHashMap::default(),
        }
    }

    pub fn is_stop(&self, word: &str) -> bool {
        self.stop.binary_search_by(|s| s.as_str().cmp(word)).is_ok()
    }

    /// The index term of a folded word.
    pub fn term(&mut self, word: &str) -> String {
        if self.is_stop(word) {
            return word.to_string();
        }
        if let Some(t) = self.cache.get(word) {
            return t.clone();
        }
        let t = self.stemmer.stem(word).into_owned();
        self.cache.insert(word.to_string(), t.clone());
        t
    }

    pub fn tokens(&mut self, text: &str) -> Vec<Token> {
        crate::text::words(text)
            .map(|(offset, word)| {
                let term = self.term(&word);
                let stop = self.is_stop(&word);
                Token {
                    offset,
                    word,
                    term,
                    stop,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_stemmed() {
        let mut a = Analyzer::new("en");
        let t = a.tokens("The Naïve claimants' sanctions");
        let terms: Vec<_> = t.iter().map(|t| t.term.as_str()).collect();
        assert_eq!(terms, ["the", "naiv", "claimant", "sanction"]);
        assert_eq!(t[1].word, "naive");
        assert!(t[0].stop && !t[3].stop);
        assert_eq!(t[3].offset, 22);
        assert_eq!(a.term("sanctioned"), a.term("sanctions"));
    }

    #[test]
    fn stop_words_are_kept_but_not_stemmed() {
        let mut a = Analyzer::new("en");
        assert_eq!(a.term("was"), "was");
        assert_eq!(a.term("does"), "does");
        assert!(a.is_stop("dont"));
        let mut fr = Analyzer::new("fr");
        assert!(!fr.is_stop("the"));
        assert_eq!(fr.term("nationales"), "national");
    }
}
