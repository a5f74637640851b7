//! Debian's Chromium, headless, driven over the DevTools protocol (one WebSocket, one
//! page session), and a tiny HTTP server for a built site under a subpath, as GitHub
//! Pages serves a project site.
//!
//! Chromium is required: without it these tests fail with a message saying how to
//! install it, never pass silently.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// Where Chromium is: $CHROMIUM, or the usual Debian and upstream names on PATH.
fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return PathBuf::from(p);
    }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
            let p = dir.join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!(
        "Chromium is needed for the browser tests and was not found (set $CHROMIUM or put \
         `chromium` on PATH). Run the test setup script: `apt-get install -y chromium \
         chromium-driver` (the same step as .ci/run), then run the tests again."
    );
}

pub struct Browser {
    child: Child,
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next_id: u64,
    loads: u64,
    requests: Vec<String>,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn launch() -> Browser {
        let exe = chromium();
        let profile = tempfile::tempdir().expect("profile dir");
        let mut child = Command::new(&exe)
            .args([
                "--headless",
                "--remote-debugging-port=0",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--window-size=1200,900",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", exe.display()));
        // Chromium prints its DevTools address on stderr; keep draining stderr after.
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("ws://") {
                    let _ = tx.send(line[at..].trim().to_string());
                }
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| {
                let _ = child.kill();
                panic!("{} did not print its DevTools address", exe.display())
            });
        let (ws, _) = tungstenite::connect(url.as_str()).expect("connect to DevTools");
        let mut b = Browser {
            child,
            ws,
            session: String::new(),
            next_id: 0,
            loads: 0,
            requests: Vec::new(),
            _profile: profile,
        };
        let target = b.call("Target.createTarget", json!({"url": "about:blank"}));
        let target = target["targetId"].as_str().expect("targetId").to_string();
        let attached = b.call(
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        );
        b.session = attached["sessionId"]
            .as_str()
            .expect("sessionId")
            .to_string();
        for domain in ["Page.enable", "Network.enable", "Runtime.enable"] {
            b.call(domain, json!({}));
        }
        b.call("Network.setCacheDisabled", json!({"cacheDisabled": false}));
        b
    }

    /// Sends a command to the page (or the browser, before a session exists) and waits
    /// for its answer, recording the events that arrive meanwhile.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if !self.session.is_empty() {
            msg["sessionId"] = json!(self.session);
        }
        self.ws
            .send(Message::text(msg.to_string()))
            .expect("send to Chromium");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            assert!(
                Instant::now() < deadline,
                "{method}: no answer from Chromium"
            );
            let m = self.ws.read().expect("read from Chromium");
            let Message::Text(text) = m else { continue };
            let v: Value = serde_json::from_str(text.as_str()).expect("DevTools JSON");
            if v["id"] == json!(id) {
                if let Some(e) = v.get("error") {
                    panic!("{method} failed: {e}");
                }
                return v["result"].clone();
            }
            self.event(&v);
        }
    }

    fn event(&mut self, v: &Value) {
        match v["method"].as_str() {
            Some("Network.requestWillBeSent") => {
                if let Some(u) = v["params"]["request"]["url"].as_str() {
                    self.requests.push(u.to_string());
                }
            }
            Some("Page.loadEventFired") => self.loads += 1,
            _ => {}
        }
    }

    /// Opens a URL and waits for its load event.
    pub fn goto(&mut self, url: &str) {
        let before = self.loads;
        self.call("Page.navigate", json!({"url": url}));
        self.wait_for_load(before);
    }

    pub fn wait_for_load(&mut self, before: u64) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.loads == before {
            assert!(Instant::now() < deadline, "the page did not load");
            // Any call pumps the events.
            self.call("Runtime.evaluate", json!({"expression": "1"}));
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn loads(&self) -> u64 {
        self.loads
    }

    /// Evaluates JavaScript (awaiting a promise) and returns its value.
    pub fn eval(&mut self, js: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": js, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("JavaScript failed: {js}\n{e}");
        }
        r["result"]["value"].clone()
    }

    /// Polls `js` until it is truthy; its value. Fails with `what` after `timeout`.
    pub fn wait_for(&mut self, js: &str, timeout: Duration, what: &str) -> Value {
        let deadline = Instant::now() + timeout;
        loop {
            let v = self.eval(js);
            let truthy =
                !matches!(&v, Value::Null | Value::Bool(false)) && v != json!(0) && v != json!("");
            if truthy {
                return v;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what} ({js} = {v})"
            );
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    /// Types text into whatever has focus, one key at a time.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let s = c.to_string();
            self.call(
                "Input.dispatchKeyEvent",
                json!({"type": "keyDown", "text": s, "key": s, "unmodifiedText": s}),
            );
            self.call("Input.dispatchKeyEvent", json!({"type": "keyUp", "key": s}));
        }
    }

    /// Presses a named key: Enter, ArrowDown, ArrowUp, Backspace, Escape or "/".
    pub fn press(&mut self, key: &str) {
        let (code, vk, text) = match key {
            "Enter" => ("Enter", 13, "\r"),
            "ArrowDown" => ("ArrowDown", 40, ""),
            "ArrowUp" => ("ArrowUp", 38, ""),
            "Backspace" => ("Backspace", 8, ""),
            "Escape" => ("Escape", 27, ""),
            "/" => ("Slash", 191, "/"),
            other => panic!("press: unknown key {other}"),
        };
        let mut down = json!({"type": "keyDown", "key": key, "code": code,
            "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk});
        if !text.is_empty() {
            down["text"] = json!(text);
        }
        self.call("Input.dispatchKeyEvent", down);
        self.call(
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": vk}),
        );
    }

    /// URLs requested since the last call (pumping pending events first).
    pub fn take_requests(&mut self) -> Vec<String> {
        self.call("Runtime.evaluate", json!({"expression": "1"}));
        std::mem::take(&mut self.requests)
    }

    /// Starts over with an empty HTTP cache.
    pub fn clear_cache(&mut self) {
        self.call("Network.clearBrowserCache", json!({}));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A static file server on 127.0.0.1 for `dir`, under `prefix` ("/archive/"), on its own
/// thread until dropped.
pub struct Server {
    server: Arc<tiny_http::Server>,
    pub port: u16,
    prefix: String,
}

impl Server {
    pub fn start(dir: &Path, prefix: &str) -> Server {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1"));
        let port = server.server_addr().to_ip().expect("ip address").port();
        let (s, dir, pre) = (server.clone(), dir.to_path_buf(), prefix.to_string());
        std::thread::spawn(move || {
            for req in s.incoming_requests() {
                let path = req.url().split(['?', '#']).next().unwrap_or("").to_string();
                let file = path
                    .strip_prefix(&pre)
                    .filter(|rel| !rel.split('/').any(|c| c == ".."))
                    .map(|rel| {
                        let p = dir.join(rel);
                        if rel.is_empty() || rel.ends_with('/') {
                            p.join("index.html")
                        } else {
                            p
                        }
                    });
                let _ = match file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
                    Some((f, bytes)) => {
                        let ty = match f.extension().and_then(|e| e.to_str()) {
                            Some("html") => "text/html; charset=utf-8",
                            Some("js") => "text/javascript",
                            Some("css") => "text/css",
                            Some("xml") => "application/xml",
                            _ => "application/octet-stream",
                        };
                        let header =
                            tiny_http::Header::from_bytes("Content-Type", ty).expect("header");
                        req.respond(tiny_http::Response::from_data(bytes).with_header(header))
                    }
                    None => req.respond(
                        tiny_http::Response::from_string("not found").with_status_code(404),
                    ),
                };
            }
        });
        Server {
            server,
            port,
            prefix: prefix.to_string(),
        }
    }

    /// The address of a site-relative path.
    pub fn url(&self, rel: &str) -> String {
        format!("http://127.0.0.1:{}{}{rel}", self.port, self.prefix)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
    }
}
