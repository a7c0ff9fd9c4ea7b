//! The built-in frameworks and crosswalks in the compact form `build.rs` writes, and a serde
//! `Deserializer` that reads them into the model.
//!
//! At build time every data file under `core/data/` is parsed as TOML (a syntax error stops the
//! build with the file and location) and written in this form.
//!
//! Each file is a tree of values in bytes, with the text of its strings in a pool of its own,
//! in the order the tree uses them, each ended by a NUL character (a data file with a NUL in a
//! string stops the build); the names of table keys are in one table shared by every file. A
//! number is unsigned LEB128:
//!
//! ```text
//! value = 0                        a string: the next one of the pool
//!       | 1 number                 an integer, zigzag-encoded
//!       | 2 | 3                    false | true
//!       | 4 count value*           a list
//!       | 5 count (key value)*     a table; `key` is a number, the index of its name
//! ```
//!
//! The model of a framework or crosswalk has no floats: a float in a data file stops the build.
//!
//! The pool is embedded as `&str`, so the compiler has checked it is UTF-8 and nothing is
//! validated at start-up; a string is found by the NUL that ends it (a fast byte search) and
//! handed to serde borrowed, so a model `String` costs one allocation and copy. No text is
//! scanned for quotes or escapes. Strings are ended rather than counted, and not shared between
//! values, because the WebAssembly build ships this data compressed: lengths and offsets in
//! the tree compressed badly (the .wasm was 1.7 KB larger gzipped than with the JSON this
//! replaces; it is now smaller, raw and gzipped).
//!
//! The data is written by this crate's build script: an error here means the build script
//! and this reader disagree, which the tests catch. It is still an error, never a panic.

use std::fmt;

#[cfg(test)]
use crate::tree;
use serde::de::DeserializeOwned;

mod de;
mod tags;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod write;

#[cfg(test)]
use tags::{FALSE, INTEGER, LIST, STRING, TABLE, TRUE};

/// An error reading the compact form: what went wrong, after the path to the value where the
/// model rejected it (`statements[3].label: …`). Boxed, so that a result of the reader's small
/// steps fits in registers.
#[derive(Debug)]
pub(crate) struct Error(Box<Problem>);

#[derive(Debug)]
struct Problem {
    /// The path, if any, then the message.
    text: String,
    has_path: bool,
}

impl Error {
    #[cold]
    fn new(message: impl Into<String>) -> Self {
        Error(Box::new(Problem {
            text: message.into(),
            has_path: false,
        }))
    }

    /// The error, inside the key or index `step` (`[2]`).
    #[cold]
    fn within(mut self, step: &str) -> Self {
        let join = match (self.0.has_path, self.0.text.starts_with('[')) {
            (false, _) => ": ",
            (true, true) => "",
            (true, false) => ".",
        };
        self.0.text = format!("{step}{join}{}", self.0.text);
        self.0.has_path = true;
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.text)
    }
}

impl std::error::Error for Error {}

/// Reads one file of the compact form into `T`: its tree, `bytes`, and its pool of strings,
/// `strings`, with the names of table keys in `keys`.
///
/// The reader is serde's `Deserializer` itself (`de.rs`), in every build: one reader, the one
/// that starts fastest (reading through the tree TOML and YAML are read through made the
/// .wasm 23 KB smaller, 16 KB gzipped, and start-up slower; docs/performance.md).
pub(crate) fn from_bytes<T: DeserializeOwned>(
    keys: &[&str],
    strings: &str,
    bytes: &[u8],
) -> Result<T, Error> {
    de::direct(keys, strings, bytes)
}

/// Reads a file into a tree of nodes, then deserializes it from the tree: the tests' second
/// reading of the same data, which must give the same model as [`de::direct`].
#[cfg(test)]
fn through_tree<T: DeserializeOwned>(
    keys: &[&str],
    strings: &str,
    bytes: &[u8],
) -> Result<T, Error> {
    let mut reader = Reader::new(keys, strings, bytes);
    let root = reader.node(0)?;
    reader.finish()?;
    tree::from_tree(&root).map_err(|e| match e.pointer() {
        Some(pointer) => Error::new(format!("{pointer}: {}", e.message)),
        None => Error::new(e.message),
    })
}

/// Where the first NUL byte of `bytes` is, read eight bytes at a time (a string of the pool is
/// about 25 bytes long: a byte at a time, or `str::find`, cost more than the rest of reading it).
fn find_nul(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut at = 0;
    for chunk in bytes.chunks_exact(8) {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let v = u64::from_le_bytes(word);
        // Some byte of `v` is zero exactly when this is not 0.
        if v.wrapping_sub(ONES) & !v & HIGHS != 0 {
            break;
        }
        at += 8;
    }
    bytes
        .get(at..)?
        .iter()
        .position(|&b| b == 0)
        .map(|i| at + i)
}

