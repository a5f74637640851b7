//! `serve` shows what `build` would write (issue 18): after edits, additions, a retitle
//! and a deletion under a running `pamphlet serve`, every text file of a fresh build of
//! the same content is served byte for byte (less the live-reload script), and the
//! deleted article is gone.

mod util;

use std::time::{Duration, Instant};

use util::{files, request, serve, Site};

/// Related by tags to the repo's articles and to each other, from two publishers.
fn extra(n: usize, title: &str, publisher: &str, tags: &str, body: &str) -> (String, String) {
    (
        format!("content/extra-{n}.md"),
        format!(
            "---\ntitle: {title}\ndate: 2021-0{}-1{n}\npublisher: {publisher}\ntopics: [privatisation]\ntags: [{tags}]\n---\n{body}\n",
            n % 9 + 1
        ),
    )
}

/// The served page without the script serve adds to it.
fn without_reload_script(body: &str) -> String {
    match body.split_once("<script>/* pamphlet serve: live reload */") {
        Some((before, rest)) => {
            let after = rest.split_once("</script>").map_or("", |(_, a)| a);
            format!("{before}{after}")
        }
        None => body.to_string(),
    }
}

/// The text files of a fresh build of the site, by site-relative path.
fn fresh_build(site: &Site) -> Vec<(String, String)> {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("site");
    site.cmd()
        .args(["build", "--out"])
        .arg(&dir)
        .assert()
        .success();
    files(&dir)
        .into_iter()
        .filter(|f| {
            [".html", ".xml", ".json", ".csv", ".txt"]
                .iter()
                .any(|e| f.ends_with(e))
                && !f.starts_with(".pamphlet")
        })
        .map(|f| {
            let text = std::fs::read_to_string(dir.join(&f)).unwrap();
            (f, text)
        })
        .collect()
}

/// The paths serve answers differently from the build, with the first difference.
fn differences(port: u16, built: &[(String, String)]) -> Vec<String> {
    let mut diffs = Vec::new();
    for (path, text) in built {
        let url = format!("/{}", path.trim_end_matches("index.html"));
        let (status, _, body) = request(port, "GET", &url);
        let body = without_reload_script(&body);
        if status != 200 {
            diffs.push(format!("{path}: status {status}"));
        } else if &body != text {
            let at = body
                .chars()
                .zip(text.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let show = |s: &str| {
                s.chars()
                    .skip(at.saturating_sub(40))
                    .take(120)
                    .collect::<String>()
            };
            diffs.push(format!(
                "{path}: served {:?}\n   built {:?}",
                show(&body),
                show(text)
            ));
        }
    }
    diffs
}

#[test]
fn after_edits_serve_answers_every_file_as_a_fresh_build_has_it() {
    let site = Site::with_repo_archive();
    let articles = [
        extra(
            1,
            "Care homes sold",
            "The Bugle",
            "NHS, Virgin Care",
            "A first report about the sale of care homes.",
        ),
        extra(
            2,
            "Contracts signed",
            "The Bugle",
            "NHS",
            "The contracts were signed on Monday.",
        ),
        extra(
            3,
            "Tender opened",
            "Daily Planet",
            "Virgin Care",
            "A tender for community services opened.",
        ),
        extra(
            4,
            "Doomed piece",
            "Daily Planet",
            "NHS",
            "This article will be deleted.",
        ),
    ];
    for (path, text) in &articles {
        site.write(path, text);
    }
    let server = serve(&site, &[], "/");

    // A body edit, a retitle that other pages show, a new article, a deletion.
    let pause = || std::thread::sleep(Duration::from_millis(300));
    let text = site.read("content/extra-1.md");
    site.write(
        "content/extra-1.md",
        text.replace("A first report", "An edited first report"),
    );
    pause();
    let text = site.read("content/extra-2.md");
    site.write(
        "content/extra-2.md",
        text.replace("title: Contracts signed", "title: Contracts signed at last")
            .replace("publisher: The Bugle", "publisher: The Evening Bugle"),
    );
    pause();
    let (path, text) = extra(
        5,
        "A newcomer",
        "Daily Planet",
        "NHS, Virgin Care",
        "Newly added to the archive.",
    );
    site.write(&path, text);
    pause();
    std::fs::remove_file(site.path().join("content/extra-4.md")).unwrap();

    let built = fresh_build(&site);
    assert!(built.len() > 40, "{}", built.len());
    // Serve settles within seconds (its search index waits for a quiet moment).
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut diffs = differences(server.port, &built);
    while !diffs.is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(500));
        diffs = differences(server.port, &built);
    }
    assert!(
        diffs.is_empty(),
        "{} of {} files differ from a fresh build:\n{}",
        diffs.len(),
        built.len(),
        diffs.join("\n")
    );
    let (status, _, _) = request(server.port, "GET", "/articles/extra-4/");
    assert_eq!(status, 404, "the deleted article is gone");
}
