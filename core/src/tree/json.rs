//! JSON into the same tree as TOML and YAML. serde_json reads JSON (docs/performance.md, "One
//! JSON reader"); this parser serves where a tree is needed: to place a problem found after
//! loading (`position::Positions`), and, once serde_json has refused a text, to read it again
//! and collect every problem in it as TOML and YAML do ([`parse_at_starts`]).
//!
//! The reader follows serde_json's grammar and its errors exactly: the same messages, raised
//! at the same byte, and every node keeps where it starts, where it ends and where the next
//! token after it starts, so that errors found while deserializing are placed where
//! serde_json places them (`format::json_tree_tests` holds the two to each other).
//! One difference is inherent to reading in two steps: a syntax error is reported before a
//! type error that comes earlier in the text.

use std::borrow::Cow;

use super::{Error, MAX_DEPTH, Node, Pos, Value};

/// Reads one JSON document into a tree.
pub(crate) fn parse(text: &str) -> Result<Node<'_>, Error> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        index: 0,
    };
    let root = reader.value(0)?;
    if reader.whitespace().is_some() {
        return Err(reader.peek_error("trailing characters"));
    }
    Ok(root)
}

/// Reads one JSON document into a tree whose nodes are placed where they start, as a TOML
/// document's are: the tree every problem of shape in a JSON text is collected from once
/// serde_json has refused it ([`super::from_json_all`]), so each problem is placed, and worded,
/// as the same mistake in TOML or YAML is (a wrong value at its first character, a missing key
/// at its table's opening brace), not where serde_json would have stopped reading.
pub(crate) fn parse_at_starts(text: &str) -> Result<Node<'_>, Error> {
    let mut root = parse(text)?;
    at_start(&mut root);
    Ok(root)
}

/// Places `node` and everything in it at their starts (nesting is at most [`MAX_DEPTH`]).
fn at_start(node: &mut Node<'_>) {
    if let Pos::Json(start, ..) = node.pos {
        node.pos = Pos::Byte(start as usize);
    }
    match &mut node.value {
        Value::Seq(items) => items.iter_mut().for_each(at_start),
        Value::Map(entries) => {
            for (key, value) in entries {
                at_start(key);
                at_start(value);
            }
        }
        _ => {}
    }
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    index: usize,
}

