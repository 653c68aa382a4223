//! The action items of one meeting, as a register (done, action, owner, due, what it became):
//! ticked off in the row, opened in the one entity form to edit, delete, or turn into a WBS task
//! or an issue; exported as CSV like every register.

use chrono::NaiveDate;
use leptos::prelude::*;
use mieruka_core::{ActionItemField, Command, EntityRef, Id};
use serde_json::json;

use crate::browser;
use crate::features::meetings::action_item_form::ActionItemForm;
use crate::i18n::{expect_i18n, K};
use crate::route::{Route, Tab};
use crate::state::expect_store;
use crate::ui::csv_download::csv_file_name;
use crate::ui::register::{Column, OpenRow, Register};

#[derive(Debug, Clone, PartialEq)]
struct Row {
    pid: Id,
    id: Id,
    title: String,
    done: bool,
    /// Not done, and not settled by the task or issue it became.
    open: bool,
    late: bool,
    owner: String,
    due: Option<NaiveDate>,
    /// (WBS number, title) of the task it became.
    task: Option<(String, String)>,
    /// (issue number, title) of the issue it became.
    issue: Option<(mieruka_core::Number, String)>,
}

crate::keyed_by!(Row, id: Id);

/// "Task 1.2 Title" and "Issue #3 Title", the cell's text and its links' names.
fn became(r: &Row, i18n: crate::i18n::I18n) -> Vec<(Tab, String)> {
    let task = r.task.as_ref().map(|(n, t)| (Tab::Wbs, format!("{} {n} {t}", i18n.t(K::BecameTask))));
    let issue = r.issue.as_ref().map(|(n, t)| (Tab::Issues, format!("{} #{n} {t}", i18n.t(K::BecameIssue))));
    task.into_iter().chain(issue).collect()
}

/// The register's columns, for the table and its CSV.
fn columns() -> Vec<Column<Row>> {
    type C = Column<Row>;
    vec![
        C::new(K::ActionDone, |r, i18n| if r.done { i18n.t(K::ActionDone).to_string() } else { String::new() })
            .sort(|a, b| a.done.cmp(&b.done))
            .view(|r, i18n| {
                let store = expect_store();
                let (pid, id, done) = (r.pid, r.id, r.done);
                view! {
                    <input
                        type="checkbox"
                        aria-label=format!("{}: {}", i18n.t(K::ActionDone), r.title)
                        prop:checked=done
                        on:change=move |ev| {
                            let field = ActionItemField::Done.into();
                            let value = json!(event_target_checked(&ev));
                            store.run(Command::Set { project: pid, entity: EntityRef::action_item(id), field, value });
                        }
                    />
                }
                .into_any()
            }),
        C::new(K::ActionTitle, |r, _| r.title.clone()).row_header().sort(|a, b| a.title.cmp(&b.title)),
        C::new(K::Owner, |r, _| r.owner.clone()).sort(|a, b| a.owner.cmp(&b.owner)),
        C::new(K::Due, |r, i18n| i18n.date(r.due))
            // Undated items last, whichever the direction.
            .sort_rows(|v, desc| {
                v.sort_by(|a, b| {
                    let by_due = match (a.due, b.due) {
                        (Some(x), Some(y)) if desc => y.cmp(&x),
                        (x, y) => (x.is_none(), x).cmp(&(y.is_none(), y)),
                    };
                    by_due.then_with(|| a.title.cmp(&b.title))
                })
            })
            .view(|r, i18n| {
                let late = r.late.then(|| view! { " " <span class="badge late">{i18n.t(K::Overdue)}</span> });
                view! { {i18n.date(r.due)} {late} }.into_any()
            }),
        C::new(K::Became, |r, i18n| became(r, i18n).into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(" / "))
            .class("links")
            .view(|r, i18n| {
                let pid = r.pid;
                became(r, i18n)
                    .into_iter()
                    .map(|(tab, text)| view! { <a href=Route::Project(pid, tab).href()>{text}</a> " " })
                    .collect_view()
                    .into_any()
            }),
    ]
}

/// The due column: the register opens sorted by due date, undated last.
const DUE_COLUMN: usize = 3;

#[component]
pub fn ActionItems(
    /// The project.
    pid: Id,
    /// The meeting whose action items are shown.
    meeting: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    // None: no form; Some(None): a new item; Some(Some(id)): that item.
    let editing = RwSignal::new(None::<Option<Id>>);
    let rows = Memo::new(move |_| {
        let today = browser::today();
        store
            .with_project(pid, |p| {
                let numbers = crate::ui::form_fields::wbs_numbers(p);
                let issue_numbers = p.issue_numbers();
                p.action_items
                    .iter()
                    .filter(|(_, a)| a.meeting == meeting)
                    .map(|(id, a)| {
                        let open = a.is_open(p);
                        Row {
                            pid,
                            id: *id,
                            title: a.title.clone(),
                            done: a.done,
                            open,
                            late: open && a.due.is_some_and(|d| d < today),
                            owner: p.person_name(a.owner).to_string(),
                            due: a.due,
                            task: a.task.and_then(|t| {
                                let task = p.tasks.get(&t)?;
                                let n = numbers.iter().find(|(i, _)| *i == t).map(|(_, n)| n.clone());
                                Some((n.unwrap_or_default(), task.title.clone()))
                            }),
                            issue: a.issue.and_then(|i| {
                                Some((
                                    issue_numbers.get(&i).cloned().unwrap_or_default(),
                                    p.issues.get(&i)?.title.clone(),
                                ))
                            }),
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <section class="card action-items" aria-label=move || i18n.t(K::ActionItems)>
            <h2>{move || i18n.t(K::ActionItems)}</h2>
            <Register
                rows=rows
                columns=columns()
                initial_sort=(DUE_COLUMN, false)
                caption=K::ActionItems
                empty=K::NoActions
                class="action-register"
                table_class="compact"
                csv_file=Callback::new(move |_| csv_file_name(store, pid, "actions"))
                new_label=K::AddAction
                on_new=Callback::new(move |_| editing.set(Some(None)))
                row_class=|r: &Row| match (r.open, r.late) {
                    (false, _) => "done".into(),
                    (true, true) => "overdue".into(),
                    (true, false) => String::new(),
                }
                selected=Signal::derive(move || editing.get().flatten())
                above_table=move || editing.get().map(|id| view! {
                    <ActionItemForm pid=pid meeting=meeting id=id on_close=Callback::new(move |_| editing.set(None))/>
                })
                open=OpenRow { label: K::Edit, name: |r: &Row| r.title.clone(), on_open: Callback::new(move |id| editing.set(Some(Some(id)))) }
            />
        </section>
    }
}
