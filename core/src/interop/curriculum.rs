//! A mapping grid turned into a curriculum file a person goes on editing: checked against its
//! framework, named, and written as commented TOML with the levels spelt out. The bindings
//! share it (they read grids from text); the command line's `waypost import --from grid`
//! does the same steps for files and workbooks.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    catalog::Catalog,
    error::{Diagnostic, Result},
    model::curriculum::Curriculum,
};

/// Choices for turning a grid into a curriculum file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct GridImportOptions {
    /// The framework the grid's codes belong to (default: the first the grid names, else
    /// `realising-recovery-2007`); the grid is checked against it.
    pub framework: Option<String>,
    /// The curriculum's id (default: the grid's, which is its file name).
    pub id: Option<String>,
    /// The curriculum's title (default: the grid's, which is its file name).
    pub title: Option<String>,
}

/// A curriculum file made from a mapping grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ImportedCurriculum {
    /// The file's text: TOML with a header saying where it came from.
    pub text: String,
    /// The framework the grid was checked against.
    pub framework: String,
    /// What the check warned of; the file is written all the same.
    pub warnings: Vec<Diagnostic>,
}

/// Checks a curriculum read from a mapping grid against its framework and writes it as a TOML
/// file. `name` is the grid's file name, for the file's header. A grid whose codes do not
/// resolve is refused with the check's errors.
pub fn grid_to_toml(
    catalog: &Catalog,
    mut curriculum: Curriculum,
    name: Option<&str>,
    options: &GridImportOptions,
) -> Result<ImportedCurriculum> {
    let framework_id =
        crate::framework_of(options.framework.as_deref(), &curriculum.frameworks).to_string();
    let framework = catalog.framework(&framework_id)?;
    let validation = crate::validate::validate(catalog, &curriculum, Some(&framework_id))?;
    if let Some(id) = &options.id {
        curriculum.id.clone_from(id);
    }
    if let Some(title) = &options.title {
        curriculum.title.clone_from(title);
    }
    let origin = match name {
        Some(name) => {
            let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
            format!("the mapping grid `{file}`")
        }
        None => "a mapping grid".to_string(),
    };
    Ok(ImportedCurriculum {
        text: super::curriculum_to_toml(&curriculum, &origin, Some(framework)),
        framework: framework.id.clone(),
        warnings: validation.warnings,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::DEFAULT_FRAMEWORK;

    const GRID: &str = "module,unit,text,covers\nM1,LO1,Discuss hope,K4; V9=D\nM1,LO2,Budgeting,\n";

    #[test]
    fn a_grid_becomes_a_toml_file_that_loads_as_the_same_curriculum() {
        let catalog = Catalog::builtin().unwrap();
        let grid = crate::load::load_curriculum(GRID, Some(crate::Format::Csv), Some("week1.csv"))
            .unwrap();
        let options = GridImportOptions {
            title: Some("Week one".into()),
            ..Default::default()
        };
        let out = grid_to_toml(catalog, grid.clone(), Some("in/week1.csv"), &options).unwrap();
        assert_eq!(out.framework, DEFAULT_FRAMEWORK);
        assert!(out.text.contains("the mapping grid `week1.csv`"));
        assert!(out.text.contains("V9:developed"));
        let back =
            crate::load::load_curriculum(&out.text, Some(crate::Format::Toml), None).unwrap();
        assert_eq!(back.title, "Week one");
        assert_eq!(back.modules.len(), grid.modules.len());
    }

    #[test]
    fn a_grid_with_an_unknown_code_is_refused() {
        let catalog = Catalog::builtin().unwrap();
        let grid = crate::load::load_curriculum(
            "module,unit,covers\nM1,LO1,K99\n",
            Some(crate::Format::Csv),
            Some("bad.csv"),
        )
        .unwrap();
        let e = grid_to_toml(catalog, grid, None, &GridImportOptions::default()).unwrap_err();
        assert_eq!(e.code(), "invalid");
    }
}
