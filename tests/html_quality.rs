//! The built seed archive is valid HTML (Nu Html Checker: zero errors on every page) and
//! accessible (axe-core in Debian's Chromium: no serious or critical violation), and the
//! GitHub workflows pass actionlint. The tools come from `tests/run.sh`; a missing tool
//! fails the test with what to run, never a silent pass.

mod util;

#[path = "util/static_server.rs"]
mod static_server;

use std::path::PathBuf;
use std::process::Command;

use util::{files, tools, Site};

fn built_archive(base_url: &str) -> Site {
    let site = Site::with_repo_archive();
    site.cmd()
        .args(["build", "--base-url", base_url])
        .assert()
        .success();
    site
}

#[test]
fn every_page_is_valid_html() {
    let vnu = tools().join("node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(vnu.is_file(), "vnu.jar missing: run `bash tests/run.sh`");
    let site = built_archive("https://example.github.io/campaign-archive/");
    let public = site.path().join("public");
    let pages: Vec<PathBuf> = files(&public)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| public.join(f))
        .collect();
    assert!(pages.len() > 20);
    let out = Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--format", "json"])
        .args(&pages)
        .output()
        .expect("java runs (run `bash tests/run.sh` to install it)");
    let report: serde_json::Value = serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|_| panic!("vnu output: {}", String::from_utf8_lossy(&out.stderr)));
    let errors = report["messages"].as_array().cloned().unwrap_or_default();
    assert!(
        errors.is_empty(),
        "{} HTML errors: {:#}",
        errors.len(),
        serde_json::Value::Array(errors)
    );
}

#[test]
fn pages_have_no_serious_accessibility_violations() {
    let axe = tools().join("node_modules/axe-core/axe.min.js");
    assert!(axe.is_file(), "axe-core missing: run `bash tests/run.sh`");
    let site = built_archive("/");
    let public = site.path().join("public");
    std::fs::copy(&axe, public.join("__axe.js")).unwrap();
    // A control page with known violations proves the probe can fail.
    std::fs::write(public.join("__control.html"), "<!doctype html><html lang=en><title>x</title><body><main><img src=x.png><p style=\"color:#ccc;background:#fff\">faint</p></main></body></html>").unwrap();
    // The page runs axe on itself and writes the serious and critical violations into the
    // DOM, which Chromium dumps once the page's timers have run.
    let probe = r#"<script src="/__axe.js"></script><script>
axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
  var bad = r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
    .map(function (v) { return v.id + ': ' + v.nodes.map(function (n) { return n.target.join(' '); }).join(', '); });
  var out = document.createElement('pre'); out.id = 'axe-result'; out.textContent = 'AXE:' + JSON.stringify(bad) + ':AXE';
  document.body.appendChild(out);
});
</script>"#;
    let server = static_server::StaticServer::start(public.clone(), "/", Some(probe.to_string()));
    let profile = tempfile::tempdir().unwrap();
    let pages = [
        "__control.html",
        "",
        "articles/clear-these-dwp-parasites-out-of-gp-surgeries/",
        "topics/social-prescribing/",
        "tags/",
        "tags/dwp/",
        "years/",
        "years/2019/",
        "search/",
        "404.html",
    ];
    let mut problems = Vec::new();
    for scheme in ["light", "dark"] {
        for page in pages {
            let out = Command::new("chromium")
                .args([
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--virtual-time-budget=8000",
                    "--dump-dom",
                ])
                .arg(format!(
                    "--blink-settings=preferredColorScheme={}",
                    if scheme == "dark" { 0 } else { 1 }
                ))
                .arg(format!("--user-data-dir={}", profile.path().display()))
                .arg(server.url(&format!("/{page}")))
                .output()
                .expect("chromium runs (run `bash tests/run.sh` to install it)");
            let dom = String::from_utf8_lossy(&out.stdout);
            let result = dom
                .split("<pre id=\"axe-result\">AXE:")
                .nth(1)
                .and_then(|r| r.split(":AXE</pre>").next())
                .map(|r| {
                    r.replace("&amp;", "&")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                });
            match result.as_deref() {
                Some("[]") if page != "__control.html" => {}
                Some(r) if page == "__control.html" => assert!(
                    r.contains("image-alt") && r.contains("color-contrast"),
                    "the control page's violations are found: {r}"
                ),
                Some("[]") => panic!("axe found nothing wrong with the control page"),
                Some(r) => problems.push(format!("{scheme} /{page}: {r}")),
                None => problems.push(format!("{scheme} /{page}: axe did not run")),
            }
        }
    }
    assert!(
        problems.is_empty(),
        "accessibility violations:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_github_workflows_pass_actionlint() {
    util::actionlint(
        &util::repo(),
        &[".github/workflows/check.yml", ".github/workflows/pages.yml"],
    );
}

/// The commands the workflows run, run here on the repository itself.
#[test]
fn the_workflow_commands_work_on_this_repository() {
    let site = Site::with_repo_archive();
    site.cmd()
        .args(["check", "--format", "github"])
        .assert()
        .success()
        .stdout("");
    site.cmd()
        .args(["build", "--base-url", "https://example.github.io/pamphlet/"])
        .assert()
        .success();
    assert!(site.path().join("public/index.html").is_file());
}
