//! Related articles: those sharing the most (and the rarest) tags and topics.
//!
//! Only pages that share a tag are scored, found through the tag lists, so the cost
//! follows the tags' sizes rather than the square of the archive. A shared tag counts
//! by how rare it is (a tag on three pages says more than one on three thousand, and one
//! on most of the archive is passed over); a shared topic adds a little. Where tags give too few, the newest of the same topic fill in.

use rustc_hash::FxHashMap;

use super::Site;

/// How many related articles a page shows at most, and tries to show at least.
pub const MAX_RELATED: usize = 5;
pub const MIN_RELATED: usize = 3;
/// A tag on more pages than this says little about any one of them ("NHS" on half the
/// archive), and scoring through it would cost the archive's size per page.
const MAX_TAG_PAGES: usize = 400;

/// The related pages of `site.pages[i]` (indices), best first.
pub fn related(site: &Site, i: usize) -> Vec<usize> {
    let page = &site.pages[i];
    let mut score: FxHashMap<usize, f64> = FxHashMap::default();
    for slug in &page.tag_slugs {
        let Some(group) = site.taxonomy.tags.get(slug) else {
            continue;
        };
        if group.pages.len() > MAX_TAG_PAGES {
            continue;
        }
        let weight = 1.0 / (1.0 + (group.pages.len() as f64).ln());
        for &j in group.pages.iter().filter(|&&j| j != i) {
            *score.entry(j).or_default() += weight;
        }
    }
    for (j, s) in &mut score {
        let shared = site.pages[*j]
            .topics
            .iter()
            .filter(|t| page.topics.contains(t))
            .count();
        *s += 0.25 * shared as f64;
    }
    let mut ranked: Vec<(usize, f64)> = score.into_iter().collect();
    // Ties go to the newer page (lower index), so the result is stable.
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut picks: Vec<usize> = ranked
        .into_iter()
        .take(MAX_RELATED)
        .map(|(j, _)| j)
        .collect();
    for topic in &page.topics {
        for &j in site.taxonomy.topic_pages(topic) {
            if picks.len() >= MIN_RELATED {
                return picks;
            }
            if j != i && !picks.contains(&j) {
                picks.push(j);
            }
        }
    }
    picks
}
