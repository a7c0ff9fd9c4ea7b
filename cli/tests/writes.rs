//! How `waypost` writes files (issue 16): never over its own input, into special files as they
//! are, through symbolic links, never leaving temporary files, keeping permissions, line
//! endings and the byte order mark, refusing read-only files, and no edit lost to another.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::{
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
};

use common::{root, scratch, stderr, stdout};

const DAY: &str = "curricula/examples/recovery-awareness-day.toml";
const DAY_GRID: &str = "curricula/examples/recovery-awareness-day.csv";

/// Runs `waypost` in `dir`.
fn waypost_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_waypost"))
        .args(args)
        .current_dir(dir)
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("waypost runs")
}

/// A scratch folder holding a copy of an example file under `name`.
fn with_copy(test: &str, example: &str, name: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(test);
    let file = dir.join(name);
    std::fs::copy(root().join(example), &file).unwrap();
    (dir, file)
}

/// The names of temporary files left in a folder.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("waypost") && (n.contains("tmp") || n.starts_with('.')))
        .collect()
}

/// A curriculum with one module and one unit mapping nothing yet.
fn one_unit_curriculum(test: &str) -> (PathBuf, PathBuf) {
    let dir = scratch(test);
    let file = dir.join("c.toml");
    for args in [
        vec!["new", "c.toml", "--id", "c"],
        vec!["add", "module", "c.toml", "--code", "M1"],
        vec!["add", "unit", "c.toml", "--module", "M1", "--id", "LO1"],
    ] {
        let o = waypost_in(&dir, &args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
    }
    (dir, file)
}

#[test]
fn output_over_the_commands_own_input_is_refused() {
    let (dir, file) = with_copy("own-input", DAY, "c.toml");
    let before = std::fs::read(&file).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("c.toml", dir.join("link.toml")).unwrap();
        std::fs::hard_link(&file, dir.join("hard.toml")).unwrap();
    }
    let mut outputs = vec!["c.toml", "./c.toml"];
    if cfg!(unix) {
        outputs.extend(["link.toml", "hard.toml"]);
    }
    for output in outputs {
        let o = waypost_in(&dir, &["check", "c.toml", "--output", output]);
        assert_eq!(o.status.code(), Some(2), "--output {output}");
        let err = stderr(&o);
        assert!(
            err.contains(&format!("the output `{output}` is the input `c.toml`")),
            "{err}"
        );
        assert!(err.contains("hint: "), "{err}");
        assert_eq!(std::fs::read(&file).unwrap(), before, "--output {output}");
    }

    // import and export too.
    let (dir, grid) = with_copy("own-input-import", DAY_GRID, "day.csv");
    let before = std::fs::read(&grid).unwrap();
    let o = waypost_in(
        &dir,
        &["import", "day.csv", "--from", "grid", "--output", "day.csv"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("is the input `day.csv`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&grid).unwrap(), before);

    let (dir, framework) = with_copy(
        "own-input-export",
        "core/data/frameworks/realising-recovery-2007.toml",
        "fw.toml",
    );
    let before = std::fs::read(&framework).unwrap();
    // A framework file's id is also a built-in one, so name it by a path that is not an id.
    let o = waypost_in(
        &dir,
        &[
            "export",
            "./fw.toml",
            "--to",
            "moodle",
            "--output",
            "fw.toml",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("is the input `./fw.toml`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&framework).unwrap(), before);
}

#[test]
fn a_failed_write_says_cannot_write() {
    let dir = scratch("cannot-write");
    let out = dir.join("no-such-folder").join("report.html");
    let o = waypost_in(
        &root(),
        &[
            "check",
            DAY,
            "--format",
            "html",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("error: cannot write `"), "{err}");
    assert!(!err.contains("cannot read"), "{err}");
}

#[test]
fn a_folder_as_output_leaves_no_temporary_file() {
    let dir = scratch("folder-output");
    std::fs::create_dir(dir.join("taken")).unwrap();
    std::fs::write(dir.join("taken").join("inside"), "x").unwrap();
    let o = waypost_in(
        &dir,
        &[
            "import",
            &root().join(DAY_GRID).display().to_string(),
            "--from",
            "grid",
            "--output",
            "taken",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot write `taken`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(leftovers(&dir), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn output_through_a_symbolic_link_writes_the_file_it_points_to() {
    let dir = scratch("output-link");
    std::fs::write(dir.join("real.md"), "old").unwrap();
    std::os::unix::fs::symlink("real.md", dir.join("link.md")).unwrap();
    let o = waypost_in(
        &dir,
        &[
            "check",
            &root().join(DAY).display().to_string(),
            "--format",
            "markdown",
            "--output",
            "link.md",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let link = std::fs::symlink_metadata(dir.join("link.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    let real = std::fs::read_to_string(dir.join("real.md")).unwrap();
    assert!(real.starts_with('#'), "{real}");
    assert_eq!(leftovers(&dir), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn output_to_a_named_pipe_is_written_into_it() {
    use std::{io::Read, os::unix::fs::FileTypeExt};
    let dir = scratch("output-fifo");
    let fifo = dir.join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // Held open for reading and writing, so neither end waits for the other.
    let mut held = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&fifo)
        .unwrap();
    let o = waypost_in(
        &dir,
        &[
            "export",
            "realising-recovery-2007",
            "--to",
            "moodle",
            "--output",
            "pipe",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let meta = std::fs::symlink_metadata(&fifo).unwrap();
    assert!(
        meta.file_type().is_fifo(),
        "the named pipe was replaced by a regular file"
    );
    let mut buf = vec![0u8; 64 * 1024];
    let n = held.read(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf[..n]);
    assert!(text.contains("K1"), "{text}");
}

#[cfg(unix)]
#[test]
fn output_keeps_permissions_and_does_not_follow_a_planted_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch("output-temp");
    let out = dir.join("report.csv");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    // Someone who can write the folder plants links at the names a temporary file could take.
    let victim = dir.join("victim");
    std::fs::write(&victim, "precious").unwrap();
    std::os::unix::fs::symlink(&victim, dir.join(".report.csv.waypost-tmp")).unwrap();
    std::os::unix::fs::symlink(&victim, dir.join(".report.csv.tmp")).unwrap();
    let o = waypost_in(
        &dir,
        &[
            "check",
            &root().join(DAY).display().to_string(),
            "--format",
            "csv",
            "--output",
            "report.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640, "the report keeps its permissions");
    assert_ne!(std::fs::read_to_string(&out).unwrap(), "old");
}

#[test]
fn new_never_replaces_a_file() {
    let dir = scratch("new-exists");
    std::fs::write(dir.join("c.toml"), "mine").unwrap();
    let o = waypost_in(&dir, &["new", "c.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the file exists already"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(dir.join("c.toml")).unwrap(), "mine");
    assert_eq!(leftovers(&dir), Vec::<String>::new());
}

#[test]
fn map_keeps_crlf_line_endings_and_the_byte_order_mark() {
    let (dir, file) = one_unit_curriculum("map-crlf");
    let lf = std::fs::read_to_string(&file).unwrap();
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    std::fs::write(&file, &crlf).unwrap();
    let o = waypost_in(&dir, &["map", "c.toml", "M1/LO1", "+K4"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.starts_with('\u{feff}'), "the byte order mark is kept");
    assert!(after.contains("\"K4\""), "{after}");
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "every line ends in CRLF: {after:?}"
    );
    let o = waypost_in(&dir, &["add", "module", "c.toml", "--code", "M2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let after = std::fs::read_to_string(&file).unwrap();
    assert!(after.contains("M2"));
    assert_eq!(after.matches('\n').count(), after.matches("\r\n").count());
}

#[cfg(unix)]
#[test]
fn editing_through_a_symbolic_link_edits_the_file_and_keeps_the_link() {
    let (dir, file) = one_unit_curriculum("map-link");
    std::os::unix::fs::symlink("c.toml", dir.join("link.toml")).unwrap();
    let o = waypost_in(&dir, &["map", "link.toml", "M1/LO1", "+K4"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "link.toml: M1/LO1 +K4\n");
    let link = std::fs::symlink_metadata(dir.join("link.toml")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    assert!(std::fs::read_to_string(&file).unwrap().contains("\"K4\""));
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_not_edited() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, file) = one_unit_curriculum("map-read-only");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&file).unwrap();
    for args in [
        vec!["map", "c.toml", "M1/LO1", "+K4"],
        vec!["add", "module", "c.toml", "--code", "M2"],
    ] {
        let o = waypost_in(&dir, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains("error: cannot write `c.toml`: the file is read-only"),
            "{err}"
        );
        assert!(err.contains("hint: "), "{err}");
        assert_eq!(std::fs::read(&file).unwrap(), before);
    }
    // A dry run only reads, so it still works.
    let o = waypost_in(&dir, &["map", "c.toml", "M1/LO1", "+K4", "--dry-run"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn concurrent_maps_all_land() {
    let (dir, file) = one_unit_curriculum("map-concurrent");
    let codes: Vec<String> = (1..=20).map(|i| format!("K{i}")).collect();
    let children: Vec<_> = codes
        .iter()
        .map(|code| {
            Command::new(env!("CARGO_BIN_EXE_waypost"))
                .args(["map", "c.toml", "M1/LO1", &format!("+{code}")])
                .current_dir(&dir)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut landed = Vec::new();
    for (code, child) in codes.iter().zip(children) {
        let o = child.wait_with_output().unwrap();
        match o.status.code() {
            Some(0) => landed.push(code.clone()),
            _ => assert!(
                stderr(&o).contains("error: "),
                "a failed edit says why: {}",
                stderr(&o)
            ),
        }
    }
    let text = std::fs::read_to_string(&file).unwrap();
    for code in &landed {
        assert!(
            text.contains(&format!("\"{code}\"")),
            "`map +{code}` exited 0 but its mapping is lost:\n{text}"
        );
    }
    assert_eq!(landed.len(), 20, "every edit waits its turn and lands");
    assert_eq!(leftovers(&dir), Vec::<String>::new());
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_on_standard_output_is_an_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_waypost"))
        .args(["check", DAY])
        .current_dir(root())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("error: cannot write standard output: "),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_on_standard_output_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_waypost"))
        .args(["framework", "realising-recovery-2007", "--format", "json"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away at once, as `| head -c0` would.
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "");
}

#[cfg(target_os = "linux")]
#[test]
fn output_through_a_link_to_standard_output_is_written_into_it() {
    // As `--output /dev/stdout`, whose link leads to a pipe with no name on disk.
    let dir = scratch("output-stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", dir.join("out")).unwrap();
    let o = waypost_in(
        &dir,
        &[
            "export",
            "realising-recovery-2007",
            "--to",
            "moodle",
            "--output",
            "out",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("K1"));
    let link = std::fs::symlink_metadata(dir.join("out")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    assert_eq!(leftovers(&dir), Vec::<String>::new());
}
