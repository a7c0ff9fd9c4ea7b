//! The import: a Moodle competency framework CSV read as a framework, with a note for what it
//! could not represent.

use std::collections::{BTreeMap, BTreeSet};

use super::HEADERS;
use crate::{
    error::{Diagnostic, Error, Result},
    format::check_size,
    interop::{
        Imported, Names, Notes, checked, clean_code, common_prefix, initials, slug, usable_code,
    },
    model::{
        OneOrMany,
        framework::{
            Domain, Framework, Link, LinkType, Provenance, Source, Statement, default_levels,
        },
    },
};

/// Choices for a Moodle import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MoodleImportOptions {
    /// The framework id (default: the framework's ID number, as lowercase words).
    pub id: Option<String>,
}

struct Row {
    line: usize,
    cells: Vec<String>,
}

impl Row {
    fn get(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", |c| c.trim())
    }

    fn raw(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }
}

/// PHP's truthiness, which Moodle's importer applies to `Is framework`.
fn truthy(cell: &str) -> bool {
    !cell.is_empty() && cell != "0"
}

fn compact_header(h: &str) -> String {
    h.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Reads a Moodle competency framework CSV as a framework. Top-level competencies with
/// children become domains; every other competency is a statement.
pub fn import_moodle(
    text: &str,
    name: Option<&str>,
    options: &MoodleImportOptions,
) -> Result<Imported> {
    check_size(text, "Moodle competency framework").map_err(|e| e.in_file(name))?;
    let text = text.trim_start_matches('\u{feff}');
    let rows = read_rows(text, name)?;
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else {
        return Err(Error::parse(located(
            name,
            1,
            None,
            "the file is empty".to_string(),
            None,
        )));
    };
    check_header(&header, name)?;
    let mut notes = Notes::new(name);
    let (framework_row, competencies) = sort_rows(rows, &mut notes);
    let Some(framework_row) = framework_row else {
        return Err(Error::parse(located(
            name,
            2,
            Some(13),
            "no row describes the framework itself".to_string(),
            Some("the first row after the header has `Is framework` set to 1".to_string()),
        )));
    };

    let tree = tree(&competencies, &mut notes);
    let mut html = 0;
    let mut domains = top_domains(&competencies, &tree, &mut html);
    let (statements, codes) = statements(&competencies, &tree, &mut domains, &mut html, &mut notes);
    let links = links(&competencies, &tree, &codes, &mut notes);
    let contents = Contents {
        domains: domains.domains,
        statements,
        links,
    };
    let framework = framework(&framework_row, options, name, html, contents, &mut notes);
    let framework = checked(framework, name)?;
    Ok(Imported {
        framework,
        notes: notes.finish(),
    })
}

/// A diagnostic at a line (and perhaps a column) of the file.
fn located(
    name: Option<&str>,
    line: usize,
    column: Option<usize>,
    message: String,
    hint: Option<String>,
) -> Diagnostic {
    Diagnostic::new(message)
        .with_hint_opt(hint)
        .on_line(line, column)
        .in_file(name)
}

/// The file's rows, each with its line.
fn read_rows(text: &str, name: Option<&str>) -> Result<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e
                .position()
                .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
            Error::parse(located(
                name,
                line,
                None,
                format!("cannot read this row: {e}"),
                None,
            ))
        })?;
        let line = record
            .position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
        rows.push(Row {
            line,
            // Without the formula guard waypost's export adds (`'=…` → `=…`).
            cells: record
                .iter()
                .map(|cell| crate::safe::unguard(cell).to_string())
                .collect(),
        });
    }
    Ok(rows)
}

