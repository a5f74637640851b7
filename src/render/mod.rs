//! Render: [`Site`] -> [`Rendered`], every file of the built site in memory. Pure: the
//! caller decides where (and whether) it is written.

mod article;
pub use article::shown;
mod chart;
mod cite;
pub mod context;
mod exports;
mod feeds;
mod index_pages;
mod lists;
pub mod markdown;
mod metadata;
pub mod page_context;
pub mod routes;
mod sanitise;
mod singles;
mod stories;
pub mod templates;
mod watch;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::config::Config;
use crate::error::{Diagnostic, Report};
use crate::output::Files;
use crate::site::story::Stories;
use crate::site::{related, Site};
use context::{PageView, Views};
pub use lists::{lists_of, ListId, ListKind};
use markdown::Markdown;
pub use templates::Theme;

/// The built site, path -> bytes.
#[derive(Debug, Default)]
pub struct Rendered {
    pub files: Files,
    /// HTML pages among the files.
    pub pages: usize,
}

/// Everything one render needs, shared by the page renderers.
struct Renderer<'a> {
    site: &'a Site,
    config: &'a Config,
    theme: &'a Theme,
    views: Views<'a>,
    site_value: tera::Value,
    markdown: Markdown,
    /// Template errors, one per template (the same mistake would repeat on every page).
    errors: Mutex<BTreeMap<String, Diagnostic>>,
    /// The archive's same-story groups, worked out for the whole site even when a few
    /// pages are rendered (serve): a page's group depends on its neighbours' groups.
    stories: &'a Stories,
}

/// Which articles and lists to render: all of them for a build; for `serve`, the few an
/// edit touched.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Article slugs; None for all.
    pub articles: Option<BTreeSet<String>>,
    /// Lists; None for all.
    pub lists: Option<BTreeSet<ListId>>,
    /// The pages every site has once (home, index pages, feeds, sitemap, exports). An
    /// edit that changes nothing lists show can leave them out.
    pub shared: bool,
}

impl Selection {
    pub fn all() -> Selection {
        Selection {
            articles: None,
            lists: None,
            shared: true,
        }
    }

    fn has_article(&self, slug: &str) -> bool {
        self.articles.as_ref().is_none_or(|s| s.contains(slug))
    }

    fn has_list(&self, id: &ListId) -> bool {
        self.lists.as_ref().is_none_or(|s| s.contains(id))
    }
}

/// The data exports alone: `serve` brings them up to date with its search index, after a
/// quiet moment, rather than on every save.
pub fn exports(site: &Site, config: &Config) -> Files {
    let views = Views::new(site, config);
    exports::exports(site, &views, config)
}

/// What needs the search index: the search page, which names the index's content-hashed
/// meta file (`search_meta`, site-relative), and the feeds of the saved searches, from
/// what each found (`watched`, in book.toml's order). Rendered on their own, once the
/// index is built: the rest of the site does not wait for the index.
pub fn search_page(
    site: &Site,
    config: &Config,
    theme: &Theme,
    search_meta: &str,
    watched: &[Vec<usize>],
    report: &mut Report,
) -> Option<Rendered> {
    // Neither names another article's story.
    let no_stories = Stories::default();
    let r = Renderer::new(site, config, theme, &no_stories);
    let mut files = Files::new();
    r.search_page(search_meta, &mut files);
    r.watch_feeds(watched, &mut files);
    r.finish(files, report)
}

