//! `pamphlet check`: every validation `build` makes, and the ones a reviewer of a pull
//! request needs (duplicates, broken links, images, provenance), without writing a file.
//! It calls the stages; it does not re-implement them.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pulldown_cmark::{Event, Parser, Tag};
use rayon::prelude::*;

use crate::config::Config;
use crate::error::{line_col, Diagnostic, Report};
use crate::import::sha256_hex;
use crate::out_dir::Origin;
use crate::render::markdown::Markdown;
use crate::render::routes::Routes;
use crate::render::{self, Theme};
use crate::site::{similar, Page, Site};

/// Pages rendered and indexed (in memory) to catch template errors; a sample is enough to
/// exercise every template, and keeps check fast on a big archive.
const RENDER_SAMPLE: usize = 200;
/// Articles this similar are reported as near-duplicates.
pub const NEAR_DUPLICATE: f64 = 0.8;

/// Runs every check. `only`, when not empty, limits the report to those files (the whole
/// site is still loaded, so links to other articles resolve). Returns how many content
/// files were checked.
pub fn check(config: &Config, only: &[PathBuf], report: &mut Report) -> usize {
    let mut found = Report::default();
    // A pull request can set build-dir: a build would then replace what is there.
    if let Err(d) = crate::out_dir::validate(config, &config.build_dir(), Origin::BookToml) {
        found.push(d);
    }
    let theme = Theme::load(config, &mut found);
    let site = Site::load(config, &mut found);
    // The templates are tried on a sample while the articles are checked.
    let (rendered, checked) = rayon::join(
        || {
            let mut found = Report::default();
            if let Some(theme) = theme {
                let sample =
                    Site::from_pages(site.pages.iter().take(RENDER_SAMPLE).cloned().collect());
                // Build's own assembly, its files dropped: the search page and the saved
                // searches' feeds are rendered from the sample's index, as a build would.
                let mut stages = crate::pipeline::Stages::new(std::time::Instant::now());
                let _ = crate::pipeline::assemble(
                    config,
                    theme,
                    sample,
                    &mut found,
                    &mut stages,
                    false,
                    |files| ((), files),
                );
            }
            found
        },
        || {
            let mut found = Report::default();
            duplicates(&site, &mut found);
            drafts(&site, config, &mut found);
            links(&site, config, &mut found);
            provenance(&site, config, &mut found);
            unimported(&site, config, &mut found);
            found
        },
    );
    found.extend(rendered);
    found.extend(checked);
    let only: Vec<PathBuf> = only
        .iter()
        .map(|p| p.strip_prefix(&config.root).unwrap_or(p).to_path_buf())
        .collect();
    report.extend(found.into_iter().filter(|d| {
        only.is_empty()
            || only
                .iter()
                .any(|o| d.file.starts_with(o) || o.ends_with(&d.file))
    }));
    site.files
}

/// A draft is left out of the site as it is of the build: said, so that a contributor
/// does not wait for an article that will not appear.
fn drafts(site: &Site, config: &Config, report: &mut Report) {
    for file in &site.drafts {
        let line = std::fs::read_to_string(config.root.join(file))
            .ok()
            .and_then(|t| t.lines().position(|l| l.starts_with("draft:")))
            .map_or(1, |i| i + 1);
        report.push(
            Diagnostic::warning(file, "a draft: it is not published until `draft: true` is removed")
                .at(line, 1)
                .help("delete the `draft: true` line when the article is ready (`pamphlet serve --drafts` previews it)"),
        );
    }
}

fn duplicates(site: &Site, report: &mut Report) {
    let mut sources: HashMap<&str, &Page> = HashMap::new();
    for p in &site.pages {
        let Some(source) = p.source.as_deref() else {
            continue;
        };
        if let Some(first) = sources.insert(source, p) {
            report.push(
                Diagnostic::warning(&p.file, format!("same source as {}: {source}", first.file.display()))
                    .at(2, 1)
                    .help("the same article collected twice? Keep one, or correct the `source:` of the other"),
            );
        }
    }
    for pair in similar::similar_pairs(site, NEAR_DUPLICATE) {
        let (a, b) = (&site.pages[pair.a], &site.pages[pair.b]);
        let what = if pair.similarity >= 0.999 {
            "the same text as"
        } else {
            "nearly the same text as"
        };
        report.push(
            Diagnostic::warning(&b.file, format!("{what} {} ({:.0}% similar)", a.file.display(), pair.similarity * 100.0))
                .at(b.body_line, 1)
                .help("the same story pasted twice, or syndicated by two outlets: keep one, or keep both if each outlet matters"),
        );
    }
}

