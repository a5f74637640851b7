//! Problems found in user input, as data.
//!
//! Every stage turns its own errors into [`Diagnostic`]s (file, line, column, what is wrong,
//! what to do) and collects them in a [`Report`], so a run shows every problem at once
//! instead of stopping at the first. The report is printed once, by the driver, in the
//! format the user asked for.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem, located as precisely as the input allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// 1-based column (in characters), when the problem has one.
    pub column: Option<usize>,
    pub message: String,
    /// What the user can do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, file.into(), message.into())
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, file.into(), message.into())
    }

    fn new(severity: Severity, file: PathBuf, message: String) -> Self {
        Diagnostic {
            severity,
            file,
            line: None,
            column: None,
            message,
            help: None,
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line.max(1));
        self.column = Some(column.max(1));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col`, as editors and terminals link it.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file.display()),
            (Some(l), None) => format!("{}:{l}", self.file.display()),
            _ => self.file.display().to_string(),
        }
    }
}

/// What to do about a file that could not be written, by the cause the system gave: a
/// full disk, a read-only one, a missing permission and a file held by another program
/// each have their own remedy, and "check that the folder is writable" names none.
pub fn write_help(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            "the disk is full (or your disk quota is used up): free some space, then run the command again; nothing was half-written"
        }
        ErrorKind::FileTooLarge => "the file is larger than this disk or your limits allow",
        ErrorKind::ReadOnlyFilesystem => {
            "the disk is mounted read-only: write to a folder on a writable disk, or remount it read-write"
        }
        ErrorKind::PermissionDenied => {
            "you lack permission to write there: check the folder's owner and permissions, or choose another folder"
        }
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => {
            "the file or folder is in use by another program (an editor, a sync or backup tool, a server, or a mount point): close it or wait, then run the command again"
        }
        ErrorKind::IsADirectory
        | ErrorKind::NotADirectory
        | ErrorKind::AlreadyExists
        | ErrorKind::DirectoryNotEmpty => {
            "something is in the way: a folder where a file goes, or a file where a folder goes; move it out of the folder"
        }
        ErrorKind::NotFound => "a folder on the way is missing: check the path",
        ErrorKind::CrossesDevices => {
            "the folder is on another disk than the folder beside it (a mount point?): build into a folder that is not a mount point"
        }
        _ => "check that the folder exists and that you can write to it",
    }
}

/// How a report is printed: for people, for GitHub Actions annotations, or for tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Human,
    Github,
    Json,
}

/// Every diagnostic of one run, in the order found.
#[derive(Debug, Default, Clone)]
pub struct Report {
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(other);
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// Sorted by file, then position, so output is stable whatever order threads finished in.
    pub fn sort(&mut self) {
        self.diagnostics
            .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        self.diagnostics.dedup();
    }

    /// The whole report as text in `format`. `root` is where relative file names start,
    /// so the human format can show the offending source line.
    pub fn render(&self, format: Format, root: &Path) -> String {
        match format {
            Format::Human => self.render_human(root),
            Format::Github => self.render_github(),
            Format::Json => self.render_json(),
        }
    }

    /// The human format without colour, for places that are not a terminal (serve's
    /// error overlay).
    pub fn render_plain(&self, root: &Path) -> String {
        self.render_with(miette::GraphicalTheme::unicode_nocolor(), root)
    }

    fn render_human(&self, root: &Path) -> String {
        self.render_with(theme(), root)
    }

    fn render_with(&self, theme: miette::GraphicalTheme, root: &Path) -> String {
        let handler = miette::GraphicalReportHandler::new_themed(theme);
        let mut out = String::new();
        // Showing the source costs a pass over the file: past a few per file, a diagnostic
        // is shown without it, so 10,000 broken links in one file take a second, not a
        // minute.
        let mut shown: std::collections::HashMap<&Path, usize> = Default::default();
        for d in &self.diagnostics {
            let count = shown.entry(&d.file).or_default();
            *count += 1;
            let report = to_miette(d, root, *count <= SNIPPETS_PER_FILE);
            if handler.render_report(&mut out, report.as_ref()).is_err() {
                let _ = writeln!(out, "{}: {}", d.location(), d.message);
            }
        }
        out
    }

    fn render_github(&self) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            let kind = if d.is_error() { "error" } else { "warning" };
            let mut props = format!("file={}", escape_property(&d.file.display().to_string()));
            if let Some(l) = d.line {
                let _ = write!(props, ",line={l}");
            }
            if let Some(c) = d.column {
                let _ = write!(props, ",col={c}");
            }
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                let _ = write!(message, "\nhelp: {h}");
            }
            let _ = writeln!(out, "::{kind} {props}::{}", escape_data(&message));
        }
        out
    }

    fn render_json(&self) -> String {
        #[derive(Serialize)]
        struct Json<'a> {
            version: u32,
            errors: usize,
            warnings: usize,
            diagnostics: &'a [Diagnostic],
        }
        let json = Json {
            version: 1,
            errors: self.errors(),
            warnings: self.warnings(),
            diagnostics: &self.diagnostics,
        };
        serde_json::to_string_pretty(&json).unwrap_or_default() + "\n"
    }
}

impl IntoIterator for Report {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.diagnostics.into_iter()
    }
}

fn theme() -> miette::GraphicalTheme {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    }
}

/// The most diagnostics of one file shown with the source line under them.
const SNIPPETS_PER_FILE: usize = 100;

/// A miette report with the source line under it, when `snippet` is asked for and the
/// file and line can be read.
fn to_miette(d: &Diagnostic, root: &Path, snippet: bool) -> miette::Report {
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
    };
    let mut diag = miette::MietteDiagnostic::new(d.message.clone()).with_severity(severity);
    if let Some(help) = &d.help {
        diag = diag.with_help(help.clone());
    }
    let name = d.location();
    let source = d.line.filter(|_| snippet).and_then(|line| {
        let path = if d.file.is_absolute() {
            d.file.clone()
        } else {
            root.join(&d.file)
        };
        let text = std::fs::read_to_string(path).ok()?;
        excerpt(&text, line, d.column.unwrap_or(1))
    });
    match source {
        Some((text, offset)) => {
            diag = diag.with_label(miette::LabeledSpan::at_offset(offset, "here"));
            miette::Report::new(diag).with_source_code(miette::NamedSource::new(name, text))
        }
        None => miette::Report::new(diag.with_code(name)),
    }
}

/// How many characters of a long line the report shows. miette pads its underline with a
/// format width, which panics past 65,535 columns, and a line that long is unreadable in
/// a terminal anyway.
const SHOWN_CHARS: usize = 120;

/// `text` as the report shows it, with the byte offset of a 1-based line and character
/// column in it, if the text has that line. Every line longer than [`SHOWN_CHARS`] is cut
/// down (marked with `…`): the diagnostic's line to a window around its column, the
/// others to their start. Line numbers stay those of the file.
fn excerpt(text: &str, line: usize, column: usize) -> Option<(String, usize)> {
    let mut out = String::with_capacity(text.len().min(1 << 20));
    let mut offset = None;
    for (index, this) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let chars = this.chars().count();
        if index + 1 == line {
            let column = column.saturating_sub(1).min(chars);
            let from = column
                .saturating_sub(SHOWN_CHARS / 2)
                .min(chars.saturating_sub(SHOWN_CHARS));
            let to = (from + SHOWN_CHARS).min(chars);
            if from > 0 {
                out.push('…');
            }
            let mut shown = this.chars().skip(from).map(visible);
            out.extend(shown.by_ref().take(column - from));
            offset = Some(out.len());
            out.extend(shown.take(to - column));
            if to < chars {
                out.push('…');
            }
        } else if chars > SHOWN_CHARS {
            out.extend(this.chars().take(SHOWN_CHARS).map(visible));
            out.push('…');
        } else {
            out.extend(this.chars().map(visible));
        }
    }
    offset.map(|offset| (out, offset))
}

/// A character as a terminal may safely show it: a control character in a file from a
/// pull request (ESC, a carriage return) must not move the cursor or recolour the
/// maintainer's terminal or CI log, so it is shown as its Unicode picture (␛), or as
/// U+FFFD for the C1 range. One character for one, so columns stay right.
fn visible(c: char) -> char {
    match c {
        '\t' => c,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' => '\u{fffd}',
        _ => c,
    }
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_failures_say_what_caused_them() {
        use std::io::{Error, ErrorKind};
        let help = |kind| write_help(&Error::from(kind));
        assert!(help(ErrorKind::StorageFull).contains("disk is full"));
        assert!(help(ErrorKind::QuotaExceeded).contains("quota"));
        assert!(help(ErrorKind::ReadOnlyFilesystem).contains("read-only"));
        assert!(help(ErrorKind::PermissionDenied).contains("permission"));
        assert!(help(ErrorKind::ResourceBusy).contains("in use by another program"));
        assert!(help(ErrorKind::IsADirectory).contains("in the way"));
        // The raw errno (what the system call gives) maps the same way: ENOSPC, EBUSY.
        if cfg!(unix) {
            assert_eq!(
                write_help(&Error::from_raw_os_error(28)),
                help(ErrorKind::StorageFull)
            );
            assert_eq!(
                write_help(&Error::from_raw_os_error(16)),
                help(ErrorKind::ResourceBusy)
            );
        }
        let all = [
            ErrorKind::StorageFull,
            ErrorKind::ReadOnlyFilesystem,
            ErrorKind::PermissionDenied,
            ErrorKind::ResourceBusy,
        ];
        let distinct: std::collections::BTreeSet<_> = all.iter().map(|k| help(*k)).collect();
        assert_eq!(distinct.len(), all.len(), "each cause has its own advice");
    }

    #[test]
    fn offsets_and_positions_agree() {
        let text = "---\ntitle: x\n  bad: [\n";
        let (shown, off) = excerpt(text, 3, 3).unwrap();
        assert_eq!(shown, text);
        assert_eq!(&text[off..off + 3], "bad");
        assert_eq!(line_col(text, off), (3, 3));
        assert_eq!(excerpt(text, 9, 1), None);
    }

    #[test]
    fn control_characters_are_shown_not_sent_to_the_terminal() {
        let text = "title: \u{1b}[2J\u{1b}]0;x\u{7}bad\r\n";
        let (shown, off) = excerpt(text, 1, 18).unwrap();
        assert_eq!(shown, "title: \u{241b}[2J\u{241b}]0;x\u{2407}bad\u{240d}\n");
        assert!(shown[off..].starts_with("bad"));
    }

    #[test]
    fn long_lines_are_shown_around_the_column() {
        let long = format!("{}bad{}", "é".repeat(90_000), "x".repeat(500));
        let text = format!("{long}\n{long}\n");
        let (shown, off) = excerpt(&text, 2, 90_001).unwrap();
        let lines: Vec<&str> = shown.split('\n').collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].chars().count(), SHOWN_CHARS + 1);
        assert!(lines[1].starts_with('…') && lines[1].ends_with('…'));
        assert_eq!(&shown[off..off + 3], "bad");
    }

    #[test]
    fn github_format_escapes_newlines_and_names_the_place() {
        let mut r = Report::default();
        r.push(
            Diagnostic::error("content/a.md", "bad date")
                .at(3, 7)
                .help("write YYYY-MM-DD"),
        );
        assert_eq!(
            r.render(Format::Github, Path::new(".")),
            "::error file=content/a.md,line=3,col=7::bad date%0Ahelp: write YYYY-MM-DD\n"
        );
    }
}
