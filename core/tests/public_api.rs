//! The public surface stays small and is pinned here: the crate root lists its modules, and
//! only `model` is a public module; everything else is crate-private and reached through the
//! verbs of `api.rs` and the names re-exported at the root, listed below. A change to the
//! surface changes this file in the same commit.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

const LIB: &str = include_str!("../src/lib.rs");

/// The modules `lib.rs` declares, each with whether it is public (`pub mod`).
fn modules() -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for line in LIB.lines().map(str::trim) {
        let (public, rest) = match line.strip_prefix("pub mod ") {
            Some(rest) => (true, rest),
            None => match line.strip_prefix("mod ") {
                Some(rest) => (false, rest),
                None => match line.strip_prefix("pub(crate) mod ") {
                    Some(rest) => (false, rest),
                    None => continue,
                },
            },
        };
        out.push((rest.trim_end_matches(';').to_string(), public));
    }
    out
}

/// The names `lib.rs` re-exports at the root: the last segment of every path in each
/// `pub use` (nested groups included).
fn root_names() -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = LIB;
    while let Some(start) = rest.find("pub use ") {
        let after = &rest[start + "pub use ".len()..];
        let end = after.find(';').unwrap();
        let tree = &after[..end];
        // A name is an identifier followed by `,`, `}` or the end, not by `::`.
        let mut word = String::new();
        for c in tree.chars().chain(std::iter::once(';')) {
            if c.is_alphanumeric() || c == '_' {
                word.push(c);
                continue;
            }
            if c.is_whitespace() {
                continue;
            }
            if matches!(c, ',' | '}' | ';') && !word.is_empty() {
                names.push(word.clone());
            }
            word.clear();
        }
        rest = &after[end..];
    }
    names.sort();
    names.dedup();
    names
}

#[test]
fn only_the_model_is_a_public_module() {
    let modules = modules();
    assert!(modules.len() > 20, "{modules:?}");
    let public: Vec<&str> = modules
        .iter()
        .filter(|(_, public)| *public)
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(public, ["model"]);
}

#[test]
fn no_module_is_hidden_rather_than_private() {
    assert!(
        !LIB.contains("doc(hidden)"),
        "lib.rs hides a module from the documentation: make it private instead"
    );
}

