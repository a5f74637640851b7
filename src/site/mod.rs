//! Load: `content/` -> [`Site`]. Every file is parsed (in parallel); every problem is
//! collected, not just the first; the pages that parse are grouped by topic, tag and year.

pub mod page;
pub mod related;
pub mod similar;
pub mod taxonomy;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use page::{Page, ResponseText};
pub use taxonomy::{Group, Taxonomy};

use crate::config::Config;
use crate::error::{Diagnostic, Report};

/// The archive: its pages, newest first, and their groupings.
#[derive(Debug)]
pub struct Site {
    pub pages: Vec<Page>,
    pub taxonomy: Taxonomy,
}

impl Site {
    /// Reads every `.md` file under the content folder (or just `only`, when given).
    /// Drafts are left out unless `config.build.drafts`.
    pub fn load(config: &Config, report: &mut Report) -> Site {
        let dir = config.content_dir();
        let files = content_files(&dir, report);
        let parsed: Vec<(PathBuf, page::Parsed)> = files
            .par_iter()
            .map(|path| {
                let shown = path
                    .strip_prefix(&config.root)
                    .unwrap_or(path)
                    .to_path_buf();
                let result = match std::fs::read_to_string(path) {
                    Ok(text) => page::parse(&shown, &text, config),
                    Err(e) => Err(vec![Diagnostic::error(&shown, format!("cannot read: {e}"))
                        .help("content files must be UTF-8 text")]),
                };
                (shown, result)
            })
            .collect();
        let mut pages = Vec::with_capacity(parsed.len());
        for (_, result) in parsed {
            match result {
                Ok((page, warnings)) => {
                    report.extend(warnings);
                    if !page.draft || config.build.drafts {
                        pages.push(page);
                    }
                }
                Err(problems) => report.extend(problems),
            }
        }
        check_unique_slugs(&pages, report);
        Site::from_pages(pages)
    }

    /// Groups pages (sorted newest first) into topics, tags and years.
    pub fn from_pages(mut pages: Vec<Page>) -> Site {
        pages.sort_by(newest_first);
        let taxonomy = Taxonomy::new(&pages);
        Site { pages, taxonomy }
    }

    pub fn page(&self, slug: &str) -> Option<&Page> {
        self.pages.iter().find(|p| p.slug == slug)
    }
}

/// Newest first; undated after dated; then by title and slug, so order never depends on
/// the file system.
pub fn newest_first(a: &Page, b: &Page) -> std::cmp::Ordering {
    b.date
        .cmp(&a.date)
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.slug.cmp(&b.slug))
}

fn content_files(dir: &Path, report: &mut Report) -> Vec<PathBuf> {
    if !dir.is_dir() {
        report.push(
            Diagnostic::error(dir, "the content folder does not exist")
                .help("create it, run `pamphlet import` to fill it from seeds/, or set [build] content-dir in book.toml"),
        );
        return Vec::new();
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md") => {
                files.push(e.into_path());
            }
            Ok(_) => {}
            Err(e) => report.push(Diagnostic::error(
                e.path().unwrap_or(dir),
                format!("cannot read: {e}"),
            )),
        }
    }
    files
}

fn check_unique_slugs(pages: &[Page], report: &mut Report) {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for p in pages {
        if let Some(first) = seen.insert(&p.slug, &p.file) {
            report.push(
                Diagnostic::error(
                    &p.file,
                    format!("slug `{}` is also the slug of {}", p.slug, first.display()),
                )
                .at(1, 1)
                .help("two articles cannot share an address: change `slug:` in one of them"),
            );
        }
    }
}
