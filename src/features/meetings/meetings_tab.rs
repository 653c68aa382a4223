//! Meetings (定例会議): the list, newest first, with the open action items of each; the regular
//! cadence; and the form of the meeting chosen or being created.

use leptos::prelude::*;
use mieruka_core::Id;

use crate::features::meetings::meeting_cadence::MeetingCadence;
use crate::features::meetings::meeting_form::MeetingForm;
use crate::i18n::{expect_i18n, K};
use crate::state::expect_store;

#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: Id,
    date: chrono::NaiveDate,
    title: String,
    attendees: usize,
    open: usize,
    actions: usize,
}

/// The project's meetings, their minutes and action items.
#[component]
pub fn MeetingsTab(
    /// The project shown.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    // None: no form; Some(None): a new meeting; Some(Some(id)): that meeting.
    let editing = RwSignal::new(None::<Option<Id>>);
    let rows = Memo::new(move |_| {
        let mut v = store
            .with_project(pid, |p| {
                p.meetings
                    .iter()
                    .map(|(id, m)| {
                        let items: Vec<_> = p.action_items.values().filter(|a| a.meeting == *id).collect();
                        Row {
                            id: *id,
                            date: m.date,
                            title: m.title.clone(),
                            attendees: m.attendees.len(),
                            open: items.iter().filter(|a| a.is_open(p)).count(),
                            actions: items.len(),
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        v.sort_by(|a, b| b.date.cmp(&a.date).then(b.title.cmp(&a.title)));
        v
    });
    view! {
        <div class="tab-body meetings">
            <div class="toolbar">
                <button class="primary" on:click=move |_| editing.set(Some(None))>{move || i18n.t(K::NewMeeting)}</button>
                <MeetingCadence pid=pid/>
            </div>
            {move || editing.get().map(|id| view! {
                <MeetingForm
                    pid=pid
                    id=id
                    on_saved=Callback::new(move |id: Id| editing.set(Some(Some(id))))
                    on_close=Callback::new(move |_| editing.set(None))
                />
            })}
            <Show when=move || !rows.with(|r| r.is_empty()) fallback=move || view! { <p class="empty-state">{move || i18n.t(K::NoMeetings)}</p> }>
                <table class="grid meetings-list">
                    <caption class="sr-only">{move || i18n.t(K::MeetingsLabel)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(K::MeetingDate)}</th>
                            <th scope="col">{move || i18n.t(K::Title)}</th>
                            <th scope="col">{move || i18n.t(K::AttendeesCount)}</th>
                            <th scope="col">{move || i18n.t(K::OpenActionsCol)}</th>
                            <th scope="col">{move || i18n.t(K::Actions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|r| format!("{r:?}") let:r>
                            {
                                let id = r.id;
                                let title = r.title.clone();
                                view! {
                                    <tr class:selected=move || editing.get() == Some(Some(id))>
                                        <td>{move || i18n.date(Some(r.date))}</td>
                                        <td>{r.title.clone()}</td>
                                        <td class="num">{r.attendees}</td>
                                        <td class="num">
                                            {format!("{} / {}", r.open, r.actions)}
                                        </td>
                                        <td>
                                            <button aria-label=move || format!("{} {}", i18n.t(K::Open), title) on:click=move |_| editing.set(Some(Some(id)))>
                                                {move || i18n.t(K::Open)}
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </Show>
        </div>
    }
}
