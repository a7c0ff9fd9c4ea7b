//! The `Workbook` stream of an XLS file, read out of its Compound File (MS-CFB) the way
//! calamine 0.38 reads it, so that the records waypost checks are the records calamine lays
//! out.
//!
//! calamine's reader has ways a plain reader of the format would not share, and a scan must
//! share them to see the same bytes: a sector asked for past the end of the file reads short
//! the first time and as zeros after; a stream shorter than 4096 bytes is read from the mini
//! stream even when the header declares none, its sectors then coming from wherever the file
//! was last read; an error reading `Workbook` is followed by a try at `Book`; a directory
//! entry's name is decoded with any byte-order mark obeyed. So this module follows calamine's
//! steps, one cursor over the file shared by the regular and the mini sectors, rather than the
//! specification.
//!
//! Where calamine would panic (a sector chain leading past the sector table, a sector past the
//! end of the file, a table cut part-way through an entry) or allocate without bound (a chain
//! that loops), the file is called damaged here, to be refused before calamine sees it.
//! Where calamine returns an error, the scan gives up and lets it.

use std::ops::Range;

/// How reading the stream stopped.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Fault {
    /// calamine returns an error here, and reports it itself.
    Unreadable,
    /// calamine would panic or run out of memory here; what is wrong, in words.
    Damaged(&'static str),
}

const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// The first of the special sector numbers: a chain of DIFAT sectors stops at any of them.
const RESERVED: u32 = 0xFFFF_FFFA;
/// DIFAT entries at or above this (DIFSECT, FATSECT, ENDOFCHAIN, FREESECT) name no FAT sector.
const DIFSECT: u32 = 0xFFFF_FFFC;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Streams shorter than this are read from the mini stream, in 64-byte sectors.
const MINI_CUTOFF: usize = 4096;
const MINI_SECTOR: usize = 64;
/// The header holds the first 109 entries of the DIFAT.
const HEADER_DIFAT: usize = 109;

const LOOPS: &str = "a chain of its sectors loops back on itself";
const PAST_TABLE: &str = "a chain of its sectors leads past the end of the sector table";
const PAST_END: &str = "a chain of its sectors leads past the end of the file";
const MID_ENTRY: &str = "a table of its sectors ends part-way through an entry";
const TABLE_TOO_LONG: &str = "its sector table lists more sectors than the file holds";

/// Whether the bytes start as a Compound File does (as every XLS file does).
pub(super) fn is_compound_file(file: &[u8]) -> bool {
    file.get(..MAGIC.len()) == Some(&MAGIC[..])
}

/// The file as calamine reads it: one cursor, moved by the regular and the mini sectors alike.
struct Cursor<'a> {
    file: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    /// Up to `want` bytes from the cursor on, fewer at the end of the file.
    fn read(&mut self, want: usize) -> &'a [u8] {
        let rest = self.file.get(self.at..).unwrap_or_default();
        let got = rest.get(..want).unwrap_or(rest);
        self.at += got.len();
        got
    }
}

/// The sectors read so far, kept as calamine keeps them: `data` grows to the end of each
/// sector asked for, with zeros for the part the file did not have.
struct Sectors {
    data: Vec<u8>,
    size: usize,
    /// The highest sector number calamine asks for before calling it past the end.
    last: u32,
}

impl Sectors {
    /// Where sector `id` is in `data`: a whole sector, or less the first time it is asked for
    /// where the file ends within it.
    fn get(&mut self, id: u32, file: &mut Cursor<'_>) -> Result<Range<usize>, Fault> {
        if id > self.last {
            return Err(Fault::Unreadable);
        }
        let start = (id as usize).saturating_mul(self.size);
        let end = start.saturating_add(self.size);
        if end > self.data.len() {
            let got = file.read(end - self.data.len());
            self.data.extend_from_slice(got);
            let read_to = self.data.len();
            self.data.resize(end, 0);
            if read_to < end {
                // calamine slices its buffer from the sector's start to where the file ended.
                if start > read_to {
                    return Err(Fault::Damaged(PAST_END));
                }
                return Ok(start..read_to);
            }
        }
        Ok(start..end)
    }

