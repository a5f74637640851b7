//! The user's folders (content/, seeds/, static/, templates/, the theme), walked; and the
//! one rule for links in them. An archive takes pull requests from strangers, and git
//! stores symlinks, so a link must never publish a file from outside the archive
//! (issue 15): a link that resolves inside its folder is followed as the file it names;
//! one that leads out, or nowhere, is refused by name. Links to folders are never
//! followed: they can loop, and they would make a folder's files depend on another's.

use std::path::{Path, PathBuf};

use crate::error::Diagnostic;

/// A file found below a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Relative to the folder walked.
    pub rel: PathBuf,
    /// The full path (of the link, for a followed link: reading it reads its target).
    pub path: PathBuf,
}

/// Every regular file below `dir` (none if it does not exist), sorted by name, so the
/// order never depends on the file system. Names starting with `.` are left out (with
/// everything under them) unless `hidden`. Each refused link is a diagnostic in `problems`.
pub fn files_below(dir: &Path, hidden: bool, problems: &mut Vec<Diagnostic>) -> Vec<Found> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            hidden || e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
        });
    let mut found = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(Diagnostic::error(
                    e.path().unwrap_or(dir),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let kind = entry.file_type();
        let keep = if kind.is_file() {
            true
        } else if kind.is_symlink() {
            match resolve_inside(entry.path(), dir) {
                Ok(target) if target.is_file() => true,
                Ok(_) => {
                    problems.push(
                        Diagnostic::warning(
                            entry.path(),
                            format!(
                                "{} is a link to a folder, which is not followed",
                                shown(entry.path(), dir)
                            ),
                        )
                        .help("move or copy the files themselves into the folder"),
                    );
                    false
                }
                Err(d) => {
                    problems.push(d);
                    false
                }
            }
        } else {
            false
        };
        if keep {
            if let Ok(rel) = entry.path().strip_prefix(dir) {
                found.push(Found {
                    rel: rel.to_path_buf(),
                    path: entry.path().to_path_buf(),
                });
            }
        }
    }
    found
}

/// Where `path` really is, when that is inside `dir` (both canonicalised, so links,
/// `..` and a linked `dir` are all resolved); otherwise an error naming `path`.
pub fn resolve_inside(path: &Path, dir: &Path) -> Result<PathBuf, Diagnostic> {
    let name = shown(path, dir);
    let folder = shown(dir, dir);
    let target = std::fs::canonicalize(path).map_err(|e| {
        Diagnostic::error(path, format!("{name} cannot be resolved: {e}")).help(
            "if it is a link, it leads nowhere: replace it with the file itself, or remove it",
        )
    })?;
    let inside = std::fs::canonicalize(dir).is_ok_and(|d| target.starts_with(d));
    if inside {
        Ok(target)
    } else {
        Err(Diagnostic::error(
            path,
            format!("{name} is a link to {}, outside {folder}/", target.display()),
        )
        .help(format!(
            "pamphlet never reads a file from outside {folder}/: replace the link with a copy of the file, or remove it"
        )))
    }
}

/// One file named on its own (a changed content file, a seed given to import): a link is
/// held to the same rule as in [`files_below`], against `dir`. Anything that is not a link,
/// or is not there, passes.
pub fn refuse_link_out(path: &Path, dir: &Path) -> Result<(), Diagnostic> {
    // Components drop a trailing `/`, which would make lstat follow the link.
    let plain: PathBuf = path.components().collect();
    if std::fs::symlink_metadata(&plain).is_ok_and(|m| m.file_type().is_symlink()) {
        resolve_inside(&plain, dir)?;
    }
    Ok(())
}

/// A folder of the site (content, seeds, static, templates, the theme) must be inside the
/// site's folder once links are resolved: `seeds` may not be a link to `/etc`, nor
/// `theme = "../.."` lead out. None when it is, or when it does not exist.
pub fn folder_outside(dir: &Path, root: &Path) -> Option<Diagnostic> {
    let target = std::fs::canonicalize(dir).ok()?;
    let root = std::fs::canonicalize(root).ok()?;
    if target.starts_with(&root) {
        return None;
    }
    Some(
        Diagnostic::error(
            dir,
            format!(
                "the folder {} is {}, outside the site's folder",
                dir.display(),
                target.display()
            ),
        )
        .help("keep content, seeds, static, templates and themes inside the site's folder, as real folders rather than links out of it"),
    )
}

/// `path` as the user knows it: from `dir`'s own name down ("seeds/link.txt").
fn shown(path: &Path, dir: &Path) -> String {
    let base = dir.parent().unwrap_or(dir);
    path.strip_prefix(base)
        .unwrap_or(path)
        .display()
        .to_string()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_inside_are_followed_and_links_out_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("static");
        std::fs::create_dir_all(dir.join(".hidden")).unwrap();
        std::fs::write(dir.join("a.txt"), "a").unwrap();
        std::fs::write(dir.join(".hidden/b.txt"), "b").unwrap();
        std::fs::write(tmp.path().join("secret"), "s").unwrap();
        std::os::unix::fs::symlink("a.txt", dir.join("in.txt")).unwrap();
        std::os::unix::fs::symlink("../secret", dir.join("out.txt")).unwrap();
        std::os::unix::fs::symlink("nowhere", dir.join("dangling.txt")).unwrap();
        std::os::unix::fs::symlink(".hidden", dir.join("folder")).unwrap();
        let mut problems = Vec::new();
        let rels: Vec<PathBuf> = files_below(&dir, false, &mut problems)
            .into_iter()
            .map(|f| f.rel)
            .collect();
        assert_eq!(rels, [PathBuf::from("a.txt"), PathBuf::from("in.txt")]);
        let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].starts_with("static/dangling.txt cannot be resolved"));
        assert!(messages[1].contains("static/folder is a link to a folder"));
        assert!(messages[2].starts_with("static/out.txt is a link to "));
        assert!(messages[2].ends_with("outside static/"));
        let mut problems = Vec::new();
        assert_eq!(files_below(&dir, true, &mut problems).len(), 3);
    }
}
