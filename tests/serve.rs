//! `pamphlet serve` as a user runs it: the real binary on a free port of 127.0.0.1,
//! against a temp site that the tests edit while it runs.

mod util;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use util::{request, serve, Server, Site};

fn get(server: &Server, path: &str) -> (u16, String) {
    let (status, _, body) = request(server.port, "GET", &format!("{}{path}", server.base));
    (status, body)
}

/// Polls until `check` holds or 10 s pass.
fn eventually(what: &str, mut check: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for: {what}");
}

/// An open live-reload stream, read line by line in a thread.
fn events(server: &Server) -> std::sync::mpsc::Receiver<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        stream,
        "GET {}__pamphlet/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        server.base
    )
    .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn wait_for_event(rx: &std::sync::mpsc::Receiver<String>, event: &str) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(100)) {
            if line == format!("event: {event}") {
                let mut data = Vec::new();
                while let Ok(l) = rx.recv_timeout(Duration::from_millis(500)) {
                    if l.is_empty() {
                        break;
                    }
                    data.push(l.trim_start_matches("data: ").to_string());
                }
                return data;
            }
            seen.push(line);
        }
    }
    panic!("no `{event}` event; saw {seen:?}");
}

const ARTICLE: &str = "articles/clear-these-dwp-parasites-out-of-gp-surgeries/";
const FILE: &str = "content/clear-these-dwp-parasites-out-of-gp-surgeries.md";

#[test]
fn pages_are_served_with_live_reload_and_edits_show_up() {
    let site = Site::with_repo_archive();
    let server = serve(&site, &[], "/");
    let (status, body) = get(&server, "");
    assert_eq!(status, 200);
    assert!(
        body.contains("EventSource") && body.contains("__pamphlet/events"),
        "serve adds the live-reload script"
    );
    let (status, head, _) = request(server.port, "HEAD", "/static/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/css"), "{head}");
    let rx = events(&server);
    let text = site
        .read(FILE)
        .replace("Now this.", "Now this, edited live.");
    site.write(FILE, text);
    wait_for_event(&rx, "reload");
    eventually("the edit is served", || {
        get(&server, ARTICLE).1.contains("Now this, edited live.")
    });
    assert!(
        !site.path().join("public").exists(),
        "serve never writes public/"
    );
}

#[test]
fn a_broken_article_shows_the_error_keeps_the_old_page_and_recovers() {
    let site = Site::with_repo_archive();
    let server = serve(&site, &[], "/");
    let rx = events(&server);
    let good = site.read(FILE);
    site.write(FILE, good.replacen("title: ", "title: [broken\n", 1));
    let message = wait_for_event(&rx, "failed").join("\n");
    assert!(
        message.contains(FILE),
        "the overlay names the file: {message}"
    );
    let (status, body) = get(&server, ARTICLE);
    assert_eq!(status, 200);
    assert!(
        body.contains("Clear these DWP parasites"),
        "the last good page stays served"
    );
    // A new page load hears the error at once.
    let late = events(&server);
    wait_for_event(&late, "failed");
    site.write(FILE, good.replace("Now this.", "Now this, fixed."));
    wait_for_event(&rx, "reload");
    eventually("the fix is served", || {
        get(&server, ARTICLE).1.contains("Now this, fixed.")
    });
}

#[test]
fn a_dropped_seed_is_imported_and_published() {
    let site = Site::with_repo_archive();
    let server = serve(&site, &[], "/");
    site.write("seeds/new-paste.txt", "Link workers arrive in every practice\n\nSocial prescribing link workers will connect patients with the voluntary sector, the new plan says.\n");
    eventually("the dropped seed's article is served", || {
        get(&server, "articles/link-workers-arrive-in-every-practice/").0 == 200
    });
    assert!(site
        .path()
        .join("content/link-workers-arrive-in-every-practice.md")
        .is_file());
    eventually("the topic page lists it", || {
        get(&server, "topics/social-prescribing/")
            .1
            .contains("Link workers arrive")
    });
}

