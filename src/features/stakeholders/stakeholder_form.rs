//! Create or edit one entry of the stakeholder register (ステークホルダー登録簿).

use leptos::prelude::*;
use mieruka_core::{Command, Engagement, EntityRef, Frequency, Id, Stakeholder};

use crate::i18n::{expect_i18n, options, K};
use crate::state::expect_store;
use crate::ui::entity_form::{EntityForm, FormDraft, FormWords};
use crate::ui::form_fields::{member_options, select_field, text_field, textarea_field};

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
    let form = FormDraft::open(store, pid, id, |p, id| p.stakeholders.get(&id).cloned(), Default::default);
    let draft = form.draft;
    let member_options = move || member_options(store, pid);
    let save = move |_| {
        form.save(store, pid, id, EntityRef::stakeholder, |id, stakeholder| Command::AddStakeholder {
            project: pid,
            id,
            stakeholder,
        })
    };
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
        <EntityForm
            editing=id.is_some()
            words=FormWords { new: K::NewStakeholder, edit: K::EditStakeholder, delete: K::DeleteStakeholder }
            on_save=Callback::new(save)
            on_delete=Callback::new(move |_| if let Some(id) = id { store.run(Command::Delete { project: pid, entity: EntityRef::stakeholder(id) }); })
            name=Signal::derive(move || draft.with(|d| d.name.clone()))
            on_close=on_close
        >
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
        </EntityForm>
    }
}
