//! Issue #15, items 2, 3, 10 and 11: hostile content must not publish a script, a
//! spreadsheet formula or an ill-formed feed. The output is checked the way a browser, a
//! feed reader and a spreadsheet read it: every file of the built site is parsed (HTML
//! with html5ever, XML with quick-xml, JSON with serde_json, CSV by RFC 4180), never
//! grepped.

mod util;

use std::path::Path;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use serde_json::Value;
use util::Site;

/// Every way into a page we know of, one article each, so that no vector is sanitised
/// only because another one shares its page: raw HTML in a paragraph and in a block, each
/// form of a script URL in Markdown, images, heading attributes, hostile front matter, and
/// a reader response carrying the same.
const HOSTILE: &[(&str, &str)] = &[
    (
        "inline",
        "text <img src=x onerror=alert(1)> and <script>alert(2)</script> in a paragraph, which is long.\n",
    ),
    (
        "block",
        r#"<script>alert(3)</script>

<div onclick="alert(1)"><a href="javascript:alert(1)">raw</a><iframe src="javascript:alert(1)"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe><form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form><svg><a xlink:href="javascript:alert(1)"><text>x</text></a><script>alert(1)</script></svg><object data="javascript:alert(1)"></object><embed src="javascript:alert(1)"><math><a href="javascript:alert(1)">m</a></math><a href=" &#x20;JaVa&#x09;ScRiPt:alert(1)">entities</a></div>
"#,
    ),
    (
        "links",
        r#"[plain](javascript:alert(1)) [mixed](JaVaScRiPt:alert(1)) [ref][r] <javascript:alert(1)>
[entity](&#106;avascript:alert(1)) [hex](&#x6A;avascript:alert(1)) [vb](vbscript:msgbox(1))
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [tab](java&#9;script:alert(1))
[newline](java&#10;script:alert(1)) [space](<java script:alert(1)>) [fine](https://example.org/)

[r]: javascript:alert(1)
"#,
    ),
    (
        "images",
        "![img](javascript:alert(1)) ![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) ![ref][r]\n\n[r]: JAVASCRIPT:alert(1)\n",
    ),
    (
        "heading",
        "# Heading {tabindex=0 autofocus onfocus=alert(1) .kept}\n\nText.\n",
    ),
    (
        "response",
        "An article.\n\n## Reader responses\n\n### Response 1 — <img src=x onerror=alert(12)>\n\n[r](javascript:alert(14)) and [data](data:text/html,<script>alert(16)</script>)\n\n### Response 2\n\n<img src=x onerror=alert(15)>\n",
    ),
    (
        "front-matter",
        "A body.\n",
    ),
];

/// Hostile front matter, on the article of that name.
const HOSTILE_FRONT: &str = r#"title: "Hostile </title><script>alert(5)</script>"
author: "<img src=x onerror=alert(6)>"
publisher: "javascript:alert(7)"
source: "https://example.org/\" onmouseover=\"alert(1)"
summary: "\"><script>alert(8)</script> a summary"
tags:
- "<svg onload=alert(10)>"
- "javascript:alert(11)"
"#;

/// The site's own scripts: files in its static folder, and the one inline script of the
/// default theme's base.html (read from the theme, so a theme change needs no edit here).
fn theme_inline_scripts() -> Vec<String> {
    let base = std::fs::read_to_string(util::repo().join("themes/default/templates/base.html"))
        .expect("base.html");
    base.split("<script>")
        .skip(1)
        .filter_map(|s| s.split("</script>").next())
        .map(|s| s.trim().to_string())
        .collect()
}

/// A URL a browser would run or render as a document of the attacker's: after entity
/// decoding (the parser's), leading and trailing spaces and controls trimmed, tabs and
/// newlines removed anywhere (as the URL parser does), case ignored.
fn dangerous(url: &str) -> bool {
    let squeezed: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| squeezed.starts_with(s))
}

/// The theme's citation downloads are `data:` URLs of non-executable types, saved as files.
fn allowed_data_download(url: &str, attrs: &[(String, String)]) -> bool {
    let has_download = attrs.iter().any(|(n, _)| n == "download");
    let media = url.trim().trim_start_matches("data:");
    has_download
        && [
            "application/x-bibtex;",
            "application/vnd.citationstyles.csl+json;",
        ]
        .iter()
        .any(|m| media.starts_with(m))
}

const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "cite",
    "background",
    "data",
    "codebase",
    "srcset",
];

struct Audit {
    trusted: bool,
    inline_scripts: Vec<String>,
    problems: Vec<String>,
}

impl Audit {
    fn html(&mut self, file: &str, text: &str) {
        let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(text);
        self.node(file, &dom.document);
    }

    fn node(&mut self, file: &str, node: &Handle) {
        if let NodeData::Element {
            name,
            attrs,
            template_contents,
            ..
        } = &node.data
        {
            let tag = name.local.to_string();
            let attrs: Vec<(String, String)> = attrs
                .borrow()
                .iter()
                .map(|a| (a.name.local.to_string(), a.value.to_string()))
                .collect();
            let mut bad = |what: String| self.problems.push(format!("{file}: <{tag}> {what}"));
            for (name, value) in &attrs {
                if name.to_ascii_lowercase().starts_with("on") {
                    bad(format!("has the handler {name}={value:?}"));
                }
                if name == "srcdoc" {
                    bad(format!("has srcdoc={value:?}"));
                }
                if URL_ATTRIBUTES.contains(&name.as_str())
                    && value.split(',').any(dangerous)
                    && !allowed_data_download(value, &attrs)
                {
                    bad(format!("has {name}={value:?}"));
                }
            }
            match tag.as_str() {
                "script" => {
                    let text = text_of(node);
                    let src = attrs.iter().find(|(n, _)| n == "src").map(|(_, v)| v);
                    let kind = attrs.iter().find(|(n, _)| n == "type").map(|(_, v)| v);
                    let theirs = match (src, kind) {
                        (Some(src), _) => !src.starts_with("/static/"),
                        (None, Some(kind)) if kind == "application/ld+json" => {
                            match serde_json::from_str::<Value>(&text) {
                                Ok(json) => {
                                    let mut urls = Vec::new();
                                    json_urls(&json, "", &mut urls);
                                    urls.iter().any(|s| dangerous(s))
                                }
                                Err(_) => true,
                            }
                        }
                        _ => !self.inline_scripts.contains(&text.trim().to_string()),
                    };
                    if theirs {
                        bad(format!(
                            "is not one of the theme's scripts: {attrs:?} {text:?}"
                        ));
                    }
                }
                "object" | "embed" | "base" | "frame" | "frameset" | "applet" => {
                    bad("comes from content".into())
                }
                "iframe" if !self.trusted => bad("comes from content".into()),
                // The theme's search box is the one form.
                "form" if !attrs.iter().any(|(n, v)| n == "action" && v == "/search/") => {
                    bad(format!("is not the search form: {attrs:?}"))
                }
                _ => {}
            }
            if let Some(contents) = template_contents.borrow().as_ref() {
                self.node(file, contents);
            }
        }
        for child in node.children.borrow().iter() {
            self.node(file, child);
        }
    }

    /// Well-formed XML 1.0 (every character a `Char`), links checked, and any text that
    /// holds markup (an entry's HTML content) parsed as HTML in its turn.
    fn xml(&mut self, file: &str, text: &str) {
        if let Some(c) = text.chars().find(|&c| !xml_char(c)) {
            self.problems
                .push(format!("{file}: U+{:04X} is not allowed in XML", c as u32));
        }
        let mut reader = quick_xml::Reader::from_str(text);
        // Whether each open element holds HTML: Atom's `type="html"` (or "xhtml"); its
        // text constructs are plain text by default, as feed readers show them.
        let mut html = vec![false];
        loop {
            let (element, opens) = match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(quick_xml::events::Event::Start(e)) => (e, true),
                Ok(quick_xml::events::Event::Empty(e)) => (e, false),
                Ok(quick_xml::events::Event::End(_)) => {
                    html.pop();
                    continue;
                }
                Ok(quick_xml::events::Event::Text(t)) => {
                    let t = t.unescape().expect("text").into_owned();
                    if html.last() == Some(&true) {
                        self.html(&format!("{file} (embedded HTML)"), &t);
                    }
                    continue;
                }
                Ok(quick_xml::events::Event::CData(c)) => {
                    let t = String::from_utf8_lossy(&c).into_owned();
                    self.html(&format!("{file} (embedded HTML)"), &t);
                    continue;
                }
                Ok(_) => continue,
                Err(e) => {
                    self.problems
                        .push(format!("{file}: not well-formed XML: {e}"));
                    break;
                }
            };
            if opens {
                let kind = element.try_get_attribute("type").ok().flatten();
                html.push(
                    kind.is_some_and(|k| {
                        k.value.as_ref() == b"html" || k.value.as_ref() == b"xhtml"
                    }),
                );
            }
            for a in element.attributes() {
                let a = a.unwrap_or_else(|e| panic!("{file}: bad attribute: {e}"));
                let value = a.unescape_value().expect("attribute").into_owned();
                let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                if key.contains("href") && dangerous(&value) {
                    self.problems.push(format!("{file}: {key}={value:?}"));
                }
            }
        }
    }

    fn json(&mut self, file: &str, text: &str) {
        let json: Value = match serde_json::from_str(text) {
            Ok(json) => json,
            Err(e) => return self.problems.push(format!("{file}: not JSON: {e}")),
        };
        let mut urls = Vec::new();
        json_urls(&json, "", &mut urls);
        for s in urls.into_iter().filter(|s| dangerous(s)) {
            self.problems.push(format!("{file}: the value {s:?}"));
        }
    }

    /// A search result's fragment: its URL is the one field the search page makes a link.
    fn fragment(&mut self, file: &str, bytes: &[u8]) {
        let fragment = pamphlet::search::shard::gunzip(bytes)
            .ok()
            .and_then(|b| pamphlet::search::shard::Fragment::decode(&b).ok());
        match fragment {
            Some(f) if f.url.starts_with("articles/") && !dangerous(&f.url) => {}
            other => self.problems.push(format!("{file}: {other:?}")),
        }
    }

    fn site(&mut self, public: &Path) -> usize {
        let mut checked = 0;
        for rel in util::files(public) {
            let path = public.join(&rel);
            let bytes = std::fs::read(&path).expect("read");
            let text = || String::from_utf8(bytes.clone()).expect("UTF-8");
            match Path::new(&rel).extension().and_then(|e| e.to_str()) {
                Some("html") => self.html(&rel, &text()),
                Some("xml") => self.xml(&rel, &text()),
                Some("json") => self.json(&rel, &text()),
                Some("csv") => {
                    let rows = parse_csv(&text());
                    let urls: Vec<usize> = rows[0]
                        .iter()
                        .enumerate()
                        .filter(|(_, h)| URL_KEYS.contains(&h.as_str()))
                        .map(|(i, _)| i)
                        .collect();
                    for row in &rows[1..] {
                        for &i in &urls {
                            if dangerous(&row[i]) {
                                self.problems.push(format!("{rel}: the cell {:?}", row[i]));
                            }
                        }
                    }
                }
                Some("bin") if rel.contains("/f/") => self.fragment(&rel, &bytes),
                _ => continue,
            }
            checked += 1;
        }
        checked
    }
}

