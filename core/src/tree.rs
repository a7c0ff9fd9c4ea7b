//! TOML and YAML, read in two steps: the text is parsed into a tree of located nodes, and the
//! tree is deserialized into model types by a serde `Deserializer` of waypost's own, one for
//! every format (so the model's deserialization code exists once, not once per format). JSON,
//! which serde_json reads, is read into the same tree once serde_json has refused a text, so
//! that every problem in it is collected and placed as in TOML and YAML ([`json`]).
//!
//! Keeping the tree lets every error name the place of the node it is about, and the path to
//! it (`modules[0].units[1].covers`), even for errors that serde raises after reading a whole
//! table, such as a missing key.
//!
//! TOML values are typed as written. YAML scalars are typed by what the model asks for: a
//! plain `101` is text where a module code is expected and a number where a year is. Where the
//! model takes any value (keys waypost keeps but does not know), plain YAML scalars are read by
//! YAML 1.2's core schema: null, booleans, integers and floats, and text for everything else.
//!
//! Hostile YAML stops early: nesting is limited to [`MAX_DEPTH`] levels, and aliases may add at
//! most [`MAX_ALIAS_NODES`] nodes and [`MAX_ALIAS_BYTES`] of text in all, so an alias bomb
//! ("billion laughs", or one long text aliased many times) is refused before it expands. (The TOML parser limits nesting itself.)

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use granit_parser::{Event, Parser, ScalarStyle, Span};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::de::{
    self, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};

/// How deeply lists and tables may nest (as for JSON).
pub const MAX_DEPTH: usize = 128;

/// How many nodes aliases may add to a document, in all.
pub const MAX_ALIAS_NODES: usize = 100_000;

/// How many bytes of text aliases may add to a document, in all (as much as the largest file
/// waypost reads): counting nodes alone let a few aliases of one long text expand a file of a
/// megabyte to gigabytes.
pub const MAX_ALIAS_BYTES: usize = crate::source::MAX_INPUT_BYTES;

pub(crate) mod json;

/// Where a node starts: a byte offset (TOML), or a 1-based line and column (YAML). A JSON node
/// keeps three byte offsets: its start, its end, and where serde_json stands when an error
/// found after reading it reaches the enclosing list or table (see [`json`]); an error in JSON
/// is placed at a `Byte`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pos {
    Byte(usize),
    LineCol(usize, usize),
    Json(u32, u32, u32),
}

impl Pos {
    /// Where an error about a node is placed: its start, or for JSON where serde_json places
    /// an error found while reading the value, at its end.
    fn of_error(self) -> Pos {
        match self {
            Pos::Json(_, end, _) => Pos::Byte(end as usize),
            other => other,
        }
    }
}

/// A node of a document, with where it starts.
#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    pub(crate) value: Value<'a>,
    pub(crate) pos: Pos,
}

/// What a node holds.
#[derive(Debug, Clone)]
pub(crate) enum Value<'a> {
    /// A text scalar; `plain` when it is YAML written without quotes or a block indicator and
    /// has no tag that makes it text (`!!str`, `!`), so it may be read as null, a boolean or a
    /// number. TOML strings are never plain.
    Scalar {
        text: Cow<'a, str>,
        plain: bool,
    },
    /// A TOML integer.
    Int(i64),
    /// A TOML float.
    Float(f64),
    /// A TOML or JSON boolean.
    Bool(bool),
    /// A JSON `null`.
    Null,
    /// A JSON integer that is not negative.
    UInt(u64),
    Seq(Vec<Node<'a>>),
    Map(Vec<(Node<'a>, Node<'a>)>),
}

