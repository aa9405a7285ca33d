//! Saved views: a tab, its filter text and its sort, under a name the user chose, kept in
//! `views.toml` in the user's config folder.
//!
//! Views live outside the database on purpose: they are how one person likes to look at the
//! data, not the data. Read-only mode may save them, and undo never sees them.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::tab::Tab;
use crate::files::write_atomically;

/// The most views the numbered list offers keys for (`1`–`9`).
pub const NUMBERED: usize = 9;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub name: String,
    /// The tab's key: `accounts`, `roster`, `certification`, `syncs`, `at-risk`, `program`.
    pub tab: String,
    #[serde(default)]
    pub filter: String,
    /// The sort column's name; none for tabs with one fixed order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ViewsFile {
    #[serde(default, rename = "view")]
    views: Vec<SavedView>,
}

/// The views in `path`, in the order they were first saved; none when there is no file yet.
pub fn load(path: &Path) -> Result<Vec<SavedView>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(format!("Cannot read {}: {error}", path.display())),
    };
    toml::from_str::<ViewsFile>(&text)
        .map(|file| file.views)
        .map_err(|error| {
            let detail = error.message().to_string();
            let line = error
                .span()
                .map(|span| text[..span.start.min(text.len())].lines().count().max(1));
            match line {
                Some(line) => format!("{} line {line}: {detail}", path.display()),
                None => format!("{}: {detail}", path.display()),
            }
        })
}

/// Writes the views whole, creating the folder if needed.
pub fn store(path: &Path, views: &[SavedView]) -> Result<(), String> {
    let file = ViewsFile {
        views: views.to_vec(),
    };
    let text = toml::to_string_pretty(&file).map_err(|error| error.to_string())?;
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)
            .map_err(|error| format!("Cannot create {}: {error}", folder.display()))?;
    }
    write_atomically(path, text.as_bytes()).map_err(|error| format!("{error:#}"))
}

/// Puts `view` in place of the one with its name (any case), or after the others.
pub fn upsert(views: &mut Vec<SavedView>, view: SavedView) {
    match views
        .iter_mut()
        .find(|saved| saved.name.eq_ignore_ascii_case(&view.name))
    {
        Some(saved) => *saved = view,
        None => views.push(view),
    }
}

/// The view named `name` (any case), or numbered so in the list (`1` for the first).
pub fn find<'v>(views: &'v [SavedView], name: &str) -> Option<&'v SavedView> {
    let name = name.trim();
    views
        .iter()
        .find(|view| view.name.eq_ignore_ascii_case(name))
        .or_else(|| {
            let number: usize = name.parse().ok()?;
            views.get(number.checked_sub(1)?)
        })
}

/// The key a tab is saved under, in views and in the state kept between runs.
pub fn tab_key(tab: Tab) -> &'static str {
    match tab {
        Tab::Accounts => "accounts",
        Tab::Roster => "roster",
        Tab::Certification => "certification",
        Tab::Syncs => "syncs",
        Tab::AtRisk => "at-risk",
        Tab::Program => "program",
    }
}

pub fn tab_of(key: &str) -> Option<Tab> {
    Tab::ALL.into_iter().find(|tab| tab_key(*tab) == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(name: &str, filter: &str) -> SavedView {
        SavedView {
            name: name.to_string(),
            tab: "accounts".to_string(),
            filter: filter.to_string(),
            sort: Some("renewal".to_string()),
        }
    }

    #[test]
    fn views_round_trip_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t3").join("views.toml");
        assert_eq!(load(&path), Ok(Vec::new()));
        let mut views = vec![view("Renewals", "renewal:<90d")];
        upsert(&mut views, view("big", "seats:>500 owner:\"dana k\""));
        upsert(&mut views, view("renewals", "renewal:<60d"));
        store(&path, &views).unwrap();
        let loaded = load(&path).unwrap();
        assert_eq!(loaded, views);
        assert_eq!(loaded[0].filter, "renewal:<60d");
        assert_eq!(find(&loaded, "BIG").map(|v| v.name.as_str()), Some("big"));
        assert_eq!(
            find(&loaded, "1").map(|v| v.name.as_str()),
            Some("renewals")
        );
        assert_eq!(find(&loaded, "3"), None);
        assert_eq!(find(&loaded, "0"), None);
    }

    #[test]
    fn a_broken_file_is_named_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("views.toml");
        std::fs::write(&path, "[[view]]\nname = \"a\"\ntab = 3\n").unwrap();
        let error = load(&path).unwrap_err();
        assert!(error.contains("views.toml line 3"), "{error}");
    }

    #[test]
    fn every_tab_has_a_key_that_reads_back() {
        for tab in Tab::ALL {
            assert_eq!(tab_of(tab_key(tab)), Some(tab));
        }
        assert_eq!(tab_of("nowhere"), None);
    }
}
