//! Dated figures for an account; a series of them shows where adoption is heading.

use chrono::NaiveDate;

use super::AccountId;

#[derive(Debug, Clone, PartialEq)]
pub struct AccountSnapshot {
    pub account_id: AccountId,
    pub as_of: NaiveDate,
    pub active_users: u32,
    /// Users who attended at least one session run by an internal trainer.
    pub users_trained: u32,
    /// Share of key workflows in regular use, 0–100.
    pub adoption_depth: u8,
    /// Share of features released in the last 90 days that are in use, 0–100.
    pub new_feature_adoption: u8,
    pub support_tickets: u32,
    /// Net revenue retention in percent (100 means flat).
    pub net_revenue_retention: f64,
}
