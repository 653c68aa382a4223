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
use crate::i18n::{expect_i18n, I18n, K};
use crate::route::{expect_router, Route, Tab};
use crate::ui::register::{Column, Register};

const RAG_CHOICES: [Rag; 4] = [Rag::Red, Rag::Amber, Rag::Green, Rag::Unknown];

crate::keyed_by!(PortfolioRow, id: Id);

/// The projects shown from opened files rather than from this browser's storage (for the cells).
#[derive(Clone, Copy)]
struct FileIds(Signal<Vec<Id>>);

fn ratio(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into())
}

fn slip(r: &PortfolioRow) -> String {
    r.next_milestone
        .as_ref()
        .map(|m| if m.slip > 0 { format!("+{}", m.slip) } else { m.slip.to_string() })
        .unwrap_or_else(|| "—".into())
}

/// The name: a link to the stored project's dashboard, or the file copy's name, marked.
fn name_cell(r: &PortfolioRow, i18n: I18n) -> AnyView {
    let id = r.id;
    let from_file = use_context::<FileIds>().is_some_and(|f| f.0.with_untracked(|v| v.contains(&id)));
    let name = r.name.clone();
    let archived = r.archived.then(|| view! { " " <span class="badge">{i18n.t(K::Archived)}</span> });
    if from_file {
        view! { <span>{name}</span> " " <span class="badge from-file">{i18n.t(K::FileCopy)}</span> {archived} }
            .into_any()
    } else {
        let router = expect_router();
        view! {
            <a
                href=Route::Project(id, Tab::Dashboard).href()
                on:click=move |ev| {
                    ev.prevent_default();
                    router.go(Route::Project(id, Tab::Dashboard));
                }
            >
                {name}
            </a>
            {archived}
        }
        .into_any()
    }
}

fn progress_cell(r: &PortfolioRow, i18n: I18n) -> AnyView {
    let pct = r.progress;
    view! {
        <div
            class="progress"
            role="progressbar"
            aria-label=i18n.t(K::Progress)
            aria-valuemin="0"
            aria-valuemax="100"
            aria-valuenow=format!("{pct:.0}")
        >
            <div class="bar" style:width=format!("{pct:.0}%")></div>
            <span>{format!("{pct:.0}%")}</span>
        </div>
    }
    .into_any()
}

/// The portfolio's columns, for the table and its CSV; sorted as the core sorts (blanks last).
fn columns() -> Vec<Column<PortfolioRow>> {
    type C = Column<PortfolioRow>;
    vec![
        C::new(K::Code, |r, _| r.code.clone()).class("code").sort_rows(|v, d| sort_rows(v, SortKey::Code, d)),
        C::new(K::Name, |r, _| r.name.clone())
            .row_header()
            .view(name_cell)
            .sort_rows(|v, d| sort_rows(v, SortKey::Name, d)),
        C::new(K::KpiOverall, |r, i18n| rag_word(&i18n, r.overall).to_string())
            .view(|r, _| view! { <RagBadge rag=r.overall/> }.into_any())
            .sort_rows(|v, d| sort_rows(v, SortKey::Rag, d)),
        C::new(K::ColWhy, |r, i18n| {
            r.reasons.iter().map(|(_, a)| reason_text(&i18n, a.reason)).collect::<Vec<_>>().join(" · ")
        })
        .class("why"),
        C::new(K::Progress, |r, _| format!("{:.0}%", r.progress))
            .class("num")
            .view(progress_cell)
            .sort_rows(|v, d| sort_rows(v, SortKey::Progress, d)),
        C::new(K::ColSpi, |r, _| ratio(r.spi)).class("num").sort_rows(|v, d| sort_rows(v, SortKey::Spi, d)),
        C::new(K::ColCpi, |r, _| ratio(r.cpi)).class("num").sort_rows(|v, d| sort_rows(v, SortKey::Cpi, d)),
        C::new(K::KpiIssues, |r, _| r.open_issues.to_string())
            .class("num")
            .sort_rows(|v, d| sort_rows(v, SortKey::OpenIssues, d)),
        C::new(K::ColHighRisks, |r, _| r.high_risks.to_string())
            .class("num")
            .sort_rows(|v, d| sort_rows(v, SortKey::HighRisks, d)),
        C::new(K::KpiMilestone, |r, i18n| {
            r.next_milestone.as_ref().map(|m| format!("{} {}", i18n.date(Some(m.due)), m.title)).unwrap_or_default()
        })
        .view(|r, i18n| {
            r.next_milestone
                .clone()
                .map(|m| view! { <span class="ms-date">{i18n.date(Some(m.due))}</span> " " <small>{m.title}</small> })
                .into_any()
        })
        .sort_rows(|v, d| sort_rows(v, SortKey::NextMilestone, d)),
        C::new(K::ColSlip, slip_text)
            .class("num")
            .view(|r, _| {
                let late = r.next_milestone.as_ref().is_some_and(|m| m.slip > 0);
                view! { <span class:late=late>{slip(r)}</span> }.into_any()
            })
            .sort_rows(|v, d| sort_rows(v, SortKey::Slip, d)),
        C::new(K::Manager, |r, _| r.manager.clone()).sort_rows(|v, d| sort_rows(v, SortKey::Manager, d)),
        C::new(K::Status, |r, i18n| i18n.project_status(r.status).to_string())
            .class("nowrap")
            .sort_rows(|v, d| sort_rows(v, SortKey::Status, d)),
    ]
}

fn slip_text(r: &PortfolioRow, _: I18n) -> String {
    slip(r)
}

/// Sorted first by the overall RAG, worst first.
const RAG_COLUMN: usize = 2;

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
    provide_context(FileIds(file_ids));
    let text = RwSignal::new(String::new());
    let rag = RwSignal::new(None::<Rag>);
    let manager = RwSignal::new(None::<String>);
    let archived = RwSignal::new(false);

    let visible = Memo::new(move |_| {
        let filter =
            RowFilter { text: text.get(), rag: rag.get(), manager: manager.get(), include_archived: archived.get() };
        rows.with(|rs| rs.iter().filter(|r| filter.matches(r)).cloned().collect::<Vec<_>>())
    });
    let manager_list = Memo::new(move |_| rows.with(|rs| managers(rs)));

    view! {
        <Register
            rows=visible
            columns=columns()
            initial_sort=(RAG_COLUMN, true)
            caption=K::PortfolioTitle
            empty=K::PortfolioNoMatch
            class="portfolio"
            table_class="portfolio"
            csv_file=Callback::new(move |_| format!("portfolio-{}.csv", crate::browser::today()))
            row_class=|r: &PortfolioRow| format!("rag-row-{}{}", r.overall.as_str(), if r.archived { " archived" } else { "" })
        >
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
        </Register>
    }
}
