//! The sheets of an XLS workbook, measured in its stream of BIFF records as calamine 0.38 will
//! lay them out when it opens the file.
//!
//! calamine reads the workbook globals up to their end-of-file record, then walks each sheet
//! the globals list (a `BoundSheet8` record: a name and where the sheet's records start) from
//! there to the sheet's own end-of-file record, skipping nested substreams such as embedded
//! charts. Each sheet becomes one block from its first cell to its last, counted here for every
//! sheet before any of it is allocated. The area a `DIMENSIONS` record declares is reserved
//! beforehand and freed once the sheet is laid out; it is checked to be a possible area.
//!
//! Two sheets whose records overlap (two `BoundSheet8` records pointing at the same place, or
//! one into the middle of another) are refused: no spreadsheet writes them, and calamine would
//! read the shared records again for each, a way to make a small file cost much. So is what
//! calamine would panic on in the records read here: a record cut shorter than the bytes it
//! reads unchecked, a column range that ends before it starts, a sheet starting past the end.

use crate::measure::{Extent, Refusal, Tally, cell_name, le_u16, le_u32};

const BOF: u16 = 0x0809;
/// Rows and columns an XLS sheet can have: its last cell is `IV65536`.
const XLS_ROWS: u32 = 65_536;
const XLS_COLUMNS: u32 = 256;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;

/// A record: its type, its data, the CONTINUE records calamine joins to it (as written,
/// headers and all) and where the next record starts.
struct Record<'a> {
    kind: u16,
    data: &'a [u8],
    continued: &'a [u8],
    next: usize,
}

impl<'a> Record<'a> {
    /// The data of each CONTINUE record after this one.
    fn continuations(&self) -> impl Iterator<Item = &'a [u8]> {
        let mut rest = self.continued;
        std::iter::from_fn(move || {
            let len = usize::from(le_u16(rest, 2)?);
            let piece = rest.get(4..4 + len)?;
            rest = rest.get(4 + len..).unwrap_or_default();
            Some(piece)
        })
    }
}

/// The record at `at`, as calamine's record iterator reads it: `None` at the end of the
/// stream, `Err` where calamine reports a record cut short.
fn record(stream: &[u8], at: usize) -> Option<Result<Record<'_>, ()>> {
    let rest = stream.get(at..).filter(|rest| !rest.is_empty())?;
    let (Some(kind), Some(len)) = (le_u16(rest, 0), le_u16(rest, 2)) else {
        return Some(Err(()));
    };
    let len = usize::from(len);
    let Some(data) = rest.get(4..4 + len) else {
        return Some(Err(()));
    };
    let mut next = at + 4 + len;
    loop {
        let rest = stream.get(next..).unwrap_or_default();
        if rest.len() <= 4 || le_u16(rest, 0) != Some(CONTINUE) {
            break;
        }
        let more = usize::from(le_u16(rest, 2).unwrap_or(0));
        if rest.len() < more + 4 {
            return Some(Err(()));
        }
        next += more + 4;
    }
    let continued = stream.get(at + 4 + len..next).unwrap_or_default();
    Some(Ok(Record {
        kind,
        data,
        continued,
        next,
    }))
}

/// A sheet as the globals list it.
struct BoundSheet {
    name: String,
    at: usize,
}

/// Measures every sheet of the workbook `stream`, in calamine's order, into `tally`.
pub(super) fn scan(stream: &[u8], tally: &mut Tally) -> Result<(), Refusal> {
    let Some((sheets, strings)) = bound_sheets(stream)? else {
        return Ok(());
    };
    // Each sheet is walked once, in the order of where it starts, so that an overlap shows as
    // a sheet starting before the one before it ended.
    let mut order: Vec<usize> = (0..sheets.len()).collect();
    order.sort_by_key(|i| sheets.get(*i).map_or(0, |s| s.at));
    let mut walks: Vec<Option<Walk>> = sheets.iter().map(|_| None).collect();
    let mut previous: Option<(&BoundSheet, usize)> = None;
    for i in order {
        let Some(sheet) = sheets.get(i) else { continue };
        if sheet.at > stream.len() {
            return Err(Refusal::damaged(
                Some(&sheet.name),
                "it starts past the end of the workbook's records",
            ));
        }
        if let Some((before, end)) = previous
            && sheet.at < end
        {
            return Err(Refusal::damaged(
                None,
                &format!(
                    "the sheets `{}` and `{}` share their records in the file",
                    before.name, sheet.name
                ),
            ));
        }
        let walk = walk(stream, sheet.at, &strings);
        previous = Some((sheet, walk.end));
        if let Some(slot) = walks.get_mut(i) {
            *slot = Some(walk);
        }
    }
    for (sheet, walk) in sheets.iter().zip(walks) {
        let Some(walk) = walk else { continue };
        if let Stop::Damaged(detail) = &walk.stop {
            return Err(Refusal::damaged(Some(&sheet.name), detail));
        }
        // A DIMENSIONS record is acted on where it is read, so even a sheet that calamine
        // stops reading with an error counts up to there.
        tally.sheet(&sheet.name, walk.extent, walk.held)?;
        tally.text(walk.text)?;
        if walk.stop == Stop::Error {
            return Ok(());
        }
    }
    Ok(())
}

