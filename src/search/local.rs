//! `pamphlet search`: the query logic of [`super::query`] against the built index in the
//! build folder, or, when the site has not been built, an index built in memory from
//! content/. It reports what the browser would download for the same query.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::query::{self, Facets, Fetch, Filters, Searcher, Sort};
use super::shard;
use super::snippet::{self, Snippet};
use crate::config::Config;
use crate::error::{Diagnostic, Report};

/// What to search for, from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub query: String,
    pub filters: Filters,
    pub sort: Sort,
    /// Results to list (0: all).
    pub limit: usize,
}

#[derive(Debug, Serialize)]
pub struct Results {
    pub query: String,
    /// Where the index came from.
    pub index: String,
    pub total: usize,
    pub results: Vec<Hit>,
    pub facets: Facets,
    /// What the search page downloads for this query with a cold cache: its scripts
    /// ([`SCRIPTS`], gzipped), meta, shards, positions, facets and the first page of
    /// fragments.
    pub bytes_fetched: usize,
    pub fetched: Vec<Fetched>,
}

#[derive(Debug, Serialize)]
pub struct Fetched {
    pub path: String,
    pub bytes: usize,
}

#[derive(Debug, Serialize)]
pub struct Hit {
    pub url: String,
    pub title: String,
    pub date: String,
    pub publisher: String,
    pub topics: Vec<String>,
    pub score: u64,
    pub snippet: Snippet,
}

/// The search page's scripts under static/: the engine, then the page.
pub const SCRIPTS: [&str; 2] = ["search-core.js", "search.js"];

struct Disk(PathBuf);

impl Fetch for Disk {
    fn fetch(&mut self, path: &str) -> Result<Vec<u8>, String> {
        std::fs::read(self.0.join(path)).map_err(|e| e.to_string())
    }
}

/// The one index folder (search/<hash>/) of a built site, if it has been built.
fn built_index(build_dir: &Path) -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(build_dir.join("search"))
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("meta.bin").is_file())
        .collect();
    found.sort();
    found.pop()
}

/// A warning when the built index is older than what it was built from (book.toml, or
/// a file in content/): the results are those of the last build, not of the archive.
fn stale(config: &Config, build_dir: &Path, index: &Path) -> Option<Diagnostic> {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    // Every build that changes the site rewrites its manifest; an index whose bytes did
    // not change is not rewritten, so its own time says less.
    let built = modified(&crate::output::manifest::Manifest::path(
        &config.root,
        build_dir,
    ))
    .or_else(|| modified(&index.join("meta.bin")))?;
    let mut ignored = Vec::new();
    let newer = std::iter::once(config.root.join("book.toml"))
        .chain(
            crate::walk::files_below(&config.content_dir(), false, &mut ignored)
                .into_iter()
                .map(|f| f.path),
        )
        .find(|p| modified(p).is_some_and(|m| m > built))?;
    let shown = newer.strip_prefix(&config.root).unwrap_or(&newer);
    let what = if shown == Path::new("book.toml") {
        "book.toml"
    } else {
        "content/"
    };
    Some(
        Diagnostic::warning(
            build_dir,
            format!(
                "the search index here is older than {what} ({} changed since the last build): results may be out of date",
                shown.display()
            ),
        )
        .help("run `pamphlet build` to rebuild the site and its index"),
    )
}

