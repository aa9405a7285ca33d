//! The keys in force: the table's defaults with the user's keys file laid over them. The app
//! dispatches, lists `?` and shows its status-line hints from one [`KeyMap`], so a remapped key
//! is the key everywhere.
//!
//! This module knows nothing of files: it takes overrides already read and checked, and says
//! which of them clash.

use crossterm::event::KeyEvent;

use super::notation::types_text;
use super::{BINDINGS, Binding, Context, Key};
use crate::ui::action::Action;

/// One command's keys in one context, as they stand after the keys file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    /// The short word the status line shows beside the keys; `None` leaves it to `?`.
    pub hint: Option<&'static str>,
    /// Set for a command the keys file bound in a context whose own lines of the table do not
    /// bind it: its keys in the layers behind (Browse, say) no longer run it there.
    shadows: bool,
    /// The override that set these keys, as its place in the list given; `None` for a default.
    origin: Option<usize>,
}

impl Bound {
    fn from_table(binding: &Binding) -> Self {
        Self {
            context: binding.context,
            keys: binding.keys.to_vec(),
            action: binding.action,
            help: binding.help,
            hint: binding.hint,
            shadows: false,
            origin: None,
        }
    }

    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(|key| key.label())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// A command given other keys in one context: a line of the keys file, already understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub context: Context,
    pub action: Action,
    /// The keys that replace the defaults there; none leaves the command without a key.
    pub keys: Vec<Key>,
}

/// A key two commands would both answer to somewhere; neither override involved was applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clash {
    pub key: Key,
    /// The first context, in [`Context::ALL`] order, where both would apply.
    pub context: Context,
    pub first: Claim,
    pub second: Claim,
}

/// One side of a [`Clash`]: a command, the context whose layer binds it, and the override that
/// gave it the key (`None` when it is the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    pub action: Action,
    pub context: Context,
    pub origin: Option<usize>,
}

impl Claim {
    fn of(bound: &Bound) -> Self {
        Self {
            action: bound.action,
            context: bound.context,
            origin: bound.origin,
        }
    }
}

/// Every binding in force, in the table's order with any the keys file added at the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    bound: Vec<Bound>,
}

impl Default for KeyMap {
    /// The table as written: what runs without a keys file.
    fn default() -> Self {
        Self {
            bound: BINDINGS.iter().map(Bound::from_table).collect(),
        }
    }
}

impl KeyMap {
    /// The defaults with `overrides` laid over them. An override whose key another command
    /// already answers to in some context is left out, with whatever it clashed with, and
    /// the clash is returned: the defaults stay for both, so no key ever means two things.
    pub fn laid_over(overrides: &[Override]) -> (Self, Vec<Clash>) {
        let mut applied = vec![true; overrides.len()];
        let mut clashes = Vec::new();
        loop {
            let map = Self::with(overrides, &applied);
            let found = map.clashes();
            let mut dropped = false;
            for origin in found
                .iter()
                .flat_map(|clash| [clash.first.origin, clash.second.origin])
                .flatten()
            {
                dropped |= std::mem::take(&mut applied[origin]);
            }
            clashes.extend(found);
            // Dropping an override can give a default its key back from under another
            // override, hence another round; with nothing left to drop the map is final.
            if !dropped {
                return (map, clashes);
            }
        }
    }

    fn with(overrides: &[Override], applied: &[bool]) -> Self {
        let mut map = Self::default();
        for (origin, change) in overrides.iter().enumerate() {
            if applied.get(origin) == Some(&true) {
                map.apply(origin, change);
            }
        }
        map
    }

    /// Replaces the command's keys in the override's layer; where that layer does not bind the
    /// command, binds it there ahead of the layers behind, with the help of the line it hides.
    fn apply(&mut self, origin: usize, change: &Override) {
        let mut own = self
            .bound
            .iter_mut()
            .filter(|bound| bound.context == change.context && bound.action == change.action)
            .peekable();
        if own.peek().is_some() {
            for (nth, bound) in own.enumerate() {
                bound.keys = if nth == 0 {
                    change.keys.clone()
                } else {
                    Vec::new()
                };
                bound.origin = Some(origin);
            }
            return;
        }
        let Some(behind) = BINDINGS.iter().find(|binding| {
            binding.action == change.action && change.context.chain().contains(&binding.context)
        }) else {
            return;
        };
        self.bound.push(Bound {
            context: change.context,
            keys: change.keys.clone(),
            shadows: true,
            origin: Some(origin),
            ..Bound::from_table(behind)
        });
    }

