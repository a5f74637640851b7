//! pamphlet: a static site generator for campaign archives.
//!
//! The pipeline runs one way: seed text -> [`import::Document`] -> `content/*.md` ->
//! [`site::Site`] -> [`render::Rendered`] -> `public/`. Each stage takes the previous
//! stage's type and returns its own; only [`output`] writes files.

pub mod cli;
pub mod config;
pub mod date;
pub mod error;
pub mod front_matter;
pub mod import;
pub mod output;
pub mod slug;
pub mod text;
