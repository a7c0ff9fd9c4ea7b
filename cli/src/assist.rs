//! `waypost suggest` and `waypost plan`: suggested mappings for a text or a whole curriculum,
//! and personal development plans from a self-assessment.

use std::{
    path::{Path, PathBuf},
    process::ExitCode,
};

use clap::{Args, ValueEnum};
use waypost::{
    Catalog, CurriculumSuggestOptions, Diagnostic, Error, Example, PlanOptions, ReportFormat,
    SuggestOptions,
};

use crate::emit;

/// Arguments of `waypost suggest`.
#[derive(Debug, Args)]
pub(crate) struct SuggestArgs {
    /// The text of a learning outcome, session or activity; or a curriculum file (TOML, JSON,
    /// YAML, a grid CSV or workbook), to suggest mappings for its unmapped units.
    input: String,
    /// Framework id (a text: default realising-recovery-2007; a curriculum: the one it declares).
    #[arg(long, short)]
    framework: Option<String>,
    /// How many suggestions: for a text (default 5), or per unit of a curriculum (default 3).
    #[arg(long)]
    top: Option<usize>,
    /// Suggest for units that map at most this many statements already (curriculum; default 0).
    #[arg(long, default_value_t = 0, value_name = "N")]
    max_mappings: usize,
    /// Leave out suggestions scoring below this (default: 0 for a text, 0.32 for a curriculum).
    #[arg(long, value_name = "SCORE")]
    min_score: Option<f64>,
    /// Output format (default: text for a text, csv, the mapping grid, for a curriculum).
    #[arg(long, value_enum)]
    format: Option<SuggestFormat>,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Read INPUT as text even if a file of that name exists.
    #[arg(long)]
    text: bool,
    /// A curriculum or portfolio file whose mapped units are confirmed examples (repeatable).
    #[arg(long, value_name = "PATH")]
    examples: Vec<PathBuf>,
    /// Do not use a curriculum's own mapped units as examples.
    #[arg(long)]
    no_mapped_examples: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SuggestFormat {
    /// A ranked list with reasons (a text), or a line per unit (a curriculum).
    Text,
    /// The suggestions as JSON.
    Json,
    /// The curriculum as a mapping grid with a `suggested` column, to edit and import.
    Csv,
}

/// Arguments of `waypost plan`.
#[derive(Debug, Args)]
pub(crate) struct PlanArgs {
    /// Self-assessment file (TOML, JSON or YAML; see docs/plan.md).
    self_assessment: PathBuf,
    /// The level to plan towards (default: the file's `target`, else `confident`).
    #[arg(long, value_name = "LEVEL")]
    target: Option<String>,
    /// Count statements the self-assessment does not rate as needs too.
    #[arg(long)]
    include_unrated: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PlanFormat::Text)]
    format: PlanFormat,
    /// Write the plan to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PlanFormat {
    Text,
    Json,
    Markdown,
    /// A self-contained HTML page to bring to supervision; prints to A4.
    Html,
}

fn usage(message: impl Into<String>, hint: impl Into<String>) -> Error {
    Error::usage(Diagnostic::new(message).with_hint(hint))
}

/// Whether the input names a curriculum file: an existing file, or something that only a file
/// name would look like.
fn curriculum_path(args: &SuggestArgs) -> Result<Option<PathBuf>, Error> {
    if args.text {
        return Ok(None);
    }
    let path = Path::new(args.input.trim());
    if path.is_file() {
        return Ok(Some(path.to_path_buf()));
    }
    let looks_like_file = !args.input.trim().contains(char::is_whitespace)
        && path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["toml", "json", "yaml", "yml", "csv", "xlsx", "xls", "ods"]
                .contains(&e.to_ascii_lowercase().as_str())
        });
    if looks_like_file {
        return Err(Error::Io {
            path: args.input.clone(),
            message: "no such file".into(),
        });
    }
    Ok(None)
}

