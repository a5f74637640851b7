//! `pamphlet new`: new articles with their front matter filled, blank or from one pasted
//! page. Nothing existing is ever overwritten. (`pamphlet init` is [`crate::init`].)

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::front_matter::{self, FrontMatter};
use crate::date::PartialDate;
use crate::error::Diagnostic;
use crate::import::batch::{self, render_file};
use crate::import::{Importer, Seed};
use crate::output::write_atomic;

/// A blank article: `content/<slug>.md`, a draft, with today's date and the given topics
/// and tags.
pub fn new_article(
    config: &Config,
    title: &str,
    topics: &[String],
    tags: &[String],
) -> Result<PathBuf, Diagnostic> {
    for t in topics {
        if config.topic(t).is_none() {
            let known: Vec<&str> = config.topics.iter().map(|t| t.slug.as_str()).collect();
            return Err(
                Diagnostic::error("book.toml", format!("topic `{t}` is not in book.toml"))
                    .help(format!("use one of: {}", known.join(", "))),
            );
        }
    }
    // A control character (pasted with the title, or typed as an escape) would make the
    // article one `check` refuses.
    let title: String = title
        .chars()
        .filter(|c| !crate::content::front_matter::is_forbidden(*c))
        .collect();
    let slug = crate::slug::slugify(&title);
    let front = FrontMatter {
        title: title.trim().to_string(),
        slug: Some(slug.clone()),
        date: Some(PartialDate::today()),
        topics: topics.to_vec(),
        tags: tags.to_vec(),
        // A placeholder body must not go live: the contributor removes this line when
        // the article is written, as with Hugo's archetypes.
        draft: true,
        ..FrontMatter::default()
    };
    let path = config.content_dir().join(format!("{slug}.md"));
    create(
        &path,
        front_matter::join(&front, "Write the article here, in Markdown.\n").as_bytes(),
    )?;
    Ok(path)
}

/// What `new --from` found, to tell the contributor.
pub struct Imported {
    pub seed: PathBuf,
    pub content: PathBuf,
    pub front: FrontMatter,
}

/// Imports one pasted page: the original is kept in seeds/ (its provenance), the article
/// written to content/, with `collected:` set to today.
pub fn new_from(config: &Config, from: &Path) -> Result<Imported, Diagnostic> {
    let (bytes, name) = if from == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Diagnostic::error("<stdin>", format!("cannot read: {e}")))?;
        (bytes, None)
    } else {
        let bytes = std::fs::read(from).map_err(|e| {
            Diagnostic::error(from, format!("cannot read: {e}"))
                .help("give the path of a text file with the pasted page")
        })?;
        (
            bytes,
            from.file_name().map(|n| n.to_string_lossy().into_owned()),
        )
    };
    let label = name.clone().unwrap_or_else(|| "<stdin>".into());
    let (seed, _) = Seed::new(label.clone(), &bytes)
        .map_err(|e| Diagnostic::error(&label, format!("cannot import: {e}")))?;
    let mut doc = Importer::new(config).convert(&seed);
    let headline_slug = doc.front.slug.clone().unwrap_or_else(|| "untitled".into());
    // The pasted file's own name is kept, unless Windows could not check it out.
    let seed_name = name
        .filter(|n| !crate::slug::is_windows_reserved(n))
        .unwrap_or_else(|| format!("{headline_slug}.txt"));
    let seed_path = config.seeds_dir().join(&seed_name);
    // The address `pamphlet import` would give it: `-2`… when another article has it.
    let articles = batch::existing_seeds(&config.content_dir());
    let slug = batch::unique_slug(
        &headline_slug,
        &seed_name,
        &articles,
        &mut Default::default(),
    );
    doc.front.slug = Some(slug.clone());
    let content = config.content_dir().join(format!("{slug}.md"));
    // Everything is checked before anything is written: a seed left in seeds/ by a run
    // that then failed would be imported again by the next `pamphlet import`, as a second
    // copy of the article.
    let seed_is_new = match std::fs::read(&seed_path) {
        Ok(existing) if existing == bytes => {
            if let Some(article) = article_from(config, &articles, &seed_name) {
                return Err(Diagnostic::error(
                    &article,
                    format!("this page is already imported (seeds/{seed_name})"),
                )
                .help(
                    "edit this article to change it; `pamphlet import` brings it up to date with the importer",
                ));
            }
            false
        }
        Ok(_) => {
            return Err(Diagnostic::error(
                &seed_path,
                format!("seeds/{seed_name} already holds a different text"),
            )
            .help(format!(
                "rename the file you are importing (another name than {seed_name}), or delete the old seed if no article uses it"
            )))
        }
        Err(_) => true,
    };
    refuse_existing(&content)?;
    doc.front.seed = Some(seed_name);
    doc.front.collected = Some(PartialDate::today());
    if seed_is_new {
        create(&seed_path, &bytes)?;
    }
    if let Err(d) = create(&content, render_file(&doc).as_bytes()) {
        if seed_is_new {
            // Undo the seed just written, for the same reason as above; the article
            // could not be written, so nothing else refers to it.
            let _ = std::fs::remove_file(&seed_path);
        }
        return Err(d);
    }
    Ok(Imported {
        seed: seed_path,
        content,
        front: doc.front,
    })
}

/// The article in content/ made from the seed named `seed`, if there is one.
fn article_from(
    config: &Config,
    existing: &HashMap<String, batch::Existing>,
    seed: &str,
) -> Option<PathBuf> {
    let content = config.content_dir();
    existing
        .iter()
        .filter(|(_, e)| e.seed.as_deref() == Some(seed))
        .map(|(slug, _)| content.join(format!("{slug}.md")))
        .filter(|p| p.is_file())
        .min()
}

/// An existing file at `path` is an error: pamphlet never overwrites an article.
fn refuse_existing(path: &Path) -> Result<(), Diagnostic> {
    if path.exists() {
        return Err(Diagnostic::error(
            path,
            "already exists; pamphlet never overwrites an article",
        )
        .help("choose another title, or edit the existing file"));
    }
    Ok(())
}

/// Writes a new file, refusing to replace one.
fn create(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    refuse_existing(path)?;
    write_atomic(path, bytes).map_err(|e| Diagnostic::error(path, format!("cannot write: {e}")))
}