impl Node<'_> {
    fn null(pos: Pos) -> Self {
        Node {
            value: Value::Scalar {
                text: Cow::Borrowed(""),
                plain: true,
            },
            pos,
        }
    }

    /// The number of nodes in this subtree, and the bytes of text its scalars (and keys) hold.
    fn size(&self) -> (usize, usize) {
        let add = |(n, b): (usize, usize), (m, c): (usize, usize)| {
            (n.saturating_add(m), b.saturating_add(c))
        };
        match &self.value {
            Value::Scalar { text, .. } => (1, text.len()),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Null | Value::UInt(_) => {
                (1, 0)
            }
            Value::Seq(items) => items.iter().map(Node::size).fold((1, 0), add),
            Value::Map(entries) => entries
                .iter()
                .map(|(k, v)| add(k.size(), v.size()))
                .fold((1, 0), add),
        }
    }

    /// An empty YAML value or `null`, which a list or table may also be read from.
    fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true } if matches!(resolve(text), Resolved::Null))
    }

    /// `null` in any format (JSON's `null` is never read as an empty list or table).
    fn is_none(&self) -> bool {
        matches!(self.value, Value::Null) || self.is_null()
    }

    fn is_json(&self) -> bool {
        matches!(self.pos, Pos::Json(..))
    }

    /// Where serde_json places an error found after this value was read: where it stands
    /// once it has closed the enclosing list or table (see [`json`]).
    fn after(&self) -> Pos {
        match self.pos {
            Pos::Json(_, _, next) => Pos::Byte(next as usize),
            other => other,
        }
    }

    /// What the node is, for "found …" in type errors.
    fn unexpected(&self) -> Unexpected<'_> {
        match &self.value {
            Value::Scalar { text, plain: true } => match resolve(text) {
                Resolved::Null => Unexpected::Unit,
                Resolved::Bool(b) => Unexpected::Bool(b),
                Resolved::Unsigned(n) => Unexpected::Unsigned(n),
                Resolved::Signed(n) => Unexpected::Signed(n),
                Resolved::Float(f) => Unexpected::Float(f),
                Resolved::Text => Unexpected::Str(text),
            },
            Value::Scalar { text, .. } => Unexpected::Str(text),
            Value::Int(n) => Unexpected::Signed(*n),
            Value::Float(f) => Unexpected::Float(*f),
            Value::Bool(b) => Unexpected::Bool(*b),
            Value::Null => Unexpected::Other("null"),
            Value::UInt(n) => Unexpected::Unsigned(*n),
            Value::Seq(_) => Unexpected::Seq,
            Value::Map(_) => Unexpected::Map,
        }
    }
}

/// What a plain scalar means under YAML 1.2's core schema.
enum Resolved {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text,
}

fn resolve(text: &str) -> Resolved {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        "true" | "True" | "TRUE" => return Resolved::Bool(true),
        "false" | "False" | "FALSE" => return Resolved::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Resolved::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Resolved::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Resolved::Float(f64::NAN),
        _ => {}
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return u64::from_str_radix(hex, 16).map_or(Resolved::Text, Resolved::Unsigned);
    }
    if let Some(octal) = text.strip_prefix("0o") {
        return u64::from_str_radix(octal, 8).map_or(Resolved::Text, Resolved::Unsigned);
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = text.strip_prefix('+').unwrap_or(text).parse::<u64>() {
            return Resolved::Unsigned(n);
        }
        if let Ok(n) = text.parse::<i64>() {
            return Resolved::Signed(n);
        }
        // An integer too large for 64 bits is still a number.
        if let Ok(f) = text.parse::<f64>() {
            return Resolved::Float(f);
        }
    }
    if is_float(digits)
        && let Ok(f) = text.parse::<f64>()
    {
        return Resolved::Float(f);
    }
    Resolved::Text
}

/// `[0-9]+(.[0-9]*)?([eE][-+]?[0-9]+)?` or `.[0-9]+([eE]…)?`, as the core schema writes floats.
fn is_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (text, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = all_digits(whole)
        && all_digits(fraction)
        && (!whole.is_empty() || !fraction.is_empty())
        && (mantissa.contains('.') || exponent.is_some());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}

/// A step on the way to a node, for the error's pointer.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// An error reading a document: the message, where (when known), and the path from the
/// document's root.
#[derive(Debug)]
pub(crate) struct Error {
    pub message: String,
    pub pos: Option<Pos>,
    /// Steps from the node up to the root (reversed as the error travels up).
    steps: Vec<Step>,
}

impl Error {
    fn new(message: impl Into<String>, pos: Option<Pos>) -> Self {
        Error {
            message: message.into(),
            pos,
            steps: Vec::new(),
        }
    }

    /// Places the error at `node`, unless a deeper node already claimed it.
    fn at(self, node: &Node<'_>) -> Self {
        self.at_pos(node.pos.of_error())
    }

    fn at_pos(mut self, pos: Pos) -> Self {
        self.pos = self.pos.or(Some(pos));
        self
    }

    fn within(mut self, step: Step) -> Self {
        self.steps.push(step);
        self
    }

