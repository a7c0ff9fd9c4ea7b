//! Writes TOML values in the compact form (see the reader, `mod.rs`). Used by the build script,
//! which includes this file, and by the reader's tests.

use std::collections::HashMap;

use super::tags::{FALSE, INTEGER, LIST, STRING, TABLE, TRUE};

/// The names of table keys, shared by every file, each given a number once.
#[derive(Debug, Default)]
pub(crate) struct Keys {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Keys {
    fn index(&mut self, key: &str) -> usize {
        if let Some(&i) = self.index.get(key) {
            return i;
        }
        let i = self.names.len();
        self.names.push(key.to_string());
        self.index.insert(key.to_string(), i);
        i
    }

    /// The names, by number.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }
}

/// One file in the compact form: its tree, and its pool of strings, each ended by a NUL.
#[derive(Debug, Default)]
pub(crate) struct File {
    pub(crate) tree: Vec<u8>,
    pub(crate) pool: String,
}

impl File {
    fn string(&mut self, s: &str) -> Result<(), String> {
        if s.contains('\0') {
            return Err(format!(
                "the string {s:?} holds a NUL character, which the built-in data cannot embed"
            ));
        }
        self.tree.push(STRING);
        self.pool.push_str(s);
        self.pool.push('\0');
        Ok(())
    }

    /// Appends `value` to the tree.
    pub(crate) fn value(&mut self, value: &toml::Value, keys: &mut Keys) -> Result<(), String> {
        match value {
            toml::Value::String(s) => self.string(s)?,
            toml::Value::Integer(n) => {
                self.tree.push(INTEGER);
                // Zigzag: 0, -1, 1, -2, ... as 0, 1, 2, 3, ...
                number(((n << 1) ^ (n >> 63)) as u64, &mut self.tree);
            }
            // No field of a framework or crosswalk is a number with a fraction.
            toml::Value::Float(x) => {
                return Err(format!(
                    "the float {x} has no place in a framework or crosswalk"
                ));
            }
            toml::Value::Boolean(b) => self.tree.push(if *b { TRUE } else { FALSE }),
            // As waypost's TOML reader gives it: the date or time as written.
            toml::Value::Datetime(d) => self.string(&d.to_string())?,
            toml::Value::Array(items) => {
                self.tree.push(LIST);
                number(items.len() as u64, &mut self.tree);
                for item in items {
                    self.value(item, keys)?;
                }
            }
            toml::Value::Table(table) => {
                self.tree.push(TABLE);
                number(table.len() as u64, &mut self.tree);
                for (key, item) in table {
                    number(keys.index(key) as u64, &mut self.tree);
                    self.value(item, keys)
                        .map_err(|e| format!("under the key `{key}`: {e}"))?;
                }
            }
        }
        Ok(())
    }
}

/// An unsigned LEB128 number.
pub(crate) fn number(mut n: u64, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}
