//! The QBR page: one account's T3 program as Markdown, for the CSM to take into an executive
//! business review. `t3 qbr ACCOUNT` prints it, and `Q` on the Accounts tab writes it beside
//! the database.
//!
//! Everything on the page is read from the file and judged on `today`, so the page for a given
//! day is the same however often it is made. Names come from users and imports: they are
//! neutralised (control characters) and escaped (Markdown punctuation) before they reach it.

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Days, NaiveDate};

use crate::domain::certification::CertificationState;
use crate::domain::metrics::{self, Comparison, Group, Metrics, Period, Scope};
use crate::domain::risk::{self, Finding, Thresholds};
use crate::domain::triage;
use crate::domain::{Account, AccountId, AccountSnapshot, TrainerRow, TrainerStatus};
use crate::store::{Store, StoreError};
use crate::ui::format::{percent, relative_days, thousands};
use crate::ui::safe_text::sanitize;

/// How many snapshots the adoption trend shows.
const TREND_SNAPSHOTS: usize = 4;

/// The window for syncs attended and sessions delivered: a year, the span a QBR looks back on.
const ENGAGEMENT_DAYS: u64 = 365;

/// The short window for sessions, matching the Roster's column.
const RECENT_DAYS: u64 = 90;

/// Everything the page shows, gathered from the store.
#[derive(Debug, Clone)]
pub struct Qbr {
    pub today: NaiveDate,
    pub account: Account,
    /// The last four snapshots, oldest first.
    pub snapshots: Vec<AccountSnapshot>,
    /// Trainers who are or were on the certification pathway.
    pub trainers: Vec<TrainerLine>,
    /// Trainers still in selection (candidate, proposed, selected), by status.
    pub in_selection: Vec<(TrainerStatus, usize)>,
    /// Open findings on the account (snoozed and resolved ones left out), worst first.
    pub findings: Vec<Finding>,
    /// The portfolio over the last 12 months, for the T3 vs. non-T3 context.
    pub portfolio: Metrics,
    /// Whether the account counts as a T3 account today.
    pub is_t3_account: bool,
}

/// One trainer's engagement, as the page lists it.
#[derive(Debug, Clone)]
pub struct TrainerLine {
    pub name: String,
    pub status: TrainerStatus,
    pub certification: CertificationState,
    pub expires_on: Option<NaiveDate>,
    /// Held syncs of the last year they attended, of those they were invited to.
    pub syncs: Option<(u32, u32)>,
    pub sessions_year: u32,
    pub sessions_recent: u32,
}

/// Reads what the page for `account` needs, judged on `today`.
pub fn gather(
    store: &Store,
    account: AccountId,
    today: NaiveDate,
    thresholds: &Thresholds,
) -> Result<Qbr, StoreError> {
    let record = store.account(account)?;
    let mut snapshots = store.snapshots_of_account(account)?;
    let keep_from = snapshots.len().saturating_sub(TREND_SNAPSHOTS);
    snapshots.drain(..keep_from);

    let year_ago = days_before(today, ENGAGEMENT_DAYS);
    let syncs = store.sync_attendance_between(year_ago, today)?;
    let sessions_year = store.session_counts_since(year_ago)?;
    let sessions_recent = store.session_counts_since(days_before(today, RECENT_DAYS))?;
    let rows = store.trainers_of_account(account)?;
    let (trainers, in_selection) =
        trainer_lines(&rows, today, &syncs, &sessions_year, &sessions_recent);

    let portfolio = store.portfolio(today)?;
    let history = store.triage_history()?;
    let open: Vec<Finding> = triage::attach(risk::evaluate(&portfolio, today, thresholds), history)
        .into_iter()
        .filter(|triaged| triaged.finding.key.account == account && !triaged.is_hidden(today))
        .map(|triaged| triaged.finding)
        .collect();
    // In the At risk tab's order, so the compound finding tells the story first.
    let order = risk::grouped_by_account(&open.iter().collect::<Vec<_>>());
    let findings = order.into_iter().map(|index| open[index].clone()).collect();

    let data = store.program_data(today)?;
    let metrics = metrics::compute(&data, today, Period::Last12Months, Scope::Account(account));
    let is_t3_account = metrics
        .account
        .as_ref()
        .is_some_and(|figures| figures.t3_account);
    Ok(Qbr {
        today,
        account: record,
        snapshots,
        trainers,
        in_selection,
        findings,
        portfolio: metrics,
        is_t3_account,
    })
}

