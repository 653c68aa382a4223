//! The charts of a project: burndown, burnup, risk trend, earned value and workload, as of the
//! status date, over the whole project, up to a milestone, or a custom range.

use std::collections::HashSet;

use chrono::NaiveDate;
use leptos::prelude::*;
use mieruka_core::analytics::history::local_date;
use mieruka_core::analytics::{self, burndown, evm, risk, workload, BurndownSeries, EvMethod, EvSeries, WorkUnit};
use mieruka_core::topic::Read;
use mieruka_core::{EntityKind, Id, Project};

use crate::features::charts::analysis::{with_project_as_of, Inputs};
use crate::features::charts::chart_canvas::ChartCanvas;
use crate::features::charts::ev_table::EvTable;
use crate::features::charts::spec::ChartSpec;
use crate::i18n::{expect_i18n, K};
use crate::state::expect_store;
use crate::status_date::expect_status_date;
use crate::ui::form_fields::{date_value, parse_date};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Which {
    Burndown,
    Burnup,
    RiskTrend,
    Ev,
    Workload,
}

impl Which {
    const ALL: [Which; 5] = [Which::Burndown, Which::Burnup, Which::RiskTrend, Which::Ev, Which::Workload];
    fn key(self) -> K {
        match self {
            Which::Burndown => K::ChartBurndown,
            Which::Burnup => K::ChartBurnup,
            Which::RiskTrend => K::ChartRiskTrend,
            Which::Ev => K::ChartEv,
            Which::Workload => K::ChartWorkload,
        }
    }
}

/// The date range of the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeChoice {
    /// Project start to target end (or the tasks' dates).
    Project,
    /// Project start to the milestone, counting only the work the milestone waits for.
    Milestone(Id),
    /// Any range (an iteration, a phase).
    Custom,
}

/// The range and scope a choice stands for; `None` when the project has no dates at all.
pub fn resolve_range(
    inp: &Inputs,
    choice: RangeChoice,
    custom: (Option<NaiveDate>, Option<NaiveDate>),
) -> Option<(NaiveDate, NaiveDate, Option<HashSet<Id>>)> {
    let whole = burndown::default_range(inp.state, &inp.calendar);
    match choice {
        RangeChoice::Project => whole.map(|(a, b)| (a, b, None)),
        RangeChoice::Milestone(m) => {
            let due = inp.state.tasks.get(&m)?.due?;
            let from = whole.map(|w| w.0).unwrap_or(due).min(due);
            let scope = burndown::milestone_scope(inp.state, m);
            Some((from, due, (!scope.is_empty()).then_some(scope)))
        }
        RangeChoice::Custom => {
            let (a, b) = (custom.0.or(whole.map(|w| w.0))?, custom.1.or(whole.map(|w| w.1))?);
            (a <= b).then_some((a, b, None))
        }
    }
}

/// Earned value over the project range, as of the status date (shared with the dashboard).
pub fn ev_for(inp: &Inputs, method: EvMethod) -> Option<EvSeries> {
    let (from, to) = burndown::default_range(inp.state, &inp.calendar)?;
    Some(evm::ev_series(inp.live, &inp.calendar, from, to.max(inp.status_date), inp.status_date, method, inp.tz))
}

/// The last burndown drawn and the log it was computed from: after edits made on its status date
/// only the status day is recomputed (O(tasks)), not the whole history (O(changes)).
struct BurndownCache {
    key: (Id, NaiveDate, NaiveDate, WorkUnit, RangeChoice, NaiveDate),
    changes: usize,
    last: Option<Id>,
    series: BurndownSeries,
}

fn cached_burndown(
    cache: &StoredValue<Option<BurndownCache>>,
    inp: &Inputs,
    key: (Id, NaiveDate, NaiveDate, WorkUnit, RangeChoice, NaiveDate),
    scope: Option<&HashSet<Id>>,
) -> BurndownSeries {
    let p = inp.live;
    let status = inp.status_date;
    let reusable = cache.with_value(|c| {
        c.as_ref()
            .filter(|c| {
                c.key == key
                    && c.changes > 0
                    && p.changes.len() >= c.changes
                    && p.changes.get(c.changes - 1).map(|x| x.id) == c.last
                    && p.changes[c.changes..].iter().all(|ch| local_date(ch.at, inp.tz) == status)
            })
            .map(|c| c.series.clone())
    });
    let (_, from, to, unit, _, _) = key;
    let series = reusable
        .and_then(|prev| burndown::refresh_status_day(&prev, inp.state, &inp.calendar, scope, to))
        .unwrap_or_else(|| burndown::burndown(p, &inp.calendar, from, to, status, unit, scope, inp.tz));
    cache.set_value(Some(BurndownCache {
        key,
        changes: p.changes.len(),
        last: p.changes.last().map(|c| c.id),
        series: series.clone(),
    }));
    series
}

