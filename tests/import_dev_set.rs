//! The importer against a development set of pasted pages it was not written for:
//! news sites, blogs and forums of several platforms, and off-topic pages.
//! Each case is `tests/fixtures/import/dev/<case>.txt` with the values a careful person
//! would extract in `<case>.toml`.

use std::collections::BTreeSet;
use std::path::Path;

use pamphlet::config::Config;
use pamphlet::content::escape::unescape;
use pamphlet::content::responses::HEADING as RESPONSES_HEADING;
use pamphlet::import::{Importer, Seed};
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    title: String,
    date: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    topics: Vec<String>,
    comments: usize,
    #[serde(default)]
    body_contains: Vec<String>,
    #[serde(default)]
    comments_contain: Vec<String>,
    #[serde(default)]
    chrome_absent: Vec<String>,
}

#[test]
fn dev_set_is_imported_as_a_person_would() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/dev");
    let config = Config::example_at(&dir);
    let importer = Importer::new(&config);
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    {
        cases += 1;
        let case = path.file_stem().unwrap().to_string_lossy().into_owned();
        let expected: Expected =
            toml::from_str(&std::fs::read_to_string(path.with_extension("toml")).unwrap()).unwrap();
        let (seed, _) = Seed::new(format!("{case}.txt"), &std::fs::read(path).unwrap()).unwrap();
        let doc = importer.convert(&seed);
        let f = &doc.front;
        let mut fail = |what: &str, got: String, want: String| {
            if got != want {
                failures.push(format!("{case}: {what}: got {got:?}, want {want:?}"));
            }
        };
        fail("title", f.title.clone(), expected.title.clone());
        fail(
            "date",
            format!("{:?}", f.date.map(|d| d.to_string())),
            format!("{:?}", expected.date),
        );
        fail(
            "author",
            format!("{:?}", f.author),
            format!("{:?}", expected.author),
        );
        fail(
            "publisher",
            format!("{:?}", f.publisher),
            format!("{:?}", expected.publisher),
        );
        let topics: BTreeSet<_> = f.topics.iter().cloned().collect();
        let want: BTreeSet<_> = expected.topics.iter().cloned().collect();
        fail("topics", format!("{topics:?}"), format!("{want:?}"));
        fail(
            "comments",
            f.comments.to_string(),
            expected.comments.to_string(),
        );
        let text = unescape(&doc.body).replace(['<', '>'], "");
        let (article, responses) = text.split_once(RESPONSES_HEADING).unwrap_or((&text, ""));
        for s in &expected.body_contains {
            if !article.contains(s.as_str()) {
                failures.push(format!("{case}: article lacks {s:?}"));
            }
        }
        for s in &expected.comments_contain {
            if !responses.contains(s.as_str()) {
                failures.push(format!("{case}: responses lack {s:?}"));
            }
        }
        let whole = format!("{}\n{}", serde_yaml::to_string(f).unwrap(), text);
        for s in &expected.chrome_absent {
            if whole.contains(s.as_str()) {
                failures.push(format!("{case}: chrome kept: {s:?}"));
            }
        }
    }
    assert!(cases >= 10, "the dev set is missing");
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
