//! The groupings of an archive: topics (from book.toml, plus "unsorted"), tags and years.
//! Each group lists page indices into `Site::pages`, so they are newest first too.

use std::collections::BTreeMap;

use super::Page;

/// The slug of the group of pages with no topic.
pub const UNSORTED: &str = "unsorted";

#[derive(Debug, Default)]
pub struct Taxonomy {
    /// Topic slug -> pages. Every topic of book.toml that has pages, plus UNSORTED.
    pub topics: BTreeMap<String, Vec<usize>>,
    /// Tag slug -> (tag as written, pages).
    pub tags: BTreeMap<String, Group>,
    /// Year -> pages, for dated pages.
    pub years: BTreeMap<i32, Vec<usize>>,
    /// Publisher slug -> (publisher as written, pages).
    pub publishers: BTreeMap<String, Group>,
}

#[derive(Debug, Default, Clone)]
pub struct Group {
    pub name: String,
    pub pages: Vec<usize>,
}

impl Taxonomy {
    /// Groups the pages. Run again on every edit `serve` sees, so each page costs a few
    /// lookups and no allocation once its groups exist.
    pub fn new(pages: &[Page]) -> Taxonomy {
        let mut t = Taxonomy::default();
        for (i, p) in pages.iter().enumerate() {
            if p.topics.is_empty() {
                push(&mut t.topics, UNSORTED, i);
            }
            for topic in &p.topics {
                push(&mut t.topics, topic, i);
            }
            for (tag, slug) in p.tags.iter().zip(&p.tag_slugs) {
                add(&mut t.tags, slug, tag, i);
            }
            if let Some(d) = p.date {
                t.years.entry(d.year).or_default().push(i);
            }
            if let Some(publisher) = &p.publisher {
                add(&mut t.publishers, &p.publisher_slug, publisher, i);
            }
        }
        t
    }

    pub fn topic_pages(&self, slug: &str) -> &[usize] {
        self.topics.get(slug).map_or(&[], Vec::as_slice)
    }
}

fn push(map: &mut BTreeMap<String, Vec<usize>>, key: &str, page: usize) {
    match map.get_mut(key) {
        Some(pages) => pages.push(page),
        None => {
            map.insert(key.to_string(), vec![page]);
        }
    }
}

/// Adds `page` to the group `slug` (named `name` if it is new), once.
fn add(map: &mut BTreeMap<String, Group>, slug: &str, name: &str, page: usize) {
    match map.get_mut(slug) {
        Some(g) if g.pages.last() == Some(&page) => {}
        Some(g) => g.pages.push(page),
        None => {
            map.insert(
                slug.to_string(),
                Group {
                    name: name.to_string(),
                    pages: vec![page],
                },
            );
        }
    }
}
