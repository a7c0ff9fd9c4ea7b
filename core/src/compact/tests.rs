#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{from_bytes, tags, write};

/// `text` (TOML) in the compact form: its key names, pool and tree.
fn compact(text: &str) -> (Vec<String>, String, Vec<u8>) {
    let value: toml::Value = toml::from_str(text).unwrap();
    let mut keys = write::Keys::default();
    let mut file = write::File::default();
    file.value(&value, &mut keys);
    (keys.names().to_vec(), file.pool, file.tree)
}

fn read<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let (keys, pool, tree) = compact(text);
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    from_bytes(&keys, &pool, &tree).map_err(|e| e.to_string())
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Sample {
    name: String,
    again: String,
    count: i64,
    ratio: f64,
    on: bool,
    off: bool,
    #[serde(default)]
    missing: Option<String>,
    present: Option<String>,
    items: Vec<String>,
    one: crate::model::OneOrMany<String>,
    many: crate::model::OneOrMany<String>,
    kind: crate::model::framework::LinkType,
    nested: BTreeMap<String, Vec<u16>>,
    when: String,
}

const SAMPLE: &str = r#"
name = "héllo \"world\"\n"
again = "héllo \"world\"\n"
count = -1234567890123
ratio = 0.25
on = true
off = false
present = ""
items = ["a", "", "a", "ü"]
one = "x"
many = ["x", "y"]
kind = "isChildOf"
when = 2004-09-07
[nested]
a = [1, 2, 65535]
b = []
"#;

#[test]
fn every_kind_of_value_reads_back_as_the_toml_reader_gives_it() {
    let sample: Sample = read(SAMPLE).unwrap();
    let expected: Sample = crate::tree::from_toml(SAMPLE).unwrap().unwrap();
    assert_eq!(sample, expected);
    assert_eq!(sample.count, -1_234_567_890_123);
    assert_eq!(sample.when, "2004-09-07");
    assert_eq!(sample.missing, None);
    assert_eq!(sample.present.as_deref(), Some(""));
}

#[test]
fn a_string_used_twice_is_stored_once() {
    let (_, pool, tree) = compact(SAMPLE);
    assert_eq!(pool.matches("héllo").count(), 1);
    assert!(tree.contains(&tags::OLD_STRING));
}

#[test]
fn errors_name_the_path_to_the_value() {
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        list: Vec<Inner>,
    }
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        year: u16,
    }
    let e = read::<Outer>("[[list]]\nyear = 1\n[[list]]\nyear = 70000\n").unwrap_err();
    assert!(e.starts_with("list[1].year: "), "{e}");
    let e = read::<Outer>("[[list]]\nyear = 1\nextra = 2\n").unwrap_err();
    assert!(e.starts_with("list[0].extra: unknown field `extra`"), "{e}");
    let e = read::<Outer>("[[list]]\n").unwrap_err();
    assert!(e.contains("missing field `year`"), "{e}");
}

/// Broken data is an error, never a panic: cut short anywhere, every byte changed, tags and
/// numbers out of range.
#[test]
fn broken_data_is_an_error_not_a_panic() {
    let (keys, pool, tree) = compact(SAMPLE);
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    for end in 0..tree.len() {
        assert!(from_bytes::<Sample>(&keys, &pool, &tree[..end]).is_err());
    }
    for i in 0..tree.len() {
        for b in [0u8, 1, 7, 8, 0x7f, 0x80, 0xff] {
            let mut broken = tree.clone();
            broken[i] = b;
            let _ = from_bytes::<Sample>(&keys, &pool, &broken);
            let _ = from_bytes::<crate::model::framework::Framework>(&keys, &pool, &broken);
        }
    }
    // Data left over, in the tree or the pool.
    let mut longer = tree.clone();
    longer.push(tags::TRUE);
    assert!(from_bytes::<Sample>(&keys, &pool, &longer).is_err());
    assert!(from_bytes::<Sample>(&keys, &format!("{pool}x"), &tree).is_err());
    // A string past the pool's end, or in the middle of a character.
    assert!(from_bytes::<String>(&[], "", &[tags::NEW_STRING, 1]).is_err());
    assert!(from_bytes::<String>(&[], "ü", &[tags::OLD_STRING, 1, 1]).is_err());
    assert!(from_bytes::<String>(&[], "ü", &[tags::OLD_STRING, 0x80, 0x80, 0, 1]).is_err());
    // Numbers too long for 64 bits, a key out of the table, an unknown tag.
    let mut long = vec![tags::INTEGER];
    long.extend([0xff; 10]);
    long.push(1);
    assert!(from_bytes::<i64>(&[], "", &long).is_err());
    assert!(
        from_bytes::<BTreeMap<String, bool>>(&[], "", &[tags::TABLE, 1, 0, tags::TRUE]).is_err()
    );
    assert!(from_bytes::<bool>(&[], "", &[8]).is_err());
    assert!(from_bytes::<bool>(&[], "", &[]).is_err());
}

#[test]
fn numbers_at_the_edges_read_back() {
    for n in [0i64, -1, 1, 63, -64, 64, i64::MAX, i64::MIN] {
        let text = format!("n = {n}");
        let read: BTreeMap<String, i64> = read(&text).unwrap();
        assert_eq!(read["n"], n);
    }
    let mut long = String::new();
    for i in 0..300 {
        long.push(char::from(b'a' + (i % 26) as u8));
    }
    let read: BTreeMap<String, String> = read(&format!("s = \"{long}\"\nt = \"{long}\"")).unwrap();
    assert_eq!(read["s"], long);
    assert_eq!(read["t"], long);
}