    /// The path from the root (`modules[0].units[1].covers`), if the error is inside the root.
    pub fn pointer(&self) -> Option<String> {
        let mut out = String::new();
        for step in self.steps.iter().rev() {
            match step {
                Step::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Step::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        (!out.is_empty()).then_some(out)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error::new(message.to_string(), None)
    }
}

/// Reads one YAML document into `T`.
#[cfg(test)]
pub(crate) fn from_yaml<T: de::DeserializeOwned>(text: &str) -> Result<T, Error> {
    let root = parse_yaml(text)?;
    from_tree(&root)
}

/// Reads a tree into `T`: a TOML or YAML document's, or the built-in frameworks' (in the
/// WebAssembly build).
pub(crate) fn from_tree<T: de::DeserializeOwned>(root: &Node<'_>) -> Result<T, Error> {
    T::deserialize(root).map_err(|e| e.at(root))
}

/// At most this many problems are collected from one document (see [`from_tree_all`]).
pub const MAX_PROBLEMS: usize = 100;

/// What [`from_tree_all`] made of a document: the value read from what remained once every
/// broken part was set aside, if it could be read, and every problem found on the way.
pub(crate) struct Collected<T> {
    pub value: Option<T>,
    pub errors: Vec<Error>,
    /// The `code` (or `id`) of every list item set aside, so a later check does not report a
    /// link to it as a link to nothing.
    pub set_aside: Vec<String>,
    /// For each list (by its path as written), the indices as written of the items set aside.
    pub removed: FxHashMap<String, Vec<usize>>,
}

/// Rewrites a path into what remained of a document (`statements[1].domain`) as the path in
/// the document as written, given the items set aside from each list ([`Collected::removed`]).
pub(crate) fn as_written_path(removed: &FxHashMap<String, Vec<usize>>, pointer: &str) -> String {
    let mut steps: Vec<Step> = Vec::new();
    for segment in pointer.split('.') {
        let (key, mut rest) = match segment.find('[') {
            Some(i) => (
                segment.get(..i).unwrap_or(""),
                segment.get(i..).unwrap_or(""),
            ),
            None => (segment, ""),
        };
        if !key.is_empty() {
            steps.push(Step::Key(key.to_string()));
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let Some((index, after)) = inner.split_once(']') else {
                return pointer.to_string();
            };
            let Ok(index) = index.parse::<usize>() else {
                return pointer.to_string();
            };
            steps.push(Step::Index(index));
            rest = after;
        }
    }
    let mut written: Vec<Step> = Vec::with_capacity(steps.len());
    for step in steps {
        let list = steps_text(&written);
        written.push(match step {
            Step::Index(now) => Step::Index(as_written(
                removed.get(&list).map_or(&[][..], Vec::as_slice),
                now,
            )),
            key => key,
        });
    }
    let mut out = steps_text(&written);
    if out.starts_with('.') {
        out.remove(0);
    }
    out
}

/// Reads a tree into `T`, collecting every problem rather than stopping at the first, so a
/// person fixes a file in one pass: after a problem, the part it is about is set aside (an
/// unknown key is dropped; any other problem inside a list item drops the innermost such item)
/// and the rest is read again. A problem outside every list item (a missing `title`) ends the collection,
/// as setting it aside would only add a second problem about the same place. Each problem keeps
/// its place and the path of the item as written (indices as in the file, not as left).
pub(crate) fn from_tree_all<T: de::DeserializeOwned>(mut root: Node<'_>) -> Collected<T> {
    let mut errors = Vec::new();
    let mut set_aside = Vec::new();
    // For each list (by its path as written), the indices as written of the items set aside.
    let mut removed: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    loop {
        let mut e = match from_tree::<T>(&root) {
            Ok(value) => {
                return Collected {
                    value: Some(value),
                    errors,
                    set_aside,
                    removed,
                };
            }
            Err(e) => e,
        };
        // The steps from the root down, as they are in the tree now.
        let path: Vec<Step> = e.steps.iter().rev().cloned().collect();
        // The same steps as written in the file, and the path of each list as written.
        let mut written = Vec::with_capacity(path.len());
        let mut lists = Vec::with_capacity(path.len());
        for step in &path {
            let list = steps_text(&written);
            written.push(match step {
                Step::Index(now) => Step::Index(as_written(
                    removed.get(&list).map_or(&[][..], Vec::as_slice),
                    *now,
                )),
                Step::Key(key) => Step::Key(key.clone()),
            });
            lists.push(list);
        }
        e.steps = written.iter().rev().cloned().collect();
        let unknown_key =
            e.message.starts_with("unknown field") || e.message.starts_with("unknown key");
        errors.push(e);
        if errors.len() >= MAX_PROBLEMS {
            break;
        }
        // The innermost list item the problem is in.
        let last_index = path.iter().rposition(|s| matches!(s, Step::Index(_)));
        let cut = if unknown_key && matches!(path.last(), Some(Step::Key(_))) {
            remove_at(&mut root, &path, false).map(|_| ())
        } else if let Some(k) = last_index {
            let Some(item) = path.get(..=k) else { break };
            let cut = remove_at(&mut root, item, true);
            if let (Some(code), Some(Step::Index(index)), Some(list)) =
                (cut.as_ref(), written.get(k), lists.get(k))
            {
                let list = removed.entry(list.clone()).or_default();
                list.push(*index);
                list.sort_unstable();
                set_aside.extend(code.clone());
            }
            cut.map(|_| ())
        } else {
            None
        };
        if cut.is_none() {
            break;
        }
    }
    Collected {
        value: None,
        errors,
        set_aside,
        removed,
    }
}

/// Steps from the root down as a path (`modules[0].units`).
fn steps_text(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Key(key) => {
                out.push('.');
                out.push_str(key);
            }
            Step::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// The index as written of the item now at `now` in a list from which the items at `removed`
/// (indices as written, sorted) were taken out.
fn as_written(removed: &[usize], now: usize) -> usize {
    let mut index = now;
    for r in removed {
        if *r <= index {
            index += 1;
        }
    }
    index
}

/// Removes the node at `path` (a key of a table, or an item of a list) from the tree. Returns
/// `None` if there is no such node, else the removed item's `code` or `id` if it has one.
fn remove_at(root: &mut Node<'_>, path: &[Step], item: bool) -> Option<Option<String>> {
    let (last, parents) = path.split_last()?;
    let mut node = root;
    for step in parents {
        node = match (step, &mut node.value) {
            (Step::Key(key), Value::Map(entries)) => entries
                .iter_mut()
                .find(|(k, _)| key_text(k) == key)
                .map(|(_, v)| v)?,
            (Step::Index(i), Value::Seq(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    match (last, &mut node.value) {
        (Step::Key(key), Value::Map(entries)) if !item => {
            let at = entries.iter().position(|(k, _)| key_text(k) == key)?;
            entries.remove(at);
            Some(None)
        }
        (Step::Index(i), Value::Seq(items)) if *i < items.len() => {
            let gone = items.remove(*i);
            let code = match &gone.value {
                Value::Map(entries) => entries
                    .iter()
                    .find(|(k, _)| matches!(key_text(k), "code" | "id"))
                    .and_then(|(_, v)| match &v.value {
                        Value::Scalar { text, .. } => Some(text.to_string()),
                        _ => None,
                    }),
                _ => None,
            };
            Some(code)
        }
        _ => None,
    }
}

/// Reads one YAML document into `T`, collecting every problem ([`from_tree_all`]).
pub(crate) fn from_yaml_all<T: de::DeserializeOwned>(text: &str) -> Result<Collected<T>, Error> {
    Ok(from_tree_all(parse_yaml(text)?))
}

/// Reads a TOML document into `T`, collecting every problem ([`from_tree_all`]). A syntax
/// error comes back as the TOML parser's own error.
pub(crate) fn from_toml_all<T: de::DeserializeOwned>(
    text: &str,
) -> Result<Collected<T>, toml::de::Error> {
    let table = toml::de::DeTable::parse(text)?;
    let pos = Pos::Byte(table.span().start);
    let root = Node {
        value: toml_table(table.into_inner()),
        pos,
    };
    Ok(from_tree_all(root))
}

/// Reads a JSON document into `T`, collecting every problem ([`from_tree_all`]) in a tree
/// placed as TOML's is ([`json::parse_at_starts`]). Only a text serde_json has refused is read
/// this way; a syntax error comes back as the first the tree's parser meets.
pub(crate) fn from_json_all<T: de::DeserializeOwned>(text: &str) -> Result<Collected<T>, Error> {
    Ok(from_tree_all(json::parse_at_starts(text)?))
}

/// Reads a JSON document into `T`, with serde_json's errors: the oracle tests hold the tree's
/// JSON parser (which places problems found after loading) to serde_json, the reader.
#[cfg(test)]
pub(crate) fn from_json<T: de::DeserializeOwned>(text: &str) -> Result<T, Error> {
    let root = json::parse(text)?;
    T::deserialize(&root).map_err(|e| e.at(&root))
}

/// Reads a TOML document into `T`. A syntax error comes back as the TOML parser's own error.
#[cfg(test)]
pub(crate) fn from_toml<T: de::DeserializeOwned>(
    text: &str,
) -> Result<Result<T, Error>, toml::de::Error> {
    let table = toml::de::DeTable::parse(text)?;
    let pos = Pos::Byte(table.span().start);
    // The parser's table is taken apart as the tree is built, so its strings move rather than
    // being copied and its memory is free again before the model is read from the tree.
    let root = Node {
        value: toml_table(table.into_inner()),
        pos,
    };
    Ok(from_tree(&root))
}

fn toml_table(table: toml::de::DeTable<'_>) -> Value<'_> {
    Value::Map(
        table
            .into_iter()
            .map(|(k, v)| {
                let pos = Pos::Byte(k.span().start);
                let key = Node {
                    value: Value::Scalar {
                        text: k.into_inner(),
                        plain: false,
                    },
                    pos,
                };
                (key, toml_node(v))
            })
            .collect(),
    )
}

fn toml_node(value: toml::Spanned<toml::de::DeValue<'_>>) -> Node<'_> {
    use toml::de::DeValue;
    let pos = Pos::Byte(value.span().start);
    let value = match value.into_inner() {
        DeValue::String(text) => Value::Scalar { text, plain: false },
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Int(n),
            Err(_) => Value::Scalar {
                text: Cow::Owned(i.to_string()),
                plain: false,
            },
        },
        DeValue::Float(f) => match f.as_str().parse::<f64>() {
            Ok(x) => Value::Float(x),
            Err(_) => Value::Scalar {
                text: Cow::Owned(f.to_string()),
                plain: false,
            },
        },
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Scalar {
            text: Cow::Owned(d.to_string()),
            plain: false,
        },
        DeValue::Array(items) => Value::Seq(items.into_iter().map(toml_node).collect()),
        DeValue::Table(table) => toml_table(table),
    };
    Node { value, pos }
}

fn position(span: &Span) -> Pos {
    Pos::LineCol(span.start.line(), span.start.col() + 1)
}

/// A list or table being built, with the anchor it will be stored under.
enum Open<'a> {
    Seq {
        node: Node<'a>,
        anchor: usize,
    },
    Map {
        node: Node<'a>,
        anchor: usize,
        key: Option<Node<'a>>,
        seen: FxHashSet<String>,
    },
}

/// Builds the tree of a YAML text's only document (an empty text is a null).
fn parse_yaml(text: &str) -> Result<Node<'_>, Error> {
    Ok(yaml_root(text)?.unwrap_or_else(|| Node::null(Pos::LineCol(1, 1))))
}

/// Builds the tree of a YAML text's only document, if it has one.
pub(crate) fn yaml_root(text: &str) -> Result<Option<Node<'_>>, Error> {
    let mut open: Vec<Open<'_>> = Vec::new();
    let mut anchors: FxHashMap<usize, Node<'_>> = FxHashMap::default();
    let mut alias_nodes = 0usize;
    let mut alias_bytes = 0usize;
    let mut root: Option<Node<'_>> = None;
    let mut documents = 0usize;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            let mark = e.marker();
            Error::new(e.info(), Some(Pos::LineCol(mark.line(), mark.col() + 1)))
        })?;
        let pos = position(&span);
        let (node, anchor) = match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(Error::new(
                        "a second YAML document (after `---`); a file holds one",
                        Some(pos),
                    ));
                }
                continue;
            }
            Event::Scalar(text, style, anchor, tag) => {
                let forced_text = tag.as_deref().is_some_and(|t| {
                    (t.handle() == "tag:yaml.org,2002:" && t.suffix() == "str")
                        || (t.handle() == "!" && t.suffix().is_empty())
                });
                let plain = matches!(style, ScalarStyle::Plain) && !forced_text;
                let node = Node {
                    value: Value::Scalar { text, plain },
                    pos,
                };
                (node, anchor)
            }
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                if open.len() >= MAX_DEPTH {
                    return Err(Error::new("recursion limit exceeded", Some(pos)));
                }
                let node = |value| Node { value, pos };
                open.push(if matches!(event, Event::SequenceStart(..)) {
                    Open::Seq {
                        node: node(Value::Seq(Vec::new())),
                        anchor,
                    }
                } else {
                    Open::Map {
                        node: node(Value::Map(Vec::new())),
                        anchor,
                        key: None,
                        seen: FxHashSet::default(),
                    }
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match open.pop() {
                Some(Open::Seq { node, anchor } | Open::Map { node, anchor, .. }) => (node, anchor),
                None => continue,
            },
            Event::Alias(id) => {
                let Some(target) = anchors.get(&id) else {
                    return Err(Error::new(
                        "an alias refers to the list or table it is inside",
                        Some(pos),
                    ));
                };
                let (nodes, bytes) = target.size();
                alias_nodes = alias_nodes.saturating_add(nodes);
                alias_bytes = alias_bytes.saturating_add(bytes);
                if alias_nodes > MAX_ALIAS_NODES {
                    return Err(Error::new(
                        "the document expands to more than waypost reads (too many nodes, aliases or too deep nesting)",
                        Some(pos),
                    ));
                }
                if alias_bytes > MAX_ALIAS_BYTES {
                    return Err(Error::new(
                        format!(
                            "the document expands to more than waypost reads (its aliases repeat more than {} MB of text)",
                            MAX_ALIAS_BYTES / (1024 * 1024)
                        ),
                        Some(pos),
                    ));
                }
                let mut node = target.clone();
                node.pos = pos;
                (node, 0)
            }
            _ => continue,
        };
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        match open.last_mut() {
            None => root = Some(node),
            Some(Open::Seq { node: seq, .. }) => {
                if let Value::Seq(items) = &mut seq.value {
                    items.push(node);
                }
            }
            Some(Open::Map {
                node: map,
                key,
                seen,
                ..
            }) => match key.take() {
                None => {
                    let Value::Scalar { text, .. } = &node.value else {
                        return Err(Error::new(
                            "a key must be text, not a list or a table",
                            Some(node.pos),
                        ));
                    };
                    if !seen.insert(text.to_string()) {
                        return Err(Error::new(
                            format!("the key `{text}` is written twice"),
                            Some(node.pos),
                        ));
                    }
                    *key = Some(node);
                }
                Some(k) => {
                    if let Value::Map(entries) = &mut map.value {
                        entries.push((k, node));
                    }
                }
            },
        }
    }
    Ok(root)
}

/// Runs `$body`, placing any error at `$node`.
macro_rules! located {
    ($node:expr, $body:expr) => {{
        let node = $node;
        let result = $body;
        result.map_err(|e: Error| e.at(node))
    }};
}

fn type_error<T>(node: &Node<'_>, expected: &dyn de::Expected) -> Result<T, Error> {
    let e: Error = de::Error::invalid_type(node.unexpected(), expected);
    // serde_json places a list or table of the wrong type at its first byte.
    match (node.pos, &node.value) {
        (Pos::Json(start, ..), Value::Seq(_) | Value::Map(_)) => {
            Err(e.at_pos(Pos::Byte(start as usize)))
        }
        _ => Err(e),
    }
}

/// Where a list's or table's reader stopped, for an error its visitor raises itself (a
/// duplicate or missing key): in JSON, after the last key or value read, or after the closing
/// bracket once all were read. Elsewhere, the container's own place.
struct Stop(Cell<Option<Pos>>);

impl Stop {
    fn new() -> Self {
        Stop(Cell::new(None))
    }

