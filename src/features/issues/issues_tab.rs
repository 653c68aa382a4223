//! The issue log (課題管理表): a sortable, filterable table and a detail form.

use leptos::prelude::*;
use mieruka_core::topic::Read;
use mieruka_core::{EntityKind, Id, IssueStatus, Number, Priority};

use crate::browser;
use crate::features::issues::issue_form::IssueForm;
use crate::i18n::{expect_i18n, K};
use crate::state::expect_store;
use crate::ui::csv_download::csv_file_name;
use crate::ui::register::{Column, OpenRow, Register};
use crate::ui::status_filter::{StatusFilter, StatusFilterSelect};

#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: Id,
    no: Number,
    title: String,
    priority: Priority,
    status: IssueStatus,
    owner: String,
    raised_on: Option<chrono::NaiveDate>,
    due: Option<chrono::NaiveDate>,
    late: bool,
}

crate::keyed_by!(Row, id: Id);

/// The issue log's columns, for the table and its CSV.
fn columns() -> Vec<Column<Row>> {
    type C = Column<Row>;
    vec![
        C::new(K::No, |r, _| format!("#{}", r.no)).num().sort(|a, b| a.no.cmp(&b.no)),
        C::new(K::Title, |r, _| r.title.clone()).sort(|a, b| a.title.cmp(&b.title)),
        C::new(K::Priority, |r, i18n| i18n.priority(r.priority).to_string())
            .sort(|a, b| b.priority.cmp(&a.priority))
            .view(|r, i18n| {
                view! { <span class=format!("prio prio-{}", r.priority.as_str())>{i18n.priority(r.priority)}</span> }
                    .into_any()
            }),
        C::new(K::Status, |r, i18n| i18n.issue_status(r.status).to_string()).sort(|a, b| a.status.cmp(&b.status)),
        C::new(K::Owner, |r, _| r.owner.clone()).sort(|a, b| a.owner.cmp(&b.owner)),
        C::new(K::RaisedOn, |r, i18n| i18n.date(r.raised_on)),
        C::new(K::Due, |r, i18n| i18n.date(r.due))
            .sort(|a, b| a.due.is_none().cmp(&b.due.is_none()).then(a.due.cmp(&b.due)))
            .view(|r, i18n| {
                view! {
                    {i18n.date(r.due)}
                    {r.late.then(|| view! { <span class="badge late">{i18n.t(K::Overdue)}</span> })}
                }
                .into_any()
            }),
    ]
}

#[component]
pub fn IssuesTab(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let editing = RwSignal::new(None::<Option<Id>>);
    let status_filter = RwSignal::new(StatusFilter::<IssueStatus>::default());
    let search = RwSignal::new(String::new());
    let today = browser::today();
    let rows = Memo::new(move |_| {
        let status = status_filter.get();
        let q = search.get().to_lowercase();
        // The issues and their owners' names (a legacy number comes from the creation in the log).
        let reads = [Read::Kind(EntityKind::Issue), Read::Kind(EntityKind::Member)];
        store
            .read(pid, &reads, |p| {
                let nums = p.issue_numbers();
                p.issues
                    .iter()
                    .filter(|(_, i)| status.keeps(i.status))
                    .filter(|(_, i)| {
                        q.is_empty() || i.title.to_lowercase().contains(&q) || i.description.to_lowercase().contains(&q)
                    })
                    .map(|(id, i)| Row {
                        id: *id,
                        no: nums.get(id).cloned().unwrap_or_default(),
                        title: i.title.clone(),
                        priority: i.priority,
                        status: i.status,
                        owner: p.member_name(i.owner).to_string(),
                        raised_on: i.raised_on,
                        due: i.due,
                        late: i.status.is_open() && i.due.is_some_and(|d| d < today),
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <div class="issues">
            <Register
                rows=rows
                columns=columns()
                caption=K::TabIssues
                empty=K::NoIssues
                class="issues-register"
                csv_file=Callback::new(move |_| csv_file_name(store, pid, "issues"))
                new_label=K::NewIssue
                on_new=Callback::new(move |_| editing.set(Some(None)))
                above_table=move || editing.get().map(|id| view! { <IssueForm pid=pid id=id on_close=Callback::new(move |_| editing.set(None))/> })
                open=OpenRow { label: K::Edit, name: |r: &Row| format!("{} #{}", r.title, r.no), on_open: Callback::new(move |id| editing.set(Some(Some(id)))) }
                row_class=|r: &Row| if r.late { "overdue".into() } else { String::new() }
            >
                <StatusFilterSelect filter=status_filter/>
                <label class="field inline">
                    <span>{move || i18n.t(K::Search)}</span>
                    <input type="search" prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                </label>
            </Register>
        </div>
    }
}
