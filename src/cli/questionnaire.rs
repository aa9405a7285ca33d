//! Choosing the selection questionnaire at start-up: the vendor's override file when there is a
//! usable one, the embedded questionnaire otherwise.
//!
//! A broken override never stops t3 and is never ignored quietly: the caller gets a notice to
//! show, naming the file, line and field, and runs on the embedded questionnaire meanwhile.

use std::io::ErrorKind;
use std::path::Path;

use crate::domain::questionnaire::{Questionnaire, QuestionnaireError};

/// The questionnaire to run, and why it is not the override the user wrote, if it is not.
#[derive(Debug)]
pub struct Loaded {
    pub questionnaire: Questionnaire,
    /// Set when an override exists but cannot be used: the reason, then that the embedded
    /// questionnaire stands in until the file is fixed.
    pub notice: Option<String>,
}

/// Reads the override at `path` when it exists; `None` means there is nowhere to look.
///
/// Fails only when the embedded questionnaire itself does not load, which a test of the build
/// rules out.
pub fn load(path: Option<&Path>) -> Result<Loaded, QuestionnaireError> {
    let Some(path) = path else {
        return embedded(None);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == ErrorKind::NotFound => return embedded(None),
        Err(error) => {
            let reason = format!("cannot read {}: {error}", path.display());
            return embedded(Some(reason));
        }
    };
    match Questionnaire::parse(&text, &path.display().to_string()) {
        Ok(questionnaire) => {
            tracing::info!(path = %path.display(), "questionnaire override in use");
            Ok(Loaded {
                questionnaire,
                notice: None,
            })
        }
        Err(error) => embedded(Some(error.to_string())),
    }
}

fn embedded(reason: Option<String>) -> Result<Loaded, QuestionnaireError> {
    let notice = reason.map(|reason| {
        tracing::warn!(%reason, "questionnaire override refused");
        format!("{reason}; using the embedded questionnaire until it is fixed")
    });
    Ok(Loaded {
        questionnaire: Questionnaire::embedded()?,
        notice,
    })
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::domain::questionnaire::EMBEDDED;

    fn loaded_from(text: Option<&str>) -> Loaded {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("questionnaire.toml");
        if let Some(text) = text {
            fs::write(&path, text).unwrap();
        }
        load(Some(&path)).unwrap()
    }

    #[test]
    fn without_a_file_the_embedded_questionnaire_runs_without_a_notice() {
        let loaded = loaded_from(None);
        assert_eq!(loaded.questionnaire, Questionnaire::embedded().unwrap());
        assert_eq!(loaded.notice, None);
        assert!(load(None).unwrap().notice.is_none());
    }

    #[test]
    fn a_valid_override_is_used() {
        let reworded = EMBEDDED.replace(
            "Do colleagues seek their advice on how to get work done?",
            "Do people come to them first when stuck?",
        );
        let loaded = loaded_from(Some(&reworded));
        assert_eq!(
            loaded.questionnaire.criteria[0].questions[0].text,
            "Do people come to them first when stuck?"
        );
        assert_eq!(loaded.notice, None);
    }

    #[test]
    fn a_malformed_override_falls_back_with_a_notice_naming_line_and_field() {
        let broken = EMBEDDED.replacen("low = \"credibility\"", "low = \"charisma\"", 1);
        let loaded = loaded_from(Some(&broken));
        assert_eq!(loaded.questionnaire, Questionnaire::embedded().unwrap());
        let notice = loaded.notice.unwrap();
        assert!(notice.contains("questionnaire.toml, line "), "{notice}");
        assert!(notice.contains("field warnings[1].low"), "{notice}");
        assert!(
            notice.ends_with("; using the embedded questionnaire until it is fixed"),
            "{notice}"
        );
    }

    #[test]
    fn an_unreadable_override_falls_back_with_a_notice() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should be cannot be read as text.
        let path = dir.path().join("questionnaire.toml");
        fs::create_dir(&path).unwrap();
        let loaded = load(Some(&path)).unwrap();
        let notice = loaded.notice.unwrap();
        assert!(notice.starts_with("cannot read "), "{notice}");
        assert!(notice.contains("questionnaire.toml"), "{notice}");
    }
}
