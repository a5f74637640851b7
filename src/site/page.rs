//! One content file -> a [`Page`], with every problem in it reported against the line
//! of the `.md` file where it is.

use std::path::{Path, PathBuf};

use crate::config::{is_web_address, Config};
use crate::content::front_matter::{
    self, find_value, key_line, KEYS, LIST_MAX, NESTING_MAX, SUMMARY_MAX,
};
use crate::content::responses::{split_responses, ResponseText};
use crate::content::tags::canonical;
use crate::date::PartialDate;
use crate::error::Diagnostic;

pub use super::field_problems::seed_file;
use super::field_problems::{control_error, nesting_problem, source_problem};

/// An article of the archive, as the site knows it.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file, relative to the site root (for messages and "edit this page").
    pub file: PathBuf,
    pub slug: String,
    pub title: String,
    pub date: Option<PartialDate>,
    pub author: Option<String>,
    pub publisher: Option<String>,
    /// The publisher's slug (worked out once: the taxonomy is regrouped on every edit
    /// `serve` sees).
    pub publisher_slug: String,
    pub source: Option<String>,
    /// Topic slugs, each one in book.toml.
    pub topics: Vec<String>,
    /// Canonical tags, and their slugs (worked out once: every list needs them).
    pub tags: Vec<String>,
    pub tag_slugs: Vec<String>,
    /// From front matter, or the first sentences of the article.
    pub summary: String,
    pub seed: Option<String>,
    pub seed_sha256: Option<String>,
    pub collected: Option<PartialDate>,
    /// The seed file is in seeds/, so the original can be published beside the article.
    pub has_original: bool,
    /// For finding the same story told twice (see `story`).
    pub quotations: Vec<String>,
    pub draft: bool,
    pub kind: Option<crate::content::front_matter::Kind>,
    /// The article's Markdown, without the reader responses.
    pub article: String,
    /// Each reader response: its heading text and Markdown.
    pub responses: Vec<ResponseText>,
    /// 1-based line in the file where the body starts.
    pub body_line: usize,
    pub word_count: usize,
}

/// Unknown keys named one warning each; past these, one warning counts the rest.
const UNKNOWN_NAMED: usize = 10;

/// A page as far as it could be read, and every problem found in it.
pub type Read = (Option<Page>, Vec<Diagnostic>);

