//! `pamphlet new`: a blank article is a draft, a pasted page imports as `pamphlet import`
//! would import it, and the messages say what to do. See: issues/19.

mod util;

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use util::Site;

const PASTED: &str = "Evictions rise as rent arrears mount\n\nEvictions of private tenants rose by a third last year, court figures show.\n\nThe tenants' union said most followed a no-fault notice.\n";

/// `new --from` wrote `collected:`; a later `pamphlet import` called the article updated,
/// dropped `collected:` and changed `import_sha256`.
#[test]
fn new_from_and_import_give_one_result() {
    let site = Site::new();
    let pasted = site.write("pasted/evictions.txt", PASTED);
    site.cmd()
        .args(["new", "--from"])
        .arg(&pasted)
        .assert()
        .success();
    let rel = "content/evictions-rise-as-rent-arrears-mount.md";
    let first = site.read(rel);
    assert!(first.contains("collected: "), "{first}");
    site.cmd()
        .arg("import")
        .assert()
        .success()
        .stderr(contains("0 new, 0 updated, 1 unchanged"));
    assert_eq!(site.read(rel), first);
    // The same page again is named as imported already, not as a title to change.
    site.cmd()
        .args(["new", "--from"])
        .arg(&pasted)
        .assert()
        .code(1)
        .stderr(
            contains("already imported")
                .and(contains(rel))
                .and(contains("choose another title").not()),
        );
}

#[test]
fn a_blank_article_is_a_draft_that_build_and_check_both_leave_out() {
    let site = Site::new();
    site.cmd()
        .args(["new", "Rents: the figures"])
        .assert()
        .success()
        .stderr(contains("delete its `draft: true` line"));
    let text = site.read("content/rents-the-figures.md");
    assert!(text.contains("\ndraft: true\n"), "{text}");
    site.cmd()
        .arg("build")
        .assert()
        .success()
        .stderr(contains("built 0 articles"));
    assert!(!site
        .path()
        .join("public/articles/rents-the-figures")
        .exists());
    site.cmd()
        .args(["check", "--strict"])
        .assert()
        .code(1)
        .stderr(contains("content/rents-the-figures.md:7").and(contains("a draft")));
    site.cmd().args(["build", "--drafts"]).assert().success();
    assert!(site
        .path()
        .join("public/articles/rents-the-figures/index.html")
        .is_file());
    // Removing the line publishes it, and check has nothing more to say.
    site.write(
        "content/rents-the-figures.md",
        text.replace("draft: true\n", ""),
    );
    site.cmd().args(["check", "--strict"]).assert().success();
}

#[test]
fn new_with_nothing_to_add_names_both_ways() {
    let site = Site::new();
    site.cmd()
        .arg("new")
        .assert()
        .code(2)
        .stderr(contains("--from").and(contains("pamphlet new \"The headline\"")));
}

/// Two pages with one headline: `new --from` gives the second the address `import` would
/// (`-2`), instead of asking for another title a pasted page cannot change.
#[test]
fn new_from_gives_a_taken_headline_the_address_import_would() {
    let site = Site::new();
    let first = site.write("pasted/first.txt", PASTED);
    let second = site.write("pasted/second.txt", PASTED.replace("a third", "a quarter"));
    for page in [&first, &second] {
        site.cmd()
            .args(["new", "--from"])
            .arg(page)
            .assert()
            .success();
    }
    let second_article = site.read("content/evictions-rise-as-rent-arrears-mount-2.md");
    assert!(
        second_article.contains("seed: second.txt"),
        "{second_article}"
    );
    site.cmd()
        .arg("import")
        .assert()
        .success()
        .stderr(contains("0 new, 0 updated, 2 unchanged"));
}
