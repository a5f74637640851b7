//! `pamphlet check`: each problem a contributor can make, reported with its file, line
//! and column in every format; a clean archive passes quietly.

mod util;

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use util::Site;

/// A site with one article per problem, and the (file, line, col, words) each must give.
fn problem_site() -> (Site, Vec<(&'static str, usize, usize, &'static str)>) {
    let site = Site::with_repo_archive();
    let long = "word ".repeat(70);
    site.write(
        "content/bad-yaml.md",
        "---\ntitle: x\nsummary: a: b: c\n---\nBody.\n",
    );
    site.write("content/no-title.md", "---\nauthor: Jo\n---\nBody.\n");
    site.write(
        "content/unknown-key.md",
        "---\ntitle: Fine\nauther: Jo\n---\nBody.\n",
    );
    site.write(
        "content/wrong-type.md",
        "---\ntitle: Fine\ntags: 12\n---\nBody.\n",
    );
    site.write(
        "content/bad-date.md",
        "---\ntitle: Fine\ndate: 03/04/2019\n---\nBody.\n",
    );
    site.write(
        "content/future-date.md",
        "---\ntitle: Fine\ndate: 2999-01-01\n---\nBody.\n",
    );
    site.write(
        "content/bad-topic.md",
        "---\ntitle: Fine\ntopics:\n- housing\n---\nBody.\n",
    );
    site.write(
        "content/alias-tag.md",
        "---\ntitle: Fine\ntags:\n- IDS\n---\nBody.\n",
    );
    site.write(
        "content/long-summary.md",
        format!("---\ntitle: Fine\nsummary: {long}\n---\nBody.\n"),
    );
    site.write(
        "content/dup-slug.md",
        "---\ntitle: Fine\nslug: garry-joness-blog-16-july-2019\n---\nBody.\n",
    );
    site.write("content/dup-source.md", "---\ntitle: Fine\nsource: 'Activists angry at scheme to embed job coaches in GP surgeries | Politics | The Guardian'\n---\nBody.\n");
    let story = std::fs::read_to_string(util::repo().join(
        "content/60-000-sign-staffordshire-cancer-care-petition-to-stop-backdoor-privatisation.md",
    ))
    .unwrap();
    let body = pamphlet::content::front_matter::split(&story)
        .unwrap()
        .body
        .to_string();
    site.write(
        "content/syndicated.md",
        format!("---\ntitle: Petition grows\npublisher: Another Paper\n---\n{body}"),
    );
    site.write("content/links.md", "---\ntitle: Links\n---\nSee [this](missing.md) and [that](garry-joness-blog-16-july-2019.md#nowhere).\n\nAnd [a page](/tags/no-such-tag/).\n\n![](/img/none.png)\n");
    site.write(
        "content/missing-seed.md",
        "---\ntitle: Fine\nseed: gone.txt\nseed_sha256: abc\n---\nBody.\n",
    );
    site.write(
        "content/changed-seed.md",
        "---\ntitle: Fine\nseed: 004_b628580e32b58d50.txt\nseed_sha256: 0000\n---\nBody.\n",
    );
    let expected = vec![
        ("content/bad-yaml.md", 3, 11, "not valid"),
        ("content/no-title.md", 1, 1, "missing `title`"),
        ("content/unknown-key.md", 3, 1, "did you mean `author`"),
        ("content/wrong-type.md", 3, 7, "invalid type"),
        ("content/bad-date.md", 3, 7, "not a date"),
        ("content/future-date.md", 3, 1, "in the future"),
        ("content/bad-topic.md", 4, 3, "not in book.toml"),
        ("content/alias-tag.md", 4, 3, "alias of `Iain Duncan Smith`"),
        ("content/long-summary.md", 3, 1, "summary is"),
        ("content/dup-slug.md", 1, 1, "also the slug of"),
        ("content/dup-source.md", 2, 1, "same source as"),
        ("content/syndicated.md", 5, 1, "similar"),
        ("content/links.md", 4, 5, "missing.md"),
        ("content/links.md", 4, 28, "no heading #nowhere"),
        ("content/links.md", 6, 5, "no page of the site"),
        ("content/links.md", 8, 1, "no alt text"),
        ("content/missing-seed.md", 3, 1, "gone.txt is missing"),
        ("content/changed-seed.md", 4, 1, "has changed"),
    ];
    (site, expected)
}

