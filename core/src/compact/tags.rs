//! The tags of the compact form's values, shared by the reader and by the writer the build
//! script uses (`write.rs`).

/// A string met for the first time in a file: the next bytes of its pool.
pub(crate) const NEW_STRING: u8 = 0;
/// A string met before, by its offset in the pool.
pub(crate) const OLD_STRING: u8 = 1;
/// An integer.
pub(crate) const INTEGER: u8 = 2;
/// A float.
pub(crate) const FLOAT: u8 = 3;
/// `false`.
pub(crate) const FALSE: u8 = 4;
/// `true`.
pub(crate) const TRUE: u8 = 5;
/// A list.
pub(crate) const LIST: u8 = 6;
/// A table.
pub(crate) const TABLE: u8 = 7;
