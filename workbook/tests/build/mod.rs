//! Workbooks built byte by byte for the tests: an XLS file as a Compound File (MS-CFB, version
//! 3) holding BIFF8 records, an ODS file as a zip of XML. Shared by the workbook crate's tests
//! and the core's hostile-input tests (`core/tests/hostile_workbooks.rs`), which include this
//! file; each uses a part of it.
#![allow(dead_code)]

use std::io::{Cursor, Write};

// ---------------------------------------------------------------------------------------------
// A Compound File (MS-CFB, version 3, 512-byte sectors), as a spreadsheet writes one.

pub const FREE: u32 = 0xFFFF_FFFF;
pub const END: u32 = 0xFFFF_FFFE;
pub const FAT_SECTOR: u32 = 0xFFFF_FFFD;
pub const NO_ENTRY: u32 = 0xFFFF_FFFF;

/// A Compound File and where its parts went, to damage it on purpose.
pub struct Compound {
    pub bytes: Vec<u8>,
    pub directory: u32,
    pub fat: Vec<u32>,
}

impl Compound {
    /// Sets the FAT entry of sector `id` (where its chain goes next).
    pub fn set_next(&mut self, id: u32, next: u32) {
        let fat_sector = self.fat[(id / 128) as usize] as usize;
        let at = 512 + fat_sector * 512 + (id % 128) as usize * 4;
        self.bytes[at..at + 4].copy_from_slice(&next.to_le_bytes());
    }
}

/// Puts `bytes` in 512-byte sectors of their own, chained; gives the first sector.
pub fn put(sectors: &mut Vec<u8>, fat: &mut Vec<u32>, bytes: &[u8]) -> u32 {
    put_in(sectors, fat, bytes, 512)
}

/// Puts `bytes` in sectors of `size` bytes of their own, chained in `fat`; gives the first.
pub fn put_in(sectors: &mut Vec<u8>, fat: &mut Vec<u32>, bytes: &[u8], size: usize) -> u32 {
    if bytes.is_empty() {
        return END;
    }
    let first = fat.len() as u32;
    let count = bytes.len().div_ceil(size);
    for i in 0..count {
        fat.push(if i + 1 == count {
            END
        } else {
            first + i as u32 + 1
        });
    }
    sectors.extend_from_slice(bytes);
    sectors.resize(fat.len() * size, 0);
    first
}

