//! Issue #15, items 1, 7 and 12: where a build may write, and how. An output folder that
//! overlaps the site's own files is refused before anything is touched; a build deletes
//! only the files it wrote; a build that fails while writing leaves the previous site;
//! what a killed build left behind is cleaned up by the next one; files get the mode the
//! umask gives. See: issues/15.

mod util;

use std::collections::BTreeMap;
use std::path::Path;

use predicates::str::contains;
use util::{files, pamphlet, Site};

/// Every file below `dir` with its bytes, to show that nothing changed.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

/// Names in `dir` that start with `prefix`.
fn entries_starting(dir: &Path, prefix: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect()
}

/// A site with the repository's archive and a Git repository at its root.
fn site_in_a_repo() -> Site {
    let site = Site::with_repo_archive();
    site.write(".git/config", "[core]\n\tbare = false\n");
    site.write(".git/HEAD", "ref: refs/heads/main\n");
    site
}

#[test]
fn an_out_folder_over_the_sites_own_files_is_refused_and_nothing_is_deleted() {
    let site = site_in_a_repo();
    let before = snapshot(site.path());
    let root = site.path().to_string_lossy().into_owned();
    let parent = site.path().join("..").to_string_lossy().into_owned();
    for (out, why) in [
        ("content", "is the content folder"),
        ("content/articles", "is inside the content folder"),
        ("seeds", "is the seeds folder"),
        ("themes/default", "is the theme"),
        ("themes", "contains the theme"),
        (".", "is the site's own folder"),
        (root.as_str(), "is the site's own folder"),
        (parent.as_str(), "contains the site's folder"),
        ("/", "contains the site's folder"),
        (".git", "is inside a Git repository's own .git folder"),
        (
            ".git/public",
            "is inside a Git repository's own .git folder",
        ),
    ] {
        let run = site
            .cmd()
            .current_dir(site.path())
            .args(["build", "--out", out])
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
        assert!(
            stderr.contains(&format!("refusing to build into {out}"))
                && stderr.contains("given with --out")
                && stderr.contains(why)
                && stderr.contains("help: give --out a folder used for nothing but the built site"),
            "--out {out}: {stderr}"
        );
        assert_eq!(
            snapshot(site.path()),
            before,
            "--out {out} changed the site"
        );
    }
    // The one folder inside the site a build may own.
    site.cmd()
        .current_dir(site.path())
        .args(["build", "--out", "public"])
        .assert()
        .success();
}

#[test]
fn an_out_folder_holding_a_repository_is_refused() {
    let site = Site::with_repo_archive();
    let elsewhere = tempfile::tempdir().unwrap();
    let repo = elsewhere.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::write(repo.join("notes.md"), "mine").unwrap();
    site.cmd()
        .arg("build")
        .arg("--out")
        .arg(&repo)
        .assert()
        .code(2)
        .stderr(contains("holds a Git repository (.git)"));
    site.cmd()
        .arg("build")
        .arg("--out")
        .arg(elsewhere.path())
        .assert()
        .code(2)
        .stderr(contains("contains the Git repository"));
    assert_eq!(
        std::fs::read_to_string(repo.join("notes.md")).unwrap(),
        "mine"
    );
}

#[test]
fn a_build_dir_over_the_content_is_refused_by_build_and_reported_by_check() {
    let site = Site::with_repo_archive();
    let toml = site.read("book.toml");
    let line = toml
        .lines()
        .position(|l| l.starts_with("build-dir"))
        .expect("book.toml sets build-dir")
        + 1;
    site.write(
        "book.toml",
        toml.replace("build-dir = \"public\"", "build-dir = \"content\""),
    );
    let content = snapshot(&site.path().join("content"));
    let expected = [
        format!("book.toml:{line}:1"),
        "the output folder set by build-dir = \"content\" is the content folder".to_string(),
        "help: set build-dir in book.toml to a folder used for nothing but the built site"
            .to_string(),
    ];
    let run = site.cmd().arg("build").assert().code(2);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    for part in &expected {
        assert!(stderr.contains(part.as_str()), "build: {part}: {stderr}");
    }
    assert_eq!(snapshot(&site.path().join("content")), content);
    // A pull request that sets it fails its check.
    let run = site.cmd().arg("check").assert().code(1);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    for part in &expected {
        assert!(stderr.contains(part.as_str()), "check: {part}: {stderr}");
    }
    let run = site
        .cmd()
        .args(["check", "--format", "github"])
        .assert()
        .code(1);
    let stdout = String::from_utf8_lossy(&run.get_output().stdout).into_owned();
    assert!(
        stdout.contains(&format!("::error file=book.toml,line={line}")),
        "{stdout}"
    );
}

