//! An Excel workbook of the coverage matrix: a summary sheet, then one sheet per domain with a
//! row per statement and a column per module, each cell coloured by level.

use rust_xlsxwriter::{
    Color, ConditionalFormatText, ConditionalFormatTextRule, Format, FormatBorder, Workbook,
    Worksheet, XlsxError,
};

use crate::{
    coverage::Report,
    error::{Diagnostic, Error, Result},
    portfolio::Portfolio,
    render::{SHADES, level_shade},
};

fn fail(e: XlsxError) -> Error {
    Error::parse(Diagnostic::new(format!("cannot write the workbook: {e}")))
}

/// Sheet names are at most 31 characters and may not hold `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect()
}

/// The colour of a level: its shade (as every heatmap has it) in [`SHADES`].
fn shade_of<'a>(levels: &'a [String], level: &'a str) -> &'static str {
    let shade = level_shade(levels, Some(level));
    SHADES
        .get(shade.saturating_sub(1))
        .copied()
        .unwrap_or(DARKEST)
}

const DARKEST: &str = SHADES[2];

fn colour_levels(
    sheet: &mut Worksheet,
    levels: &[String],
    rows: u32,
    first_col: u16,
    last_col: u16,
) -> Result<()> {
    if rows == 0 || last_col < first_col {
        return Ok(());
    }
    for level in levels {
        let shade = shade_of(levels, level);
        let mut format = Format::new()
            .set_background_color(Color::RGB(u32::from_str_radix(shade, 16).unwrap_or(0)));
        if shade == DARKEST {
            format = format.set_font_color(Color::White);
        }
        let rule = ConditionalFormatText::new()
            .set_rule(ConditionalFormatTextRule::BeginsWith(level.clone()))
            .set_format(format);
        sheet
            .add_conditional_format(1, first_col, rows, last_col, &rule)
            .map_err(fail)?;
    }
    Ok(())
}

/// The workbook as bytes.
pub fn report_xlsx(report: &Report) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap();

    let summary = book.add_worksheet();
    summary.set_name("Summary").map_err(fail)?;
    text(
        summary,
        0,
        0,
        &report.curriculum.title,
        Some(&Format::new().set_bold().set_font_size(14)),
    )?;
    text(
        summary,
        1,
        0,
        format!(
            "coverage of {} ({})",
            report.framework.title, report.framework.id
        ),
        None,
    )?;
    let mut header = vec!["domain".to_string(), "statements".to_string()];
    header.extend(report.levels.iter().cloned());
    header.push("gaps".to_string());
    for (c, h) in header.iter().enumerate() {
        text(summary, 3, col(c), h, Some(&bold))?;
    }
    let mut row = 4;
    for d in &report.domains {
        text(summary, row, 0, &d.name, None)?;
        summary.write_number(row, 1, d.total as f64).map_err(fail)?;
        for (i, level) in report.levels.iter().enumerate() {
            summary
                .write_number(
                    row,
                    col(i + 2),
                    d.by_level.get(level).copied().unwrap_or(0) as f64,
                )
                .map_err(fail)?;
        }
        summary
            .write_number(row, col(report.levels.len() + 2), d.gaps as f64)
            .map_err(fail)?;
        row += 1;
    }
    text(
        summary,
        row + 1,
        0,
        if report.passed {
            "policy met"
        } else {
            "policy not met"
        },
        None,
    )?;
    summary.set_column_width(0, 24).map_err(fail)?;

    let (header, rows) = super::csv::matrix_rows(report);
    for d in &report.domains {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&d.name)).map_err(fail)?;
        for (c, h) in header.iter().enumerate() {
            text(sheet, 0, col(c), h, Some(&bold))?;
        }
        let mut r = 0u32;
        for values in rows.iter().filter(|v| v.get(1) == Some(&d.id)) {
            r += 1;
            for (c, v) in values.iter().enumerate() {
                if c == 5 {
                    sheet
                        .write_number(r, col(c), v.parse::<f64>().unwrap_or(0.0))
                        .map_err(fail)?;
                } else if c == 2 {
                    text(sheet, r, col(c), v, Some(&wrap))?;
                } else {
                    text(sheet, r, col(c), v, None)?;
                }
            }
        }
        let last = col(header.len().saturating_sub(1));
        colour_levels(sheet, &report.levels, r, 3, 3)?;
        colour_levels(sheet, &report.levels, r, 6, last)?;
        sheet.set_column_width(2, 36).map_err(fail)?;
        sheet.set_freeze_panes(1, 3).map_err(fail)?;
        sheet.autofilter(0, 0, r, last).map_err(fail)?;
    }
    if let Some(thread) = &report.thread {
        thread_sheet(book.add_worksheet(), report, thread, &bold)?;
    }
    book.save_to_buffer().map_err(fail)
}

