//! The built-in frameworks and crosswalks in the compact form `build.rs` writes, and a serde
//! `Deserializer` that reads them into the model.
//!
//! At build time every data file under `curricula/` is parsed as TOML (a syntax error stops the
//! build with the file and location) and written in this form.
//!
//! Each file is a tree of values in bytes, with the text of its strings in a pool of its own,
//! in the order the tree first uses them; the names of table keys are in one table shared by
//! every file. A number is unsigned LEB128:
//!
//! ```text
//! value = 0 length                 a new string: the next `length` bytes of the pool
//!       | 1 offset length          a string already used, at `offset` in the pool
//!       | 2 number                 an integer, zigzag-encoded
//!       | 3 eight bytes            a float, little-endian IEEE 754
//!       | 4 | 5                    false | true
//!       | 6 count value*           a list
//!       | 7 count (key value)*     a table; `key` is a number, the index of its name
//! ```
//!
//! A string is text the compiler has checked is UTF-8 (the pool is embedded as `&str`), and a
//! string written twice (a domain id, `curated`, the curator's name) is stored once.
//!
//! Reading it, every string is handed to serde borrowed, so a model `String` costs one
//! allocation and copy and nothing else: no scanning for quotes, no escapes, no validation.
//! The model's own `Deserialize` implementations read it, as they read TOML, YAML and JSON,
//! so the built-in data and a user's file are read by the same rules.
//!
//! The data is written by this crate's build script: an error here means the build script
//! and this reader disagree, which the tests catch. It is still an error, never a panic.

use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Unexpected, Visitor,
    value::BorrowedStrDeserializer,
};

mod tags;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod write;

use tags::{FALSE, FLOAT, INTEGER, LIST, NEW_STRING, OLD_STRING, TABLE, TRUE};

/// An error reading the compact form: what went wrong, and the keys and indices leading to it.
/// (Boxed, so that a result of the reader's small steps fits in registers.)
#[derive(Debug)]
pub(crate) struct Error(Box<Problem>);

#[derive(Debug)]
struct Problem {
    message: String,
    /// Steps from the value up to the root.
    steps: Vec<String>,
}

impl Error {
    #[cold]
    fn new(message: impl Into<String>) -> Self {
        Error(Box::new(Problem {
            message: message.into(),
            steps: Vec::new(),
        }))
    }

    #[cold]
    fn within(mut self, step: String) -> Self {
        self.0.steps.push(step);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.steps.iter().rev().enumerate() {
            if i > 0 && !step.starts_with('[') {
                f.write_str(".")?;
            }
            f.write_str(step)?;
        }
        if !self.0.steps.is_empty() {
            f.write_str(": ")?;
        }
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    #[cold]
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error::new(message.to_string())
    }
}

