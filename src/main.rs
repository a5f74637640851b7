//! The `pamphlet` binary: parse the command line, run one command, print the report once,
//! exit with a code that says how it went.

use std::process::ExitCode;

use pamphlet::cli::{Cli, Command};
use pamphlet::config::Config;
use pamphlet::error::{Diagnostic, Format, Report};
use pamphlet::plural::count;

// A build allocates millions of small strings from both cores at once; glibc's malloc spent
// a sixth of a build's CPU on them (bench/PROFILE.md), mimalloc's per-thread pages far less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// 0: done; 1: the input has errors; 2: the command could not run (usage, config).
enum Exit {
    Ok,
    InputErrors,
    Failed,
}

fn main() -> ExitCode {
    let cli = Cli::parse_args();
    let mut report = Report::default();
    let exit = run(&cli, &mut report);
    report.sort();
    if !report.is_empty() {
        eprint!("{}", report.render(Format::Human, &cli.root));
    }
    match exit {
        Exit::Ok if report.has_errors() => ExitCode::from(1),
        Exit::Ok => ExitCode::SUCCESS,
        Exit::InputErrors => ExitCode::from(1),
        Exit::Failed => ExitCode::from(2),
    }
}

fn init(cli: &Cli, report: &mut Report) -> Exit {
    let Command::Init {
        dir,
        title,
        topics,
        example,
        pamphlet_git,
        pamphlet_rev,
    } = &cli.command
    else {
        unreachable!("called for init only")
    };
    let options = pamphlet::init::InitOptions {
        title: title.clone(),
        topics: topics.clone(),
        example: *example,
        pamphlet_git: pamphlet_git.clone(),
        pamphlet_rev: pamphlet_rev.clone(),
    };
    // --root is only where a relative DIR starts; "./" is not worth printing.
    let dir = if cli.root == std::path::Path::new(".") {
        dir.clone()
    } else {
        cli.root.join(dir)
    };
    match pamphlet::init::init(&dir, &options, report) {
        Some(files) => {
            if !cli.quiet {
                eprintln!(
                    "started a new archive in {} ({}); next: save pasted pages in {0}/seeds/, then `cd {0} && pamphlet import` (its README.md says how to publish)",
                    dir.display(),
                    count(files.len(), "file")
                );
            }
            Exit::Ok
        }
        None => Exit::Failed,
    }
}

