//! Times reading a JSON curriculum: `cargo run --release -p waypost --example json_read_timing FILE`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).expect("a JSON file");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut best = f64::MAX;
    for _ in 0..7 {
        let t = Instant::now();
        let c =
            waypost::load_curriculum(waypost::Document::in_format(&text, waypost::Format::Json))
                .unwrap();
        best = best.min(t.elapsed().as_secs_f64());
        assert!(!c.modules.is_empty());
    }
    let t = Instant::now();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let value = t.elapsed().as_secs_f64();
    assert!(v.is_object());
    println!(
        "{path}: {} bytes, load_curriculum best of 7 {:.1} ms (serde_json::Value {:.1} ms)",
        text.len(),
        best * 1e3,
        value * 1e3
    );
}
