//! Create or edit one entry of the stakeholder register (ステークホルダー登録簿).

use leptos::prelude::*;
use mieruka_core::{Command, Engagement, EntityRef, Frequency, Id, Stakeholder};

use crate::browser;
use crate::i18n::{expect_i18n, options, K};
use crate::state::expect_store;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::form_fields::{changed_fields, select_field, text_field, textarea_field};

/// Options "1" … "5" for the influence and interest scales.
fn scale_options() -> Vec<(String, String)> {
    (1..=5u8).map(|k| (k.to_string(), k.to_string())).collect()
}

#[component]
pub fn StakeholderForm(
    /// The project.
    pid: Id,
    /// The stakeholder edited; None adds a new one.
    id: Option<Id>,
    /// Called when the form closes.
    on_close: Callback<()>,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let initial =
        id.and_then(|id| store.with_project(pid, |p| p.stakeholders.get(&id).cloned()).flatten()).unwrap_or_default();
    let draft = RwSignal::new(initial);
    let confirm_delete = RwSignal::new(false);
    let member_options = move || {
        let mut v = vec![(String::new(), "—".to_string())];
        v.extend(
            store
                .with_project(pid, |p| {
                    p.members.iter().map(|(id, m)| (id.to_string(), m.name.clone())).collect::<Vec<_>>()
                })
                .unwrap_or_default(),
        );
        v
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = draft.get_untracked();
        let ok = match id {
            None => store.run(Command::AddStakeholder { project: pid, id: browser::new_id(), stakeholder: d }),
            Some(id) => {
                let current =
                    store.with_project(pid, |p| p.stakeholders.get(&id).cloned()).flatten().unwrap_or_default();
                let fields = changed_fields(&current, &d);
                fields.is_empty()
                    || store.run(Command::SetMany { project: pid, entity: EntityRef::stakeholder(id), fields })
            }
        };
        if ok {
            on_close.run(());
        }
    };
    let title = move || if id.is_some() { i18n.t(K::EditStakeholder) } else { i18n.t(K::NewStakeholder) };
    let engagement = move |label: K, get: fn(&Stakeholder) -> Engagement, set: fn(&mut Stakeholder, Engagement)| {
        select_field(
            i18n,
            label,
            move || options(Engagement::ALL, Engagement::as_str, |e| i18n.engagement(e)),
            move || draft.with(|d| get(d).as_str().to_string()),
            move |v| draft.update(|d| set(d, Engagement::parse(&v).unwrap_or_default())),
        )
    };
    view! {
        <form class="card form" aria-label=title on:submit=save>
            <h2>{title}</h2>
            <div class="form-grid">
                {text_field(i18n, K::Name, move || draft.with(|d| d.name.clone()), move |v| draft.update(|d| d.name = v))}
                {text_field(i18n, K::Organization, move || draft.with(|d| d.organization.clone()), move |v| draft.update(|d| d.organization = v))}
                {text_field(i18n, K::Role, move || draft.with(|d| d.role.clone()), move |v| draft.update(|d| d.role = v))}
                {text_field(i18n, K::Contact, move || draft.with(|d| d.contact.clone()), move |v| draft.update(|d| d.contact = v))}
                {select_field(
                    i18n,
                    K::Influence,
                    scale_options,
                    move || draft.with(|d| d.influence.to_string()),
                    move |v| draft.update(|d| d.influence = v.parse().unwrap_or(3)),
                )}
                {select_field(
                    i18n,
                    K::Interest,
                    scale_options,
                    move || draft.with(|d| d.interest.to_string()),
                    move |v| draft.update(|d| d.interest = v.parse().unwrap_or(3)),
                )}
                {engagement(K::EngagementNow, |d| d.engagement_current, |d, e| d.engagement_current = e)}
                {engagement(K::EngagementNeeded, |d| d.engagement_desired, |d, e| d.engagement_desired = e)}
                {select_field(
                    i18n,
                    K::CommFrequency,
                    move || options(Frequency::ALL, Frequency::as_str, |f| i18n.frequency(f)),
                    move || draft.with(|d| d.frequency.as_str().to_string()),
                    move |v| draft.update(|d| d.frequency = Frequency::parse(&v).unwrap_or_default()),
                )}
                {text_field(i18n, K::CommChannel, move || draft.with(|d| d.channel.clone()), move |v| draft.update(|d| d.channel = v))}
                {select_field(
                    i18n,
                    K::AlsoMember,
                    member_options,
                    move || draft.with(|d| d.member.map(|m| m.to_string()).unwrap_or_default()),
                    move |v| draft.update(|d| d.member = Id::parse_str(&v).ok()),
                )}
                {textarea_field(i18n, K::CommWhat, move || draft.with(|d| d.communication.clone()), move |v| draft.update(|d| d.communication = v))}
            </div>
            <div class="form-actions">
                {id.map(|_| view! {
                    <button type="button" class="danger" on:click=move |_| confirm_delete.set(true)>{move || i18n.t(K::Delete)}</button>
                })}
                <button type="button" on:click=move |_| on_close.run(())>{move || i18n.t(K::Cancel)}</button>
                <button type="submit" class="primary">{move || i18n.t(K::Save)}</button>
            </div>
            <Show when=move || confirm_delete.get()>
                <ConfirmDialog
                    title=i18n.t(K::DeleteStakeholder).to_string()
                    message=draft.get_untracked().name
                    confirm_label=i18n.t(K::Delete).to_string()
                    on_confirm=Callback::new(move |_| {
                        if let Some(id) = id {
                            store.run(Command::Delete { project: pid, entity: EntityRef::stakeholder(id) });
                        }
                        confirm_delete.set(false);
                        on_close.run(());
                    })
                    on_cancel=Callback::new(move |_| confirm_delete.set(false))
                />
            </Show>
        </form>
    }
}
