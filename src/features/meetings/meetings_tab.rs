//! Meetings (定例会議): the list, newest first, with the open action items of each; the regular
//! cadence; and the form of the meeting chosen or being created.

use leptos::prelude::*;
use mieruka_core::Id;

use crate::features::meetings::meeting_cadence::MeetingCadence;
use crate::features::meetings::meeting_form::MeetingForm;
use crate::i18n::K;
use crate::state::expect_store;
use crate::ui::csv_download::csv_file_name;
use crate::ui::register::{Column, OpenRow, Register};

#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: Id,
    date: chrono::NaiveDate,
    title: String,
    attendees: usize,
    open: usize,
    actions: usize,
}

crate::keyed_by!(Row, id: Id);

/// The meeting list's columns, for the table and its CSV.
fn columns() -> Vec<Column<Row>> {
    type C = Column<Row>;
    vec![
        C::new(K::MeetingDate, |r, i18n| i18n.date(Some(r.date)))
            .sort(|a, b| a.date.cmp(&b.date).then(a.title.cmp(&b.title))),
        C::new(K::Title, |r, _| r.title.clone()).sort(|a, b| a.title.cmp(&b.title)),
        C::new(K::AttendeesCount, |r, _| r.attendees.to_string()).num(),
        C::new(K::OpenActionsCol, |r, _| format!("{} / {}", r.open, r.actions)).num(),
    ]
}

/// The project's meetings, their minutes and action items.
#[component]
pub fn MeetingsTab(
    /// The project shown.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    // None: no form; Some(None): a new meeting; Some(Some(id)): that meeting.
    let editing = RwSignal::new(None::<Option<Id>>);
    let rows = Memo::new(move |_| {
        store
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
            .unwrap_or_default()
    });
    let selected = Signal::derive(move || editing.get().flatten());
    view! {
        <div class="tab-body meetings">
            <Register
                rows=rows
                columns=columns()
                // Newest first.
                initial_sort=(0, true)
                caption=K::MeetingsLabel
                empty=K::NoMeetings
                class="meetings-register"
                table_class="meetings-list"
                csv_file=Callback::new(move |_| csv_file_name(store, pid, "meetings"))
                new_label=K::NewMeeting
                on_new=Callback::new(move |_| editing.set(Some(None)))
                above_table=move || editing.get().map(|id| view! {
                    <MeetingForm
                        pid=pid
                        id=id
                        on_saved=Callback::new(move |id: Id| editing.set(Some(Some(id))))
                        on_close=Callback::new(move |_| editing.set(None))
                    />
                })
                open=OpenRow { label: K::Open, name: |r: &Row| r.title.clone(), on_open: Callback::new(move |id| editing.set(Some(Some(id)))) }
                selected=selected
            >
                <MeetingCadence pid=pid/>
            </Register>
        </div>
    }
}
