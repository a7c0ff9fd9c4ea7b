//! Any bytes given to the spreadsheet grid reader (as if an .xlsx file) give a curriculum or an
//! error, never a panic; whatever loads is checked.
#![no_main]

use libfuzzer_sys::fuzz_target;
use waypost::{Catalog, CheckOptions, WorkbookOptions, check, load_workbook};

fuzz_target!(|data: &[u8]| {
    if let (Ok(curriculum), Ok(catalog)) = (load_workbook(data, Some("fuzz.xlsx"), &WorkbookOptions::default()), Catalog::builtin()) {
        let _ = check(catalog, &curriculum, &CheckOptions::default());
    }
});