pub fn run(config: &Config, options: &Options, report: &mut Report) -> Option<Results> {
    let build_dir = config.build_dir();
    let (index, static_dir) = if let Some(dir) = built_index(&build_dir) {
        if let Some(d) = stale(config, &build_dir, &dir) {
            report.push(d);
        }
        (
            (
                dir.display().to_string(),
                Box::new(Disk(dir)) as Box<dyn Fetch>,
            ),
            build_dir.join(crate::layout::STATIC),
        )
    } else {
        let site = crate::site::Site::load(config, report);
        if report.has_errors() {
            return None;
        }
        let built = super::index(&site, config);
        let prefix = built.meta.trim_end_matches("meta.bin").to_string();
        let files: BTreeMap<String, Vec<u8>> = built
            .files
            .into_iter()
            .filter_map(|(p, b)| {
                let p = p.to_string_lossy().replace('\\', "/");
                p.strip_prefix(&prefix).map(|r| (r.to_string(), b))
            })
            .collect();
        (
            (
                "content/ (not built: indexed in memory)".to_string(),
                Box::new(files) as Box<dyn Fetch>,
            ),
            config.theme_static_dir(),
        )
    };
    let (index, fetch) = index;
    let fail = |e: query::SearchError| {
        Diagnostic::error(&build_dir, e.to_string())
            .help("run `pamphlet build` to write a fresh index")
    };
    let mut searcher = match Searcher::open(fetch) {
        Ok(s) => s,
        Err(e) => {
            report.push(fail(e));
            return None;
        }
    };
    let q = query::parse(&options.query);
    if q.ignored > 0 {
        report.push(
            Diagnostic::warning(
                "query",
                format!(
                    "only the first {} words of the query are searched; {} left out",
                    query::MAX_QUERY_WORDS,
                    crate::plural::count(q.ignored, "more word"),
                ),
            )
            .help("search for the few words that matter most; put an exact wording in quotes"),
        );
    }
    let filters = match super::named::resolve(&mut searcher, &options.filters) {
        Ok(Ok(filters)) => filters,
        Ok(Err(problems)) => {
            report.extend(problems);
            return None;
        }
        Err(e) => {
            report.push(fail(e));
            return None;
        }
    };
    // Looking the filters up loads facets.bin (and tags.bin for a tag) as the search's
    // first round does, in its order: what is fetched, and counted, is unchanged.
    let outcome = match searcher.search(&q, &filters, options.sort, false) {
        Ok(o) => o,
        Err(e) => {
            report.push(fail(e));
            return None;
        }
    };
    let before_fragments = searcher.fetched.len();
    let page = searcher.meta.page_size as usize;
    let shown = if options.limit == 0 {
        outcome.hits.len()
    } else {
        options.limit.min(outcome.hits.len())
    };
    let base = config.base_path();
    let mut results = Vec::with_capacity(shown);
    for &(doc, score) in &outcome.hits[..shown] {
        let f = match searcher.fragment(doc) {
            Ok(f) => f,
            Err(e) => {
                report.push(fail(e));
                return None;
            }
        };
        results.push(Hit {
            snippet: snippet::snippet(&f, &outcome.highlight, outcome.prefix.as_deref()),
            url: format!("{base}{}", f.url),
            title: f.title,
            date: f.date_iso,
            publisher: f.publisher,
            topics: f.topics,
            score,
        });
    }
    // The page fetches one page of fragments; the rest were read for this listing only.
    let mut fetched: Vec<Fetched> = searcher.fetched[..before_fragments + page.min(shown)]
        .iter()
        .map(|(path, bytes)| Fetched {
            path: path.clone(),
            bytes: *bytes,
        })
        .collect();
    let scripts = SCRIPTS.iter().filter_map(|name| {
        let js = std::fs::read(static_dir.join(name)).ok()?;
        Some(Fetched {
            path: (*name).into(),
            bytes: shard::gzip(&js).len(),
        })
    });
    fetched.splice(0..0, scripts);
    Some(Results {
        query: options.query.clone(),
        index,
        total: outcome.hits.len(),
        results,
        facets: outcome.facets,
        bytes_fetched: fetched.iter().map(|f| f.bytes).sum(),
        fetched,
    })
}

impl Results {
    /// The listing for a terminal: rank, title, date, publisher, URL and snippet, the
    /// matched words between asterisks.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{} result{} for \"{}\"",
            self.total,
            if self.total == 1 { "" } else { "s" },
            self.query
        );
        if self.results.len() < self.total {
            out.push_str(&format!(" (the first {})", self.results.len()));
        }
        out.push('\n');
        for (i, h) in self.results.iter().enumerate() {
            let meta: Vec<&str> = [h.date.as_str(), h.publisher.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            out.push_str(&format!("{:>3}. {}\n", i + 1, h.title));
            if !meta.is_empty() || !h.topics.is_empty() {
                let mut line = meta.join(" · ");
                if !h.topics.is_empty() {
                    if !line.is_empty() {
                        line.push_str(" · ");
                    }
                    line.push_str(&h.topics.join(", "));
                }
                out.push_str(&format!("     {line}\n"));
            }
            out.push_str(&format!("     {}\n", h.url));
            let text = h
                .snippet
                .html
                .replace("<mark>", "*")
                .replace("</mark>", "*")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            match &h.snippet.response {
                Some(r) => out.push_str(&format!("     [in a reader response: {r}] {text}\n")),
                None => out.push_str(&format!("     {text}\n")),
            }
        }
        out
    }
}
