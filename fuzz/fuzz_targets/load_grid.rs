//! Any bytes given to the mapping-grid loader give a curriculum or an error, never a panic;
//! whatever loads is then checked.
#![no_main]

use libfuzzer_sys::fuzz_target;
use waypost::{Catalog, CheckOptions, Document, Format, check, load_curriculum};

/// The input as a CSV document named `fuzz.csv`.
fn document(text: &str) -> Document<'_> {
    let mut document = Document::in_format(text, Format::Csv);
    document.name = Some("fuzz.csv");
    document
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let (Ok(curriculum), Ok(catalog)) = (load_curriculum(document(text)), Catalog::builtin()) {
        let _ = check(catalog, &curriculum, &CheckOptions::default());
    }
});