fn milestones(p: &Project) -> Vec<(Id, String)> {
    let mut v: Vec<(Option<NaiveDate>, Id, String)> =
        p.tasks.iter().filter(|(_, t)| t.milestone).map(|(id, t)| (t.due, *id, t.title.clone())).collect();
    v.sort();
    v.into_iter().map(|(_, id, t)| (id, t)).collect()
}

#[component]
pub fn ChartsTab(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let status = expect_status_date();
    let which = RwSignal::new(Which::Burndown);
    let unit = RwSignal::new(WorkUnit::Hours);
    let method = RwSignal::new(EvMethod::PercentComplete);
    let range = RwSignal::new(RangeChoice::Project);
    let custom = RwSignal::new((None::<NaiveDate>, None::<NaiveDate>));
    let history = move || store.history_loaded(pid);
    // Without a chosen baseline the burndown's ideal line is the current plan's: the chart says so.
    let has_baseline = move || {
        let reads = [Read::Kind(EntityKind::Baseline), Read::info(pid)];
        store.read(pid, &reads, |p| mieruka_core::baseline_plan::chosen(p).is_some()).unwrap_or(false)
    };
    let cache = StoredValue::new(None::<BurndownCache>);

    let spec = Memo::new(move |_| {
        if !history() {
            return None;
        }
        let (w, u, m, r, c, d) = (which.get(), unit.get(), method.get(), range.get(), custom.get(), status.get());
        with_project_as_of(&store, pid, d, &analytics::reads(pid), |inp| {
            let (from, to, scope) = resolve_range(inp, r, c)?;
            let (p, cal, tz) = (inp.live, &inp.calendar, inp.tz);
            Some(match w {
                Which::Burndown => {
                    ChartSpec::Burndown(cached_burndown(&cache, inp, (pid, from, to, u, r, d), scope.as_ref()))
                }
                Which::Burnup => ChartSpec::Burnup(burndown::burnup(p, cal, from, to, d, u, scope.as_ref(), tz)),
                Which::RiskTrend => ChartSpec::RiskTrend(risk::risk_trend(p, from, to, d, tz)),
                Which::Ev => ChartSpec::Ev(evm::ev_series(p, cal, from, to, d, m, tz)),
                Which::Workload => ChartSpec::Workload(workload::workload(inp.state, cal, from, to)),
            })
        })
        .flatten()
    });
    let project_label =
        Signal::derive(move || store.read(pid, &[Read::info(pid)], |p| p.info.label().to_string()).unwrap_or_default());
    let milestone_options = Memo::new(move |_| {
        store
            .read(pid, &[Read::Fields(EntityKind::Task, &["milestone", "title", "due"])], milestones)
            .unwrap_or_default()
    });

    view! {
        <div class="charts">
            <div class="chart-picker" role="group" aria-label=move || i18n.t(K::TabCharts)>
                {Which::ALL
                    .into_iter()
                    .map(|w| view! {
                        <button
                            aria-pressed=move || if which.get() == w { "true" } else { "false" }
                            class:active=move || which.get() == w
                            on:click=move |_| which.set(w)
                        >
                            {move || i18n.t(w.key())}
                        </button>
                    })
                    .collect_view()}
            </div>
            <div class="toolbar chart-options">
                <label class="field inline">
                    <span>{move || i18n.t(K::Range)}</span>
                    <select on:change=move |ev| {
                        let v = event_target_value(&ev);
                        range.set(match v.as_str() {
                            "project" => RangeChoice::Project,
                            "custom" => RangeChoice::Custom,
                            id => Id::parse_str(id).map(RangeChoice::Milestone).unwrap_or(RangeChoice::Project),
                        });
                    }>
                        <option value="project" selected>{move || i18n.t(K::WholeProject)}</option>
                        {move || milestone_options.get().into_iter().map(|(id, title)| view! {
                            <option value=id.to_string()>{format!("◆ {title}")}</option>
                        }).collect_view()}
                        <option value="custom">{move || i18n.t(K::CustomRange)}</option>
                    </select>
                </label>
                <Show when=move || range.get() == RangeChoice::Custom>
                    <label class="field inline">
                        <span>{move || i18n.t(K::RangeFrom)}</span>
                        <input type="date" prop:value=move || date_value(custom.get().0)
                            on:change=move |ev| if let Ok(d) = parse_date(&event_target_value(&ev)) { custom.update(|c| c.0 = d) }/>
                    </label>
                    <label class="field inline">
                        <span>{move || i18n.t(K::RangeTo)}</span>
                        <input type="date" prop:value=move || date_value(custom.get().1)
                            on:change=move |ev| if let Ok(d) = parse_date(&event_target_value(&ev)) { custom.update(|c| c.1 = d) }/>
                    </label>
                </Show>
                <Show when=move || matches!(which.get(), Which::Burndown | Which::Burnup)>
                    <label class="field inline">
                        <span>{move || i18n.t(K::Unit)}</span>
                        <select on:change=move |ev| unit.set(match event_target_value(&ev).as_str() {
                            "points" => WorkUnit::StoryPoints,
                            "tasks" => WorkUnit::Tasks,
                            _ => WorkUnit::Hours,
                        })>
                            <option value="hours" selected=move || unit.get() == WorkUnit::Hours>{move || i18n.t(K::UnitHours)}</option>
                            <option value="points" selected=move || unit.get() == WorkUnit::StoryPoints>{move || i18n.t(K::UnitPoints)}</option>
                            <option value="tasks" selected=move || unit.get() == WorkUnit::Tasks>{move || i18n.t(K::UnitTasks)}</option>
                        </select>
                    </label>
                </Show>
                <Show when=move || which.get() == Which::Ev>
                    <label class="field inline">
                        <span>{move || i18n.t(K::EvMethod)}</span>
                        <select on:change=move |ev| method.set(match event_target_value(&ev).as_str() {
                            "0/100" => EvMethod::ZeroHundred,
                            "50/50" => EvMethod::FiftyFifty,
                            _ => EvMethod::PercentComplete,
                        })>
                            <option value="percent" selected=move || method.get() == EvMethod::PercentComplete>{move || i18n.t(K::EvPercent)}</option>
                            <option value="0/100" selected=move || method.get() == EvMethod::ZeroHundred>"0/100"</option>
                            <option value="50/50" selected=move || method.get() == EvMethod::FiftyFifty>"50/50"</option>
                        </select>
                    </label>
                </Show>
            </div>
            <Show
                when=move || history()
                fallback=move || view! { <p class="empty-state">{move || i18n.t(K::LoadingHistory)}</p> }
            >
                <Show
                    when=move || spec.with(Option::is_some)
                    fallback=move || view! { <p class="empty-state">{move || i18n.t(K::ChartsNeedDates)}</p> }
                >
                    <ChartCanvas
                        spec=Signal::derive(move || spec.get())
                        label=Signal::derive(move || i18n.t(which.get().key()).to_string())
                        project=project_label
                        date=Signal::derive(move || status.get())
                        height=420
                    />
                    {move || match spec.get() {
                        Some(ChartSpec::Ev(s)) => Some(view! { <EvTable series=s/> }.into_any()),
                        Some(ChartSpec::Burndown(_)) if !has_baseline() => {
                            Some(view! { <p class="chart-note">{move || i18n.t(K::IdealFromPlan)}</p> }.into_any())
                        }
                        Some(ChartSpec::Burnup(s)) => Some(view! {
                            <p class="chart-note">
                                {move || match s.forecast_finish {
                                    Some(d) => {
                                        let unit = i18n.t(match s.unit {
                                            WorkUnit::Hours => K::UnitHoursShort,
                                            WorkUnit::StoryPoints => K::UnitPointsShort,
                                            WorkUnit::Tasks => K::UnitTasksShort,
                                        });
                                        format!("{} {} ({} {} {unit}/{})", i18n.t(K::ForecastFinish), i18n.date(Some(d)), i18n.t(K::RecentRate), i18n.num(s.rate_per_day), i18n.t(K::PerDay))
                                    }
                                    None => i18n.t(K::NoForecast).to_string(),
                                }}
                            </p>
                        }.into_any()),
                        _ => None,
                    }}
                </Show>
            </Show>
        </div>
    }
}
