//! The site as `serve` keeps it: loaded, rendered into memory, and updated in place when
//! sources change. Only what an edit touches is re-rendered; the last good site stays
//! served while the sources are broken.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::error::Report;
use rayon::prelude::*;

use crate::render::{self, ListId, Selection, Theme};
use crate::site::story::{self, Stories};
use crate::site::{page, Page, Site};

use super::files::{remove_dir, served, Served, SharedFiles};
use super::watch::Changes;

/// The result of one rebuild, for the terminal line and the open pages.
#[derive(Debug)]
pub struct Rebuilt {
    /// Pages rendered again.
    pub pages: usize,
    pub elapsed: Duration,
    /// The problems, as text, when the sources are broken (the old site stays served).
    pub error: Option<String>,
}

pub struct Live {
    pub config: Config,
    theme: Option<Theme>,
    site: Site,
    /// The served files: the build's output, in memory. Shared with the HTTP threads,
    /// which keep answering from the old map while a rebuild makes the new one.
    pub files: SharedFiles,
    /// A failed rebuild left parsed-but-unrendered changes: the next one renders all.
    stale: bool,
    /// The search index's meta file, and whether edits since it was built wait for it.
    search_meta: String,
    search_stale: bool,
    /// The site's same-story groups, and what each article's page shows of the others
    /// (by slug): by topic and tag ([`render::shown`]), and of its story. An edit
    /// re-renders every page whose share of these it changes.
    stories: Stories,
    shown: Shown,
    shown_in_story: Shown,
}

type Shown = HashMap<String, Vec<String>>;

/// For each article, by slug, the slugs of the pages `of(i)` names.
fn by_slug<I: IntoIterator<Item = usize>>(site: &Site, of: impl Fn(usize) -> I + Sync) -> Shown {
    (0..site.pages.len())
        .into_par_iter()
        .map(|i| {
            let slugs = of(i)
                .into_iter()
                .map(|j| site.pages[j].slug.clone())
                .collect();
            (site.pages[i].slug.clone(), slugs)
        })
        .collect()
}

impl Live {
    /// Changes the served files under the lock (a poisoned lock is taken over: the map
    /// itself is never left half-changed by a panic in `change`).
    fn update<T>(&self, change: impl FnOnce(&mut Served) -> T) -> T {
        let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
        change(&mut files)
    }

    /// Loads and renders everything. A broken site still gives a Live (with no pages),
    /// so the server starts and shows the problem.
    pub fn load(config: Config) -> (Live, Rebuilt) {
        let mut live = Live {
            config,
            theme: None,
            site: Site::from_pages(Vec::new()),
            files: Arc::default(),
            stale: false,
            search_meta: String::new(),
            search_stale: false,
            stories: Stories::default(),
            shown: HashMap::new(),
            shown_in_story: HashMap::new(),
        };
        let rebuilt = live.rebuild_all();
        (live, rebuilt)
    }

    /// Re-reads book.toml, the theme and every article, and renders the whole site.
    pub fn rebuild_all(&mut self) -> Rebuilt {
        let start = Instant::now();
        let mut report = Report::default();
        let root = self.config.root.clone();
        let Some(mut config) = Config::load(&root, &mut report) else {
            return failed(&report, &root, start);
        };
        // What the command line set stays set.
        config.html.site_url = self.config.html.site_url.clone();
        config.build.drafts = self.config.build.drafts;
        // The same assembly as `build`'s; the index's files stay with the rest, in memory.
        let Some(built) = crate::pipeline::load(&config, &mut report).and_then(|(theme, site)| {
            let mut stages = crate::pipeline::Stages::new(start);
            crate::pipeline::assemble(
                &config,
                theme,
                site,
                &mut report,
                &mut stages,
                false,
                |files| ((), files),
            )
        }) else {
            return failed(&report, &root, start);
        };
        let (site, stories) = (built.site, built.stories);
        let (shown, shown_in_story) = rayon::join(
            || by_slug(&site, |i| render::shown(&site, i)),
            || by_slug(&site, |i| stories.others(i).collect::<Vec<_>>()),
        );
        let rendered = built.rendered;
        self.search_meta = built.search_meta;
        self.search_stale = false;
        self.config = config;
        self.theme = Some(built.theme);
        self.site = site;
        self.stories = stories;
        self.shown = shown;
        self.shown_in_story = shown_in_story;
        let fresh: Served = served(rendered.files).collect();
        let old = self.update(|files| std::mem::replace(files, fresh));
        drop(old);
        self.stale = false;
        Rebuilt {
            pages: rendered.pages,
            elapsed: start.elapsed(),
            error: None,
        }
    }

