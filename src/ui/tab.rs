//! The tabs across the top. Only tabs that work are listed.

/// A tab of the app; moving between tabs steps this enum, never a bare index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[must_use]
pub enum Tab {
    Accounts,
    Roster,
    Certification,
    Syncs,
    AtRisk,
    Program,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Accounts,
        Tab::Roster,
        Tab::Certification,
        Tab::Syncs,
        Tab::AtRisk,
        Tab::Program,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Accounts => "Accounts",
            Tab::Roster => "Roster",
            Tab::Certification => "Certification",
            Tab::Syncs => "Syncs",
            Tab::AtRisk => "At risk",
            Tab::Program => "Program",
        }
    }

    /// The title on a screen too narrow for every title whole.
    pub fn short_title(self) -> &'static str {
        match self {
            Tab::Certification => "Cert.",
            other => other.title(),
        }
    }

    /// The digit that jumps to this tab (`1` for the first).
    pub fn number(self) -> usize {
        self.index() + 1
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|tab| *tab == self).unwrap_or(0)
    }

    pub fn next(self) -> Tab {
        Self::ALL[(self.index() + 1) % Self::ALL.len()]
    }

    pub fn previous(self) -> Tab {
        Self::ALL[(self.index() + Self::ALL.len() - 1) % Self::ALL.len()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_and_previous_wrap_around() {
        assert_eq!(Tab::Accounts.next(), Tab::Roster);
        assert_eq!(Tab::AtRisk.next(), Tab::Program);
        assert_eq!(Tab::Program.next(), Tab::Accounts);
        assert_eq!(Tab::Accounts.previous(), Tab::Program);
        assert_eq!(Tab::Program.number(), 6);
        for tab in Tab::ALL {
            assert_eq!(tab.next().previous(), tab);
        }
    }
}
