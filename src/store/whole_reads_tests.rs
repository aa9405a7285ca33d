//! The whole-portfolio reads against the simple per-trainer reads and the queries they
//! replaced, on a small portfolio holding the edges their shapes could get wrong: names that
//! sort differently by case, namesakes, two attempts or sessions on one day, re-assessments,
//! renewals stored before what they renew, and trainers with nothing at all.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::Store;
use crate::domain::program::TrainingSession;
use crate::domain::sync::{self, InviteRecord};
use crate::domain::{AccountId, TrainerId};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

const TODAY: &str = "2026-06-15";

fn portfolio() -> Store {
    let store = Store::in_memory().unwrap();
    store
        .conn
        .execute_batch(
            "INSERT INTO account (id, name, segment, seats, t3_status, archived, rollout_start)
             VALUES (1, 'beta Corp', 'Mid-market', 40, 'active', 0, '2025-01-06'),
                    (2, 'Alpha Ltd', 'Enterprise', 900, 'paused', 1, NULL),
                    (3, 'alpha two', 'SMB', 12, 'none', 0, NULL);
             INSERT INTO account_snapshot (account_id, as_of, active_users, users_trained,
                 adoption_depth, new_feature_adoption, support_tickets, net_revenue_retention)
             VALUES (1, '2026-05-01', 30, 20, 50, 10, 3, 1.02),
                    (1, '2026-03-01', 25, 10, 40, 5, 4, 0.98),
                    (3, '2026-04-01', 10, 2, 20, 0, 1, 1.0);
             INSERT INTO trainer (id, account_id, name, email, status)
             VALUES (1, 1, 'Zoe Park', 'zoe@b.example', 'certified'),
                    (2, 2, 'ana Lima', 'ana@a.example', 'lapsed'),
                    (3, 1, 'Ana Lima', 'ana@b.example', 'certified'),
                    (4, 3, 'Ana Lima', 'ana@c.example', 'certifying'),
                    (5, 3, 'Bo Chen', 'bo@c.example', 'candidate'),
                    (6, 1, 'Cy Diaz', 'cy@b.example', 'inactive'),
                    (7, 1, 'Dee Ross', 'dee@b.example', 'certified');
             -- Trainer 1's renewal is stored first, so id order is not granted order.
             INSERT INTO certification (id, trainer_id, number, granted_on, expires_on, renews)
             VALUES (1, 1, 'T3-2025-00001', '2025-02-20', '2026-02-20', 2),
                    (2, 1, 'T3-2024-00002', '2024-03-01', '2025-03-01', NULL),
                    (3, 3, 'T3-2025-00003', '2025-12-01', '2026-12-01', NULL),
                    (4, 2, 'T3-2024-00004', '2024-01-10', '2025-01-10', NULL),
                    (5, 6, 'T3-2025-00005', '2025-07-01', '2026-07-01', NULL);
             INSERT INTO module_completion (id, trainer_id, module, completed_on, score, evaluator)
             VALUES (1, 4, 'facilitation-skills', '2026-05-02', 60, 'Kim'),
                    (2, 4, 'practicum', '2026-05-02', 90, 'Lee'),
                    (3, 4, 'extended-assessment', '2026-04-01', 85, ''),
                    (4, 3, 'extended-assessment', '2025-11-01', 90, 'Kim'),
                    (5, 6, 'practicum', '2025-06-01', 88, 'Lee');
             INSERT INTO assessment (id, trainer_id, started_on, state, step, submitted_on,
                 reviewer, reviewed_on, review_note)
             VALUES (1, 4, '2026-01-05', 'declined', 3, '2026-01-06', 'Max', '2026-01-08', 'thin'),
                    (2, 1, '2024-01-02', 'approved', 4, '2024-01-03', 'Max', '2024-01-04', NULL),
                    (3, 4, '2026-01-05', 'approved', 4, '2026-01-09', 'Max', '2026-01-10', 'ok'),
                    (4, 5, '2026-06-01', 'draft', 0, NULL, NULL, NULL, NULL);
             INSERT INTO assessment_answer (assessment_id, question_id, score)
             VALUES (1, 'clarity.pace', 2), (1, 'credibility.advice_sought', 1),
                    (2, 'clarity.pace', 4),
                    (3, 'credibility.advice_sought', 5), (3, 'clarity.pace', 4);
             INSERT INTO assessment_note (assessment_id, criterion_key, body)
             VALUES (1, 'clarity', 'rushed'), (3, 'credibility', 'asked by peers'),
                    (3, 'clarity', 'steady');
             INSERT INTO training_session (id, trainer_id, account_id, held_on, topic, attendees,
                 duration_minutes)
             VALUES (1, 1, 1, '2026-06-01', 'Basics', 10, 60),
                    (2, 1, 1, '2026-06-10', 'Reports', 8, 45),
                    (3, 3, 1, '2026-06-10', 'Dashboards', 5, 30),
                    (4, 1, 1, '2026-06-10', 'Exports', 6, 30),
                    (5, 3, 1, '2026-02-01', 'Basics', 9, 60);
             INSERT INTO trainer_sync (id, uid, title, starts_at, time_zone, duration_minutes, state)
             VALUES (1, 'a@t3', 'Q1 sync', '2026-02-10 16:00:00', 'Europe/Lisbon', 60, 'held'),
                    (2, 'b@t3', 'Q2 sync', '2026-05-12 16:00:00', 'Europe/Lisbon', 60, 'held'),
                    (3, 'c@t3', 'Q3 sync', '2026-08-11 16:00:00', 'Europe/Lisbon', 60,
                     'scheduled');
             INSERT INTO sync_invite (sync_id, trainer_id, attendance)
             VALUES (1, 1, 'live'), (2, 1, 'absent'), (3, 1, NULL),
                    (1, 5, NULL), (2, 5, 'recording'), (2, 3, 'absent');",
        )
        .unwrap();
    store
}

