//! Embeds every framework and crosswalk under `curricula/` so each binding ships them. Adding a
//! data file adds a built-in; no code names the files.
//!
//! The TOML is converted to JSON here, at build time: reading JSON at start-up costs a fraction
//! of parsing TOML, so the built-in frameworks add next to nothing to a command's start.
//! A TOML syntax error in a data file stops the build with its location.

use std::{env, fs, io, path::Path};

fn main() -> io::Result<()> {
    // Read at run time, not with `env!`: a build script compiled once can be run for another
    // checkout of the workspace sharing the target folder, and must read that checkout's data.
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").map_err(io::Error::other)?;
    let root = Path::new(&manifest_dir).join("../curricula");
    let out_dir = env::var("OUT_DIR").map_err(io::Error::other)?;
    let out_dir = Path::new(&out_dir);
    let mut out = String::new();
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
        out.push_str(&format!("pub(crate) static {kind}: &[(&str, &str)] = &[\n"));
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
            let json = serde_json::to_string(&value).map_err(io::Error::other)?;
            let target = out_dir.join(format!("{name}.json"));
            fs::write(&target, json)?;
            out.push_str(&format!(
                "    ({name:?}, include_str!({:?})),\n",
                target.display().to_string()
            ));
        }
        out.push_str("];\n");
    }
    fs::write(out_dir.join("builtin_files.rs"), out)
}
