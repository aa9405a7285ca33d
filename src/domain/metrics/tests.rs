//! The metrics on one small hand-built portfolio, judged on 3 December 2026, with every figure
//! worked out by hand in the comments; then the edges: empty groups, no seats, no certified
//! trainers, nothing due, T3 membership on the boundary days, and each pattern firing and
//! staying silent.

use super::*;
use crate::domain::certification::CertificationId;
use crate::domain::program::TrainingSession;
use crate::domain::{AccountFields, TrainerId};

const ACME: AccountId = AccountId(1);
const BIRCH: AccountId = AccountId(2);
const COBALT: AccountId = AccountId(3);
const DUNE: AccountId = AccountId(4);
const ELM: AccountId = AccountId(5);

const ADA: TrainerId = TrainerId(10);
const BO: TrainerId = TrainerId(11);
const CY: TrainerId = TrainerId(12);
const DI: TrainerId = TrainerId(13);

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn today() -> NaiveDate {
    day("2026-12-03")
}

fn close(found: Option<f64>, expected: f64) -> bool {
    found.is_some_and(|found| (found - expected).abs() < 1e-9)
}

fn account(id: AccountId, name: &str, seats: u32, t3_status: T3Status) -> Account {
    Account {
        id,
        fields: AccountFields {
            name: name.to_string(),
            segment: "Enterprise".to_string(),
            seats,
            csm_owner: "Dana".to_string(),
            rollout_start: Some(day("2025-01-05")),
            renewal_date: None,
            annual_value: 120_000,
            t3_status,
        },
        archived: false,
    }
}

fn certification(
    id: i64,
    trainer: TrainerId,
    granted_on: &str,
    expires_on: &str,
    renews: Option<i64>,
) -> Certification {
    Certification {
        id: CertificationId(id),
        trainer_id: trainer,
        number: format!("T3-2026-{id}"),
        granted_on: day(granted_on),
        expires_on: day(expires_on),
        renews: renews.map(CertificationId),
    }
}

fn snapshot(
    account: AccountId,
    as_of: &str,
    users_trained: u32,
    adoption_depth: u8,
    support_tickets: u32,
    net_revenue_retention: f64,
) -> AccountSnapshot {
    AccountSnapshot {
        account_id: account,
        as_of: day(as_of),
        active_users: 100,
        users_trained,
        adoption_depth,
        new_feature_adoption: 50,
        support_tickets,
        net_revenue_retention,
    }
}

fn session(trainer: TrainerId, account: AccountId, held_on: &str) -> TrainingSession {
    TrainingSession {
        trainer,
        account,
        held_on: day(held_on),
        topic: "Reporting basics".to_string(),
        attendees: 12,
        duration_minutes: 60,
    }
}

/// - Acme: active, 400 seats. Ada certified November 2025, renewed in October 2026; Bo
///   certified from March 2026. Four quarterly snapshots, coverage and adoption climbing.
/// - Birch: active, 200 seats, but Cy's certification lapsed on 31 July 2026: not a T3 account.
/// - Cobalt: no program, 100 seats.
/// - Dune: archived, with a certified trainer and a session: counted nowhere.
/// - Elm: planned, 250 seats, no snapshot yet.
fn program() -> ProgramData {
    program_on(today())
}

/// [`program`] with its sessions counted for the metrics on `today`.
fn program_on(today: NaiveDate) -> ProgramData {
    let mut dune = account(DUNE, "Dune", 300, T3Status::Active);
    dune.archived = true;
    ProgramData {
        accounts: vec![
            account(ACME, "Acme", 400, T3Status::Active),
            account(BIRCH, "Birch", 200, T3Status::Active),
            account(COBALT, "Cobalt", 100, T3Status::None),
            dune,
            account(ELM, "Elm", 250, T3Status::Planned),
        ],
        trainers: HashMap::from([(ADA, ACME), (BO, ACME), (CY, BIRCH), (DI, DUNE)]),
        snapshots: vec![
            snapshot(ACME, "2026-11-28", 280, 56, 16, 110.0),
            snapshot(ACME, "2026-03-01", 100, 40, 20, 100.0),
            snapshot(ACME, "2026-09-01", 220, 50, 18, 106.0),
            snapshot(ACME, "2026-06-01", 160, 44, 19, 103.0),
            snapshot(BIRCH, "2026-11-20", 20, 30, 30, 96.0),
            snapshot(COBALT, "2026-11-15", 0, 20, 10, 90.0),
            snapshot(DUNE, "2026-11-01", 300, 90, 1, 130.0),
        ],
        sessions: SessionCounts::tally(today, &sessions()),
        certifications: vec![
            certification(100, ADA, "2025-11-01", "2026-10-31", None),
            certification(101, ADA, "2026-10-20", "2027-10-19", Some(100)),
            certification(110, BO, "2026-03-01", "2027-02-28", None),
            certification(120, CY, "2025-08-01", "2026-07-31", None),
            certification(130, DI, "2026-05-01", "2027-04-30", None),
        ],
    }
}

