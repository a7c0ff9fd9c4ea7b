"""Types of the native module. `scripts/test-python.sh` checks them against the built module
with `mypy.stubtest`, so they cannot drift from it.

The dict shapes below (`Summary`, `StatementCoverage`, ...) are those of the core's JSON
report; they exist for type checkers only. A key marked `NotRequired` is left out where the
core leaves it out of the JSON.
"""

import os
from typing import Any, Dict, Iterator, List, Literal, Optional, Sequence, Union, final, overload

from typing_extensions import NotRequired, TypedDict

__all__ = [
    "__version__",
    "DEFAULT_FRAMEWORK",
    "WaypostError",
    "ParseError",
    "ValidationError",
    "UsageError",
    "UnknownFrameworkError",
    "WaypostIOError",
    "Catalog",
    "Curriculum",
    "Framework",
    "Policy",
    "Crosswalk",
    "Report",
    "Checks",
    "Explanation",
    "Validation",
    "Portfolio",
    "Diff",
    "Suggestions",
    "CurriculumSuggestions",
    "SelfAssessment",
    "Plan",
    "Imported",
    "Exported",
    "ImportedCurriculum",
    "Team",
    "Expectations",
    "frameworks",
    "framework",
    "load_framework",
    "read_framework",
    "load_curriculum",
    "load_workbook",
    "read_curriculum",
    "load_policy",
    "read_policy",
    "load_crosswalk",
    "check",
    "check_all",
    "explain",
    "validate",
    "portfolio",
    "diff",
    "suggest",
    "suggest_curriculum",
    "suggestions_grid",
    "load_self_assessment",
    "read_self_assessment",
    "plan",
    "export_case",
    "import_case",
    "export_moodle",
    "import_moodle",
    "import_framework_grid",
    "import_grid",
    "validate_case",
    "map_unit",
    "add_module",
    "add_unit",
    "add_assessment",
    "new_curriculum",
    "new_framework",
    "rename",
    "set_assesses",
    "assessed_by",
    "editable_curriculum",
    "write_curriculum",
    "grid_layout",
    "write_grid",
    "workbook_layout",
    "write_grid_workbook",
    "folder_files",
    "team",
    "what_to_expect",
    "render",
    "schema",
]

__version__: str
DEFAULT_FRAMEWORK: str

_Format = Literal["toml", "json", "yaml", "yml", "csv", "grid"]
_ReportFormat = Literal["text", "txt", "json", "markdown", "md", "html", "htm", "csv"]
_ExplanationFormat = Literal["text", "txt", "json", "markdown", "md"]
_Path = Union[str, "os.PathLike[str]"]
_Match = Literal["exact", "broader", "narrower", "related"]
_PlanFormat = Literal["text", "txt", "json", "markdown", "md", "html", "htm"]
_SuggestionsFormat = Literal["text", "txt", "json"]
_UnitKind = Literal["outcome", "session", "activity"]
_DomainRule = Literal["auto", "hierarchy", "item-type"]

class _Diagnostic(TypedDict):
    path: NotRequired[str]
    line: NotRequired[int]
    column: NotRequired[int]
    pointer: NotRequired[str]
    message: str
    hint: NotRequired[str]

class _EditableCurriculum(TypedDict):
    text: str
    format: Literal["toml", "json", "yaml", "csv"]
    notes: List[_Diagnostic]

class _AssessedUnit(TypedDict):
    module: str
    unit: str
    assessments: List[str]

class _ErrorReport(TypedDict):
    code: str
    message: str
    diagnostics: List[_Diagnostic]

class _FrameworkSummary(TypedDict):
    id: str
    title: str
    publishers: List[str]
    year: int
    statements: int
    activities: int
    resources: int
    links: int

class _CurriculumInfo(TypedDict):
    id: str
    title: str
    provider: NotRequired[str]
    version: NotRequired[str]
    modules: int
    units: int

class _FrameworkInfo(TypedDict):
    id: str
    title: str
    short_title: NotRequired[str]

class _ModuleCoverage(TypedDict):
    code: str
    title: NotRequired[str]
    year: NotRequired[int]
    units: int
    reaches: Dict[str, str]

class _Summary(TypedDict):
    statements: int
    covered: int
    assessed: int
    gaps: int
    by_level: Dict[str, int]

