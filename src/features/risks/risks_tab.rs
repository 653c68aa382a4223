//! The risk register (リスク管理表): sortable, filterable, level as colour and word.

use leptos::prelude::*;
use mieruka_core::topic::Read;
use mieruka_core::{EntityKind, Id, RiskKind, RiskLevel, RiskStatus};

use crate::features::risks::risk_form::RiskForm;
use crate::features::risks::risk_matrix_panel::RiskMatrixPanel;
use crate::i18n::{expect_i18n, K};
use crate::state::expect_store;
use crate::ui::risk_filter::expect_risk_filter;
use crate::ui::risk_level_badge::RiskLevelBadge;
use crate::ui::sort_header::sort_header;

#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: Id,
    no: usize,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortBy {
    No,
    Title,
    Score,
    Status,
    Owner,
    Review,
}

#[component]
pub fn RisksTab(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let editing = RwSignal::new(None::<Option<Id>>);
    let sort = RwSignal::new((SortBy::Score, true));
    let status_filter = RwSignal::new("active".to_string());
    let kind_filter = RwSignal::new(String::new());
    let cell_filter = expect_risk_filter();
    let rows = Memo::new(move |_| {
        let (by, desc) = sort.get();
        let status = status_filter.get();
        let kind = kind_filter.get();
        let cell = cell_filter.get();
        // The risks and their owners' names (numbers come from their creations in the log).
        let reads = [Read::Kind(EntityKind::Risk), Read::Kind(EntityKind::Member)];
        let mut v = store
            .read(pid, &reads, |p| {
                let nums = p.risk_numbers();
                p.risks
                    .iter()
                    .filter(|(_, r)| match status.as_str() {
                        "" => true,
                        "active" => r.status.is_active(),
                        s => r.status.as_str() == s,
                    })
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
                        no: nums.get(id).copied().unwrap_or(0),
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
            .unwrap_or_default();
        v.sort_by(|a, b| {
            let o = match by {
                SortBy::No => a.no.cmp(&b.no),
                SortBy::Title => a.title.cmp(&b.title),
                SortBy::Score => a.score.cmp(&b.score).then(b.no.cmp(&a.no)),
                SortBy::Status => a.status.cmp(&b.status),
                SortBy::Owner => a.owner.cmp(&b.owner),
                SortBy::Review => a.review.cmp(&b.review),
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
        <div class="risks">
            <div class="toolbar">
                <button class="primary" on:click=move |_| editing.set(Some(None))>{move || i18n.t(K::NewRisk)}</button>
                <label class="field inline">
                    <span>{move || i18n.t(K::FilterStatus)}</span>
                    <select on:change=move |ev| status_filter.set(event_target_value(&ev))>
                        <option value="active" selected>{move || i18n.t(K::ActiveOnly)}</option>
                        <option value="">{move || i18n.t(K::All)}</option>
                        {RiskStatus::ALL.iter().map(|s| { let s = *s; view! { <option value=s.as_str()>{move || i18n.risk_status(s)}</option> } }).collect_view()}
                    </select>
                </label>
                <label class="field inline">
                    <span>{move || i18n.t(K::Kind)}</span>
                    <select on:change=move |ev| kind_filter.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t(K::All)}</option>
                        {RiskKind::ALL.iter().map(|s| { let s = *s; view! { <option value=s.as_str()>{move || i18n.risk_kind(s)}</option> } }).collect_view()}
                    </select>
                </label>
                <span class="hint">{move || i18n.t(K::RiskLevelsHint)}</span>
            </div>
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
            <Show when=move || !rows.with(|r| r.is_empty()) fallback=move || view! { <p class="empty-state">{move || i18n.t(K::NoRisks)}</p> }>
                <table class="grid">
                    <caption class="sr-only">{move || i18n.t(K::TabRisks)}</caption>
                    <thead>
                        <tr>
                            {header(SortBy::No, K::No)}
                            <th scope="col">{move || i18n.t(K::Kind)}</th>
                            {header(SortBy::Title, K::Title)}
                            <th scope="col">{move || i18n.t(K::Category)}</th>
                            <th scope="col" class="n"><abbr title=move || i18n.t(K::ProbabilityShort)>{move || i18n.t(K::ProbabilityCol)}</abbr></th>
                            <th scope="col" class="n"><abbr title=move || i18n.t(K::ImpactShort)>{move || i18n.t(K::ImpactCol)}</abbr></th>
                            {header(SortBy::Score, K::Level)}
                            {header(SortBy::Owner, K::Owner)}
                            {header(SortBy::Status, K::Status)}
                            {header(SortBy::Review, K::ReviewDate)}
                            <th scope="col">{move || i18n.t(K::Actions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|r| format!("{:?}", r) let:r>
                            {
                                let id = r.id;
                                let label = format!("{} R{}", r.title, r.no);
                                view! {
                                    <tr>
                                        <td class="num">{format!("R{}", r.no)}</td>
                                        <td>{move || i18n.risk_kind(r.kind)}</td>
                                        <td>{r.title.clone()}</td>
                                        <td>{r.category.clone()}</td>
                                        <td class="n">{r.p}</td>
                                        <td class="n">{r.i}</td>
                                        <td><RiskLevelBadge level=r.level score=r.score/></td>
                                        <td>{r.owner.clone()}</td>
                                        <td>{move || i18n.risk_status(r.status)}</td>
                                        <td>{move || i18n.date(r.review)}</td>
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
