//! The issued reports of a project, newest first.

use leptos::prelude::*;
use mieruka_core::{Id, ReportStatus};

use crate::i18n::{expect_i18n, K};
use crate::state::expect_store;

#[component]
pub fn ReportList(
    /// The project.
    pid: Id,
    /// The report shown now, if any (highlighted).
    #[prop(into)]
    selected: Signal<Option<Id>>,
    /// Called with the report the user opens.
    on_open: Callback<Id>,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let reports = Memo::new(move |_| {
        store
            .with_project(pid, |p| {
                let mut v: Vec<(Id, chrono::NaiveDate, chrono::NaiveDate, chrono::NaiveDate, ReportStatus, String)> = p
                    .reports
                    .iter()
                    .map(|(id, r)| (*id, r.issued_on, r.period_start, r.period_end, r.status, r.author.clone()))
                    .collect();
                v.sort_by_key(|r| std::cmp::Reverse((r.1, r.3, r.0)));
                v
            })
            .unwrap_or_default()
    });
    view! {
        <section class="report-list" aria-label=move || i18n.t(K::IssuedReports)>
            <h2>{move || i18n.t(K::IssuedReports)}</h2>
            <Show
                when=move || reports.with(|r| !r.is_empty())
                fallback=move || view! { <p class="empty-state">{move || i18n.t(K::NoReportsYet)}</p> }
            >
                <ul>
                    {move || reports.get().into_iter().map(|(id, issued, from, to, status, author)| {
                        let word = move || i18n.t(match status {
                            ReportStatus::Green => K::RagGreen,
                            ReportStatus::Amber => K::RagAmber,
                            ReportStatus::Red => K::RagRed,
                        });
                        view! {
                            <li class:active=move || selected.get() == Some(id)>
                                <button
                                    class="link"
                                    aria-label=move || format!("{}: {} – {}", i18n.t(K::OpenReport), i18n.date(Some(from)), i18n.date(Some(to)))
                                    on:click=move |_| on_open.run(id)
                                >
                                    {move || format!("{} – {}", i18n.date(Some(from)), i18n.date(Some(to)))}
                                </button>
                                <span class=format!("signal {}", status.as_str())>{word}</span>
                                <small>{move || format!("{} · {author}", i18n.date(Some(issued)))}</small>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}
