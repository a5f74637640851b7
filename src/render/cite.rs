//! How to cite an article of the archive: a plain-text citation (APA-like), BibTeX and
//! CSL-JSON. The access date is the reader's to fill: output never holds the clock.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::json;

use crate::site::Page;

/// "Author. (2019, July 16). Title. Publisher. Archived in Site: URL". With neither
/// author nor publisher, the title leads, as APA has it.
pub fn text(page: &Page, site_title: &str, url: &str) -> String {
    let who = page.author.as_deref().or(page.publisher.as_deref());
    let when = match page.date {
        Some(d) => match (d.month, d.day) {
            (Some(_), Some(day)) => {
                let long = d.long();
                let month = long.split(' ').nth(1).unwrap_or("");
                format!("{}, {month} {day}", d.year)
            }
            (Some(_), None) => d.long().split(' ').rev().collect::<Vec<_>>().join(", "),
            _ => d.year.to_string(),
        },
        None => "n.d.".to_string(),
    };
    let title = page.title.trim_end_matches('.');
    let mut out = match who {
        Some(who) => format!("{}. ({when}). {title}.", who.trim_end_matches('.')),
        None => format!("{title}. ({when})."),
    };
    if let Some(p) = page.publisher.as_deref().filter(|p| Some(*p) != who) {
        out.push_str(&format!(" {p}."));
    }
    out.push_str(&format!(" Archived in {site_title}: {url}"));
    out
}

/// What a `data:` URL in an HTML attribute must escape: what a URL may not hold (controls,
/// space, quotes, `<>`, `#`, `%` and the like), and also `&`, `'` and `/`, which the
/// templates' HTML escaping would otherwise turn into five- and six-byte entities. Letters,
/// digits and the rest of the punctuation stay as they are: escaping every one, as
/// NON_ALPHANUMERIC does, made each article page over half a kilobyte heavier.
const DATA_URL: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'\'')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b'[')
    .add(b']');

/// A `data:` URL holding `text`, for a download link that needs no file of its own: two
/// citation files per article would be most of a big archive's files, and creating small
/// files is what a build spends its time on.
pub fn data_url(media_type: &str, text: &str) -> String {
    let encoded = utf8_percent_encode(text, DATA_URL);
    format!("data:{media_type};charset=utf-8,{encoded}")
}

/// A BibTeX `@online` entry.
pub fn bibtex(page: &Page, site_title: &str, url: &str) -> String {
    let mut fields: Vec<(&str, String)> = vec![("title", page.title.clone())];
    if let Some(a) = &page.author {
        fields.push(("author", a.clone()));
    }
    if let Some(p) = &page.publisher {
        fields.push(("organization", p.clone()));
    }
    if let Some(d) = page.date {
        fields.push(("date", d.to_string()));
    }
    fields.push(("url", url.to_string()));
    if let Some(s) = page.source_url() {
        fields.push(("note", format!("Originally published at {s}")));
    }
    fields.push(("howpublished", format!("Archived in {site_title}")));
    let key = page.slug.replace('-', "_");
    let mut out = format!("@online{{{key},\n");
    for (name, value) in fields {
        out.push_str(&format!("  {name} = {{{}}},\n", bib_escape(&value)));
    }
    out.push_str("}\n");
    out
}

/// Braces balanced and TeX's specials escaped, so any title is a valid field.
fn bib_escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '{' | '}' | '\\' => {}
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A CSL-JSON item (as reference managers import it), in an array; compact, since it
/// rides inside every article page.
pub fn csl_json(page: &Page, site_title: &str, url: &str) -> String {
    let mut item = json!({
        "id": page.slug,
        "type": if page.publisher.is_some() { "article-newspaper" } else { "webpage" },
        "title": page.title,
        "URL": url,
        "archive": site_title,
    });
    if let Some(a) = &page.author {
        item["author"] = json!([{ "literal": a }]);
    }
    if let Some(p) = &page.publisher {
        item["container-title"] = json!(p);
    }
    if let Some(d) = page.date {
        let mut parts = vec![d.year];
        parts.extend(d.month.map(i32::from));
        parts.extend(d.day.map(i32::from));
        item["issued"] = json!({ "date-parts": [parts] });
    }
    if let Some(s) = page.source_url() {
        item["archive_location"] = json!(s);
    }
    serde_json::to_string(&json!([item])).unwrap_or_default() + "\n"
}
