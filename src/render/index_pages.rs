//! The pages that index the lists: /topics/, /tags/, /years/ (with its charts) and
//! /publishers/, and the topic feeds, rendered with the pages every site has once.

use std::collections::BTreeMap;

use serde::Serialize;

use super::context::{PageKind, PageView, TagRef, TopicView, Urls};
use super::page_context::template;
use super::{chart, feeds, Renderer};
use crate::output::Files;

#[derive(Serialize)]
pub(super) struct YearView {
    year: i32,
    count: usize,
    url: String,
}

template! {
    pub(super) struct TopicsPage<'a> = "topics.html" {
        topics: &'a [TopicView],
        /// The articles no topic took, as a topic.
        unsorted: &'a TopicView,
    }
}

template! {
    pub(super) struct TagsPage = "tags.html" {
        /// Every tag, by name.
        tags: Vec<TagRef>,
    }
}

template! {
    pub(super) struct YearsPage = "years.html" {
        years: Vec<YearView>,
        /// Articles per year, as an SVG bar chart.
        chart_svg: String,
        /// Articles per month, a row per topic, as SVG.
        timeline_svg: String,
    }
}

template! {
    pub(super) struct PublishersPage = "publishers.html" {
        /// Every publisher, most articles first.
        publishers: Vec<TagRef>,
    }
}

impl Renderer<'_> {
    /// The topic feeds and the tags, years and publishers index pages.
    pub(super) fn shared(&self, files: &mut Files) {
        let tax = &self.site.taxonomy;
        for t in &self.views.topics {
            let pages = tax.topic_pages(&t.slug);
            let rel = format!("topics/{}/feed.xml", t.slug);
            let title = format!("{}: {}", self.config.book.title, t.name);
            let feed = feeds::atom(
                self.site,
                &self.views,
                pages,
                &title,
                &rel,
                &Urls::topic(&t.slug, 1),
            );
            files.insert(rel.into(), feed.into_bytes());
        }
        self.index_pages(files);
    }

    pub(super) fn chart(&self, pages: &[usize], label: &str) -> String {
        let mut by_year: BTreeMap<i32, usize> = BTreeMap::new();
        for &i in pages {
            if let Some(d) = self.site.pages[i].date {
                *by_year.entry(d.year).or_default() += 1;
            }
        }
        let counts: Vec<(i32, usize)> = by_year.into_iter().collect();
        chart::per_year(&counts, label)
    }

    pub(super) fn years(&self) -> Vec<YearView> {
        self.site
            .taxonomy
            .years
            .iter()
            .rev()
            .map(|(y, p)| YearView {
                year: *y,
                count: p.len(),
                url: self.views.urls.path(&Urls::year(*y, 1)),
            })
            .collect()
    }

    /// /topics/, /tags/, /years/ and /publishers/.
    pub(super) fn index_pages(&self, files: &mut Files) {
        let urls = &self.views.urls;
        let page = PageView::new(
            urls,
            PageKind::Topics,
            "Topics",
            "Every topic of the archive, with its number of articles.",
            Urls::TOPICS,
        );
        let topics = TopicsPage {
            topics: &self.views.topics,
            unsorted: &self.views.unsorted,
        };
        if let Some(html) = self.render_page(&page, &topics) {
            files.insert(
                format!("{}index.html", Urls::TOPICS).into(),
                html.into_bytes(),
            );
        }
        let mut tags = group_refs(&self.site.taxonomy.tags, |slug| {
            urls.path(&Urls::tag(slug, 1))
        });
        tags.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then(a.slug.cmp(&b.slug))
        });
        let page = PageView::new(
            urls,
            PageKind::Tags,
            "Tags",
            "Every tag in the archive, with its number of articles.",
            "tags/",
        );
        if let Some(html) = self.render_page(&page, &TagsPage { tags }) {
            files.insert("tags/index.html".into(), html.into_bytes());
        }
        let all: Vec<usize> = (0..self.site.pages.len()).collect();
        let page = PageView::new(
            urls,
            PageKind::Years,
            "Years",
            "The archive by year of publication.",
            "years/",
        );
        let years = YearsPage {
            years: self.years(),
            chart_svg: self.chart(&all, "Articles per year"),
            timeline_svg: self.timeline(),
        };
        if let Some(html) = self.render_page(&page, &years) {
            files.insert("years/index.html".into(), html.into_bytes());
        }
        let mut publishers = group_refs(&self.site.taxonomy.publishers, |slug| {
            urls.path(&Urls::publisher(slug, 1))
        });
        publishers.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        let page = PageView::new(
            urls,
            PageKind::Publishers,
            "Publishers",
            "The outlets whose articles the archive holds, with how many of each.",
            "publishers/",
        );
        if let Some(html) = self.render_page(&page, &PublishersPage { publishers }) {
            files.insert("publishers/index.html".into(), html.into_bytes());
        }
    }

    /// Articles per month across the archive, a row per topic.
    fn timeline(&self) -> String {
        let mut rows: Vec<(String, Vec<(i32, u8)>)> = Vec::new();
        for t in self
            .views
            .topics
            .iter()
            .chain(std::iter::once(&self.views.unsorted))
        {
            let months: Vec<(i32, u8)> = self
                .site
                .taxonomy
                .topic_pages(&t.slug)
                .iter()
                .filter_map(|&i| self.site.pages[i].date)
                .filter_map(|d| Some((d.year, d.month?)))
                .collect();
            if !months.is_empty() {
                rows.push((t.name.clone(), months));
            }
        }
        chart::per_month(&rows, "Articles per month, by topic")
    }
}

/// Links to each group of a taxonomy (tags, publishers) with its article count.
fn group_refs(
    groups: &BTreeMap<String, crate::site::Group>,
    url: impl Fn(&str) -> String,
) -> Vec<TagRef> {
    groups
        .iter()
        .map(|(slug, g)| TagRef {
            name: g.name.clone(),
            slug: slug.clone(),
            url: url(slug),
            count: g.pages.len(),
        })
        .collect()
}
