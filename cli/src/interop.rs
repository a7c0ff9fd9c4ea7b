//! `waypost import` and `waypost export`: frameworks to and from CASE packages and Moodle
//! competency frameworks, and mapping grids (CSV or XLSX) into curriculum files.

use std::{io::Write, path::PathBuf, process::ExitCode};

use clap::{Args, ValueEnum};
use waypost::{
    CaseExportOptions, CaseImportOptions, Catalog, Diagnostic, Document, DomainRule, Error, Format,
    Framework, FrameworkGridOptions, Imported, MoodleImportOptions, WorkbookOptions,
};

/// What `waypost import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Source {
    /// A 1EdTech CASE 1.0 or 1.1 package (CFPackage JSON).
    Case,
    /// A Moodle competency framework CSV.
    Moodle,
    /// A mapping grid: CSV, or a spreadsheet workbook (XLSX, XLS, ODS).
    Grid,
    /// A framework kept as a spreadsheet, one row per statement (CSV, XLSX, XLS, ODS) with a
    /// header naming `code` and `text`, and perhaps `domain`, `parent` and `label`.
    FrameworkGrid,
}

/// What `waypost import` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Target {
    /// TOML with comments, to go on editing.
    Toml,
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

/// What `waypost export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Exchange {
    /// A CASE 1.1 package (CFPackage JSON).
    Case,
    /// A Moodle competency framework CSV.
    Moodle,
}

/// How a CASE import finds domains.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum Domains {
    /// The top of the hierarchy when it has children, else the item types.
    #[default]
    Auto,
    /// Each top-level item with children is a domain.
    Hierarchy,
    /// Each `CFItemType` is a domain; every item is a statement.
    ItemType,
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The file: a CASE package (JSON), a Moodle competency framework CSV, or a mapping grid
    /// (CSV, or an XLSX workbook).
    file: PathBuf,
    /// What the file is.
    #[arg(long, value_enum)]
    from: Source,
    /// What to write: a framework (case, moodle, framework-grid) or a curriculum (grid), as
    /// TOML, JSON or YAML.
    #[arg(long, value_enum, default_value_t = Target::Toml)]
    to: Target,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// The id of what is written (default: the source's own, or its title as words).
    #[arg(long)]
    id: Option<String>,
    /// grid, framework-grid: the title (default: the file name).
    #[arg(long)]
    title: Option<String>,
    /// framework-grid: who publishes the framework.
    #[arg(long)]
    publisher: Option<String>,
    /// framework-grid: the year of the edition.
    #[arg(long)]
    year: Option<u16>,
    /// grid: the framework the grid's codes belong to; the grid is checked against it.
    #[arg(long, short)]
    framework: Option<String>,
    /// grid or framework-grid from a workbook: the sheet to read (default: the first with
    /// the grid's header).
    #[arg(long)]
    sheet: Option<String>,
    /// case: how domains are found.
    #[arg(long, value_enum, default_value_t)]
    domains: Domains,
    /// case: validate the package against the official schema (--schema) and stop at any
    /// departure from it.
    #[arg(long)]
    strict: bool,
    /// case: the official schema for --strict: the CASE 1.1 CFPackage JSON Schema, or the
    /// IMS CASE 1.0 OpenAPI file.
    #[arg(long, value_name = "FILE")]
    schema: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// Framework id (built-in, or loaded with --with), or a framework file.
    framework: String,
    /// The format to write.
    #[arg(long, value_enum)]
    to: Exchange,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// case: where the package will be served (URIs become BASE/CFItems/UUID, …).
    #[arg(long, value_name = "URI")]
    base_uri: Option<String>,
    /// case: the lastChangeDateTime of every record (default: the framework's publication date).
    #[arg(long, value_name = "DATETIME")]
    last_change: Option<String>,
}

fn note(d: &Diagnostic) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "\x1b[1;33mnote\x1b[0m: {d}");
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| path.display().to_string())
}

