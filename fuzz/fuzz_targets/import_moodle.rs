//! Any bytes given to the Moodle competency CSV importer give a framework or an error, never a
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use waypost::{Document, MoodleImportOptions, import_moodle};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = import_moodle(Document::named(text, "fuzz.csv"), &MoodleImportOptions::default());
});
