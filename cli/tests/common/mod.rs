//! What every command-line test needs: running `waypost` as a user would, reading what it
//! printed, and a fresh folder for files.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::{
    path::PathBuf,
    process::{Command, Output},
};

/// The repository root, where the tests run `waypost` from.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs `waypost` from the repository root, as piped output (so without colour).
pub fn waypost(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_waypost"))
        .args(args)
        .current_dir(root())
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("waypost runs")
}

/// What a run printed on standard output.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// What a run printed on standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A fresh, empty folder for one test's files, named after the test.
pub fn scratch(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
