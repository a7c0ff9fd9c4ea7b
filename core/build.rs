//! Embeds every framework and crosswalk under `data/` so each binding ships them. Adding a
//! data file adds a built-in; no code names the files.
//!
//! The TOML is converted here, at build time, to the compact form `src/compact/mod.rs` describes
//! and reads: per file, a tree of tagged values and a pool of its strings' text; the names of
//! table keys in one table. Reading it at start-up costs one
//! allocation and copy per string of the model and little else (no text is scanned), so the
//! built-in frameworks add as little as they can to a command's start.
//! A TOML syntax error in a data file stops the build with its location.

use std::{env, fs, io, path::Path};

// The writer and the tags are the crate's own files, so the reader's tests use the same writer.
#[path = "src/compact/tags.rs"]
mod tags;
#[path = "src/compact/write.rs"]
mod write;

fn main() -> io::Result<()> {
    // Read at run time, not with `env!`: a build script compiled once can be run for another
    // checkout of the workspace sharing the target folder, and must read that checkout's data.
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").map_err(io::Error::other)?;
    let root = Path::new(&manifest_dir).join("data");
    let out_dir = env::var("OUT_DIR").map_err(io::Error::other)?;
    let out_dir = Path::new(&out_dir);
    let mut out = String::new();
    let mut keys = write::Keys::default();
    for (kind, dir) in [
        ("FRAMEWORK_FILES", "frameworks"),
        ("CROSSWALK_FILES", "crosswalks"),
    ] {
        let dir = root.join(dir);
        println!("cargo:rerun-if-changed={}", dir.display());
        // A missing folder stops the build: waypost without its frameworks is no use, and an
        // empty catalog would only show up later as "unknown framework".
        let entries = fs::read_dir(&dir).map_err(|e| {
            io::Error::other(format!(
                "cannot read the built-in data folder {}: {e}",
                dir.display()
            ))
        })?;
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        out.push_str(&format!(
            "pub(crate) static {kind}: &[(&str, &str, &[u8])] = &[\n"
        ));
        for file in files {
            println!("cargo:rerun-if-changed={}", file.display());
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let text = fs::read_to_string(&file)?;
            let value: toml::Value = toml::from_str(&text)
                .map_err(|e| io::Error::other(format!("{}: {e}", file.display())))?;
            let mut compact = write::File::default();
            compact
                .value(&value, &mut keys)
                .map_err(|e| io::Error::other(format!("{}: {e}", file.display())))?;
            let tree = out_dir.join(format!("{name}.bin"));
            let pool = out_dir.join(format!("{name}.txt"));
            fs::write(&tree, &compact.tree)?;
            fs::write(&pool, &compact.pool)?;
            out.push_str(&format!(
                "    ({name:?}, include_str!({:?}), include_bytes!({:?})),\n",
                pool.display().to_string(),
                tree.display().to_string()
            ));
        }
        out.push_str("];\n");
    }
    out.push_str(&format!(
        "pub(crate) static BUILTIN_KEYS: &[&str] = &{:?};\n",
        keys.names()
    ));
    fs::write(out_dir.join("builtin_files.rs"), out)
}
