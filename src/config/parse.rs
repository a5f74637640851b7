//! book.toml's text -> [`Config`]: the raw tables as written, and their validation. Every
//! problem is reported at its line; a key pamphlet does not know is a warning.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::locate::{find_key, find_value, locate_key};
use super::watch::{watches, RawWatch};
use super::{
    is_web_address, Book, Build, Classify, Comments, Config, Exports, Html, ImportRules, TagRules,
    TopicConfig,
};
use crate::error::{line_col, Diagnostic, Report};

/// How many topics a taxonomy may have. Every import scores every page against every
/// topic's phrases, and a pull request can change book.toml: a taxonomy of thousands of
/// topics made one import take a minute. No campaign sorts its archive into more.
pub const TOPICS_MAX: usize = 200;

/// book.toml as written. No [topics] table is an empty taxonomy: every article unsorted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawBook {
    book: Book,
    build: Build,
    output: RawOutput,
    classify: Classify,
    topics: BTreeMap<String, RawTopic>,
    tags: RawTags,
    import: RawImport,
    comments: Comments,
    exports: Exports,
    watch: Vec<RawWatch>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawOutput {
    html: Html,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawTopic {
    name: Option<String>,
    description: String,
    phrases: BTreeMap<String, f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawTags {
    vocabulary: Vec<String>,
    aliases: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
struct RawImport {
    chrome_lines: Vec<String>,
    chrome_patterns: Vec<String>,
}

impl Config {
    /// Parses book.toml text; `file` names it in diagnostics.
    pub fn parse(root: &Path, text: &str, file: &Path, report: &mut Report) -> Option<Config> {
        let mut unknown = Vec::new();
        let de = toml::Deserializer::new(text);
        let raw: RawBook = match serde_ignored::deserialize(de, |path| {
            unknown.push(path.to_string())
        }) {
            Ok(raw) => raw,
            Err(e) => {
                let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
                report.push(
                    Diagnostic::error(file, format!("book.toml is not valid: {}", e.message()))
                        .at(line, col)
                        .help("fix the value at this line; see the commented default with `pamphlet init`"),
                );
                return None;
            }
        };
        for key in unknown {
            let (line, col) = find_key(text, &key);
            report.push(
                Diagnostic::warning(file, format!("unknown key `{key}` in book.toml is ignored"))
                    .at(line, col)
                    .help("check its spelling and section against the default book.toml"),
            );
        }
        let raw_topics = raw.topics;
        let mut ok = true;
        if raw_topics.len() > TOPICS_MAX {
            let (line, col) = raw_topics
                .keys()
                .nth(TOPICS_MAX)
                .map_or((1, 1), |slug| find_key(text, &format!("topics.{slug}")));
            report.push(
                Diagnostic::error(
                    file,
                    format!(
                        "book.toml has {} topics: an archive may have at most {TOPICS_MAX}",
                        raw_topics.len()
                    ),
                )
                .at(line, col)
                .help("merge narrow topics into broader ones, and use tags for the rest"),
            );
            return None;
        }
        let mut topics = Vec::new();
        for (slug, t) in raw_topics {
            if crate::slug::slugify(&slug) != slug {
                let (line, col) = find_key(text, &format!("topics.{slug}"));
                report.push(
                    Diagnostic::error(file, format!("topic `{slug}` is not a valid slug"))
                        .at(line, col)
                        .help(format!(
                            "use lower-case letters, digits and hyphens, e.g. `{}`",
                            crate::slug::slugify(&slug)
                        )),
                );
                ok = false;
                continue;
            }
            topics.push(TopicConfig {
                name: t.name.unwrap_or_else(|| slug.replace('-', " ")),
                description: t.description,
                phrases: t.phrases.into_iter().collect(),
                slug,
            });
        }
        let aliases = raw.tags.aliases;
        let mut chrome_patterns = Vec::new();
        for p in &raw.import.chrome_patterns {
            match regex::Regex::new(&format!("(?i){p}")) {
                Ok(re) => chrome_patterns.push(re),
                Err(e) => {
                    let (line, col) = find_value(text, p);
                    report.push(
                        Diagnostic::error(
                            file,
                            format!("chrome pattern `{p}` is not a valid regular expression: {e}"),
                        )
                        .at(line, col),
                    );
                    ok = false;
                }
            }
        }
        if raw.build.page_size == 0 {
            let (line, col) = find_key(text, "build.page-size");
            report
                .push(Diagnostic::error(file, "build.page-size must be at least 1").at(line, col));
            ok = false;
        }
        // Both become links on every page, and book.toml can come in a pull request.
        for (key, url) in [
            ("git-repository-url", &raw.output.html.git_repository_url),
            ("edit-url-template", &raw.output.html.edit_url_template),
        ] {
            if !url.is_empty() && !is_web_address(url.trim()) {
                let (line, col) = find_key(text, &format!("output.html.{key}"));
                report.push(
                    Diagnostic::error(file, format!("{key} `{url}` is not a web address"))
                        .at(line, col)
                        .help("write an address starting with https://, or \"\" for none"),
                );
                ok = false;
            }
        }
        let watches = watches(raw.watch, &topics, text, file, report);
        if !ok {
            return None;
        }
        let watches = watches?;
        let build_dir_at = locate_key(text, "build.build-dir");
        Some(Config {
            root: root.to_path_buf(),
            book: raw.book,
            build: raw.build,
            html: raw.output.html,
            classify: raw.classify,
            topics,
            tags: TagRules {
                vocabulary: raw.tags.vocabulary,
                aliases,
            },
            comments: raw.comments,
            exports: raw.exports,
            watches,
            build_dir_at,
            import: ImportRules {
                chrome_lines: raw
                    .import
                    .chrome_lines
                    .iter()
                    .map(|l| l.trim().to_lowercase())
                    .collect(),
                chrome_patterns,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Option<Config>, Report) {
        let mut report = Report::default();
        let config = Config::parse(Path::new("."), text, Path::new("book.toml"), &mut report);
        (config, report)
    }

    /// Found in issue 19: every archive got the welfare archive's topics and NHS aliases.
    #[test]
    fn defaults_hold_no_campaigns_topics_or_aliases() {
        let (c, r) = parse("");
        let c = c.unwrap();
        assert!(r.is_empty());
        assert!(c.topics.is_empty());
        assert!(c.tags.aliases.is_empty());
        let (c, _) = parse("[tags.aliases]\n\"HA\" = \"Housing Association\"\n");
        assert_eq!(c.unwrap().tags.aliases.len(), 1);
    }

    #[test]
    fn the_example_has_the_three_topics() {
        let c = Config::example_at(Path::new("."));
        let slugs: Vec<_> = c.topics.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(
            slugs,
            [
                "privatisation",
                "social-prescribing",
                "welfare-conditionality"
            ]
        );
        assert_eq!(c.build.page_size, 20);
    }

    #[test]
    fn a_site_can_replace_the_taxonomy() {
        let (c, r) = parse("[topics.housing]\nname = \"Housing\"\nphrases = { eviction = 2.0 }\n");
        let c = c.unwrap();
        assert!(r.is_empty());
        assert_eq!(c.topics.len(), 1);
        assert_eq!(c.topics[0].phrases, vec![("eviction".to_string(), 2.0)]);
    }

    #[test]
    fn malformed_toml_names_the_line() {
        let (c, r) = parse("[book]\ntitle = \"x\"\ndescription = \n");
        assert!(c.is_none());
        let d = &r.diagnostics()[0];
        assert!(d.is_error());
        assert_eq!(d.line, Some(3));
    }

    #[test]
    fn wrong_type_names_the_line() {
        let (c, r) = parse("[build]\npage-size = \"many\"\n");
        assert!(c.is_none());
        assert_eq!(r.diagnostics()[0].line, Some(2));
    }

    #[test]
    fn unknown_keys_are_warnings_with_their_line() {
        let (c, r) = parse("[book]\ntitel = \"x\"\n[outptu]\n");
        assert!(c.is_some());
        let msgs: Vec<_> = r
            .diagnostics()
            .iter()
            .map(|d| (d.message.clone(), d.line))
            .collect();
        assert!(
            msgs.iter()
                .any(|(m, l)| m.contains("book.titel") && *l == Some(2)),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|(m, l)| m.contains("outptu") && *l == Some(3)),
            "{msgs:?}"
        );
    }
}
