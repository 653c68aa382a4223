//! The one entity form: the frame every record's form shares (issues, risks, stakeholders,
//! meetings, tasks) — its title for a new or a stored record, the fields the caller draws, and the
//! actions: delete (after a confirmation naming the record), the caller's own buttons, close, save.
//! A draft starts from [`FormDraft::open`]. What a save sends is decided once, in [`save_draft`]: a new record whole, a stored one as the
//! fields that changed (every field of the entity compared, so a new field needs no edit here).

use leptos::prelude::*;
use mieruka_core::fields::Fields;
use mieruka_core::{Command, EntityRef, Field, Id, Project};

use crate::i18n::{expect_i18n, K};
use crate::state::ProjectStore;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::form_fields::changed_fields;

/// A form's words: its title when creating and when editing, and the delete confirmation's title.
#[derive(Debug, Clone, Copy)]
pub struct FormWords {
    pub new: K,
    pub edit: K,
    pub delete: K,
}

/// A form's record: what the form opened with and what the user has typed since.
pub struct FormDraft<T: Send + Sync + 'static> {
    pub draft: RwSignal<T>,
    loaded: StoredValue<T>,
}

impl<T: Send + Sync + 'static> Clone for FormDraft<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for FormDraft<T> {}

impl<T: Fields + Default + Clone + Send + Sync + 'static> FormDraft<T>
where
    T::Field: Into<Field>,
{
    /// A form's draft when it opens: the record `id` names as stored, else (a new record) `new()`.
    pub fn open(
        store: ProjectStore,
        pid: Id,
        id: Option<Id>,
        stored: fn(&Project, Id) -> Option<T>,
        new: impl FnOnce() -> T,
    ) -> Self {
        Self::new(id.and_then(|id| store.with_project(pid, |p| stored(p, id)).flatten()).unwrap_or_else(new))
    }

    pub fn new(initial: T) -> Self {
        FormDraft { loaded: StoredValue::new(initial.clone()), draft: RwSignal::new(initial) }
    }

    /// Saves the draft: a new record whole through `add`; a stored one as the fields the user
    /// changed since the form opened (nothing sent when none did), so what changed meanwhile
    /// elsewhere (ticked in its row, edited in another tab) is kept in the fields the user left
    /// alone. True when saved.
    pub fn save(
        self,
        store: ProjectStore,
        pid: Id,
        id: Option<Id>,
        entity: fn(Id) -> EntityRef,
        add: impl FnOnce(Id, T) -> Command,
    ) -> bool {
        match id {
            None => {
                let draft = self.draft.get_untracked();
                let saved = store.run(add(crate::browser::new_id(), draft.clone()));
                if saved {
                    self.loaded.set_value(draft);
                }
                saved
            }
            Some(id) => self.save_changes(store, pid, entity(id)),
        }
    }

    /// Saves a stored record's draft as the fields the user changed since the form opened.
    pub fn save_changes(self, store: ProjectStore, pid: Id, entity: EntityRef) -> bool {
        let draft = self.draft.get_untracked();
        let fields = self.loaded.with_value(|loaded| changed_fields(loaded, &draft));
        let saved = fields.is_empty() || store.run(Command::SetMany { project: pid, entity, fields });
        if saved {
            self.loaded.set_value(draft);
        }
        saved
    }

    /// Starts again from `record` (a new record's form, emptied for the next one).
    pub fn reset(self, record: T) {
        self.loaded.set_value(record.clone());
        self.draft.set(record);
    }
}

#[component]
pub fn EntityForm(
    /// A stored record (else a new one): shows the delete button and the caller's actions.
    editing: bool,
    words: FormWords,
    /// More CSS classes of the form.
    #[prop(optional)]
    class: &'static str,
    /// Saves the draft; true when saved (the form then closes).
    on_save: Callback<(), bool>,
    /// Deletes the record, once the user has confirmed.
    on_delete: Callback<()>,
    /// The record's name, in the delete confirmation.
    #[prop(into)]
    name: Signal<String>,
    /// Closes the form without saving.
    on_close: Callback<()>,
    /// The close button's word (Cancel unless given).
    #[prop(optional)]
    close_label: Option<K>,
    /// Drawn beside the title (a level badge).
    #[prop(optional, into)]
    badge: Option<ViewFn>,
    /// Drawn under the title (a hint).
    #[prop(optional, into)]
    intro: Option<ViewFn>,
    /// More buttons for a stored record (turn into an issue, export, print).
    #[prop(optional, into)]
    actions: Option<ViewFn>,
    /// The fields.
    children: Children,
) -> impl IntoView {
    let i18n = expect_i18n();
    let confirm_delete = RwSignal::new(false);
    let title = move || i18n.t(if editing { words.edit } else { words.new });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if on_save.run(()) {
            on_close.run(());
        }
    };
    view! {
        <form class=format!("card form {class}") aria-label=title on:submit=submit>
            <h2>{title} {badge.map(|b| view! { " " {move || b.run()} })}</h2>
            {intro.map(|v| move || v.run())}
            <div class="form-grid">{children()}</div>
            <div class="form-actions">
                {editing.then(|| view! {
                    <button type="button" class="danger" on:click=move |_| confirm_delete.set(true)>{move || i18n.t(K::Delete)}</button>
                    {actions.map(|v| move || v.run())}
                })}
                <button type="button" on:click=move |_| on_close.run(())>{move || i18n.t(close_label.unwrap_or(K::Cancel))}</button>
                <button type="submit" class="primary">{move || i18n.t(K::Save)}</button>
            </div>
            <Show when=move || confirm_delete.get()>
                <ConfirmDialog
                    title=i18n.t(words.delete).to_string()
                    message=name.get_untracked()
                    confirm_label=i18n.t(K::Delete).to_string()
                    on_confirm=Callback::new(move |_| {
                        on_delete.run(());
                        confirm_delete.set(false);
                        on_close.run(());
                    })
                    on_cancel=Callback::new(move |_| confirm_delete.set(false))
                />
            </Show>
        </form>
    }
}