pub(crate) fn import(
    catalog: &Catalog,
    with: &[PathBuf],
    args: ImportArgs,
) -> Result<ExitCode, Error> {
    let shown = args.file.display().to_string();
    let text = match args.from {
        Source::FrameworkGrid => String::new(),
        Source::Grid if waypost::is_workbook(&args.file) => String::new(),
        _ => waypost::read_text(&args.file)?,
    };
    if args.strict && args.from != Source::Case {
        return Err(Error::usage(
            Diagnostic::new("`--strict` validates CASE packages against their schema")
                .with_hint("use it with `--from case`"),
        ));
    }
    let out = match args.from {
        Source::Case => {
            if args.strict {
                let Some(schema) = &args.schema else {
                    return Err(Error::usage(
                        Diagnostic::new("`--strict` needs the official schema: add `--schema FILE`")
                            .with_hint("the CASE 1.1 CFPackage JSON Schema is published at https://purl.imsglobal.org/spec/case/v1p1/schema/json/case_v1p1_cfpackage-jsonschema1.json; for CASE 1.0 pass IMS's OpenAPI (Swagger) file"),
                    ));
                };
                let schema_text = waypost::read_text(schema)?;
                let problems =
                    waypost::validate_case(Document::named(&text, &shown), &schema_text)?;
                if !problems.is_empty() {
                    return Err(Error::Invalid(problems));
                }
                note(&Diagnostic::new(format!(
                    "`{shown}` validates against `{}`",
                    file_name(schema)
                )));
            }
            let options = CaseImportOptions {
                id: args.id.clone(),
                domains: match args.domains {
                    Domains::Auto => DomainRule::Auto,
                    Domains::Hierarchy => DomainRule::Hierarchy,
                    Domains::ItemType => DomainRule::ItemType,
                },
            };
            let imported = waypost::import_case(Document::named(&text, &shown), &options)?;
            framework_output(
                &imported,
                &format!("the CASE package `{}`", file_name(&args.file)),
                args.to,
            )?
        }
        Source::Moodle => {
            let options = MoodleImportOptions {
                id: args.id.clone(),
            };
            let imported = waypost::import_moodle(Document::named(&text, &shown), &options)?;
            framework_output(
                &imported,
                &format!(
                    "the Moodle competency framework `{}`",
                    file_name(&args.file)
                ),
                args.to,
            )?
        }
        Source::FrameworkGrid => {
            let options = FrameworkGridOptions {
                id: args.id.clone(),
                title: args.title.clone(),
                publisher: args.publisher.clone(),
                year: args.year,
                sheet: args.sheet.clone(),
            };
            let imported = waypost::read_framework_grid(&args.file, &options)?;
            framework_output(
                &imported,
                &format!("the framework grid `{}`", file_name(&args.file)),
                args.to,
            )?
        }
        Source::Grid => {
            let mut curriculum = if waypost::is_workbook(&args.file) {
                let mut options = WorkbookOptions::default();
                options.sheet.clone_from(&args.sheet);
                waypost::read_workbook(&args.file, &options)?
            } else {
                let mut document = Document::named(&text, &shown);
                document.format = Some(Format::Csv);
                waypost::load_curriculum(document)?
            };
            let framework_id =
                waypost::framework_of(args.framework.as_deref(), &curriculum.frameworks)
                    .to_string();
            let framework = catalog.framework(&framework_id)?;
            let validation = waypost::validate(
                catalog,
                &curriculum,
                &crate::against(Some(framework_id.clone())),
            )?;
            for w in &validation.warnings {
                let mut err = anstream::stderr();
                let _ = writeln!(err, "\x1b[1;33mwarning\x1b[0m: {w}");
            }
            if let Some(id) = &args.id {
                curriculum.id.clone_from(id);
            }
            if let Some(title) = &args.title {
                curriculum.title.clone_from(title);
            }
            match args.to {
                Target::Toml => waypost::curriculum_to_toml(
                    &curriculum,
                    &format!("the mapping grid `{}`", file_name(&args.file)),
                    Some(framework),
                ),
                Target::Json | Target::Yaml => {
                    if curriculum.frameworks.is_empty() {
                        curriculum.frameworks.push(framework_id.clone());
                    }
                    if args.to == Target::Yaml {
                        waypost::to_yaml(&curriculum, "curriculum")?
                    } else {
                        waypost::to_json(&curriculum)
                    }
                }
            }
        }
    };
    let mut read = crate::inputs(with, &[&args.file]);
    read.extend(args.schema.as_deref());
    let what = match args.from {
        Source::Grid => "curriculum",
        Source::Case | Source::Moodle | Source::FrameworkGrid => "framework",
    };
    crate::emit(out.as_bytes(), args.output.as_deref(), &read, what)?;
    Ok(ExitCode::SUCCESS)
}

fn framework_output(imported: &Imported, origin: &str, to: Target) -> Result<String, Error> {
    for d in &imported.notes {
        note(d);
    }
    match to {
        Target::Toml => waypost::framework_to_toml(imported, origin),
        Target::Json => Ok(waypost::framework_to_json(&imported.framework)),
        Target::Yaml => waypost::to_yaml(&imported.framework, "framework"),
    }
}

pub(crate) fn export(
    catalog: &Catalog,
    with: &[PathBuf],
    args: ExportArgs,
) -> Result<ExitCode, Error> {
    let owned: Framework;
    let path = PathBuf::from(&args.framework);
    let mut read = crate::inputs(with, &[]);
    let framework = match catalog.framework(&args.framework) {
        Ok(f) => f,
        Err(e) => {
            if path.is_file() {
                read.push(&path);
                owned = waypost::read_framework(&path)?;
                &owned
            } else {
                return Err(e);
            }
        }
    };
    let text = match args.to {
        Exchange::Case => waypost::export_case(
            framework,
            &CaseExportOptions {
                base_uri: args.base_uri,
                last_change: args.last_change,
            },
        ),
        Exchange::Moodle => {
            let exported = waypost::export_moodle(framework);
            for d in &exported.notes {
                note(d);
            }
            exported.text
        }
    };
    let what = match args.to {
        Exchange::Case => "CASE package",
        Exchange::Moodle => "Moodle competency framework",
    };
    crate::emit(text.as_bytes(), args.output.as_deref(), &read, what)?;
    Ok(ExitCode::SUCCESS)
}
