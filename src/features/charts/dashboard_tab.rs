//! The project dashboard (the first tab): KPI cards with a RAG colour and word from documented
//! thresholds (`mieruka_core::analytics::kpi`), a small burndown and the risk matrix, all as of
//! the status date.

use leptos::prelude::*;
use mieruka_core::analytics::kpi::{dashboard, Assessment, Dashboard, Part, Rag, Reason};
use mieruka_core::analytics::{self, burndown, risk, EvMethod, WorkUnit};
use mieruka_core::topic::Read;
use mieruka_core::{EntityKind, Id, RiskKind};

use crate::features::charts::analysis::with_project_as_of;
use crate::features::charts::chart_canvas::ChartCanvas;
use crate::features::charts::charts_tab::ev_for;
use crate::features::charts::spec::ChartSpec;
use crate::features::project::as_of_banner::AsOfBanner;
use crate::i18n::{expect_i18n, I18n, K};
use crate::route::{expect_router, Route, Tab};
use crate::state::expect_store;
use crate::status_date::expect_status_date;
use crate::ui::risk_filter::expect_risk_filter;
use crate::ui::risk_level_badge::RiskLevelBadge;

/// The word for a colour (never colour alone).
pub fn rag_word(i18n: &I18n, rag: Rag) -> &'static str {
    i18n.t(match rag {
        Rag::Green => K::RagGreen,
        Rag::Amber => K::RagAmber,
        Rag::Red => K::RagRed,
        Rag::Unknown => K::RagUnknown,
    })
}

/// Why a part has its colour, in words.
pub fn reason_text(i18n: &I18n, r: Reason) -> String {
    let n = |k: K, count: usize| format!("{} {count}", i18n.t(k));
    match r {
        Reason::NoData => i18n.t(K::ReasonNoData).into(),
        Reason::OnTrack => i18n.t(K::ReasonOnTrack).into(),
        Reason::AheadOfSchedule => i18n.t(K::ReasonAhead).into(),
        Reason::UnderBudget => i18n.t(K::ReasonUnderBudget).into(),
        Reason::BehindSchedule => i18n.t(K::ReasonBehind).into(),
        Reason::OverBudget => i18n.t(K::ReasonOverBudget).into(),
        Reason::OverdueTasks { count } => n(K::ReasonOverdueTasks, count),
        Reason::CriticalIssuesOpen { count } => n(K::ReasonCriticalIssues, count),
        Reason::HighIssuesOverdue { count } => n(K::ReasonHighIssuesOverdue, count),
        Reason::HighIssuesOpen { count } => n(K::ReasonHighIssues, count),
        Reason::CriticalRisks { count } => n(K::ReasonCriticalRisks, count),
        Reason::HighRisks { count } => n(K::ReasonHighRisks, count),
        Reason::MilestoneSlip { days } => format!("{} {days}", i18n.t(K::ReasonSlip)),
    }
}

fn part_key(p: Part) -> K {
    match p {
        Part::Schedule => K::KpiSchedule,
        Part::Cost => K::KpiCost,
        Part::Tasks => K::KpiOverdue,
        Part::Issues => K::KpiIssues,
        Part::Risks => K::KpiRisks,
        Part::Milestone => K::KpiMilestone,
    }
}

/// A KPI card: title, value, colour and word, and why.
fn card(i18n: I18n, title: K, value: String, a: Assessment, extra: AnyView) -> impl IntoView {
    view! {
        <section class=format!("kpi {}", a.rag.as_str()) aria-label=move || i18n.t(title)>
            <h3>{move || i18n.t(title)}</h3>
            <div>
                <span class="value">{value}</span>
                <span class="rag">{move || rag_word(&i18n, a.rag)}</span>
            </div>
            <small>{move || reason_text(&i18n, a.reason)}</small>
            {extra}
        </section>
    }
}

