//! Words and stems, shared by the importer's classifier and the search index, so a
//! phrase in book.toml and a query word match text the same way.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
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

/// How many runs of non-space characters `text` has: `split_whitespace().count()`,
/// without decoding what cannot be a space. An article's word count, read for every page
/// on every load.
pub fn whitespace_words(text: &str) -> usize {
    // char::is_whitespace's ASCII members: also the vertical tab, unlike u8's.
    const ASCII_SPACE: [bool; 128] = {
        let mut table = [false; 128];
        let mut i = 0;
        while i < 128 {
            table[i] = matches!(i as u8, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r');
            i += 1;
        }
        table
    };
    let bytes = text.as_bytes();
    let mut count = 0;
    let mut after_space = true;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let mut len = 1;
        let space = match b {
            0..=0x7F => ASCII_SPACE[usize::from(b)],
            // The first bytes of every space beyond ASCII (U+0085, U+00A0, U+1680,
            // U+2000-U+205F, U+3000); any other byte is part of a word.
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                let c = text[i..].chars().next().unwrap_or(' ');
                len = c.len_utf8();
                c.is_whitespace()
            }
            _ => false,
        };
        // Counted without a branch: word starts are too irregular to predict.
        count += usize::from(after_space & !space);
        after_space = space;
        i += len;
    }
    count
}

/// [`words`] into one buffer the caller reuses: for the search index, which reads
/// millions of words and would otherwise allocate a string for each.
pub struct WordCursor<'a> {
    text: &'a str,
    /// Byte offset of the next character to read.
    at: usize,
}

impl<'a> WordCursor<'a> {
    pub fn new(text: &'a str) -> WordCursor<'a> {
        WordCursor { text, at: 0 }
    }

    /// Puts the next word in `word` (cleared first) and returns its byte offset.
    pub fn next_into(&mut self, word: &mut String) -> Option<usize> {
        word.clear();
        let bytes = self.text.as_bytes();
        let mut start = 0;
        while let Some(&b) = bytes.get(self.at) {
            let here = self.at;
            if b.is_ascii_alphanumeric() {
                // Most text is ASCII: copy a run of letters and digits at once.
                let mut end = here + 1;
                while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                    end += 1;
                }
                if word.is_empty() {
                    start = here;
                }
                let from = word.len();
                word.push_str(&self.text[here..end]);
                word[from..].make_ascii_lowercase();
                self.at = end;
                continue;
            }
            let c = if b.is_ascii() {
                char::from(b)
            } else {
                match self.text[here..].chars().next() {
                    Some(c) => c,
                    None => break,
                }
            };
            self.at += c.len_utf8();
            // Quotes and dashes (General Punctuation) are most of what is not ASCII, and
            // none of that block is a letter or digit.
            let punctuation = ('\u{2000}'..='\u{206f}').contains(&c);
            if !c.is_ascii() && !punctuation && c.is_alphanumeric() {
                if word.is_empty() {
                    start = here;
                }
                push_folded(word, c);
            } else if word.is_empty() {
                // Space or punctuation before a word.
            } else if matches!(c, '\'' | '’' | '-' | '‐') && self.letter_or_digit_next() {
                // joined: skip the mark
            } else {
                return Some(start);
            }
        }
        (!word.is_empty()).then_some(start)
    }

    fn letter_or_digit_next(&self) -> bool {
        match self.text.as_bytes().get(self.at) {
            Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
            Some(_) => self.text[self.at..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric),
            None => false,
        }
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

/// The Snowball stemmer of `book.language`, over [`words`]. Not cached here: the
/// importer's classifier caches what it needs per word (its phrase-stem number).
pub struct BookStemmer {
    stemmer: Stemmer,
}

impl BookStemmer {
    pub fn new(language: &str) -> BookStemmer {
        BookStemmer {
            stemmer: stemmer(language),
        }
    }

    /// The stem of one word, as [`words`] gives it.
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
    }

    /// The stems of `text`'s [`words`], in order.
    pub fn stems(&self, text: &str) -> Vec<String> {
        words(text).map(|(_, w)| self.stem(&w)).collect()
    }
}

/// Word -> number. Most words are short: those are packed into an integer key, so a
/// lookup (one per word of the archive) compares two registers instead of following a
/// pointer to the key's bytes, which at this scale is mostly a cache miss.
#[derive(Default)]
pub struct WordMap {
    short: FxHashMap<u128, u32>,
    long: FxHashMap<String, u32>,
}

impl WordMap {
    /// Up to 15 bytes, then the length (words hold no NUL, but the length keeps the
    /// packing unambiguous regardless).
    fn packed(word: &str) -> Option<u128> {
        let len = word.len();
        (len < 16).then(|| {
            let mut key = [0u8; 16];
            key[..len].copy_from_slice(word.as_bytes());
            key[15] = len as u8;
            u128::from_le_bytes(key)
        })
    }

