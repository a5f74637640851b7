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
    pub fn new(pages: &[Page]) -> Taxonomy {
        let mut t = Taxonomy::default();
        for (i, p) in pages.iter().enumerate() {
            if p.topics.is_empty() {
                t.topics.entry(UNSORTED.to_string()).or_default().push(i);
            }
            for topic in &p.topics {
                t.topics.entry(topic.clone()).or_default().push(i);
            }
            for (tag, slug) in p.tags.iter().zip(&p.tag_slugs) {
                let g = t.tags.entry(slug.clone()).or_insert_with(|| Group {
                    name: tag.clone(),
                    pages: Vec::new(),
                });
                if g.pages.last() != Some(&i) {
                    g.pages.push(i);
                }
            }
            if let Some(d) = p.date {
                t.years.entry(d.year).or_default().push(i);
            }
            if let Some(publisher) = &p.publisher {
                t.publishers
                    .entry(crate::slug::slugify(publisher))
                    .or_insert_with(|| Group {
                        name: publisher.clone(),
                        pages: Vec::new(),
                    })
                    .pages
                    .push(i);
            }
        }
        t
    }

    pub fn topic_pages(&self, slug: &str) -> &[usize] {
        self.topics.get(slug).map_or(&[], Vec::as_slice)
    }
}
