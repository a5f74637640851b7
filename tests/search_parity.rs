//! One search engine in two languages: themes/default/static/search-core.js (the page's,
//! run here in Node by tests/search_core.js) and src/search/query/ (`pamphlet search`)
//! must give the same answers: the same results in the same order with the same scores
//! and snippets, the same facet counts and the same files fetched, on a few hundred
//! queries drawn from the built text (typed prefixes, trailing stop words, phrases,
//! exclusions, filters, date order, unicode edge cases). See: issues 18 and 22.

mod util;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use util::Site;

/// A small deterministic generator (xorshift64*), so a failure names a query that
/// reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const TOPICS: [&str; 3] = [
    "privatisation",
    "social-prescribing",
    "welfare-conditionality",
];
const TAGS: [&str; 4] = ["nhs", "atos", "dwp", "café"];
const STOP: [&str; 6] = ["of", "the", "and", "in", "to", "a"];

/// Text that trips word splitting and folding: Rust's whitespace is not JavaScript's
/// (U+0085 is one only in Rust, U+FEFF only in JavaScript), marks, ligatures, scripts
/// without case, final sigma, dotted capital I, joiners, astral characters.
const UNICODE_TEXT: &str = "Naïve café owners in İstanbul read ΣΊΣΥΦΟΣ and Ὀδυσσεύς. \
    The co\u{2010}ordination of don\u{2019}t-care finance (ﬁnance) in 東京都 and Zürich, \
    résumé\u{85}review and budget\u{FEFF}cuts, Ⅻ chapters, x² and ½ measures, \
    emoji 🙂 claims, zero\u{200B}width, non\u{A0}breaking, line\u{2028}separator. \
    Ελληνικά λόγος; Кириллица текст; עברית; العربية; देवनागरी लिपि.";

/// The repository's archive (real pages) plus articles recombined from its sentences,
/// so there are enough terms for several shards, topics, tags and years to filter by.
/// The site, the texts to draw queries from, and the years its articles are dated in.
fn site() -> (Site, Vec<String>, Vec<usize>) {
    let site = Site::with_repo_archive();
    let mut bodies = Vec::new();
    for entry in std::fs::read_dir(site.path().join("content")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let body = text.splitn(3, "---\n").nth(2).unwrap_or("").to_string();
        bodies.push(body);
    }
    let sentences: Vec<&str> = bodies
        .iter()
        .flat_map(|b| b.split(". "))
        .filter(|s| s.len() > 20 && !s.contains('#'))
        .collect();
    let mut rng = Rng(0x5eed_0022);
    let mut texts: Vec<String> = bodies.clone();
    let mut years = Vec::new();
    for i in 0..60 {
        let body: Vec<&str> = (0..8 + rng.below(20))
            .map(|_| *rng.pick(&sentences))
            .collect();
        let mut body = body.join(". ");
        if i % 15 == 0 {
            body = format!("{UNICODE_TEXT}\n\n{body}");
        }
        let title: Vec<&str> = rng.pick(&sentences).split_whitespace().take(6).collect();
        // Dates as archives have them: mostly a day, some a month or a year, some none.
        let (year, month, day) = (2010 + rng.below(15), 1 + rng.below(12), 1 + rng.below(28));
        if i % 10 != 0 {
            years.push(year);
        }
        let date = match i % 10 {
            0 => String::new(),
            1 => format!("date: {year}\n"),
            2 => format!("date: {year}-{month:02}\n"),
            _ => format!("date: {year}-{month:02}-{day:02}\n"),
        };
        site.write(
            &format!("content/gen-{i}.md"),
            format!(
                "---\ntitle: \"{}\"\n{date}topics:\n- {}\ntags:\n- {}\n- {}\n---\n{}\n",
                title.join(" ").replace(['"', '\\'], ""),
                rng.pick(&TOPICS),
                rng.pick(&TAGS),
                rng.pick(&TAGS),
                body
            ),
        );
        texts.push(body);
    }
    site.cmd().arg("build").assert().success();
    (site, texts, years)
}

