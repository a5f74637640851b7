//! The content file format, both ways: what the importer writes into `content/*.md` and
//! what the site reads back. Front matter, the "Reader responses" section, Markdown
//! escaping of pasted text and tag canonicalisation live here, so the writer and the
//! reader cannot drift apart and the site never depends on the importer.

pub mod escape;
pub mod front_matter;
pub mod responses;
pub mod tags;
