//! A change to a built site, all or nothing: the changed files are staged beside it,
//! then moved in with a plan that the next run reads to undo a change that a killed build
//! left half done. A build deletes only files that its manifest says an earlier build
//! wrote, inside its folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{
    canonical, io_pool, is_contained, is_empty_or_missing, parent_and_name, refuse_outside,
    remove_tree, with_path, write_atomic, write_site, Files,
};

/// Brings `dir` to exactly `files`, changing only what differs from the last build: a
/// file whose bytes the last build wrote (per `previous`) and which is still there as
/// written is left alone; changed and new files are written; files the last build wrote
/// and this one does not are removed. Nothing else in `dir` is touched: a file that no
/// manifest lists (the folder was not empty before the first build, or its manifest was
/// lost) is not the build's to delete. Into an empty or missing `dir`, the whole site is
/// written beside it and swapped in. Returns what `dir` now holds.
///
/// All or nothing: the changes are first written to a folder beside `dir` (where a full
/// disk or any other failure leaves `dir` as it was), then moved in by renames, each
/// replaced or removed file kept aside until all are in. A failure while moving puts
/// every file back; a build killed while moving is rolled back by the next one
/// ([`recover`]), which also finds no manifest and so rewrites every file.
/// `manifest` is where the last build's manifest is kept: it is removed while the change
/// is moved in, and put back if the change is undone.
pub fn sync_site(
    dir: &Path,
    files: &Files,
    previous: &super::manifest::Manifest,
    manifest: &Path,
) -> std::io::Result<super::manifest::WrittenFiles> {
    let written = super::manifest::written(files);
    if is_empty_or_missing(dir) {
        write_site(dir, files)?;
        return Ok(written);
    }
    refuse_outside(files)?;
    let changed: Vec<(&Path, &[u8])> = files
        .par_iter()
        .filter(|(path, bytes)| {
            let unchanged = previous.files.get(*path) == written.get(*path)
                && std::fs::metadata(dir.join(path))
                    .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
            !unchanged
        })
        .map(|(path, bytes)| (path.as_path(), bytes.as_slice()))
        .collect();
    let removed: Vec<&Path> = previous
        .files
        .keys()
        .filter(|p| !files.contains_key(*p) && is_contained(p))
        .map(PathBuf::as_path)
        .collect();
    if changed.is_empty() && removed.is_empty() {
        return Ok(written);
    }
    // A removed file below a link is skipped by the change itself, never deleted
    // through it; a written one would go through, so the change is refused.
    refuse_links(dir, changed.iter().map(|(p, _)| *p))?;
    let change = Change::stage(dir, &changed, &removed)?;
    change.apply(manifest, &previous.to_text())?;
    Ok(written)
}

/// Refuses a change whose files lie below a link inside `dir`: the build would write or
/// delete through it, in a folder that is not the site's. Each folder is looked at once.
fn refuse_links<'a>(dir: &Path, paths: impl Iterator<Item = &'a Path>) -> std::io::Result<()> {
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        for folder in path.ancestors().skip(1) {
            if folder.as_os_str().is_empty() || !seen.insert(folder) {
                continue;
            }
            let at = dir.join(folder);
            if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(std::io::Error::other(format!(
                    "{} is a link, and a build writes only into folders of its own: remove the link and build again",
                    at.display()
                )));
            }
        }
    }
    Ok(())
}

/// The plan of a [`Change`], written before anything in the site moves: it is what the
/// next run reads to undo a change that a killed build left half done.
const PLAN: &str = "plan";

/// Where step `i` of a [`Change`] stages its new file, and keeps the file it replaces or
/// removes. Flat, numbered names: making and removing a folder per page costs more
/// than writing the page (milliseconds each on some disks).
fn staged_file(folder: &Path, i: usize) -> PathBuf {
    folder.join(format!("new-{i}"))
}