/// The sheets listed in the workbook globals and the lengths of the shared strings.
type Globals = (Vec<BoundSheet>, Vec<u16>);

/// The sheets the workbook globals list, in order, and the length of each shared string, in
/// characters; `None` where calamine stops reading the globals with an error of its own.
fn bound_sheets(stream: &[u8]) -> Result<Option<Globals>, Refusal> {
    let mut sheets = Vec::new();
    let mut strings = Vec::new();
    let mut biff8 = true;
    let mut at = 0;
    while let Some(found) = record(stream, at) {
        let Ok(rec) = found else {
            return Ok(None);
        };
        at = rec.next;
        // Records whose first bytes calamine reads without checking that they are there.
        let cut_short =
            |what: &str| Refusal::damaged(None, &format!("its {what} record is cut short"));
        let needs = |bytes: usize, what: &str| {
            if rec.data.len() < bytes {
                Err(cut_short(what))
            } else {
                Ok(())
            }
        };
        match rec.kind {
            // FilePass: the workbook is encrypted, and calamine says so.
            0x002F => {
                needs(2, "password")?;
                if le_u16(rec.data, 0) != Some(0) {
                    return Ok(None);
                }
            }
            0x0042 => needs(2, "code page")?,
            0x0022 => needs(2, "date system")?,
            // ExternSheet: a count first in BIFF8.
            0x0017 if biff8 => needs(2, "sheet reference")?,
            // Lbl (a defined name): 14 bytes, then a formula taken from the end, whose first
            // token calamine reads a reference after.
            0x0018 => {
                needs(14, "defined name")?;
                let formula = usize::from(le_u16(rec.data, 4).unwrap_or(0));
                let tokens = rec
                    .data
                    .len()
                    .checked_sub(formula)
                    .and_then(|from| rec.data.get(from..));
                let Some(tokens) = tokens else {
                    return Err(cut_short("defined name"));
                };
                let reference = match (tokens.first(), biff8) {
                    (Some(0x3A | 0x5A | 0x7A), true) => 7,
                    (Some(0x3A | 0x5A | 0x7A), false) => 18,
                    (Some(0x3B | 0x5B | 0x7B), true) => 11,
                    (Some(0x3B | 0x5B | 0x7B), false) => 21,
                    (Some(0x3C | 0x5C | 0x7C | 0x3D | 0x5D | 0x7D), true) => 3,
                    (Some(0x3C | 0x5C | 0x7C | 0x3D | 0x5D | 0x7D), false) => 13,
                    _ => 0,
                };
                if tokens.len() < reference {
                    return Err(cut_short("defined name"));
                }
            }
            BOF => {
                needs(2, "beginning-of-file")?;
                let version = le_u16(rec.data, 0).unwrap_or(0);
                let kind = le_u16(rec.data, 2).unwrap_or(0);
                biff8 = !(matches!(version, 0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500)
                    || (version == 0 && kind == 0x1000));
            }
            // BoundSheet8: where a sheet starts, its state and type, its name.
            0x0085 => {
                needs(6, "sheet")?;
                match bound_sheet(rec.data, biff8) {
                    Some(sheet) => sheets.push(sheet),
                    None => return Ok(None),
                }
            }
            // SST: the shared strings, read through the CONTINUE records after it.
            // calamine keeps the last SST it reads.
            0x00FC => match shared_strings(&rec) {
                Strings::Read(lengths) => strings = lengths,
                Strings::Error => return Ok(None),
                Strings::Panic => return Err(cut_short("shared strings")),
            },
            EOF => break,
            _ => {}
        }
    }
    Ok(Some((sheets, strings)))
}

