//! Which folders a build may write its site into. A build replaces its output folder
//! (a first build swaps in a whole new one; later builds delete the files the last one
//! wrote), so a folder that holds anything else would lose it: the site root, the
//! content, the seeds, the theme, templates and static files, a Git repository. This
//! module is the one place that decides; `build` asks it before writing and `check`
//! reports what it says, so a pull request that sets `build-dir` is caught in review.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::Diagnostic;
use crate::output::canonical;

/// Where the output folder was named, for the message that refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `pamphlet build --out DIR`.
    Flag,
    /// `build-dir` in book.toml (or its default, `public`).
    BookToml,
}

/// Is `out` a folder a build may own? `Ok` with its canonical path, or a diagnostic that
/// names the folder, what it would overwrite and what to do instead.
pub fn validate(config: &Config, out: &Path, origin: Origin) -> Result<PathBuf, Diagnostic> {
    let folder = canonical(out);
    let root = canonical(&config.root);
    let refuse = |what: String| Err(refusal(config, out, origin, &what));
    if root.starts_with(&folder) {
        return refuse(if root == folder {
            "is the site's own folder (book.toml, content/, seeds/)".into()
        } else {
            format!("contains the site's folder {}", root.display())
        });
    }
    for (name, dir) in config.source_dirs() {
        let dir = canonical(&dir);
        if folder == dir {
            return refuse(format!("is {name}"));
        }
        if folder.starts_with(&dir) {
            return refuse(format!("is inside {name} ({})", dir.display()));
        }
        if dir.starts_with(&folder) {
            return refuse(format!("contains {name} ({})", dir.display()));
        }
    }
    if folder.components().any(|c| c.as_os_str() == ".git") {
        return refuse("is inside a Git repository's own .git folder".into());
    }
    // A folder inside the site root, used only for the site (public/), is the one place
    // inside a repository that a build may own.
    let inside_site = folder.starts_with(&root);
    for holder in folder.ancestors().filter(|a| a.join(".git").exists()) {
        if holder == folder {
            return refuse("holds a Git repository (.git)".into());
        }
        if !(inside_site && root.starts_with(holder)) {
            return refuse(format!("is inside the Git repository {}", holder.display()));
        }
    }
    // Tools keep their own files in the site's hidden folders (.github, .cache): never
    // a site's.
    let hidden = |c: std::path::Component<'_>| c.as_os_str().to_string_lossy().starts_with('.');
    let is_hidden = folder
        .strip_prefix(&root)
        .is_ok_and(|below| below.components().any(hidden));
    if is_hidden {
        return refuse("is a hidden folder, where tools keep their own files".into());
    }
    // book.toml comes with pull requests: it may only name a folder of this site. A
    // folder outside is the user's own choice, typed as --out.
    if origin == Origin::BookToml && !inside_site {
        return refuse(format!(
            "is outside the site's folder {} (a link that leads out counts too)",
            root.display()
        ));
    }
    // A first build replaces the whole folder. Once a build has written it, later builds
    // delete only what their manifest lists, so the walk (long on a big site) is needed
    // only before the first.
    if folder.is_dir() && !crate::output::manifest::Manifest::written_by_a_build(&config.root, out)
    {
        let repo = walkdir::WalkDir::new(&folder)
            .min_depth(1)
            .into_iter()
            .filter_map(Result::ok)
            .find(|e| e.file_name() == ".git");
        if let Some(repo) = repo {
            let holder = repo.path().parent().unwrap_or(&folder);
            return refuse(format!("contains the Git repository {}", holder.display()));
        }
    }
    // A folder is a build's to write only when nothing is in it yet or a build wrote it:
    // a pull request could otherwise point build-dir at docs/ and have its files
    // overwritten by pages of the same name.
    if !crate::output::is_empty_or_missing(&folder)
        && !crate::output::manifest::Manifest::written_by_a_build(&config.root, out)
    {
        return refuse("already holds files that no pamphlet build wrote (move them away, or delete the folder if it is an old build)".into());
    }
    Ok(folder)
}

fn refusal(config: &Config, out: &Path, origin: Origin, what: &str) -> Diagnostic {
    let message = |named: &str| {
        format!(
            "refusing to build into {}: the output folder {named} {what}, and a build overwrites and deletes files in its output folder",
            out.display()
        )
    };
    match origin {
        Origin::Flag => Diagnostic::error(out, message("given with --out")).help(
            "give --out a folder used for nothing but the built site, e.g. `--out public` or a new folder outside the archive",
        ),
        Origin::BookToml => {
            let named = format!(
                "set by build-dir = \"{}\"",
                config.build.build_dir.display()
            );
            let d = Diagnostic::error("book.toml", message(&named)).help(
                "set build-dir in book.toml to a folder used for nothing but the built site, e.g. build-dir = \"public\"",
            );
            match config.build_dir_at {
                Some((line, col)) => d.at(line, col),
                None => d,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, Config) {
        let tmp = tempfile::tempdir().unwrap();
        for dir in ["content", "seeds", "themes/default"] {
            std::fs::create_dir_all(tmp.path().join(dir)).unwrap();
        }
        let config = Config::example_at(tmp.path());
        (tmp, config)
    }

    #[test]
    fn public_inside_the_site_is_fine_and_its_overlaps_are_not() {
        let (tmp, config) = site();
        let root = tmp.path();
        std::fs::create_dir(root.join(".git")).unwrap();
        assert!(validate(&config, &root.join("public"), Origin::Flag).is_ok());
        assert!(validate(&config, &root.join("out/deeper"), Origin::Flag).is_ok());
        for bad in [
            root.to_path_buf(),
            root.join("content"),
            root.join("content/sub"),
            root.join("seeds/../seeds"),
            root.join("themes"),
            root.join(".."),
            PathBuf::from("/"),
        ] {
            assert!(
                validate(&config, &bad, Origin::Flag).is_err(),
                "{}",
                bad.display()
            );
        }
    }

    #[test]
    fn git_repositories_are_refused() {
        let (tmp, config) = site();
        let other = tmp.path().join("public/vendored");
        std::fs::create_dir_all(other.join(".git")).unwrap();
        let err = validate(&config, &tmp.path().join("public"), Origin::Flag).unwrap_err();
        assert!(
            err.message.contains("contains the Git repository"),
            "{err:?}"
        );
        let err = validate(&config, &other, Origin::Flag).unwrap_err();
        assert!(err.message.contains("holds a Git repository"), "{err:?}");
        let err = validate(&config, &other.join("site"), Origin::Flag).unwrap_err();
        assert!(
            err.message.contains("is inside the Git repository"),
            "{err:?}"
        );
        let err = validate(&config, &other.join(".git/x"), Origin::Flag).unwrap_err();
        assert!(err.message.contains("own .git folder"), "{err:?}");
    }
}
