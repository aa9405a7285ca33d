//! The QBR page from the Accounts tab: one key writes the selected account's page beside the
//! database, and the status line says where.

use super::app::App;
use crate::domain::AccountId;
use crate::qbr;

impl App {
    pub(super) fn write_qbr_page(&mut self) {
        let Some(row) = self.accounts.selected() else {
            self.warn("No account selected: the QBR page is written for one account".to_string());
            return;
        };
        let account = row.account.id;
        self.write_qbr_of(account);
    }

    /// Writes `account`'s QBR page beside the database, as `b` and `:qbr ACCOUNT` do.
    pub(super) fn write_qbr_of(&mut self, account: AccountId) {
        let page = match qbr::gather(&self.store, account, self.today, &self.thresholds) {
            Ok(page) => page,
            Err(error) => {
                self.warn(format!("Cannot gather the QBR page: {error}"));
                return;
            }
        };
        let name = page.file_name();
        let path = self
            .store
            .path()
            .parent()
            .map_or_else(|| name.clone().into(), |folder| folder.join(&name));
        match crate::files::write_atomically(&path, page.markdown().as_bytes()) {
            Ok(()) => self.inform(format!("Wrote the QBR page to {}", path.display())),
            Err(error) => self.warn(format!("{error:#}")),
        }
    }
}