/// A few hundred queries, each with its filters, drawn from the text as a reader would
/// type or paste it.
fn queries(texts: &[String], years: &[usize]) -> Vec<Value> {
    let tokens: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| t.split_whitespace().collect())
        .collect();
    let mut rng = Rng(0xfeed_0018);
    let mut out = Vec::new();
    let run = |rng: &mut Rng, n: usize| -> Vec<String> {
        let t = rng.pick(&tokens);
        let at = rng.below(t.len().saturating_sub(n));
        t[at..(at + n).min(t.len())]
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    let prefix = |rng: &mut Rng, w: &str| -> String {
        let chars: Vec<char> = w.chars().collect();
        chars[..1 + rng.below(chars.len())].iter().collect()
    };
    for _ in 0..30 {
        let w = run(&mut rng, 1);
        out.push(json!({ "query": w.join(" ") }));
        out.push(json!({ "query": prefix(&mut rng, &w.join(" ")) }));
        let two = run(&mut rng, 2);
        out.push(json!({ "query": two.join(" ") }));
        let three = run(&mut rng, 3);
        out.push(json!({ "query": three.join(" ") }));
        // Typed: two words and the beginning of a third.
        out.push(json!({ "query": format!("{} {}", three[..2].join(" "), prefix(&mut rng, three.last().unwrap())) }));
        // A trailing stop word, being typed or finished.
        let stop = rng.pick(&STOP);
        out.push(json!({ "query": format!("{} {stop}", two.join(" ")) }));
        out.push(json!({ "query": format!("{} {stop} ", two.join(" ")) }));
        out.push(json!({ "query": format!("{stop} {}", w.join(" ")) }));
        // Phrases, exclusions.
        let n = 2 + rng.below(2);
        let phrase = run(&mut rng, n).join(" ").replace('"', "");
        out.push(json!({ "query": format!("\"{phrase}\"") }));
        out.push(json!({ "query": format!("{} \"{phrase}", w.join(" ")) }));
        out.push(json!({ "query": format!("{} -{}", two[0], run(&mut rng, 1)[0]) }));
        // Filters and date order.
        let year = 2010 + rng.below(15);
        out.push(json!({ "query": two[0], "topic": rng.pick(&TOPICS) }));
        // A year some article has: the CLI refuses one that names nothing.
        out.push(json!({ "query": two.join(" "), "year": rng.pick(years).to_string() }));
        // By slug, as the page's links and URLs give it ("café" is "cafe").
        let tag: &&str = rng.pick(&TAGS);
        let tag = pamphlet::slug::slugify(tag);
        out.push(json!({ "query": w.join(" "), "tag": tag }));
        out.push(json!({ "query": three.join(" "), "sort": "date" }));
        // Date ranges (issue 21): open and closed, at each precision, and the undated.
        let month = 1 + rng.below(12);
        out.push(json!({ "query": two[0], "from": format!("{year}-{month:02}"), "to": (year + rng.below(4)).to_string() }));
        out.push(json!({ "query": w.join(" "), "from": year.to_string() }));
        out.push(json!({ "query": two[0], "to": format!("{year}-{month:02}-15"), "sort": "date" }));
        out.push(json!({ "query": two[0], "undated": true }));
    }
    for q in UNICODE_TEXT.split(['.', ';', ',']).chain([
        "NAÏVE",
        "naive",
        "İSTANBUL",
        "istanbul",
        "σίσυφος",
        "ΣΊΣΥΦ",
        "οδυσσευς",
        "coordination",
        "co\u{2010}ord",
        "dont",
        "ﬁ",
        "東京",
        "zu",
        "résumé\u{85}-review",
        "budget\u{FEFF}-cuts",
        "budget\u{FEFF}",
        "review\u{85}",
        "\u{FEFF}naive",
        "café\u{A0}owners",
        "x²",
        "🙂",
        "-",
        "\"",
        "\"\"",
        "- naive",
        "-\"naive cafe\"",
        "naive -",
        "the of and",
        "the",
        "a",
    ]) {
        out.push(json!({ "query": q }));
    }
    // A pasted paragraph: only the first 32 words count.
    out.push(
        json!({ "query": texts[0].split_whitespace().take(60).collect::<Vec<_>>().join(" ") }),
    );
    out
}

fn index_dir(site: &Site) -> PathBuf {
    let search = site.path().join("public/search");
    std::fs::read_dir(&search)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.join("meta.bin").is_file())
        .expect("a built index")
}

fn node_answers(index: &Path, queries: &[Value]) -> Vec<Value> {
    let repo = util::repo();
    let mut child = Command::new("node")
        .arg(repo.join("tests/search_core.js"))
        .arg(repo.join("themes/default/static/search-core.js"))
        .arg(index)
        .arg("/")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("this test needs Node (`node` on PATH)");
    let input = serde_json::to_vec(queries).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "tests/search_core.js failed");
    serde_json::from_slice(&out.stdout).expect("JSON from search_core.js")
}

fn cli_answer(site: &Site, q: &Value) -> Value {
    let mut cmd = site.cmd();
    cmd.args(["search", "--json", "--limit", "0"]);
    for key in ["topic", "year", "tag", "from", "to"] {
        if let Some(v) = q[key].as_str() {
            cmd.arg(format!("--{key}")).arg(v);
        }
    }
    if q["undated"] == true {
        cmd.arg("--undated");
    }
    if q["sort"] == "date" {
        cmd.arg("--by-date");
    }
    let out = cmd
        .arg("--")
        .arg(q["query"].as_str().unwrap())
        .output()
        .unwrap();
    assert!(out.status.success(), "pamphlet search failed on {q}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// What both must agree on; the files fetched as a sorted list (the browser fetches a
/// round's files in parallel), without the scripts, which only the CLI counts.
fn comparable(v: &Value) -> Value {
    let mut fetched: Vec<(String, u64)> = v["fetched"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or("").to_string(),
                f["bytes"].as_u64().unwrap_or(0),
            )
        })
        .filter(|(p, _)| !p.ends_with(".js"))
        .collect();
    fetched.sort();
    json!({
        "error": v["error"],
        "total": v["total"],
        "results": v["results"],
        "facets": v["facets"],
        "fetched": fetched,
    })
}

#[test]
fn the_page_engine_and_the_cli_give_identical_answers() {
    let (site, texts, years) = site();
    let queries = queries(&texts, &years);
    assert!(queries.len() >= 300, "{} queries", queries.len());
    let js = node_answers(&index_dir(&site), &queries);
    assert_eq!(js.len(), queries.len());
    let mut differ = Vec::new();
    let mut found = 0;
    for (q, js) in queries.iter().zip(&js) {
        let rust = cli_answer(&site, q);
        found += usize::from(rust["total"].as_u64().unwrap_or(0) > 0);
        let (a, b) = (comparable(&rust), comparable(js));
        if a != b {
            differ.push(format!("{q}\n  rust: {a}\n  js:   {b}"));
        }
    }
    assert!(
        found * 2 > queries.len(),
        "most queries find something ({found} of {})",
        queries.len()
    );
    assert!(
        differ.is_empty(),
        "{} of {} queries differ:\n{}",
        differ.len(),
        queries.len(),
        differ
            .iter()
            .take(5)
            .map(|d| d.chars().take(3000).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}
