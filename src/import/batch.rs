//! `pamphlet import`: every seed under the given paths -> `content/<slug>.md`.
//!
//! Safe to re-run: an unchanged seed gives a byte-identical file (nothing is written),
//! and a file someone edited by hand is kept unless `--force` (which moves it aside to
//! `<slug>.md.bak` first, or `<slug>.md.2.bak`, `.3.bak`… if there is one: nothing is lost).

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{sha256_hex, DecodeError, Document, Importer, Seed};
use crate::config::Config;
use crate::content::front_matter::{self, FrontMatter};
use crate::date::PartialDate;
use crate::error::{Diagnostic, Report};
use crate::output::write_atomic;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Files or folders of seeds.
    pub paths: Vec<PathBuf>,
    /// Where content files go.
    pub out: PathBuf,
    /// Overwrite hand-edited files (after moving them aside).
    pub force: bool,
    /// Describe each decision.
    pub explain: bool,
}

/// What happened, for the closing line and the `--explain` text.
#[derive(Debug, Default)]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub kept: usize,
    pub failed: usize,
    pub explain: String,
    /// The content files written or confirmed, by seed name.
    pub files: Vec<(String, PathBuf)>,
}

impl ImportSummary {
    /// How many seeds were read: each is new, updated, unchanged, kept or failed.
    pub fn seeds(&self) -> usize {
        self.created + self.updated + self.unchanged + self.kept + self.failed
    }
}

/// A seed read and converted (and whether it was Windows-1252), or why it could not be.
type Converted = Result<(Seed, Document, bool), Diagnostic>;

/// Imports every seed; problems go to `report`, the rest still import.
pub fn import(config: &Config, options: &ImportOptions, report: &mut Report) -> ImportSummary {
    let mut summary = ImportSummary::default();
    let seed_files = collect(&options.paths, report);
    let importer = Importer::new(config);
    let converted: Vec<(PathBuf, Converted)> = seed_files
        .par_iter()
        .map(|path| (path.clone(), read_and_convert(&importer, path)))
        .collect();
    let existing = existing_seeds(&options.out);
    let mut taken: BTreeSet<String> = BTreeSet::new();
    // Slugs are given in seed order, one after another, so they are stable; the files
    // are then written in parallel.
    let mut planned: Vec<(PathBuf, Seed, Document, PathBuf)> = Vec::new();
    for (path, result) in converted {
        let (seed, mut doc, windows_1252) = match result {
            Ok(ok) => ok,
            Err(d) => {
                report.push(d);
                summary.failed += 1;
                continue;
            }
        };
        if windows_1252 {
            report.push(
                Diagnostic::warning(&path, "not UTF-8: read as Windows-1252")
                    .help("check the quotes and £ signs in the imported file; save seeds as UTF-8 to avoid this"),
            );
        }
        let slug = unique_slug(
            doc.front.slug.as_deref().unwrap_or("untitled"),
            &seed.name,
            &existing,
            &mut taken,
        );
        // When the seed was first collected is not in the seed: the article written
        // from it before (by `new --from`) keeps it, so importing again changes nothing.
        doc.front.collected = existing.get(&slug).and_then(|e| e.collected);
        doc.front.slug = Some(slug.clone());
        let target = options.out.join(format!("{slug}.md"));
        planned.push((path, seed, doc, target));
    }
    let written: Vec<std::io::Result<Outcome>> = planned
        .par_iter()
        .map(|(_, _, doc, target)| write_content(target, &render_file(doc), options.force))
        .collect();
    for ((path, seed, doc, target), outcome) in planned.into_iter().zip(written) {
        if options.explain {
            explain(&mut summary.explain, &path, &target, &doc);
        }
        match outcome {
            Ok(Outcome::Created) => summary.created += 1,
            Ok(Outcome::Updated) => summary.updated += 1,
            Ok(Outcome::Unchanged) => summary.unchanged += 1,
            Ok(Outcome::Kept) => {
                summary.kept += 1;
                let slug = doc.front.slug.as_deref().unwrap_or_default();
                report.push(
                    Diagnostic::warning(&target, "edited by hand since it was imported; kept as it is")
                        .help(format!("to replace it with a fresh import of {}, run `pamphlet import --force` (the edited file is kept as {slug}.md.bak, or {slug}.md.2.bak… if there is one already)", path.display())),
                );
            }
            Ok(Outcome::Replaced(bak)) => {
                summary.updated += 1;
                report.push(Diagnostic::warning(
                    &target,
                    format!(
                        "edited by hand; replaced, and the edited file kept as {}",
                        bak.display()
                    ),
                ));
            }
            Err(e) => {
                summary.failed += 1;
                report.push(
                    Diagnostic::error(&target, format!("cannot write: {e}"))
                        .help(crate::error::write_help(&e)),
                );
                continue;
            }
        }
        summary.files.push((seed.name.clone(), target));
    }
    summary
}