#[test]
fn trainer_rows_match_the_joined_query_in_byte_order_of_name_then_id() {
    let store = portfolio();
    let rows = store.trainer_rows().unwrap();
    assert_eq!(rows, store.trainer_rows_where("1 = 1", &[]).unwrap());
    let order: Vec<i64> = rows.iter().map(|row| row.trainer.id.0).collect();
    assert_eq!(order, [3, 4, 5, 6, 7, 1, 2]);
    assert_eq!(rows[5].latest_expiry, Some(day("2026-02-20")));
    assert_eq!(
        rows[4].latest_expiry, None,
        "a certified trainer never certified"
    );
    assert_eq!(
        rows[6].account_name, "Alpha Ltd",
        "archived accounts' trainers too"
    );
}

#[test]
fn pathways_hold_what_the_per_trainer_reads_hold() {
    let store = portfolio();
    let pathways = store.pathways().unwrap();
    let trainers: Vec<i64> = pathways.iter().map(|p| p.row.trainer.id.0).collect();
    // Bo Chen, a candidate with no record, has no pathway; Cy Diaz, inactive, has one.
    assert_eq!(trainers, [3, 4, 6, 7, 1, 2]);
    for pathway in &pathways {
        let id = pathway.row.trainer.id;
        assert_eq!(
            pathway.completions,
            store.module_completions_of(id).unwrap()
        );
        assert_eq!(pathway.certifications, store.certifications_of(id).unwrap());
        let alone = store.trainer_rows_where("t.id = ?1", &[&id.0]).unwrap();
        assert_eq!(alone, std::slice::from_ref(&pathway.row));
    }
    let attempts: Vec<u8> = pathways[1].completions.iter().map(|c| c.score).collect();
    assert_eq!(attempts, [85, 60, 90], "by day, then as recorded");
    let renewals: Vec<i64> = pathways[4].certifications.iter().map(|c| c.id.0).collect();
    assert_eq!(renewals, [2, 1], "by day granted, not as stored");
}

#[test]
fn latest_assessments_are_each_trainers_newest_with_only_its_own_answers() {
    let store = portfolio();
    let latest = store.latest_assessments().unwrap();
    assert_eq!(latest.len(), 3);
    for (trainer, assessment) in &latest {
        let newest = store.assessments_of_trainer(*trainer).unwrap().remove(0);
        assert_eq!(assessment, &newest);
    }
    let re_assessed = &latest[&TrainerId(4)];
    assert_eq!(re_assessed.id.0, 3, "the later of two started the same day");
    assert_eq!(re_assessed.answers.scores["credibility.advice_sought"], 5);
    assert_eq!(re_assessed.answers.notes.len(), 2);
    assert!(latest[&TrainerId(5)].answers.scores.is_empty());
    assert!(latest[&TrainerId(5)].review.is_none());
}

