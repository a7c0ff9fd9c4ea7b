//! Any bytes given to the framework loader give a framework or an error, never a panic; a
//! framework that loads is added to a catalog and a small curriculum is checked against it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use waypost::{Catalog, CheckOptions, Document, check, load_curriculum, load_framework};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(framework) = load_framework(Document::new(text)) else { return };
    let id = framework.id.clone();
    let codes: Vec<String> = framework.statements.iter().take(3).map(|s| format!("\"{}\"", s.code.replace('"', ""))).collect();
    let mut catalog = Catalog::new();
    if catalog.add_framework(framework).is_err() {
        return;
    }
    let curriculum = format!("id = \"c\"\ntitle = \"c\"\n[[modules]]\ncode = \"M\"\n[[modules.units]]\nid = \"U\"\ncovers = [{}]\n", codes.join(", "));
    if let Ok(c) = load_curriculum(Document::new(&curriculum)) {
        let mut options = CheckOptions::default();
        options.framework = Some(id);
        let _ = check(&catalog, &c, &options);
    }
});
