//! `pamphlet serve`: the site built into memory and served on 127.0.0.1, rebuilt as its
//! sources change, with live reload and an error overlay. A driver, like check: it calls
//! the stages (import, load, render) and never writes public/.

mod files;
mod http;
mod live;
mod reload;
mod watch;

use std::io::{Cursor, Write as _};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tiny_http::{Header, Method, Response, Server};

use crate::config::Config;
use crate::error::{Diagnostic, Report};
use crate::import::{import, ImportOptions};
use http::Answer;
use live::{Live, Rebuilt};
use reload::{Clients, Event};

/// How `serve` listens.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: IpAddr,
    pub port: u16,
    /// Open the site in the default browser once it is up.
    pub open: bool,
    /// Print nothing but errors.
    pub quiet: bool,
}

/// What the HTTP threads read: the files, the prefix, the current error.
struct Shared {
    files: files::SharedFiles,
    base: String,
    error: Option<String>,
    script: String,
}

/// Requests answered at once; event streams are handed off and do not hold one.
const WORKERS: usize = 8;

/// Runs until the process is stopped (Ctrl-C). Returns only when it cannot start.
pub fn serve(config: Config, options: &ServeOptions) -> Result<(), Diagnostic> {
    let addr = SocketAddr::new(options.bind, options.port);
    let server = listen(addr).map_err(|e| {
        Diagnostic::error("serve", format!("cannot listen on {addr}: {e}")).help(format!(
            "port {} is probably in use: choose another with --port, e.g. --port {}",
            options.port,
            options.port.saturating_add(1)
        ))
    })?;
    // Ctrl-C, SIGTERM and SIGHUP stop the server at once, also when it was started
    // ignoring them (a script's background job ignores Ctrl-C): it holds nothing that
    // needs saving, and an import it is running renames each finished file into place,
    // so none is left half-written.
    let quiet = options.quiet;
    let _ = ctrlc::set_handler(move || {
        if !quiet {
            eprintln!("stopped");
        }
        std::process::exit(0);
    });
    if !options.bind.is_loopback() {
        eprintln!("warning: serving on {addr}, reachable from other machines; the preview is meant for this one (--bind 127.0.0.1)");
    }
    let watch = watch::Watch::start(&config.root).map_err(|e| {
        Diagnostic::error(&config.root, format!("cannot watch the site's files: {e}"))
    })?;
    let (mut live, first) = Live::load(config);
    let base = live.config.base_path();
    let shared = Arc::new(RwLock::new(Shared {
        files: Arc::clone(&live.files),
        script: reload::script(&base),
        base: base.clone(),
        error: first.error.clone(),
    }));
    let clients = Arc::new(Clients::default());
    let server = Arc::new(server);
    for _ in 0..WORKERS {
        let (server, shared, clients) = (
            Arc::clone(&server),
            Arc::clone(&shared),
            Arc::clone(&clients),
        );
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                answer(request, &shared, &clients);
            }
        });
    }
    {
        let clients = Arc::clone(&clients);
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_secs(15));
            clients.ping();
        });
    }
    let url = format!("http://{addr}{base}");
    if first.error.is_some() {
        // No good site was ever built, so none is served: each page shows the problems.
        eprint!("{}", first.error.as_deref().unwrap_or_default());
        eprintln!("started: nothing to serve yet; fix the problems above (each page shows them too, and reloads when they are fixed), or start a new archive with `pamphlet init DIR`");
    } else {
        report_rebuild(options, "started", &first);
    }
    if !options.quiet {
        eprintln!("serving {url} (Ctrl-C to stop)");
    }
    if options.open {
        let _ = std::process::Command::new(if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        })
        .arg(&url)
        .spawn();
    }
    loop {
        // After edits, the search index is brought up to date once the files are quiet:
        // it covers the whole archive, so it is not rebuilt on every keystroke's save.
        let idle = live.search_stale().then_some(SEARCH_AFTER);
        let changes = match watch.next(&live.config, idle) {
            watch::Next::Changed(changes) => changes,
            watch::Next::Idle => {
                let rebuilt = live.refresh_search();
                publish(&shared, &live, &rebuilt);
                clients.send(&Event::Search);
                report_rebuild(options, "search index", &rebuilt);
                continue;
            }
            watch::Next::Stopped => break,
        };
        if !changes.seeds.is_empty() {
            import_seeds(&live.config, &changes, options);
            // The imported articles arrive as content changes on the next round.
            if changes.content.is_empty() && !changes.everything && !changes.css_only {
                continue;
            }
        }
        let (what, rebuilt) = if changes.everything {
            ("site".to_string(), live.rebuild_all())
        } else if changes.css_only {
            ("stylesheet".to_string(), live.reload_assets())
        } else {
            (describe(&changes), live.apply(&changes))
        };
        let event = match (&rebuilt.error, changes.css_only) {
            (Some(e), _) => Event::Error(e.clone()),
            (None, true) => Event::Css,
            (None, false) => Event::Reload,
        };
        publish(&shared, &live, &rebuilt);
        clients.send(&event);
        report_rebuild(options, &what, &rebuilt);
    }
    Ok(())
}

/// How long a write to a connection may wait for the other side to read. A page or a
/// live-reload stream that stops reading is dropped after this instead of holding a
/// thread forever.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// The listening socket, with the options every connection needs. tiny_http never hands
/// out the sockets it accepts, but accepted sockets inherit these options from the
/// listening one (Linux, macOS and the BSDs copy them).
fn listen(addr: SocketAddr) -> std::io::Result<Server> {
    let listener = std::net::TcpListener::bind(addr)?;
    let socket = socket2::SockRef::from(&listener);
    // tiny_http writes a response in several small writes (a 1 KiB buffer). With Nagle's
    // algorithm on, the last one waits for the client's delayed ACK: 40 ms or more per
    // request on a keep-alive connection, every page load.
    socket.set_tcp_nodelay(true)?;
    socket.set_write_timeout(Some(WRITE_TIMEOUT))?;
    Server::from_listener(listener, None).map_err(std::io::Error::other)
}

