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

mod locate;
mod parse;
mod urls;
mod watch;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Diagnostic, Report};
use crate::layout;

pub use parse::TOPICS_MAX;
pub use urls::{base_path_of, is_web_address};
pub use watch::{Watch, WATCHES_MAX};

/// The commented book.toml `pamphlet init` starts from: `{{title}}` and `{{topics}}` are
/// filled in with the new campaign's own (see `init::book_toml`).
pub const BOOK_TEMPLATE: &str = include_str!("../default_book.toml");

/// This repository's own book.toml: the health and welfare archive's topics and tag
/// aliases, written by `pamphlet init --example` and used as a worked example by tests.
pub const EXAMPLE_BOOK_TOML: &str = include_str!("../../book.toml");

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
