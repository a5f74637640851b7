//! The content file format, both ways: what the importer writes into `content/*.md` and
//! what the site reads back. Front matter, the "Reader responses" section, Markdown
//! escaping of pasted text and tag canonicalisation live here, so the writer and the
//! reader cannot drift apart and the site never depends on the importer.

pub mod escape;
pub mod front_matter;
pub mod responses;
pub mod tags;

use pulldown_cmark::Options;

/// The Markdown the site renders: what the search index reads must be parsed the same
/// way (with math on, `$17 million … $6 million` would vanish from the index; issue 22).
pub const MARKDOWN_OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_SMART_PUNCTUATION)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);
