//! Saved searches (issue 21): each `[[watch]]` in book.toml becomes an Atom feed at
//! /watch/<slug>/feed.xml whose entries are exactly what `pamphlet search` finds for the
//! same words and filters, newest first. Feeds are read with PyPI's feedparser, under a
//! subpath site URL.

mod util;

use std::process::Command;

use serde_json::Value;
use util::Site;

const BASE: &str = "https://example.org/archive/";

const WATCHES: &str = r#"
[[watch]]
name = "Sanctions"
query = "sanctions"

[[watch]]
name = "Contracts in the NHS"
query = "contract"
topics = ["Privatisation"]
tags = ["NHS"]

[[watch]]
name = "Nothing at all"
query = "zzyzx"
"#;

/// The repo's archive, with dated articles of its own that some watches find.
fn site() -> Site {
    let site = Site::with_repo_archive();
    let book = std::fs::read_to_string(util::repo().join("book.toml")).unwrap();
    site.write("book.toml", format!("{book}\n{WATCHES}"));
    for (n, (date, words)) in [
        ("2021-05-02", "Benefit sanctions rose again this spring."),
        ("2019-11", "A report on sanctions and food banks."),
        ("2023", "Nobody expected the sanctions to end."),
        ("", "Undated: sanctions were discussed at length."),
        (
            "2022-01-09",
            "A private contract for NHS cancer care was signed.",
        ),
        ("2020-06-30", "Nothing to do with the searches at all."),
    ]
    .iter()
    .enumerate()
    {
        let date = if date.is_empty() {
            String::new()
        } else {
            format!("date: {date}\n")
        };
        let topics = if words.contains("contract") {
            "topics: [privatisation]\ntags: [NHS]\n"
        } else {
            ""
        };
        site.write(
            &format!("content/extra-{n}.md"),
            format!("---\ntitle: Extra {n}\n{date}{topics}---\n{words}\n"),
        );
    }
    site
}

/// A feed as feedparser reads it: (bozo, feed title, entry links).
fn parse_feed(path: &std::path::Path) -> (bool, String, Vec<String>) {
    let tools = util::tools();
    let script = "import feedparser, json, sys\n\
        d = feedparser.parse(sys.argv[1])\n\
        print(json.dumps({'bozo': bool(d.bozo), 'error': str(d.get('bozo_exception', '')),\n\
          'title': d.feed.get('title', ''), 'links': [e.link for e in d.entries]}))";
    let out = Command::new("python3")
        .env("PYTHONPATH", tools.join("py"))
        .args(["-c", script])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "feedparser (install it with `bash tests/run.sh`): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["bozo"], false, "{}: {}", path.display(), v["error"]);
    let links = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let l = l.as_str().unwrap();
            assert!(l.starts_with(BASE), "{l}: absolute, under the site URL");
            slug(l)
        })
        .collect();
    (false, v["title"].as_str().unwrap().to_string(), links)
}

/// The article a link leads to.
fn slug(url: &str) -> String {
    url.split("/articles/")
        .nth(1)
        .unwrap()
        .trim_end_matches('/')
        .to_string()
}

/// `pamphlet search --by-date --json`, every result, by slug.
fn searched(site: &Site, args: &[&str]) -> Vec<String> {
    let out = site
        .cmd()
        .args(["search", "--by-date", "--limit", "0", "--json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| slug(r["url"].as_str().unwrap()))
        .collect()
}

#[test]
fn each_watch_feed_lists_what_pamphlet_search_finds_newest_first() {
    let site = site();
    site.cmd()
        .args(["build", "--base-url", BASE])
        .assert()
        .success();
    let public = site.path().join("public");

    let (_, title, links) = parse_feed(&public.join("watch/sanctions/feed.xml"));
    assert_eq!(title, "Sanctions · Health and welfare campaign archive");
    let expected = searched(&site, &["sanctions"]);
    assert!(expected.len() >= 4, "{expected:?}");
    assert_eq!(links, expected);
    // Newest first, the undated one last.
    let extra = |n: usize| format!("extra-{n}");
    let order: Vec<&String> = links.iter().filter(|l| l.starts_with("extra-")).collect();
    assert_eq!(order, [&extra(2), &extra(0), &extra(1), &extra(3)]);

    let (_, _, links) = parse_feed(&public.join("watch/contracts-in-the-nhs/feed.xml"));
    let expected = searched(
        &site,
        &["contract", "--topic", "privatisation", "--tag", "nhs"],
    );
    assert_eq!(links, expected);
    assert!(links.contains(&extra(4)), "{links:?}");
    assert!(links.iter().all(|l| !l.contains("extra-5")));

    let (_, _, links) = parse_feed(&public.join("watch/nothing-at-all/feed.xml"));
    assert!(
        links.is_empty(),
        "a search that finds nothing is an empty feed"
    );

    let home = site.read("public/index.html");
    assert!(
        home.contains("href=\"/archive/watch/sanctions/feed.xml\""),
        "the home page lists the saved searches"
    );
}

#[test]
fn a_watch_naming_an_unknown_topic_or_missing_its_query_is_refused_at_its_line() {
    let site = Site::new();
    site.write(
        "book.toml",
        "[book]\ntitle = \"T\"\n[topics.cuts]\nname = \"Cuts\"\n\n[[watch]]\nname = \"A\"\nquery = \"x\"\ntopics = [\"Privatisation\"]\n\n[[watch]]\nname = \"B\"\n",
    );
    site.write("content/a.md", "---\ntitle: A\n---\nText.\n");
    let out = site.cmd().arg("check").output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no topic `Privatisation`"), "{err}");
    assert!(err.contains("book.toml:9"), "{err}");
    assert!(err.contains("the topics are: cuts"), "{err}");
    assert!(err.contains("needs a `name` and a `query`"), "{err}");
    assert!(err.contains("book.toml:11"), "{err}");
}