/// `waypost suggest`.
pub(crate) fn suggest(
    catalog: &Catalog,
    with: &[PathBuf],
    args: SuggestArgs,
) -> Result<ExitCode, Error> {
    match curriculum_path(&args)? {
        Some(path) => suggest_curriculum(catalog, with, &path, &args),
        None => {
            if args.max_mappings != 0 {
                return Err(usage(
                    "`--max-mappings` applies to a curriculum file",
                    "give a curriculum file to suggest mappings for its units",
                ));
            }
            let framework = waypost::framework_for(args.framework.as_deref(), None);
            let defaults = SuggestOptions::default();
            let options = SuggestOptions {
                top: args.top.unwrap_or(defaults.top),
                min_score: args.min_score.unwrap_or(defaults.min_score),
            };
            let examples = read_examples(&args.examples, framework)?;
            let found = waypost::suggest(catalog, framework, &args.input, &options, &examples)?;
            let text = match args.format.unwrap_or(SuggestFormat::Text) {
                SuggestFormat::Text => waypost::render(found.as_slice(), ReportFormat::Text)?,
                SuggestFormat::Json => waypost::to_json(&found),
                SuggestFormat::Csv => {
                    return Err(usage(
                        "`csv` is the grid of a curriculum's suggestions",
                        "for a text, use `--format text` or `--format json`",
                    ));
                }
            };
            emit(
                text.as_bytes(),
                args.output.as_deref(),
                &crate::inputs(with, &[]),
                "suggestions",
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn suggest_curriculum(
    catalog: &Catalog,
    with: &[PathBuf],
    path: &Path,
    args: &SuggestArgs,
) -> Result<ExitCode, Error> {
    let curriculum = waypost::read_curriculum(path)?;
    let defaults = CurriculumSuggestOptions::default();
    let options = CurriculumSuggestOptions {
        max_mappings: args.max_mappings,
        top: args.top.unwrap_or(defaults.top),
        min_score: args.min_score.unwrap_or(defaults.min_score),
        from_mapped: !args.no_mapped_examples,
    };
    let against = crate::against(args.framework.clone());
    let framework = waypost::suggest_framework(&curriculum, &against);
    let examples = read_examples(&args.examples, &framework)?;
    let found = waypost::suggest_curriculum(catalog, &curriculum, &against, &options, &examples)?;
    let format = args.format.unwrap_or(SuggestFormat::Csv);
    if format == SuggestFormat::Csv && found.units.iter().all(|u| u.suggestions.is_empty()) {
        crate::say_err(&empty_column(&found, options.max_mappings));
    }
    let text = match format {
        SuggestFormat::Csv => waypost::suggestions_grid(&curriculum, &found),
        SuggestFormat::Json => waypost::to_json(&found),
        SuggestFormat::Text => waypost::render(&found, ReportFormat::Text)?,
    };
    emit(
        text.as_bytes(),
        args.output.as_deref(),
        &crate::inputs(with, &[path]),
        match format {
            SuggestFormat::Csv => "mapping grid with suggestions",
            _ => "suggestions",
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Why a curriculum's grid has an empty `suggested` column: no unit was open to suggestions, or
/// none of those that were scored high enough.
fn empty_column(found: &waypost::CurriculumSuggestions, max_mappings: usize) -> String {
    let considered = found.units.len();
    let reason = if considered == 0 {
        match max_mappings {
            0 => "every unit maps a statement already".to_string(),
            n => format!("every unit maps more than {n} statements already"),
        }
    } else {
        let with_text = found.units.iter().filter(|u| u.text.is_some()).count();
        match with_text {
            0 => format!("none of the {considered} units considered has a text to suggest from"),
            _ => format!("no statement scored high enough for the {considered} units considered"),
        }
    };
    format!(
        "\x1b[1;33mnote\x1b[0m: the `suggested` column is empty: {reason}\n  hint: `--max-mappings N` also suggests for units that map up to N statements; `--min-score` lowers the bar"
    )
}

/// The mapped units of each `--examples` file, as confirmed examples.
fn read_examples(paths: &[PathBuf], framework: &str) -> Result<Vec<Example>, Error> {
    let mut out = Vec::new();
    for path in paths {
        let curriculum = waypost::read_curriculum(path)?;
        out.extend(waypost::examples_of(&curriculum, framework));
    }
    Ok(out)
}

/// `waypost plan`.
pub(crate) fn plan(catalog: &Catalog, with: &[PathBuf], args: PlanArgs) -> Result<ExitCode, Error> {
    let assessment = waypost::read_self_assessment(&args.self_assessment)?;
    let options = PlanOptions {
        target: args.target,
        include_unrated: args.include_unrated,
    };
    let made = waypost::plan(catalog, &assessment, &options)?;
    let format = match args.format {
        PlanFormat::Text => ReportFormat::Text,
        PlanFormat::Json => ReportFormat::Json,
        PlanFormat::Markdown => ReportFormat::Markdown,
        PlanFormat::Html => ReportFormat::Html,
    };
    emit(
        waypost::render(&made, format)?.as_bytes(),
        args.output.as_deref(),
        &crate::inputs(with, &[&args.self_assessment]),
        "development plan",
    )?;
    Ok(ExitCode::SUCCESS)
}
