//! Every change a teammate's file brings that this copy does not have: entity, field, old → new,
//! who and when, grouped by kind of entity and filtered by kind or by any text in the row.

use std::collections::BTreeMap;
use std::sync::Arc;

use leptos::prelude::*;
use mieruka_core::change::{CREATE, DELETE};
use mieruka_core::merge::{Incoming, MergePreview};
use mieruka_core::{EntityKind, Id};

use crate::features::import::merge_values::{kind_singular, show_value};
use crate::i18n::{expect_i18n, field_label, I18n, K};

/// Rows drawn at most; the filter narrows the rest down.
const SHOWN: usize = 200;

/// One incoming change as text, computed once per language.
#[derive(Clone, PartialEq)]
struct Line {
    kind: EntityKind,
    title: String,
    field: String,
    from: String,
    to: String,
    who: String,
    when: String,
    /// Everything above, lower-cased, for the filter.
    haystack: String,
}

fn line(i18n: I18n, c: &Incoming, names: &BTreeMap<Id, String>) -> Line {
    let (field, from, to) = match c.field.as_str() {
        CREATE => (i18n.t(K::DeltaAdded).to_string(), String::new(), String::new()),
        DELETE => (i18n.t(K::DeltaDeleted).to_string(), String::new(), String::new()),
        f => (field_label(i18n.lang(), f), show_value(i18n, f, &c.from, names), show_value(i18n, f, &c.to, names)),
    };
    let who = c.by.actor.clone();
    let when = i18n.instant(c.by.at);
    let kind = i18n.t(kind_singular(c.entity.kind));
    let haystack = [kind, &c.title, &field, &from, &to, &who, &when].join("\u{1f}").to_lowercase();
    Line { kind: c.entity.kind, title: c.title.clone(), field, from, to, who, when, haystack }
}

#[component]
pub fn IncomingChanges(
    /// The merge preview.
    preview: Arc<MergePreview>,
    /// Member names by id, for assignee and owner values.
    names: Arc<BTreeMap<Id, String>>,
) -> impl IntoView {
    let i18n = expect_i18n();
    let query = RwSignal::new(String::new());
    let kind = RwSignal::new(None::<EntityKind>);
    let kinds: Vec<EntityKind> =
        EntityKind::ALL.iter().copied().filter(|k| preview.incoming.iter().any(|c| c.entity.kind == *k)).collect();
    // Recomputed when the language changes (labels, values and dates are words).
    let pv = preview.clone();
    let lines = Memo::new(move |_| {
        i18n.lang();
        let mut v: Vec<Line> = pv.incoming.iter().map(|c| line(i18n, c, &names)).collect();
        // Grouped by kind of entity (stable: in each group, the order they were made).
        v.sort_by_key(|l| EntityKind::ALL.iter().position(|k| *k == l.kind));
        Arc::new(v)
    });
    let shown = Memo::new(move |_| {
        let q = query.get().trim().to_lowercase();
        let k = kind.get();
        lines.with(|all| {
            let matching: Vec<&Line> = all
                .iter()
                .filter(|l| k.is_none_or(|k| l.kind == k) && (q.is_empty() || l.haystack.contains(&q)))
                .collect();
            let total = matching.len();
            (matching.into_iter().take(SHOWN).cloned().collect::<Vec<Line>>(), total)
        })
    });
    let rows = move || {
        let (list, _) = shown.get();
        let mut out = Vec::with_capacity(list.len() + 8);
        let mut group = None;
        for l in list {
            if group != Some(l.kind) {
                group = Some(l.kind);
                let k = kind_singular(l.kind);
                out.push(
                    view! { <tr class="group"><th scope="rowgroup" colspan="6">{move || i18n.t(k)}</th></tr> }
                        .into_any(),
                );
            }
            out.push(
                view! {
                    <tr>
                        <td>{l.title}</td>
                        <td>{l.field}</td>
                        <td class="muted">{l.from}</td>
                        <td>{l.to}</td>
                        <td>{l.who}</td>
                        <td class="num">{l.when}</td>
                    </tr>
                }
                .into_any(),
            );
        }
        out
    };
    let total = preview.incoming.len();
    view! {
        <details class="card incoming-changes" open=total <= 50>
            <summary>{move || format!("{} ({})", i18n.t(K::ChangeList), i18n.num(total as f64))}</summary>
            <div class="toolbar">
                <label class="field inline">
                    <span>{move || i18n.t(K::FilterText)}</span>
                    <input type="search" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
                </label>
                <label class="field inline">
                    <span>{move || i18n.t(K::TargetKind)}</span>
                    <select on:change=move |ev| {
                        let v = event_target_value(&ev);
                        kind.set(EntityKind::ALL.iter().copied().find(|k| k.as_str() == v));
                    }>
                        <option value="" prop:selected=move || kind.get().is_none()>{move || i18n.t(K::All)}</option>
                        {kinds
                            .into_iter()
                            .map(|k| {
                                let label = kind_singular(k);
                                view! { <option value=k.as_str() prop:selected=move || kind.get() == Some(k)>{move || i18n.t(label)}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
            </div>
            <table class="grid compact">
                <caption class="sr-only">{move || i18n.t(K::ChangeList)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(K::Title)}</th>
                        <th scope="col">{move || i18n.t(K::FieldLabel)}</th>
                        <th scope="col">{move || i18n.t(K::ValueBefore)}</th>
                        <th scope="col">{move || i18n.t(K::ValueAfter)}</th>
                        <th scope="col">{move || i18n.t(K::Who)}</th>
                        <th scope="col">{move || i18n.t(K::When)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            {move || {
                let (list, total) = shown.get();
                (total > list.len()).then(|| view! { <p class="muted">{i18n.msg().more_changes_hidden(i18n.num((total - list.len()) as f64))}</p> })
            }}
        </details>
    }
}
