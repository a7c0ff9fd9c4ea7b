//! `waypost map`, `waypost add` and `waypost new`: editing curriculum files in place, keeping
//! every comment and blank line. The file is replaced only once the new text is complete and
//! checked; a failed edit leaves it as it was.

use std::{
    io::Write,
    path::{Path, PathBuf},
    process::ExitCode,
};

use clap::{Args, Subcommand, ValueEnum};
use waypost::{
    Catalog, DEFAULT_FRAMEWORK, Diagnostic, Error, Mapping, MappingChange, NewAssessment,
    NewModule, NewUnit, Starter, UnitKind, edit,
};

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
    /// The file to write (it must not exist).
    curriculum: PathBuf,
    /// The framework the curriculum maps to.
    #[arg(long, short)]
    framework: Option<String>,
    /// The curriculum's id (default: the file name).
    #[arg(long)]
    id: Option<String>,
    /// The curriculum's title (default: its id).
    #[arg(long)]
    title: Option<String>,
    /// Who runs it.
    #[arg(long)]
    provider: Option<String>,
    /// Add a `#:schema` line for editors: the path (relative to the file) or URL of
    /// curriculum.schema.json.
    #[arg(long, value_name = "PATH_OR_URL")]
    schema: Option<String>,
}

fn read(path: &Path) -> Result<(String, String), Error> {
    let shown = path.display().to_string();
    Ok((waypost::format::read_file(path)?, shown))
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| Error::Io {
        path: path.display().to_string(),
        message: e.to_string().to_lowercase(),
    }
}

fn temp_path(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    dir.join(format!(".{name}.waypost-{}.tmp", std::process::id()))
}

/// Replaces a file with new text: written beside it first, with the same permissions, then
/// renamed over it, so a reader sees the old file or the new one and never half of one.
fn replace(path: &Path, text: &str) -> Result<(), Error> {
    let temp = temp_path(path);
    let result = (|| {
        std::fs::write(&temp, text)?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&temp, meta.permissions())?;
        }
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(io_error(path))
}

/// Writes a new file, refusing to replace one that exists, even one made meanwhile.
fn create(path: &Path, text: &str) -> Result<(), Error> {
    let exists = || {
        Error::parse(Diagnostic {
            path: Some(path.display().to_string()),
            message: "the file exists already".to_string(),
            hint: Some(
                "`waypost new` never replaces a file: choose another name, or edit this one with `waypost add` and `waypost map`"
                    .to_string(),
            ),
            ..Default::default()
        })
    };
    if path.exists() {
        return Err(exists());
    }
    let temp = temp_path(path);
    std::fs::write(&temp, text).map_err(io_error(path))?;
    // A hard link fails if the name is taken, so two writers cannot both win.
    let linked = std::fs::hard_link(&temp, path);
    let _ = std::fs::remove_file(&temp);
    match linked {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(_) => {
            // Some file systems have no hard links: create the file only if it is new.
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .map_err(|e| {
                    if e.kind() == std::io::ErrorKind::AlreadyExists {
                        exists()
                    } else {
                        io_error(path)(e)
                    }
                })?;
            file.write_all(text.as_bytes()).map_err(io_error(path))
        }
    }
}

fn finish(
    path: &Path,
    shown: &str,
    text: &str,
    dry_run: bool,
    what: &str,
) -> Result<ExitCode, Error> {
    if dry_run {
        crate::emit(text.as_bytes(), None)?;
    } else {
        replace(path, text)?;
        let mut out = anstream::stdout();
        let _ = writeln!(out, "{shown}: {what}");
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
                return Err(Error::parse(
                    Diagnostic::new(format!("`{other}` is not a change"))
                        .with_hint("a change is `+K4`, `+K4:developed` or `-S12`; the only option after the changes is `--dry-run`"),
                ));
            }
            other => written.push(other.to_string()),
        }
    }
    let (text, shown) = read(&args.curriculum)?;
    let changes = written
        .iter()
        .map(|c| MappingChange::parse(c))
        .collect::<Result<Vec<_>, _>>()?;
    let new = edit::map(&text, catalog, &args.unit, &changes, Some(&shown))?;
    let what = format!("{} {}", args.unit.trim(), written.join(" "));
    if new == text && !dry_run {
        let mut out = anstream::stdout();
        let _ = writeln!(out, "{shown}: {what} (no change)");
        return Ok(ExitCode::SUCCESS);
    }
    finish(&args.curriculum, &shown, &new, dry_run, &what)
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
            let (text, shown) = read(&curriculum)?;
            let module = NewModule {
                code,
                title,
                year,
                level,
                credits,
            };
            let new = edit::add_module(&text, catalog, &module, Some(&shown))?;
            finish(
                &curriculum,
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
            let (text, shown) = read(&curriculum)?;
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
            let new = edit::add_unit(&text, catalog, &unit, Some(&shown))?;
            finish(
                &curriculum,
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
            let (text, shown) = read(&curriculum)?;
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
            let new = edit::add_assessment(&text, catalog, &assessment, Some(&shown))?;
            finish(
                &curriculum,
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

pub(crate) fn new(catalog: &Catalog, args: NewArgs) -> Result<ExitCode, Error> {
    let shown = args.curriculum.display().to_string();
    let stem = args
        .curriculum
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "curriculum".to_string());
    if waypost::Format::from_path(&args.curriculum).is_some_and(|f| f != waypost::Format::Toml) {
        return Err(Error::parse(Diagnostic {
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
        framework: args
            .framework
            .unwrap_or_else(|| DEFAULT_FRAMEWORK.to_string()),
        provider: args.provider,
        schema: args.schema,
    };
    let text = edit::new_curriculum(catalog, &starter)?;
    create(&args.curriculum, &text)?;
    let mut out = anstream::stdout();
    let _ = writeln!(
        out,
        "{shown}: new curriculum `{}` mapped to `{}`",
        starter.id, starter.framework
    );
    Ok(ExitCode::SUCCESS)
}
