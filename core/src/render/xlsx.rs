//! Excel workbooks of the reports: a check's coverage matrix (a summary sheet, the curriculum
//! as a mapping grid, then one sheet per domain with a row per statement and a column per
//! module, each cell shaded by level), a check against several frameworks, a portfolio, and
//! plain sheets (a team view). Written with the workspace's one workbook writer
//! (`waypost_workbook::Book`), small enough for the WebAssembly page.

use waypost_workbook::{Book, SheetWriter, Style};

use crate::{
    coverage::Report,
    error::{Diagnostic, Error, Result},
    grid::{GridLayout, grid_rows},
    model::curriculum::Curriculum,
    portfolio::Portfolio,
    render::{SHADES, level_shade},
};

/// The name of the sheet that holds the curriculum as a mapping grid: the grid reader finds it
/// by its header row, so the workbook reads back as the curriculum it was checked from.
pub const MAPPING_SHEET: &str = waypost_workbook::DEFAULT_SHEET;

fn finish(book: &Book) -> Result<Vec<u8>> {
    // Writing to memory fails only where a part would be larger than a zip holds.
    book.to_bytes()
        .map_err(|e| Error::parse(Diagnostic::new(format!("cannot write the workbook: {e}"))))
}

/// A text cell. A text a spreadsheet would run as a formula once edited (`=…`, `+…`, `-…`,
/// `@…`: [`crate::safe::is_formula_like`]) gets Excel's quote prefix, the mark a typed leading
/// `'` leaves: the cell shows the text as it is and stays text when edited.
fn text(sheet: &mut SheetWriter, row: u32, column: u16, value: impl AsRef<str>, style: Style) {
    let value = value.as_ref();
    sheet.text(
        row,
        column,
        value,
        style,
        crate::safe::is_formula_like(value),
    );
}