fn kept_file(folder: &Path, i: usize) -> PathBuf {
    folder.join(format!("old-{i}"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// A new file (nothing was there).
    Add,
    /// A file written over an old one, which is kept aside until the change is done.
    Replace,
    /// A file the last build wrote and this one does not.
    Delete,
}

impl Step {
    fn letter(self) -> char {
        match self {
            Step::Add => 'A',
            Step::Replace => 'R',
            Step::Delete => 'D',
        }
    }

    fn from_letter(letter: &str) -> Option<Step> {
        match letter {
            "A" => Some(Step::Add),
            "R" => Some(Step::Replace),
            "D" => Some(Step::Delete),
            _ => None,
        }
    }
}

/// Changes to an existing site, staged in `.<name>.new-*` beside it: step `i` is
/// `steps[i]`, line `i` of the plan.
struct Change<'a> {
    dir: &'a Path,
    folder: PathBuf,
    steps: Vec<(Step, &'a Path)>,
}

impl<'a> Change<'a> {
    /// Writes the new files and the plan; `dir` is not touched yet.
    fn stage(
        dir: &'a Path,
        changed: &[(&'a Path, &[u8])],
        removed: &[&'a Path],
    ) -> std::io::Result<Change<'a>> {
        let (parent, name) = parent_and_name(dir);
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{name}.new-"))
            .tempdir_in(parent)?;
        let pool = io_pool()?;
        // Each changed file is staged after a look at what is at its path now: nothing, a
        // file (whose mode the new one keeps, as with `write_atomic`), or a folder in the
        // way, which fails the build here, before anything in `dir` has moved.
        let found: Vec<Step> = pool.install(|| {
            changed
                .par_iter()
                .enumerate()
                .map(|(i, &(path, bytes))| {
                    let target = dir.join(path);
                    let (step, mode) = match std::fs::symlink_metadata(&target) {
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Step::Add, None),
                        Err(e) => return Err(with_path(e, &target)),
                        Ok(m) if m.is_dir() => {
                            return Err(std::io::Error::new(
                                std::io::ErrorKind::IsADirectory,
                                format!(
                                    "{}: a folder is where the build writes a file",
                                    target.display()
                                ),
                            ))
                        }
                        Ok(m) => (Step::Replace, m.is_file().then(|| m.permissions())),
                    };
                    let staged = staged_file(temp.path(), i);
                    let mut file = std::fs::File::create(&staged)?;
                    file.write_all(bytes)?;
                    if let Some(mode) = mode {
                        if file.metadata()?.permissions() != mode {
                            file.set_permissions(mode)?;
                        }
                    }
                    Ok(step)
                })
                .collect::<std::io::Result<_>>()
        })?;
        let mut steps: Vec<(Step, &'a Path)> = found
            .into_iter()
            .zip(changed)
            .map(|(step, &(path, _))| (step, path))
            .collect();
        let inside = canonical(dir);
        for &path in removed {
            // Only a file, and only in `dir` (not through a symlinked folder): a folder
            // the user put at a path the last build wrote is theirs.
            let target = dir.join(path);
            let is_file = std::fs::symlink_metadata(&target).is_ok_and(|m| !m.is_dir());
            if is_file
                && target
                    .parent()
                    .is_some_and(|p| canonical(p).starts_with(&inside))
            {
                steps.push((Step::Delete, path));
            }
        }
        let mut plan = String::new();
        for (i, (step, path)) in steps.iter().enumerate() {
            plan.push_str(&format!("{i}\t{}\t{}\n", step.letter(), path.display()));
        }
        write_atomic(&temp.path().join(PLAN), plan.as_bytes())?;
        // From here the folder is removed by hand: with files kept aside in it, dropping
        // it on a failure would lose them.
        Ok(Change {
            dir,
            folder: temp.keep(),
            steps,
        })
    }

    /// Moves the staged files in. `previous` is the last build's manifest, put back if
    /// the change is undone; until the change is done there is none, so a build killed
    /// midway is followed by one that rewrites every file.
    fn apply(self, manifest: &Path, previous: &str) -> std::io::Result<()> {
        match std::fs::remove_file(manifest) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                let _ = remove_tree(&self.folder);
                return Err(e);
            }
            _ => {}
        }
        let results: Vec<std::io::Result<()>> = io_pool()?.install(|| {
            self.steps
                .par_iter()
                .enumerate()
                .map(|(i, &(step, path))| self.apply_one(i, step, path))
                .collect()
        });
        if let Some(first) = results.iter().position(Result::is_err) {
            for (i, result) in results.iter().enumerate() {
                if result.is_ok() {
                    let (step, path) = self.steps[i];
                    undo(self.dir, &self.folder, i, step, path)?;
                }
            }
            for &(step, path) in &self.steps {
                if step == Step::Add {
                    prune_empty_parents(self.dir, path);
                }
            }
            remove_tree(&self.folder)?;
            // The site is as the last build left it: so is its manifest.
            let _ = write_atomic(manifest, previous.as_bytes());
            return Err(results
                .into_iter()
                .nth(first)
                .and_then(Result::err)
                .unwrap_or_else(|| std::io::Error::other("a step failed")));
        }
        for &(step, path) in &self.steps {
            if step == Step::Delete {
                prune_empty_parents(self.dir, path);
            }
        }
        remove_tree(&self.folder)
    }

    /// Step `i`, whole or not at all. A replaced file is kept by a second link to it,
    /// so that the new one goes in by one rename and a reader never finds the path
    /// empty; where links are not possible, it is moved aside first.
    fn apply_one(&self, i: usize, step: Step, path: &Path) -> std::io::Result<()> {
        let target = self.dir.join(path);
        let staged = staged_file(&self.folder, i);
        let kept = kept_file(&self.folder, i);
        match step {
            Step::Add => target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::rename(&staged, &target)),
            Step::Delete => std::fs::rename(&target, &kept),
            Step::Replace => {
                if std::fs::hard_link(&target, &kept).is_ok() {
                    std::fs::rename(&staged, &target)
                } else {
                    std::fs::rename(&target, &kept)?;
                    std::fs::rename(&staged, &target).inspect_err(|_| {
                        let _ = std::fs::rename(&kept, &target);
                    })
                }
            }
        }
        .map_err(|e| with_path(e, &target))
    }
}

/// Undoes step `i` of a change staged in `folder`, if it was done.
fn undo(dir: &Path, folder: &Path, i: usize, step: Step, path: &Path) -> std::io::Result<()> {
    let target = dir.join(path);
    match step {
        // An added file still staged was never moved in.
        Step::Add if staged_file(folder, i).exists() => Ok(()),
        Step::Add => match std::fs::remove_file(&target) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        },
        Step::Replace | Step::Delete => {
            let kept = kept_file(folder, i);
            if !kept.exists() {
                return Ok(());
            }
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::rename(kept, target)
        }
    }
}

