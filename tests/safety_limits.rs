//! Hostile input that once panicked pamphlet, stopped `serve`, or took minutes on a small
//! file: the real binary, on temp sites.
//! See: issue 15, items 5 (long lines), 6 (serve) and 13 (quadratic costs).

mod util;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use util::{serve, Server, Site};

/// Fails the test if the command panicked (exit 101 or a panic message).
fn no_panic(output: &std::process::Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_ne!(output.status.code(), Some(101), "panicked: {stderr}");
    assert!(!stderr.contains("panicked"), "panicked: {stderr}");
    stderr
}

// Item 5: a diagnostic past column 65,535.

const PAD: usize = 90_000;

#[test]
fn a_broken_link_on_a_long_line_is_reported_not_a_panic() {
    let site = Site::new();
    site.write(
        "content/long.md",
        format!(
            "---\ntitle: Long\n---\n{} [broken](/articles/nowhere/) end\n",
            "x".repeat(PAD)
        ),
    );
    let out = site.cmd().arg("check").output().unwrap();
    let stderr = no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("content/long.md:4:{}", PAD + 2)),
        "names the place: {stderr}"
    );
    assert!(stderr.contains("no page of the site is there"), "{stderr}");
    assert!(
        stderr.lines().all(|l| l.chars().count() < 400),
        "the long line is shown cut down"
    );
}

#[test]
fn a_yaml_error_at_column_90000_is_reported_not_a_panic() {
    let site = Site::new();
    site.write(
        "content/long.md",
        format!(
            "---\ntitle: Long\ntags: [{}: ]]\n---\nText.\n",
            "y".repeat(PAD)
        ),
    );
    let out = site.cmd().arg("build").output().unwrap();
    let stderr = no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("content/long.md:3:"), "{stderr}");
    assert!(stderr.contains("front matter is not valid"), "{stderr}");
}

#[test]
fn a_book_toml_error_on_a_long_line_is_reported_not_a_panic() {
    let site = Site::new();
    let book = site.read("book.toml");
    site.write(
        "book.toml",
        format!("{book}\nbogus = \"{}\" x\n", "z".repeat(PAD)),
    );
    for command in ["check", "build", "import"] {
        let out = site.cmd().arg(command).output().unwrap();
        let stderr = no_panic(&out);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(stderr.contains("book.toml is not valid"), "{stderr}");
    }
}

// Item 6: serve.

/// A raw HTTP/1.1 request, so paths reach the server exactly as written.
fn request(port: u16, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let head = text.split("\r\n\r\n").next().unwrap_or("").to_string();
    (status, head)
}

/// An open live-reload stream, read line by line in a thread.
fn events(server: &Server) -> std::sync::mpsc::Receiver<String> {
    let stream = events_stream(server);
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

fn events_stream(server: &Server) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(
        stream,
        "GET {}__pamphlet/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        server.base
    )
    .unwrap();
    stream
}

fn wait_for_event(rx: &std::sync::mpsc::Receiver<String>, event: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(100)) {
            if line == format!("event: {event}") {
                return;
            }
        }
    }
    panic!("no `{event}` event within 20 s");
}

#[test]
fn serve_survives_a_diagnostic_past_column_65535() {
    let site = Site::with_repo_archive();
    let server = serve(&site, &[], "/");
    let rx = events(&server);
    site.write(
        "content/long.md",
        format!(
            "---\ntitle: Long\ntags: [{}: ]]\n---\nText.\n",
            "y".repeat(PAD)
        ),
    );
    wait_for_event(&rx, "failed");
    assert_eq!(request(server.port, "/").0, 200, "the server still answers");
    std::fs::remove_file(site.path().join("content/long.md")).unwrap();
    wait_for_event(&rx, "reload");
    assert_eq!(request(server.port, "/").0, 200);
}

#[test]
fn a_redirect_to_a_non_ascii_path_is_percent_encoded() {
    let site = Site::with_repo_archive();
    site.write("static/ünï cödé/index.html", "<p>hello</p>");
    let server = serve(&site, &[], "/");
    // More requests than serve has worker threads: a panic in each would stop it.
    for _ in 0..20 {
        let (status, head) = request(server.port, "/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9");
        assert_eq!(status, 302, "{head}");
        assert!(
            head.contains("\r\nLocation: /%C3%BCn%C3%AF%20c%C3%B6d%C3%A9/\r\n"),
            "{head}"
        );
    }
    let (status, _) = request(server.port, "/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9/");
    assert_eq!(status, 200);
    assert_eq!(request(server.port, "/").0, 200, "the server still answers");
}

const FILE: &str = "content/clear-these-dwp-parasites-out-of-gp-surgeries.md";

#[test]
fn a_reload_client_that_never_reads_does_not_stop_the_others() {
    let site = Site::with_repo_archive();
    let server = serve(&site, &[], "/");
    // Connects, and never reads a byte of what it is sent.
    let _stuck = events_stream(&server);
    let rx = events(&server);
    let good = site.read(FILE);
    // Each broken version sends every page an error frame of about 300 kB (the unknown
    // topic is quoted in the message): far more in all than the socket buffers hold.
    let topic = "t".repeat(300_000);
    let broken = good.replacen("topics:\n", &format!("topics:\n- {topic}\n"), 1);
    for round in 0..40 {
        site.write(FILE, &broken);
        wait_for_event(&rx, "failed");
        site.write(
            FILE,
            good.replace("Now this.", &format!("Now this {round}.")),
        );
        wait_for_event(&rx, "reload");
    }
    assert_eq!(request(server.port, "/").0, 200);
}

/// Keep-alive requests cost about 44 ms each with Nagle's algorithm on (the last small
/// write waits for the client's delayed ACK); with TCP_NODELAY, well under a millisecond.
#[test]
fn keep_alive_requests_are_not_delayed() {
    let site = Site::with_repo_archive();
    let server = serve(&site, &[], "/");
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut times = Vec::new();
    for _ in 0..21 {
        let start = Instant::now();
        write!(
            stream,
            "GET /static/style.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = v.trim().parse().unwrap();
            }
        }
        assert!(length > 1024, "a response written in several pieces");
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        times.push(start.elapsed());
    }
    times.sort();
    // The delayed ACK is at least 40 ms; the median stays far below it on a busy machine.
    assert!(
        times[10] < Duration::from_millis(30),
        "median keep-alive request: {:?}",
        times[10]
    );
}