#[test]
fn every_problem_is_reported_with_its_place_in_every_format() {
    let (site, expected) = problem_site();
    let github = site
        .cmd()
        .args(["check", "--format", "github"])
        .assert()
        .code(1);
    let github = String::from_utf8_lossy(&github.get_output().stdout).into_owned();
    let json = site
        .cmd()
        .args(["check", "--format", "json"])
        .assert()
        .code(1);
    let json: serde_json::Value =
        serde_json::from_slice(&json.get_output().stdout).expect("check --format json is JSON");
    let human = site.cmd().arg("check").assert().code(1);
    let human = String::from_utf8_lossy(&human.get_output().stderr).into_owned();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    for (file, line, col, words) in expected {
        let annotation = format!("file={file},line={line},col={col}::");
        assert!(
            github
                .lines()
                .any(|l| l.contains(&annotation) && l.contains(words)),
            "github format lacks {annotation} {words:?}:\n{github}"
        );
        assert!(
            diagnostics.iter().any(|d| {
                let text = format!(
                    "{} {}",
                    d["message"].as_str().unwrap_or(""),
                    d["help"].as_str().unwrap_or("")
                );
                d["file"] == file && d["line"] == line && d["column"] == col && text.contains(words)
            }),
            "json lacks {file}:{line}:{col} {words:?}"
        );
        assert!(
            human.contains(&format!("{file}:{line}:{col}")),
            "human format lacks {file}:{line}:{col}:\n{human}"
        );
    }
    assert_eq!(json["version"], 1);
}

#[test]
fn the_repository_archive_passes_strict_check_quietly() {
    let site = Site::with_repo_archive();
    site.cmd()
        .args(["check", "--strict", "--format", "github"])
        .assert()
        .success()
        .stdout("");
    site.cmd()
        .args(["check", "--strict"])
        .assert()
        .success()
        .stderr(contains("0 errors, 0 warnings"));
}

