//! pamphlet: a static site generator for campaign archives.
//!
//! The pipeline runs one way: seed text -> [`import::Document`] -> `content/*.md` ->
//! [`site::Site`] -> [`render::Rendered`] + [`search::SearchIndex`] -> `public/`. Each
//! stage takes the previous stage's type and returns its own; only [`output`] writes
//! files.

pub mod cache;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod date;
pub mod error;
pub mod import;
pub mod init;
pub mod layout;
pub mod out_dir;
pub mod output;
pub mod pipeline;
pub mod plural;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod text;
pub mod urls;
pub mod walk;

use std::path::Path;
use std::time::{Duration, Instant};

use config::Config;
use error::{Diagnostic, Report};
use output::Files;
use pipeline::Stages;

/// What a build made, for the closing line.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub articles: usize,
    pub pages: usize,
    pub files: usize,
    pub topics: usize,
    pub tags: usize,
    pub elapsed: Duration,
    /// Nothing had changed since the last build: nothing was written.
    pub unchanged: bool,
    /// How long each stage took, in order (`pamphlet build --timings`).
    pub stages: Vec<(&'static str, Duration)>,
}

/// content/ -> the site in `out`: load, render, write. Nothing is written unless every
/// stage succeeded, so a failed build leaves the previous site as it was; and when no
/// input changed since the last build (see [`cache`]), nothing is done at all. `out`
/// must have passed [`out_dir::validate`]: the build writes and deletes files in it.
pub fn build(
    config: &Config,
    out: &Path,
    report: &mut Report,
    show_progress: bool,
) -> Option<BuildSummary> {
    let start = Instant::now();
    // A build killed midway left its staging folder, or a change half moved in.
    if let Err(e) = output::recover(out) {
        report.push(
            Diagnostic::error(
                out,
                format!("cannot clean up after an interrupted build: {e}"),
            )
            .help(error::write_help(&e)),
        );
        return None;
    }
    let key = cache::key(config);
    let manifest_path = output::manifest::Manifest::path(&config.root, out);
    let previous = output::manifest::Manifest::read(&config.root, out);
    if let Some(last) = previous.as_ref().filter(|m| m.key == key && m.intact(out)) {
        // Nothing the site is made of has changed since the last build, and its files
        // are all still there.
        let [articles, pages, topics, tags] = last.counts;
        return Some(BuildSummary {
            articles,
            pages,
            files: last.files.len(),
            topics,
            tags,
            elapsed: start.elapsed(),
            unchanged: true,
            stages: vec![("cache check", start.elapsed())],
        });
    }
    let mut stages = Stages::new(start);
    let (theme, site) = pipeline::load(config, report)?;
    stages.done("load theme and content");
    // With no earlier site to update, the new site is written beside `out` as its parts
    // are ready, and swapped in at the end: the search index's 10,000s of files go to disk
    // while the pages still render. Otherwise only what changed is written, at the end.
    let first_build = output::is_empty_or_missing(out);
    let staging = match first_build
        .then(|| output::Staging::beside(out))
        .transpose()
    {
        Ok(staging) => staging,
        Err(e) => return cannot_write(out, &e, report),
    };
    // The index's files go to the staging folder as soon as they exist (only their
    // manifest entries are kept), or wait for the rest of the site.
    let write_early = |files: Files| -> (std::io::Result<output::manifest::WrittenFiles>, Files) {
        match &staging {
            Some(staging) => (
                staging
                    .write(&files)
                    .map(|()| output::manifest::written(&files)),
                Files::new(),
            ),
            None => (Ok(output::manifest::WrittenFiles::new()), files),
        }
    };
    let built = pipeline::assemble(
        config,
        theme,
        site,
        report,
        &mut stages,
        show_progress,
        write_early,
    )?;
    let mut written = match built.index {
        Ok(written) => written,
        Err(e) => return cannot_write(out, &e, report),
    };
    let (site, rendered) = (built.site, built.rendered);
    let result = match staging {
        Some(staging) => staging.write(&rendered.files).and_then(|()| {
            staging.swap_in()?;
            written.extend(output::manifest::written(&rendered.files));
            Ok(written)
        }),
        None => output::sync_site(
            out,
            &rendered.files,
            &previous.unwrap_or_default(),
            &manifest_path,
        ),
    };
    let written = match result {
        Ok(written) => written,
        Err(e) => return cannot_write(out, &e, report),
    };
    stages.done("write");
    let counts = [
        site.pages.len(),
        rendered.pages,
        site.taxonomy.topics.len(),
        site.taxonomy.tags.len(),
    ];
    let files = written.len();
    let manifest = output::manifest::Manifest {
        key,
        counts,
        files: written,
    };
    // A manifest that cannot be written only costs the next build its shortcut.
    // Never through a cache folder that is a link: it would write outside the site.
    let path = manifest_path;
    let linked = path
        .parent()
        .is_some_and(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()));
    if !linked {
        let _ = output::write_atomic(&path, manifest.to_text().as_bytes());
    }
    Some(BuildSummary {
        articles: counts[0],
        pages: counts[1],
        files,
        topics: counts[2],
        tags: counts[3],
        elapsed: start.elapsed(),
        unchanged: false,
        stages: stages.times,
    })
}

fn cannot_write<T>(out: &Path, e: &std::io::Error, report: &mut Report) -> Option<T> {
    report.push(
        Diagnostic::error(out, format!("cannot write the site: {e}")).help(error::write_help(e)),
    );
    None
}
