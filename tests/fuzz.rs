//! The fuzz target: random and mutated seeds, content files and book.toml lines driven
//! through import, check and build, in-process (fast, most cases) and through the real
//! binary (fewer cases). See: issue 15.
//!
//! What must hold, whatever the input:
//! - nothing panics (in-process: no unwinding; the binary: never exit 101, no "panicked");
//! - the binary exits 0, 1 or 2, and every diagnostic names a file;
//! - nothing is written outside content/, public/ and the cache and staging folders beside
//!   them;
//! - an article that import writes, build accepts.
//!
//! CI runs a bounded number of cases (about a minute in a debug build). A longer run:
//!
//! ```text
//! PAMPHLET_FUZZ_CASES=5000 PAMPHLET_FUZZ_SEED=$RANDOM cargo test --release --test fuzz
//! ```
//!
//! `PAMPHLET_FUZZ_CASES` is the in-process case count of each property (default 160); the
//! binary runs a tenth as many. `PAMPHLET_FUZZ_SEED` picks other cases than CI's fixed
//! ones: vary it between long runs. A failure prints the minimal input proptest shrank it to; keep it as a
//! regression test in tests/safety_limits.rs or the owning module.

mod util;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pamphlet::config::Config;
use pamphlet::error::{Format, Report};
use pamphlet::import::ImportOptions;
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, RngAlgorithm, TestRng, TestRunner};

