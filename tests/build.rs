//! `pamphlet build` end to end: fixture sites built by the real binary, every link
//! followed, every feed and sitemap parsed as XML.

mod util;

use std::collections::BTreeSet;
use std::path::Path;

use predicates::str::contains;
use util::{files, Site};

/// Every href and src in the built HTML that points into the site.
fn internal_links(public: &Path, base: &str) -> Vec<(String, String)> {
    let re = regex::Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    let mut out = Vec::new();
    for name in files(public).into_iter().filter(|n| n.ends_with(".html")) {
        let html = std::fs::read_to_string(public.join(&name)).unwrap();
        for c in re.captures_iter(&html) {
            let link = c[1].replace("&amp;", "&");
            if link.starts_with('/') || !link.contains(':') {
                out.push((name.clone(), link));
            }
        }
        let _ = base;
    }
    out
}

/// Does a root-relative link (with the prefix) land on a file of the build?
fn resolves(public: &Path, base: &str, link: &str) -> bool {
    let link = link
        .split('#')
        .next()
        .unwrap_or("")
        .split('?')
        .next()
        .unwrap_or("");
    if link.is_empty() {
        return true;
    }
    let Some(rel) = link.strip_prefix(base) else {
        return false;
    };
    let path = public.join(rel);
    if link.ends_with('/') {
        path.join("index.html").is_file()
    } else {
        path.is_file()
    }
}

fn build_repo_archive(base_url: Option<&str>) -> Site {
    let site = Site::with_repo_archive();
    let mut cmd = site.cmd();
    cmd.arg("build");
    if let Some(url) = base_url {
        cmd.args(["--base-url", url]);
    }
    cmd.assert().success().stderr(contains("built 5 articles"));
    site
}

#[test]
fn the_seed_archive_builds_every_page() {
    let site = build_repo_archive(None);
    let public = site.path().join("public");
    let all = files(&public);
    for expected in [
        "index.html",
        "404.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
        "search/index.html",
        "tags/index.html",
        "years/index.html",
        "static/style.css",
        "topics/welfare-conditionality/index.html",
        "topics/privatisation/index.html",
        "topics/social-prescribing/index.html",
        "topics/welfare-conditionality/feed.xml",
        "years/2019/index.html",
        "tags/dwp/index.html",
        "articles/garry-joness-blog-16-july-2019/index.html",
    ] {
        assert!(
            all.iter().any(|f| f == expected),
            "{expected} missing from {all:?}"
        );
    }
    let article =
        site.read("public/articles/clear-these-dwp-parasites-out-of-gp-surgeries/index.html");
    assert!(article.contains("<h1>Clear these DWP parasites out of GP surgeries</h1>"));
    assert!(article.contains("Reader responses"));
    assert!(article.contains("class=\"provenance\""));
    assert!(article.contains("000_2c62eec1a0816e7d.txt"));
    assert!(article.contains("og:title"));
    let body_start = article.find("class=\"body\"").unwrap();
    let responses_start = article.find("id=\"reader-responses\"").unwrap();
    assert!(body_start < responses_start);
    assert!(
        !article[body_start..responses_start].contains("Cameron must take much of the blame"),
        "comments are kept out of the article"
    );
    assert!(article[responses_start..].contains("Cameron must take much of the blame"));
    // Issue 20: the article's header (title, byline, source) comes before its text, the
    // tags after it; provenance is a summary list; the home page's heading is not the
    // site title again (the header has it).
    let (head, rest) = article.split_once("class=\"body\"").unwrap();
    assert!(head.contains("class=\"story-header\"") && !head.contains("rel=\"tag\""));
    assert!(rest.contains("rel=\"tag\""));
    assert!(article.contains("<dl class=\"summary-list\">"));
    let home = site.read("public/index.html");
    assert!(!home.contains("<h1>Health and welfare campaign archive</h1>"));
    assert!(home.contains("<h1>What has been written about"));
    let topic = site.read("public/topics/social-prescribing/index.html");
    assert!(
        topic.contains("<svg class=\"chart\""),
        "topic pages carry the per-year chart"
    );
    assert!(topic.contains("Garry Jones"));
}