class _DomainCoverage(TypedDict):
    id: str
    name: str
    total: int
    covered: int
    assessed: int
    gaps: int
    by_level: Dict[str, int]

_Via = TypedDict("_Via", {"statement": str, "match": _Match, "level": NotRequired[str]})

class _EvidenceLink(TypedDict):
    """One piece of a statement's evidence in a report: its unit is `units[unit_index]`."""
    unit_index: int
    mapped: str
    level: str
    via: NotRequired[_Via]

class _Evidence(TypedDict):
    """One piece of evidence with its unit written out (`Report.evidence`)."""
    module: str
    module_title: NotRequired[str]
    unit: str
    kind: str
    text: NotRequired[str]
    assessed_by: NotRequired[List[str]]
    mapped: str
    level: str
    via: NotRequired[_Via]

class _Derived(TypedDict):
    rule: Literal["all", "any"]
    children: List[str]
    covered: int
    level: NotRequired[str]
    direct: NotRequired[str]

class _StatementCoverage(TypedDict):
    code: str
    id: str
    domain: str
    label: str
    parent: NotRequired[str]
    level: Optional[str]
    assessed: bool
    units: List[_EvidenceLink]
    related: NotRequired[List[_Via]]
    derived: NotRequired[_Derived]

class _Support(TypedDict):
    code: str
    kind: str
    title: str
    url: NotRequired[str]
    provenance: Literal["published", "curated"]
    via: NotRequired[str]

class _Gap(TypedDict):
    code: str
    id: str
    domain: str
    label: str
    text: str
    supports: List[_Support]

class _UnitRef(TypedDict):
    module: str
    module_title: NotRequired[str]
    unit: str
    kind: str
    text: NotRequired[str]
    assessed_by: NotRequired[List[str]]

class _RequirementOutcome(TypedDict):
    description: str
    level: str
    required: float
    achieved: float
    met: int
    total: int
    passed: bool
    short: List[str]
    shortfalls: NotRequired[List[_Shortfall]]

class _Shortfall(TypedDict):
    code: str
    reason: str
    modules: List[str]
    years: NotRequired[List[int]]
    credits: NotRequired[int]

class _PolicyOutcome(TypedDict):
    title: NotRequired[str]
    passed: bool
    requirements: List[_RequirementOutcome]

class _StatementDetail(TypedDict):
    code: str
    id: str
    domain: str
    label: str
    text: str
    items: NotRequired[List[str]]
    page: NotRequired[str]

class _RelatedStatement(TypedDict):
    code: str
    label: str
    level: Optional[str]

_CrosswalkMatch = TypedDict("_CrosswalkMatch", {"statement": str, "match": _Match, "counts": bool})

class _CourseSummary(TypedDict):
    id: str
    title: str
    provider: NotRequired[str]
    path: NotRequired[str]
    modules: int
    units: int
    covered: int
    assessed: int
    gaps: int
    learners_per_year: NotRequired[int]
    settings: NotRequired[List[str]]

class _PortfolioStatement(TypedDict):
    code: str
    domain: str
    label: str
    level: Optional[str]
    courses: int
    assessed_by: int
    levels: List[Optional[str]]

class _ProviderSummary(TypedDict):
    provider: str
    courses: int
    covered: int
    assessed: int
    gaps: int

class _Failure(TypedDict):
    path: str
    error: _ErrorReport

class _DiffTotals(TypedDict):
    old_covered: int
    new_covered: int
    old_assessed: int
    new_assessed: int

_LevelChange = TypedDict(
    "_LevelChange", {"code": str, "label": str, "from": Optional[str], "to": Optional[str]}
)

class _PartChange(TypedDict):
    module: str
    id: str
    part: str
    change: str
    added: List[str]
    removed: List[str]

class _Reason(TypedDict):
    kind: Literal["word", "stem", "label", "synonym", "theme", "phrase", "example"]
    text: str
    matched: str
    weight: float

class _Suggestion(TypedDict):
    code: str
    id: str
    domain: str
    label: str
    score: float
    weak: bool
    reasons: List[_Reason]

class _CurriculumSuggestOptions(TypedDict):
    max_mappings: int
    top: int
    min_score: float
    from_mapped: bool

