//! The large demo portfolio (`t3 demo --scale large`): the ordinary demo, then enough generated
//! accounts, trainers, sessions and syncs around it to reach a vendor with thousands of
//! accounts, for measuring how t3 holds up at that size.
//!
//! Like the ordinary demo it is the same for the same `today`: one fixed seed drives every
//! choice, and rows are written in a fixed order. Certifications, assessments, module results,
//! attendance, findings and their triage come in proportion to the trainers, so every screen and
//! rule has as much to do as it would at a real vendor of that size.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::{America, Asia, Europe, Tz};
use fastrand::Rng;

use super::{DEPARTMENTS, assessments};
use super::{DemoCounts, FIRST_NAMES, LAST_NAMES, NOTE_TEMPLATES, TITLES, days_from};
use crate::domain::certification::{Module, ModuleCompletion};
use crate::domain::program::TrainingSession;
use crate::domain::risk::{self, Thresholds};
use crate::domain::sync::{Attendance, SyncFields, SyncState};
use crate::domain::triage::TriageAction;
use crate::domain::{
    AccountFields, AccountId, AccountSnapshot, T3Status, TrainerFields, TrainerId, TrainerStatus,
};
use crate::import::Progress;
use crate::store::{BulkLoad, Store, StoreError};

const SEED: u64 = 0x7433_1a26;

/// How big a portfolio to build, the ordinary demo's records included. Each account has four
/// quarterly snapshots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub accounts: usize,
    pub trainers: usize,
    pub sessions: usize,
    pub syncs: usize,
}

impl Size {
    /// The vendor issue 10 measures: 5,000 accounts, 50,000 trainers, a million sessions.
    pub const LARGE: Size = Size {
        accounts: 5_000,
        trainers: 50_000,
        sessions: 1_000_000,
        syncs: 24,
    };

    /// The same proportions at a `divisor`th of the size, for tests that cannot wait for a
    /// million rows; the syncs stay as they are, since there are few of them at any size.
    #[must_use]
    pub fn divided_by(self, divisor: usize) -> Size {
        let divisor = divisor.max(1);
        Size {
            accounts: self.accounts / divisor,
            trainers: self.trainers / divisor,
            sessions: self.sessions / divisor,
            syncs: self.syncs,
        }
    }
}

/// Fills an empty store with the ordinary demo and then the generated rest of a portfolio of
/// `size`, telling `progress` how far it has got.
pub fn seed(
    store: &mut Store,
    today: NaiveDate,
    size: Size,
    progress: &mut dyn Progress,
) -> Result<DemoCounts, StoreError> {
    progress.stage("demo", 1);
    let ordinary = super::seed(store, today)?;
    let wanted = Wanted {
        accounts: size.accounts.saturating_sub(ordinary.accounts),
        trainers: size.trainers.saturating_sub(ordinary.trainers),
        sessions: size.sessions.saturating_sub(ordinary.sessions),
        syncs: size.syncs.saturating_sub(ordinary.syncs),
    };
    let mut generator = Generator {
        rng: Rng::with_seed(SEED),
        assessments: assessments::Drawer::new(SEED ^ 0xa55e),
        today,
        counts: DemoCounts::default(),
        trainers: Vec::with_capacity(wanted.trainers),
    };
    store.bulk_load(|load| generator.write(load, wanted, progress))?;
    progress.stage("triage", 1);
    generator.counts.triage_actions = seed_triage(store, today)?;
    progress.finish();
    let counts = add(ordinary, generator.counts);
    tracing::info!(?counts, %today, "large demo portfolio seeded");
    Ok(counts)
}

/// What is generated beyond the ordinary demo.
#[derive(Clone, Copy)]
struct Wanted {
    accounts: usize,
    trainers: usize,
    sessions: usize,
    syncs: usize,
}

/// A generated trainer as the later stages need them.
struct Generated {
    id: TrainerId,
    account: AccountId,
    /// The account's place among the generated ones: it picks the trainer's sync region.
    account_index: usize,
    status: TrainerStatus,
    certified_on: Option<NaiveDate>,
    /// The days the trainer's sessions fall between, if they deliver any.
    delivering: Option<(NaiveDate, NaiveDate)>,
}

