//! The command line, as clap structs. `main.rs` turns these into a [`Config`] once; no
//! stage sees a clap type.
//!
//! [`Config`]: crate::config::Config

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::error::Format;

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

impl Cli {
    /// The command line, parsed. `--root` is global, but `init` is not run in an archive:
    /// it names the new one's folder itself, so its help does not offer `--root` (which,
    /// given anyway, is only where a relative DIR starts, as for every path).
    pub fn parse_args() -> Cli {
        // A subcommand's own argument is not overwritten by the global one of that name.
        let mut command = Cli::command().mut_subcommand("init", |init| {
            init.arg(
                clap::Arg::new("root")
                    .long("root")
                    .value_name("DIR")
                    .default_value(".")
                    .value_parser(clap::value_parser!(PathBuf))
                    .hide(true),
            )
        });
        let matches = command.get_matches_mut();
        Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.format(&mut command).exit())
    }
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
        /// Replace articles edited by hand (each is kept first as <slug>.md.bak, or
        /// <slug>.md.2.bak, .3.bak… when there is one: no backup is overwritten).
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
        /// Print how long each stage of the build took.
        #[arg(long)]
        timings: bool,
    },
    /// Validate the archive without writing anything: front matter, topics, tags,
    /// duplicates, links, images, provenance, book.toml and templates.
    Check {
        /// Only report problems in these files or folders (the whole site is still read).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// How to print problems: for people, as GitHub Actions annotations, or as JSON.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Start a new archive for another campaign in DIR.
    Init {
        /// An empty or missing folder.
        dir: PathBuf,
        /// The archive's title [default: Campaign archive]
        #[arg(long, conflicts_with = "example")]
        title: Option<String>,
        /// A topic and the phrases that mark an article as that topic, e.g.
        /// "Housing=eviction, rent arrears" (repeatable).
        #[arg(
            long = "topic",
            value_name = "NAME=PHRASES",
            conflicts_with = "example"
        )]
        topics: Vec<String>,
        /// Start from this repository's own archive instead: its health and welfare
        /// topics and tag aliases.
        #[arg(long)]
        example: bool,
        /// The git address of pamphlet's repository, which the archive's workflows build
        /// pamphlet from.
        #[arg(long, value_name = "URL")]
        pamphlet_git: Option<String>,
        /// The commit (or tag) of that repository to build [default: the commit this
        /// pamphlet was built from]
        #[arg(long, value_name = "REV")]
        pamphlet_rev: Option<String>,
    },
    /// Add an article: a blank one with its front matter filled, or a pasted page.
    New {
        /// The headline of a new, blank article (written as a draft).
        #[arg(conflicts_with = "from")]
        title: Option<String>,
        /// Import one pasted page from FILE ("-" for standard input) instead.
        #[arg(long, value_name = "FILE")]
        from: Option<PathBuf>,
        /// A topic slug from book.toml (repeatable). Not with --from: the importer gives
        /// a pasted page its topics, and you edit them in the article.
        #[arg(long = "topic", value_name = "TOPIC", conflicts_with = "from")]
        topics: Vec<String>,
        /// A tag (repeatable). Not with --from, as for --topic.
        #[arg(long = "tag", value_name = "TAG", conflicts_with = "from")]
        tags: Vec<String>,
    },
    /// Preview the site locally, rebuilding and reloading open pages as files change.
    Serve {
        /// The port to listen on.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but 127.0.0.1 lets other machines see it.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Serve as if published at this address (its path becomes the prefix).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Search the archive as the search page does: the built index in the build folder,
    /// or, before a build, the content. Prints ranked results.
    Search {
        /// Words (all required), "quoted phrases", -excluded words. Quote the query as one
        /// argument when it starts with -word, or put `--` before it.
        #[arg(value_name = "QUERY", required = true, num_args = 1..)]
        query: Vec<String>,
        /// Only articles of this topic (its slug, e.g. welfare-conditionality).
        #[arg(long, value_name = "SLUG")]
        topic: Option<String>,
        /// Only articles with this tag (its slug, e.g. universal-credit).
        #[arg(long, value_name = "SLUG")]
        tag: Option<String>,
        /// Only articles of this year.
        #[arg(long, value_name = "YYYY")]
        year: Option<String>,
        /// Only articles from this date on: 2019, 2019-07 or 2019-07-16. An article
        /// dated only 2019 counts for any range that takes in part of 2019.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Only articles up to this date (included): 2020, 2020-03 or 2020-03-31.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Only the undated articles (a date range leaves them out, and counts them).
        #[arg(long, conflicts_with_all = ["from", "to"])]
        undated: bool,
        /// Newest first instead of best match first.
        #[arg(long)]
        by_date: bool,
        /// How many results to list (0: all).
        #[arg(long, default_value_t = 10, value_name = "N")]
        limit: usize,
        /// Print one JSON object: results, facet counts, and the bytes the search page
        /// would download for this query.
        #[arg(long)]
        json: bool,
    },
}
