//! The import wizard for files from other tools (Jira, Backlog, Redmine, any CSV, MS Project XML):
//! source, destination, column and value mapping, and a live preview — counts, the first rows as
//! they will land, every warning with its line — before anything is written.
//!
//! Over 600 lines: the wizard and the sub-views that read its one preview (value mapping, summary,
//! preview table, warnings) share its signals, and none of them is a record form or a register
//! (the shared components of issue 9 did not fit it); the type mapping lives in `import_kinds.rs`.
//! The next split is the preview's sub-views into their own files, each taking the preview memo.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use mieruka_core::interop::build::{self, Destination, ImportOptions, Plan, RowAction};
use mieruka_core::interop::{profile, ColumnMap, ReadError, Source, Target, ValueMaps, Warning};
use mieruka_core::{Id, Priority, Stamp, TaskStatus};

use crate::browser;
use crate::features::import::import_kinds::KindMapping;
use crate::features::import::value_row::{norm, value_row};
use crate::i18n::{expect_i18n, K};
use crate::import_outcome::{self, Content, LoadedFile};
use crate::notice::expect_notices;
use crate::route::{expect_router, Route, Tab};
use crate::state::expect_store;
use crate::storage::prefs;

/// How many rows and warnings the preview lists (the counts cover everything).
const PREVIEW_ROWS: usize = 50;
const PREVIEW_WARNINGS: usize = 200;

/// Every column target, in the order the mapping menu offers them.
const TARGETS: &[Target] = &[
    Target::Ignore,
    Target::Key,
    Target::ParentKey,
    Target::WbsNumber,
    Target::Title,
    Target::Description,
    Target::Kind,
    Target::Status,
    Target::Priority,
    Target::Assignee,
    Target::Start,
    Target::Due,
    Target::Created,
    Target::Updated,
    Target::Resolved,
    Target::EstimateHours,
    Target::EstimateSeconds,
    Target::ActualHours,
    Target::ActualSeconds,
    Target::RemainingHours,
    Target::RemainingSeconds,
    Target::Percent,
    Target::StoryPoints,
    Target::Label,
    Target::Sprint,
    Target::Comment,
    Target::Predecessors,
    Target::Milestone,
];

/// Shares a large computed value between memos; equal only to itself, so it is never compared
/// field by field.
#[derive(Clone)]
struct Shared<T>(Arc<T>);

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

fn initial_columns(source: Source, headers: &[String]) -> ColumnMap {
    prefs::import_columns(source.as_str(), headers).unwrap_or_else(|| profile::suggest(source, headers))
}

/// The source's defaults with the user's remembered choices on top.
fn initial_values(source: Source) -> ValueMaps {
    let mut v = profile::default_values(source);
    if let Some(mine) = prefs::import_values(source.as_str()) {
        v.status.extend(mine.status);
        v.priority.extend(mine.priority);
        v.kind.extend(mine.kind);
    }
    v
}