/// Internal links and images in every article: to `.md` files, to site URLs, to anchors.
fn links(site: &Site, config: &Config, report: &mut Report) {
    let base = config.base_path();
    let slugs: HashSet<&str> = site.pages.iter().map(|p| p.slug.as_str()).collect();
    let anchors: HashMap<&str, (&Page, OnceLock<HashSet<String>>)> = site
        .pages
        .iter()
        .map(|p| (p.slug.as_str(), (p, OnceLock::new())))
        .collect();
    let routes = render::routes::routes(site, config, &crate::site::story::stories(site));
    let markdown = Markdown::new(&base, config.html.allow_raw_html);
    let known = Known {
        base: &base,
        slugs: &slugs,
        anchors: &anchors,
        routes: &routes,
        markdown: &markdown,
        config,
    };
    let problems: Vec<Vec<Diagnostic>> = site
        .pages
        .par_iter()
        .chain(site.rejected.par_iter())
        .map(|page| page_links(page, &known))
        .collect();
    report.extend(problems.into_iter().flatten());
}

/// What a link may point at.
struct Known<'a> {
    base: &'a str,
    slugs: &'a HashSet<&'a str>,
    /// Each article's anchors, worked out the first time a link asks for one: few
    /// articles are linked to by anchor, and finding anchors means parsing the article.
    anchors: &'a HashMap<&'a str, (&'a Page, OnceLock<HashSet<String>>)>,
    /// Every address the build writes.
    routes: &'a Routes,
    /// The renderer, which names the anchors.
    markdown: &'a Markdown,
    config: &'a Config,
}

impl Known<'_> {
    fn has_anchor(&self, slug: &str, anchor: &str) -> bool {
        self.anchors.get(slug).is_some_and(|(page, ids)| {
            ids.get_or_init(|| anchors_of(page, self.markdown))
                .contains(anchor)
        })
    }
}