/// The sessions of [`program`], one by one.
fn sessions() -> Vec<TrainingSession> {
    vec![
        session(ADA, ACME, "2026-10-05"),
        session(ADA, ACME, "2026-11-10"),
        session(ADA, ACME, "2026-07-15"),
        session(BO, ACME, "2026-10-20"),
        session(CY, BIRCH, "2026-07-10"),
        session(DI, DUNE, "2026-10-10"),
        session(CY, BIRCH, "2025-06-01"),
    ]
}

fn portfolio(period: Period) -> Metrics {
    compute(&program(), today(), period, Scope::Portfolio)
}

/// The twelve months to 3 December 2026: 365 days.
fn year_quarters() -> f64 {
    365.0 / DAYS_PER_QUARTER
}

#[test]
fn delivery_is_sessions_per_quarter_per_certified_trainer() {
    // Five sessions at accounts not archived in the twelve months (the 2025 one is older);
    // Ada, Bo and Cy were each certified on some day of them.
    let found = portfolio(Period::Last12Months).delivery;
    assert_eq!((found.sessions, found.certified_trainers), (5, 3));
    assert!(
        close(found.rate, 5.0 / (3.0 * year_quarters())),
        "{found:?}"
    );

    // This quarter is 64 days; Cy lapsed before it began.
    let found = portfolio(Period::ThisQuarter).delivery;
    assert_eq!((found.sessions, found.certified_trainers), (3, 2));
    assert!(
        close(found.rate, 3.0 / (2.0 * 64.0 / DAYS_PER_QUARTER)),
        "{found:?}"
    );

    // Last quarter is 92 days; Cy was still certified on its first month's days.
    let found = portfolio(Period::LastQuarter).delivery;
    assert_eq!((found.sessions, found.certified_trainers), (2, 3));
    assert!(
        close(found.rate, 2.0 / (3.0 * 92.0 / DAYS_PER_QUARTER)),
        "{found:?}"
    );
}

#[test]
fn delivery_without_certified_trainers_has_no_rate() {
    let mut data = program();
    data.certifications.clear();
    let found = compute(&data, today(), Period::Last12Months, Scope::Portfolio).delivery;
    assert_eq!((found.sessions, found.certified_trainers), (5, 0));
    assert_eq!(
        found.rate, None,
        "sessions but nobody certified: undefined, not infinite"
    );
}

#[test]
fn delivery_by_quarter_shows_eight_quarters_to_today_oldest_first() {
    let found = portfolio(Period::ThisQuarter).delivery_by_quarter;
    let quarters: Vec<String> = found.iter().map(|q| q.quarter.to_string()).collect();
    assert_eq!(
        quarters,
        [
            "Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"
        ]
    );
    let delivery = |quarter: &str| {
        found
            .iter()
            .find(|q| q.quarter.to_string() == quarter)
            .unwrap()
            .delivery
    };
    // Today's quarter counts its 64 days so far, not 92.
    assert_eq!(delivery("Q4 2026"), portfolio(Period::ThisQuarter).delivery);
    assert_eq!(delivery("Q3 2026"), portfolio(Period::LastQuarter).delivery);
    let spring = delivery("Q2 2026");
    assert_eq!((spring.sessions, spring.certified_trainers), (0, 3));
    assert_eq!(
        spring.rate,
        Some(0.0),
        "trainers but no sessions: a rate of nought"
    );
    let before = delivery("Q2 2025");
    assert_eq!((before.sessions, before.certified_trainers), (1, 0));
    assert_eq!(before.rate, None, "before anyone was certified");
}

#[test]
fn coverage_sums_users_trained_over_seats_of_accounts_with_a_snapshot() {
    // Acme 280/400, Birch 20/200, Cobalt 0/100; Elm has no snapshot, Dune is archived.
    let found = portfolio(Period::Last12Months);
    assert_eq!(found.coverage.accounts, 3);
    assert!(close(found.coverage.value, 300.0 / 700.0));
    let rows: Vec<(&str, Option<u32>)> = found
        .coverage_by_account
        .iter()
        .map(|row| (row.name.as_str(), row.users_trained))
        .collect();
    assert_eq!(
        rows,
        [
            ("Cobalt", Some(0)),
            ("Birch", Some(20)),
            ("Acme", Some(280)),
            ("Elm", None)
        ],
        "lowest first, no snapshot last"
    );
    assert_eq!(found.coverage_by_account[0].rate, Some(0.0));
    assert!(close(found.coverage_by_account[2].rate, 0.7));
    assert_eq!(found.coverage_by_account[3].rate, None);
    assert_eq!(found.coverage_by_account[3].seats, 250);
}