/// Renders what `selection` names ([`Selection::all`]: every page, feed and asset but the
/// search page, see [`search_page`]), plus the shared pages. `stories` are the site's
/// same-story groups ([`crate::site::story::stories`]), which `serve` keeps between edits. Template
/// failures are reported (once per template) and make the result None.
pub fn render_selected(
    site: &Site,
    config: &Config,
    theme: &Theme,
    stories: &Stories,
    selection: &Selection,
    report: &mut Report,
    progress: &(dyn Fn(u64) + Sync),
) -> Option<Rendered> {
    let r = Renderer::new(site, config, theme, stories);
    // Articles and lists side by side, so neither's last stretch leaves a core idle.
    let (articles, mut files) = rayon::join(
        || -> Vec<Files> {
            (0..site.pages.len())
                .into_par_iter()
                .filter(|&i| selection.has_article(&site.pages[i].slug))
                .map(|i| {
                    let mut files = Files::new();
                    r.article(i, &related::related(site, i), &mut files);
                    progress(1);
                    files
                })
                .collect()
        },
        || {
            let mut files = Files::new();
            r.lists(selection, &mut files);
            if selection.shared {
                r.shared(&mut files);
                r.stories(&mut files);
                r.singles(&mut files);
            }
            files
        },
    );
    files.extend(articles.into_iter().flatten());
    let mut rendered = r.finish(files, report)?;
    rendered.files.extend(theme.assets.clone());
    rendered.files.insert(".nojekyll".into(), Vec::new());
    Some(rendered)
}

impl Rendered {
    /// Adds another part of the site.
    pub fn extend(&mut self, other: Rendered) {
        self.files.extend(other.files);
        self.pages += other.pages;
    }
}

impl<'a> Renderer<'a> {
    fn new(
        site: &'a Site,
        config: &'a Config,
        theme: &'a Theme,
        stories: &'a Stories,
    ) -> Renderer<'a> {
        let views = Views::new(site, config);
        Renderer {
            site_value: tera::to_value(&views.site).unwrap_or_default(),
            markdown: Markdown::new(&views.urls.base, config.html.allow_raw_html),
            views,
            site,
            config,
            theme,
            errors: Mutex::new(BTreeMap::new()),
            stories,
        }
    }

    /// The rendered files, or None (with the template errors reported) if any failed.
    fn finish(self, files: Files, report: &mut Report) -> Option<Rendered> {
        let errors = self.errors.into_inner().unwrap_or_default();
        if !errors.is_empty() {
            report.extend(errors.into_values());
            return None;
        }
        let pages = files
            .keys()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .count();
        Some(Rendered { files, pages })
    }
}

impl Renderer<'_> {
    fn context(&self, page: &PageView) -> tera::Context {
        let mut c = tera::Context::new();
        c.insert("site", &self.site_value);
        c.insert("page", page);
        c
    }

    /// A page of template `T`: `site`, `page` and the fields of `extra`.
    fn render_page<T: page_context::Template>(&self, page: &PageView, extra: &T) -> Option<String> {
        let mut c = self.context(page);
        match tera::Context::from_serialize(extra) {
            Ok(own) => c.extend(own),
            Err(e) => {
                if let Ok(mut errors) = self.errors.lock() {
                    errors.entry(T::FILE.to_string()).or_insert_with(|| {
                        Diagnostic::error(
                            T::FILE,
                            format!("cannot build the context of `{}`: {e}", T::FILE),
                        )
                    });
                }
                return None;
            }
        }
        self.render(T::FILE, &c)
    }

    fn render(&self, template: &str, context: &tera::Context) -> Option<String> {
        match self.theme.render(template, context) {
            Ok(html) => Some(html),
            Err(d) => {
                if let Ok(mut errors) = self.errors.lock() {
                    errors.entry(template.to_string()).or_insert(d);
                }
                None
            }
        }
    }
}

/// Every template pamphlet renders, with its page-specific keys (`base.html`, which the
/// others extend, gets none of its own).
pub fn templates() -> Vec<(&'static str, &'static [&'static str])> {
    fn entry<T: page_context::Template>() -> (&'static str, &'static [&'static str]) {
        (T::FILE, T::KEYS)
    }
    use article::ArticlePage;
    use index_pages::{PublishersPage, TagsPage, TopicsPage, YearsPage};
    use lists::ListPage;
    use singles::{HomePage, SearchPage};
    use stories::StoryPage;
    vec![
        entry::<HomePage>(),
        entry::<ArticlePage>(),
        entry::<ListPage>(),
        entry::<TopicsPage>(),
        entry::<TagsPage>(),
        entry::<YearsPage>(),
        entry::<PublishersPage>(),
        entry::<StoryPage>(),
        entry::<SearchPage>(),
        entry::<page_context::NotFound>(),
        entry::<page_context::Provenance>(),
    ]
}
