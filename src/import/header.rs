//! The top of a pasted page: masthead and navigation, the headline (chosen by
//! [`super::headline`]), and the byline, dateline, author's name and role or standfirst
//! around it.

use super::dates::{find_date, FoundDate};
use super::headline::{is_caption_copy, later_copy, leading_date, split_site_suffix};
use super::lines::{ends_sentence, is_name, is_prose, name_before_role, word_count, Kind, Line};
use super::parts::{push_body, Parts};
use super::rules::{is_breadcrumb, EndKind, Marker, Rules};
use super::thread::name_with_time;

/// At most how many lines apart two paragraphs of one run of running text stand.
const RUN_GAP: usize = 8;

/// Finds the headline and what stands around it; returns where the article begins.
pub(super) fn header(lines: &[Line], rules: &Rules, parts: &mut Parts) -> usize {
    let first_text = lines.iter().position(|l| l.kind == Kind::Text);
    // The first line of text may be a headline that ends like a sentence ("…, or not?").
    let first_text_may_be_headline = first_text
        .is_some_and(|i| word_count(&lines[i].text) <= 20 && !lines[i].text.ends_with('.'));
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|&(i, l)| {
            l.kind == Kind::Text
                && is_article_start(&l.text, rules)
                && !(first_text_may_be_headline && Some(i) == first_text)
                && !is_caption_copy(i, lines)
        })
        .map(|(i, _)| i)
        .collect();
    // The article's running text is a run of paragraphs: a lone sentence far above the
    // next one ("Your weather is set to…", a teaser) is the page's, not the article's,
    // unless a byline or dateline stands just above it or a list (ingredients, steps)
    // follows it.
    let first_prose = starts
        .windows(2)
        .find(|w| w[1] - w[0] <= RUN_GAP || opens_article(w[0], w[1], lines))
        .map(|w| w[0])
        .or_else(|| starts.first().copied())
        .unwrap_or(lines.len());
    // A rule ("---", "***") is never a headline.
    let candidates: Vec<usize> = (0..first_prose)
        .filter(|&i| lines[i].kind == Kind::Text && lines[i].text.chars().any(char::is_alphabetic))
        .collect();
    // With no running text found (a page in Japanese, a page of short lines) there is no
    // article to be near: position counts from the top only.
    let ranked = super::title_model::rank(&candidates, first_prose, lines, rules);
    let headline_at = ranked
        .first()
        .map(|c| later_copy(c.line, &candidates, lines));
    parts.title_candidates = ranked;
    let Some(h) = headline_at else {
        for line in &lines[..first_prose] {
            take_meta(line, parts, "before the article");
        }
        return first_prose;
    };
    let (headline, site) = split_site_suffix(&lines[h].text);
    parts.headline = Some(headline.clone());
    if let Some((found, _)) = leading_date(&lines[h].text) {
        set_date(parts, found);
    }
    // A site named in a title bar ("Headline | Section | Site") is surer than a first line.
    let title_bar_site = || {
        lines[..h]
            .iter()
            .find_map(|l| match split_site_suffix(&l.text) {
                (head, site) if head == headline => site,
                _ => None,
            })
    };
    // Whichever way it was found, a menu line ("Skip to main content") names no site.
    let named = |site: &String| !not_a_site_name(site, rules);
    parts.masthead = site
        .filter(named)
        .or_else(|| title_bar_site().filter(named))
        .or_else(|| masthead(&lines[..h], rules))
        .or_else(|| cited_outlet(&lines[h + 1..], rules));
    for line in &lines[..h] {
        if parts.masthead.as_ref() != Some(&line.text) {
            take_meta(line, parts, "navigation above the headline");
        }
    }
    header_meta(h, lines, rules, parts)
}

