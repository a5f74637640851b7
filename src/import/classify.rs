//! Topics from the book.toml taxonomy: a transparent, weighted phrase count.
//!
//! Each topic's phrases are matched on word stems. A phrase found `n` times adds
//! `weight * (1 + ln n)` (repetition counts, but less and less), and the sum is divided by
//! `1 + ln(1 + words / 250)` so a long article does not win on length alone. A topic is
//! given at `threshold`, a second one only at `min_share` of the best: a document can be
//! about two topics, but a passing mention does not make it so. No match, no topic.

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::text::{BookStemmer, WordCursor, WordMap};

/// One topic's score for a document, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicScore {
    pub topic: String,
    pub score: f64,
    /// Phrases found, with their counts.
    pub matched: Vec<(String, usize)>,
}

/// The taxonomy, compiled: each phrase as stems, indexed by its first stem.
///
/// Stems are numbered: an article's words become numbers once, and only the few stems
/// that occur in some phrase get one, so the scan allocates nothing per word.
pub struct Classifier {
    /// Tells this classifier's cached word numbers from another's.
    id: u64,
    topics: Vec<String>,
    phrases: Vec<Phrase>,
    stem_ids: FxHashMap<String, u32>,
    /// For each stem number, the phrases that start with it.
    by_first: Vec<Vec<usize>>,
    threshold: f64,
    min_share: f64,
}

struct Phrase {
    topic: usize,
    text: String,
    stems: Vec<u32>,
    weight: f64,
}

/// The number of every stem that starts or continues no phrase.
const NO_PHRASE: u32 = u32::MAX;

impl Classifier {
    pub fn new(config: &Config, stemmer: &BookStemmer) -> Classifier {
        let mut phrases = Vec::new();
        let mut stem_ids = FxHashMap::default();
        for (t, topic) in config.topics.iter().enumerate() {
            for (text, weight) in &topic.phrases {
                let stems: Vec<u32> = stemmer
                    .stems(text)
                    .into_iter()
                    .map(|stem| {
                        let next = stem_ids.len() as u32;
                        *stem_ids.entry(stem).or_insert(next)
                    })
                    .collect();
                // "privatise" and "privatisation" share a stem: count the text once.
                let duplicate = phrases
                    .iter()
                    .any(|p: &Phrase| p.topic == t && p.stems == stems);
                if !stems.is_empty() && !duplicate {
                    phrases.push(Phrase {
                        topic: t,
                        text: text.clone(),
                        stems,
                        weight: *weight,
                    });
                }
            }
        }
        let mut by_first = vec![Vec::new(); stem_ids.len()];
        for (i, p) in phrases.iter().enumerate() {
            by_first[p.stems[0] as usize].push(i);
        }
        static NEXT: AtomicU64 = AtomicU64::new(0);
        Classifier {
            id: NEXT.fetch_add(1, Ordering::Relaxed),
            topics: config.topics.iter().map(|t| t.slug.clone()).collect(),
            phrases,
            stem_ids,
            by_first,
            threshold: config.classify.threshold,
            min_share: config.classify.min_share,
        }
    }

    /// Every topic's score, best first.
    pub fn scores(&self, title: &str, body: &str, stemmer: &BookStemmer) -> Vec<TopicScore> {
        let title_stems = self.numbered(title, stemmer);
        let body_stems = self.numbered(body, stemmer);
        let mut counts = vec![0usize; self.phrases.len()];
        // The title counts twice: it says what the article is about.
        for tokens in [&title_stems, &title_stems, &body_stems] {
            for i in 0..tokens.len() {
                let first = self.by_first.get(tokens[i] as usize);
                for &p in first.into_iter().flatten() {
                    if tokens[i..].starts_with(&self.phrases[p].stems) {
                        counts[p] += 1;
                    }
                }
            }
        }
        let words = (title_stems.len() + body_stems.len()) as f64;
        let norm = 1.0 + (1.0 + words / 250.0).ln();
        let mut scores: Vec<TopicScore> = self
            .topics
            .iter()
            .map(|t| TopicScore {
                topic: t.clone(),
                score: 0.0,
                matched: Vec::new(),
            })
            .collect();
        for (p, &n) in self.phrases.iter().zip(&counts) {
            if n > 0 {
                let s = &mut scores[p.topic];
                s.score += p.weight * (1.0 + (n as f64).ln()) / norm;
                s.matched.push((p.text.clone(), n));
            }
        }
        for s in &mut scores {
            s.score = (s.score * 100.0).round() / 100.0;
            s.matched.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        }
        scores.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.topic.cmp(&b.topic)));
        scores
    }

    /// The number of each word's stem in the phrases ([`NO_PHRASE`] for most words).
    /// Words are looked up once each in a per-thread cache of word -> number, so a word
    /// seen before costs one hash, not a stem and two.
    fn numbered(&self, text: &str, stemmer: &BookStemmer) -> Vec<u32> {
        thread_local! {
            static CACHE: RefCell<(u64, WordMap)> = RefCell::default();
        }
        CACHE.with_borrow_mut(|(owner, cache)| {
            // Bounded: a text of random strings must not grow it without end.
            if *owner != self.id || cache.len() > 1 << 18 {
                cache.clear();
                *owner = self.id;
            }
            let mut ids = Vec::new();
            let mut words = WordCursor::new(text);
            let mut word = String::new();
            while words.next_into(&mut word).is_some() {
                let id = match cache.get(&word) {
                    Some(id) => id,
                    None => {
                        let stem = stemmer.stem(&word);
                        let id = self.stem_ids.get(&stem).copied().unwrap_or(NO_PHRASE);
                        cache.insert(&word, id);
                        id
                    }
                };
                ids.push(id);
            }
            ids
        })
    }

    /// The topics given, from [`Classifier::scores`].
    pub fn pick(&self, scores: &[TopicScore]) -> Vec<String> {
        let best = scores.first().map_or(0.0, |s| s.score);
        scores
            .iter()
            .filter(|s| s.score >= self.threshold && s.score >= best * self.min_share)
            .map(|s| s.topic.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn classify(title: &str, body: &str) -> Vec<String> {
        let config = Config::example_at(Path::new("."));
        let s = BookStemmer::new("en");
        let c = Classifier::new(&config, &s);
        c.pick(&c.scores(title, body, &s))
    }

    #[test]
    fn clear_documents_get_their_topic() {
        assert_eq!(
            classify("Sanctions rise", "Jobcentre staff applied benefit sanctions to more claimants after the work capability assessment, the DWP said."),
            ["welfare-conditionality"]
        );
        assert_eq!(
            classify(
                "Link workers for every practice",
                "Social prescribing link workers will connect patients with the voluntary sector."
            ),
            ["social-prescribing"]
        );
        assert_eq!(
            classify("Hospital contract", "The trust began outsourcing services to a private provider after a tender, a move campaigners call privatisation."),
            ["privatisation"]
        );
    }

    #[test]
    fn off_topic_documents_get_none() {
        assert!(classify("Town win derby", "The home side scored twice in the second half to win the derby in front of a record crowd.").is_empty());
    }
}
