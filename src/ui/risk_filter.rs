//! A filter of the risk register by one cell of the risk matrix, shared so that a click on the
//! dashboard's matrix opens the register filtered to those risks.

use leptos::prelude::*;
use mieruka_core::RiskKind;

/// (probability, impact), the kind of risk, and whether the residual position is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub p: u8,
    pub i: u8,
    pub kind: RiskKind,
    pub residual: bool,
}

#[derive(Clone, Copy)]
pub struct RiskFilter {
    cell: RwSignal<Option<Cell>>,
}

impl RiskFilter {
    pub fn new() -> Self {
        RiskFilter { cell: RwSignal::new(None) }
    }
    pub fn get(&self) -> Option<Cell> {
        self.cell.get()
    }
    pub fn set_cell(&self, pi: Option<(u8, u8)>, kind: RiskKind, residual: bool) {
        self.cell.set(pi.map(|(p, i)| Cell { p, i, kind, residual }));
    }
    /// The kind of the current cell filter, without tracking.
    pub fn get_untracked_kind(&self) -> Option<RiskKind> {
        self.cell.get_untracked().map(|c| c.kind)
    }
    pub fn clear(&self) {
        self.cell.set(None);
    }
}

impl Default for RiskFilter {
    fn default() -> Self {
        Self::new()
    }
}

pub fn expect_risk_filter() -> RiskFilter {
    expect_context::<RiskFilter>()
}