    /// The first `len` bytes of the chain of sectors from `first` (fewer if it ends sooner),
    /// following `table`. A chain longer than `cap` bytes has passed a sector twice: calamine
    /// would go round until it had `len` bytes, so it is damaged.
    fn chain(
        &mut self,
        first: u32,
        table: &[u32],
        len: usize,
        file: &mut Cursor<'_>,
        cap: usize,
    ) -> Result<Vec<u8>, Fault> {
        let mut out = Vec::new();
        let mut id = first;
        // Every step adds a byte but the first step onto a sector at the end of the file: a
        // chain that takes more steps than that has looped without growing.
        let step_cap = cap.saturating_add(self.last as usize).saturating_add(2);
        let mut steps = 0usize;
        while id != END_OF_CHAIN {
            let range = self.get(id, file)?;
            let sector = self.data.get(range).unwrap_or_default();
            let take = sector.len().min(len - out.len());
            steps += 1;
            if out.len() + take > cap || steps > step_cap {
                return Err(Fault::Damaged(LOOPS));
            }
            out.extend_from_slice(sector.get(..take).unwrap_or_default());
            if out.len() >= len {
                break;
            }
            id = *table.get(id as usize).ok_or(Fault::Damaged(PAST_TABLE))?;
        }
        Ok(out)
    }
}

/// A table of sector numbers as calamine reads one (it asserts a whole number of entries).
fn entries(bytes: &[u8]) -> Result<impl Iterator<Item = u32> + '_, Fault> {
    if !bytes.len().is_multiple_of(4) {
        return Err(Fault::Damaged(MID_ENTRY));
    }
    Ok(bytes
        .as_chunks::<4>()
        .0
        .iter()
        .map(|b| u32::from_le_bytes(*b)))
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    crate::measure::le_u16(bytes, at).unwrap_or(0)
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    crate::measure::le_u32(bytes, at).unwrap_or(0)
}

/// The workbook's stream of records, `Workbook` or else `Book`, as calamine would read it.
pub(super) fn workbook_stream(file: &[u8]) -> Result<Vec<u8>, Fault> {
    let header = file.get(..512).ok_or(Fault::Unreadable)?;
    if !is_compound_file(header) {
        return Err(Fault::Unreadable);
    }
    let version = u16_at(header, 26);
    let size = match u16_at(header, 30) {
        9 => 512,
        12 if file.len() >= 4096 => 4096,
        _ => return Err(Fault::Unreadable),
    };
    if u16_at(header, 32) != 6 {
        return Err(Fault::Unreadable);
    }
    // calamine reads the header, all of its first sector, before anything else.
    let mut cursor = Cursor { file, at: size };
    let last = u32::try_from(file.len() / size).unwrap_or(u32::MAX);
    let mut sectors = Sectors {
        data: Vec::new(),
        size,
        last,
    };
    // No chain that passes each sector once can be longer than the file and one sector more.
    let cap = file.len().saturating_add(size);

    // The DIFAT: the header's entries, then a chain of sectors whose last entry is the next.
    let mut difat: Vec<u32> = entries(header.get(76..512).unwrap_or_default())?.collect();
    let mut id = u32_at(header, 68);
    let mut difat_sectors = 0usize;
    while id < RESERVED {
        difat_sectors += 1;
        if difat_sectors > last as usize + 1 {
            return Err(Fault::Unreadable);
        }
        let range = sectors.get(id, &mut cursor)?;
        difat.extend(entries(sectors.data.get(range).unwrap_or_default())?);
        id = difat.pop().ok_or(Fault::Unreadable)?;
    }

    // The FAT: every sector the DIFAT names, in order, repeated if named twice.
    let fat_cap = cap.saturating_add(HEADER_DIFAT * size) / 4;
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        let range = sectors.get(id, &mut cursor)?;
        let more = entries(sectors.data.get(range).unwrap_or_default())?;
        fat.extend(more);
        if fat.len() > fat_cap {
            return Err(Fault::Damaged(TABLE_TOO_LONG));
        }
    }

    // The directory: 128-byte entries, a short one at the end left out.
    let directory = sectors.chain(u32_at(header, 48), &fat, usize::MAX, &mut cursor, cap)?;
    let entry = |raw: &[u8]| {
        let start = u32_at(raw, 116);
        let len = if size == 512 {
            u32_at(raw, 120) as usize
        } else {
            let low = u64::from(u32_at(raw, 120));
            let high = u64::from(u32_at(raw, 124));
            usize::try_from(high << 32 | low).unwrap_or(usize::MAX)
        };
        (start, len)
    };
    let Some(root) = directory.chunks_exact(128).next().map(entry) else {
        return Err(Fault::Unreadable);
    };
    if version != 3 && root.0 == END_OF_CHAIN {
        return Err(Fault::Unreadable);
    }

    // The mini stream (in the root entry's chain) and its table, if the header has a table.
    let mini_fat_sectors = u32_at(header, 64) as usize;
    let (mini_fat, mini_stream) = if mini_fat_sectors > 0 {
        let stream = sectors.chain(root.0, &fat, root.1, &mut cursor, cap)?;
        let table = sectors.chain(
            u32_at(header, 60),
            &fat,
            mini_fat_sectors.saturating_mul(size),
            &mut cursor,
            cap,
        )?;
        (entries(&table)?.collect::<Vec<_>>(), stream)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut mini = Sectors {
        data: mini_stream,
        size: MINI_SECTOR,
        last: u32::try_from((file.len() / size).saturating_mul(8)).unwrap_or(u32::MAX),
    };

    let mut stream = |name: &str| -> Result<Vec<u8>, Fault> {
        let (start, len) = directory
            .chunks_exact(128)
            .find(|raw| entry_named(raw.get(..64).unwrap_or_default(), name))
            .map(entry)
            .ok_or(Fault::Unreadable)?;
        if len < MINI_CUTOFF {
            mini.chain(start, &mini_fat, len, &mut cursor, cap)
        } else {
            sectors.chain(start, &fat, len, &mut cursor, cap)
        }
    };
    match stream("Workbook") {
        Err(Fault::Unreadable) => stream("Book"),
        found => found,
    }
}

