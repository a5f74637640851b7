//! The importer scored against a labelled corpus of real pasted pages
//! (`tests/fixtures/import/corpus/`, issue 16): every label is a check, and the last
//! line is `N/M checks (P%)`.
//!
//! ```sh
//! cargo run --release --example import-eval                    # both splits
//! cargo run --release --example import-eval -- --split train --failures
//! cargo run --release --example import-eval -- --dump-title target/title.tsv
//! ```
//!
//! `--dump-title FILE` writes, for the training split only, each headline candidate's
//! features and whether it is the labelled title: the input of `bench/fit_title.py`.
//!
//! Failures are listed for the training split only. The validation split is scored but
//! never shown page by page: nobody tunes the importer by looking at it (see the corpus
//! README). A document's labels are in `<doc>.toml` beside `<doc>.txt`; `SPLIT.toml`
//! names the two parts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pamphlet::config::Config;
use pamphlet::content::escape::unescape;
use pamphlet::content::responses::HEADING as RESPONSES_HEADING;
use pamphlet::import::title_features::NAMES as TITLE_FEATURES;
use pamphlet::import::{Importer, Seed, TitleCandidate};
use serde::Deserialize;
use std::fmt::Write as _;

#[derive(Deserialize)]
struct Labels {
    #[serde(default)]
    kind: String,
    title: String,
    date: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    source: Option<String>,
    topics: Vec<String>,
    comments: usize,
    #[serde(default)]
    body_contains: Vec<String>,
    #[serde(default)]
    comments_contain: Vec<String>,
    #[serde(default)]
    chrome_absent: Vec<String>,
}

#[derive(Deserialize, Default)]
struct SplitFile {
    #[serde(default)]
    train: Vec<String>,
    #[serde(default)]
    validation: Vec<String>,
}

/// Passed and total checks.
#[derive(Default, Clone, Copy)]
struct Tally {
    pass: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.pass += usize::from(ok);
    }

    fn show(self) -> String {
        if self.total == 0 {
            return "-".into();
        }
        format!(
            "{}/{} ({:.1}%)",
            self.pass,
            self.total,
            100.0 * self.pass as f64 / self.total as f64
        )
    }
}

/// What one split scored.
#[derive(Default)]
struct Score {
    documents: usize,
    by_field: BTreeMap<&'static str, Tally>,
    by_kind: BTreeMap<String, Tally>,
    dates_right: usize,
    dates_missing: usize,
    dates_wrong: usize,
    dates_invented: usize,
    failures: Vec<String>,
}

impl Score {
    fn check(&mut self, doc: &str, kind: &str, field: &'static str, ok: bool, detail: String) {
        self.by_field.entry(field).or_default().add(ok);
        self.by_kind.entry(kind.to_string()).or_default().add(ok);
        if !ok {
            self.failures.push(format!("{doc}: {field}: {detail}"));
        }
    }

    fn all(&self) -> Tally {
        self.by_field.values().fold(Tally::default(), |a, t| Tally {
            pass: a.pass + t.pass,
            total: a.total + t.total,
        })
    }
}

