//! `pamphlet search` over the repository's archive: exact ranked lists for a set of
//! queries, the same answers before and after a build, byte-identical index files from
//! two builds, and a clear error for a damaged index.

mod util;

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;
use serde_json::Value;
use util::Site;

fn search(site: &Site, args: &[&str]) -> Value {
    let out = site
        .cmd()
        .arg("search")
        .args(args)
        .args(["--json", "--limit", "0"])
        .output()
        .expect("run pamphlet search");
    assert!(
        out.status.success(),
        "pamphlet search {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The slugs of the results, in order.
fn slugs(v: &Value) -> Vec<String> {
    v["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            let url = r["url"].as_str().expect("url");
            url.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

const GARRY: &str = "garry-joness-blog-16-july-2019";
const PETITION: &str =
    "60-000-sign-staffordshire-cancer-care-petition-to-stop-backdoor-privatisation";
const GPS: &str = "gps-to-arrange-coordination-of-health-and-social-care-pfft-updated";
const DWP: &str = "clear-these-dwp-parasites-out-of-gp-surgeries";
const IAPT: &str =
    "opinion-piece-iapt-is-value-laden-non-prefigurative-non-dialogic-antidemocratic";

/// (arguments, expected slugs in order).
fn cases() -> Vec<(Vec<&'static str>, Vec<&'static str>)> {
    vec![
        (vec!["dwp"], vec![DWP]),
        (vec!["privatisation"], vec![PETITION]),
        (vec!["social prescribing"], vec![GARRY, GPS]),
        // Body matches first (the two tie: the newer wins); matches only in reader
        // responses last.
        (vec!["nhs"], vec![GARRY, PETITION, GPS, DWP]),
        (vec!["\"the work programme\""], vec![IAPT]),
        (vec!["\"work the programme\""], vec![]),
        (vec!["nhs -privatisation"], vec![GARRY, GPS, DWP]),
        // Prefix of the last word, while typing.
        (vec!["privat"], vec![PETITION]),
        // Diacritics folded both ways: the text has "naïve".
        (vec!["naive"], vec![GARRY]),
        (vec!["nhs", "--topic", "privatisation"], vec![PETITION]),
        (vec!["nhs", "--by-date"], vec![GARRY, PETITION, DWP, GPS]),
        (vec!["cameron"], vec![DWP]),
    ]
}

#[test]
fn queries_give_the_expected_ranked_lists_before_and_after_a_build() {
    let site = Site::with_repo_archive();
    for (args, expected) in cases() {
        let v = search(&site, &args);
        assert_eq!(slugs(&v), expected, "before the build: {args:?}");
        assert!(v["index"].as_str().unwrap().contains("not built"));
    }
    site.cmd().arg("build").assert().success();
    for (args, expected) in cases() {
        let v = search(&site, &args);
        assert_eq!(slugs(&v), expected, "after the build: {args:?}");
        assert!(v["index"].as_str().unwrap().contains("search"));
    }
}

#[test]
fn results_say_what_matched_and_what_it_cost() {
    let site = Site::with_repo_archive();
    site.cmd().arg("build").assert().success();
    let v = search(&site, &["cameron"]);
    let r = &v["results"][0];
    assert_eq!(r["snippet"]["response"], "Response 1");
    assert!(r["snippet"]["html"]
        .as_str()
        .unwrap()
        .contains("<mark>Cameron</mark>"));
    assert_eq!(v["facets"]["topics"][0]["value"], "welfare-conditionality");
    // What the page downloads: the script, meta, facets, the word's shards, fragments.
    let fetched: Vec<&str> = v["fetched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        fetched[..4],
        ["search-core.js", "search.js", "meta.bin", "facets.bin"]
    );
    assert!(fetched.iter().any(|p| p.starts_with("t/")));
    assert!(
        !fetched.iter().any(|p| p.starts_with("p/")),
        "no phrase, no positions"
    );
    assert!(fetched.last().unwrap().starts_with("f/"), "{fetched:?}");
    let total: u64 = v["fetched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["bytes"].as_u64().unwrap())
        .sum();
    assert_eq!(v["bytes_fetched"].as_u64(), Some(total));
    let text = site.cmd().args(["search", "naive"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("1 result for \"naive\""), "{text}");
    assert!(text.contains("*naïve*"), "{text}");
}

#[test]
fn the_index_is_deterministic() {
    let site = Site::with_repo_archive();
    for out in ["a", "b"] {
        let dir = site.path().join(out);
        site.cmd()
            .arg("build")
            .arg("--out")
            .arg(dir)
            .assert()
            .success();
    }
    let a = util::files(&site.path().join("a"));
    let index: Vec<&String> = a.iter().filter(|f| f.starts_with("search/")).collect();
    assert!(index.len() > 10, "{index:?}");
    assert_eq!(a, util::files(&site.path().join("b")));
    for f in index {
        assert_eq!(
            std::fs::read(site.path().join("a").join(f)).unwrap(),
            std::fs::read(site.path().join("b").join(f)).unwrap(),
            "{f}"
        );
    }
    let page = site.read("a/search/index.html");
    assert!(
        page.contains("data-index=\"/search/"),
        "the page names the index"
    );
}

#[test]
fn a_damaged_index_is_reported() {
    let site = Site::with_repo_archive();
    site.cmd().arg("build").assert().success();
    let dir = std::fs::read_dir(site.path().join("public/search"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.is_dir())
        .unwrap();
    std::fs::write(dir.join("meta.bin"), b"garbage").unwrap();
    site.cmd()
        .args(["search", "nhs"])
        .assert()
        .failure()
        .stderr(contains("cannot load search index file meta.bin"))
        .stderr(contains("pamphlet build"));
}

/// Three articles for the ranking cases of issue 22: one with "design composed of"
/// side by side, one with the same words scattered (more often, and "design" in its
/// title, so it wins on word scores alone), one about a book.
fn issue_22_site() -> Site {
    let site = Site::new();
    site.write(
        "content/lamp.md",
        "---\ntitle: A lamp\ndate: 2019-01-01\n---\nThe lamp is a modular design composed of \
         glass elements, and the rest of this text is about light and glass.\n",
    );
    site.write(
        "content/scattered.md",
        "---\ntitle: Design notes\ndate: 2019-02-01\n---\nDesign is hard. We made an offer to \
         the council. The music was composed later, by a friend, for the opening night. \
         Design again, and design once more.\n",
    );
    site.write(
        "content/reading.md",
        "---\ntitle: Reading\ndate: 2019-03-01\n---\nA book about the council, and a design \
         for the library.\n",
    );
    site.write(
        "content/memoir.md",
        "---\ntitle: Memoir\ndate: 2018-01-01\n---\nHe wrote about the council in his book, \
         a memoir of light.\n",
    );
    site
}

// See: issue 22. The last word is still being typed, and it is a stop word: it and the
// words it begins ("offer") never narrow the results.
#[test]
fn issue_22_a_trailing_stop_word_finds_what_the_words_before_it_find() {
    let site = issue_22_site();
    for built in [false, true] {
        if built {
            site.cmd().arg("build").assert().success();
        }
        let without = slugs(&search(&site, &["design composed"]));
        assert_eq!(without, ["lamp", "scattered"], "built: {built}");
        assert_eq!(slugs(&search(&site, &["design composed of"])), without);
        assert_eq!(slugs(&search(&site, &["design composed of "])), without);
        // A stop word alone is still searched for.
        assert!(!slugs(&search(&site, &["of"])).is_empty());
    }
}

// See: issue 22. Words side by side, as typed, outrank the same words scattered, and a
// stop word next to a single other word breaks the tie.
#[test]
fn issue_22_proximity_and_stop_words_rank() {
    let site = issue_22_site();
    site.cmd().arg("build").assert().success();
    assert_eq!(
        slugs(&search(&site, &["composed design"])),
        ["scattered", "lamp"],
        "out of order: the word scores decide"
    );
    // Word scores alone put "reading" first (newer, shorter); "his" lifts the memoir.
    assert_eq!(
        slugs(&search(&site, &["in his book"])),
        ["memoir", "reading"]
    );
    assert_eq!(slugs(&search(&site, &["book"])), ["reading", "memoir"]);
    let v = search(&site, &["design composed"]);
    let fetched: Vec<&str> = v["fetched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(fetched.iter().any(|p| p.starts_with("p/")), "{fetched:?}");
}

/// Issue 19: `--tag DWP` found nothing where the site shows the tag as "DWP" (only
/// `--tag dwp` worked), an unknown `--topic` gave "0 results", and a stale index in
/// public/ answered without a word.
#[test]
fn filters_are_named_as_the_site_shows_them_and_a_stale_index_is_named() {
    let site = Site::with_repo_archive();
    site.cmd().arg("build").assert().success();
    for (shown, slug) in [
        (vec!["--tag", "DWP"], vec!["--tag", "dwp"]),
        (
            vec!["--topic", "PRIVATISATION"],
            vec!["--topic", "privatisation"],
        ),
        (
            vec!["--topic", "Welfare conditionality"],
            vec!["--topic", "welfare-conditionality"],
        ),
    ] {
        let by_name = slugs(&search(&site, &[&["nhs"], &shown[..]].concat()));
        assert!(!by_name.is_empty(), "{shown:?} finds nothing");
        assert_eq!(
            by_name,
            slugs(&search(&site, &[&["nhs"], &slug[..]].concat()))
        );
    }
    site.cmd()
        .args(["search", "nhs", "--topic", "housing"])
        .assert()
        .code(1)
        .stderr(contains("no topic `housing`"))
        .stderr(contains("Welfare conditionality (welfare-conditionality)"));
    site.cmd()
        .args(["search", "nhs", "--tag", "DWPP"])
        .assert()
        .code(1)
        .stderr(contains("DWP"));
    site.cmd()
        .args(["search", "nhs"])
        .assert()
        .success()
        .stderr(contains("older").not());
    // An article edited after the build.
    let article = std::fs::read_dir(site.path().join("content"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::File::options()
        .append(true)
        .open(&article)
        .unwrap()
        .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(3600))
        .unwrap();
    site.cmd()
        .args(["search", "nhs"])
        .assert()
        .success()
        .stderr(contains("older than content/"))
        .stderr(contains("pamphlet build"));
}
