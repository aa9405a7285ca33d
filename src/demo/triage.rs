//! Triage already under way in the demo, so the At risk tab opens on a list someone has been
//! working: a contact logged and an assignee on the compound finding, an acknowledged and
//! assigned expiry, a snoozed finding or two, and one resolved.
//!
//! The findings are those the rules raise on the freshly seeded portfolio with the default
//! thresholds, so this runs after the rest of the demo is committed, in a transaction of its own.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

use super::RENEWING_AT_RISK;
use crate::domain::risk::{self, Finding, Rule, Thresholds};
use crate::domain::triage::TriageAction;
use crate::store::{Store, StoreError};

/// The people who triaged, by login name, as `$USER` would record them.
const DANA: &str = "dana";
const MARCUS: &str = "marcus";

/// Records the demo's triage on `today`'s findings; returns how many actions it wrote.
pub(super) fn seed(store: &mut Store, today: NaiveDate) -> Result<usize, StoreError> {
    let portfolio = store.portfolio(today)?;
    let findings = risk::evaluate(&portfolio, today, &Thresholds::default());
    let renewing = |finding: &&Finding| finding.account_name == RENEWING_AT_RISK;
    let elsewhere = |finding: &&Finding| finding.account_name != RENEWING_AT_RISK;
    let first = |rule: Rule| {
        findings
            .iter()
            .filter(elsewhere)
            .find(move |finding| finding.key.rule == rule)
    };
    let mut plan: Vec<(&Finding, TriageAction, &str, NaiveDateTime)> = Vec::new();
    if let Some(compound) = findings
        .iter()
        .filter(renewing)
        .find(|finding| finding.key.rule == Rule::Compound)
    {
        plan.push((
            compound,
            TriageAction::LogContact(
                "Called their enablement lead: the lapsed trainer wants to renew, and the sync \
                 recordings never reached the team. Sending links today."
                    .to_string(),
            ),
            DANA,
            at(today, 3, 10),
        ));
        plan.push((
            compound,
            TriageAction::Assign("Dana Whitfield".to_string()),
            DANA,
            at(today, 3, 11),
        ));
    }
    if let Some(expiring) = first(Rule::CertificationExpiring) {
        plan.push((expiring, TriageAction::Acknowledge, MARCUS, at(today, 2, 9)));
        plan.push((
            expiring,
            TriageAction::Assign("Marcus Chen".to_string()),
            MARCUS,
            at(today, 2, 9),
        ));
    }
    if let Some(stale) = first(Rule::StaleMaterials) {
        plan.push((stale, snooze(today, 10), MARCUS, at(today, 1, 16)));
    }
    if let Some(coverage) = first(Rule::LowCoverage) {
        plan.push((coverage, snooze(today, 21), DANA, at(today, 5, 14)));
    }
    if let Some(dark) = first(Rule::TrainerDark) {
        plan.push((
            dark,
            TriageAction::LogContact(
                "Emailed the trainer's manager about protected time for sessions.".to_string(),
            ),
            DANA,
            at(today, 1, 11),
        ));
    }
    if let Some(adoption) = first(Rule::LowNewFeatureAdoption) {
        plan.push((
            adoption,
            TriageAction::Resolve(
                "What's-new session held; adoption is expected in the next snapshot".to_string(),
            ),
            MARCUS,
            at(today, 4, 15),
        ));
    }
    let batch = store.batch()?;
    for (finding, action, actor, when) in &plan {
        batch.record_triage(finding.key, action, actor, *when)?;
    }
    batch.commit()?;
    Ok(plan.len())
}

fn snooze(today: NaiveDate, days: u64) -> TriageAction {
    TriageAction::Snooze(today.checked_add_days(Days::new(days)).unwrap_or(today))
}

/// `days_ago` days before `today`, at `hour`:00.
fn at(today: NaiveDate, days_ago: u64, hour: u32) -> NaiveDateTime {
    let day = today.checked_sub_days(Days::new(days_ago)).unwrap_or(today);
    day.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::triage;

    #[test]
    fn the_demo_opens_on_findings_already_snoozed_assigned_and_contacted() {
        for today in [
            NaiveDate::from_ymd_opt(2026, 6, 15).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
        ] {
            let mut store = Store::in_memory().unwrap();
            crate::demo::seed(&mut store, today).unwrap();
            let portfolio = store.portfolio(today).unwrap();
            let findings = risk::evaluate(&portfolio, today, &Thresholds::default());
            let triaged = triage::attach(findings, store.triage_history().unwrap());
            let count = |test: &dyn Fn(&triage::TriagedFinding) -> bool| {
                triaged.iter().filter(|t| test(t)).count()
            };
            assert_eq!(count(&|t| t.state.is_snoozed(today)), 2, "{today}");
            assert_eq!(count(&|t| t.state.assigned_to.is_some()), 2, "{today}");
            assert_eq!(count(&|t| t.state.resolved.is_some()), 1, "{today}");
            assert_eq!(count(&|t| t.state.contacts > 0), 2, "{today}");
            let compound = triaged
                .iter()
                .find(|t| t.finding.key.rule == Rule::Compound)
                .unwrap();
            assert!(
                !compound.is_hidden(today),
                "the compound finding stays in view"
            );
            assert_eq!(
                compound.state.assigned_to.as_deref(),
                Some("Dana Whitfield")
            );
        }
    }
}
