//! The export: a framework as the CSV Moodle's importer reads.

use std::collections::{BTreeMap, BTreeSet};

use super::{FORMAT_PLAIN, HEADERS, MAX_NAME};
use crate::{
    interop::{Exported, Names, Notes, case::full_text},
    model::framework::{Framework, LinkType},
};

fn cut(text: &str, notes: &mut Notes, what: &str) -> String {
    if text.chars().count() <= MAX_NAME {
        return text.to_string();
    }
    notes.plain(format!(
        "the {what} `{}…` is longer than the {MAX_NAME} characters Moodle keeps; it is cut",
        text.chars().take(40).collect::<String>()
    ));
    let mut out: String = text.chars().take(MAX_NAME - 1).collect();
    out.push('…');
    out
}

/// Writes a framework as a Moodle competency framework CSV. The notes say what Moodle has no
/// place for (learning activities, resources, link types and who curated them).
pub fn export_moodle(framework: &Framework) -> Exported {
    let mut notes = Notes::new(None);
    let statement_codes: BTreeSet<&str> = framework
        .statements
        .iter()
        .map(|s| s.code.as_str())
        .collect();
    let parent = statement_parents(framework, &statement_codes);
    let mut rows = vec![framework_row(framework, &parent, &mut notes)];
    let (related, crossrefs) = cross_references(framework, &statement_codes, &parent);
    competency_rows(
        framework,
        &statement_codes,
        &parent,
        &related,
        &mut rows,
        &mut notes,
    );
    let ordered = parents_first(rows);
    note_not_written(framework, crossrefs, &mut notes);
    Exported {
        text: write_rows(&ordered),
        notes: notes.finish(),
    }
}

/// A statement sits under its domain, or under its `parent`, or under the statement it is
/// published as a child of (its first `isChildOf` link). A circle has no top: such statements
/// stay under their domain.
fn statement_parents<'a>(
    framework: &'a Framework,
    statement_codes: &BTreeSet<&str>,
) -> BTreeMap<&'a str, &'a str> {
    let mut parent: BTreeMap<&str, &str> = framework
        .statements
        .iter()
        .filter_map(|s| {
            let p = s.parent.as_deref()?;
            (statement_codes.contains(p) && p != s.code).then_some((s.code.as_str(), p))
        })
        .collect();
    for link in &framework.links {
        if link.kind == LinkType::IsChildOf
            && statement_codes.contains(link.from.as_str())
            && let Some(target) = link
                .to
                .as_slice()
                .iter()
                .find(|t| statement_codes.contains(t.as_str()) && **t != link.from)
        {
            parent.entry(link.from.as_str()).or_insert(target.as_str());
        }
    }
    let circular: Vec<&str> = parent
        .keys()
        .copied()
        .filter(|start| {
            let mut at = *start;
            let mut steps = 0;
            while let Some(p) = parent.get(at) {
                if p == start || steps > parent.len() {
                    return true;
                }
                at = p;
                steps += 1;
            }
            false
        })
        .collect();
    for code in circular {
        parent.remove(code);
    }
    parent
}

/// The framework row: its id, title and citation, the scale made of its levels (lowest the
/// default, highest proficient), and the taxonomy of each depth of the tree.
fn framework_row(
    framework: &Framework,
    parent: &BTreeMap<&str, &str>,
    notes: &mut Notes,
) -> Vec<String> {
    let depth_of = |code: &str| {
        let mut depth = 2;
        let mut at = code;
        while let Some(p) = parent.get(at) {
            depth += 1;
            at = p;
            if depth > framework.statements.len() + 2 {
                break;
            }
        }
        depth
    };
    let depth = framework
        .statements
        .iter()
        .map(|s| depth_of(&s.code))
        .max()
        .unwrap_or(1);
    let taxonomy: Vec<&str> = std::iter::once("domain")
        .chain(std::iter::repeat_n("competency", depth.saturating_sub(1)))
        .collect();
    let levels: Vec<String> = framework
        .levels
        .iter()
        .map(|l| {
            if l.contains(',') {
                notes.plain(format!(
                    "the level `{l}` holds a comma, which separates Moodle's scale values; it is written with `;`"
                ));
                l.replace(',', ";")
            } else {
                l.clone()
            }
        })
        .collect();
    let top = levels.len().max(1);
    let config = if top == 1 {
        r#"[{"scaleid":"0"},{"id":1,"scaledefault":1,"proficient":1}]"#.to_string()
    } else {
        format!(
            r#"[{{"scaleid":"0"}},{{"id":1,"scaledefault":1,"proficient":0}},{{"id":{top},"scaledefault":0,"proficient":1}}]"#
        )
    };
    let title = if framework.title.chars().count() <= MAX_NAME {
        framework.title.clone()
    } else {
        framework
            .short_title
            .clone()
            .unwrap_or_else(|| cut(&framework.title, notes, "title"))
    };
    vec![
        String::new(),
        cut(&framework.id, notes, "framework id"),
        cut(&title, notes, "title"),
        framework.source.citation.clone(),
        FORMAT_PLAIN.to_string(),
        levels.join(","),
        config,
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        "1".to_string(),
        taxonomy.join(","),
    ]
}

