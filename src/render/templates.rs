//! The theme: Tera templates from `themes/<theme>/templates/`, each overridable by a file
//! of the same name in the site's own `templates/`, and the theme's static files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Diagnostic, Report};
use crate::layout;
use crate::output::Files;

/// The templates every theme must have.
pub const REQUIRED: &[&str] = &[
    "base.html",
    "home.html",
    "article.html",
    "list.html",
    "tags.html",
    "topics.html",
    "years.html",
    "search.html",
    "404.html",
    "publishers.html",
    "provenance.html",
    "story.html",
];

/// The default theme, built in, so an archive made by `pamphlet init` needs no themes/
/// folder. A `themes/default/` folder in the site, when present, is used instead.
/// (A test checks that this list and the folder hold the same files.)
#[rustfmt::skip]
const BUILT_IN: &[(&str, &str)] = &[
    ("templates/404.html", include_str!("../../themes/default/templates/404.html")),
    ("templates/article.html", include_str!("../../themes/default/templates/article.html")),
    ("templates/base.html", include_str!("../../themes/default/templates/base.html")),
    ("templates/home.html", include_str!("../../themes/default/templates/home.html")),
    ("templates/list.html", include_str!("../../themes/default/templates/list.html")),
    ("templates/macros.html", include_str!("../../themes/default/templates/macros.html")),
    ("templates/provenance.html", include_str!("../../themes/default/templates/provenance.html")),
    ("templates/publishers.html", include_str!("../../themes/default/templates/publishers.html")),
    ("templates/story.html", include_str!("../../themes/default/templates/story.html")),
    ("templates/search.html", include_str!("../../themes/default/templates/search.html")),
    ("templates/tags.html", include_str!("../../themes/default/templates/tags.html")),
    ("templates/topics.html", include_str!("../../themes/default/templates/topics.html")),
    ("templates/years.html", include_str!("../../themes/default/templates/years.html")),
    ("static/favicon.svg", include_str!("../../themes/default/static/favicon.svg")),
    ("static/archive.js", include_str!("../../themes/default/static/archive.js")),
    ("static/search-core.js", include_str!("../../themes/default/static/search-core.js")),
    ("static/search.js", include_str!("../../themes/default/static/search.js")),
    ("static/style.css", include_str!("../../themes/default/static/style.css")),
];

pub struct Theme {
    pub tera: tera::Tera,
    /// Static files to publish, by path relative to the site root.
    pub assets: Files,
}

impl Theme {
    /// Loads and compiles the templates; every template error is reported with its file
    /// and line.
    pub fn load(config: &Config, report: &mut Report) -> Option<Theme> {
        let theme_dir = config.theme_dir();
        let mut sources: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
        let mut assets = Files::new();
        let built_in = !theme_dir.is_dir() && config.build.theme == "default";
        if built_in {
            for (path, text) in BUILT_IN {
                if let Some(name) = path.strip_prefix("templates/") {
                    sources.insert(
                        name.to_string(),
                        (theme_dir.join(path), (*text).to_string()),
                    );
                } else {
                    assets.insert(PathBuf::from(path), text.as_bytes().to_vec());
                }
            }
        } else if !theme_dir.is_dir() {
            report.push(
                Diagnostic::error(&theme_dir, format!("theme `{}` not found", config.build.theme))
                    .help("set [build] theme in book.toml to a folder of themes/, or to \"default\" for the built-in theme"),
            );
            return None;
        }
        let root = &config.root;
        read_templates(&config.theme_templates_dir(), root, &mut sources, report);
        read_templates(&config.templates_dir(), root, &mut sources, report);
        let mut ok = true;
        for name in REQUIRED {
            if !sources.contains_key(*name) {
                report.push(
                    Diagnostic::error(config.theme_templates_dir().join(name), format!("template `{name}` is missing"))
                        .help("every theme needs these templates: base, home, article, list, tags, topics, years, search, 404, publishers, provenance, story"),
                );
                ok = false;
            }
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape);
        let list: Vec<(String, String)> = sources
            .iter()
            .map(|(n, (_, s))| (n.clone(), s.clone()))
            .collect();
        if let Err(e) = tera.add_raw_templates(list) {
            report.push(template_error(&e, &sources));
            ok = false;
        }
        if !ok {
            return None;
        }
        // The theme's own static files, then the site's: each may replace the built-in ones.
        collect_files(
            &config.theme_static_dir(),
            root,
            Path::new(layout::STATIC),
            &mut assets,
            report,
        );
        collect_files(
            &config.static_dir(),
            root,
            Path::new(""),
            &mut assets,
            report,
        );
        Some(Theme { tera, assets })
    }