/// A Compound File holding `streams`: those shorter than 4096 bytes in the mini stream, in
/// 64-byte sectors, the others in sectors of their own.
pub fn compound_file(streams: &[(&str, &[u8])]) -> Compound {
    let mut sectors = Vec::new();
    let mut fat = Vec::new();
    let mut mini_stream = Vec::new();
    let mut mini_fat: Vec<u32> = Vec::new();
    let mut placed = Vec::new();
    for (name, bytes) in streams {
        let start = if bytes.len() < 4096 {
            put_in(&mut mini_stream, &mut mini_fat, bytes, 64)
        } else {
            put(&mut sectors, &mut fat, bytes)
        };
        placed.push((*name, start, bytes.len()));
    }
    let root_start = put(&mut sectors, &mut fat, &mini_stream);
    let mini_fat_bytes: Vec<u8> = mini_fat.iter().flat_map(|n| n.to_le_bytes()).collect();
    let mini_fat_start = put(&mut sectors, &mut fat, &mini_fat_bytes);
    let mini_fat_sectors = mini_fat_bytes.len().div_ceil(512) as u32;

    let entry = |name: &str, kind: u8, child: u32, right: u32, start: u32, size: usize| {
        let mut e = vec![0u8; 128];
        let units: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        e[..units.len()].copy_from_slice(&units);
        e[64..66].copy_from_slice(&((units.len() + 2) as u16).to_le_bytes());
        e[66] = kind;
        e[67] = 1; // black
        e[68..72].copy_from_slice(&NO_ENTRY.to_le_bytes());
        e[72..76].copy_from_slice(&right.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&(size as u32).to_le_bytes());
        e
    };
    // The root's child is the first stream; each stream's right sibling is the next.
    let mut directory = entry(
        "Root Entry",
        5,
        if placed.is_empty() { NO_ENTRY } else { 1 },
        NO_ENTRY,
        root_start,
        mini_stream.len(),
    );
    for (i, (name, start, size)) in placed.iter().enumerate() {
        let right = if i + 1 < placed.len() {
            i as u32 + 2
        } else {
            NO_ENTRY
        };
        directory.extend(entry(name, 2, NO_ENTRY, right, *start, *size));
    }
    directory.resize(directory.len().div_ceil(512) * 512, 0);
    let directory_start = put(&mut sectors, &mut fat, &directory);

    // FAT sectors enough for every sector, themselves included.
    let mut fat_count = 1;
    while fat.len() + fat_count > fat_count * 128 {
        fat_count += 1;
    }
    let fat_sectors: Vec<u32> = (0..fat_count as u32)
        .map(|i| fat.len() as u32 + i)
        .collect();
    fat.extend(std::iter::repeat_n(FAT_SECTOR, fat_count));
    fat.resize(fat_count * 128, FREE);
    for i in 0..fat_count {
        let table: Vec<u8> = fat[i * 128..(i + 1) * 128]
            .iter()
            .flat_map(|n| n.to_le_bytes())
            .collect();
        sectors.extend(table);
    }

    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    header[24..26].copy_from_slice(&0x003Eu16.to_le_bytes()); // minor version
    header[26..28].copy_from_slice(&3u16.to_le_bytes()); // major version
    header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes()); // little-endian
    header[30..32].copy_from_slice(&9u16.to_le_bytes()); // 512-byte sectors
    header[32..34].copy_from_slice(&6u16.to_le_bytes()); // 64-byte mini sectors
    header[44..48].copy_from_slice(&(fat_count as u32).to_le_bytes());
    header[48..52].copy_from_slice(&directory_start.to_le_bytes());
    header[56..60].copy_from_slice(&4096u32.to_le_bytes());
    header[60..64].copy_from_slice(&mini_fat_start.to_le_bytes());
    header[64..68].copy_from_slice(&mini_fat_sectors.to_le_bytes());
    header[68..72].copy_from_slice(&END.to_le_bytes());
    for i in 0..109 {
        let id = fat_sectors.get(i).copied().unwrap_or(FREE);
        header[76 + i * 4..80 + i * 4].copy_from_slice(&id.to_le_bytes());
    }
    header.extend(sectors);
    Compound {
        bytes: header,
        directory: directory_start,
        fat: fat_sectors,
    }
}

// ---------------------------------------------------------------------------------------------
// BIFF8 records, as Excel 97 and later write them in an XLS file's `Workbook` stream.

pub fn rec(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
    out
}

pub fn bof(kind: u16) -> Vec<u8> {
    let mut data = 0x0600u16.to_le_bytes().to_vec();
    data.extend(kind.to_le_bytes());
    data.extend([0u8; 12]);
    rec(0x0809, &data)
}

pub fn eof() -> Vec<u8> {
    rec(0x000A, &[])
}

pub fn cell_head(row: u16, column: u16) -> Vec<u8> {
    let mut data = row.to_le_bytes().to_vec();
    data.extend(column.to_le_bytes());
    data.extend(0u16.to_le_bytes()); // the cell's format
    data
}

/// A LABELSST record: the shared string `index` at (row, column), from 0.
pub fn text(row: u16, column: u16, index: u32) -> Vec<u8> {
    let mut data = cell_head(row, column);
    data.extend(index.to_le_bytes());
    rec(0x00FD, &data)
}

/// A NUMBER record.
pub fn number(row: u16, column: u16, value: f64) -> Vec<u8> {
    let mut data = cell_head(row, column);
    data.extend(value.to_le_bytes());
    rec(0x0203, &data)
}