/// Between the headline and the running text: bylines, datelines, an author's name and
/// role, a "Published in" publication, and perhaps a standfirst (a one-line summary that
/// some sites print above the byline, kept as the article's first paragraph). Returns where
/// the article's running text begins.
pub(super) fn header_meta(h: usize, lines: &[Line], rules: &Rules, parts: &mut Parts) -> usize {
    let headline = parts.headline.clone().unwrap_or_default();
    let mut after_author = false;
    // The line the author was taken from when it is only a name, with no "By" before it.
    let mut author_guessed: Option<usize> = None;
    let mut standfirst: Option<usize> = None;
    let mut i = h + 1;
    while i < lines.len() {
        let line = &lines[i];
        // A "Most popular" block under the byline: the article's walk decides whether it
        // stands above the article or ends it.
        if line.kind == Kind::Marker(Marker::ArticleEnd(EndKind::Related)) {
            break;
        }
        if line.kind != Kind::Text {
            if let Kind::Byline(..) = line.kind {
                // "By Jane Smith" is surer than a name-like line above it.
                if let Some(g) = author_guessed.take() {
                    parts.author = None;
                    let guessed: &Line = &lines[g];
                    parts.dropped.push((
                        guessed.number,
                        guessed.text.clone(),
                        "label under the headline",
                    ));
                }
                after_author = true;
            }
            take_meta(line, parts, "header");
            i += 1;
            continue;
        }
        if line.text.eq_ignore_ascii_case(&headline) {
            parts
                .dropped
                .push((line.number, line.text.clone(), "headline repeated"));
        } else if let Some(skip) = publication(i, lines, rules, parts) {
            i += skip;
            continue;
        } else if parts.author.is_none()
            && is_bare_name(&line.text, rules)
            && meta_beside(i, lines, rules)
        {
            parts.author = Some(line.text.clone());
            author_guessed = Some(i);
            after_author = true;
        } else if parts.author.is_none() && is_name(&line.text, rules) {
            // Shaped like a name but with nothing of a byline beside it: a label or a menu
            // item under the headline ("Diamond Level"). It is passed over, as an author's
            // name would be, so the lines under it are still read as the header's.
            parts
                .dropped
                .push((line.number, line.text.clone(), "label under the headline"));
            after_author = true;
        } else if let Some(name) = name_above_role(i, lines, rules)
            .or_else(|| name_with_time(&line.text, rules).map(|(name, _)| name))
            .filter(|_| parts.author.is_none())
        {
            // "May Bulman" over "Social Affairs Correspondent"; "Anna Wise28 March 2024".
            if let Some(found) = find_date(&line.text) {
                set_date(parts, found);
            }
            parts.author = Some(name);
            parts
                .dropped
                .push((line.number, line.text.clone(), "byline"));
            after_author = true;
        } else if let Some(name) =
            name_before_role(&line.text, rules).filter(|_| parts.author.is_none())
        {
            parts.author = Some(name);
            parts
                .dropped
                .push((line.number, line.text.clone(), "byline"));
            after_author = true;
        } else if after_author
            && word_count(&line.text) <= 5
            && line.text.chars().count() <= 60
            && !ends_sentence(&line.text)
        {
            parts
                .dropped
                .push((line.number, line.text.clone(), "author's role"));
        } else if standfirst.is_none() && parts.author.is_none() && meta_follows(i, lines, rules) {
            standfirst = Some(i);
        } else {
            break;
        }
        i += 1;
    }
    if let Some(s) = standfirst {
        push_body(parts, &lines[s]);
    }
    i
}

/// A line under the headline that is only a person's name ("Jane Smith"): not a heading
/// shouted in capitals ("TAKE ACTION NOW"; a name in capitals comes after "By"), and not a
/// line that names a programme or organisation the archive knows ("Universal Credit").
fn is_bare_name(text: &str, rules: &Rules) -> bool {
    is_name(text, rules)
        && text.chars().any(char::is_lowercase)
        && rules.known_names.count(text).iter().all(|&n| n == 0)
}

