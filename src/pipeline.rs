//! The pipeline, assembled in one place: theme and content loaded, then the site rendered
//! and indexed side by side, the search page that names the index, and the originals.
//! `build` ([`crate::build`]) writes what it makes, `serve` keeps it in memory and
//! `check` renders a sample through it: all three call [`load`] and [`assemble`], so what
//! `serve` shows and `check` validates is what `build` writes.

use std::time::{Duration, Instant};

use crate::config::Config;
use crate::error::Report;
use crate::output::Files;
use crate::render::{self, Rendered, Selection, Theme};
use crate::site::story::{self, Stories};
use crate::site::{self, Site};

/// What [`assemble`] made, with what the site was made from (which `serve` keeps, to
/// re-render what an edit touches).
pub struct Built<T> {
    pub theme: Theme,
    pub site: Site,
    /// The site's same-story groups ([`story::stories`]).
    pub stories: Stories,
    /// Every file of the site: pages, feeds, assets, the search page, the originals, and
    /// the index's files that the sink gave back.
    pub rendered: Rendered,
    /// The site-relative path of the index's content-hashed meta file.
    pub search_meta: String,
    /// What the sink returned besides the files.
    pub index: T,
}

/// The theme and the content, loaded side by side: the theme compiles while the content
/// loads. The theme's diagnostics are listed first. None when either has an error.
pub fn load(config: &Config, report: &mut Report) -> Option<(Theme, Site)> {
    let mut content_report = Report::default();
    let (theme, site) = rayon::join(
        || Theme::load(config, report),
        || Site::load(config, &mut content_report),
    );
    report.extend(content_report);
    let theme = theme?;
    if report.has_errors() {
        return None;
    }
    Some((theme, site))
}

/// Renders and indexes the whole site. `index_sink` gets the index's files as soon as
/// they exist, while the pages may still render (`build` writes them to its staging
/// folder then), and gives back those that go with the rest of the site, and anything
/// else it has to say. None when a template failed (said in `report`).
pub fn assemble<T: Send>(
    config: &Config,
    theme: Theme,
    site: Site,
    report: &mut Report,
    stages: &mut Stages,
    show_progress: bool,
    index_sink: impl FnOnce(Files) -> (T, Files) + Send,
) -> Option<Built<T>> {
    let stories = story::stories(&site);
    // The index is built from the site while the pages render (each has stretches that
    // keep one core busy, which the other fills); then the search page, which names the
    // index's content-hashed meta file. Render gets that one path, as a string, and
    // never sees the search module.
    let bar = progress_bar(site.pages.len(), show_progress);
    let ((search_meta, watched, (index, index_files)), rendered) = rayon::join(
        || {
            let index = crate::search::index(&site, config);
            (index.meta, index.watched, index_sink(index.files))
        },
        || {
            render::render_selected(
                &site,
                config,
                &theme,
                &stories,
                &Selection::all(),
                report,
                &|n| bar.inc(n),
            )
        },
    );
    bar.finish_and_clear();
    let mut rendered = rendered?;
    rendered.extend(render::search_page(
        &site,
        config,
        &theme,
        &search_meta,
        &watched,
        report,
    )?);
    stages.done("render + search");
    rendered.files.extend(index_files);
    rendered.files.extend(site::originals(&site, config, None));
    stages.done("originals");
    Some(Built {
        theme,
        site,
        stories,
        rendered,
        search_meta,
        index,
    })
}

/// The search index of a site and the search page that names it: what `serve` remakes
/// once edits have gone quiet, without re-rendering the site ([`assemble`] makes the two
/// the same way, the index beside the pages).
pub struct Reindexed {
    /// The site-relative path of the index's content-hashed meta file.
    pub search_meta: String,
    /// The index's files and the search page.
    pub files: Files,
    pub pages: usize,
}

/// Indexes `site` and renders its search page. None when the search template failed
/// (said in `report`).
pub fn reindex(
    config: &Config,
    theme: &Theme,
    site: &Site,
    report: &mut Report,
) -> Option<Reindexed> {
    let index = crate::search::index(site, config);
    let page = render::search_page(site, config, theme, &index.meta, &index.watched, report)?;
    let mut files = index.files;
    files.extend(page.files);
    Some(Reindexed {
        search_meta: index.meta,
        files,
        pages: page.pages,
    })
}

/// The time each stage of a build took, measured back to back (`pamphlet build
/// --timings`).
pub struct Stages {
    last: Instant,
    pub times: Vec<(&'static str, Duration)>,
}

impl Stages {
    pub fn new(start: Instant) -> Stages {
        Stages {
            last: start,
            times: Vec::new(),
        }
    }

    pub fn done(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.times.push((stage, now - self.last));
        self.last = now;
    }
}

/// A bar on a terminal for builds big enough to wait for; hidden otherwise.
fn progress_bar(len: usize, show: bool) -> indicatif::ProgressBar {
    if !show || len < 500 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} rendering {pos}/{len} articles {wide_bar} {eta}",
    ) {
        bar.set_style(style);
    }
    bar
}
