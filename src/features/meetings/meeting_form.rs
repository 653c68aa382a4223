//! One meeting: date, title, attendees, agenda, minutes, decisions; its action items; the
//! minutes as Markdown or printed. A new meeting gets the next date of the regular cadence and an
//! agenda listing the open action items of earlier meetings.

use leptos::prelude::*;
use mieruka_core::minutes::{carried_over_agenda, meeting_minutes_markdown, next_meeting_date};
use mieruka_core::{Command, EntityRef, Id, Meeting, Project};

use crate::browser;
use crate::export_error::ExportError;
use crate::features::charts::chart_canvas::export_name;
use crate::features::meetings::action_items::ActionItems;
use crate::features::meetings::minutes_doc::MinutesDoc;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::ui::entity_form::{initial_draft, save_draft, EntityForm, FormWords};
use crate::ui::form_fields::{date_field, text_field, textarea_field};

#[component]
pub fn MeetingForm(
    /// The project.
    pid: Id,
    /// The meeting edited; None creates a new one.
    id: Option<Id>,
    /// Called with the id of a meeting just created (the form then edits it).
    on_saved: Callback<Id>,
    /// Called when the form closes.
    on_close: Callback<()>,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let carried = RwSignal::new(false);
    let stored = |p: &Project, id: Id| p.meetings.get(&id).cloned();
    let initial = initial_draft(store, pid, id, stored, || {
        store
            .with_project(pid, |p| {
                let date = next_meeting_date(p, browser::today());
                let agenda = carried_over_agenda(p, date, i18n.doc_lang());
                carried.set(!agenda.is_empty());
                Meeting {
                    date,
                    title: i18n.t(K::MeetingTitleDefault).to_string(),
                    attendees: p.members.keys().copied().collect(),
                    agenda,
                    ..Meeting::default()
                }
            })
            .unwrap_or_default()
    });
    let draft = RwSignal::new(initial);
    let people = move || {
        store
            .with_project(pid, |p| {
                let members: Vec<(Id, String)> = p.members.iter().map(|(id, m)| (*id, m.name.clone())).collect();
                let stakeholders: Vec<(Id, String)> = p
                    .stakeholders
                    .iter()
                    .map(|(id, s)| {
                        (
                            *id,
                            if s.organization.is_empty() {
                                s.name.clone()
                            } else {
                                format!("{} ({})", s.name, s.organization)
                            },
                        )
                    })
                    .collect();
                (members, stakeholders)
            })
            .unwrap_or_default()
    };
    let attendee_box = move |(aid, name): (Id, String)| {
        view! {
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || draft.with(|d| d.attendees.contains(&aid))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        draft.update(|d| {
                            d.attendees.retain(|a| *a != aid);
                            if on {
                                d.attendees.push(aid);
                            }
                        });
                    }
                />
                <span>{name}</span>
            </label>
        }
    };
    // A meeting stays open once saved (its action items and minutes are under it); a new one
    // opens as the stored meeting.
    let save_meeting = move |_| {
        let d = draft.get_untracked();
        match id {
            None => {
                let new_id = browser::new_id();
                if store.run(Command::AddMeeting { project: pid, id: new_id, meeting: d }) {
                    notices.info(i18n.t(K::MeetingCreated));
                    on_saved.run(new_id);
                }
            }
            Some(_) => {
                let add = |id, meeting| Command::AddMeeting { project: pid, id, meeting };
                if save_draft(store, pid, id, d, stored, EntityRef::meeting, add) {
                    notices.info(i18n.t(K::Saved));
                }
            }
        }
        false
    };
    let export_md = move |_| {
        let Some(id) = id else { return };
        let result = store
            .with_project(pid, |p| {
                let md = meeting_minutes_markdown(p, id, i18n.doc_lang())?;
                let date = p.meetings.get(&id).map(|m| m.date).unwrap_or_else(browser::today);
                Ok::<_, ExportError>((export_name(p.info.label(), "minutes", date, "md"), md))
            })
            .unwrap_or(Err(ExportError::NoProject));
        let downloaded =
            result.and_then(|(name, md)| Ok(browser::download(&name, "text/markdown;charset=utf-8", &md)?));
        if let Err(e) = downloaded {
            e.tell(&i18n, &notices);
        }
    };
    let print = move |_| {
        if let Err(e) = window().print() {
            ExportError::Browser(e.into()).tell(&i18n, &notices);
        }
    };
    view! {
        <div class="meeting-detail">
            <EntityForm
                editing=id.is_some()
                words=FormWords { new: K::NewMeeting, edit: K::EditMeeting, delete: K::DeleteMeeting }
                on_save=Callback::new(save_meeting)
                on_delete=Callback::new(move |_| if let Some(id) = id { store.run(Command::Delete { project: pid, entity: EntityRef::meeting(id) }); })
                name=Signal::derive(move || draft.with(|d| d.title.clone()))
                on_close=on_close
                class="meeting-form"
                close_label=K::Dismiss
                intro=move || carried.get().then(|| view! { <p class="hint">{move || i18n.t(K::AgendaCarried)}</p> })
                actions=move || view! {
                    <button type="button" on:click=export_md>{move || i18n.t(K::ExportMinutesMd)}</button>
                    <button type="button" on:click=print>{move || i18n.t(K::PrintMinutes)}</button>
                }
            >
                    {date_field(i18n, K::MeetingDate, move || draft.with(|d| Some(d.date)), move |v| {
                        if let Some(v) = v {
                            draft.update(|d| d.date = v)
                        }
                    })}
                    {text_field(i18n, K::Title, move || draft.with(|d| d.title.clone()), move |v| draft.update(|d| d.title = v))}
                    <fieldset class="field wide attendees">
                        <legend>{move || i18n.t(K::Attendees)}</legend>
                        {move || {
                            let (members, stakeholders) = people();
                            view! {
                                <div class="attendee-group" role="group" aria-label=move || i18n.t(K::PersonMembers)>
                                    <span class="muted small">{move || i18n.t(K::PersonMembers)}</span>
                                    {members.into_iter().map(attendee_box).collect_view()}
                                </div>
                                <div class="attendee-group" role="group" aria-label=move || i18n.t(K::PersonStakeholders)>
                                    <span class="muted small">{move || i18n.t(K::PersonStakeholders)}</span>
                                    {stakeholders.into_iter().map(attendee_box).collect_view()}
                                </div>
                            }
                        }}
                    </fieldset>
                    {textarea_field(i18n, K::Agenda, move || draft.with(|d| d.agenda.clone()), move |v| draft.update(|d| d.agenda = v))}
                    {textarea_field(i18n, K::MinutesText, move || draft.with(|d| d.minutes.clone()), move |v| draft.update(|d| d.minutes = v))}
                    {textarea_field(i18n, K::Decisions, move || draft.with(|d| d.decisions.clone()), move |v| draft.update(|d| d.decisions = v))}
            </EntityForm>
            {id.map(|mid| view! {
                <ActionItems pid=pid meeting=mid/>
                <MinutesDoc pid=pid meeting=mid/>
            })}
        </div>
    }
}
