//! Date-range search (issue 21) on the search page in headless Chromium, under a project
//! subpath: a range from the URL or the boxes, the histogram that narrows it to a year,
//! the undated matches offered rather than dropped, date order keeping it all in the URL;
//! the page's results are `pamphlet search --from --to`'s; axe finds nothing serious in
//! the controls, light or dark.

mod util;

use std::time::Duration;

use serde_json::{json, Value};
use util::browser::{Browser, Server};
use util::Site;

const WAIT: Duration = Duration::from_secs(10);
const PREFIX: &str = "/archive/";

/// Articles about sanctions across the years, at each precision, and two with no date.
fn built_site() -> Site {
    let site = Site::with_repo_archive();
    for (n, date) in [
        "2019-07-16",
        "2019",
        "2019-06-30",
        "2020-02",
        "2020-04-01",
        "2021-05-01",
        "",
        "",
    ]
    .iter()
    .enumerate()
    {
        let date = if date.is_empty() {
            String::new()
        } else {
            format!("date: {date}\n")
        };
        site.write(
            &format!("content/dated-{n}.md"),
            format!("---\ntitle: Sanctions report {n}\n{date}---\nBenefit sanctions, report number {n}.\n"),
        );
    }
    site.cmd()
        .args(["build", "--base-url", "https://example.github.io/archive/"])
        .assert()
        .success();
    site
}

/// `pamphlet search sanctions ARGS --json`: every result's path under the subpath.
fn cli(site: &Site, args: &[&str]) -> (Vec<String>, Value) {
    let out = site
        .cmd()
        .args(["search", "sanctions", "--json", "--limit", "0"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let urls = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("/archive{}", r["url"].as_str().unwrap()))
        .collect();
    (urls, v["facets"].clone())
}

/// Every result on the page (pressing "More results" until there are no more).
fn page_urls(b: &mut Browser, total: usize) -> Vec<String> {
    b.wait_for(
        &format!("(() => {{ const m = document.getElementById('search-more'); if (m) m.click(); return document.querySelectorAll('.search-result').length === {total} && !m; }})()"),
        WAIT,
        &format!("{total} results"),
    );
    serde_json::from_value(b.eval(
        "Array.from(document.querySelectorAll('#search-results .search-result h2 a')).map(a => new URL(a.href).pathname)",
    ))
    .unwrap()
}

fn settle(b: &mut Browser, search: &str) {
    b.wait_for(
        &format!("location.search === {} && !document.getElementById('search-status').textContent.startsWith('Loading') && document.getElementById('search-status').textContent.includes('result')", json!(search)),
        WAIT,
        search,
    );
}

#[test]
fn a_date_range_narrows_the_results_as_the_cli_does() {
    let site = built_site();
    let server = Server::start(&site.path().join("public"), PREFIX);
    let mut b = Browser::launch();

    // A shared URL with a range: the CLI's results, and the undated ones offered.
    b.goto(&server.url("search/?q=sanctions&from=2019-07&to=2020-03"));
    settle(&mut b, "?q=sanctions&from=2019-07&to=2020-03");
    let (want, facets) = cli(&site, &["--from", "2019-07", "--to", "2020-03"]);
    assert_eq!(want.len(), 3, "July 2019, 2019 and February 2020: {want:?}");
    assert_eq!(page_urls(&mut b, want.len()), want);
    assert_eq!(facets["undated"], 2);
    let undated = b.eval("document.querySelector('#search-facets .undated').textContent");
    assert!(
        undated
            .as_str()
            .unwrap()
            .starts_with("2 undated results are not in any date range"),
        "{undated}"
    );
    assert_eq!(
        b.eval("document.getElementById('search-from').value"),
        "2019-07"
    );

    // The histogram: a bar per year with matches, whatever the range; one narrows to it.
    let bars = b.eval("Array.from(document.querySelectorAll('.histogram a')).map(a => a.getAttribute('aria-label'))");
    let bars: Vec<String> = serde_json::from_value(bars).unwrap();
    assert!(bars.contains(&"2021: 1 result".to_string()), "{bars:?}");
    assert!(bars.contains(&"2019: 3 results".to_string()), "{bars:?}");
    b.eval("Array.from(document.querySelectorAll('.histogram a')).find(a => a.textContent === '2021').click(); true");
    settle(&mut b, "?q=sanctions&from=2021&to=2021");
    let (want, _) = cli(&site, &["--from", "2021", "--to", "2021"]);
    assert_eq!(page_urls(&mut b, want.len()), want);

    // Date order keeps the query and the range in the URL.
    b.eval("const s = document.querySelector('#search-facets select'); s.value = 'date'; s.dispatchEvent(new Event('change')); true");
    settle(&mut b, "?q=sanctions&from=2021&to=2021&sort=date");

    // The undated bucket, from a range that leaves them out.
    b.goto(&server.url("search/?q=sanctions&to=2019-06"));
    settle(&mut b, "?q=sanctions&to=2019-06");
    let (want, _) = cli(&site, &["--to", "2019-06"]);
    assert_eq!(page_urls(&mut b, want.len()), want, "2019 and 30 June 2019");
    b.eval("document.querySelector('#search-facets .undated a').click(); true");
    settle(&mut b, "?q=sanctions&undated=1");
    let (want, _) = cli(&site, &["--undated"]);
    assert_eq!(want.len(), 2);
    assert_eq!(page_urls(&mut b, 2), want);

    // Typed into the boxes: applied when left.
    b.eval("const f = document.getElementById('search-from'); f.value = '2020-04-01'; f.dispatchEvent(new Event('change')); true");
    settle(&mut b, "?q=sanctions&from=2020-04-01");
    let (want, _) = cli(&site, &["--from", "2020-04-01"]);
    assert_eq!(page_urls(&mut b, want.len()), want);
    // A date that does not exist says so.
    b.eval("const t = document.getElementById('search-to'); t.value = '2023-02-30'; t.dispatchEvent(new Event('change')); true");
    b.wait_for(
        "document.getElementById('search-status').textContent.includes('is not a date')",
        WAIT,
        "the message for a date that does not exist",
    );
}

#[test]
fn the_range_controls_have_no_serious_accessibility_problem_light_or_dark() {
    let site = built_site();
    let server = Server::start(&site.path().join("public"), PREFIX);
    let mut b = Browser::launch();
    let axe = std::fs::read_to_string(util::tools().join("node_modules/axe-core/axe.min.js"))
        .expect("axe-core (run `bash tests/run.sh`)");
    for scheme in ["light", "dark"] {
        b.call(
            "Emulation.setEmulatedMedia",
            json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
        );
        b.goto(&server.url("search/?q=sanctions&from=2019-07&to=2020-03"));
        settle(&mut b, "?q=sanctions&from=2019-07&to=2020-03");
        b.wait_for(
            "!!document.querySelector('.histogram')",
            WAIT,
            "the histogram",
        );
        b.eval(&format!("{axe}\ntrue"));
        let bad = b.eval(
            "axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        );
        assert_eq!(bad, json!([]), "{scheme}");
    }
}