/// A DIMENSIONS record: rows `first..last` and columns `first..last`, the last ones past the
/// used area, as the format has them.
pub fn dimensions(first_row: u32, last_row: u32, first_column: u16, last_column: u16) -> Vec<u8> {
    let mut data = first_row.to_le_bytes().to_vec();
    data.extend(last_row.to_le_bytes());
    data.extend(first_column.to_le_bytes());
    data.extend(last_column.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    rec(0x0200, &data)
}

/// The shared strings (SST), all single-byte.
pub fn shared_strings(strings: &[&str]) -> Vec<u8> {
    let mut data = (strings.len() as u32).to_le_bytes().to_vec();
    data.extend((strings.len() as u32).to_le_bytes());
    for s in strings {
        data.extend((s.len() as u16).to_le_bytes());
        data.push(0);
        data.extend(s.bytes());
    }
    rec(0x00FC, &data)
}

/// A BoundSheet8 record: a worksheet named `name` whose records start at `at`.
pub fn bound_sheet(name: &str, at: u32) -> Vec<u8> {
    let mut data = at.to_le_bytes().to_vec();
    data.extend([0, 0, name.len() as u8, 0]);
    data.extend(name.bytes());
    rec(0x0085, &data)
}

/// The `Workbook` stream: the globals listing each of `listed` (a name, and the index in
/// `bodies` of the sheet it points at), then each body between its BOF and EOF records.
pub fn biff_listing(listed: &[(&str, usize)], bodies: &[&[u8]], strings: &[&str]) -> Vec<u8> {
    biff_listing_with(listed, bodies, &shared_strings(strings))
}

/// As [`biff_listing`], with the shared strings given as their records.
pub fn biff_listing_with(listed: &[(&str, usize)], bodies: &[&[u8]], sst: &[u8]) -> Vec<u8> {
    let globals_len = |at: &[u32]| {
        let mut g = bof(0x0005);
        g.extend(rec(0x0042, &1200u16.to_le_bytes())); // CODEPAGE: UTF-16
        for ((name, _), at) in listed.iter().zip(at) {
            g.extend(bound_sheet(name, *at));
        }
        g.extend(sst);
        g.extend(eof());
        g
    };
    let mut starts = Vec::new();
    let mut at = globals_len(&vec![0; listed.len()]).len();
    let mut sheets = Vec::new();
    for body in bodies {
        starts.push(at as u32);
        let mut sheet = bof(0x0010);
        sheet.extend(*body);
        sheet.extend(eof());
        at += sheet.len();
        sheets.extend(sheet);
    }
    let pointed: Vec<u32> = listed.iter().map(|(_, i)| starts[*i]).collect();
    let mut stream = globals_len(&pointed);
    stream.extend(sheets);
    stream
}

/// The `Workbook` stream of one sheet per body.
pub fn biff(sheets: &[(&str, Vec<u8>)], strings: &[&str]) -> Vec<u8> {
    let listed: Vec<(&str, usize)> = sheets
        .iter()
        .enumerate()
        .map(|(i, (n, _))| (*n, i))
        .collect();
    let bodies: Vec<&[u8]> = sheets.iter().map(|(_, b)| b.as_slice()).collect();
    biff_listing(&listed, &bodies, strings)
}

/// The shared strings `strings` and then one of `chars` times `x`, single-byte, as Excel writes
/// a long one: the SST record full at 8,224 bytes, the rest in CONTINUE records, each starting
/// with the string's flags again.
pub fn shared_strings_and_long(strings: &[&str], chars: u16) -> Vec<u8> {
    let count = strings.len() as u32 + 1;
    let mut data = count.to_le_bytes().to_vec();
    data.extend(count.to_le_bytes());
    for s in strings {
        data.extend((s.len() as u16).to_le_bytes());
        data.push(0);
        data.extend(s.bytes());
    }
    data.extend(chars.to_le_bytes());
    data.push(0);
    let mut left = usize::from(chars);
    let first = left.min(8224 - data.len());
    data.resize(data.len() + first, b'x');
    left -= first;
    let mut out = rec(0x00FC, &data);
    while left > 0 {
        let piece = left.min(8223);
        let mut more = vec![0u8];
        more.resize(1 + piece, b'x');
        out.extend(rec(0x003C, &more));
        left -= piece;
    }
    out
}

/// The grid on one sheet, and on a second `uses` cells in column A holding the last shared
/// string of [`shared_strings_and_long`], `chars` long.
pub fn long_string_used(chars: u16, uses: u16) -> Vec<u8> {
    let mut notes = Vec::new();
    for row in 0..uses {
        notes.extend(text(row, 0, STRINGS.len() as u32));
    }
    let grid = grid_records(0);
    biff_listing_with(
        &[("Grid", 0), ("Notes", 1)],
        &[&grid, &notes],
        &shared_strings_and_long(&STRINGS, chars),
    )
}

/// A LABEL record: a text of its own at (row, column), `declared` characters long by its
/// count, followed by `written`.
pub fn label(row: u16, column: u16, declared: u16, written: &str) -> Vec<u8> {
    let mut data = cell_head(row, column);
    data.extend(declared.to_le_bytes());
    data.push(0);
    data.extend(written.bytes());
    rec(0x0204, &data)
}

pub fn xls(stream: &[u8]) -> Vec<u8> {
    compound_file(&[("Workbook", stream)]).bytes
}

pub const STRINGS: [&str; 6] = ["module", "unit", "covers", "M1", "LO1", "K1"];

/// The records of a small grid: the header, `M1, LO1, K1`, and `M1, 2, K1` (a number), and
/// perhaps more rows of the first kind, from row 4.
pub fn grid_records(more_rows: u16) -> Vec<u8> {
    let mut body = dimensions(0, 3 + u32::from(more_rows), 0, 3);
    for column in 0..3 {
        body.extend(text(0, column, u32::from(column)));
    }
    for column in 0..3 {
        body.extend(text(1, column, u32::from(column) + 3));
    }
    body.extend(text(2, 0, 3));
    body.extend(number(2, 1, 2.0));
    body.extend(text(2, 2, 5));
    for row in 3..3 + more_rows {
        body.extend(text(row, 0, 3));
        body.extend(number(row, 1, f64::from(row)));
        body.extend(text(row, 2, 5));
    }
    body
}

// ---------------------------------------------------------------------------------------------
// ODS: a zip of a `mimetype` entry (first, stored), a manifest and `content.xml`.

pub fn ods(tables: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    ods_with_content(&content)
}

pub fn ods_with_content(content: &str) -> Vec<u8> {
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

pub fn ods_text(s: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{s}</text:p></table:table-cell>"#
    )
}

pub fn ods_number(n: u32) -> String {
    format!(
        r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
    )
}

pub fn ods_row(cells: &[String]) -> String {
    format!("<table:table-row>{}</table:table-row>", cells.concat())
}

/// The header and two rows, then `more` (rows, or anything else inside the table).
pub fn ods_grid(name: &str, more: &str) -> String {
    format!(
        r#"<table:table table:name="{name}">{}{}{}{more}</table:table>"#,
        ods_row(&[ods_text("module"), ods_text("unit"), ods_text("covers")]),
        ods_row(&[ods_text("M1"), ods_text("LO1"), ods_text("K1")]),
        ods_row(&[ods_text("M1"), ods_number(2), ods_text("K1")]),
    )
}

// ---------------------------------------------------------------------------------------------
// XLSX, damaged on purpose.

/// An XLSX workbook with one text replaced in its first sheet's XML (the zip written again,
/// stored).
pub fn with_sheet_text(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let text = String::from_utf8(data).unwrap();
            assert!(text.contains(from), "{text}");
            data = text.replace(from, to).into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}
