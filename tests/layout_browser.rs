//! Issue 20, the archive as a reader sees it, in Chromium at desktop and phone width: the
//! charts on topic pages and /years/ render at a sane size whatever the span of years,
//! with labels that never overlap; the header is one row on a desktop; no page scrolls
//! sideways on a phone.

mod util;

use serde_json::{json, Value};
use util::browser::{Browser, Server};
use util::Site;

const PAGES: &[&str] = &[
    "",
    "articles/clear-these-dwp-parasites-out-of-gp-surgeries/",
    "topics/welfare-conditionality/",
    "years/",
    "search/?q=gp",
    "tags/",
];

/// An archive of `years` consecutive years, a few articles a month in two topics.
fn archive(years: i32) -> Site {
    let site = Site::new();
    for y in 0..years {
        for m in [1, 4, 7, 11] {
            let topic = if m < 6 {
                "welfare-conditionality"
            } else {
                "privatisation"
            };
            site.write(
                &format!("content/a-{y}-{m}.md"),
                format!(
                    "---\ntitle: Article {y} {m}\ndate: {}-{m:02}-03\ntopics:\n- {topic}\n---\nText.\n",
                    2001 + y
                ),
            );
        }
    }
    site.cmd().arg("build").assert().success();
    site
}

/// For every SVG on the page: its rendered height and the labels that overlap another.
const MEASURE: &str = r#"Array.from(document.querySelectorAll('main svg')).map(function (svg) {
  var boxes = Array.from(svg.querySelectorAll('text')).map(function (t) {
    var r = t.getBoundingClientRect(); return {text: t.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom};
  });
  var overlaps = [];
  boxes.forEach(function (a, i) { boxes.slice(i + 1).forEach(function (b) {
    if (a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b) overlaps.push(a.text + ' / ' + b.text);
  }); });
  var r = svg.getBoundingClientRect();
  return {height: r.height, width: r.width, overlaps: overlaps};
})"#;

fn set_width(b: &mut Browser, width: u32) {
    b.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}),
    );
}

#[test]
fn charts_are_at_most_400px_tall_and_their_labels_do_not_overlap() {
    let mut browser = Browser::launch();
    for years in [1, 20] {
        let site = archive(years);
        let server = Server::start(&site.path().join("public"), "/");
        for width in [1280, 390] {
            set_width(&mut browser, width);
            for page in ["years/", "topics/welfare-conditionality/"] {
                browser.goto(&server.url(page));
                let charts = browser.eval(MEASURE);
                let charts = charts.as_array().expect("a list of charts");
                assert!(!charts.is_empty(), "{years} years, /{page}: no chart");
                for c in charts {
                    let h = c["height"].as_f64().unwrap_or(f64::MAX);
                    assert!(
                        h <= 400.0 && h > 20.0,
                        "{years} years, {width} px, /{page}: a chart {h} px tall"
                    );
                    assert!(
                        c["width"].as_f64().unwrap_or(f64::MAX) <= f64::from(width),
                        "{years} years, {width} px, /{page}: wider than the screen: {c}"
                    );
                    assert_eq!(
                        c["overlaps"],
                        Value::Array(vec![]),
                        "{years} years, {width} px, /{page}: labels overlap"
                    );
                }
            }
        }
    }
}

#[test]
fn the_header_is_one_row_on_a_desktop_and_nothing_scrolls_sideways_on_a_phone() {
    let site = Site::with_repo_archive();
    site.cmd().arg("build").assert().success();
    let server = Server::start(&site.path().join("public"), "/");
    let mut browser = Browser::launch();
    set_width(&mut browser, 1280);
    for page in PAGES {
        browser.goto(&server.url(page));
        // Title, navigation and search box (where there is one) share one row.
        let rows = browser.eval(
            "new Set(Array.from(document.querySelectorAll('.site-header .wrap > *')).map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2))).size",
        );
        assert_eq!(rows, json!(1), "/{page}: the header wraps at 1280 px");
    }
    set_width(&mut browser, 390);
    for page in PAGES {
        browser.goto(&server.url(page));
        let wide = browser
            .eval("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assert_eq!(wide, json!(0), "/{page}: scrolls sideways at 390 px");
    }
}
