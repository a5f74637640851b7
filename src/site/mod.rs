//! Load: `content/` -> [`Site`]. Every file is parsed (in parallel); every problem is
//! collected, not just the first; the pages that parse are grouped by topic, tag and year.

pub mod comments;
mod field_problems;
pub mod page;
mod read_front;
pub mod related;
pub mod similar;
pub mod story;
pub mod taxonomy;

use std::collections::HashMap;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub use crate::content::responses::ResponseText;
pub use page::Page;
pub use taxonomy::{Group, Taxonomy};

use crate::config::Config;
use crate::error::{Diagnostic, Report};

/// The archive: its pages, newest first, and their groupings.
#[derive(Debug)]
pub struct Site {
    pub pages: Vec<Page>,
    pub taxonomy: Taxonomy,
    /// Articles kept off the site by errors in them, as far as they could be read, so
    /// `check` still checks their links: every problem of a file shows in one run.
    pub rejected: Vec<Page>,
    /// The articles marked `draft: true` that were left out (none with `--drafts`).
    pub drafts: Vec<PathBuf>,
    /// Content files read, whether or not each became a page (a file that does not parse
    /// is one too: "checked 2 articles: 1 error").
    pub files: usize,
}

impl Site {
    /// Reads every `.md` file under the content folder (or just `only`, when given).
    /// Drafts are left out unless `config.build.drafts`.
    pub fn load(config: &Config, report: &mut Report) -> Site {
        let dir = config.content_dir();
        let files = content_files(&dir, &config.root, report);
        let parsed: Vec<page::Read> = files
            .par_iter()
            .map(|path| {
                let shown = path
                    .strip_prefix(&config.root)
                    .unwrap_or(path)
                    .to_path_buf();
                let result = match std::fs::read(path).map(String::from_utf8) {
                    Ok(Ok(text)) => page::read(&shown, &text, config),
                    Ok(Err(e)) => (None, vec![not_utf8(&shown, e.as_bytes(), e.utf8_error())]),
                    Err(e) => (
                        None,
                        vec![Diagnostic::error(&shown, format!("cannot read: {e}"))
                            .help("check that the file is readable")],
                    ),
                };
                result
            })
            .collect();
        let mut pages = Vec::with_capacity(parsed.len());
        let mut rejected = Vec::new();
        let mut drafts = Vec::new();
        for (page, problems) in parsed {
            let failed = problems.iter().any(Diagnostic::is_error);
            report.extend(problems);
            match page {
                Some(page) if failed => rejected.push(page),
                Some(page) if !page.draft || config.build.drafts => pages.push(page),
                Some(page) => drafts.push(page.file),
                None => {}
            }
        }
        check_unique_slugs(&pages, report);
        drafts.sort();
        Site {
            rejected,
            drafts,
            files: files.len(),
            ..Site::from_pages(pages)
        }
    }

    /// Groups pages (sorted newest first) into topics, tags and years.
    pub fn from_pages(mut pages: Vec<Page>) -> Site {
        pages.sort_by(newest_first);
        let taxonomy = Taxonomy::new(&pages);
        Site {
            files: pages.len(),
            pages,
            taxonomy,
            rejected: Vec::new(),
            drafts: Vec::new(),
        }
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

fn content_files(dir: &Path, root: &Path, report: &mut Report) -> Vec<PathBuf> {
    if !dir.is_dir() {
        report.push(
            Diagnostic::error(dir, "the content folder does not exist")
                .help("create it, run `pamphlet import` to fill it from seeds/, or set [build] content-dir in book.toml; to start a new archive, run `pamphlet init DIR` (DIR: an empty or new folder)"),
        );
        return Vec::new();
    }
    if let Some(d) = crate::walk::folder_outside(dir, root) {
        report.push(d);
        return Vec::new();
    }
    let mut problems = Vec::new();
    let files = crate::walk::files_below(dir, false, &mut problems)
        .into_iter()
        .filter(|f| f.path.extension().is_some_and(|x| x == "md"))
        .map(|f| f.path)
        .collect();
    report.extend(problems);
    files
}

/// Two articles at one address: both are named, each pointing at the other.
fn check_unique_slugs(pages: &[Page], report: &mut Report) {
    let mut by_slug: HashMap<&str, Vec<&Path>> = HashMap::new();
    for p in pages {
        by_slug.entry(&p.slug).or_default().push(&p.file);
    }
    for (slug, files) in by_slug.into_iter().filter(|(_, f)| f.len() > 1) {
        for file in &files {
            let others: Vec<String> = files
                .iter()
                .filter(|f| f != &file)
                .map(|f| f.display().to_string())
                .collect();
            report.push(
                Diagnostic::error(
                    *file,
                    format!("slug `{slug}` is also the slug of {}", others.join(", ")),
                )
                .at(1, 1)
                .help(format!(
                    "two articles cannot share an address: give one of them its own `slug:` in its front matter (lower-case letters, digits and hyphens, at most {} characters), or rename its file",
                    crate::slug::MAX_SLUG_LEN
                )),
            );
        }
    }
}

/// The collected originals, published beside their articles as
/// `articles/<slug>/original.txt` (only those in `only`, when given).
pub fn originals(
    site: &Site,
    config: &Config,
    only: Option<&std::collections::BTreeSet<String>>,
) -> crate::output::Files {
    site.pages
        .par_iter()
        .filter(|p| p.has_original && only.is_none_or(|o| o.contains(&p.slug)))
        .filter_map(|p| {
            // Asked again, not assumed from `has_original`: serve calls this long after
            // the page was parsed, and the file may since have become a link.
            let path = page::seed_file(config, p.seed.as_deref()?).ok()??;
            let bytes = std::fs::read(path).ok()?;
            Some((
                PathBuf::from(format!("articles/{}/original.txt", p.slug)),
                bytes,
            ))
        })
        .collect()
}

/// A content file that is not UTF-8, named for what it is where that can be told (an
/// editor that saves "Unicode" writes UTF-16 with a byte order mark), at the line of the
/// first byte that is not UTF-8.
fn not_utf8(file: &Path, bytes: &[u8], e: std::str::Utf8Error) -> Diagnostic {
    let help = "open it in a text editor and save it as UTF-8";
    for (bom, name) in [
        (&b"\xFF\xFE\x00\x00"[..], "UTF-32"),
        (&b"\x00\x00\xFE\xFF"[..], "UTF-32"),
        (&b"\xFF\xFE"[..], "UTF-16"),
        (&b"\xFE\xFF"[..], "UTF-16"),
    ] {
        if bytes.starts_with(bom) {
            return Diagnostic::error(file, format!("the file is {name} text, not UTF-8"))
                .help(help);
        }
    }
    let at = e.valid_up_to();
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    let col = 1 + at
        - bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
    Diagnostic::error(file, "the file is not UTF-8 text")
        .at(line, col)
        .help(help)
}
