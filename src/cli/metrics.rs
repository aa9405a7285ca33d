//! `t3 metrics`: the program metrics over a period for the portfolio or one account, as a
//! table for a person or one JSON object for scripts. Only reads the store.

mod table;

use chrono::NaiveDate;
use serde::Serialize;

use super::UsageError;
use super::args::{MetricsOptions, ReportFormat};
use crate::domain::Account;
use crate::domain::metrics::{
    self, AccountFigures, Comparison, Delivery, Group, Metrics, Rollout, RolloutRates, Scope,
};
use crate::store::Store;
use crate::ui::safe_text::sanitize;

/// How many candidates an ambiguous `--account` names before it says how many more there are.
const CANDIDATES_SHOWN: usize = 8;

/// The metrics `options` ask for on `today`, ready to write to stdout.
pub(super) fn report(
    store: &Store,
    today: NaiveDate,
    options: &MetricsOptions,
    rates: RolloutRates,
) -> anyhow::Result<Vec<u8>> {
    let data = store.program_data(today)?;
    let scope = match &options.account {
        Some(name) => Scope::Account(find_account(&data.accounts, name, "--account")?.id),
        None => Scope::Portfolio,
    };
    let computed = metrics::compute(&data, today, options.period, scope);
    // The rollout is costed with the trainers certified at the end of the period, the day the
    // account's other figures are read for.
    let rollout = computed
        .account
        .as_ref()
        .map(|figures| metrics::rollout(figures.seats, figures.certified_trainers, rates));
    tracing::info!(period = options.period.id(), account = ?scope, "metrics computed");
    match options.format {
        ReportFormat::Table => Ok(table::render(&computed, rollout.as_ref()).into_bytes()),
        ReportFormat::Json => {
            let mut bytes = serde_json::to_vec_pretty(&record(&computed, rollout.as_ref()))?;
            bytes.push(b'\n');
            Ok(bytes)
        }
    }
}

/// The account `name` names among those not archived: the one whose name it is, ignoring case,
/// else the only one whose name starts with it. `given_as` says where the name was typed
/// (`--account`, `ACCOUNT`) for the message.
pub(super) fn find_account<'a>(
    accounts: &'a [Account],
    name: &str,
    given_as: &str,
) -> Result<&'a Account, UsageError> {
    let wanted = name.trim().to_lowercase();
    let open = || accounts.iter().filter(|account| !account.archived);
    let lowered = |account: &Account| account.fields.name.to_lowercase();
    if let Some(account) = open().find(|account| lowered(account) == wanted) {
        return Ok(account);
    }
    let matches: Vec<&Account> = open()
        .filter(|account| lowered(account).starts_with(&wanted))
        .collect();
    match matches.as_slice() {
        [account] => Ok(account),
        [] => Err(UsageError(format!(
            "{given_as} '{}': no account's name is or starts with that (archived accounts are \
             left out)",
            sanitize(name)
        ))),
        many => {
            let mut names: Vec<String> = many
                .iter()
                .take(CANDIDATES_SHOWN)
                .map(|account| sanitize(&account.fields.name).into_owned())
                .collect();
            if many.len() > CANDIDATES_SHOWN {
                names.push(format!("and {} more", many.len() - CANDIDATES_SHOWN));
            }
            Err(UsageError(format!(
                "{given_as} '{}' could be {} accounts: {}; give more of the name",
                sanitize(name),
                many.len(),
                names.join(", ")
            )))
        }
    }
}

/// The metrics as scripts get them; an undefined figure is `null`.
#[derive(Debug, Serialize)]
struct MetricsRecord<'a> {
    period: &'static str,
    from: NaiveDate,
    to: NaiveDate,
    /// The account's name, or `null` for the portfolio.
    scope: Option<&'a str>,
    delivery_rate: DeliveryRecord,
    coverage: CoverageRecord<'a>,
    adoption_depth: ComparisonRecord,
    tickets_per_seat: ComparisonRecord,
    nrr: ComparisonRecord,
    renewal_rate: RenewalRecord,
    delivery_by_quarter: Vec<QuarterRecord>,
    patterns: Vec<String>,
    /// The account's own figures and rollout, or `null` for the portfolio.
    account: Option<AccountRecord<'a>>,
}

