//! Where each type of an imported file goes (WBS task, milestone, issue log, not imported), shown
//! under the import wizard's summary.

use leptos::prelude::*;
use mieruka_core::interop::build::Plan;
use mieruka_core::interop::{ItemKind, ValueMaps};

use crate::features::import::value_row::{norm, value_row};
use crate::i18n::{expect_i18n, K};

/// What a type of the file can become, in the order the menu offers them.
const ITEM_KINDS: &[ItemKind] = &[ItemKind::Task, ItemKind::Milestone, ItemKind::Issue, ItemKind::Skip];

/// Where each type of the file goes (WBS task, milestone, issue log, not imported), in sight next to
/// the summary: a bug belongs in the issue log by default, and a newcomer sees it and can change it.
#[component]
pub fn KindMapping(
    /// The current preview (its distinct type words).
    plan: Plan,
    /// The mapping being edited.
    values: RwSignal<ValueMaps>,
) -> impl IntoView {
    let i18n = expect_i18n();
    if plan.kinds.is_empty() {
        return ().into_any();
    }
    let kind_rows = plan
        .kinds
        .iter()
        .map(|w| {
            let key = StoredValue::new(norm(w));
            let key2 = key.get_value();
            let current = move || key.with_value(|k| values.with(|v| v.kind.get(k).copied()));
            value_row(
                w.clone(),
                i18n.t(K::TargetKind),
                ITEM_KINDS.iter().enumerate().map(|(n, k)| (n.to_string(), *k)).collect(),
                move |k| i18n.item_kind(k).to_string(),
                current,
                move |k| {
                    values.update(|v| {
                        v.kind.insert(key2.clone(), k);
                    })
                },
            )
        })
        .collect_view();
    view! {
        <table class="grid compact kind-mapping">
            <caption>{move || i18n.t(K::KindDestinations)}</caption>
            <thead>
                <tr>
                    <th scope="col">{move || i18n.t(K::FieldLabel)}</th>
                    <th scope="col">{move || i18n.t(K::ValueInFile)}</th>
                    <th scope="col">{move || i18n.t(K::BecomesValue)}</th>
                </tr>
            </thead>
            <tbody>{kind_rows}</tbody>
        </table>
    }
    .into_any()
}