    pub fn get(&self, word: &str) -> Option<u32> {
        match WordMap::packed(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    pub fn insert(&mut self, word: &str, number: u32) {
        match WordMap::packed(word) {
            Some(key) => self.short.insert(key, number),
            None => self.long.insert(word.to_string(), number),
        };
    }

    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word rules read one character at a time, as simply as they can be written:
    /// what [`WordCursor`]'s fast paths must agree with.
    fn words_one_char_at_a_time(text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut word = String::new();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_alphanumeric() {
                if word.is_empty() {
                    start = i;
                }
                push_folded(&mut word, c);
            } else if !word.is_empty()
                && matches!(c, '\'' | '’' | '-' | '‐')
                && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric())
            {
            } else if !word.is_empty() {
                out.push((start, std::mem::take(&mut word)));
            }
        }
        if !word.is_empty() {
            out.push((start, word));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_word_cursor_reads_as_the_simple_rules_do(text in "[a-zA-Z0-9 '’\\-‐.,“”—éÉßİ\u{2070}\u{a0}\u{b}\n]{0,40}") {
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), words_one_char_at_a_time(&text));
            proptest::prop_assert_eq!(whitespace_words(&text), text.split_whitespace().count());
        }
    }

    #[test]
    fn the_word_map_tells_short_and_long_words_apart() {
        let words = [
            "a",
            "ab",
            "sanction",
            "sanctions",
            "fifteen-letters",
            "sixteen-letters!",
            "conditionality-and-privatisation",
        ];
        let mut map = WordMap::default();
        for (n, w) in words.iter().enumerate() {
            map.insert(w, n as u32);
        }
        for (n, w) in words.iter().enumerate() {
            assert_eq!(map.get(w), Some(n as u32), "{w}");
        }
        for unknown in [
            "",
            "b",
            "sanctio",
            "sixteen-letters?",
            "conditionality-and-privatisatio",
        ] {
            assert_eq!(map.get(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn whitespace_words_counts_as_split_whitespace_does() {
        for text in [
            "",
            "  one",
            "one two\tthree\n",
            "a\u{b}b\u{a0}c\u{2003}d — e “f” g\u{3000}h",
            "é  ü\r\n\u{85}x",
        ] {
            assert_eq!(
                whitespace_words(text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn words_fold_and_join() {
        let w: Vec<_> = words("Naïve co-ordination, don’t! £1.2bn")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(w, ["naive", "coordination", "dont", "1", "2bn"]);
    }

    /// Every word stemmed afresh, straight from rust-stemmers.
    fn stems(text: &str, stemmer: &Stemmer) -> Vec<String> {
        words(text)
            .map(|(_, w)| stemmer.stem(&w).into_owned())
            .collect()
    }

    #[test]
    fn the_book_stemmer_stems_as_the_stemmer_does() {
        let text = "Sanctions sanctioned claimants' privatisation; naïve sanctions";
        let (en, fr) = (BookStemmer::new("en"), BookStemmer::new("fr"));
        for _ in 0..2 {
            assert_eq!(en.stems(text), stems(text, &stemmer("en")));
            assert_eq!(fr.stems(text), stems(text, &stemmer("fr")));
        }
    }

    #[test]
    fn stems_meet_variants() {
        let s = stemmer("en");
        assert_eq!(stems("sanctions", &s), stems("sanction", &s));
        assert_eq!(stems("Privatisation", &s), stems("privatisation", &s));
    }
}