/// Every regular file below the paths, sorted, so slugs are given in a stable order.
fn collect(paths: &[PathBuf], report: &mut Report) -> Vec<PathBuf> {
    let mut files = BTreeSet::new();
    for path in paths {
        if !path.exists() {
            report.push(
                Diagnostic::error(path, "no such file or folder").help(
                    "give the seeds folder or files to import, e.g. `pamphlet import seeds/`",
                ),
            );
            continue;
        }
        // Each path named (on the command line, or by serve as seeds change) is held to
        // the rule for links too, against the folder it is in: `seeds` may not be a link
        // to /etc.
        let folder = path
            .components()
            .collect::<PathBuf>()
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        if let Err(d) = crate::walk::refuse_link_out(path, &folder) {
            report.push(d);
            continue;
        }
        if path.is_file() {
            files.insert(path.clone());
            continue;
        }
        // A link out of the folder is refused by name (it would import, and so publish,
        // a file from elsewhere); one that stays inside is read as the file it names.
        let mut problems = Vec::new();
        files.extend(
            crate::walk::files_below(path, false, &mut problems)
                .into_iter()
                .map(|f| f.path),
        );
        report.extend(problems);
    }
    files.into_iter().collect()
}

fn read_and_convert(importer: &Importer<'_>, path: &Path) -> Converted {
    let bytes =
        std::fs::read(path).map_err(|e| Diagnostic::error(path, format!("cannot read: {e}")))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    // The name becomes the article's `seed:`, and `check` refuses a control character
    // there (a CR in a name could even pass for a line of the front matter).
    if name.chars().any(crate::content::front_matter::is_forbidden) {
        return Err(Diagnostic::error(
            path,
            "cannot import: the file name holds a control character",
        )
        .help("rename the file to letters, digits and hyphens, then import it again"));
    }
    let (seed, windows_1252) = Seed::new(name, &bytes).map_err(|e| {
        let help = match e {
            DecodeError::Empty | DecodeError::Blank => "paste the article's text into it, or delete it",
            DecodeError::Utf16WithoutBom => "open it in a text editor and save it as UTF-8 (or as UTF-16 with a byte order mark), then import it again",
            DecodeError::Utf32 => "open it in a text editor and save it as UTF-8, then import it again",
            DecodeError::Nul | DecodeError::Binary(_) => "seeds are plain text pasted from a web page; move this file out of the seeds folder",
        };
        Diagnostic::error(path, format!("cannot import: {e}")).help(help)
    })?;
    let doc = importer.convert(&seed);
    if doc.body.trim().is_empty() {
        return Err(Diagnostic::error(path, "cannot import: no article text found, only site chrome")
            .help("check that the paste holds the article, or add a line of it if the importer dropped it (`pamphlet import --explain` shows why each line was left out)"));
    }
    Ok((seed, doc, windows_1252))
}

/// An article already in content/, as far as import needs it.
#[derive(Debug, Clone)]
pub(crate) struct Existing {
    /// Its `seed:` key; None for an article written by hand.
    pub seed: Option<String>,
    /// Its `collected:` date.
    pub collected: Option<PartialDate>,
}

/// The addresses content/ already uses, each with the article there: every file name,
/// and every `slug:` (a hand-written article may set one that differs from its file
/// name). Read the way build reads content/, sub-folders included, so import never makes
/// a slug build would find twice. `check` asks it which seeds have an article.
pub(crate) fn existing_seeds(out: &Path) -> HashMap<String, Existing> {
    let mut map = HashMap::new();
    // Links that build refuses are reported by build; here they only take no address.
    let mut ignored = Vec::new();
    for found in crate::walk::files_below(out, false, &mut ignored) {
        let path = found.path;
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let front = std::fs::read_to_string(&path).ok().and_then(|t| {
            let split = front_matter::split(&t)?;
            // Deep nesting costs the parser seconds; check reports it.
            if front_matter::too_deep(split.yaml).is_some() {
                return None;
            }
            serde_yaml::from_str::<FrontMatter>(split.yaml).ok()
        });
        let existing = Existing {
            seed: front.as_ref().and_then(|f| f.seed.clone()),
            collected: front.as_ref().and_then(|f| f.collected),
        };
        if let Some(slug) = front.and_then(|f| f.slug) {
            map.insert(slug, existing.clone());
        }
        if let Some(stem) = path.file_stem() {
            map.insert(stem.to_string_lossy().into_owned(), existing);
        }
    }
    map
}

/// The slug, or `slug-2`, `slug-3`… when another seed or a contributed article has it;
/// each still within the longest slug build accepts (see [`crate::slug::with_suffix`]).
/// `new --from` asks it too, so it gives a page the address `import` would.
pub(crate) fn unique_slug(
    base: &str,
    seed: &str,
    existing: &HashMap<String, Existing>,
    taken: &mut BTreeSet<String>,
) -> String {
    let free = |s: &str, taken: &BTreeSet<String>| {
        !taken.contains(s)
            && existing
                .get(s)
                .is_none_or(|owner| owner.seed.as_deref() == Some(seed))
    };
    let mut slug = base.to_string();
    let mut n = 2;
    while !free(&slug, taken) {
        slug = crate::slug::with_suffix(base, n);
        n += 1;
    }
    taken.insert(slug.clone());
    slug
}