#[test]
fn every_internal_link_resolves_at_the_domain_root() {
    let site = build_repo_archive(None);
    let public = site.path().join("public");
    let broken: BTreeSet<_> = internal_links(&public, "/")
        .into_iter()
        .filter(|(_, l)| !resolves(&public, "/", l))
        .collect();
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn under_a_project_subpath_every_link_carries_the_prefix() {
    let site = build_repo_archive(Some("https://example.github.io/campaign-archive/"));
    let public = site.path().join("public");
    let base = "/campaign-archive/";
    let links = internal_links(&public, base);
    assert!(links.len() > 50);
    let bad: Vec<_> = links
        .iter()
        .filter(|(_, l)| {
            (l.starts_with('/') && !l.starts_with(base))
                || !resolves(&public, base, l) && !l.starts_with('#')
        })
        .collect();
    assert!(
        bad.is_empty(),
        "links without the prefix or broken: {bad:#?}"
    );
    let feed = site.read("public/feed.xml");
    assert!(feed.contains("https://example.github.io/campaign-archive/articles/"));
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.github.io/campaign-archive/</loc>"));
    let home = site.read("public/index.html");
    assert!(home
        .contains("<link rel=\"canonical\" href=\"https://example.github.io/campaign-archive/\">"));
    // Issue 20: an icon of the theme's, so browsers don't ask for a missing /favicon.ico
    // (the links above are checked to resolve).
    assert!(home.contains("<link rel=\"icon\" href=\"/campaign-archive/static/favicon.svg\""));
}

#[test]
fn feeds_and_sitemap_are_well_formed_xml() {
    let site = build_repo_archive(Some("https://example.org/"));
    let public = site.path().join("public");
    let xml_files: Vec<String> = files(&public)
        .into_iter()
        .filter(|f| f.ends_with(".xml"))
        .collect();
    assert!(xml_files.len() >= 5, "{xml_files:?}");
    for name in xml_files {
        let text = std::fs::read_to_string(public.join(&name)).unwrap();
        let mut reader = quick_xml::Reader::from_str(&text);
        let mut entries = 0;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Start(e))
                    if e.name().as_ref() == b"entry" || e.name().as_ref() == b"url" =>
                {
                    entries += 1
                }
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed XML: {e}"),
            }
        }
        assert!(entries > 0, "{name} has entries");
    }
}

#[test]
fn content_errors_are_reported_together_and_the_old_site_is_kept() {
    let site = Site::with_repo_archive();
    site.cmd().arg("build").assert().success();
    let before = site.read("public/index.html");
    site.write(
        "content/bad-yaml.md",
        "---\ntitle: x\ntags: [a\n---\nbody\n",
    );
    site.write("content/no-title.md", "---\nauthor: someone\n---\nbody\n");
    site.write(
        "content/bad-topic.md",
        "---\ntitle: fine\ntopics:\n- housing\n---\nbody\n",
    );
    let out = site.cmd().arg("build").assert().code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("content/bad-yaml.md:4"), "{stderr}");
    assert!(stderr.contains("content/no-title.md"), "{stderr}");
    assert!(stderr.contains("content/bad-topic.md:4:3"), "{stderr}");
    assert!(stderr.contains("missing `title`"), "{stderr}");
    assert_eq!(
        site.read("public/index.html"),
        before,
        "a failed build leaves the old site"
    );
}

#[test]
fn deleted_articles_do_not_linger() {
    let site = Site::with_repo_archive();
    site.cmd().arg("build").assert().success();
    std::fs::remove_file(
        site.path()
            .join("content/garry-joness-blog-16-july-2019.md"),
    )
    .unwrap();
    site.cmd().arg("build").assert().success();
    assert!(!site
        .path()
        .join("public/articles/garry-joness-blog-16-july-2019")
        .exists());
}

