//! The keys in force written out as a keys file: what `t3 keys` prints, so that a user finds
//! each command's name and section and can start their own file from the keys they have.

use super::Context;
use super::in_force::{Bound, KeyMap};
use super::notation::{section_name, write_key};

impl KeyMap {
    /// Every context's own keys as a section of a keys file, each command with what `?` says
    /// of it; reading it back gives the same keys.
    pub fn listing(&self) -> String {
        let mut sections = Vec::new();
        for context in Context::ALL {
            let own: Vec<Bound> = self
                .bindings_for(context)
                .into_iter()
                .filter(|bound| bound.context == context)
                .collect();
            if own.is_empty() {
                continue;
            }
            let lines: Vec<(String, &str)> = own
                .iter()
                .map(|bound| {
                    let keys: Vec<String> = bound
                        .keys
                        .iter()
                        .map(|key| quoted(&write_key(*key)))
                        .collect();
                    let line = format!("{} = [{}]", bound.action.name(), keys.join(", "));
                    (line, bound.help)
                })
                .collect();
            let width = lines.iter().map(|(line, _)| line.chars().count()).max();
            let width = width.unwrap_or_default();
            let mut section = vec![format!("[{}]", section_name(context))];
            section.extend(
                lines
                    .into_iter()
                    .map(|(line, help)| format!("{line:<width$}  # {help}")),
            );
            sections.push(section.join("\n") + "\n");
        }
        sections.join("\n")
    }
}

/// A TOML basic string holding `text`.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::super::keys_file::parse;
    use super::*;

    #[test]
    fn the_listing_reads_back_as_the_same_keys() {
        let text = "[at-risk]\nsnooze = [\"Z\", \"ctrl-z\"]\n[roster]\ndown = \"n\"\n\
                    [global]\nstart-filter = [\"/\", \"\\\\\"]\n";
        for map in [KeyMap::default(), parse(text, "keys.toml").keymap] {
            let listing = map.listing();
            let again = parse(&listing, "t3 keys");
            assert_eq!(again.problems, [], "{listing}");
            for context in Context::ALL {
                let keys = |map: &KeyMap| -> Vec<_> {
                    map.bindings_for(context)
                        .into_iter()
                        .map(|bound| (bound.context, bound.action, bound.keys))
                        .collect()
                };
                assert_eq!(keys(&again.keymap), keys(&map), "{context:?}");
            }
        }
    }

    #[test]
    fn each_section_lists_its_commands_with_their_help() {
        let listing = KeyMap::default().listing();
        assert!(
            listing.starts_with("[anywhere]\nquit = [\"ctrl-c\"]"),
            "{listing}"
        );
        assert!(listing.contains("\n[global]\n"), "{listing}");
        assert!(
            listing.contains("\n[at-risk]\nacknowledge = [\"a\"]"),
            "{listing}"
        );
        let down = listing
            .lines()
            .find(|line| line.starts_with("down = "))
            .unwrap();
        assert!(
            down.contains("[\"j\", \"down\"]") && down.ends_with("# move down"),
            "{down}"
        );
        assert!(!listing.contains("[browse]"), "{listing}");
    }
}