class _UnitSuggestions(TypedDict):
    module: str
    unit: str
    text: NotRequired[str]
    covers: List[str]
    suggestions: List[_Suggestion]

class _RatingTable(TypedDict):
    level: str
    note: str

class _Person(TypedDict):
    name: str
    role: NotRequired[str]
    date: NotRequired[str]
    supervisor: NotRequired[str]

class _PlanSummary(TypedDict):
    statements: int
    rated: int
    below: int
    met: int
    unrated: int

class _Need(TypedDict):
    rank: int
    code: str
    id: str
    domain: str
    domain_name: str
    theme: str
    label: str
    text: str
    level: NotRequired[str]
    steps: int
    note: NotRequired[str]
    supports: List[_Support]
    unlocks: int
    also_helps: List[str]

class _ThemeGroup(TypedDict):
    theme: str
    needs: List[str]

class _DomainGroup(TypedDict):
    domain: str
    name: str
    themes: List[_ThemeGroup]

class _NeedLink(TypedDict):
    code: str
    via: NotRequired[str]

class _PlannedActivity(TypedDict):
    rank: int
    code: str
    kind: str
    label: NotRequired[str]
    title: str
    url: NotRequired[str]
    needs: List[_NeedLink]

class _Rated(TypedDict):
    code: str
    level: str

class _TeamStatement(TypedDict):
    code: str
    domain: str
    label: str
    counts: List[int]
    unrated: int
    below: int

class _SharedNeed(TypedDict):
    rank: int
    code: str
    domain: str
    label: str
    theme: str
    members: int
    names: NotRequired[List[str]]
    supports: List[str]

class _TeamActivity(TypedDict):
    rank: int
    code: str
    kind: str
    title: str
    url: NotRequired[str]
    members: int
    needs: List[str]

class WaypostError(ValueError):
    """The base of every error waypost raises."""

    code: str
    message: str
    diagnostics: List[_Diagnostic]
    path: Optional[str]
    line: Optional[int]
    column: Optional[int]
    pointer: Optional[str]
    hint: Optional[str]
    def to_dict(self) -> _ErrorReport: ...

class ParseError(WaypostError):
    """The input is not well-formed, or a value has the wrong type (code `parse`)."""

class ValidationError(WaypostError):
    """The input is well-formed but wrong (code `invalid`)."""

class UsageError(WaypostError):
    """The request is wrong, not the input: an unknown format or schema name, a format the result has no renderer for (code `usage`)."""

class UnknownFrameworkError(WaypostError):
    """No framework has the id asked for (code `unknown-framework`)."""

    framework: str
    available: List[str]

class WaypostIOError(WaypostError):
    """A file could not be read or written (code `io`)."""

@final
class Curriculum:
    """A curriculum, as loaded: modules, units, assessments and their mappings."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def provider(self) -> Optional[str]: ...
    @property
    def version(self) -> Optional[str]: ...
    @property
    def frameworks(self) -> List[str]: ...
    @property
    def modules(self) -> List[Dict[str, Any]]: ...
    @property
    def path(self) -> Optional[str]: ...
    @property
    def format(self) -> Optional[Literal["toml", "json", "yaml", "csv"]]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...

@final
class Framework:
    """A framework: its domains, statements, activities, resources and links."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def levels(self) -> List[str]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...

@final
class Policy:
    """A policy: the requirements a check passes or fails. `Policy()` is the default one."""

    def __new__(cls) -> "Policy": ...
    @property
    def title(self) -> Optional[str]: ...
    @property
    def framework(self) -> Optional[str]: ...
    @property
    def requirements(self) -> List[Dict[str, Any]]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...

