//! `pamphlet init`: a new archive for another campaign. Its book.toml carries that
//! campaign's title and topics (with `--example`, this repository's own welfare archive),
//! and its workflows build pamphlet from a pinned git commit: never from a crate name,
//! which anyone could publish and so run code in every archive's CI.

use std::path::{Path, PathBuf};

use crate::config::{BOOK_TEMPLATE, EXAMPLE_BOOK_TOML};
use crate::error::{Diagnostic, Report};
use crate::output::write_atomic;

/// The commit this binary was built from (recorded by build.rs), when it was built in git.
pub const BUILT_FROM: Option<&str> = option_env!("PAMPHLET_GIT_REV");

/// The workflows' lines that say where pamphlet is built from; init fills them in.
const GIT_LINE: &str = "  PAMPHLET_GIT: \"\"";
const REV_LINE: &str = "  PAMPHLET_REV: \"\"";

/// The files of a new archive, by path, besides book.toml.
const STARTER: &[(&str, &str)] = &[
    (
        ".github/workflows/check.yml",
        include_str!("../.github/workflows/check.yml"),
    ),
    (
        ".github/workflows/pages.yml",
        include_str!("../.github/workflows/pages.yml"),
    ),
    (
        ".github/PULL_REQUEST_TEMPLATE.md",
        include_str!("../.github/PULL_REQUEST_TEMPLATE.md"),
    ),
    ("CONTRIBUTING.md", include_str!("../CONTRIBUTING.md")),
    ("README.md", include_str!("starter/README.md")),
    // The .public.new-* and .public.old-* folders are a build's staging area and the site
    // it swaps out; a killed build can leave them, and the next build removes them.
    (
        ".gitignore",
        "/public\n/.pamphlet-cache\n/.public.new-*\n/.public.old-*\n",
    ),
    ("content/.gitkeep", ""),
    ("seeds/.gitkeep", ""),
];

/// What the new archive is about, and where its workflows get pamphlet.
#[derive(Debug, Default)]
pub struct InitOptions {
    pub title: Option<String>,
    /// `"Name=phrase, phrase"`, as typed.
    pub topics: Vec<String>,
    /// This repository's own book.toml instead of a new campaign's.
    pub example: bool,
    pub pamphlet_git: Option<String>,
    pub pamphlet_rev: Option<String>,
}

/// One topic of the new campaign.
#[derive(Debug, PartialEq)]
struct Topic {
    slug: String,
    name: String,
    phrases: Vec<String>,
}

