//! One large curriculum in a single file (issue 17): a seeded mapping of `rows` units, 50 to a
//! module, each unit covering 1 to 5 distinct statements, written as a CSV mapping grid, TOML
//! or JSON with the same content; and the floor for reading it, the plain reader of each
//! format (the `csv` crate's records, `toml::Value`, `serde_json::Value`) with nothing else.

use std::{fmt::Write as _, path::Path};

use crate::{Rng, TOPICS, VERBS, pick};

/// Units per module in the large file: 100,000 rows are 2,000 modules of 50 units.
pub const UNITS_PER_MODULE: usize = 50;

/// The format of the large file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LargeFormat {
    /// A mapping grid, one row per unit.
    Csv,
    /// A curriculum in TOML.
    Toml,
    /// A curriculum in JSON, one unit to a line.
    Json,
}

impl LargeFormat {
    /// The three, in the order the table reports them.
    pub const ALL: [LargeFormat; 3] = [LargeFormat::Csv, LargeFormat::Toml, LargeFormat::Json];

    /// The file extension, which is also the format's name here.
    pub fn extension(self) -> &'static str {
        match self {
            LargeFormat::Csv => "csv",
            LargeFormat::Toml => "toml",
            LargeFormat::Json => "json",
        }
    }

    /// The format of this extension.
    pub fn from_extension(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.extension() == name)
    }
}

/// One unit: its module, its id, its text and what it covers (`K4:developed` or a bare `K4`).
struct Row {
    module: usize,
    unit: usize,
    text: String,
    covers: Vec<String>,
}

fn rows(rng: &mut Rng, count: usize, codes: &[String]) -> Vec<Row> {
    const LEVELS: [&str; 3] = ["", ":introduced", ":developed"];
    (0..count)
        .map(|i| {
            let mappings = rng.range(1, 5) as usize;
            let mut covers: Vec<String> = Vec::with_capacity(mappings);
            let mut taken: Vec<&str> = Vec::with_capacity(mappings);
            while covers.len() < mappings.min(codes.len()) {
                let code = pick(rng, codes);
                if !taken.contains(&code) {
                    taken.push(code);
                    covers.push(format!("{code}{}", pick(rng, &LEVELS)));
                }
            }
            Row {
                module: i / UNITS_PER_MODULE + 1,
                unit: i % UNITS_PER_MODULE + 1,
                text: format!("{} {}", pick(rng, &VERBS), pick(rng, &TOPICS)),
                covers,
            }
        })
        .collect()
}

/// The text of one large curriculum of `count` units mapped to `codes`, in `format`: the same
/// seed gives the same content in every format and on every machine.
pub fn large(count: usize, seed: u64, codes: &[String], format: LargeFormat) -> String {
    let mut rng = Rng::new(seed);
    let rows = rows(&mut rng, count, codes);
    let mut out = String::with_capacity(count * 120);
    match format {
        LargeFormat::Csv => {
            out.push_str("module,module_title,unit,text,covers\n");
            for r in &rows {
                let _ = writeln!(
                    out,
                    "M{:05},Module {},LO{},{},{}",
                    r.module,
                    r.module,
                    r.unit,
                    r.text,
                    r.covers.join("; ")
                );
            }
        }
        LargeFormat::Toml => {
            let _ = writeln!(
                out,
                "id = \"large\"\ntitle = \"A large curriculum\"\nframeworks = [\"realising-recovery-2007\"]"
            );
            for r in &rows {
                if r.unit == 1 {
                    let _ = writeln!(
                        out,
                        "\n[[modules]]\ncode = \"M{:05}\"\ntitle = \"Module {}\"",
                        r.module, r.module
                    );
                }
                let covers: Vec<String> = r.covers.iter().map(|c| format!("\"{c}\"")).collect();
                let _ = writeln!(
                    out,
                    "\n[[modules.units]]\nid = \"LO{}\"\ntext = \"{}\"\ncovers = [{}]",
                    r.unit,
                    r.text,
                    covers.join(", ")
                );
            }
        }
        LargeFormat::Json => {
            out.push_str("{\n  \"id\": \"large\",\n  \"title\": \"A large curriculum\",\n  \"frameworks\": [\"realising-recovery-2007\"],\n  \"modules\": [");
            for (i, r) in rows.iter().enumerate() {
                if r.unit == 1 {
                    if i > 0 {
                        out.push_str("\n    ]},");
                    }
                    let _ = write!(
                        out,
                        "\n    {{\"code\": \"M{:05}\", \"title\": \"Module {}\", \"units\": [",
                        r.module, r.module
                    );
                } else {
                    out.push(',');
                }
                let covers: Vec<String> = r.covers.iter().map(|c| format!("\"{c}\"")).collect();
                let _ = write!(
                    out,
                    "\n      {{\"id\": \"LO{}\", \"text\": \"{}\", \"covers\": [{}]}}",
                    r.unit,
                    r.text,
                    covers.join(", ")
                );
            }
            if !rows.is_empty() {
                out.push_str("\n    ]}");
            }
            out.push_str("\n  ]\n}\n");
        }
    }
    out
}

/// The floor: reads the file with the plain reader of its format (the `csv` crate's records,
/// `toml::Value`, `serde_json::Value`) and nothing else; how many cells, tables or values it
/// holds (so the reading cannot be optimised away).
pub fn read_plain(path: &Path) -> Result<usize, String> {
    let format = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(LargeFormat::from_extension)
        .ok_or_else(|| format!("{}: not csv, toml or json", path.display()))?;
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(match format {
        LargeFormat::Csv => {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(text.as_bytes());
            let mut cells = 0;
            for record in reader.records() {
                cells += record.map_err(|e| e.to_string())?.len();
            }
            cells
        }
        LargeFormat::Toml => {
            let value: toml::Value = toml::from_str(&text).map_err(|e| e.to_string())?;
            value.as_table().map_or(0, toml::Table::len)
        }
        LargeFormat::Json => {
            let value: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| e.to_string())?;
            value.as_object().map_or(0, serde_json::Map::len)
        }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use waypost::{Catalog, CheckOptions};

    #[test]
    fn the_three_formats_hold_the_same_curriculum() {
        let codes: Vec<String> = ["K1", "K2", "S1", "V1", "V2", "S12"]
            .map(String::from)
            .to_vec();
        let catalog = Catalog::builtin().unwrap();
        let mut reports = Vec::new();
        for format in LargeFormat::ALL {
            let text = large(120, 9, &codes, format);
            assert_eq!(text, large(120, 9, &codes, format));
            let dir = std::env::temp_dir().join(format!("waypost-large-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(format!("large.{}", format.extension()));
            std::fs::write(&path, &text).unwrap();
            assert!(read_plain(&path).unwrap() > 0);
            let c = waypost::read_curriculum(&path).unwrap();
            assert_eq!(c.modules.len(), 3);
            assert_eq!(c.modules.iter().map(|m| m.units.len()).sum::<usize>(), 120);
            let mut options = CheckOptions::default();
            options.framework = Some("realising-recovery-2007".to_string());
            let r = waypost::check(catalog, &c, &options).unwrap();
            reports.push(
                r.statements
                    .iter()
                    .map(|s| (s.code.clone(), s.level.clone()))
                    .collect::<Vec<_>>(),
            );
            let _ = std::fs::remove_dir_all(&dir);
        }
        assert_eq!(reports[0], reports[1]);
        assert_eq!(reports[0], reports[2]);
        assert!(reports[0].iter().filter(|(_, l)| l.is_some()).count() == 6);
    }
}