/// Cross-references: Moodle's related competencies are untyped and two-way. Gives each
/// statement's, and the number of links written so.
fn cross_references<'a>(
    framework: &'a Framework,
    statement_codes: &BTreeSet<&str>,
    parent: &BTreeMap<&str, &str>,
) -> (BTreeMap<&'a str, Vec<&'a str>>, usize) {
    let mut related: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut crossrefs = 0;
    for link in &framework.links {
        if !statement_codes.contains(link.from.as_str()) {
            continue;
        }
        for target in link.to.as_slice() {
            if !statement_codes.contains(target.as_str())
                || parent.get(link.from.as_str()) == Some(&target.as_str())
            {
                continue;
            }
            crossrefs += 1;
            for (a, b) in [
                (link.from.as_str(), target.as_str()),
                (target.as_str(), link.from.as_str()),
            ] {
                let list = related.entry(a).or_default();
                if !list.contains(&b) {
                    list.push(b);
                }
            }
        }
    }
    (related, crossrefs)
}

/// A row for each domain, followed by its statements.
fn competency_rows(
    framework: &Framework,
    statement_codes: &BTreeSet<&str>,
    parent: &BTreeMap<&str, &str>,
    related: &BTreeMap<&str, Vec<&str>>,
    rows: &mut Vec<Vec<String>>,
    notes: &mut Notes,
) {
    let mut taken: Names = statement_codes.iter().map(|c| c.to_string()).collect();
    for domain in &framework.domains {
        let idnumber = taken.unique(&domain.id);
        rows.push(competency_row(
            "",
            &idnumber,
            &cut(&domain.name, notes, "domain name"),
            domain.stem.as_deref().unwrap_or_default(),
            "",
        ));
        for s in framework
            .statements
            .iter()
            .filter(|s| s.domain == domain.id)
        {
            let parent_id = parent.get(s.code.as_str()).copied().unwrap_or(&idnumber);
            let refs = related
                .get(s.code.as_str())
                .map(|r| {
                    r.iter()
                        .map(|c| c.replace(',', "%2C"))
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .unwrap_or_default();
            rows.push(competency_row(
                parent_id,
                &s.code,
                &cut(&s.label, notes, "label"),
                &full_text(s),
                &refs,
            ));
        }
    }
}

// Moodle creates a parent before its children only if the parent comes first in the file;
// keep children after their parents.
fn parents_first(rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut ordered: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    let mut placed: BTreeSet<String> = BTreeSet::new();
    let mut pending = rows;
    while !pending.is_empty() {
        let before = pending.len();
        let mut rest = Vec::new();
        for row in pending {
            let parent_id = row.first().cloned().unwrap_or_default();
            if parent_id.is_empty() || placed.contains(&parent_id) {
                placed.insert(row.get(1).cloned().unwrap_or_default());
                ordered.push(row);
            } else {
                rest.push(row);
            }
        }
        if rest.len() == before {
            ordered.extend(rest);
            break;
        }
        pending = rest;
    }
    ordered
}

/// Notes for what Moodle has no place for.
fn note_not_written(framework: &Framework, crossrefs: usize, notes: &mut Notes) {
    if !framework.activities.is_empty() || !framework.resources.is_empty() {
        notes.plain(format!(
            "{} learning activities and {} resources are not written: Moodle competencies are what learners are rated on",
            framework.activities.len(),
            framework.resources.len()
        ));
    }
    let supports = framework
        .links
        .iter()
        .filter(|l| l.kind == LinkType::Supports)
        .map(|l| l.to.as_slice().len())
        .sum::<usize>();
    if supports > 0 {
        notes.plain(format!(
            "{supports} `supports` links from activities and resources are not written"
        ));
    }
    if crossrefs > 0 {
        notes.plain(format!(
            "{crossrefs} links between statements are written as cross-references, which in Moodle have no type, direction, rationale or curator"
        ));
    }
    if !framework.purposes.is_empty() || !framework.definitions.is_empty() {
        notes.plain("the framework's purposes and definitions are not written");
    }
}

/// The rows as CSV, under Moodle's header.
fn write_rows(ordered: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut text = String::new();
    let mut ok = writer.write_record(HEADERS).is_ok();
    for row in ordered {
        // A cell a spreadsheet would run as a formula gets a leading `'` (the one guard of
        // every CSV waypost writes); `import_moodle` takes it off again. Moodle itself keeps
        // it, which only a code, name or description starting with `=`, `+`, `-` or `@` meets.
        ok &= writer
            .write_record(
                row.iter()
                    .map(|cell| crate::safe::spreadsheet_cell(cell).into_owned()),
            )
            .is_ok();
    }
    if ok && let Ok(bytes) = writer.into_inner() {
        text = String::from_utf8(bytes).unwrap_or_default();
    }
    text
}

fn competency_row(
    parent: &str,
    idnumber: &str,
    shortname: &str,
    description: &str,
    related: &str,
) -> Vec<String> {
    vec![
        parent.to_string(),
        idnumber.to_string(),
        shortname.to_string(),
        description.to_string(),
        FORMAT_PLAIN.to_string(),
        String::new(),
        String::new(),
        String::new(),
        "0".to_string(),
        "null".to_string(),
        related.to_string(),
        String::new(),
        "0".to_string(),
        String::new(),
    ]
}