#[test]
fn the_root_names_are_pinned() {
    const ROOT: &[&str] = &[
        "Activity",
        "AssessedUnit",
        "Assessment",
        "Candidate",
        "CaseExportOptions",
        "CaseImportOptions",
        "Catalog",
        "CheckOptions",
        "Checks",
        "CourseSummary",
        "Created",
        "Crosswalk",
        "CrosswalkLink",
        "CrosswalkMatch",
        "Curriculum",
        "CurriculumInfo",
        "CurriculumSuggestOptions",
        "CurriculumSuggestions",
        "DEFAULT_FRAMEWORK",
        "DEFAULT_SCALE",
        "Derived",
        "Diagnostic",
        "Diff",
        "DiffOptions",
        "DiffTotals",
        "Document",
        "Domain",
        "DomainCoverage",
        "DomainGroup",
        "DomainRule",
        "Edit",
        "EditableCurriculum",
        "Entry",
        "Error",
        "ErrorReport",
        "Evidence",
        "EvidenceOf",
        "Example",
        "ExpectOptions",
        "ExpectSection",
        "ExpectStatement",
        "Expectations",
        "Explanation",
        "Exported",
        "FEW_LEARNERS",
        "Failure",
        "Format",
        "Framework",
        "FrameworkGridOptions",
        "FrameworkInfo",
        "FrameworkStarter",
        "FrameworkSummary",
        "Gap",
        "GapTraining",
        "GridImportOptions",
        "GridLayout",
        "Hierarchy",
        "Imported",
        "ImportedCurriculum",
        "LevelChange",
        "Link",
        "LinkType",
        "MAX_INPUT_BYTES",
        "Mapping",
        "MappingChange",
        "MatchKind",
        "Module",
        "ModuleCoverage",
        "MoodleImportOptions",
        "Need",
        "NeedLink",
        "Neighbour",
        "NewAssessment",
        "NewModule",
        "NewUnit",
        "OneOrMany",
        "Origin",
        "PartChange",
        "Person",
        "Plan",
        "PlanFramework",
        "PlanOptions",
        "PlanSummary",
        "PlannedActivity",
        "Policy",
        "PolicyOutcome",
        "Portfolio",
        "PortfolioOptions",
        "PortfolioStatement",
        "Provenance",
        "ProviderSummary",
        "PublishedText",
        "Purpose",
        "PurposeKind",
        "Quotation",
        "REPORT_SCHEMA_VERSION",
        "Rated",
        "Rating",
        "Reach",
        "Reason",
        "ReasonKind",
        "RelatedStatement",
        "Rename",
        "Render",
        "Report",
        "ReportFormat",
        "Requirement",
        "RequirementOutcome",
        "Resource",
        "ResourceKind",
        "Result",
        "SCHEMAS",
        "SHADES",
        "SelfAssessment",
        "SettingGap",
        "Share",
        "SharedNeed",
        "Shortfall",
        "Source",
        "Starter",
        "Statement",
        "StatementCoverage",
        "StatementDetail",
        "StatementReach",
        "SuggestOptions",
        "Suggestion",
        "Summary",
        "Support",
        "Team",
        "TeamActivity",
        "TeamEntry",
        "TeamOptions",
        "TeamStatement",
        "ThemeGroup",
        "Thread",
        "ThreadRow",
        "Unit",
        "UnitKind",
        "UnitRef",
        "UnitSuggestions",
        "Unmapped",
        "Validation",
        "Via",
        "WEAK_BELOW",
        "WorkbookOptions",
        "add_assessment",
        "add_module",
        "add_unit",
        "assessed_by",
        "check",
        "check_all",
        "check_owned",
        "checks_workbook",
        "collect_files",
        "create_file",
        "curriculum_to_toml",
        "diff",
        "editable_curriculum",
        "examples_of",
        "explain",
        "export_case",
        "export_moodle",
        "folder_files",
        "for_terminal",
        "formats_of",
        "framework_for",
        "framework_of",
        "framework_text",
        "framework_to_json",
        "framework_to_toml",
        "frameworks",
        "frameworks_text",
        "from_json_text",
        "grid_layout",
        "grid_layout_workbook",
        "grid_workbook",
        "import_case",
        "import_framework_grid",
        "import_framework_workbook",
        "import_grid",
        "import_moodle",
        "is_workbook",
        "is_workbook_format",
        "known_settings",
        "level_shade",
        "load_crosswalk",
        "load_curriculum",
        "load_framework",
        "load_policy",
        "load_self_assessment",
        "load_workbook",
        "map_unit",
        "new_curriculum",
        "new_framework",
        "plan",
        "portfolio",
        "portfolio_files",
        "portfolio_workbook",
        "read_curriculum",
        "read_entries",
        "read_framework",
        "read_framework_grid",
        "read_into",
        "read_policy",
        "read_self_assessment",
        "read_team",
        "read_text",
        "read_workbook",
        "rename",
        "render",
        "render_terminal",
        "report_workbook",
        "schema",
        "set_assesses",
        "suggest",
        "suggest_curriculum",
        "suggest_framework",
        "suggestions_grid",
        "team",
        "team_entries",
        "team_workbook",
        "to_json",
        "to_yaml",
        "validate",
        "validate_case",
        "what_to_expect",
        "write_curriculum",
        "write_file",
        "write_file_with",
        "write_grid",
        "write_json",
    ];
    assert_eq!(root_names(), ROOT);
}

#[test]
fn the_engine_is_not_exported() {
    for internal in ["pub use graph", "Graph", "report(", "pub fn "] {
        assert!(
            !LIB.contains(internal),
            "lib.rs exposes `{internal}`: keep the engine crate-private"
        );
    }
}

/// The verbs exist at the root with their options structs (a removed or renamed one fails to
/// compile here).
#[test]
fn the_verbs_are_at_the_root() {
    use waypost::{
        Catalog, CheckOptions, DiffOptions, Document, PortfolioOptions, ReportFormat, check, diff,
        load_curriculum, portfolio, render,
    };
    let catalog = Catalog::builtin().unwrap();
    let text = "id = \"c\"\ntitle = \"C\"\n";
    let mut document = Document::named(text, "c.toml");
    document.format = Some(waypost::Format::Toml);
    let curriculum = load_curriculum(document).unwrap();
    let report = check(catalog, &curriculum, &CheckOptions::default()).unwrap();
    assert!(
        render(&report, ReportFormat::Json)
            .unwrap()
            .starts_with('{')
    );
    let changes = diff(catalog, &curriculum, &curriculum, &DiffOptions::default()).unwrap();
    assert!(!changes.lost_anything);
    let entries = vec![("c.toml".to_string(), Ok(curriculum))];
    let many = portfolio(catalog, entries, &PortfolioOptions::default()).unwrap();
    assert!(many.failures.is_empty());
    // A format a result does not have is refused, naming the ones it has.
    let refused = render(&changes, ReportFormat::Html)
        .unwrap_err()
        .to_string();
    assert!(refused.contains("a diff is rendered as"), "{refused}");
}