struct Generator {
    rng: Rng,
    assessments: assessments::Drawer,
    today: NaiveDate,
    counts: DemoCounts,
    trainers: Vec<Generated>,
}

const PLACES: &[&str] = &[
    "Aurora",
    "Bergen",
    "Cobalt",
    "Delta",
    "Ember",
    "Fjord",
    "Granite",
    "Harbor",
    "Ionic",
    "Juniper",
    "Keystone",
    "Lumen",
    "Meridian",
    "Nimbus",
    "Orchard",
    "Pioneer",
    "Quarry",
    "Redwood",
    "Summit",
    "Tidewater",
    "Umbra",
    "Vantage",
    "Willow",
    "Zenith",
];

const TRADES: &[&str] = &[
    "Logistics",
    "Health",
    "Insurance",
    "Energy",
    "Retail",
    "Manufacturing",
    "Bank",
    "Telecom",
    "Foods",
    "Pharma",
    "Airlines",
    "Utilities",
];

const CSMS: &[&str] = &[
    "Dana Whitfield",
    "Marcus Oyelaran",
    "Camille Roche",
    "Kenji Watanabe",
    "Priya Raman",
    "Tomás Herrera",
    "Ingrid Sørensen",
    "Amara Nwosu",
];

const TOPICS: &[&str] = &[
    "Approvals basics",
    "Reporting for team leads",
    "Month-end close",
    "What's new this release",
    "Mobile inbox",
    "Delegation during leave",
    "Saved report views",
    "Troubleshooting sign-in",
    "Data exports",
    "Onboarding new hires",
];

/// Sync regions: the name, the zone the sync is held in and its wall-clock hour there.
const REGIONS: [(&str, Tz, u32); 3] = [
    ("EMEA", Europe::Berlin, 15),
    ("Americas", America::New_York, 11),
    ("APAC", Asia::Tokyo, 10),
];

impl Generator {
    fn write(
        &mut self,
        load: &BulkLoad<'_>,
        wanted: Wanted,
        progress: &mut dyn Progress,
    ) -> Result<(), StoreError> {
        progress.stage("accounts", wanted.accounts as u64);
        for index in 0..wanted.accounts {
            // Trainers are spread evenly, the first accounts taking one more for what is left.
            let trainers = wanted.trainers / wanted.accounts.max(1)
                + usize::from(index < wanted.trainers % wanted.accounts.max(1));
            self.account(load, index, trainers)?;
            if index % 256 == 0 {
                progress.advance(index as u64);
            }
        }
        self.sessions(load, wanted.sessions, progress)?;
        progress.stage("syncs", wanted.syncs as u64);
        self.syncs(load, wanted.syncs)?;
        Ok(())
    }

    fn account(
        &mut self,
        load: &BulkLoad<'_>,
        index: usize,
        trainers: usize,
    ) -> Result<(), StoreError> {
        let rng = &mut self.rng;
        let today = self.today;
        let (segment, seats) = match rng.u8(..20) {
            0..=1 => ("Strategic", rng.u32(2_000..=8_000)),
            2..=10 => ("Enterprise", rng.u32(600..=3_000)),
            _ => ("Mid-market", rng.u32(150..=700)),
        };
        let status = match rng.u8(..20) {
            0..=10 => T3Status::Active,
            11..=13 => T3Status::Planned,
            14..=15 => T3Status::Paused,
            _ => T3Status::None,
        };
        let fields = AccountFields {
            name: format!(
                "{} {} {:04}",
                PLACES[rng.usize(..PLACES.len())],
                TRADES[rng.usize(..TRADES.len())],
                index + 1
            ),
            segment: segment.to_string(),
            seats,
            csm_owner: CSMS[rng.usize(..CSMS.len())].to_string(),
            rollout_start: match status {
                T3Status::Active | T3Status::Paused => Some(days_from(today, -rng.i64(120..=720))),
                T3Status::Planned => Some(days_from(today, rng.i64(14..=90))),
                T3Status::None => None,
            },
            renewal_date: Some(days_from(today, rng.i64(12..=380))),
            annual_value: u64::from(seats) * rng.u64(140..=420) / 10 * 10,
            t3_status: status,
        };
        let archived = matches!(status, T3Status::None | T3Status::Paused) && rng.u8(..10) == 0;
        let account = load.account(&fields, archived)?;
        self.counts.accounts += 1;
        self.snapshots(load, account, &fields)?;
        let notes = self.rng.usize(1..=2);
        for turn in 0..notes {
            let day = days_from(today, -self.rng.i64(1..=120));
            let time = NaiveTime::from_hms_opt(self.rng.u32(8..=17), self.rng.u32(0..60), 0)
                .unwrap_or_default();
            let body = NOTE_TEMPLATES[(index + turn) % NOTE_TEMPLATES.len()];
            load.note(account, day.and_time(time), body)?;
        }
        self.counts.notes += notes;
        // One running program in eight has lost every certified trainer: the first warning
        // sign the rules look for.
        let lost_certified = status == T3Status::Active && self.rng.u8(..8) == 0;
        for _ in 0..trainers {
            let mut trainer_status = self.trainer_status(status);
            if lost_certified && trainer_status == TrainerStatus::Certified {
                trainer_status = TrainerStatus::Lapsed;
            }
            self.trainer(load, account, index, trainer_status)?;
        }
        Ok(())
    }