#[test]
fn strict_fails_on_warnings_and_paths_limit_the_report() {
    let site = Site::with_repo_archive();
    site.write(
        "content/alias.md",
        "---\ntitle: Fine\ntags:\n- IDS\n---\nBody text.\n",
    );
    site.write(
        "content/other.md",
        "---\ntitle: Other\nauther: x\n---\nBody text.\n",
    );
    site.cmd().arg("check").assert().success();
    site.cmd().args(["check", "--strict"]).assert().code(1);
    let out = site
        .cmd()
        .args(["check", "--format", "github", "content/alias.md"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains("alias.md") && !stdout.contains("other.md"),
        "{stdout}"
    );
}

#[test]
fn check_writes_nothing() {
    let site = Site::with_repo_archive();
    site.cmd().arg("check").assert().success();
    assert!(!site.path().join("public").exists());
}

#[test]
fn template_errors_are_check_errors() {
    let site = Site::with_repo_archive();
    site.write(
        "templates/home.html",
        "{% extends \"base.html\" %}{% block main %}{{ nope.missing }}{% endblock main %}",
    );
    site.cmd()
        .arg("check")
        .assert()
        .code(1)
        .stderr(contains("home.html"));
}

#[test]
fn init_makes_an_archive_that_builds_and_checks_and_refuses_a_full_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new-archive");
    // Run where there is no archive yet: init makes the book.toml, and has no reason to
    // warn that there is none.
    util::pamphlet(tmp.path())
        .args(["init"])
        .arg(&dir)
        .assert()
        .success()
        .stderr(contains("book.toml").not());
    for f in [
        "book.toml",
        ".github/workflows/check.yml",
        ".github/workflows/pages.yml",
        "README.md",
        "CONTRIBUTING.md",
        "content",
        "seeds",
    ] {
        assert!(dir.join(f).exists(), "{f}");
    }
    util::pamphlet(&dir)
        .args(["check", "--strict"])
        .assert()
        .success();
    util::pamphlet(&dir).arg("build").assert().success();
    assert!(dir.join("public/index.html").is_file());
    // With no themes/ folder, the built-in theme's stylesheet and scripts are published.
    let mut linked = 0;
    for page in ["public/index.html", "public/search/index.html"] {
        let html = std::fs::read_to_string(dir.join(page)).unwrap();
        for link in html
            .split('"')
            .filter_map(|s| s.find("static/").map(|i| &s[i..]))
        {
            assert!(
                dir.join("public").join(link).is_file(),
                "{page} links {link}, which was not published"
            );
            linked += 1;
        }
    }
    assert!(
        linked >= 3,
        "the stylesheet and the search script are linked"
    );
    util::pamphlet(tmp.path())
        .args(["init"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(contains("not empty"));
}

#[test]
fn new_writes_a_blank_article_and_refuses_to_overwrite() {
    let site = Site::new();
    site.cmd()
        .args([
            "new",
            "Sanctions: the figures",
            "--topic",
            "welfare-conditionality",
            "--tag",
            "DWP",
        ])
        .assert()
        .success()
        .stdout(contains("sanctions-the-figures.md"));
    let text = site.read("content/sanctions-the-figures.md");
    assert!(
        text.contains("title: 'Sanctions: the figures'")
            && text.contains("- welfare-conditionality")
            && text.contains("- DWP")
            && text.contains("date: ")
    );
    site.cmd()
        .args(["new", "Sanctions: the figures"])
        .assert()
        .code(1)
        .stderr(contains("already exists"));
    site.cmd()
        .args(["new", "X", "--topic", "housing"])
        .assert()
        .code(1)
        .stderr(contains("housing"));
    // A blank article is a draft until its writer says otherwise (see tests/new_article.rs).
    site.cmd()
        .args(["check"])
        .assert()
        .success()
        .stderr(contains("a draft"));
}

#[test]
fn new_from_a_pasted_page_keeps_the_original_and_says_what_it_found() {
    let site = Site::new();
    let seed = util::repo().join("seeds/004_b628580e32b58d50.txt");
    site.cmd()
        .args(["new", "--from"])
        .arg(&seed)
        .assert()
        .success()
        .stderr(contains("privatisation"))
        .stderr(contains("comments: 0"));
    assert_eq!(
        std::fs::read(site.path().join("seeds/004_b628580e32b58d50.txt")).unwrap(),
        std::fs::read(&seed).unwrap()
    );
    let text = site.read(
        "content/60-000-sign-staffordshire-cancer-care-petition-to-stop-backdoor-privatisation.md",
    );
    assert!(text.contains("collected: "));
    site.cmd().args(["check", "--strict"]).assert().success();
    site.cmd().args(["new", "--from", "-"]).write_stdin("A pasted headline about link workers\n\nSocial prescribing link workers will connect patients with the voluntary sector, the plan says.\n").assert().success();
    assert!(site
        .path()
        .join("seeds/a-pasted-headline-about-link-workers.txt")
        .is_file());
}

/// Issue 19: a pull request that adds only a pasted page to seeds/ published nothing, and
/// `check` said nothing about it. Each seed without an article is named, with the command
/// that imports it; `--strict` (what the Check workflow runs) fails on it.
#[test]
fn a_seed_that_was_never_imported_is_reported_with_the_command_to_run() {
    let site = Site::with_repo_archive();
    site.write(
        "seeds/pasted-page.txt",
        "Council cuts carers' respite\n\nThe council will close two respite centres next spring.\n",
    );
    site.write(
        "seeds/another-one.txt",
        "Jobcentre sanctions rise\n\nSanctions rose by a third in the year to March.\n",
    );
    let out = site.cmd().arg("check").assert().success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    for name in ["pasted-page.txt", "another-one.txt"] {
        assert!(
            stderr.contains(&format!("pamphlet import seeds/{name}")),
            "{stderr}"
        );
    }
    assert!(stderr.contains("2 warnings"), "{stderr}");
    site.cmd()
        .args(["check", "--strict", "--format", "github"])
        .assert()
        .code(1)
        .stdout(contains("file=seeds/pasted-page.txt"));
    // Once imported, the seed has its article and check is clean again. The command is
    // given as a contributor runs it, in the archive's folder.
    site.cmd()
        .current_dir(site.path())
        .args(["import", "seeds/pasted-page.txt", "seeds/another-one.txt"])
        .assert()
        .success();
    site.cmd().args(["check", "--strict"]).assert().success();
}

/// Issue 19: a bad date hid every other problem of the file, so it took three rounds of
/// `check` to see them all. Now one run names each, at its line.
#[test]
fn every_problem_of_one_article_is_reported_in_one_run() {
    let site = Site::new();
    site.write(
        "content/many.md",
        "---\ntitle: Many problems\ndate: 2023-02-30\ntopics:\n- no-such-topic\nauther: Someone\n---\nSee [one](/articles/nope/) and [two](missing.md).\n\n![a chart](/chart.png)\n",
    );
    let out = site
        .cmd()
        .args(["check", "--format", "github"])
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for (line, words) in [
        (3, "2023-02-30"),
        (5, "no-such-topic"),
        (6, "auther"),
        (8, "/articles/nope/"),
        (8, "missing.md"),
        (10, "/chart.png"),
    ] {
        assert!(
            stdout
                .lines()
                .any(|l| l.contains(&format!("line={line},")) && l.contains(words)),
            "{words} at line {line} missing from:\n{stdout}"
        );
    }
}

/// Issue 19: an impossible date got "write YYYY-MM-DD"; a file that did not parse was not
/// counted, and every count was plural ("checked 1 articles: 1 errors").
#[test]
fn messages_say_why_a_date_is_wrong_and_count_every_file_in_words() {
    let site = Site::new();
    site.write(
        "content/feb.md",
        "---\ntitle: February\ndate: 2023-02-30\n---\nText.\n",
    );
    site.write(
        "content/month.md",
        "---\ntitle: Month\ndate: 2023-13-01\n---\nText.\n",
    );
    site.cmd()
        .arg("check")
        .assert()
        .code(1)
        .stderr(contains("February 2023 has 28 days"))
        .stderr(contains("there is no month 13"))
        .stderr(contains("checked 2 articles: 2 errors, 0 warnings"));
    std::fs::remove_file(site.path().join("content/month.md")).unwrap();
    site.cmd()
        .arg("check")
        .assert()
        .code(1)
        .stderr(contains("checked 1 article: 1 error, 0 warnings"));
    site.write(
        "content/feb.md",
        "---\ntitle: February\ndate: 2023-02-28\ntopics:\n- privatisation\ntags:\n- NHS\n---\nText.\n",
    );
    site.write(
        "seeds/one.txt",
        "Council cuts carers' respite\n\nThe council will close two respite centres next spring.\n",
    );
    site.cmd()
        .current_dir(site.path())
        .args(["import", "seeds/one.txt"])
        .assert()
        .success()
        .stderr(contains("imported 1 seed into"));
    for f in std::fs::read_dir(site.path().join("content")).unwrap() {
        let f = f.unwrap().path();
        if f.file_name().unwrap() != "feb.md" {
            std::fs::remove_file(f).unwrap();
        }
    }
    site.cmd()
        .arg("build")
        .assert()
        .success()
        .stderr(contains("built 1 article into"))
        .stderr(contains(", 1 topic, 1 tag in"));
    let tmp = tempfile::tempdir().unwrap();
    util::pamphlet(tmp.path())
        .args(["init", "archive"])
        .assert()
        .success()
        .stderr(contains(" files)"))
        .stderr(contains("files files").not());
}
