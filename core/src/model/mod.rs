//! The data model: frameworks, crosswalks, curricula and policies, as serde types.

pub mod crosswalk;
pub mod curriculum;
pub mod framework;
pub mod policy;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A value that may be written as one item or as a list (`to = "K4"` or `to = ["K4", "S11"]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// A single item.
    One(T),
    /// A list of items.
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The items as a slice, whichever way they were written.
    pub fn as_slice(&self) -> &[T] {
        match self {
            Self::One(item) => std::slice::from_ref(item),
            Self::Many(items) => items,
        }
    }
}
