//! Moodle competency frameworks, as the CSV that Moodle's "Import competency framework" tool
//! (`admin/tool/lpimportcsv`) reads and its export writes.
//!
//! The format is Moodle's own: fourteen columns in a fixed order (the importer reads them by
//! position), a first data row describing the framework itself (`Is framework` = 1) with its
//! scale, then one row per competency naming its parent by ID number. Domains become the
//! top-level competencies and statements their children; a statement under another statement
//! (a published `isChildOf` link) stays under it. Links between statements become Moodle's
//! untyped, two-way cross-references.

mod export;
mod import;

pub use export::export_moodle;
pub use import::{MoodleImportOptions, import_moodle};

/// The header row, as Moodle writes it (`framework_importer::list_required_headers`).
pub const HEADERS: [&str; 14] = [
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
];

/// Moodle's `FORMAT_PLAIN`: descriptions are plain text, shown with their line breaks.
pub(super) const FORMAT_PLAIN: &str = "2";
/// Moodle cuts ID numbers and short names at this many characters.
pub(super) const MAX_NAME: usize = 100;
