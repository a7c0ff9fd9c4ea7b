//! Why a statement is covered (its evidence chain) or why it is a gap (and what would help).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    catalog::Catalog,
    codes,
    coverage::{self, StatementCoverage, Support, UnitRef},
    error::{Diagnostic, Error, Result},
    graph::{Graph, Node},
    model::{crosswalk::MatchKind, curriculum::Curriculum, policy::Policy},
};

/// Everything known about one statement in one curriculum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Explanation {
    /// The framework's id.
    pub framework: String,
    /// The curriculum's id.
    pub curriculum: String,
    /// The statement as published.
    pub statement: StatementDetail,
    /// How far the curriculum takes it, and through which units.
    pub coverage: StatementCoverage,
    /// The units and assessments its evidence, and its children's, names, once each, in the
    /// curriculum's order: a piece of evidence names its unit by its index here.
    pub units: Vec<UnitRef>,
    /// Activities and resources that support it.
    pub supports: Vec<Support>,
    /// Statements of the same framework linked to it, with how far each is covered.
    pub related: Vec<RelatedStatement>,
    /// Statements of other frameworks a crosswalk links it to.
    pub crosswalk: Vec<CrosswalkMatch>,
    /// For a parent: each child's coverage and evidence, from which its own derives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<StatementCoverage>,
}

/// A statement's published details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct StatementDetail {
    /// Its code.
    pub code: String,
    /// Its qualified id.
    pub id: String,
    /// Its domain's name.
    pub domain: String,
    /// Its curated label.
    pub label: String,
    /// Its published text.
    pub text: String,
    /// Published sub-items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// Page or section of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

/// A statement linked to the one explained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RelatedStatement {
    /// Its code.
    pub code: String,
    /// Its label.
    pub label: String,
    /// How far the curriculum takes it.
    pub level: Option<String>,
}

/// A crosswalk link from or to the statement explained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CrosswalkMatch {
    /// The other statement's qualified id.
    pub statement: String,
    /// How the explained statement matches it.
    #[serde(rename = "match")]
    pub kind: MatchKind,
    /// Whether coverage of the other statement counts for this one.
    pub counts: bool,
}

/// Explains one statement's coverage by a curriculum.
pub fn explain(
    catalog: &Catalog,
    curriculum: &Curriculum,
    framework: Option<&str>,
    code: &str,
) -> Result<Explanation> {
    let target = crate::framework_of(framework, &curriculum.frameworks);
    let f = catalog.framework(target)?;
    let code = code.trim();
    let code = code.strip_prefix(&format!("{target}:")).unwrap_or(code);
    let Some(si) = f.statements.iter().position(|s| s.code == code) else {
        return Err(Error::Invalid(vec![
            Diagnostic::new(format!("unknown statement `{code}` in `{target}`"))
                .with_hint(codes::hint_for_unknown(f, code)),
        ]));
    };
    let mut graph = Graph::new(catalog);
    let cur = graph.add_curriculum(curriculum.clone(), Some(target))?;
    let report = coverage::report(&graph, cur, target, &Policy::default())?;
    let (Some(s), Some(cov), Some(fw)) = (
        f.statements.get(si),
        report.statements.get(si),
        graph.framework_index(target),
    ) else {
        return Err(Error::Invalid(vec![Diagnostic::new(format!(
            "unknown statement `{code}`"
        ))]));
    };
    let Some(node) = graph.statement_node(fw, si) else {
        return Err(Error::Invalid(vec![Diagnostic::new(format!(
            "unknown statement `{code}`"
        ))]));
    };
    let related = graph
        .related(node)
        .iter()
        .filter_map(|&n| match graph.kind(n) {
            Some(Node::Statement { fw: rfw, statement }) if rfw == fw => {
                let r = report.statements.get(statement)?;
                Some(RelatedStatement {
                    code: r.code.clone(),
                    label: r.label.clone(),
                    level: r.level.clone(),
                })
            }
            _ => None,
        })
        .collect();
    let crosswalk = graph
        .crosswalk_neighbours(node)
        .iter()
        .map(|&(n, kind, counts)| CrosswalkMatch {
            statement: graph.describe(n),
            kind,
            counts,
        })
        .collect();
    let domain = f
        .domains
        .iter()
        .find(|d| d.id == s.domain)
        .map_or(s.domain.clone(), |d| d.name.clone());
    let mut children: Vec<StatementCoverage> = cov
        .derived
        .as_ref()
        .map(|d| {
            d.children
                .iter()
                .filter_map(|c| report.statements.iter().find(|s| &s.code == c).cloned())
                .collect()
        })
        .unwrap_or_default();
    let mut coverage = cov.clone();
    // The report's units that this evidence names, kept in the report's (the curriculum's)
    // order, and each piece of evidence pointed at its unit's place among them.
    let mut named: Vec<usize> = std::iter::once(&coverage)
        .chain(&children)
        .flat_map(|c| c.units.iter().map(|e| e.unit_index))
        .collect();
    named.sort_unstable();
    named.dedup();
    for e in std::iter::once(&mut coverage)
        .chain(&mut children)
        .flat_map(|c| c.units.iter_mut())
    {
        e.unit_index = named.binary_search(&e.unit_index).unwrap_or(usize::MAX);
    }
    let units = named
        .iter()
        .filter_map(|&i| report.units.get(i).cloned())
        .collect();
    Ok(Explanation {
        framework: f.id.clone(),
        curriculum: curriculum.id.clone(),
        statement: StatementDetail {
            code: s.code.clone(),
            id: format!("{}:{}", f.id, s.code),
            domain,
            label: s.label.clone(),
            text: s.text.clone(),
            items: s.items.clone(),
            page: s.page.clone(),
        },
        coverage,
        units,
        supports: coverage::supports_of(&graph, f, node),
        related,
        crosswalk,
        children,
    })
}