#[test]
fn coverage_reads_only_snapshots_within_the_period() {
    // Last quarter (July to September): Acme's September snapshot; Birch's and Cobalt's are
    // from November, after it.
    let found = portfolio(Period::LastQuarter);
    assert_eq!(found.coverage.accounts, 1);
    assert!(close(found.coverage.value, 220.0 / 400.0));
    let without: Vec<&str> = found
        .coverage_by_account
        .iter()
        .filter(|row| row.users_trained.is_none())
        .map(|row| row.name.as_str())
        .collect();
    assert_eq!(
        without,
        ["Birch", "Cobalt", "Elm"],
        "by name among themselves"
    );

    // On 10 January the only snapshots are from last year: this quarter has none.
    let found = compute(
        &program_on(day("2027-01-10")),
        day("2027-01-10"),
        Period::ThisQuarter,
        Scope::Portfolio,
    );
    assert_eq!(
        found.coverage,
        Group {
            accounts: 0,
            value: None
        }
    );
}

#[test]
fn accounts_without_seats_leave_coverage_and_tickets_undefined() {
    let mut data = program();
    data.accounts.retain(|account| account.id == COBALT);
    data.accounts[0].fields.seats = 0;
    let found = compute(&data, today(), Period::Last12Months, Scope::Portfolio);
    assert_eq!(
        found.coverage,
        Group {
            accounts: 1,
            value: None
        }
    );
    assert_eq!(found.coverage_by_account[0].users_trained, Some(0));
    assert_eq!(found.coverage_by_account[0].rate, None);
    assert_eq!(
        found.tickets_per_seat.non_t3,
        Group {
            accounts: 1,
            value: None
        }
    );
    assert!(
        close(found.adoption_depth.non_t3.value, 20.0),
        "other figures still stand"
    );
}

#[test]
fn t3_accounts_are_compared_with_the_rest_of_the_portfolio() {
    // T3: Acme. Not T3: Birch (its only trainer lapsed) and Cobalt (no program). Elm has no
    // snapshot and Dune is archived, so neither is in a group.
    let found = portfolio(Period::Last12Months);
    let groups = |comparison: Comparison| (comparison.t3.accounts, comparison.non_t3.accounts);
    assert_eq!(groups(found.adoption_depth), (1, 2));
    assert_eq!(groups(found.tickets_per_seat), (1, 2));
    assert_eq!(groups(found.nrr), (1, 2));
    assert!(close(found.adoption_depth.t3.value, 56.0));
    assert!(
        close(found.adoption_depth.non_t3.value, 25.0),
        "Birch 30, Cobalt 20"
    );
    assert!(close(found.tickets_per_seat.t3.value, 16.0 / 400.0));
    assert!(
        close(
            found.tickets_per_seat.non_t3.value,
            (30.0 + 10.0) / (200.0 + 100.0)
        ),
        "summed over summed seats, not a mean of ratios"
    );
    assert!(close(found.nrr.t3.value, 110.0));
    assert!(close(found.nrr.non_t3.value, 93.0), "Birch 96, Cobalt 90");
}

#[test]
fn an_empty_group_has_no_figures() {
    // Last quarter only Acme has a snapshot, and it was a T3 account on 30 September.
    let found = portfolio(Period::LastQuarter);
    assert!(close(found.adoption_depth.t3.value, 50.0));
    for comparison in [found.adoption_depth, found.tickets_per_seat, found.nrr] {
        assert_eq!(comparison.t3.accounts, 1);
        assert_eq!(
            comparison.non_t3,
            Group {
                accounts: 0,
                value: None
            }
        );
    }
}