/// Puts `dir` back as the last finished build left it, after builds that were killed:
/// a change half moved in is undone by its plan (see [`sync_site`]); a site swapped out
/// but not yet in is put back; every other `.<name>.new-*` and `.<name>.old-*` folder
/// beside `dir` (a staging folder, an old site half removed) is deleted. Runs at the
/// start of every build.
pub fn recover(dir: &Path) -> std::io::Result<()> {
    let (parent, name) = parent_and_name(dir);
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let (new, old) = (format!(".{name}.new-"), format!(".{name}.old-"));
    let mut staged = Vec::new();
    let mut swapped_out = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&new) {
            staged.push(entry.path());
        } else if file_name.starts_with(&old) {
            let modified = entry.metadata().and_then(|m| m.modified()).ok();
            swapped_out.push((modified, entry.path()));
        }
    }
    for folder in staged {
        if let Ok(plan) = std::fs::read_to_string(folder.join(PLAN)) {
            for line in plan.lines() {
                let mut parts = line.splitn(3, '\t');
                let (Some(i), Some(step), Some(path)) = (
                    parts.next().and_then(|i| i.parse().ok()),
                    parts.next().and_then(Step::from_letter),
                    parts.next().map(Path::new).filter(|p| is_contained(p)),
                ) else {
                    continue;
                };
                undo(dir, &folder, i, step, path)?;
                if step == Step::Add {
                    prune_empty_parents(dir, path);
                }
            }
        }
        remove_tree(&folder)?;
    }
    // Newest first: a build killed between its two renames left the site it swapped out.
    swapped_out.sort_by_key(|(modified, _)| std::cmp::Reverse(*modified));
    for (_, folder) in swapped_out {
        if dir.exists() {
            remove_tree(&folder)?;
        } else {
            std::fs::rename(&folder, dir)?;
        }
    }
    Ok(())
}

