//! No page grows with the archive (issue 17): the same article template, built as an
//! archive of N articles and of 2N, gives no page that is bigger in the larger build,
//! and no article page over a fixed size. The articles share what campaign coverage
//! shares: a stock statement quoted by all of them, a press-release paragraph carried by
//! sixty at a time (a story bigger than a same-story group holds), the same tags, topic
//! and two publishers.
// See: issue 17, "Output that stays bounded".

mod util;

use std::collections::BTreeMap;

use util::{files, Site};

/// Large enough that every list of the smaller build already has an interior page with
/// full navigation (the first, a gap, two either side, a gap, the last: nine pages of
/// 20), so two publishers and two years of 180 articles each, and dates cover the same
/// months at both sizes: a list that is not yet that long does grow with the archive, up to that
/// size, and no further.
const N: usize = 360;
/// An article page, whatever the archive: body, ten same-story reports, five related,
/// neighbours, citation downloads and the theme's chrome.
const MAX_ARTICLE_PAGE: usize = 48 * 1024;

const STOCK: &str = "A DWP spokesperson said: \"We are committed to supporting people into work and our reforms will ensure that those who can work are helped to do so while protecting the most vulnerable.\"";
const PUBLISHERS: [&str; 2] = ["Express & Star", "The Mirror"];

/// `n` as five letters: words of one length and no digits, so every article's text (and
/// summary) is as long as every other's.
fn letters(mut n: usize) -> String {
    let mut out = [b'a'; 5];
    for c in out.iter_mut().rev() {
        *c = b'a' + (n % 26) as u8;
        n /= 26;
    }
    String::from_utf8(out.to_vec()).unwrap()
}

/// Words no other article uses, so each article also has text of its own.
fn own_words(i: usize, count: usize) -> String {
    (0..count)
        .map(|k| format!("own{}", letters(i * 100 + k)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The press release of story `s`, carried by sixty articles.
fn press_release(s: usize) -> String {
    (0..150)
        .map(|k| format!("release{}", letters(s * 1000 + k)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn article(i: usize) -> String {
    // June and July (month names of one length), two years.
    let (year, month, day) = (2015 + i % 2, 6 + (i / 2) % 2, 1 + (i / 4) % 28);
    format!(
        "---\ntitle: Council cuts report number {i}\npublisher: {publisher}\ndate: {year}-{month:02}-{day:02}\ntopics:\n- privatisation\ntags:\n- NHS\n- Cuts\n- Council\n---\n{own}\n\n{release}\n\n{STOCK}\n\n{tail}\n",
        publisher = PUBLISHERS[i % PUBLISHERS.len()],
        own = own_words(i, 40),
        release = press_release(i / 60),
        tail = own_words(i + 1_000, 20),
    )
}

/// Builds an archive of `n` articles; every HTML page's size, with each run of digits
/// (and each content hash, such as the search index's file name) counted as one
/// character: "120 articles" and "240 articles", or page "6" and "12" of a list, say the
/// same thing at both sizes, and a count may gain a digit as the archive grows without
/// the page growing in any other way.
fn build(n: usize) -> BTreeMap<String, (usize, usize)> {
    let site = Site::new();
    for i in 0..n {
        site.write(&format!("content/a{i:05}.md"), article(i));
    }
    site.cmd().arg("build").assert().success();
    let public = site.path().join("public");
    let digits = regex::Regex::new(r"\b[0-9a-f]{8,}\b|[0-9]+").unwrap();
    files(&public)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let html = std::fs::read_to_string(public.join(&f)).unwrap();
            let normalised = digits.replace_all(&html, "0").len();
            (f, (normalised, html.len()))
        })
        .collect()
}

/// What a page is: "articles", "stories", "topics", "tags", "years", "publishers" for
/// the pages of many articles, stories and lists; the path itself for a page the site has
/// once (home, the tags index, search).
fn kind(file: &str) -> String {
    match file.split_once('/') {
        Some((first, rest)) if rest != "index.html" && first != "about" => first.to_string(),
        _ => file.to_string(),
    }
}

/// The largest page of each kind, normalised as [`build`] counts.
fn largest(build: &BTreeMap<String, (usize, usize)>) -> BTreeMap<String, (usize, &str)> {
    let mut out: BTreeMap<String, (usize, &str)> = BTreeMap::new();
    for (file, &(size, _)) in build {
        let entry = out.entry(kind(file)).or_insert((0, file));
        if size > entry.0 {
            *entry = (size, file);
        }
    }
    out
}

/// Compared kind by kind, not file by file: a file of one build is not the same page in
/// the other. The newest article of the smaller build gains a "next" link in the
/// larger, the last page of a list fills up and its navigation gains a "last" link: edge
/// effects of a bounded size, which the smaller build's own interior pages already show.
/// So no page of the larger build may be bigger than the largest of its kind in the
/// smaller one.
#[test]
fn doubling_the_archive_makes_no_page_bigger() {
    let small = build(N);
    let large = build(2 * N);
    let (small_max, large_max) = (largest(&small), largest(&large));
    let mut grew = Vec::new();
    for (kind, (size, file)) in &large_max {
        match small_max.get(kind) {
            Some((before, was)) if size > before => {
                grew.push(format!("{kind}: {was} {before} -> {file} {size}"));
            }
            None => grew.push(format!("{kind}: only in the larger build ({file})")),
            _ => {}
        }
    }
    assert!(grew.is_empty(), "pages that grew:\n{}", grew.join("\n"));
    // The story pages exist (sixty reports of one story: more than an article lists).
    assert!(
        small.keys().any(|f| f.starts_with("stories/")),
        "no story page"
    );
    for build in [&small, &large] {
        let (file, (_, bytes)) = build
            .iter()
            .filter(|(f, _)| f.starts_with("articles/"))
            .max_by_key(|(_, (_, bytes))| *bytes)
            .unwrap();
        assert!(
            *bytes < MAX_ARTICLE_PAGE,
            "{file} is {bytes} bytes, over {MAX_ARTICLE_PAGE}"
        );
    }
}
