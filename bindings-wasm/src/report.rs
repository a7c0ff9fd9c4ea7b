//! The parts of a report `check` hands over, when its `parts` option names them.
//!
//! Turning a whole report into objects (writing it as JSON text, decoding that into a string,
//! `JSON.parse`) costs several times the check itself: a report carries every statement with
//! its evidence, every gap with what would help it, and the heatmap's rows. A caller that
//! reads only the verdict and the totals of many curricula names those parts, and only they
//! cross into JavaScript. The check itself is the same.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize, Serializer, ser::SerializeStruct};
use waypost::Report;

/// A top-level part of a report, by its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportPart {
    /// The version of the report's schema.
    SchemaVersion,
    /// Who and what the curriculum is.
    Curriculum,
    /// The framework checked against.
    Framework,
    /// The coverage scale, lowest first.
    Levels,
    /// Whether the policy passed.
    Passed,
    /// Totals over the whole framework.
    Summary,
    /// Totals per domain.
    Domains,
    /// Each module's highest level on each statement (the heatmap's rows).
    Modules,
    /// Every unit and assessment that reaches a statement, once each (a statement's evidence
    /// names them by index).
    Units,
    /// Every statement with its evidence.
    Statements,
    /// The statements nothing covers, with what would help.
    Gaps,
    /// Units that map to no statement yet.
    UnmappedUnits,
    /// The policy's verdict, requirement by requirement.
    Policy,
    /// Problems that did not stop the check (left out when there are none, as in the whole
    /// report).
    Warnings,
    /// The programme's thread, statement by year (left out for a curriculum of one year, as in
    /// the whole report).
    Thread,
}

/// A report with only the named parts, in the report's own key order.
#[derive(Debug)]
pub(crate) struct Selected<'a> {
    pub report: &'a Report,
    pub parts: &'a [ReportPart],
}

impl Serialize for Selected<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Every field is named, so a field added to the report cannot be forgotten here.
        let Report {
            schema_version,
            curriculum,
            framework,
            levels,
            passed,
            summary,
            domains,
            modules,
            units,
            statements,
            gaps,
            unmapped_units,
            policy,
            warnings,
            thread,
        } = self.report;
        let want = |part| self.parts.contains(&part);
        let mut out = serializer.serialize_struct("Report", self.parts.len())?;
        if want(ReportPart::SchemaVersion) {
            out.serialize_field("schema_version", schema_version)?;
        }
        if want(ReportPart::Curriculum) {
            out.serialize_field("curriculum", curriculum)?;
        }
        if want(ReportPart::Framework) {
            out.serialize_field("framework", framework)?;
        }
        if want(ReportPart::Levels) {
            out.serialize_field("levels", levels)?;
        }
        if want(ReportPart::Passed) {
            out.serialize_field("passed", passed)?;
        }
        if want(ReportPart::Summary) {
            out.serialize_field("summary", summary)?;
        }
        if want(ReportPart::Domains) {
            out.serialize_field("domains", domains)?;
        }
        if want(ReportPart::Modules) {
            out.serialize_field("modules", modules)?;
        }
        if want(ReportPart::Units) {
            out.serialize_field("units", units)?;
        }
        if want(ReportPart::Statements) {
            out.serialize_field("statements", statements)?;
        }
        if want(ReportPart::Gaps) {
            out.serialize_field("gaps", gaps)?;
        }
        if want(ReportPart::UnmappedUnits) {
            out.serialize_field("unmapped_units", unmapped_units)?;
        }
        if want(ReportPart::Policy) {
            out.serialize_field("policy", policy)?;
        }
        if want(ReportPart::Warnings) && !warnings.is_empty() {
            out.serialize_field("warnings", warnings)?;
        }
        if want(ReportPart::Thread)
            && let Some(thread) = thread
        {
            out.serialize_field("thread", thread)?;
        }
        out.end()
    }
}