fn text_of(node: &Handle) -> String {
    let mut out = String::new();
    for child in node.children.borrow().iter() {
        if let NodeData::Text { contents } = &child.data {
            out.push_str(&contents.borrow());
        }
    }
    out
}

/// Keys whose values are addresses in the exports, the search metadata and JSON-LD. (The
/// other values are text: a title "javascript:alert(1)" is a strange title, not a link.)
const URL_KEYS: &[&str] = &[
    "url",
    "URL",
    "homepage",
    "path",
    "source",
    "archive_location",
    "@id",
    "sameAs",
    "image",
    "index",
    "logo",
    "mainEntityOfPage",
];

fn json_urls<'a>(json: &'a Value, key: &str, out: &mut Vec<&'a str>) {
    match json {
        Value::String(s) if URL_KEYS.contains(&key) => out.push(s),
        Value::Array(a) => a.iter().for_each(|v| json_urls(v, key, out)),
        Value::Object(o) => o.iter().for_each(|(k, v)| json_urls(v, k, out)),
        _ => {}
    }
}

/// XML 1.0's `Char` production.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

fn hostile_site(trusted: bool) -> Site {
    let site = Site::new();
    let book = site.read("book.toml");
    let book = book
        .replace("include-responses = false", "include-responses = true")
        .replace(
            "allow-raw-html = false",
            &format!("allow-raw-html = {trusted}"),
        );
    site.write("book.toml", book);
    for (slug, body) in HOSTILE {
        let front = if *slug == "front-matter" {
            HOSTILE_FRONT.to_string()
        } else {
            format!("title: Hostile {slug}\n")
        };
        site.write(
            &format!("content/{slug}.md"),
            format!("---\n{front}---\n{body}"),
        );
    }
    site.write(
        "content/fine.md",
        "---\ntitle: A fine article\nsource: HTTPS://EXAMPLE.ORG/story\n---\nA plain article with a [link](https://example.org/) and enough words to be a summary.\n",
    );
    site
}

