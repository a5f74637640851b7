//! The only module that writes files. Two operations, both all-or-nothing: one file
//! (temp file + rename) and a whole site (temp folder + swap).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Writes `bytes` to `path` so that a reader sees the old file or the new one, never half
/// of it: a temp file in the same folder, flushed, then renamed over.
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
    tmp.as_file().sync_all()?;
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
    if let Some(bad) = files.keys().find(|p| !is_contained(p)) {
        return Err(std::io::Error::other(format!(
            "refusing to write {} outside the build folder",
            bad.display()
        )));
    }
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let name = dir
        .file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(parent)?;
    write_tree(staging.path(), files)?;
    let staged = staging.keep();
    if dir.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(parent)?
            .keep();
        std::fs::remove_dir(&old)?;
        std::fs::rename(dir, &old)?;
        if let Err(e) = std::fs::rename(&staged, dir) {
            // Put the old site back rather than leave nothing.
            let _ = std::fs::rename(&old, dir);
            let _ = std::fs::remove_dir_all(&staged);
            return Err(e);
        }
        std::fs::remove_dir_all(&old)?;
    } else if let Err(e) = std::fs::rename(&staged, dir) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(e);
    }
    Ok(())
}

/// Writes `files` below `root`, in parallel (a big archive is tens of thousands of files).
pub fn write_tree(root: &Path, files: &Files) -> std::io::Result<()> {
    use rayon::prelude::*;
    let dirs: std::collections::BTreeSet<PathBuf> = files
        .keys()
        .filter_map(|p| p.parent().map(|d| root.join(d)))
        .collect();
    for d in &dirs {
        std::fs::create_dir_all(d)?;
    }
    files
        .par_iter()
        .try_for_each(|(path, bytes)| std::fs::write(root.join(path), bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

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