    /// Four quarterly snapshots, coverage and adoption climbing where the program runs.
    fn snapshots(
        &mut self,
        load: &BulkLoad<'_>,
        account: AccountId,
        fields: &AccountFields,
    ) -> Result<(), StoreError> {
        let rng = &mut self.rng;
        let running = fields.t3_status == T3Status::Active;
        let mut coverage = if running {
            rng.u32(10..=35)
        } else {
            rng.u32(3..=15)
        };
        let mut adoption = rng.u32(25..=55);
        let new_features = rng.u32(10..=70);
        let nrr = if running {
            rng.u32(98..=122)
        } else {
            rng.u32(84..=106)
        };
        for quarter in (0..4_i64).rev() {
            load.snapshot(&AccountSnapshot {
                account_id: account,
                as_of: days_from(self.today, -(quarter * 91) - 5),
                active_users: fields.seats * rng.u32(70..=95) / 100,
                users_trained: fields.seats * coverage.min(100) / 100,
                adoption_depth: adoption.min(100) as u8,
                new_feature_adoption: (new_features + rng.u32(0..=8)).min(100) as u8,
                support_tickets: fields.seats / rng.u32(12..=60),
                net_revenue_retention: f64::from(nrr) + f64::from(rng.u32(0..=9)) / 10.0,
            })?;
            coverage += if running {
                rng.u32(6..=16)
            } else {
                rng.u32(0..=4)
            };
            adoption += if running {
                rng.u32(3..=9)
            } else {
                rng.u32(0..=3)
            };
        }
        self.counts.snapshots += 4;
        Ok(())
    }

    /// A trainer's status, in proportions that follow where the account's program stands.
    fn trainer_status(&mut self, account: T3Status) -> TrainerStatus {
        use TrainerStatus::{
            Candidate, Certified, Certifying, Declined, Inactive, Lapsed, Proposed, Selected,
        };
        let draw = self.rng.u8(..100);
        match account {
            T3Status::Active => match draw {
                0..=34 => Certified,
                35..=46 => Certifying,
                47..=54 => Selected,
                55..=60 => Proposed,
                61..=74 => Candidate,
                75..=84 => Lapsed,
                85..=91 => Declined,
                _ => Inactive,
            },
            T3Status::Planned => match draw {
                0..=49 => Candidate,
                50..=79 => Proposed,
                _ => Selected,
            },
            T3Status::Paused => match draw {
                0..=39 => Lapsed,
                40..=59 => Certified,
                _ => Inactive,
            },
            T3Status::None => match draw {
                0..=69 => Candidate,
                _ => Declined,
            },
        }
    }

