//! The power/interest grid of the stakeholder register, drawn on a canvas, with its text
//! alternative: the stakeholders listed by quadrant (管理方針).

use leptos::prelude::*;
use mieruka_charts::{GridLabels, GridPoint, StakeholderGrid};
use mieruka_core::stakeholder::Quadrant;
use mieruka_core::Id;

use crate::features::charts::chart_canvas::ChartCanvas;
use crate::features::charts::spec::ChartSpec;
use crate::i18n::{expect_i18n, K};
use crate::state::expect_store;

#[component]
pub fn StakeholderGridPanel(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let points = Memo::new(move |_| {
        store
            .with_project(pid, |p| {
                let mut v: Vec<GridPoint> = p
                    .stakeholders
                    .values()
                    .map(|s| GridPoint { name: s.name.clone(), influence: s.influence, interest: s.interest })
                    .collect();
                v.sort_by(|a, b| b.influence.cmp(&a.influence).then(a.name.cmp(&b.name)));
                v
            })
            .unwrap_or_default()
    });
    let labels = move || GridLabels {
        title: i18n.t(K::ChartStakeholderGrid).to_string(),
        influence: i18n.t(K::InfluenceShort).to_string(),
        interest: i18n.t(K::InterestShort).to_string(),
        manage_closely: i18n.t(K::QManageClosely).to_string(),
        keep_satisfied: i18n.t(K::QKeepSatisfied).to_string(),
        keep_informed: i18n.t(K::QKeepInformed).to_string(),
        monitor: i18n.t(K::QMonitor).to_string(),
        empty: i18n.t(K::NoStakeholders).to_string(),
    };
    let spec = Signal::derive(move || {
        Some(ChartSpec::StakeholderGrid(StakeholderGrid { points: points.get(), labels: labels() }))
    });
    let project_label =
        Signal::derive(move || store.with_project(pid, |p| p.info.label().to_string()).unwrap_or_default());
    let by_quadrant = move || {
        let pts = points.get();
        Quadrant::ALL
            .iter()
            .map(|q| {
                let q = *q;
                let names: Vec<String> =
                    pts.iter().filter(|p| Quadrant::of(p.influence, p.interest) == q).map(|p| p.name.clone()).collect();
                view! {
                    <li>
                        <strong>{move || i18n.quadrant(q)}</strong>
                        ": "
                        {if names.is_empty() { "—".to_string() } else { names.join(i18n.list_sep()) }}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card stakeholder-grid-panel" aria-label=move || i18n.t(K::ChartStakeholderGrid)>
            <ChartCanvas
                spec=spec
                label=Signal::derive(move || i18n.t(K::ChartStakeholderGrid).to_string())
                project=project_label
                date=Signal::derive(crate::browser::today)
                height=380
            />
            <h3 class="grid-alt-title">{move || i18n.t(K::GridByApproach)}</h3>
            <ul class="grid-alt" aria-label=move || i18n.t(K::GridByApproach)>{by_quadrant}</ul>
        </section>
    }
}
