//! `book.toml` -> [`Config`]. Every default lives here. `default_book.toml` is the
//! commented file `pamphlet init` fills in for a new campaign; the defaults hold no
//! campaign's topics or tag aliases, so an archive has only the ones its book.toml names.
//!
//! ```toml
//! [book]
//! title = "Campaign archive"
//! [build]
//! content-dir = "content"
//! [output.html]
//! site-url = "https://user.github.io/archive/"
//! [topics.privatisation]
//! name = "Privatisation"
//! phrases = { "outsourcing" = 2.5 }
//! ```
//!
//! A malformed file is an error with its line; a key pamphlet does not know is a warning
//! naming it, because a typo (`titel`) would otherwise be silently ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{line_col, Diagnostic, Report};
use crate::layout;

/// The commented book.toml `pamphlet init` starts from: `{{title}}` and `{{topics}}` are
/// filled in with the new campaign's own (see `init::book_toml`).
pub const BOOK_TEMPLATE: &str = include_str!("default_book.toml");

/// This repository's own book.toml: the health and welfare archive's topics and tag
/// aliases, written by `pamphlet init --example` and used as a worked example by tests.
pub const EXAMPLE_BOOK_TOML: &str = include_str!("../book.toml");

/// How many topics a taxonomy may have. Every import scores every page against every
/// topic's phrases, and a pull request can change book.toml: a taxonomy of thousands of
/// topics made one import take a minute. No campaign sorts its archive into more.
pub const TOPICS_MAX: usize = 200;

/// Everything a stage needs to know about the site. Built once from book.toml and the CLI.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root: the folder holding book.toml.
    pub root: PathBuf,
    pub book: Book,
    pub build: Build,
    pub html: Html,
    pub classify: Classify,
    pub topics: Vec<TopicConfig>,
    pub tags: TagRules,
    pub import: ImportRules,
    pub comments: Comments,
    pub exports: Exports,
    /// Saved searches, each published as a feed (`[[watch]]`).
    pub watches: Vec<Watch>,
    /// Line and column of `build-dir` in book.toml, when it is set there: a refused
    /// output folder is reported at the line that chose it.
    pub build_dir_at: Option<(usize, usize)>,
}

