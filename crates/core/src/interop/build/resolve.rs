//! The resolution [`super::plan`] and [`super::apply`] share, so the preview's counts are exactly
//! what the import does: the rows read one by one, placed in the tree, given their assignees and
//! their dependencies, then previewed.

use super::context::Context;
use super::item::Item;
use super::{assignees, dependencies, preview, rows, tree, ImportOptions, Plan};
use crate::id::Id;
use crate::interop::SourceRow;
use crate::model::{Member, Project};

/// The items that will land, the members they add, and the preview of both.
pub(super) struct Resolved<'r> {
    pub items: Vec<Item<'r>>,
    pub members: Vec<(Id, Member)>,
    pub plan: Plan,
}

pub(super) fn resolve<'r>(
    existing: Option<&Project>,
    rows: &'r [SourceRow],
    opts: &ImportOptions,
    batch: Id,
) -> Resolved<'r> {
    let mut cx = Context::new(existing, rows, opts, batch);
    let rows::Read { mut items, skipped, words } = rows::read(&mut cx, rows, opts);
    let index = tree::place(&mut cx, &mut items);
    let members = assignees::assign(&mut cx, &mut items);
    dependencies::link(&mut cx, &mut items, &index);

    let counts = preview::counts(&items, members.len(), skipped.len());
    let rows = preview::rows(existing, &items, &index.by_id, skipped);
    let mut warnings = cx.warnings;
    warnings.sort_by_key(|w| w.line);
    let plan = Plan {
        counts,
        rows,
        warnings,
        statuses: words.statuses.list,
        priorities: words.priorities.list,
        kinds: words.kinds.list,
    };
    Resolved { items, members, plan }
}