/// Whether a directory entry's 64-byte name field names `want`, in any case, as calamine
/// decodes it: UTF-16LE unless a byte-order mark says UTF-8 or UTF-16BE, up to the first NUL.
fn entry_named(raw: &[u8], want: &str) -> bool {
    fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
        let units = bytes.as_chunks::<2>().0.iter().map(|b| unit(*b));
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    }
    let name = if let Some(rest) = raw.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else if let Some(rest) = raw.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)
    } else if let Some(rest) = raw.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)
    } else {
        utf16(raw, u16::from_le_bytes)
    };
    let name = name.split('\0').next().unwrap_or_default();
    name.eq_ignore_ascii_case(want)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn name(text: &str) -> Vec<u8> {
        let mut raw: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        raw.resize(64, 0);
        raw
    }

    #[test]
    fn entry_names_are_matched_in_any_case_up_to_the_first_nul() {
        assert!(entry_named(&name("Workbook"), "Workbook"));
        assert!(entry_named(&name("WORKBOOK"), "Workbook"));
        assert!(!entry_named(&name("Workbook2"), "Workbook"));
        assert!(!entry_named(&name("Work"), "Workbook"));
        // A byte-order mark is obeyed, as encoding_rs does for calamine.
        let mut marked = vec![0xFF, 0xFE];
        marked.extend(name("Book").get(..62).unwrap());
        assert!(entry_named(&marked, "Book"));
        let mut utf8 = vec![0xEF, 0xBB, 0xBF];
        utf8.extend(b"Book");
        utf8.resize(64, 0);
        assert!(entry_named(&utf8, "Book"));
    }

    #[test]
    fn short_or_foreign_bytes_are_left_to_calamine() {
        assert_eq!(workbook_stream(b""), Err(Fault::Unreadable));
        assert_eq!(workbook_stream(&[0u8; 600]), Err(Fault::Unreadable));
        let mut header = MAGIC.to_vec();
        header.resize(511, 0);
        assert_eq!(workbook_stream(&header), Err(Fault::Unreadable));
    }
}
