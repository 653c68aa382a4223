//! The risk register (リスク管理表): sortable, filterable, level as colour and word.

use leptos::prelude::*;
use mieruka_core::topic::Read;
use mieruka_core::{EntityKind, Id, Number, RiskKind, RiskLevel, RiskStatus};

use crate::features::risks::risk_form::RiskForm;
use crate::features::risks::risk_matrix_panel::RiskMatrixPanel;
use crate::i18n::{expect_i18n, K};
use crate::state::expect_store;
use crate::ui::csv_download::csv_file_name;
use crate::ui::register::{Column, OpenRow, Register};
use crate::ui::risk_filter::expect_risk_filter;
use crate::ui::risk_level_badge::RiskLevelBadge;
use crate::ui::status_filter::{StatusFilter, StatusFilterSelect};

#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: Id,
    no: Number,
    kind: RiskKind,
    title: String,
    category: String,
    p: u8,
    i: u8,
    score: u8,
    level: RiskLevel,
    owner: String,
    status: RiskStatus,
    review: Option<chrono::NaiveDate>,
}

crate::keyed_by!(Row, id: Id);

/// The risk register's columns, for the table and its CSV.
fn columns() -> Vec<Column<Row>> {
    type C = Column<Row>;
    vec![
        C::new(K::No, |r, _| format!("R{}", r.no)).num().sort(|a, b| a.no.cmp(&b.no)),
        C::new(K::Kind, |r, i18n| i18n.risk_kind(r.kind).to_string()),
        C::new(K::Title, |r, _| r.title.clone()).sort(|a, b| a.title.cmp(&b.title)),
        C::new(K::Category, |r, _| r.category.clone()),
        C::new(K::ProbabilityCol, |r, _| r.p.to_string()).class("n").titled(K::ProbabilityShort),
        C::new(K::ImpactCol, |r, _| r.i.to_string()).class("n").titled(K::ImpactShort),
        C::new(K::Level, |r, i18n| format!("{} ({})", i18n.risk_level(r.level), r.score))
            .sort(|a, b| a.score.cmp(&b.score).then(b.no.cmp(&a.no)))
            .view(|r, _| view! { <RiskLevelBadge level=r.level score=r.score/> }.into_any()),
        C::new(K::Owner, |r, _| r.owner.clone()).sort(|a, b| a.owner.cmp(&b.owner)),
        C::new(K::Status, |r, i18n| i18n.risk_status(r.status).to_string()).sort(|a, b| a.status.cmp(&b.status)),
        C::new(K::ReviewDate, |r, i18n| i18n.date(r.review)).sort(|a, b| a.review.cmp(&b.review)),
    ]
}

/// The level column, sorted by score, highest first.
const LEVEL_COLUMN: usize = 6;

#[component]
pub fn RisksTab(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let editing = RwSignal::new(None::<Option<Id>>);
    let status_filter = RwSignal::new(StatusFilter::<RiskStatus>::default());
    let kind_filter = RwSignal::new(String::new());
    let cell_filter = expect_risk_filter();
    let rows = Memo::new(move |_| {
        let status = status_filter.get();
        let kind = kind_filter.get();
        let cell = cell_filter.get();
        // The risks and their owners' names (a legacy number comes from the creation in the log).
        let reads = [Read::Kind(EntityKind::Risk), Read::Kind(EntityKind::Member)];
        store
            .read(pid, &reads, |p| {
                let nums = p.risk_numbers();
                p.risks
                    .iter()
                    .filter(|(_, r)| status.keeps(r.status))
                    .filter(|(_, r)| kind.is_empty() || r.kind.as_str() == kind)
                    // A matrix cell shows the active risks of one kind at one position.
                    .filter(|(_, r)| {
                        cell.is_none_or(|c| {
                            let at = if c.residual {
                                mieruka_core::analytics::risk::residual_position(r)
                            } else {
                                (r.probability, r.impact)
                            };
                            r.kind == c.kind && r.status.is_active() && at == (c.p, c.i)
                        })
                    })
                    .map(|(id, r)| Row {
                        id: *id,
                        no: nums.get(id).cloned().unwrap_or_default(),
                        kind: r.kind,
                        title: r.title.clone(),
                        category: r.category.clone(),
                        p: r.probability,
                        i: r.impact,
                        score: r.score(),
                        level: r.level(),
                        owner: p.member_name(r.owner).to_string(),
                        status: r.status,
                        review: r.review_date,
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <div class="risks">
            <Register
                rows=rows
                columns=columns()
                initial_sort=(LEVEL_COLUMN, true)
                caption=K::TabRisks
                empty=K::NoRisks
                class="risks-register"
                csv_file=Callback::new(move |_| csv_file_name(store, pid, "risks"))
                new_label=K::NewRisk
                on_new=Callback::new(move |_| editing.set(Some(None)))
                above_table=move || view! {
                    <RiskMatrixPanel pid=pid/>
                    {move || cell_filter.get().map(|c| view! {
                        <p class="filter-chip" role="status">
                            {move || format!(
                                "{} {} {} × {} {} ({}, {})",
                                i18n.t(K::FilteredToCell), i18n.t(K::ProbabilityShort), c.p, i18n.t(K::ImpactShort), c.i,
                                i18n.risk_kind(c.kind),
                                i18n.t(if c.residual { K::Residual } else { K::Inherent }),
                            )}
                            " "
                            <button on:click=move |_| cell_filter.clear()>{move || i18n.t(K::ClearFilter)}</button>
                        </p>
                    })}
                    {move || editing.get().map(|id| view! { <RiskForm pid=pid id=id on_close=Callback::new(move |_| editing.set(None))/> })}
                }
                open=OpenRow { label: K::Edit, name: |r: &Row| format!("{} R{}", r.title, r.no), on_open: Callback::new(move |id| editing.set(Some(Some(id)))) }
            >
                <StatusFilterSelect filter=status_filter/>
                <label class="field inline">
                    <span>{move || i18n.t(K::Kind)}</span>
                    <select on:change=move |ev| kind_filter.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t(K::All)}</option>
                        {RiskKind::ALL.iter().map(|s| { let s = *s; view! { <option value=s.as_str()>{move || i18n.risk_kind(s)}</option> } }).collect_view()}
                    </select>
                </label>
                <span class="hint">{move || i18n.t(K::RiskLevelsHint)}</span>
            </Register>
        </div>
    }
}