/// Removes the folders above `path` (inside `dir`) that are left empty.
fn prune_empty_parents(dir: &Path, path: &Path) {
    for parent in path.ancestors().skip(1) {
        if parent.as_os_str().is_empty() || std::fs::remove_dir(dir.join(parent)).is_err() {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_writes_only_what_changed_and_removes_what_is_gone() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut files = Files::new();
        files.insert("a/index.html".into(), b"one".to_vec());
        files.insert("b/index.html".into(), b"bee".to_vec());
        let written = sync_site(&dir, &files, &Default::default(), &manifest_at(&dir)).unwrap();
        let manifest = crate::output::manifest::Manifest {
            key: 1,
            counts: [0; 4],
            files: written,
        };
        let untouched = std::fs::metadata(dir.join("b/index.html"))
            .unwrap()
            .modified()
            .unwrap();
        std::fs::write(dir.join("stray.txt"), "x").unwrap();
        files.insert("a/index.html".into(), b"two".to_vec());
        files.remove(Path::new("b/index.html"));
        files.insert("b/other.txt".into(), b"o".to_vec());
        let _ = untouched;
        sync_site(&dir, &files, &manifest, &manifest_at(&dir)).unwrap();
        assert_eq!(std::fs::read(dir.join("a/index.html")).unwrap(), b"two");
        assert!(!dir.join("b/index.html").exists());
        assert!(
            dir.join("stray.txt").exists(),
            "a file no build wrote is not the build's to delete"
        );
        assert_eq!(std::fs::read(dir.join("b/other.txt")).unwrap(), b"o");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging folder left behind");
    }

    #[cfg(unix)]
    #[test]
    fn a_removed_file_is_not_deleted_through_a_symlinked_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("x.html"), "not the site's").unwrap();
        let mut files = Files::new();
        files.insert("link/x.html".into(), b"x".to_vec());
        files.insert("index.html".into(), b"home".to_vec());
        let manifest =
            manifest_of(sync_site(&dir, &files, &Default::default(), &manifest_at(&dir)).unwrap());
        std::fs::remove_dir_all(dir.join("link")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.join("link")).unwrap();
        files.remove(Path::new("link/x.html"));
        files.insert("index.html".into(), b"new home".to_vec());
        sync_site(&dir, &files, &manifest, &manifest_at(&dir)).unwrap();
        assert_eq!(
            std::fs::read(elsewhere.join("x.html")).unwrap(),
            b"not the site's"
        );
        assert_eq!(std::fs::read(dir.join("index.html")).unwrap(), b"new home");
    }

    /// Where a build of a site in `dir`'s parent keeps the manifest for `dir`.
    fn manifest_at(dir: &Path) -> PathBuf {
        crate::output::manifest::Manifest::path(dir.parent().unwrap(), dir)
    }

    fn manifest_of(
        written: crate::output::manifest::WrittenFiles,
    ) -> crate::output::manifest::Manifest {
        crate::output::manifest::Manifest {
            key: 1,
            counts: [0; 4],
            files: written,
        }
    }

    #[test]
    fn a_change_that_fails_midway_is_undone() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut files = Files::new();
        for name in ["a.html", "b/index.html", "gone.html", "z.html"] {
            files.insert(name.into(), name.as_bytes().to_vec());
        }
        let manifest =
            manifest_of(sync_site(&dir, &files, &Default::default(), &manifest_at(&dir)).unwrap());
        let manifest_path = manifest_at(&dir);
        std::fs::create_dir_all(manifest_path.parent().unwrap()).unwrap();
        std::fs::write(&manifest_path, manifest.to_text()).unwrap();
        let changed: Vec<(&Path, &[u8])> = vec![
            (Path::new("a.html"), b"new a"),
            (Path::new("new/index.html"), b"new page"),
            (Path::new("z.html"), b"new z"),
        ];
        let change = Change::stage(&dir, &changed, &[Path::new("gone.html")]).unwrap();
        // Something appears where the build needs a folder once the change is staged:
        // the new page cannot go in, whatever went in before it is taken out again.
        std::fs::write(dir.join("new"), "mine").unwrap();
        let err = change
            .apply(&manifest_path, &manifest.to_text())
            .unwrap_err();
        assert!(err.to_string().contains("new"), "{err}");
        assert_eq!(std::fs::read(dir.join("a.html")).unwrap(), b"a.html");
        assert_eq!(std::fs::read(dir.join("z.html")).unwrap(), b"z.html");
        assert_eq!(std::fs::read(dir.join("gone.html")).unwrap(), b"gone.html");
        assert_eq!(std::fs::read(dir.join("new")).unwrap(), b"mine");
        assert_eq!(
            std::fs::read_to_string(&manifest_path).unwrap(),
            manifest.to_text(),
            "the manifest describes the site again"
        );
        let mut leftovers: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        leftovers.sort();
        assert_eq!(
            leftovers,
            [".pamphlet-cache", "public"],
            "no staging folder left"
        );
    }

    #[test]
    fn a_change_killed_midway_is_rolled_back_by_the_next_run() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut files = Files::new();
        files.insert("a.html".into(), b"old a".to_vec());
        files.insert("gone.html".into(), b"gone".to_vec());
        files.insert("b.html".into(), b"old b".to_vec());
        write_site(&dir, &files).unwrap();
        // What a build killed while moving its change in leaves: the plan, a.html
        // replaced (the old one kept aside), gone.html kept aside, new.html moved in,
        // x/other.html still staged.
        let folder = tmp.path().join(".public.new-killed");
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(
            folder.join(PLAN),
            "0\tR\ta.html\n1\tD\tgone.html\n2\tA\tnew.html\n3\tA\tx/other.html\n4\tD\t../../escape\n5\tR\tb.html\n",
        )
        .unwrap();
        std::fs::rename(dir.join("a.html"), kept_file(&folder, 0)).unwrap();
        std::fs::write(dir.join("a.html"), "new a").unwrap();
        std::fs::rename(dir.join("gone.html"), kept_file(&folder, 1)).unwrap();
        std::fs::write(dir.join("new.html"), "new").unwrap();
        std::fs::write(staged_file(&folder, 3), "other").unwrap();
        // b.html linked aside, its new version not yet renamed in.
        std::fs::hard_link(dir.join("b.html"), kept_file(&folder, 5)).unwrap();
        std::fs::write(staged_file(&folder, 5), "new b").unwrap();
        // And a staging folder and an old site from other killed builds.
        std::fs::create_dir_all(tmp.path().join(".public.new-first/deep")).unwrap();
        std::fs::create_dir_all(tmp.path().join(".public.old-removing")).unwrap();
        recover(&dir).unwrap();
        assert_eq!(std::fs::read(dir.join("a.html")).unwrap(), b"old a");
        assert_eq!(std::fs::read(dir.join("gone.html")).unwrap(), b"gone");
        assert_eq!(std::fs::read(dir.join("b.html")).unwrap(), b"old b");
        assert!(!dir.join("new.html").exists() && !dir.join("x").exists());
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn a_site_swapped_out_but_not_in_is_put_back() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        std::fs::create_dir_all(tmp.path().join(".public.old-abc")).unwrap();
        std::fs::write(tmp.path().join(".public.old-abc/index.html"), "old").unwrap();
        std::fs::create_dir_all(tmp.path().join(".public.new-def")).unwrap();
        recover(&dir).unwrap();
        assert_eq!(std::fs::read(dir.join("index.html")).unwrap(), b"old");
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }
}
