//! Small builders for the facade's options, shared by the integration tests (each test file
//! uses some of them).

#![allow(dead_code)]

use waypost::{
    CheckOptions, DiffOptions, Document, Format, Policy, PortfolioOptions, WorkbookOptions,
};

/// A document with an optional format and name.
pub fn doc<'a>(text: &'a str, format: Option<Format>, name: Option<&'a str>) -> Document<'a> {
    let mut document = Document::new(text);
    document.format = format;
    document.name = name;
    document
}

/// Check options for a framework (or the curriculum's own) and a policy.
pub fn against(framework: Option<&str>, policy: &Policy) -> CheckOptions {
    let mut options = framework_options(framework);
    options.policy = policy.clone();
    options
}

/// Check options naming only the framework.
pub fn framework(framework: Option<&str>) -> CheckOptions {
    framework_options(framework)
}

fn framework_options(framework: Option<&str>) -> CheckOptions {
    let mut options = CheckOptions::default();
    options.framework = framework.map(str::to_string);
    options
}

/// Diff options for a framework.
pub fn diff_options(framework: Option<&str>) -> DiffOptions {
    let mut options = DiffOptions::default();
    options.framework = framework.map(str::to_string);
    options
}

/// Portfolio options for a framework.
pub fn portfolio_options(framework: Option<&str>) -> PortfolioOptions {
    let mut options = PortfolioOptions::default();
    options.framework = framework.map(str::to_string);
    options
}

/// Workbook options for a sheet.
pub fn sheet(sheet: Option<&str>) -> WorkbookOptions {
    let mut options = WorkbookOptions::default();
    options.sheet = sheet.map(str::to_string);
    options
}

/// Every sheet of a workbook as calamine reads it (through `waypost-workbook`): its name and
/// its cells as text, each row from column A (a number as calamine shows it: `12`).
#[cfg(any(feature = "grid-xlsx", feature = "xlsx"))]
#[allow(dead_code)]
pub fn workbook_cells(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    let limits = waypost_workbook::Limits {
        cells: 5_000_000,
        text: 1 << 28,
        unpacked: 1 << 28,
    };
    let mut book = waypost_workbook::Workbook::open(bytes, limits).unwrap();
    let names = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let sheet = book.sheet(&name).unwrap();
            let mut rows = vec![Vec::new(); sheet.top];
            rows.extend(sheet.rows.into_iter().map(|row| {
                let mut cells = vec![String::new(); sheet.left];
                cells.extend(row);
                cells
            }));
            (name, rows)
        })
        .collect()
}