/// A name alone on its line is the author's only with what a byline has beside it: a role
/// ("Writer of Health and Social Care") or a "Published in" on the next line, a date within
/// the next two (a role may stand between), or a date above. Buttons are passed over. A
/// heading that looks like a name ("Job Description Summary") has running text under it.
fn meta_beside(i: usize, lines: &[Line], rules: &Rules) -> bool {
    let is_date = |l: &Line| {
        matches!(
            l.kind,
            Kind::Dateline(_) | Kind::Byline(..) | Kind::Timestamp
        )
    };
    let is_role = |l: &Line| {
        l.kind == Kind::Text
            && !ends_sentence(&l.text)
            && word_count(&l.text) <= 8
            && [
                l.text.split_whitespace().next(),
                l.text.split_whitespace().last(),
            ]
            .into_iter()
            .flatten()
            .any(|w| rules.roles.contains(&w.to_lowercase()))
    };
    // A "Follow" button between the name and its byline's rest is passed over.
    let mut next = lines[i + 1..]
        .iter()
        .filter(|l| !matches!(l.kind, Kind::Marker(_)) && !rules.is_button(&l.text));
    let (first, second) = (next.next(), next.next());
    first.is_some_and(|l| is_role(l) || rules.publication_lead(&l.text).is_some())
        || [first, second].into_iter().flatten().any(is_date)
        || i.checked_sub(1)
            .and_then(|p| lines.get(p))
            .is_some_and(is_date)
}

/// A byline, dateline or author's name within the next three lines: what makes a line
/// under the headline a standfirst rather than the article's start.
pub(super) fn meta_follows(i: usize, lines: &[Line], rules: &Rules) -> bool {
    lines[i + 1..].iter().take(3).any(|l| match l.kind {
        Kind::Byline(..) | Kind::Dateline(_) => true,
        Kind::Text => is_name(&l.text, rules) || name_before_role(&l.text, rules).is_some(),
        _ => false,
    })
}

/// "Published in" and the publication's name (on the line or the next): the publisher.
/// Returns how many lines it took.
pub(super) fn publication(
    i: usize,
    lines: &[Line],
    rules: &Rules,
    parts: &mut Parts,
) -> Option<usize> {
    let lead = rules.publication_lead(&lines[i].text)?;
    let (name, used) = match lead {
        Some(name) => (name, 1),
        None => (lines.get(i + 1)?.text.clone(), 2),
    };
    if word_count(&name) > 6 {
        return None;
    }
    parts.masthead = Some(name);
    for line in &lines[i..i + used] {
        parts
            .dropped
            .push((line.number, line.text.clone(), "publication"));
    }
    Some(used)
}

/// Does the lone paragraph at `at` open the article though the next one stands at
/// `next`, far below? It does when a byline or dateline stands within three lines above it,
/// or when a list (lines that start with a number or a bullet) comes between.
fn opens_article(at: usize, next: usize, lines: &[Line]) -> bool {
    let meta_above = lines[at.saturating_sub(3)..at]
        .iter()
        .any(|l| matches!(l.kind, Kind::Byline(..) | Kind::Dateline(_)));
    let listed = lines[at + 1..next]
        .iter()
        .filter(|l| {
            l.text
                .starts_with(|c: char| c.is_ascii_digit() || "•-*–▪◦".contains(c))
        })
        .count();
    meta_above || listed >= 3
}

/// Running text that can open the article: a sentence, not shouted in capitals, and not a
/// banner or notice ("We use cookies…", "GET BREAKING NEWS IN YOUR BROWSER.").
fn is_article_start(text: &str, rules: &Rules) -> bool {
    is_prose(text) && text.chars().any(char::is_lowercase) && !rules.is_notice(text)
}

/// "May Bulman" on a line of its own over "Social Affairs Correspondent": two or three
/// capitalised words (a name may be a month or a common word: "May", "Rose") over a role.
fn name_above_role(i: usize, lines: &[Line], rules: &Rules) -> Option<String> {
    let text = &lines[i].text;
    let words: Vec<&str> = text.split_whitespace().collect();
    let capitalised = words.iter().all(|w| {
        w.starts_with(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || "'’-.".contains(c))
    });
    let next = lines.get(i + 1)?;
    let role = next.kind == Kind::Text
        && word_count(&next.text) <= 5
        && next
            .text
            .split_whitespace()
            .last()
            .is_some_and(|w| rules.roles.contains(&w.to_lowercase()));
    ((2..=3).contains(&words.len()) && capitalised && role).then(|| text.clone())
}