    /// Records that the reader stopped after `node`, or, with `closed`, after the whole
    /// list or table `node`. (Not inlined: this is called once per key read by each of the
    /// model's visitors.)
    #[inline(never)]
    fn set(&self, node: &Node<'_>, closed: bool) {
        if node.is_json() {
            self.0.set(Some(if closed {
                node.pos.of_error()
            } else {
                node.after()
            }));
        }
    }

    #[inline(never)]
    fn place(&self, e: Error) -> Error {
        match self.0.get() {
            Some(pos) => e.at_pos(pos),
            None => e,
        }
    }
}

impl Node<'_> {
    fn visit_seq<'de, V: Visitor<'de>>(
        &self,
        items: &[Node<'_>],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let stop = Stop::new();
        visitor
            .visit_seq(Items::new(items, self, &stop))
            .map_err(|e| stop.place(e))
    }

    fn visit_map<'de, V: Visitor<'de>>(
        &self,
        entries: &[(Node<'_>, Node<'_>)],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let stop = Stop::new();
        visitor
            .visit_map(Entries::new(entries, self, &stop))
            .map_err(|e| stop.place(e))
    }
}

impl<'de> de::Deserializer<'de> for &Node<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        located!(
            self,
            match &self.value {
                Value::Scalar { text, plain: true } => match resolve(text) {
                    Resolved::Null => visitor.visit_unit(),
                    Resolved::Bool(b) => visitor.visit_bool(b),
                    Resolved::Unsigned(n) => visitor.visit_u64(n),
                    Resolved::Signed(n) => visitor.visit_i64(n),
                    Resolved::Float(f) => visitor.visit_f64(f),
                    Resolved::Text => visitor.visit_str(text),
                },
                Value::Scalar { text, .. } => visitor.visit_str(text),
                Value::Int(n) => visitor.visit_i64(*n),
                Value::Float(f) => visitor.visit_f64(*f),
                Value::Bool(b) => visitor.visit_bool(*b),
                Value::Null => visitor.visit_unit(),
                Value::UInt(n) => visitor.visit_u64(*n),
                Value::Seq(items) => self.visit_seq(items, visitor),
                Value::Map(entries) => self.visit_map(entries, visitor),
            }
        )
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        located!(
            self,
            match &self.value {
                Value::Scalar { text, .. } => visitor.visit_str(text),
                _ => type_error(self, &visitor),
            }
        )
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        located!(
            self,
            if self.is_none() {
                visitor.visit_none()
            } else {
                visitor.visit_some(self)
            }
        )
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        located!(
            self,
            if self.is_none() {
                visitor.visit_unit()
            } else {
                type_error(self, &visitor)
            }
        )
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        located!(self, visitor.visit_newtype_struct(self))
    }

    /// A list; an empty value (`units:` with nothing after it) is an empty list.
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        located!(
            self,
            match &self.value {
                Value::Seq(items) => self.visit_seq(items, visitor),
                _ if self.is_null() => self.visit_seq(&[], visitor),
                _ => type_error(self, &visitor),
            }
        )
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    /// A table; an empty value is an empty table.
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        located!(
            self,
            match &self.value {
                Value::Map(entries) => self.visit_map(entries, visitor),
                _ if self.is_null() => self.visit_map(&[], visitor),
                _ => type_error(self, &visitor),
            }
        )
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        // serde_json would also read a struct from a list of its fields' values; this does not
        // (that would keep every struct's `visit_seq` in the WebAssembly build, for a shape
        // nobody writes), and says a table was expected.
        self.deserialize_map(visitor)
    }

    /// An enum: a variant's name, or a one-entry table from the name to its content.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        located!(
            self,
            match &self.value {
                Value::Scalar { text, .. } => {
                    let name: &str = text;
                    visitor.visit_enum(name.into_deserializer())
                }
                Value::Map(entries) if entries.len() == 1 => match entries.first() {
                    Some((name, content)) => visitor.visit_enum(Variant { name, content }),
                    None => type_error(self, &visitor),
                },
                _ => match (self.pos, &self.value) {
                    // serde_json's errors for an enum that is neither text nor a one-entry
                    // object: at its first byte, at its closing brace when it is empty, or
                    // after the first entry.
                    (Pos::Json(..), Value::Map(entries)) => Err(Error::new(
                        "expected value",
                        Some(match entries.first() {
                            Some((_, first)) => first.after(),
                            None => self.pos.of_error(),
                        }),
                    )),
                    (Pos::Json(start, ..), _) => Err(Error::new(
                        "expected value",
                        Some(Pos::Byte(start as usize + 1)),
                    )),
                    _ => type_error(self, &visitor),
                },
            }
        )
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 bytes byte_buf
    }
}

