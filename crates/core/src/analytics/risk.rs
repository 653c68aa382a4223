//! The risk charts: the 5 × 5 probability × impact matrix of the current register, and the trend
//! of open-threat exposure read from the change log.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

use crate::analytics::history::{day_end, effect_order};
use crate::analytics::series::{RiskMatrix, RiskTrendSeries};
use crate::calendar::MAX_SCAN_DAYS;
use crate::change::{Change, EntityKind, CREATE, DELETE};
use crate::enums::{RiskKind, RiskLevel, RiskStatus};
use crate::id::Id;
use crate::model::{Project, Risk};
use crate::number::by_number;

/// A probability or impact as a cell index 0–4 (values off the 1–5 scale go to the nearest edge).
fn cell(v: u8) -> usize {
    usize::from(v.clamp(1, 5) - 1)
}

/// The risk's residual (probability, impact): the residual values where assessed, each falling
/// back to the inherent one.
pub fn residual_position(r: &Risk) -> (u8, u8) {
    (r.residual_probability.unwrap_or(r.probability), r.residual_impact.unwrap_or(r.impact))
}

/// The matrix of the open and monitoring risks (`kind`: only threats or only opportunities;
/// `None`: both). `residual`: place each risk by its residual P × I where assessed, else by its
/// inherent one. Each cell lists its risks in register order (by number).
/// `arrows` (in both modes) go from inherent to residual position for every risk with a residual
/// assessment that differs from its inherent position, one per risk in the same order.
pub fn matrix(p: &Project, kind: Option<RiskKind>, residual: bool) -> RiskMatrix {
    let numbers = p.risk_numbers();
    let mut risks: Vec<(&Id, &Risk)> =
        p.risks.iter().filter(|(_, r)| r.status.is_active() && kind.is_none_or(|k| r.kind == k)).collect();
    risks.sort_by(|(a, _), (b, _)| by_number(&numbers, a, b));
    let mut m = RiskMatrix { kind, residual, ..RiskMatrix::default() };
    for (id, r) in risks {
        let inherent = (r.probability.clamp(1, 5), r.impact.clamp(1, 5));
        let (rp, ri) = residual_position(r);
        let after = (rp.clamp(1, 5), ri.clamp(1, 5));
        let (cp, ci) = if residual { after } else { inherent };
        m.cells[cell(cp)][cell(ci)].push(*id);
        let assessed = r.residual_probability.is_some() || r.residual_impact.is_some();
        if assessed && after != inherent {
            m.arrows.push((inherent, after));
        }
    }
    m
}

/// What the trend reads of a risk.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(default)]
struct RiskFacts {
    kind: RiskKind,
    probability: u8,
    impact: u8,
    status: RiskStatus,
}

impl Default for RiskFacts {
    /// As [`Risk::default`] (a field missing from a creation takes these values).
    fn default() -> Self {
        let r = Risk::default();
        RiskFacts { kind: r.kind, probability: r.probability, impact: r.impact, status: r.status }
    }
}

impl RiskFacts {
    /// (score, level index) when it is an open or monitored threat.
    fn exposure(&self) -> Option<(i64, usize)> {
        if self.kind != RiskKind::Threat || !self.status.is_active() {
            return None;
        }
        let score = self.probability.saturating_mul(self.impact);
        let level = match RiskLevel::from_score(score) {
            RiskLevel::Low => 0,
            RiskLevel::Medium => 1,
            RiskLevel::High => 2,
            RiskLevel::Critical => 3,
        };
        Some((i64::from(score), level))
    }

    fn set(&mut self, field: &str, v: &Value) -> Option<()> {
        fn de<'a, T: Deserialize<'a>>(v: &'a Value) -> Option<T> {
            T::deserialize(v).ok()
        }
        match field {
            "kind" => self.kind = de(v)?,
            "probability" => self.probability = de(v)?,
            "impact" => self.impact = de(v)?,
            "status" => self.status = de(v)?,
            _ => return None,
        }
        Some(())
    }
}

/// Running exposure and counts of the open threats over the risk history.
struct RiskWalk {
    ids: Vec<Id>,
    /// `None`: the risk does not exist (yet, or any more).
    risks: Vec<Option<RiskFacts>>,
    exposure: i64,
    by_level: [i64; 4],
}

impl RiskWalk {
    fn new(log: &[&Change]) -> RiskWalk {
        let mut ids: Vec<Id> = log.iter().map(|c| c.entity.id).collect();
        ids.sort_unstable();
        ids.dedup();
        RiskWalk { risks: vec![None; ids.len()], ids, exposure: 0, by_level: [0; 4] }
    }

    fn count(&mut self, r: Option<RiskFacts>, sign: i64) {
        if let Some((score, level)) = r.and_then(|r| r.exposure()) {
            self.exposure += sign * score;
            self.by_level[level] += sign;
        }
    }

    /// One change, with the same effect on these fields as replay (refused writes change nothing).
    fn apply(&mut self, c: &Change) {
        let Ok(i) = self.ids.binary_search(&c.entity.id) else { return };
        let old = self.risks[i];
        let new = match (c.field.as_str(), old) {
            (CREATE, None) => match RiskFacts::deserialize(&c.to) {
                Ok(f) => Some(f),
                Err(_) => return,
            },
            (DELETE, Some(_)) => None,
            (field, Some(mut f)) if field != CREATE => {
                if f.set(field, &c.to).is_none() {
                    return;
                }
                Some(f)
            }
            _ => return,
        };
        self.count(old, -1);
        self.count(new, 1);
        self.risks[i] = new;
    }
}

/// Exposure (Σ P × I) and counts by level of the open and monitoring threats at the end of each
/// calendar day of `from..=to` (risks change on any day), as the log said then. There is no risk
/// data after the status date, so the days stop there (an empty series when it is before `from`);
/// at most [`MAX_SCAN_DAYS`] days. One pass over the log.
pub fn risk_trend(
    p: &Project,
    from: NaiveDate,
    to: NaiveDate,
    status_date: NaiveDate,
    tz_offset_min: i32,
) -> RiskTrendSeries {
    let last = to.min(status_date);
    let days: Vec<NaiveDate> = std::iter::successors(Some(from), |d| d.succ_opt())
        .take_while(|d| *d <= last)
        .take(MAX_SCAN_DAYS as usize)
        .collect();
    let log: Vec<&Change> =
        effect_order(&p.changes).into_iter().filter(|c| c.entity.kind == EntityKind::Risk).collect();
    let mut walk = RiskWalk::new(&log);
    let mut pos = 0;
    let mut exposure = Vec::with_capacity(days.len());
    let mut by_level = Vec::with_capacity(days.len());
    for d in &days {
        let end = day_end(*d, tz_offset_min);
        while let Some(c) = log.get(pos) {
            if c.at >= end {
                break;
            }
            walk.apply(c);
            pos += 1;
        }
        exposure.push(walk.exposure.max(0) as f64);
        by_level.push(walk.by_level.map(|n| u32::try_from(n).unwrap_or(0)));
    }
    RiskTrendSeries { days, exposure, by_level, status_date }
}