#[derive(Debug, Serialize)]
struct DeliveryRecord {
    sessions: u32,
    certified_trainers: u32,
    rate: Option<f64>,
}

#[derive(Debug, Serialize)]
struct QuarterRecord {
    quarter: String,
    sessions: u32,
    certified_trainers: u32,
    rate: Option<f64>,
}

#[derive(Debug, Serialize)]
struct CoverageRecord<'a> {
    accounts: usize,
    rate: Option<f64>,
    by_account: Vec<AccountCoverageRecord<'a>>,
}

#[derive(Debug, Serialize)]
struct AccountCoverageRecord<'a> {
    account: &'a str,
    seats: u32,
    users_trained: Option<u32>,
    rate: Option<f64>,
}

#[derive(Debug, Serialize)]
struct GroupRecord {
    accounts: usize,
    value: Option<f64>,
}

#[derive(Debug, Serialize)]
struct ComparisonRecord {
    t3: GroupRecord,
    non_t3: GroupRecord,
}

#[derive(Debug, Serialize)]
struct RenewalRecord {
    due: u32,
    renewed: u32,
    rate: Option<f64>,
}

#[derive(Debug, Serialize)]
struct AccountRecord<'a> {
    name: &'a str,
    seats: u32,
    t3_account: bool,
    certified_trainers: u32,
    snapshot_on: Option<NaiveDate>,
    adoption_depth: Option<f64>,
    tickets_per_seat: Option<f64>,
    nrr: Option<f64>,
    rollout: Option<RolloutRecord>,
}

/// Ranges are `[low, high]`.
#[derive(Debug, Serialize)]
struct RolloutRecord {
    seats: u32,
    direct_hours: (f64, f64),
    direct_cost: (f64, f64),
    direct_per_seat: Option<(f64, f64)>,
    certified_trainers: u32,
    through_trainers_hours: f64,
    through_trainers_cost: f64,
    through_trainers_per_seat: Option<f64>,
}

fn record<'a>(metrics: &'a Metrics, rollout: Option<&Rollout>) -> MetricsRecord<'a> {
    let own = metrics.account.as_ref();
    MetricsRecord {
        period: metrics.period.id(),
        from: metrics.span.from,
        to: metrics.span.to,
        scope: own.map(|figures| figures.name.as_str()),
        delivery_rate: delivery_record(metrics.delivery),
        coverage: CoverageRecord {
            accounts: metrics.coverage.accounts,
            rate: metrics.coverage.value,
            by_account: metrics
                .coverage_by_account
                .iter()
                .map(|row| AccountCoverageRecord {
                    account: &row.name,
                    seats: row.seats,
                    users_trained: row.users_trained,
                    rate: row.rate,
                })
                .collect(),
        },
        adoption_depth: comparison_record(metrics.adoption_depth),
        tickets_per_seat: comparison_record(metrics.tickets_per_seat),
        nrr: comparison_record(metrics.nrr),
        renewal_rate: RenewalRecord {
            due: metrics.renewal.due,
            renewed: metrics.renewal.renewed,
            rate: metrics.renewal.rate,
        },
        delivery_by_quarter: metrics
            .delivery_by_quarter
            .iter()
            .map(|quarter| QuarterRecord {
                quarter: quarter.quarter.to_string(),
                sessions: quarter.delivery.sessions,
                certified_trainers: quarter.delivery.certified_trainers,
                rate: quarter.delivery.rate,
            })
            .collect(),
        patterns: metrics
            .patterns
            .iter()
            .map(metrics::Pattern::sentence)
            .collect(),
        account: own.map(|figures| account_record(figures, rollout)),
    }
}

