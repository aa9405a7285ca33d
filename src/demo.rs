//! The demo portfolio: a realistic set of accounts, trainers, snapshots, notes, selection
//! assessments, certification pathways, Trainer Syncs, training sessions, releases and
//! materials whose dates are relative to "today", so every screen has something true to show on
//! first run and every risk rule has something to find.
//!
//! The portfolio is the same for the same `today` (a fixed seed drives every choice), which
//! keeps the rendering snapshots stable.

mod assessments;
mod certifications;
pub mod large;
mod program;
mod syncs;
mod triage;

use chrono::{Days, NaiveDate, NaiveTime};

use crate::domain::{
    AccountFields, AccountId, AccountSnapshot, T3Status, TrainerFields, TrainerId, TrainerStatus,
};
use crate::store::{Batch, Store, StoreError};

const SEED: u64 = 0x7433_2026;

/// A certifying demo trainer with every module but the practicum passed and no practicum
/// started, so a test can open practicum mode for them and record one. No other demo trainer's
/// name, account, email, title or department matches this name as a filter.
pub const PRACTICUM_READY: &str = "Noah Lindqvist";

/// A certified demo trainer, certified well before the last two held Trainer Syncs, who was
/// invited to both and attended neither: two quarters missed, so the missed-syncs rule fires for
/// them. No other demo trainer's name, account, email, title or department matches this name as
/// a filter.
pub const SYNC_DRIFTING: &str = "Mateo Dubois";

/// An active demo account whose trainers have lost touch with the product: a lapsed
/// certification, a trainer who missed the last two Trainer Syncs and new-feature adoption below
/// 30%, so the compound rule fires for it. It renews within 90 days, which raises every finding
/// on it one level.
pub const RENEWING_AT_RISK: &str = "Société Lumière Énergie";

/// An active demo account whose trainers reach most of its seats while adoption depth stays
/// flat: the Program tab's "high coverage but no adoption gain" pattern, content that misses
/// the workflows that matter.
pub const COVERAGE_WITHOUT_GAIN: &str = "Halvorsen Maritime AS";

/// How many days after the demo day [`RENEWING_AT_RISK`] renews.
const RENEWING_AT_RISK_IN_DAYS: i64 = 48;

/// Name, segment, seats, CSM owner, T3 status, archived.
type AccountSeed = (
    &'static str,
    &'static str,
    u32,
    &'static str,
    T3Status,
    bool,
);

const ACCOUNTS: &[AccountSeed] = &[
    (
        "Northwind Freight",
        "Enterprise",
        1_800,
        "Dana Whitfield",
        T3Status::Active,
        false,
    ),
    (
        "Brightwater Health",
        "Strategic",
        4_200,
        "Dana Whitfield",
        T3Status::Active,
        false,
    ),
    (
        "Kestrel Insurance Group",
        "Enterprise",
        950,
        "Marcus Oyelaran",
        T3Status::Active,
        false,
    ),
    (
        "Société Lumière Énergie",
        "Enterprise",
        1_250,
        "Camille Roche",
        T3Status::Active,
        false,
    ),
    (
        "株式会社ミライ製作所",
        "Strategic",
        3_100,
        "Kenji Watanabe",
        T3Status::Active,
        false,
    ),
    (
        "Halvorsen Maritime AS",
        "Mid-market",
        420,
        "Camille Roche",
        T3Status::Active,
        false,
    ),
    (
        "Pinecrest Credit Union",
        "Mid-market",
        380,
        "Marcus Oyelaran",
        T3Status::Active,
        false,
    ),
    (
        "Atlas Retail Partners",
        "Enterprise",
        2_600,
        "Dana Whitfield",
        T3Status::Active,
        false,
    ),
    (
        "Verdant Agritech",
        "Mid-market",
        310,
        "Priya Raman",
        T3Status::Active,
        false,
    ),
    (
        "Copperline Telecom",
        "Strategic",
        5_400,
        "Priya Raman",
        T3Status::Active,
        false,
    ),
    (
        "Müller & Söhne Präzision",
        "Mid-market",
        540,
        "Camille Roche",
        T3Status::Active,
        false,
    ),
    (
        "Bluestem University",
        "Enterprise",
        1_100,
        "Marcus Oyelaran",
        T3Status::Active,
        false,
    ),
    (
        "Harbor City Transit",
        "Enterprise",
        870,
        "Dana Whitfield",
        T3Status::Active,
        false,
    ),
    (
        "São Bento Logística",
        "Mid-market",
        460,
        "Priya Raman",
        T3Status::Active,
        false,
    ),
    (
        "Quillfeather Publishing",
        "SMB",
        140,
        "Kenji Watanabe",
        T3Status::Active,
        false,
    ),
    (
        "Ironbridge Manufacturing",
        "Enterprise",
        2_050,
        "Marcus Oyelaran",
        T3Status::Active,
        false,
    ),
    (
        "Sunfield Pharmacies",
        "Enterprise",
        1_350,
        "Priya Raman",
        T3Status::Active,
        false,
    ),
    (
        "Granite Peak Capital",
        "Mid-market",
        260,
        "Dana Whitfield",
        T3Status::Active,
        false,
    ),
    (
        "青山デジタル銀行",
        "Strategic",
        2_900,
        "Kenji Watanabe",
        T3Status::Planned,
        false,
    ),
    (
        "Lakeshore County Government",
        "Enterprise",
        1_700,
        "Marcus Oyelaran",
        T3Status::Planned,
        false,
    ),
    (
        "Óptima Seguros",
        "Mid-market",
        610,
        "Camille Roche",
        T3Status::Planned,
        false,
    ),
    (
        "Redwood Hospitality",
        "Mid-market",
        720,
        "Priya Raman",
        T3Status::Planned,
        false,
    ),
    (
        "Tidewater Energy Co-op",
        "Enterprise",
        990,
        "Dana Whitfield",
        T3Status::Paused,
        false,
    ),
    (
        "Falconridge Aerospace",
        "Strategic",
        3_800,
        "Marcus Oyelaran",
        T3Status::Paused,
        false,
    ),
    (
        "Østfold Byggevarer",
        "Mid-market",
        300,
        "Camille Roche",
        T3Status::Paused,
        false,
    ),
    (
        "Meridian Legal LLP",
        "SMB",
        120,
        "Kenji Watanabe",
        T3Status::None,
        false,
    ),
    (
        "Cobalt Games Studio",
        "SMB",
        90,
        "Priya Raman",
        T3Status::None,
        false,
    ),
    (
        "Evergreen Dental Group",
        "SMB",
        210,
        "Dana Whitfield",
        T3Status::None,
        false,
    ),
    (
        "Polaris Biotech",
        "Mid-market",
        480,
        "Marcus Oyelaran",
        T3Status::None,
        false,
    ),
    (
        "Zephyr Logistics Asia",
        "Enterprise",
        1_450,
        "Kenji Watanabe",
        T3Status::None,
        false,
    ),
    (
        "Orchard Lane Schools",
        "Mid-market",
        650,
        "Camille Roche",
        T3Status::Active,
        false,
    ),
    (
        "Saffron Foods International",
        "Enterprise",
        1_900,
        "Priya Raman",
        T3Status::Active,
        false,
    ),
    (
        "Blackstone Mills (legacy)",
        "Mid-market",
        200,
        "Dana Whitfield",
        T3Status::None,
        true,
    ),
    (
        "Westgate Realty",
        "SMB",
        150,
        "Marcus Oyelaran",
        T3Status::Paused,
        true,
    ),
];