/// How reader responses are published. `hide` keeps them in content/ but off the site and
/// out of search; `anonymise` replaces commenters' names with "Reader 1", "Reader 2"…
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentMode {
    #[default]
    Show,
    Collapse,
    Hide,
    #[serde(alias = "anonymize")]
    Anonymise,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Comments {
    pub mode: CommentMode,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Exports {
    /// Put reader responses in archive.json and archive.csv.
    pub include_responses: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct Book {
    pub title: String,
    pub description: String,
    pub language: String,
    pub authors: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Build {
    pub content_dir: PathBuf,
    pub build_dir: PathBuf,
    pub theme: String,
    pub page_size: usize,
    /// Set from `--drafts`, never from book.toml.
    #[serde(skip)]
    pub drafts: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Html {
    pub site_url: String,
    pub git_repository_url: String,
    pub edit_url_template: String,
    pub allow_raw_html: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Classify {
    pub threshold: f64,
    pub min_share: f64,
}

/// One topic of the taxonomy.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicConfig {
    pub slug: String,
    pub name: String,
    pub description: String,
    /// Key phrases and their weights, sorted by phrase.
    pub phrases: Vec<(String, f64)>,
}

#[derive(Debug, Clone, Default)]
pub struct TagRules {
    /// Names to look for in the text, beyond the built-in ones.
    pub vocabulary: Vec<String>,
    /// Variant (as written) -> canonical tag.
    pub aliases: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Default)]
pub struct ImportRules {
    /// Extra chrome lines, lower-cased.
    pub chrome_lines: Vec<String>,
    /// Extra chrome patterns, compiled.
    pub chrome_patterns: Vec<regex::Regex>,
}

impl Default for Book {
    fn default() -> Self {
        Book {
            title: "Campaign archive".into(),
            description: String::new(),
            language: "en".into(),
            authors: Vec::new(),
        }
    }
}

impl Default for Build {
    fn default() -> Self {
        Build {
            content_dir: layout::CONTENT.into(),
            build_dir: "public".into(),
            theme: "default".into(),
            page_size: 20,
            drafts: false,
        }
    }
}

impl Default for Html {
    fn default() -> Self {
        Html {
            site_url: "/".into(),
            git_repository_url: String::new(),
            edit_url_template: String::new(),
            allow_raw_html: false,
        }
    }
}

impl Default for Classify {
    fn default() -> Self {
        Classify {
            threshold: 3.0,
            min_share: 0.5,
        }
    }
}

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

/// How many saved searches a site may declare: each is a query run at every build.
pub const WATCHES_MAX: usize = 100;

/// A saved search (`[[watch]]` in book.toml). Its results, newest first, are published as
/// an Atom feed at `/watch/<slug>/feed.xml`, so a campaigner hears of every new article
/// that matches.
///
/// ```toml
/// [[watch]]
/// name = "Sanctions in Scotland"
/// query = "sanctions"
/// topics = ["welfare-conditionality"]   # every one listed (slug or name)
/// tags = ["Scotland"]                   # every one listed (name or slug)
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watch {
    pub name: String,
    pub slug: String,
    /// Words as `pamphlet search` takes them.
    pub query: String,
    /// Topic slugs.
    pub topics: Vec<String>,
    /// Tag slugs.
    pub tags: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawWatch {
    name: String,
    query: String,
    topics: Vec<String>,
    tags: Vec<String>,
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
    /// Reads `<root>/book.toml`. A missing file gives the defaults (with a warning), so
    /// `pamphlet import` works in any folder of pasted text.
    pub fn load(root: &Path, report: &mut Report) -> Option<Config> {
        let path = root.join("book.toml");
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(root, &text, Path::new("book.toml"), report),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                report.push(
                    Diagnostic::warning(&path, "no book.toml here; using the defaults").help(
                        "run the command in the archive's folder, pass --root DIR, or start one with `pamphlet init DIR`",
                    ),
                );
                Config::parse(root, "", Path::new("book.toml"), report)
            }
            Err(e) => {
                report.push(Diagnostic::error(
                    &path,
                    format!("cannot read book.toml: {e}"),
                ));
                None
            }
        }
    }

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

    /// The example archive's settings ([`EXAMPLE_BOOK_TOML`]), rooted at `root`: for tests
    /// that need a real taxonomy and aliases without a book.toml on disk.
    pub fn example_at(root: &Path) -> Config {
        let mut report = Report::default();
        Config::parse(root, EXAMPLE_BOOK_TOML, Path::new("book.toml"), &mut report)
            .unwrap_or_else(|| unreachable!("the example book.toml parses"))
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join(&self.build.content_dir)
    }

    pub fn build_dir(&self) -> PathBuf {
        self.root.join(&self.build.build_dir)
    }

    pub fn seeds_dir(&self) -> PathBuf {
        self.root.join(layout::SEEDS)
    }

    /// Every theme's folder, each one `themes/<name>/`.
    pub fn themes_dir(&self) -> PathBuf {
        self.root.join(layout::THEMES)
    }

    /// The folder of book.toml's theme (absent for the built-in default).
    pub fn theme_dir(&self) -> PathBuf {
        self.themes_dir().join(&self.build.theme)
    }

    pub fn theme_templates_dir(&self) -> PathBuf {
        self.theme_dir().join(layout::TEMPLATES)
    }

    pub fn theme_static_dir(&self) -> PathBuf {
        self.theme_dir().join(layout::STATIC)
    }

    /// The site's own templates, which replace the theme's of the same name.
    pub fn templates_dir(&self) -> PathBuf {
        self.root.join(layout::TEMPLATES)
    }

    /// The site's own static files, published at the build's root.
    pub fn static_dir(&self) -> PathBuf {
        self.root.join(layout::STATIC)
    }

    /// The folders a site is made from, each with what to call it in a message: the
    /// build cache's key covers them, and no build may write into, over or around them.
    pub fn source_dirs(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("the theme", self.theme_dir()),
            ("the site's templates folder", self.templates_dir()),
            ("the site's static folder", self.static_dir()),
            ("the content folder", self.content_dir()),
            ("the seeds folder", self.seeds_dir()),
        ]
    }

    pub fn topic(&self, slug: &str) -> Option<&TopicConfig> {
        self.topics.iter().find(|t| t.slug == slug)
    }

    /// The path prefix every link carries: "/" at a domain root, "/repo/" on a project site.
    pub fn base_path(&self) -> String {
        base_path_of(&self.html.site_url)
    }

    /// The absolute site URL with a trailing slash, or "" when only a path is known.
    pub fn absolute_url(&self) -> String {
        let url = self.html.site_url.trim();
        if is_web_address(url) {
            format!("{}/", url.trim_end_matches('/'))
        } else {
            String::new()
        }
    }
}

/// An `http://` or `https://` address (any case): the only kind the site makes a link
/// from a value someone typed (a source, the repository's address).
pub fn is_web_address(s: &str) -> bool {
    let scheme = s.split_once("://").map_or("", |(scheme, _)| scheme);
    scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
}

/// "https://x.github.io/repo" -> "/repo/"; "/" -> "/"; "archive" -> "/archive/".
pub fn base_path_of(site_url: &str) -> String {
    let url = site_url.trim();
    let path = match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            rest.find('/').map_or("", |j| &rest[j..])
        }
        None => url,
    };
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        format!("/{trimmed}/")
    }
}

