//! The cross-project lists under the portfolio table: every overdue task, every open high or
//! critical threat, and the issues due this week (overdue ones flagged in words), each with its
//! project.

use leptos::prelude::*;
use mieruka_core::analytics::portfolio::{OverdueTask, PortfolioRisk, WeekIssue};

use crate::i18n::{expect_i18n, K};
use crate::ui::risk_level_badge::RiskLevelBadge;

#[component]
pub fn CrossProjectLists(
    /// Open leaf tasks past due, oldest first.
    #[prop(into)]
    overdue: Signal<Vec<OverdueTask>>,
    /// Active threats at the high or critical level, highest score first.
    #[prop(into)]
    risks: Signal<Vec<PortfolioRisk>>,
    /// Open issues due this week or earlier, earliest first.
    #[prop(into)]
    issues: Signal<Vec<WeekIssue>>,
    /// The week of the status date (Monday, Sunday).
    #[prop(into)]
    week: Signal<(chrono::NaiveDate, chrono::NaiveDate)>,
) -> impl IntoView {
    let i18n = expect_i18n();
    let none = move || view! { <p class="muted">{move || i18n.t(K::NoneFound)}</p> };
    view! {
        <div class="cross-lists">
            <section aria-labelledby="pf-overdue">
                <h2 id="pf-overdue">
                    {move || i18n.t(K::CrossOverdueTasks)}
                    " "
                    <span class="count">{move || format!("({})", overdue.with(Vec::len))}</span>
                </h2>
                <Show when=move || !overdue.with(Vec::is_empty) fallback=none>
                    <table class="grid compact">
                        <caption class="sr-only">{move || i18n.t(K::CrossOverdueTasks)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || i18n.t(K::ColProject)}</th>
                                <th scope="col">{move || i18n.t(K::Title)}</th>
                                <th scope="col">{move || i18n.t(K::Assignee)}</th>
                                <th scope="col">{move || i18n.t(K::Due)}</th>
                                <th scope="col">{move || i18n.t(K::DaysLate)}</th>
                                <th scope="col">{move || i18n.t(K::Percent)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || overdue.get() key=|t| (t.project, t.task, t.due, t.title.clone(), t.assignee.clone()) let:t>
                                <tr>
                                    <td>{t.project_label.clone()}</td>
                                    <td>{t.title.clone()}</td>
                                    <td>{t.assignee.clone()}</td>
                                    <td class="nowrap">{move || i18n.date(Some(t.due))}</td>
                                    <td class="num late">{t.days_late}</td>
                                    <td class="num">{format!("{:.0}%", t.percent)}</td>
                                </tr>
                            </For>
                        </tbody>
                    </table>
                </Show>
            </section>
            <section aria-labelledby="pf-risks">
                <h2 id="pf-risks">
                    {move || i18n.t(K::CrossHighRisks)}
                    " "
                    <span class="count">{move || format!("({})", risks.with(Vec::len))}</span>
                </h2>
                <Show when=move || !risks.with(Vec::is_empty) fallback=none>
                    <table class="grid compact">
                        <caption class="sr-only">{move || i18n.t(K::CrossHighRisks)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || i18n.t(K::ColProject)}</th>
                                <th scope="col">{move || i18n.t(K::No)}</th>
                                <th scope="col">{move || i18n.t(K::Title)}</th>
                                <th scope="col">{move || i18n.t(K::Level)}</th>
                                <th scope="col">{move || i18n.t(K::Status)}</th>
                                <th scope="col">{move || i18n.t(K::Owner)}</th>
                                <th scope="col">{move || i18n.t(K::ReviewDate)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || risks.get() key=|r| format!("{r:?}") let:r>
                                <tr>
                                    <td>{r.project_label.clone()}</td>
                                    <td class="num">{r.number.map(|n| format!("R{n}")).unwrap_or_default()}</td>
                                    <td>{r.title.clone()}</td>
                                    <td><RiskLevelBadge level=r.level score=r.score/></td>
                                    <td class="nowrap">{move || i18n.risk_status(r.status)}</td>
                                    <td>{r.owner.clone()}</td>
                                    <td>{move || i18n.date(r.review_date)}</td>
                                </tr>
                            </For>
                        </tbody>
                    </table>
                </Show>
            </section>
            <section aria-labelledby="pf-issues">
                <h2 id="pf-issues">
                    {move || i18n.t(K::CrossIssuesWeek)}
                    " "
                    <span class="count">{move || format!("({})", issues.with(Vec::len))}</span>
                </h2>
                <p class="muted">
                    {move || {
                        let (mon, sun) = week.get();
                        format!("{} {} – {}", i18n.t(K::WeekOf), i18n.date(Some(mon)), i18n.date(Some(sun)))
                    }}
                </p>
                <Show when=move || !issues.with(Vec::is_empty) fallback=none>
                    <table class="grid compact">
                        <caption class="sr-only">{move || i18n.t(K::CrossIssuesWeek)}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{move || i18n.t(K::ColProject)}</th>
                                <th scope="col">{move || i18n.t(K::No)}</th>
                                <th scope="col">{move || i18n.t(K::Title)}</th>
                                <th scope="col">{move || i18n.t(K::Priority)}</th>
                                <th scope="col">{move || i18n.t(K::Owner)}</th>
                                <th scope="col">{move || i18n.t(K::Due)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || issues.get() key=|i| format!("{i:?}") let:i>
                                <tr class:overdue=i.overdue>
                                    <td>{i.project_label.clone()}</td>
                                    <td class="num">{i.number.map(|n| format!("#{n}")).unwrap_or_default()}</td>
                                    <td>{i.title.clone()}</td>
                                    <td>{move || i18n.priority(i.priority)}</td>
                                    <td>{i.owner.clone()}</td>
                                    <td>
                                        {move || i18n.date(Some(i.due))}
                                        {i.overdue.then(|| view! { <span class="badge late">{move || i18n.t(K::OverdueFlag)}</span> })}
                                    </td>
                                </tr>
                            </For>
                        </tbody>
                    </table>
                </Show>
            </section>
        </div>
    }
}