fn delivery_record(delivery: Delivery) -> DeliveryRecord {
    DeliveryRecord {
        sessions: delivery.sessions,
        certified_trainers: delivery.certified_trainers,
        rate: delivery.rate,
    }
}

fn comparison_record(comparison: Comparison) -> ComparisonRecord {
    let group = |group: Group| GroupRecord {
        accounts: group.accounts,
        value: group.value,
    };
    ComparisonRecord {
        t3: group(comparison.t3),
        non_t3: group(comparison.non_t3),
    }
}

fn account_record<'a>(figures: &'a AccountFigures, rollout: Option<&Rollout>) -> AccountRecord<'a> {
    AccountRecord {
        name: &figures.name,
        seats: figures.seats,
        t3_account: figures.t3_account,
        certified_trainers: figures.certified_trainers,
        snapshot_on: figures.snapshot_on,
        adoption_depth: figures.adoption_depth,
        tickets_per_seat: figures.tickets_per_seat,
        nrr: figures.nrr,
        rollout: rollout.map(|rollout| RolloutRecord {
            seats: rollout.seats,
            direct_hours: rollout.direct_hours,
            direct_cost: rollout.direct_cost,
            direct_per_seat: rollout.direct_per_seat,
            certified_trainers: rollout.certified_trainers,
            through_trainers_hours: rollout.through_trainers_hours,
            through_trainers_cost: rollout.through_trainers_cost,
            through_trainers_per_seat: rollout.through_trainers_per_seat,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AccountFields, AccountId, T3Status};

    fn account(id: i64, name: &str, archived: bool) -> Account {
        Account {
            id: AccountId(id),
            fields: AccountFields {
                name: name.to_string(),
                segment: String::new(),
                seats: 100,
                csm_owner: String::new(),
                rollout_start: None,
                renewal_date: None,
                annual_value: 0,
                t3_status: T3Status::Active,
            },
            archived,
        }
    }

    fn accounts() -> Vec<Account> {
        vec![
            account(1, "Harbor City Transit", false),
            account(2, "Harbor Freight Lines", false),
            account(3, "Kestrel", false),
            account(4, "Kestrel Insurance Group", false),
            account(5, "Pinecrest Credit Union", true),
        ]
    }

    fn found(name: &str) -> Result<i64, String> {
        let accounts = accounts();
        find_account(&accounts, name, "--account")
            .map(|account| account.id.0)
            .map_err(|error| error.to_string())
    }

    #[test]
    fn an_account_is_found_by_its_name_or_an_unambiguous_start() {
        assert_eq!(found("Harbor City Transit"), Ok(1));
        assert_eq!(found("harbor c"), Ok(1));
        assert_eq!(found("  HARBOR F "), Ok(2));
        assert_eq!(
            found("kestrel"),
            Ok(3),
            "a whole name wins over a longer one"
        );
        assert_eq!(found("kestrel i"), Ok(4));
    }

    #[test]
    fn an_ambiguous_or_unknown_name_is_refused_naming_the_candidates() {
        let error = found("harbor").unwrap_err();
        assert_eq!(
            error,
            "--account 'harbor' could be 2 accounts: Harbor City Transit, Harbor Freight Lines; \
             give more of the name"
        );
        let error = found("pinecrest").unwrap_err();
        assert!(
            error.contains("no account's name is or starts with"),
            "{error}"
        );
        assert!(error.contains("archived accounts are left out"), "{error}");
    }

    #[test]
    fn a_long_list_of_candidates_is_cut_short() {
        let many: Vec<Account> = (0..12)
            .map(|n| account(n, &format!("Northwind {n:02}"), false))
            .collect();
        let error = find_account(&many, "north", "--account")
            .unwrap_err()
            .to_string();
        assert!(error.contains("could be 12 accounts"), "{error}");
        assert!(error.contains("Northwind 07, and 4 more;"), "{error}");
    }
}
