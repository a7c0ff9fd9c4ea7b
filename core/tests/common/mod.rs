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
