//! The Releases and materials view's work: opening and closing it, moving in it, and the forms
//! that record a release, correct one, add a material and record a material's new version.

use super::action::Action;
use super::app::App;
use super::editing::{Rejected, Saved};
use super::form::{Form, FormKind};
use super::overlay::Overlay;
use super::releases::ReleasesView;
use super::safe_text::sanitize;
use crate::domain::FieldError;
use crate::domain::program::{MaterialKind, Readiness, Release, ReleaseId};
use crate::domain::validation::{
    self, MaterialInput, MaterialVersionInput, NO_RELEASE, ReleaseInput,
};
use crate::store::StoreError;

/// The release form's answers to "does it touch trained workflows?"; validation reads the
/// first word.
const TOUCHES: [&str; 2] = [
    "yes: trained workflows change",
    "no: nothing trainers teach",
];

impl App {
    /// `R`: the view over whatever tab is showing, its cursor on the newest release.
    pub(super) fn open_releases(&mut self) {
        match ReleasesView::open(&self.store, self.today) {
            Ok(view) => self.releases = Some(Box::new(view)),
            Err(error) => self.report(&error),
        }
    }

    /// Whether keys go to the view: it is open and nothing (a form, help) is above it.
    pub(super) fn in_releases(&self) -> bool {
        self.releases.is_some() && self.overlay.is_none()
    }

    /// Carries out `action` in the view; returns `false` for actions it leaves to the rest of
    /// the app (help, quit).
    pub(super) fn apply_in_releases(&mut self, action: Action) -> bool {
        let Some(view) = self.releases.as_deref_mut() else {
            return false;
        };
        match action {
            Action::MoveDown => view.list.move_by(1),
            Action::MoveUp => view.list.move_by(-1),
            Action::MoveTop => view.list.move_to_top(),
            Action::MoveBottom => view.list.move_to_bottom(),
            Action::PageDown => view.list.page_down(),
            Action::PageUp => view.list.page_up(),
            Action::CloseOverlay => self.releases = None,
            Action::RecordRelease => self.open_release_form(false),
            Action::EditRelease => self.open_release_form(true),
            Action::AddMaterial => self.open_material_form(),
            Action::RecordMaterialUpdate => self.open_material_update_form(),
            _ => return false,
        }
        true
    }

    fn open_release_form(&mut self, edit: bool) {
        let Some(view) = self.releases.as_deref() else {
            return;
        };
        let form = match (edit, view.selected()) {
            (false, _) => release_form(FormKind::NewRelease, "Record a release", None),
            (true, Some(release)) => release_form(
                FormKind::EditRelease(release.id),
                "Edit release",
                Some(release),
            ),
            (true, None) => return,
        };
        self.overlay = Some(Overlay::Form(form));
    }

    fn open_material_form(&mut self) {
        let kinds: Vec<&'static str> = MaterialKind::ALL.iter().map(|kind| kind.title()).collect();
        let form = Form::new(FormKind::NewMaterial, "Add a material")
            .line("title", "Title", "", "Job aid: offline mode")
            .choice(
                "kind",
                "Kind",
                &kinds,
                MaterialKind::FacilitatorGuide.title(),
            );
        self.overlay = Some(Overlay::Form(form));
    }

    /// `u`: a new version of a material, offered for the release under the cursor and, of its
    /// materials, the first still missing for it: the update the view most likely prompted.
    fn open_material_update_form(&mut self) {
        let Some(view) = self.releases.as_deref() else {
            return;
        };
        if view.materials().is_empty() {
            self.inform("No materials yet: m adds one".to_string());
            return;
        }
        let release = view.selected();
        let material = release
            .filter(|release| release.touches_trained_workflows)
            .and_then(|release| {
                view.materials()
                    .iter()
                    .find(|material| material.readiness(release) == Readiness::Missing)
            })
            .or_else(|| view.materials().first())
            .map(|material| material.title.clone())
            .unwrap_or_default();
        let titles = view
            .materials()
            .iter()
            .map(|material| material.title.clone())
            .collect();
        let mut releases: Vec<String> = view
            .releases()
            .iter()
            .map(|release| release.name.clone())
            .collect();
        releases.push(NO_RELEASE.to_string());
        let updated_for = release.map_or(NO_RELEASE, |release| release.name.as_str());
        let form = Form::new(FormKind::MaterialUpdate, "Record a material update")
            .choice_of("material", "Material", titles, &material)
            .line(
                "version",
                "Version",
                "",
                "the new version, as the material numbers it",
            )
            .choice_of("updated_for", "Updated for", releases, updated_for)
            .line(
                "updated_on",
                "Updated on",
                &self.today.to_string(),
                "YYYY-MM-DD, not after today",
            );
        self.overlay = Some(Overlay::Form(form));
    }