    /// The bindings that apply in `context`, most specific layer first: what `?` lists. A
    /// layer behind the context's own does not take keys that type text where text is typed,
    /// so a letter bound for lists stays a letter in a form.
    pub fn bindings_for(&self, context: Context) -> Vec<Bound> {
        let mut hidden: Vec<Action> = Vec::new();
        let mut shown = Vec::new();
        for (depth, layer) in context.chain().iter().enumerate() {
            let in_layer = || {
                self.bound
                    .iter()
                    .filter(move |bound| bound.context == *layer)
            };
            for bound in in_layer().filter(|bound| !hidden.contains(&bound.action)) {
                let mut bound = bound.clone();
                if depth > 0 && context.takes_text() {
                    bound.keys.retain(|key| !types_text(*key));
                }
                if !bound.keys.is_empty() {
                    shown.push(bound);
                }
            }
            hidden.extend(
                in_layer()
                    .filter(|bound| bound.shadows)
                    .map(|bound| bound.action),
            );
        }
        shown
    }

    /// What `key` does in `context`.
    pub fn resolve(&self, context: Context, key: KeyEvent) -> Option<Action> {
        let key = Key::from_event(key);
        self.bindings_for(context)
            .into_iter()
            .find(|bound| bound.keys.contains(&key))
            .map(|bound| bound.action)
    }

    /// The short "key action" pairs the status line shows in `context`. Neighbouring bindings
    /// with the same hint share one entry (`1–5 answer`).
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        let mut hints: Vec<(Vec<String>, &'static str)> = Vec::new();
        for bound in self.bindings_for(context) {
            let Some(hint) = bound.hint else { continue };
            match hints.last_mut() {
                Some((keys, last)) if *last == hint => keys.push(bound.keys_label()),
                _ => hints.push((vec![bound.keys_label()], hint)),
            }
        }
        hints
            .into_iter()
            .map(|(keys, hint)| match keys.as_slice() {
                [first, .., last] if keys.len() > 2 => (format!("{first}–{last}"), hint),
                _ => (keys.join("/"), hint),
            })
            .collect()
    }

    /// Every key two different commands answer to in one context, each pair of commands once.
    fn clashes(&self) -> Vec<Clash> {
        let mut clashes: Vec<Clash> = Vec::new();
        for context in Context::ALL {
            let shown = self.bindings_for(context);
            for (at, first) in shown.iter().enumerate() {
                for second in &shown[at + 1..] {
                    if first.action == second.action {
                        continue;
                    }
                    for key in first.keys.iter().filter(|key| second.keys.contains(key)) {
                        let clash = Clash {
                            key: *key,
                            context,
                            first: Claim::of(first),
                            second: Claim::of(second),
                        };
                        if !clashes.iter().any(|known| known.same_as(&clash)) {
                            clashes.push(clash);
                        }
                    }
                }
            }
        }
        clashes
    }
}

impl Clash {
    /// Whether both name the same key and the same two claims, wherever they were found.
    fn same_as(&self, other: &Clash) -> bool {
        self.key == other.key
            && ((self.first == other.first && self.second == other.second)
                || (self.first == other.second && self.second == other.first))
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyModifiers};

    use super::super::notation::parse_key;
    use super::*;

    fn press(text: &str) -> KeyEvent {
        let key = parse_key(text).unwrap();
        KeyEvent::new(key.code, key.modifiers)
    }

    fn change(context: Context, action: Action, keys: &[&str]) -> Override {
        Override {
            context,
            action,
            keys: keys.iter().map(|text| parse_key(text).unwrap()).collect(),
        }
    }

    #[test]
    fn the_defaults_are_the_table() {
        let map = KeyMap::default();
        for context in Context::ALL {
            let table: Vec<_> = super::super::bindings_for(context)
                .map(|binding| (binding.action, binding.keys_label()))
                .collect();
            let in_force: Vec<_> = map
                .bindings_for(context)
                .into_iter()
                .map(|bound| (bound.action, bound.keys_label()))
                .collect();
            assert_eq!(in_force, table, "{context:?}");
        }
        assert!(KeyMap::laid_over(&[]).1.is_empty());
    }

