//! Live reload: Server-Sent Events to every open page, and the script that listens.
//! The script is added to pages by `serve` only; built sites never carry it.

use std::io::Write;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::{Arc, Mutex};

/// The events endpoint, below the site's prefix.
pub const EVENTS_PATH: &str = "__pamphlet/events";

/// What an open page should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The site changed: reload the page.
    Reload,
    /// Only stylesheets changed: refresh them in place, keeping the scroll position.
    Css,
    /// The search index was rebuilt: an open search page reloads to use it.
    Search,
    /// The last change broke the build: show this message over the page.
    Error(String),
}

impl Event {
    fn frame(&self) -> String {
        match self {
            Event::Reload => "event: reload\ndata: reload\n\n".to_string(),
            Event::Css => "event: css\ndata: css\n\n".to_string(),
            Event::Search => "event: search\ndata: search\n\n".to_string(),
            Event::Error(message) => {
                // A lone CR ends a line for EventSource too: split on it, so a file name
                // in a message cannot start an event of its own.
                let data: String = message
                    .split(['\n', '\r'])
                    .map(|l| format!("data: {l}\n"))
                    .collect();
                format!("event: failed\n{data}\n")
            }
        }
    }
}

/// The open event streams. Each page has a thread that writes its frames and a short
/// queue that feeds it: sending an event only puts it on the queues, so a page that stops
/// reading holds up neither the rebuilds nor the other pages. A page whose queue is full
/// has fallen behind and is dropped, as is one whose write fails (the page was closed) or
/// times out (serve's write timeout).
#[derive(Default)]
pub struct Clients {
    queues: Mutex<Vec<SyncSender<Arc<[u8]>>>>,
}

/// Frames a page may have waiting. Events come a few per edit, so a page that is this
/// far behind is not reading.
const BACKLOG: usize = 16;

impl Clients {
    /// Takes over a connection: answers with the event-stream headers and, if the site
    /// is broken right now, the error at once.
    pub fn add(&self, mut stream: Box<dyn Write + Send>, current_error: Option<&str>) {
        let mut first = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: connected\n\n".to_string();
        if let Some(message) = current_error {
            first.push_str(&Event::Error(message.to_string()).frame());
        }
        let (queue, frames) = sync_channel::<Arc<[u8]>>(BACKLOG);
        let spawned = std::thread::Builder::new()
            .name("live-reload".into())
            .spawn(move || {
                let mut write =
                    |bytes: &[u8]| stream.write_all(bytes).and_then(|()| stream.flush());
                if write(first.as_bytes()).is_err() {
                    return;
                }
                // Ends when a write fails or the page was dropped from the list.
                for frame in frames {
                    if write(&frame).is_err() {
                        return;
                    }
                }
            });
        if spawned.is_ok() {
            if let Ok(mut queues) = self.queues.lock() {
                queues.push(queue);
            }
        }
    }

    /// Sends an event to every open page.
    pub fn send(&self, event: &Event) {
        self.broadcast(event.frame().as_bytes());
    }

    /// A comment line, so dead connections are noticed and proxies keep live ones open.
    pub fn ping(&self) {
        self.broadcast(b": ping\n\n");
    }