/// In-process cases per property: the default keeps the whole file near a minute in a
/// debug build on a busy machine.
fn cases() -> u32 {
    std::env::var("PAMPHLET_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(160)
}

/// Snippets that broke something once, or look like they could: long lines, control
/// characters, fences, YAML nesting, attribute blocks, paths out of seeds/.
const HOSTILE: &[&str] = &[
    "---",
    "---\ntitle: injected\n---",
    "title: x: y: [z",
    "seed: ../x",
    "seed: /etc/passwd",
    "seed: ../../../../etc/passwd",
    "slug: ../../escape",
    "slug: CON",
    "tags: [a, [b, {c: d}]]",
    "topics: [nowhere]",
    "date: 2999-12-31",
    "date: 0000-00-00",
    "comments: -1",
    "draft: maybe",
    "## Heading {#id onfocus=x}",
    "## Heading {tabindex=0 autofocus onfocus=alert(1)}",
    "[x](javascript:alert(1))",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "![i](data:text/html,<script>alert(1)</script>)",
    "## Reader responses",
    "### Reader 1",
    "\u{0}\u{1}\u{1b}[31m\u{7f}",
    "\u{feff}",
    "\r\n\r\n",
    "\t\t\t",
    "\u{202e}gnp.exe",
    "CON",
    "%s %n {{ x }} {% raw %}",
    "Ω≈ç√∫˜µ≤≥÷ 田中さんにあげて下さい 🏳️‍🌈",
    "<!-- unclosed comment",
    "```\nunclosed fence",
    "| a | b |\n|---|---|\n| c |",
    "[^1]\n\n[^1]: a footnote",
];

/// Hostile text made on demand: too long or too deep to spell out above.
fn generated(i: usize) -> String {
    match i % 7 {
        0 => "x".repeat(70_000),
        1 => format!("{} [broken](/nowhere/) end", "y".repeat(66_000)),
        2 => format!("tags: {}{}", "[".repeat(300), "]".repeat(300)),
        3 => format!(
            "title: {}",
            "Word ".repeat(40).trim_end().to_string() + " headline"
        ),
        4 => "## Same\n\n".repeat(300),
        5 => (0..150).map(|i| format!("k{i}: v\n")).collect(),
        _ => format!("tags:\n{}", "- t\n".repeat(150)),
    }
}

fn snippet(i: usize) -> String {
    if i % 4 == 0 {
        generated(i / 4)
    } else {
        HOSTILE[i % HOSTILE.len()].to_string()
    }
}

/// The repository's seeds and content files: real input to mutate.
fn corpus() -> &'static [Vec<u8>] {
    static CORPUS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let mut files = Vec::new();
        for dir in ["seeds", "content"] {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(util::repo().join(dir))
                .expect("the repository's folder")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            paths.sort();
            for p in paths {
                files.push(std::fs::read(p).expect("a corpus file"));
            }
        }
        files
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    /// XOR a byte with these bits (the text may stop being UTF-8).
    Flip(usize, u8),
    /// Repeat the line holding this offset.
    DuplicateLine(usize),
    /// A hostile snippet as a line of its own, at the line holding this offset.
    InsertLine(usize, usize),
    /// A hostile snippet right at this offset, mid-line.
    Insert(usize, usize),
    /// A hostile line into the front matter (after the first line).
    IntoFrontMatter(usize),
    Delete(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    let which = 0..HOSTILE.len() * 4;
    prop_oneof![
        (at, 1..=255u8).prop_map(|(a, b)| Mutation::Flip(a, b)),
        at.prop_map(Mutation::DuplicateLine),
        (at, which.clone()).prop_map(|(a, s)| Mutation::InsertLine(a, s)),
        (at, which.clone()).prop_map(|(a, s)| Mutation::Insert(a, s)),
        which.prop_map(Mutation::IntoFrontMatter),
        (at, 1..200usize).prop_map(|(a, n)| Mutation::Delete(a, n)),
        at.prop_map(Mutation::Truncate),
    ]
}

fn line_start(text: &[u8], at: usize) -> usize {
    text[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1)
}

fn line_end(text: &[u8], at: usize) -> usize {
    text[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(text.len(), |i| at + i + 1)
}

fn apply(mut text: Vec<u8>, m: &Mutation) -> Vec<u8> {
    let len = text.len();
    let pos = |a: usize| if len == 0 { 0 } else { a % (len + 1) };
    match *m {
        Mutation::Flip(a, bits) if len > 0 => text[a % len] ^= bits,
        Mutation::Flip(..) => {}
        Mutation::DuplicateLine(a) => {
            let at = pos(a);
            let (start, end) = (line_start(&text, at), line_end(&text, at));
            let line = text[start..end].to_vec();
            text.splice(end..end, line);
        }
        Mutation::InsertLine(a, s) => {
            let start = line_start(&text, pos(a));
            let line = format!("{}\n", snippet(s)).into_bytes();
            text.splice(start..start, line);
        }
        Mutation::Insert(a, s) => {
            let at = pos(a);
            text.splice(at..at, snippet(s).into_bytes());
        }
        Mutation::IntoFrontMatter(s) => {
            let at = line_end(&text, 0);
            let line = format!("{}\n", snippet(s)).into_bytes();
            text.splice(at..at, line);
        }
        Mutation::Delete(a, n) => {
            let at = pos(a);
            text.drain(at..(at + n).min(len));
        }
        Mutation::Truncate(a) => text.truncate(pos(a)),
    }
    text
}

/// A file: a mutated corpus file, or random text.
fn file() -> impl Strategy<Value = Vec<u8>> {
    let mutated = (0..corpus().len(), prop::collection::vec(mutation(), 0..6))
        .prop_map(|(i, ms)| ms.iter().fold(corpus()[i].clone(), apply));
    let lines = prop::collection::vec(
        prop_oneof![
            "[A-Z][a-z]{2,9}( [a-z]{1,9}){3,20}[.!?]",
            "[ -~]{0,80}",
            "\\PC{0,40}",
            (0..HOSTILE.len() * 4).prop_map(snippet),
        ],
        0..30,
    )
    .prop_map(|ls| ls.join("\n").into_bytes());
    let bytes = prop::collection::vec(any::<u8>(), 0..400);
    prop_oneof![6 => mutated, 3 => lines, 1 => bytes]
}

#[derive(Debug, Clone)]
struct Case {
    seeds: Vec<Vec<u8>>,
    content: Vec<Vec<u8>>,
    /// A hostile line added to book.toml.
    book: Option<usize>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(file(), 0..4),
        prop::collection::vec(file(), 0..3),
        prop::option::weighted(0.1, 0..HOSTILE.len() * 4),
    )
        .prop_map(|(seeds, content, book)| Case {
            seeds,
            content,
            book,
        })
}

/// A site in `outer/site`, so that anything written beside it shows up in `outer`.
struct Sandbox {
    outer: tempfile::TempDir,
}

impl Sandbox {
    fn new(case: &Case) -> Sandbox {
        let outer = tempfile::tempdir().expect("temp dir");
        let root = outer.path().join("site");
        util::copy_dir(&util::repo().join("themes"), &root.join("themes"));
        let mut book = std::fs::read_to_string(util::repo().join("book.toml")).expect("book");
        if let Some(s) = case.book {
            book = format!("{book}\n{}\n", snippet(s));
        }
        std::fs::write(root.join("book.toml"), book).expect("book.toml");
        for (dir, files, ext) in [
            ("seeds", &case.seeds, "txt"),
            ("content", &case.content, "md"),
        ] {
            std::fs::create_dir_all(root.join(dir)).expect("mkdir");
            for (i, text) in files.iter().enumerate() {
                std::fs::write(root.join(dir).join(format!("fuzz-{i}.{ext}")), text)
                    .expect("write");
            }
        }
        Sandbox { outer }
    }

    fn root(&self) -> PathBuf {
        self.outer.path().join("site")
    }

    /// Every file of the sandbox that the commands may not touch, with its bytes.
    fn untouchable(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        for entry in walkdir::WalkDir::new(self.outer.path()).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            let rel = entry
                .path()
                .strip_prefix(self.outer.path())
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            if may_write(&rel) || entry.file_type().is_dir() {
                continue;
            }
            out.insert(rel, std::fs::read(entry.path()).unwrap_or_default());
        }
        out
    }
}

