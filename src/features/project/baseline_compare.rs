//! "Compare with baseline": the current plan against a baseline (the chosen one by default) —
//! slipped tasks with their slip in working days, added and removed scope, estimate changes and
//! the totals of hours and budget.

use leptos::prelude::*;
use mieruka_core::baseline_diff::{diff, BaselineDiff, RemovedHow};
use mieruka_core::calendar::WorkCalendar;
use mieruka_core::Id;

use crate::i18n::{expect_i18n, I18n, K};
use crate::state::expect_store;

fn signed(i18n: I18n, x: f64) -> String {
    let n = i18n.num(x);
    if x > 0.0 {
        format!("+{n}")
    } else {
        n
    }
}

fn percent(i18n: I18n, p: Option<f64>) -> String {
    p.map(|p| format!("{}%", signed(i18n, (p * 10.0).round() / 10.0))).unwrap_or_else(|| "—".into())
}

#[component]
pub fn BaselineCompare(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    // The baseline compared: picked here, else the chosen one, else the latest.
    let picked = RwSignal::new(None::<Id>);
    let choices = Memo::new(move |_| {
        store
            .with_project(pid, |p| {
                let mut v: Vec<(Id, String, chrono::NaiveDate)> =
                    p.baselines.iter().map(|(id, b)| (*id, b.name.clone(), b.taken_on)).collect();
                v.sort_by_key(|b| std::cmp::Reverse(b.2));
                v
            })
            .unwrap_or_default()
    });
    let current = move || {
        picked.get().filter(|id| choices.with(|c| c.iter().any(|x| x.0 == *id))).or_else(|| {
            store.with_project(pid, |p| p.info.baseline).flatten().or_else(|| choices.with(|c| c.first().map(|x| x.0)))
        })
    };
    let result = Memo::new(move |_| {
        let id = current()?;
        store.with_project(pid, |p| {
            let b = p.baselines.get(&id)?;
            Some(diff(p, b, &WorkCalendar::for_project(&p.info)))
        })?
    });
    view! {
        <Show when=move || choices.with(|c| !c.is_empty())>
            <section class="card baseline-compare" aria-label=move || i18n.t(K::CompareWithBaseline)>
                <h2>{move || i18n.t(K::CompareWithBaseline)}</h2>
                <label class="field">
                    <span>{move || i18n.t(K::CompareAgainst)}</span>
                    <select on:change=move |ev| picked.set(event_target_value(&ev).parse().ok())>
                        {move || {
                            let sel = current();
                            choices
                                .get()
                                .into_iter()
                                .map(|(id, name, day)| {
                                    view! { <option value=id.to_string() selected=sel == Some(id)>{format!("{name} ({})", i18n.date(Some(day)))}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
                {move || result.get().map(|d| view_diff(i18n, d))}
            </section>
        </Show>
    }
}

fn view_diff(i18n: I18n, d: BaselineDiff) -> AnyView {
    let t = d.totals.clone();
    let totals = view! {
        <h3>{i18n.t(K::TotalsTitle)}</h3>
        <table class="grid baseline-totals" aria-label=i18n.t(K::TotalsTitle)>
            <thead>
                <tr>
                    <th scope="col"></th>
                    <th scope="col" class="num">{i18n.t(K::InBaseline)}</th>
                    <th scope="col" class="num">{i18n.t(K::InPlanNow)}</th>
                    <th scope="col" class="num">{i18n.t(K::ChangeCol)}</th>
                    <th scope="col" class="num">"%"</th>
                </tr>
            </thead>
            <tbody>
                <tr>
                    <th scope="row">{i18n.t(K::TotalHours)}</th>
                    <td class="num">{i18n.num(t.baseline_hours)}</td>
                    <td class="num">{i18n.num(t.hours)}</td>
                    <td class="num">{signed(i18n, t.growth_hours)}</td>
                    <td class="num">{percent(i18n, t.growth_percent)}</td>
                </tr>
                <tr>
                    <th scope="row">{i18n.t(K::TotalBudget)}</th>
                    <td class="num">{i18n.num(t.baseline_budget.round())}</td>
                    <td class="num">{i18n.num(t.budget.round())}</td>
                    <td class="num">{signed(i18n, t.budget_change.round())}</td>
                    <td class="num">{percent(i18n, t.budget_change_percent)}</td>
                </tr>
            </tbody>
        </table>
    };
    if d.is_empty() {
        return view! { <p class="ok">{i18n.t(K::PlanMatchesBaseline)}</p> {totals} }.into_any();
    }
    let slipped = (!d.slipped.is_empty()).then(|| view! {
        <h3>{i18n.t(K::SlippedTasks)}</h3>
        <table class="grid" aria-label=i18n.t(K::SlippedTasks)>
            <thead>
                <tr>
                    <th scope="col">{i18n.t(K::Title)}</th>
                    <th scope="col">{format!("{} ({})", i18n.t(K::Due), i18n.t(K::InBaseline))}</th>
                    <th scope="col">{format!("{} ({})", i18n.t(K::Due), i18n.t(K::InPlanNow))}</th>
                    <th scope="col" class="num">{i18n.t(K::DueSlip)}</th>
                    <th scope="col" class="num">{i18n.t(K::StartSlip)}</th>
                </tr>
            </thead>
            <tbody>
                {d.slipped.iter().map(|s| view! {
                    <tr>
                        <td>{s.title.clone()}</td>
                        <td>{i18n.date(s.baseline_due)}</td>
                        <td>{i18n.date(s.due)}</td>
                        <td class="num late">{if s.due_days > 0 { format!("+{}", s.due_days) } else { String::new() }}</td>
                        <td class="num">{if s.start_days > 0 { format!("+{}", s.start_days) } else { String::new() }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    });
    let added = (!d.added.is_empty()).then(|| view! {
        <h3>{i18n.t(K::AddedTasks)}</h3>
        <table class="grid" aria-label=i18n.t(K::AddedTasks)>
            <thead><tr><th scope="col">{i18n.t(K::Title)}</th><th scope="col" class="num">{i18n.t(K::Estimate)}</th></tr></thead>
            <tbody>
                {d.added.iter().map(|a| view! { <tr><td>{a.title.clone()}</td><td class="num">{i18n.num(a.estimate_hours)}</td></tr> }).collect_view()}
            </tbody>
        </table>
    });
    let removed = (!d.removed.is_empty()).then(|| view! {
        <h3>{i18n.t(K::RemovedTasks)}</h3>
        <table class="grid" aria-label=i18n.t(K::RemovedTasks)>
            <thead><tr><th scope="col">{i18n.t(K::Title)}</th><th scope="col">{i18n.t(K::HowRemoved)}</th><th scope="col" class="num">{i18n.t(K::Estimate)}</th></tr></thead>
            <tbody>
                {d.removed.iter().map(|r| view! {
                    <tr>
                        <td>{r.title.clone()}</td>
                        <td>{i18n.t(match r.how { RemovedHow::Deleted => K::RemovedDeleted, RemovedHow::Cancelled => K::RemovedCancelled })}</td>
                        <td class="num">{i18n.num(r.estimate_hours)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    });
    let estimates = (!d.estimates.is_empty()).then(|| {
        view! {
            <h3>{i18n.t(K::EstimateChanges)}</h3>
            <table class="grid" aria-label=i18n.t(K::EstimateChanges)>
                <thead>
                    <tr>
                        <th scope="col">{i18n.t(K::Title)}</th>
                        <th scope="col" class="num">{i18n.t(K::InBaseline)}</th>
                        <th scope="col" class="num">{i18n.t(K::InPlanNow)}</th>
                        <th scope="col" class="num">{i18n.t(K::ChangeCol)}</th>
                        <th scope="col" class="num">"%"</th>
                    </tr>
                </thead>
                <tbody>
                    {d.estimates.iter().map(|e| view! {
                        <tr>
                            <td>{e.title.clone()}</td>
                            <td class="num">{i18n.num(e.baseline_hours)}</td>
                            <td class="num">{i18n.num(e.hours)}</td>
                            <td class="num">{signed(i18n, e.delta)}</td>
                            <td class="num">{percent(i18n, e.percent)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    });
    view! { {slipped} {added} {removed} {estimates} {totals} }.into_any()
}