fn days_before(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn trainer_lines(
    rows: &[TrainerRow],
    today: NaiveDate,
    syncs: &HashMap<crate::domain::TrainerId, (u32, u32)>,
    sessions_year: &HashMap<crate::domain::TrainerId, u32>,
    sessions_recent: &HashMap<crate::domain::TrainerId, u32>,
) -> (Vec<TrainerLine>, Vec<(TrainerStatus, usize)>) {
    let mut lines = Vec::new();
    let mut in_selection: Vec<(TrainerStatus, usize)> = Vec::new();
    for row in rows {
        let status = row.status_on(today);
        let on_pathway = row.latest_expiry.is_some() || status == TrainerStatus::Certifying;
        if !on_pathway {
            if matches!(
                status,
                TrainerStatus::Candidate | TrainerStatus::Proposed | TrainerStatus::Selected
            ) {
                match in_selection.iter_mut().find(|(known, _)| *known == status) {
                    Some((_, count)) => *count += 1,
                    None => in_selection.push((status, 1)),
                }
            }
            continue;
        }
        let id = row.trainer.id;
        lines.push(TrainerLine {
            name: row.trainer.fields.name.clone(),
            status,
            certification: CertificationState::on(today, row.latest_expiry),
            expires_on: row.latest_expiry,
            syncs: syncs.get(&id).copied(),
            sessions_year: sessions_year.get(&id).copied().unwrap_or(0),
            sessions_recent: sessions_recent.get(&id).copied().unwrap_or(0),
        });
    }
    // The trainers who need attention first, as the Certification tab orders them.
    lines.sort_by_key(|line| (line.certification.urgency(), line.name.clone()));
    in_selection.sort_by_key(|(status, _)| *status);
    (lines, in_selection)
}

impl Qbr {
    /// A file name for the page: `qbr-<account>-<date>.md`, the name lower-cased with every
    /// run of characters other than letters and digits made one hyphen, so each account and
    /// day has its own file and nothing in a name can reach outside the folder.
    pub fn file_name(&self) -> String {
        let mut slug = String::new();
        for c in self
            .account
            .fields
            .name
            .chars()
            .flat_map(char::to_lowercase)
        {
            if c.is_alphanumeric() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let slug = slug.trim_end_matches('-');
        if slug.is_empty() {
            format!("qbr-account-{}-{}.md", self.account.id.0, self.today)
        } else {
            format!("qbr-{slug}-{}.md", self.today)
        }
    }

    /// The page as Markdown.
    pub fn markdown(&self) -> String {
        let mut page = String::new();
        self.heading(&mut page);
        self.adoption(&mut page);
        self.coverage(&mut page);
        self.engagement(&mut page);
        self.open_findings(&mut page);
        self.context(&mut page);
        page
    }

    fn heading(&self, page: &mut String) {
        let fields = &self.account.fields;
        let _ = writeln!(page, "# Quarterly business review: {}", text(&fields.name));
        let _ = writeln!(
            page,
            "\nPrepared on {} from the T3 program's records.\n",
            self.today
        );
        let _ = writeln!(page, "| Account | |\n|---|---|");
        row(page, &["Segment", &text(&fields.segment)]);
        row(page, &["Seats", &thousands(u64::from(fields.seats))]);
        row(page, &["CSM", &text(&fields.csm_owner)]);
        let rollout = fields
            .rollout_start
            .map_or_else(|| "not started".to_string(), |day| day.to_string());
        row(page, &["Rollout started", &rollout]);
        let renewal = fields.renewal_date.map_or_else(
            || "not set".to_string(),
            |day| format!("{day} ({})", relative_days(self.today, day)),
        );
        row(page, &["Renewal", &renewal]);
        row(page, &["Annual value", &thousands(fields.annual_value)]);
        let certified = self
            .trainers
            .iter()
            .filter(|line| {
                matches!(
                    line.certification,
                    CertificationState::Certified { .. } | CertificationState::Expiring { .. }
                )
            })
            .count();
        row(
            page,
            &[
                "T3 program",
                &format!(
                    "{}, {} with a valid certification",
                    fields.t3_status.as_str(),
                    count(certified, "trainer", "trainers")
                ),
            ],
        );
    }

    fn adoption(&self, page: &mut String) {
        let _ = writeln!(page, "\n## Adoption depth\n");
        let (Some(first), Some(last)) = (self.snapshots.first(), self.snapshots.last()) else {
            let _ = writeln!(page, "No snapshots are recorded for this account yet.");
            return;
        };
        let _ = writeln!(
            page,
            "| Snapshot | Adoption depth | New-feature adoption | Active users | Users trained \
             | Support tickets | NRR |\n|---|---:|---:|---:|---:|---:|---:|"
        );
        for snapshot in &self.snapshots {
            row(
                page,
                &[
                    &snapshot.as_of.to_string(),
                    &snapshot.adoption_depth.to_string(),
                    &snapshot.new_feature_adoption.to_string(),
                    &thousands(u64::from(snapshot.active_users)),
                    &thousands(u64::from(snapshot.users_trained)),
                    &thousands(u64::from(snapshot.support_tickets)),
                    &format!("{:.1}%", snapshot.net_revenue_retention),
                ],
            );
        }
        let change = i32::from(last.adoption_depth) - i32::from(first.adoption_depth);
        let trend = match change {
            0 => "held steady".to_string(),
            up if up > 0 => format!("rose by {up} points"),
            down => format!("fell by {} points", -down),
        };
        let _ = writeln!(
            page,
            "\nAdoption depth (the share of key workflows in regular use) {trend}, from {} on {} \
             to {} on {}.",
            first.adoption_depth, first.as_of, last.adoption_depth, last.as_of
        );
    }

    fn coverage(&self, page: &mut String) {
        let _ = writeln!(page, "\n## User coverage\n");
        let seats = self.account.fields.seats;
        match self.snapshots.last() {
            Some(latest) if seats > 0 => {
                let share = f64::from(latest.users_trained) / f64::from(seats);
                let _ = writeln!(
                    page,
                    "{} of {} seats ({}) have attended a session run by one of the account's own \
                     trainers, as of {}.",
                    thousands(u64::from(latest.users_trained)),
                    thousands(u64::from(seats)),
                    percent(share),
                    latest.as_of
                );
            }
            Some(_) => {
                let _ = writeln!(page, "The account has no seats recorded, so no coverage.");
            }
            None => {
                let _ = writeln!(page, "No snapshot records users trained yet.");
            }
        }
    }

    fn engagement(&self, page: &mut String) {
        let _ = writeln!(page, "\n## Trainer engagement\n");
        if self.trainers.is_empty() {
            let _ = writeln!(
                page,
                "No trainer of this account is on the certification pathway."
            );
        } else {
            let _ = writeln!(
                page,
                "| Trainer | Status | Certification | Expires | Syncs attended (12 months) \
                 | Sessions (12 months) | Sessions (90 days) |\n|---|---|---|---|---:|---:|---:|"
            );
            for line in &self.trainers {
                let syncs = line.syncs.map_or_else(
                    || "not invited".to_string(),
                    |(attended, invited)| format!("{attended} of {invited}"),
                );
                row(
                    page,
                    &[
                        &text(&line.name),
                        line.status.as_str(),
                        &certification(line.certification),
                        &line
                            .expires_on
                            .map_or_else(|| "—".to_string(), |day| day.to_string()),
                        &syncs,
                        &line.sessions_year.to_string(),
                        &line.sessions_recent.to_string(),
                    ],
                );
            }
        }
        if !self.in_selection.is_empty() {
            let waiting: Vec<String> = self
                .in_selection
                .iter()
                .map(|(status, n)| format!("{n} {status}"))
                .collect();
            let _ = writeln!(page, "\nIn selection: {}.", waiting.join(", "));
        }
    }

    fn open_findings(&self, page: &mut String) {
        let _ = writeln!(page, "\n## Open findings and next steps\n");
        if self.findings.is_empty() {
            let _ = writeln!(
                page,
                "None: no risk rule finds anything open on this account on {}.",
                self.today
            );
            return;
        }
        for (number, finding) in self.findings.iter().enumerate() {
            let _ = writeln!(
                page,
                "{}. **{}** · `{}` · {}\n   Next step: {}",
                number + 1,
                finding.severity,
                finding.key.rule,
                text(&finding.reason),
                text(&finding.action)
            );
        }
    }

    fn context(&self, page: &mut String) {
        let metrics = &self.portfolio;
        let _ = writeln!(page, "\n## How T3 accounts compare\n");
        let _ = writeln!(
            page,
            "Across the portfolio, {} to {}. A T3 account runs an active program with at least \
             one trainer holding a valid certification; each figure comes from the accounts' \
             latest snapshot in that time.\n",
            metrics.span.from, metrics.span.to
        );
        let _ = writeln!(page, "| | T3 accounts | Other accounts |\n|---|---:|---:|");
        comparison_row(page, "Adoption depth", &metrics.adoption_depth, |v| {
            format!("{v:.0}")
        });
        comparison_row(
            page,
            "Support tickets per seat",
            &metrics.tickets_per_seat,
            |v| format!("{v:.3}"),
        );
        comparison_row(page, "Net revenue retention", &metrics.nrr, |v| {
            format!("{v:.1}%")
        });
        let standing = if self.is_t3_account {
            "This account counts as a T3 account."
        } else {
            "This account does not count as a T3 account today."
        };
        let _ = writeln!(page, "\n{standing}");
    }
}

/// A comparison line: each group's figure with how many accounts it rests on, or why there is
/// none.
fn comparison_row(
    page: &mut String,
    label: &str,
    comparison: &Comparison,
    shown: fn(f64) -> String,
) {
    let cell = |group: &Group| match group.value {
        Some(value) => format!(
            "{} ({})",
            shown(value),
            count(group.accounts, "account", "accounts")
        ),
        None if group.accounts == 0 => "no accounts".to_string(),
        None => "not defined".to_string(),
    };
    row(
        page,
        &[label, &cell(&comparison.t3), &cell(&comparison.non_t3)],
    );
}

fn certification(state: CertificationState) -> String {
    match state {
        CertificationState::Certifying => "on the pathway".to_string(),
        CertificationState::Certified { days_left } => format!("valid, {days_left} days left"),
        CertificationState::Expiring { days_left: 0 } => "expires today".to_string(),
        CertificationState::Expiring { days_left } => format!("expiring in {days_left} days"),
        CertificationState::Lapsed { days_ago } => format!("lapsed {days_ago} days ago"),
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn row(page: &mut String, cells: &[&str]) {
    let _ = writeln!(page, "| {} |", cells.join(" | "));
}

/// Text from the file, safe on the page: control characters neutralised, line breaks folded
/// into spaces, and the punctuation Markdown would act on escaped, so a name cannot break a
/// table or turn into a link.
fn text(raw: &str) -> String {
    let clean = sanitize(&raw.replace(['\n', '\r'], " ")).into_owned();
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        if matches!(
            c,
            '\\' | '|' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '!' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_punctuation_and_control_characters_are_made_harmless() {
        assert_eq!(text("Müller & Söhne"), "Müller & Söhne");
        assert_eq!(text("A|B *bold* [x](y)"), r"A\|B \*bold\* \[x\](y)");
        assert_eq!(text("two\nlines"), "two lines");
        assert!(!text("bell\u{7}").contains('\u{7}'));
    }

    #[test]
    fn certification_states_read_as_words() {
        assert_eq!(
            certification(CertificationState::Expiring { days_left: 0 }),
            "expires today"
        );
        assert_eq!(
            certification(CertificationState::Lapsed { days_ago: 3 }),
            "lapsed 3 days ago"
        );
    }
}