/// The broken links and images of one article, and its images without alt text.
fn page_links(page: &Page, known: &Known) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    // Every link and image starts with a bracket.
    if !page.article.contains('[') {
        return problems;
    }
    // As the renderer reads it: with `{#id}` heading attributes, math and the rest.
    let options = crate::render::markdown::OPTIONS;
    let mut image_alt: Option<(String, std::ops::Range<usize>, String)> = None;
    for (event, range) in Parser::new_ext(&page.article, options).into_offset_iter() {
        let at = |d: Diagnostic| {
            let (line, col) = line_col(&page.article, range.start);
            d.at(page.body_line + line - 1, col)
        };
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(problem) = link_problem(&dest_url, &page.slug, known) {
                    problems
                        .push(at(Diagnostic::error(&page.file, problem)
                            .help("fix the link, or remove it")));
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                image_alt = Some((dest_url.to_string(), range.clone(), String::new()));
                if let Some(problem) = image_problem(&dest_url, page, known.config) {
                    problems.push(at(Diagnostic::error(&page.file, problem).help(
                        "put the image in static/ and link it as /name.png, or next to the article",
                    )));
                }
            }
            Event::Text(t) if image_alt.is_some() => {
                if let Some((_, _, alt)) = image_alt.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::End(pulldown_cmark::TagEnd::Image) => {
                if let Some((dest, r, alt)) = image_alt.take() {
                    if alt.trim().is_empty() {
                        let (line, col) = line_col(&page.article, r.start);
                        problems.push(
                            Diagnostic::error(&page.file, format!("image {dest} has no alt text"))
                                .at(page.body_line + line - 1, col)
                                .help("describe the image for people who cannot see it: ![what it shows](path)"),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    problems
}

fn link_problem(dest: &str, own_slug: &str, known: &Known) -> Option<String> {
    let Known { base, slugs, .. } = known;
    if dest.contains("://")
        || dest.starts_with("mailto:")
        || dest.starts_with("//")
        || dest.is_empty()
    {
        return None;
    }
    let (path, anchor) = dest
        .split_once('#')
        .map_or((dest, None), |(p, a)| (p, Some(a)));
    if path.is_empty() {
        return anchor
            .filter(|a| !known.has_anchor(own_slug, a))
            .map(|a| format!("link to #{a}: no such heading on this page"));
    }
    if let Some(stem) = path.strip_suffix(".md") {
        let slug = stem.rsplit('/').next().unwrap_or(stem);
        if !slugs.contains(slug) {
            return Some(format!("link to {dest}: no article has the slug `{slug}`"));
        }
        return anchor
            .filter(|a| !known.has_anchor(slug, a))
            .map(|a| format!("link to {dest}: no heading #{a} in that article"));
    }
    let rel = path.strip_prefix(base).or_else(|| path.strip_prefix('/'))?;
    let rel = rel.split('?').next().unwrap_or(rel);
    if !known.routes.has(rel) {
        return Some(format!("link to {dest}: no page of the site is there"));
    }
    let article = rel
        .strip_prefix("articles/")
        .map(|r| r.trim_end_matches('/'))
        .filter(|r| !r.contains('/'));
    match (article, anchor) {
        (Some(slug), Some(a)) if !known.has_anchor(slug, a) => {
            Some(format!("link to {dest}: no heading #{a} in that article"))
        }
        _ => None,
    }
}

fn image_problem(dest: &str, page: &Page, config: &Config) -> Option<String> {
    if dest.contains("://") || dest.starts_with("data:") {
        return None;
    }
    let candidates: Vec<PathBuf> = match dest.strip_prefix('/') {
        Some(rest) => vec![config.static_dir().join(rest)],
        None => vec![
            config
                .root
                .join(page.file.parent().unwrap_or(Path::new("")))
                .join(dest),
            config.static_dir().join(dest),
        ],
    };
    (!candidates.iter().any(|c| c.is_file())).then(|| format!("image {dest} does not exist"))
}

/// The anchors an article's page will have: what the renderer gives its body (headings,
/// custom ids, paragraphs), and the responses section.
fn anchors_of(page: &Page, markdown: &Markdown) -> HashSet<String> {
    let mut ids: HashSet<String> = markdown
        .article_anchors(&page.article)
        .into_iter()
        .collect();
    if !page.responses.is_empty() {
        ids.insert("reader-responses".into());
        ids.extend((1..=page.responses.len()).map(|n| format!("response-{n}")));
    }
    ids
}

/// Every seed in seeds/ that no article in content/ (drafts included) names as its `seed:`.
/// A pull request that adds only a pasted page would otherwise publish nothing, silently.
fn unimported(site: &Site, config: &Config, report: &mut Report) {
    let dir = config.seeds_dir();
    if !dir.is_dir() {
        return;
    }
    // Links out of seeds/ are refused by import, which says so; here they are no seeds.
    let mut ignored = Vec::new();
    let seeds = crate::walk::files_below(&dir, false, &mut ignored);
    if seeds.is_empty() {
        return;
    }
    let name = |f: &crate::walk::Found| {
        f.path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned()
    };
    let loaded: HashSet<&str> = site
        .pages
        .iter()
        .chain(&site.rejected)
        .filter_map(|p| p.seed.as_deref())
        .collect();
    // Usually every seed has its article among the pages loaded. Only when one has not is
    // content/ read again, drafts and files that do not parse included.
    if seeds.iter().all(|f| loaded.contains(name(f).as_str())) {
        return;
    }
    let imported: HashSet<String> = crate::import::batch::existing_seeds(&config.content_dir())
        .into_values()
        .filter_map(|e| e.seed)
        .collect();
    for seed in seeds {
        let name = seed.path.file_name().unwrap_or_default().to_string_lossy();
        if imported.contains(name.as_ref()) {
            continue;
        }
        let shown = seed.path.strip_prefix(&config.root).unwrap_or(&seed.path);
        report.push(
            Diagnostic::warning(shown, "this pasted page has not been imported: no article in content/ comes from it, so the site does not show it")
                .help(format!("run `pamphlet import {}`, review the article it writes in content/, and commit it with the seed", shown.display())),
        );
    }
}

/// A named seed must exist and still have the hash recorded at import.
fn provenance(site: &Site, config: &Config, report: &mut Report) {
    let problems: Vec<Option<Diagnostic>> = site
        .pages
        .par_iter()
        .map(|page| seed_problem(page, config))
        .collect();
    report.extend(problems.into_iter().flatten());
}

fn seed_problem(page: &Page, config: &Config) -> Option<Diagnostic> {
    let seed = page.seed.as_deref()?;
    let at = |key: &str| {
        std::fs::read_to_string(config.root.join(&page.file))
            .ok()
            .and_then(|t| t.lines().position(|l| l.starts_with(&format!("{key}:"))))
            .map_or(1, |i| i + 1)
    };
    let path = config.seeds_dir().join(seed);
    let Ok(bytes) = std::fs::read(&path) else {
        return Some(
            Diagnostic::error(&page.file, format!("its seed {seed} is missing from seeds/"))
                .at(at("seed"), 1)
                .help("restore the original in seeds/, or remove `seed:` and `seed_sha256:` if the article was contributed directly"),
        );
    };
    let actual = sha256_hex(&bytes);
    page.seed_sha256.as_deref().filter(|h| *h != actual).map(|_| {
        Diagnostic::error(&page.file, format!("seeds/{seed} has changed since it was imported (SHA-256 {actual})"))
            .at(at("seed_sha256"), 1)
            .help("the original must not change: restore it, or re-import it with `pamphlet import` to record the new text")
    })
}