fn audit(trusted: bool) {
    let site = hostile_site(trusted);
    site.cmd().arg("build").assert().success();
    let mut audit = Audit {
        trusted,
        inline_scripts: theme_inline_scripts(),
        problems: Vec::new(),
    };
    let checked = audit.site(&site.path().join("public"));
    assert!(checked > 10, "only {checked} files checked");
    assert!(
        audit.problems.is_empty(),
        "allow-raw-html = {trusted}: {} problems:\n{}",
        audit.problems.len(),
        audit.problems.join("\n")
    );
    // What must stay: the heading's id and class, safe links, the text around the HTML.
    let attributes = |slug: &str| {
        let page = site.read(&format!("public/articles/{slug}/index.html"));
        let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(page);
        let mut found = Vec::new();
        collect(&dom.document, &mut found);
        found
    };
    let has = |slug: &str, tag: &str, name: &str, value: &str| {
        let found = attributes(slug);
        let wanted = (tag.to_string(), name.to_string(), value.to_string());
        assert!(found.contains(&wanted), "{slug}: {wanted:?} in {found:?}");
    };
    has("heading", "h2", "class", "kept");
    has("heading", "h2", "id", "heading");
    has("links", "a", "href", "https://example.org/");
    // A source that is a web address is a link; the hostile one stays inside its quotes.
    has("fine", "a", "href", "HTTPS://EXAMPLE.ORG/story");
    has(
        "front-matter",
        "a",
        "href",
        "https://example.org/\" onmouseover=\"alert(1)",
    );
    assert!(site
        .read("public/articles/inline/index.html")
        .contains("in a paragraph, which is long."));
}

