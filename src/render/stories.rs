//! Same-story pages: `stories/<centre>/`, every report of one story, for the groups with
//! more reports than an article page lists. An article page's "Also reported by" stays
//! [`SHOWN`] long however widely a story was carried (a group holds at most
//! [`crate::site::similar::MAX_STORY`]), and links here for the rest.

use serde::Serialize;

use super::context::{ArticleRef, PageKind, PageView, Urls};
use super::page_context::template;
use super::Renderer;
use crate::output::Files;

/// How many other reports of its story an article page lists.
pub const SHOWN: usize = 10;

#[derive(Serialize)]
pub(super) struct StoryView<'a> {
    /// The group's centre: the report the others were matched against.
    centre: &'a ArticleRef,
    /// Every report, the centre first, then the closest to it.
    articles: Vec<&'a ArticleRef>,
}

template! {
    pub(super) struct StoryPage<'a> = "story.html" {
        story: StoryView<'a>,
    }
}

impl Renderer<'_> {
    /// The page of `site.pages[i]`'s story, if its story has one.
    pub(super) fn story_url(&self, i: usize) -> Option<String> {
        let story = self.stories.of(i)?;
        (story.members.len() > SHOWN + 1).then(|| {
            self.views
                .urls
                .path(&Urls::story(&self.site.pages[story.centre()].slug))
        })
    }

    /// A page for each story with more reports than an article page lists.
    pub(super) fn stories(&self, files: &mut Files) {
        for story in &self.stories.stories {
            if story.members.len() <= SHOWN + 1 {
                continue;
            }
            let centre = &self.site.pages[story.centre()];
            let rel = Urls::story(&centre.slug);
            let title = format!("The story: {}", centre.title);
            let description = format!("{} reports of one story.", story.members.len());
            let page = PageView::new(
                &self.views.urls,
                PageKind::Story,
                &title,
                &description,
                &rel,
            );
            let story = StoryView {
                centre: self.views.article(story.centre()),
                articles: story
                    .members
                    .iter()
                    .map(|&j| self.views.article(j))
                    .collect(),
            };
            if let Some(html) = self.render_page(&page, &StoryPage { story }) {
                files.insert(format!("{rel}index.html").into(), html.into_bytes());
            }
        }
    }
}