    #[test]
    fn an_override_replaces_the_defaults_in_its_context_only() {
        let (map, clashes) = KeyMap::laid_over(&[change(Context::AtRisk, Action::Snooze, &["Z"])]);
        assert_eq!(clashes, []);
        assert_eq!(
            map.resolve(Context::AtRisk, press("Z")),
            Some(Action::Snooze)
        );
        assert_eq!(map.resolve(Context::AtRisk, press("z")), None);
        assert_eq!(
            map.resolve(Context::Accounts, press("z")),
            Some(Action::ShowArchived)
        );
        assert!(
            map.hints(Context::AtRisk)
                .contains(&("Z".to_string(), "snooze"))
        );
    }

    #[test]
    fn a_command_can_have_several_keys() {
        let overrides = [change(
            Context::Roster,
            Action::ChangeStatus,
            &["c", "S", "f2"],
        )];
        let (map, clashes) = KeyMap::laid_over(&overrides);
        assert_eq!(clashes, []);
        for key in ["c", "S", "f2"] {
            assert_eq!(
                map.resolve(Context::Roster, press(key)),
                Some(Action::ChangeStatus),
                "{key}"
            );
        }
        assert!(
            map.hints(Context::Roster)
                .contains(&("c/S/F2".to_string(), "status"))
        );
    }

    #[test]
    fn global_rebinds_lists_and_tabs_and_leaves_anywhere_alone() {
        let overrides = [change(Context::Browse, Action::Quit, &["f10", "ctrl-q"])];
        let (map, clashes) = KeyMap::laid_over(&overrides);
        assert_eq!(clashes, []);
        for key in ["f10", "ctrl-q", "ctrl-c"] {
            assert_eq!(
                map.resolve(Context::Roster, press(key)),
                Some(Action::Quit),
                "{key}"
            );
        }
        assert_eq!(map.resolve(Context::Roster, press("q")), None);
        assert_eq!(map.resolve(Context::Form, press("ctrl-q")), None);
        assert_eq!(
            map.resolve(Context::Form, press("ctrl-c")),
            Some(Action::Quit)
        );
    }

    #[test]
    fn a_shared_command_bound_in_one_tab_leaves_its_shared_keys_to_the_others() {
        let overrides = [change(Context::Roster, Action::MoveDown, &["n"])];
        let (map, clashes) = KeyMap::laid_over(&overrides);
        assert_eq!(clashes, []);
        assert_eq!(
            map.resolve(Context::Roster, press("n")),
            Some(Action::MoveDown)
        );
        assert_eq!(map.resolve(Context::Roster, press("j")), None);
        assert_eq!(map.resolve(Context::Roster, press("down")), None);
        assert_eq!(
            map.resolve(Context::Accounts, press("j")),
            Some(Action::MoveDown)
        );
        let roster = map.bindings_for(Context::Roster);
        let down: Vec<_> = roster
            .iter()
            .filter(|bound| bound.action == Action::MoveDown)
            .collect();
        assert_eq!(down.len(), 1, "{down:?}");
        assert_eq!(down[0].context, Context::Roster);
        assert_eq!(down[0].help, "move down");
    }

    #[test]
    fn letters_bound_behind_a_text_context_stay_text() {
        let overrides = [
            change(Context::Anywhere, Action::Suspend, &["ctrl-z", "Z"]),
            change(Context::Form, Action::Save, &["enter", "ctrl-s", "S"]),
        ];
        let (map, clashes) = KeyMap::laid_over(&overrides);
        assert_eq!(clashes, []);
        assert_eq!(
            map.resolve(Context::Accounts, press("Z")),
            Some(Action::Suspend)
        );
        assert_eq!(map.resolve(Context::Form, press("Z")), None);
        assert_eq!(map.resolve(Context::Filter, press("Z")), None);
        assert_eq!(map.resolve(Context::CommandLine, press("Z")), None);
        assert_eq!(
            map.resolve(Context::Form, press("ctrl-z")),
            Some(Action::Suspend)
        );
        assert_eq!(map.resolve(Context::Form, press("S")), Some(Action::Save));
        assert_eq!(
            map.resolve(Context::Form, press("ctrl-s")),
            Some(Action::Save)
        );
    }

