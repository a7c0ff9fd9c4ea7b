//! Any bytes given to the yaml curriculum loader give a curriculum or an error, never a panic;
//! whatever loads is then checked.
#![no_main]

use libfuzzer_sys::fuzz_target;
use waypost::{Catalog, Format, Policy,  };
use waypost::coverage::check;
use waypost::load::load_curriculum;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let (Ok(curriculum), Ok(catalog)) = (load_curriculum(text, Some(Format::Yaml), Some("fuzz")), Catalog::builtin()) {
        let _ = check(catalog, &curriculum, None, &Policy::default());
    }
});
