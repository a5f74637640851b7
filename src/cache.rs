//! The build's key: a hash over every input of a build (book.toml, the theme, the site's
//! templates and static files, every content and seed file, the options that change
//! output, and the pamphlet binary itself), so any of those changing invalidates the
//! last build. The build compares it with the key in the output's manifest
//! ([`crate::output::manifest`]): a build whose inputs have not changed does nothing.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::output::manifest::hash_bytes;

/// The key over every input of a build of `config`.
pub fn key(config: &Config) -> u64 {
    let mut inputs: Vec<PathBuf> = vec![config.root.join("book.toml")];
    for (_, dir) in config.source_dirs() {
        inputs.extend(
            walkdir::WalkDir::new(dir)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(walkdir::DirEntry::into_path),
        );
    }
    let hashes: Vec<(PathBuf, u64)> = inputs
        .into_par_iter()
        .map(|p| {
            let h = std::fs::read(&p).map_or(0, |b| hash_bytes(&b));
            (p, h)
        })
        .collect();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|e| std::fs::metadata(e).ok())
    {
        meta.len().hash(&mut hasher);
        meta.modified().ok().hash(&mut hasher);
    }
    config.html.site_url.hash(&mut hasher);
    config.build.drafts.hash(&mut hasher);
    hashes.hash(&mut hasher);
    hasher.finish()
}
