//! The command line, as clap structs. `main.rs` turns these into a [`Config`] once; no
//! stage sees a clap type.
//!
//! [`Config`]: crate::config::Config

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "pamphlet", version, about = "Turn pasted articles into a searchable campaign archive", long_about = None)]
pub struct Cli {
    /// The archive's folder (the one holding book.toml).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,

    /// Print nothing but errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Turn pasted web pages (seeds) into tagged Markdown articles in content/.
    Import {
        /// Seed files or folders [default: seeds/]
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Where the articles go [default: the content-dir of book.toml]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Replace articles edited by hand (each is kept as <slug>.md.bak first).
        #[arg(long)]
        force: bool,
        /// Show, for each seed, what was found, each topic's score and which lines were left out.
        #[arg(long)]
        explain: bool,
    },
    /// Build the archive into the build folder (public/ by default).
    Build {
        /// Where to write the site [default: the build-dir of book.toml]
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// The address the site is published at, for this build only (overrides
        /// site-url in book.toml), e.g. https://user.github.io/archive/
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
}