/// How calamine's reading of the shared strings ends: read, with the length of each string
/// in characters, by index.
enum Strings {
    Read(Vec<u16>),
    Error,
    Panic,
}

/// Follows calamine's reading of the shared strings (SST), each a count of characters, flags,
/// perhaps counts of formatting runs and of extra bytes, the characters (which may go on in the
/// next CONTINUE record, after a byte of flags of its own), then the runs and extra bytes to
/// skip: where it reads a count or a flags byte that is not there, it panics. Each string
/// takes at least three bytes of the stream, or an empty CONTINUE record of four, so the
/// lengths kept take less room than the stream.
fn shared_strings(rec: &Record<'_>) -> Strings {
    let mut lengths = Vec::new();
    let mut more = rec.continuations();
    let Some(mut data) = rec.data.get(8..) else {
        return Strings::Error;
    };
    loop {
        if data.is_empty() {
            match more.next() {
                Some(piece) => data = piece,
                None => return Strings::Read(lengths),
            }
            // An empty string is read from an empty piece.
            if data.is_empty() {
                lengths.push(0);
                continue;
            }
        }
        let (Some(mut chars), Some(flags)) = (le_u16(data, 0), data.get(2).copied()) else {
            return Strings::Error;
        };
        lengths.push(chars);
        data = data.get(3..).unwrap_or_default();
        let mut skip = 0usize;
        if flags & 0x8 != 0 {
            let Some(runs) = le_u16(data, 0) else {
                return Strings::Panic;
            };
            skip += usize::from(runs) * 4;
            data = data.get(2..).unwrap_or_default();
        }
        if flags & 0x4 != 0 {
            let Some(extra) = le_u32(data, 0) else {
                return Strings::Panic;
            };
            // calamine reads an i32 and takes it as a usize: a negative one is huge.
            skip = skip.saturating_add(extra as i32 as usize);
            data = data.get(4..).unwrap_or_default();
        }
        let mut wide = flags & 0x1 != 0;
        loop {
            let taken = if wide {
                (data.len() / 2).min(usize::from(chars))
            } else {
                data.len().min(usize::from(chars))
            };
            data = data
                .get(if wide { 2 * taken } else { taken }..)
                .unwrap_or_default();
            chars -= u16::try_from(taken).unwrap_or(chars);
            if chars == 0 {
                break;
            }
            let Some(piece) = more.next() else {
                return Strings::Error;
            };
            let Some(first) = piece.first() else {
                return Strings::Panic;
            };
            wide = first & 0x1 != 0;
            data = piece.get(1..).unwrap_or_default();
        }
        while skip > 0 {
            if data.is_empty() {
                match more.next() {
                    Some(piece) => data = piece,
                    None => return Strings::Error,
                }
            }
            let taken = skip.min(data.len());
            data = data.get(taken..).unwrap_or_default();
            skip -= taken;
        }
    }
}

/// A `BoundSheet8` record of at least six bytes, or `None` where calamine refuses it. The name
/// is read as Latin-1 or UTF-16, as calamine reads it under the usual code page (1200); a name
/// in another code page may show a character differently in a message.
fn bound_sheet(data: &[u8], biff8: bool) -> Option<BoundSheet> {
    let at = le_u32(data, 0)? as usize;
    let state = data.get(4)? & 0b0011_1111;
    let kind = *data.get(5)?;
    if state > 2 || !matches!(kind, 0 | 1 | 2 | 6) {
        return None;
    }
    let rest = data.get(6..)?;
    let count = usize::from(*rest.first()?);
    let (wide, chars) = if biff8 {
        (rest.get(1)? & 1 != 0, rest.get(2..)?)
    } else {
        (false, rest.get(1..)?)
    };
    let mut name: String = if wide {
        let units = chars.as_chunks::<2>().0.iter().take(count);
        char::decode_utf16(units.map(|b| u16::from_le_bytes(*b)))
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    } else {
        chars.iter().take(count).map(|b| char::from(*b)).collect()
    };
    name.retain(|c| c != '\0');
    Some(BoundSheet { name, at })
}