fn run(cli: &Cli, report: &mut Report) -> Exit {
    // `init` writes the book.toml: there is none to read yet, and no reason to warn.
    if let Command::Init { .. } = &cli.command {
        return init(cli, report);
    }
    let Some(mut config) = Config::load(&cli.root, report) else {
        return Exit::Failed;
    };
    match &cli.command {
        Command::Import {
            paths,
            out,
            force,
            explain,
        } => {
            let options = pamphlet::import::ImportOptions {
                paths: if paths.is_empty() {
                    vec![config.seeds_dir()]
                } else {
                    paths.clone()
                },
                out: out.clone().unwrap_or_else(|| config.content_dir()),
                force: *force,
                explain: *explain,
            };
            let summary = pamphlet::import::import(&config, &options, report);
            print!("{}", summary.explain);
            if !cli.quiet {
                eprintln!(
                    "imported {} into {}: {} new, {} updated, {} unchanged, {} kept (edited by hand), {} failed",
                    count(summary.seeds(), "seed"),
                    options.out.display(),
                    summary.created,
                    summary.updated,
                    summary.unchanged,
                    summary.kept,
                    summary.failed
                );
            }
            if summary.failed > 0 {
                Exit::InputErrors
            } else {
                Exit::Ok
            }
        }
        Command::Build {
            out,
            base_url,
            drafts,
            timings,
        } => {
            if let Some(url) = base_url {
                config.html.site_url = url.clone();
            }
            config.build.drafts = *drafts;
            let (out, origin) = match out {
                Some(out) => (out.clone(), pamphlet::out_dir::Origin::Flag),
                None => (config.build_dir(), pamphlet::out_dir::Origin::BookToml),
            };
            if let Err(d) = pamphlet::out_dir::validate(&config, &out, origin) {
                report.push(d);
                return Exit::Failed;
            }
            match pamphlet::build(&config, &out, report, !cli.quiet) {
                Some(s) => {
                    if !cli.quiet {
                        let what = if s.unchanged {
                            "nothing changed since the last build of"
                        } else {
                            "built"
                        };
                        eprintln!(
                            "{what} {} into {}: {} ({}), {}, {} in {:.2?}",
                            count(s.articles, "article"),
                            out.display(),
                            count(s.pages, "page"),
                            count(s.files, "file"),
                            count(s.topics, "topic"),
                            count(s.tags, "tag"),
                            s.elapsed,
                        );
                    }
                    if *timings {
                        for (stage, took) in &s.stages {
                            eprintln!("  {stage:<14} {took:>10.2?}");
                        }
                    }
                    Exit::Ok
                }
                // An error about the output folder itself (it cannot be written, the
                // disk is full) means the command could not run; any other, that the
                // input has errors.
                None if report
                    .diagnostics()
                    .iter()
                    .any(|d| d.is_error() && d.file == out) =>
                {
                    Exit::Failed
                }
                None => Exit::InputErrors,
            }
        }
        Command::Check {
            paths,
            format,
            strict,
        } => {
            let mut found = Report::default();
            let articles = pamphlet::check::check(&config, paths, &mut found);
            found.sort();
            let (errors, warnings) = (found.errors(), found.warnings());
            match format {
                Format::Human => {
                    report.extend(found);
                    if !cli.quiet {
                        eprintln!(
                            "checked {}: {}, {}",
                            count(articles, "article"),
                            count(errors, "error"),
                            count(warnings, "warning")
                        );
                    }
                }
                _ => print!("{}", found.render(*format, &cli.root)),
            }
            if errors > 0 || (*strict && warnings > 0) {
                Exit::InputErrors
            } else {
                Exit::Ok
            }
        }
        Command::Init { .. } => init(cli, report),
        Command::New {
            title,
            from,
            topics,
            tags,
        } => {
            let result = match (title, from) {
                (_, Some(from)) => pamphlet::scaffold::new_from(&config, from).map(|imported| {
                    let f = &imported.front;
                    println!("{}", imported.content.display());
                    if !cli.quiet {
                        eprintln!(
                            "imported {} (original kept as {})",
                            f.title,
                            imported.seed.display()
                        );
                        eprintln!(
                            "  date:     {}",
                            f.date.map_or_else(|| "not found".into(), |d| d.to_string())
                        );
                        eprintln!(
                            "  topics:   {}",
                            if f.topics.is_empty() {
                                "none (unsorted)".into()
                            } else {
                                f.topics.join(", ")
                            }
                        );
                        eprintln!("  tags:     {}", f.tags.join(", "));
                        eprintln!("  comments: {} kept apart as reader responses", f.comments);
                    }
                }),
                (Some(title), None) => {
                    pamphlet::scaffold::new_article(&config, title, topics, tags).map(|path| {
                        println!("{}", path.display());
                        if !cli.quiet {
                            eprintln!("a draft: write the article, then delete its `draft: true` line to publish it");
                        }
                    })
                }
                (None, None) => {
                    report.push(
                        Diagnostic::error("pamphlet new", "give the new article's headline, or a pasted page to import")
                            .help("`pamphlet new \"The headline\"` writes a blank draft; `pamphlet new --from pasted.txt` imports a page you copied (\"-\" reads it from standard input)"),
                    );
                    return Exit::Failed;
                }
            };
            match result {
                Ok(()) => Exit::Ok,
                Err(d) => {
                    report.push(d);
                    Exit::InputErrors
                }
            }
        }
        Command::Serve {
            port,
            bind,
            open,
            drafts,
            base_url,
        } => {
            if let Some(url) = base_url {
                config.html.site_url = url.clone();
            }
            config.build.drafts = *drafts;
            let options = pamphlet::serve::ServeOptions {
                bind: *bind,
                port: *port,
                open: *open,
                quiet: cli.quiet,
            };
            match pamphlet::serve::serve(config, &options) {
                Ok(()) => Exit::Ok,
                Err(d) => {
                    report.push(d);
                    Exit::Failed
                }
            }
        }
        Command::Search {
            query,
            topic,
            tag,
            year,
            from,
            to,
            undated,
            by_date,
            limit,
            json,
        } => {
            let range = match pamphlet::search::dates::Range::parse(from.as_deref(), to.as_deref())
            {
                Ok(range) => range,
                Err(message) => {
                    report.push(
                        pamphlet::error::Diagnostic::error(
                            if from.is_some() { "--from" } else { "--to" },
                            message,
                        )
                        .help("e.g. pamphlet search sanctions --from 2019-07 --to 2020-03"),
                    );
                    return Exit::Failed;
                }
            };
            let options = pamphlet::search::local::Options {
                query: query.join(" "),
                filters: pamphlet::search::query::Filters {
                    topic: topic.clone(),
                    tag: tag.clone(),
                    year: year.clone(),
                    range,
                    undated: *undated,
                },
                sort: if *by_date {
                    pamphlet::search::query::Sort::Date
                } else {
                    pamphlet::search::query::Sort::Relevance
                },
                limit: *limit,
            };
            match pamphlet::search::local::run(&config, &options, report) {
                Some(results) if *json => {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&results).unwrap_or_default()
                    );
                    Exit::Ok
                }
                Some(results) => {
                    print!("{}", results.to_text());
                    Exit::Ok
                }
                None => Exit::InputErrors,
            }
        }
    }
}
