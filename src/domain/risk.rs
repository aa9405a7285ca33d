//! The risk rules: pure functions of the portfolio and today's date that say why an account is
//! at risk, with the evidence and a next step.
//!
//! The whole portfolio is judged in one pass over data already loaded; nothing here reads the
//! clock or the database.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::str::FromStr;

use chrono::{Months, NaiveDate};
use serde::Deserialize;

use super::program::{Material, Release, TrainingSession, latest_trained_release};
use super::sync::Engagement;
use super::{Account, AccountId, AccountSnapshot, T3Status, TrainerId, TrainerRow, TrainerStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Self::Low, Self::Medium, Self::High, Self::Critical];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }

    /// One level up; critical stays critical.
    #[must_use]
    pub fn raised(self) -> Self {
        match self {
            Self::Low => Self::Medium,
            Self::Medium => Self::High,
            Self::High | Self::Critical => Self::Critical,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|severity| severity.as_str() == text.trim())
            .ok_or_else(|| format!("'{text}' is not a severity (low, medium, high, critical)"))
    }
}

/// The named rules, in the order of the product's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    NoCertifiedTrainer,
    CertificationLapsed,
    CertificationExpiring,
    MissedSyncs,
    TrainerDark,
    LowNewFeatureAdoption,
    LowCoverage,
    StaleMaterials,
    Compound,
}

impl Rule {
    pub const ALL: [Rule; 9] = [
        Self::NoCertifiedTrainer,
        Self::CertificationLapsed,
        Self::CertificationExpiring,
        Self::MissedSyncs,
        Self::TrainerDark,
        Self::LowNewFeatureAdoption,
        Self::LowCoverage,
        Self::StaleMaterials,
        Self::Compound,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::NoCertifiedTrainer => "no-certified-trainer",
            Self::CertificationLapsed => "certification-lapsed",
            Self::CertificationExpiring => "certification-expiring",
            Self::MissedSyncs => "missed-syncs",
            Self::TrainerDark => "trainer-dark",
            Self::LowNewFeatureAdoption => "low-new-feature-adoption",
            Self::LowCoverage => "low-coverage",
            Self::StaleMaterials => "stale-materials",
            Self::Compound => "compound",
        }
    }

    /// Severity before any renewal escalation.
    pub fn severity(self) -> Severity {
        match self {
            Self::NoCertifiedTrainer | Self::CertificationLapsed => Severity::High,
            Self::CertificationExpiring
            | Self::MissedSyncs
            | Self::TrainerDark
            | Self::LowNewFeatureAdoption
            | Self::LowCoverage => Severity::Medium,
            Self::StaleMaterials => Severity::Low,
            Self::Compound => Severity::Critical,
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Rule {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|rule| rule.id() == text.trim())
            .ok_or_else(|| format!("'{text}' is not a risk rule"))
    }
}

/// The thresholds the rules judge by; the config file's `[risk]` section may change any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// A valid certification this close to expiry (days) is expiring.
    pub expiring_within_days: u32,
    /// Quarters of syncs missed in a row that make a trainer drift.
    pub missed_quarters: u32,
    /// Days without a session after which a certified trainer has gone dark.
    pub dark_after_days: u32,
    /// New-feature adoption (percent) below which it is low.
    pub new_feature_adoption_below: u8,
    /// Months after rollout start from which coverage is judged.
    pub coverage_after_months: u32,
    /// Users trained as a share of seats (percent) below which coverage is low.
    pub coverage_below_percent: u8,
    /// A renewal this close (days) raises every finding of the account one level.
    pub renewal_within_days: u32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            expiring_within_days: 30,
            missed_quarters: 2,
            dark_after_days: 90,
            new_feature_adoption_below: 30,
            coverage_after_months: 6,
            coverage_below_percent: 50,
            renewal_within_days: 90,
        }
    }
}

/// Everything the rules look at, loaded once for the whole portfolio.
#[derive(Debug, Clone, Default)]
pub struct Portfolio {
    pub accounts: Vec<Account>,
    pub trainers: Vec<TrainerRow>,
    pub latest_snapshots: HashMap<AccountId, AccountSnapshot>,
    pub engagements: HashMap<TrainerId, Engagement>,
    /// The last day each trainer delivered a session, all the rules read of sessions (see
    /// [`last_sessions`]); `None` while the program records none at all, so that no trainer
    /// is called dark for want of data nobody enters yet.
    pub last_sessions: Option<HashMap<TrainerId, NaiveDate>>,
    pub releases: Vec<Release>,
    pub materials: Vec<Material>,
}

