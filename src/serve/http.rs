//! The HTTP side of `serve`: answers from the in-memory site only, so nothing outside it
//! (no `..`, no symlink, no absolute path) can ever be reached.

use std::path::{Component, Path, PathBuf};

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// What to answer a request with.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    /// A file of the site, with its type.
    File {
        path: PathBuf,
        mime: &'static str,
    },
    /// The live-reload event stream.
    Events,
    /// A redirect, to a target that is already percent-encoded (plain ASCII, a valid
    /// `Location` header whatever the path holds).
    Redirect(String),
    NotFound,
    BadRequest,
    MethodNotAllowed,
}

/// Decides the answer for `method` and the raw request target, for a site served under
/// `base` ("/" or "/repo/"); `exists` says whether the site has a file.
pub fn route(method: &str, target: &str, base: &str, exists: impl Fn(&Path) -> bool) -> Answer {
    if method != "GET" && method != "HEAD" {
        return Answer::MethodNotAllowed;
    }
    let raw = target.split(['?', '#']).next().unwrap_or("");
    let Ok(decoded) = percent_decode_str(raw).decode_utf8() else {
        return Answer::BadRequest;
    };
    if decoded.contains('\0') || decoded.contains('\\') {
        return Answer::BadRequest;
    }
    if !decoded.starts_with('/') {
        return Answer::BadRequest;
    }
    if base != "/" && (decoded == "/" || decoded == base.trim_end_matches('/')) {
        return Answer::Redirect(encode(base));
    }
    let Some(rel) = decoded.strip_prefix(base) else {
        return Answer::NotFound;
    };
    if rel == super::reload::EVENTS_PATH {
        return Answer::Events;
    }
    let rel_path = Path::new(rel);
    if !rel.is_empty()
        && !rel_path
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
    {
        return Answer::NotFound;
    }
    let index = rel_path.join("index.html");
    if rel.is_empty() || rel.ends_with('/') {
        return file(index, &exists);
    }
    if exists(rel_path) {
        return file(rel_path.to_path_buf(), &exists);
    }
    // A folder asked for without its slash: send the browser to it, so links resolve.
    if exists(&index) {
        return Answer::Redirect(encode(&format!("{base}{rel}/")));
    }
    Answer::NotFound
}

/// What a path keeps as it is in a `Location` header: letters, digits, `/` and the
/// unreserved marks. Everything else, non-ASCII and control characters included, is
/// percent-encoded, so the browser decodes it back to the same path.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

fn encode(path: &str) -> String {
    utf8_percent_encode(path, PATH).to_string()
}

fn file(path: PathBuf, exists: &impl Fn(&Path) -> bool) -> Answer {
    if exists(&path) {
        let mime = mime(&path);
        Answer::File { path, mime }
    } else {
        Answer::NotFound
    }
}

/// The Content-Type for a file of the site.
pub fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "bib" => "application/x-bibtex; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> impl Fn(&Path) -> bool {
        let mut f = crate::output::Files::new();
        f.insert("index.html".into(), b"home".to_vec());
        f.insert("articles/a/index.html".into(), b"a".to_vec());
        f.insert("static/style.css".into(), b"css".to_vec());
        move |p| f.contains_key(p)
    }

    #[test]
    fn pages_and_files_under_the_prefix() {
        let f = site();
        assert_eq!(
            route("GET", "/x/", "/x/", &f),
            Answer::File {
                path: "index.html".into(),
                mime: "text/html; charset=utf-8"
            }
        );
        assert_eq!(
            route("HEAD", "/x/static/style.css?v=1", "/x/", &f),
            Answer::File {
                path: "static/style.css".into(),
                mime: "text/css; charset=utf-8"
            }
        );
        assert_eq!(
            route("GET", "/x/articles/a", "/x/", &f),
            Answer::Redirect("/x/articles/a/".into())
        );
        assert_eq!(route("GET", "/", "/x/", &f), Answer::Redirect("/x/".into()));
        assert_eq!(
            route("GET", "/x/__pamphlet/events", "/x/", &f),
            Answer::Events
        );
        assert_eq!(route("GET", "/x/nothing", "/x/", &f), Answer::NotFound);
    }

    #[test]
    fn redirects_to_any_path_are_ascii() {
        let f = |p: &Path| p == Path::new("ünï cödé\r\n%/index.html");
        assert_eq!(
            route("GET", "/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9%0D%0A%25", "/", f),
            Answer::Redirect("/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9%0D%0A%25/".into())
        );
    }

    #[test]
    fn traversal_and_bad_requests_are_refused() {
        let f = site();
        for target in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/articles/%2e%2e/%2e%2e/x",
            "/articles/..%2f..%2fetc",
            "//etc/passwd",
            "/./index.html",
        ] {
            assert_eq!(route("GET", target, "/", &f), Answer::NotFound, "{target}");
        }
        assert_eq!(route("GET", "/a%00b", "/", &f), Answer::BadRequest);
        assert_eq!(route("GET", "/a%5c..%5cb", "/", &f), Answer::BadRequest);
        assert_eq!(route("GET", "/%ff", "/", &f), Answer::BadRequest);
        assert_eq!(route("POST", "/", "/", &f), Answer::MethodNotAllowed);
        assert_eq!(route("DELETE", "/", "/", &f), Answer::MethodNotAllowed);
    }
}