    #[test]
    fn a_key_two_commands_would_share_keeps_both_defaults() {
        let overrides = [
            change(Context::AtRisk, Action::Snooze, &["Z"]),
            change(Context::Roster, Action::ChangeStatus, &["a"]),
        ];
        let (map, clashes) = KeyMap::laid_over(&overrides);
        assert_eq!(
            clashes,
            [Clash {
                key: parse_key("a").unwrap(),
                context: Context::Roster,
                first: Claim {
                    action: Action::AddTrainer,
                    context: Context::Roster,
                    origin: None,
                },
                second: Claim {
                    action: Action::ChangeStatus,
                    context: Context::Roster,
                    origin: Some(1),
                },
            }]
        );
        assert_eq!(
            map.resolve(Context::Roster, press("a")),
            Some(Action::AddTrainer)
        );
        assert_eq!(
            map.resolve(Context::Roster, press("c")),
            Some(Action::ChangeStatus)
        );
        assert_eq!(
            map.resolve(Context::AtRisk, press("Z")),
            Some(Action::Snooze)
        );
    }

    #[test]
    fn a_clash_is_reported_once_however_many_tabs_share_it() {
        let overrides = [change(
            Context::Browse,
            Action::StartFilter,
            &["/", "ctrl-c"],
        )];
        let (map, clashes) = KeyMap::laid_over(&overrides);
        assert_eq!(clashes.len(), 1, "{clashes:?}");
        assert_eq!(clashes[0].context, Context::Browse);
        assert_eq!(
            map.resolve(Context::Accounts, press("ctrl-c")),
            Some(Action::Quit)
        );

        // `a` adds on several tabs: a clash with each tab's own command.
        let overrides = [change(Context::Browse, Action::StartFilter, &["/", "a"])];
        let (map, clashes) = KeyMap::laid_over(&overrides);
        let contexts: Vec<_> = clashes.iter().map(|clash| clash.context).collect();
        assert!(
            contexts.starts_with(&[Context::Accounts, Context::Roster]),
            "{contexts:?}"
        );
        let actions: Vec<_> = clashes.iter().map(|clash| clash.first.action).collect();
        assert!(actions.contains(&Action::AddTrainer), "{actions:?}");
        assert_eq!(
            map.resolve(Context::Program, press("a")),
            None,
            "the whole override is left out"
        );
    }

    #[test]
    fn swapping_two_keys_is_no_clash() {
        let overrides = [
            change(Context::Roster, Action::AddTrainer, &["e"]),
            change(Context::Roster, Action::EditTrainer, &["a"]),
        ];
        let (map, clashes) = KeyMap::laid_over(&overrides);
        assert_eq!(clashes, []);
        assert_eq!(
            map.resolve(Context::Roster, press("e")),
            Some(Action::AddTrainer)
        );
        assert_eq!(
            map.resolve(Context::Roster, press("a")),
            Some(Action::EditTrainer)
        );
    }

    #[test]
    fn dropping_a_clashing_override_can_drop_the_one_that_took_its_key() {
        // Edit takes `a`'s place; add wants `j`, taken by moving down, so add keeps `a` and
        // edit, left without a key of its own, must keep `e` too.
        let overrides = [
            change(Context::Roster, Action::EditTrainer, &["a"]),
            change(Context::Roster, Action::AddTrainer, &["j"]),
        ];
        let (map, clashes) = KeyMap::laid_over(&overrides);
        assert_eq!(clashes.len(), 2, "{clashes:?}");
        assert_eq!(map, KeyMap::default());
    }

    #[test]
    fn a_command_without_keys_is_gone_from_help_and_hints() {
        let (map, _) = KeyMap::laid_over(&[change(Context::Browse, Action::CycleSort, &[])]);
        assert!(
            !map.bindings_for(Context::Accounts)
                .iter()
                .any(|bound| bound.action == Action::CycleSort)
        );
        assert!(
            !map.hints(Context::Accounts)
                .iter()
                .any(|(_, hint)| *hint == "sort")
        );
        let s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(map.resolve(Context::Accounts, s), None);
    }
}
