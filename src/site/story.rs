//! Same-story groups: the articles that report one story (syndicated copies, or several
//! outlets quoting the same statement).
//!
//! A group is a centre and the articles similar to that centre, never a chain: A like B
//! and B like C put C beside A only if C is like A too. Pairs are taken most similar
//! first; a pair of two ungrouped articles starts a group around the first of them (the
//! newer); an ungrouped article joins a group only if it is similar to its centre and
//! the group has room ([`MAX_STORY`]); two groups never merge. Similarity is
//! [`similar::similar_pairs`]'s, which already ignores the archive's common text, and a
//! rare long quotation (in at most [`QUOTED_BY`] articles) counts as similar at the
//! threshold: two outlets quoting one statement report one story, while a stock
//! statement quoted across the archive links nothing.

use rustc_hash::FxHashMap;

use super::similar::{self, MAX_STORY, SAME_STORY};
use super::Site;

/// A quotation in more articles than this is a stock statement, not one story's.
pub const QUOTED_BY: usize = 10;

/// One story: its centre, then the other members, closest to the centre first.
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    pub members: Vec<usize>,
}

impl Story {
    pub fn centre(&self) -> usize {
        self.members[0]
    }
}

/// Every story of the archive with two or more articles, and each page's story.
#[derive(Debug, Default)]
pub struct Stories {
    pub stories: Vec<Story>,
    of: Vec<Option<usize>>,
}

impl Stories {
    /// The story `site.pages[i]` is in, if any.
    pub fn of(&self, i: usize) -> Option<&Story> {
        self.of.get(i).copied().flatten().map(|s| &self.stories[s])
    }

    /// The other members of `site.pages[i]`'s story: the centre first, then the closest.
    pub fn others(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.of(i)
            .into_iter()
            .flat_map(|s| s.members.iter().copied())
            .filter(move |&j| j != i)
    }
}

/// The archive's stories.
pub fn stories(site: &Site) -> Stories {
    let mut pairs: FxHashMap<(usize, usize), f64> = FxHashMap::default();
    for p in similar::similar_pairs(site, SAME_STORY) {
        pairs.insert((p.a, p.b), p.similarity);
    }
    let mut quoted: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, p) in site.pages.iter().enumerate() {
        for q in &p.quotations {
            let list = quoted.entry(q).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    for list in quoted
        .values()
        .filter(|l| (2..=QUOTED_BY).contains(&l.len()))
    {
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                pairs.entry((a, b)).or_insert(SAME_STORY);
            }
        }
    }
    group(site.pages.len(), pairs)
}

/// Groups around centres (see the module doc). `pairs` holds each similar pair once,
/// lower index first.
fn group(n: usize, pairs: FxHashMap<(usize, usize), f64>) -> Stories {
    let mut ranked: Vec<((usize, usize), f64)> = pairs.iter().map(|(&k, &v)| (k, v)).collect();
    ranked.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    let near = |a: usize, b: usize| pairs.get(&(a.min(b), a.max(b))).copied();
    let mut of: Vec<Option<usize>> = vec![None; n];
    // Members with their similarity to the centre.
    let mut groups: Vec<Vec<(usize, f64)>> = Vec::new();
    for ((a, b), similarity) in ranked {
        match (of[a], of[b]) {
            (None, None) => {
                of[a] = Some(groups.len());
                of[b] = Some(groups.len());
                groups.push(vec![(a, 1.0), (b, similarity)]);
            }
            (Some(g), None) | (None, Some(g)) => {
                let free = if of[a].is_none() { a } else { b };
                let centre = groups[g][0].0;
                if groups[g].len() < MAX_STORY {
                    if let Some(s) = near(centre, free) {
                        of[free] = Some(g);
                        groups[g].push((free, s));
                    }
                }
            }
            (Some(_), Some(_)) => {}
        }
    }
    let stories = groups
        .into_iter()
        .map(|mut members| {
            members[1..].sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            Story {
                members: members.into_iter().map(|(i, _)| i).collect(),
            }
        })
        .collect();
    Stories { stories, of }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::site::page;
    use std::path::Path;

    fn site(bodies: &[String]) -> Site {
        let config = Config::example_at(Path::new("."));
        let pages = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                page::parse(
                    Path::new(&format!("content/p{i:04}.md")),
                    &format!("---\ntitle: p{i:04}\ndate: 2020-01-01\n---\n{b}\n"),
                    &config,
                )
                .unwrap()
                .0
            })
            .collect();
        Site::from_pages(pages)
    }

    /// Distinct words, so texts built from different seeds share no shingle.
    fn words(seed: usize, count: usize) -> Vec<String> {
        (0..count).map(|k| format!("w{seed}x{k}")).collect()
    }

    fn title_of(s: &Site, i: usize) -> &str {
        s.pages[i].title.as_str()
    }

    fn quote(seed: usize) -> String {
        format!("\"{}\"", words(seed, 12).join(" "))
    }

    #[test]
    fn a_chain_does_not_make_one_group() {
        // A and B quote one statement, B and C another; A and C share nothing.
        let a = format!("{} {}", words(1, 40).join(" "), quote(50));
        let b = format!("{} {} {}", words(2, 40).join(" "), quote(50), quote(51));
        let c = format!("{} {}", words(3, 40).join(" "), quote(51));
        let s = site(&[a, b, c]);
        let stories = stories(&s);
        assert_eq!(stories.stories.len(), 1, "{stories:?}");
        let members: Vec<&str> = stories.stories[0]
            .members
            .iter()
            .map(|&i| title_of(&s, i))
            .collect();
        assert_eq!(members, ["p0000", "p0001"]);
    }

    #[test]
    fn a_stock_statement_in_500_articles_makes_no_group() {
        let stock = "A DWP spokesperson said: \"We are committed to supporting people into work and our reforms will ensure that those who can work are helped to do so while protecting the most vulnerable people in our society today.\"";
        let bodies: Vec<String> = (0..500)
            .map(|i| format!("{} {stock}", words(i + 10, 40).join(" ")))
            .collect();
        let s = site(&bodies);
        let stories = stories(&s);
        assert!(stories.stories.is_empty(), "{:?}", &stories.stories[..1]);
    }

    #[test]
    fn same_story_pairs_still_group_and_groups_are_capped() {
        let story = words(7, 120).join(" ");
        // Sixty outlets carry the story with a sentence of their own.
        let mut bodies: Vec<String> = (0..60)
            .map(|i| format!("{} {story}", words(100 + i, 8).join(" ")))
            .collect();
        bodies.push(words(9, 100).join(" "));
        let s = site(&bodies);
        let stories = stories(&s);
        assert_eq!(stories.stories.len(), 2, "{stories:?}");
        assert_eq!(stories.stories[0].members.len(), MAX_STORY);
        let lone = s.pages.iter().position(|p| p.title == "p0060").unwrap();
        assert!(stories.of(lone).is_none());
        let first = stories.stories[0].members[1];
        assert_eq!(stories.others(first).count(), MAX_STORY - 1);
    }
}
