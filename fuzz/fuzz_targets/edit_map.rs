//! Format-preserving edits on any text: adding and removing a mapping either gives a new text
//! that loads, or an error; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use waypost::{Catalog, Document, Mapping, MappingChange, load_curriculum, map_unit};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(catalog) = Catalog::builtin() else { return };
    let changes = [
        MappingChange::Add { mapping: Mapping::parse("K4:developed") },
        MappingChange::Remove { statement: "S12".to_string() },
    ];
    for unit in ["LO1", "M1/LO1", "MHN1001/LO1"] {
        if let Ok(edited) = map_unit(catalog, Document::named(text, "fuzz.toml"), unit, &changes) {
            assert!(load_curriculum(Document::named(&edited, "fuzz.toml")).is_ok(), "an edit gave a file that does not load");
        }
    }
});
