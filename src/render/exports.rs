//! The archive as data: /archive.json, /archive.csv and a Frictionless datapackage.json
//! describing both, so researchers can load it and campaigners can open it in a
//! spreadsheet. The schema is documented in docs/exports.md; `version` changes when it does.

use serde::Serialize;
use serde_json::json;

use super::context::{Urls, Views};
use crate::config::Config;
use crate::output::Files;
use crate::site::Site;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Record<'a> {
    slug: &'a str,
    url: String,
    title: &'a str,
    date: Option<String>,
    author: Option<&'a str>,
    publisher: Option<&'a str>,
    source: Option<&'a str>,
    topics: &'a [String],
    tags: &'a [String],
    summary: &'a str,
    word_count: usize,
    comments: usize,
    seed: Option<&'a str>,
    seed_sha256: Option<&'a str>,
    collected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    responses: Option<Vec<&'a str>>,
}

/// The three export files.
pub fn exports(site: &Site, views: &Views, config: &Config) -> Files {
    let urls = &views.urls;
    let with_responses = config.exports.include_responses;
    let records: Vec<Record<'_>> = site
        .pages
        .iter()
        .map(|p| Record {
            slug: &p.slug,
            url: urls.full(&Urls::article(&p.slug)),
            title: &p.title,
            date: p.date.map(|d| d.to_string()),
            author: p.author.as_deref(),
            publisher: p.publisher.as_deref(),
            source: p.source.as_deref(),
            topics: &p.topics,
            tags: &p.tags,
            summary: &p.summary,
            word_count: p.word_count,
            comments: p.responses.len(),
            seed: p.seed.as_deref(),
            seed_sha256: p.seed_sha256.as_deref(),
            collected: p.collected.map(|d| d.to_string()),
            responses: with_responses
                .then(|| p.responses.iter().map(|r| r.markdown.as_str()).collect()),
        })
        .collect();
    let json = json!({
        "version": SCHEMA_VERSION,
        "title": config.book.title,
        "url": urls.full(""),
        "articles": records,
    });
    let mut files = Files::new();
    files.insert(
        "archive.json".into(),
        (serde_json::to_string_pretty(&json).unwrap_or_default() + "\n").into_bytes(),
    );
    files.insert("archive.csv".into(), csv(&records).into_bytes());
    files.insert(
        "datapackage.json".into(),
        datapackage(config, urls, with_responses).into_bytes(),
    );
    files
}

const COLUMNS: [&str; 15] = [
    "slug",
    "url",
    "title",
    "date",
    "author",
    "publisher",
    "source",
    "topics",
    "tags",
    "summary",
    "word_count",
    "comments",
    "seed",
    "seed_sha256",
    "collected",
];

/// RFC 4180 CSV; list fields joined with "; ".
fn csv(records: &[Record<'_>]) -> String {
    let mut out = String::new();
    let mut header: Vec<&str> = COLUMNS.to_vec();
    let with_responses = records.first().is_some_and(|r| r.responses.is_some());
    if with_responses {
        header.push("responses");
    }
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for r in records {
        let mut cells = vec![
            r.slug.to_string(),
            r.url.clone(),
            r.title.to_string(),
            r.date.clone().unwrap_or_default(),
            r.author.unwrap_or("").to_string(),
            r.publisher.unwrap_or("").to_string(),
            r.source.unwrap_or("").to_string(),
            r.topics.join("; "),
            r.tags.join("; "),
            r.summary.to_string(),
            r.word_count.to_string(),
            r.comments.to_string(),
            r.seed.unwrap_or("").to_string(),
            r.seed_sha256.unwrap_or("").to_string(),
            r.collected.clone().unwrap_or_default(),
        ];
        if let Some(responses) = &r.responses {
            cells.push(responses.join("\n\n---\n\n"));
        }
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One RFC 4180 field. A value a spreadsheet would run as a formula (it starts with `=`,
/// `+`, `-`, `@`, a tab or a CR: titles and tags come from pull requests) gets a leading
/// `'`, as OWASP advises against CSV injection; docs/exports.md says so. archive.json
/// keeps every value as written.
///
/// Control characters (a hand-written body can hold them) are dropped, as the XML
/// writers drop them: spreadsheets show them as garbage, or stop reading.
fn cell(value: &str) -> String {
    let cleaned: String;
    let value = if value
        .chars()
        .any(crate::content::front_matter::is_forbidden)
    {
        cleaned = value
            .chars()
            .filter(|c| !crate::content::front_matter::is_forbidden(*c))
            .collect();
        cleaned.as_str()
    } else {
        value
    };
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// A Frictionless Data Package: both files, with the CSV's table schema.
fn datapackage(config: &Config, urls: &Urls, with_responses: bool) -> String {
    let string = |name: &str, description: &str| json!({ "name": name, "type": "string", "description": description });
    let mut fields = vec![
        json!({ "name": "slug", "type": "string", "description": "The article's address within the archive", "constraints": { "required": true, "unique": true } }),
        // A URI only when the site's address is known; otherwise a path within the site.
        if urls.absolute.is_empty() {
            json!({ "name": "url", "type": "string", "description": "The article's path within the archive" })
        } else {
            json!({ "name": "url", "type": "string", "format": "uri", "description": "The article in the archive" })
        },
        json!({ "name": "title", "type": "string", "constraints": { "required": true } }),
        string(
            "date",
            "Publication date: YYYY-MM-DD, YYYY-MM or YYYY; empty when unknown",
        ),
        string("author", "Author, when known"),
        string("publisher", "Publisher or outlet, when known"),
        string(
            "source",
            "Where the text was collected from: a URL or a citation",
        ),
        string(
            "topics",
            "Topic slugs from the archive's taxonomy, separated by \"; \"",
        ),
        string("tags", "Tags, separated by \"; \""),
        string("summary", "One or two sentences from the article"),
        json!({ "name": "word_count", "type": "integer", "description": "Words in the article, without reader responses" }),
        json!({ "name": "comments", "type": "integer", "description": "Reader responses kept with the article" }),
        string(
            "seed",
            "File name of the collected original, empty for contributed articles",
        ),
        string("seed_sha256", "SHA-256 of the collected original"),
        string("collected", "When the text was collected, when recorded"),
    ];
    if with_responses {
        fields.push(string(
            "responses",
            "Reader responses in Markdown, separated by a line ---",
        ));
    }
    let package = json!({
        "name": crate::slug::slugify(&config.book.title),
        "title": config.book.title,
        "description": config.book.description,
        "homepage": urls.full(""),
        "version": format!("{SCHEMA_VERSION}.0.0"),
        "resources": [
            {
                "name": "archive-csv",
                "path": "archive.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "description": "One row per article. A value that starts with =, +, -, @, a tab or a carriage return is written with a leading ' so that spreadsheets do not run it as a formula; archive.json has the values as written",
                "schema": { "fields": fields, "primaryKey": "slug" }
            },
            {
                "name": "archive-json",
                "path": "archive.json",
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
                "description": "The same records as archive.csv, with lists as JSON arrays, under \"articles\"; see docs/exports.md"
            }
        ]
    });
    serde_json::to_string_pretty(&package).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_hold_no_control_characters_and_run_no_formula() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("\u{1}=cmd"), "'=cmd");
        assert_eq!(cell("a\u{1b}b\u{fffe}"), "ab");
        assert_eq!(cell("line\r\nnext"), "\"line\nnext\"");
        assert_eq!(cell("\tx"), "'\tx");
    }
}