/// A curriculum checked against several frameworks: a summary sheet (a row a framework, with
/// its totals and verdict), then a sheet a framework holding its whole statements × modules
/// matrix, named by the framework's id.
pub fn checks_xlsx(checks: &crate::checks::Checks) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap();
    let summary = book.add_worksheet();
    summary.set_name("Summary").map_err(fail)?;
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
        text(summary, 0, col(c), h, Some(&bold))?;
    }
    for (i, report) in checks.reports.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        text(summary, row, 0, &report.framework.id, None)?;
        text(summary, row, 1, &report.framework.title, None)?;
        let s = &report.summary;
        for (c, n) in [s.statements, s.covered, s.assessed, s.gaps]
            .iter()
            .enumerate()
        {
            summary
                .write_number(row, col(c + 2), *n as f64)
                .map_err(fail)?;
        }
        text(
            summary,
            row,
            6,
            if report.passed {
                "policy met"
            } else {
                "policy not met"
            },
            None,
        )?;
        text(
            summary,
            row,
            7,
            super::crosswalk_sentence(report).unwrap_or_default(),
            None,
        )?;
    }
    summary.set_column_width(0, 30).map_err(fail)?;
    summary.set_column_width(1, 40).map_err(fail)?;
    let mut names: Vec<String> = vec!["Summary".to_string()];
    for report in &checks.reports {
        let mut name = sheet_name(&report.framework.id);
        let mut n = 2;
        while names.iter().any(|m| m.eq_ignore_ascii_case(&name)) {
            let suffix = format!(" {n}");
            name = sheet_name(&report.framework.id)
                .chars()
                .take(31 - suffix.len())
                .collect::<String>()
                + &suffix;
            n += 1;
        }
        names.push(name.clone());
        let (header, rows) = super::csv::matrix_rows(report);
        let sheet = book.add_worksheet();
        sheet.set_name(&name).map_err(fail)?;
        for (c, h) in header.iter().enumerate() {
            text(sheet, 0, col(c), h, Some(&bold))?;
        }
        let mut r = 0u32;
        for values in &rows {
            r += 1;
            for (c, v) in values.iter().enumerate() {
                if c == 5 {
                    sheet
                        .write_number(r, col(c), v.parse::<f64>().unwrap_or(0.0))
                        .map_err(fail)?;
                } else if c == 2 {
                    text(sheet, r, col(c), v, Some(&wrap))?;
                } else {
                    text(sheet, r, col(c), v, None)?;
                }
            }
        }
        let last = col(header.len().saturating_sub(1));
        colour_levels(sheet, &report.levels, r, 3, 3)?;
        colour_levels(sheet, &report.levels, r, 6, last)?;
        sheet.set_column_width(2, 36).map_err(fail)?;
        sheet.set_freeze_panes(1, 3).map_err(fail)?;
        sheet.autofilter(0, 0, r, last).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

/// The programme's thread as a sheet: statement × year, each cell the level reached that year,
/// coloured as the matrix is, and the credits of the modules that reach the statement.
fn thread_sheet(
    sheet: &mut Worksheet,
    report: &Report,
    thread: &crate::coverage::Thread,
    bold: &Format,
) -> Result<()> {
    sheet.set_name("Thread").map_err(fail)?;
    text(sheet, 0, 0, "code", Some(bold))?;
    for (i, y) in thread.years.iter().enumerate() {
        text(sheet, 0, col(i + 1), format!("year {y}"), Some(bold))?;
    }
    let credits_col = col(thread.years.len() + 1);
    text(sheet, 0, credits_col, "credits", Some(bold))?;
    text(sheet, 0, col(thread.years.len() + 2), "modules", Some(bold))?;
    let mut r = 0u32;
    for row in &thread.statements {
        r += 1;
        text(sheet, r, 0, &row.code, None)?;
        for (i, level) in row.by_year.iter().enumerate() {
            if let Some(level) = level {
                text(sheet, r, col(i + 1), level, None)?;
            }
        }
        sheet
            .write_number(r, credits_col, f64::from(row.credits))
            .map_err(fail)?;
        text(
            sheet,
            r,
            col(thread.years.len() + 2),
            row.modules.join(", "),
            None,
        )?;
    }
    colour_levels(sheet, &report.levels, r, 1, col(thread.years.len()))?;
    sheet.set_freeze_panes(1, 1).map_err(fail)?;
    Ok(())
}

/// Writes a text cell. A text a spreadsheet would run as a formula once edited (`=…`, `+…`,
/// `-…`, `@…`: [`crate::safe::is_formula_like`]) gets Excel's quote prefix, the mark a typed
/// leading `'` leaves: the cell shows the text as it is and stays text when edited.
fn text(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    value: impl AsRef<str>,
    format: Option<&Format>,
) -> Result<()> {
    let value = value.as_ref();
    let written = match (format, crate::safe::is_formula_like(value)) {
        (Some(format), true) => {
            sheet.write_string_with_format(row, column, value, &format.clone().set_quote_prefix())
        }
        (None, true) => {
            sheet.write_string_with_format(row, column, value, &Format::new().set_quote_prefix())
        }
        (Some(format), false) => sheet.write_string_with_format(row, column, value, format),
        (None, false) => sheet.write_string(row, column, value),
    };
    written.map(|_| ()).map_err(fail)
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

/// A portfolio as a workbook: courses, providers, and the statements × courses matrix.
pub fn portfolio_xlsx(p: &Portfolio) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);

    let courses = book.add_worksheet();
    courses.set_name("Courses").map_err(fail)?;
    for (c, h) in [
        "id", "title", "provider", "modules", "units", "covered", "assessed", "gaps",
    ]
    .iter()
    .enumerate()
    {
        text(courses, 0, col(c), *h, Some(&bold))?;
    }
    for (r, c) in p.courses.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        text(courses, r, 0, &c.id, None)?;
        text(courses, r, 1, &c.title, None)?;
        text(courses, r, 2, c.provider.as_deref().unwrap_or(""), None)?;
        for (i, n) in [c.modules, c.units, c.covered, c.assessed, c.gaps]
            .iter()
            .enumerate()
        {
            courses
                .write_number(r, col(3 + i), *n as f64)
                .map_err(fail)?;
        }
    }
    courses.set_column_width(1, 44).map_err(fail)?;

    let providers = book.add_worksheet();
    providers.set_name("Providers").map_err(fail)?;
    for (c, h) in ["provider", "courses", "covered", "assessed", "gaps"]
        .iter()
        .enumerate()
    {
        text(providers, 0, col(c), *h, Some(&bold))?;
    }
    for (r, pr) in p.providers.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        text(providers, r, 0, &pr.provider, None)?;
        for (i, n) in [pr.courses, pr.covered, pr.assessed, pr.gaps]
            .iter()
            .enumerate()
        {
            providers
                .write_number(r, col(1 + i), *n as f64)
                .map_err(fail)?;
        }
    }
    providers.set_column_width(0, 44).map_err(fail)?;

    let matrix = book.add_worksheet();
    matrix.set_name("Matrix").map_err(fail)?;
    let mut header: Vec<String> = ["code", "domain", "label", "level", "courses", "assessed_by"]
        .map(String::from)
        .to_vec();
    header.extend(p.courses.iter().map(|c| c.id.clone()));
    for (c, h) in header.iter().enumerate() {
        text(matrix, 0, col(c), h, Some(&bold))?;
    }
    let mut r = 0u32;
    for s in &p.statements {
        r += 1;
        text(matrix, r, 0, &*s.code, None)?;
        text(matrix, r, 1, &*s.domain, None)?;
        text(matrix, r, 2, &*s.label, None)?;
        text(matrix, r, 3, s.level.as_deref().unwrap_or(""), None)?;
        matrix.write_number(r, 4, s.courses as f64).map_err(fail)?;
        matrix
            .write_number(r, 5, s.assessed_by as f64)
            .map_err(fail)?;
        for (i, l) in s.levels.iter().enumerate() {
            text(matrix, r, col(6 + i), l.as_deref().unwrap_or(""), None)?;
        }
    }
    let last = col(header.len().saturating_sub(1));
    colour_levels(matrix, &p.levels, r, 3, 3)?;
    colour_levels(matrix, &p.levels, r, 6, last)?;
    matrix.set_column_width(2, 36).map_err(fail)?;
    matrix.set_freeze_panes(1, 3).map_err(fail)?;
    add_sheets(&mut book, &super::reach::reach_sheets(p))?;
    book.save_to_buffer().map_err(fail)
}

/// A workbook of plain sheets, each a name and its rows (the first row a bold header). A cell
/// of digits only is written as a number; every other cell as text, never as a formula.
pub fn sheets_xlsx(sheets: &[(&str, Vec<Vec<String>>)]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    add_sheets(&mut book, sheets)?;
    book.save_to_buffer().map_err(fail)
}

/// Adds plain sheets to a workbook, as [`sheets_xlsx`] writes them.
fn add_sheets(book: &mut Workbook, sheets: &[(&str, Vec<Vec<String>>)]) -> Result<()> {
    let bold = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin);
    for (name, rows) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(name)).map_err(fail)?;
        for (r, row) in rows.iter().enumerate() {
            let r = u32::try_from(r).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                let number =
                    (r > 0 && !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| cell.parse::<f64>().ok())
                        .flatten();
                match number {
                    Some(n) => {
                        sheet.write_number(r, col(c), n).map_err(fail)?;
                    }
                    None => text(sheet, r, col(c), cell, (r == 0).then_some(&bold))?,
                }
            }
        }
    }
    Ok(())
}