const FIRST_NAMES: &[&str] = &[
    "Amelia",
    "José",
    "Hannah",
    "Oluwaseun",
    "Zoë",
    "Liam",
    "Ingrid",
    "Mateus",
    "Chloé",
    "Rafael",
    "Fatima",
    "Noah",
    "Åsa",
    "Łukasz",
    "Priyanka",
    "Ethan",
    "Mei",
    "Tomás",
    "Grace",
    "Björn",
    "Aisha",
    "Daniel",
    "Renée",
    "Kwame",
    "Sofia",
    "Lucas",
    "Nadia",
    "Owen",
    "Elif",
    "Mateo",
];

const LAST_NAMES: &[&str] = &[
    "Okafor",
    "Martínez",
    "Lindqvist",
    "Fontaine",
    "Nowak",
    "Schmidt",
    "Brennan",
    "Ferreira",
    "Haddad",
    "Kowalczyk",
    "O'Neill",
    "Nguyễn",
    "Dubois",
    "Sørensen",
    "Patel",
    "Moreau",
    "Achterberg",
    "Costa",
    "Whitaker",
    "Yilmaz",
    "Castellanos",
    "Ivanova",
    "Mensah",
    "Larsen",
];

/// Given and family names for the accounts whose name is Japanese, written family name first.
const JAPANESE_NAMES: &[&str] = &[
    "田中 美咲",
    "佐藤 健太",
    "鈴木 由美",
    "高橋 翔",
    "伊藤 さくら",
    "渡辺 大輔",
    "山本 彩",
];

const TITLES: &[&str] = &[
    "Operations Lead",
    "Senior Analyst",
    "Team Manager",
    "Process Specialist",
    "Trainer",
    "Solutions Architect",
    "Customer Service Lead",
    "Finance Business Partner",
    "HR Generalist",
    "Systems Administrator",
];

const DEPARTMENTS: &[&str] = &[
    "Operations",
    "Finance",
    "Customer Service",
    "IT",
    "Sales Operations",
    "HR",
    "Logistics",
    "Clinical Systems",
    "Learning & Development",
];

const NOTE_TEMPLATES: &[&str] = &[
    "Exec sponsor confirmed protected training time for Q1; follow up on the trainer calendar.",
    "QBR went well. They want a refresher on reporting before the next release.",
    "Two trainers moved teams; ask the L&D lead who takes over their cohorts.",
    "Customer asked for the facilitator guide in their own language.",
    "Renewal conversation started early — procurement wants usage numbers by region.",
    "Onsite practicum scheduled; book the training room and a projector.",
    "Adoption of the new approvals workflow is slow; plan a job aid and a short session.",
];

/// Fills the store with the demo portfolio in one transaction, then records the triage already
/// under way on its findings in a second.
pub fn seed(store: &mut Store, today: NaiveDate) -> Result<DemoCounts, StoreError> {
    let mut rng = fastrand::Rng::with_seed(SEED);
    let mut counts = DemoCounts::default();
    let mut trainers = Vec::new();
    let batch = store.batch()?;
    for (index, seed) in ACCOUNTS.iter().enumerate() {
        let fields = account_fields(seed, today, &mut rng);
        let id = batch.insert_account(&fields, seed.5)?;
        counts.accounts += 1;
        let plateau = seed.0 == COVERAGE_WITHOUT_GAIN;
        counts.snapshots += seed_snapshots(&batch, id, &fields, plateau, today, &mut rng)?;
        let seeded = seed_trainers(&batch, id, &fields, index, &mut rng)?;
        counts.trainers += seeded.len();
        trainers.extend(seeded);
        counts.notes += seed_notes(&batch, id, today, &mut rng)?;
    }
    let statuses: Vec<_> = trainers
        .iter()
        .map(|seeded| (seeded.id, seeded.status))
        .collect();
    counts.assessments = assessments::seed(&batch, &statuses, today)?;
    let pathways = certifications::seed(&batch, &trainers, today)?;
    counts.module_completions = pathways.completions;
    counts.certifications = pathways.certifications;
    counts.practicums = pathways.practicums;
    counts.syncs = syncs::seed(&batch, &trainers, today)?;
    let program = program::seed(&batch, &trainers, today)?;
    counts.sessions = program.sessions;
    counts.releases = program.releases;
    counts.materials = program.materials;
    batch.commit()?;
    counts.triage_actions = triage::seed(store, today)?;
    tracing::info!(?counts, %today, "demo portfolio seeded");
    Ok(counts)
}

/// How much the demo wrote, for the message `t3 demo` prints.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DemoCounts {
    pub accounts: usize,
    pub trainers: usize,
    pub snapshots: usize,
    pub notes: usize,
    pub assessments: usize,
    /// Module attempts, failed ones and practicums included.
    pub module_completions: usize,
    /// Certifications, renewals included.
    pub certifications: usize,
    /// Recorded practicums.
    pub practicums: usize,
    /// Trainer Syncs, held, cancelled and scheduled.
    pub syncs: usize,
    /// Training sessions delivered by the account's trainers.
    pub sessions: usize,
    pub releases: usize,
    pub materials: usize,
    /// Triage actions already taken on the demo's findings.
    pub triage_actions: usize,
}

