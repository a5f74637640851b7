//! The only module that writes files. Two operations, both all-or-nothing: one file
//! (temp file + rename) and a whole site (temp folder + swap).

use std::collections::BTreeMap;
use std::io::Write;

use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};

/// Writes `bytes` to `path` so that a reader sees the old file or the new one, never half
/// of it: a temp file in the same folder, then renamed over.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".pamphlet-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // No fsync: the rename is what makes the write all-or-nothing for readers, and
    // syncing each of ten thousand files would make imports and builds crawl.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Is `relative` a plain path below its root: no `..`, no root, no prefix?
pub fn is_contained(relative: &Path) -> bool {
    !relative.as_os_str().is_empty()
        && relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// A built site: relative path -> bytes. BTreeMap so it is written in a stable order.
pub type Files = BTreeMap<PathBuf, Vec<u8>>;

/// Replaces `dir` with exactly `files`. The site is written into a temp folder beside
/// `dir` and swapped in at the end, so a failure leaves the previous site as it was and
/// files no longer produced do not linger.
pub fn write_site(dir: &Path, files: &Files) -> std::io::Result<()> {
    let staging = Staging::beside(dir)?;
    staging.write(files)?;
    staging.swap_in()
}

/// The folder that holds `dir` (the current one for a bare name), and `dir`'s own name:
/// where the staging folder and the build cache go.
pub fn parent_and_name(dir: &Path) -> (&Path, String) {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    (parent, name)
}

/// A new site being written beside its folder, in parts, as they are ready; swapped in
/// whole by [`Staging::swap_in`]. Dropped without that, it is removed and the folder is
/// left as it was.
pub struct Staging {
    dir: PathBuf,
    temp: tempfile::TempDir,
}

impl Staging {
    pub fn beside(dir: &Path) -> std::io::Result<Staging> {
        let (parent, name) = parent_and_name(dir);
        std::fs::create_dir_all(parent)?;
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{name}.new-"))
            .tempdir_in(parent)?;
        Ok(Staging {
            dir: dir.to_path_buf(),
            temp,
        })
    }

    /// Writes `files` into the new site (paths must not repeat across calls).
    pub fn write(&self, files: &Files) -> std::io::Result<()> {
        if let Some(bad) = files.keys().find(|p| !is_contained(p)) {
            return Err(std::io::Error::other(format!(
                "refusing to write {} outside the build folder",
                bad.display()
            )));
        }
        write_tree(self.temp.path(), files)
    }

    /// Puts the new site in place of the folder (whose old files are then removed).
    pub fn swap_in(self) -> std::io::Result<()> {
        let Staging { dir, temp } = self;
        let (parent, name) = parent_and_name(&dir);
        let staged = temp.keep();
        if dir.exists() {
            let old = tempfile::Builder::new()
                .prefix(&format!(".{name}.old-"))
                .tempdir_in(parent)?
                .keep();
            std::fs::remove_dir(&old)?;
            std::fs::rename(&dir, &old)?;
            if let Err(e) = std::fs::rename(&staged, &dir) {
                // Put the old site back rather than leave nothing.
                let _ = std::fs::rename(&old, &dir);
                let _ = std::fs::remove_dir_all(&staged);
                return Err(e);
            }
            remove_tree(&old)?;
        } else if let Err(e) = std::fs::rename(&staged, &dir) {
            let _ = std::fs::remove_dir_all(&staged);
            return Err(e);
        }
        Ok(())
    }
}

/// Brings `dir` to exactly `files`, writing only what differs from what is there: a file
/// whose bytes the last build wrote (per `previous`) and which is still there as written
/// is left alone; changed and new files are written whole (temp file + rename, so no file
/// is ever half-written); files no longer produced are removed. Without a previous
/// build to compare with, the whole site is written beside `dir` and swapped in.
/// Returns what `dir` now holds.
pub fn sync_site(
    dir: &Path,
    files: &Files,
    previous: Option<&crate::cache::Manifest>,
) -> std::io::Result<crate::cache::WrittenFiles> {
    let written = crate::cache::written(files);
    let Some(previous) = previous.filter(|_| dir.is_dir()) else {
        write_site(dir, files)?;
        return Ok(written);
    };
    if let Some(bad) = files.keys().find(|p| !is_contained(p)) {
        return Err(std::io::Error::other(format!(
            "refusing to write {} outside the build folder",
            bad.display()
        )));
    }
    let on_disk: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| e.path().strip_prefix(dir).ok().map(Path::to_path_buf))
        .collect();
    let pool = io_pool()?;
    pool.install(|| -> std::io::Result<()> {
        on_disk
            .par_iter()
            .filter(|p| !files.contains_key(*p))
            .try_for_each(|p| std::fs::remove_file(dir.join(p)))?;
        files.par_iter().try_for_each(|(path, bytes)| {
            let target = dir.join(path);
            let unchanged = previous.files.get(path) == written.get(path)
                && std::fs::metadata(&target)
                    .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
            if unchanged {
                Ok(())
            } else {
                write_atomic(&target, bytes)
            }
        })
    })?;
    remove_empty_dirs(dir)?;
    Ok(written)
}