/// A byte offset as a node keeps it (inputs are far below 4 GB, see `MAX_INPUT_BYTES`).
fn offset(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.index).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek();
        if b.is_some() {
            self.index += 1;
        }
        b
    }

    /// Skips whitespace and returns the next byte without consuming it.
    fn whitespace(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.index += 1;
        }
        self.peek()
    }

    /// An error at the current position (serde_json's `error`).
    fn error(&self, message: &str) -> Error {
        Error::new(message, Some(Pos::Byte(self.index)))
    }

    /// An error about the next byte (serde_json's `peek_error`).
    fn peek_error(&self, message: &str) -> Error {
        Error::new(
            message,
            Some(Pos::Byte((self.index + 1).min(self.bytes.len()))),
        )
    }

    /// A value, then the whitespace after it.
    fn value(&mut self, depth: usize) -> Result<Node<'a>, Error> {
        let Some(peek) = self.whitespace() else {
            return Err(self.peek_error("EOF while parsing a value"));
        };
        let start = self.index;
        let value = match peek {
            b'n' => {
                self.index += 1;
                self.ident(b"ull")?;
                Value::Null
            }
            b't' => {
                self.index += 1;
                self.ident(b"rue")?;
                Value::Bool(true)
            }
            b'f' => {
                self.index += 1;
                self.ident(b"alse")?;
                Value::Bool(false)
            }
            b'-' => {
                self.index += 1;
                self.number(start, false)?
            }
            b'0'..=b'9' => self.number(start, true)?,
            b'"' => {
                self.index += 1;
                Value::Scalar {
                    text: self.string()?,
                    plain: false,
                }
            }
            b'[' | b'{' => {
                if depth + 1 >= MAX_DEPTH {
                    return Err(self.peek_error("recursion limit exceeded"));
                }
                self.index += 1;
                if peek == b'[' {
                    self.seq(depth + 1)?
                } else {
                    self.map(depth + 1)?
                }
            }
            _ => return Err(self.peek_error("expected value")),
        };
        Ok(self.node(value, start))
    }

    /// A node that started at `start` and ends here, with where the next token starts (which
    /// its list or table adjusts, see [`Reader::closed`]).
    fn node(&mut self, value: Value<'a>, start: usize) -> Node<'a> {
        let end = self.index;
        self.whitespace();
        Node {
            value,
            pos: Pos::Json(offset(start), offset(end), offset(self.index)),
        }
    }

    fn ident(&mut self, rest: &[u8]) -> Result<(), Error> {
        for expected in rest {
            match self.next() {
                None => return Err(self.error("EOF while parsing a value")),
                Some(b) if b != *expected => return Err(self.error("expected ident")),
                Some(_) => {}
            }
        }
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let from = self.index;
        while let Some(b'0'..=b'9') = self.peek() {
            self.index += 1;
        }
        self.index - from
    }

    /// A number, its sign (if any) already read; typed as serde_json types it.
    fn number(&mut self, start: usize, positive: bool) -> Result<Value<'a>, Error> {
        match self.next() {
            None => return Err(self.error("EOF while parsing a value")),
            Some(b'0') => {
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.peek_error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            Some(_) => return Err(self.error("invalid number")),
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            integer = false;
            self.index += 1;
            if self.digits() == 0 {
                return Err(self.peek_error(if self.peek().is_some() {
                    "invalid number"
                } else {
                    "EOF while parsing a value"
                }));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            integer = false;
            self.index += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.index += 1;
            }
            match self.next() {
                None => return Err(self.error("EOF while parsing a value")),
                Some(b'0'..=b'9') => {
                    self.digits();
                }
                Some(_) => return Err(self.error("invalid number")),
            }
        }
        let text = self.text.get(start..self.index).unwrap_or_default();
        if integer {
            let digits = text.strip_prefix('-').unwrap_or(text);
            if let Ok(n) = digits.parse::<u64>() {
                if positive {
                    return Ok(Value::UInt(n));
                }
                // As serde_json: `-0` and anything below i64's range are floats.
                let negative = (n as i64).wrapping_neg();
                return Ok(if negative >= 0 {
                    Value::Float(-(n as f64))
                } else {
                    Value::Int(negative)
                });
            }
        }
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Err(self.error("number out of range")),
        }
    }

    /// A string's text after its opening quote, borrowed unless it has escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, Error> {
        let mut owned: Option<String> = None;
        let mut from = self.index;
        loop {
            let Some(b) = self.peek() else {
                return Err(self.error("EOF while parsing a string"));
            };
            match b {
                b'"' => {
                    let rest = self.text.get(from..self.index).unwrap_or_default();
                    self.index += 1;
                    return Ok(match owned {
                        Some(mut s) => {
                            s.push_str(rest);
                            Cow::Owned(s)
                        }
                        None => Cow::Borrowed(rest),
                    });
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(self.text.get(from..self.index).unwrap_or_default());
                    self.index += 1;
                    let c = self.escape()?;
                    s.push(c);
                    from = self.index;
                }
                0..=0x1f => {
                    self.index += 1;
                    return Err(self.error(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ));
                }
                _ => self.index += 1,
            }
        }
    }

    /// One escape after its backslash.
    fn escape(&mut self) -> Result<char, Error> {
        let Some(b) = self.next() else {
            return Err(self.error("EOF while parsing a string"));
        };
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => return Err(self.error("invalid escape")),
        })
    }

    fn hex(&mut self) -> Result<u32, Error> {
        let Some(digits) = self.bytes.get(self.index..self.index + 4) else {
            self.index = self.bytes.len();
            return Err(self.error("EOF while parsing a string"));
        };
        self.index += 4;
        let mut n = 0;
        for b in digits {
            let Some(d) = char::from(*b).to_digit(16) else {
                return Err(self.error("invalid escape"));
            };
            n = n * 16 + d;
        }
        Ok(n)
    }

    fn unicode_escape(&mut self) -> Result<char, Error> {
        let n = self.hex()?;
        if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.error("lone leading surrogate in hex escape"));
        }
        let code = if (0xD800..=0xDBFF).contains(&n) {
            for expected in [b'\\', b'u'] {
                match self.peek() {
                    None => return Err(self.error("EOF while parsing a string")),
                    Some(b) => {
                        self.index += 1;
                        if b != expected {
                            return Err(self.error("unexpected end of hex escape"));
                        }
                    }
                }
            }
            let low = self.hex()?;
            if !(0xDC00..=0xDFFF).contains(&low) {
                return Err(self.error("lone leading surrogate in hex escape"));
            }
            (((n - 0xD800) << 10) | (low - 0xDC00)) + 0x1_0000
        } else {
            n
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid unicode code point"))
    }

    /// Where serde_json stands when an error raised after reading `node` (by a visitor, not
    /// by the reader) reaches its list or table: it then reads the list's or table's end, and
    /// so moves past a closing bracket, or, in a list, past a comma and the whitespace after
    /// it. The reader is here, at the next token.
    fn closed(&self, mut node: Node<'a>, close: u8) -> Node<'a> {
        if let Pos::Json(start, end, next) = node.pos {
            let stop = match self.peek() {
                Some(b) if b == close => self.index + 1,
                Some(b',') if close == b']' => {
                    let mut i = self.index + 1;
                    while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.bytes.get(i) {
                        i += 1;
                    }
                    i
                }
                _ => next as usize,
            };
            node.pos = Pos::Json(start, end, offset(stop));
        }
        node
    }

    /// A list's items, its `[` read.
    fn seq(&mut self, depth: usize) -> Result<Value<'a>, Error> {
        let mut items = Vec::new();
        loop {
            match self.whitespace() {
                None => return Err(self.peek_error("EOF while parsing a list")),
                Some(b']') => break,
                Some(_) if items.is_empty() => {}
                Some(b',') => {
                    self.index += 1;
                    match self.whitespace() {
                        Some(b']') => return Err(self.peek_error("trailing comma")),
                        None => return Err(self.peek_error("EOF while parsing a value")),
                        Some(_) => {}
                    }
                }
                Some(_) => return Err(self.peek_error("expected `,` or `]`")),
            }
            let item = self.value(depth)?;
            items.push(self.closed(item, b']'));
        }
        self.index += 1;
        Ok(Value::Seq(items))
    }

    /// An object's entries, its `{` read.
    fn map(&mut self, depth: usize) -> Result<Value<'a>, Error> {
        let mut entries = Vec::new();
        loop {
            match self.whitespace() {
                None => return Err(self.peek_error("EOF while parsing an object")),
                Some(b'}') => break,
                Some(b'"') if entries.is_empty() => {}
                Some(_) if entries.is_empty() => {
                    return Err(self.peek_error("key must be a string"));
                }
                Some(b',') => {
                    self.index += 1;
                    match self.whitespace() {
                        Some(b'"') => {}
                        Some(b'}') => return Err(self.peek_error("trailing comma")),
                        Some(_) => return Err(self.peek_error("key must be a string")),
                        None => return Err(self.peek_error("EOF while parsing a value")),
                    }
                }
                Some(_) => return Err(self.peek_error("expected `,` or `}`")),
            }
            let start = self.index;
            self.index += 1;
            let text = self.string()?;
            let key = self.node(Value::Scalar { text, plain: false }, start);
            match self.whitespace() {
                Some(b':') => self.index += 1,
                Some(_) => return Err(self.peek_error("expected `:`")),
                None => return Err(self.peek_error("EOF while parsing an object")),
            }
            let value = self.value(depth)?;
            entries.push((key, self.closed(value, b'}')));
        }
        self.index += 1;
        Ok(Value::Map(entries))
    }
}