/// Line and column of the key named by a dotted path, best effort: the last segment at the
/// start of a line, or a table header naming it.
fn find_key(text: &str, dotted: &str) -> (usize, usize) {
    locate_key(text, dotted).unwrap_or((1, 1))
}

/// Like [`find_key`], `None` when the key is not written in the file.
fn locate_key(text: &str, dotted: &str) -> Option<(usize, usize)> {
    let last = dotted.rsplit('.').next().unwrap_or(dotted);
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let indent = line.len() - t.len();
        let is_key = t.strip_prefix(last).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with('=') || rest.starts_with('.')
        });
        let is_table = t.starts_with('[') && t.trim_end().trim_end_matches(']').ends_with(dotted);
        if is_key || is_table {
            return Some((i + 1, indent + 1));
        }
    }
    None
}

/// `[[watch]]` tables as written -> saved searches, every problem reported at its line.
fn watches(
    raw: Vec<RawWatch>,
    topics: &[TopicConfig],
    text: &str,
    file: &Path,
    report: &mut Report,
) -> Option<Vec<Watch>> {
    // The n-th `[[watch]]` header, for problems that have no value of their own to point at.
    let header = |n: usize| {
        text.lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with("[[watch]]"))
            .nth(n)
            .map_or((1, 1), |(i, _)| (i + 1, 1))
    };
    if raw.len() > WATCHES_MAX {
        report.push(
            Diagnostic::error(
                file,
                format!(
                    "book.toml has {} [[watch]] searches: at most {WATCHES_MAX}",
                    raw.len()
                ),
            )
            .at(header(WATCHES_MAX).0, 1)
            .help("keep the searches people subscribe to; a topic or tag already has a feed"),
        );
        return None;
    }
    let mut ok = true;
    let mut out: Vec<Watch> = Vec::new();
    for (n, w) in raw.into_iter().enumerate() {
        let mut problem = |at: (usize, usize), message: String, help: String| {
            report.push(Diagnostic::error(file, message).at(at.0, at.1).help(help));
            ok = false;
        };
        if w.name.trim().is_empty() || w.query.trim().is_empty() {
            problem(
                header(n),
                "a [[watch]] search needs a `name` and a `query`".into(),
                "e.g. name = \"Sanctions in Scotland\" and query = \"sanctions\"".into(),
            );
            continue;
        }
        let slug = crate::slug::slugify(&w.name);
        if let Some(first) = out.iter().find(|o| o.slug == slug) {
            problem(
                find_value(text, &w.name),
                format!(
                    "[[watch]] `{}` has the same address as `{}`: /watch/{slug}/",
                    w.name, first.name
                ),
                "give each saved search a different name".into(),
            );
            continue;
        }
        let mut topic_slugs = Vec::new();
        for t in &w.topics {
            match topics
                .iter()
                .find(|c| c.slug == *t || c.name.eq_ignore_ascii_case(t.trim()))
            {
                Some(c) => topic_slugs.push(c.slug.clone()),
                None => problem(
                    find_value(text, t),
                    format!("[[watch]] `{}`: no topic `{t}`", w.name),
                    format!(
                        "the topics are: {}",
                        topics
                            .iter()
                            .map(|c| c.slug.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            }
        }
        out.push(Watch {
            slug,
            query: w.query.trim().to_string(),
            topics: topic_slugs,
            tags: w.tags.iter().map(|t| crate::slug::slugify(t)).collect(),
            name: w.name.trim().to_string(),
        });
    }
    ok.then_some(out)
}

fn find_value(text: &str, value: &str) -> (usize, usize) {
    text.find(value).map_or((1, 1), |off| line_col(text, off))
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

    #[test]
    fn base_path_from_site_url() {
        assert_eq!(
            base_path_of("https://example.github.io/campaign-archive/"),
            "/campaign-archive/"
        );
        assert_eq!(base_path_of("https://example.org"), "/");
        assert_eq!(base_path_of("/"), "/");
        assert_eq!(base_path_of("archive"), "/archive/");
    }
}