#[test]
fn engagements_match_a_look_up_of_the_first_certification_per_invitation() {
    let store = portfolio();
    let today = day(TODAY);
    let mut statement = store
        .conn
        .prepare(
            "SELECT i.trainer_id, s.starts_at, s.state, i.attendance,
                (SELECT MIN(c.granted_on) FROM certification c WHERE c.trainer_id = i.trainer_id)
             FROM sync_invite i JOIN trainer_sync s ON s.id = i.sync_id",
        )
        .unwrap();
    let mut invites: HashMap<TrainerId, (Option<NaiveDate>, Vec<InviteRecord>)> = HashMap::new();
    let mut rows = statement.query([]).unwrap();
    while let Some(row) = rows.next().unwrap() {
        let starts_at: chrono::NaiveDateTime = row.get(1).unwrap();
        let entry = invites
            .entry(TrainerId(row.get(0).unwrap()))
            .or_insert((row.get(4).unwrap(), Vec::new()));
        entry.1.push(InviteRecord {
            date: starts_at.date(),
            state: super::parse_column(row, 2).unwrap(),
            attendance: super::syncs::optional_attendance(row, 3).unwrap(),
        });
    }
    let expected: HashMap<_, _> = invites
        .into_iter()
        .map(|(trainer, (first, records))| (trainer, sync::engagement(&records, first, today)))
        .collect();
    let engagements = store.engagements(today).unwrap();
    assert_eq!(engagements, expected);
    assert_eq!(
        engagements.len(),
        3,
        "an invitee never certified counts too"
    );
}

#[test]
fn the_portfolio_reads_the_accounts_and_latest_sessions_the_rules_read() {
    let store = portfolio();
    let today = day(TODAY);
    let portfolio = store.portfolio(today).unwrap();
    let accounts: Vec<_> = store
        .account_rows(today)
        .unwrap()
        .into_iter()
        .map(|row| row.account)
        .collect();
    assert_eq!(portfolio.accounts, accounts);
    let names: Vec<&str> = accounts.iter().map(|a| a.fields.name.as_str()).collect();
    assert_eq!(names, ["Alpha Ltd", "alpha two", "beta Corp"]);
    assert_eq!(portfolio.trainers, store.trainer_rows().unwrap());
    // Every session, folded by the domain's own reading, against the index-only seeks.
    let every: Vec<TrainingSession> = store.sessions().unwrap();
    let last = portfolio.last_sessions.unwrap();
    assert_eq!(last, crate::domain::risk::last_sessions(&every));
    // Zoe (1) held two sessions on her last day; Ana (3) a later one after an earlier; the
    // others none, and have no entry rather than an empty one.
    assert_eq!(
        last,
        HashMap::from([
            (TrainerId(1), day("2026-06-10")),
            (TrainerId(3), day("2026-06-10"))
        ])
    );
    assert_eq!(portfolio.latest_snapshots.len(), 2);
    assert_eq!(
        portfolio.latest_snapshots[&AccountId(1)].as_of,
        day("2026-05-01")
    );
}

#[test]
fn dates_read_digit_by_digit_as_rusqlite_reads_them() {
    let store = Store::in_memory().unwrap();
    for text in [
        "2026-06-15",
        "2024-02-29",
        "0001-01-01",
        "9999-12-31",
        "2026-02-30",
        "2026-13-01",
        "2026-6-15",
        "2026-06-1x",
        "2026/06/15",
        " 2026-06-15",
        "",
    ] {
        let (fast, usual) = store
            .conn
            .query_row("SELECT ?1", [text], |row| {
                Ok((super::date_column(row, 0), row.get::<_, NaiveDate>(0)))
            })
            .unwrap();
        assert_eq!(
            format!("{fast:?}"),
            format!("{usual:?}"),
            "reading {text:?}"
        );
    }
    let (fast, usual) = store
        .conn
        .query_row("SELECT NULL, 20260615", [], |row| {
            Ok((
                (
                    super::optional_date_column(row, 0),
                    super::date_column(row, 1),
                ),
                (
                    row.get::<_, Option<NaiveDate>>(0),
                    row.get::<_, NaiveDate>(1),
                ),
            ))
        })
        .unwrap();
    assert_eq!(format!("{fast:?}"), format!("{usual:?}"));
}
