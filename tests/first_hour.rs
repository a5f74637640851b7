//! The README's "Start your own archive" walkthrough, step by step, with the real binary in
//! a temp folder: init for another campaign, paste, import, review, check, serve, and what
//! the generated workflows do on push (actionlint-clean, installing pamphlet from a commit
//! that exists). See: issues/19.

mod util;

use std::path::Path;
use std::process::Command;

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use util::{pamphlet, Site};

/// A page as a campaigner pastes it: masthead, headline, byline, photo credit, the
/// article, share buttons and a comment section.
const PASTED: &str = "Skip to content
Menu
Local News
Evictions rise as rent arrears mount across the city
By Jane Reporter
12 March 2024
Photo: Getty Images
Evictions of private tenants rose by a third last year, court figures show, as rent arrears mounted and landlords sold up.
The tenants' union said most evictions followed a no-fault notice, and that families in rent arrears had nowhere else to go in the city.
A spokesperson for the landlords' association said rising costs had forced many landlords to sell, and that evictions were a last resort.
The council said it was building more homes, but that its waiting list had doubled.
Share this article
Facebook
Twitter
";

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("git runs")
}

/// The value of `  KEY: "value"` in a workflow's env.
fn env_value(workflow: &str, key: &str) -> String {
    let line = workflow
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("{key}:")))
        .unwrap_or_else(|| panic!("{key} is set in the workflow"));
    let value = line.split_once(':').unwrap().1.trim();
    serde_json::from_str(value).unwrap_or_else(|e| panic!("{line}: {e}"))
}