/// Where the walk through a sheet's records stopped.
#[derive(Debug, PartialEq, Eq)]
enum Stop {
    /// At the sheet's end-of-file record, or the end of the stream.
    End,
    /// At a record calamine refuses with an error.
    Error,
    /// At a record calamine would panic on, said in words.
    Damaged(String),
}

/// What calamine will hold for one sheet.
struct Walk {
    /// The first and last row and column of the cells and formulas, and of the area the
    /// `DIMENSIONS` records declare.
    extent: Option<Extent>,
    /// Cells and formulas calamine keeps one by one before laying them out.
    held: u64,
    /// Characters of text in the cells, a shared string counted for each cell that uses it.
    text: u64,
    /// Where the walk ended.
    end: usize,
    stop: Stop,
}

impl Walk {
    fn include(&mut self, (row, column): (u32, u32)) {
        self.extent = Some(match self.extent {
            None => ((row, column), (row, column)),
            Some((start, end)) => (
                (start.0.min(row), start.1.min(column)),
                (end.0.max(row), end.1.max(column)),
            ),
        });
    }
}

/// Walks a sheet's records from `at`, as calamine does; `strings` are the lengths of the
/// shared strings.
fn walk(stream: &[u8], at: usize, strings: &[u16]) -> Walk {
    let mut walk = Walk {
        extent: None,
        held: 0,
        text: 0,
        end: stream.len(),
        stop: Stop::End,
    };
    let mut at = at;
    let mut seen_bof = false;
    let mut depth = 0usize;
    // Where the last formula was: a STRING record gives its text value there.
    let mut formula = (0u32, 0u32);
    let position = |data: &[u8]| {
        (
            u32::from(le_u16(data, 0).unwrap_or(0)),
            u32::from(le_u16(data, 2).unwrap_or(0)),
        )
    };
    loop {
        let rec = match record(stream, at) {
            None => return walk,
            Some(Err(())) => {
                walk.end = at;
                walk.stop = Stop::Error;
                return walk;
            }
            Some(Ok(rec)) => rec,
        };
        at = rec.next;
        walk.end = at;
        if depth > 0 {
            match rec.kind {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        // The fewest bytes calamine reads a cell record with; shorter is an error.
        let cell_needs = match rec.kind {
            0x0203 => 14,          // NUMBER
            0x0204 | 0x00D6 => 6,  // LABEL, RSTRING
            0x0205 => 8,           // BOOLERR
            0x027E | 0x00FD => 10, // RK, LABELSST
            0x0006 => 20,          // FORMULA
            _ => 0,
        };
        if rec.data.len() < cell_needs {
            walk.stop = Stop::Error;
            return walk;
        }
        match rec.kind {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => return walk,
            // Checked, not counted: calamine reserves the area it declares and frees it once
            // the sheet is laid out, and no more than a whole XLS sheet can be declared here,
            // so a large declared area costs address space for a moment, not memory (a sheet
            // of formatted blank cells over A1:CB65536 reads in 43 MB). What is laid out is
            // the cells' extent, counted below.
            0x0200 => match dimensions(rec.data) {
                Ok(_) => {}
                Err(stop) => {
                    walk.stop = stop;
                    return walk;
                }
            },
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                walk.include(position(rec.data));
                walk.held += 1;
                walk.text = walk
                    .text
                    .saturating_add(cell_text(rec.kind, rec.data, strings));
            }
            // STRING: a formula's text value, its length first. calamine makes room for the
            // length given, whatever follows.
            0x0207 => {
                walk.include(formula);
                walk.held += 1;
                walk.text = walk
                    .text
                    .saturating_add(u64::from(le_u16(rec.data, 0).unwrap_or(0)));
            }
            // FORMULA: a value (unless a STRING record follows) and the formula itself, kept
            // in a block of its own.
            0x0006 => {
                formula = position(rec.data);
                // The formula's tokens: their length, then that many bytes, which calamine
                // slices unchecked.
                let tokens = rec.data.get(20..).unwrap_or_default();
                let fits = le_u16(tokens, 0).is_some_and(|n| usize::from(n) + 2 <= tokens.len());
                if !fits {
                    walk.stop = Stop::Damaged(format!(
                        "the formula at {} is cut short",
                        cell_name(formula)
                    ));
                    return walk;
                }
                walk.include(formula);
                walk.held += 2;
            }
            0x00BD => match numbers(rec.data) {
                Ok((row, first, last)) => {
                    walk.include((row, first));
                    walk.include((row, last));
                    walk.held += u64::from(last - first + 1);
                }
                Err(stop) => {
                    walk.stop = stop;
                    return walk;
                }
            },
            // MERGECELLS: a count, then eight bytes for each, read unchecked.
            0x00E5 => {
                let count = le_u16(rec.data, 0).map(usize::from);
                if count.is_none_or(|n| rec.data.len() < 2 + 8 * n) {
                    walk.stop = Stop::Damaged("its list of merged cells is cut short".to_string());
                    return walk;
                }
            }
            _ => {}
        }
    }
}

/// The characters of text a cell record makes calamine hold: for LABEL and RSTRING, the length
/// the record gives (calamine makes room for that many, whatever follows), for LABELSST a copy
/// of the shared string it names (none where there is no such string, as calamine skips it).
fn cell_text(kind: u16, data: &[u8], strings: &[u16]) -> u64 {
    match kind {
        0x0204 | 0x00D6 => u64::from(le_u16(data, 6).unwrap_or(0)),
        0x00FD => le_u32(data, 6)
            .and_then(|i| strings.get(usize::try_from(i).ok()?))
            .map_or(0, |chars| u64::from(*chars)),
        _ => 0,
    }
}

/// The area a `DIMENSIONS` record makes calamine reserve, normalised as calamine does (a
/// first column past 255, or after the last, is taken as 0; an empty sheet reserves one cell,
/// `None` here). An area that ends before it starts, or past the last cell of an XLS sheet, is
/// refused: calamine's arithmetic on the first overflows, to a panic or to a reservation of
/// hundreds of gigabytes, and the second (rows are 32-bit in the record) asks for terabytes.
fn dimensions(data: &[u8]) -> Result<Option<Extent>, Stop> {
    let u16_at = |at| u32::from(le_u16(data, at).unwrap_or(0));
    let (first_row, last_row, mut first_column, last_column) = match data.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (
            le_u32(data, 0).unwrap_or(0),
            le_u32(data, 4).unwrap_or(0),
            u16_at(8),
            u16_at(10),
        ),
        _ => return Err(Stop::Error),
    };
    if first_column > 0xFF || last_column < first_column {
        first_column = 0;
    }
    if last_row == 0 || last_column == 0 {
        return Ok(None);
    }
    let (start, end) = ((first_row, first_column), (last_row - 1, last_column - 1));
    if end.0 < start.0 || end.1 < start.1 {
        return Err(Stop::Damaged(format!(
            "it gives its used area as {}:{}, which ends before it starts",
            cell_name(start),
            cell_name(end)
        )));
    }
    if end.0 >= XLS_ROWS || end.1 >= XLS_COLUMNS {
        return Err(Stop::Damaged(format!(
            "it gives its used area as {}:{}, past IV65536, the last cell of an XLS sheet",
            cell_name(start),
            cell_name(end)
        )));
    }
    Ok(Some((start, end)))
}

/// A MULRK record (numbers in a run of cells of one row): its row and first and last column,
/// checked as calamine checks it, in 16-bit arithmetic that must not overflow.
fn numbers(data: &[u8]) -> Result<(u32, u32, u32), Stop> {
    if data.len() < 6 {
        return Err(Stop::Error);
    }
    let row = le_u16(data, 0).unwrap_or(0);
    let first = le_u16(data, 2).unwrap_or(0);
    let last = le_u16(data, data.len() - 2).unwrap_or(0);
    let at = cell_name((u32::from(row), u32::from(first)));
    let Some(span) = last.checked_sub(first) else {
        return Err(Stop::Damaged(format!(
            "the run of numbers at {at} gives its last column before its first"
        )));
    };
    let Some(count) = span.checked_add(1) else {
        return Err(Stop::Damaged(format!(
            "the run of numbers at {at} is longer than a row"
        )));
    };
    if data.len() != 6 + 6 * usize::from(count) {
        return Err(Stop::Error);
    }
    Ok((u32::from(row), u32::from(first), u32::from(last)))
}
