//! The "Cite this" downloads in headless Chromium (issue 17: built by `static/archive.js`
//! from the page's citation tags and JSON-LD, not carried in every page as `data:` URLs).
//! Each one must parse, and must hold what the page's `data:` URL held before the move;
//! the quote button must still cite the article.

mod util;

use std::time::Duration;

use util::browser::{Browser, Server};
use util::{files, Site};

const WAIT: Duration = Duration::from_secs(10);
const PREFIX: &str = "/archive/";

/// The text of a `data:` URL the script set on a download link.
fn decoded(url: &str, media_type: &str) -> String {
    let encoded = url
        .strip_prefix(&format!("data:{media_type};charset=utf-8,"))
        .unwrap_or_else(|| panic!("not a {media_type} data: URL: {url:.80}"));
    percent_encoding::percent_decode_str(encoded)
        .decode_utf8()
        .expect("UTF-8")
        .into_owned()
}

/// The page's two downloads, once the script has shown them: (BibTeX, CSL-JSON), each
/// checked to be saved under the article's slug.
fn downloads(b: &mut Browser, slug: &str) -> (String, String) {
    b.wait_for(
        "(function(){var r=document.querySelector('.cite-actions');return r&&!r.hidden;})()",
        WAIT,
        &format!("{slug}: the download links"),
    );
    let link = |b: &mut Browser, kind: &str, attr: &str| {
        b.eval(&format!(
            "document.querySelector('a[data-cite=\"{kind}\"]').getAttribute('{attr}')"
        ))
        .as_str()
        .expect("attribute")
        .to_string()
    };
    assert_eq!(link(b, "bibtex", "download"), format!("{slug}.bib"));
    assert_eq!(link(b, "csl", "download"), format!("{slug}.json"));
    (
        decoded(&link(b, "bibtex", "href"), "application/x-bibtex"),
        decoded(
            &link(b, "csl", "href"),
            "application/vnd.citationstyles.csl+json",
        ),
    )
}

#[test]
fn downloads_are_built_in_the_browser_parse_and_match_the_old_data_urls() {
    let site = Site::with_repo_archive();
    site.write("content/tricky.md", "---\ntitle: 'Cuts & {braces} 100% of_the $ time'\nauthor: Jo Bloggs\npublisher: The Bugle\ndate: 2020-03\n---\nText.\n");
    site.write(
        "content/two-people.md",
        "---\ntitle: Two people wrote this\nauthor: Jo Bloggs and Sam Smith\ndate: 2021-05-04\nsource: https://news.example/two\n---\nText.\n",
    );
    site.cmd()
        .args(["build", "--base-url", "https://example.org/archive/"])
        .assert()
        .success();
    let public = site.path().join("public");
    let server = Server::start(&public, PREFIX);
    let mut b = Browser::launch();
    let mut count = 0;
    for name in files(&public)
        .into_iter()
        .filter(|f| f.starts_with("articles/") && f.ends_with("index.html"))
    {
        let html = std::fs::read_to_string(public.join(&name)).unwrap();
        assert!(
            !html.contains("href=\"data:"),
            "{name}: the downloads are no longer in the page"
        );
        let slug = name.split('/').nth(1).unwrap();
        b.goto(&server.url(&format!("articles/{slug}/")));
        let (bib, csl) = downloads(&mut b, slug);
        let parsed =
            biblatex::Bibliography::parse(&bib).unwrap_or_else(|e| panic!("{name}: {e:?}\n{bib}"));
        let entry = parsed.iter().next().unwrap();
        assert!(entry.title().is_ok(), "{name}");
        assert!(
            entry
                .url()
                .is_ok_and(|u| u.starts_with("https://example.org/archive/articles/")),
            "{name}"
        );
        let csl: serde_json::Value = serde_json::from_str(&csl).unwrap();
        let item = &csl[0];
        for key in ["id", "type", "title", "URL"] {
            assert!(item[key].is_string(), "{name}: CSL-JSON needs {key}");
        }
        count += 1;
    }
    assert_eq!(count, 7);

    // What the tricky article's data: URLs held before (pamphlet at c8d4c20), byte for byte.
    b.goto(&server.url("articles/tricky/"));
    let (bib, csl) = downloads(&mut b, "tricky");
    assert_eq!(
        bib,
        "@online{tricky,\n  title = {Cuts \\& braces 100\\% of\\_the \\$ time},\n  author = {Jo Bloggs},\n  organization = {The Bugle},\n  date = {2020-03},\n  url = {https://example.org/archive/articles/tricky/},\n  howpublished = {Archived in Health and welfare campaign archive},\n}\n"
    );
    assert_eq!(
        csl,
        "[{\"URL\":\"https://example.org/archive/articles/tricky/\",\"archive\":\"Health and welfare campaign archive\",\"author\":[{\"literal\":\"Jo Bloggs\"}],\"container-title\":\"The Bugle\",\"id\":\"tricky\",\"issued\":{\"date-parts\":[[2020,3]]},\"title\":\"Cuts & {braces} 100% of_the $ time\",\"type\":\"article-newspaper\"}]\n"
    );

    // Two people are two authors, as BibTeX ("and") and CSL (one name each) read them; the
    // source is the note and the archive location.
    b.goto(&server.url("articles/two-people/"));
    let (bib, csl) = downloads(&mut b, "two-people");
    assert!(
        bib.contains("  author = {Jo Bloggs and Sam Smith},\n"),
        "{bib}"
    );
    assert!(
        bib.contains("  note = {Originally published at https://news.example/two},\n"),
        "{bib}"
    );
    let csl: serde_json::Value = serde_json::from_str(&csl).unwrap();
    assert_eq!(
        csl[0]["author"],
        serde_json::json!([{"literal": "Jo Bloggs"}, {"literal": "Sam Smith"}])
    );
    assert_eq!(csl[0]["archive_location"], "https://news.example/two");
    assert_eq!(
        csl[0]["issued"]["date-parts"],
        serde_json::json!([[2021, 5, 4]])
    );

    // The quote button cites the article from the citation on the page.
    b.eval(
        "window.copied = null; navigator.clipboard.writeText = function (t) { window.copied = t; return Promise.resolve(); }; \
         var p = document.querySelector('.body p'); var r = document.createRange(); r.selectNodeContents(p); \
         var s = getSelection(); s.removeAllRanges(); s.addRange(r); true",
    );
    b.wait_for(
        "!document.querySelector('.quote-button').hidden",
        WAIT,
        "the quote button",
    );
    b.eval("document.querySelector('.quote-button').click(); true");
    let copied = b.wait_for("window.copied", WAIT, "the copied quotation");
    let copied = copied.as_str().unwrap();
    assert!(
        copied.starts_with("“Text.”\n— Jo Bloggs and Sam Smith. (2021, May 4). Two people wrote this. Archived in Health and welfare campaign archive: https://example.org/archive/articles/two-people/ (accessed "),
        "{copied}"
    );
    assert!(copied.contains("/articles/two-people/#p-"), "{copied}");
}