#[test]
fn the_readme_walkthrough_makes_a_live_archive_for_another_campaign() {
    let site = Site {
        dir: tempfile::tempdir().unwrap(),
    };
    let dir = site.path();
    let source = format!("file://{}", util::repo().display());
    // 1. init, for a housing campaign.
    pamphlet(dir)
        .args(["init", "."])
        .args(["--title", "Tenants' union archive"])
        .args(["--topic", "Housing=eviction, rent arrears, landlord"])
        .args(["--topic", "Fuel poverty=energy bills, prepayment meter"])
        .args(["--pamphlet-git", &source])
        .assert()
        .success()
        .stderr(contains("started a new archive"));
    let book = site.read("book.toml");
    assert!(
        book.contains("title = \"Tenants' union archive\""),
        "{book}"
    );
    for theirs in ["welfare", "privatisation", "NHS", "Iain Duncan Smith"] {
        assert!(!book.contains(theirs), "book.toml holds {theirs}:\n{book}");
    }
    assert!(
        site.read("README.md")
            .starts_with("# Tenants' union archive\n"),
        "the archive's README is headed with its title"
    );
    // 2. paste, 3. import.
    site.write("seeds/evictions-rise.txt", PASTED);
    pamphlet(dir)
        .arg("import")
        .assert()
        .success()
        .stderr(contains("1 new"));
    // 4. review: the article has its headline, date, the campaign's topic, and starts
    // with its first paragraph, not the photo credit.
    let article = site.read("content/evictions-rise-as-rent-arrears-mount-across-the-city.md");
    assert!(article.contains("date: 2024-03-12"), "{article}");
    assert!(article.contains("topics:\n- housing\n"), "{article}");
    let body = article.splitn(3, "---\n").nth(2).unwrap();
    assert!(body.starts_with("Evictions of private tenants"), "{body}");
    // A contributor's own article, written as the archive's CONTRIBUTING.md shows.
    let guide = site.read("CONTRIBUTING.md");
    let example = guide
        .split("```markdown\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("CONTRIBUTING.md shows an article");
    site.write("content/contributed.md", example);
    // 5. check.
    pamphlet(dir).args(["check", "--strict"]).assert().success();
    // 6. serve: the preview shows the article.
    let server = util::serve(&site, &[], "/");
    let (status, _, html) = util::request(
        server.port,
        "GET",
        "/articles/evictions-rise-as-rent-arrears-mount-across-the-city/",
    );
    assert_eq!(status, 200);
    assert!(html.contains("Evictions rise"), "{html}");
    drop(server);
    // 7. push: the workflows are valid, and install pamphlet from a commit that exists
    // in the repository they name.
    util::actionlint(
        dir,
        &[".github/workflows/check.yml", ".github/workflows/pages.yml"],
    );
    for workflow in ["check.yml", "pages.yml"] {
        let text = site.read(&format!(".github/workflows/{workflow}"));
        assert_eq!(env_value(&text, "PAMPHLET_GIT"), source, "{workflow}");
        let rev = env_value(&text, "PAMPHLET_REV");
        let found = git(
            &util::repo(),
            &["cat-file", "-e", &format!("{rev}^{{commit}}")],
        );
        assert!(
            found.status.success(),
            "{workflow}: PAMPHLET_REV {rev} is not a commit of {source}"
        );
        assert!(
            text.contains(
                r#"cargo install --locked --git "$PAMPHLET_GIT" --rev "$PAMPHLET_REV" pamphlet"#
            ),
            "{workflow}"
        );
    }
    // 8. Pages: the publish workflow's build, for a project site.
    pamphlet(dir)
        .args(["build", "--base-url", "https://tenants.github.io/archive/"])
        .assert()
        .success();
    let home = site.read("public/index.html");
    assert!(
        home.contains("/archive/articles/evictions-rise-as-rent-arrears-mount-across-the-city/"),
        "{home}"
    );
}

#[test]
fn init_example_keeps_the_welfare_archive_and_help_has_no_root() {
    let tmp = tempfile::tempdir().unwrap();
    pamphlet(tmp.path())
        .args(["init", "example", "--example"])
        .assert()
        .success();
    let book = std::fs::read_to_string(tmp.path().join("example/book.toml")).unwrap();
    assert!(book.contains("[topics.welfare-conditionality]"));
    assert!(book.contains("\"IDS\" = \"Iain Duncan Smith\""));
    pamphlet(tmp.path())
        .args(["init", "--help"])
        .assert()
        .success()
        .stdout(contains("--topic").and(contains("--root").not()));
}

/// The README's example address, copied as it is, is named; an account that merely
/// starts with USER is not.
#[test]
fn init_warns_when_the_readme_placeholder_user_is_copied() {
    let dir = tempfile::tempdir().unwrap();
    pamphlet(dir.path())
        .args([
            "init",
            "archive",
            "--pamphlet-git",
            "https://github.com/USER/pamphlet",
        ])
        .assert()
        .success()
        .stderr(contains("placeholder USER"))
        .stderr(contains("PAMPHLET_GIT"));
    let dir = tempfile::tempdir().unwrap();
    pamphlet(dir.path())
        .args([
            "init",
            "archive",
            "--pamphlet-git",
            "https://github.com/USERS/pamphlet",
        ])
        .assert()
        .success()
        .stderr(contains("placeholder").not());
}

/// Without --pamphlet-git the workflows name no source: they stop with a message saying
/// what to set, and init warns; no crate name anyone could publish is ever installed.
#[test]
fn init_without_a_source_writes_workflows_that_say_what_to_set() {
    let tmp = tempfile::tempdir().unwrap();
    pamphlet(tmp.path())
        .args(["init", "a"])
        .assert()
        .success()
        .stderr(contains("--pamphlet-git"));
    for workflow in ["check.yml", "pages.yml"] {
        let text =
            std::fs::read_to_string(tmp.path().join("a/.github/workflows").join(workflow)).unwrap();
        assert_eq!(env_value(&text, "PAMPHLET_GIT"), "");
        assert!(text.contains("::error::"), "{workflow}");
        assert!(!text.contains("install --locked pamphlet"), "{workflow}");
    }
    pamphlet(tmp.path())
        .args(["init", "b", "--pamphlet-git", "pamphlet"])
        .assert()
        .code(2)
        .stderr(contains("not a git address"));
    assert!(!tmp.path().join("b").exists());
}