fn collect(node: &Handle, out: &mut Vec<(String, String, String)>) {
    if let NodeData::Element { name, attrs, .. } = &node.data {
        for a in attrs.borrow().iter() {
            out.push((
                name.local.to_string(),
                a.name.local.to_string(),
                a.value.to_string(),
            ));
        }
    }
    for child in node.children.borrow().iter() {
        collect(child, out);
    }
}

// See issue #15, items 2 and 3.
#[test]
fn no_hostile_content_publishes_a_script_anywhere() {
    audit(false);
}

// See issue #15, items 2 and 3: trusting authors with markup is not trusting them with
// scripts.
#[test]
fn trusted_raw_html_still_publishes_no_script() {
    audit(true);
}

/// `check --format json`'s diagnostics as (file, line, column, message + help).
fn check_json(site: &Site) -> Vec<(String, u64, u64, String, String)> {
    let out = site
        .cmd()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).expect("check --format json");
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["severity"].as_str().unwrap_or("").to_string(),
                format!(
                    "{} {}",
                    d["message"].as_str().unwrap_or(""),
                    d["help"].as_str().unwrap_or("")
                ),
            )
        })
        .collect()
}

// See issue #15, item 3: a script address as the source must not pass `check`.
#[test]
fn check_refuses_a_script_source_and_warns_on_other_schemes() {
    let site = Site::new();
    site.write(
        "content/js.md",
        "---\ntitle: x\nsource: javascript:alert(1)\n---\nBody.\n",
    );
    site.write(
        "content/spaced.md",
        "---\ntitle: x\nsource: \" JaVa\\tScript:alert(1)\"\n---\nBody.\n",
    );
    site.write(
        "content/ftp.md",
        "---\ntitle: x\nsource: ftp://example.org/file\n---\nBody.\n",
    );
    site.write(
        "content/citation.md",
        "---\ntitle: x\nsource: 'The Guardian: 3 March 2019'\n---\nBody.\n",
    );
    let found = check_json(&site);
    let has = |file: &str, line, col, severity: &str, words: &str| {
        found.iter().any(|(f, l, c, s, text)| {
            f == file && *l == line && *c == col && s == severity && text.contains(words)
        })
    };
    assert!(
        has("content/js.md", 3, 9, "error", "script or data address"),
        "{found:?}"
    );
    assert!(has("content/js.md", 3, 9, "error", "https://"), "{found:?}");
    assert!(
        // The value as parsed is not the text as written: the key is the place.
        has("content/spaced.md", 3, 1, "error", "script or data address"),
        "{found:?}"
    );
    assert!(
        has("content/ftp.md", 3, 9, "warning", "not a web address"),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(f, ..)| f == "content/citation.md"),
        "{found:?}"
    );
    site.cmd().arg("check").assert().code(1);
    site.cmd().arg("build").assert().code(1);
}