/// How long the files must be quiet after an edit before the search index is rebuilt.
const SEARCH_AFTER: Duration = Duration::from_secs(2);

/// Makes a rebuild's result what the HTTP threads serve.
fn publish(shared: &RwLock<Shared>, live: &Live, rebuilt: &Rebuilt) {
    if let Ok(mut s) = shared.write() {
        s.error = rebuilt.error.clone();
        s.base = live.config.base_path();
        s.script = reload::script(&s.base);
    }
}

fn answer(request: tiny_http::Request, shared: &RwLock<Shared>, clients: &Clients) {
    let Ok(s) = shared.read() else { return };
    let shared_files = Arc::clone(&s.files);
    let Ok(files) = shared_files.read() else {
        return;
    };
    let method = request.method().as_str().to_string();
    match http::route(&method, request.url(), &s.base, |p| files.contains_key(p)) {
        Answer::Events => {
            let error = s.error.clone();
            drop(files);
            drop(s);
            clients.add(request.into_writer(), error.as_deref());
        }
        Answer::File { path, mime } => {
            let body = files.get(&path).map_or_else(Vec::new, |b| {
                if mime.starts_with("text/html") {
                    reload::inject(b, &s.script)
                } else {
                    b.to_vec()
                }
            });
            drop(files);
            drop(s);
            respond(request, 200, mime, body, &method);
        }
        Answer::Redirect(to) => {
            drop(files);
            drop(s);
            let response = with_headers(Response::empty(302), [header("Location", &to)]);
            let _ = request.respond(response);
        }
        Answer::NotFound => {
            let body = match (files.get(std::path::Path::new("404.html")), &s.error) {
                (Some(b), _) => reload::inject(b, &s.script),
                // Nothing built yet (or no 404 page): the problems, not a bare 404.
                (None, Some(error)) => reload::error_page(error, &s.script),
                (None, None) => b"not found".to_vec(),
            };
            drop(files);
            drop(s);
            respond(request, 404, "text/html; charset=utf-8", body, &method);
        }
        Answer::BadRequest => {
            drop(files);
            drop(s);
            respond(
                request,
                400,
                "text/plain; charset=utf-8",
                b"bad request".to_vec(),
                &method,
            );
        }
        Answer::MethodNotAllowed => {
            drop(files);
            drop(s);
            let response = with_headers(
                Response::from_data(b"method not allowed".to_vec()).with_status_code(405),
                [header("Allow", "GET, HEAD")],
            );
            let _ = request.respond(response);
        }
    }
}

fn respond(request: tiny_http::Request, status: u16, mime: &str, body: Vec<u8>, method: &str) {
    let length = body.len();
    let body = if method == Method::Head.as_str() {
        Vec::new()
    } else {
        body
    };
    let response = Response::new(
        status.into(),
        [
            header("Content-Type", mime),
            header("Cache-Control", "no-store"),
        ]
        .into_iter()
        .flatten()
        .collect(),
        Cursor::new(body),
        Some(length),
        None,
    );
    let _ = request.respond(response);
}

/// A header, if `value` can be one. Values that come from a request (a redirect's
/// target) are percent-encoded by `http::route`, so this only guards against a mistake,
/// without taking a worker thread down with it.
fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn with_headers<R: std::io::Read>(
    response: Response<R>,
    headers: impl IntoIterator<Item = Option<Header>>,
) -> Response<R> {
    headers
        .into_iter()
        .flatten()
        .fold(response, Response::with_header)
}

/// New or changed seeds go through the importer, with its rules: a hand-edited article
/// is never overwritten.
fn import_seeds(config: &Config, changes: &watch::Changes, options: &ServeOptions) {
    let paths: Vec<_> = changes
        .seeds
        .iter()
        .filter(|p| p.is_file())
        .cloned()
        .collect();
    if paths.is_empty() {
        return;
    }
    let mut report = Report::default();
    let import_options = ImportOptions {
        paths,
        out: config.content_dir(),
        force: false,
        explain: false,
    };
    let summary = import(config, &import_options, &mut report);
    if !report.is_empty() {
        eprint!(
            "{}",
            report.render(crate::error::Format::Human, &config.root)
        );
    }
    if !options.quiet {
        eprintln!(
            "imported {}: {} new, {} updated, {} unchanged",
            crate::plural::count(summary.files.len(), "seed"),
            summary.created,
            summary.updated,
            summary.unchanged
        );
    }
}

fn describe(changes: &watch::Changes) -> String {
    let names: Vec<String> = changes
        .content
        .iter()
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    match names.len() {
        0 => "nothing".into(),
        1..=3 => names.join(", "),
        n => format!("{n} articles"),
    }
}

fn report_rebuild(options: &ServeOptions, what: &str, rebuilt: &Rebuilt) {
    match &rebuilt.error {
        Some(e) => {
            eprint!("{e}");
            eprintln!("{what}: not rebuilt; the last good site is still served");
        }
        None if !options.quiet => {
            eprintln!(
                "{what}: {} rendered in {} ms",
                crate::plural::count(rebuilt.pages, "page"),
                rebuilt.elapsed.as_millis()
            );
        }
        None => {}
    }
    let _ = std::io::stderr().flush();
}