/// Which finding this is, whatever the data says today: triage is kept against it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FindingKey {
    pub rule: Rule,
    pub account: AccountId,
    pub trainer: Option<TrainerId>,
}

impl fmt::Display for FindingKey {
    /// `missed-syncs/12/40`, or `low-coverage/12/-` when no trainer is concerned.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.trainer {
            Some(trainer) => write!(f, "{}/{}/{}", self.rule, self.account.0, trainer.0),
            None => write!(f, "{}/{}/-", self.rule, self.account.0),
        }
    }
}

impl FromStr for FindingKey {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("'{text}' is not a finding key");
        let mut parts = text.split('/');
        let rule = parts.next().ok_or_else(bad)?.parse()?;
        let account = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let trainer = match parts.next().ok_or_else(bad)? {
            "-" => None,
            id => Some(TrainerId(id.parse().map_err(|_| bad())?)),
        };
        if parts.next().is_some() {
            return Err(bad());
        }
        Ok(Self {
            rule,
            account: AccountId(account),
            trainer,
        })
    }
}

/// One reason an account is at risk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub key: FindingKey,
    pub account_name: String,
    pub trainer_name: Option<String>,
    pub severity: Severity,
    /// Why, in plain words, with the dates and figures behind it.
    pub reason: String,
    pub action: String,
    /// The account renews soon, so the finding was raised one level (a critical one stays
    /// critical: compare with the rule's own severity to tell).
    pub escalated: bool,
    /// The account's renewal date: the At risk tab ranks accounts of equal severity by it.
    pub renewal_date: Option<NaiveDate>,
}

/// Judges the whole portfolio on `today`: every rule, the compound finding, then the renewal
/// escalation. Findings come worst first, then by account name.
pub fn evaluate(portfolio: &Portfolio, today: NaiveDate, thresholds: &Thresholds) -> Vec<Finding> {
    let mut trainers_of: HashMap<AccountId, Vec<&TrainerRow>> = HashMap::new();
    for row in &portfolio.trainers {
        trainers_of
            .entry(row.trainer.fields.account_id)
            .or_default()
            .push(row);
    }
    let stale = stale_materials(&portfolio.releases, &portfolio.materials, today);
    let mut findings = Vec::new();
    for account in &portfolio.accounts {
        if account.archived || account.fields.t3_status != T3Status::Active {
            continue;
        }
        let trainers = trainers_of.get(&account.id).map_or(&[][..], Vec::as_slice);
        let mut found = Judge {
            account,
            today,
            thresholds,
            findings: Vec::new(),
        };
        found.trainer_rules(trainers, portfolio, portfolio.last_sessions.as_ref());
        found.account_rules(portfolio.latest_snapshots.get(&account.id));
        if let Some((release, titles)) = &stale {
            found.stale_materials(release, titles);
        }
        found.compound();
        found.escalate();
        findings.extend(found.findings);
    }
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.account_name.cmp(&b.account_name))
            .then_with(|| a.key.cmp(&b.key))
    });
    findings
}

/// The order the At risk tab lists `findings` in, as positions into the slice: grouped by
/// account, the accounts worst first (their worst finding, then the sooner renewal, then the
/// name), and each account's findings worst first. Works on any subset of [`evaluate`]'s
/// findings, so an account ranks by what is still showing, not by what was snoozed.
pub fn grouped_by_account<'a>(findings: &[&'a Finding]) -> Vec<usize> {
    let mut worst: HashMap<AccountId, Severity> = HashMap::new();
    for finding in findings {
        let severity = worst.entry(finding.key.account).or_insert(finding.severity);
        *severity = (*severity).max(finding.severity);
    }
    let rank = |finding: &'a Finding| {
        (
            std::cmp::Reverse(worst.get(&finding.key.account).copied()),
            finding.renewal_date.unwrap_or(NaiveDate::MAX),
            finding.account_name.as_str(),
            finding.key.account,
            std::cmp::Reverse(finding.severity),
            // The compound finding tells the account's story: it heads the account's list.
            finding.key.rule != Rule::Compound,
            finding.key,
        )
    };
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| rank(findings[a]).cmp(&rank(findings[b])));
    order
}

