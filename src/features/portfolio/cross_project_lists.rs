//! The cross-project lists under the portfolio table: every overdue task, every open high or
//! critical threat, and the issues due this week (overdue ones flagged in words), each with its
//! project.

use leptos::prelude::*;
use mieruka_core::analytics::portfolio::{OverdueTask, PortfolioRisk, WeekIssue};
use mieruka_core::Id;

use crate::i18n::{expect_i18n, K};
use crate::ui::register::{Column, Register, RegisterRow};
use crate::ui::risk_level_badge::RiskLevelBadge;

impl RegisterRow for OverdueTask {
    type Key = (Id, Id);
    fn key(&self) -> (Id, Id) {
        (self.project, self.task)
    }
}

impl RegisterRow for PortfolioRisk {
    type Key = (Id, Id);
    fn key(&self) -> (Id, Id) {
        (self.project, self.risk)
    }
}

impl RegisterRow for WeekIssue {
    type Key = (Id, Id);
    fn key(&self) -> (Id, Id) {
        (self.project, self.issue)
    }
}

fn overdue_columns() -> Vec<Column<OverdueTask>> {
    type C = Column<OverdueTask>;
    vec![
        C::new(K::ColProject, |t, _| t.project_label.clone()).sort(|a, b| a.project_label.cmp(&b.project_label)),
        C::new(K::Title, |t, _| t.title.clone()).sort(|a, b| a.title.cmp(&b.title)),
        C::new(K::Assignee, |t, _| t.assignee.clone()).sort(|a, b| a.assignee.cmp(&b.assignee)),
        C::new(K::Due, |t, i18n| i18n.date(Some(t.due))).class("nowrap").sort(|a, b| a.due.cmp(&b.due)),
        C::new(K::DaysLate, |t, _| t.days_late.to_string())
            .class("num late")
            .sort(|a, b| a.days_late.cmp(&b.days_late)),
        C::new(K::Percent, |t, _| format!("{:.0}%", t.percent)).class("num"),
    ]
}

fn risk_columns() -> Vec<Column<PortfolioRisk>> {
    type C = Column<PortfolioRisk>;
    vec![
        C::new(K::ColProject, |r, _| r.project_label.clone()).sort(|a, b| a.project_label.cmp(&b.project_label)),
        C::new(K::No, |r, _| r.number.as_ref().map(|n| format!("R{n}")).unwrap_or_default()).class("num"),
        C::new(K::Title, |r, _| r.title.clone()).sort(|a, b| a.title.cmp(&b.title)),
        C::new(K::Level, |r, i18n| format!("{} ({})", i18n.risk_level(r.level), r.score))
            .view(|r, _| view! { <RiskLevelBadge level=r.level score=r.score/> }.into_any())
            .sort(|a, b| a.score.cmp(&b.score)),
        C::new(K::Status, |r, i18n| i18n.risk_status(r.status).to_string()).class("nowrap"),
        C::new(K::Owner, |r, _| r.owner.clone()).sort(|a, b| a.owner.cmp(&b.owner)),
        C::new(K::ReviewDate, |r, i18n| i18n.date(r.review_date)).sort(|a, b| a.review_date.cmp(&b.review_date)),
    ]
}

fn issue_columns() -> Vec<Column<WeekIssue>> {
    type C = Column<WeekIssue>;
    vec![
        C::new(K::ColProject, |i, _| i.project_label.clone()).sort(|a, b| a.project_label.cmp(&b.project_label)),
        C::new(K::No, |i, _| i.number.as_ref().map(|n| format!("#{n}")).unwrap_or_default()).class("num"),
        C::new(K::Title, |i, _| i.title.clone()).sort(|a, b| a.title.cmp(&b.title)),
        C::new(K::Priority, |i, i18n| i18n.priority(i.priority).to_string()).sort(|a, b| b.priority.cmp(&a.priority)),
        C::new(K::Owner, |i, _| i.owner.clone()).sort(|a, b| a.owner.cmp(&b.owner)),
        C::new(K::Due, |i, i18n| {
            let flag = if i.overdue { format!(" {}", i18n.t(K::OverdueFlag)) } else { String::new() };
            format!("{}{flag}", i18n.date(Some(i.due)))
        })
        .view(|i, i18n| {
            view! {
                {i18n.date(Some(i.due))}
                {i.overdue.then(|| view! { <span class="badge late">{i18n.t(K::OverdueFlag)}</span> })}
            }
            .into_any()
        })
        .sort(|a, b| a.due.cmp(&b.due)),
    ]
}

/// One list: its heading with the count, and its register (sorted as the core sorts them at
/// first: oldest due, highest score, earliest due first).
fn section<R: RegisterRow>(
    id: &'static str,
    title: K,
    rows: Signal<Vec<R>>,
    columns: Vec<Column<R>>,
    what: &'static str,
    row_class: Option<fn(&R) -> String>,
) -> impl IntoView {
    let i18n = expect_i18n();
    let csv_file = Callback::new(move |_| format!("portfolio-{}-{what}.csv", crate::browser::today()));
    view! {
        <h2 id=id>
            {move || i18n.t(title)}
            " "
            <span class="count">{move || format!("({})", rows.with(Vec::len))}</span>
        </h2>
        <Register
            rows=rows
            columns=columns
            initial_sort=(usize::MAX, false)
            caption=title
            empty=K::NoneFound
            class=what
            table_class="compact"
            csv_file=csv_file
            row_class=row_class.unwrap_or(|_| String::new())
        />
    }
}

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
    view! {
        <div class="cross-lists">
            <section aria-labelledby="pf-overdue">
                {section("pf-overdue", K::CrossOverdueTasks, overdue, overdue_columns(), "overdue-tasks", None)}
            </section>
            <section aria-labelledby="pf-risks">
                {section("pf-risks", K::CrossHighRisks, risks, risk_columns(), "high-risks", None)}
            </section>
            <section aria-labelledby="pf-issues">
                {section("pf-issues", K::CrossIssuesWeek, issues, issue_columns(), "issues-this-week", Some(|i: &WeekIssue| {
                    if i.overdue { "overdue".into() } else { String::new() }
                }))}
                <p class="muted">
                    {move || {
                        let (mon, sun) = week.get();
                        format!("{} {} – {}", i18n.t(K::WeekOf), i18n.date(Some(mon)), i18n.date(Some(sun)))
                    }}
                </p>
            </section>
        </div>
    }
}