#[test]
fn contributed_articles_need_only_a_title() {
    let site = Site::new();
    site.write("content/mine.md", "---\ntitle: A contributed note\n---\nWe wrote this ourselves, and it needs no seed at all to be published.\n\n```rust\nfn main() {}\n```\n\n<script>alert(1)</script><b onclick=\"x()\">bold</b>\n");
    site.write(
        "content/sub/draft.md",
        "---\ntitle: Not yet\ndraft: true\n---\nDraft.\n",
    );
    site.cmd()
        .arg("build")
        .assert()
        .success()
        .stderr(contains("built 1 article"));
    let html = site.read("public/articles/mine/index.html");
    assert!(html.contains("Contributed directly to the archive"));
    assert!(html.contains("We wrote this ourselves"));
    assert!(
        html.contains("class=\"hl-"),
        "code is highlighted with classes"
    );
    assert!(
        !html.contains("<script>alert") && !html.contains("onclick"),
        "raw HTML is sanitised"
    );
    assert!(site
        .read("public/topics/unsorted/index.html")
        .contains("A contributed note"));
    site.cmd()
        .args(["build", "--drafts"])
        .assert()
        .success()
        .stderr(contains("built 2 articles"));
    assert!(site
        .path()
        .join("public/articles/draft/index.html")
        .exists());
}

#[test]
fn a_site_template_overrides_the_theme_and_template_errors_name_the_file() {
    let site = Site::with_repo_archive();
    site.write("templates/404.html", "{% extends \"base.html\" %}{% block main %}<h1>Lost? Our own page.</h1>{% endblock main %}");
    site.cmd().arg("build").assert().success();
    assert!(site.read("public/404.html").contains("Lost? Our own page."));
    site.write(
        "templates/tags.html",
        "{% extends \"base.html\" %}\n{% block main %}\n{% for t in tags %}\n{% endblock main %}",
    );
    site.cmd()
        .arg("build")
        .assert()
        .code(1)
        .stderr(contains("tags.html"));
}

#[test]
fn a_first_build_that_fails_leaves_nothing_behind() {
    // The search index is written beside the output folder while pages render; a template
    // that fails on the article pages must take that half-written site away again.
    let site = Site::with_repo_archive();
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}{% block main %}{{ article.no_such.field }}{% endblock main %}",
    );
    site.cmd()
        .arg("build")
        .assert()
        .code(1)
        .stderr(contains("article.html"));
    let left: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("public"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    // Once fixed, the same build writes the whole site.
    std::fs::remove_file(site.path().join("templates/article.html")).unwrap();
    site.cmd().arg("build").assert().success();
    assert!(site.path().join("public/search/index.html").is_file());
    assert!(files(&site.path().join("public/search"))
        .iter()
        .any(|f| f.ends_with("meta.bin")));
}

#[test]
fn pagination_splits_long_lists() {
    let site = Site::new();
    let book = site
        .read("book.toml")
        .replace("page-size = 20", "page-size = 2");
    site.write("book.toml", book);
    for i in 0..5 {
        site.write(
            &format!("content/a{i}.md"),
            format!(
                "---\ntitle: Article {i}\ndate: 2020-01-0{}\ntags:\n- DWP\n---\nText.\n",
                i + 1
            ),
        );
    }
    site.cmd().arg("build").assert().success();
    let public = site.path().join("public");
    assert!(public.join("tags/dwp/page/3/index.html").is_file());
    assert!(!public.join("tags/dwp/page/4").exists());
    let first = site.read("public/tags/dwp/index.html");
    assert!(
        first.contains("Article 4") && first.contains("Article 3") && !first.contains("Article 2"),
        "newest first"
    );
    assert!(first.contains("aria-current=\"page\""));
}

#[test]
fn a_malformed_book_toml_names_the_line() {
    let site = Site::new();
    site.write(
        "book.toml",
        "[book]\ntitle = \"x\"\n[build]\npage-size = \"many\"\n",
    );
    site.cmd()
        .arg("build")
        .assert()
        .code(2)
        .stderr(contains("book.toml:4"));
    site.write("book.toml", "[book]\ntitel = \"x\"\n");
    site.cmd()
        .arg("build")
        .assert()
        .success()
        .stderr(contains("book.titel"));
}

