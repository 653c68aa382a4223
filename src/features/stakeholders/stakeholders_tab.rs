//! Stakeholders and responsibilities: the register (with the communication plan and the
//! engagement gap in words), the power/interest grid and the RACI matrix of the deliverables.

use leptos::prelude::*;
use mieruka_core::stakeholder::Quadrant;
use mieruka_core::{Engagement, Frequency, Id};

use crate::features::stakeholders::raci_matrix::RaciMatrix;
use crate::features::stakeholders::stakeholder_form::StakeholderForm;
use crate::features::stakeholders::stakeholder_grid_panel::StakeholderGridPanel;
use crate::i18n::{expect_i18n, K};
use crate::state::expect_store;
use crate::ui::linked_text::LinkedText;
use crate::ui::sort_header::sort_header;

#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: Id,
    name: String,
    organization: String,
    role: String,
    contact: String,
    influence: u8,
    interest: u8,
    quadrant: Quadrant,
    current: Engagement,
    desired: Engagement,
    gap: i8,
    communication: String,
    frequency: Frequency,
    channel: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Name,
    Organization,
    Influence,
    Interest,
    Gap,
}

/// The project's stakeholder register, grid and RACI matrix.
#[component]
pub fn StakeholdersTab(
    /// The project shown.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let editing = RwSignal::new(None::<Option<Id>>);
    let sort = RwSignal::new((SortBy::Influence, false));
    let rows = Memo::new(move |_| {
        let (by, desc) = sort.get();
        let mut v = store
            .with_project(pid, |p| {
                p.stakeholders
                    .iter()
                    .map(|(id, s)| Row {
                        id: *id,
                        name: s.name.clone(),
                        organization: s.organization.clone(),
                        role: s.role.clone(),
                        contact: s.contact.clone(),
                        influence: s.influence,
                        interest: s.interest,
                        quadrant: s.quadrant(),
                        current: s.engagement_current,
                        desired: s.engagement_desired,
                        gap: s.engagement_gap(),
                        communication: s.communication.clone(),
                        frequency: s.frequency,
                        channel: s.channel.clone(),
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        v.sort_by(|a, b| {
            let o = match by {
                SortBy::Name => a.name.cmp(&b.name),
                SortBy::Organization => a.organization.cmp(&b.organization).then(a.name.cmp(&b.name)),
                SortBy::Influence => {
                    b.influence.cmp(&a.influence).then(b.interest.cmp(&a.interest)).then(a.name.cmp(&b.name))
                }
                SortBy::Interest => {
                    b.interest.cmp(&a.interest).then(b.influence.cmp(&a.influence)).then(a.name.cmp(&b.name))
                }
                SortBy::Gap => b.gap.cmp(&a.gap).then(a.name.cmp(&b.name)),
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
        <div class="tab-body stakeholders">
            <div class="toolbar">
                <button class="primary" on:click=move |_| editing.set(Some(None))>{move || i18n.t(K::NewStakeholder)}</button>
            </div>
            {move || editing.get().map(|id| view! { <StakeholderForm pid=pid id=id on_close=Callback::new(move |_| editing.set(None))/> })}
            <Show when=move || !rows.with(|r| r.is_empty()) fallback=move || view! { <p class="empty-state">{move || i18n.t(K::NoStakeholders)}</p> }>
                <div class="table-scroll">
                    <table class="grid stakeholder-table">
                        <caption class="sr-only">{move || i18n.t(K::StakeholdersLabel)}</caption>
                        <thead>
                            <tr>
                                {header(SortBy::Name, K::Name)}
                                {header(SortBy::Organization, K::Organization)}
                                <th scope="col">{move || i18n.t(K::Role)}</th>
                                {header(SortBy::Influence, K::InfluenceShort)}
                                {header(SortBy::Interest, K::InterestShort)}
                                <th scope="col">{move || i18n.t(K::Approach)}</th>
                                {header(SortBy::Gap, K::EngagementCol)}
                                <th scope="col">{move || i18n.t(K::CommPlan)}</th>
                                <th scope="col">{move || i18n.t(K::Actions)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || rows.get() key=|r| format!("{r:?}") let:r>
                                {
                                    let id = r.id;
                                    let name = r.name.clone();
                                    view! {
                                        <tr>
                                            <td>
                                                <strong>{r.name.clone()}</strong>
                                                {(!r.contact.is_empty()).then(|| view! { <div class="muted small"><LinkedText text=r.contact.clone()/></div> })}
                                            </td>
                                            <td>{r.organization.clone()}</td>
                                            <td>{r.role.clone()}</td>
                                            <td class="num">{r.influence}</td>
                                            <td class="num">{r.interest}</td>
                                            <td>{move || i18n.quadrant(r.quadrant)}</td>
                                            <td>
                                                {move || format!("{} → {}", i18n.engagement(r.current), i18n.engagement(r.desired))}
                                                " "
                                                <span class="badge" class:late=r.gap != 0 class:ok=r.gap == 0>{move || i18n.engagement_gap(r.gap)}</span>
                                            </td>
                                            <td>
                                                <div class="pre-line"><LinkedText text=r.communication.clone()/></div>
                                                <div class="muted small">
                                                    {move || i18n.frequency(r.frequency)}
                                                    {(!r.channel.is_empty()).then(|| format!(" · {}", r.channel))}
                                                </div>
                                            </td>
                                            <td>
                                                <button aria-label=move || format!("{} {}", i18n.t(K::Edit), name) on:click=move |_| editing.set(Some(Some(id)))>
                                                    {move || i18n.t(K::Edit)}
                                                </button>
                                            </td>
                                        </tr>
                                    }
                                }
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
            <StakeholderGridPanel pid=pid/>
            <RaciMatrix pid=pid/>
        </div>
    }
}
