//! Certifications, matched by trainer (email) and the day granted. A new one renews the
//! trainer's latest earlier certification, as a renewal in the app does. Importing a
//! certification records it; the trainer's status is what the trainers file says.
//!
//! A row with neither `certified_on` nor `expires_on` says the trainer holds no certification
//! yet, as `t3 export certifications` writes a trainer still on the pathway: it imports
//! nothing and counts as unchanged, once its trainer is found.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::plan::{Basis, CertificationRecord, Change, Plan, Planned, Tally};
use super::reader::{self, Columns, Row};
use super::{Kind, Numbered, RowError, Spec, keep, unknown_trainer};
use crate::domain::certification::{Certification, expiry_for};
use crate::domain::validation::parse_email;
use crate::domain::{FieldError, TrainerId};

pub(super) struct Certifications;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CertificationRow {
    email: String,
    /// The certification, or `None` for a trainer who holds none.
    granted: Option<Granted>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Granted {
    certified_on: NaiveDate,
    expires_on: NaiveDate,
}

impl Spec for Certifications {
    type Record = CertificationRow;
    const KIND: Kind = Kind::Certifications;
    const COLUMNS: &'static [&'static str] = &["email", "certified_on", "expires_on"];
    const OPTIONAL: &'static [&'static str] = &["expires_on"];
    const KEY_COLUMN: &'static str = "certified_on";

    fn parse(
        columns: &Columns,
        row: &Row,
        today: NaiveDate,
    ) -> Result<CertificationRow, Vec<FieldError>> {
        let mut errors = Vec::new();
        let email = keep(&mut errors, parse_email("email", columns.get(row, "email")));
        let certified_on = columns.get(row, "certified_on");
        let expires_on = columns.get(row, "expires_on");
        if certified_on.is_empty() && expires_on.is_empty() {
            return match email {
                Some(email) => Ok(CertificationRow {
                    email,
                    granted: None,
                }),
                None => Err(errors),
            };
        }
        let certified_on = match reader::date("certified_on", certified_on) {
            Ok(day) if day > today => {
                errors.push(FieldError::new(
                    "certified_on",
                    format!("{day} is after today ({today}): import a certification once granted"),
                ));
                None
            }
            other => keep(&mut errors, other),
        };
        let expires_on = keep(&mut errors, reader::optional_date("expires_on", expires_on));
        match (email, certified_on, expires_on) {
            (Some(email), Some(certified_on), Some(expires_on)) => {
                let expires_on = expires_on.unwrap_or_else(|| expiry_for(certified_on));
                if expires_on <= certified_on {
                    return Err(vec![FieldError::new(
                        "expires_on",
                        format!("{expires_on} is not after certified_on ({certified_on})"),
                    )]);
                }
                Ok(CertificationRow {
                    email,
                    granted: Some(Granted {
                        certified_on,
                        expires_on,
                    }),
                })
            }
            _ => Err(errors),
        }
    }

    fn key(record: &CertificationRow) -> String {
        match record.granted {
            Some(granted) => format!("{}\n{}", reader::key(&record.email), granted.certified_on),
            None => format!("{}\nnone", reader::key(&record.email)),
        }
    }

    fn describe(record: &CertificationRow) -> String {
        match record.granted {
            Some(granted) => {
                format!(
                    "{}'s certification of {}",
                    record.email, granted.certified_on
                )
            }
            None => format!("{} without a certification", record.email),
        }
    }

    fn plan(
        records: Vec<Numbered<CertificationRow>>,
        basis: &Basis,
        errors: &mut Vec<RowError>,
    ) -> Planned {
        let trainers = basis.trainers_by_email();
        let mut existing: HashMap<(TrainerId, NaiveDate), &Certification> = HashMap::new();
        for certification in &basis.certifications {
            existing
                .entry((certification.trainer_id, certification.granted_on))
                .or_insert(certification);
        }
        let mut tally = Tally::default();
        let mut changes = Vec::new();
        for Numbered { line, record } in records {
            let Some(trainer) = trainers.get(&reader::key(&record.email)) else {
                errors.push(unknown_trainer(line, &record.email));
                continue;
            };
            let Some(granted) = record.granted else {
                tally.unchanged += 1;
                continue;
            };
            let wanted = CertificationRecord {
                trainer: trainer.id,
                granted_on: granted.certified_on,
                expires_on: granted.expires_on,
            };
            let change = match existing.get(&(trainer.id, granted.certified_on)) {
                None => Some(Change::Add(wanted)),
                Some(stored) if stored.expires_on == wanted.expires_on => None,
                Some(stored) => Some(Change::Update(stored.id, wanted)),
            };
            tally.count(change.as_ref());
            changes.extend(change);
        }
        // Each new certification renews the one before it, so a trainer's are written in order.
        changes.sort_by_key(|change| match change {
            Change::Add(record) => (1, record.trainer, record.granted_on),
            Change::Update(_, record) => (0, record.trainer, record.granted_on),
        });
        Planned {
            plan: Plan::Certifications(changes),
            tally,
            syncs_created: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::plan_rows;
    use super::*;
    use crate::domain::certification::CertificationId;
    use crate::domain::{AccountId, Trainer, TrainerFields, TrainerStatus};

    fn basis() -> Basis {
        Basis {
            trainers: vec![Trainer {
                id: TrainerId(3),
                fields: TrainerFields {
                    account_id: AccountId(1),
                    name: "Ana Costa".into(),
                    email: "ana@kestrel.example".into(),
                    title: String::new(),
                    department: String::new(),
                },
                status: TrainerStatus::Certified,
            }],
            certifications: vec![Certification {
                id: CertificationId(11),
                trainer_id: TrainerId(3),
                number: "T3-2025-00011".into(),
                granted_on: NaiveDate::from_ymd_opt(2025, 5, 2).unwrap(),
                expires_on: NaiveDate::from_ymd_opt(2026, 5, 2).unwrap(),
                renews: None,
            }],
            ..Basis::default()
        }
    }

    #[test]
    fn expiry_defaults_to_twelve_months_and_matches_by_trainer_and_day() {
        let text = "trainer,email,certified_on\nAna,ANA@kestrel.example,2025-05-02\n\
                    Ana,ana@kestrel.example,2026-05-04\n";
        let (planned, errors) = plan_rows::<Certifications>(text, &basis());
        assert_eq!(errors, []);
        assert_eq!(planned.tally.unchanged, 1);
        let Plan::Certifications(changes) = planned.plan else {
            panic!("{:?}", planned.plan);
        };
        assert_eq!(
            changes,
            [Change::Add(CertificationRecord {
                trainer: TrainerId(3),
                granted_on: NaiveDate::from_ymd_opt(2026, 5, 4).unwrap(),
                expires_on: NaiveDate::from_ymd_opt(2027, 5, 4).unwrap(),
            })]
        );
    }

    #[test]
    fn a_trainer_without_a_certification_imports_nothing() {
        let text = "trainer,email,account,certified_on,expires_on,state\n\
                    Ana,ana@kestrel.example,Kestrel,,,certifying\n";
        let (planned, errors) = plan_rows::<Certifications>(text, &basis());
        assert_eq!(errors, []);
        assert_eq!(planned.tally.unchanged, 1);
        assert!(planned.plan.is_empty());
        let text = "email,certified_on,expires_on\nana@kestrel.example,,2026-01-01\n";
        let (_, errors) = plan_rows::<Certifications>(text, &basis());
        assert_eq!(errors[0].column.as_deref(), Some("certified_on"));
    }

    #[test]
    fn a_changed_expiry_updates_the_certification() {
        let text = "email,certified_on,expires_on\nana@kestrel.example,2025-05-02,2026-06-01\n";
        let (planned, _) = plan_rows::<Certifications>(text, &basis());
        assert_eq!(planned.tally.updated, 1);
        assert!(matches!(
            &planned.plan,
            Plan::Certifications(changes) if matches!(changes[0], Change::Update(CertificationId(11), _))
        ));
    }

    #[test]
    fn future_grants_backward_expiries_and_strangers_are_refused() {
        let text = "email,certified_on,expires_on\n\
                    ana@kestrel.example,2026-07-01,\n\
                    ana@kestrel.example,2025-01-01,2024-12-31\n\
                    zed@kestrel.example,2025-01-01,\n";
        let (_, errors) = plan_rows::<Certifications>(text, &basis());
        let found: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "line 2, column certified_on: 2026-07-01 is after today (2026-06-15): import a \
                 certification once granted",
                "line 3, column expires_on: 2024-12-31 is not after certified_on (2025-01-01)",
                "line 4, column email: no trainer with the email zed@kestrel.example: import or \
                 add the trainer first",
            ]
        );
    }
}
