"""waypost: check whether a curriculum covers a learning framework.

Load a curriculum (TOML, JSON, YAML or a mapping-grid CSV), check it against a framework
such as Realising Recovery (2007) and a policy, and read the report: per statement, per
domain, the gaps and what would help close them, and the evidence behind every claim.
Suggest mappings for a learning outcome, make a development plan from a self-assessment,
exchange frameworks as CASE packages and Moodle CSV, and edit curriculum files without losing
a comment.

Everything runs in the Rust core (the GIL is released while it works); this package only
converts values and errors. See docs/python.md in the repository for a guide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._waypost import (
    DEFAULT_FRAMEWORK,
    Catalog,
    Crosswalk,
    Curriculum,
    CurriculumSuggestions,
    Diff,
    Expectations,
    Explanation,
    Exported,
    Framework,
    Imported,
    ImportedCurriculum,
    ParseError,
    Plan,
    Policy,
    Portfolio,
    Report,
    Checks,
    SelfAssessment,
    Suggestions,
    Team,
    UnknownFrameworkError,
    UsageError,
    Validation,
    ValidationError,
    WaypostError,
    WaypostIOError,
    __version__,
    add_assessment,
    add_module,
    add_unit,
    check,
    check_all,
    diff,
    explain,
    export_case,
    export_moodle,
    folder_files,
    framework,
    frameworks,
    grid_layout,
    import_case,
    import_grid,
    import_moodle,
    import_framework_grid,
    load_crosswalk,
    load_curriculum,
    load_workbook,
    load_framework,
    load_policy,
    load_self_assessment,
    map_unit,
    new_curriculum,
    new_framework,
    plan,
    portfolio,
    read_curriculum,
    read_framework,
    read_policy,
    read_self_assessment,
    rename,
    render,
    schema,
    set_assesses,
    suggest,
    suggest_curriculum,
    suggestions_grid,
    team,
    validate,
    validate_case,
    write_grid,
    what_to_expect,
)

__all__ = [
    "DEFAULT_FRAMEWORK",
    "Catalog",
    "Crosswalk",
    "Curriculum",
    "CurriculumSuggestions",
    "Diff",
    "Expectations",
    "Explanation",
    "Exported",
    "Framework",
    "Imported",
    "ImportedCurriculum",
    "ParseError",
    "Plan",
    "Policy",
    "Portfolio",
    "Report",
    "Checks",
    "SelfAssessment",
    "Suggestions",
    "Team",
    "UnknownFrameworkError",
    "UsageError",
    "Validation",
    "ValidationError",
    "WaypostError",
    "WaypostIOError",
    "__version__",
    "add_assessment",
    "add_module",
    "add_unit",
    "check",
    "check_all",
    "diff",
    "explain",
    "export_case",
    "export_moodle",
    "folder_files",
    "framework",
    "frameworks",
    "grid_layout",
    "import_case",
    "import_grid",
    "import_moodle",
    "import_framework_grid",
    "load_crosswalk",
    "load_curriculum",
    "load_workbook",
    "load_framework",
    "load_policy",
    "load_self_assessment",
    "map_unit",
    "new_curriculum",
    "new_framework",
    "plan",
    "portfolio",
    "read_curriculum",
    "read_framework",
    "read_policy",
    "read_self_assessment",
    "rename",
    "render",
    "schema",
    "set_assesses",
    "suggest",
    "suggest_curriculum",
    "suggestions_grid",
    "team",
    "validate",
    "validate_case",
    "write_grid",
    "what_to_expect",
]


if TYPE_CHECKING:
    from ._waypost import _ErrorReport


def _error_to_dict(self: WaypostError) -> _ErrorReport:
    """The error as data, the same as the core's error report: code, message, diagnostics."""
    return {
        "code": self.code,
        "message": self.message,
        "diagnostics": [d.copy() for d in self.diagnostics],
    }


# Exceptions made with PyO3's create_exception! carry data attributes only; the one method
# they share is added here, in Python, where a method can be defined on them.
WaypostError.to_dict = _error_to_dict  # type: ignore[method-assign]
