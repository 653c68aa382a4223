//! Stakeholders and responsibilities: the register (with the communication plan and the
//! engagement gap in words), the power/interest grid and the RACI matrix of the deliverables.

use leptos::prelude::*;
use mieruka_core::stakeholder::Quadrant;
use mieruka_core::{Engagement, Frequency, Id};

use crate::features::stakeholders::raci_matrix::RaciMatrix;
use crate::features::stakeholders::stakeholder_form::StakeholderForm;
use crate::features::stakeholders::stakeholder_grid_panel::StakeholderGridPanel;
use crate::i18n::K;
use crate::state::expect_store;
use crate::ui::csv_download::csv_file_name;
use crate::ui::linked_text::LinkedText;
use crate::ui::register::{Column, OpenRow, Register};

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

crate::keyed_by!(Row, id: Id);

/// The register's columns, for the table and its CSV.
fn columns() -> Vec<Column<Row>> {
    type C = Column<Row>;
    vec![
        C::new(K::Name, |r, _| r.name.clone()).sort(|a, b| a.name.cmp(&b.name)).view(|r, _| {
            view! {
                <strong>{r.name.clone()}</strong>
                {(!r.contact.is_empty()).then(|| view! { <div class="muted small"><LinkedText text=r.contact.clone()/></div> })}
            }
            .into_any()
        }),
        C::new(K::Organization, |r, _| r.organization.clone())
            .sort(|a, b| a.organization.cmp(&b.organization).then(a.name.cmp(&b.name))),
        C::new(K::Role, |r, _| r.role.clone()),
        C::new(K::InfluenceShort, |r, _| r.influence.to_string())
            .num()
            .sort(|a, b| b.influence.cmp(&a.influence).then(b.interest.cmp(&a.interest)).then(a.name.cmp(&b.name))),
        C::new(K::InterestShort, |r, _| r.interest.to_string())
            .num()
            .sort(|a, b| b.interest.cmp(&a.interest).then(b.influence.cmp(&a.influence)).then(a.name.cmp(&b.name))),
        C::new(K::Approach, |r, i18n| i18n.quadrant(r.quadrant).to_string()),
        C::new(K::EngagementCol, |r, i18n| {
            format!("{} → {} ({})", i18n.engagement(r.current), i18n.engagement(r.desired), i18n.engagement_gap(r.gap))
        })
        .sort(|a, b| b.gap.cmp(&a.gap).then(a.name.cmp(&b.name)))
        .view(|r, i18n| {
            view! {
                {format!("{} → {}", i18n.engagement(r.current), i18n.engagement(r.desired))}
                " "
                <span class="badge" class:late=r.gap != 0 class:ok=r.gap == 0>{i18n.engagement_gap(r.gap)}</span>
            }
            .into_any()
        }),
        C::new(K::CommPlan, |r, i18n| {
            let mut s = format!("{} ({}", r.communication, i18n.frequency(r.frequency));
            if !r.channel.is_empty() {
                s.push_str(&format!(" · {}", r.channel));
            }
            s.push(')');
            s
        })
        .view(|r, i18n| {
            view! {
                <div class="pre-line"><LinkedText text=r.communication.clone()/></div>
                <div class="muted small">
                    {i18n.frequency(r.frequency)}
                    {(!r.channel.is_empty()).then(|| format!(" · {}", r.channel))}
                </div>
            }
            .into_any()
        }),
    ]
}

/// Sorted first by influence, highest first.
const INFLUENCE_COLUMN: usize = 3;

/// The project's stakeholder register, grid and RACI matrix.
#[component]
pub fn StakeholdersTab(
    /// The project shown.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let editing = RwSignal::new(None::<Option<Id>>);
    let rows = Memo::new(move |_| {
        store
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
            .unwrap_or_default()
    });
    view! {
        <div class="tab-body stakeholders">
            <Register
                rows=rows
                columns=columns()
                initial_sort=(INFLUENCE_COLUMN, false)
                caption=K::StakeholdersLabel
                empty=K::NoStakeholders
                class="stakeholder-register"
                table_class="stakeholder-table"
                csv_file=Callback::new(move |_| csv_file_name(store, pid, "stakeholders"))
                new_label=K::NewStakeholder
                on_new=Callback::new(move |_| editing.set(Some(None)))
                above_table=move || editing.get().map(|id| view! { <StakeholderForm pid=pid id=id on_close=Callback::new(move |_| editing.set(None))/> })
                open=OpenRow { label: K::Edit, name: |r: &Row| r.name.clone(), on_open: Callback::new(move |id| editing.set(Some(Some(id)))) }
            />
            <StakeholderGridPanel pid=pid/>
            <RaciMatrix pid=pid/>
        </div>
    }
}
