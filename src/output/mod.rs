//! The only module that writes files. Three operations, each all-or-nothing: one file
//! (temp file + rename), a whole site (temp folder + swap), and a change to a site (the
//! changed files staged beside it, then moved in with a plan that undoes them). A build
//! deletes only files that its manifest says an earlier build wrote, inside its folder.

use std::collections::BTreeMap;
use std::io::Write;

use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};

mod change;
pub mod manifest;
pub use change::{recover, sync_site};

/// Writes `bytes` to `path` so that a reader sees the old file or the new one, never half
/// of it: a temp file in the same folder, then renamed over. The file gets the mode a
/// plain `File::create` would give it (0666 less the umask), or keeps the one it had:
/// `tempfile` alone makes every file 0600, which a web server or a collaborator on a
/// shared checkout then cannot read.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let kept = std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".pamphlet-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The kernel takes the umask off this, as it does for `File::create`.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    if let Some(permissions) = kept {
        tmp.as_file().set_permissions(permissions)?;
    }
    tmp.write_all(bytes)?;
    // No fsync: the rename is what makes the write all-or-nothing for readers, and
    // syncing each of ten thousand files would make imports and builds crawl.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// `path` made absolute with every symlink resolved, also when it does not exist yet:
/// its nearest existing ancestor is canonicalised and the rest appended (`..` taken off
/// by name, which is right there because a missing folder cannot be a symlink). Two
/// spellings of one folder give the same path, and different folders different paths.
pub fn canonical(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    for ancestor in absolute.ancestors() {
        let Ok(mut found) = ancestor.canonicalize() else {
            continue;
        };
        let rest = absolute.strip_prefix(ancestor).unwrap_or(Path::new(""));
        for part in rest.components() {
            match part {
                Component::ParentDir => {
                    found.pop();
                }
                Component::Normal(name) => found.push(name),
                _ => {}
            }
        }
        return found;
    }
    absolute
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
        refuse_outside(files)?;
        write_tree(self.temp.path(), &as_slices(files))
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

/// Is there nothing at `dir` a build could lose? (Then a new site can replace it whole.)
pub fn is_empty_or_missing(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

fn refuse_outside(files: &Files) -> std::io::Result<()> {
    match files.keys().find(|p| !is_contained(p)) {
        Some(bad) => Err(std::io::Error::other(format!(
            "refusing to write {} outside the build folder",
            bad.display()
        ))),
        None => Ok(()),
    }
}

fn as_slices(files: &Files) -> Vec<(&Path, &[u8])> {
    files
        .iter()
        .map(|(p, b)| (p.as_path(), b.as_slice()))
        .collect()
}

/// The error with the path it happened at (its kind kept, for the message that says why).
fn with_path(e: std::io::Error, path: &Path) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
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
fn write_tree(root: &Path, files: &[(&Path, &[u8])]) -> std::io::Result<()> {
    let dirs: std::collections::BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|(p, _)| p.parent().map(|d| root.join(d)))
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
        files.par_iter().try_for_each(|(path, bytes)| {
            let target = root.join(path);
            std::fs::write(&target, bytes).map_err(|e| with_path(e, &target))
        })
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

    #[cfg(unix)]
    #[test]
    fn written_files_get_the_usual_mode_or_keep_theirs() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let path = tmp.path().join("a.txt");
        write_atomic(&path, b"x").unwrap();
        let plain = tmp.path().join("plain.txt");
        std::fs::write(&plain, "x").unwrap();
        assert_eq!(mode(&path), mode(&plain), "as File::create would");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"y").unwrap();
        assert_eq!(mode(&path), 0o640);
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