// See issue #15, item 3: book.toml comes in pull requests too, and these two addresses
// are links on every page.
#[test]
fn check_refuses_script_addresses_in_book_toml() {
    let site = Site::new();
    let book = site
        .read("book.toml")
        .replace(
            "git-repository-url = \"\"",
            "git-repository-url = \"javascript:alert(1)\"",
        )
        .replace(
            "edit-url-template = \"\"",
            "edit-url-template = \" data:text/html,x{path}\"",
        );
    site.write("book.toml", book);
    site.write("content/a.md", "---\ntitle: A\n---\nBody.\n");
    // A book.toml error stops every command before content is read (exit 2).
    let out = site.cmd().arg("check").assert().code(2);
    let human = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    for (at, words) in [
        (
            "book.toml:22:1",
            "git-repository-url `javascript:alert(1)` is not a web address",
        ),
        (
            "book.toml:25:1",
            "edit-url-template ` data:text/html,x{path}` is not a web address",
        ),
    ] {
        assert!(
            human.contains(at) && human.contains(words),
            "{at} {words}: {human}"
        );
    }
    assert!(
        human.contains("write an address starting with https://"),
        "{human}"
    );
    site.cmd().arg("build").assert().code(2);
}

// See issue #15, item 10.
#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_prefixed() {
    let site = Site::new();
    site.write(
        "content/formula.md",
        "---\ntitle: \"=HYPERLINK(\\\"https://evil.example/\\\",\\\"click\\\")\"\nauthor: \"+cmd|' /C calc'!A0\"\npublisher: \"@SUM(1+1)\"\nsource: \"-2+3\"\ntags:\n- \"=1+1\"\n- \"\\tTabbed\"\nsummary: \"=cmd\"\n---\nBody.\n",
    );
    site.write(
        "content/plain.md",
        "---\ntitle: A plain title - with a dash\nauthor: Jo\n---\nBody.\n",
    );
    site.cmd().arg("build").assert().success();
    let rows = parse_csv(&site.read("public/archive.csv"));
    let header = &rows[0];
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let formula = rows
        .iter()
        .find(|r| r[column("slug")] == "formula")
        .expect("the formula row");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?} in {row:?}"
            );
        }
    }
    assert_eq!(
        formula[column("title")],
        "'=HYPERLINK(\"https://evil.example/\",\"click\")"
    );
    assert_eq!(formula[column("author")], "'+cmd|' /C calc'!A0");
    assert_eq!(formula[column("publisher")], "'@SUM(1+1)");
    assert_eq!(formula[column("source")], "'-2+3");
    assert_eq!(formula[column("summary")], "'=cmd");
    let plain = rows.iter().find(|r| r[column("slug")] == "plain").unwrap();
    assert_eq!(plain[column("title")], "A plain title - with a dash");
    // The JSON export keeps the values as written.
    let json: Value = serde_json::from_str(&site.read("public/archive.json")).unwrap();
    let titles: Vec<&str> = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(titles.contains(&"=HYPERLINK(\"https://evil.example/\",\"click\")"));
    let package = site.read("public/datapackage.json");
    assert!(package.contains("spreadsheets do not run it as a formula"));
}

