//! Create or edit an issue (課題).

use leptos::prelude::*;
use mieruka_core::{Command, EntityRef, Id, Issue, IssueStatus, Priority};

use crate::browser;
use crate::i18n::{expect_i18n, options, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::ui::entity_form::{EntityForm, FormDraft, FormWords};
use crate::ui::form_fields::{
    date_field, ids_to_numbers, member_options, numbers_to_ids, select_field, text_field, textarea_field, wbs_numbers,
};

#[component]
pub fn IssueForm(
    /// The project.
    pid: Id,
    /// The issue edited; None creates a new one.
    id: Option<Id>,
    /// Called when the form closes.
    on_close: Callback<()>,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let new = || Issue { raised_on: Some(browser::today()), ..Issue::default() };
    let form = FormDraft::open(store, pid, id, |p, id| p.issues.get(&id).cloned(), new);
    let draft = form.draft;
    let numbers = move || store.with_project(pid, wbs_numbers).unwrap_or_default();
    let linked_text = RwSignal::new(draft.with_untracked(|d| ids_to_numbers(&d.linked_tasks, &numbers())));
    let member_options = move || member_options(store, pid);
    let save = move |_| {
        match numbers_to_ids(&linked_text.get_untracked(), &numbers()) {
            Ok(ids) => draft.update(|d| d.linked_tasks = ids),
            Err(e) => {
                notices.error(e.message(&i18n));
                return false;
            }
        }
        form.save(store, pid, id, EntityRef::issue, |id, issue| Command::AddIssue { project: pid, id, issue })
    };
    view! {
        <EntityForm
            editing=id.is_some()
            words=FormWords { new: K::NewIssue, edit: K::EditIssue, delete: K::DeleteIssue }
            on_save=Callback::new(save)
            on_delete=Callback::new(move |_| if let Some(id) = id { store.run(Command::Delete { project: pid, entity: EntityRef::issue(id) }); })
            name=Signal::derive(move || draft.with(|d| d.title.clone()))
            on_close=on_close
        >
                {text_field(i18n, K::Title, move || draft.with(|d| d.title.clone()), move |v| draft.update(|d| d.title = v))}
                {select_field(
                    i18n,
                    K::Status,
                    move || options(IssueStatus::ALL, IssueStatus::as_str, |s| i18n.issue_status(s)),
                    move || draft.with(|d| d.status.as_str().to_string()),
                    move |v| draft.update(|d| d.status = IssueStatus::parse(&v).unwrap_or_default()),
                )}
                {select_field(
                    i18n,
                    K::Priority,
                    move || options(Priority::ALL, Priority::as_str, |p| i18n.priority(p)),
                    move || draft.with(|d| d.priority.as_str().to_string()),
                    move |v| draft.update(|d| d.priority = Priority::parse(&v).unwrap_or_default()),
                )}
                {select_field(
                    i18n,
                    K::Owner,
                    member_options,
                    move || draft.with(|d| d.owner.map(|o| o.to_string()).unwrap_or_default()),
                    move |v| draft.update(|d| d.owner = Id::parse_str(&v).ok()),
                )}
                {text_field(i18n, K::RaisedBy, move || draft.with(|d| d.raised_by.clone()), move |v| draft.update(|d| d.raised_by = v))}
                {date_field(i18n, K::RaisedOn, move || draft.with(|d| d.raised_on), move |v| draft.update(|d| d.raised_on = v))}
                {date_field(i18n, K::Due, move || draft.with(|d| d.due), move |v| draft.update(|d| d.due = v))}
                <label class="field">
                    <span>{move || i18n.t(K::LinkedTasksNumbers)}</span>
                    <input type="text" placeholder="1.2, 2.1" prop:value=move || linked_text.get() on:input=move |ev| linked_text.set(event_target_value(&ev))/>
                </label>
                {move || {
                    let risks = draft.with(|d| d.linked_risks.clone());
                    (!risks.is_empty()).then(|| {
                        let names = store
                            .with_project(pid, |p| {
                                let nums = p.risk_numbers();
                                risks.iter().filter_map(|r| p.risks.get(r).map(|k| format!("R{} {}", nums.get(r).cloned().unwrap_or_default(), k.title))).collect::<Vec<_>>().join(", ")
                            })
                            .unwrap_or_default();
                        view! {
                            <div class="field">
                                <span>{move || i18n.t(K::LinkedRisks)}</span>
                                <span>{names}</span>
                            </div>
                        }
                    })
                }}
                {textarea_field(i18n, K::Description, move || draft.with(|d| d.description.clone()), move |v| draft.update(|d| d.description = v))}
                {textarea_field(i18n, K::Resolution, move || draft.with(|d| d.resolution.clone()), move |v| draft.update(|d| d.resolution = v))}
        </EntityForm>
    }
}
