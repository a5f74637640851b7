//! Records the git commit pamphlet is built from, as `PAMPHLET_GIT_REV`: `pamphlet init`
//! pins the new archive's workflows to it. Outside git (a source tarball) the variable is
//! not set, and init asks for `--pamphlet-rev` instead of guessing.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git").args(args).output().ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
    };
    if let Some(rev) = git(&["rev-parse", "--verify", "HEAD^{commit}"]) {
        println!("cargo:rustc-env=PAMPHLET_GIT_REV={rev}");
    }
    // Rebuild when HEAD moves: a commit rewrites the branch's ref (or packed-refs), a
    // checkout rewrites HEAD. A worktree keeps HEAD in its own git dir, refs in the common one.
    for (flag, names) in [
        ("--git-dir", &["HEAD"][..]),
        ("--git-common-dir", &["packed-refs"][..]),
    ] {
        if let Some(dir) = git(&["rev-parse", flag]) {
            for name in names {
                watch(PathBuf::from(&dir).join(name));
            }
        }
    }
    if let Some(head) = git(&["symbolic-ref", "-q", "HEAD"]) {
        if let Some(dir) = git(&["rev-parse", "--git-common-dir"]) {
            watch(PathBuf::from(dir).join(head));
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}

/// A path cargo watches; only an existing one, since a missing path reruns every build.
fn watch(path: PathBuf) {
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}