// See issue #15, item 11.
#[test]
fn control_characters_in_front_matter_are_refused_where_they_are() {
    let site = Site::new();
    site.write(
        "content/escape.md",
        "---\ntitle: Fine\nauthor: \"Jo \\e[31mRed\"\n---\nBody.\n",
    );
    site.write(
        "content/typed.md",
        "---\ntitle: Fine\ntags:\n- ok\n- \"a\u{1}b\"\n---\nBody.\n",
    );
    site.write("content/nul.md", "---\ntitle: \"x\\0y\"\n---\nBody.\n");
    site.write(
        "content/c1.md",
        "---\ntitle: Fine\nsummary: \"a \\x9b b\"\n---\nBody.\n",
    );
    let found = check_json(&site);
    for (file, line, col, words) in [
        ("content/escape.md", 3, 13, "U+001B, written `\\e`"),
        ("content/typed.md", 5, 5, "U+0001"),
        ("content/nul.md", 2, 10, "U+0000, written `\\0`"),
        ("content/c1.md", 3, 13, "U+009B, written `\\x9b`"),
    ] {
        assert!(
            found.iter().any(|(f, l, c, s, text)| f == file
                && *l == line
                && *c == col
                && s == "error"
                && text.contains(words)
                && text.contains("delete it")),
            "{file}:{line}:{col} {words}: {found:?}"
        );
    }
    let human = site.cmd().arg("check").assert().code(1);
    let human = String::from_utf8_lossy(&human.get_output().stderr).into_owned();
    assert!(human.contains("content/escape.md:3:13"), "{human}");
    site.cmd().arg("build").assert().code(1);
}

// See issue #15, item 11: a body may hold control characters (they are not front matter),
// and the summary drawn from it goes into the feeds; they must still be well-formed.
#[test]
fn control_characters_in_a_body_never_reach_the_xml() {
    let site = Site::new();
    site.write(
        "content/noisy.md",
        "---\ntitle: Noisy\ntopics:\n- privatisation\n---\nA first paragraph with \u{1}control\u{1b}[0m characters \u{0}and\u{8} more \u{fffe}words \u{ffff}in it.\n",
    );
    site.cmd().arg("build").assert().success();
    let public = site.path().join("public");
    let mut audit = Audit {
        trusted: false,
        inline_scripts: Vec::new(),
        problems: Vec::new(),
    };
    let mut feeds = 0;
    for rel in util::files(&public) {
        if rel.ends_with(".xml") {
            audit.xml(&rel, &std::fs::read_to_string(public.join(&rel)).unwrap());
            feeds += 1;
        }
    }
    assert!(feeds >= 3, "feed.xml, a topic feed, sitemap.xml: {feeds}");
    assert!(audit.problems.is_empty(), "{}", audit.problems.join("\n"));
    let feed = site.read("public/feed.xml");
    assert!(
        feed.contains("A first paragraph with control[0m characters and more words in it."),
        "{feed}"
    );
}