#[test]
fn membership_is_judged_on_the_last_day_of_the_period() {
    // Birch's Cy was certified until 31 July: a T3 account last quarter would need a snapshot
    // then, so give it one in July and judge the period ending 31 July.
    let on = |today: &str| {
        let mut data = program_on(day(today));
        data.snapshots
            .push(snapshot(BIRCH, "2026-07-20", 10, 28, 30, 95.0));
        compute(&data, day(today), Period::ThisQuarter, Scope::Portfolio)
    };
    let on_expiry = on("2026-07-31");
    assert_eq!(
        on_expiry.adoption_depth.t3.accounts, 1,
        "Birch, still certified"
    );
    let day_after = on("2026-08-01");
    assert_eq!(
        day_after.adoption_depth.t3.accounts, 0,
        "Birch lapsed the day before"
    );
    assert_eq!(day_after.adoption_depth.non_t3.accounts, 1);
}

#[test]
fn a_t3_account_is_active_with_a_certification_valid_that_day() {
    let acme = account(ACME, "Acme", 400, T3Status::Active);
    let bo = [certification(110, BO, "2026-03-01", "2027-02-28", None)];
    let cases = [
        ("2026-02-28", false),
        ("2026-03-01", true),
        ("2027-02-28", true),
        ("2027-03-01", false),
    ];
    for (on, expected) in cases {
        assert_eq!(is_t3_account(&acme, &bo, day(on)), expected, "{on}");
    }
    assert!(
        !is_t3_account(&acme, [], day("2026-06-01")),
        "nobody certified"
    );
    for status in [T3Status::None, T3Status::Planned, T3Status::Paused] {
        let other = account(ACME, "Acme", 400, status);
        assert!(!is_t3_account(&other, &bo, day("2026-06-01")), "{status}");
    }
}

#[test]
fn renewal_counts_certifications_due_in_the_period_whose_outcome_is_known() {
    // Ada's first certification expired on 31 October and was renewed; Cy's expired on
    // 31 July and was not. Bo's expires in February, after the period.
    let found = portfolio(Period::Last12Months).renewal;
    assert_eq!((found.due, found.renewed), (2, 1));
    assert!(close(found.rate, 0.5));

    // Without the renewal, on its expiry day Ada's certification is still valid and may yet
    // be renewed: not due. The day after, it lapsed unrenewed.
    let on = |today: &str| {
        let mut data = program_on(day(today));
        data.certifications.retain(|c| c.id != CertificationId(101));
        compute(&data, day(today), Period::Last12Months, Scope::Portfolio).renewal
    };
    let found = on("2026-10-31");
    assert_eq!((found.due, found.renewed), (1, 0));
    assert_eq!(found.rate, Some(0.0));
    let found = on("2026-11-01");
    assert_eq!((found.due, found.renewed), (2, 0));
}

#[test]
fn nothing_due_has_no_renewal_rate() {
    let found = compute(
        &program(),
        today(),
        Period::Last12Months,
        Scope::Account(COBALT),
    );
    assert_eq!(
        found.renewal,
        Renewal {
            due: 0,
            renewed: 0,
            rate: None
        }
    );
}

#[test]
fn an_account_scope_narrows_delivery_coverage_and_renewal_but_not_the_comparisons() {
    let found = compute(
        &program(),
        today(),
        Period::Last12Months,
        Scope::Account(ACME),
    );
    assert_eq!(found.scope, Scope::Account(ACME));
    assert_eq!(
        (found.delivery.sessions, found.delivery.certified_trainers),
        (4, 2)
    );
    assert!(close(found.delivery.rate, 4.0 / (2.0 * year_quarters())));
    assert_eq!(found.coverage.accounts, 1);
    assert!(close(found.coverage.value, 0.7));
    assert_eq!(found.coverage_by_account.len(), 1);
    assert_eq!((found.renewal.due, found.renewal.renewed), (1, 1));
    assert_eq!(
        found.adoption_depth,
        portfolio(Period::Last12Months).adoption_depth
    );
    let own = found.account.unwrap();
    assert_eq!(own.name, "Acme");
    assert!(own.t3_account);
    assert_eq!(own.certified_trainers, 2);
    assert_eq!(own.snapshot_on, Some(day("2026-11-28")));
    assert!(close(own.adoption_depth, 56.0));
    assert!(close(own.tickets_per_seat, 0.04));
    assert!(close(own.nrr, 110.0));
    assert!(found.patterns.is_empty(), "{:?}", found.patterns);
    assert_eq!(portfolio(Period::Last12Months).account, None);
}

#[test]
fn an_account_without_a_snapshot_in_the_period_has_no_figures() {
    let found = compute(
        &program(),
        today(),
        Period::Last12Months,
        Scope::Account(ELM),
    );
    let own = found.account.unwrap();
    assert!(!own.t3_account);
    assert_eq!(own.certified_trainers, 0);
    assert_eq!(
        (own.snapshot_on, own.adoption_depth, own.nrr),
        (None, None, None)
    );
    assert_eq!(
        found.coverage,
        Group {
            accounts: 0,
            value: None
        }
    );
    assert_eq!(found.delivery.rate, None);
}