@final
class Crosswalk:
    """Typed links from the statements of one framework to another's."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...

@final
class Catalog:
    """The frameworks and crosswalks a check can use: the built-in ones, and any you add."""

    def __new__(cls, builtin: bool = True) -> "Catalog": ...
    def add_framework(self, framework: Framework) -> None: ...
    def add_crosswalk(self, crosswalk: Crosswalk) -> None: ...
    def read(self, path: _Path) -> None: ...
    def framework_ids(self) -> List[str]: ...
    def frameworks(self) -> List[_FrameworkSummary]: ...
    def framework(self, id: str) -> Dict[str, Any]: ...
    def crosswalks(self) -> List[Dict[str, Any]]: ...

@final
class Report:
    """A coverage report: for every statement of a framework, how far a curriculum takes it."""

    @property
    def passed(self) -> bool: ...
    @property
    def curriculum(self) -> _CurriculumInfo: ...
    @property
    def framework(self) -> _FrameworkInfo: ...
    @property
    def levels(self) -> List[str]: ...
    @property
    def summary(self) -> _Summary: ...
    @property
    def domains(self) -> List[_DomainCoverage]: ...
    @property
    def modules(self) -> List[_ModuleCoverage]: ...
    @property
    def units(self) -> List[_UnitRef]: ...
    @property
    def statements(self) -> List[_StatementCoverage]: ...
    @property
    def gaps(self) -> List[_Gap]: ...
    @property
    def unmapped_units(self) -> List[_UnitRef]: ...
    @property
    def policy(self) -> _PolicyOutcome: ...
    @property
    def warnings(self) -> List[_Diagnostic]: ...
    def statement(self, code: str) -> _StatementCoverage: ...
    def evidence(self, code: str) -> List[_Evidence]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...
    @overload
    def render(self, format: Literal["xlsx"], curriculum: Optional[Curriculum] = None) -> bytes: ...
    @overload
    def render(self, format: _ReportFormat = "text", curriculum: Optional[Curriculum] = None) -> str: ...

@final
class Checks:
    """A curriculum checked against every framework it declares: a report for each."""

    @property
    def passed(self) -> bool: ...
    @property
    def failed(self) -> List[str]: ...
    @property
    def reports(self) -> List[Report]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...
    @overload
    def render(self, format: Literal["xlsx"], curriculum: Optional[Curriculum] = None) -> bytes: ...
    @overload
    def render(self, format: _ReportFormat = "text", curriculum: Optional[Curriculum] = None) -> str: ...

@final
class Explanation:
    """One statement in one curriculum: its evidence chain, or why it is a gap."""

    @property
    def framework(self) -> str: ...
    @property
    def curriculum(self) -> str: ...
    @property
    def statement(self) -> _StatementDetail: ...
    @property
    def coverage(self) -> _StatementCoverage: ...
    @property
    def units(self) -> List[_UnitRef]: ...
    @property
    def supports(self) -> List[_Support]: ...
    @property
    def related(self) -> List[_RelatedStatement]: ...
    @property
    def crosswalk(self) -> List[_CrosswalkMatch]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...
    def render(self, format: _ExplanationFormat = "text") -> str: ...

@final
class Validation:
    """What validating a curriculum found."""

    @property
    def curriculum(self) -> str: ...
    @property
    def framework(self) -> str: ...
    @property
    def modules(self) -> int: ...
    @property
    def units(self) -> int: ...
    @property
    def mappings(self) -> int: ...
    @property
    def warnings(self) -> List[_Diagnostic]: ...
    def summary(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...

@final
class Portfolio:
    """Many curricula against one framework: courses, statements × courses, what none covers."""

    @property
    def framework(self) -> _FrameworkInfo: ...
    @property
    def levels(self) -> List[str]: ...
    @property
    def courses(self) -> List[_CourseSummary]: ...
    @property
    def statements(self) -> List[_PortfolioStatement]: ...
    @property
    def uncovered(self) -> List[str]: ...
    @property
    def unassessed(self) -> List[str]: ...
    @property
    def introduced_only(self) -> List[str]: ...
    @property
    def single_course(self) -> List[str]: ...
    @property
    def providers(self) -> List[_ProviderSummary]: ...
    @property
    def failures(self) -> List[_Failure]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...
    @overload
    def render(self, format: Literal["xlsx"]) -> bytes: ...
    @overload
    def render(self, format: _ReportFormat = "text") -> str: ...

@final
class Diff:
    """What coverage was gained or lost between two versions of a curriculum."""

    @property
    def framework(self) -> _FrameworkInfo: ...
    @property
    def old(self) -> _CurriculumInfo: ...
    @property
    def new(self) -> _CurriculumInfo: ...
    @property
    def totals(self) -> _DiffTotals: ...
    @property
    def gained(self) -> List[_LevelChange]: ...
    @property
    def lost(self) -> List[_LevelChange]: ...
    @property
    def raised(self) -> List[_LevelChange]: ...
    @property
    def lowered(self) -> List[_LevelChange]: ...
    @property
    def changes(self) -> List[_PartChange]: ...
    @property
    def lost_anything(self) -> bool: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...
    def render(self, format: _ExplanationFormat = "text") -> str: ...

@final
class Suggestions:
    """The statements a text most likely addresses, best first: a read-only sequence of dicts."""

    @property
    def framework(self) -> str: ...
    def __len__(self) -> int: ...
    def __getitem__(self, index: int, /) -> _Suggestion: ...
    def __iter__(self) -> Iterator[_Suggestion]: ...
    def to_list(self) -> List[_Suggestion]: ...
    def to_json(self) -> str: ...
    def render(self, format: _SuggestionsFormat = "text") -> str: ...

@final
class CurriculumSuggestions:
    """Proposed mappings for the units of a curriculum that map none or few statements."""

    @property
    def curriculum(self) -> str: ...
    @property
    def framework(self) -> str: ...
    @property
    def options(self) -> _CurriculumSuggestOptions: ...
    @property
    def units(self) -> List[_UnitSuggestions]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...
    def render(self, format: _SuggestionsFormat = "text") -> str: ...

@final
class SelfAssessment:
    """A worker's ratings of themselves against a framework's statements, as read."""

    @property
    def framework(self) -> Optional[str]: ...
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> Optional[str]: ...
    @property
    def date(self) -> Optional[str]: ...
    @property
    def supervisor(self) -> Optional[str]: ...
    @property
    def scale(self) -> Optional[List[str]]: ...
    @property
    def target(self) -> Optional[str]: ...
    @property
    def ratings(self) -> Dict[str, Union[str, _RatingTable]]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...

@final
class Plan:
    """A development plan: the statements to work on, in order, with what helps."""

    @property
    def person(self) -> _Person: ...
    @property
    def framework(self) -> _FrameworkInfo: ...
    @property
    def scale(self) -> List[str]: ...
    @property
    def target(self) -> str: ...
    @property
    def summary(self) -> _PlanSummary: ...
    @property
    def needs(self) -> List[_Need]: ...
    @property
    def groups(self) -> List[_DomainGroup]: ...
    @property
    def activities(self) -> List[_PlannedActivity]: ...
    @property
    def met(self) -> List[_Rated]: ...
    @property
    def unrated(self) -> List[str]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...
    def render(self, format: _PlanFormat = "text") -> str: ...

@final
class Team:
    """A team's or service's needs from many self-assessments: counts, and names only when asked."""

    @property
    def members(self) -> int: ...
    @property
    def names(self) -> Optional[List[str]]: ...
    @property
    def scale(self) -> List[str]: ...
    @property
    def statements(self) -> List[_TeamStatement]: ...
    @property
    def needs(self) -> List[_SharedNeed]: ...
    @property
    def activities(self) -> List[_TeamActivity]: ...
    @property
    def failures(self) -> List[_Failure]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...
    @overload
    def render(self, format: Literal["xlsx"]) -> bytes: ...
    @overload
    def render(self, format: _ReportFormat = "text") -> str: ...

class _ExpectStatement(TypedDict):
    code: str
    text: str
    items: NotRequired[List[str]]

class _ExpectSection(TypedDict):
    domain: str
    name: str
    stem: NotRequired[str]
    page: NotRequired[str]
    statements: List[_ExpectStatement]

@final
class Expectations:
    """What people who use services can expect: the published statements, quoted exactly."""

    @property
    def framework(self) -> str: ...
    @property
    def sections(self) -> List[_ExpectSection]: ...
    @property
    def citation(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...
    def render(self, format: _PlanFormat = "text") -> str: ...

@final
class Imported:
    """A framework read from another tool's format, with a note for everything it could not represent."""

    @property
    def framework(self) -> Framework: ...
    @property
    def notes(self) -> List[_Diagnostic]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...