    /// Renders `name`; a failure becomes a diagnostic naming the template.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|e| {
            Diagnostic::error(
                format!("templates/{name}"),
                format!("template failed: {}", chain(&e)),
            )
            .help("fix the template; `pamphlet check` reports the same error")
        })
    }
}

/// HTML escaping without touching `/`, so URLs in attributes stay readable.
fn escape(input: &str) -> String {
    crate::render::markdown::escape_html(input)
}

fn read_templates(
    dir: &Path,
    root: &Path,
    sources: &mut BTreeMap<String, (PathBuf, String)>,
    report: &mut Report,
) {
    for (rel, path) in files_below(dir, root, report) {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                sources.insert(rel.to_string_lossy().replace('\\', "/"), (path, text));
            }
            Err(e) => report.push(Diagnostic::error(
                &path,
                format!("cannot read template: {e}"),
            )),
        }
    }
}

fn collect_files(dir: &Path, root: &Path, prefix: &Path, files: &mut Files, report: &mut Report) {
    for (rel, path) in files_below(dir, root, report) {
        match std::fs::read(&path) {
            Ok(bytes) => {
                files.insert(prefix.join(rel), bytes);
            }
            Err(e) => report.push(Diagnostic::error(&path, format!("cannot read: {e}"))),
        }
    }
}

/// Every file below `dir` (none if it does not exist): its path relative to `dir`, and
/// its full path, in a stable order. A folder, or a link in it, that leads out of the
/// site is refused (see [`crate::walk`]): the theme, templates and static files are
/// published, and a pull request can change them.
fn files_below(dir: &Path, root: &Path, report: &mut Report) -> Vec<(PathBuf, PathBuf)> {
    if let Some(d) = crate::walk::folder_outside(dir, root) {
        report.push(d);
        return Vec::new();
    }
    let mut problems = Vec::new();
    let found = crate::walk::files_below(dir, true, &mut problems);
    report.extend(problems);
    found.into_iter().map(|f| (f.rel, f.path)).collect()
}

/// A Tera parse error names the template and its line in the message; turn it into a
/// diagnostic on that file.
fn template_error(e: &tera::Error, sources: &BTreeMap<String, (PathBuf, String)>) -> Diagnostic {
    let text = chain(e);
    let named = sources
        .iter()
        .find(|(name, _)| text.contains(&format!("'{name}'")));
    let line_col = text.split("-->").nth(1).and_then(|rest| {
        let mut nums = rest
            .trim()
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        Some((nums.next()?.parse().ok()?, nums.next()?.parse().ok()?))
    });
    let file = named.map_or_else(|| PathBuf::from(layout::TEMPLATES), |(_, (p, _))| p.clone());
    let mut d = Diagnostic::error(file, format!("template error: {text}"))
        .help("fix the template syntax (Tera, like Jinja2)");
    if let Some((line, col)) = line_col {
        d = d.at(line, col);
    }
    d
}

/// The whole chain of a Tera error: the useful part is usually the source.
fn chain(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_theme_is_the_default_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let mut on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                Some(
                    e.path()
                        .strip_prefix(&dir)
                        .ok()?
                        .to_string_lossy()
                        .into_owned(),
                )
            })
            .filter(|p| p.starts_with("templates/") || p.starts_with("static/"))
            .collect();
        on_disk.sort();
        let mut built_in: Vec<String> = BUILT_IN.iter().map(|(p, _)| (*p).to_string()).collect();
        built_in.sort();
        assert_eq!(built_in, on_disk, "add new theme files to BUILT_IN");
        for name in REQUIRED {
            assert!(on_disk.contains(&format!("templates/{name}")), "{name}");
        }
    }
}
