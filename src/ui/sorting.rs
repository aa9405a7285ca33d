//! Choosing a tab's sort column by its name, as `:sort renewal`, a saved view and the state
//! kept from the last run do. The tabs own their columns; this only looks a name up.

/// The sort among `all` whose name is `wanted` (any case); otherwise a message naming the tab
/// and every name it knows.
pub fn by_name<S: Copy>(
    all: &[S],
    name_of: fn(S) -> &'static str,
    wanted: &str,
    tab: &str,
) -> Result<S, String> {
    let wanted = wanted.trim();
    all.iter()
        .copied()
        .find(|sort| name_of(*sort).eq_ignore_ascii_case(wanted))
        .ok_or_else(|| {
            let known: Vec<&str> = all.iter().map(|sort| name_of(*sort)).collect();
            format!(
                "{tab} cannot be sorted by '{wanted}'; sort by {}",
                known.join(", ")
            )
        })
}

#[cfg(test)]
mod tests {
    use super::by_name;

    #[test]
    fn a_name_is_found_in_any_case_and_a_wrong_one_lists_the_rest() {
        let name = |n: u8| if n == 0 { "name" } else { "renewal" };
        assert_eq!(by_name(&[0, 1], name, " Renewal", "Accounts"), Ok(1));
        assert_eq!(
            by_name(&[0, 1], name, "colour", "Accounts"),
            Err("Accounts cannot be sorted by 'colour'; sort by name, renewal".to_string())
        );
    }
}