/// Writes a new archive into `dir`, which must be empty or missing. Every problem with
/// the options is reported before anything is written; `None` when there was one.
pub fn init(dir: &Path, options: &InitOptions, report: &mut Report) -> Option<Vec<PathBuf>> {
    let errors = report.errors();
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() {
            report.push(
                Diagnostic::error(dir, "the folder is not empty; init never writes over files")
                    .help("give a new folder name: `pamphlet init my-archive`"),
            );
        }
    }
    let mut topics = Vec::new();
    for spec in &options.topics {
        match parse_topic(spec) {
            Ok(t) if topics.iter().any(|o: &Topic| o.slug == t.slug) => report.push(
                Diagnostic::error("--topic", format!("topic `{}` is given twice", t.slug))
                    .help("give each topic once, with all its phrases"),
            ),
            Ok(t) => topics.push(t),
            Err(d) => report.push(d),
        }
    }
    let git = options.pamphlet_git.as_deref().map(str::trim);
    if let Some(git) = git {
        if let Err(d) = check_git_url(git) {
            report.push(d);
        } else if git.split('/').any(|part| part == "USER") {
            // The README's example address, copied as it is: the first deploy would fail.
            report.push(
                Diagnostic::warning(
                    "--pamphlet-git",
                    format!("`{git}` still has the README's placeholder USER: the workflows cannot install pamphlet from it"),
                )
                .help("put the GitHub account (or the whole address) of the pamphlet repository you forked or use, in PAMPHLET_GIT at the top of both workflow files in .github/workflows/"),
            );
        }
    }
    let rev = options
        .pamphlet_rev
        .as_deref()
        .map(str::trim)
        .or(BUILT_FROM);
    match rev {
        Some(rev) if !is_rev(rev) => report.push(
            Diagnostic::error("--pamphlet-rev", format!("`{rev}` is not a git commit or tag"))
                .help("give a commit hash (e.g. from `git rev-parse HEAD` in pamphlet's repository) or a tag"),
        ),
        None if git.is_some() => report.push(
            Diagnostic::error(
                "--pamphlet-rev",
                "this pamphlet was not built from a git checkout, so init does not know which commit to pin",
            )
            .help("add --pamphlet-rev COMMIT: the commit of pamphlet's repository the archive should build"),
        ),
        _ => {}
    }
    if report.errors() > errors {
        return None;
    }
    if git.is_none() {
        report.push(
            Diagnostic::warning(
                dir.join(".github/workflows"),
                "the workflows do not know where to get pamphlet: they stop with an error until PAMPHLET_GIT is set",
            )
            .help("run init with --pamphlet-git URL (the git address of pamphlet's repository), or set PAMPHLET_GIT in both workflow files"),
        );
    }
    let book = if options.example {
        EXAMPLE_BOOK_TOML.to_string()
    } else {
        book_toml(
            options.title.as_deref().unwrap_or("Campaign archive"),
            &topics,
        )
    };
    let files = STARTER
        .iter()
        .map(|&(rel, text)| {
            let text = if rel.starts_with(".github/workflows/") {
                pin_workflow(text, git.unwrap_or(""), rev.unwrap_or(""))
            } else if rel == "README.md" {
                readme(text, options.title.as_deref())
            } else {
                text.to_string()
            };
            (rel, text)
        })
        .chain(std::iter::once(("book.toml", book)));
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Err(e) = write_atomic(&path, text.as_bytes()) {
            report.push(Diagnostic::error(&path, format!("cannot write: {e}")));
            return None;
        }
        written.push(path);
    }
    Some(written)
}

/// The archive's README, headed with its title when one was given.
fn readme(text: &str, title: Option<&str>) -> String {
    match title.map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")) {
        Some(title) if !title.is_empty() => {
            text.replacen(STARTER_README_HEADING, &format!("# {title}"), 1)
        }
        _ => text.to_string(),
    }
}

/// The starter README's first line, replaced by the archive's title.
const STARTER_README_HEADING: &str = "# Our campaign archive";

/// `"Housing=eviction, rent arrears"` -> the topic Housing with two phrases. A topic given
/// by name alone is found by its name.
fn parse_topic(spec: &str) -> Result<Topic, Diagnostic> {
    let (name, phrases) = spec.split_once('=').unwrap_or((spec, ""));
    let name = name.trim();
    let slug = crate::slug::slugify(name);
    if !name.chars().any(char::is_alphanumeric) {
        return Err(
            Diagnostic::error("--topic", format!("`{spec}` names no topic"))
                .help("write the topic's name, then = and its phrases: --topic \"Housing=eviction, rent arrears\""),
        );
    }
    let mut phrases: Vec<String> = phrases
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();
    if phrases.is_empty() {
        phrases.push(name.to_lowercase());
    }
    Ok(Topic {
        slug,
        name: name.to_string(),
        phrases,
    })
}

/// The new campaign's book.toml: the commented template with its title and topics.
fn book_toml(title: &str, topics: &[Topic]) -> String {
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut tables = String::new();
    if topics.is_empty() {
        tables.push_str(
            "# No topics yet: every article is listed as unsorted until you add some, e.g.\n\
             # [topics.housing]\n\
             # name = \"Housing\"\n\
             # description = \"Evictions, rents and the homes people can afford.\"\n\
             # phrases = { \"eviction\" = 3.0, \"rent arrears\" = 2.5, \"landlord\" = 1.5 }\n",
        );
    }
    for t in topics {
        let phrases: Vec<String> = t
            .phrases
            .iter()
            .map(|p| format!("{} = 3.0", quote(p)))
            .collect();
        tables.push_str(&format!(
            "[topics.{}]\nname = {}\ndescription = \"\"\n# Add the words articles on this topic use, each with a weight; \
             `pamphlet import --explain` shows the scores.\nphrases = {{ {} }}\n\n",
            t.slug,
            quote(&t.name),
            phrases.join(", ")
        ));
    }
    BOOK_TEMPLATE
        .replace("{{title}}", &quote(title))
        .replace("{{topics}}\n", &tables)
}