@final
class Exported:
    """A framework written in another tool's format, with a note for everything it cannot hold."""

    @property
    def text(self) -> str: ...
    @property
    def notes(self) -> List[_Diagnostic]: ...
    def to_dict(self) -> Dict[str, Any]: ...

@final
class ImportedCurriculum:
    """A curriculum file (TOML) made from a mapping grid."""

    @property
    def text(self) -> str: ...
    @property
    def framework(self) -> str: ...
    @property
    def warnings(self) -> List[_Diagnostic]: ...
    def to_dict(self) -> Dict[str, Any]: ...

def frameworks(catalog: Optional[Catalog] = None) -> List[_FrameworkSummary]: ...
def framework(id: str, catalog: Optional[Catalog] = None) -> Dict[str, Any]: ...
def load_framework(text: str, format: Optional[_Format] = None, name: Optional[str] = None) -> Framework: ...
def read_framework(path: _Path) -> Framework: ...
def load_curriculum(
    text: str, format: Optional[_Format] = None, name: Optional[str] = None
) -> Curriculum: ...
def load_workbook(
    data: bytes, name: Optional[str] = None, sheet: Optional[str] = None
) -> Curriculum: ...
def read_curriculum(path: _Path) -> Curriculum: ...
def load_policy(text: str, format: Optional[_Format] = None, name: Optional[str] = None) -> Policy: ...
def read_policy(path: _Path) -> Policy: ...
def load_crosswalk(text: str, format: Optional[_Format] = None, name: Optional[str] = None) -> Crosswalk: ...
def check(
    curriculum: Curriculum,
    framework: Optional[str] = None,
    policy: Optional[Union[Policy, Sequence[Policy]]] = None,
    catalog: Optional[Catalog] = None,
) -> Report: ...
def check_all(
    curriculum: Curriculum,
    framework: Optional[str] = None,
    policy: Optional[Union[Policy, Sequence[Policy]]] = None,
    catalog: Optional[Catalog] = None,
) -> Checks: ...
def explain(
    curriculum: Curriculum,
    code: str,
    framework: Optional[str] = None,
    catalog: Optional[Catalog] = None,
) -> Explanation: ...
def validate(
    curriculum: Curriculum,
    framework: Optional[str] = None,
    catalog: Optional[Catalog] = None,
) -> Validation: ...
def portfolio(
    curricula: Sequence[Union[Curriculum, _Path]],
    framework: Optional[str] = None,
    catalog: Optional[Catalog] = None,
    few_learners: Optional[int] = None,
    settings: Sequence[str] = ...,
    gaps_to_training: bool = False,
) -> Portfolio: ...
def folder_files(paths: Sequence[str]) -> List[str]: ...
def diff(
    old: Curriculum,
    new: Curriculum,
    framework: Optional[str] = None,
    catalog: Optional[Catalog] = None,
) -> Diff: ...
def suggest(
    text: str,
    framework: Optional[str] = None,
    top: Optional[int] = None,
    min_score: Optional[float] = None,
    catalog: Optional[Catalog] = None,
    examples: Optional[List[Curriculum]] = None,
) -> Suggestions: ...
def suggest_curriculum(
    curriculum: Curriculum,
    framework: Optional[str] = None,
    max_mappings: Optional[int] = None,
    top: Optional[int] = None,
    min_score: Optional[float] = None,
    catalog: Optional[Catalog] = None,
    from_mapped: bool = True,
    examples: Optional[List[Curriculum]] = None,
) -> CurriculumSuggestions: ...
def suggestions_grid(curriculum: Curriculum, suggestions: CurriculumSuggestions) -> str: ...
def assessed_by(curriculum: Curriculum, /) -> List[_AssessedUnit]: ...
def editable_curriculum(
    source: str, /, name: Optional[str] = None, format: Optional[_Format] = None
) -> _EditableCurriculum: ...
def write_curriculum(source: str, /, format: _Format, name: Optional[str] = None) -> str: ...
def grid_layout(source: str, /, name: Optional[str] = None) -> list[str]: ...
def write_grid(curriculum: Curriculum, /, headers: Optional[Sequence[str]] = None) -> str: ...
def workbook_layout(
    data: bytes, /, name: Optional[str] = None, sheet: Optional[str] = None
) -> tuple[list[str], Optional[str]]: ...
def write_grid_workbook(
    curriculum: Curriculum,
    /,
    headers: Optional[Sequence[str]] = None,
    sheet: Optional[str] = None,
) -> bytes: ...
def load_self_assessment(
    text: str, format: Optional[_Format] = None, name: Optional[str] = None
) -> SelfAssessment: ...
def read_self_assessment(path: _Path) -> SelfAssessment: ...
def plan(
    self_assessment: SelfAssessment,
    target: Optional[str] = None,
    include_unrated: bool = False,
    catalog: Optional[Catalog] = None,
) -> Plan: ...
def team(
    self_assessments: Sequence[Union[SelfAssessment, _Path]],
    target: Optional[str] = None,
    names: bool = False,
    catalog: Optional[Catalog] = None,
) -> Team: ...
def what_to_expect(framework: Optional[str] = None, catalog: Optional[Catalog] = None) -> Expectations: ...
def export_case(
    framework: Union[str, Framework],
    base_uri: Optional[str] = None,
    last_change: Optional[str] = None,
    catalog: Optional[Catalog] = None,
) -> str: ...
def import_case(
    text: str,
    name: Optional[str] = None,
    id: Optional[str] = None,
    domains: Optional[_DomainRule] = None,
) -> Imported: ...
def export_moodle(framework: Union[str, Framework], catalog: Optional[Catalog] = None) -> Exported: ...
def import_moodle(text: str, name: Optional[str] = None, id: Optional[str] = None) -> Imported: ...
def import_framework_grid(
    text: str,
    name: Optional[str] = None,
    id: Optional[str] = None,
    title: Optional[str] = None,
    publisher: Optional[str] = None,
    year: Optional[int] = None,
) -> Imported: ...
def import_grid(
    text: str,
    name: Optional[str] = None,
    framework: Optional[str] = None,
    id: Optional[str] = None,
    title: Optional[str] = None,
    catalog: Optional[Catalog] = None,
) -> ImportedCurriculum: ...
def validate_case(package: str, schema: str, name: Optional[str] = None) -> List[_Diagnostic]: ...
def map_unit(
    source: str,
    /,
    unit: str,
    changes: Sequence[str],
    name: Optional[str] = None,
    catalog: Optional[Catalog] = None,
) -> str: ...
def add_module(
    source: str,
    /,
    code: str,
    title: Optional[str] = None,
    year: Optional[int] = None,
    level: Optional[str] = None,
    credits: Optional[int] = None,
    name: Optional[str] = None,
    catalog: Optional[Catalog] = None,
) -> str: ...
def add_unit(
    source: str,
    /,
    module: str,
    id: str,
    kind: Optional[_UnitKind] = None,
    text: Optional[str] = None,
    covers: Sequence[str] = ...,
    name: Optional[str] = None,
    catalog: Optional[Catalog] = None,
) -> str: ...
def add_assessment(
    source: str,
    /,
    module: str,
    id: str,
    title: Optional[str] = None,
    weight: Optional[int] = None,
    assesses: Sequence[str] = ...,
    covers: Sequence[str] = ...,
    name: Optional[str] = None,
    catalog: Optional[Catalog] = None,
) -> str: ...
def rename(
    source: str,
    /,
    target: str,
    id: Optional[str] = None,
    title: Optional[str] = None,
    name: Optional[str] = None,
    catalog: Optional[Catalog] = None,
) -> str: ...
def set_assesses(
    source: str,
    /,
    assessment: str,
    units: Sequence[str],
    name: Optional[str] = None,
    catalog: Optional[Catalog] = None,
) -> str: ...
def new_curriculum(
    id: str,
    title: str,
    framework: Optional[str] = None,
    provider: Optional[str] = None,
    schema: Optional[str] = None,
    catalog: Optional[Catalog] = None,
) -> str: ...
def new_framework(id: str, title: str, schema: Optional[str] = None) -> str: ...
@overload
def render(item: Union[Report, Portfolio, Team], format: Literal["xlsx"]) -> bytes: ...
@overload
def render(item: Union[Report, Portfolio, Team], format: _ReportFormat = "text") -> str: ...
@overload
def render(item: Union[Explanation, Diff], format: _ExplanationFormat = "text") -> str: ...
@overload
def render(item: Union[Plan, Expectations], format: _PlanFormat = "text") -> str: ...
@overload
def render(item: Union[Suggestions, CurriculumSuggestions], format: _SuggestionsFormat = "text") -> str: ...
def schema(kind: Literal["curriculum", "framework", "policy", "crosswalk", "report"]) -> str: ...
