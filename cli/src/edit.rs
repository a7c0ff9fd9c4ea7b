//! `waypost map`, `waypost add` and `waypost new`: editing curriculum files in place, keeping
//! every comment and blank line. The file is replaced only once the new text is complete and
//! checked, under a lock (`waypost::Edit`); a failed edit leaves it as it was.

use std::{
    path::{Path, PathBuf},
    process::ExitCode,
};

use clap::{Args, Subcommand, ValueEnum};
use waypost::{
    Catalog, Created, Diagnostic, Document, Edit, Error, FrameworkStarter, Mapping, MappingChange,
    NewAssessment, NewModule, NewUnit, Starter, UnitKind,
};

use crate::{print, say};

#[derive(Debug, Args)]
pub(crate) struct MapArgs {
    /// Curriculum file (TOML).
    curriculum: PathBuf,
    /// The unit: MODULE/UNIT, or a unit id only one module uses (an assessment works too).
    unit: String,
    /// Changes: +K4 or +K4:developed to add or change a mapping, -S12 to remove one.
    #[arg(required = true, num_args = 1.., allow_hyphen_values = true)]
    changes: Vec<String>,
    /// Print the new file instead of writing it.
    #[arg(long)]
    dry_run: bool,
}

/// Kinds of unit, for `--kind`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum Kind {
    /// A learning outcome.
    #[default]
    Outcome,
    /// A taught session.
    Session,
    /// A learning activity.
    Activity,
}

