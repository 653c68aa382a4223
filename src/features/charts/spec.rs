//! What a chart canvas draws: one variant per chart, holding the series the core computed. Drawing
//! goes through `mieruka-charts`, the same functions the SVG export and the golden tests use.

use mieruka_charts::{ChartError, ChartOptions, Geometry};
use mieruka_core::analytics::{BurndownSeries, BurnupSeries, EvSeries, RiskMatrix, RiskTrendSeries, WorkloadSeries};
use mieruka_core::RiskLevel;
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend};

use crate::i18n::I18n;

// One spec per chart, built once per redraw and matched at once: boxing the largest series would
// only add an allocation.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum ChartSpec {
    Burndown(BurndownSeries),
    Burnup(BurnupSeries),
    RiskTrend(RiskTrendSeries),
    RiskMatrix(RiskMatrix),
    Ev(EvSeries),
    Workload(WorkloadSeries),
    /// The power/interest grid (its words are part of the spec: they follow the language).
    StakeholderGrid(mieruka_charts::StakeholderGrid),
}

impl ChartSpec {
    /// Slug used in export file names.
    pub fn slug(&self) -> &'static str {
        match self {
            ChartSpec::Burndown(_) => "burndown",
            ChartSpec::Burnup(_) => "burnup",
            ChartSpec::RiskTrend(_) => "risk-trend",
            ChartSpec::RiskMatrix(_) => "risk-matrix",
            ChartSpec::Ev(_) => "earned-value",
            ChartSpec::Workload(_) => "workload",
            ChartSpec::StakeholderGrid(_) => "stakeholder-grid",
        }
    }

    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        opts: &ChartOptions,
    ) -> Result<Geometry, ChartError> {
        match self {
            ChartSpec::Burndown(s) => mieruka_charts::burndown(area, s, opts),
            ChartSpec::Burnup(s) => mieruka_charts::burnup(area, s, opts),
            ChartSpec::RiskTrend(s) => mieruka_charts::risk_trend(area, s, opts),
            ChartSpec::RiskMatrix(s) => mieruka_charts::risk_matrix(area, s, opts),
            ChartSpec::Ev(s) => mieruka_charts::ev(area, s, opts),
            ChartSpec::Workload(s) => mieruka_charts::workload(area, s, opts),
            ChartSpec::StakeholderGrid(g) => mieruka_charts::stakeholder_grid(area, g, opts),
        }
    }

    /// Number of points along x (days or weeks) for pointer read-outs; 0 when not a time chart.
    pub fn x_len(&self) -> usize {
        match self {
            ChartSpec::Burndown(s) => s.days.len(),
            ChartSpec::Burnup(s) => s.days.len(),
            ChartSpec::RiskTrend(s) => s.days.len(),
            ChartSpec::Ev(s) => s.days.len(),
            ChartSpec::Workload(s) => s.weeks.len(),
            ChartSpec::RiskMatrix(_) | ChartSpec::StakeholderGrid(_) => 0,
        }
    }

    /// A one-sentence text alternative: the values at the status date (the last point with data),
    /// or the matrix's counts, for screen readers.
    pub fn summary(&self, i18n: &I18n) -> String {
        let last = |v: &[Option<f64>]| v.iter().rposition(Option::is_some);
        let at = match self {
            ChartSpec::Burndown(s) => last(&s.remaining),
            ChartSpec::Burnup(s) => last(&s.done),
            ChartSpec::RiskTrend(s) => s.days.len().checked_sub(1),
            ChartSpec::Ev(s) => last(&s.ev),
            ChartSpec::Workload(_) => None,
            ChartSpec::StakeholderGrid(g) => {
                // Each quadrant with the names in it.
                use mieruka_core::stakeholder::Quadrant;
                return Quadrant::ALL
                    .iter()
                    .filter_map(|q| {
                        let names: Vec<&str> = g
                            .points
                            .iter()
                            .filter(|p| Quadrant::of(p.influence, p.interest) == *q)
                            .map(|p| p.name.as_str())
                            .collect();
                        (!names.is_empty()).then(|| format!("{}: {}", g.labels.quadrant(*q), names.join(", ")))
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
            }
            ChartSpec::RiskMatrix(m) => {
                let mut by_level = [0usize; 4];
                for p in 1..=5u8 {
                    for i in 1..=5u8 {
                        by_level[RiskMatrix::level(p, i) as usize] += m.count(p, i);
                    }
                }
                return [RiskLevel::Critical, RiskLevel::High, RiskLevel::Medium, RiskLevel::Low]
                    .iter()
                    .map(|l| format!("{} {}", i18n.risk_level(*l), by_level[*l as usize]))
                    .collect::<Vec<_>>()
                    .join(", ");
            }
        };
        at.and_then(|i| self.readout(i, i18n))
            .map(|(head, lines)| format!("{head}: {}", lines.join(", ")))
            .unwrap_or_default()
    }

    /// The read-out for point `i` along x: a heading and `label: value` lines.
    pub fn readout(&self, i: usize, i18n: &I18n) -> Option<(String, Vec<String>)> {
        use crate::i18n::K;
        let date = |d| i18n.date(Some(d));
        let num = |x: f64| i18n.num(x);
        let opt = |x: Option<f64>| x.map(num).unwrap_or_else(|| "—".to_string());
        match self {
            ChartSpec::Burndown(s) => Some((
                date(*s.days.get(i)?),
                vec![
                    format!("{}: {}", i18n.t(K::ChartRemaining), opt(s.remaining[i])),
                    format!("{}: {}", i18n.t(K::ChartIdeal), num(s.ideal[i])),
                    format!("{}: {}", i18n.t(K::ChartScope), opt(s.scope[i])),
                    format!("{}: {:+}", i18n.t(K::ChartScopeChange), s.scope_change[i]),
                ],
            )),
            ChartSpec::Burnup(s) => Some((
                date(*s.days.get(i)?),
                vec![
                    format!("{}: {}", i18n.t(K::ChartDone), opt(s.done[i])),
                    format!("{}: {}", i18n.t(K::ChartScope), opt(s.scope[i])),
                ],
            )),
            ChartSpec::RiskTrend(s) => {
                let l = s.by_level.get(i)?;
                Some((
                    date(*s.days.get(i)?),
                    vec![
                        format!("{}: {}", i18n.t(K::ChartExposure), num(s.exposure[i])),
                        format!(
                            "{} {} / {} {} / {} {} / {} {}",
                            i18n.risk_level(RiskLevel::Critical),
                            l[3],
                            i18n.risk_level(RiskLevel::High),
                            l[2],
                            i18n.risk_level(RiskLevel::Medium),
                            l[1],
                            i18n.risk_level(RiskLevel::Low),
                            l[0]
                        ),
                    ],
                ))
            }
            ChartSpec::Ev(s) => Some((
                date(*s.days.get(i)?),
                vec![format!("PV: {}", num(s.pv[i])), format!("EV: {}", opt(s.ev[i])), format!("AC: {}", opt(s.ac[i]))],
            )),
            ChartSpec::Workload(s) => {
                let week = *s.weeks.get(i)?;
                let mut lines: Vec<String> = s
                    .members
                    .iter()
                    .map(|m| {
                        let over = if m.over_allocated(i) {
                            format!(" ⚠ {}", i18n.t(K::OverAllocated))
                        } else {
                            String::new()
                        };
                        format!("{}: {} / {} h{over}", m.name, num(m.planned[i]), num(m.capacity[i]))
                    })
                    .collect();
                if s.unassigned.get(i).is_some_and(|u| *u > 0.0) {
                    lines.push(format!("{}: {} h", i18n.t(K::Unassigned), num(s.unassigned[i])));
                }
                Some((format!("{} {}", i18n.t(K::WeekOf), date(week)), lines))
            }
            ChartSpec::RiskMatrix(_) | ChartSpec::StakeholderGrid(_) => None,
        }
    }
}
