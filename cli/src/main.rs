//! `waypost`: check whether a curriculum covers a learning framework.
//!
//! Exit codes: 0 when the check passes, 1 when the policy fails, 2 on bad input or usage.

use std::{
    io::Write,
    path::{Path, PathBuf},
    process::ExitCode,
};

mod assist;
mod edit;
mod interop;
mod reports;
mod teams;

use clap::{Parser, Subcommand, ValueEnum};
use waypost::{Catalog, CheckOptions, DiffOptions, Error, ReportFormat};

#[derive(Debug, Parser)]
#[command(
    name = "waypost",
    version,
    about = "Check whether a curriculum covers a learning framework"
)]
struct Cli {
    /// Extra framework or crosswalk files to load beside the built-in ones.
    #[arg(long = "with", global = true, value_name = "FILE")]
    with: Vec<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a curriculum's coverage against a framework and a policy (exit 1 if the policy fails).
    Check {
        /// Curriculum file: TOML, JSON, YAML or a mapping-grid CSV.
        curriculum: PathBuf,
        /// Framework id (default: the one the curriculum declares, or realising-recovery-2007).
        #[arg(long, short)]
        framework: Option<String>,
        /// Policy file (default: every statement at least introduced). Give one a framework,
        /// each naming its own with `framework = "..."`; one naming none applies to the rest.
        #[arg(long, short)]
        policy: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
        /// Write the report to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Show the evidence chain for one statement, or why it is a gap and what would help.
    Explain {
        /// Curriculum file.
        curriculum: PathBuf,
        /// Statement code, such as K4.
        code: String,
        /// Framework id.
        #[arg(long, short)]
        framework: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Plain::Text)]
        format: Plain,
    },
    /// Check that a curriculum loads and that every code, level and reference resolves.
    Validate {
        /// Curriculum file.
        curriculum: PathBuf,
        /// Framework id.
        #[arg(long, short)]
        framework: Option<String>,
    },
    /// List the available frameworks.
    Frameworks {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Listing::Text)]
        format: Listing,
    },
    /// Print a whole framework.
    Framework {
        /// Framework id, such as realising-recovery-2007.
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Listing::Text)]
        format: Listing,
    },
    /// Analyse many curricula at once: statements × courses, what no course covers or assesses,
    /// per-provider totals (exit 1 if some files could not be read).
    Portfolio {
        /// Curriculum files, or folders searched for .toml, .json, .yaml and .csv files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Framework id (default: realising-recovery-2007).
        #[arg(long, short)]
        framework: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
        /// Write the report to this file instead of standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Stop at the first file that cannot be read, instead of leaving it out.
        #[arg(long)]
        strict: bool,
        /// Flag taught statements reaching fewer learners a year than this (default 50).
        #[arg(long, value_name = "N")]
        few_learners: Option<u64>,
        /// A setting of your own, known as well as the listed ones (repeatable).
        #[arg(long = "setting", value_name = "NAME")]
        settings: Vec<String>,
        /// For each statement no course covers: the activities and resources linked to it, and
        /// the courses that already cover its neighbours.
        #[arg(long)]
        gaps_to_training: bool,
    },
    /// Compare two versions of a curriculum: coverage gained and lost, units changed.
    Diff {
        /// The old version.
        old: PathBuf,
        /// The new version.
        new: PathBuf,
        /// Framework id.
        #[arg(long, short)]
        framework: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Plain::Text)]
        format: Plain,
        /// Exit 1 if any statement lost coverage or level.
        #[arg(long)]
        fail_on_loss: bool,
    },
    /// Import a CASE package, a Moodle competency framework CSV, or a mapping grid (CSV or XLSX).
    Import(interop::ImportArgs),
    /// Export a framework as a CASE 1.1 package or a Moodle competency framework CSV.
    Export(interop::ExportArgs),
    /// Add and remove a unit's mappings, keeping the file's comments: `map FILE MOD/LO1 +K4 -S12`.
    Map(edit::MapArgs),
    /// Add a module, unit or assessment to a curriculum file, keeping its comments and layout.
    #[command(subcommand)]
    Add(edit::AddCommand),
    /// Write a commented starter curriculum file.
    New(edit::NewArgs),
    /// Suggest the statements a learning outcome most likely addresses, or mappings for a
    /// curriculum's unmapped units as a grid to edit and import (nothing is mapped on its own).
    Suggest(assist::SuggestArgs),
    /// Turn a self-assessment into a development plan: needs by domain and theme, with learning
    /// activities and resources, most useful first.
    Plan(assist::PlanArgs),
    /// Count many self-assessments into a team's or service's needs: members at each level,
    /// the needs most share, the activities that serve the most members (exit 1 if some files
    /// could not be read).
    Team(teams::TeamArgs),
    /// Write what people who use services, and their families and carers, can expect from
    /// mental health workers: the framework's published statements, values first, quoted
    /// exactly, with the source cited (a large-print page with `--format html`).
    Expect(teams::ExpectArgs),
    /// Print the JSON Schema of a document type.
    Schema {
        /// curriculum, framework, policy, crosswalk, report or self-assessment.
        kind: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Output {
    Text,
    Json,
    Markdown,
    /// A self-contained HTML page (heatmap, gaps, evidence); prints to A4.
    Html,
    /// The statements × modules matrix.
    Csv,
    /// The matrix as an Excel workbook: a summary, the curriculum as a mapping grid (its
    /// `Mapping` sheet reads back as the curriculum), a sheet per domain (needs --output).
    Xlsx,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Plain {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Listing {
    Text,
    Json,
}

impl Output {
    /// The text format this output is, or none for the binary workbook.
    pub(crate) fn text(self) -> Option<ReportFormat> {
        match self {
            Output::Text => Some(ReportFormat::Text),
            Output::Json => Some(ReportFormat::Json),
            Output::Markdown => Some(ReportFormat::Markdown),
            Output::Html => Some(ReportFormat::Html),
            Output::Csv => Some(ReportFormat::Csv),
            Output::Xlsx => None,
        }
    }
}

/// Writes a report in any output format, to standard output or a file.
fn write_report(
    report: &waypost::Report,
    curriculum: Option<&waypost::Curriculum>,
    format: Output,
    output: Option<&Path>,
    inputs: &[&Path],
) -> Result<(), Error> {
    match (format.text(), output) {
        (Some(ReportFormat::Text), None) => print(waypost::render_terminal(report)?.as_bytes()),
        // JSON is written as it is produced, never held whole (a large curriculum's report is
        // many times its size).
        (Some(ReportFormat::Json), Some(path)) => {
            waypost::write_file_with(path, inputs, &mut |w| waypost::write_json(report, w))?;
            written(path, "coverage report")
        }
        (Some(ReportFormat::Json), None) => print_with(&mut |out| waypost::write_json(report, out)),
        (Some(text), _) => emit(
            waypost::render(report, text)?.as_bytes(),
            output,
            inputs,
            "coverage report",
        ),
        (None, Some(path)) => emit(
            &waypost::report_workbook(report, curriculum)?,
            Some(path),
            inputs,
            "coverage report",
        ),
        (None, None) => Err(Error::usage(
            waypost::Diagnostic::new("a workbook cannot be written to the terminal")
                .with_hint("add `--output report.xlsx`"),
        )),
    }
}

/// Whether a curriculum declares two frameworks or more (each counted once).
fn declares_several(frameworks: &[String]) -> bool {
    frameworks
        .iter()
        .any(|f| frameworks.first().is_some_and(|first| first != f))
}

/// Writes a check against several frameworks, as [`write_report`] writes one report.
fn write_checks(
    checks: &waypost::Checks,
    curriculum: Option<&waypost::Curriculum>,
    format: Output,
    output: Option<&Path>,
    inputs: &[&Path],
) -> Result<(), Error> {
    match (format.text(), output) {
        (Some(ReportFormat::Text), None) => print(waypost::render_terminal(checks)?.as_bytes()),
        (Some(text), _) => emit(
            waypost::render(checks, text)?.as_bytes(),
            output,
            inputs,
            "coverage report",
        ),
        (None, Some(path)) => emit(
            &waypost::checks_workbook(checks, curriculum)?,
            Some(path),
            inputs,
            "coverage report",
        ),
        (None, None) => Err(Error::usage(
            waypost::Diagnostic::new("a workbook cannot be written to the terminal")
                .with_hint("add `--output report.xlsx`"),
        )),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let mut err = anstream::stderr();
            let _ = writeln!(err, "\x1b[1;31merror\x1b[0m: {e}");
            ExitCode::from(2)
        }
    }
}

fn catalog(with: &[PathBuf]) -> Result<Catalog, Error> {
    let mut catalog = Catalog::with_builtin()?;
    for path in with {
        waypost::read_into(&mut catalog, path)?;
    }
    Ok(catalog)
}

/// What a curriculum is checked against: the framework asked for, else its own.
pub(crate) fn against(framework: Option<String>) -> CheckOptions {
    let mut options = CheckOptions::default();
    options.framework = framework;
    options
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let catalog = catalog(&cli.with)?;
    match cli.command {
        Command::Check {
            curriculum,
            framework,
            policy,
            format,
            output,
        } => {
            let mut read = inputs(&cli.with, &[&curriculum]);
            read.extend(policy.iter().map(PathBuf::as_path));
            let curriculum = waypost::read_curriculum(&curriculum)?;
            // A curriculum that declares several frameworks is checked against every one,
            // unless `--framework` picks one.
            let several = framework.is_none() && declares_several(&curriculum.frameworks);
            let mut options = against(framework);
            options.policies = policy
                .iter()
                .map(|path| waypost::read_policy(path))
                .collect::<Result<_, _>>()?;
            if several {
                let checks = waypost::check_all(&catalog, &curriculum, &options)?;
                write_checks(&checks, Some(&curriculum), format, output.as_deref(), &read)?;
                if !checks.passed && (output.is_some() || format != Output::Text) {
                    for r in checks.reports.iter().filter(|r| !r.passed) {
                        closing(&format!(
                            "`{}`: {}",
                            r.framework.id,
                            policy_failed(&r.policy)
                        ))?;
                    }
                }
                return Ok(if checks.passed {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                });
            }
            // The workbook holds the curriculum as a mapping grid too (its `Mapping` sheet), so
            // it reads back as the curriculum checked; the check takes the curriculum, so a
            // copy is kept for it.
            let kept = (format == Output::Xlsx).then(|| curriculum.clone());
            let report = waypost::check_owned(&catalog, curriculum, &options)?;
            write_report(&report, kept.as_ref(), format, output.as_deref(), &read)?;
            let passed = report.passed;
            // The text report on the terminal ends with the verdict; anything else (a file, JSON)
            // needs a closing line to say why the exit code is 1.
            if !passed && (output.is_some() || format != Output::Text) {
                closing(&policy_failed(&report.policy))?;
            }
            // The process ends here: freeing a large report piece by piece would only cost time.
            std::mem::forget(report);
            Ok(if passed {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Explain {
            curriculum,
            code,
            framework,
            format,
        } => {
            let curriculum = waypost::read_curriculum(&curriculum)?;
            let explanation = waypost::explain(&catalog, &curriculum, &code, &against(framework))?;
            let text = match format {
                Plain::Text => waypost::render_terminal(&explanation)?,
                Plain::Json => waypost::render(&explanation, ReportFormat::Json)?,
                Plain::Markdown => waypost::render(&explanation, ReportFormat::Markdown)?,
            };
            print(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate {
            curriculum,
            framework,
        } => {
            let path = curriculum.display().to_string();
            let curriculum = waypost::read_curriculum(&curriculum)?;
            let validation = waypost::validate(&catalog, &curriculum, &against(framework))?;
            for w in &validation.warnings {
                say(&format!("\x1b[1;33mwarning\x1b[0m: {w}"))?;
            }
            let path = waypost::for_terminal(&path);
            say(&format!("{path}: {}", validation.summary()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Frameworks { format } => {
            let text = match format {
                Listing::Text => waypost::frameworks_text(&catalog),
                Listing::Json => waypost::to_json(&waypost::frameworks(&catalog)),
            };
            print(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Framework { id, format } => {
            let framework = catalog.framework(&id)?;
            let text = match format {
                Listing::Text => waypost::framework_text(framework),
                Listing::Json => waypost::to_json(framework),
            };
            print(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Portfolio {
            paths,
            framework,
            format,
            output,
            strict,
            few_learners,
            settings,
            gaps_to_training,
        } => {
            let mut options = waypost::PortfolioOptions::default();
            options.framework = framework;
            options.few_learners = few_learners;
            options.settings = settings;
            options.gaps_to_training = gaps_to_training;
            reports::portfolio(
                &catalog,
                &cli.with,
                &paths,
                options,
                format,
                output.as_deref(),
                strict,
            )
        }
        Command::Diff {
            old,
            new,
            framework,
            format,
            fail_on_loss,
        } => {
            let old = waypost::read_curriculum(&old)?;
            let new = waypost::read_curriculum(&new)?;
            let mut options = DiffOptions::default();
            options.framework = framework;
            let diff = waypost::diff(&catalog, &old, &new, &options)?;
            let text = match format {
                Plain::Text => waypost::render_terminal(&diff)?,
                Plain::Json => waypost::render(&diff, ReportFormat::Json)?,
                Plain::Markdown => waypost::render(&diff, ReportFormat::Markdown)?,
            };
            print(text.as_bytes())?;
            if !(fail_on_loss && diff.lost_anything) {
                return Ok(ExitCode::SUCCESS);
            }
            closing(&coverage_lost(&diff))?;
            Ok(ExitCode::from(1))
        }
        Command::Import(args) => interop::import(&catalog, &cli.with, args),
        Command::Export(args) => interop::export(&catalog, &cli.with, args),
        Command::Map(args) => edit::map(&catalog, args),
        Command::Add(command) => edit::add(&catalog, command),
        Command::New(args) => edit::new(&catalog, args),
        Command::Suggest(args) => assist::suggest(&catalog, &cli.with, args),
        Command::Plan(args) => assist::plan(&catalog, &cli.with, args),
        Command::Team(args) => teams::team(&catalog, &cli.with, args),
        Command::Expect(args) => teams::expect(&catalog, &cli.with, args),
        Command::Schema { kind } => {
            print(waypost::schema(&kind)?.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The files a command reads: those loaded with `--with`, and its own. A command never writes
/// its output over one of them.
pub(crate) fn inputs<'a>(with: &'a [PathBuf], own: &[&'a Path]) -> Vec<&'a Path> {
    with.iter()
        .map(PathBuf::as_path)
        .chain(own.iter().copied())
        .collect()
}

/// Writes to standard output, or to a file (through `waypost::files`, which never writes over
/// one of the command's `inputs` and replaces a file only once the new content is complete)
/// and then says which file holds `what` (`coverage.html: coverage report written`).
pub(crate) fn emit(
    bytes: &[u8],
    output: Option<&Path>,
    inputs: &[&Path],
    what: &str,
) -> Result<(), Error> {
    match output {
        None => print(bytes),
        Some(path) => {
            waypost::write_file(path, bytes, inputs)?;
            written(path, what)
        }
    }
}

/// Says that a file was written, and what it holds.
fn written(path: &Path, what: &str) -> Result<(), Error> {
    say(&format!(
        "{}: {what} written",
        waypost::for_terminal(&path.display().to_string())
    ))
}

/// Up to five codes, then how many more.
fn codes(list: &[&str]) -> String {
    let shown: Vec<&str> = list.iter().take(5).copied().collect();
    match list.len().saturating_sub(shown.len()) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// Why `check` exits 1: each requirement that fell short, with what fell short of it.
fn policy_failed(policy: &waypost::PolicyOutcome) -> String {
    let failed: Vec<String> = policy
        .requirements
        .iter()
        .filter(|r| !r.passed)
        .map(|r| {
            let short: Vec<&str> = r.short.iter().map(String::as_str).collect();
            format!(
                "{} ({}/{}, short: {})",
                r.description,
                r.met,
                r.total,
                codes(&short)
            )
        })
        .collect();
    format!("the policy failed: {}", failed.join("; "))
}

/// Why `diff --fail-on-loss` exits 1: what became a gap, and what was lowered.
fn coverage_lost(diff: &waypost::Diff) -> String {
    let mut parts = Vec::new();
    for (changes, one, many) in [
        (&diff.lost, "became a gap", "became gaps"),
        (&diff.lowered, "was lowered", "were lowered"),
    ] {
        let list: Vec<&str> = changes.iter().map(|c| c.code.as_str()).collect();
        match list.len() {
            0 => {}
            1 => parts.push(format!("{} {one}", codes(&list))),
            _ => parts.push(format!("{} {many}", codes(&list))),
        }
    }
    format!("coverage was lost (`--fail-on-loss`): {}", parts.join("; "))
}

/// The last line of a run that exits 1, on standard error: why it did.
pub(crate) fn closing(line: &str) -> Result<(), Error> {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "{}", waypost::for_terminal(line));
    Ok(())
}

/// Writes to standard output, colour stripped unless it is a terminal and `NO_COLOR` is unset.
/// A reader that went away (`waypost check ... | head`) is not an error worth reporting; any
/// other failure (a full disk) is.
pub(crate) fn print(bytes: &[u8]) -> Result<(), Error> {
    print_with(&mut |out| out.write_all(bytes))
}

/// [`print`] of output written as it is produced (a large JSON report), buffered.
fn print_with(write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Error> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, anstream::stdout());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Write {
            path: None,
            message: e.to_string().to_lowercase(),
            hint: None,
        }),
    }
}

/// Prints a note on standard error, where it does not mix with output piped to a file.
pub(crate) fn say_err(line: &str) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "{line}");
}

/// Prints one line on standard output, such as the confirmation of a file written.
pub(crate) fn say(line: &str) -> Result<(), Error> {
    print(format!("{line}\n").as_bytes())
}