#[test]
fn a_rebuild_with_nothing_changed_does_nothing_and_an_edit_rewrites_only_what_changed() {
    let site = Site::with_repo_archive();
    site.cmd()
        .arg("build")
        .assert()
        .success()
        .stderr(contains("built 5 articles"));
    let home = site.path().join("public/index.html");
    let article = site
        .path()
        .join("public/articles/garry-joness-blog-16-july-2019/index.html");
    let other = site
        .path()
        .join("public/articles/clear-these-dwp-parasites-out-of-gp-surgeries/index.html");
    let stamp = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let (home_t, other_t) = (stamp(&home), stamp(&other));
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.cmd()
        .arg("build")
        .assert()
        .success()
        .stderr(contains("nothing changed since the last build"));
    assert_eq!(stamp(&home), home_t);

    let rel = "content/garry-joness-blog-16-july-2019.md";
    site.write(
        rel,
        site.read(rel)
            .replace("So I call on GPs", "So I now call on GPs"),
    );
    site.cmd()
        .arg("build")
        .assert()
        .success()
        .stderr(contains("built 5 articles"));
    assert!(std::fs::read_to_string(&article)
        .unwrap()
        .contains("So I now call on GPs"));
    assert_eq!(
        stamp(&other),
        other_t,
        "an article that did not change is not rewritten"
    );

    std::fs::remove_file(&other).unwrap();
    site.cmd()
        .arg("build")
        .assert()
        .success()
        .stderr(contains("built 5 articles"));
    assert!(
        other.is_file(),
        "a file removed from the output by hand is restored"
    );

    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Gone</h1>{% endblock main %}",
    );
    site.cmd()
        .arg("build")
        .assert()
        .success()
        .stderr(contains("built 5 articles"));
    assert!(
        site.read("public/404.html").contains("Gone"),
        "a template change invalidates the cache"
    );
    assert!(
        !site.path().join("public/.pamphlet-cache").exists(),
        "the cache is not published"
    );
}

/// Issue 17: file stems longer than a slug were cut back to a word, so `…-handing.md`
/// and `…-handing-2.md` claimed one address and the build failed. Now each file keeps
/// an address of its own; two addresses that truly clash get an error saying what to do.
#[test]
fn long_file_names_get_different_addresses() {
    let site = Site::new();
    let stem =
        "dwp-minister-refuses-to-publish-the-figures-on-sanctions-and-deaths-after-the-handing";
    let body = "---\ntitle: Figures\ndate: 2020-01-01\n---\nThe minister refused.\n";
    site.write(&format!("content/{stem}.md"), body);
    site.write(&format!("content/{stem}-2.md"), body);
    site.cmd()
        .arg("build")
        .assert()
        .success()
        .stderr(contains("built 2 articles"));
    let articles = files(&site.path().join("public/articles"));
    let pages: BTreeSet<&String> = articles
        .iter()
        .filter(|f| f.ends_with("/index.html"))
        .collect();
    assert_eq!(pages.len(), 2, "{pages:?}");

    site.write(
        "content/clash.md",
        "---\ntitle: Clash\nslug: clash-here\n---\nOne.\n",
    );
    site.write(
        "content/other.md",
        "---\ntitle: Other\nslug: clash-here\n---\nTwo.\n",
    );
    site.cmd()
        .arg("build")
        .assert()
        .failure()
        .stderr(contains("slug `clash-here` is also the slug of"))
        .stderr(contains("give one of them its own `slug:`"));
}

/// Issue 19: `build --out DIR` put `.pamphlet-cache` in DIR's parent, outside the folder
/// that was named. The cache is the site's own, and a second build still finds it.
#[test]
fn build_out_keeps_its_cache_in_the_site_not_beside_the_output() {
    let site = Site::with_repo_archive();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("www");
    site.cmd()
        .arg("build")
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        util::files(elsewhere.path())
            .iter()
            .filter(|f| !f.starts_with("www/"))
            .collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "nothing is written beside the output folder"
    );
    assert!(site.path().join(".pamphlet-cache").is_dir());
    site.cmd()
        .arg("build")
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stderr(contains("nothing changed since the last build"));
}