    fn trainer(
        &mut self,
        load: &BulkLoad<'_>,
        account: AccountId,
        account_index: usize,
        status: TrainerStatus,
    ) -> Result<(), StoreError> {
        let number = self.counts.trainers + 1;
        let first = FIRST_NAMES[self.rng.usize(..FIRST_NAMES.len())];
        let last = LAST_NAMES[self.rng.usize(..LAST_NAMES.len())];
        let name = format!("{first} {last}");
        let local = super::ascii_slug(&name, '.');
        let fields = TrainerFields {
            account_id: account,
            email: format!("{local}.{number}@account{:04}.example", account_index + 1),
            name,
            title: TITLES[self.rng.usize(..TITLES.len())].to_string(),
            department: DEPARTMENTS[self.rng.usize(..DEPARTMENTS.len())].to_string(),
        };
        let id = load.trainer(&fields, status)?;
        self.counts.trainers += 1;
        let today = self.today;
        let (certified_on, delivering) = match status {
            TrainerStatus::Certified => {
                let granted = days_from(today, -self.rng.i64(10..=350));
                self.pathway(load, id, status, granted, Module::ALL.len())?;
                self.certify(load, id, granted)?;
                // One certified trainer in twelve has gone quiet for longer than the rules
                // allow.
                let last = if self.rng.u8(..12) == 0 {
                    days_from(today, -self.rng.i64(100..=200))
                } else {
                    days_from(today, -self.rng.i64(0..=20))
                };
                (Some(granted), Some((days_from(today, -540), last)))
            }
            TrainerStatus::Lapsed => {
                let granted = days_from(today, -self.rng.i64(380..=700));
                self.pathway(load, id, status, granted, Module::ALL.len())?;
                self.certify(load, id, granted)?;
                let last = days_from(today, -self.rng.i64(150..=370));
                (Some(granted), Some((days_from(today, -720), last)))
            }
            TrainerStatus::Certifying => {
                let next = days_from(today, -self.rng.i64(0..=30));
                let passed = self.rng.usize(1..Module::ALL.len());
                self.pathway(load, id, status, next, passed)?;
                (None, None)
            }
            _ => {
                self.assess(load, id, status, today)?;
                (None, None)
            }
        };
        self.trainers.push(Generated {
            id,
            account,
            account_index,
            status,
            certified_on,
            delivering,
        });
        Ok(())
    }

    /// The selection assessment and the first `modules` module passes, a few weeks apart,
    /// leading up to `until` (the certification, or the next module).
    fn pathway(
        &mut self,
        load: &BulkLoad<'_>,
        trainer: TrainerId,
        status: TrainerStatus,
        until: NaiveDate,
        modules: usize,
    ) -> Result<(), StoreError> {
        let gaps: Vec<i64> = (0..modules).map(|_| self.rng.i64(10..=28)).collect();
        let start = days_from(until, -gaps.iter().sum::<i64>());
        // The assessment demo draws its dates back from "today"; drawn from a day this far
        // after the pathway's start, its approval falls before the first module.
        let approval_lead = match status {
            TrainerStatus::Certifying => 40,
            _ => 90,
        };
        self.assess(load, trainer, status, days_from(start, approval_lead))?;
        let mut day = start;
        for (module, gap) in Module::ALL.iter().zip(&gaps) {
            load.module_completion(
                trainer,
                &ModuleCompletion {
                    module: *module,
                    completed_on: day,
                    score: self.rng.u8(85..=98),
                    evaluator: CSMS[self.rng.usize(..CSMS.len())].to_string(),
                    note: String::new(),
                },
            )?;
            self.counts.module_completions += 1;
            day = days_from(day, *gap);
        }
        Ok(())
    }

    fn assess(
        &mut self,
        load: &BulkLoad<'_>,
        trainer: TrainerId,
        status: TrainerStatus,
        drawn_from: NaiveDate,
    ) -> Result<(), StoreError> {
        // A lapsed trainer was selected and approved like a certified one.
        let as_status = match status {
            TrainerStatus::Lapsed => TrainerStatus::Certified,
            other => other,
        };
        if let Some(assessment) = self.assessments.draw(trainer, as_status, drawn_from) {
            load.assessment(&assessment)?;
            self.counts.assessments += 1;
        }
        Ok(())
    }

