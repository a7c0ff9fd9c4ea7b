#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{de::direct, from_bytes, tags, through_tree, write};

/// `text` (TOML) in the compact form: its key names, pool and tree.
fn compact(text: &str) -> (Vec<String>, String, Vec<u8>) {
    let value: toml::Value = toml::from_str(text).unwrap();
    let mut keys = write::Keys::default();
    let mut file = write::File::default();
    file.value(&value, &mut keys).unwrap();
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
    let (keys, pool, tree) = compact(SAMPLE);
    let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
    assert_eq!(
        through_tree::<Sample>(&keys, &pool, &tree).unwrap(),
        expected
    );
    assert_eq!(sample.count, -1_234_567_890_123);
    assert_eq!(sample.when, "2004-09-07");
    assert_eq!(sample.missing, None);
    assert_eq!(sample.present.as_deref(), Some(""));
}

#[test]
fn a_string_with_a_nul_or_a_float_is_refused_when_written() {
    let value: toml::Value = toml::from_str("[a]\nb = [\"x\\u0000y\"]").unwrap();
    let e = write::File::default()
        .value(&value, &mut write::Keys::default())
        .unwrap_err();
    assert!(e.contains("under the key `a`: under the key `b`"), "{e}");
    assert!(e.contains("NUL"), "{e}");
    let value: toml::Value = toml::from_str("year = 2004.5").unwrap();
    let e = write::File::default()
        .value(&value, &mut write::Keys::default())
        .unwrap_err();
    assert!(e.contains("under the key `year`: the float 2004.5"), "{e}");
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
        assert!(direct::<Sample>(&keys, &pool, &tree[..end]).is_err());
        assert!(through_tree::<Sample>(&keys, &pool, &tree[..end]).is_err());
    }
    for i in 0..tree.len() {
        for b in [0u8, 1, 5, 6, 7, 0x7f, 0x80, 0xff] {
            let mut broken = tree.clone();
            broken[i] = b;
            let _ = direct::<Sample>(&keys, &pool, &broken);
            let _ = direct::<crate::model::framework::Framework>(&keys, &pool, &broken);
            let _ = through_tree::<Sample>(&keys, &pool, &broken);
        }
    }
    // Lists nested past the limit, in the tree reader (the direct reader's depth is the
    // model's).
    let deep = [tags::LIST, 1].repeat(200);
    assert!(through_tree::<serde::de::IgnoredAny>(&[], "", &deep).is_err());
    // Data left over, in the tree or the pool.
    let mut longer = tree.clone();
    longer.push(tags::TRUE);
    assert!(from_bytes::<Sample>(&keys, &pool, &longer).is_err());
    assert!(from_bytes::<Sample>(&keys, &format!("{pool}x"), &tree).is_err());
    // A string past the pool's end, or in the middle of a character.
    assert!(from_bytes::<String>(&[], "", &[tags::STRING]).is_err());
    assert!(from_bytes::<String>(&[], "ü", &[tags::STRING]).is_err());
    assert!(from_bytes::<String>(&[], "ü\0", &[tags::STRING, tags::STRING]).is_err());
    assert_eq!(
        from_bytes::<String>(&[], "ü\0", &[tags::STRING]).unwrap(),
        "ü"
    );
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

/// The two readers (serde's `Deserializer` natively, the tree in the WebAssembly build) give
/// the same model for every built-in file.
#[test]
fn both_readers_give_the_same_builtin_catalog() {
    use crate::catalog::{BUILTIN_KEYS, CROSSWALK_FILES, FRAMEWORK_FILES};
    use crate::model::{crosswalk::Crosswalk, framework::Framework};
    for (name, pool, tree) in FRAMEWORK_FILES {
        let a: Framework = direct(BUILTIN_KEYS, pool, tree).unwrap();
        let b: Framework = through_tree(BUILTIN_KEYS, pool, tree).unwrap();
        assert_eq!(a, b, "{name}");
    }
    for (name, pool, tree) in CROSSWALK_FILES {
        let a: Crosswalk = direct(BUILTIN_KEYS, pool, tree).unwrap();
        let b: Crosswalk = through_tree(BUILTIN_KEYS, pool, tree).unwrap();
        assert_eq!(a, b, "{name}");
    }
    assert!(!FRAMEWORK_FILES.is_empty() && !CROSSWALK_FILES.is_empty());
}

#[test]
fn the_nul_that_ends_a_string_is_found_wherever_it_is() {
    for len in 0..40 {
        for at in 0..len {
            let mut bytes: Vec<u8> = (0..len).map(|i| b'a' + (i % 26) as u8).collect();
            bytes[at] = 0;
            if at + 1 < len {
                bytes[len - 1] = 0;
            }
            assert_eq!(super::find_nul(&bytes), Some(at), "{len} {at}");
        }
        let none: Vec<u8> = (0..len).map(|i| 0x80 | i as u8).collect();
        assert_eq!(super::find_nul(&none), None);
    }
}
