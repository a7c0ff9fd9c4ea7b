//! Embeds every framework and crosswalk under `curricula/` so each binding ships them.
//! Adding a data file adds a built-in; no code names the files.

use std::{env, fs, io, path::Path};

fn main() -> io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../curricula");
    let mut out = String::new();
    for (kind, dir) in [
        ("FRAMEWORK_FILES", "frameworks"),
        ("CROSSWALK_FILES", "crosswalks"),
    ] {
        let dir = root.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = match fs::read_dir(&dir) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect(),
            Err(_) => Vec::new(),
        };
        files.sort();
        out.push_str(&format!("pub(crate) static {kind}: &[(&str, &str)] = &[\n"));
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let full = fs::canonicalize(&file)?;
            out.push_str(&format!(
                "    ({name:?}, include_str!({:?})),\n",
                full.display().to_string()
            ));
        }
        out.push_str("];\n");
    }
    let dest = Path::new(&env::var("OUT_DIR").map_err(io::Error::other)?).join("builtin_files.rs");
    fs::write(dest, out)
}