/// The file text, with `import_sha256` recording a hash of everything else in it.
pub fn render_file(doc: &Document) -> String {
    let mut front = doc.front.clone();
    front.import_sha256 = None;
    let unsigned = front_matter::join(&front, &doc.body);
    front.import_sha256 = Some(sha256_hex(unsigned.as_bytes()));
    front_matter::join(&front, &doc.body)
}

/// Did the importer write this text as it stands? Its `import_sha256` line, taken out,
/// leaves exactly the text that was hashed; any edit, even of white space, breaks that.
fn is_untouched_import(text: &str) -> bool {
    let Some(split) = front_matter::split(text) else {
        return false;
    };
    let Some(line) = split
        .yaml
        .lines()
        .find(|l| l.starts_with("import_sha256: "))
    else {
        return false;
    };
    let recorded = line.trim_start_matches("import_sha256: ").trim();
    let unsigned = text.replacen(&format!("{line}\n"), "", 1);
    sha256_hex(unsigned.as_bytes()) == recorded
}

enum Outcome {
    Created,
    Updated,
    Unchanged,
    Kept,
    Replaced(PathBuf),
}

fn write_content(target: &Path, text: &str, force: bool) -> std::io::Result<Outcome> {
    match std::fs::read_to_string(target) {
        Ok(old) if old == text => Ok(Outcome::Unchanged),
        Ok(old) if is_untouched_import(&old) => {
            write_atomic(target, text.as_bytes())?;
            Ok(Outcome::Updated)
        }
        Ok(old) if force => {
            let bak = free_backup(target);
            write_atomic(&bak, old.as_bytes())?;
            write_atomic(target, text.as_bytes())?;
            Ok(Outcome::Replaced(bak))
        }
        Ok(_) => Ok(Outcome::Kept),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            write_atomic(target, text.as_bytes())?;
            Ok(Outcome::Created)
        }
        Err(e) => Err(e),
    }
}

/// Where the hand-edited `<slug>.md` is kept before `--force` replaces it: `<slug>.md.bak`,
/// or `<slug>.md.2.bak`, `.3.bak`… when earlier ones are there. Every backup is kept: each
/// holds an edit that is nowhere else.
fn free_backup(target: &Path) -> PathBuf {
    let taken = |p: &Path| std::fs::symlink_metadata(p).is_ok();
    let first = target.with_extension("md.bak");
    if !taken(&first) {
        return first;
    }
    (2..)
        .map(|n| target.with_extension(format!("md.{n}.bak")))
        .find(|p| !taken(p))
        .unwrap_or(first)
}

fn explain(out: &mut String, seed: &Path, target: &Path, doc: &Document) {
    let f = &doc.front;
    let _ = writeln!(out, "{} -> {}", seed.display(), target.display());
    let _ = writeln!(out, "  title:     {}", f.title);
    for c in doc.explanation.title.iter().take(3) {
        let text: String = c.text.chars().take(60).collect();
        let why: Vec<String> = c
            .deciding(4)
            .iter()
            .map(|(name, v)| format!("{name} {v:+.1}"))
            .collect();
        let _ = writeln!(
            out,
            "    {:>6.2}  line {:>4}: {text}  ({})",
            c.score,
            c.number,
            why.join(", ")
        );
    }
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none found)".into());
    let _ = writeln!(
        out,
        "  date:      {}",
        f.date
            .map_or_else(|| "(none found)".into(), |d| d.to_string())
    );
    let _ = writeln!(out, "  author:    {}", show(&f.author));
    let _ = writeln!(out, "  publisher: {}", show(&f.publisher));
    let _ = writeln!(out, "  source:    {}", show(&f.source));
    let _ = writeln!(out, "  comments:  {}", f.comments);
    let _ = writeln!(out, "  tags:      {}", f.tags.join(", "));
    let _ = writeln!(
        out,
        "  topics:    {}",
        if f.topics.is_empty() {
            "(none: unsorted)".into()
        } else {
            f.topics.join(", ")
        }
    );
    for s in &doc.explanation.scores {
        let matched: Vec<String> = s.matched.iter().map(|(p, n)| format!("{p} ×{n}")).collect();
        let _ = writeln!(
            out,
            "    {:>6.2}  {:<24} {}",
            s.score,
            s.topic,
            matched.join(", ")
        );
    }
    if !doc.explanation.dropped.is_empty() {
        let _ = writeln!(out, "  left out:");
        for (line, text, why) in &doc.explanation.dropped {
            let text: String = text.chars().take(70).collect();
            let _ = writeln!(out, "    line {line:>4} ({why}): {text}");
        }
    }
    out.push('\n');
}
