//! Any bytes given to the yaml curriculum loader give a curriculum or an error, never a panic;
//! whatever loads is then checked.
#![no_main]

use libfuzzer_sys::fuzz_target;
use waypost::{Catalog, CheckOptions, Document, Format, check, load_curriculum};

/// The input as a YAML document named `fuzz`.
fn document(text: &str) -> Document<'_> {
    let mut document = Document::in_format(text, Format::Yaml);
    document.name = Some("fuzz");
    document
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let (Ok(curriculum), Ok(catalog)) = (load_curriculum(document(text)), Catalog::builtin()) {
        let _ = check(catalog, &curriculum, &CheckOptions::default());
    }
});