/// Removes folders left empty by removed files (deepest first), keeping `dir` itself.
fn remove_empty_dirs(dir: &Path) -> std::io::Result<()> {
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .contents_first(true)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_dir() && std::fs::read_dir(entry.path())?.next().is_none() {
            std::fs::remove_dir(entry.path())?;
        }
    }
    Ok(())
}

/// Threads for file system work: creating and deleting many small files is bound by the
/// disk's latency, not the CPU, so more threads than cores help.
fn io_pool() -> std::io::Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(16)
        .build()
        .map_err(std::io::Error::other)
}

/// Writes `files` below `root`, in parallel (a big archive is tens of thousands of files).
pub fn write_tree(root: &Path, files: &Files) -> std::io::Result<()> {
    let dirs: std::collections::BTreeSet<PathBuf> = files
        .keys()
        .filter_map(|p| p.parent().map(|d| root.join(d)))
        .collect();
    io_pool()?.install(|| {
        // Parents before children: the set is sorted, so create level by level.
        let depth = |d: &PathBuf| d.components().count();
        let max = dirs.iter().map(depth).max().unwrap_or(0);
        for level in 0..=max {
            dirs.par_iter()
                .filter(|d| depth(d) == level)
                .try_for_each(|d| match std::fs::create_dir(d) {
                    Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                        std::fs::create_dir_all(d)
                    }
                    _ => Ok(()),
                })?;
        }
        files
            .par_iter()
            .try_for_each(|(path, bytes)| std::fs::write(root.join(path), bytes))
    })
}

/// Removes a tree with many threads: on most disks, deleting tens of thousands of small
/// files is bound by metadata latency, not by CPU.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let pool = io_pool()?;
    let entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    pool.install(|| {
        entries
            .par_iter()
            .filter(|e| !e.file_type().is_dir())
            .try_for_each(|e| std::fs::remove_file(e.path()))
    })?;
    std::fs::remove_dir_all(dir)
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
        let written = sync_site(&dir, &files, None).unwrap();
        let manifest = crate::cache::Manifest {
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
        sync_site(&dir, &files, Some(&manifest)).unwrap();
        assert_eq!(std::fs::read(dir.join("a/index.html")).unwrap(), b"two");
        assert!(!dir.join("b/index.html").exists() && !dir.join("stray.txt").exists());
        assert_eq!(std::fs::read(dir.join("b/other.txt")).unwrap(), b"o");
    }

    #[test]
    fn containment() {
        assert!(is_contained(Path::new("articles/a/index.html")));
        assert!(!is_contained(Path::new("../x")));
        assert!(!is_contained(Path::new("/etc/passwd")));
        assert!(!is_contained(Path::new("a/../../b")));
        assert!(!is_contained(Path::new("")));
    }

    #[test]
    fn a_site_is_swapped_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        let mut files = Files::new();
        files.insert("a/index.html".into(), b"one".to_vec());
        files.insert("gone.txt".into(), b"x".to_vec());
        write_site(&dir, &files).unwrap();
        files.remove(Path::new("gone.txt"));
        files.insert("a/index.html".into(), b"two".to_vec());
        write_site(&dir, &files).unwrap();
        assert_eq!(std::fs::read(dir.join("a/index.html")).unwrap(), b"two");
        assert!(!dir.join("gone.txt").exists());
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temp folders left behind");
        files.insert("../escape".into(), vec![]);
        assert!(write_site(&dir, &files).is_err());
        assert_eq!(std::fs::read(dir.join("a/index.html")).unwrap(), b"two");
    }
}
