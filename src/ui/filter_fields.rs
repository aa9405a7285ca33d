//! The fields each tab's filter can name (`seats:>500`, `status:lapsed`), and each row's value
//! of them. The tabs pass their rows in; this module only reads them.
//!
//! Names are short, lower-case and the same across tabs where they mean the same thing
//! (`account`, `name`, `expires`), so a filter reads alike wherever it is typed.

use chrono::NaiveDate;

use super::filter::{Field, Value, date, number, text};
use crate::domain::certification::Pathway;
use crate::domain::metrics::AccountCoverage;
use crate::domain::risk::Severity;
use crate::domain::sync::{Engagement, SyncRow};
use crate::domain::triage::TriagedFinding;
use crate::domain::{AccountRow, TrainerRow};

pub const ACCOUNT_FIELDS: &[Field] = &[
    text("name"),
    text("segment"),
    text("owner"),
    text("t3"),
    number("seats"),
    date("renewal"),
    number("value"),
    number("certified"),
    number("coverage"),
    number("adoption"),
    text("risk"),
];

/// An account's worst open finding: the Risk column's word.
pub struct AccountRisk {
    pub worst: Option<Severity>,
}

pub fn account_value<'a>(row: &'a AccountRow, risk: &AccountRisk, field: usize) -> Value<'a> {
    let fields = &row.account.fields;
    match ACCOUNT_FIELDS.get(field).map_or("", |field| field.name) {
        "name" => Value::Text(&fields.name),
        "segment" => Value::Text(&fields.segment),
        "owner" => Value::Text(&fields.csm_owner),
        "t3" => Value::Text(fields.t3_status.as_str()),
        "seats" => Value::Number(Some(f64::from(fields.seats))),
        "renewal" => Value::Date(fields.renewal_date),
        "value" => Value::Number(Some(fields.annual_value as f64)),
        "certified" => Value::Number(Some(f64::from(row.certified_trainers))),
        // As the Cov column shows it: a percentage.
        "coverage" => Value::Number(row.coverage().map(|share| share * 100.0)),
        "adoption" => Value::Number(row.adoption_depth.map(f64::from)),
        "risk" => Value::Text(risk.worst.map_or("none", Severity::as_str)),
        _ => Value::Text(""),
    }
}

pub const ROSTER_FIELDS: &[Field] = &[
    text("name"),
    text("account"),
    text("email"),
    text("status"),
    text("title"),
    text("department"),
    text("review"),
    number("score"),
    number("sessions"),
    date("last-sync"),
    date("expires"),
];

/// What the Roster knows of a trainer beyond the row itself.
pub struct TrainerFacts<'a> {
    pub review: Option<&'static str>,
    pub score: Option<f64>,
    pub sessions: Option<u32>,
    pub engagement: Option<&'a Engagement>,
}

pub fn trainer_value<'a>(
    row: &'a TrainerRow,
    facts: &TrainerFacts<'_>,
    today: NaiveDate,
    field: usize,
) -> Value<'a> {
    let fields = &row.trainer.fields;
    match ROSTER_FIELDS.get(field).map_or("", |field| field.name) {
        "name" => Value::Text(&fields.name),
        "account" => Value::Text(&row.account_name),
        "email" => Value::Text(&fields.email),
        "status" => Value::Text(row.status_on(today).as_str()),
        "title" => Value::Text(&fields.title),
        "department" => Value::Text(&fields.department),
        "review" => Value::Text(facts.review.unwrap_or("none")),
        "score" => Value::Number(facts.score),
        "sessions" => Value::Number(Some(f64::from(facts.sessions.unwrap_or(0)))),
        "last-sync" => Value::Date(facts.engagement.and_then(|e| e.last_attended)),
        "expires" => Value::Date(row.latest_expiry),
        _ => Value::Text(""),
    }
}

pub const CERTIFICATION_FIELDS: &[Field] = &[
    text("name"),
    text("account"),
    text("email"),
    text("state"),
    date("certified"),
    date("expires"),
    number("renewals"),
];

pub fn pathway_value<'a>(pathway: &'a Pathway, state: &'static str, field: usize) -> Value<'a> {
    let row = &pathway.row;
    let latest = pathway.latest();
    match CERTIFICATION_FIELDS
        .get(field)
        .map_or("", |field| field.name)
    {
        "name" => Value::Text(&row.trainer.fields.name),
        "account" => Value::Text(&row.account_name),
        "email" => Value::Text(&row.trainer.fields.email),
        "state" => Value::Text(state),
        "certified" => Value::Date(latest.map(|c| c.granted_on)),
        "expires" => Value::Date(latest.map(|c| c.expires_on)),
        "renewals" => Value::Number(Some(
            pathway
                .certifications
                .iter()
                .filter(|c| c.renews.is_some())
                .count() as f64,
        )),
        _ => Value::Text(""),
    }
}

pub const SYNC_FIELDS: &[Field] = &[
    text("title"),
    text("state"),
    date("date"),
    number("invited"),
    number("attended"),
];

pub fn sync_value(row: &SyncRow, field: usize) -> Value<'_> {
    match SYNC_FIELDS.get(field).map_or("", |field| field.name) {
        "title" => Value::Text(&row.sync.fields.title),
        "state" => Value::Text(row.sync.state.as_str()),
        "date" => Value::Date(Some(row.sync.fields.date())),
        "invited" => Value::Number(Some(f64::from(row.invited))),
        "attended" => Value::Number(Some(f64::from(row.attended))),
        _ => Value::Text(""),
    }
}

pub const FINDING_FIELDS: &[Field] = &[
    text("account"),
    text("trainer"),
    text("rule"),
    text("severity"),
    text("assignee"),
    text("triage"),
    date("snoozed"),
];

pub fn finding_value(triaged: &TriagedFinding, today: NaiveDate, field: usize) -> Value<'_> {
    let finding = &triaged.finding;
    let state = &triaged.state;
    match FINDING_FIELDS.get(field).map_or("", |field| field.name) {
        "account" => Value::Text(&finding.account_name),
        "trainer" => Value::Text(finding.trainer_name.as_deref().unwrap_or_default()),
        "rule" => Value::Text(finding.key.rule.id()),
        "severity" => Value::Text(finding.severity.as_str()),
        "assignee" => Value::Text(state.assigned_to.as_deref().unwrap_or_default()),
        "triage" => Value::Text(if state.resolved.is_some() {
            "resolved"
        } else if state.snoozed_until.is_some_and(|until| until > today) {
            "snoozed"
        } else if state.assigned_to.is_some() {
            "assigned"
        } else if state.acknowledged || state.contacts > 0 {
            "acknowledged"
        } else {
            "new"
        }),
        "snoozed" => Value::Date(state.snoozed_until),
        _ => Value::Text(""),
    }
}

pub const PROGRAM_FIELDS: &[Field] = &[text("account"), number("seats"), number("coverage")];

pub fn coverage_value(row: &AccountCoverage, field: usize) -> Value<'_> {
    match PROGRAM_FIELDS.get(field).map_or("", |field| field.name) {
        "account" => Value::Text(&row.name),
        "seats" => Value::Number(Some(f64::from(row.seats))),
        "coverage" => Value::Number(row.rate.map(|rate| rate * 100.0)),
        _ => Value::Text(""),
    }
}
