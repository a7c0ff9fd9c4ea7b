//! Looking things up by the names people type: one statement of a report by its code (an
//! input format by its name is [`Format::parse`](crate::Format::parse)). The bindings take these names as strings, so the answer to a
//! name that does not exist (and its hint) is given here once, not in every binding.

use crate::{
    coverage::{EvidenceOf, Report, StatementCoverage},
    error::{Diagnostic, Error, Result},
};

impl Report {
    /// The coverage of one statement, by its code (`K4`) or qualified id
    /// (`realising-recovery-2007:K4`).
    pub fn statement(&self, code: &str) -> Result<&StatementCoverage> {
        let code = code.trim();
        let qualified = format!("{}:", self.framework.id);
        let bare = code.strip_prefix(qualified.as_str()).unwrap_or(code);
        if let Some(s) = self.statements.iter().find(|s| s.code == bare) {
            return Ok(s);
        }
        let hint = match self
            .statements
            .iter()
            .find(|s| s.code.eq_ignore_ascii_case(bare))
        {
            Some(s) => format!("did you mean `{}`?", s.code),
            None => format!("the report has {}", self.code_ranges()),
        };
        Err(Error::Invalid(vec![
            Diagnostic::new(format!(
                "unknown statement `{code}` in `{}`",
                self.framework.id
            ))
            .with_hint(hint),
        ]))
    }

    /// The evidence for one statement: the units and assessments that reach it, and how, each
    /// with its unit written out.
    pub fn evidence(&self, code: &str) -> Result<Vec<EvidenceOf<'_>>> {
        self.statement(code)
            .map(|s| EvidenceOf::all(&self.units, &s.units))
    }

    /// The codes of each domain, such as `K1–K25, S1–S22, V1–V20`.
    fn code_ranges(&self) -> String {
        let ranges: Vec<String> = self
            .domains
            .iter()
            .filter_map(|d| {
                let mut codes = self.statements.iter().filter(|s| s.domain == d.id);
                let first = codes.next()?;
                Some(match codes.next_back() {
                    Some(last) => format!("{}–{}", first.code, last.code),
                    None => first.code.clone(),
                })
            })
            .collect();
        if ranges.is_empty() {
            "no statements".to_string()
        } else {
            ranges.join(", ")
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::{Catalog, Format, Policy, coverage::check, load::load_curriculum};

    fn report() -> Report {
        let text = r#"
id = "t"
title = "T"
[[modules]]
code = "M1"
[[modules.units]]
id = "LO1"
covers = ["K4:developed"]
"#;
        let c = load_curriculum(text, Some(Format::Toml), Some("t.toml")).unwrap();
        check(Catalog::builtin().unwrap(), &c, None, &Policy::default()).unwrap()
    }

    #[test]
    fn a_statement_is_found_by_code_or_qualified_id() {
        let r = report();
        assert_eq!(r.statement("K4").unwrap().code, "K4");
        assert_eq!(
            r.statement(" realising-recovery-2007:K4 ")
                .unwrap()
                .level
                .as_deref(),
            Some("developed")
        );
        let units = r.evidence("K4").unwrap();
        assert_eq!(units.len(), 1);
        assert_eq!(&*units[0].unit.unit, "LO1");
        assert_eq!(units[0].level, "developed");
        assert!(r.evidence("K5").unwrap().is_empty());
    }

    #[test]
    fn an_unknown_statement_says_what_exists() {
        let r = report();
        let e = r.statement("K99").unwrap_err();
        assert_eq!(e.code(), "invalid");
        let d = e.first().unwrap();
        assert_eq!(
            d.message,
            "unknown statement `K99` in `realising-recovery-2007`"
        );
        assert_eq!(
            d.hint.as_deref(),
            Some("the report has K1–K25, S1–S22, V1–V20")
        );
        let e = r.evidence("k4").unwrap_err();
        assert_eq!(
            e.first().unwrap().hint.as_deref(),
            Some("did you mean `K4`?")
        );
    }

    #[test]
    fn formats_are_read_by_name() {
        assert_eq!(Format::parse("TOML").unwrap(), Format::Toml);
        assert_eq!(Format::parse(" yml ").unwrap(), Format::Yaml);
        assert_eq!(Format::parse("grid").unwrap(), Format::Csv);
        let e = Format::parse("xml").unwrap_err();
        assert_eq!(e.code(), "usage");
        assert_eq!(
            e.to_string(),
            "unknown format `xml`\n  hint: the formats are `toml`, `json`, `yaml`, `csv`"
        );
    }
}
