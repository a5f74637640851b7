//! pamphlet: a static site generator for campaign archives.
//!
//! The pipeline runs one way: seed text -> [`import::Document`] -> `content/*.md` ->
//! [`site::Site`] -> [`render::Rendered`] + [`search::SearchIndex`] -> `public/`. Each
//! stage takes the previous stage's type and returns its own; only [`output`] writes
//! files.

pub mod cli;
pub mod config;
pub mod date;
pub mod error;
pub mod front_matter;
pub mod import;
pub mod output;
pub mod render;
pub mod search;
pub mod site;
pub mod slug;
pub mod text;

use std::path::Path;
use std::time::{Duration, Instant};

use config::Config;
use error::{Diagnostic, Report};

/// What a build made, for the closing line.
#[derive(Debug, Clone, Copy)]
pub struct BuildSummary {
    pub articles: usize,
    pub pages: usize,
    pub files: usize,
    pub topics: usize,
    pub tags: usize,
    pub elapsed: Duration,
    /// Of which building the search index.
    pub search_elapsed: Duration,
}

/// content/ -> the site in `out`: load, render, write. Nothing is written unless every
/// stage succeeded, so a failed build leaves the previous site as it was.
pub fn build(
    config: &Config,
    out: &Path,
    report: &mut Report,
    show_progress: bool,
) -> Option<BuildSummary> {
    let start = Instant::now();
    let theme = render::Theme::load(config, report);
    let site = site::Site::load(config, report);
    let theme = theme.ok()?;
    if report.has_errors() {
        return None;
    }
    // The index is built from the site, beside render rather than after it: the search
    // page must name the index's content-hashed meta file. Render gets that one path,
    // as a string, and never sees the search module.
    let search_start = Instant::now();
    let index = search::index(&site, config);
    let search_elapsed = search_start.elapsed();
    let bar = progress_bar(site.pages.len(), show_progress);
    let mut rendered = render::render(&site, config, &theme, &index.meta, report, &|n| bar.inc(n))?;
    bar.finish_and_clear();
    rendered.files.extend(index.files);
    if let Err(e) = output::write_site(out, &rendered.files) {
        report.push(
            Diagnostic::error(out, format!("cannot write the site: {e}"))
                .help("check that the folder is writable; the previous site was left as it was"),
        );
        return None;
    }
    Some(BuildSummary {
        articles: site.pages.len(),
        pages: rendered.pages,
        files: rendered.files.len(),
        topics: site.taxonomy.topics.len(),
        tags: site.taxonomy.tags.len(),
        elapsed: start.elapsed(),
        search_elapsed,
    })
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