#[derive(Debug, Subcommand)]
pub(crate) enum AddCommand {
    /// Add a module at the end of the curriculum.
    Module {
        /// Curriculum file (TOML).
        curriculum: PathBuf,
        /// The module code, unique in the curriculum.
        #[arg(long)]
        code: String,
        /// The module's title.
        #[arg(long)]
        title: Option<String>,
        /// Year of the programme.
        #[arg(long)]
        year: Option<u8>,
        /// Academic level, such as "SCQF 7".
        #[arg(long)]
        level: Option<String>,
        /// Credit value.
        #[arg(long)]
        credits: Option<u16>,
        /// Print the new file instead of writing it.
        #[arg(long)]
        dry_run: bool,
    },
    /// Add a unit (learning outcome, session or activity) at the end of a module's units.
    Unit {
        /// Curriculum file (TOML).
        curriculum: PathBuf,
        /// The module's code.
        #[arg(long)]
        module: String,
        /// The unit's id, unique within the module.
        #[arg(long)]
        id: String,
        /// What kind of unit it is.
        #[arg(long, value_enum, default_value_t)]
        kind: Kind,
        /// The outcome or session as written.
        #[arg(long)]
        text: Option<String>,
        /// Statements it covers, separated by commas: K4,S11:developed.
        #[arg(long, value_delimiter = ',')]
        covers: Vec<String>,
        /// Print the new file instead of writing it.
        #[arg(long)]
        dry_run: bool,
    },
    /// Add an assessment at the end of a module's assessments.
    Assessment {
        /// Curriculum file (TOML).
        curriculum: PathBuf,
        /// The module's code.
        #[arg(long)]
        module: String,
        /// The assessment's id, unique within the module.
        #[arg(long)]
        id: String,
        /// What the assessment is.
        #[arg(long)]
        title: Option<String>,
        /// Weighting in the module, as a percentage.
        #[arg(long)]
        weight: Option<u8>,
        /// Units it assesses, separated by commas: LO1,LO2 or MODULE/UNIT.
        #[arg(long, value_delimiter = ',')]
        assesses: Vec<String>,
        /// Statements it assesses directly, separated by commas.
        #[arg(long, value_delimiter = ',')]
        covers: Vec<String>,
        /// Print the new file instead of writing it.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// What to write, `curriculum` (the default) or `framework`, then the file to write (it
    /// must not exist): `waypost new framework standards.toml`.
    #[arg(required = true, num_args = 1..=2, value_name = "[KIND] FILE")]
    what: Vec<PathBuf>,
    /// The framework the curriculum maps to.
    #[arg(long, short)]
    framework: Option<String>,
    /// The curriculum's or framework's id (default: the file name).
    #[arg(long)]
    id: Option<String>,
    /// The curriculum's or framework's title (default: its id).
    #[arg(long)]
    title: Option<String>,
    /// Who runs it.
    #[arg(long)]
    provider: Option<String>,
    /// Add a `#:schema` line for editors: the path (relative to the file) or URL of
    /// curriculum.schema.json (or framework.schema.json).
    #[arg(long, value_name = "PATH_OR_URL")]
    schema: Option<String>,
}

/// Opens a curriculum file to edit: locked until the edit is saved, or only read for a dry run.
fn open(path: &Path, dry_run: bool) -> Result<(Edit, String), Error> {
    let shown = path.display().to_string();
    let file = if dry_run {
        Edit::read(path)?
    } else {
        Edit::open(path)?
    };
    Ok((file, shown))
}

/// Saves the edit and confirms it, or for a dry run prints the file as it would be written.
fn finish(
    file: Edit,
    shown: &str,
    new: &str,
    dry_run: bool,
    what: &str,
) -> Result<ExitCode, Error> {
    if dry_run {
        print(new.as_bytes())?;
    } else {
        file.save(new)?;
        say(&format!("{shown}: {what}"))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn mappings(list: &[String]) -> Vec<Mapping> {
    list.iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .map(Mapping::parse)
        .collect()
}

pub(crate) fn map(catalog: &Catalog, args: MapArgs) -> Result<ExitCode, Error> {
    // Changes may start with `-`, so everything after the unit is read as a change; pick out
    // the one option that may follow them.
    let mut dry_run = args.dry_run;
    let mut written = Vec::new();
    for change in &args.changes {
        match change.as_str() {
            "--dry-run" => dry_run = true,
            other if other.starts_with("--") => {
                return Err(Error::usage(
                    Diagnostic::new(format!("`{other}` is not a change"))
                        .with_hint("a change is `+K4`, `+K4:developed` or `-S12`; the only option after the changes is `--dry-run`"),
                ));
            }
            other => written.push(other.to_string()),
        }
    }
    let changes = written
        .iter()
        .map(|c| MappingChange::parse(c))
        .collect::<Result<Vec<_>, _>>()?;
    let (file, shown) = open(&args.curriculum, dry_run)?;
    let new = waypost::map_unit(
        catalog,
        Document::named(file.text(), &shown),
        &args.unit,
        &changes,
    )?;
    let what = format!("{} {}", args.unit.trim(), written.join(" "));
    if new == file.text() && !dry_run {
        say(&format!("{shown}: {what} (no change)"))?;
        return Ok(ExitCode::SUCCESS);
    }
    finish(file, &shown, &new, dry_run, &what)
}

pub(crate) fn add(catalog: &Catalog, command: AddCommand) -> Result<ExitCode, Error> {
    match command {
        AddCommand::Module {
            curriculum,
            code,
            title,
            year,
            level,
            credits,
            dry_run,
        } => {
            let (file, shown) = open(&curriculum, dry_run)?;
            let module = NewModule {
                code,
                title,
                year,
                level,
                credits,
            };
            let new = waypost::add_module(catalog, Document::named(file.text(), &shown), &module)?;
            finish(
                file,
                &shown,
                &new,
                dry_run,
                &format!("added module {}", module.code.trim()),
            )
        }
        AddCommand::Unit {
            curriculum,
            module,
            id,
            kind,
            text: unit_text,
            covers,
            dry_run,
        } => {
            let (file, shown) = open(&curriculum, dry_run)?;
            let unit = NewUnit {
                module,
                id,
                kind: match kind {
                    Kind::Outcome => UnitKind::Outcome,
                    Kind::Session => UnitKind::Session,
                    Kind::Activity => UnitKind::Activity,
                },
                text: unit_text,
                covers: mappings(&covers),
            };
            let new = waypost::add_unit(catalog, Document::named(file.text(), &shown), &unit)?;
            finish(
                file,
                &shown,
                &new,
                dry_run,
                &format!("added unit {}/{}", unit.module.trim(), unit.id.trim()),
            )
        }
        AddCommand::Assessment {
            curriculum,
            module,
            id,
            title,
            weight,
            assesses,
            covers,
            dry_run,
        } => {
            let (file, shown) = open(&curriculum, dry_run)?;
            let assessment = NewAssessment {
                module,
                id,
                title,
                weight,
                assesses: assesses
                    .into_iter()
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect(),
                covers: mappings(&covers),
            };
            let new = waypost::add_assessment(
                catalog,
                Document::named(file.text(), &shown),
                &assessment,
            )?;
            finish(
                file,
                &shown,
                &new,
                dry_run,
                &format!(
                    "added assessment {}/{}",
                    assessment.module.trim(),
                    assessment.id.trim()
                ),
            )
        }
    }
}

/// What `waypost new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Starting {
    Curriculum,
    Framework,
}

pub(crate) fn new(catalog: &Catalog, args: NewArgs) -> Result<ExitCode, Error> {
    let (kind, file) = match args.what.as_slice() {
        [file] => (Starting::Curriculum, file.clone()),
        [kind, file] => match kind.to_str() {
            Some("curriculum") => (Starting::Curriculum, file.clone()),
            Some("framework") => (Starting::Framework, file.clone()),
            _ => {
                return Err(Error::usage(
                    Diagnostic::new(format!(
                        "`waypost new` writes a `curriculum` or a `framework`, not `{}`",
                        kind.display()
                    ))
                    .with_hint(
                        "write `waypost new framework FILE` or `waypost new curriculum FILE`",
                    ),
                ));
            }
        },
        _ => {
            return Err(Error::usage(
                Diagnostic::new("`waypost new` needs the file to write").with_hint(
                    "write `waypost new framework FILE` or `waypost new curriculum FILE`",
                ),
            ));
        }
    };
    match kind {
        Starting::Curriculum => new_curriculum(catalog, args, &file),
        Starting::Framework => new_framework(args, &file),
    }
}

fn new_framework(args: NewArgs, file: &Path) -> Result<ExitCode, Error> {
    let shown = file.display().to_string();
    if waypost::Format::from_path(file).is_some_and(|f| f != waypost::Format::Toml) {
        return Err(Error::usage(Diagnostic {
            path: Some(shown),
            message: "`waypost new framework` writes TOML frameworks".to_string(),
            hint: Some("name the file with `.toml` at the end".to_string()),
            ..Default::default()
        }));
    }
    let id = args.id.unwrap_or_else(|| {
        file.file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| "framework".to_string())
    });
    let starter = FrameworkStarter {
        title: args.title.unwrap_or_else(|| id.clone()),
        id,
        schema: args.schema,
    };
    let text = waypost::new_framework(&starter)?;
    if waypost::create_file(file, text.as_bytes())? == Created::Exists {
        return Err(Error::parse(Diagnostic {
            path: Some(shown),
            message: "the file exists already".to_string(),
            hint: Some("`waypost new` never replaces a file: choose another name".to_string()),
            ..Default::default()
        }));
    }
    say(&format!(
        "{shown}: new framework `{}`; fill it in, then `waypost --with {shown} frameworks` checks it",
        starter.id
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn new_curriculum(catalog: &Catalog, args: NewArgs, file: &Path) -> Result<ExitCode, Error> {
    let shown = file.display().to_string();
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "curriculum".to_string());
    if waypost::Format::from_path(file).is_some_and(|f| f != waypost::Format::Toml) {
        return Err(Error::usage(Diagnostic {
            path: Some(shown),
            message: "`waypost new` writes TOML curricula".to_string(),
            hint: Some("name the file with `.toml` at the end".to_string()),
            ..Default::default()
        }));
    }
    let id = args.id.unwrap_or_else(|| stem.clone());
    let starter = Starter {
        title: args.title.unwrap_or_else(|| id.clone()),
        id,
        framework: waypost::framework_for(args.framework.as_deref(), None).to_string(),
        provider: args.provider,
        schema: args.schema,
    };
    let text = waypost::new_curriculum(catalog, &starter)?;
    if waypost::create_file(file, text.as_bytes())? == Created::Exists {
        return Err(Error::parse(Diagnostic {
            path: Some(shown),
            message: "the file exists already".to_string(),
            hint: Some(
                "`waypost new` never replaces a file: choose another name, or edit this one with `waypost add` and `waypost map`"
                    .to_string(),
            ),
            ..Default::default()
        }));
    }
    say(&format!(
        "{shown}: new curriculum `{}` mapped to `{}`",
        starter.id, starter.framework
    ))?;
    Ok(ExitCode::SUCCESS)
}
