//! Documents with many problems, to time how placing problems grows with their number: a
//! curriculum whose every unit covers a code no framework has, one whose units all share one
//! id, and a self-assessment that rates codes the framework does not have. Every problem is
//! reported with its line and column, so these time the locating of N problems.

use std::fmt::Write as _;

/// What the problems of a generated document are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// A TOML curriculum whose units each cover an unknown code (`waypost validate`).
    UnknownCodes,
    /// A TOML curriculum whose units in each module share one id (`waypost validate`).
    DuplicateUnits,
    /// A JSON curriculum whose units each cover an unknown code (`waypost validate`).
    UnknownCodesJson,
    /// A TOML self-assessment rating unknown codes (`waypost plan`).
    UnknownRatings,
}

impl ProblemKind {
    /// Every kind, in the order the benchmark measures them.
    pub const ALL: [ProblemKind; 4] = [
        ProblemKind::UnknownCodes,
        ProblemKind::DuplicateUnits,
        ProblemKind::UnknownCodesJson,
        ProblemKind::UnknownRatings,
    ];

    /// The kind's name on the command line and in the benchmark's ids.
    pub fn name(self) -> &'static str {
        match self {
            ProblemKind::UnknownCodes => "unknown-codes",
            ProblemKind::DuplicateUnits => "duplicate-units",
            ProblemKind::UnknownCodesJson => "unknown-codes-json",
            ProblemKind::UnknownRatings => "unknown-ratings",
        }
    }

    /// The kind a name names.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The file extension of the document.
    pub fn extension(self) -> &'static str {
        match self {
            ProblemKind::UnknownCodesJson => "json",
            _ => "toml",
        }
    }
}

/// Units per module in the generated curricula.
const UNITS_PER_MODULE: usize = 100;

/// A document with `problems` problems of one kind (at least one).
pub fn document(kind: ProblemKind, problems: usize) -> String {
    let problems = problems.max(1);
    match kind {
        ProblemKind::UnknownCodes => curriculum_toml(problems, false),
        ProblemKind::DuplicateUnits => curriculum_toml(problems, true),
        ProblemKind::UnknownCodesJson => curriculum_json(problems),
        ProblemKind::UnknownRatings => assessment_toml(problems),
    }
}

fn curriculum_toml(problems: usize, duplicates: bool) -> String {
    let mut out = String::from(
        "id = \"generated\"\ntitle = \"Generated\"\nframeworks = [\"realising-recovery-2007\"]\n",
    );
    // With duplicates, every unit of a module but its first repeats the first's id: one more
    // unit per module than problems, so `problems` duplicates in all.
    let per = if duplicates {
        UNITS_PER_MODULE - 1
    } else {
        UNITS_PER_MODULE
    };
    let mut made = 0;
    let mut module = 0;
    while made < problems {
        let _ = write!(
            out,
            "\n[[modules]]\ncode = \"M{module}\"\ntitle = \"Module {module}\"\n"
        );
        let units = per.min(problems - made);
        for u in 0..units + usize::from(duplicates) {
            let (id, covers) = if duplicates {
                ("U".to_string(), "K1".to_string())
            } else {
                (format!("U{u}"), format!("ZZ{}", made + u))
            };
            let _ = write!(
                out,
                "\n[[modules.units]]\nid = \"{id}\"\ntext = \"Outcome {u} of module {module}\"\ncovers = [\"{covers}\"]\n"
            );
        }
        made += units;
        module += 1;
    }
    out
}

fn curriculum_json(problems: usize) -> String {
    let mut modules = Vec::new();
    let mut made = 0;
    while made < problems {
        let units = UNITS_PER_MODULE.min(problems - made);
        let list: Vec<String> = (0..units)
            .map(|u| {
                format!(
                    "      {{\"id\": \"U{u}\", \"text\": \"Outcome {u}\", \"covers\": [\"ZZ{}\"]}}",
                    made + u
                )
            })
            .collect();
        modules.push(format!(
            "    {{\"code\": \"M{m}\", \"title\": \"Module {m}\", \"units\": [\n{}\n    ]}}",
            list.join(",\n"),
            m = modules.len()
        ));
        made += units;
    }
    format!(
        "{{\n  \"id\": \"generated\",\n  \"title\": \"Generated\",\n  \"frameworks\": [\"realising-recovery-2007\"],\n  \"modules\": [\n{}\n  ]\n}}\n",
        modules.join(",\n")
    )
}

fn assessment_toml(problems: usize) -> String {
    let mut out = String::from(
        "framework = \"realising-recovery-2007\"\nname = \"Generated\"\n\n[ratings]\nK1 = \"aware\"\n",
    );
    for i in 0..problems {
        let _ = writeln!(out, "ZZ{i} = \"aware\"");
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// Each document has exactly the problems asked for, each with a line and column.
    #[test]
    fn each_document_has_the_problems_asked_for() {
        let catalog = waypost::Catalog::builtin().unwrap();
        for kind in ProblemKind::ALL {
            for n in [1, 99, 100, 101, 250] {
                let text = document(kind, n);
                let error = match kind {
                    ProblemKind::UnknownRatings => {
                        let a = waypost::load_self_assessment(waypost::Document::named(
                            &text, "a.toml",
                        ))
                        .unwrap();
                        waypost::plan(catalog, &a, &waypost::PlanOptions::default()).unwrap_err()
                    }
                    _ => {
                        let c = waypost::load_curriculum(waypost::Document::named(
                            &text,
                            &format!("c.{}", kind.extension()),
                        ))
                        .unwrap();
                        waypost::validate(catalog, &c, &Default::default()).unwrap_err()
                    }
                };
                let ds = error.diagnostics();
                assert_eq!(ds.len(), n, "{}: {n}", kind.name());
                assert!(ds.iter().all(|d| d.line.is_some() && d.column.is_some()));
            }
        }
    }
}
