//! Where things are in a document's text: the position index that places problems found after
//! parsing (`modules[1].units[0].covers[2]` → line 14, column 12).
//!
//! A check can find thousands of problems in one file. Each is placed through one index built
//! once per document (one parse of the text, one table of line starts), so placing N problems
//! costs one parse and N look-ups, not N parses.

use std::collections::HashMap;

use crate::{
    error::Diagnostic,
    source::Format,
    tree::{self, Pos, Value},
};

/// The line and column (1-based, the column in characters) of a byte offset in `text`: the one
/// way a byte position becomes a place, for a single look-up (an offset inside a character
/// counts as that character; one past the end as the end). Many look-ups in one text go
/// through a [`LineIndex`], which gives the same answers.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = char_start(text, offset);
    let before = text.get(..offset).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    (
        before.matches('\n').count() + 1,
        column(text, line_start, offset),
    )
}

/// `offset`, within the text and moved back to the start of the character it falls in.
fn char_start(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The 1-based column, in characters, of `offset` on the line that starts at `line_start`.
fn column(text: &str, line_start: usize, offset: usize) -> usize {
    text.get(line_start..offset)
        .unwrap_or_default()
        .chars()
        .count()
        + 1
}

/// Byte offsets → 1-based line and column (in characters), from a table of line starts.
#[derive(Debug)]
pub(crate) struct LineIndex {
    /// The byte offset where each line starts; the first is 0.
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The line and column of a byte offset (an offset inside a character counts as that
    /// character; one past the end as the end).
    pub(crate) fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = char_start(text, offset);
        // The number of line starts at or before the offset is the 1-based line.
        let line = self.starts.partition_point(|s| *s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        (line, column(text, start, offset))
    }
}

/// Every place a pointer can name in one document, built from one parse.
#[derive(Debug)]
pub(crate) enum Positions {
    /// TOML: the parsed document with its spans, and the line starts of its text.
    Toml {
        doc: Box<toml_edit::Document<String>>,
        lines: LineIndex,
    },
    /// YAML and JSON: a tree of every node's place, by key and index.
    Tree(Node),
    /// The text could not be parsed again: nothing can be placed.
    None,
}

/// One node of a YAML or JSON document: where it starts, and its children.
#[derive(Debug, Default)]
pub(crate) struct Node {
    place: Option<(usize, usize)>,
    children: HashMap<Step, Node>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Step {
    Key(String),
    Index(usize),
}

#[cfg(test)]
thread_local! {
    /// How many indexes this thread has built, so a test can tell that placing many problems
    /// parses the document once.
    pub(crate) static BUILDS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl Positions {
    /// Parses `text` once and indexes every place in it.
    pub(crate) fn build(text: &str, format: Format) -> Self {
        #[cfg(test)]
        BUILDS.with(|b| b.set(b.get() + 1));
        match format {
            Format::Toml => match text.parse::<toml_edit::Document<String>>() {
                Ok(doc) => Positions::Toml {
                    doc: Box::new(doc),
                    lines: LineIndex::new(text),
                },
                Err(_) => Positions::None,
            },
            Format::Json | Format::Yaml => {
                places(text, format).map_or(Positions::None, Positions::Tree)
            }
            Format::Csv => Positions::None,
        }
    }

    /// Gives a diagnostic that has a pointer and no line yet the line and column of the place
    /// it points to in `text`: how every problem found after parsing is placed in a text.
    pub(crate) fn place(&self, text: &str, d: &mut Diagnostic) {
        if d.line.is_none()
            && let Some((line, column)) = d.pointer.as_deref().and_then(|p| self.locate(text, p))
        {
            d.line = Some(line);
            d.column = Some(column);
        }
    }

    /// The line and column of the value at `pointer` (`modules[1].units[0].covers[2]`) in
    /// `text`, the text this index was built from. Where the path cannot be followed to the end,
    /// the deepest place reached is given.
    pub(crate) fn locate(&self, text: &str, pointer: &str) -> Option<(usize, usize)> {
        let segments = pointer_segments(pointer);
        match self {
            Positions::Toml { doc, lines } => walk_table(doc.as_table(), &segments, None)
                .map(|offset| lines.line_col(text, offset)),
            Positions::Tree(root) => {
                let mut node = root;
                let mut best = node.place;
                for segment in &segments {
                    let step = match segment {
                        Segment::Key(k) => Step::Key((*k).to_string()),
                        Segment::Index(i) => Step::Index(*i),
                    };
                    match node.children.get(&step) {
                        Some(child) => {
                            node = child;
                            best = child.place.or(best);
                        }
                        None => break,
                    }
                }
                best
            }
            Positions::None => None,
        }
    }
}

fn start(span: Option<std::ops::Range<usize>>) -> Option<usize> {
    span.map(|s| s.start)
}

fn walk_table(
    table: &toml_edit::Table,
    segments: &[Segment<'_>],
    best: Option<usize>,
) -> Option<usize> {
    let Some((Segment::Key(key), rest)) = segments.split_first() else {
        return best.or(start(table.span()));
    };
    let Some((key, item)) = table.get_key_value(key) else {
        return best;
    };
    walk_item(item, rest, start(key.span()).or(best))
}

fn walk_item(
    item: &toml_edit::Item,
    segments: &[Segment<'_>],
    best: Option<usize>,
) -> Option<usize> {
    match item {
        toml_edit::Item::Table(table) => walk_table(table, segments, best),
        toml_edit::Item::ArrayOfTables(array) => match segments.split_first() {
            Some((Segment::Index(i), rest)) => match array.get(*i) {
                Some(table) => walk_table(table, rest, start(table.span()).or(best)),
                None => best,
            },
            _ => best,
        },
        toml_edit::Item::Value(value) => walk_value(value, segments, best),
        toml_edit::Item::None => best,
    }
}

fn walk_value(
    value: &toml_edit::Value,
    segments: &[Segment<'_>],
    best: Option<usize>,
) -> Option<usize> {
    let here = start(value.span()).or(best);
    match (value, segments.split_first()) {
        (_, None) => here,
        (toml_edit::Value::Array(array), Some((Segment::Index(i), rest))) => array
            .get(*i)
            .map_or(here, |inner| walk_value(inner, rest, here)),
        (toml_edit::Value::InlineTable(table), Some((Segment::Key(key), rest))) => {
            match table.get_key_value(key) {
                Some((k, toml_edit::Item::Value(inner))) => {
                    walk_value(inner, rest, start(k.span()).or(here))
                }
                Some((k, _)) => start(k.span()).or(here),
                None => here,
            }
        }
        _ => here,
    }
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn pointer_segments(pointer: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    for part in pointer.split('.') {
        let (key, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !key.is_empty() {
            out.push(Segment::Key(key));
        }
        while let Some(stripped) = rest.strip_prefix('[') {
            let Some((index, after)) = stripped.split_once(']') else {
                break;
            };
            if let Ok(i) = index.parse() {
                out.push(Segment::Index(i));
            }
            rest = after;
        }
    }
    out
}

/// Every node of a YAML or JSON text with its line and column, from the tree the readers build
/// ([`crate::tree`]), so the text is parsed the one way it was read. A text the readers refuse
/// has none (problems are placed in texts that were read).
fn places(text: &str, format: Format) -> Option<Node> {
    let tree = match format {
        Format::Json => tree::json::parse(text).map(Some),
        _ => tree::yaml_root(text),
    }
    .ok()?;
    let mut root = Node::default();
    // An empty document has no places.
    let Some(tree) = tree else {
        return Some(root);
    };
    let mut lines = None;
    add(&tree, &mut root, &mut |pos| match pos {
        Pos::LineCol(line, column) => (line, column),
        Pos::Byte(offset) => lines
            .get_or_insert_with(|| LineIndex::new(text))
            .line_col(text, offset),
        Pos::Json(offset, ..) => lines
            .get_or_insert_with(|| LineIndex::new(text))
            .line_col(text, offset as usize),
    });
    Some(root)
}

/// Adds a tree node's place and its children's to `into`. A path met twice (a key repeated in
/// JSON) keeps its first place; the nodes under the repeat are still added where the first has
/// none. An alias stands for its anchor's nodes in one place: its copied children start before
/// it (an anchor comes before its aliases), and are not added.
fn add(node: &tree::Node<'_>, into: &mut Node, place: &mut dyn FnMut(Pos) -> (usize, usize)) {
    let here = place(node.pos);
    into.place.get_or_insert(here);
    let children: Box<dyn Iterator<Item = (Step, &tree::Node<'_>)>> = match &node.value {
        Value::Seq(items) => Box::new(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| (Step::Index(i), item)),
        ),
        Value::Map(entries) => Box::new(
            entries
                .iter()
                .map(|(key, value)| (Step::Key(tree::key_text(key).to_string()), value)),
        ),
        _ => return,
    };
    for (step, child) in children {
        if place(child.pos) < here {
            continue;
        }
        add(child, into.children.entry(step).or_default(), place);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;
    use crate::Catalog;

    fn builds() -> usize {
        BUILDS.with(std::cell::Cell::get)
    }

    /// A curriculum in each format whose every unit covers an unknown code.
    fn curriculum(format: Format, problems: usize) -> String {
        let units = (0..problems).map(|i| (format!("U{i}"), format!("ZZ{i}")));
        match format {
            Format::Toml => {
                let mut out =
                    "id = \"c\"\ntitle = \"C\"\n\n[[modules]]\ncode = \"M\"\n".to_string();
                for (id, code) in units {
                    out.push_str(&format!(
                        "\n[[modules.units]]\nid = \"{id}\"\ncovers = [\"{code}\"]\n"
                    ));
                }
                out
            }
            Format::Json => {
                let list: Vec<String> = units
                    .map(|(id, code)| format!("{{\"id\": \"{id}\", \"covers\": [\"{code}\"]}}"))
                    .collect();
                format!(
                    "{{\"id\": \"c\", \"title\": \"C\", \"modules\": [{{\"code\": \"M\", \"units\": [\n{}\n]}}]}}",
                    list.join(",\n")
                )
            }
            _ => {
                let mut out = "id: c\ntitle: C\nmodules:\n  - code: M\n    units:\n".to_string();
                for (id, code) in units {
                    out.push_str(&format!("      - id: {id}\n        covers: [{code}]\n"));
                }
                out
            }
        }
    }

    /// Placing N problems parses the document for places once, not once per problem, and
    /// places every one of them where the old one-parse-per-problem walk did.
    #[test]
    fn one_look_up_and_the_index_place_every_offset_alike() {
        let text = "a = \"é\"\r\n\n  b = [\"日本\", 2]\nlast";
        let lines = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                super::line_col(text, offset),
                lines.line_col(text, offset),
                "offset {offset}"
            );
        }
        assert_eq!(super::line_col(text, text.len()), (4, 5));
        assert_eq!(super::line_col("", 3), (1, 1));
    }

    #[test]
    fn placing_many_problems_parses_the_document_once() {
        let catalog = Catalog::builtin().unwrap();
        for (format, name, first) in [
            (Format::Toml, "c.toml", (9, 11)),
            (Format::Json, "c.json", (2, 25)),
            (Format::Yaml, "c.yaml", (7, 18)),
        ] {
            let text = curriculum(format, 300);
            let c = crate::load::load_curriculum(&text, None, Some(name)).unwrap();
            let before = builds();
            let e = crate::validate::validate(catalog, &c, None).unwrap_err();
            assert_eq!(builds() - before, 1, "{name}: one index for every problem");
            let ds = e.diagnostics();
            assert_eq!(ds.len(), 300, "{name}");
            assert!(ds.iter().all(|d| d.line.is_some() && d.column.is_some()));
            assert_eq!(
                (ds[0].line.unwrap(), ds[0].column.unwrap()),
                first,
                "{name}"
            );
            // Each problem on its own unit's line: the places are not all one place.
            let lines: std::collections::BTreeSet<_> = ds.iter().map(|d| d.line).collect();
            assert_eq!(lines.len(), 300, "{name}");
            // Checking again reuses the curriculum's index.
            crate::validate::validate(catalog, &c, None).unwrap_err();
            assert_eq!(builds() - before, 1, "{name}: the index is kept");
        }
    }

    #[test]
    fn a_self_assessment_and_a_framework_are_parsed_once_for_places() {
        let catalog = Catalog::builtin().unwrap();
        let mut text =
            "framework = \"realising-recovery-2007\"\nname = \"A\"\n\n[ratings]\n".to_string();
        for i in 0..200 {
            text.push_str(&format!("ZZ{i} = \"aware\"\n"));
        }
        let a = crate::plan::load_self_assessment(&text, None, Some("a.toml")).unwrap();
        let before = builds();
        let e = crate::plan::plan(catalog, &a, &Default::default()).unwrap_err();
        assert_eq!(builds() - before, 1);
        assert_eq!(e.diagnostics().len(), 200);
        assert_eq!(e.diagnostics()[0].line, Some(5));

        let framework = include_str!("../data/frameworks/realising-recovery-2007.toml");
        // Every statement's domain made unknown: one problem per statement.
        let broken = framework.replace("\ndomain = \"", "\ndomain = \"zz-");
        let before = builds();
        let e =
            crate::load::load_framework(&broken, Some(Format::Toml), Some("f.toml")).unwrap_err();
        assert_eq!(builds() - before, 1);
        assert!(e.diagnostics().len() > 20);
        assert!(e.diagnostics().iter().all(|d| d.line.is_some()));
    }

    #[test]
    fn offsets_become_lines_and_columns_in_characters() {
        let text = "ab\ncé d\n\nx";
        let lines = LineIndex::new(text);
        assert_eq!(lines.line_col(text, 0), (1, 1));
        assert_eq!(lines.line_col(text, 2), (1, 3));
        assert_eq!(lines.line_col(text, 3), (2, 1));
        // After `cé`: é is two bytes, one column.
        assert_eq!(lines.line_col(text, 6), (2, 3));
        // Inside é: that character.
        assert_eq!(lines.line_col(text, 5), (2, 2));
        assert_eq!(lines.line_col(text, 9), (3, 1));
        assert_eq!(lines.line_col(text, 99), (4, 2));
    }

    #[test]
    fn a_path_followed_part_way_gives_the_deepest_place_reached() {
        let text = "a:\n  b:\n    - x\n    - y\n";
        let positions = Positions::build(text, Format::Yaml);
        assert_eq!(positions.locate(text, "a.b[1]"), Some((4, 7)));
        assert_eq!(positions.locate(text, "a.b[7]"), Some((3, 5)));
        // A repeated key (JSON keeps one; YAML refuses it): the first place, and what only the
        // repeat has.
        let text = "{\"a\": {\"b\": [\"x\"]},\n \"a\": {\"c\": 1}}";
        let positions = Positions::build(text, Format::Json);
        assert_eq!(positions.locate(text, "a"), Some((1, 7)));
        assert_eq!(positions.locate(text, "a.c"), Some((2, 13)));
        assert_eq!(positions.locate(text, "zz"), Some((1, 1)));
        let toml = "[[m]]\nu = [\"a\", \"b\"]\n";
        let positions = Positions::build(toml, Format::Toml);
        assert_eq!(positions.locate(toml, "m[0].u[1]"), Some((2, 11)));
        assert_eq!(positions.locate(toml, "m[0].u[5]"), Some((2, 5)));
        assert!(matches!(
            Positions::build("= x", Format::Toml),
            Positions::None
        ));
    }

    /// YAML and JSON are placed through the tree the readers build: an alias is one place for
    /// its anchor's nodes, a key repeated in JSON keeps its first place, an empty document has
    /// none, and a text the readers refuse has no index.
    #[test]
    fn yaml_and_json_places_come_from_the_readers_tree() {
        let yaml = "base: &b\n  x: 1\nm:\n  - *b\n  - {x: 2}\n";
        let at = |text: &str, format, pointer| Positions::build(text, format).locate(text, pointer);
        assert_eq!(at(yaml, Format::Yaml, "base.x"), Some((2, 6)));
        assert_eq!(at(yaml, Format::Yaml, "m[0].x"), Some((4, 5)));
        assert_eq!(at(yaml, Format::Yaml, "m[1].x"), Some((5, 9)));
        let json = "{\"z\": {\"a\": 1, \"a\": {\"b\": 2}},\n \"日本\": [true]}";
        assert_eq!(at(json, Format::Json, "z.a"), Some((1, 13)));
        assert_eq!(at(json, Format::Json, "z.a.b"), Some((1, 27)));
        assert_eq!(at(json, Format::Json, "日本[0]"), Some((2, 9)));
        assert_eq!(at("# nothing\n", Format::Yaml, "a"), None);
        assert!(matches!(
            Positions::build("a: [1,\n", Format::Yaml),
            Positions::None
        ));
    }
}
