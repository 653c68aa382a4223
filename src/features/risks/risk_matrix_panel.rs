//! The risk matrix above the register: threats or opportunities, inherent or residual, with arrows
//! from one to the other on request; a click on a cell filters the register to its risks.

use leptos::prelude::*;
use mieruka_core::analytics::risk;
use mieruka_core::{Id, RiskKind};

use crate::features::charts::chart_canvas::ChartCanvas;
use crate::features::charts::spec::ChartSpec;
use crate::i18n::{expect_i18n, K};
use crate::state::expect_store;
use crate::ui::risk_filter::expect_risk_filter;

#[component]
pub fn RiskMatrixPanel(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let filter = expect_risk_filter();
    let kind = RwSignal::new(filter.get_untracked_kind().unwrap_or(RiskKind::Threat));
    let residual = RwSignal::new(false);
    let arrows = RwSignal::new(false);
    let spec = Signal::derive(move || {
        let (k, res, arr) = (kind.get(), residual.get(), arrows.get());
        store.with_project(pid, |p| {
            let mut m = risk::matrix(p, Some(k), res);
            if !arr {
                m.arrows.clear();
            }
            ChartSpec::RiskMatrix(m)
        })
    });
    let project_label =
        Signal::derive(move || store.with_project(pid, |p| p.info.label().to_string()).unwrap_or_default());
    let on_cell =
        Callback::new(move |pi: (u8, u8)| filter.set_cell(Some(pi), kind.get_untracked(), residual.get_untracked()));
    view! {
        <section class="card risk-matrix-panel" aria-label=move || i18n.t(K::ChartRiskMatrix)>
            <div class="toolbar chart-options">
                <label class="field inline">
                    <span>{move || i18n.t(K::Kind)}</span>
                    <select on:change=move |ev| kind.set(RiskKind::parse(&event_target_value(&ev)).unwrap_or(RiskKind::Threat))>
                        {RiskKind::ALL.iter().map(|k| {
                            let k = *k;
                            view! { <option value=k.as_str() selected=move || kind.get() == k>{move || i18n.risk_kind(k)}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field inline">
                    <span>{move || i18n.t(K::MatrixShows)}</span>
                    <select on:change=move |ev| residual.set(event_target_value(&ev) == "residual")>
                        <option value="inherent" selected=move || !residual.get()>{move || i18n.t(K::Inherent)}</option>
                        <option value="residual" selected=move || residual.get()>{move || i18n.t(K::Residual)}</option>
                    </select>
                </label>
                <label class="field check">
                    <input type="checkbox" prop:checked=move || arrows.get() on:change=move |ev| arrows.set(event_target_checked(&ev))/>
                    <span>{move || i18n.t(K::ShowArrows)}</span>
                </label>
                <span class="hint">{move || i18n.t(K::MatrixClickHint)}</span>
            </div>
            <ChartCanvas
                spec=spec
                label=Signal::derive(move || i18n.t(K::ChartRiskMatrix).to_string())
                project=project_label
                date=Signal::derive(crate::browser::today)
                height=360
                on_cell=on_cell
            />
        </section>
    }
}
