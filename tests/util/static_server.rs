//! A real HTTP server on 127.0.0.1 for the browser tests: serves a built site from a
//! folder under a path prefix, optionally adding a snippet before `</body>` of each page.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;

pub struct StaticServer {
    pub port: u16,
}

impl StaticServer {
    /// Serves `root` at `http://127.0.0.1:<port><prefix>`; runs until the test ends.
    pub fn start(root: PathBuf, prefix: &str, inject: Option<String>) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("addr").port();
        let prefix = prefix.to_string();
        let inject = Arc::new(inject);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (root, prefix, inject) = (root.clone(), prefix.clone(), Arc::clone(&inject));
                std::thread::spawn(move || {
                    let _ = respond(stream, &root, &prefix, inject.as_deref());
                });
            }
        });
        StaticServer { port }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

fn respond(
    mut stream: TcpStream,
    root: &std::path::Path,
    prefix: &str,
    inject: Option<&str>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? <= 2 {
            break;
        }
    }
    let path = request
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .split('?')
        .next()
        .unwrap_or("/");
    let extra = inject.map(|s| s.to_string());
    let found = path
        .strip_prefix(prefix)
        .filter(|p| !p.contains(".."))
        .and_then(|rel| {
            let mut file = root.join(rel);
            if rel.is_empty() || rel.ends_with('/') {
                file = file.join("index.html");
            }
            std::fs::read(&file).ok().map(|bytes| (file, bytes))
        });
    let (status, file, mut body) = match found {
        Some((file, bytes)) => ("200 OK", file, bytes),
        None => (
            "404 Not Found",
            root.join("404.html"),
            std::fs::read(root.join("404.html")).unwrap_or_default(),
        ),
    };
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    let mime = match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
    if let (Some(extra), "html") = (extra, ext) {
        let html = String::from_utf8_lossy(&body).replace("</body>", &format!("{extra}</body>"));
        body = html.into_bytes();
    }
    write!(stream, "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len())?;
    stream.write_all(&body)
}
