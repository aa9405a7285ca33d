//! The risk rules on small hand-built portfolios: each rule firing on the least data that should
//! make it fire and silent just inside its threshold, then the account filter, the compound
//! finding, renewal escalation, ordering, finding keys and custom thresholds.
//!
//! Every test starts from [`quiet`], one healthy account that raises nothing, and changes the
//! one thing it is about.

use chrono::TimeDelta;

use super::*;
use crate::domain::program::{MaterialId, MaterialKind, MaterialVersion, ReleaseId};
use crate::domain::{AccountFields, Trainer, TrainerFields, TrainerStatus};

const ACME: AccountId = AccountId(1);
const ADA: TrainerId = TrainerId(10);
const BO: TrainerId = TrainerId(11);

/// The fixed "today" every rule is judged on.
fn today() -> NaiveDate {
    day("2025-06-15")
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn in_days(days: i64) -> NaiveDate {
    today() + TimeDelta::days(days)
}

fn account(id: i64, name: &str) -> Account {
    Account {
        id: AccountId(id),
        fields: AccountFields {
            name: name.to_string(),
            segment: "Enterprise".to_string(),
            seats: 100,
            csm_owner: "Dana".to_string(),
            rollout_start: Some(day("2024-01-01")),
            renewal_date: None,
            annual_value: 120_000,
            t3_status: T3Status::Active,
        },
        archived: false,
    }
}

/// A trainer whose stored status is certified; past `latest_expiry` that reads as lapsed.
fn trainer(id: TrainerId, account: &Account, name: &str, latest_expiry: NaiveDate) -> TrainerRow {
    TrainerRow {
        trainer: Trainer {
            id,
            fields: TrainerFields {
                account_id: account.id,
                name: name.to_string(),
                email: format!("{}@example.com", name.to_lowercase()),
                title: "Analyst".to_string(),
                department: "Operations".to_string(),
            },
            status: TrainerStatus::Certified,
        },
        account_name: account.fields.name.clone(),
        account_t3_status: account.fields.t3_status,
        latest_expiry: Some(latest_expiry),
    }
}

/// Figures as of early June: `users_trained` of the account's 100 seats.
fn snapshot(account: AccountId, users_trained: u32, new_feature_adoption: u8) -> AccountSnapshot {
    AccountSnapshot {
        account_id: account,
        as_of: day("2025-06-01"),
        active_users: 90,
        users_trained,
        adoption_depth: 55,
        new_feature_adoption,
        support_tickets: 4,
        net_revenue_retention: 104.0,
    }
}

fn missed(quarters_missed: u32, last_attended: Option<NaiveDate>) -> Engagement {
    Engagement {
        last_attended,
        quarters_missed,
    }
}

fn session(trainer: TrainerId, held_on: NaiveDate) -> TrainingSession {
    TrainingSession {
        trainer,
        account: ACME,
        held_on,
        topic: "Reporting basics".to_string(),
        attendees: 12,
        duration_minutes: 60,
    }
}

fn release(id: i64, name: &str, shipped_on: &str, touches_trained_workflows: bool) -> Release {
    Release {
        id: ReleaseId(id),
        name: name.to_string(),
        shipped_on: day(shipped_on),
        summary: String::new(),
        touches_trained_workflows,
    }
}

/// A material with one version, updated for `updated_for` (a release id) on the first of
/// January 2020, so only which release it followed matters to the rule.
fn material(title: &str, updated_for: Option<i64>) -> Material {
    Material {
        id: MaterialId(1),
        title: title.to_string(),
        kind: MaterialKind::FacilitatorGuide,
        versions: vec![MaterialVersion {
            version: "1".to_string(),
            updated_for: updated_for.map(ReleaseId),
            updated_on: day("2020-01-01"),
        }],
    }
}

/// Acme, active since January 2024, with Ada certified until March, 80 of 100 seats trained,
/// 60% new-feature adoption, every sync attended and no session data: nothing to find.
fn quiet() -> Portfolio {
    let acme = account(ACME.0, "Acme");
    Portfolio {
        trainers: vec![trainer(ADA, &acme, "Ada", day("2026-03-01"))],
        latest_snapshots: HashMap::from([(ACME, snapshot(ACME, 80, 60))]),
        engagements: HashMap::from([(ADA, missed(0, Some(day("2025-05-20"))))]),
        accounts: vec![acme],
        ..Portfolio::default()
    }
}

/// Adds a second Acme trainer, Bo, certified until March.
fn with_bo(mut portfolio: Portfolio) -> Portfolio {
    let bo = trainer(BO, &portfolio.accounts[0], "Bo", day("2026-03-01"));
    portfolio.trainers.push(bo);
    portfolio
}

/// Acme with everything the compound rule needs: Ada lapsed in May, Bo certified but absent
/// from the last two syncs, and new-feature adoption at 20%.
fn compound() -> Portfolio {
    let mut portfolio = with_bo(quiet());
    portfolio.trainers[0].latest_expiry = Some(day("2025-05-01"));
    portfolio.engagements.insert(BO, missed(2, None));
    portfolio
        .latest_snapshots
        .insert(ACME, snapshot(ACME, 80, 20));
    portfolio
}

/// One change to a portfolio, or to the thresholds, in a table of cases.
type Change = fn(&mut Portfolio);
type Setting = fn(&mut Thresholds);

fn judge(portfolio: &Portfolio) -> Vec<Finding> {
    evaluate(portfolio, today(), &Thresholds::default())
}

fn rules(findings: &[Finding]) -> Vec<Rule> {
    findings.iter().map(|finding| finding.key.rule).collect()
}

/// The one finding of `rule`, which must be there exactly once.
fn the(findings: &[Finding], rule: Rule) -> &Finding {
    let found: Vec<&Finding> = findings.iter().filter(|f| f.key.rule == rule).collect();
    assert_eq!(found.len(), 1, "{rule}: {findings:#?}");
    found[0]
}

/// Checks who a finding is about, that it is not escalated, and that its reason carries the
/// evidence.
fn assert_about(finding: &Finding, trainer: Option<(TrainerId, &str)>, evidence: &[&str]) {
    assert_eq!(finding.key.account, ACME);
    assert_eq!(finding.account_name, "Acme");
    assert_eq!(finding.key.trainer, trainer.map(|(id, _)| id));
    assert_eq!(
        finding.trainer_name.as_deref(),
        trainer.map(|(_, name)| name)
    );
    assert_eq!(finding.severity, finding.key.rule.severity());
    assert!(!finding.escalated);
    assert!(!finding.action.is_empty());
    for piece in evidence {
        assert!(
            finding.reason.contains(piece),
            "{piece:?} not in {:?}",
            finding.reason
        );
    }
}

#[test]
fn a_healthy_account_raises_nothing() {
    assert_eq!(judge(&quiet()), []);
}

#[test]
fn no_certified_trainer_fires_when_nobody_holds_a_valid_certification() {
    let mut portfolio = quiet();
    portfolio.trainers[0].latest_expiry = Some(day("2025-06-14"));
    let findings = judge(&portfolio);
    let finding = the(&findings, Rule::NoCertifiedTrainer);
    assert_eq!(finding.severity, Severity::High);
    assert_about(finding, None, &["(1 lapsed)"]);

    portfolio.trainers.clear();
    let findings = judge(&portfolio);
    assert_about(
        the(&findings, Rule::NoCertifiedTrainer),
        None,
        &["(0 lapsed)"],
    );
}

#[test]
fn no_certified_trainer_is_silent_while_one_certification_holds() {
    // Ada's certification runs out today: still valid, so only the expiry warning is due.
    let mut portfolio = with_bo(quiet());
    portfolio.trainers[0].latest_expiry = Some(today());
    portfolio.trainers[1].latest_expiry = Some(day("2025-01-31"));
    let findings = judge(&portfolio);
    assert!(
        !rules(&findings).contains(&Rule::NoCertifiedTrainer),
        "{findings:#?}"
    );
}

#[test]
fn certification_lapsed_fires_the_day_after_expiry() {
    let mut portfolio = with_bo(quiet());
    portfolio.trainers[0].latest_expiry = Some(day("2025-06-14"));
    let findings = judge(&portfolio);
    assert_eq!(rules(&findings), [Rule::CertificationLapsed]);
    let finding = &findings[0];
    assert_eq!(finding.severity, Severity::High);
    assert_about(
        finding,
        Some((ADA, "Ada")),
        &["Ada", "expired on 2025-06-14"],
    );
}

#[test]
fn certification_lapsed_without_an_expiry_says_so() {
    let mut portfolio = with_bo(quiet());
    portfolio.trainers[0].trainer.status = TrainerStatus::Lapsed;
    portfolio.trainers[0].latest_expiry = None;
    let findings = judge(&portfolio);
    let finding = the(&findings, Rule::CertificationLapsed);
    assert_about(finding, Some((ADA, "Ada")), &["on a date not recorded"]);
}

#[test]
fn certification_lapsed_is_silent_on_the_expiry_day_and_after_renewal() {
    let mut portfolio = quiet();
    portfolio.trainers[0].latest_expiry = Some(today());
    assert!(!rules(&judge(&portfolio)).contains(&Rule::CertificationLapsed));

    portfolio.trainers[0].latest_expiry = Some(day("2025-06-14"));
    assert!(rules(&judge(&portfolio)).contains(&Rule::CertificationLapsed));
    portfolio.trainers[0].latest_expiry = Some(day("2026-06-14"));
    assert_eq!(judge(&portfolio), []);
}

#[test]
fn certification_expiring_fires_within_thirty_days() {
    let mut portfolio = quiet();
    portfolio.trainers[0].latest_expiry = Some(in_days(30));
    let findings = judge(&portfolio);
    assert_eq!(rules(&findings), [Rule::CertificationExpiring]);
    let finding = &findings[0];
    assert_eq!(finding.severity, Severity::Medium);
    assert_about(finding, Some((ADA, "Ada")), &["2025-07-15", "in 30 days"]);
}

#[test]
fn certification_expiring_is_silent_at_thirty_one_days() {
    let mut portfolio = quiet();
    portfolio.trainers[0].latest_expiry = Some(in_days(31));
    assert_eq!(judge(&portfolio), []);
}

#[test]
fn missed_syncs_fires_after_two_quarters() {
    let mut portfolio = quiet();
    portfolio
        .engagements
        .insert(ADA, missed(2, Some(day("2024-11-20"))));
    let findings = judge(&portfolio);
    assert_eq!(rules(&findings), [Rule::MissedSyncs]);
    let finding = &findings[0];
    assert_eq!(finding.severity, Severity::Medium);
    assert_about(
        finding,
        Some((ADA, "Ada")),
        &["Ada", "last 2 quarters", "last attended 2024-11-20"],
    );

    portfolio.engagements.insert(ADA, missed(3, None));
    let findings = judge(&portfolio);
    let finding = the(&findings, Rule::MissedSyncs);
    assert_about(
        finding,
        Some((ADA, "Ada")),
        &["last 3 quarters", "never attended one"],
    );
}

#[test]
fn missed_syncs_is_silent_after_one_quarter() {
    let mut portfolio = quiet();
    portfolio
        .engagements
        .insert(ADA, missed(1, Some(day("2025-01-20"))));
    assert_eq!(judge(&portfolio), []);

    portfolio.engagements.clear();
    assert_eq!(
        judge(&portfolio),
        [],
        "no engagement recorded is no evidence"
    );
}

#[test]
fn trainer_dark_fires_after_ninety_days_without_a_session() {
    let mut portfolio = quiet();
    portfolio.last_sessions = Some(last_sessions(&[
        session(ADA, in_days(-91)),
        session(ADA, in_days(-200)),
        // Someone else's session does not count for Ada.
        session(BO, in_days(-3)),
    ]));
    let findings = judge(&portfolio);
    assert_eq!(rules(&findings), [Rule::TrainerDark]);
    let finding = &findings[0];
    assert_eq!(finding.severity, Severity::Medium);
    assert_about(
        finding,
        Some((ADA, "Ada")),
        &["last delivered a session on 2025-03-16", "90 days"],
    );
}

#[test]
fn trainer_dark_is_silent_at_exactly_ninety_days() {
    let mut portfolio = quiet();
    portfolio.last_sessions = Some(last_sessions(&[session(ADA, in_days(-90))]));
    assert_eq!(judge(&portfolio), []);
}

#[test]
fn trainer_dark_needs_session_data_to_judge() {
    let mut portfolio = quiet();
    assert_eq!(portfolio.last_sessions, None);
    assert_eq!(judge(&portfolio), []);

    portfolio.last_sessions = Some(HashMap::new());
    let findings = judge(&portfolio);
    assert_eq!(rules(&findings), [Rule::TrainerDark]);
    assert_about(
        &findings[0],
        Some((ADA, "Ada")),
        &["has delivered no session"],
    );
}

#[test]
fn trainer_dark_looks_only_at_certified_trainers() {
    let mut portfolio = with_bo(quiet());
    portfolio.trainers[1].latest_expiry = Some(day("2025-01-31"));
    portfolio.last_sessions = Some(last_sessions(&[session(ADA, in_days(-10))]));
    assert_eq!(rules(&judge(&portfolio)), [Rule::CertificationLapsed]);
}

#[test]
fn low_new_feature_adoption_fires_below_thirty() {
    let mut portfolio = quiet();
    portfolio
        .latest_snapshots
        .insert(ACME, snapshot(ACME, 80, 29));
    let findings = judge(&portfolio);
    assert_eq!(rules(&findings), [Rule::LowNewFeatureAdoption]);
    let finding = &findings[0];
    assert_eq!(finding.severity, Severity::Medium);
    assert_about(finding, None, &["29%", "2025-06-01", "below 30%"]);
}

#[test]
fn low_new_feature_adoption_is_silent_at_thirty_and_without_a_snapshot() {
    let mut portfolio = quiet();
    portfolio
        .latest_snapshots
        .insert(ACME, snapshot(ACME, 80, 30));
    assert_eq!(judge(&portfolio), []);

    portfolio.latest_snapshots.clear();
    assert_eq!(judge(&portfolio), []);
}

#[test]
fn low_coverage_fires_six_months_after_rollout() {
    let mut portfolio = quiet();
    portfolio.accounts[0].fields.rollout_start = Some(day("2024-12-15"));
    portfolio
        .latest_snapshots
        .insert(ACME, snapshot(ACME, 49, 60));
    let findings = judge(&portfolio);
    assert_eq!(rules(&findings), [Rule::LowCoverage]);
    let finding = &findings[0];
    assert_eq!(finding.severity, Severity::Medium);
    assert_about(
        finding,
        None,
        &["49 of 100 seats trained (49%)", "6 months"],
    );
}

#[test]
fn low_coverage_is_silent_at_half_the_seats_and_before_six_months() {
    let mut portfolio = quiet();
    portfolio
        .latest_snapshots
        .insert(ACME, snapshot(ACME, 50, 60));
    assert_eq!(judge(&portfolio), []);

    // Five months and thirty days after the rollout began: too early to judge.
    portfolio.accounts[0].fields.rollout_start = Some(day("2024-12-16"));
    portfolio
        .latest_snapshots
        .insert(ACME, snapshot(ACME, 10, 60));
    assert_eq!(judge(&portfolio), []);

    portfolio.accounts[0].fields.rollout_start = None;
    assert_eq!(
        judge(&portfolio),
        [],
        "no rollout start, nothing to count from"
    );

    portfolio.accounts[0].fields.rollout_start = Some(day("2024-01-01"));
    portfolio.accounts[0].fields.seats = 0;
    assert_eq!(judge(&portfolio), [], "no seats, no share");
}

/// Releases up to 2025.6 (2 June), which touches trained workflows; a later patch that
/// touches none, and 2025.7, not shipped yet.
fn releases() -> Vec<Release> {
    vec![
        release(1, "2025.4", "2025-04-01", true),
        release(2, "2025.6", "2025-06-02", true),
        release(3, "2025.6.1", "2025-06-10", false),
        release(4, "2025.7", "2025-07-01", true),
    ]
}

#[test]
fn stale_materials_fires_for_materials_behind_the_latest_release() {
    let mut portfolio = quiet();
    portfolio.releases = releases();
    portfolio.materials = vec![
        material("Facilitator guide", Some(2)),
        material("Participant workbook", Some(1)),
        material("Job aid", None),
    ];
    let findings = judge(&portfolio);
    assert_eq!(rules(&findings), [Rule::StaleMaterials]);
    let finding = &findings[0];
    assert_eq!(finding.severity, Severity::Low);
    assert_about(
        finding,
        None,
        &[
            "2025.6 shipped on 2025-06-02",
            "materials are not updated",
            "Participant workbook, Job aid",
        ],
    );

    portfolio.materials.remove(2);
    let findings = judge(&portfolio);
    assert_about(
        &findings[0],
        None,
        &["one material is not updated for it: Participant workbook"],
    );
}

#[test]
fn stale_materials_is_silent_once_every_material_follows_the_latest_release() {
    let mut portfolio = quiet();
    portfolio.releases = releases();
    // Updated for 2025.6 itself, for a later patch, or ahead of 2025.7: all current.
    portfolio.materials = vec![
        material("Facilitator guide", Some(2)),
        material("Participant workbook", Some(3)),
        material("Slide deck", Some(4)),
    ];
    assert_eq!(judge(&portfolio), []);

    portfolio.materials.push(material("Job aid", Some(1)));
    portfolio
        .releases
        .retain(|release| !release.touches_trained_workflows);
    assert_eq!(
        judge(&portfolio),
        [],
        "no release touched a trained workflow"
    );
}

#[test]
fn only_active_accounts_that_are_not_archived_get_findings() {
    let mut portfolio = Portfolio {
        releases: releases(),
        materials: vec![material("Job aid", None)],
        ..Portfolio::default()
    };
    let statuses = [
        (T3Status::Active, false),
        (T3Status::Paused, false),
        (T3Status::Planned, false),
        (T3Status::None, false),
        (T3Status::Active, true),
    ];
    for (id, (status, archived)) in (1..).zip(statuses) {
        let mut account = account(id, &format!("Account {id}"));
        account.fields.t3_status = status;
        account.archived = archived;
        // No trainer, low adoption, low coverage and stale materials on every one.
        let id = account.id;
        portfolio.latest_snapshots.insert(id, snapshot(id, 5, 5));
        portfolio.accounts.push(account);
    }
    let findings = judge(&portfolio);
    assert_eq!(
        rules(&findings),
        [
            Rule::NoCertifiedTrainer,
            Rule::LowNewFeatureAdoption,
            Rule::LowCoverage,
            Rule::StaleMaterials,
        ]
    );
    assert!(findings.iter().all(|finding| finding.key.account == ACME));
}

#[test]
fn compound_fires_when_lapse_missed_syncs_and_low_adoption_meet() {
    let findings = judge(&compound());
    assert_eq!(
        rules(&findings),
        [
            Rule::Compound,
            Rule::CertificationLapsed,
            Rule::MissedSyncs,
            Rule::LowNewFeatureAdoption,
        ]
    );
    let finding = &findings[0];
    assert_eq!(finding.severity, Severity::Critical);
    assert_about(
        finding,
        None,
        &["lapsed certification", "missed Trainer Syncs"],
    );
}

#[test]
fn compound_needs_all_three_on_the_account() {
    let renew_ada = |p: &mut Portfolio| p.trainers[0].latest_expiry = Some(day("2026-05-01"));
    let bo_attends = |p: &mut Portfolio| {
        p.engagements.insert(BO, missed(0, Some(day("2025-05-20"))));
    };
    let adoption_at_thirty = |p: &mut Portfolio| {
        p.latest_snapshots.insert(ACME, snapshot(ACME, 80, 30));
    };
    let cases: [(&str, Change, Rule); 3] = [
        ("renewed", renew_ada, Rule::CertificationLapsed),
        ("attended", bo_attends, Rule::MissedSyncs),
        ("adopting", adoption_at_thirty, Rule::LowNewFeatureAdoption),
    ];
    for (case, change, gone) in cases {
        let mut portfolio = compound();
        change(&mut portfolio);
        let found = rules(&judge(&portfolio));
        assert!(!found.contains(&gone), "{case}: {found:?}");
        assert!(!found.contains(&Rule::Compound), "{case}: {found:?}");
        assert_eq!(found.len(), 2, "{case}: {found:?}");
    }
}

#[test]
fn compound_does_not_join_problems_of_different_accounts() {
    // Acme: a lapsed trainer beside Bo, who attends. Beta: Cy misses syncs, adoption is low.
    let mut portfolio = with_bo(quiet());
    portfolio.trainers[0].latest_expiry = Some(day("2025-05-01"));
    let beta = account(2, "Beta");
    portfolio
        .trainers
        .push(trainer(TrainerId(20), &beta, "Cy", day("2026-01-10")));
    portfolio.engagements.insert(TrainerId(20), missed(2, None));
    portfolio
        .latest_snapshots
        .insert(beta.id, snapshot(beta.id, 80, 10));
    portfolio.accounts.push(beta);

    let findings = judge(&portfolio);
    assert!(!rules(&findings).contains(&Rule::Compound), "{findings:#?}");
    assert_eq!(findings.len(), 3, "{findings:#?}");
}

#[test]
fn a_renewal_within_ninety_days_raises_every_finding_of_the_account() {
    let mut portfolio = compound();
    portfolio.trainers[1].latest_expiry = Some(in_days(20));
    portfolio.releases = releases();
    portfolio.materials = vec![material("Job aid", Some(1))];
    portfolio.accounts[0].fields.renewal_date = Some(in_days(90));
    // Beta has its own finding and no renewal: it stays as it is.
    let beta = account(2, "Beta");
    portfolio
        .latest_snapshots
        .insert(beta.id, snapshot(beta.id, 80, 10));
    portfolio
        .trainers
        .push(trainer(TrainerId(20), &beta, "Cy", day("2026-01-10")));
    portfolio.accounts.push(beta);

    let findings = judge(&portfolio);
    let raised: Vec<(Rule, Severity)> = findings
        .iter()
        .filter(|finding| finding.key.account == ACME)
        .map(|finding| (finding.key.rule, finding.severity))
        .collect();
    assert_eq!(
        raised,
        [
            (Rule::CertificationLapsed, Severity::Critical),
            (Rule::Compound, Severity::Critical),
            (Rule::CertificationExpiring, Severity::High),
            (Rule::MissedSyncs, Severity::High),
            (Rule::LowNewFeatureAdoption, Severity::High),
            (Rule::StaleMaterials, Severity::Medium),
        ]
    );
    for finding in findings.iter().filter(|f| f.key.account == ACME) {
        assert!(finding.escalated, "{finding:#?}");
        assert!(
            finding
                .reason
                .ends_with(" · renews on 2025-09-13, in 90 days"),
            "{finding:#?}"
        );
    }
    for finding in findings.iter().filter(|f| f.key.account != ACME) {
        assert!(!finding.escalated, "{finding:#?}");
        assert_eq!(finding.severity, finding.key.rule.severity());
    }
}

#[test]
fn a_renewal_due_today_still_raises() {
    let mut portfolio = quiet();
    portfolio.trainers[0].latest_expiry = Some(in_days(10));
    portfolio.accounts[0].fields.renewal_date = Some(today());
    let findings = judge(&portfolio);
    assert_eq!(findings[0].severity, Severity::High);
    assert!(
        findings[0]
            .reason
            .ends_with("renews on 2025-06-15, in 0 days")
    );
}

#[test]
fn a_renewal_further_off_or_already_past_raises_nothing() {
    for renewal in [in_days(91), in_days(-1), day("2024-09-01")] {
        let mut portfolio = compound();
        portfolio.accounts[0].fields.renewal_date = Some(renewal);
        let findings = judge(&portfolio);
        assert_eq!(findings.len(), 4, "{renewal}");
        for finding in &findings {
            assert!(!finding.escalated, "{renewal}: {finding:#?}");
            assert_eq!(finding.severity, finding.key.rule.severity(), "{renewal}");
            assert!(
                !finding.reason.contains("renews"),
                "{renewal}: {finding:#?}"
            );
        }
    }
}

#[test]
fn findings_clear_when_the_lapsed_trainer_is_renewed() {
    let mut portfolio = quiet();
    portfolio.trainers[0].latest_expiry = Some(day("2025-05-01"));
    assert_eq!(
        rules(&judge(&portfolio)),
        [Rule::NoCertifiedTrainer, Rule::CertificationLapsed]
    );

    portfolio.trainers[0].latest_expiry = Some(day("2026-05-01"));
    assert_eq!(judge(&portfolio), []);
}

#[test]
fn findings_clear_when_the_figures_recover() {
    let mut portfolio = compound();
    assert_eq!(judge(&portfolio).len(), 4);

    portfolio.trainers[0].latest_expiry = Some(day("2026-05-01"));
    portfolio
        .engagements
        .insert(BO, missed(0, Some(day("2025-06-01"))));
    portfolio
        .latest_snapshots
        .insert(ACME, snapshot(ACME, 80, 45));
    assert_eq!(judge(&portfolio), []);
}

#[test]
fn findings_come_worst_first_then_by_account_name() {
    let mut portfolio = compound();
    portfolio.accounts[0].fields.name = "Zeta".to_string();
    let beta = account(2, "Beta");
    portfolio
        .trainers
        .push(trainer(TrainerId(20), &beta, "Cy", day("2025-02-01")));
    for (id, name) in [(3, "Alpha"), (4, "Acme")] {
        let low = account(id, name);
        portfolio
            .trainers
            .push(trainer(TrainerId(id * 10), &low, "Dee", day("2026-02-01")));
        portfolio
            .latest_snapshots
            .insert(low.id, snapshot(low.id, 80, 12));
        portfolio.accounts.push(low);
    }
    portfolio.accounts.insert(1, beta);

    let findings = judge(&portfolio);
    let order: Vec<(Severity, &str, Rule)> = findings
        .iter()
        .map(|f| (f.severity, f.account_name.as_str(), f.key.rule))
        .collect();
    assert_eq!(
        order,
        [
            (Severity::Critical, "Zeta", Rule::Compound),
            (Severity::High, "Beta", Rule::NoCertifiedTrainer),
            (Severity::High, "Beta", Rule::CertificationLapsed),
            (Severity::High, "Zeta", Rule::CertificationLapsed),
            (Severity::Medium, "Acme", Rule::LowNewFeatureAdoption),
            (Severity::Medium, "Alpha", Rule::LowNewFeatureAdoption),
            (Severity::Medium, "Zeta", Rule::MissedSyncs),
            (Severity::Medium, "Zeta", Rule::LowNewFeatureAdoption),
        ]
    );
}

#[test]
fn finding_keys_round_trip_through_text() {
    for rule in Rule::ALL {
        for trainer in [Some(TrainerId(40)), None] {
            let key = FindingKey {
                rule,
                account: AccountId(12),
                trainer,
            };
            assert_eq!(key.to_string().parse::<FindingKey>(), Ok(key));
        }
    }
    let key = FindingKey {
        rule: Rule::MissedSyncs,
        account: AccountId(12),
        trainer: Some(TrainerId(40)),
    };
    assert_eq!(key.to_string(), "missed-syncs/12/40");
    let key = FindingKey {
        rule: Rule::LowCoverage,
        account: AccountId(12),
        trainer: None,
    };
    assert_eq!(key.to_string(), "low-coverage/12/-");
}

#[test]
fn bad_finding_keys_are_refused() {
    for text in [
        "missed-syncs",
        "missed-syncs/12",
        "missed-syncs/12/",
        "missed-syncs//40",
        "missed-syncs/x/40",
        "missed-syncs/12/forty",
        "missed-syncs/12/40/7",
        "missed-syncs/12/-/",
    ] {
        let error = text.parse::<FindingKey>().unwrap_err();
        assert_eq!(error, format!("'{text}' is not a finding key"));
    }
    // A key whose first part names no rule is refused for that part.
    for (text, rule) in [
        ("", ""),
        ("missed_syncs/12/40", "missed_syncs"),
        ("12/40", "12"),
    ] {
        let error = text.parse::<FindingKey>().unwrap_err();
        assert_eq!(error, format!("'{rule}' is not a risk rule"), "{text}");
    }
}

#[test]
fn rules_and_severities_round_trip_through_text() {
    for rule in Rule::ALL {
        assert_eq!(rule.id().parse::<Rule>(), Ok(rule));
    }
    for severity in Severity::ALL {
        assert_eq!(severity.to_string().parse::<Severity>(), Ok(severity));
    }
    assert!("urgent".parse::<Severity>().is_err());
    assert_eq!(Severity::Low.raised(), Severity::Medium);
    assert_eq!(Severity::Critical.raised(), Severity::Critical);
}

#[test]
fn custom_thresholds_change_the_outcome() {
    let cases: [(Rule, Setting, Change); 6] = [
        (
            Rule::CertificationExpiring,
            |t| t.expiring_within_days = 60,
            |p| p.trainers[0].latest_expiry = Some(in_days(45)),
        ),
        (
            Rule::MissedSyncs,
            |t| t.missed_quarters = 1,
            |p| {
                p.engagements
                    .insert(ADA, missed(1, Some(day("2025-01-20"))));
            },
        ),
        (
            Rule::TrainerDark,
            |t| t.dark_after_days = 30,
            |p| p.last_sessions = Some(last_sessions(&[session(ADA, in_days(-45))])),
        ),
        (
            Rule::LowNewFeatureAdoption,
            |t| t.new_feature_adoption_below = 40,
            |p| {
                p.latest_snapshots.insert(ACME, snapshot(ACME, 80, 35));
            },
        ),
        (
            Rule::LowCoverage,
            |t| t.coverage_after_months = 3,
            |p| {
                p.accounts[0].fields.rollout_start = Some(day("2025-02-15"));
                p.latest_snapshots.insert(ACME, snapshot(ACME, 10, 60));
            },
        ),
        (
            Rule::LowCoverage,
            |t| t.coverage_below_percent = 90,
            |p| {
                p.latest_snapshots.insert(ACME, snapshot(ACME, 80, 60));
            },
        ),
    ];
    for (rule, set, change) in cases {
        let mut portfolio = quiet();
        change(&mut portfolio);
        assert_eq!(judge(&portfolio), [], "{rule} under the defaults");
        let mut thresholds = Thresholds::default();
        set(&mut thresholds);
        let findings = evaluate(&portfolio, today(), &thresholds);
        assert_eq!(rules(&findings), [rule], "{rule}: {thresholds:?}");
    }
}

#[test]
fn custom_thresholds_show_in_the_reasons() {
    let mut portfolio = quiet();
    portfolio.last_sessions = Some(last_sessions(&[session(ADA, in_days(-45))]));
    portfolio
        .latest_snapshots
        .insert(ACME, snapshot(ACME, 80, 35));
    let thresholds = Thresholds {
        dark_after_days: 30,
        new_feature_adoption_below: 40,
        ..Thresholds::default()
    };
    let findings = evaluate(&portfolio, today(), &thresholds);
    assert_about(
        the(&findings, Rule::TrainerDark),
        Some((ADA, "Ada")),
        &["last 30 days"],
    );
    assert_about(
        the(&findings, Rule::LowNewFeatureAdoption),
        None,
        &["below 40%"],
    );
}

#[test]
fn a_wider_renewal_window_raises_sooner() {
    let mut portfolio = quiet();
    portfolio.trainers[0].latest_expiry = Some(in_days(10));
    portfolio.accounts[0].fields.renewal_date = Some(in_days(100));
    assert!(!judge(&portfolio)[0].escalated);

    let thresholds = Thresholds {
        renewal_within_days: 120,
        ..Thresholds::default()
    };
    let findings = evaluate(&portfolio, today(), &thresholds);
    assert!(findings[0].escalated);
    assert_eq!(findings[0].severity, Severity::High);
}

#[test]
fn a_lapsed_trainer_who_stops_coming_to_syncs_is_the_compound_story_on_their_own() {
    let mut portfolio = quiet();
    portfolio.trainers[0].latest_expiry = Some(day("2025-05-01"));
    portfolio
        .engagements
        .insert(ADA, missed(2, Some(day("2024-11-12"))));
    portfolio
        .latest_snapshots
        .insert(ACME, snapshot(ACME, 80, 12));
    let findings = judge(&portfolio);
    let found = rules(&findings);
    for rule in [
        Rule::Compound,
        Rule::CertificationLapsed,
        Rule::MissedSyncs,
        Rule::NoCertifiedTrainer,
    ] {
        assert!(found.contains(&rule), "{rule} missing from {found:?}");
    }
    assert_eq!(the(&findings, Rule::MissedSyncs).key.trainer, Some(ADA));
}

#[test]
fn the_at_risk_list_groups_accounts_worst_first_then_by_renewal() {
    let finding = |account: i64, name: &str, rule: Rule, severity, renewal: Option<&str>| Finding {
        key: FindingKey {
            rule,
            account: AccountId(account),
            trainer: None,
        },
        account_name: name.to_string(),
        trainer_name: None,
        severity,
        reason: String::new(),
        action: String::new(),
        escalated: false,
        renewal_date: renewal.map(day),
    };
    let findings = [
        finding(
            1,
            "Acme",
            Rule::LowCoverage,
            Severity::Medium,
            Some("2025-09-01"),
        ),
        finding(
            2,
            "Bell",
            Rule::StaleMaterials,
            Severity::Low,
            Some("2025-07-01"),
        ),
        finding(
            3,
            "Cato",
            Rule::LowCoverage,
            Severity::Medium,
            Some("2025-08-01"),
        ),
        finding(
            2,
            "Bell",
            Rule::NoCertifiedTrainer,
            Severity::High,
            Some("2025-07-01"),
        ),
        finding(4, "Dune", Rule::LowCoverage, Severity::Medium, None),
        finding(
            3,
            "Cato",
            Rule::CertificationLapsed,
            Severity::High,
            Some("2025-08-01"),
        ),
    ];
    let refs: Vec<&Finding> = findings.iter().collect();
    let order: Vec<(&str, Rule)> = grouped_by_account(&refs)
        .into_iter()
        .map(|i| (findings[i].account_name.as_str(), findings[i].key.rule))
        .collect();
    assert_eq!(
        order,
        [
            // Both have a high finding: the sooner renewal first, its low finding kept with it.
            ("Bell", Rule::NoCertifiedTrainer),
            ("Bell", Rule::StaleMaterials),
            ("Cato", Rule::CertificationLapsed),
            ("Cato", Rule::LowCoverage),
            ("Acme", Rule::LowCoverage),
            // No renewal date on file: after those that have one.
            ("Dune", Rule::LowCoverage),
        ]
    );
    let without_bell_high: Vec<&Finding> = refs
        .iter()
        .copied()
        .filter(|f| f.key.rule != Rule::NoCertifiedTrainer)
        .collect();
    let first = grouped_by_account(&without_bell_high)[0];
    assert_eq!(
        without_bell_high[first].account_name, "Cato",
        "an account ranks by the findings still listed"
    );
}