/// Moodle reads the columns by position; the header is checked only to catch a file that is
/// not a competency framework at all.
fn check_header(header: &Row, name: Option<&str>) -> Result<()> {
    let first = header
        .cells
        .first()
        .map(|h| compact_header(h))
        .unwrap_or_default();
    let second = header
        .cells
        .get(1)
        .map(|h| compact_header(h))
        .unwrap_or_default();
    if first != "parentidnumber" || second != "idnumber" || header.cells.len() < 13 {
        return Err(Error::parse(located(
            name,
            header.line,
            Some(1),
            "the header row is not that of a Moodle competency framework".to_string(),
            Some(format!(
                "Moodle's columns are {}",
                HEADERS
                    .iter()
                    .map(|h| format!("`{h}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        )));
    }
    Ok(())
}

/// The framework row (the first with `Is framework` set) and the competencies, leaving out
/// those Moodle would not create.
fn sort_rows(rows: impl Iterator<Item = Row>, notes: &mut Notes) -> (Option<Row>, Vec<Row>) {
    let mut framework_row: Option<Row> = None;
    let mut competencies: Vec<Row> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for row in rows {
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if truthy(row.get(12)) {
            if framework_row.is_some() {
                notes.line(
                    row.line,
                    "a second framework row; Moodle reads the last one, waypost the first",
                );
                continue;
            }
            framework_row = Some(row);
            continue;
        }
        let idnumber = row.get(1).to_string();
        if idnumber.is_empty() || row.get(2).is_empty() {
            notes.line(row.line,
                "a competency without an ID number or short name; Moodle would not create it, and it is left out",
            );
            continue;
        }
        if let Some(first) = seen.get(&idnumber) {
            notes.line(row.line,
                format!("the ID number `{idnumber}` is used again (first on row {first}); this row is left out"),
            );
            continue;
        }
        seen.insert(idnumber, row.line);
        competencies.push(row);
    }
    (framework_row, competencies)
}

/// The competencies as a tree, by parent ID number.
#[derive(Debug)]
struct Tree<'a> {
    /// Each competency by its ID number.
    index: BTreeMap<&'a str, usize>,
    parent: Vec<Option<usize>>,
    children: BTreeMap<Option<usize>, Vec<usize>>,
    /// The competencies depth first, each with its top-level ancestor.
    order: Vec<(usize, usize)>,
}

/// The tree, by parent ID number; rows whose parent is missing are read as top-level, rows in
/// a circle are left out.
fn tree<'a>(competencies: &'a [Row], notes: &mut Notes) -> Tree<'a> {
    let index: BTreeMap<&str, usize> = competencies
        .iter()
        .enumerate()
        .map(|(i, r)| (r.get(1), i))
        .collect();
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(competencies.len());
    for row in competencies {
        let p = row.get(0);
        if p.is_empty() {
            parent.push(None);
        } else if let Some(i) = index.get(p) {
            parent.push(Some(*i));
        } else {
            notes.line(row.line,
                format!("the parent `{p}` is not in the file; the competency is read as top-level (Moodle would leave it out)"),
            );
            parent.push(None);
        }
    }
    let mut children: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    for (i, p) in parent.iter().enumerate() {
        children.entry(*p).or_default().push(i);
    }
    let mut order: Vec<(usize, usize)> = Vec::new(); // (row, top-level ancestor)
    let mut stack: Vec<(usize, Option<usize>)> = children
        .get(&None)
        .map(|r| r.iter().rev().map(|i| (*i, None)).collect())
        .unwrap_or_default();
    let mut visited = vec![false; competencies.len()];
    while let Some((i, top)) = stack.pop() {
        if std::mem::replace(visited.get_mut(i).unwrap_or(&mut true), true) {
            continue;
        }
        let top = top.unwrap_or(i);
        order.push((i, top));
        if let Some(kids) = children.get(&Some(i)) {
            for k in kids.iter().rev() {
                stack.push((*k, Some(top)));
            }
        }
    }
    for (i, seen) in visited.iter().enumerate() {
        if !seen && let Some(row) = competencies.get(i) {
            notes.line(
                row.line,
                "this competency's parents go round in a circle; it is left out",
            );
        }
    }
    Tree {
        index,
        parent,
        children,
        order,
    }
}

/// A competency's description as plain text; `html` counts those that were HTML.
fn description_of(row: &Row, html: &mut usize) -> String {
    let raw = row.raw(3).trim();
    if row.get(4) == "1" || (raw.starts_with('<') && raw.ends_with('>')) {
        *html += 1;
        html_to_text(raw)
    } else {
        raw.to_string()
    }
}

/// The domains, and the row each of the top-level competencies that became one.
#[derive(Debug)]
struct Domains {
    domains: Vec<Domain>,
    ids: Names,
    of_row: BTreeMap<usize, usize>,
}

/// Domains: top-level competencies with children (the rest gather in one domain, made when
/// the statements are placed).
fn top_domains(competencies: &[Row], tree: &Tree<'_>, html: &mut usize) -> Domains {
    let Tree {
        children, order, ..
    } = tree;
    let mut domains: Vec<Domain> = Vec::new();
    let mut domain_ids = Names::default();
    let mut domain_of_row: BTreeMap<usize, usize> = BTreeMap::new();
    let has_children = |i: usize| children.get(&Some(i)).is_some_and(|c| !c.is_empty());
    for (i, top) in order {
        if i == top
            && has_children(*i)
            && let Some(row) = competencies.get(*i)
        {
            let stem = description_of(row, html);
            domains.push(Domain {
                id: domain_ids.unique(&slug_or(row.get(1), row.get(2))),
                name: row.get(2).to_string(),
                prefix: String::new(),
                stem: (!stem.is_empty()).then_some(stem),
                page: None,
            });
            domain_of_row.insert(*i, domains.len() - 1);
        }
    }
    Domains {
        domains,
        ids: domain_ids,
        of_row: domain_of_row,
    }
}

/// The statements, each in its top-level ancestor's domain, with their codes by row; and each
/// domain's prefix, the letters its codes share.
fn statements(
    competencies: &[Row],
    tree: &Tree<'_>,
    domains: &mut Domains,
    html: &mut usize,
    notes: &mut Notes,
) -> (Vec<Statement>, BTreeMap<usize, String>) {
    let order = &tree.order;
    let Domains {
        domains,
        ids: domain_ids,
        of_row: domain_of_row,
    } = domains;
    let mut loose: Option<usize> = None;
    let mut codes: BTreeMap<usize, String> = BTreeMap::new();
    let mut taken = Names::default();
    let mut statements: Vec<Statement> = Vec::new();
    let mut made_text = 0;
    for (i, top) in order {
        if domain_of_row.contains_key(i) {
            continue;
        }
        let Some(row) = competencies.get(*i) else {
            continue;
        };
        let domain = match domain_of_row.get(top) {
            Some(d) => *d,
            None => *loose.get_or_insert_with(|| {
                domains.push(Domain {
                    id: domain_ids.unique("competencies"),
                    name: "Competencies".to_string(),
                    prefix: String::new(),
                    stem: None,
                    page: None,
                });
                domains.len() - 1
            }),
        };
        let idnumber = row.get(1);
        let code = if usable_code(idnumber) {
            idnumber.to_string()
        } else {
            clean_code(idnumber)
        };
        let code = taken.unique(if code.is_empty() { "C" } else { &code });
        if code != idnumber {
            notes.line(row.line,
                format!("the ID number `{idnumber}` is read as the code `{code}` (codes hold no spaces or separators)"),
            );
        }
        codes.insert(*i, code.clone());
        let description = description_of(row, html);
        let (text, items) = split_items(&description);
        let text = if text.is_empty() {
            made_text += 1;
            row.get(2).to_string()
        } else {
            text
        };
        statements.push(Statement {
            code,
            domain: domains
                .get(domain)
                .map(|d| d.id.clone())
                .unwrap_or_default(),
            parent: None,
            text,
            items,
            number: None,
            label: row.get(2).to_string(),
            themes: Vec::new(),
            synonyms: Vec::new(),
            page: None,
            erratum: None,
        });
        for (column, what) in [(5, "Scale values"), (7, "Rule type (optional)")] {
            if !row.get(column).is_empty() {
                notes.dropped(what, "competencies");
            }
        }
    }
    if loose.is_some() {
        notes.plain(
            "top-level competencies without children are placed in the domain `Competencies`",
        );
    }
    if made_text > 0 {
        notes.plain(format!(
            "{made_text} {} no description; the short name is used as the text",
            if made_text == 1 {
                "competency has"
            } else {
                "competencies have"
            }
        ));
    }
    for (d, domain) in domains.iter_mut().enumerate() {
        let member: Vec<&str> = statements
            .iter()
            .filter(|s| Some(s.domain.as_str()) == Some(domain.id.as_str()) && d < usize::MAX)
            .map(|s| s.code.as_str())
            .collect();
        let prefix = common_prefix(member.iter().copied());
        domain.prefix = if prefix.is_empty() {
            initials(&domain.name)
        } else {
            prefix
        };
    }
    (statements, codes)
}

/// Links: the hierarchy below the domains, and the cross-references.
fn links(
    competencies: &[Row],
    tree: &Tree<'_>,
    codes: &BTreeMap<usize, String>,
    notes: &mut Notes,
) -> Vec<Link> {
    let Tree {
        index,
        parent,
        order,
        ..
    } = tree;
    let mut links: Vec<Link> = Vec::new();
    for (i, _) in order {
        if let (Some(code), Some(Some(p))) = (codes.get(i), parent.get(*i))
            && let Some(parent_code) = codes.get(p)
        {
            links.push(Link {
                from: code.clone(),
                to: OneOrMany::One(parent_code.clone()),
                kind: LinkType::IsChildOf,
                provenance: Provenance::Published,
                curated_by: None,
                rationale: None,
            });
        }
    }
    let mut pairs: BTreeSet<(String, String)> = BTreeSet::new();
    for (i, _) in order {
        let (Some(row), Some(code)) = (competencies.get(*i), codes.get(i)) else {
            continue;
        };
        for raw in row
            .get(10)
            .split(',')
            .map(str::trim)
            .filter(|r| !r.is_empty())
        {
            let target = raw.replace("%2C", ",");
            let Some(target_code) = index.get(target.as_str()).and_then(|t| codes.get(t)) else {
                notes.line(row.line,
                    format!("the cross-reference `{target}` is not a competency of the file and is left out"),
                );
                continue;
            };
            let pair = if code <= target_code {
                (code.clone(), target_code.clone())
            } else {
                (target_code.clone(), code.clone())
            };
            if pairs.insert(pair) {
                links.push(Link {
                    from: code.clone(),
                    to: OneOrMany::One(target_code.clone()),
                    kind: LinkType::IsRelatedTo,
                    provenance: Provenance::Published,
                    curated_by: None,
                    rationale: None,
                });
            }
        }
    }
    links
}

/// What the framework holds, for [`framework`] to put under the framework row.
#[derive(Debug)]
struct Contents {
    domains: Vec<Domain>,
    statements: Vec<Statement>,
    links: Vec<Link>,
}

/// The framework: its scale, title, year and citation from the framework row.
fn framework(
    framework_row: &Row,
    options: &MoodleImportOptions,
    name: Option<&str>,
    mut html: usize,
    contents: Contents,
    notes: &mut Notes,
) -> Framework {
    let Contents {
        domains,
        statements,
        links,
    } = contents;
    let levels: Vec<String> = framework_row
        .get(5)
        .split(',')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let distinct: BTreeSet<String> = levels.iter().map(|l| l.to_lowercase()).collect();
    let levels = if levels.is_empty() || distinct.len() != levels.len() {
        notes.plain(
            "the framework's scale is missing or repeats a value; the default levels are used",
        );
        default_levels()
    } else {
        levels
    };
    let citation_text = description_of(framework_row, &mut html);
    if html > 0 {
        notes.plain(format!(
            "{html} HTML {} read as plain text",
            if html == 1 {
                "description was"
            } else {
                "descriptions were"
            }
        ));
    }
    let title = framework_row.get(2).to_string();
    let year = find_year(&citation_text);
    if year.is_none() {
        notes.plain("the framework's description gives no year; the year is 0");
    }
    notes.plain("Moodle records no publisher: `publishers` is empty");
    if !framework_row.get(13).is_empty() {
        notes.dropped("Taxonomy", "the document");
    }
    Framework {
        id: options
            .id
            .clone()
            .unwrap_or_else(|| slug_or(framework_row.get(1), &title)),
        title: if title.is_empty() {
            framework_row.get(1).to_string()
        } else {
            title
        },
        short_title: None,
        publishers: Vec::new(),
        year: year.unwrap_or(0),
        version: None,
        date: None,
        source: Source {
            citation: if citation_text.is_empty() {
                framework_row.get(2).to_string()
            } else {
                citation_text
            },
            url: None,
            note: Some(format!(
                "Imported by waypost from the Moodle competency framework{}.",
                name.map(|n| format!(" `{}`", n.rsplit(['/', '\\']).next().unwrap_or(n)))
                    .unwrap_or_default()
            )),
        },
        purposes: Vec::new(),
        definitions: Vec::new(),
        levels,
        hierarchy: None,
        domains,
        statements,
        activities: Vec::new(),
        resources: Vec::new(),
        links,
        settings: Vec::new(),
    }
}

fn slug_or(first: &str, second: &str) -> String {
    let s = slug(first);
    if s.is_empty() {
        let s = slug(second);
        if s.is_empty() {
            "moodle-framework".to_string()
        } else {
            s
        }
    } else {
        s
    }
}

/// Splits a description into its text and the `- item` lines that follow it.
fn split_items(description: &str) -> (String, Vec<String>) {
    let lines: Vec<&str> = description.lines().collect();
    let Some(start) = lines.iter().position(|l| l.starts_with("- ")) else {
        return (description.trim().to_string(), Vec::new());
    };
    let (head, tail) = lines.split_at(start);
    if start == 0 || !tail.iter().all(|l| l.starts_with("- ")) {
        return (description.trim().to_string(), Vec::new());
    }
    (
        head.join("\n").trim().to_string(),
        tail.iter()
            .filter_map(|l| l.strip_prefix("- "))
            .map(str::to_string)
            .collect(),
    )
}

/// The first year (1800–2099) a text names.
fn find_year(text: &str) -> Option<u16> {
    let bytes: Vec<char> = text.chars().collect();
    bytes.windows(4).enumerate().find_map(|(i, w)| {
        let before = i.checked_sub(1).and_then(|b| bytes.get(b));
        let after = bytes.get(i + 4);
        let digits: String = w.iter().collect();
        let year: u16 = digits.parse().ok()?;
        ((1800..2100).contains(&year)
            && !before.is_some_and(char::is_ascii_digit)
            && !after.is_some_and(char::is_ascii_digit))
        .then_some(year)
    })
}

/// Plain text from the simple HTML Moodle's editor writes: paragraphs and line breaks become
/// new lines, list items `- ` lines, other tags go, and the common entities are decoded.
fn html_to_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let after = rest.get(open..).unwrap_or_default();
        let Some(close) = after.find('>') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let tag = after
            .get(1..close)
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        match name.as_str() {
            "br" | "p" | "div" | "ul" | "ol" if !out.is_empty() && !out.ends_with('\n') => {
                out.push('\n');
            }
            "li" if !tag.starts_with('/') => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str("- ");
            }
            _ => {}
        }
        rest = after.get(close + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    decoded
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_follow_the_text() {
        assert_eq!(
            split_items("Users recover when:\n- hope is kept;\n- roles are defined."),
            (
                "Users recover when:".to_string(),
                vec![
                    "hope is kept;".to_string(),
                    "roles are defined.".to_string()
                ]
            )
        );
        assert_eq!(split_items("plain"), ("plain".to_string(), Vec::new()));
    }

    #[test]
    fn html_is_read_as_text() {
        assert_eq!(
            html_to_text(
                "<p>Each level &amp; its <b>indicators</b>.<br></p><ul><li>one</li><li>two</li></ul>"
            ),
            "Each level & its indicators.\n- one\n- two"
        );
    }

    #[test]
    fn years_are_found_in_citations() {
        assert_eq!(
            find_year("NES and SRN (2007). Realising Recovery."),
            Some(2007)
        );
        assert_eq!(find_year("12007 and 20071"), None);
    }
}
