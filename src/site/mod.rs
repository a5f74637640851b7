//! Load: `content/` -> [`Site`]. Every file is parsed (in parallel); every problem is
//! collected, not just the first; the pages that parse are grouped by topic, tag and year.

pub mod comments;
mod field_problems;
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
        let files = content_files(&dir, &config.root, report);
        let parsed: Vec<(PathBuf, page::Parsed)> = files
            .par_iter()
            .map(|path| {
                let shown = path
                    .strip_prefix(&config.root)
                    .unwrap_or(path)
                    .to_path_buf();
                let result = match std::fs::read(path).map(String::from_utf8) {
                    Ok(Ok(text)) => page::parse(&shown, &text, config),
                    Ok(Err(e)) => Err(vec![not_utf8(&shown, e.as_bytes(), e.utf8_error())]),
                    Err(e) => Err(vec![Diagnostic::error(&shown, format!("cannot read: {e}"))
                        .help("check that the file is readable")]),
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

fn content_files(dir: &Path, root: &Path, report: &mut Report) -> Vec<PathBuf> {
    if !dir.is_dir() {
        report.push(
            Diagnostic::error(dir, "the content folder does not exist")
                .help("create it, run `pamphlet import` to fill it from seeds/, or set [build] content-dir in book.toml"),
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
                .help("two articles cannot share an address: change `slug:` in one of them"),
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

/// The pages that tell the same story as `site.pages[i]`, directly (the whole-site
/// [`same_story`] also follows chains: A like B, B like C). For re-rendering one page.
pub fn same_story_of(site: &Site, i: usize) -> Vec<usize> {
    let page = &site.pages[i];
    let own = std::cell::OnceCell::new();
    (0..site.pages.len())
        .filter(|&j| j != i)
        .filter(|&j| {
            let other = &site.pages[j];
            // The estimate picks the candidates; the exact measure decides.
            let similar = match (&page.signature, &other.signature) {
                (Some(a), Some(b)) => {
                    similar::similarity(a, b) >= similar::SAME_STORY - 0.2
                        && similar::jaccard(
                            own.get_or_init(|| similar::shingles(&page.article)),
                            &similar::shingles(&other.article),
                        ) >= similar::SAME_STORY
                }
                _ => false,
            };
            similar || other.quotations.iter().any(|q| page.quotations.contains(q))
        })
        .collect()
}

/// Groups of articles that tell the same story: near-identical text (syndicated or pasted
/// twice) or the same long quotation. For each page, the others in its group.
pub fn same_story(site: &Site) -> Vec<Vec<usize>> {
    let n = site.pages.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], i: usize) -> usize {
        let mut root = i;
        while parent[root] != root {
            root = parent[root];
        }
        let mut j = i;
        while parent[j] != root {
            let next = parent[j];
            parent[j] = root;
            j = next;
        }
        root
    }
    let union = |a: usize, b: usize, parent: &mut Vec<usize>| {
        let (ra, rb) = (find(parent, a), find(parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    };
    for pair in similar::similar_pairs(site, similar::SAME_STORY) {
        union(pair.a, pair.b, &mut parent);
    }
    let mut by_quote: HashMap<String, usize> = HashMap::new();
    for (i, p) in site.pages.iter().enumerate() {
        for q in &p.quotations {
            match by_quote.get(q) {
                Some(&j) => union(i, j, &mut parent),
                None => {
                    by_quote.insert(q.clone(), i);
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    (0..n)
        .map(|i| {
            let root = find(&mut parent, i);
            groups[&root].iter().copied().filter(|&j| j != i).collect()
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