/// A position in the compact form.
struct Reader<'de> {
    keys: &'de [&'de str],
    strings: &'de str,
    /// Where the next new string starts in the pool.
    next: usize,
    bytes: &'de [u8],
    pos: usize,
}

impl<'de> Reader<'de> {
    fn new(keys: &'de [&'de str], strings: &'de str, bytes: &'de [u8]) -> Self {
        Reader {
            keys,
            strings,
            next: 0,
            bytes,
            pos: 0,
        }
    }

    /// Checks that the whole tree and pool were read.
    fn finish(&self) -> Result<(), Error> {
        if self.pos == self.bytes.len() && self.next == self.strings.len() {
            Ok(())
        } else {
            Err(Error::new("data left after the value"))
        }
    }

    #[inline]
    fn byte(&mut self) -> Result<u8, Error> {
        match self.bytes.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                Ok(b)
            }
            None => Err(Error::new("the data ends early")),
        }
    }

    /// An unsigned LEB128 number: one byte below 128, read at once.
    #[inline]
    fn number(&mut self) -> Result<usize, Error> {
        let b = self.byte()?;
        if b < 0x80 {
            Ok(usize::from(b))
        } else {
            usize::try_from(self.leb128(b)?).map_err(|_| Error::new("a number is too large"))
        }
    }

    /// An unsigned LEB128 number of up to 64 bits (an integer, which on a 32-bit target may be
    /// larger than a count).
    fn integer(&mut self) -> Result<u64, Error> {
        let first = self.byte()?;
        self.leb128(first)
    }

    /// The rest of an unsigned LEB128 number whose first byte, `first`, was read already.
    fn leb128(&mut self, first: u8) -> Result<u64, Error> {
        let mut n = u64::from(first & 0x7f);
        let mut b = first;
        let mut shift = 7u32;
        while b & 0x80 != 0 {
            b = self.byte()?;
            let bits = u64::from(b & 0x7f);
            if shift >= u64::BITS || (bits << shift) >> shift != bits {
                return Err(Error::new("a number is too large"));
            }
            n |= bits << shift;
            shift += 7;
        }
        Ok(n)
    }

    /// The next string of the pool, which ends at a NUL character.
    #[inline]
    fn string(&mut self) -> Result<&'de str, Error> {
        let start = self.next;
        let found = self
            .strings
            .as_bytes()
            .get(start..)
            .and_then(find_nul)
            .and_then(|len| Some((len, self.strings.get(start..start + len)?)));
        match found {
            Some((len, s)) => {
                self.next = start + len + 1;
                Ok(s)
            }
            None => Err(Error::new("the pool of strings ends early")),
        }
    }

    /// The next value, as a node of the tree TOML and YAML are read through, `depth` lists
    /// and tables deep.
    #[cfg(test)]
    fn node(&mut self, depth: usize) -> Result<tree::Node<'de>, Error> {
        let pos = tree::Pos::Byte(self.pos);
        let text = |text: &'de str| tree::Value::Scalar {
            text: std::borrow::Cow::Borrowed(text),
            plain: false,
        };
        let value = match self.byte()? {
            STRING => text(self.string()?),
            INTEGER => {
                let n = self.integer()?;
                // Zigzag: 0, -1, 1, -2, ... as 0, 1, 2, 3, ...
                tree::Value::Int(((n >> 1) as i64) ^ -((n & 1) as i64))
            }
            FALSE => tree::Value::Bool(false),
            TRUE => tree::Value::Bool(true),
            tag @ (LIST | TABLE) => {
                if depth >= tree::MAX_DEPTH {
                    return Err(Error::new("the data nests too deeply"));
                }
                let count = self.number()?;
                // Each value takes a byte at least: a broken count allocates no more than that.
                let capacity = count.min(self.bytes.len().saturating_sub(self.pos));
                if tag == LIST {
                    let mut items = Vec::with_capacity(capacity);
                    for _ in 0..count {
                        items.push(self.node(depth + 1)?);
                    }
                    tree::Value::Seq(items)
                } else {
                    let mut entries = Vec::with_capacity(capacity);
                    for _ in 0..count {
                        let key = tree::Node {
                            pos: tree::Pos::Byte(self.pos),
                            value: text(self.key()?),
                        };
                        entries.push((key, self.node(depth + 1)?));
                    }
                    tree::Value::Map(entries)
                }
            }
            tag => return Err(Error::new(format!("unknown tag {tag}"))),
        };
        Ok(tree::Node { value, pos })
    }

    /// The name of a table's key.
    #[inline]
    fn key(&mut self) -> Result<&'de str, Error> {
        let index = self.number()?;
        match self.keys.get(index) {
            Some(key) => Ok(key),
            None => Err(Error::new("a key is not in the table of keys")),
        }
    }
}
