//! Property tests of the importer on random and mutated pasted text: it never panics,
//! its front matter always parses back to the same values, its slugs are always safe, and
//! every line of the page that is not chrome survives somewhere in the output.

use std::path::Path;

use pamphlet::config::Config;
use pamphlet::content::escape::unescape;
use pamphlet::content::front_matter::{self, FrontMatter};
use pamphlet::import::batch::render_file;
use pamphlet::import::{Importer, Seed};
use proptest::prelude::*;

fn importer_config() -> Config {
    Config::example_at(Path::new("."))
}

/// Lines a pasted page is made of: prose, headlines, chrome, markers, dates, YAML- and
/// Markdown-looking text, URLs, bullets, odd characters.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{2,9}( [a-z]{1,9}){5,25}[.!?]",
        "[A-Z][a-z]{2,9}( [A-Za-z]{1,9}){2,8}",
        Just("Advertisement".to_string()),
        Just("Leave a Reply".to_string()),
        Just("3 thoughts on “A headline”".to_string()),
        Just("Share this:".to_string()),
        Just("Published by".to_string()),
        Just("Home >> News >> Blog".to_string()),
        Just("Tue 16 Jul 2019".to_string()),
        Just("By Jane Smith, Health Correspondent".to_string()),
        Just("Source: A story about cuts | Politics | The Paper".to_string()),
        Just("---".to_string()),
        Just("title: not front matter".to_string()),
        Just("# not a heading".to_string()),
        Just("  • a bullet point about sanctions".to_string()),
        Just("1. a numbered line".to_string()),
        Just("https://example.org/a_b?c=d".to_string()),
        Just("\u{a0}".to_string()),
        Just("".to_string()),
        "[ -~]{0,60}",
        "\\PC{0,40}",
    ]
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 1..40).prop_map(|lines| lines.join("\n"))
}

/// The words of the output a reader would see, for "does this line survive" checks:
/// front matter values as they are, the Markdown body without its escapes.
fn visible(front: &FrontMatter, body: &str) -> String {
    let values = [
        Some(front.title.as_str()),
        front.author.as_deref(),
        front.publisher.as_deref(),
        front.source.as_deref(),
        front.summary.as_deref(),
    ];
    let values: Vec<&str> = values.into_iter().flatten().collect();
    let plain = format!("{}\n{}", values.join("\n"), unescape(body)).replace(['<', '>'], "");
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn import_never_panics_and_its_front_matter_round_trips(text in page()) {
        let config = importer_config();
        let importer = Importer::new(&config);
        let Ok((seed, _)) = Seed::new("seed.txt", text.as_bytes()) else { return Ok(()) };
        let doc = importer.convert(&seed);
        let file = render_file(&doc);
        let split = front_matter::split(&file).expect("the file starts with front matter");
        let back: FrontMatter = serde_yaml::from_str(split.yaml).expect("the front matter is valid YAML");
        let mut expected = doc.front.clone();
        expected.import_sha256 = back.import_sha256.clone();
        prop_assert_eq!(back, expected);
        let slug = doc.front.slug.clone().unwrap_or_default();
        prop_assert!(!slug.is_empty() && slug.len() <= pamphlet::slug::MAX_SLUG_LEN);
        prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{}", slug);
        prop_assert!(!slug.contains("..") && !slug.starts_with('-'));
    }

    #[test]
    fn every_line_that_is_not_chrome_survives(text in page()) {
        let config = importer_config();
        let importer = Importer::new(&config);
        let Ok((seed, _)) = Seed::new("seed.txt", text.as_bytes()) else { return Ok(()) };
        let doc = importer.convert(&seed);
        let output = visible(&doc.front, &doc.body);
        let dropped: Vec<usize> = doc.explanation.dropped.iter().map(|(n, _, _)| *n).collect();
        for (i, raw) in seed.text.split('\n').enumerate() {
            let line = raw.replace('\u{a0}', " ");
            let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
            if words.is_empty() || dropped.contains(&(i + 1)) {
                continue;
            }
            // A bullet's marker and a list number are formatting, not text.
            let core = words.trim_start_matches(['•', '◦', '▪', '·', '–', '-', '*', ' ']);
            let core = core.split_once(". ").filter(|(n, _)| n.parse::<u32>().is_ok()).map_or(core, |(_, rest)| rest);
            // Link brackets are formatting too (a bare URL becomes <URL>), and a "Source:"
            // label becomes the `source:` key.
            // (Removed before trimming: "> f" reads "f", not " f".)
            let core = core.replace(['<', '>'], "").trim().to_string();
            let core = core.strip_prefix("Source: ").map_or(core.clone(), str::to_string);
            prop_assert!(
                output.contains(&core),
                "line {} {:?} is neither in the output nor reported as left out\noutput: {}",
                i + 1, words, output
            );
        }
    }

    #[test]
    fn mutated_seeds_import_without_panicking(seed_index in 0usize..5, cut in 0usize..4000, insert in "\\PC{0,30}") {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        names.sort();
        let mut text = std::fs::read_to_string(&names[seed_index]).unwrap();
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.insert_str(at, &insert);
        let config = importer_config();
        let importer = Importer::new(&config);
        if let Ok((seed, _)) = Seed::new("seed.txt", text.as_bytes()) {
            let doc = importer.convert(&seed);
            let file = render_file(&doc);
            prop_assert!(front_matter::split(&file).is_some());
        }
    }
}
