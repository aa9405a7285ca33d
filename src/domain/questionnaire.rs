//! The trainer selection questionnaire as data: criteria, questions, the 1–5 scale's wording,
//! the recommendation thresholds and the warning patterns.
//!
//! The questionnaire ships inside the binary (`assets/questionnaire.toml`) and a vendor may
//! override it with a file of the same shape. A malformed file is reported with its line and
//! field; it is never silently replaced.

use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

/// The questionnaire t3 ships with.
pub const EMBEDDED: &str = include_str!("../../assets/questionnaire.toml");

/// Points on the answer scale: 1 to 5.
pub const SCALE_POINTS: usize = 5;

/// Questions per criterion.
pub const QUESTIONS_PER_CRITERION: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct Questionnaire {
    /// What each point of the scale means, from 1 to 5.
    pub scale: Vec<String>,
    pub criteria: Vec<Criterion>,
    pub strongly_recommended_from: f64,
    pub consider_from: f64,
    pub warnings: Vec<WarningPattern>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub key: String,
    pub name: String,
    /// Why the criterion matters, shown at the top of its step.
    pub purpose: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// `criterion.question`, the key answers are stored under.
    pub id: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WarningPattern {
    pub key: String,
    /// Plain words; `{criterion}` and `{score}` are filled in when it fires.
    pub message: String,
    pub rule: WarningRule,
}

/// When a warning fires. Criteria are given by their index in [`Questionnaire::criteria`].
#[derive(Debug, Clone, PartialEq)]
pub enum WarningRule {
    /// Any criterion scoring at or below `threshold`.
    AnyCriterionAtMost { threshold: f64 },
    /// Any of `high` at or above `high_from` while `low` is at or below `low_to`.
    HighWithLow {
        high: Vec<usize>,
        high_from: f64,
        low: usize,
        low_to: f64,
    },
    /// One criterion scoring below `threshold`.
    CriterionBelow { criterion: usize, threshold: f64 },
    /// Any of these questions (by id) answered below `threshold`.
    QuestionsBelow {
        questions: Vec<String>,
        threshold: u8,
    },
}

/// A problem in a questionnaire file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionnaireError {
    /// The file's path, or "the embedded questionnaire".
    pub source: String,
    pub line: Option<usize>,
    /// The field concerned, as a path (`criteria[2].questions`), when known.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for QuestionnaireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for QuestionnaireError {}

impl Questionnaire {
    /// The questionnaire shipped in the binary.
    pub fn embedded() -> Result<Self, QuestionnaireError> {
        Self::parse(EMBEDDED, "the embedded questionnaire")
    }

    /// Reads a questionnaire file; `source` names it in error messages.
    pub fn parse(text: &str, source: &str) -> Result<Self, QuestionnaireError> {
        let file: File = toml::from_str(text).map_err(|error| QuestionnaireError {
            source: source.to_string(),
            line: error.span().map(|span| line_of(text, span.start)),
            field: None,
            message: error.message().trim().to_string(),
        })?;
        file.check(text, source)
    }

    pub fn question_count(&self) -> usize {
        self.criteria
            .iter()
            .map(|criterion| criterion.questions.len())
            .sum()
    }

    /// The criterion whose key is `key`.
    pub fn criterion_index(&self, key: &str) -> Option<usize> {
        self.criteria
            .iter()
            .position(|criterion| criterion.key == key)
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

// The file's shape as serde reads it, with spans kept for messages about its meaning.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    scale: Spanned<Vec<String>>,
    recommendation: RecommendationFile,
    criteria: Spanned<Vec<CriterionFile>>,
    #[serde(default)]
    warnings: Vec<Spanned<WarningFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecommendationFile {
    strongly_recommended_from: Spanned<f64>,
    consider_from: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CriterionFile {
    key: Spanned<String>,
    name: String,
    purpose: String,
    questions: Spanned<Vec<QuestionFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionFile {
    key: Spanned<String>,
    text: String,
}

// No deny_unknown_fields here: serde cannot combine it with the flattened rule.
#[derive(Deserialize)]
struct WarningFile {
    key: String,
    message: String,
    #[serde(flatten)]
    rule: RuleFile,
}

// Flattened into its warning, the rule is read from a buffered copy that has lost its
// positions, so its errors point at the start of the warning's table instead.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum RuleFile {
    AnyCriterionAtMost {
        threshold: f64,
    },
    HighWithLow {
        high: Vec<String>,
        high_from: f64,
        low: String,
        low_to: f64,
    },
    CriterionBelow {
        criterion: String,
        threshold: f64,
    },
    QuestionsBelow {
        questions: Vec<String>,
        threshold: u8,
    },
}

/// Builds errors that point into one file.
struct Checker<'a> {
    text: &'a str,
    source: &'a str,
}

impl Checker<'_> {
    fn error(
        &self,
        span: Range<usize>,
        field: String,
        message: impl Into<String>,
    ) -> QuestionnaireError {
        QuestionnaireError {
            source: self.source.to_string(),
            line: Some(line_of(self.text, span.start)),
            field: Some(field),
            message: message.into(),
        }
    }

    fn score(
        &self,
        value: f64,
        span: Range<usize>,
        field: String,
    ) -> Result<f64, QuestionnaireError> {
        if (1.0..=5.0).contains(&value) {
            Ok(value)
        } else {
            Err(self.error(span, field, format!("{value} is outside the 1–5 scale")))
        }
    }
}

impl File {
    fn check(self, text: &str, source: &str) -> Result<Questionnaire, QuestionnaireError> {
        let checker = Checker { text, source };
        if self.scale.get_ref().len() != SCALE_POINTS {
            let message = format!(
                "needs {SCALE_POINTS} entries, one per point, not {}",
                self.scale.get_ref().len()
            );
            return Err(checker.error(self.scale.span(), "scale".into(), message));
        }
        let criteria = check_criteria(&checker, self.criteria)?;
        let strongly = &self.recommendation.strongly_recommended_from;
        let strongly = checker.score(
            *strongly.get_ref(),
            strongly.span(),
            "recommendation.strongly_recommended_from".into(),
        )?;
        let consider = &self.recommendation.consider_from;
        let consider = checker.score(
            *consider.get_ref(),
            consider.span(),
            "recommendation.consider_from".into(),
        )?;
        if consider > strongly {
            let span = self.recommendation.consider_from.span();
            return Err(checker.error(
                span,
                "recommendation.consider_from".into(),
                "is above strongly_recommended_from",
            ));
        }
        let mut warnings = Vec::new();
        for (index, warning) in self.warnings.into_iter().enumerate() {
            let span = warning.span();
            let warning = warning.into_inner();
            let rule = check_rule(&checker, &criteria, warning.rule, &Located { index, span })?;
            warnings.push(WarningPattern {
                key: warning.key,
                message: warning.message,
                rule,
            });
        }
        Ok(Questionnaire {
            scale: self.scale.into_inner(),
            criteria,
            strongly_recommended_from: strongly,
            consider_from: consider,
            warnings,
        })
    }
}

fn check_criteria(
    checker: &Checker<'_>,
    criteria: Spanned<Vec<CriterionFile>>,
) -> Result<Vec<Criterion>, QuestionnaireError> {
    if criteria.get_ref().is_empty() {
        return Err(checker.error(
            criteria.span(),
            "criteria".into(),
            "needs at least one criterion",
        ));
    }
    let mut accepted: Vec<Criterion> = Vec::new();
    for (index, criterion) in criteria.into_inner().into_iter().enumerate() {
        let key = criterion.key.get_ref().clone();
        if !is_key(&key) || accepted.iter().any(|other| other.key == key) {
            let message =
                format!("'{key}' must be a unique key of lower-case letters, digits and _");
            return Err(checker.error(
                criterion.key.span(),
                format!("criteria[{index}].key"),
                message,
            ));
        }
        if criterion.questions.get_ref().len() != QUESTIONS_PER_CRITERION {
            let message = format!(
                "needs {QUESTIONS_PER_CRITERION} questions, not {}",
                criterion.questions.get_ref().len()
            );
            return Err(checker.error(
                criterion.questions.span(),
                format!("criteria[{index}].questions"),
                message,
            ));
        }
        let mut questions: Vec<Question> = Vec::new();
        for (number, question) in criterion.questions.into_inner().into_iter().enumerate() {
            let id = format!("{key}.{}", question.key.get_ref());
            if !is_key(question.key.get_ref()) || questions.iter().any(|other| other.id == id) {
                let message = format!(
                    "'{}' must be a unique key of lower-case letters, digits and _",
                    question.key.get_ref()
                );
                return Err(checker.error(
                    question.key.span(),
                    format!("criteria[{index}].questions[{number}].key"),
                    message,
                ));
            }
            questions.push(Question {
                id,
                text: question.text,
            });
        }
        accepted.push(Criterion {
            key,
            name: criterion.name,
            purpose: criterion.purpose,
            questions,
        });
    }
    Ok(accepted)
}

/// Which warning a rule belongs to, and where that warning's table is.
struct Located {
    index: usize,
    span: Range<usize>,
}

fn check_rule(
    checker: &Checker<'_>,
    criteria: &[Criterion],
    rule: RuleFile,
    at: &Located,
) -> Result<WarningRule, QuestionnaireError> {
    let field = |name: &str| format!("warnings[{}].{name}", at.index);
    let error = |name: &str, message: String| checker.error(at.span.clone(), field(name), message);
    let score = |value: f64, name: &str| checker.score(value, at.span.clone(), field(name));
    let criterion = |key: &str, name: &str| {
        criteria
            .iter()
            .position(|criterion| criterion.key == key)
            .ok_or_else(|| error(name, format!("no criterion has the key '{key}'")))
    };
    Ok(match rule {
        RuleFile::AnyCriterionAtMost { threshold } => WarningRule::AnyCriterionAtMost {
            threshold: score(threshold, "threshold")?,
        },
        RuleFile::HighWithLow {
            high,
            high_from,
            low,
            low_to,
        } => WarningRule::HighWithLow {
            high: high
                .iter()
                .map(|key| criterion(key, "high"))
                .collect::<Result<_, _>>()?,
            high_from: score(high_from, "high_from")?,
            low: criterion(&low, "low")?,
            low_to: score(low_to, "low_to")?,
        },
        RuleFile::CriterionBelow {
            criterion: key,
            threshold,
        } => WarningRule::CriterionBelow {
            criterion: criterion(&key, "criterion")?,
            threshold: score(threshold, "threshold")?,
        },
        RuleFile::QuestionsBelow {
            questions,
            threshold,
        } => {
            let known = |id: &String| {
                criteria
                    .iter()
                    .flat_map(|c| &c.questions)
                    .any(|q| q.id == *id)
            };
            if let Some(unknown) = questions.iter().find(|id| !known(id)) {
                let message = format!("no question has the id '{unknown}' (criterion.question)");
                return Err(error("questions", message));
            }
            score(f64::from(threshold), "threshold")?;
            WarningRule::QuestionsBelow {
                questions,
                threshold,
            }
        }
    })
}

fn is_key(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_questionnaire_loads() {
        let questionnaire = Questionnaire::embedded().unwrap();
        assert_eq!(questionnaire.criteria.len(), 4);
        assert_eq!(questionnaire.question_count(), 12);
        assert_eq!(questionnaire.scale.len(), 5);
        assert_eq!(questionnaire.warnings.len(), 4);
        assert_eq!(
            questionnaire.criteria[0].questions[0].id,
            "credibility.advice_sought"
        );
    }

    fn error_of(edit: impl Fn(&str) -> String) -> QuestionnaireError {
        Questionnaire::parse(&edit(EMBEDDED), "override.toml").unwrap_err()
    }

    fn line_containing(text: &str, needle: &str) -> usize {
        line_of(text, text.find(needle).unwrap())
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let error = error_of(|text| text.replacen("consider_from = 3.0", "consider_from = ", 1));
        assert_eq!(
            error.line,
            Some(line_containing(EMBEDDED, "consider_from = 3.0"))
        );
        assert!(
            error.to_string().starts_with("override.toml, line "),
            "{error}"
        );
    }

    #[test]
    fn a_missing_field_is_named() {
        let error =
            error_of(|text| text.replacen("purpose = \"A trainer who", "aim = \"A trainer who", 1));
        assert!(
            error.message.contains("aim") || error.message.contains("purpose"),
            "{error}"
        );
        assert!(error.line.is_some(), "{error}");
    }

    #[test]
    fn a_meaningless_reference_names_its_line_and_field() {
        let error =
            error_of(|text| text.replacen("low = \"credibility\"", "low = \"charisma\"", 1));
        assert_eq!(error.field.as_deref(), Some("warnings[1].low"));
        // The error points at the [[warnings]] header of the warning that is wrong.
        let key = line_containing(EMBEDDED, "key = \"enthusiasm-without-credibility\"");
        assert_eq!(error.line, Some(key - 1));
        assert!(error.message.contains("charisma"), "{error}");
    }

    #[test]
    fn a_criterion_must_have_three_questions() {
        let error = error_of(|text| {
            text.replacen(
                "    { key = \"cross_team_reach\", text = \"Are they known and respected beyond their own team?\" },\n",
                "",
                1,
            )
        });
        assert_eq!(error.field.as_deref(), Some("criteria[0].questions"));
        assert!(
            error.message.contains("needs 3 questions, not 2"),
            "{error}"
        );
    }

    #[test]
    fn thresholds_stay_on_the_scale() {
        let error = error_of(|text| {
            text.replacen(
                "strongly_recommended_from = 4.0",
                "strongly_recommended_from = 7.0",
                1,
            )
        });
        assert_eq!(
            error.field.as_deref(),
            Some("recommendation.strongly_recommended_from")
        );
        let error = error_of(|text| text.replacen("consider_from = 3.0", "consider_from = 4.5", 1));
        assert!(error.message.contains("above"), "{error}");
    }

    #[test]
    fn unknown_question_ids_are_refused() {
        let error =
            error_of(|text| text.replacen("\"time.protected_time\"", "\"time.holidays\"", 1));
        assert_eq!(error.field.as_deref(), Some("warnings[3].questions"));
    }
}
