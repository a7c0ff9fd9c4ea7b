//! What people who use services, and their families and carers, can expect: the framework's
//! own fourth purpose ("communicate to people who use mental health services and their
//! friends, families and carers what they should expect from mental health workers"), made
//! from its published statements, values first, with nothing reworded and the source cited.
//!
//! Every sentence taken from the framework is its `text`, `items` and domain `stem` exactly as
//! stored; only the page's own headings and the introduction are waypost's words, and the page
//! says so.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{catalog::Catalog, error::Result, model::framework::PurposeKind};

/// What a what-to-expect page is made from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ExpectOptions {
    /// The framework (default: the built-in default).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub framework: Option<String>,
}

/// A framework's published statements as what people can expect from workers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Expectations {
    /// The framework's id.
    pub framework: String,
    /// Its title.
    pub title: String,
    /// Its short title, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    /// The published purpose this page serves, verbatim, where the framework states one (a
    /// purpose that speaks of what people "should expect").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<PublishedText>,
    /// The domains, values first, then the others in printed order.
    pub sections: Vec<ExpectSection>,
    /// The citation of the published source, verbatim from the framework.
    pub citation: String,
    /// Where the source is published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A published sentence and the page it is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PublishedText {
    /// The published wording.
    pub text: String,
    /// Page or section of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

/// One domain of statements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ExpectSection {
    /// The domain's id.
    pub domain: String,
    /// Its name.
    pub name: String,
    /// The sentence the published list hangs from, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stem: Option<String>,
    /// Page or section of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The statements, in printed order.
    pub statements: Vec<ExpectStatement>,
}

/// One published statement, verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ExpectStatement {
    /// Its code (`V1`).
    pub code: String,
    /// The published text.
    pub text: String,
    /// Sub-items printed under it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

/// Whether a domain holds values: its id or name says so. Values come first on the page,
/// because they are what a person meets first in how a worker treats them.
fn is_values(id: &str, name: &str) -> bool {
    id.to_lowercase().contains("value") || name.to_lowercase().starts_with("value")
}

/// The framework's statements as a what-to-expect page.
pub fn what_to_expect(catalog: &Catalog, options: &ExpectOptions) -> Result<Expectations> {
    let id = crate::framework_for(options.framework.as_deref(), None);
    let f = catalog.framework(id)?;
    let section = |d: &crate::model::framework::Domain| ExpectSection {
        domain: d.id.clone(),
        name: d.name.clone(),
        stem: d.stem.clone(),
        page: d.page.clone(),
        statements: f
            .statements
            .iter()
            .filter(|s| s.domain == d.id)
            .map(|s| ExpectStatement {
                code: s.code.clone(),
                text: s.text.clone(),
                items: s.items.clone(),
            })
            .collect(),
    };
    let values = f.domains.iter().filter(|d| is_values(&d.id, &d.name));
    let others = f.domains.iter().filter(|d| !is_values(&d.id, &d.name));
    let sections = values
        .chain(others)
        .map(section)
        .filter(|s| !s.statements.is_empty())
        .collect();
    let purpose = f
        .purposes
        .iter()
        .find(|p| p.kind == PurposeKind::Purpose && p.text.contains("expect"))
        .map(|p| PublishedText {
            text: p.text.clone(),
            page: p.page.clone(),
        });
    Ok(Expectations {
        framework: f.id.clone(),
        title: f.title.clone(),
        short_title: f.short_title.clone(),
        purpose,
        sections,
        citation: f.source.citation.clone(),
        url: f.source.url.clone(),
    })
}