/// A trainer the demo wrote, as the later parts of the demo need them.
struct SeededTrainer {
    id: TrainerId,
    account: AccountId,
    status: TrainerStatus,
    name: String,
}

fn days_from(today: NaiveDate, offset: i64) -> NaiveDate {
    let days = Days::new(offset.unsigned_abs());
    let moved = if offset >= 0 {
        today.checked_add_days(days)
    } else {
        today.checked_sub_days(days)
    };
    moved.unwrap_or(today)
}

fn account_fields(seed: &AccountSeed, today: NaiveDate, rng: &mut fastrand::Rng) -> AccountFields {
    let (name, segment, seats, csm, status, _) = *seed;
    let rollout_start = match status {
        T3Status::Active | T3Status::Paused => Some(days_from(today, -rng.i64(120..=720))),
        T3Status::Planned => Some(days_from(today, rng.i64(14..=90))),
        T3Status::None => rng.bool().then(|| days_from(today, -rng.i64(200..=900))),
    };
    // Drawn for every account, so that the accounts after this one stay as they were.
    let drawn = rng.i64(12..=380);
    let renewal_in = if name == RENEWING_AT_RISK {
        RENEWING_AT_RISK_IN_DAYS
    } else {
        drawn
    };
    AccountFields {
        name: name.to_string(),
        segment: segment.to_string(),
        seats,
        csm_owner: csm.to_string(),
        rollout_start,
        renewal_date: Some(days_from(today, renewal_in)),
        annual_value: u64::from(seats) * rng.u64(140..=420) / 10 * 10,
        t3_status: status,
    }
}