fn number(sheet: &mut SheetWriter, row: u32, column: u16, n: usize) {
    // Counts are far below 2^53, where a float stops holding every whole number.
    sheet.number(row, column, n as f64, Style::Plain);
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

fn row_of(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// The look of a cell of a level column: the shade of the first level of the scale the cell's
/// text begins with (as every heatmap has it, [`SHADES`]), white text on the darkest; a cell
/// naming no level is plain.
fn level_style(levels: &[String], value: &str) -> Style {
    let Some(level) = levels
        .iter()
        .find(|l| !l.is_empty() && value.starts_with(l.as_str()))
    else {
        return Style::Plain;
    };
    let shade = level_shade(levels, Some(level));
    let hex = SHADES
        .get(shade.saturating_sub(1))
        .copied()
        .unwrap_or(DARKEST);
    Style::Fill {
        rgb: u32::from_str_radix(hex, 16).unwrap_or(0),
        light_text: hex == DARKEST,
    }
}

const DARKEST: &str = SHADES[2];

/// Whether a column of a matrix sheet holds levels: the statement's own (`level`, the fourth)
/// and, from the seventh on, the modules' (or courses').
fn is_level_column(c: usize) -> bool {
    c == 3 || c >= 6
}

/// A statements × modules matrix as a sheet: a bold header, the label wrapped, the units as a
/// number, the levels shaded, the header and the first three columns frozen, and a filter.
fn matrix_sheet(
    name: &str,
    levels: &[String],
    header: &[String],
    rows: &[&Vec<String>],
) -> SheetWriter {
    let mut sheet = SheetWriter::new(name);
    for (c, h) in header.iter().enumerate() {
        text(&mut sheet, 0, col(c), h, Style::Header);
    }
    for (r, values) in rows.iter().enumerate() {
        let r = row_of(r + 1);
        for (c, v) in values.iter().enumerate() {
            if c == 5 {
                let n = v.parse::<f64>().unwrap_or(0.0);
                sheet.number(r, col(c), n, Style::Plain);
            } else if c == 2 {
                text(&mut sheet, r, col(c), v, Style::Wrap);
            } else if is_level_column(c) {
                text(&mut sheet, r, col(c), v, level_style(levels, v));
            } else {
                text(&mut sheet, r, col(c), v, Style::Plain);
            }
        }
    }
    let last = col(header.len().saturating_sub(1));
    sheet.column_width(2, 36.0);
    sheet.freeze(1, 3);
    sheet.filter(0, 0, row_of(rows.len()), last);
    sheet
}

/// The curriculum as a mapping grid, in the standard layout (`module`, `module_title`, `unit`,
/// `kind`, `text`, `covers`, `assessed_by`, and any column the curriculum needs besides): what
/// `import --from grid`, `check` and the page read back as the same curriculum.
fn mapping_sheet(curriculum: &Curriculum) -> SheetWriter {
    let mut sheet = SheetWriter::new(MAPPING_SHEET);
    for (r, row) in grid_rows(curriculum, &GridLayout::standard())
        .iter()
        .enumerate()
    {
        let style = if r == 0 { Style::Header } else { Style::Plain };
        for (c, cell) in row.iter().enumerate() {
            text(&mut sheet, row_of(r), col(c), cell, style);
        }
    }
    sheet.column_width(4, 48.0);
    sheet.freeze(1, 0);
    sheet
}

/// A check's workbook as bytes: the summary, the curriculum as a mapping grid (where it is
/// given), a sheet per domain, and the thread where the report has one.
pub fn report_xlsx(report: &Report, curriculum: Option<&Curriculum>) -> Result<Vec<u8>> {
    let mut book = Book::new();
    let mut summary = SheetWriter::new("Summary");
    text(&mut summary, 0, 0, &report.curriculum.title, Style::Title);
    text(
        &mut summary,
        1,
        0,
        format!(
            "coverage of {} ({})",
            report.framework.title, report.framework.id
        ),
        Style::Plain,
    );
    let mut header = vec!["domain".to_string(), "statements".to_string()];
    header.extend(report.levels.iter().cloned());
    header.push("gaps".to_string());
    for (c, h) in header.iter().enumerate() {
        text(&mut summary, 3, col(c), h, Style::Header);
    }
    let mut row = 4;
    for d in &report.domains {
        text(&mut summary, row, 0, &d.name, Style::Plain);
        number(&mut summary, row, 1, d.total);
        for (i, level) in report.levels.iter().enumerate() {
            number(
                &mut summary,
                row,
                col(i + 2),
                d.by_level.get(level).copied().unwrap_or(0),
            );
        }
        number(&mut summary, row, col(report.levels.len() + 2), d.gaps);
        row += 1;
    }
    text(
        &mut summary,
        row + 1,
        0,
        if report.passed {
            "policy met"
        } else {
            "policy not met"
        },
        Style::Plain,
    );
    summary.column_width(0, 24.0);
    book.push(summary);
    if let Some(curriculum) = curriculum {
        book.push(mapping_sheet(curriculum));
    }

    let (header, rows) = super::csv::matrix_rows(report);
    for d in &report.domains {
        let in_domain: Vec<&Vec<String>> =
            rows.iter().filter(|v| v.get(1) == Some(&d.id)).collect();
        book.push(matrix_sheet(&d.name, &report.levels, &header, &in_domain));
    }
    if let Some(thread) = &report.thread {
        book.push(thread_sheet(report, thread));
    }
    finish(&book)
}

/// A curriculum checked against several frameworks: a summary sheet (a row a framework, with
/// its totals and verdict), the curriculum as a mapping grid (where it is given), then a sheet
/// a framework holding its whole statements × modules matrix, named by the framework's id.
pub fn checks_xlsx(
    checks: &crate::checks::Checks,
    curriculum: Option<&Curriculum>,
) -> Result<Vec<u8>> {
    let mut book = Book::new();
    let mut summary = SheetWriter::new("Summary");
    let header = [
        "framework",
        "title",
        "statements",
        "covered",
        "assessed",
        "gaps",
        "policy",
        "crosswalk",
    ];
    for (c, h) in header.iter().enumerate() {
        text(&mut summary, 0, col(c), h, Style::Header);
    }
    for (i, report) in checks.reports.iter().enumerate() {
        let row = row_of(i + 1);
        text(&mut summary, row, 0, &report.framework.id, Style::Plain);
        text(&mut summary, row, 1, &report.framework.title, Style::Plain);
        let s = &report.summary;
        for (c, n) in [s.statements, s.covered, s.assessed, s.gaps]
            .into_iter()
            .enumerate()
        {
            number(&mut summary, row, col(c + 2), n);
        }
        text(
            &mut summary,
            row,
            6,
            if report.passed {
                "policy met"
            } else {
                "policy not met"
            },
            Style::Plain,
        );
        text(
            &mut summary,
            row,
            7,
            super::crosswalk_sentence(report).unwrap_or_default(),
            Style::Plain,
        );
    }
    summary.column_width(0, 30.0);
    summary.column_width(1, 40.0);
    book.push(summary);
    if let Some(curriculum) = curriculum {
        book.push(mapping_sheet(curriculum));
    }
    // The writer makes each name one Excel allows, and a second of the same name `NAME 2`.
    for report in &checks.reports {
        let (header, rows) = super::csv::matrix_rows(report);
        let all: Vec<&Vec<String>> = rows.iter().collect();
        book.push(matrix_sheet(
            &report.framework.id,
            &report.levels,
            &header,
            &all,
        ));
    }
    finish(&book)
}

/// The programme's thread as a sheet: statement × year, each cell the level reached that year,
/// shaded as the matrix is, and the credits of the modules that reach the statement.
fn thread_sheet(report: &Report, thread: &crate::coverage::Thread) -> SheetWriter {
    let mut sheet = SheetWriter::new("Thread");
    text(&mut sheet, 0, 0, "code", Style::Header);
    for (i, y) in thread.years.iter().enumerate() {
        text(
            &mut sheet,
            0,
            col(i + 1),
            format!("year {y}"),
            Style::Header,
        );
    }
    let credits_col = col(thread.years.len() + 1);
    text(&mut sheet, 0, credits_col, "credits", Style::Header);
    text(
        &mut sheet,
        0,
        col(thread.years.len() + 2),
        "modules",
        Style::Header,
    );
    for (r, row) in thread.statements.iter().enumerate() {
        let r = row_of(r + 1);
        text(&mut sheet, r, 0, &row.code, Style::Plain);
        for (i, level) in row.by_year.iter().enumerate() {
            if let Some(level) = level {
                text(
                    &mut sheet,
                    r,
                    col(i + 1),
                    level,
                    level_style(&report.levels, level),
                );
            }
        }
        sheet.number(r, credits_col, f64::from(row.credits), Style::Plain);
        text(
            &mut sheet,
            r,
            col(thread.years.len() + 2),
            row.modules.join(", "),
            Style::Plain,
        );
    }
    sheet.freeze(1, 1);
    sheet
}

/// A portfolio as a workbook: courses, providers, and the statements × courses matrix.
pub fn portfolio_xlsx(p: &Portfolio) -> Result<Vec<u8>> {
    let mut book = Book::new();

    let mut courses = SheetWriter::new("Courses");
    for (c, h) in [
        "id", "title", "provider", "modules", "units", "covered", "assessed", "gaps",
    ]
    .iter()
    .enumerate()
    {
        text(&mut courses, 0, col(c), h, Style::Header);
    }
    for (r, c) in p.courses.iter().enumerate() {
        let r = row_of(r + 1);
        text(&mut courses, r, 0, &c.id, Style::Plain);
        text(&mut courses, r, 1, &c.title, Style::Plain);
        text(
            &mut courses,
            r,
            2,
            c.provider.as_deref().unwrap_or(""),
            Style::Plain,
        );
        for (i, n) in [c.modules, c.units, c.covered, c.assessed, c.gaps]
            .into_iter()
            .enumerate()
        {
            number(&mut courses, r, col(3 + i), n);
        }
    }
    courses.column_width(1, 44.0);
    book.push(courses);

    let mut providers = SheetWriter::new("Providers");
    for (c, h) in ["provider", "courses", "covered", "assessed", "gaps"]
        .iter()
        .enumerate()
    {
        text(&mut providers, 0, col(c), h, Style::Header);
    }
    for (r, pr) in p.providers.iter().enumerate() {
        let r = row_of(r + 1);
        text(&mut providers, r, 0, &pr.provider, Style::Plain);
        for (i, n) in [pr.courses, pr.covered, pr.assessed, pr.gaps]
            .into_iter()
            .enumerate()
        {
            number(&mut providers, r, col(1 + i), n);
        }
    }
    providers.column_width(0, 44.0);
    book.push(providers);

    let mut matrix = SheetWriter::new("Matrix");
    let mut header: Vec<String> = ["code", "domain", "label", "level", "courses", "assessed_by"]
        .map(String::from)
        .to_vec();
    header.extend(p.courses.iter().map(|c| c.id.clone()));
    for (c, h) in header.iter().enumerate() {
        text(&mut matrix, 0, col(c), h, Style::Header);
    }
    for (r, s) in p.statements.iter().enumerate() {
        let r = row_of(r + 1);
        text(&mut matrix, r, 0, &*s.code, Style::Plain);
        text(&mut matrix, r, 1, &*s.domain, Style::Plain);
        text(&mut matrix, r, 2, &*s.label, Style::Plain);
        let level = s.level.as_deref().unwrap_or("");
        text(&mut matrix, r, 3, level, level_style(&p.levels, level));
        number(&mut matrix, r, 4, s.courses);
        number(&mut matrix, r, 5, s.assessed_by);
        for (i, l) in s.levels.iter().enumerate() {
            let l = l.as_deref().unwrap_or("");
            text(&mut matrix, r, col(6 + i), l, level_style(&p.levels, l));
        }
    }
    matrix.column_width(2, 36.0);
    matrix.freeze(1, 3);
    book.push(matrix);
    add_sheets(&mut book, &super::reach::reach_sheets(p));
    finish(&book)
}

/// A workbook of plain sheets, each a name and its rows (the first row a bold header). A cell
/// of digits only is written as a number; every other cell as text, never as a formula.
pub fn sheets_xlsx(sheets: &[(&str, Vec<Vec<String>>)]) -> Result<Vec<u8>> {
    let mut book = Book::new();
    add_sheets(&mut book, sheets);
    finish(&book)
}

/// Adds plain sheets to a workbook, as [`sheets_xlsx`] writes them.
fn add_sheets(book: &mut Book, sheets: &[(&str, Vec<Vec<String>>)]) {
    for (name, rows) in sheets {
        let mut sheet = SheetWriter::new(*name);
        for (r, row) in rows.iter().enumerate() {
            let r = row_of(r);
            for (c, cell) in row.iter().enumerate() {
                let number =
                    (r > 0 && !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| cell.parse::<f64>().ok())
                        .flatten();
                match number {
                    Some(n) => sheet.number(r, col(c), n, Style::Plain),
                    None => {
                        let style = if r == 0 { Style::Header } else { Style::Plain };
                        text(&mut sheet, r, col(c), cell, style);
                    }
                }
            }
        }
        book.push(sheet);
    }
}
