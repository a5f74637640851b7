//! How to cite an article of the archive: the plain-text citation (APA-like). The access
//! date is the reader's to fill: output never holds the clock. The BibTeX and CSL-JSON
//! downloads are built in the reader's browser by `static/archive.js`, from the page's
//! citation metadata (render/metadata.rs), so they cost each page no bytes of its own.

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