    fn certify(
        &mut self,
        load: &BulkLoad<'_>,
        trainer: TrainerId,
        granted_on: NaiveDate,
    ) -> Result<(), StoreError> {
        // A prefix of its own keeps these apart from the numbers the app gives (T3-YEAR-ID).
        let number = format!("T3L-{:06}", trainer.0);
        load.certification(trainer, &number, granted_on)?;
        self.counts.certifications += 1;
        Ok(())
    }

    /// `total` sessions shared evenly by the trainers who deliver, each trainer's oldest first.
    fn sessions(
        &mut self,
        load: &BulkLoad<'_>,
        total: usize,
        progress: &mut dyn Progress,
    ) -> Result<(), StoreError> {
        progress.stage("sessions", total as u64);
        let delivering: Vec<(TrainerId, AccountId, NaiveDate, NaiveDate)> = self
            .trainers
            .iter()
            .filter_map(|trainer| {
                trainer
                    .delivering
                    .map(|(from, to)| (trainer.id, trainer.account, from, to))
            })
            .collect();
        if delivering.is_empty() {
            return Ok(());
        }
        let each = total / delivering.len();
        let extra = total % delivering.len();
        let mut offsets = Vec::new();
        for (place, (trainer, account, from, to)) in delivering.into_iter().enumerate() {
            let span = (to - from).num_days().max(0);
            let count = each + usize::from(place < extra);
            offsets.clear();
            offsets.extend((0..count).map(|_| self.rng.i64(0..=span)));
            offsets.sort_unstable();
            for offset in &offsets {
                load.session(&TrainingSession {
                    trainer,
                    account,
                    held_on: days_from(from, *offset),
                    topic: TOPICS[self.rng.usize(..TOPICS.len())].to_string(),
                    attendees: self.rng.u32(4..=30),
                    duration_minutes: [45, 60, 90, 120][self.rng.usize(..4)],
                })?;
            }
            self.counts.sessions += count;
            if place % 64 == 0 {
                progress.advance(self.counts.sessions as u64);
            }
        }
        Ok(())
    }

    /// Monthly regional syncs, held before today, each inviting the certified trainers of its
    /// region certified by then; a few trainers in twenty have stopped coming.
    fn syncs(&mut self, load: &BulkLoad<'_>, count: usize) -> Result<(), StoreError> {
        let drifting: Vec<bool> = self
            .trainers
            .iter()
            .map(|_| self.rng.u8(..20) == 0)
            .collect();
        for index in 0..count {
            let (region, zone, hour) = REGIONS[index % REGIONS.len()];
            let day = days_from(self.today, -12 - 30 * index as i64);
            let starts_at = NaiveDateTime::new(
                day,
                NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN),
            );
            let fields = SyncFields {
                title: format!("Regional Trainer Sync, {region}"),
                starts_at,
                time_zone: zone,
                duration_minutes: 60,
                agenda: "What changed this month, questions from the field".to_string(),
                recording_link: format!("https://recordings.example/regional-{index}"),
            };
            let uid = format!("t3-regional-sync-{index}@t3.example");
            let sync = load.sync(&fields, SyncState::Held, &uid)?;
            self.counts.syncs += 1;
            for (trainer, drifting) in self.trainers.iter().zip(&drifting) {
                let invited = trainer.status == TrainerStatus::Certified
                    && trainer.account_index % REGIONS.len() == index % REGIONS.len()
                    && trainer.certified_on.is_some_and(|on| on < day);
                if !invited {
                    continue;
                }
                let attendance = match (*drifting, self.rng.u8(..100)) {
                    (true, _) | (false, 90..) => Attendance::Absent,
                    (false, 0..=64) => Attendance::Live,
                    (false, _) => Attendance::Recording,
                };
                load.invite(sync, trainer.id, Some(attendance))?;
            }
        }
        Ok(())
    }
}

