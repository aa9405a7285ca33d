//! What t3 remembers between runs, per database: the tab that was showing, and for each tab
//! its sort, its filter text and the selected row (by its id, so a row that moved is found and
//! one that is gone falls back to the top).
//!
//! The file is `ui-state.toml` in the user's state folder, one table per database keyed by its
//! canonical path, so the demo and the real database never share a place. It is a convenience:
//! a missing or broken file is logged and forgotten, never an error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::files::write_atomically;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TabState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    #[serde(default)]
    pub filter: String,
    /// The selected row's id as the tab writes it (`12`, or `missed-syncs/12/40` on At risk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatabaseState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tab: Option<String>,
    #[serde(default)]
    pub tabs: BTreeMap<String, TabState>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct StateFile {
    #[serde(default)]
    databases: BTreeMap<String, DatabaseState>,
}

/// The key a database's state is kept under: its canonical path, or the path as given when
/// it cannot be resolved.
pub fn database_key(database: &Path) -> String {
    std::fs::canonicalize(database)
        .unwrap_or_else(|_| database.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

fn read(path: &Path) -> StateFile {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return StateFile::default();
        }
        Err(error) => {
            tracing::warn!(path = %path.display(), %error, "cannot read the remembered state");
            return StateFile::default();
        }
    };
    toml::from_str(&text).unwrap_or_else(|error| {
        tracing::warn!(
            path = %path.display(),
            error = error.message(),
            "the remembered state is unreadable and is ignored"
        );
        StateFile::default()
    })
}

/// What was remembered for `database`, if anything.
pub fn load(path: &Path, database: &str) -> Option<DatabaseState> {
    read(path).databases.remove(database)
}

/// Remembers `state` for `database`, keeping what other databases remembered.
pub fn save(path: &Path, database: &str, state: DatabaseState) -> Result<PathBuf, String> {
    let mut file = read(path);
    file.databases.insert(database.to_string(), state);
    let text = toml::to_string_pretty(&file).map_err(|error| error.to_string())?;
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|error| format!("Cannot create {}: {error}", folder.display()))?;
    }
    write_atomically(path, text.as_bytes()).map_err(|error| format!("{error:#}"))?;
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(filter: &str) -> DatabaseState {
        let mut tabs = BTreeMap::new();
        tabs.insert(
            "roster".to_string(),
            TabState {
                sort: Some("account".to_string()),
                filter: filter.to_string(),
                selected: Some("42".to_string()),
            },
        );
        DatabaseState {
            tab: Some("roster".to_string()),
            tabs,
        }
    }

    #[test]
    fn each_database_keeps_its_own_state() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join("ui-state.toml");
        assert_eq!(load(&path, "/a.db"), None);
        save(&path, "/a.db", state("status:lapsed")).unwrap();
        save(&path, "/b.db", state("kestrel")).unwrap();
        assert_eq!(load(&path, "/a.db"), Some(state("status:lapsed")));
        assert_eq!(load(&path, "/b.db"), Some(state("kestrel")));
    }

    #[test]
    fn a_broken_file_is_ignored_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ui-state.toml");
        std::fs::write(&path, "databases = [not toml").unwrap();
        assert_eq!(load(&path, "/a.db"), None);
        save(&path, "/a.db", state("x")).unwrap();
        assert_eq!(load(&path, "/a.db"), Some(state("x")));
    }
}
