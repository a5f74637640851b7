//! The fitted headline model: weights for [`super::title_features`], shipped as data in
//! `title_model.json` and written by `bench/fit_title.py` from the corpus's training
//! split. A candidate's score is the weighted sum of its features; the page's headline is
//! the candidate that scores highest (a softmax ranking over the page's candidates).

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

use super::headline::split_site_suffix;
use super::lines::{Kind, Line};
use super::rules::Rules;
use super::title_features::{
    content_words, features, under_teasers, Features, Lowered, Position, NAMES,
};

/// One headline candidate as scored, for the choice and for `--explain`.
#[derive(Debug, Clone)]
pub struct TitleCandidate {
    /// The line's index among the page's judged lines.
    pub(super) line: usize,
    /// The line's number in the seed (1-based).
    pub number: usize,
    pub text: String,
    pub score: f64,
    /// Measured values, in the order of [`NAMES`].
    pub features: Features,
}

impl TitleCandidate {
    /// The headline this line gives, less a title bar's site, a flag or a leading date.
    pub fn headline(&self) -> String {
        split_site_suffix(&self.text).0
    }

    /// The features that weighed most in this candidate's score, largest first, with what
    /// each added.
    pub fn deciding(&self, n: usize) -> Vec<(&'static str, f64)> {
        let mut parts: Vec<(&'static str, f64)> = NAMES
            .iter()
            .zip(self.features.iter().zip(&MODEL.weights))
            .map(|(name, (x, w))| (*name, x * w))
            .filter(|(_, c)| c.abs() > 1e-9)
            .collect();
        parts.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
        parts.truncate(n);
        parts
    }
}

#[derive(Deserialize)]
struct Model {
    features: Vec<String>,
    weights: Vec<f64>,
}

static MODEL: LazyLock<Model> = LazyLock::new(|| {
    let model: Model = serde_json::from_str(include_str!("title_model.json"))
        .unwrap_or_else(|e| unreachable!("title_model.json (tested): {e}"));
    // The file is written by the fit script from the same names; a test holds them equal.
    assert_eq!(
        model.features, NAMES,
        "title_model.json names other features"
    );
    model
});

fn score(f: &Features) -> f64 {
    f.iter().zip(&MODEL.weights).map(|(x, w)| x * w).sum()
}

/// How many lines of the article's running text are read for its words.
const ARTICLE_LINES: usize = 30;

/// The candidates (line indices above the article, in order), scored and sorted best
/// first; of two equal scores the later line wins (the earlier is a menu item or the title
/// bar). `article_start`: where the article's running text begins (`lines.len()` when none
/// was found).
pub(super) fn rank(
    candidates: &[usize],
    article_start: usize,
    lines: &[Line],
    rules: &Rules,
) -> Vec<TitleCandidate> {
    let article_found = article_start < lines.len();
    let lowered = Lowered::new(lines);
    let article_words: HashSet<String> = lines[article_start.min(lines.len())..]
        .iter()
        .filter(|l| l.kind == Kind::Text)
        .take(ARTICLE_LINES)
        .flat_map(|l| content_words(&l.text))
        .collect();
    let teasers = under_teasers(candidates, lines, rules);
    let mut scored: Vec<TitleCandidate> = candidates
        .iter()
        .enumerate()
        .map(|(rank, &i)| {
            let at = Position {
                rank,
                to_article: candidates.len() - 1 - rank,
                article_found,
                article_words: &article_words,
                under_teasers: teasers[rank],
            };
            let features = features(&at, i, lines, &lowered, rules);
            TitleCandidate {
                line: i,
                number: lines[i].number,
                text: lines[i].text.clone(),
                score: score(&features),
                features,
            }
        })
        .collect();
    scored.sort_by(|a, b| b.score.total_cmp(&a.score).then(b.line.cmp(&a.line)));
    scored
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_weights_name_the_features_in_order() {
        assert_eq!(MODEL.features, NAMES);
        assert_eq!(MODEL.weights.len(), NAMES.len());
    }
}