/// Triage on one finding in ten, in an order that does not depend on how the rules list them:
/// acknowledged, assigned, snoozed, contacted or resolved in turn.
fn seed_triage(store: &mut Store, today: NaiveDate) -> Result<usize, StoreError> {
    let portfolio = store.portfolio(today)?;
    let mut keys: Vec<(String, crate::domain::risk::FindingKey)> =
        risk::evaluate(&portfolio, today, &Thresholds::default())
            .into_iter()
            .map(|finding| (finding.key.to_string(), finding.key))
            .collect();
    drop(portfolio);
    keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let at = today
        .pred_opt()
        .unwrap_or(today)
        .and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap_or(NaiveTime::MIN));
    let snooze_until = days_from(today, 14);
    let batch = store.batch()?;
    let mut written = 0;
    for (turn, (_, key)) in keys.iter().step_by(10).enumerate() {
        let action = match turn % 5 {
            0 => TriageAction::Acknowledge,
            1 => TriageAction::Assign(CSMS[turn % CSMS.len()].to_string()),
            2 => TriageAction::Snooze(snooze_until),
            3 => TriageAction::LogContact("Emailed the account's enablement lead.".to_string()),
            _ => TriageAction::Resolve("Handled on the last call with the account.".to_string()),
        };
        batch.record_triage(*key, &action, "dana", at)?;
        written += 1;
    }
    batch.commit()?;
    Ok(written)
}

fn add(a: DemoCounts, b: DemoCounts) -> DemoCounts {
    DemoCounts {
        accounts: a.accounts + b.accounts,
        trainers: a.trainers + b.trainers,
        snapshots: a.snapshots + b.snapshots,
        notes: a.notes + b.notes,
        assessments: a.assessments + b.assessments,
        module_completions: a.module_completions + b.module_completions,
        certifications: a.certifications + b.certifications,
        practicums: a.practicums + b.practicums,
        syncs: a.syncs + b.syncs,
        sessions: a.sessions + b.sessions,
        releases: a.releases + b.releases,
        materials: a.materials + b.materials,
        triage_actions: a.triage_actions + b.triage_actions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Silent;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
    }

    fn small() -> Size {
        Size::LARGE.divided_by(100)
    }

    fn count(store: &Store, table: &str) -> usize {
        store.count_rows(table).unwrap()
    }

    #[test]
    fn the_same_day_builds_the_same_portfolio() {
        let mut first = Store::in_memory().unwrap();
        seed(&mut first, today(), small(), &mut Silent).unwrap();
        let mut second = Store::in_memory().unwrap();
        seed(&mut second, today(), small(), &mut Silent).unwrap();
        assert_eq!(
            first.rows_checksum().unwrap(),
            second.rows_checksum().unwrap()
        );
        let mut other_day = Store::in_memory().unwrap();
        seed(&mut other_day, days_from(today(), 1), small(), &mut Silent).unwrap();
        assert_ne!(
            first.rows_checksum().unwrap(),
            other_day.rows_checksum().unwrap()
        );
    }

    #[test]
    fn the_portfolio_has_the_size_asked_for_and_the_proportions_of_a_real_one() {
        let mut store = Store::in_memory().unwrap();
        let size = small();
        let counts = seed(&mut store, today(), size, &mut Silent).unwrap();
        assert_eq!(count(&store, "account"), size.accounts);
        assert_eq!(count(&store, "trainer"), size.trainers);
        assert_eq!(count(&store, "training_session"), size.sessions);
        assert_eq!(count(&store, "account_snapshot"), 4 * size.accounts);
        assert_eq!(count(&store, "trainer_sync"), size.syncs);
        assert_eq!(counts.sessions, size.sessions);
        assert_eq!(counts.trainers, size.trainers);
        let trainers = size.trainers as f64;
        let certifications = count(&store, "certification") as f64;
        assert!(
            (0.15..0.5).contains(&(certifications / trainers)),
            "{certifications} certifications for {trainers} trainers"
        );
        let assessments = count(&store, "assessment") as f64;
        assert!(
            (0.3..0.9).contains(&(assessments / trainers)),
            "{assessments} assessments for {trainers} trainers"
        );
        assert!(count(&store, "sync_invite") > size.syncs * 10);
        let findings = {
            let portfolio = store.portfolio(today()).unwrap();
            risk::evaluate(&portfolio, today(), &Thresholds::default()).len()
        };
        let triaged = count(&store, "triage_event");
        assert!(findings > size.accounts / 10, "{findings} findings");
        assert!(
            triaged * 12 > findings && triaged * 4 < findings,
            "{triaged} triage actions for {findings} findings"
        );
        assert!(store.integrity_problems().unwrap().is_empty());
    }
}
