//! `pamphlet search --topic/--tag/--year` as a person types them: a topic or tag by the
//! name the site shows ("DWP", "Welfare conditionality") or by its slug, in any case. The
//! index holds slugs, and a filter nothing matches is an error that lists what there is,
//! never "0 results" (issue 19).

use super::query::{Fetch, Filters, SearchError, Searcher};
use super::shard::FacetValue;
use crate::error::Diagnostic;

/// Listed in full up to this many; past it, the closest to what was typed.
const LISTED: usize = 30;

/// The filters with each named value replaced by the index's slug for it, or the error
/// for each that names nothing.
pub fn resolve<F: Fetch>(
    searcher: &mut Searcher<F>,
    typed: &Filters,
) -> Result<Result<Filters, Vec<Diagnostic>>, SearchError> {
    let mut problems = Vec::new();
    let mut pick = |kind: &str, typed: &Option<String>, values: &[FacetValue]| {
        let typed = typed.as_deref()?;
        let found = find(typed, values);
        if found.is_none() {
            problems.push(unknown(kind, typed, values));
        }
        found
    };
    let (topics, years) = searcher.facet_values()?;
    let topic = pick("topic", &typed.topic, topics);
    let year = pick("year", &typed.year, years);
    let tag = match typed.tag {
        Some(_) => pick("tag", &typed.tag, searcher.tag_values()?),
        None => None,
    };
    Ok(if problems.is_empty() {
        Ok(Filters {
            topic,
            tag,
            year,
            ..typed.clone()
        })
    } else {
        Err(problems)
    })
}

fn find(typed: &str, values: &[FacetValue]) -> Option<String> {
    let typed = typed.trim();
    let slug = crate::slug::slugify(typed);
    values
        .iter()
        .find(|v| {
            v.value.eq_ignore_ascii_case(typed)
                || v.label.to_lowercase() == typed.to_lowercase()
                || v.value == slug
        })
        .map(|v| v.value.clone())
}

fn unknown(kind: &str, typed: &str, values: &[FacetValue]) -> Diagnostic {
    let mut shown: Vec<&FacetValue> = values.iter().collect();
    let lower = typed.to_lowercase();
    if shown.len() > LISTED {
        let closeness = |v: &FacetValue| strsim::jaro_winkler(&lower, &v.label.to_lowercase());
        shown.sort_by(|a, b| closeness(b).total_cmp(&closeness(a)));
        shown.truncate(LISTED);
    }
    let names: Vec<String> = shown
        .iter()
        .map(|v| {
            if v.label == v.value {
                v.label.clone()
            } else {
                format!("{} ({})", v.label, v.value)
            }
        })
        .collect();
    let more = values.len() - shown.len();
    let help = match (names.is_empty(), more) {
        (true, _) => format!("no article of the index has a {kind}"),
        (false, 0) => format!("use one of: {}", names.join(", ")),
        (false, _) => format!(
            "the closest are: {}; {}",
            names.join(", "),
            crate::plural::count(more, &format!("more {kind}"))
        ),
    };
    Diagnostic::error("query", format!("no {kind} `{typed}` in the search index")).help(help)
}
