//! What reference managers and search engines read from an article page (issue 21): the
//! Highwire Press and Dublin Core tags and the schema.org JSON-LD, extracted from the
//! built pages by PyPI's extruct and lxml, expanded by pyld, and checked against each
//! article's front matter; and the Highwire tags mapped as Zotero's "Embedded Metadata"
//! translator maps them. Under a subpath site URL, as a project's GitHub Pages site is.

mod util;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use pamphlet::content::front_matter::{split, FrontMatter};
use serde_json::Value;
use util::{files, Site};

const BASE: &str = "https://example.org/archive/";

const TRICKY: &str = "---
title: 'Cuts & \"reforms\": </script><!-- a thread'
author: Jo Bloggs and Sam Smith
publisher: Mumsnet-style Board
date: 2020-03
source: https://forum.example/t/123
kind: forum
topics:
- privatisation
tags:
- NHS
- Virgin Care
summary: 'Members compare notes on the <b>contract</b> & what it means.'
---
The opening post of the thread.

## Reader responses

### Response 1 — Ann Other

Agreed, and </script> here too.

### Response 2

A reply with no name.
";

fn built_site() -> (Site, std::path::PathBuf) {
    let site = Site::with_repo_archive();
    site.write("content/tricky-thread.md", TRICKY);
    site.cmd()
        .args(["build", "--base-url", BASE])
        .assert()
        .success();
    let public = site.path().join("public");
    (site, public)
}

/// Every built article page, by slug, with what the extractors found in it.
fn extracted(public: &Path) -> BTreeMap<String, Value> {
    let pages: Vec<String> = files(&public.join("articles"))
        .into_iter()
        .filter(|f| f.ends_with("/index.html"))
        .map(|f| public.join("articles").join(f).display().to_string())
        .collect();
    let tools = util::tools();
    let script = util::repo().join("tests/tools/extract_metadata.py");
    let out = Command::new("python3")
        .env("PYTHONPATH", tools.join("py"))
        .arg(&script)
        .args(&pages)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "extruct/pyld failed (install them with `bash tests/run.sh`):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let all: BTreeMap<String, Value> = serde_json::from_slice(&out.stdout).unwrap();
    all.into_iter()
        .map(|(path, v)| {
            let slug = path.rsplit('/').nth(1).unwrap().to_string();
            (slug, v)
        })
        .collect()
}

/// Each article's front matter, by slug (the file stem where no `slug:` is given).
fn front_matters(site: &Site) -> BTreeMap<String, FrontMatter> {
    files(&site.path().join("content"))
        .into_iter()
        .map(|name| {
            let text = site.read(&format!("content/{name}"));
            let front: FrontMatter = serde_yaml::from_str(split(&text).unwrap().yaml).unwrap();
            let slug = front
                .slug
                .clone()
                .unwrap_or_else(|| name.trim_end_matches(".md").to_string());
            (slug, front)
        })
        .collect()
}

fn meta_values<'a>(page: &'a Value, name: &str) -> Vec<&'a str> {
    page["meta"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m[0] == name)
        .map(|m| m[1].as_str().unwrap())
        .collect()
}

fn one<'a>(page: &'a Value, name: &str) -> Option<&'a str> {
    let values = meta_values(page, name);
    assert!(values.len() <= 1, "{name} given {} times", values.len());
    values.first().copied()
}

/// The people of a byline, as the pages name them (see src/render/metadata.rs).
fn people(byline: &str) -> Vec<String> {
    byline
        .split(" and ")
        .map(|s| s.trim().to_string())
        .collect()
}

fn topic_names(site: &Site, front: &FrontMatter) -> Vec<String> {
    let book: toml::Value = toml::from_str(&site.read("book.toml")).unwrap();
    front
        .topics
        .iter()
        .map(|slug| {
            book["topics"][slug.as_str()]["name"]
                .as_str()
                .unwrap_or_else(|| panic!("topic {slug}"))
                .to_string()
        })
        .collect()
}

