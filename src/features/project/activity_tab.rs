//! The change log, newest first: who changed what, from what, to what.

use leptos::prelude::*;
use mieruka_core::change::{EntityKind, CREATE, DELETE};
use mieruka_core::Id;
use serde_json::Value;

use mieruka_core::enums::*;
use mieruka_core::Project;

use crate::i18n::{expect_i18n, field_label, I18n, K};
use crate::state::expect_store;

const PAGE: usize = 200;

/// A recorded value as the user reads it: numbers grouped, words of the vocabularies in the
/// user's language, ids as the names of what they point at; long text cut.
fn show(i18n: &I18n, p: &Project, kind: EntityKind, field: &str, v: &Value) -> String {
    let name_of = |id: &str| -> Option<String> {
        let id = Id::parse_str(id).ok()?;
        p.members
            .get(&id)
            .map(|m| m.name.clone())
            .or_else(|| p.tasks.get(&id).map(|t| t.title.clone()))
            .or_else(|| p.issues.get(&id).map(|t| t.title.clone()))
            .or_else(|| p.risks.get(&id).map(|t| t.title.clone()))
    };
    let s = match v {
        Value::Null => "—".to_string(),
        Value::Bool(b) => (if *b { "✓" } else { "—" }).to_string(),
        Value::Number(n) => n.as_f64().map(|x| i18n.num(x)).unwrap_or_default(),
        Value::String(w) => {
            let word: Option<&'static str> = match (kind, field) {
                (EntityKind::Task, "status") => TaskStatus::parse(w).map(|x| i18n.task_status(x)),
                (EntityKind::Issue, "status") => IssueStatus::parse(w).map(|x| i18n.issue_status(x)),
                (EntityKind::Risk, "status") => RiskStatus::parse(w).map(|x| i18n.risk_status(x)),
                (EntityKind::Project, "status") => ProjectStatus::parse(w).map(|x| i18n.project_status(x)),
                (_, "priority") => Priority::parse(w).map(|x| i18n.priority(x)),
                (EntityKind::Risk, "kind") => RiskKind::parse(w).map(|x| i18n.risk_kind(x)),
                (EntityKind::Risk, "strategy") => RiskStrategy::parse(w).map(|x| i18n.risk_strategy(x)),
                _ => None,
            };
            match word {
                Some(word) => word.to_string(),
                None if matches!(field, "assignee" | "owner" | "parent" | "linked_issue") => {
                    name_of(w).unwrap_or_else(|| w.clone())
                }
                None => w.clone(),
            }
        }
        Value::Array(a) if a.is_empty() => "—".to_string(),
        Value::Array(a) => a
            .iter()
            .map(|x| match x.as_str() {
                Some(w) => name_of(w).unwrap_or_else(|| w.to_string()),
                None => x.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(_) => String::new(),
    };
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(80).collect::<String>())
    } else {
        s
    }
}

#[derive(Clone, PartialEq)]
struct Entry {
    id: Id,
    at: chrono::DateTime<chrono::Utc>,
    actor: String,
    kind: EntityKind,
    what: String,
    field: String,
    from: String,
    to: String,
    /// For a change an import brought with its source's own date: when it was imported.
    imported: Option<chrono::DateTime<chrono::Utc>>,
}

#[component]
pub fn ActivityTab(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let shown = RwSignal::new(PAGE);
    let total = move || store.with_project(pid, |p| p.changes.len()).unwrap_or(0);
    let entries = Memo::new(move |_| {
        let n = shown.get();
        store
            .with_project(pid, |p| {
                p.changes
                    .iter()
                    .rev()
                    .take(n)
                    .map(|c| {
                        let title_of = |v: &Value| {
                            v.get("title").or_else(|| v.get("name")).and_then(Value::as_str).map(str::to_string)
                        };
                        let what = p
                            .entity_title(c.entity)
                            .or_else(|| title_of(&c.to))
                            .or_else(|| title_of(&c.from))
                            .unwrap_or_default();
                        let record = p.imports.get(&c.batch);
                        let (from, to) = if c.entity.kind == EntityKind::Import && c.field == CREATE {
                            (String::new(), record.map(|r| i18n.import_summary(r)).unwrap_or_default())
                        } else if c.field == CREATE || c.field == DELETE {
                            (String::new(), String::new())
                        } else {
                            (
                                show(&i18n, p, c.entity.kind, &c.field, &c.from),
                                show(&i18n, p, c.entity.kind, &c.field, &c.to),
                            )
                        };
                        let imported =
                            record.map(|r| r.at).filter(|at| *at != c.at && c.entity.kind != EntityKind::Import);
                        Entry {
                            id: c.id,
                            at: c.at,
                            actor: c.actor.clone(),
                            kind: c.entity.kind,
                            what,
                            field: c.field.clone(),
                            from,
                            to,
                            imported,
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    let kind_label = move |k: EntityKind| i18n.t(crate::features::import::merge_values::kind_singular(k));
    view! {
        <div class="activity">
            <p class="hint">
                {move || i18n.msg().changes_recorded(total())}
                {move || (!store.history_loaded(pid) && !store.is_loading()).then(|| format!(" · {}", i18n.t(K::HistoryLoading)))}
            </p>
            <table class="grid">
                <caption class="sr-only">{move || i18n.t(K::TabActivity)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(K::When)}</th>
                        <th scope="col">{move || i18n.t(K::Who)}</th>
                        <th scope="col">{move || i18n.t(K::What)}</th>
                        <th scope="col">{move || i18n.t(K::Field)}</th>
                        <th scope="col">{move || i18n.t(K::From)}</th>
                        <th scope="col">{move || i18n.t(K::To)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || entries.get() key=|e| e.id let:e>
                        <tr>
                            <td class="nowrap">
                                {move || i18n.instant(e.at)}
                                {e.imported.map(|at| view! { <br/><small class="hint imported-at">{move || i18n.imported_at(at)}</small> })}
                            </td>
                            <td>{e.actor.clone()}</td>
                            <td>
                                <span class="badge">{move || kind_label(e.kind)}</span>
                                " "
                                {e.what.clone()}
                            </td>
                            <td>{let f = e.field.clone(); move || field_label(i18n.lang(), &f)}</td>
                            <td class="from">{e.from.clone()}</td>
                            <td class="to">{e.to.clone()}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
            <Show when=move || { total() > shown.get() }>
                <button on:click=move |_| shown.update(|n| *n += PAGE)>{move || i18n.t(K::ShowMore)}</button>
            </Show>
        </div>
    }
}
