//! What a build wrote: each file's length and hash, the inputs' key ([`crate::cache::key`])
//! and the summary's counts. Kept in the site's own folder, in
//! `.pamphlet-cache/<build dir name>-<hash of its canonical path>.manifest`: never inside
//! the published site, and never beside an output folder named with `--out` (that folder's
//! parent is not the site's to write in; issue 19). The hash is there because two output
//! folders that end in one name (`--out a/site`, and `--out a/..`, which is called `site`
//! too) must not share a manifest: a build deletes the files its manifest lists.
//!
//! With it, a build after an edit rewrites only the files whose bytes changed, and a
//! build whose key is unchanged checks that the files it wrote are still there.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{canonical, parent_and_name, Files};

/// A file as written: its length and a hash of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub len: u64,
    pub hash: u64,
}

impl Written {
    pub fn of(bytes: &[u8]) -> Written {
        Written {
            len: bytes.len() as u64,
            hash: hash_bytes(bytes),
        }
    }
}

/// Each written file's [`Written`], by path.
pub type WrittenFiles = BTreeMap<PathBuf, Written>;

/// Each file's [`Written`], by path.
pub fn written(files: &Files) -> WrittenFiles {
    files
        .par_iter()
        .map(|(p, b)| (p.clone(), Written::of(b)))
        .collect()
}

/// The last build: its inputs' key, what it wrote, and its summary line's numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub key: u64,
    /// articles, pages, topics, tags (for "nothing changed" to report the same line).
    pub counts: [usize; 4],
    pub files: WrittenFiles,
}

impl Manifest {
    /// Where the manifest of the builds into `out` is kept: `.pamphlet-cache/` in the
    /// site's folder `root`.
    pub fn path(root: &Path, out: &Path) -> PathBuf {
        let (_, name) = parent_and_name(out);
        let folder = canonical(out);
        let id = hash_bytes(folder.as_os_str().as_encoded_bytes());
        root.join(".pamphlet-cache")
            .join(format!("{name}-{id:016x}.manifest"))
    }

    /// Has a build written `out`? Its manifest says so, or one that older builds kept
    /// beside the folder (`<name>-<hash>.manifest`, or `<name>.manifest` from before
    /// manifests were keyed by the folder's path).
    pub fn written_by_a_build(root: &Path, out: &Path) -> bool {
        let (parent, name) = parent_and_name(out);
        let beside = parent.join(".pamphlet-cache");
        let keyed = Manifest::path(root, out);
        keyed.is_file()
            || keyed.file_name().is_some_and(|f| beside.join(f).is_file())
            || beside.join(format!("{name}.manifest")).is_file()
    }

    /// The manifest of the last build into `out`, if there is a readable one.
    pub fn read(root: &Path, out: &Path) -> Option<Manifest> {
        let text = std::fs::read_to_string(Manifest::path(root, out)).ok()?;
        let mut lines = text.lines();
        let mut head = lines.next()?.split(' ');
        if head.next()? != "pamphlet-manifest-2" {
            return None;
        }
        let key = u64::from_str_radix(head.next()?, 16).ok()?;
        let mut counts = [0; 4];
        for c in &mut counts {
            *c = head.next()?.parse().ok()?;
        }
        let mut files = BTreeMap::new();
        for line in lines {
            let mut parts = line.splitn(3, '\t');
            let len = parts.next()?.parse().ok()?;
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            files.insert(PathBuf::from(parts.next()?), Written { len, hash });
        }
        Some(Manifest { key, counts, files })
    }

    pub fn to_text(&self) -> String {
        let [a, p, t, g] = self.counts;
        let mut out = format!("pamphlet-manifest-2 {:016x} {a} {p} {t} {g}\n", self.key);
        for (path, w) in &self.files {
            out.push_str(&format!("{}\t{:016x}\t{}\n", w.len, w.hash, path.display()));
        }
        out
    }

    /// Are the files it lists still in `out`, with their lengths? (Someone may have
    /// cleaned the folder by hand.)
    pub fn intact(&self, out: &Path) -> bool {
        self.files
            .par_iter()
            .all(|(path, w)| std::fs::metadata(out.join(path)).is_ok_and(|m| m.len() == w.len))
    }
}

/// XXH3: every input file and every output file of a build passes through here (half a
/// gigabyte at 10,000 articles), several times faster than the standard library's SipHash.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_round_trip() {
        let mut files = BTreeMap::new();
        files.insert(PathBuf::from("a/index.html"), Written::of(b"hello"));
        files.insert(PathBuf::from("b c/x.txt"), Written::of(b""));
        let m = Manifest {
            key: 42,
            counts: [1, 2, 3, 4],
            files,
        };
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let path = Manifest::path(tmp.path(), &out);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, m.to_text()).unwrap();
        assert_eq!(Manifest::read(tmp.path(), &out), Some(m));
    }
}
