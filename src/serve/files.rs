//! The site's files as `serve` holds them: in memory, by path, shared with the HTTP
//! threads, and changed a file or a folder at a time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// The site's files by path.
pub type Served = BTreeMap<PathBuf, Arc<[u8]>>;

/// The served files, shared with the HTTP threads. Updated in place under the lock
/// (only once the new pages are rendered), never copied: copying tens of thousands of
/// entries on every edit was a third of an edit's time.
pub type SharedFiles = Arc<RwLock<Served>>;

/// Removes every file below `dir` (site-relative, ending in `/`).
pub(super) fn remove_dir(files: &mut Served, dir: &Path) {
    let doomed: Vec<PathBuf> = files
        .range(dir.to_path_buf()..)
        .take_while(|(p, _)| p.starts_with(dir))
        .map(|(p, _)| p.clone())
        .collect();
    for p in doomed {
        files.remove(&p);
    }
}

/// A build's files as the map holds them, ready to insert.
pub(super) fn served(files: crate::output::Files) -> impl Iterator<Item = (PathBuf, Arc<[u8]>)> {
    files.into_iter().map(|(p, b)| (p, Arc::from(b)))
}
