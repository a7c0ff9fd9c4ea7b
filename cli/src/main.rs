//! `waypost`: check whether a curriculum covers a learning framework.
//!
//! Exit codes: 0 when the check passes, 1 when the policy fails, 2 on bad input or usage.

use std::{
    io::Write,
    path::{Path, PathBuf},
    process::ExitCode,
};

use clap::{Parser, Subcommand, ValueEnum};
use waypost::{Catalog, Error, Policy, ReportFormat, render};

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
        /// Policy file (default: every statement at least introduced).
        #[arg(long, short)]
        policy: Option<PathBuf>,
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
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
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
    /// Print the JSON Schema of a document type.
    Schema {
        /// curriculum, framework, policy, crosswalk or report.
        kind: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Output {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Listing {
    Text,
    Json,
}

impl From<Output> for ReportFormat {
    fn from(o: Output) -> Self {
        match o {
            Output::Text => ReportFormat::Text,
            Output::Json => ReportFormat::Json,
            Output::Markdown => ReportFormat::Markdown,
        }
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
        waypost::catalog::read_into(&mut catalog, path)?;
    }
    Ok(catalog)
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
            let curriculum = waypost::read_curriculum(&curriculum)?;
            let policy = match policy {
                Some(path) => waypost::read_policy(&path)?,
                None => Policy::default(),
            };
            let report = waypost::check(&catalog, &curriculum, framework.as_deref(), &policy)?;
            let text = match (format, &output) {
                (Output::Text, None) => render::report_text(&report, true),
                _ => render::render_report(&report, format.into()),
            };
            emit(&text, output.as_deref())?;
            Ok(if report.passed {
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
            let explanation = waypost::explain(&catalog, &curriculum, framework.as_deref(), &code)?;
            let text = match format {
                Output::Text => render::explanation_text(&explanation, true),
                other => render::render_explanation(&explanation, other.into()),
            };
            emit(&text, None)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate {
            curriculum,
            framework,
        } => {
            let path = curriculum.display().to_string();
            let curriculum = waypost::read_curriculum(&curriculum)?;
            let validation = waypost::validate(&catalog, &curriculum, framework.as_deref())?;
            let mut out = anstream::stdout();
            for w in &validation.warnings {
                let _ = writeln!(out, "\x1b[1;33mwarning\x1b[0m: {w}");
            }
            let _ = writeln!(out, "{path}: {}", validation.summary());
            Ok(ExitCode::SUCCESS)
        }
        Command::Frameworks { format } => {
            let text = match format {
                Listing::Text => render::frameworks_text(&catalog),
                Listing::Json => render::to_json(&waypost::catalog::summaries(&catalog)),
            };
            emit(&text, None)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Framework { id, format } => {
            let framework = catalog.framework(&id)?;
            let text = match format {
                Listing::Text => render::framework_text(framework),
                Listing::Json => render::to_json(framework),
            };
            emit(&text, None)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema { kind } => {
            emit(&waypost::schema(&kind)?, None)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes to standard output (colour stripped unless it is a terminal and `NO_COLOR` is unset),
/// or to a file, replacing it only once the new content is complete.
fn emit(text: &str, output: Option<&Path>) -> Result<(), Error> {
    match output {
        None => {
            let mut out = anstream::stdout();
            // A closed pipe (`waypost check ... | head`) is not an error worth reporting.
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            Ok(())
        }
        Some(path) => {
            let io = |e: std::io::Error| Error::Io {
                path: path.display().to_string(),
                message: e.to_string().to_lowercase(),
            };
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let temp = dir.join(format!(".{name}.waypost-tmp"));
            std::fs::write(&temp, text).map_err(io)?;
            std::fs::rename(&temp, path).map_err(io)
        }
    }
}
