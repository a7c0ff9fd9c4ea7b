//! Writing files safely: the one way every file waypost writes is written.
//!
//! A file is never left half-written: new content goes to a temporary file made beside the
//! real one (created exclusively, under a name nobody can guess), which is then renamed over
//! it, keeping its permissions; on any failure the temporary file is removed. A symbolic link
//! is followed, so the file it points to is replaced and the link kept; a device or a named
//! pipe is written straight into, never replaced by a regular file. A command never writes
//! over one of its own inputs, and never over a read-only file.
//!
//! Editing a file in place ([`Edit`]) also holds a lock on it from reading to writing, and
//! checks it has not changed meanwhile, so two edits at once both land (one waits for the
//! other) instead of one silently undoing the other. (The edits themselves, in
//! [`crate::edit`], keep the file's line endings and byte order mark.)

use std::{
    fs::{File, Metadata, OpenOptions},
    io::Write,
    path::{Path, PathBuf},
};

use crate::{Diagnostic, Error, Result};

/// How many symbolic links are followed before giving up (as the system does).
const MAX_LINKS: usize = 40;

/// Writes `bytes` to `path`, replacing the file there once the new content is complete.
///
/// `inputs` are the files the command read: writing over one of them is refused, whatever
/// name it is given (another spelling, a symbolic or a hard link).
pub fn write_file(path: &Path, bytes: &[u8], inputs: &[&Path]) -> Result<()> {
    write_file_with(path, inputs, &mut |w| w.write_all(bytes))
}

/// [`write_file`] of content written as it is produced: `write` writes it into the file (or
/// the temporary file that then replaces it), so a large report is never held whole.
pub fn write_file_with(
    path: &Path,
    inputs: &[&Path],
    write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let bytes = write;
    refuse_inputs(path, inputs)?;
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(not_a_file(path)),
        // The system follows the links (`/dev/stdout` is one to a pipe or a terminal).
        Ok(meta) if !meta.is_file() => write_into(path, bytes),
        Ok(meta) => {
            refuse_read_only(path, &meta)?;
            let target = resolve(path)?;
            replace(path, &target, bytes, Some(&meta))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // Nothing there yet, or a link to a file yet to be made.
            let target = follow_links(path)?;
            replace(path, &target, bytes, None)
        }
        Err(e) => Err(Error::write(path, &e)),
    }
}

/// The file an existing path names, every link followed by the system.
fn resolve(path: &Path) -> Result<PathBuf> {
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_symlink()) {
        return Ok(path.to_path_buf());
    }
    std::fs::canonicalize(path).map_err(|e| Error::write(path, &e))
}

/// What [`create_file`](crate::create_file) did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    /// The file was written.
    Written,
    /// Something had that name already, and was left as it was.
    Exists,
}

/// Writes a new file, never replacing anything that has the name, even something made while
/// the content was being written.
pub fn create_file(path: &Path, bytes: &[u8]) -> Result<Created> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Ok(Created::Exists);
    }
    let temp = temp_beside(path, None)?;
    let temp = fill(path, temp, &mut |w| w.write_all(bytes))?;
    match temp.persist_noclobber(path) {
        Ok(_) => Ok(Created::Written),
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(Created::Exists),
        Err(e) => Err(Error::write(path, &e.error)),
    }
}

/// A file being edited in place: read under a lock that is held until the edit is saved or
/// dropped.
#[derive(Debug)]
pub struct Edit {
    /// The path as given, for messages.
    path: PathBuf,
    /// The file itself, symbolic links followed.
    target: PathBuf,
    /// The open file the lock is held on; none for a file only read (a dry run).
    lock: Option<File>,
    /// The file's text as read.
    original: String,
}

impl Edit {
    /// Opens a file to edit: refuses a read-only file or one that is not a regular file, waits
    /// for any other waypost edit of it to finish, then reads it.
    pub fn open(path: &Path) -> Result<Edit> {
        let target = resolve(path).map_err(|_| match std::fs::metadata(path) {
            Err(e) => read_error(path, &e),
            Ok(_) => not_a_file(path),
        })?;
        for _ in 0..1000 {
            let meta = std::fs::metadata(&target).map_err(|e| read_error(path, &e))?;
            if meta.is_dir() {
                return Err(not_a_file(path));
            }
            if !meta.is_file() {
                return Err(Error::Write {
                    path: Some(path.display().to_string()),
                    message: "it is not a regular file".to_string(),
                    hint: Some("only curriculum files are edited in place".to_string()),
                });
            }
            refuse_read_only(path, &meta)?;
            // Opened for writing, so a file the user may not write is refused here, not
            // replaced because its folder is writable.
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .open(&target)
                .map_err(|e| Error::write(path, &e))?;
            file.lock().map_err(|e| Error::write(path, &e))?;
            // Another edit may have replaced the file while this one waited: the lock is then
            // on the old file, and must be taken again on the new one.
            let locked = file.metadata().map_err(|e| Error::write(path, &e))?;
            let current = std::fs::metadata(&target).map_err(|e| read_error(path, &e))?;
            if same_file(&locked, &current) {
                let mut edit = Edit::read(path)?;
                edit.target = target;
                edit.lock = Some(file);
                return Ok(edit);
            }
        }
        Err(Error::Write {
            path: Some(path.display().to_string()),
            message: "the file kept being replaced while waiting to edit it".to_string(),
            hint: Some("try again once other programs have finished with it".to_string()),
        })
    }

