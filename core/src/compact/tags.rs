//! The tags of the compact form's values, shared by the reader and by the writer the build
//! script uses (`write.rs`).

/// A string: the next string of the pool.
pub(crate) const STRING: u8 = 0;
/// An integer.
pub(crate) const INTEGER: u8 = 1;
/// `false`.
pub(crate) const FALSE: u8 = 2;
/// `true`.
pub(crate) const TRUE: u8 = 3;
/// A list.
pub(crate) const LIST: u8 = 4;
/// A table.
pub(crate) const TABLE: u8 = 5;