/// Reads one file of the compact form into `T`: its tree, `bytes`, and its pool of strings,
/// `strings`, with the names of table keys in `keys`.
pub(crate) fn from_bytes<T: DeserializeOwned>(
    keys: &[&str],
    strings: &str,
    bytes: &[u8],
) -> Result<T, Error> {
    let mut reader = Reader {
        keys,
        strings,
        next: 0,
        bytes,
        pos: 0,
    };
    let value = T::deserialize(&mut reader)?;
    if reader.pos == bytes.len() && reader.next == strings.len() {
        Ok(value)
    } else {
        Err(Error::new("data left after the value"))
    }
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
            self.long_number(b)
        }
    }

    fn long_number(&mut self, first: u8) -> Result<usize, Error> {
        let mut n = usize::from(first & 0x7f);
        let mut shift = 7u32;
        loop {
            let b = self.byte()?;
            let bits = usize::from(b & 0x7f);
            if shift >= usize::BITS || (bits << shift) >> shift != bits {
                return Err(Error::new("a number is too large"));
            }
            n |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
            shift += 7;
        }
    }

    /// An unsigned LEB128 number of up to 64 bits (an integer, which on a 32-bit target may be
    /// larger than a count).
    fn integer(&mut self) -> Result<u64, Error> {
        let mut n = 0u64;
        let mut shift = 0u32;
        loop {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7f);
            if shift >= u64::BITS || (bits << shift) >> shift != bits {
                return Err(Error::new("a number is too large"));
            }
            n |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
            shift += 7;
        }
    }

    /// A string by its offset and length in the pool.
    #[inline]
    fn string_at(&self, start: usize, len: usize) -> Result<&'de str, Error> {
        start
            .checked_add(len)
            .and_then(|end| self.strings.get(start..end))
            .ok_or_else(|| Error::new("a string is outside the pool"))
    }

    /// The next new string of the pool.
    #[inline]
    fn new_string(&mut self) -> Result<&'de str, Error> {
        let len = self.number()?;
        let s = self.string_at(self.next, len)?;
        self.next += len;
        Ok(s)
    }

    /// A string met before.
    #[inline]
    fn old_string(&mut self) -> Result<&'de str, Error> {
        let start = self.number()?;
        let len = self.number()?;
        self.string_at(start, len)
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

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            NEW_STRING => visitor.visit_borrowed_str(self.new_string()?),
            OLD_STRING => visitor.visit_borrowed_str(self.old_string()?),
            INTEGER => {
                let n = self.integer()?;
                // Zigzag: 0, -1, 1, -2, ... as 0, 1, 2, 3, ...
                let signed = ((n >> 1) as i64) ^ -((n & 1) as i64);
                visitor.visit_i64(signed)
            }
            FLOAT => {
                let mut raw = [0u8; 8];
                for b in &mut raw {
                    *b = self.byte()?;
                }
                visitor.visit_f64(f64::from_le_bytes(raw))
            }
            FALSE => visitor.visit_bool(false),
            TRUE => visitor.visit_bool(true),
            LIST => {
                let left = self.number()?;
                let mut items = Items {
                    de: &mut *self,
                    index: 0,
                    left,
                };
                let value = visitor.visit_seq(&mut items)?;
                if items.left == 0 {
                    Ok(value)
                } else {
                    Err(de::Error::invalid_length(left, &"fewer items"))
                }
            }
            TABLE => {
                let left = self.number()?;
                let mut entries = Entries {
                    de: &mut *self,
                    key: "",
                    left,
                };
                let value = visitor.visit_map(&mut entries)?;
                if entries.left == 0 {
                    Ok(value)
                } else {
                    Err(de::Error::invalid_length(left, &"fewer entries"))
                }
            }
            tag => Err(Error::new(format!("unknown tag {tag}"))),
        }
    }

    /// The data has no null (TOML has none): a value that is there is `Some`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    /// An enum is written as the name of its variant.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.byte()? {
            NEW_STRING => visitor.visit_enum(BorrowedStrDeserializer::new(self.new_string()?)),
            OLD_STRING => visitor.visit_enum(BorrowedStrDeserializer::new(self.old_string()?)),
            tag => Err(de::Error::invalid_type(unexpected(tag), &visitor)),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

/// What a value with this tag is, for "found …" in type errors.
fn unexpected(tag: u8) -> Unexpected<'static> {
    match tag {
        INTEGER => Unexpected::Other("an integer"),
        FLOAT => Unexpected::Other("a float"),
        FALSE => Unexpected::Bool(false),
        TRUE => Unexpected::Bool(true),
        LIST => Unexpected::Seq,
        TABLE => Unexpected::Map,
        _ => Unexpected::Other("an unknown tag"),
    }
}

/// The items of a list still to be read.
struct Items<'a, 'de> {
    de: &'a mut Reader<'de>,
    index: usize,
    left: usize,
}

impl<'de> SeqAccess<'de> for &mut Items<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        let index = self.index;
        self.index += 1;
        seed.deserialize(&mut *self.de)
            .map(Some)
            .map_err(|e| e.within(format!("[{index}]")))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// The entries of a table still to be read, and the key of the one being read.
struct Entries<'a, 'de> {
    de: &'a mut Reader<'de>,
    key: &'de str,
    left: usize,
}

impl<'de> MapAccess<'de> for &mut Entries<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        self.key = self.de.key()?;
        let key = self.key;
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
            .map_err(|e: Error| e.within(key.to_string()))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let key = self.key;
        seed.deserialize(&mut *self.de)
            .map_err(|e| e.within(key.to_string()))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}
