//! Any bytes given to the spreadsheet grid reader (as if an .xlsx file) give a curriculum or an
//! error, never a panic; whatever loads is checked.
#![no_main]

use libfuzzer_sys::fuzz_target;
use waypost::{Catalog, Policy,  xlsx::read_grid_xlsx};
use waypost::coverage::check;

fuzz_target!(|data: &[u8]| {
    if let (Ok(curriculum), Ok(catalog)) = (read_grid_xlsx(data, Some("fuzz.xlsx"), None), Catalog::builtin()) {
        let _ = check(catalog, &curriculum, None, &Policy::default());
    }
});