#[test]
fn an_empty_portfolio_computes_to_nothing_defined() {
    let found = compute(
        &ProgramData::default(),
        today(),
        Period::Last12Months,
        Scope::Portfolio,
    );
    assert_eq!(found.delivery, Delivery::default());
    assert_eq!(found.coverage, Group::default());
    assert!(found.coverage_by_account.is_empty());
    for comparison in [found.adoption_depth, found.tickets_per_seat, found.nrr] {
        assert_eq!(comparison, Comparison::default());
    }
    assert_eq!(found.renewal, Renewal::default());
    assert_eq!(found.delivery_by_quarter.len(), TREND_QUARTERS);
    assert!(
        found
            .delivery_by_quarter
            .iter()
            .all(|q| q.delivery.rate.is_none())
    );
    assert!(found.patterns.is_empty());
    assert_eq!(found.span, Period::Last12Months.span(today()));
}

#[test]
fn high_delivery_with_low_coverage_is_named_for_an_account() {
    // Twenty more sessions at Acme this quarter, and only a quarter of its seats trained.
    let mut data = program();
    let mut sessions = sessions();
    sessions.extend((0..20).map(|_| session(BO, ACME, "2026-11-02")));
    data.sessions = SessionCounts::tally(today(), &sessions);
    data.snapshots[0].users_trained = 100;
    let found = compute(&data, today(), Period::ThisQuarter, Scope::Account(ACME));
    let rate = 23.0 / (2.0 * 64.0 / DAYS_PER_QUARTER);
    assert!(close(found.delivery.rate, rate));
    assert_eq!(
        found.patterns,
        [Pattern::HighDeliveryLowCoverage {
            delivery_rate: found.delivery.rate.unwrap(),
            coverage: 0.25
        }]
    );
    assert!(
        found.patterns[0]
            .sentence()
            .contains("(16.4 sessions a quarter per trainer)")
    );
    assert!(found.patterns[0].sentence().contains("low coverage (25%)"));
}

#[test]
fn high_coverage_without_adoption_gain_reads_an_accounts_last_four_snapshots() {
    // Acme at 70% coverage with adoption back at March's 40 by November.
    let mut data = program();
    data.snapshots[0].adoption_depth = 40;
    let found = compute(&data, today(), Period::Last12Months, Scope::Account(ACME));
    assert_eq!(
        found.patterns,
        [Pattern::HighCoverageNoAdoptionGain {
            coverage: 0.7,
            adoption: AdoptionEvidence::Trend {
                first_on: day("2026-03-01"),
                first: 40,
                last_on: day("2026-11-28"),
                last: 40
            }
        }]
    );

    // A fifth, older snapshot is outside the four: the trend starts in March still.
    data.snapshots
        .push(snapshot(ACME, "2025-12-10", 50, 10, 20, 100.0));
    let found = compute(&data, today(), Period::Last12Months, Scope::Account(ACME));
    assert_eq!(found.patterns.len(), 1);

    // One snapshot is no trend: Cobalt fully trained says nothing about adoption.
    data.snapshots[5].users_trained = 100;
    let found = compute(&data, today(), Period::Last12Months, Scope::Account(COBALT));
    assert!(close(found.coverage.value, 1.0));
    assert!(found.patterns.is_empty(), "{:?}", found.patterns);
}

#[test]
fn high_coverage_without_adoption_gain_compares_groups_for_the_portfolio() {
    // Birch and Cobalt fully trained and adopting more deeply than Acme, the T3 account.
    let mut data = program();
    data.snapshots[4] = snapshot(BIRCH, "2026-11-20", 200, 60, 30, 96.0);
    data.snapshots[5] = snapshot(COBALT, "2026-11-15", 100, 90, 10, 90.0);
    let found = compute(&data, today(), Period::Last12Months, Scope::Portfolio);
    assert!(close(found.coverage.value, 580.0 / 700.0));
    assert_eq!(found.patterns.len(), 1, "{:?}", found.patterns);
    let Pattern::HighCoverageNoAdoptionGain { adoption, .. } = found.patterns[0] else {
        panic!("{:?}", found.patterns);
    };
    assert_eq!(
        adoption,
        AdoptionEvidence::Groups {
            t3: 56.0,
            non_t3: 75.0
        }
    );

    // The fixture as it is: 43% coverage, T3 adoption well ahead. Nothing to say.
    assert!(portfolio(Period::Last12Months).patterns.is_empty());
}