/// A parsed page and its warnings, or the errors that stopped it.
pub type Parsed = Result<(Page, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Parses one content file. Errors stop the page; warnings ride along with it.
pub fn parse(file: &Path, text: &str, config: &Config) -> Parsed {
    match read(file, text, config) {
        (Some(page), problems) if !problems.iter().any(Diagnostic::is_error) => {
            Ok((page, problems))
        }
        (_, problems) => Err(problems),
    }
}

/// Every problem of one content file, and the page as far as it could be read (`None` when
/// there is no front matter to read). A bad value is left out of the page, so the rest of
/// the file, its links included, is still checked.
pub fn read(file: &Path, text: &str, config: &Config) -> Read {
    let Some(split) = front_matter::split(text) else {
        return (None, vec![Diagnostic::error(file, "no front matter: the file must start with a `---` line, then YAML, then a closing `---`")
            .at(1, 1)
            .help("add at least:\n---\ntitle: The headline\n---")]);
    };
    if let Some(at) = front_matter::too_deep(split.yaml) {
        let (line, col) = crate::error::line_col(split.yaml, at);
        return (
            None,
            vec![Diagnostic::error(
                file,
                format!("front matter nests `[` or `{{` more than {NESTING_MAX} levels deep"),
            )
            .at(line + 1, col)
            .help("front matter holds text and lists of text: remove the extra brackets")],
        );
    }
    // Before serde_yaml, which refuses a typed control character with only a byte offset.
    if let Some(f) = front_matter::find_forbidden(split.yaml, false) {
        return (None, vec![control_error(file, &f)]);
    }
    let read = super::read_front::read(file, split.yaml);
    let mut problems = read.errors;
    let unknown = read.unknown;
    let Some(front) = read.front else {
        return (None, problems);
    };
    // A double-quoted escape (`"\e"`, `"\x01"`) reaches the values; refuse it too.
    if let Some((key, c)) = front.forbidden() {
        let f = front_matter::find_forbidden(split.yaml, true).unwrap_or_else(|| {
            // Written some way not looked for: point at the key.
            let (line, column) = key_position(split.yaml, key);
            front_matter::Forbidden {
                line: line - 1,
                column,
                code: c as u32,
                escape: None,
            }
        });
        problems.push(control_error(file, &f));
        return (None, problems);
    }
    // Each is looked for in the YAML: a few are named one by one, the rest counted.
    if let Some(key) = unknown.get(UNKNOWN_NAMED) {
        let (line, col) = key_position(split.yaml, key.split('.').next().unwrap_or(key));
        let more = unknown.len() - UNKNOWN_NAMED;
        problems.push(
            Diagnostic::warning(
                file,
                format!(
                    "{} {} ignored",
                    crate::plural::count(more, "more unknown front matter key"),
                    if more == 1 { "is" } else { "are" }
                ),
            )
            .at(line, col)
            .help(format!("the keys pamphlet reads are: {}", KEYS.join(", "))),
        );
    }
    for key in unknown.into_iter().take(UNKNOWN_NAMED) {
        let top = key.split('.').next().unwrap_or(&key).to_string();
        let (line, col) = key_position(split.yaml, &top);
        let mut d =
            Diagnostic::warning(file, format!("unknown front matter key `{top}` is ignored"))
                .at(line, col);
        if let Some(near) = KEYS
            .iter()
            .max_by(|a, b| strsim::jaro_winkler(&top, a).total_cmp(&strsim::jaro_winkler(&top, b)))
        {
            if strsim::jaro_winkler(&top, near) > 0.8 {
                d = d.help(format!("did you mean `{near}`?"));
            } else {
                d = d.help(format!("the keys pamphlet reads are: {}", KEYS.join(", ")));
            }
        }
        problems.push(d);
    }
    let at_key = |key: &str| key_position(split.yaml, key);
    if front.title.trim().is_empty() {
        let (line, col) = if split.yaml.contains("title:") {
            at_key("title")
        } else {
            (1, 1)
        };
        problems.push(
            Diagnostic::error(file, "missing `title`: every article needs one")
                .at(line, col)
                .help("add a line `title: The headline` to the front matter"),
        );
    }
    for (key, list) in [("tags", &front.tags), ("topics", &front.topics)] {
        if list.len() > LIST_MAX {
            let (line, col) = at_key(key);
            problems.push(
                Diagnostic::error(
                    file,
                    format!(
                        "`{key}` has {} entries: an article may have at most {LIST_MAX}",
                        list.len()
                    ),
                )
                .at(line, col)
                .help(format!(
                    "keep the {key} that say what the article is about; each {} gets a page of its own",
                    &key[..key.len() - 1]
                )),
            );
            // Too many to be worth checking one by one.
            return (None, problems);
        }
    }
    let mut topics = Vec::new();
    for t in &front.topics {
        if config.topic(t).is_some() {
            topics.push(t.clone());
        } else {
            let (line, col) = value_position(split.yaml, t);
            let known: Vec<&str> = config.topics.iter().map(|t| t.slug.as_str()).collect();
            problems.push(
                Diagnostic::error(file, format!("topic `{t}` is not in book.toml"))
                    .at(line, col)
                    .help(format!(
                        "use one of: {} (or add [topics.{t}] to book.toml)",
                        known.join(", ")
                    )),
            );
        }
    }
    let mut tags: Vec<String> = Vec::new();
    for t in &front.tags {
        let c = canonical(t.trim(), &config.tags);
        if c != *t {
            let (line, col) = value_position(split.yaml, t);
            problems.push(
                Diagnostic::warning(file, format!("tag `{t}` is an alias of `{c}`"))
                    .at(line, col)
                    .help(format!("write `{c}`, the canonical tag")),
            );
        }
        if !c.is_empty() && !tags.contains(&c) {
            tags.push(c);
        }
    }
    if let Some(date) = front.date {
        if date.is_after(PartialDate::today()) {
            let (line, col) = at_key("date");
            problems.push(
                Diagnostic::error(file, format!("date {date} is in the future"))
                    .at(line, col)
                    .help("write the date the article was published"),
            );
        }
    }
    if let Some(s) = &front.summary {
        let n = s.chars().count();
        if n > SUMMARY_MAX {
            let (line, col) = at_key("summary");
            problems.push(
                Diagnostic::warning(
                    file,
                    format!("summary is {n} characters; at most {SUMMARY_MAX} are shown"),
                )
                .at(line, col)
                .help("shorten it to one or two sentences"),
            );
        }
    }
    if let Some(slug) = &front.slug {
        if crate::slug::slugify(slug) != *slug {
            let (line, col) = at_key("slug");
            problems.push(
                Diagnostic::error(file, format!("slug `{slug}` is not a valid slug"))
                    .at(line, col)
                    .help(format!(
                        "use lower-case letters, digits and hyphens, e.g. `{}`",
                        crate::slug::slugify(slug)
                    )),
            );
        }
    }
    if let Some(source) = &front.source {
        if let Some(d) = source_problem(file, source) {
            let (line, col) = find_value(split.yaml, source).unwrap_or_else(|| at_key("source"));
            problems.push(d.at(line, col));
        }
    }
    if let Some((line, d)) = nesting_problem(file, split.body) {
        problems.push(d.at(split.body_line + line, 1));
    }
    let (article, mut responses) = split_responses(split.body);
    super::comments::apply(&mut responses, config.comments.mode);
    let slug = front.slug.clone().unwrap_or_else(|| {
        let stem = file
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        crate::slug::from_file_stem(&stem)
    });
    let summary = front
        .summary
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| derive_summary(article));
    let has_original = match front.seed.as_deref().map(|s| seed_file(config, s)) {
        Some(Ok(found)) => found.is_some(),
        Some(Err(d)) => {
            let (line, col) = at_key("seed");
            problems.push(
                Diagnostic {
                    file: file.to_path_buf(),
                    ..d
                }
                .at(line, col),
            );
            false
        }
        None => false,
    };
    let page = Page {
        file: file.to_path_buf(),
        slug,
        word_count: crate::text::whitespace_words(article),
        title: front.title.trim().to_string(),
        date: front.date,
        author: front.author.filter(|s| !s.trim().is_empty()),
        publisher_slug: front
            .publisher
            .as_deref()
            .map(crate::slug::slugify)
            .unwrap_or_default(),
        publisher: front.publisher.filter(|s| !s.trim().is_empty()),
        source: front.source.filter(|s| !s.trim().is_empty()),
        topics,
        tag_slugs: tags.iter().map(|t| crate::slug::slugify(t)).collect(),
        tags,
        summary,
        seed: front.seed,
        seed_sha256: front.seed_sha256,
        collected: front.collected,
        has_original,
        quotations: super::similar::quotations(article),
        draft: front.draft,
        kind: front.kind,
        article: article.to_string(),
        responses,
        body_line: split.body_line,
    };
    (Some(page), problems)
}