#[component]
pub fn ImportWizard(
    /// The file, decoded and parsed.
    file: Arc<LoadedFile>,
    /// Called when the wizard closes, after an import or a cancel.
    on_close: Callback<()>,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let router = expect_router();

    let headers = file.headers();
    let samples: Vec<String> = match &file.content {
        Content::Table(t) => (0..headers.len())
            .map(|i| {
                t.rows
                    .iter()
                    .take(50)
                    .filter_map(|r| r.cells.get(i))
                    .find(|c| !c.trim().is_empty())
                    .map(|c| c.chars().take(40).collect())
                    .unwrap_or_default()
            })
            .collect(),
        Content::Rows(_) => Vec::new(),
    };
    let first_source = file.detected_source();
    let is_xml = matches!(file.content, Content::Rows(_));
    let summary = format!(
        "{} — {} {} · {} {}{}",
        file.name,
        i18n.t(K::FileRead),
        i18n.encoding(file.encoding),
        i18n.num(file.row_count() as f64),
        i18n.t(K::RowsInFile),
        match &file.content {
            Content::Table(t) => format!(" · {} {}", i18n.t(K::Delimiter), i18n.delimiter(t.delimiter)),
            Content::Rows(_) => String::new(),
        }
    );
    let name = RwSignal::new(file.default_name());
    let file = StoredValue::new(file);
    let headers = StoredValue::new(headers);

    let source = RwSignal::new(first_source);
    let columns = RwSignal::new(headers.with_value(|h| initial_columns(first_source, h)));
    let values = RwSignal::new(initial_values(first_source));
    let busy = RwSignal::new(false);

    let extracted = Memo::new(move |_| {
        let map = columns.get();
        Shared(Arc::new(file.with_value(|f| f.extract(&map))))
    });

    // The project an earlier import of the same source created, if any: re-import goes there.
    let dest = RwSignal::new(None::<Id>);
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let ex = extracted.get_untracked();
        let Ok(ex) = &*ex.0 else { return false };
        let best = store.with_untracked(|ws| import_outcome::matching_project(ws, source.get_untracked(), &ex.rows));
        dest.set(best);
        true
    });

    let options = move || ImportOptions {
        source: source.get(),
        values: values.get(),
        tz_offset_min: browser::tz_offset_min(),
        file: file.with_value(|f| f.name.clone()),
    };
    let plan = Memo::new(move |_| {
        let ex = extracted.get();
        let opts = options();
        let target = dest.get();
        let result: Result<(Plan, Vec<Warning>), ReadError> = match &*ex.0 {
            Err(e) => Err(e.clone()),
            Ok(ex) => Ok(store.with_untracked(|ws| {
                let existing = target.and_then(|pid| ws.projects.get(&pid));
                file.with_value(|f| import_outcome::preview(f, ex, existing, &opts))
            })),
        };
        Shared(Arc::new(result))
    });

    let set_source = move |s: Source| {
        source.set(s);
        columns.set(headers.with_value(|h| initial_columns(s, h)));
        values.set(initial_values(s));
    };

    let confirm = move |_| {
        if busy.get_untracked() {
            return;
        }
        let ex = extracted.get_untracked();
        let Ok(ex) = &*ex.0 else { return };
        let rows = Arc::new(ex.rows.clone());
        let opts = options();
        let src = opts.source.as_str();
        headers.with_value(|h| {
            if let Err(e) = prefs::set_import_columns(src, h, &columns.get_untracked()) {
                leptos::logging::warn!("cannot remember the column mapping: {e}");
            }
        });
        if let Err(e) = prefs::set_import_values(src, &opts.values) {
            leptos::logging::warn!("cannot remember the value mapping: {e}");
        }
        let stamp = Stamp::new(browser::now(), store.actor(), browser::new_id());
        let label = name.get_untracked().trim().to_string();
        let finish = move |result: Option<Result<mieruka_core::Project, mieruka_core::DomainError>>| match result {
            Some(Ok(p)) => {
                let id = p.id;
                let shown = p.info.name.clone();
                store.add_project(p);
                notices.info(i18n.msg().imported(&shown));
                on_close.run(());
                router.go(Route::Project(id, Tab::Wbs));
            }
            Some(Err(e)) => notices.error(format!("{} {}", i18n.t(K::ImportFailed), i18n.domain_error(&e))),
            None => notices.error(i18n.t(K::ImportFailed).to_string()),
        };
        match dest.get_untracked() {
            None => {
                let id = browser::new_id();
                let name = if label.is_empty() { file.with_value(|f| f.default_name()) } else { label };
                finish(Some(build::apply(Destination::New { id, name }, &rows, &opts, &stamp)));
            }
            Some(pid) => {
                busy.set(true);
                spawn_local(async move {
                    // The whole change log must be in memory before changes are appended to it.
                    if let Err(e) = store.ensure_history(pid).await {
                        busy.set(false);
                        notices.error(format!("{} {}", i18n.t(K::ImportFailed), i18n.storage_error(&e)));
                        return;
                    }
                    let result = store.with_untracked(|ws| {
                        ws.projects.get(&pid).map(|p| build::apply(Destination::Existing(p), &rows, &opts, &stamp))
                    });
                    busy.set(false);
                    finish(result);
                });
            }
        }
    };

    let projects = move || {
        store.with(|ws| {
            let mut v: Vec<(Id, String)> = ws.projects.values().map(|p| (p.id, p.info.name.clone())).collect();
            v.sort_by(|a, b| a.1.cmp(&b.1));
            v
        })
    };
    let nothing_to_do = move || {
        plan.with(|p| match &*p.0 {
            Ok((plan, _)) => import_outcome::nothing_to_do(plan),
            Err(_) => true,
        })
    };

    view! {
        <div class="modal-backdrop">
            <div class="modal wide import-wizard" role="dialog" aria-modal="true" aria-labelledby="import-wizard-title">
                <h2 id="import-wizard-title">{move || i18n.t(K::ImportWizardTitle)}</h2>
                <p class="muted">{summary}</p>
                <div class="form-grid">
                    <label class="field">
                        <span>{move || i18n.t(K::ImportSource)}</span>
                        <select on:change=move |ev| {
                            if let Some(s) = Source::parse(&event_target_value(&ev)) {
                                set_source(s);
                            }
                        }>
                            {Source::ALL
                                .iter()
                                .filter(|s| (**s == Source::Mspdi) == is_xml)
                                .map(|s| {
                                    let s = *s;
                                    view! {
                                        <option value=s.as_str() prop:selected=move || source.get() == s>
                                            {move || i18n.source(s)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{move || i18n.t(K::ImportInto)}</span>
                        <select on:change=move |ev| dest.set(event_target_value(&ev).parse::<Id>().ok())>
                            <option value="" prop:selected=move || dest.get().is_none()>{move || i18n.t(K::IntoNewProject)}</option>
                            {move || {
                                projects()
                                    .into_iter()
                                    .map(|(id, n)| {
                                        view! { <option value=id.to_string() prop:selected=move || dest.get() == Some(id)>{n}</option> }
                                    })
                                    .collect_view()
                            }}
                        </select>
                    </label>
                    <Show when=move || dest.get().is_none()>
                        <label class="field">
                            <span>{move || i18n.t(K::NewProjectNameLabel)}</span>
                            <input type="text" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                        </label>
                    </Show>
                </div>
                <Show when=move || dest.get().is_some()>
                    <p class="muted">{move || i18n.t(K::ReimportHint)}</p>
                </Show>

                <Show when=move || !is_xml>
                    <details class="card" open=move || source.get() == Source::Csv>
                        <summary>{move || i18n.t(K::ColumnMapping)}</summary>
                        <table class="grid compact">
                            <thead>
                                <tr>
                                    <th scope="col">{move || i18n.t(K::ColumnInFile)}</th>
                                    <th scope="col">{move || i18n.t(K::FirstValue)}</th>
                                    <th scope="col">{move || i18n.t(K::ImportedAs)}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {headers
                                    .get_value()
                                    .into_iter()
                                    .enumerate()
                                    .map(|(i, h)| {
                                        let sample = samples.get(i).cloned().unwrap_or_default();
                                        let label = if h.is_empty() { format!("#{}", i + 1) } else { h.clone() };
                                        let aria = label.clone();
                                        view! {
                                            <tr>
                                                <th scope="row">{label}</th>
                                                <td class="muted">{sample}</td>
                                                <td>
                                                    <select
                                                        aria-label=move || format!("{}: {aria}", i18n.t(K::ImportedAs))
                                                        on:change=move |ev| {
                                                            let t = event_target_value(&ev)
                                                                .parse::<usize>()
                                                                .ok()
                                                                .and_then(|n| TARGETS.get(n).copied())
                                                                .unwrap_or(Target::Ignore);
                                                            columns.update(|m| {
                                                                if let Some(c) = m.columns.get_mut(i) {
                                                                    *c = t;
                                                                }
                                                            });
                                                        }
                                                    >
                                                        {TARGETS
                                                            .iter()
                                                            .enumerate()
                                                            .map(|(n, t)| {
                                                                let t = *t;
                                                                view! {
                                                                    <option
                                                                        value=n.to_string()
                                                                        prop:selected=move || columns.with(|m| m.columns.get(i).copied()) == Some(t)
                                                                    >
                                                                        {move || i18n.target(t)}
                                                                    </option>
                                                                }
                                                            })
                                                            .collect_view()}
                                                    </select>
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </details>
                </Show>

                {move || {
                    plan.with(|p| match &*p.0 {
                        Err(e) => view! { <p class="error" role="alert">{i18n.read_error(e)}</p> }.into_any(),
                        Ok((plan, warnings)) => {
                            view! {
                                <ValueMapping plan=plan.clone() values=values/>
                                <Summary plan=plan.clone()/>
                                <KindMapping plan=plan.clone() values=values/>
                                <PreviewTable plan=plan.clone()/>
                                <WarningList warnings=warnings.clone()/>
                            }
                                .into_any()
                        }
                    })
                }}
                <Show when=nothing_to_do>
                    <p class="muted">{move || i18n.t(K::NothingToImport)}</p>
                </Show>
                <div class="modal-actions">
                    <button on:click=move |_| on_close.run(())>{move || i18n.t(K::Cancel)}</button>
                    <button class="primary" on:click=confirm disabled=move || busy.get() || nothing_to_do()>
                        {move || i18n.t(K::ImportConfirm)}
                    </button>
                </div>
            </div>
        </div>
    }
}

/// The status, priority and type words of the file, each mapped onto Mieruka's.
#[component]
fn ValueMapping(
    /// The current preview (its distinct words).
    plan: Plan,
    /// The mapping being edited.
    values: RwSignal<ValueMaps>,
) -> impl IntoView {
    let i18n = expect_i18n();
    if plan.statuses.is_empty() && plan.priorities.is_empty() {
        return ().into_any();
    }
    // Open when a word still needs a decision; a complete default mapping stays folded.
    let unmapped = values.with_untracked(|v| {
        plan.statuses.iter().any(|w| !v.status.contains_key(&norm(w)))
            || plan.priorities.iter().any(|w| !v.priority.contains_key(&norm(w)))
    });
    let status_rows = plan
        .statuses
        .iter()
        .map(|w| {
            let key = StoredValue::new(norm(w));
            let key2 = key.get_value();
            let word = w.clone();
            let current = move || key.with_value(|k| values.with(|v| v.status.get(k).copied()));
            value_row(
                word,
                i18n.t(K::Status),
                TaskStatus::ALL.iter().map(|s| (s.as_str().to_string(), *s)).collect(),
                move |s| i18n.task_status(s).to_string(),
                current,
                move |s| {
                    values.update(|v| {
                        v.status.insert(key2.clone(), s);
                    })
                },
            )
        })
        .collect_view();
    let priority_rows = plan
        .priorities
        .iter()
        .map(|w| {
            let key = StoredValue::new(norm(w));
            let key2 = key.get_value();
            let current = move || key.with_value(|k| values.with(|v| v.priority.get(k).copied()));
            value_row(
                w.clone(),
                i18n.t(K::Priority),
                Priority::ALL.iter().map(|s| (s.as_str().to_string(), *s)).collect(),
                move |s| i18n.priority(s).to_string(),
                current,
                move |s| {
                    values.update(|v| {
                        v.priority.insert(key2.clone(), s);
                    })
                },
            )
        })
        .collect_view();
    view! {
        <details class="card" open=unmapped>
            <summary>{move || i18n.t(K::ValueMapping)}</summary>
            <table class="grid compact">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(K::FieldLabel)}</th>
                        <th scope="col">{move || i18n.t(K::ValueInFile)}</th>
                        <th scope="col">{move || i18n.t(K::BecomesValue)}</th>
                    </tr>
                </thead>
                <tbody>{status_rows}{priority_rows}</tbody>
            </table>
            <p class="muted">{move || i18n.t(K::MappingRemembered)}</p>
        </details>
    }
    .into_any()
}

/// Counts of what will be added, updated and left alone.
#[component]
fn Summary(
    /// The current preview.
    plan: Plan,
) -> impl IntoView {
    let i18n = expect_i18n();
    let c = plan.counts;
    let n = move |x: usize| i18n.num(x as f64);
    view! {
        <table class="grid compact import-summary" aria-label=move || i18n.t(K::ImportSummary)>
            <caption>{move || i18n.t(K::ImportSummary)}</caption>
            <thead>
                <tr>
                    <th scope="col"></th>
                    <th scope="col">{move || i18n.t(K::CountNew)}</th>
                    <th scope="col">{move || i18n.t(K::CountUpdated)}</th>
                    <th scope="col">{move || i18n.t(K::CountUnchanged)}</th>
                </tr>
            </thead>
            <tbody>
                <tr>
                    <th scope="row">{move || i18n.t(K::TasksLabel)}</th>
                    <td>{n(c.tasks_new)}</td>
                    <td>{n(c.tasks_updated)}</td>
                    <td>{n(c.tasks_unchanged)}</td>
                </tr>
                <tr>
                    <th scope="row">{move || i18n.t(K::IssuesLabel)}</th>
                    <td>{n(c.issues_new)}</td>
                    <td>{n(c.issues_updated)}</td>
                    <td>{n(c.issues_unchanged)}</td>
                </tr>
                <tr>
                    <th scope="row">{move || i18n.t(K::Members)}</th>
                    <td>{n(c.members_new)}</td>
                    <td></td>
                    <td></td>
                </tr>
                <tr>
                    <th scope="row">{move || i18n.t(K::CountSkipped)}</th>
                    <td colspan="3">{n(c.skipped)}</td>
                </tr>
            </tbody>
        </table>
    }
}

/// The first rows as they will land, indented by their place in the WBS.
#[component]
fn PreviewTable(
    /// The current preview.
    plan: Plan,
) -> impl IntoView {
    let i18n = expect_i18n();
    let rows: Vec<_> = plan.rows.into_iter().take(PREVIEW_ROWS).collect();
    view! {
        <div class="table-scroll">
            <table class="grid compact import-preview" aria-label=move || i18n.t(K::FirstRows)>
                <caption>{move || i18n.t(K::FirstRows)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(K::LineNo)}</th>
                        <th scope="col"></th>
                        <th scope="col">{move || i18n.t(K::TargetKind)}</th>
                        <th scope="col">{move || i18n.t(K::Title)}</th>
                        <th scope="col">{move || i18n.t(K::Status)}</th>
                        <th scope="col">{move || i18n.t(K::Priority)}</th>
                        <th scope="col">{move || i18n.t(K::Assignee)}</th>
                        <th scope="col">{move || i18n.t(K::Start)}</th>
                        <th scope="col">{move || i18n.t(K::Due)}</th>
                        <th scope="col">{move || i18n.t(K::Estimate)}</th>
                        <th scope="col">{move || i18n.t(K::Percent)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|r| {
                            let action = match r.action {
                                RowAction::New => K::CountNew,
                                RowAction::Update => K::CountUpdated,
                                RowAction::Unchanged => K::CountUnchanged,
                                RowAction::Skip => K::ItemSkip,
                            };
                            let indent = format!("{}rem", r.depth as f64 * 1.2);
                            let key = if r.key.is_empty() { String::new() } else { format!("{} ", r.key) };
                            let (item, status, priority, start, due) = (r.item, r.status, r.priority, r.start, r.due);
                            view! {
                                <tr>
                                    <td class="num">{r.line}</td>
                                    <td><span class="badge">{move || i18n.t(action)}</span></td>
                                    <td>{move || i18n.item_kind(item)}</td>
                                    <td>
                                        <span style:padding-left=indent>
                                            <span class="muted">{key}</span>
                                            {r.title.clone()}
                                        </span>
                                    </td>
                                    <td>{move || i18n.task_status(status)}</td>
                                    <td>{move || i18n.priority(priority)}</td>
                                    <td>{r.assignee.clone()}</td>
                                    <td>{move || i18n.date(start)}</td>
                                    <td>{move || i18n.date(due)}</td>
                                    <td class="num">{i18n.num(r.estimate_hours)}</td>
                                    <td class="num">{i18n.num(r.percent)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Every warning with its line (the first ones; the rest are counted).
#[component]
fn WarningList(
    /// Warnings of reading and of building, by line.
    warnings: Vec<Warning>,
) -> impl IntoView {
    let i18n = expect_i18n();
    let total = warnings.len();
    if total == 0 {
        return view! { <p class="ok-note">{move || i18n.t(K::NoWarnings)}</p> }.into_any();
    }
    let shown: Vec<Warning> = warnings.into_iter().take(PREVIEW_WARNINGS).collect();
    let more = total.saturating_sub(PREVIEW_WARNINGS);
    view! {
        <section class="card import-warnings" aria-label=move || i18n.t(K::Warnings)>
            <h3>{move || format!("{} ({})", i18n.t(K::Warnings), i18n.num(total as f64))}</h3>
            <ul>
                {shown
                    .into_iter()
                    .map(|w| {
                        let line = w.line;
                        view! {
                            <li>
                                <Show when=move || line != 0>
                                    <strong>{move || format!("{} {line}: ", i18n.t(K::LineNo))}</strong>
                                </Show>
                                {move || i18n.warning(&w)}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <Show when=move || more != 0>
                <p class="muted">{move || i18n.msg().more_warnings(i18n.num(more as f64))}</p>
            </Show>
        </section>
    }
    .into_any()
}