/// What import, check and build may write: articles (and their backups), the site, the
/// build cache and the staging folders beside the site.
fn may_write(rel: &str) -> bool {
    let rel = rel.strip_prefix("site/").unwrap_or("");
    let first = rel.split('/').next().unwrap_or("");
    first == "content"
        || first == "public"
        || first == ".pamphlet-cache"
        || first.starts_with(".public.")
}

/// Import, check and build in-process, as `pamphlet import`, `check` and `build` run them.
/// Returns the diagnostics of each.
fn run_in_process(root: &Path) -> Vec<Report> {
    let mut reports = Vec::new();
    let mut report = Report::default();
    let Some(config) = Config::load(root, &mut report) else {
        return vec![report];
    };
    let options = ImportOptions {
        paths: vec![root.join("seeds")],
        out: config.content_dir(),
        force: false,
        explain: false,
    };
    pamphlet::import::import(&config, &options, &mut report);
    reports.push(std::mem::take(&mut report));
    pamphlet::check::check(&config, &[], &mut report);
    reports.push(std::mem::take(&mut report));
    pamphlet::build(&config, &config.build_dir(), &mut report, false);
    reports.push(report);
    reports
}

fn every_diagnostic_names_a_file(reports: &[Report], root: &Path) -> Result<(), TestCaseError> {
    for report in reports {
        for d in report.diagnostics() {
            prop_assert!(
                !d.file.as_os_str().is_empty() && !d.message.is_empty(),
                "a diagnostic without a file or message: {d:?}"
            );
        }
        // Rendering is part of every command: it must not panic either (it once did on
        // long lines).
        for format in [Format::Human, Format::Github, Format::Json] {
            report.render(format, root);
        }
    }
    Ok(())
}

/// A runner with a fixed seed, so CI runs the same cases every time (a red build is a
/// change's fault, not the dice's); `PAMPHLET_FUZZ_SEED` draws other ones.
fn runner(cases: u32) -> TestRunner {
    let seed: u64 = std::env::var("PAMPHLET_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let config = ProptestConfig {
        cases,
        failure_persistence: None,
        // Each case is a whole site: shrinking a failure is worth the wait, but not forever.
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
}

#[test]
fn import_check_and_build_survive_hostile_input() {
    runner(cases())
        .run(&case(), |case| {
            let sandbox = Sandbox::new(&case);
            let before = sandbox.untouchable();
            let reports = run_in_process(&sandbox.root());
            every_diagnostic_names_a_file(&reports, &sandbox.root())?;
            let after = sandbox.untouchable();
            prop_assert_eq!(
                before.keys().collect::<Vec<_>>(),
                after.keys().collect::<Vec<_>>(),
                "files outside content/ and public/ appeared or went"
            );
            prop_assert!(
                before == after,
                "a file outside content/ and public/ changed"
            );
            Ok(())
        })
        .unwrap();
}

/// Import must never write an article that build refuses.
#[test]
fn what_import_writes_builds() {
    let seeds = prop::collection::vec(file(), 1..4);
    runner(cases())
        .run(&seeds, |seeds| {
            let case = Case {
                seeds,
                content: Vec::new(),
                book: None,
            };
            let sandbox = Sandbox::new(&case);
            let root = sandbox.root();
            let reports = run_in_process(&root);
            every_diagnostic_names_a_file(&reports, &root)?;
            let written = util::files(&root.join("content"));
            for (stage, report) in ["check", "build"].iter().zip(&reports[1..]) {
                let errors = report.diagnostics().iter().filter(|d| d.is_error());
                prop_assert!(
                    errors.count() == 0,
                    "{stage} refused what import wrote ({written:?}):\n{}",
                    report.render(Format::Human, &root)
                );
            }
            Ok(())
        })
        .unwrap();
}

/// The same through the real binary: exit codes, panics, JSON diagnostics.
#[test]
fn the_binary_survives_hostile_input() {
    runner(cases().div_ceil(10))
        .run(&case(), |case| {
            let sandbox = Sandbox::new(&case);
            let root = sandbox.root();
            let before = sandbox.untouchable();
            for args in [
                &["import"][..],
                &["check", "--format", "json"],
                &["build"],
                &["build"],
            ] {
                let out = util::pamphlet(&root)
                    .args(args)
                    .timeout(std::time::Duration::from_secs(120))
                    .output()
                    .expect("run pamphlet");
                let stderr = String::from_utf8_lossy(&out.stderr);
                let code = out.status.code();
                prop_assert!(
                    matches!(code, Some(0..=2)),
                    "{args:?} exited with {code:?}: {stderr}"
                );
                prop_assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
                if args[0] == "check" && code != Some(2) {
                    let json: serde_json::Value =
                        serde_json::from_slice(&out.stdout).expect("check --format json");
                    for d in json["diagnostics"].as_array().into_iter().flatten() {
                        prop_assert!(
                            d["file"].as_str().is_some_and(|f| !f.is_empty()),
                            "a diagnostic without a file: {d}"
                        );
                    }
                }
            }
            prop_assert!(
                before == sandbox.untouchable(),
                "files outside content/ and public/ changed"
            );
            Ok(())
        })
        .unwrap();
}
