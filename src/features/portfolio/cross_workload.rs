//! Member workload across projects: people × weeks, each cell the planned hours summed over the
//! projects against the person's capacity. Over-allocated weeks say so in words (and a second
//! word when only the sum over projects is too much), not by colour alone.

use leptos::prelude::*;
use mieruka_core::analytics::portfolio::{Allocation, CrossWorkload as Workload};

use crate::i18n::{expect_i18n, K};

#[component]
pub fn CrossWorkload(
    /// Weeks × people, from `analytics::portfolio::cross_workload`.
    #[prop(into)]
    workload: Signal<Workload>,
) -> impl IntoView {
    let i18n = expect_i18n();
    let h = move || i18n.t(K::UnitHoursShort);
    view! {
        <section class="cross-workload" aria-labelledby="pf-workload">
            <h2 id="pf-workload">{move || i18n.t(K::CrossWorkloadTitle)}</h2>
            <p class="muted">{move || i18n.t(K::CrossWorkloadExplain)}</p>
            <Show
                when=move || workload.with(|w| !w.people.is_empty() && !w.weeks.is_empty())
                fallback=move || view! { <p class="muted">{move || i18n.t(K::NoneFound)}</p> }
            >
                <div class="table-scroll">
                    <table class="grid compact workload-grid">
                        <caption class="sr-only">{move || i18n.t(K::CrossWorkloadTitle)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || i18n.t(K::Person)}</th>
                                <th scope="col">{move || i18n.t(K::ProjectsOfPerson)}</th>
                                {move || {
                                    workload
                                        .with(|w| w.weeks.clone())
                                        .into_iter()
                                        .map(|wk| view! { <th scope="col" class="num">{move || i18n.date(Some(wk))}</th> })
                                        .collect_view()
                                }}
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                workload
                                    .get()
                                    .people
                                    .into_iter()
                                    .map(|p| {
                                        let projects = p.projects.iter().map(|s| s.project_label.clone()).collect::<Vec<_>>().join(", ");
                                        let cells = p
                                            .planned
                                            .iter()
                                            .zip(&p.capacity)
                                            .zip(&p.allocation)
                                            .map(|((planned, cap), alloc)| {
                                                let (planned, cap, alloc) = (*planned, *cap, *alloc);
                                                view! {
                                                    <td
                                                        class="num load"
                                                        class:over=alloc.is_over()
                                                        class:idle=planned == 0.0
                                                    >
                                                        <span>{move || format!("{} / {} {}", i18n.num(planned), i18n.num(cap), h())}</span>
                                                        {match alloc {
                                                            Allocation::Within => None,
                                                            Allocation::Over => Some(view! { <strong class="over-word">{move || i18n.t(K::OverLabel)}</strong> }.into_any()),
                                                            Allocation::OverAcrossProjects => Some(view! {
                                                                <strong class="over-word">{move || i18n.t(K::OverAcrossLabel)}</strong>
                                                            }.into_any()),
                                                        }}
                                                    </td>
                                                }
                                            })
                                            .collect_view();
                                        let has_over = p.over_weeks() > 0;
                                        view! {
                                            <tr class:has-over=has_over>
                                                <th scope="row">{p.name.clone()}</th>
                                                <td><small>{projects}</small></td>
                                                {cells}
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