#[component]
pub fn DashboardTab(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let status = expect_status_date();
    let router = expect_router();
    let risk_filter = expect_risk_filter();
    let history = move || store.history_loaded(pid);

    let board = Memo::new(move |_| -> Option<Dashboard> {
        let d = status.get();
        let ready = history();
        // The KPIs count tasks, issues and risks, and take the EV indices from the charts' reads.
        let mut reads = analytics::reads(pid).to_vec();
        reads.extend([Read::Kind(EntityKind::Task), Read::Kind(EntityKind::Issue)]);
        with_project_as_of(&store, pid, d, &reads, |inp| {
            let ev = if ready {
                ev_for(inp, EvMethod::PercentComplete).map(|s| s.indices).unwrap_or_default()
            } else {
                Default::default()
            };
            dashboard(inp.state, &inp.calendar, d, &ev)
        })
    });
    let empty = move || {
        let reads = [Read::ids(EntityKind::Task), Read::ids(EntityKind::Risk), Read::ids(EntityKind::Issue)];
        store.read(pid, &reads, |p| p.tasks.is_empty() && p.risks.is_empty() && p.issues.is_empty()).unwrap_or(true)
    };
    let burndown_spec = Signal::derive(move || {
        if !history() {
            return None;
        }
        let d = status.get();
        with_project_as_of(&store, pid, d, &analytics::reads(pid), |inp| {
            let (from, to) = burndown::default_range(inp.state, &inp.calendar)?;
            Some(ChartSpec::Burndown(burndown::burndown(
                inp.live,
                &inp.calendar,
                from,
                to,
                d,
                WorkUnit::Hours,
                None,
                inp.tz,
            )))
        })
        .flatten()
    });
    let matrix_spec = Signal::derive(move || {
        let d = status.get();
        with_project_as_of(&store, pid, d, &[Read::Kind(EntityKind::Risk), Read::info(pid)], |inp| {
            let mut m = risk::matrix(inp.state, Some(RiskKind::Threat), false);
            m.arrows.clear();
            ChartSpec::RiskMatrix(m)
        })
    });
    let project_label =
        Signal::derive(move || store.read(pid, &[Read::info(pid)], |p| p.info.label().to_string()).unwrap_or_default());
    let on_cell = Callback::new(move |(p, i): (u8, u8)| {
        risk_filter.set_cell(Some((p, i)), RiskKind::Threat, false);
        router.go(Route::Project(pid, Tab::Risks));
    });

    view! {
        <div class="dashboard">
            <AsOfBanner/>
            <Show
                when=move || !empty()
                fallback=move || view! {
                    <div class="empty-state">
                        <p>{move || i18n.t(K::DashboardEmpty)}</p>
                        <a href=Route::Project(pid, Tab::Wbs).href() on:click=move |_| router.go(Route::Project(pid, Tab::Wbs))>
                            {move || i18n.t(K::GoToWbs)}
                        </a>
                    </div>
                }
            >
                {move || board.get().map(|b| {
                    let overall = Assessment { rag: b.overall, reason: Reason::OnTrack };
                    let parts = b.overall_parts.iter().map(|p| i18n.t(part_key(*p))).collect::<Vec<_>>().join(" · ");
                    let ratio = |x: Option<f64>| x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into());
                    let issues = b.open_issues;
                    let risks = b.top_risks.clone();
                    let ms = b.next_milestone.clone();
                    view! {
                        <div class="kpis">
                            <section class=format!("kpi {}", overall.rag.as_str()) aria-label=move || i18n.t(K::KpiOverall)>
                                <h3>{move || i18n.t(K::KpiOverall)}</h3>
                                <div>
                                    <span class="value">{move || rag_word(&i18n, overall.rag)}</span>
                                </div>
                                <small>{parts}</small>
                            </section>
                            <section class="kpi" aria-label=move || i18n.t(K::Progress)>
                                <h3>{move || i18n.t(K::Progress)}</h3>
                                <div><span class="value">{format!("{:.0}%", b.progress)}</span></div>
                                <small>{move || format!("{} {} / {} {}", i18n.t(K::OpenTasks), b.open_tasks, i18n.t(K::KpiOverdue), b.overdue_tasks)}</small>
                            </section>
                            {card(i18n, K::KpiSchedule, format!("SPI {}", ratio(b.spi)), b.schedule, ().into_any())}
                            {card(i18n, K::KpiCost, format!("CPI {}", ratio(b.cpi)), b.cost, ().into_any())}
                            {card(i18n, K::KpiOverdue, b.overdue_tasks.to_string(), b.tasks, ().into_any())}
                            {card(
                                i18n,
                                K::KpiIssues,
                                issues.iter().sum::<usize>().to_string(),
                                b.issues,
                                view! {
                                    <small>{move || format!(
                                        "{} {} · {} {} · {} {} · {} {}",
                                        i18n.priority(mieruka_core::Priority::Critical), issues[3],
                                        i18n.priority(mieruka_core::Priority::High), issues[2],
                                        i18n.priority(mieruka_core::Priority::Medium), issues[1],
                                        i18n.priority(mieruka_core::Priority::Low), issues[0],
                                    )}</small>
                                }.into_any(),
                            )}
                            {card(
                                i18n,
                                K::KpiMilestone,
                                ms.as_ref().map(|m| i18n.date(Some(m.due)).replace('-', "\u{2011}")).unwrap_or_else(|| "—".into()),
                                b.milestone,
                                match ms {
                                    Some(m) => view! {
                                        <small>{m.title.clone()}</small>
                                        <small>{move || format!("{} {}", i18n.t(K::Forecast), i18n.date(m.forecast))}</small>
                                    }.into_any(),
                                    None => ().into_any(),
                                },
                            )}
                            {card(
                                i18n,
                                K::KpiRisks,
                                String::new(),
                                b.risks,
                                view! {
                                    <ol>
                                        {risks.into_iter().map(|r| view! {
                                            <li><RiskLevelBadge level=r.level score=r.score/>" "{r.title}</li>
                                        }).collect_view()}
                                    </ol>
                                }.into_any(),
                            )}
                        </div>
                    }
                })}
                <div class="dashboard-charts">
                    <section>
                        <h2>{move || i18n.t(K::ChartBurndown)}</h2>
                        <Show when=move || history() fallback=move || view! { <p class="empty-state">{move || i18n.t(K::LoadingHistory)}</p> }>
                            <ChartCanvas
                                spec=burndown_spec
                                label=Signal::derive(move || i18n.t(K::ChartBurndown).to_string())
                                project=project_label
                                date=Signal::derive(move || status.get())
                                height=260
                                compact=true
                            />
                        </Show>
                    </section>
                    <section>
                        <h2>{move || i18n.t(K::ChartRiskMatrix)}</h2>
                        <ChartCanvas
                            spec=matrix_spec
                            label=Signal::derive(move || i18n.t(K::ChartRiskMatrix).to_string())
                            project=project_label
                            date=Signal::derive(move || status.get())
                            height=260
                            compact=true
                            on_cell=on_cell
                        />
                    </section>
                </div>
            </Show>
        </div>
    }
}