    /// Have edits been rendered that the search index does not know yet?
    pub fn search_stale(&self) -> bool {
        self.search_stale
    }

    /// Rebuilds the search index (the whole archive's) and the search page that names it.
    pub fn refresh_search(&mut self) -> Rebuilt {
        let start = Instant::now();
        let mut report = Report::default();
        self.search_stale = false;
        let Some(theme) = self.theme.as_ref() else {
            return failed(&report, &self.config.root, start);
        };
        let Some(reindexed) =
            crate::pipeline::reindex(&self.config, theme, &self.site, &mut report)
        else {
            return failed(&report, &self.config.root, start);
        };
        // The exports count every article's words: brought up to date here, with the
        // index, rather than on every keystroke's save.
        let exports = render::exports(&self.site, &self.config);
        let old = Path::new(&self.search_meta).parent().map(Path::to_path_buf);
        self.update(|files| {
            if let Some(old) = old.filter(|o| o.starts_with("search") && o != Path::new("search")) {
                remove_dir(files, &old);
            }
            files.extend(served(reindexed.files));
            files.extend(served(exports));
        });
        self.search_meta = reindexed.search_meta;
        Rebuilt {
            pages: reindexed.pages,
            elapsed: start.elapsed(),
            error: None,
        }
    }

    /// Stylesheets and other theme files only.
    pub fn reload_assets(&mut self) -> Rebuilt {
        let start = Instant::now();
        let mut report = Report::default();
        match Theme::load(&self.config, &mut report) {
            Some(theme) => {
                self.update(|files| files.extend(served(theme.assets.clone())));
                self.theme = Some(theme);
                Rebuilt {
                    pages: 0,
                    elapsed: start.elapsed(),
                    error: None,
                }
            }
            None => failed(&report, &self.config.root, start),
        }
    }

