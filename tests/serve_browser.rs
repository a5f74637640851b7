//! Live reload in a real browser: an open page shows an edit to its Markdown, with no
//! action in the browser, and a broken edit puts the error over the page until fixed.

mod util;

use std::time::Duration;

use util::browser::Browser;
use util::{serve, Site};

const FILE: &str = "content/garry-joness-blog-16-july-2019.md";

#[test]
fn an_open_page_reloads_with_the_edit_and_shows_errors_over_the_page() {
    let site = Site::with_repo_archive();
    let server = serve(
        &site,
        &["--base-url", "https://example.github.io/campaign-archive/"],
        "/campaign-archive/",
    );
    let mut browser = Browser::launch();
    let url = format!(
        "http://127.0.0.1:{}/campaign-archive/articles/garry-joness-blog-16-july-2019/",
        server.port
    );
    browser.goto(&url);
    browser.eval("window.pamphletMarker = 1");

    let text = site.read(FILE);
    site.write(
        FILE,
        text.replace("So I call on GPs", "So today I call on GPs"),
    );
    browser.wait_for(
        "!!document.body && document.body.innerText.includes('So today I call on GPs')",
        Duration::from_secs(15),
        "the edit to appear in the open page",
    );
    assert_eq!(
        browser.eval("window.pamphletMarker === undefined"),
        serde_json::json!(true),
        "the page reloaded by itself"
    );

    let good = site.read(FILE);
    site.write(FILE, good.replacen("title: ", "title: [broken\n", 1));
    let overlay = browser.wait_for(
        "(document.getElementById('pamphlet-error') || {}).textContent",
        Duration::from_secs(15),
        "the error overlay",
    );
    assert!(
        overlay.as_str().unwrap_or("").contains(FILE),
        "the overlay names the file: {overlay}"
    );
    assert!(
        browser.eval("document.body.innerText.includes('So today I call on GPs')")
            == serde_json::json!(true),
        "the last good page stays"
    );

    site.write(
        FILE,
        good.replace("So today I call on GPs", "So at last I call on GPs"),
    );
    browser.wait_for(
        "!!document.body && !document.getElementById('pamphlet-error') && document.body.innerText.includes('So at last I call on GPs')",
        Duration::from_secs(15),
        "the fixed page, without the overlay",
    );
}

#[test]
fn a_stylesheet_change_applies_without_reloading() {
    let site = Site::with_repo_archive();
    let server = serve(&site, &[], "/");
    let mut browser = Browser::launch();
    browser.goto(&format!(
        "http://127.0.0.1:{}/articles/clear-these-dwp-parasites-out-of-gp-surgeries/",
        server.port
    ));
    browser.eval("window.scrollTo(0, 400); window.pamphletMarker = 42; 1");
    let css = site.read("themes/default/static/style.css");
    site.write(
        "themes/default/static/style.css",
        format!("{css}\nbody {{ outline: 3px solid rgb(1, 2, 3); }}\n"),
    );
    browser.wait_for(
        "getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'",
        Duration::from_secs(15),
        "the new stylesheet",
    );
    assert_eq!(
        browser.eval("window.pamphletMarker"),
        serde_json::json!(42),
        "no reload: the page's state is kept"
    );
}

/// Issue 19: `serve` in a folder with nothing to build served a bare 404. The browser
/// shows what is missing and how to start, and the site once there is one.
#[test]
fn with_nothing_to_build_the_browser_shows_how_to_start_then_the_site() {
    let site = Site::new();
    std::fs::remove_dir_all(site.path().join("content")).unwrap();
    let server = serve(&site, &[], "/");
    let mut browser = Browser::launch();
    browser.goto(&format!("http://127.0.0.1:{}/", server.port));
    let overlay = browser.wait_for(
        "(document.getElementById('pamphlet-error') || {}).textContent",
        Duration::from_secs(15),
        "the error overlay",
    );
    let overlay = overlay.as_str().unwrap_or("");
    assert!(
        overlay.contains("content folder does not exist") && overlay.contains("pamphlet init"),
        "the overlay says what is missing and how to start: {overlay}"
    );
    site.write(
        "content/first.md",
        "---\ntitle: The first article\n---\nIts text.\n",
    );
    browser.wait_for(
        "!!document.body && !document.getElementById('pamphlet-error') && document.body.innerText.includes('The first article')",
        Duration::from_secs(15),
        "the site, once there is one",
    );
}