#[test]
fn highwire_dublin_core_and_json_ld_match_the_front_matter() {
    let (site, public) = built_site();
    let pages = extracted(&public);
    let fronts = front_matters(&site);
    assert_eq!(pages.len(), 6);
    for (slug, front) in &fronts {
        let page = &pages[slug];
        let url = format!("{BASE}articles/{slug}/");
        let date = front.date.map(|d| d.to_string());
        let authors = front.author.as_deref().map(people).unwrap_or_default();
        let og = &page["opengraph"][0];
        let description = og["og:description"].as_str().unwrap();
        if let Some(summary) = &front.summary {
            assert_eq!(description, summary, "{slug}");
        }
        // The article's own words, as the site sorts them: topics by name, then tags as
        // canonicalised (in the repo archive they are written canonically already).
        let mut keywords = topic_names(&site, front);
        keywords.extend(front.tags.iter().cloned());

        // Highwire Press, as Google Scholar and Zotero read it.
        assert_eq!(
            one(page, "citation_title"),
            Some(front.title.as_str()),
            "{slug}"
        );
        assert_eq!(meta_values(page, "citation_author"), authors, "{slug}");
        assert_eq!(
            one(page, "citation_publication_date").map(str::to_string),
            date.as_ref().map(|d| d.replace('-', "/")),
            "{slug}"
        );
        assert_eq!(
            one(page, "citation_publisher"),
            front.publisher.as_deref(),
            "{slug}"
        );
        assert_eq!(
            one(page, "citation_public_url"),
            Some(url.as_str()),
            "{slug}"
        );
        assert_eq!(one(page, "citation_language"), Some("en"), "{slug}");
        assert_eq!(one(page, "citation_abstract"), Some(description), "{slug}");
        let listed: Vec<&str> = one(page, "citation_keywords")
            .map(|k| k.split("; ").collect())
            .unwrap_or_default();
        assert_eq!(listed, keywords, "{slug}");

        // Dublin Core, as extruct reads it (it needs the schema.DC link).
        let dc = &page["dublincore"][0]["elements"];
        let dc_values = |name: &str| -> Vec<String> {
            dc.as_array()
                .unwrap()
                .iter()
                .filter(|e| e["name"] == format!("DC.{name}"))
                .inspect(|e| {
                    assert_eq!(e["URI"], format!("http://purl.org/dc/elements/1.1/{name}"))
                })
                .map(|e| e["content"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(dc_values("title"), [front.title.as_str()], "{slug}");
        assert_eq!(dc_values("creator"), authors, "{slug}");
        assert_eq!(
            dc_values("date"),
            date.iter().cloned().collect::<Vec<_>>(),
            "{slug}"
        );
        assert_eq!(dc_values("identifier"), [url.as_str()], "{slug}");
        assert_eq!(dc_values("subject"), keywords, "{slug}");
        assert_eq!(og["@type"], "article", "{slug}");
        assert_eq!(
            og["og:site_name"], "Health and welfare campaign archive",
            "{slug}"
        );
        assert_eq!(og["og:url"], url.as_str(), "{slug}");

        // schema.org, as extruct extracts it and pyld expands it.
        let items = page["json_ld"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{slug}");
        let ld = &items[0];
        let kind = match front.kind {
            Some(pamphlet::content::front_matter::Kind::Forum) => "DiscussionForumPosting",
            Some(pamphlet::content::front_matter::Kind::Blog) => "BlogPosting",
            Some(pamphlet::content::front_matter::Kind::News) => "NewsArticle",
            None => "Article",
        };
        assert_eq!(ld["@type"], kind, "{slug}");
        assert_eq!(ld["headline"], front.title.as_str(), "{slug}");
        assert_eq!(ld["url"], url.as_str(), "{slug}");
        assert_eq!(
            ld["datePublished"].as_str().map(str::to_string),
            date,
            "{slug}"
        );
        let ld_authors: Vec<&str> = ld["author"]
            .as_array()
            .map(|a| a.iter().map(|p| p["name"].as_str().unwrap()).collect())
            .unwrap_or_default();
        assert_eq!(ld_authors, authors, "{slug}");
        assert_eq!(
            ld["publisher"]["name"].as_str(),
            front.publisher.as_deref(),
            "{slug}"
        );
        let web_source = front.source.as_deref().filter(|s| s.starts_with("http"));
        assert_eq!(ld["isBasedOn"].as_str(), web_source, "{slug}");
        assert_eq!(
            ld["archivedAt"].as_str().map(str::to_string),
            web_source.map(|s| format!("https://web.archive.org/web/*/{s}")),
            "{slug}"
        );
        let html =
            std::fs::read_to_string(public.join(format!("articles/{slug}/index.html"))).unwrap();
        let shown = html.matches("class=\"response\" id=\"response-").count();
        let comments = ld["comment"].as_array().map_or(0, Vec::len);
        assert_eq!(comments, shown, "{slug}: one Comment per response shown");
        let expanded = &page["expanded"][0][0];
        assert_eq!(
            expanded["https://schema.org/headline"][0]["@value"],
            front.title.as_str(),
            "{slug}: pyld expands the headline"
        );
    }
}

#[test]
fn the_thread_is_a_forum_posting_with_its_comments_and_nothing_escapes_its_script() {
    let (_site, public) = built_site();
    let html = std::fs::read_to_string(public.join("articles/tricky-thread/index.html")).unwrap();
    let script = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .unwrap();
    assert!(!script.contains('<'), "{script}");
    let pages = extracted(&public);
    let ld = &pages["tricky-thread"]["json_ld"][0];
    assert_eq!(ld["@type"], "DiscussionForumPosting");
    assert_eq!(ld["headline"], "Cuts & \"reforms\": </script><!-- a thread");
    assert_eq!(ld["commentCount"], 2);
    assert_eq!(ld["comment"][0]["author"]["name"], "Ann Other");
    assert_eq!(ld["comment"][0]["text"], "Agreed, and </script> here too.");
    assert_eq!(
        ld["comment"][0]["url"],
        format!("{BASE}articles/tricky-thread/#response-1")
    );
    assert!(
        ld["comment"][1].get("author").is_none(),
        "no name, no author"
    );
    assert!(
        html.contains("id=\"response-1\""),
        "the comment URL's anchor exists"
    );
}

/// Zotero's "Embedded Metadata" translator (zotero/translators, read, not copied): which
/// Highwire tag fills which field of the item it saves.
const ZOTERO_HIGHWIRE: &[(&str, &str)] = &[
    ("citation_title", "title"),
    ("citation_publication_date", "date"),
    ("citation_publisher", "publisher"),
    ("citation_abstract", "abstractNote"),
    ("citation_public_url", "url"),
    ("citation_language", "language"),
];

/// The item Zotero would save from a page's tags: the mapped fields, the creators (one
/// per `citation_author`, each split further at `;`) and the tags (`citation_keywords`
/// split at `;`).
fn zotero_item(page: &Value) -> (BTreeMap<&'static str, String>, Vec<String>, Vec<String>) {
    let mut fields = BTreeMap::new();
    for (tag, field) in ZOTERO_HIGHWIRE {
        if let Some(v) = meta_values(page, tag).first() {
            fields.insert(*field, v.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    let creators = meta_values(page, "citation_author")
        .into_iter()
        .flat_map(|a| a.split(';'))
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect();
    let tags = meta_values(page, "citation_keywords")
        .into_iter()
        .flat_map(|k| k.split(';'))
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    (fields, creators, tags)
}

#[test]
fn zotero_saves_the_article_as_its_front_matter_says() {
    let (_site, public) = built_site();
    let pages = extracted(&public);
    let (fields, creators, tags) = zotero_item(&pages["tricky-thread"]);
    assert_eq!(
        fields["title"],
        "Cuts & \"reforms\": </script><!-- a thread"
    );
    assert_eq!(fields["date"], "2020/03");
    assert_eq!(fields["publisher"], "Mumsnet-style Board");
    assert_eq!(
        fields["abstractNote"],
        "Members compare notes on the <b>contract</b> & what it means."
    );
    assert_eq!(fields["url"], format!("{BASE}articles/tricky-thread/"));
    assert_eq!(fields["language"], "en");
    assert_eq!(creators, ["Jo Bloggs", "Sam Smith"]);
    assert_eq!(tags.len(), 3, "{tags:?}");
    assert_eq!(&tags[1..], ["NHS", "Virgin Care"]);
}

#[test]
fn an_unknown_kind_is_refused_with_the_kinds_there_are() {
    let site = Site::new();
    site.write(
        "content/a.md",
        "---\ntitle: A\nkind: newspaper\n---\nText.\n",
    );
    let out = site.cmd().arg("check").output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("content/a.md"), "{err}");
    assert!(err.contains("newspaper") && err.contains("forum"), "{err}");
}
