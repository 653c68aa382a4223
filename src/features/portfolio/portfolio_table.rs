//! The portfolio table: one row per project with its overall RAG (badge with a word), progress,
//! SPI, CPI, open issues, high risks, next milestone and slip, manager; sortable columns, a text /
//! RAG / manager filter and a switch for archived projects. A stored project's name opens its
//! dashboard; a project shown from a file says so and is not a link (it is not stored).

use leptos::prelude::*;
use mieruka_core::analytics::kpi::Rag;
use mieruka_core::analytics::portfolio::{managers, sort_rows, PortfolioRow, RowFilter, SortKey};
use mieruka_core::Id;

use crate::features::charts::dashboard_tab::{rag_word, reason_text};
use crate::features::reports::rag_badge::RagBadge;
use crate::i18n::{expect_i18n, K};
use crate::route::{expect_router, Route, Tab};
use crate::ui::sort_header::sort_header;

const RAG_CHOICES: [Rag; 4] = [Rag::Red, Rag::Amber, Rag::Green, Rag::Unknown];

#[component]
pub fn PortfolioTable(
    /// Every project's row (archived ones too; the switch shows them).
    #[prop(into)]
    rows: Signal<Vec<PortfolioRow>>,
    /// Projects shown from opened files rather than from this browser's storage.
    #[prop(into)]
    file_ids: Signal<Vec<Id>>,
) -> impl IntoView {
    let i18n = expect_i18n();
    let router = expect_router();
    let sort = RwSignal::new((SortKey::Rag, true));
    let text = RwSignal::new(String::new());
    let rag = RwSignal::new(None::<Rag>);
    let manager = RwSignal::new(None::<String>);
    let archived = RwSignal::new(false);

    let visible = Memo::new(move |_| {
        let filter =
            RowFilter { text: text.get(), rag: rag.get(), manager: manager.get(), include_archived: archived.get() };
        let mut v: Vec<PortfolioRow> = rows.with(|rs| rs.iter().filter(|r| filter.matches(r)).cloned().collect());
        let (key, desc) = sort.get();
        sort_rows(&mut v, key, desc);
        v
    });
    let manager_list = Memo::new(move |_| rows.with(|rs| managers(rs)));
    let ratio = |x: Option<f64>| x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into());

    view! {
        <div class="toolbar portfolio-filter" role="search">
            <label class="field inline">
                <span>{move || i18n.t(K::FilterText)}</span>
                <input
                    type="search"
                    placeholder=move || i18n.t(K::FilterTextHint)
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                />
            </label>
            <label class="field inline">
                <span>{move || i18n.t(K::KpiOverall)}</span>
                <select on:change=move |ev| {
                    let v = event_target_value(&ev);
                    rag.set(RAG_CHOICES.into_iter().find(|r| r.as_str() == v));
                }>
                    <option value="" prop:selected=move || rag.get().is_none()>{move || i18n.t(K::All)}</option>
                    {RAG_CHOICES
                        .into_iter()
                        .map(|r| view! {
                            <option value=r.as_str() prop:selected=move || rag.get() == Some(r)>{move || rag_word(&i18n, r)}</option>
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="field inline">
                <span>{move || i18n.t(K::Manager)}</span>
                <select on:change=move |ev| {
                    let v = event_target_value(&ev);
                    manager.set((!v.is_empty()).then_some(v));
                }>
                    <option value="" prop:selected=move || manager.get().is_none()>{move || i18n.t(K::All)}</option>
                    <For each=move || manager_list.get() key=|m| m.clone() let:m>
                        {
                            let m2 = m.clone();
                            view! { <option value=m.clone() prop:selected=move || manager.get().as_deref() == Some(m2.as_str())>{m.clone()}</option> }
                        }
                    </For>
                </select>
            </label>
            <label class="field check">
                <input type="checkbox" prop:checked=move || archived.get() on:change=move |ev| archived.set(event_target_checked(&ev))/>
                <span>{move || i18n.t(K::ShowArchived)}</span>
            </label>
        </div>
        <Show
            when=move || !visible.with(Vec::is_empty)
            fallback=move || view! { <p class="empty-state">{move || i18n.t(K::PortfolioNoMatch)}</p> }
        >
            <div class="table-scroll">
                <table class="grid portfolio">
                    <caption class="sr-only">{move || i18n.t(K::PortfolioTitle)}</caption>
                    <thead>
                        <tr>
                            {sort_header(i18n, sort, SortKey::Code, K::Code)}
                            {sort_header(i18n, sort, SortKey::Name, K::Name)}
                            {sort_header(i18n, sort, SortKey::Rag, K::KpiOverall)}
                            <th scope="col">{move || i18n.t(K::ColWhy)}</th>
                            {sort_header(i18n, sort, SortKey::Progress, K::Progress)}
                            {sort_header(i18n, sort, SortKey::Spi, K::ColSpi)}
                            {sort_header(i18n, sort, SortKey::Cpi, K::ColCpi)}
                            {sort_header(i18n, sort, SortKey::OpenIssues, K::KpiIssues)}
                            {sort_header(i18n, sort, SortKey::HighRisks, K::ColHighRisks)}
                            {sort_header(i18n, sort, SortKey::NextMilestone, K::KpiMilestone)}
                            {sort_header(i18n, sort, SortKey::Slip, K::ColSlip)}
                            {sort_header(i18n, sort, SortKey::Manager, K::Manager)}
                            {sort_header(i18n, sort, SortKey::Status, K::Status)}
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || visible.get() key=|r| format!("{r:?}") let:r>
                            {
                                let id = r.id;
                                let from_file = file_ids.with_untracked(|f| f.contains(&id));
                                let name = r.name.clone();
                                let reasons = r.reasons.clone();
                                let pct = r.progress;
                                let overall = r.overall;
                                let ms = r.next_milestone.clone();
                                let slip = ms.as_ref().map(|m| m.slip);
                                view! {
                                    <tr class:archived=r.archived class=format!("rag-row-{}", overall.as_str())>
                                        <td class="code">{r.code.clone()}</td>
                                        <th scope="row">
                                            {if from_file {
                                                view! {
                                                    <span>{name.clone()}</span>
                                                    " "
                                                    <span class="badge from-file">{move || i18n.t(K::FileCopy)}</span>
                                                }.into_any()
                                            } else {
                                                view! {
                                                    <a
                                                        href=Route::Project(id, Tab::Dashboard).href()
                                                        on:click=move |ev| {
                                                            ev.prevent_default();
                                                            router.go(Route::Project(id, Tab::Dashboard));
                                                        }
                                                    >
                                                        {name.clone()}
                                                    </a>
                                                }.into_any()
                                            }}
                                            {r.archived.then(|| view! { " " <span class="badge">{move || i18n.t(K::Archived)}</span> })}
                                        </th>
                                        <td><RagBadge rag=overall/></td>
                                        <td class="why">
                                            {move || {
                                                reasons
                                                    .iter()
                                                    .map(|(_, a)| reason_text(&i18n, a.reason))
                                                    .collect::<Vec<_>>()
                                                    .join(" · ")
                                            }}
                                        </td>
                                        <td class="num">
                                            <div
                                                class="progress"
                                                role="progressbar"
                                                aria-label=move || i18n.t(K::Progress)
                                                aria-valuemin="0"
                                                aria-valuemax="100"
                                                aria-valuenow=format!("{pct:.0}")
                                            >
                                                <div class="bar" style:width=format!("{pct:.0}%")></div>
                                                <span>{format!("{pct:.0}%")}</span>
                                            </div>
                                        </td>
                                        <td class="num">{ratio(r.spi)}</td>
                                        <td class="num">{ratio(r.cpi)}</td>
                                        <td class="num">{r.open_issues}</td>
                                        <td class="num">{r.high_risks}</td>
                                        <td>
                                            {ms.map(|m| view! {
                                                <span class="ms-date">{move || i18n.date(Some(m.due))}</span>
                                                " "
                                                <small>{m.title.clone()}</small>
                                            })}
                                        </td>
                                        <td class="num" class:late=slip.is_some_and(|s| s > 0)>
                                            {slip.map(|s| if s > 0 { format!("+{s}") } else { s.to_string() }).unwrap_or_else(|| "—".into())}
                                        </td>
                                        <td>{r.manager.clone()}</td>
                                        <td class="nowrap">{move || i18n.project_status(r.status)}</td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
        </Show>
    }
}