#[test]
fn two_out_folders_with_one_name_keep_their_own_manifests() {
    let site = Site::with_repo_archive();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("notes.txt"), "mine").unwrap();
    let first = elsewhere.path().join("a/site");
    site.cmd()
        .arg("build")
        .arg("--out")
        .arg(&first)
        .assert()
        .success();
    // `a/..` is named `site` too, and its manifest used to be `a/site`'s. It holds a
    // file no build wrote, so it is refused outright now (found in review).
    site.cmd()
        .arg("build")
        .arg("--out")
        .arg(elsewhere.path().join("a/.."))
        .assert()
        .code(2)
        .stderr(contains("already holds files that no pamphlet build wrote"));
    assert_eq!(
        std::fs::read_to_string(elsewhere.path().join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(
        first.join("index.html").is_file(),
        "the other build is kept"
    );
    assert!(!elsewhere.path().join("index.html").exists());
}

#[test]
fn a_build_deletes_only_the_files_it_wrote() {
    let site = Site::with_repo_archive();
    site.cmd().arg("build").assert().success();
    site.write("public/CNAME", "archive.example.org\n");
    site.write("public/articles/mine/notes.txt", "mine");
    std::fs::remove_file(
        site.path()
            .join("content/garry-joness-blog-16-july-2019.md"),
    )
    .unwrap();
    site.cmd().arg("build").assert().success();
    assert_eq!(site.read("public/CNAME"), "archive.example.org\n");
    assert_eq!(site.read("public/articles/mine/notes.txt"), "mine");
    assert!(!site
        .path()
        .join("public/articles/garry-joness-blog-16-july-2019")
        .exists());
}

#[test]
fn a_build_that_fails_while_writing_leaves_the_previous_site() {
    let site = Site::with_repo_archive();
    site.cmd().arg("build").assert().success();
    let public = site.path().join("public");
    let before = snapshot(&public);
    // An edit that changes many pages (the article, the home page, feeds, topic and tag
    // pages, the search index), and a new article whose page cannot be written: a folder
    // is where its file goes.
    let rel = "content/garry-joness-blog-16-july-2019.md";
    site.write(
        rel,
        site.read(rel)
            .replace("So I call on GPs", "So I now call on GPs"),
    );
    site.write(
        "content/a-new-article.md",
        "---\ntitle: A new article\ndate: 2025-06-01\n---\nNewer than every other article in the archive.\n",
    );
    site.write("public/articles/a-new-article/index.html/keep.txt", "mine");
    let run = site.cmd().arg("build").assert().code(2);
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(
        stderr.contains("cannot write the site")
            && stderr.contains("articles/a-new-article/index.html")
            && stderr.contains("something is in the way"),
        "{stderr}"
    );
    let mut after = snapshot(&public);
    assert_eq!(
        after.remove("articles/a-new-article/index.html/keep.txt"),
        Some(b"mine".to_vec())
    );
    assert!(after == before, "a failed build changed the previous site");
    assert!(entries_starting(site.path(), ".public.").is_empty());
    // Out of the way, the next build writes it all.
    std::fs::remove_dir_all(public.join("articles/a-new-article")).unwrap();
    site.cmd().arg("build").assert().success();
    assert!(site
        .read("public/articles/garry-joness-blog-16-july-2019/index.html")
        .contains("So I now call on GPs"));
    assert!(public.join("articles/a-new-article/index.html").is_file());
}

#[test]
fn what_killed_builds_left_is_cleaned_up_by_the_next() {
    let site = Site::with_repo_archive();
    site.cmd().arg("build").assert().success();
    // A staging folder from a killed first build, and an old site half removed.
    site.write(".public.new-Ab12Cd/index.html", "half a site");
    site.write(".public.old-Ef34Gh/articles/x/index.html", "an old site");
    site.cmd()
        .arg("build")
        .assert()
        .success()
        .stderr(contains("nothing changed since the last build"));
    assert!(entries_starting(site.path(), ".public.").is_empty());
    // A build killed between taking the old site out and putting the new one in.
    let public = site.path().join("public");
    let before = snapshot(&public);
    std::fs::rename(&public, site.path().join(".public.old-Ij56Kl")).unwrap();
    site.write(".public.new-Mn78Op/index.html", "the new site, not yet in");
    site.cmd()
        .arg("build")
        .assert()
        .success()
        .stderr(contains("nothing changed since the last build"));
    assert_eq!(snapshot(&public), before, "the old site is put back");
    assert!(entries_starting(site.path(), ".public.").is_empty());
}

#[test]
fn init_ignores_the_staging_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("archive");
    pamphlet(tmp.path())
        .arg("init")
        .arg(&dir)
        .assert()
        .success();
    let ignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    for line in [
        "/public",
        "/.pamphlet-cache",
        "/.public.new-*",
        "/.public.old-*",
    ] {
        assert!(ignore.lines().any(|l| l == line), "{line}: {ignore}");
    }
}