/// A workflow with its PAMPHLET_GIT and PAMPHLET_REV lines filled in.
fn pin_workflow(text: &str, git: &str, rev: &str) -> String {
    let quote = |s: &str| serde_json::Value::String(s.to_string()).to_string();
    text.replace(GIT_LINE, &format!("  PAMPHLET_GIT: {}", quote(git)))
        .replace(REV_LINE, &format!("  PAMPHLET_REV: {}", quote(rev)))
}

/// A git address cargo can fetch from. The workflows pass it to a shell through the
/// environment, but GitHub reads `${{ }}` in it first, so only address characters pass.
fn check_git_url(url: &str) -> Result<(), Diagnostic> {
    let scheme_ok = ["https://", "http://", "ssh://", "git://", "file://"]
        .iter()
        .any(|s| url.len() > s.len() && url[..s.len()].eq_ignore_ascii_case(s));
    let chars_ok = url
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-._~:/?#[]@!&'()*+,;=%".contains(c));
    if scheme_ok && chars_ok {
        Ok(())
    } else {
        Err(Diagnostic::error(
            "--pamphlet-git",
            format!("`{url}` is not a git address cargo can install from"),
        )
        .help(
            "give the address of pamphlet's git repository, e.g. https://github.com/USER/pamphlet",
        ))
    }
}

/// A commit hash, tag or branch name: nothing a shell or YAML would read differently.
fn is_rev(rev: &str) -> bool {
    !rev.is_empty()
        && !rev.starts_with('-')
        && rev
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._/".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_topic_is_a_name_and_its_phrases() {
        assert_eq!(
            parse_topic("Housing = eviction, rent arrears,").unwrap(),
            Topic {
                slug: "housing".into(),
                name: "Housing".into(),
                phrases: vec!["eviction".into(), "rent arrears".into()],
            }
        );
        assert_eq!(
            parse_topic("Fuel poverty").unwrap().phrases,
            ["fuel poverty"]
        );
        assert!(parse_topic("=eviction").is_err());
        assert!(parse_topic(" - =eviction").is_err());
    }

    #[test]
    fn the_book_names_the_campaign_and_nothing_of_the_example() {
        let topics = [parse_topic("Housing \"Crisis\"=eviction").unwrap()];
        let text = book_toml("Tenants' \"union\"", &topics);
        let mut report = Report::default();
        let config = crate::config::Config::parse(
            Path::new("."),
            &text,
            Path::new("book.toml"),
            &mut report,
        )
        .unwrap();
        assert!(report.is_empty(), "{report:?}");
        assert_eq!(config.book.title, "Tenants' \"union\"");
        assert_eq!(config.topics.len(), 1);
        assert_eq!(config.topics[0].name, "Housing \"Crisis\"");
        assert_eq!(config.topics[0].phrases, [("eviction".to_string(), 3.0)]);
        assert!(config.tags.aliases.is_empty());
        assert!(!text.contains("welfare") && !text.contains("NHS"));
    }

    #[test]
    fn both_workflows_are_pinned() {
        for (rel, text) in STARTER.iter().filter(|(r, _)| r.contains("workflows")) {
            let pinned = pin_workflow(text, "https://example.org/p.git", "abc123");
            assert!(
                pinned.contains("  PAMPHLET_GIT: \"https://example.org/p.git\"\n")
                    && pinned.contains("  PAMPHLET_REV: \"abc123\"\n"),
                "{rel}"
            );
        }
    }

    #[test]
    fn addresses_that_could_run_code_are_refused() {
        assert!(check_git_url("https://github.com/u/pamphlet").is_ok());
        assert!(check_git_url("file:///srv/git/pamphlet").is_ok());
        for bad in [
            "pamphlet",
            "https://x/${{ github.token }}",
            "https://x/a b",
            "-u",
        ] {
            assert!(check_git_url(bad).is_err(), "{bad}");
        }
        assert!(is_rev("0123abc") && is_rev("v1.0"));
        assert!(!is_rev("--upload-pack=x") && !is_rev("a b"));
    }
}