#[test]
fn deleted_and_added_articles_update_their_lists() {
    let site = Site::with_repo_archive();
    let server = serve(&site, &[], "/");
    site.write("content/added.md", "---\ntitle: An added article\ndate: 2020-02-02\ntags:\n- Brand New Tag\n---\nText of the added article.\n");
    eventually("the added article", || {
        get(&server, "articles/added/").0 == 200
    });
    eventually("its tag page", || {
        get(&server, "tags/brand-new-tag/")
            .1
            .contains("An added article")
    });
    assert!(get(&server, "years/2020/").1.contains("An added article"));
    std::fs::remove_file(site.path().join("content/added.md")).unwrap();
    eventually("the deleted article is gone", || {
        get(&server, "articles/added/").0 == 404
    });
    eventually("and gone from its lists", || {
        get(&server, "tags/brand-new-tag/").0 == 404
    });
}

#[test]
fn a_template_change_rebuilds_everything() {
    let site = Site::with_repo_archive();
    let server = serve(&site, &[], "/");
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Our own lost page</h1>{% endblock main %}",
    );
    eventually("the new template is used", || {
        get(&server, "nowhere").1.contains("Our own lost page")
    });
}

#[test]
fn a_css_change_is_applied_without_a_reload() {
    let site = Site::with_repo_archive();
    let server = serve(&site, &[], "/");
    let rx = events(&server);
    let css = site.read("themes/default/static/style.css");
    site.write(
        "themes/default/static/style.css",
        format!("{css}\n/* changed */\n"),
    );
    wait_for_event(&rx, "css");
    eventually("the new stylesheet", || {
        get(&server, "static/style.css").1.contains("/* changed */")
    });
}

#[test]
fn only_the_site_is_served() {
    // A link in the theme that leads out of it now stops the build with an error naming
    // it (tests/safety_import.rs), so none is planted here.
    let site = Site::with_repo_archive();
    let server = serve(&site, &[], "/");
    for target in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2fbook.toml",
        "//etc/passwd",
        "/static/passwd",
        "/book.toml",
        "/content/",
    ] {
        let (status, _, body) = request(server.port, "GET", target);
        assert!(status == 404 || status == 400, "{target}: {status}");
        assert!(
            !body.contains("root:") && !body.contains("[book]"),
            "{target} leaked"
        );
    }
    assert_eq!(request(server.port, "GET", "/a%00b").0, 400);
    assert_eq!(request(server.port, "POST", "/").0, 405);
    assert_eq!(request(server.port, "DELETE", "/").0, 405);
    let (status, head, _) = request(
        server.port,
        "GET",
        "/articles/clear-these-dwp-parasites-out-of-gp-surgeries",
    );
    assert_eq!(status, 302);
    assert!(head.contains("Location: /articles/clear-these-dwp-parasites-out-of-gp-surgeries/"));
}

#[test]
fn a_project_subpath_is_previewed_as_published() {
    let site = Site::with_repo_archive();
    let server = serve(
        &site,
        &["--base-url", "https://example.github.io/campaign-archive/"],
        "/campaign-archive/",
    );
    let (status, head, _) = request(server.port, "GET", "/");
    assert_eq!(status, 302);
    assert!(head.contains("Location: /campaign-archive/"), "{head}");
    let (status, body) = get(&server, "");
    assert_eq!(status, 200);
    assert!(body.contains("href=\"/campaign-archive/static/style.css\""));
    assert!(body.contains("/campaign-archive/__pamphlet/events"));
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = Site::with_repo_archive();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    site.cmd()
        .args(["serve", "--port", &port])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(port.as_str()))
        .stderr(predicates::str::contains("--port"));
}