/// Four quarterly snapshots; programs that are running show coverage and adoption climbing,
/// except on a `plateau`, where coverage climbs past 70% and adoption depth stays where it
/// was. The random draws are the same either way, so the rest of the demo stays as it was.
fn seed_snapshots(
    batch: &Batch<'_>,
    account: AccountId,
    fields: &AccountFields,
    plateau: bool,
    today: NaiveDate,
    rng: &mut fastrand::Rng,
) -> Result<usize, StoreError> {
    let running = fields.t3_status == T3Status::Active;
    let mut coverage = if running {
        rng.u32(10..=35)
    } else {
        rng.u32(3..=15)
    };
    let mut adoption = rng.u32(25..=55);
    let new_features = if running {
        rng.u32(15..=70)
    } else {
        rng.u32(5..=40)
    };
    let nrr = if running {
        rng.u32(98..=122)
    } else {
        rng.u32(84..=106)
    };
    let flat = adoption;
    for quarter in (0..4_i64).rev() {
        let active_users = fields.seats * rng.u32(70..=95) / 100;
        let (trained, depth) = if plateau {
            // 72%, 76%, 80%, 84% trained; adoption one point either side of where it began.
            let step = usize::try_from(3 - quarter).unwrap_or(0);
            let wobble = [flat, flat + 1, flat, flat.saturating_sub(1)];
            (72 + 4 * step as u32, wobble[step])
        } else {
            (coverage, adoption)
        };
        batch.insert_snapshot(&AccountSnapshot {
            account_id: account,
            as_of: days_from(today, -(quarter * 91) - 5),
            active_users,
            users_trained: (fields.seats * trained.min(100) / 100).min(fields.seats),
            adoption_depth: depth.min(100) as u8,
            new_feature_adoption: (new_features + rng.u32(0..=8)).min(100) as u8,
            support_tickets: fields.seats / tickets_divisor(running, rng.u32(12..=40)),
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
    Ok(4)
}

/// Seats per support ticket in a quarter: accounts whose program runs file fewer, so the
/// Program tab has a true difference to show. The draw is the same either way, so the rest of
/// the demo stays as it was.
fn tickets_divisor(running: bool, drawn: u32) -> u32 {
    if running { drawn + 20 } else { drawn }
}

/// The statuses an account's trainers hold, following where its program stands.
fn roster_shape(status: T3Status, rng: &mut fastrand::Rng) -> Vec<TrainerStatus> {
    use TrainerStatus::{
        Candidate, Certified, Certifying, Declined, Inactive, Lapsed, Proposed, Selected,
    };
    let mut shape = match status {
        T3Status::Active => vec![Certified, Certified, Certifying, Selected, Candidate],
        T3Status::Planned => vec![Candidate, Proposed, Selected],
        T3Status::Paused => vec![Lapsed, Certified, Inactive],
        T3Status::None => vec![Candidate],
    };
    if status == T3Status::Active {
        let extra = [Certified, Lapsed, Proposed, Declined, Inactive, Certifying];
        for _ in 0..rng.usize(0..=2) {
            shape.push(extra[rng.usize(..extra.len())]);
        }
        if rng.u8(..4) == 0 {
            // Some running programs have lost every certified trainer: the first warning sign.
            shape.retain(|status| *status != Certified);
            shape.push(Lapsed);
        }
    }
    shape
}

fn seed_trainers(
    batch: &Batch<'_>,
    account: AccountId,
    fields: &AccountFields,
    account_index: usize,
    rng: &mut fastrand::Rng,
) -> Result<Vec<SeededTrainer>, StoreError> {
    let japanese = fields
        .name
        .chars()
        .any(|c| ('\u{3040}'..='\u{9fff}').contains(&c));
    let domain = email_domain(&fields.name, account_index);
    let shape = roster_shape(fields.t3_status, rng);
    let mut seeded = Vec::with_capacity(shape.len());
    for (index, status) in shape.iter().enumerate() {
        let name = if japanese {
            JAPANESE_NAMES[rng.usize(..JAPANESE_NAMES.len())].to_string()
        } else {
            let first = FIRST_NAMES[rng.usize(..FIRST_NAMES.len())];
            let last = LAST_NAMES[rng.usize(..LAST_NAMES.len())];
            format!("{first} {last}")
        };
        let local = ascii_slug(&name, '.');
        let local = if local.is_empty() {
            format!("trainer{index}")
        } else {
            local
        };
        let fields = TrainerFields {
            account_id: account,
            name,
            email: format!("{local}{index}@{domain}"),
            title: TITLES[rng.usize(..TITLES.len())].to_string(),
            department: DEPARTMENTS[rng.usize(..DEPARTMENTS.len())].to_string(),
        };
        let id = batch.insert_trainer(&fields, *status)?;
        seeded.push(SeededTrainer {
            id,
            account,
            status: *status,
            name: fields.name,
        });
    }
    Ok(seeded)
}

fn seed_notes(
    batch: &Batch<'_>,
    account: AccountId,
    today: NaiveDate,
    rng: &mut fastrand::Rng,
) -> Result<usize, StoreError> {
    let count = rng.usize(1..=3);
    for index in 0..count {
        let day = days_from(today, -rng.i64(1..=120));
        let time = NaiveTime::from_hms_opt(rng.u32(8..=17), rng.u32(0..60), 0).unwrap_or_default();
        let body =
            NOTE_TEMPLATES[(rng.usize(..NOTE_TEMPLATES.len()) + index) % NOTE_TEMPLATES.len()];
        batch.insert_note(account, day.and_time(time), body)?;
    }
    Ok(count)
}

fn email_domain(account_name: &str, account_index: usize) -> String {
    let word = account_name
        .split_whitespace()
        .next()
        .map(|word| ascii_slug(word, '-'));
    match word {
        Some(word) if word.len() >= 3 => format!("{word}.example"),
        _ => format!("account{account_index}.example"),
    }
}

/// Lower-case ASCII letters and digits of `text`, accents folded, other runs joined by
/// `separator`; used only to make plausible demo email addresses.
fn ascii_slug(text: &str, separator: char) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ễ' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ł' => 'l',
            'ß' => 's',
            other => other,
        };
        if folded.is_ascii_alphanumeric() {
            slug.push(folded);
        } else if !slug.is_empty() && !slug.ends_with(separator) && folded.is_ascii() {
            slug.push(separator);
        }
    }
    slug.trim_end_matches(separator).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::TrainerRow;
    use crate::domain::assessment::{ReviewState, summarise};
    use crate::domain::certification::{
        self, CertificationState, Module, ModuleCompletion, PassMarks, Pathway,
    };
    use crate::domain::practicum::Outcome;
    use crate::domain::program::MaterialKind;
    use crate::domain::questionnaire::Questionnaire;
    use crate::domain::risk::{Finding, Rule, Severity, Thresholds, evaluate};
    use crate::domain::sync::{Attendance, Quarter, SyncRow, SyncState, TrainerSync};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
    }

    #[test]
    fn the_portfolio_is_large_and_varied_enough() {
        let mut store = Store::in_memory().unwrap();
        let counts = seed(&mut store, today()).unwrap();
        assert!(counts.accounts >= 30, "{counts:?}");
        assert!(counts.trainers >= 100, "{counts:?}");
        let rows = store.account_rows(today()).unwrap();
        for status in T3Status::ALL {
            assert!(
                rows.iter()
                    .any(|row| row.account.fields.t3_status == status),
                "{status}"
            );
        }
        let trainers = store.trainer_rows().unwrap();
        for status in TrainerStatus::ALL {
            assert!(
                trainers.iter().any(|row| row.trainer.status == status),
                "{status}"
            );
        }
        assert!(rows.iter().any(|row| !row.account.fields.name.is_ascii()));
    }

    #[test]
    fn the_same_day_gives_the_same_portfolio() {
        let mut first = Store::in_memory().unwrap();
        let mut second = Store::in_memory().unwrap();
        seed(&mut first, today()).unwrap();
        seed(&mut second, today()).unwrap();
        assert_eq!(
            first.account_rows(today()).unwrap(),
            second.account_rows(today()).unwrap()
        );
        assert_eq!(
            first.trainer_rows().unwrap(),
            second.trainer_rows().unwrap()
        );
        assert_eq!(
            first.all_assessments().unwrap(),
            second.all_assessments().unwrap()
        );
        assert_eq!(first.pathways().unwrap(), second.pathways().unwrap());
        for row in first.trainer_rows().unwrap() {
            let id = row.trainer.id;
            assert_eq!(
                first.practicums_of(id).unwrap(),
                second.practicums_of(id).unwrap()
            );
        }
    }

    #[test]
    fn assessments_cover_every_review_state_and_warning_pattern() {
        let mut store = Store::in_memory().unwrap();
        let counts = seed(&mut store, today()).unwrap();
        let assessments = store.all_assessments().unwrap();
        assert_eq!(counts.assessments, assessments.len());
        for state in ReviewState::ALL {
            assert!(
                assessments.iter().any(|found| found.state == state),
                "no {state} assessment"
            );
        }
        let questionnaire = Questionnaire::embedded().unwrap();
        let fired: Vec<String> = assessments
            .iter()
            .flat_map(|found| summarise(&questionnaire, &found.answers).warnings)
            .map(|warning| warning.key)
            .collect();
        for pattern in &questionnaire.warnings {
            assert!(fired.contains(&pattern.key), "{} never fires", pattern.key);
        }
    }

    #[test]
    fn assessments_agree_with_their_trainers_and_dates() {
        let mut store = Store::in_memory().unwrap();
        seed(&mut store, today()).unwrap();
        let questionnaire = Questionnaire::embedded().unwrap();
        let trainers = store.trainer_rows().unwrap();
        for found in store.all_assessments().unwrap() {
            let status = trainers
                .iter()
                .find(|row| row.trainer.id == found.trainer_id)
                .unwrap()
                .trainer
                .status;
            let summary = summarise(&questionnaire, &found.answers);
            let expected: &[TrainerStatus] = match found.state {
                ReviewState::Draft => &[TrainerStatus::Candidate],
                ReviewState::Pending => &[TrainerStatus::Proposed],
                ReviewState::Approved => &[
                    TrainerStatus::Selected,
                    TrainerStatus::Certifying,
                    TrainerStatus::Certified,
                ],
                ReviewState::Declined => &[TrainerStatus::Declined],
            };
            assert!(
                expected.contains(&status),
                "{:?} on a {status} trainer",
                found.state
            );
            assert!(found.started_on <= today(), "{found:?}");
            if found.state == ReviewState::Draft {
                assert!(!summary.is_complete() && summary.answered > 0, "{found:?}");
                assert!(!found.answers.notes.is_empty(), "a draft without a note");
                assert_eq!(found.submitted_on, None);
            } else {
                assert!(summary.is_complete(), "{found:?}");
                let submitted = found.submitted_on.unwrap();
                assert!(
                    found.started_on < submitted && submitted < today(),
                    "{found:?}"
                );
            }
            if let Some(review) = &found.review {
                assert!(
                    found.submitted_on.unwrap() < review.reviewed_on,
                    "{found:?}"
                );
                assert!(review.reviewed_on <= today(), "{found:?}");
            }
        }
    }

    #[test]
    fn every_pathway_starts_after_the_selection_was_approved() {
        let mut store = Store::in_memory().unwrap();
        seed(&mut store, today()).unwrap();
        let approvals = store.latest_assessments().unwrap();
        let mut checked = 0;
        for pathway in store.pathways().unwrap() {
            let first_module = pathway.completions.iter().map(|c| c.completed_on).min();
            let approved = approvals
                .get(&pathway.row.trainer.id)
                .and_then(|assessment| assessment.review.as_ref())
                .map(|review| review.reviewed_on);
            if let (Some(first_module), Some(approved)) = (first_module, approved) {
                assert!(
                    approved < first_module,
                    "{}: approved {approved}, first module {first_module}",
                    pathway.row.trainer.fields.name
                );
                checked += 1;
            }
        }
        assert!(checked > 30, "only {checked} pathways had both dates");
    }

    #[test]
    fn demo_answers_use_the_embedded_questionnaires_ids() {
        let questionnaire = Questionnaire::embedded().unwrap();
        let embedded: Vec<(String, Vec<String>)> = questionnaire
            .criteria
            .iter()
            .map(|criterion| {
                let ids = criterion.questions.iter().map(|q| q.id.clone()).collect();
                (criterion.key.clone(), ids)
            })
            .collect();
        let demo: Vec<(String, Vec<String>)> = assessments::CRITERIA
            .iter()
            .map(|(key, questions)| {
                let ids = questions.iter().map(|q| format!("{key}.{q}")).collect();
                ((*key).to_string(), ids)
            })
            .collect();
        assert_eq!(demo, embedded);
    }

    /// The demo day of the tests, a day half a year on, and one in a leap year's February.
    fn demo_days() -> [NaiveDate; 3] {
        [
            today(),
            NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
            NaiveDate::from_ymd_opt(2028, 2, 29).unwrap(),
        ]
    }

    fn seeded_pathways(today: NaiveDate) -> (Store, Vec<Pathway>) {
        let mut store = Store::in_memory().unwrap();
        seed(&mut store, today).unwrap();
        let pathways = store.pathways().unwrap();
        (store, pathways)
    }

    /// Attempts on or before `day`: what the rules saw when a certification was granted then.
    fn attempts_until(pathway: &Pathway, day: NaiveDate) -> Vec<ModuleCompletion> {
        pathway
            .completions
            .iter()
            .filter(|completion| completion.completed_on <= day)
            .cloned()
            .collect()
    }

    #[test]
    fn pathways_cover_every_state_on_the_demo_day() {
        let marks = PassMarks::default();
        for today in demo_days() {
            let (_, pathways) = seeded_pathways(today);
            let count = |wanted: &dyn Fn(&Pathway) -> bool| {
                pathways.iter().filter(|pathway| wanted(pathway)).count()
            };
            let label =
                |label: &str| count(&|pathway: &Pathway| pathway.state(today).label() == label);
            for state in ["certifying", "certified", "expiring", "lapsed"] {
                assert!(label(state) >= 3, "{today}: too few {state}");
            }
            assert!(label("certified") >= 10, "{today}: too few valid");
            // Most trainers stored as certified are still valid on the day.
            let stored_certified = pathways
                .iter()
                .filter(|p| p.row.trainer.status == TrainerStatus::Certified);
            let valid = stored_certified
                .clone()
                .filter(|p| matches!(p.state(today), CertificationState::Certified { .. }));
            assert!(2 * valid.count() > stored_certified.count(), "{today}");
            let certifying =
                |pathway: &Pathway| pathway.row.trainer.status == TrainerStatus::Certifying;
            for passed in 1..=3 {
                assert!(
                    count(&|p| certifying(p) && p.modules_passed(marks) == passed) >= 2,
                    "{today}: no certifying trainer with {passed} modules passed"
                );
            }
            assert!(count(&|p| p.ready_to_certify(marks)) >= 2, "{today}");
            assert!(count(&|p| p.renewals() == 1) >= 2, "{today}");
            assert!(count(&|p| p.renewals() >= 2) >= 1, "{today}");
            let failed_then_passed = |p: &Pathway| {
                p.completions.iter().enumerate().any(|(index, failed)| {
                    !failed.passed(marks)
                        && p.completions[index + 1..]
                            .iter()
                            .any(|later| later.module == failed.module && later.passed(marks))
                })
            };
            assert!(count(&|p| certifying(p) && failed_then_passed(p)) >= 2);
            let retook_practicum = |p: &Pathway| {
                let practicums: Vec<_> = p
                    .completions
                    .iter()
                    .filter(|c| c.module == Module::Practicum)
                    .collect();
                practicums.len() >= 2 && !practicums[0].passed(marks) && practicums[1].passed(marks)
            };
            assert!(
                count(&retook_practicum) >= 1,
                "{today}: no practicum retaken"
            );
        }
    }

    #[test]
    fn certifications_follow_the_rules_and_the_stored_status() {
        let marks = PassMarks::default();
        for today in demo_days() {
            let (_, pathways) = seeded_pathways(today);
            for pathway in &pathways {
                let status = pathway.row.trainer.status;
                let certified = matches!(status, TrainerStatus::Certified | TrainerStatus::Lapsed);
                let name = &pathway.row.trainer.fields.name;
                assert_eq!(
                    !pathway.certifications.is_empty(),
                    certified,
                    "{today}: {name} is {status}"
                );
                if status == TrainerStatus::Selected {
                    assert!(
                        pathway.completions.is_empty(),
                        "{today}: {name} is {status}"
                    );
                }
                if status == TrainerStatus::Lapsed {
                    assert!(matches!(
                        pathway.state(today),
                        CertificationState::Lapsed { .. }
                    ));
                }
                if pathway.row.status_on(today) == TrainerStatus::Certified {
                    assert!(pathway.latest().unwrap().expires_on >= today);
                }
                for completion in &pathway.completions {
                    assert!(completion.completed_on <= today, "{today}: {completion:?}");
                    assert!(!completion.evaluator.is_empty() && !completion.note.is_empty());
                }
                check_certifications(pathway, marks, today);
            }
        }
    }

    fn check_certifications(pathway: &Pathway, marks: PassMarks, today: NaiveDate) {
        for (index, granted) in pathway.certifications.iter().enumerate() {
            let before = attempts_until(pathway, granted.granted_on);
            assert!(granted.granted_on <= today, "{granted:?}");
            assert_eq!(
                granted.expires_on,
                certification::expiry_for(granted.granted_on)
            );
            let year = granted.granted_on.format("%Y");
            assert_eq!(granted.number, format!("T3-{year}-{:05}", granted.id.0));
            match granted.renews {
                None => {
                    assert_eq!(index, 0, "only the first is not a renewal: {granted:?}");
                    assert_eq!(certification::can_certify(&before, marks), Ok(()));
                }
                Some(renewed) => {
                    let previous = &pathway.certifications[index - 1];
                    assert_eq!(renewed, previous.id, "{granted:?}");
                    assert!(
                        granted.granted_on <= previous.expires_on,
                        "renewed before expiry"
                    );
                    assert_eq!(
                        certification::can_renew(&before, marks, granted.granted_on),
                        Ok(())
                    );
                }
            }
        }
    }

    #[test]
    fn practicum_completions_are_the_recorded_practicums() {
        let marks = PassMarks::default();
        let (store, pathways) = seeded_pathways(today());
        let mut needs_work = 0;
        for pathway in &pathways {
            let practicums = store.practicums_of(pathway.row.trainer.id).unwrap();
            let completions: Vec<_> = pathway
                .completions
                .iter()
                .filter(|completion| completion.module == Module::Practicum)
                .collect();
            assert_eq!(practicums.len(), completions.len());
            for (practicum, completion) in practicums.iter().zip(completions) {
                let rubric_score = practicum.rubric.module_score().unwrap();
                assert_eq!(completion.score, rubric_score, "{practicum:?}");
                assert_eq!(Some(completion.completed_on), practicum.recorded_on);
                assert_eq!(completion.note, practicum.feedback);
                assert_eq!(completion.evaluator, practicum.evaluator);
                let passed = practicum.outcome == Some(Outcome::Pass);
                assert_eq!(completion.passed(marks), passed, "{practicum:?}");
                needs_work += usize::from(!passed);
                let minutes = practicum.used.as_secs() / 60;
                assert!((18..=23).contains(&minutes), "{practicum:?}");
                assert!(practicum.feedback.len() > 60, "{practicum:?}");
            }
        }
        assert!(needs_work >= 2);
    }

    /// The rows the roster's filter would show for `query`: each word must fuzzy-match within
    /// one of the row's fields.
    fn filter(rows: &[TrainerRow], query: &str) -> Vec<String> {
        use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
        use nucleo_matcher::{Config, Matcher, Utf32Str};
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buffer = Vec::new();
        rows.iter()
            .filter(|row| {
                let fields = &row.trainer.fields;
                let haystack = [
                    fields.name.as_str(),
                    row.account_name.as_str(),
                    row.trainer.status.as_str(),
                    fields.email.as_str(),
                    fields.title.as_str(),
                    fields.department.as_str(),
                ];
                pattern.atoms.iter().all(|atom| {
                    haystack.iter().any(|field| {
                        atom.score(Utf32Str::new(field, &mut buffer), &mut matcher)
                            .is_some()
                    })
                })
            })
            .map(|row| row.trainer.fields.name.clone())
            .collect()
    }

    #[test]
    fn the_practicum_ready_trainer_is_unique_and_can_start_a_practicum() {
        let marks = PassMarks::default();
        for today in demo_days() {
            let (mut store, pathways) = seeded_pathways(today);
            let rows = store.trainer_rows().unwrap();
            assert_eq!(filter(&rows, PRACTICUM_READY), [PRACTICUM_READY]);
            let pathway = pathways
                .iter()
                .find(|pathway| pathway.row.trainer.fields.name == PRACTICUM_READY)
                .unwrap();
            assert_eq!(pathway.row.trainer.status, TrainerStatus::Certifying);
            for module in Module::ALL {
                assert_eq!(
                    pathway.passed(module, marks),
                    module != Module::Practicum,
                    "{module}"
                );
            }
            assert_eq!(pathway.best_score(Module::Practicum), None);
            let trainer = pathway.row.trainer.id;
            assert!(store.practicums_of(trainer).unwrap().is_empty());
            let draft = store.open_practicum(trainer, today).unwrap();
            assert_eq!((draft.started_on, draft.recorded_on), (today, None));
        }
    }

    #[test]
    fn snapshot_dates_follow_today() {
        let mut store = Store::in_memory().unwrap();
        seed(&mut store, today()).unwrap();
        let first = store.account_rows(today()).unwrap()[0].account.id;
        let snapshots = store.snapshots_of_account(first).unwrap();
        assert_eq!(snapshots.len(), 4);
        assert_eq!(snapshots[3].as_of, days_from(today(), -5));
    }

    fn seeded_syncs(today: NaiveDate) -> (Store, Vec<SyncRow>) {
        let mut store = Store::in_memory().unwrap();
        let counts = seed(&mut store, today).unwrap();
        let rows = store.sync_rows().unwrap();
        assert_eq!(counts.syncs, rows.len());
        (store, rows)
    }

    fn in_state(rows: &[SyncRow], state: SyncState) -> Vec<&TrainerSync> {
        rows.iter()
            .map(|row| &row.sync)
            .filter(|sync| sync.state == state)
            .collect()
    }

    #[test]
    fn six_held_syncs_one_a_quarter_and_two_scheduled() {
        for today in demo_days() {
            let (_, rows) = seeded_syncs(today);
            let held = in_state(&rows, SyncState::Held);
            let scheduled = in_state(&rows, SyncState::Scheduled);
            let cancelled = in_state(&rows, SyncState::Cancelled);
            assert_eq!((held.len(), scheduled.len()), (6, 2), "{today}");
            assert!(cancelled.len() <= 1, "{today}");
            // One held sync in each of six quarters running.
            let quarters: Vec<i32> = held
                .iter()
                .map(|sync| Quarter::of(sync.fields.date()))
                .map(|quarter| quarter.year * 4 + quarter.number as i32)
                .collect();
            for pair in quarters.windows(2) {
                assert_eq!(pair[1] - pair[0], 1, "{today}: {quarters:?}");
            }
            let first = held[0].fields.date();
            assert!(
                (480..=560).contains(&(today - first).num_days()),
                "{today}: {first}"
            );
            for sync in held.iter().chain(&cancelled) {
                assert!(sync.fields.date() < today, "{today}: {sync:?}");
            }
            for sync in &scheduled {
                assert!(
                    sync.is_upcoming(today) && sync.fields.date() > today,
                    "{sync:?}"
                );
            }
            let recorded = held
                .iter()
                .filter(|sync| sync.fields.recording_link.starts_with("https://"))
                .count();
            assert!(recorded >= 4, "{today}: {recorded} recordings");
            for sync in scheduled.iter().chain(&cancelled) {
                assert!(sync.fields.recording_link.is_empty(), "{sync:?}");
            }
            let mut zones: Vec<_> = rows.iter().map(|row| row.sync.fields.time_zone).collect();
            zones.sort_by_key(|zone| zone.name());
            zones.dedup();
            assert!(zones.len() >= 3, "{today}: {zones:?}");
            for row in &rows {
                let fields = &row.sync.fields;
                let quarter = Quarter::of(fields.date());
                assert!(
                    fields
                        .title
                        .starts_with(&format!("Trainer Sync — {quarter}: Release ")),
                    "{}",
                    fields.title
                );
                assert_eq!(fields.duration_minutes, 60);
                assert!(fields.starts_utc().is_some(), "{fields:?}");
                assert!(fields.agenda.lines().count() >= 4, "{}", fields.agenda);
                assert!(row.invited >= 10, "{today}: {row:?}");
            }
        }
    }

    #[test]
    fn held_syncs_have_attendance_live_by_recording_and_absent() {
        for today in demo_days() {
            let (store, rows) = seeded_syncs(today);
            let mut seen = Vec::new();
            for row in &rows {
                let invitees = store.invitees(row.sync.id).unwrap();
                let marks: Vec<Attendance> = invitees
                    .iter()
                    .filter_map(|invitee| invitee.attendance)
                    .collect();
                if row.sync.state != SyncState::Held {
                    assert!(marks.is_empty(), "{today}: {row:?}");
                    continue;
                }
                assert!(marks.contains(&Attendance::Live), "{today}: {row:?}");
                if row.sync.fields.recording_link.is_empty() {
                    assert!(!marks.contains(&Attendance::Recording), "{row:?}");
                }
                seen.extend(marks);
            }
            for attendance in Attendance::ALL {
                assert!(seen.contains(&attendance), "{today}: nobody {attendance}");
            }
            let live = seen
                .iter()
                .filter(|mark| **mark == Attendance::Live)
                .count();
            assert!(
                2 * live > seen.len(),
                "{today}: {live} of {} live",
                seen.len()
            );
        }
    }

    #[test]
    fn the_drifting_trainer_missed_the_last_two_quarters_and_is_not_alone() {
        for today in demo_days() {
            let (store, _) = seeded_syncs(today);
            let rows = store.trainer_rows().unwrap();
            assert_eq!(filter(&rows, SYNC_DRIFTING), [SYNC_DRIFTING], "{today}");
            let trainer = rows
                .iter()
                .find(|row| row.trainer.fields.name == SYNC_DRIFTING)
                .unwrap();
            assert_eq!(trainer.trainer.status, TrainerStatus::Certified);
            let engagements = store.engagements(today).unwrap();
            let drifting = engagements[&trainer.trainer.id];
            assert!(drifting.quarters_missed >= 2, "{today}: {drifting:?}");
            assert!(drifting.last_attended.is_some(), "{today}: {drifting:?}");
            let others = engagements
                .values()
                .filter(|engagement| engagement.is_drifting())
                .count();
            assert!(others >= 3, "{today}: only {others} trainers drifting");
        }
    }

    #[test]
    fn each_sync_invites_the_trainers_certified_on_its_day() {
        for today in demo_days() {
            let (store, rows) = seeded_syncs(today);
            let pathways = store.pathways().unwrap();
            for row in &rows {
                let date = row.sync.fields.date();
                let mut certified: Vec<TrainerId> = pathways
                    .iter()
                    .filter(|pathway| {
                        pathway
                            .certifications
                            .iter()
                            .any(|c| c.granted_on <= date && date <= c.expires_on)
                    })
                    .map(|pathway| pathway.row.trainer.id)
                    .collect();
                certified.sort();
                let mut invited: Vec<TrainerId> = store
                    .invitees(row.sync.id)
                    .unwrap()
                    .into_iter()
                    .map(|invitee| invitee.trainer)
                    .collect();
                invited.sort();
                assert_eq!(invited, certified, "{today}: {}", row.sync.fields.title);
            }
        }
    }

    #[test]
    fn the_same_day_gives_the_same_syncs() {
        let (first_store, first) = seeded_syncs(today());
        let (second_store, second) = seeded_syncs(today());
        assert_eq!(first, second);
        for row in &first {
            assert_eq!(
                first_store.invitees(row.sync.id).unwrap(),
                second_store.invitees(row.sync.id).unwrap()
            );
        }
        let mut uids: Vec<&str> = first.iter().map(|row| row.sync.uid.as_str()).collect();
        uids.sort_unstable();
        uids.dedup();
        assert_eq!(uids.len(), first.len());
    }

    /// The demo seeded for `today` and what the rules find in it.
    fn judged(today: NaiveDate) -> (Store, Vec<Finding>) {
        let mut store = Store::in_memory().unwrap();
        seed(&mut store, today).unwrap();
        let portfolio = store.portfolio(today).unwrap();
        let findings = evaluate(&portfolio, today, &Thresholds::default());
        (store, findings)
    }

    /// The demo day of the tests and one half a year on.
    fn risk_days() -> [NaiveDate; 2] {
        [today(), NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()]
    }

    /// Every chart of the Program tab has something true to show: T3 accounts ahead on
    /// adoption, tickets per seat and NRR, sessions in each of the eight quarters of the
    /// delivery trend, and each interpretation pattern on some account.
    #[test]
    fn the_program_metrics_show_t3_accounts_ahead_and_both_patterns() {
        use crate::domain::metrics::{self, Pattern, Period, Scope};
        for today in risk_days() {
            let mut store = Store::in_memory().unwrap();
            seed(&mut store, today).unwrap();
            let data = store.program_data(today).unwrap();
            let year = metrics::compute(&data, today, Period::Last12Months, Scope::Portfolio);
            let value = |group: metrics::Group| group.value.unwrap();
            assert!(value(year.adoption_depth.t3) > value(year.adoption_depth.non_t3));
            assert!(value(year.tickets_per_seat.t3) < value(year.tickets_per_seat.non_t3));
            assert!(value(year.nrr.t3) > value(year.nrr.non_t3));
            for quarter in &year.delivery_by_quarter {
                assert!(
                    quarter.delivery.sessions > 0,
                    "{today}: {:?}",
                    quarter.quarter
                );
            }
            let patterns: Vec<Pattern> = data
                .accounts
                .iter()
                .flat_map(|account| {
                    metrics::compute(
                        &data,
                        today,
                        Period::ThisQuarter,
                        Scope::Account(account.id),
                    )
                    .patterns
                })
                .collect();
            let plateau = data
                .accounts
                .iter()
                .find(|account| account.fields.name == COVERAGE_WITHOUT_GAIN)
                .unwrap();
            let its = metrics::compute(
                &data,
                today,
                Period::Last12Months,
                Scope::Account(plateau.id),
            );
            assert!(
                matches!(
                    its.patterns[..],
                    [Pattern::HighCoverageNoAdoptionGain { .. }]
                ),
                "{today}: {:?}",
                its.patterns
            );
            assert!(
                patterns
                    .iter()
                    .any(|pattern| matches!(pattern, Pattern::HighDeliveryLowCoverage { .. })),
                "{today}"
            );
        }
    }

    #[test]
    fn every_risk_rule_fires_on_the_demo() {
        for today in risk_days() {
            let (_, findings) = judged(today);
            for rule in Rule::ALL {
                assert!(
                    findings.iter().any(|finding| finding.key.rule == rule),
                    "{today}: {rule} never fires"
                );
            }
        }
    }

    #[test]
    fn the_compound_finding_is_raised_by_a_renewal_within_90_days() {
        for today in risk_days() {
            let (store, findings) = judged(today);
            let compound = findings
                .iter()
                .find(|finding| {
                    finding.key.rule == Rule::Compound && finding.account_name == RENEWING_AT_RISK
                })
                .unwrap();
            let account = store.account(compound.key.account).unwrap();
            let days_left = (account.fields.renewal_date.unwrap() - today).num_days();
            assert!((0..=90).contains(&days_left), "{today}: {days_left} days");
            assert!(compound.escalated, "{today}: {compound:?}");
            assert_eq!(compound.severity, Severity::Critical);
            // Every finding on the account was raised with it; critical stays critical.
            for finding in findings.iter().filter(|f| f.key.account == account.id) {
                assert!(finding.escalated, "{today}: {finding:?}");
                assert_eq!(finding.severity, finding.key.rule.severity().raised());
            }
        }
    }

    #[test]
    fn sessions_follow_their_trainers_and_most_certified_trainers_deliver() {
        for today in risk_days() {
            let mut store = Store::in_memory().unwrap();
            let counts = seed(&mut store, today).unwrap();
            let sessions = store.sessions().unwrap();
            assert_eq!(counts.sessions, sessions.len());
            let pathways = store.pathways().unwrap();
            for session in &sessions {
                let pathway = pathways
                    .iter()
                    .find(|pathway| pathway.row.trainer.id == session.trainer)
                    .unwrap();
                assert_eq!(pathway.row.trainer.fields.account_id, session.account);
                let certified = pathway.certifications.iter().any(|granted| {
                    granted.granted_on <= session.held_on && session.held_on <= granted.expires_on
                });
                assert!(
                    certified && session.held_on <= today,
                    "{today}: {session:?}"
                );
                assert!((6..=25).contains(&session.attendees), "{session:?}");
                assert!(
                    (45..=120).contains(&session.duration_minutes),
                    "{session:?}"
                );
            }
            let recent = |pathway: &&&Pathway| {
                sessions.iter().any(|session| {
                    session.trainer == pathway.row.trainer.id
                        && (today - session.held_on).num_days() <= 90
                })
            };
            let certified: Vec<&Pathway> = pathways
                .iter()
                .filter(|pathway| pathway.row.status_on(today) == TrainerStatus::Certified)
                .collect();
            let delivering = certified.iter().filter(recent).count();
            let dark = certified.len() - delivering;
            assert!(
                (2..=certified.len() / 4).contains(&dark),
                "{today}: {dark} of {} certified trainers dark",
                certified.len()
            );
        }
    }

    #[test]
    fn five_quarterly_releases_and_materials_ready_late_and_missing() {
        use crate::domain::program::{Readiness, latest_trained_release};
        for today in risk_days() {
            let mut store = Store::in_memory().unwrap();
            let counts = seed(&mut store, today).unwrap();
            let releases = store.releases().unwrap();
            assert_eq!((counts.releases, releases.len()), (5, 5));
            let first = releases[0].shipped_on;
            assert!((360..=470).contains(&(today - first).num_days()), "{first}");
            for pair in releases.windows(2) {
                let gap = (pair[1].shipped_on - pair[0].shipped_on).num_days();
                assert!((80..=100).contains(&gap), "{pair:?}");
            }
            assert!(releases.iter().all(|release| release.shipped_on <= today));
            assert!(releases.iter().all(|release| !release.summary.is_empty()));
            let touching: Vec<_> = releases
                .iter()
                .filter(|release| release.touches_trained_workflows)
                .collect();
            assert_eq!(touching.len(), 4, "{touching:?}");
            let latest = latest_trained_release(&releases, today).unwrap();
            let materials = store.materials().unwrap();
            assert_eq!(counts.materials, materials.len());
            let kinds: std::collections::HashSet<_> =
                materials.iter().map(|material| material.kind).collect();
            assert_eq!(kinds.len(), MaterialKind::ALL.len());
            let stale = materials
                .iter()
                .filter(|material| material.is_stale_for(latest, &releases))
                .count();
            assert_eq!(stale, 2, "{materials:?}");
            let states: Vec<Readiness> = materials
                .iter()
                .flat_map(|material| touching.iter().map(|release| material.readiness(release)))
                .collect();
            for label in ["ready", "late", "missing"] {
                assert!(
                    states.iter().any(|state| state.label() == label),
                    "{today}: no {label} material"
                );
            }
            let versions = materials.iter().flat_map(|material| &material.versions);
            assert!(versions.clone().all(|version| version.updated_on <= today));
        }
    }

    #[test]
    fn slugs_fold_accents_and_drop_the_rest() {
        assert_eq!(ascii_slug("Zoë Nguyễn", '.'), "zoe.nguyen");
        assert_eq!(ascii_slug("Müller & Söhne", '-'), "muller-sohne");
        assert_eq!(ascii_slug("田中 美咲", '.'), "");
    }
}
