//! CSV: the statements × modules matrix, one row per statement, for a spreadsheet.

use crate::coverage::{Report, StatementCoverage};

/// The header and rows of the matrix, shared by the CSV and XLSX renderers. A report with
/// coverage derived from a curated crosswalk has a last column, `crosswalk`, that says so.
pub(crate) fn matrix_rows(report: &Report) -> (Vec<String>, Vec<Vec<String>>) {
    matrix_rows_with(report, has_crosswalk(report), has_tree(report))
}

/// Whether the report's framework has parents: its matrix then has the tree's columns.
pub(crate) fn has_tree(report: &Report) -> bool {
    report
        .statements
        .iter()
        .any(|s| s.parent.is_some() || s.derived.is_some())
}

/// Whether any of the report's coverage is derived from a curated crosswalk.
pub(crate) fn has_crosswalk(report: &Report) -> bool {
    report
        .statements
        .iter()
        .any(|s| s.units.iter().any(|u| u.via.is_some()))
}

/// What the `crosswalk` cell of a statement says: the statements of another framework its
/// coverage is derived from, through a curated crosswalk.
pub(crate) fn crosswalk_cell(statement: &StatementCoverage) -> String {
    let mut from: Vec<&str> = statement
        .units
        .iter()
        .filter_map(|u| u.via.as_ref().map(|v| v.statement.as_str()))
        .collect();
    from.sort_unstable();
    from.dedup();
    if from.is_empty() {
        return String::new();
    }
    let only = statement.units.iter().all(|u| u.via.is_some());
    format!(
        "{} from a curated crosswalk: {}",
        if only { "derived" } else { "partly derived" },
        from.join(", ")
    )
}

/// The matrix, with the `crosswalk` column or without it, and with the tree's columns or
/// without them (several reports in one table decide both for all of them).
pub(crate) fn matrix_rows_with(
    report: &Report,
    crosswalk: bool,
    tree: bool,
) -> (Vec<String>, Vec<Vec<String>>) {
    let mut header: Vec<String> = ["code", "domain", "label", "level", "assessed", "units"]
        .map(String::from)
        .to_vec();
    // A framework with parents adds the tree's columns; one without keeps its columns as they were.
    if tree {
        header.extend(["parent", "children", "derived", "direct"].map(String::from));
    }
    header.extend(report.modules.iter().map(|m| m.code.clone()));
    if crosswalk {
        header.push("crosswalk".to_string());
    }
    let rows = report
        .statements
        .iter()
        .map(|s| {
            let mut row = vec![
                s.code.clone(),
                s.domain.clone(),
                s.label.clone(),
                s.level.clone().unwrap_or_default(),
                if s.assessed {
                    "yes".to_string()
                } else {
                    String::new()
                },
                s.units.len().to_string(),
            ];
            if tree {
                let d = s.derived.as_ref();
                row.extend([
                    s.parent.clone().unwrap_or_default(),
                    d.map(|d| format!("{} of {}", d.covered, d.children.len()))
                        .unwrap_or_default(),
                    d.and_then(|d| d.level.clone()).unwrap_or_default(),
                    d.and_then(|d| d.direct.clone()).unwrap_or_default(),
                ]);
            }
            row.extend(report.modules.iter().map(|m| {
                m.reaches
                    .get(s.code.as_str())
                    .map(|l| l.to_string())
                    .unwrap_or_default()
            }));
            if crosswalk {
                row.push(crosswalk_cell(s));
            }
            row
        })
        .collect();
    (header, rows)
}

/// The matrix as CSV text (a cell a spreadsheet would run as a formula is prefixed with `'`:
/// [`crate::safe::spreadsheet_cell`]).
pub fn report_csv(report: &Report) -> String {
    let (header, rows) = matrix_rows(report);
    csv_text(&header, &rows)
}

/// A header and rows as CSV text, each cell guarded against running as a formula. A row of
/// another length than the header is written as it is (the writer is flexible): the only error
/// the writer could give is that one, and it must not turn the whole table into nothing.
pub(crate) fn csv_text(header: &[String], rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    let guard = |cell: &String| crate::safe::spreadsheet_cell(cell).into_owned();
    let mut ok = writer.write_record(header.iter().map(guard)).is_ok();
    for row in rows {
        ok &= writer.write_record(row.iter().map(guard)).is_ok();
    }
    match (ok, writer.into_inner()) {
        (true, Ok(bytes)) => String::from_utf8(bytes).unwrap_or_default(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn rows_of_another_length_are_written_not_dropped() {
        let header = ["a".to_string(), "b".to_string()];
        let rows = [
            vec!["1".to_string()],
            vec!["2".to_string(), "3".to_string()],
        ];
        assert_eq!(super::csv_text(&header, &rows), "a,b\r\n1\r\n2,3\r\n");
    }
}