/// The last day each trainer delivered one of `sessions`.
pub fn last_sessions(sessions: &[TrainingSession]) -> HashMap<TrainerId, NaiveDate> {
    let mut last: HashMap<TrainerId, NaiveDate> = HashMap::new();
    for session in sessions {
        let day = last.entry(session.trainer).or_insert(session.held_on);
        *day = (*day).max(session.held_on);
    }
    last
}

/// The latest shipped release that touches trained workflows, and the materials not updated
/// for it (nor for a later release).
fn stale_materials<'a>(
    releases: &'a [Release],
    materials: &'a [Material],
    today: NaiveDate,
) -> Option<(&'a Release, Vec<&'a str>)> {
    let latest = latest_trained_release(releases, today)?;
    let titles: Vec<&str> = materials
        .iter()
        .filter(|material| material.is_stale_for(latest, releases))
        .map(|material| material.title.as_str())
        .collect();
    (!titles.is_empty()).then_some((latest, titles))
}

struct Judge<'a> {
    account: &'a Account,
    today: NaiveDate,
    thresholds: &'a Thresholds,
    findings: Vec<Finding>,
}

impl Judge<'_> {
    fn push(&mut self, rule: Rule, trainer: Option<&TrainerRow>, reason: String, action: String) {
        self.findings.push(Finding {
            key: FindingKey {
                rule,
                account: self.account.id,
                trainer: trainer.map(|row| row.trainer.id),
            },
            account_name: self.account.fields.name.clone(),
            trainer_name: trainer.map(|row| row.trainer.fields.name.clone()),
            severity: rule.severity(),
            reason,
            action,
            escalated: false,
            renewal_date: self.account.fields.renewal_date,
        });
    }

    fn trainer_rules(
        &mut self,
        trainers: &[&TrainerRow],
        portfolio: &Portfolio,
        last_session: Option<&HashMap<TrainerId, NaiveDate>>,
    ) {
        let today = self.today;
        let certified: Vec<&TrainerRow> = trainers
            .iter()
            .copied()
            .filter(|row| row.status_on(today) == TrainerStatus::Certified)
            .collect();
        if certified.is_empty() {
            let lapsed = trainers
                .iter()
                .filter(|row| row.status_on(today) == TrainerStatus::Lapsed)
                .count();
            self.push(
                Rule::NoCertifiedTrainer,
                None,
                format!(
                    "T3 is active but no trainer holds a valid certification ({lapsed} lapsed)"
                ),
                "Renew a lapsed trainer or take a selected one through the pathway".to_string(),
            );
        }
        for row in trainers {
            if row.status_on(today) == TrainerStatus::Lapsed {
                let since = row.latest_expiry.map_or_else(
                    || "on a date not recorded".to_string(),
                    |day| format!("on {day}"),
                );
                self.push(
                    Rule::CertificationLapsed,
                    Some(row),
                    format!(
                        "{}'s certification expired {since} and was not renewed",
                        row.trainer.fields.name
                    ),
                    "Book the extended assessment re-sit, then renew".to_string(),
                );
            }
        }
        for row in &certified {
            if let Some(expiry) = row.latest_expiry {
                let days_left = (expiry - today).num_days();
                if days_left <= i64::from(self.thresholds.expiring_within_days) {
                    self.push(
                        Rule::CertificationExpiring,
                        Some(row),
                        format!(
                            "{}'s certification expires on {expiry}, in {days_left} days",
                            row.trainer.fields.name
                        ),
                        "Schedule the annual re-certification before it lapses".to_string(),
                    );
                }
            }
            if let Some(last_session) = last_session {
                let last = last_session.get(&row.trainer.id).copied();
                let quiet = last.is_none_or(|day| {
                    (today - day).num_days() > i64::from(self.thresholds.dark_after_days)
                });
                if quiet {
                    let since = last.map_or_else(
                        || "has delivered no session".to_string(),
                        |day| format!("last delivered a session on {day}"),
                    );
                    self.push(
                        Rule::TrainerDark,
                        Some(row),
                        format!(
                            "{} {since}: none in the last {} days",
                            row.trainer.fields.name, self.thresholds.dark_after_days
                        ),
                        "Ask the trainer and their manager what is blocking sessions".to_string(),
                    );
                }
            }
        }
        // Missed syncs look at lapsed trainers too: the trainer rules cover everyone who is or
        // was certified, and a lapsed trainer drifting away is the compound rule's story.
        let was_certified = trainers.iter().copied().filter(|row| {
            matches!(
                row.status_on(today),
                TrainerStatus::Certified | TrainerStatus::Lapsed
            )
        });
        for row in was_certified {
            if let Some(engagement) = portfolio.engagements.get(&row.trainer.id)
                && engagement.quarters_missed >= self.thresholds.missed_quarters
            {
                let last = engagement.last_attended.map_or_else(
                    || "never attended one".to_string(),
                    |day| format!("last attended {day}"),
                );
                self.push(
                    Rule::MissedSyncs,
                    Some(row),
                    format!(
                        "{} missed the Trainer Syncs of the last {} quarters ({last})",
                        row.trainer.fields.name, engagement.quarters_missed
                    ),
                    "Send the latest recording and check in on their workload".to_string(),
                );
            }
        }
    }

    fn account_rules(&mut self, snapshot: Option<&AccountSnapshot>) {
        let Some(snapshot) = snapshot else { return };
        let thresholds = self.thresholds;
        if snapshot.new_feature_adoption < thresholds.new_feature_adoption_below {
            self.push(
                Rule::LowNewFeatureAdoption,
                None,
                format!(
                    "New-feature adoption is {}% on {} (below {}%)",
                    snapshot.new_feature_adoption,
                    snapshot.as_of,
                    thresholds.new_feature_adoption_below
                ),
                "Have the trainers run a what's-new session on the last releases".to_string(),
            );
        }
        let fields = &self.account.fields;
        let judged_from = fields.rollout_start.and_then(|start| {
            start.checked_add_months(Months::new(thresholds.coverage_after_months))
        });
        if judged_from.is_some_and(|day| day <= self.today) && fields.seats > 0 {
            let share = f64::from(snapshot.users_trained) / f64::from(fields.seats) * 100.0;
            if share < f64::from(thresholds.coverage_below_percent) {
                self.push(
                    Rule::LowCoverage,
                    None,
                    format!(
                        "{} of {} seats trained ({share:.0}%) {} months after the rollout began",
                        snapshot.users_trained, fields.seats, thresholds.coverage_after_months
                    ),
                    "Plan more internal sessions with the account's trainers".to_string(),
                );
            }
        }
    }

    fn stale_materials(&mut self, release: &Release, titles: &[&str]) {
        self.push(
            Rule::StaleMaterials,
            None,
            format!(
                "{} shipped on {} and {} not updated for it: {}",
                release.name,
                release.shipped_on,
                if titles.len() == 1 {
                    "one material is"
                } else {
                    "materials are"
                },
                titles.join(", ")
            ),
            "Update the materials and send them to the account's trainers".to_string(),
        );
    }

    /// Lapsed certification, missed syncs and low new-feature adoption together: the
    /// specific, addressable problem, as one critical finding.
    fn compound(&mut self) {
        let has = |rule| self.findings.iter().any(|finding| finding.key.rule == rule);
        if has(Rule::CertificationLapsed)
            && has(Rule::MissedSyncs)
            && has(Rule::LowNewFeatureAdoption)
        {
            self.push(
                Rule::Compound,
                None,
                "A lapsed certification, missed Trainer Syncs and low new-feature adoption \
                 together: trainers have lost touch with the product"
                    .to_string(),
                "Call the account: renew the lapsed trainer, replay the syncs, plan a \
                 what's-new session"
                    .to_string(),
            );
        }
    }

    /// A renewal within the threshold raises every finding of the account one level.
    fn escalate(&mut self) {
        let Some(renewal) = self.account.fields.renewal_date else {
            return;
        };
        let days = (renewal - self.today).num_days();
        if (0..=i64::from(self.thresholds.renewal_within_days)).contains(&days) {
            for finding in &mut self.findings {
                finding.severity = finding.severity.raised();
                finding.escalated = true;
                let _ = write!(finding.reason, " · renews on {renewal}, in {days} days");
            }
        }
    }
}

#[cfg(test)]
mod tests;