/// 200 clients fetching pages and 50 open live-reload streams while articles change:
/// every request answered, and the server's memory does not keep growing.
#[test]
fn holds_up_under_load_while_files_change() {
    let site = Site::with_repo_archive();
    let server = serve(&site, &[], "/");
    let streams: Vec<_> = (0..50).map(|_| events(&server)).collect();
    let rss = |pid: u32| -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            })
            .unwrap_or(0)
    };
    let pid = server.child.id();
    let mut samples = Vec::new();
    for round in 0..4 {
        let port = server.port;
        let clients: Vec<_> = (0..200)
            .map(|i| {
                std::thread::spawn(move || {
                    let path = if i % 2 == 0 {
                        "/"
                    } else {
                        "/articles/clear-these-dwp-parasites-out-of-gp-surgeries/"
                    };
                    request(port, "GET", path).0
                })
            })
            .collect();
        let text = site
            .read(FILE)
            .replace("Now this", &format!("Now this{round}"));
        site.write(FILE, text);
        let failed = clients
            .into_iter()
            .map(|c| c.join().unwrap_or(0))
            .filter(|&s| s != 200)
            .count();
        assert_eq!(failed, 0, "round {round}: {failed} requests failed");
        samples.push(rss(pid));
    }
    for rx in &streams {
        wait_for_event(rx, "reload");
    }
    if samples[1] > 0 {
        assert!(
            samples[3] < samples[1] + 64 * 1024,
            "memory keeps growing: {samples:?} kB"
        );
    }
}

/// Issue 19: `serve` in a folder with nothing to build said "the last good site is still
/// served" and answered every page with a bare 404. It says what is missing and how to
/// start, in the terminal and in the browser.
#[test]
fn serve_with_nothing_to_build_says_how_to_start() {
    let empty = tempfile::tempdir().unwrap();
    let port = util::free_port();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("pamphlet"))
        .arg("--root")
        .arg(empty.path())
        .args(["serve", "--port", &port.to_string()])
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut said = Vec::new();
    for line in BufReader::new(child.stderr.take().unwrap())
        .lines()
        .map_while(Result::ok)
    {
        let serving = line.starts_with("serving ");
        said.push(line);
        if serving {
            break;
        }
    }
    let server = Server {
        child,
        port,
        base: "/".into(),
    };
    let said = said.join("\n");
    assert!(said.contains("pamphlet init"), "{said}");
    assert!(!said.contains("last good site"), "{said}");
    let (status, body) = get(&server, "");
    assert_eq!(status, 404);
    assert!(
        body.contains("pamphlet init"),
        "the page says how to start: {body}"
    );
    assert!(
        body.contains("content"),
        "the page says what is missing: {body}"
    );
    assert!(body.contains("__pamphlet/events"), "it reloads when fixed");
}

/// Issue 19: `serve` did not stop promptly on Ctrl-C or SIGTERM. Started the way a script
/// starts a background job (the shell leaves it ignoring Ctrl-C), it still stops on both.
#[test]
fn serve_stops_on_ctrl_c_and_sigterm() {
    let site = Site::with_repo_archive();
    for signal in ["INT", "TERM"] {
        let port = util::free_port();
        let mut child = std::process::Command::new("sh")
            .arg("-c")
            .arg("trap '' INT TERM; exec \"$0\" --root \"$1\" serve --port \"$2\"")
            .arg(assert_cmd::cargo::cargo_bin("pamphlet"))
            .arg(site.path())
            .arg(port.to_string())
            .env("NO_COLOR", "1")
            .stderr(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        assert!(lines
            .by_ref()
            .map_while(Result::ok)
            .any(|l| l.starts_with("serving ")));
        std::thread::spawn(move || lines.for_each(drop));
        let pid = child.id().to_string();
        let server = Server {
            child,
            port,
            base: "/".into(),
        };
        assert_eq!(get(&server, "").0, 200);
        let mut server = server;
        std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        eventually(&format!("serve stops on SIG{signal}"), || {
            server.child.try_wait().unwrap().is_some()
        });
    }
}
