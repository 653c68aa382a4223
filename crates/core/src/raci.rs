//! The RACI matrix: WBS deliverables (the top-level tasks) × members and stakeholders, each cell
//! one of R, A, C, I (`Task::raci`). [`check`] finds the rows that break the rule every row must
//! keep: exactly one Accountable and at least one Responsible.

use crate::enums::Raci;
use crate::id::Id;
use crate::model::Project;

/// What is wrong with one row of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RaciProblemKind {
    NoAccountable,
    SeveralAccountable { count: usize },
    NoResponsible,
}

/// A deliverable whose RACI row breaks the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RaciProblem {
    pub task: Id,
    pub kind: RaciProblemKind,
}

/// The problems of every deliverable's row, in WBS order (a row can have two). Cancelled
/// deliverables are not checked: nobody will deliver them.
pub fn check(p: &Project) -> Vec<RaciProblem> {
    let mut out = Vec::new();
    for id in p.children_of(None) {
        let Some(t) = p.tasks.get(&id) else { continue };
        if t.status == crate::enums::TaskStatus::Cancelled {
            continue;
        }
        let count = |r: Raci| t.raci.values().filter(|x| **x == r).count();
        match count(Raci::Accountable) {
            0 => out.push(RaciProblem { task: id, kind: RaciProblemKind::NoAccountable }),
            1 => {}
            n => out.push(RaciProblem { task: id, kind: RaciProblemKind::SeveralAccountable { count: n } }),
        }
        if count(Raci::Responsible) == 0 {
            out.push(RaciProblem { task: id, kind: RaciProblemKind::NoResponsible });
        }
    }
    out
}
