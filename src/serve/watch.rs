//! Watching the site's sources: notify's events, filtered to what the site is made of and
//! gathered until the files have been quiet for a moment, so an editor's save (temp file,
//! rename, several events) is one change.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::config::Config;

/// How long the files must be quiet before a rebuild starts.
pub const QUIET: Duration = Duration::from_millis(25);

/// What kind of rebuild a set of changed files needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    /// Content files (added, edited or deleted).
    pub content: BTreeSet<PathBuf>,
    /// Seed files to import.
    pub seeds: BTreeSet<PathBuf>,
    /// book.toml, templates or anything else that changes every page.
    pub everything: bool,
    /// Only stylesheets: pages can refresh them in place.
    pub css_only: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && self.seeds.is_empty() && !self.everything && !self.css_only
    }
}

/// What happened while waiting.
pub enum Next {
    Changed(Changes),
    /// Nothing changed for the idle time asked for.
    Idle,
    /// The watcher stopped.
    Stopped,
}

pub struct Watch {
    // Kept alive: dropping it stops the events.
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
}

impl Watch {
    pub fn start(root: &Path) -> notify::Result<Watch> {
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(move |e| {
            let _ = tx.send(e);
        })?;
        watcher.watch(root, RecursiveMode::Recursive)?;
        Ok(Watch {
            _watcher: watcher,
            events,
        })
    }

    /// Blocks until something the site is made of changes, then gathers events until the
    /// files are quiet. With `idle`, gives up after that long without a change.
    pub fn next(&self, config: &Config, idle: Option<Duration>) -> Next {
        let mut paths = BTreeSet::new();
        loop {
            let first = match idle {
                Some(wait) => match self.events.recv_timeout(wait) {
                    Ok(e) => e,
                    Err(RecvTimeoutError::Timeout) => return Next::Idle,
                    Err(RecvTimeoutError::Disconnected) => return Next::Stopped,
                },
                None => match self.events.recv() {
                    Ok(e) => e,
                    Err(_) => return Next::Stopped,
                },
            };
            collect(first, &mut paths);
            loop {
                match self.events.recv_timeout(QUIET) {
                    Ok(e) => collect(e, &mut paths),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return Next::Stopped,
                }
            }
            let changes = classify(&paths, config);
            if !changes.is_empty() {
                return Next::Changed(changes);
            }
            paths.clear();
        }
    }
}

fn collect(event: notify::Result<notify::Event>, paths: &mut BTreeSet<PathBuf>) {
    if let Ok(e) = event {
        if !matches!(e.kind, notify::EventKind::Access(_)) {
            paths.extend(e.paths);
        }
    }
}

/// Sorts changed paths into the rebuild they need; ignores the build folder, hidden and
/// temporary files, and anything else.
pub fn classify(paths: &BTreeSet<PathBuf>, config: &Config) -> Changes {
    let root = &config.root;
    let content = config.content_dir();
    let seeds = config.seeds_dir();
    let templates = config.templates_dir();
    let themes = config.themes_dir();
    let theme_templates = config.theme_templates_dir();
    let site_static = config.static_dir();
    let mut changes = Changes::default();
    let mut css = false;
    let mut other_assets = false;
    for path in paths {
        let Ok(rel) = path
            .strip_prefix(root)
            .or_else(|_| path.strip_prefix(root.canonicalize().unwrap_or_default()))
        else {
            continue;
        };
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temporary = name.starts_with('.')
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".tmp")
            || name.starts_with('#');
        if temporary
            || rel
                .components()
                .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        {
            continue;
        }
        let full = root.join(rel);
        if full.starts_with(&content) {
            if full.extension().is_some_and(|e| e == "md") {
                changes.content.insert(full);
            } else if full.is_dir() {
                // A folder made (content/ itself, in a folder that had none): files saved
                // in it before it was watched raise no event of their own, so read all.
                changes.everything = true;
            }
        } else if full.starts_with(&seeds) {
            if !full.is_dir() {
                changes.seeds.insert(full);
            }
        } else if rel == Path::new("book.toml") || full.starts_with(&templates) {
            changes.everything = true;
        } else if full.starts_with(&themes) || full.starts_with(&site_static) {
            if full.starts_with(&theme_templates) {
                changes.everything = true;
            } else if full.extension().is_some_and(|e| e == "css") {
                css = true;
            } else {
                other_assets = true;
            }
        }
    }
    if other_assets {
        changes.everything = true;
    }
    changes.css_only =
        css && !changes.everything && changes.content.is_empty() && changes.seeds.is_empty();
    changes.everything |= css && !changes.css_only;
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_sorted_by_what_they_need() {
        let config = Config::example_at(Path::new("/site"));
        let set = |paths: &[&str]| paths.iter().map(PathBuf::from).collect::<BTreeSet<_>>();
        let c = classify(
            &set(&[
                "/site/content/a.md",
                "/site/content/.a.md.swp",
                "/site/content/notes.txt",
                "/site/public/index.html",
            ]),
            &config,
        );
        assert_eq!(c.content, set(&["/site/content/a.md"]));
        assert!(!c.everything && !c.css_only);
        assert!(classify(&set(&["/site/book.toml"]), &config).everything);
        assert!(classify(&set(&["/site/themes/default/templates/base.html"]), &config).everything);
        assert!(classify(&set(&["/site/themes/default/static/style.css"]), &config).css_only);
        assert_eq!(
            classify(&set(&["/site/seeds/new.txt"]), &config).seeds,
            set(&["/site/seeds/new.txt"])
        );
        assert!(classify(&set(&["/site/target/x", "/site/.git/index"]), &config).is_empty());
    }
}
