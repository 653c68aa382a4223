//! The report's chart data in a serializable form (frozen in the body), and back to the series
//! the chart functions draw.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::analytics::series::{BurndownSeries, CostUnit, EvIndices, EvMethod, EvSeries, WorkUnit};

/// A burndown in hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct BurndownData {
    pub days: Vec<NaiveDate>,
    pub remaining: Vec<Option<f64>>,
    pub scope: Vec<Option<f64>>,
    pub scope_change: Vec<f64>,
    pub ideal: Vec<f64>,
    pub status_date: NaiveDate,
}

impl BurndownData {
    pub fn of(s: &BurndownSeries) -> BurndownData {
        BurndownData {
            days: s.days.clone(),
            remaining: s.remaining.clone(),
            scope: s.scope.clone(),
            scope_change: s.scope_change.clone(),
            ideal: s.ideal.clone(),
            status_date: s.status_date,
        }
    }

    /// The series to draw; vectors shorter than `days` are padded so drawing never reads past them.
    pub fn to_series(&self) -> BurndownSeries {
        let n = self.days.len();
        let pad_opt = |v: &Vec<Option<f64>>| {
            let mut v = v.clone();
            v.resize(n, None);
            v
        };
        let pad = |v: &Vec<f64>| {
            let mut v = v.clone();
            v.resize(n, 0.0);
            v
        };
        BurndownSeries {
            unit: WorkUnit::Hours,
            days: self.days.clone(),
            remaining: pad_opt(&self.remaining),
            scope: pad_opt(&self.scope),
            scope_change: pad(&self.scope_change),
            ideal: pad(&self.ideal),
            status_date: self.status_date,
        }
    }
}

/// Percent-complete earned value: PV, EV, AC and the indices at the status date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct EvData {
    /// The currency code when costs are money, empty for person-hours.
    pub currency: String,
    pub days: Vec<NaiveDate>,
    pub pv: Vec<f64>,
    pub ev: Vec<Option<f64>>,
    pub ac: Vec<Option<f64>>,
    pub bac: f64,
    pub eac_typical: Option<f64>,
    pub eac_atypical: f64,
    pub status_date: NaiveDate,
}

impl EvData {
    pub fn of(s: &EvSeries) -> EvData {
        EvData {
            currency: match &s.unit {
                CostUnit::Hours => String::new(),
                CostUnit::Money(c) => c.clone(),
            },
            days: s.days.clone(),
            pv: s.pv.clone(),
            ev: s.ev.clone(),
            ac: s.ac.clone(),
            bac: s.indices.bac,
            eac_typical: s.indices.eac_typical,
            eac_atypical: s.indices.eac_atypical,
            status_date: s.status_date,
        }
    }

    /// The series to draw (the indices the chart reads: BAC and EAC).
    pub fn to_series(&self) -> EvSeries {
        let n = self.days.len();
        let mut pv = self.pv.clone();
        pv.resize(n, 0.0);
        let mut ev = self.ev.clone();
        ev.resize(n, None);
        let mut ac = self.ac.clone();
        ac.resize(n, None);
        EvSeries {
            unit: if self.currency.is_empty() { CostUnit::Hours } else { CostUnit::Money(self.currency.clone()) },
            method: EvMethod::PercentComplete,
            days: self.days.clone(),
            pv,
            ev,
            ac,
            indices: EvIndices {
                bac: self.bac,
                eac_typical: self.eac_typical,
                eac_atypical: self.eac_atypical,
                ..EvIndices::default()
            },
            status_date: self.status_date,
        }
    }
}
