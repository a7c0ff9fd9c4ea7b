//! `waypost team`: many self-assessments counted into a team's or service's needs.

use std::{
    path::{Path, PathBuf},
    process::ExitCode,
};

use clap::Args;
use waypost::{Catalog, Diagnostic, Error, TeamOptions};

use crate::{Output, emit};

/// Arguments of `waypost team`.
#[derive(Debug, Args)]
pub(crate) struct TeamArgs {
    /// Self-assessment files, or folders searched for .toml, .json and .yaml files.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Count every member against this level (default: each file's `target`, else `confident`).
    #[arg(long, value_name = "LEVEL")]
    target: Option<String>,
    /// Name the members below target (for a supervisor); by default the view only counts.
    #[arg(long)]
    names: bool,
    /// Output format (xlsx needs --output).
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
    /// Write the view to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// `waypost team`: exit 1 when some files could not be read (the rest are counted).
pub(crate) fn team(catalog: &Catalog, with: &[PathBuf], args: TeamArgs) -> Result<ExitCode, Error> {
    let entries = waypost::read_team(&args.paths)?;
    if entries.is_empty() {
        return Err(Error::usage(
            Diagnostic::new("no self-assessment files found")
                .with_hint("give files, or folders holding .toml, .json or .yaml files"),
        ));
    }
    let files: Vec<PathBuf> = entries.iter().map(|(p, _)| PathBuf::from(p)).collect();
    let mut options = TeamOptions::default();
    options.target = args.target;
    options.names = args.names;
    let view = waypost::team(catalog, entries, &options)?;
    let bytes = match (args.format.text(), args.output.as_deref()) {
        (Some(format), _) => waypost::render(&view, format)?.into_bytes(),
        (None, Some(_)) => waypost::team_workbook(&view)?,
        (None, None) => {
            return Err(Error::usage(
                Diagnostic::new("a workbook cannot be written to the terminal")
                    .with_hint("add `--output team.xlsx`"),
            ));
        }
    };
    let read: Vec<&Path> = crate::inputs(with, &[])
        .into_iter()
        .chain(files.iter().map(PathBuf::as_path))
        .collect();
    emit(&bytes, args.output.as_deref(), &read, "team view")?;
    if view.failures.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    for f in &view.failures {
        let first = f.error.diagnostics.first();
        let place = match first.and_then(|d| d.line.zip(d.column)) {
            Some((line, column)) => format!("{}:{line}:{column}", f.path),
            None => f.path.clone(),
        };
        let message = first.map_or(f.error.message.as_str(), |d| d.message.as_str());
        crate::say_err(&format!(
            "\x1b[1;31merror\x1b[0m: {}: {}",
            waypost::for_terminal(&place),
            waypost::for_terminal(message)
        ));
    }
    let n = view.failures.len();
    crate::closing(&format!(
        "{n} {} could not be read and {} left out",
        if n == 1 { "file" } else { "files" },
        if n == 1 { "was" } else { "were" },
    ))?;
    Ok(ExitCode::from(1))
}

/// Arguments of `waypost expect`.
#[derive(Debug, Args)]
pub(crate) struct ExpectArgs {
    /// Framework id (default: realising-recovery-2007).
    #[arg(long, short)]
    framework: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExpectFormat::Text)]
    format: ExpectFormat,
    /// Write the page to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ExpectFormat {
    Text,
    Json,
    Markdown,
    /// A large-print page that prints: big type, high contrast, no scripts.
    Html,
}

/// `waypost expect`: what people who use services can expect, from the published statements.
pub(crate) fn expect(
    catalog: &Catalog,
    with: &[PathBuf],
    args: ExpectArgs,
) -> Result<ExitCode, Error> {
    let mut options = waypost::ExpectOptions::default();
    options.framework = args.framework;
    let page = waypost::what_to_expect(catalog, &options)?;
    let format = match args.format {
        ExpectFormat::Text => waypost::ReportFormat::Text,
        ExpectFormat::Json => waypost::ReportFormat::Json,
        ExpectFormat::Markdown => waypost::ReportFormat::Markdown,
        ExpectFormat::Html => waypost::ReportFormat::Html,
    };
    emit(
        waypost::render(&page, format)?.as_bytes(),
        args.output.as_deref(),
        &crate::inputs(with, &[]),
        "what-to-expect page",
    )?;
    Ok(ExitCode::SUCCESS)
}
