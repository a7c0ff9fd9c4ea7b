//! The portfolio command: reading many files with a progress bar, then one report.

use std::{io::IsTerminal, path::Path, process::ExitCode};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use waypost::{Catalog, Diagnostic, Error, PortfolioOptions};

use crate::{Output, emit};

/// Reads every curriculum under `paths` and reports on them together.
pub(crate) fn portfolio(
    catalog: &Catalog,
    with: &[std::path::PathBuf],
    paths: &[std::path::PathBuf],
    options: PortfolioOptions,
    format: Output,
    output: Option<&Path>,
    strict: bool,
) -> Result<ExitCode, Error> {
    let files = waypost::collect_files(paths)?;
    if files.is_empty() {
        return Err(Error::usage(
            Diagnostic::new("no curriculum files found")
                .with_hint("give files, or folders holding .toml, .json, .yaml or .csv files"),
        ));
    }
    // A bar only on a terminal, and only for portfolios that take more than a moment.
    let bar = if std::io::stderr().is_terminal() && files.len() > 20 {
        let bar =
            ProgressBar::with_draw_target(Some(files.len() as u64), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} reading curricula {bar:30} {pos}/{len} {eta}")
        {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let report = waypost::portfolio_files(catalog, &files, &options, |done, _| {
        bar.set_position(done as u64)
    })?;
    bar.finish_and_clear();
    if strict && let Some(failure) = report.failures.first() {
        return Err(match failure.error.diagnostics.is_empty() {
            false => Error::Invalid(failure.error.diagnostics.clone()),
            true => Error::parse(Diagnostic {
                path: Some(failure.path.clone()),
                ..Diagnostic::new(failure.error.message.clone())
            }),
        });
    }
    let bytes = match (format.text(), output) {
        (Some(waypost::ReportFormat::Text), None) => {
            waypost::render_terminal(&report)?.into_bytes()
        }
        (Some(text), _) => waypost::render(&report, text)?.into_bytes(),
        (None, Some(_)) => waypost::portfolio_workbook(&report)?,
        (None, None) => {
            return Err(Error::usage(
                Diagnostic::new("a workbook cannot be written to the terminal")
                    .with_hint("add `--output portfolio.xlsx`"),
            ));
        }
    };
    let read: Vec<&Path> = crate::inputs(with, &[])
        .into_iter()
        .chain(files.iter().map(std::path::PathBuf::as_path))
        .collect();
    emit(&bytes, output, &read, "portfolio report")?;
    if report.failures.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let n = report.failures.len();
    crate::closing(&format!(
        "{n} {} could not be read and {} left out (`--strict` stops at the first)",
        if n == 1 { "file" } else { "files" },
        if n == 1 { "was" } else { "were" },
    ))?;
    Ok(ExitCode::from(1))
}