/// `pamphlet` run with a umask of 022, as most users have.
#[cfg(unix)]
fn pamphlet_umask_022(root: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new("sh");
    for (key, _) in std::env::vars() {
        if key.starts_with("PAMPHLET_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("NO_COLOR", "1")
        .arg("-c")
        .arg("umask 022 && exec \"$0\" \"$@\"")
        .arg(assert_cmd::cargo::cargo_bin("pamphlet"))
        .arg("--root")
        .arg(root);
    cmd
}

#[cfg(unix)]
#[test]
fn files_get_the_mode_the_umask_gives() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let site = Site::new();
    util::copy_dir(&util::repo().join("seeds"), &site.path().join("seeds"));
    pamphlet_umask_022(site.path())
        .arg("import")
        .assert()
        .success();
    let articles = files(&site.path().join("content"));
    assert!(!articles.is_empty());
    for rel in &articles {
        assert_eq!(mode(&site.path().join("content").join(rel)), 0o644, "{rel}");
    }
    pamphlet_umask_022(site.path())
        .arg("build")
        .assert()
        .success();
    let rel = format!("content/{}", articles[0]);
    site.write(
        &rel,
        site.read(&rel).replacen("\n---\n", "\n---\nEdited. ", 1),
    );
    pamphlet_umask_022(site.path())
        .arg("build")
        .assert()
        .success()
        .stderr(contains("built"));
    let public = site.path().join("public");
    for rel in files(&public) {
        assert_eq!(mode(&public.join(&rel)), 0o644, "public/{rel}");
    }
    // A file whose mode the user chose keeps it when a build rewrites it.
    let home = public.join("index.html");
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o640)).unwrap();
    site.write(
        &rel,
        site.read(&rel).replacen("Edited. ", "Edited twice. ", 1),
    );
    pamphlet_umask_022(site.path())
        .arg("build")
        .assert()
        .success();
    assert_eq!(mode(&home), 0o640);
}

/// init, new and new --from write their files 0666 minus the umask too, as `fs::write`
/// does: an archive's files must be readable by a web server or a colleague. See: issues/19.
#[cfg(unix)]
#[test]
fn init_and_new_write_files_the_umask_gives() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("archive");
    pamphlet_umask_022(tmp.path())
        .arg("init")
        .arg(&dir)
        .assert()
        .success();
    std::fs::write(
        tmp.path().join("pasted.txt"),
        "Evictions rise\n\nEvictions of private tenants rose by a third last year.\n",
    )
    .unwrap();
    pamphlet_umask_022(&dir)
        .args(["new", "--from"])
        .arg(tmp.path().join("pasted.txt"))
        .assert()
        .success();
    pamphlet_umask_022(&dir)
        .args(["new", "A blank one"])
        .assert()
        .success();
    let all = files(&dir);
    for rel in [
        "book.toml",
        ".github/workflows/check.yml",
        "seeds/pasted.txt",
        "content/a-blank-one.md",
        "content/evictions-rise.md",
    ] {
        assert!(all.iter().any(|f| f == rel), "{rel} in {all:?}");
    }
    for rel in &all {
        assert_eq!(mode(&dir.join(rel)), 0o644, "{rel}");
    }
}

