//! One owner for every address (issue 18): `render::routes` lists what a build writes,
//! and `check` validates links against it and against the anchors the renderer gives, so
//! a link to any page the build makes, or to a `{#custom}` heading id, passes.

mod util;

use std::collections::BTreeSet;

use pamphlet::config::Config;
use pamphlet::error::Report;
use pamphlet::site::{story, Site as Loaded};
use util::{files, Site};

const BASE: &str = "https://example.org/archive/";

/// The repo's archive with its lists cut into pages of two, a saved search, and an
/// article whose links are the point of the test.
fn site() -> Site {
    let site = Site::with_repo_archive();
    let book = std::fs::read_to_string(util::repo().join("book.toml"))
        .unwrap()
        .replace("page-size = 20", "page-size = 2");
    assert!(
        book.contains("page-size = 2\n"),
        "the repo's book.toml sets page-size"
    );
    site.write(
        "book.toml",
        format!("{book}\n[[watch]]\nname = \"Sanctions\"\nquery = \"sanctions\"\n"),
    );
    site
}

#[test]
fn the_routes_are_exactly_what_a_build_writes() {
    let site = site();
    site.cmd()
        .args(["build", "--base-url", BASE])
        .assert()
        .success();
    let mut report = Report::default();
    let config = Config::load(site.path(), &mut report).unwrap();
    let loaded = Loaded::load(&config, &mut report);
    assert!(!report.has_errors());
    let routes = pamphlet::render::routes::routes(&loaded, &config, &story::stories(&loaded));
    let written: BTreeSet<String> = files(&site.path().join("public"))
        .into_iter()
        // The theme's files and the search index's are where their owners put them.
        .filter(|f| {
            let elsewhere = f.starts_with("static/")
                || f.starts_with(".pamphlet")
                || (f.starts_with("search/") && f != "search/index.html");
            !elsewhere
        })
        .collect();
    let listed: BTreeSet<String> = routes
        .pages
        .iter()
        .chain(&routes.articles)
        .map(|p| format!("{p}index.html"))
        .chain(routes.files.iter().cloned())
        .collect();
    let missing: Vec<&String> = written.difference(&listed).collect();
    let extra: Vec<&String> = listed.difference(&written).collect();
    assert!(missing.is_empty(), "written but not a route: {missing:?}");
    assert!(
        extra.is_empty(),
        "a route the build did not write: {extra:?}"
    );
    assert!(
        listed.iter().any(|p| p.contains("/page/2/")),
        "lists run over several pages"
    );
    assert!(listed.contains("watch/sanctions/feed.xml"));
}

/// Every `href` of the built site that stays on it, as written (with the base path).
fn internal_links(public: &std::path::Path) -> BTreeSet<String> {
    let mut links = BTreeSet::new();
    for name in files(public).into_iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(public.join(&name)).unwrap();
        for part in html.split("href=\"").skip(1) {
            let href = part.split('"').next().unwrap().replace("&amp;", "&");
            if href.starts_with("/archive/") && !href.contains("/search/?") {
                links.insert(href);
            }
        }
    }
    links
}

#[test]
fn check_finds_no_link_of_a_built_site_broken() {
    let site = site();
    site.cmd()
        .args(["build", "--base-url", BASE])
        .assert()
        .success();
    let links = internal_links(&site.path().join("public"));
    assert!(links.len() > 40, "{}", links.len());
    let body: String = links
        .iter()
        .enumerate()
        .map(|(n, l)| format!("- [link {n}]({l})\n"))
        .collect();
    site.write(
        "content/every-link.md",
        format!("---\ntitle: Every link\ntopics: [privatisation]\n---\nAll of the site:\n\n{body}"),
    );
    let out = site
        .cmd()
        .args(["check", "--strict", "--base-url", BASE])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !err.contains("every-link.md"),
        "check refused links the build makes:\n{err}"
    );
}

#[test]
fn links_to_the_pages_every_site_has_and_to_custom_heading_ids_pass_check() {
    let site = Site::with_repo_archive();
    site.write(
        "content/links.md",
        "---\ntitle: Links\ntopics: [privatisation]\n---\n\
         See [how this is made](/about/provenance/), [the outlets](/publishers/), \
         [the data](/archive.json), [the feed](/feed.xml), [the CSV](/archive.csv) \
         and [below](#my-anchor).\n\n\
         ## Heading {#my-anchor}\n\n\
         Text under it, and [the other](/articles/garry-joness-blog-16-july-2019/).\n",
    );
    site.cmd().args(["check", "--strict"]).assert().success();

    site.write(
        "content/links.md",
        "---\ntitle: Links\ntopics: [privatisation]\n---\n\
         See [nowhere](/no-such-page/) and [a heading](#not-there) and \
         [another's](/articles/garry-joness-blog-16-july-2019/#nope).\n\n## Heading {#my-anchor}\n",
    );
    let out = site.cmd().args(["check"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/no-such-page/: no page of the site is there"),
        "{err}"
    );
    assert!(err.contains("#not-there: no such heading"), "{err}");
    assert!(
        err.contains("#nope: no heading #nope in that article"),
        "{err}"
    );
}