    /// Saves a release form; a name another release has is reported on the name.
    pub(super) fn save_release(
        &mut self,
        form: &Form,
        id: Option<ReleaseId>,
    ) -> Result<(String, Saved), Rejected> {
        let input = ReleaseInput {
            name: form.value("name"),
            shipped_on: form.value("shipped_on"),
            summary: form.value("summary"),
            touches: form.value("touches"),
        };
        let fields = validation::validate_release(&input).map_err(Rejected::Fields)?;
        let saved = match id {
            Some(id) => self.store.update_release(id, &fields).map(|()| id),
            None => self.store.record_release(&fields),
        };
        match saved {
            Ok(saved) => {
                let verb = if id.is_some() { "Saved" } else { "Recorded" };
                Ok((format!("{verb} {}", fields.name), Saved::Release(saved)))
            }
            Err(StoreError::DuplicateReleaseName(name)) => Err(on_field(
                "name",
                format!("a release named '{name}' already exists"),
            )),
            Err(error) => Err(Rejected::Store(error)),
        }
    }

    /// Saves a new material, with no versions yet: it counts as missing for every release
    /// until its first update is recorded.
    pub(super) fn save_material(&mut self, form: &Form) -> Result<(String, Saved), Rejected> {
        let input = MaterialInput {
            title: form.value("title"),
            kind: form.value("kind"),
        };
        let material = validation::validate_material(&input).map_err(Rejected::Fields)?;
        match self.store.add_material(&material.title, material.kind) {
            Ok(_) => Ok((
                format!("Added {}: u records its versions", material.title),
                Saved::Nothing,
            )),
            Err(StoreError::DuplicateMaterialTitle(title)) => Err(on_field(
                "title",
                format!("a material titled '{title}' already exists"),
            )),
            Err(error) => Err(Rejected::Store(error)),
        }
    }

    /// Saves a material update and says where it leaves the material for its release; the
    /// cursor moves to that release so the change shows.
    pub(super) fn save_material_update(
        &mut self,
        form: &Form,
    ) -> Result<(String, Saved), Rejected> {
        let input = MaterialVersionInput {
            material: form.value("material"),
            version: form.value("version"),
            updated_for: form.value("updated_for"),
            updated_on: form.value("updated_on"),
        };
        // Read afresh rather than from the view: another t3 may have changed them meanwhile.
        let materials = self.store.materials().map_err(Rejected::Store)?;
        let releases = self.store.releases().map_err(Rejected::Store)?;
        // The form shows names neutralised, so they are matched that way.
        let update = validation::validate_material_version(
            &input,
            self.today,
            |title| {
                materials
                    .iter()
                    .find(|material| sanitize(&material.title) == title)
                    .map(|material| material.id)
            },
            |name| {
                releases
                    .iter()
                    .find(|release| sanitize(&release.name) == name)
                    .map(|release| release.id)
            },
        )
        .map_err(Rejected::Fields)?;
        match self
            .store
            .record_material_version(update.material, &update.version)
        {
            Ok(()) => {}
            Err(StoreError::DuplicateMaterialVersion(version)) => {
                return Err(on_field(
                    "version",
                    format!("{} already has a version {version}", input.material),
                ));
            }
            Err(error) => return Err(Rejected::Store(error)),
        }
        let said = format!("Recorded {} {}", input.material, update.version.version);
        let release = update
            .version
            .updated_for
            .and_then(|id| releases.iter().find(|release| release.id == id));
        let material = materials
            .into_iter()
            .find(|material| material.id == update.material);
        let (Some(release), Some(mut material)) = (release, material) else {
            return Ok((said, Saved::Nothing));
        };
        material.versions.push(update.version);
        let readiness = material.readiness(release).label();
        Ok((
            format!("{said} for {}: {readiness}", release.name),
            Saved::Release(release.id),
        ))
    }

    /// After a save, the cursor on the release it concerned.
    pub(super) fn show_saved_release(&mut self, id: ReleaseId) {
        if let Some(view) = self.releases.as_deref_mut() {
            view.select(Some(id));
        }
    }
}

fn on_field(field: &'static str, message: String) -> Rejected {
    Rejected::Fields(vec![FieldError::new(field, message)])
}

fn release_form(kind: FormKind, title: &str, release: Option<&Release>) -> Form {
    let text = |pick: fn(&Release) -> String| release.map(pick).unwrap_or_default();
    let touches = match release {
        Some(release) if !release.touches_trained_workflows => TOUCHES[1],
        _ => TOUCHES[0],
    };
    Form::new(kind, title)
        .line(
            "name",
            "Name/version",
            &text(|r| r.name.clone()),
            "Release 26.3",
        )
        .line(
            "shipped_on",
            "Shipped on",
            &text(|r| r.shipped_on.to_string()),
            "YYYY-MM-DD (a day to come is fine)",
        )
        .line(
            "summary",
            "Summary",
            &text(|r| r.summary.clone()),
            "what changed, in a line",
        )
        .choice("touches", "Touches", &TOUCHES, touches)
}