    /// Reads a file as [`Edit::open`] does, without a lock, for an edit that is only shown.
    pub fn read(path: &Path) -> Result<Edit> {
        let target = resolve(path).unwrap_or_else(|_| path.to_path_buf());
        let original = crate::format::read_file(&target).map_err(|e| rename_read(e, path))?;
        Ok(Edit {
            path: path.to_path_buf(),
            target,
            lock: None,
            original,
        })
    }

    /// The file's text, to edit (the editing verbs, such as [`map_unit`](crate::map_unit), keep its line endings and byte
    /// order mark).
    pub fn text(&self) -> &str {
        &self.original
    }

    /// Saves the edited text, provided the file is as it was read; the lock is released after.
    pub fn save(self, edited: &str) -> Result<()> {
        let path = self.path.as_path();
        if self.lock.is_none() {
            return Err(Error::Write {
                path: Some(path.display().to_string()),
                message: "the file was opened only to read it".to_string(),
                hint: None,
            });
        }
        let now = crate::format::read_file(&self.target).ok();
        if now.as_deref() != Some(self.original.as_str()) {
            return Err(Error::Write {
                path: Some(path.display().to_string()),
                message: "the file changed since waypost read it".to_string(),
                hint: Some("another program wrote it meanwhile; run the command again".to_string()),
            });
        }
        let meta = std::fs::metadata(&self.target).map_err(|e| Error::write(path, &e))?;
        replace(
            path,
            &self.target,
            &mut |w| w.write_all(edited.as_bytes()),
            Some(&meta),
        )
    }
}

