//! Where t3 keeps its files by default: the database and demo database under the user's data
//! directory, the log under the state directory (the data directory where there is none), and
//! the files a user may put in the config directory to change t3's behaviour.

use std::path::PathBuf;

use directories::ProjectDirs;

pub struct Paths {
    dirs: Option<ProjectDirs>,
}

impl Paths {
    pub fn discover() -> Self {
        Self {
            dirs: ProjectDirs::from("", "", "t3"),
        }
    }

    fn data_dir(&self) -> PathBuf {
        // Without a home directory there is no data directory; the working folder is the one
        // place left that the user can see.
        self.dirs
            .as_ref()
            .map_or_else(|| PathBuf::from("."), |dirs| dirs.data_dir().to_path_buf())
    }

    /// `~/.local/share/t3/t3.db` on Linux.
    pub fn default_database(&self) -> PathBuf {
        self.data_dir().join("t3.db")
    }

    /// The demo database lives apart from the real one so that `--demo` can never touch it.
    pub fn demo_database(&self) -> PathBuf {
        self.data_dir().join("demo.db")
    }

    /// `~/.local/state/t3` on Linux.
    pub fn log_dir(&self) -> PathBuf {
        self.dirs
            .as_ref()
            .and_then(|dirs| dirs.state_dir().map(std::path::Path::to_path_buf))
            .unwrap_or_else(|| self.data_dir())
    }

    /// `~/.local/state/t3/command-history` on Linux: the commands run on the app's `:` line,
    /// kept for `Up` in the next run.
    pub fn command_history(&self) -> PathBuf {
        self.log_dir().join("command-history")
    }

    /// `~/.config/t3/questionnaire.toml` on Linux (`$XDG_CONFIG_HOME/t3/` when that is set): a
    /// vendor's rewording of the selection questionnaire. `None` without a home directory, where
    /// there is no config directory to look in.
    pub fn questionnaire_override(&self) -> Option<PathBuf> {
        self.dirs
            .as_ref()
            .map(|dirs| dirs.config_dir().join("questionnaire.toml"))
    }

    /// `~/.config/t3/views.toml` on Linux: the views saved under a name (`W`). `None` without a
    /// home directory, where views cannot be saved.
    pub fn views_file(&self) -> Option<PathBuf> {
        self.dirs
            .as_ref()
            .map(|dirs| dirs.config_dir().join("views.toml"))
    }

    /// `~/.local/state/t3/ui-state.toml` on Linux: each database's tab, sorts, filters and
    /// selected rows, remembered between runs.
    pub fn ui_state_file(&self) -> PathBuf {
        self.log_dir().join("ui-state.toml")
    }

    /// `~/.config/t3/config.toml` on Linux (`$XDG_CONFIG_HOME/t3/` when that is set): the
    /// settings that change how t3 judges, such as the modules' pass marks. `None` without a
    /// home directory, where every default applies.
    pub fn config_file(&self) -> Option<PathBuf> {
        self.dirs
            .as_ref()
            .map(|dirs| dirs.config_dir().join("config.toml"))
    }

    /// `~/.config/t3/themes` on Linux: the user's themes, `NAME.toml` for `theme = "NAME"`.
    /// `None` without a home directory, where only the built-in themes exist.
    pub fn themes_dir(&self) -> Option<PathBuf> {
        self.dirs
            .as_ref()
            .map(|dirs| dirs.config_dir().join("themes"))
    }

    /// `~/.config/t3/keys.toml` on Linux (`$XDG_CONFIG_HOME/t3/` when that is set): the user's
    /// own keys, laid over the defaults. `None` without a home directory.
    pub fn keys_file(&self) -> Option<PathBuf> {
        self.dirs
            .as_ref()
            .map(|dirs| dirs.config_dir().join("keys.toml"))
    }
}
