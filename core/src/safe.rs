//! Text from input made safe for where it is shown: a terminal, or a spreadsheet.
//!
//! A curriculum is written by someone else. Its titles, unit texts and codes reach a person's
//! terminal in reports and error messages, and a spreadsheet in CSV and XLSX exports; in both,
//! some characters are instructions rather than text. One helper each, used by every writer,
//! so no writer can forget a field. Machine formats (JSON) keep the data exactly.

use std::borrow::Cow;

/// Whether a character would act on a terminal rather than print, or reorder what prints
/// around it: C0 controls but tab, line feed and carriage return (see [`for_terminal`]), DEL, C1 controls (U+0080–U+009F, which some
/// terminals take as escape sequences of their own), and the bidirectional embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make text read differently from
/// what it is.
fn acts_on_terminal(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text from input as it may be printed for a person: every character that would act on the
/// terminal is shown as its Rust escape instead (`\u{1b}` for ESC), so a title holding
/// `ESC ] 0 ; … BEL` prints as visible text and cannot set the window title, write to the
/// clipboard (OSC 52) or move the cursor. A carriage return is escaped too, unless a line feed
/// follows it (a Windows line end): alone, it returns to the start of the line, where the
/// rest of the text overprints what came before. Text with nothing to escape is returned as
/// it is, without a copy.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    escape(text, &[])
}

/// The colour codes waypost's own text renderers write (bold, dim, red, green, reset).
const OWN_COLOURS: [&str; 5] = ["\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[32m"];

/// [`for_terminal`] over a whole rendered report that carries waypost's own colour codes: those
/// exact codes are kept, every other control character is escaped. The renderers escape the
/// text they take from input as they write it; this pass over the whole output catches any
/// field one of them missed, so what remains from input is at worst one of these five colours,
/// never a cursor move, a title, a clipboard write or a line overprinted.
pub(crate) fn for_terminal_keeping_colour(text: &str) -> Cow<'_, str> {
    escape(text, &OWN_COLOURS)
}

fn escape<'a>(text: &'a str, keep: &[&str]) -> Cow<'a, str> {
    let unsafe_at = |i: usize, c: char| {
        (acts_on_terminal(c) || (c == '\r' && text.as_bytes().get(i + 1) != Some(&b'\n')))
            && !keep
                .iter()
                .any(|k| text.get(i..).is_some_and(|rest| rest.starts_with(k)))
    };
    if !text.char_indices().any(|(i, c)| unsafe_at(i, c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, c) in text.char_indices() {
        if unsafe_at(i, c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether a spreadsheet would read a text cell as a formula (or, in some, a dynamic data
/// exchange command): it starts with `=`, `+`, `-` or `@`, or with a tab, carriage return or
/// line feed before one of those (spreadsheets trim leading white space before reading a
/// formula). A cell that is a plain number (`-3`, `+1.5`) is read as that number and runs
/// nothing, so it is left alone.
pub fn is_formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) && !is_plain_number(cell)
}

fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// A text cell as written to a CSV file: a cell a spreadsheet would run as a formula gets a
/// leading `'`, which spreadsheets take as "this is text". [`unguard`] takes it off again
/// where waypost reads its own exports back.
pub fn spreadsheet_cell(cell: &str) -> Cow<'_, str> {
    if is_formula_like(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell as waypost wrote it, without the `'` that [`spreadsheet_cell`] added: only a `'`
/// before a cell that would have been guarded is taken off, so a text that starts with `'`
/// for its own reasons (`'tis`) is kept.
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if is_formula_like(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    #[test]
    fn terminal_controls_are_shown_escaped() {
        assert_eq!(
            for_terminal("a\u{1b}]0;pwned\u{7}b"),
            "a\\u{1b}]0;pwned\\u{7}b"
        );
        assert_eq!(
            for_terminal("x\u{1b}[2K\rresult: passed"),
            "x\\u{1b}[2K\\u{d}result: passed"
        );
        assert_eq!(for_terminal("\u{9b}31m\u{7f}"), "\\u{9b}31m\\u{7f}");
        assert_eq!(for_terminal("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(for_terminal("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        for text in [
            "",
            "plain",
            "line\nnext\ttab",
            "crlf\r\nend",
            "é ü 日本 — “quoted”",
        ] {
            assert!(matches!(for_terminal(text), Cow::Borrowed(t) if t == text));
        }
        // A carriage return at the very end has no line feed after it.
        assert_eq!(for_terminal("end\r"), "end\\u{d}");
    }

    #[test]
    fn own_colours_are_kept_and_nothing_else() {
        let text = "\x1b[1mtitle\x1b[0m \x1b[31mFAIL\x1b[0m \x1b[2K\x1b]0;x\x07 \x1b[8m";
        assert_eq!(
            for_terminal_keeping_colour(text),
            "\x1b[1mtitle\x1b[0m \x1b[31mFAIL\x1b[0m \\u{1b}[2K\\u{1b}]0;x\\u{7} \\u{1b}[8m"
        );
        assert!(!for_terminal(text).contains('\x1b'));
    }

    #[test]
    fn formula_cells_are_guarded_and_unguarded() {
        for cell in [
            "=1+1",
            "+SUM(A1)",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(A1)",
            "\t=1+1",
            "\r=1+1",
            "\n=1",
            "-",
        ] {
            let guarded = spreadsheet_cell(cell);
            assert_eq!(guarded, format!("'{cell}"));
            assert_eq!(unguard(&guarded), cell);
        }
        for cell in ["K4", "", "-3", "+1.5", "42", "'tis", "a=b", " =1"] {
            assert_eq!(spreadsheet_cell(cell), cell);
            assert_eq!(unguard(cell), cell);
        }
    }
}