/// The items of a list, for serde.
struct Items<'n, 'a> {
    items: std::slice::Iter<'n, Node<'a>>,
    index: usize,
    list: &'n Node<'a>,
    stop: &'n Stop,
}

impl<'n, 'a> Items<'n, 'a> {
    fn new(items: &'n [Node<'a>], list: &'n Node<'a>, stop: &'n Stop) -> Self {
        Items {
            items: items.iter(),
            index: 0,
            list,
            stop,
        }
    }
}

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.items.next() else {
            self.stop.set(self.list, true);
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        self.stop.set(item, false);
        seed.deserialize(item)
            .map(Some)
            .map_err(|e| e.at_pos(item.after()).within(Step::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of a table, for serde.
struct Entries<'n, 'a> {
    entries: std::slice::Iter<'n, (Node<'a>, Node<'a>)>,
    value: Option<&'n (Node<'a>, Node<'a>)>,
    table: &'n Node<'a>,
    stop: &'n Stop,
}

impl<'n, 'a> Entries<'n, 'a> {
    fn new(entries: &'n [(Node<'a>, Node<'a>)], table: &'n Node<'a>, stop: &'n Stop) -> Self {
        Entries {
            entries: entries.iter(),
            value: None,
            table,
            stop,
        }
    }
}

pub(crate) fn key_text<'n>(key: &'n Node<'_>) -> &'n str {
    match &key.value {
        Value::Scalar { text, .. } => text,
        _ => "",
    }
}

impl<'de> MapAccess<'de> for Entries<'_, '_> {
    type Error = Error;

    /// Keys are always read as text, whatever they look like (`2025:` is the key "2025").
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else {
            self.stop.set(self.table, true);
            return Ok(None);
        };
        self.value = Some(entry);
        let (key, _) = entry;
        let text = key_text(key);
        self.stop.set(key, false);
        seed.deserialize(de::value::StrDeserializer::<Error>::new(text))
            .map(Some)
            .map_err(|e| e.at_pos(key.after()).within(Step::Key(text.to_string())))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom("a value without a key"));
        };
        self.stop.set(value, false);
        seed.deserialize(value).map_err(|e| {
            e.at_pos(value.after())
                .within(Step::Key(key_text(key).to_string()))
        })
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// A one-entry table read as an enum variant with content.
struct Variant<'n, 'a> {
    name: &'n Node<'a>,
    content: &'n Node<'a>,
}

impl<'de, 'n, 'a> EnumAccess<'de> for Variant<'n, 'a> {
    type Error = Error;
    type Variant = &'n Node<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Error> {
        let name = key_text(self.name);
        let variant = seed
            .deserialize(de::value::StrDeserializer::<Error>::new(name))
            .map_err(|e| e.at(self.name))?;
        Ok((variant, self.content))
    }
}

impl<'de> VariantAccess<'de> for &Node<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        if self.is_none() {
            Ok(())
        } else if self.is_json() {
            type_error(self, &"unit").map_err(|e: Error| e.at(self))
        } else {
            type_error(self, &"nothing after the name")
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Doc {
        code: String,
        #[serde(default)]
        year: Option<u8>,
        #[serde(default)]
        items: Vec<String>,
        #[serde(flatten)]
        extra: BTreeMap<String, serde_json::Value>,
    }

    #[test]
    fn scalars_take_the_type_the_model_asks_for() {
        let doc: Doc = from_yaml("code: 101\nyear: 2\nitems: [1, true, ~x]\n").unwrap();
        assert_eq!(doc.code, "101");
        assert_eq!(doc.year, Some(2));
        assert_eq!(doc.items, ["1", "true", "~x"]);
    }

    #[test]
    fn unknown_keys_are_read_by_the_core_schema() {
        let doc: Doc = from_yaml(
            "code: A\nn: 12\nneg: -3\nf: 1.5e3\nt: True\nz: ~\ns: '12'\nhex: 0x1F\nlist: [a, 2]\nmap: {k: v}\nword: 1.2.3\n",
        )
        .unwrap();
        let json = serde_json::to_string(&doc.extra).unwrap();
        assert_eq!(
            json,
            r#"{"f":1500.0,"hex":31,"list":["a",2],"map":{"k":"v"},"n":12,"neg":-3,"s":"12","t":true,"word":"1.2.3","z":null}"#
        );
    }

    #[test]
    fn an_empty_value_is_an_empty_list() {
        let doc: Doc = from_yaml("code: A\nitems:\n").unwrap();
        assert!(doc.items.is_empty());
        assert_eq!(doc.year, None);
    }

    #[test]
    fn a_type_error_names_the_node_and_its_path() {
        let e = from_yaml::<Vec<Doc>>("- code: A\n- code: B\n  year: first\n").unwrap_err();
        assert_eq!(e.pos, Some(Pos::LineCol(3, 9)));
        assert_eq!(e.pointer().as_deref(), Some("[1].year"));
        assert!(
            e.message.contains("invalid type: string \"first\""),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_missing_key_names_the_table_it_is_missing_from() {
        let e = from_yaml::<Vec<Doc>>("- code: A\n- year: 1\n").unwrap_err();
        assert_eq!(e.pos, Some(Pos::LineCol(2, 3)));
        assert_eq!(e.pointer().as_deref(), Some("[1]"));
        assert!(e.message.contains("missing field `code`"), "{}", e.message);
    }

    #[test]
    fn a_key_written_twice_is_refused_at_the_second() {
        let e = from_yaml::<Doc>("code: A\ncode: B\n").unwrap_err();
        assert_eq!(e.pos, Some(Pos::LineCol(2, 1)));
        assert!(e.message.contains("`code` is written twice"));
    }

    #[test]
    fn aliases_copy_their_anchor() {
        let doc: Doc = from_yaml("code: &c A1\nitems: [*c, *c]\n").unwrap();
        assert_eq!(doc.items, ["A1", "A1"]);
    }

    #[test]
    fn a_second_document_is_refused() {
        let e = from_yaml::<Doc>("code: A\n---\ncode: B\n").unwrap_err();
        assert!(matches!(e.pos, Some(Pos::LineCol(2, _))));
        assert!(e.message.contains("second YAML document"));
    }

    #[test]
    fn enums_read_a_name_or_a_one_entry_table() {
        #[derive(Debug, Deserialize, PartialEq)]
        #[serde(rename_all = "lowercase")]
        enum Shape {
            Dot,
            Line(u32),
            Box { w: u32 },
        }
        let shapes: Vec<Shape> = from_yaml("- dot\n- line: 3\n- box: {w: 2}\n").unwrap();
        assert_eq!(shapes, [Shape::Dot, Shape::Line(3), Shape::Box { w: 2 }]);
        let e = from_yaml::<Vec<Shape>>("- dot\n- circle\n").unwrap_err();
        assert_eq!(e.pos, Some(Pos::LineCol(2, 3)));
        assert!(e.message.contains("unknown variant `circle`"));
    }

    #[test]
    fn floats_and_integers_follow_the_core_schema() {
        for (text, float) in [
            ("1.5", true),
            (".5", true),
            ("1e3", true),
            ("1.", true),
            ("-2.5E-3", true),
            ("1e", false),
            (".", false),
            ("1.2.3", false),
            ("e5", false),
        ] {
            assert_eq!(matches!(resolve(text), Resolved::Float(_)), float, "{text}");
        }
        assert!(matches!(resolve("+7"), Resolved::Unsigned(7)));
        assert!(matches!(resolve("-7"), Resolved::Signed(-7)));
        assert!(matches!(resolve("0o17"), Resolved::Unsigned(15)));
        assert!(matches!(
            resolve("99999999999999999999"),
            Resolved::Float(_)
        ));
        assert!(matches!(resolve("yes"), Resolved::Text));
    }
}