/// Refuses to write `path` if it is one of `inputs`.
fn refuse_inputs(path: &Path, inputs: &[&Path]) -> Result<()> {
    let Ok(out) = std::fs::metadata(path) else {
        return Ok(());
    };
    for input in inputs {
        let same = match std::fs::metadata(input) {
            Ok(meta) => identical(path, &out, input, &meta),
            Err(_) => false,
        };
        if same {
            return Err(Error::parse(Diagnostic {
                path: Some(path.display().to_string()),
                message: format!(
                    "the output `{}` is the input `{}`: writing it would destroy the input",
                    path.display(),
                    input.display()
                ),
                hint: Some(
                    "write the output to another file, or leave out `--output` to print it"
                        .to_string(),
                ),
                ..Default::default()
            }));
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

/// Whether two paths name one file.
fn identical(a: &Path, a_meta: &Metadata, b: &Path, b_meta: &Metadata) -> bool {
    if cfg!(unix) {
        return same_file(a_meta, b_meta);
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The file a path names, symbolic links followed (the file need not exist).
fn follow_links(path: &Path) -> Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&current).map_err(|e| Error::write(path, &e))?;
                current = match current.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(Error::Write {
        path: Some(path.display().to_string()),
        message: "too many levels of symbolic links".to_string(),
        hint: Some("a link points, through others, back to itself".to_string()),
    })
}

fn not_a_file(path: &Path) -> Error {
    Error::Write {
        path: Some(path.display().to_string()),
        message: "it is a folder, not a file".to_string(),
        hint: Some("name a file inside it".to_string()),
    }
}

fn read_error(path: &Path, e: &std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        message: e.to_string().to_lowercase(),
    }
}

/// Names the path as given, rather than the file a link led to, in a read error.
fn rename_read(error: Error, path: &Path) -> Error {
    let shown = path.display().to_string();
    match error {
        Error::Io { message, .. } => Error::Io {
            path: shown,
            message,
        },
        Error::Parse(mut d) => {
            d.path = Some(shown);
            Error::Parse(d)
        }
        other => other,
    }
}

/// Refuses a file nobody may write. The permission bits are looked at directly, since the
/// system lets an administrator write any file.
fn refuse_read_only(path: &Path, meta: &Metadata) -> Result<()> {
    if meta.permissions().readonly() {
        return Err(Error::Write {
            path: Some(path.display().to_string()),
            message: "the file is read-only".to_string(),
            hint: Some(format!(
                "make it writable first (`chmod u+w {}`) if it is meant to change",
                path.display()
            )),
        });
    }
    Ok(())
}

/// Writes into a file that is not a regular one (a device, a named pipe), as it is.
fn write_into(
    path: &Path,
    bytes: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let file = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| Error::write(path, &e))?;
    let mut file = std::io::BufWriter::new(file);
    bytes(&mut file)
        .and_then(|()| file.flush())
        .map_err(|e| Error::write(path, &e))
}

/// An exclusively created temporary file in the folder of `target`, with the permissions of
/// the file it will replace (or those of a new file).
fn temp_beside(path: &Path, meta: Option<&Metadata>) -> Result<tempfile::NamedTempFile> {
    let dir = target_dir(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(".waypost-tmp")
        .rand_bytes(12);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // As a new file is made: everyone may read and write, less the user's umask.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(dir).map_err(|e| {
        // Said of the folder; the temporary file's name would only confuse.
        let message = e.to_string().to_lowercase();
        let message = message.split(" at path ").next().unwrap_or_default();
        Error::Write {
            path: Some(path.display().to_string()),
            message: message.to_string(),
            hint: None,
        }
    })?;
    if let Some(meta) = meta {
        let file = temp.as_file();
        file.set_permissions(meta.permissions())
            .map_err(|e| Error::write(path, &e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Keeping the owner needs the right to; without it the file is the writer's, as
            // an editor leaves it.
            let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
        }
    }
    Ok(temp)
}

fn target_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes the content to the temporary file and makes sure it is on disk. On failure the
/// temporary file is removed (when it is dropped).
fn fill(
    path: &Path,
    mut temp: tempfile::NamedTempFile,
    bytes: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<tempfile::NamedTempFile> {
    {
        let mut out = std::io::BufWriter::new(&mut temp);
        bytes(&mut out)
            .and_then(|()| out.flush())
            .map_err(|e| Error::write(path, &e))?;
    }
    temp.flush()
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| Error::write(path, &e))?;
    Ok(temp)
}

/// Replaces `target` (the file `path` names) with `bytes`, through a temporary file.
fn replace(
    path: &Path,
    target: &Path,
    bytes: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    meta: Option<&Metadata>,
) -> Result<()> {
    let temp = temp_beside(target, meta).map_err(|e| rename_write(e, path))?;
    let temp = fill(path, temp, bytes)?;
    temp.persist(target)
        .map(|_| ())
        .map_err(|e| Error::write(path, &e.error))
}

fn rename_write(error: Error, path: &Path) -> Error {
    match error {
        Error::Write { message, hint, .. } => Error::Write {
            path: Some(path.display().to_string()),
            message,
            hint,
        },
        other => other,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.contains("waypost-tmp"))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        write_file(&path, b"new", &[]).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder in the way of the rename: the content is written, then the rename fails.
        let path = dir.path().join("taken");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("inside"), "x").unwrap();
        let err = replace(&path, &path, &mut |w| w.write_all(b"new"), None).unwrap_err();
        assert!(err.to_string().starts_with("cannot write `"), "{err}");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn content_written_as_it_is_produced_replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        std::fs::write(&path, "old").unwrap();
        write_file_with(&path, &[], &mut |w| {
            for i in 0..100_000 {
                write!(w, "{i},")?;
            }
            Ok(())
        })
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.split(',').count(), 100_001);
        assert!(text.starts_with("0,1,2,") && text.ends_with("99999,"));
        assert!(leftovers(dir.path()).is_empty());
        // A failure while producing leaves the file as it was, and no temporary file.
        let err = write_file_with(&path, &[], &mut |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("stopped"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("stopped"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn writing_over_an_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("c.toml");
        std::fs::write(&input, "keep").unwrap();
        let other = dir.path().join(".").join("c.toml");
        let err = write_file(&other, b"lost", &[&input]).unwrap_err();
        assert!(err.to_string().contains("is the input"), "{err}");
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "keep");
    }

    #[test]
    fn create_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.toml");
        assert_eq!(create_file(&path, b"first").unwrap(), Created::Written);
        assert_eq!(create_file(&path, b"second").unwrap(), Created::Exists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn an_edit_fails_if_the_file_changed_meanwhile() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "a = 1\n").unwrap();
        let edit = Edit::open(&path).unwrap();
        std::fs::write(&path, "a = 2\n").unwrap();
        let err = edit.save("a = 3\n").unwrap_err();
        assert_eq!(err.code(), "io");
        assert!(
            err.to_string().contains("changed since waypost read it"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a = 2\n");
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_read_only_files_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "a = 1\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_file(&path, b"a = 2\n", &[]).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = Edit::open(&path).unwrap_err();
        assert!(err.to_string().contains(": the file is read-only"), "{err}");
        let err = write_file(&path, b"a = 3\n", &[]).unwrap_err();
        assert!(err.to_string().contains("read-only"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a = 2\n");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        let link = dir.path().join("link.toml");
        std::fs::write(&real, "a = 1\n").unwrap();
        std::os::unix::fs::symlink("real.toml", &link).unwrap();
        write_file(&link, b"a = 2\n", &[]).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "a = 2\n");
        let edit = Edit::open(&link).unwrap();
        edit.save("a = 3\n").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "a = 3\n");
    }
}