/// The site's name: the first line of the page that is not chrome, when it is short and
/// not a section label, or the root of a breadcrumb that starts at the site's name.
pub(super) fn masthead(above: &[Line], rules: &Rules) -> Option<String> {
    for line in above {
        let text = line.text.as_str();
        match line.kind {
            Kind::Text => {
                return (word_count(text) <= 6 && !not_a_site_name(text, rules))
                    .then(|| text.to_string());
            }
            Kind::Marker(Marker::Chrome) if is_breadcrumb(text) => {
                let root = text.split(['>', '»', '›', '‹']).next().unwrap_or("").trim();
                let nav =
                    rules.is_button(root) || rules.section_labels.contains(&root.to_lowercase());
                return (!nav && !root.is_empty()).then(|| root.to_string());
            }
            _ => {}
        }
    }
    None
}

/// The outlet the article cites as itself ("she told Socialist Worker", "As first revealed
/// by Pulse"): not a body the archive knows ("told the DWP", "told MPs"), not a common
/// word ("told The Mirror" names another paper more often than itself).
fn cited_outlet(article: &[Line], rules: &Rules) -> Option<String> {
    article.iter().find_map(|l| {
        let name = rules.outlet_citation(&l.text)?;
        let first = name.split_whitespace().next()?;
        let acronym = !first.trim_end_matches('s').chars().any(char::is_lowercase);
        let known = rules.known_names.count(name).iter().any(|&n| n > 0);
        let common =
            rules.stopwords.contains(first) || rules.section_labels.contains(&name.to_lowercase());
        (!acronym && !known && !common).then(|| name.to_string())
    })
}

/// A first line that cannot be the site's name: a section label, a notice or offer, a menu
/// ("User menu", "Accessibility links", "Search rightsnet"), an addressee ("To: The
/// Government"), a counter or phone number ("13,947", "Freephone 0800 999 1234"), or a
/// line with no capital letter.
fn not_a_site_name(text: &str, rules: &Rules) -> bool {
    let lower = text.to_lowercase();
    const MENU_WORDS: [&str; 6] = ["menu", "links", "search", "navigation", "positions", "skip"];
    rules.section_labels.contains(&lower)
        || rules.marker(text).is_some()
        || rules.is_notice(text)
        || lower.split_whitespace().any(|w| MENU_WORDS.contains(&w))
        || text.contains(':')
        || text.chars().filter(char::is_ascii_digit).count() >= 3
        || !text.chars().any(char::is_uppercase)
        || !names_like_a_site(text)
}

/// A site's name of several words is written as a name ("Express & Star", "38 Degrees",
/// "Disabled People Against Cuts"), not as a phrase ("Private sector ambulance deal").
fn names_like_a_site(text: &str) -> bool {
    const LINKS: [&str; 19] = [
        "of", "and", "for", "the", "&", "in", "on", "at", "to", "from", "with", "by", "a", "an",
        "de", "la", "le", "van", "von",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() < 2
        || words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || LINKS.contains(w)
        })
}

/// Records what a non-text line near the headline says (date, byline), or drops it.
pub(super) fn take_meta(line: &Line, parts: &mut Parts, why: &'static str) {
    match &line.kind {
        Kind::Dateline(found) => {
            set_date(parts, *found);
            parts
                .dropped
                .push((line.number, line.text.clone(), "dateline"));
        }
        Kind::Byline(name, found) => {
            parts.author.get_or_insert_with(|| name.clone());
            if let Some(f) = found {
                set_date(parts, *f);
            }
            parts
                .dropped
                .push((line.number, line.text.clone(), "byline"));
        }
        Kind::Source(s) if parts.source.is_none() => parts.source = Some(s.clone()),
        Kind::Separator => {}
        _ => parts.dropped.push((line.number, line.text.clone(), why)),
    }
}

/// The page's date is the first one found, except that a publication date wins over an
/// update's date found before it ("Updated 5 May … Published 2 May").
pub(super) fn set_date(parts: &mut Parts, found: FoundDate) {
    if parts.date.is_none() || (parts.date_is_update && !found.updated) {
        parts.date = Some(found.date);
        parts.date_is_update = found.updated;
    }
}
