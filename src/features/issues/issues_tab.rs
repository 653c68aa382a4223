//! The issue log (課題管理表): a sortable, filterable table and a detail form.

use leptos::prelude::*;
use mieruka_core::topic::Read;
use mieruka_core::{EntityKind, Id, IssueStatus, Priority};

use crate::browser;
use crate::features::issues::issue_form::IssueForm;
use crate::i18n::{expect_i18n, K};
use crate::state::expect_store;
use crate::ui::sort_header::sort_header;

#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: Id,
    no: usize,
    title: String,
    priority: Priority,
    status: IssueStatus,
    owner: String,
    raised_on: Option<chrono::NaiveDate>,
    due: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortBy {
    No,
    Title,
    Priority,
    Status,
    Owner,
    Due,
}

#[component]
pub fn IssuesTab(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let editing = RwSignal::new(None::<Option<Id>>);
    let sort = RwSignal::new((SortBy::No, false));
    let status_filter = RwSignal::new("active".to_string());
    let search = RwSignal::new(String::new());
    let today = browser::today();
    let rows = Memo::new(move |_| {
        let (by, desc) = sort.get();
        let status = status_filter.get();
        let q = search.get().to_lowercase();
        // The issues and their owners' names (numbers come from their creations in the log).
        let reads = [Read::Kind(EntityKind::Issue), Read::Kind(EntityKind::Member)];
        let mut v = store
            .read(pid, &reads, |p| {
                let nums = p.issue_numbers();
                p.issues
                    .iter()
                    .filter(|(_, i)| match status.as_str() {
                        "" => true,
                        "active" => i.status.is_open(),
                        s => i.status.as_str() == s,
                    })
                    .filter(|(_, i)| {
                        q.is_empty() || i.title.to_lowercase().contains(&q) || i.description.to_lowercase().contains(&q)
                    })
                    .map(|(id, i)| Row {
                        id: *id,
                        no: nums.get(id).copied().unwrap_or(0),
                        title: i.title.clone(),
                        priority: i.priority,
                        status: i.status,
                        owner: p.member_name(i.owner).to_string(),
                        raised_on: i.raised_on,
                        due: i.due,
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        v.sort_by(|a, b| {
            let o = match by {
                SortBy::No => a.no.cmp(&b.no),
                SortBy::Title => a.title.cmp(&b.title),
                SortBy::Priority => b.priority.cmp(&a.priority),
                SortBy::Status => a.status.cmp(&b.status),
                SortBy::Owner => a.owner.cmp(&b.owner),
                SortBy::Due => a.due.is_none().cmp(&b.due.is_none()).then(a.due.cmp(&b.due)),
            };
            if desc {
                o.reverse()
            } else {
                o
            }
        });
        v
    });
    let header = move |by: SortBy, k: K| sort_header(i18n, sort, by, k);
    view! {
        <div class="issues">
            <div class="toolbar">
                <button class="primary" on:click=move |_| editing.set(Some(None))>{move || i18n.t(K::NewIssue)}</button>
                <label class="field inline">
                    <span>{move || i18n.t(K::FilterStatus)}</span>
                    <select on:change=move |ev| status_filter.set(event_target_value(&ev))>
                        <option value="active" selected>{move || i18n.t(K::OpenOnly)}</option>
                        <option value="">{move || i18n.t(K::All)}</option>
                        {IssueStatus::ALL.iter().map(|s| { let s = *s; view! { <option value=s.as_str()>{move || i18n.issue_status(s)}</option> } }).collect_view()}
                    </select>
                </label>
                <label class="field inline">
                    <span>{move || i18n.t(K::Search)}</span>
                    <input type="search" prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
                </label>
            </div>
            {move || editing.get().map(|id| view! { <IssueForm pid=pid id=id on_close=Callback::new(move |_| editing.set(None))/> })}
            <Show when=move || !rows.with(|r| r.is_empty()) fallback=move || view! { <p class="empty-state">{move || i18n.t(K::NoIssues)}</p> }>
                <table class="grid">
                    <caption class="sr-only">{move || i18n.t(K::TabIssues)}</caption>
                    <thead>
                        <tr>
                            {header(SortBy::No, K::No)}
                            {header(SortBy::Title, K::Title)}
                            {header(SortBy::Priority, K::Priority)}
                            {header(SortBy::Status, K::Status)}
                            {header(SortBy::Owner, K::Owner)}
                            <th scope="col">{move || i18n.t(K::RaisedOn)}</th>
                            {header(SortBy::Due, K::Due)}
                            <th scope="col">{move || i18n.t(K::Actions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|r| format!("{:?}", r) let:r>
                            {
                                let late = r.status.is_open() && r.due.is_some_and(|d| d < today);
                                let id = r.id;
                                let label = format!("{} #{}", r.title, r.no);
                                view! {
                                    <tr class:overdue=late>
                                        <td class="num">{format!("#{}", r.no)}</td>
                                        <td>{r.title.clone()}</td>
                                        <td><span class=format!("prio prio-{}", r.priority.as_str())>{move || i18n.priority(r.priority)}</span></td>
                                        <td>{move || i18n.issue_status(r.status)}</td>
                                        <td>{r.owner.clone()}</td>
                                        <td>{move || i18n.date(r.raised_on)}</td>
                                        <td>
                                            {move || i18n.date(r.due)}
                                            {late.then(|| view! { <span class="badge late">{move || i18n.t(K::Overdue)}</span> })}
                                        </td>
                                        <td>
                                            <button aria-label=move || format!("{} {}", i18n.t(K::Edit), label) on:click=move |_| editing.set(Some(Some(id)))>
                                                {move || i18n.t(K::Edit)}
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