/// Case, curly quotes and runs of white space do not make a title wrong.
fn normalise(s: &str) -> String {
    s.replace(['‘', '’'], "'")
        .replace(['“', '”'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn score_document(
    importer: &Importer,
    dir: &Path,
    doc: &str,
    score: &mut Score,
    dump: Option<&mut String>,
) -> Result<(), String> {
    let txt = dir.join(format!("{doc}.txt"));
    let labels: Labels = toml::from_str(
        &std::fs::read_to_string(txt.with_extension("toml"))
            .map_err(|e| format!("{doc}.toml: {e}"))?,
    )
    .map_err(|e| format!("{doc}.toml: {e}"))?;
    let bytes = std::fs::read(&txt).map_err(|e| format!("{}: {e}", txt.display()))?;
    let (seed, _) =
        Seed::new(format!("{doc}.txt"), &bytes).map_err(|e| format!("{doc}.txt: {e}"))?;
    let got = importer.convert(&seed);
    let f = &got.front;
    let kind = if labels.kind.is_empty() {
        "unlabelled"
    } else {
        &labels.kind
    };
    score.documents += 1;
    if let Some(out) = dump {
        dump_title(out, doc, &got.explanation.title, &labels.title);
    }

    let title_ok = normalise(&f.title) == normalise(&labels.title);
    score.check(
        doc,
        kind,
        "title",
        title_ok,
        format!("got {:?}, want {:?}", f.title, labels.title),
    );

    let got_date = f.date.map(|d| d.to_string());
    match (&got_date, &labels.date) {
        (Some(g), Some(w)) if g == w => score.dates_right += 1,
        (None, Some(_)) => score.dates_missing += 1,
        (Some(_), None) => score.dates_invented += 1,
        (Some(_), Some(_)) => score.dates_wrong += 1,
        (None, None) => score.dates_right += 1,
    }
    score.check(
        doc,
        kind,
        "date",
        got_date == labels.date,
        format!("got {got_date:?}, want {:?}", labels.date),
    );

    let same = |a: &Option<String>, b: &Option<String>| {
        a.as_deref().map(normalise) == b.as_deref().map(normalise)
    };
    score.check(
        doc,
        kind,
        "author",
        same(&f.author, &labels.author),
        format!("got {:?}, want {:?}", f.author, labels.author),
    );
    score.check(
        doc,
        kind,
        "publisher",
        same(&f.publisher, &labels.publisher),
        format!("got {:?}, want {:?}", f.publisher, labels.publisher),
    );
    if labels.source.is_some() {
        score.check(
            doc,
            kind,
            "source",
            f.source == labels.source,
            format!("got {:?}, want {:?}", f.source, labels.source),
        );
    }
    let topics: BTreeSet<_> = f.topics.iter().collect();
    let want: BTreeSet<_> = labels.topics.iter().collect();
    score.check(
        doc,
        kind,
        "topics",
        topics == want,
        format!("got {topics:?}, want {want:?}"),
    );
    score.check(
        doc,
        kind,
        "comment count",
        f.comments == labels.comments,
        format!("got {}, want {}", f.comments, labels.comments),
    );

    let text = unescape(&got.body).replace(['<', '>'], "");
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (article, responses) = text.split_once(RESPONSES_HEADING).unwrap_or((&text, ""));
    let (article, responses) = (flat(article), flat(responses));
    for s in &labels.body_contains {
        score.check(
            doc,
            kind,
            "sentence kept",
            article.contains(&flat(s)),
            format!("lost {s:?}"),
        );
    }
    for s in &labels.comments_contain {
        score.check(
            doc,
            kind,
            "comment placed",
            responses.contains(&flat(s)),
            format!("not in responses: {s:?}"),
        );
    }
    let yaml = serde_yaml::to_string(f).unwrap_or_default();
    let whole = format!("{yaml}\n{article}\n{responses}");
    for s in &labels.chrome_absent {
        let line = flat(s);
        // A chrome line is dropped when it no longer stands as a line of its own.
        let kept = whole.lines().any(|l| flat(l) == line)
            || article.contains(&format!(" {line} ")) && line.len() > 25;
        score.check(doc, kind, "chrome dropped", !kept, format!("kept {s:?}"));
    }
    Ok(())
}

/// One row per headline candidate: document, site, seed line, label (1 when the line,
/// less a title bar's site, is the labelled title), then the features.
fn dump_title(out: &mut String, doc: &str, candidates: &[TitleCandidate], title: &str) {
    let site = doc.split('_').next().unwrap_or(doc);
    let want = normalise(title);
    for c in candidates {
        let label = normalise(&c.headline()) == want;
        let values: Vec<String> = c.features.iter().map(|v| format!("{v}")).collect();
        let _ = writeln!(
            out,
            "{doc}\t{site}\t{}\t{}\t{}",
            c.number,
            u8::from(label),
            values.join("\t")
        );
    }
}

fn print(name: &str, score: &Score, failures: bool) {
    println!("## {name}: {} documents", score.documents);
    for (field, tally) in &score.by_field {
        println!("  {field:<16} {}", tally.show());
    }
    println!("  by kind:");
    for (kind, tally) in &score.by_kind {
        println!("    {kind:<28} {}", tally.show());
    }
    let dated = score.dates_right + score.dates_missing + score.dates_wrong + score.dates_invented;
    println!(
        "  dates: {} right, {} missing, {} wrong, {} invented (of {dated})",
        score.dates_right, score.dates_missing, score.dates_wrong, score.dates_invented
    );
    if failures {
        for f in &score.failures {
            println!("  FAIL {f}");
        }
    }
    let all = score.all();
    let pct = if all.total == 0 {
        0.0
    } else {
        100.0 * all.pass as f64 / all.total as f64
    };
    println!("{name}: {}/{} checks ({pct:.1}%)", all.pass, all.total);
}

fn main() -> ExitCode {
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/corpus");
    let mut only: Option<String> = None;
    let mut failures = false;
    let mut dump: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--corpus" => dir = args.next().map(PathBuf::from).unwrap_or(dir),
            "--split" => only = args.next(),
            "--failures" => failures = true,
            "--dump-title" => dump = args.next().map(PathBuf::from),
            _ => {
                eprintln!(
                    "usage: import-eval [--corpus DIR] [--split train|validation] [--failures] [--dump-title FILE]"
                );
                return ExitCode::from(2);
            }
        }
    }
    let split: SplitFile = match std::fs::read_to_string(dir.join("SPLIT.toml")) {
        Ok(text) => match toml::from_str(&text) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{}: {e}", dir.join("SPLIT.toml").display());
                return ExitCode::from(2);
            }
        },
        Err(e) => {
            eprintln!(
                "{}: {e}; the corpus needs a SPLIT.toml with train and validation lists",
                dir.join("SPLIT.toml").display()
            );
            return ExitCode::from(2);
        }
    };
    // The archive's own taxonomy decides topics, as it does for a real import.
    let mut report = pamphlet::error::Report::default();
    let Some(config) = Config::load(Path::new(env!("CARGO_MANIFEST_DIR")), &mut report) else {
        eprintln!("the repository's book.toml does not load: run `pamphlet check`");
        return ExitCode::from(2);
    };
    let importer = Importer::new(&config);
    let mut total = Tally::default();
    let mut rows = format!("doc\tsite\tline\tlabel\t{}\n", TITLE_FEATURES.join("\t"));
    for (name, docs) in [("train", &split.train), ("validation", &split.validation)] {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let mut score = Score::default();
        for doc in docs {
            // Only the training split is dumped: the fit never sees validation pages.
            let out = (dump.is_some() && name == "train").then_some(&mut rows);
            if let Err(e) = score_document(&importer, &dir, doc, &mut score, out) {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
        // Validation failures are never listed: see the module doc.
        print(name, &score, failures && name == "train");
        let all = score.all();
        total.pass += all.pass;
        total.total += all.total;
    }
    if let Some(path) = &dump {
        if let Err(e) = std::fs::write(path, &rows) {
            eprintln!("{}: {e}", path.display());
            return ExitCode::from(2);
        }
    }
    println!(
        "{}/{} checks ({:.1}%)",
        total.pass,
        total.total,
        100.0 * total.pass as f64 / total.total.max(1) as f64
    );
    ExitCode::SUCCESS
}
