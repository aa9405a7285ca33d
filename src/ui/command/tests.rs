//! Every command read with good and bad arguments.

use super::*;

fn env() -> Env<'static> {
    Env {
        today: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
        home: Some(Path::new("/home/dana")),
    }
}

fn read(text: &str) -> Result<Command, String> {
    parse(text, &env())
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The message for `text`, which must be refused.
fn refusal(text: &str) -> String {
    read(text).expect_err(text)
}

#[test]
fn every_action_name_is_a_command_without_arguments() {
    for action in Action::ALL {
        let name = action.name();
        let expected = match spec(name) {
            // Typed alone, a command with arguments does its key's work.
            Some(_) => continue,
            None => Command::Action(*action),
        };
        assert_eq!(read(name), Ok(expected), "{name}");
        assert_eq!(
            refusal(&format!("{name} now")),
            format!("{name} takes no arguments")
        );
    }
    assert_eq!(
        read("  Add-Account "),
        Ok(Command::Action(Action::AddAccount))
    );
    assert_eq!(
        read("tab-roster"),
        Ok(Command::Action(Action::GoToTab(Tab::Roster)))
    );
}

#[test]
fn the_table_and_the_actions_share_no_name_by_accident() {
    let mut seen = std::collections::HashSet::new();
    for name in names() {
        assert!(seen.insert(name), "{name} is listed twice");
    }
    // Where a command shares an action's name, typed alone it is that action.
    for (alone, action) in [
        ("snooze", Action::Snooze),
        ("assign", Action::Assign),
        ("resolve", Action::Resolve),
        ("qbr", Action::WriteQbr),
    ] {
        assert_eq!(read(alone), Ok(Command::Action(action)), "{alone}");
        assert_eq!(Action::from_name(alone), Some(action));
    }
}

#[test]
fn snooze_takes_a_span_or_a_later_date() {
    assert_eq!(read("snooze 7d"), Ok(Command::Snooze(day("2026-12-10"))));
    assert_eq!(read("snooze 14D"), Ok(Command::Snooze(day("2026-12-17"))));
    assert_eq!(read("snooze 30d"), Ok(Command::Snooze(day("2027-01-02"))));
    assert_eq!(
        read("snooze 2027-02-01"),
        Ok(Command::Snooze(day("2027-02-01")))
    );
    for bad in ["snooze 10d", "snooze tomorrow", "snooze 01/02/2027"] {
        let error = refusal(bad);
        assert!(
            error.starts_with("snooze: expected 7d, 14d, 30d or a date as YYYY-MM-DD"),
            "{error}"
        );
    }
    let error = refusal("snooze 2026-12-03");
    assert!(error.contains("is not after today (2026-12-03)"), "{error}");
    assert!(error.contains("expected 7d, 14d, 30d"), "{error}");
}

#[test]
fn assign_and_resolve_take_the_rest_of_the_line() {
    assert_eq!(
        read("assign  Dana Whitfield "),
        Ok(Command::Assign("Dana Whitfield".to_string()))
    );
    assert_eq!(
        read("resolve renewed on the phone, see notes"),
        Ok(Command::Resolve(
            "renewed on the phone, see notes".to_string()
        ))
    );
}

#[test]
fn goto_names_an_account_or_a_trainer() {
    assert_eq!(
        read("goto account Acme Corp"),
        Ok(Command::GoTo(GoTo::Account("Acme Corp".to_string())))
    );
    assert_eq!(
        read("goto Trainer ana@acme.example"),
        Ok(Command::GoTo(GoTo::Trainer("ana@acme.example".to_string())))
    );
    assert_eq!(
        refusal("goto"),
        "goto: expected account NAME or trainer NAME|EMAIL"
    );
    assert_eq!(
        refusal("goto customer Acme"),
        "goto: expected account NAME or trainer NAME|EMAIL"
    );
    assert!(refusal("goto account").contains("the account's name"));
    assert!(refusal("goto trainer").contains("name or email"));
}

#[test]
fn tab_takes_a_tab_name() {
    assert_eq!(read("tab at-risk"), Ok(Command::Tab(Tab::AtRisk)));
    assert_eq!(read("tab At risk"), Ok(Command::Tab(Tab::AtRisk)));
    assert_eq!(read("tab Roster"), Ok(Command::Tab(Tab::Roster)));
    let error = refusal("tab risks");
    assert_eq!(
        error,
        "tab: expected a tab: accounts, roster, certification, syncs, at-risk, program"
    );
    assert_eq!(refusal("tab"), error);
}

#[test]
fn export_takes_a_kind_its_format_and_perhaps_a_file() {
    assert_eq!(
        read("export accounts csv"),
        Ok(Command::Export {
            kind: ExportKind::Accounts,
            format: ExportFormat::Csv,
            path: None,
        })
    );
    assert_eq!(
        read("export syncs ics ~/syncs.ics"),
        Ok(Command::Export {
            kind: ExportKind::Syncs,
            format: ExportFormat::Ics,
            path: Some(PathBuf::from("/home/dana/syncs.ics")),
        })
    );
    assert_eq!(
        read("export Findings JSON /tmp/a folder/f.json"),
        Ok(Command::Export {
            kind: ExportKind::Findings,
            format: ExportFormat::Json,
            path: Some(PathBuf::from("/tmp/a folder/f.json")),
        })
    );
    let error = refusal("export notes csv");
    assert!(
        error.starts_with("export: expected what to export: accounts,"),
        "{error}"
    );
    assert!(error.contains("materials"), "{error}");
    assert_eq!(
        refusal("export syncs csv"),
        "export: expected the format syncs exports in: ics"
    );
    assert_eq!(
        refusal("export trainers"),
        "export: expected the format trainers exports in: csv or json"
    );
}

#[test]
fn import_takes_a_kind_and_a_path_with_spaces() {
    assert_eq!(
        read("import accounts /tmp/CRM export.csv"),
        Ok(Command::Import {
            kind: Kind::Accounts,
            path: PathBuf::from("/tmp/CRM export.csv"),
            dry_run: false,
        })
    );
    assert_eq!(
        read("  import Trainers ~/roster.csv --dry-run "),
        Ok(Command::Import {
            kind: Kind::Trainers,
            path: PathBuf::from("/home/dana/roster.csv"),
            dry_run: true,
        })
    );
    assert!(refusal("import").contains("accounts, trainers"));
    assert!(refusal("import widgets x.csv").contains("'widgets'"));
    assert!(refusal("import snapshots").contains("expected the file to read"));
}

#[test]
fn qbr_names_an_account_or_writes_the_selected_one() {
    assert_eq!(read("qbr acme"), Ok(Command::Qbr("acme".to_string())));
}

#[test]
fn backup_needs_a_file() {
    assert_eq!(
        read("backup ~/t3 copy.db"),
        Ok(Command::Backup(PathBuf::from("/home/dana/t3 copy.db")))
    );
    assert_eq!(
        refusal("backup"),
        "backup: expected the file to copy the database to: backup FILE"
    );
}

#[test]
fn an_unknown_name_offers_the_nearest_ones() {
    let error = refusal("imprt accounts x.csv");
    assert_eq!(
        error,
        "'imprt' is not a command t3 knows: did you mean import KIND PATH [--dry-run]?"
    );
    let error = refusal("snoze 7d");
    assert!(error.contains("did you mean snooze"), "{error}");
    let error = refusal("exp");
    assert!(error.contains("export, export-calendar"), "{error}");
    assert_eq!(
        refusal("frobnicate"),
        "'frobnicate' is not a command t3 knows (Tab lists the commands)"
    );
    assert!(refusal("   ").contains("Tab lists them"));
    // A name typed with control characters is shown neutralised.
    assert!(!refusal("a\u{1b}[2Jb").contains('\u{1b}'));
}

#[test]
fn edit_distance_counts_single_edits() {
    for (a, b, distance) in [
        ("", "", 0),
        ("imprt", "import", 1),
        ("snoze", "snooze", 1),
        ("tab", "bat", 2),
        ("kitten", "sitting", 3),
    ] {
        assert_eq!(edit_distance(a, b), distance, "{a} {b}");
    }
}

#[test]
fn a_home_path_expands() {
    let home = Some(Path::new("/home/dana"));
    assert_eq!(expand("~/x.csv", home), PathBuf::from("/home/dana/x.csv"));
    assert_eq!(expand("~", home), PathBuf::from("/home/dana"));
    assert_eq!(expand("~/x.csv", None), PathBuf::from("~/x.csv"));
    assert_eq!(expand("a~/x", home), PathBuf::from("a~/x"));
}
