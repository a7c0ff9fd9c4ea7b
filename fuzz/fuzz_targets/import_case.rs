//! Any bytes given to the lenient CASE importer give a framework with notes or an error, never
//! a panic, with either rule for finding domains; what imports is exported again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use waypost::{CaseExportOptions, CaseImportOptions, Document, DomainRule, export_case, import_case};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for domains in [DomainRule::Auto, DomainRule::Hierarchy, DomainRule::ItemType] {
        let options = CaseImportOptions { domains, ..Default::default() };
        if let Ok(imported) = import_case(Document::named(text, "fuzz.json"), &options) {
            let _ = export_case(&imported.framework, &CaseExportOptions::default());
        }
    }
});