/// Found in review after item 1: a pull request could point build-dir at any folder of
/// the site's own files, a hidden folder, a folder outside the site, or make public/ a
/// link out of it, and the build overwrote what was there.
#[test]
fn build_dir_may_only_name_a_folder_the_build_owns() {
    let victim = tempfile::tempdir().unwrap();
    std::fs::write(victim.path().join("robots.txt"), "MINE").unwrap();
    let outside = victim.path().display().to_string();
    for (build_dir, why) in [
        ("docs", "already holds files that no pamphlet build wrote"),
        (".github", "is a hidden folder"),
        (".github/workflows", "is a hidden folder"),
        (outside.as_str(), "is outside the site's folder"),
    ] {
        let site = Site::with_repo_archive();
        site.write("docs/index.html", "MINE");
        site.write(".github/workflows/check.yml", "MINE");
        let book = std::fs::read_to_string(site.path().join("book.toml"))
            .unwrap()
            .replace(
                "build-dir = \"public\"",
                &format!("build-dir = \"{build_dir}\""),
            );
        site.write("book.toml", book);
        site.cmd()
            .arg("check")
            .assert()
            .code(1)
            .stderr(contains(why));
        site.cmd()
            .arg("build")
            .assert()
            .code(2)
            .stderr(contains(why));
        assert_eq!(site.read("docs/index.html"), "MINE");
        assert_eq!(site.read(".github/workflows/check.yml"), "MINE");
        assert!(!site.path().join(".github/workflows/index.html").exists());
    }
    // public/ as a link out of the site.
    let site = Site::with_repo_archive();
    std::os::unix::fs::symlink(victim.path(), site.path().join("public")).unwrap();
    site.cmd()
        .arg("build")
        .assert()
        .code(2)
        .stderr(contains("is outside the site's folder"));
    assert_eq!(
        std::fs::read_to_string(victim.path().join("robots.txt")).unwrap(),
        "MINE"
    );
    assert!(!victim.path().join("index.html").exists());
}

/// Found in review: a build that could not write its output exited 1, which says the
/// input has errors; it is 2, the command could not run.
#[test]
fn a_build_that_cannot_write_exits_2() {
    let site = Site::with_repo_archive();
    site.write("a-file", "MINE");
    site.cmd()
        .args(["build", "--out", "a-file"])
        .assert()
        .code(2);
    assert_eq!(site.read("a-file"), "MINE");
}

/// Found in review: a link put inside the output folder (public/tags -> elsewhere) was
/// written through by the next build, and a linked .pamphlet-cache took the manifest out.
#[test]
fn a_build_never_writes_through_a_link_in_its_output() {
    let victim = tempfile::tempdir().unwrap();
    std::fs::write(victim.path().join("index.html"), "MINE").unwrap();
    let site = Site::with_repo_archive();
    site.cmd().arg("build").assert().success();
    std::fs::remove_dir_all(site.path().join("public/tags")).unwrap();
    std::os::unix::fs::symlink(victim.path(), site.path().join("public/tags")).unwrap();
    site.write(
        "content/tagged.md",
        "---\ntitle: Tagged\ndate: 2020-01-01\ntags:\n  - Brand new tag\n---\nA body.\n",
    );
    site.cmd()
        .arg("build")
        .assert()
        .code(2)
        .stderr(contains("is a link"));
    assert_eq!(
        std::fs::read_to_string(victim.path().join("index.html")).unwrap(),
        "MINE"
    );
    assert_eq!(std::fs::read_dir(victim.path()).unwrap().count(), 1);
    // A cache folder that is a link is not written through either.
    let cache = tempfile::tempdir().unwrap();
    std::fs::remove_dir_all(site.path().join(".pamphlet-cache")).unwrap();
    std::fs::remove_file(site.path().join("public/tags")).unwrap();
    std::fs::remove_dir_all(site.path().join("public")).unwrap();
    std::os::unix::fs::symlink(cache.path(), site.path().join(".pamphlet-cache")).unwrap();
    site.cmd().arg("build").assert().success();
    assert_eq!(std::fs::read_dir(cache.path()).unwrap().count(), 0);
}