    /// Queues `bytes` for every page; never waits on one.
    fn broadcast(&self, bytes: &[u8]) {
        let frame: Arc<[u8]> = Arc::from(bytes);
        if let Ok(mut queues) = self.queues.lock() {
            queues.retain(|q| q.try_send(Arc::clone(&frame)).is_ok());
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.queues.lock().map_or(0, |q| q.len())
    }
}

/// The script `serve` adds before `</body>` of every page. The address is written as a
/// JSON string with `<` escaped: `site-url` comes from book.toml, which a pull request
/// can change, and must not be able to close the string or the script element.
pub fn script(base: &str) -> String {
    let events = serde_json::to_string(&format!("{base}{EVENTS_PATH}"))
        .unwrap_or_else(|_| format!("\"{EVENTS_PATH}\""))
        .replace('<', "\\u003c");
    format!(
        r#"<script>/* pamphlet serve: live reload */
(function () {{
  var es = new EventSource({events}), broken = false;
  function overlay(text) {{
    var o = document.getElementById("pamphlet-error");
    if (!o) {{
      o = document.createElement("div"); o.id = "pamphlet-error"; o.setAttribute("role", "alert");
      o.style.cssText = "position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,20,.92);color:#fff;padding:2rem;overflow:auto;font:14px/1.5 monospace;white-space:pre-wrap";
      document.body.appendChild(o);
    }}
    o.textContent = "pamphlet could not build the site:\n\n" + text + "\n\nThe last good version, if there is one, stays served; this page reloads when the problem is fixed.";
  }}
  es.addEventListener("reload", function () {{ location.reload(); }});
  es.addEventListener("search", function () {{ if (document.getElementById("search-input")) location.reload(); }});
  es.addEventListener("failed", function (e) {{ if (e.data) {{ broken = true; overlay(e.data); }} }});
  es.addEventListener("css", function () {{
    if (broken) {{ location.reload(); return; }}
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {{
      var u = new URL(l.href); u.searchParams.set("v", Date.now()); l.href = u.toString();
    }});
  }});
}})();
</script>"#
    )
}

/// The page served where there is no page to serve because the site cannot be built (a
/// folder with no archive in it yet): the problems as text, escaped, and the script, which
/// shows them over the page too and reloads it once they are fixed.
pub fn error_page(error: &str, script: &str) -> Vec<u8> {
    let escaped = error
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>pamphlet serve: nothing to serve yet</title>\n</head>\n<body>\n<h1>Nothing to serve yet</h1>\n<p>pamphlet could not build a site here:</p>\n<pre>{escaped}</pre>\n<p>Fix the problems above, or start a new archive with <code>pamphlet init</code>. This page reloads when the site builds.</p>\n{script}</body>\n</html>\n"
    )
    .into_bytes()
}

/// `html` with the live-reload script added before `</body>` (or at the end).
pub fn inject(html: &[u8], script: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_frames_keep_every_line() {
        assert_eq!(
            Event::Error("a\nb".into()).frame(),
            "event: failed\ndata: a\ndata: b\n\n"
        );
    }

    /// Found in review (issue 15): a CR in a file name named in an error started a fake
    /// `reload` event.
    #[test]
    fn a_cr_in_a_message_starts_no_event() {
        let frame = Event::Error("content/x\r\revent: reload\rdata: FAKE.md".into()).frame();
        assert!(!frame.contains('\r'));
        assert!(frame
            .lines()
            .all(|l| l.is_empty() || l == "event: failed" || l.starts_with("data: ")));
    }

    /// Found in review (issue 15): `site-url` was written into the script unescaped.
    #[test]
    fn the_site_url_cannot_close_the_script() {
        let script = script("/x\");alert(1);//</script><script>alert(2)</script>/");
        assert_eq!(script.matches("</script>").count(), 1, "{script}");
        assert!(
            script.contains(r#"EventSource("/x\");alert(1);//\u003c/script>"#),
            "{script}"
        );
    }

    /// A page that never reads: its writes block until the test ends.
    struct Stuck(std::sync::mpsc::Receiver<()>);

    impl Write for Stuck {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            let _ = self.0.recv();
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_page_that_stops_reading_is_dropped_without_blocking() {
        let clients = Clients::default();
        let (_release, blocked) = std::sync::mpsc::channel();
        clients.add(Box::new(Stuck(blocked)), None);
        clients.add(Box::new(Vec::new()), Some("broken"));
        assert_eq!(clients.len(), 2);
        for _ in 0..=BACKLOG {
            clients.send(&Event::Reload);
            // Time for the reading page's thread to keep up.
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(
            clients.len(),
            1,
            "the stuck page is dropped, the reading one kept"
        );
    }

    #[test]
    fn the_script_goes_before_the_body_end() {
        let out = inject(b"<body><p>x</p></body></html>", "<script>s</script>");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<body><p>x</p><script>s</script></body></html>"
        );
    }
}