    /// Applies edited, added and deleted content files: re-parses only those, and
    /// re-renders the articles and lists they touch.
    pub fn apply(&mut self, changes: &Changes) -> Rebuilt {
        let start = Instant::now();
        if self.stale || self.theme.is_none() {
            return self.rebuild_all();
        }
        let Some(theme) = self.theme.as_ref() else {
            return self.rebuild_all();
        };
        let mut report = Report::default();
        let mut pages = std::mem::take(&mut self.site.pages);
        let mut touched: BTreeSet<String> = BTreeSet::new();
        let mut lists: BTreeSet<ListId> = BTreeSet::new();
        let mut deleted: Vec<String> = Vec::new();
        let mut list_view_changed = false;
        for path in &changes.content {
            let rel = path
                .strip_prefix(&self.config.root)
                .unwrap_or(path)
                .to_path_buf();
            let old = pages.iter().position(|p| p.file == rel);
            // As on a full load: a link out of content/ is refused, never read.
            if let Err(d) = crate::walk::refuse_link_out(path, &self.config.content_dir()) {
                report.push(d);
                continue;
            }
            let new = match std::fs::read_to_string(path) {
                Ok(text) => match page::parse(&rel, &text, &self.config) {
                    Ok((page, warnings)) => {
                        report.extend(warnings);
                        Some(page).filter(|p| !p.draft || self.config.build.drafts)
                    }
                    Err(problems) => {
                        report.extend(problems);
                        continue;
                    }
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => {
                    report.push(crate::error::Diagnostic::error(
                        &rel,
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            if let Some(i) = old {
                let old_page = pages.remove(i);
                lists.extend(render::lists_of(&old_page));
                if new.as_ref().is_none_or(|n| n.slug != old_page.slug) {
                    deleted.push(old_page.slug.clone());
                }
                list_view_changed |= new
                    .as_ref()
                    .is_none_or(|n| list_view(n) != list_view(&old_page));
                touched.insert(old_page.slug);
            } else {
                list_view_changed = true;
            }
            if let Some(page) = new {
                lists.extend(render::lists_of(&page));
                touched.insert(page.slug.clone());
                pages.push(page);
            }
        }
        self.site = Site::from_pages(pages);
        if report.has_errors() {
            self.stale = true;
            return failed(&report, &self.config.root, start);
        }
        // Every page that shows another article (its neighbours, related articles and
        // other reports of its story) is rendered again when what it shows changed: which
        // articles they are, or how a touched one looks in a list.
        // Neighbours and related articles follow topics, tags and dates, which only an
        // edit that lists show can change; a story can change with any edit.
        let stories = story::stories(&self.site);
        let in_story = by_slug(&self.site, |i| stories.others(i).collect::<Vec<_>>());
        let mut articles = touched.clone();
        let shows_touched = |now: &[String]| now.iter().any(|s| touched.contains(s));
        let shown = if list_view_changed {
            let shown = by_slug(&self.site, |i| render::shown(&self.site, i));
            for (slug, now) in &shown {
                if self.shown.get(slug) != Some(now) || shows_touched(now) {
                    articles.insert(slug.clone());
                }
            }
            shown
        } else {
            std::mem::take(&mut self.shown)
        };
        for (slug, now) in &in_story {
            if self.shown_in_story.get(slug) != Some(now)
                || (list_view_changed && shows_touched(now))
            {
                articles.insert(slug.clone());
            }
        }
        let stories_changed = stories.stories != self.stories.stories;
        self.stories = stories;
        self.shown = shown;
        self.shown_in_story = in_story;
        if !list_view_changed {
            lists.clear();
        }
        // A body-only edit changes nothing that lists, feeds or the home page show, unless
        // it moved an article between stories (their pages are shared ones). The exports'
        // word counts wait for the search index's refresh.
        let shared = list_view_changed || stories_changed;
        let selection = Selection {
            articles: Some(articles),
            lists: Some(lists.clone()),
            shared,
        };
        let Some(rendered) = render::render_selected(
            &self.site,
            &self.config,
            theme,
            &self.stories,
            &selection,
            &mut report,
            &|_| {},
        ) else {
            self.stale = true;
            return failed(&report, &self.config.root, start);
        };
        self.search_stale = true;
        let pages = rendered.pages;
        let originals = crate::site::originals(&self.site, &self.config, Some(&touched));
        self.update(|files| {
            for slug in &deleted {
                remove_dir(files, &PathBuf::from(format!("articles/{slug}/")));
            }
            for list in &lists {
                remove_dir(files, &PathBuf::from(list.dir()));
            }
            if shared {
                // Story pages come and go with their groups; the shared render made anew
                // those that remain.
                remove_dir(files, Path::new("stories/"));
            }
            files.extend(served(rendered.files));
            files.extend(served(originals));
        });
        Rebuilt {
            pages,
            elapsed: start.elapsed(),
            error: None,
        }
    }
}

/// What lists show of an article: if it is unchanged, no list needs rendering again.
fn list_view(p: &Page) -> impl PartialEq + '_ {
    (
        &p.title,
        p.date,
        &p.summary,
        &p.topics,
        &p.tags,
        &p.author,
        &p.publisher,
        p.responses.len(),
        &p.slug,
    )
}

fn failed(report: &Report, root: &Path, start: Instant) -> Rebuilt {
    let text = report.render_plain(root);
    Rebuilt {
        pages: 0,
        elapsed: start.elapsed(),
        error: Some(text),
    }
}