impl Page {
    /// The source as a link: only a web address is ever one. Any other source (a citation
    /// line, or an address `check` has warned about) is shown as text.
    pub fn source_url(&self) -> Option<&str> {
        self.source.as_deref().filter(|s| is_web_address(s))
    }
}

/// Where `key:` stands in the YAML, as a line and column of the file.
fn key_position(yaml: &str, key: &str) -> (usize, usize) {
    key_line(yaml, key).unwrap_or((1, 1))
}

/// Where a value is first written in the YAML (for list items: `- value`).
fn value_position(yaml: &str, value: &str) -> (usize, usize) {
    find_value(yaml, value).unwrap_or((1, 1))
}

/// The first paragraph of running text, cut to [`SUMMARY_MAX`] characters.
fn derive_summary(markdown: &str) -> String {
    let para = markdown
        .split("\n\n")
        .map(str::trim)
        .find(|p| {
            p.split_whitespace().count() >= 8
                && !p.starts_with(['#', '-', '*', '>', '|', '`', '<', '!', '['])
        })
        .unwrap_or("");
    let plain = crate::content::escape::unescape(&para.replace('\n', " "));
    if plain.chars().count() <= SUMMARY_MAX {
        return plain;
    }
    let mut cut: String = plain.chars().take(SUMMARY_MAX - 1).collect();
    if let Some(space) = cut.rfind(' ') {
        cut.truncate(space);
    }
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Parsed {
        parse(
            Path::new("content/a.md"),
            text,
            &Config::example_at(Path::new(".")),
        )
    }

    #[test]
    fn only_the_title_is_required() {
        let (page, problems) = parse_text(
            "---\ntitle: Hello\n---\nSome words here that make up a first paragraph of text.\n",
        )
        .unwrap();
        assert!(problems.is_empty());
        assert_eq!(page.slug, "a");
        assert_eq!(
            page.summary,
            "Some words here that make up a first paragraph of text."
        );
        assert_eq!(page.body_line, 4);
    }

    #[test]
    fn yaml_errors_point_into_the_md_file() {
        let err = parse_text("---\ntitle: x\ntags: [a\n---\n").unwrap_err();
        assert_eq!(err[0].line, Some(4), "{err:?}");
        let err = parse_text("---\ntitle: x\ndate: 2019-13-01\n---\n").unwrap_err();
        assert_eq!(err[0].line, Some(3), "{err:?}");
        assert!(err[0].message.contains("not a date"), "{err:?}");
    }

    #[test]
    fn problems_are_named_with_their_line() {
        let err = parse_text("---\ntitle: x\ntopics:\n- housing\ntitel: y\n---\n").unwrap_err();
        let topic = err.iter().find(|d| d.message.contains("housing")).unwrap();
        assert_eq!((topic.line, topic.column), (Some(4), Some(3)));
        let typo = err.iter().find(|d| d.message.contains("titel")).unwrap();
        assert_eq!(typo.line, Some(5));
        assert_eq!(typo.help.as_deref(), Some("did you mean `title`?"));
        let missing = parse_text("---\nauthor: x\n---\n").unwrap_err();
        assert!(missing[0].message.contains("missing `title`"));
    }

    #[test]
    fn aliases_become_canonical_tags_with_a_warning() {
        let (page, problems) = parse_text("---\ntitle: x\ntags:\n- IDS\n- DWP\n---\n").unwrap();
        assert_eq!(page.tags, ["Iain Duncan Smith", "DWP"]);
        assert_eq!(problems[0].line, Some(4));
    }
}
