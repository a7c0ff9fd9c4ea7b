//! The parts of a zipped workbook (XLSX, XLSB, ODS), read before calamine reads them.

use std::io::{BufReader, Cursor};

use crate::measure::{DAMAGED, Refusal};

/// Reads every XML part of a zipped workbook before calamine does, and refuses it if it unpacks
/// to more than `max_unpacked` bytes by the sizes its archive gives (the zip reader calamine
/// uses stops a part at its given size, so an archive cannot understate them), or if a part has a
/// cell reference calamine 0.38 cannot read: it adds up a reference's letters and digits in a
/// `u32` unchecked (tafia/calamine#709), so seven letters or ten digits panic where overflow
/// checks are on and wrap silently to another cell where they are off. No sheet has a cell
/// past `XFD1048576`, so a `r` or `ref` attribute with more than three letters or seven digits
/// is found here first, reading each part as calamine does (its reader settings, its way of
/// splitting attributes). Bytes that are not a zip archive pass.
pub(crate) fn scan_parts(bytes: &[u8], max_unpacked: u64) -> Option<Refusal> {
    use quick_xml::events::Event;

    let too_large = || {
        Refusal {
        message: format!(
            "the workbook unpacks to more than {} MB; waypost reads at most that much",
            max_unpacked / (1024 * 1024)
        ),
        hint: "a mapping grid unpacks to a few megabytes: save only the grid, or save it as CSV (UTF-8)"
            .to_string(),
    }
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let declared = (0..archive.len())
        .filter_map(|i| archive.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add);
    if declared > max_unpacked {
        return Some(too_large());
    }
    for i in 0..archive.len() {
        let Ok(file) = archive.by_index(i) else {
            continue;
        };
        let part = String::from_utf8_lossy(file.name_raw()).into_owned();
        let mut xml = quick_xml::Reader::from_reader(BufReader::new(file));
        let config = xml.config_mut();
        config.check_end_names = false;
        config.trim_text(false);
        config.check_comments = false;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) => {
                    let found = raw_attributes(e.attributes_raw())
                        .find(|(key, value)| matches!(*key, "r" | "ref") && overlong(value));
                    if let Some((_, value)) = found {
                        let shown: String = value.chars().take(24).collect();
                        let more = if shown.len() < value.len() { "…" } else { "" };
                        return Some(Refusal {
                            message: format!(
                                "cannot read the workbook: `{part}` has the cell reference `{shown}{more}`, past `XFD1048576`, the last cell a sheet can have"
                            ),
                            hint: DAMAGED.to_string(),
                        });
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => {}
            }
        }
    }
    None
}

/// Whether any `:`-separated piece of a reference starts with more than three letters, or has
/// more than seven digits after them.
fn overlong(reference: &str) -> bool {
    reference.split(':').any(|piece| {
        let letters = piece.bytes().take_while(u8::is_ascii_alphabetic).count();
        let digits = piece
            .bytes()
            .skip(letters)
            .take_while(u8::is_ascii_digit)
            .count();
        letters > 3 || digits > 7
    })
}

/// An element's attributes as calamine 0.38 splits them: a key runs to the next `=`, a value
/// is quoted; the first malformed one ends the list.
pub(crate) fn raw_attributes(raw: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = raw;
    std::iter::from_fn(move || {
        let (key, after) = rest.trim_ascii_start().split_once('=')?;
        let after = after.trim_ascii_start();
        let quote = after.chars().next().filter(|q| matches!(q, '"' | '\''))?;
        let value = after.get(1..)?;
        let (value, tail) = value.split_once(quote).unwrap_or((value, ""));
        rest = tail;
        Some((key.trim_ascii_end(), value))
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]
mod tests {
    use std::io::Read;

    use super::*;

    /// A zip archive of one compressed part, and where its central directory gives the part's
    /// unpacked size.
    fn archive(part: &[u8]) -> (Vec<u8>, usize) {
        use std::io::Write;
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        out.write_all(part).unwrap();
        let bytes = out.finish().unwrap().into_inner();
        let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        (bytes, central + 24)
    }

    #[test]
    fn a_workbook_unpacking_past_the_limit_is_refused_by_its_sizes_or_its_bytes() {
        let part = format!("<sheetData>{}</sheetData>", "<c r=\"A1\"/>".repeat(10_000));
        let (honest, size_at) = archive(part.as_bytes());
        assert!(scan_parts(&honest, 1 << 20).is_none(), "within the limit");
        // The sizes the archive gives: refused before anything is unpacked.
        let refusal = scan_parts(&honest, 50_000).unwrap();
        assert_eq!(
            refusal.message,
            "the workbook unpacks to more than 0 MB; waypost reads at most that much"
        );
        // An archive that understates a part's size cannot unpack more than it says: the zip
        // reader (calamine's too) stops there, with an error or with what it gave.
        let mut lying = honest.clone();
        lying
            .get_mut(size_at..size_at + 4)
            .unwrap()
            .copy_from_slice(&100u32.to_le_bytes());
        let mut archive = zip::ZipArchive::new(Cursor::new(&lying)).unwrap();
        let mut unpacked = Vec::new();
        let result = archive.by_index(0).unwrap().read_to_end(&mut unpacked);
        assert!(
            result.is_err() || unpacked.len() <= 100,
            "{}",
            unpacked.len()
        );
        assert!(scan_parts(&lying, 50_000).is_none());
    }
}
