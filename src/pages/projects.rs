//! The project list: create, open, rename, archive, delete, export; sample and import.

use leptos::prelude::*;
use mieruka_core::rollup::project_progress;
use mieruka_core::{Command, EntityRef, Id, ProjectField};

use crate::browser;
use crate::features::import::import_button::ImportButton;
use crate::features::import::import_template_button::ImportTemplateButton;
use crate::features::project::export_file::{export_projects, safe_file_name};
use crate::features::project::project_form::ProjectForm;
use crate::features::sync::join_button::JoinButton;
use crate::i18n::{expect_i18n, Lang, K};
use crate::notice::expect_notices;
use crate::route::{expect_router, Route, Tab};
use crate::state::expect_store;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::keyed::Keyed;
use crate::ui::storage_note::StorageNote;

#[derive(Clone, PartialEq)]
struct Row {
    id: Id,
    code: String,
    name: String,
    manager: String,
    status: mieruka_core::ProjectStatus,
    archived: bool,
    progress: f64,
    tasks: usize,
    start: Option<chrono::NaiveDate>,
    end: Option<chrono::NaiveDate>,
}

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let router = expect_router();
    let show_archived = RwSignal::new(false);
    let creating = RwSignal::new(false);
    let to_delete = RwSignal::new(None::<(Id, String)>);
    let renaming = RwSignal::new(None::<Id>);

    let rows = Memo::new(move |_| {
        store.with(|ws| {
            let mut v: Vec<Row> = ws
                .projects
                .values()
                .map(|p| Row {
                    id: p.id,
                    code: p.info.code.clone(),
                    name: p.info.name.clone(),
                    manager: p.info.manager.clone(),
                    status: p.info.status,
                    archived: p.info.archived,
                    progress: project_progress(p),
                    tasks: p.tasks.len(),
                    start: p.info.start,
                    end: p.info.target_end,
                })
                .collect();
            v.sort_by(|a, b| a.archived.cmp(&b.archived).then(a.code.cmp(&b.code)).then(a.name.cmp(&b.name)));
            v
        })
    });
    let visible =
        Memo::new(move |_| rows.get().into_iter().filter(|r| show_archived.get() || !r.archived).collect::<Vec<_>>());
    let keyed = Keyed::new(visible, |r| r.id);

    let load_sample = move |_| {
        let japanese = i18n.lang.get_untracked() == Lang::Ja;
        let seed = browser::new_id().as_u128() as u64;
        let mut p = mieruka_core::sample::sample_project(japanese, browser::today(), seed);
        // A fresh id so the sample can be loaded more than once.
        let id = browser::new_id();
        p = p.rebased(id);
        store.add_project(p);
        notices.info(i18n.t(K::SampleLoaded));
        router.go(Route::Project(id, Tab::Dashboard));
    };

    let export_all = move || {
        let ids: Vec<Id> = store.with_untracked(|ws| ws.projects.keys().copied().collect());
        if ids.is_empty() {
            notices.info(i18n.t(K::NothingToExport));
            return;
        }
        export_projects(ids, format!("mieruka-workspace-{}.json", browser::today()));
    };

    view! {
        <section class="page projects-page">
            <div class="page-head">
                <h1>{move || i18n.t(K::Projects)}</h1>
                <div class="toolbar">
                    <button class="primary" on:click=move |_| creating.set(true)>
                        {move || i18n.t(K::NewProject)}
                    </button>
                    <button on:click=load_sample>{move || i18n.t(K::LoadSample)}</button>
                    <ImportButton/>
                    <ImportTemplateButton/>
                    <JoinButton/>
                    <button on:click=move |_| export_all()>{move || i18n.t(K::ExportWorkspace)}</button>
                    <a class="button" href=Route::Portfolio.href() on:click=move |ev| {
                        ev.prevent_default();
                        router.go(Route::Portfolio);
                    }>{move || i18n.t(K::PortfolioTitle)}</a>
                    <label class="field check">
                        <input
                            type="checkbox"
                            prop:checked=move || show_archived.get()
                            on:change=move |ev| show_archived.set(event_target_checked(&ev))
                        />
                        <span>{move || i18n.t(K::ShowArchived)}</span>
                    </label>
                </div>
            </div>
            <StorageNote on_export=Callback::new(move |_| export_all())/>
            <Show when=move || creating.get()>
                <ProjectForm
                    on_done=Callback::new(move |id: Option<Id>| {
                        creating.set(false);
                        if let Some(id) = id {
                            router.go(Route::Project(id, Tab::Wbs));
                        }
                    })
                />
            </Show>
            <Show
                when=move || !keyed.is_empty()
                fallback=move || {
                    view! {
                        <div class="empty-state">
                            <p>
                                {move || {
                                    if store.is_loading() { i18n.t(K::Loading) } else { i18n.t(K::NoProjectsYet) }
                                }}
                            </p>
                        </div>
                    }
                }
            >
                <table class="grid projects">
                    <caption class="sr-only">{move || i18n.t(K::Projects)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(K::Code)}</th>
                            <th scope="col">{move || i18n.t(K::Name)}</th>
                            <th scope="col">{move || i18n.t(K::Manager)}</th>
                            <th scope="col">{move || i18n.t(K::Status)}</th>
                            <th scope="col">{move || i18n.t(K::Progress)}</th>
                            <th scope="col">{move || i18n.t(K::Period)}</th>
                            <th scope="col">{move || i18n.t(K::Actions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || keyed.keys() key=|k| *k let:k>
                            {
                                // Keyed by id; the row draws again only when its own value changes.
                                let row = keyed.row(k);
                                move || row.get().map(|r| {
                                let id = r.id;
                                let name = r.name.clone();
                                let name2 = r.name.clone();
                                let name3 = r.name.clone();
                                let archived = r.archived;
                                let pct = r.progress;
                                view! {
                                    <tr class:archived=archived>
                                        <td>{r.code.clone()}</td>
                                        <td>
                                            {move || {
                                                if renaming.get() == Some(id) {
                                                    let current = name.clone();
                                                    view! {
                                                        <input
                                                            type="text"
                                                            aria-label=move || i18n.t(K::ProjectName)
                                                            prop:value=current
                                                            autofocus
                                                            on:change=move |ev| {
                                                                let v = event_target_value(&ev);
                                                                store.run(Command::Set {
                                                                    project: id,
                                                                    entity: EntityRef::project(id),
                                                                    field: ProjectField::Name.into(),
                                                                    value: serde_json::json!(v),
                                                                });
                                                                renaming.set(None);
                                                            }
                                                            on:keydown=move |ev| {
                                                                if ev.key() == "Escape" {
                                                                    renaming.set(None);
                                                                }
                                                            }
                                                        />
                                                    }
                                                        .into_any()
                                                } else {
                                                    view! {
                                                        <a
                                                            href=Route::Project(id, Tab::Dashboard).href()
                                                            on:click=move |_| router.go(Route::Project(id, Tab::Dashboard))
                                                        >
                                                            {name.clone()}
                                                        </a>
                                                    }
                                                        .into_any()
                                                }
                                            }}
                                            {archived.then(|| view! { <span class="badge">{move || i18n.t(K::Archived)}</span> })}
                                        </td>
                                        <td>{r.manager.clone()}</td>
                                        <td>{move || i18n.project_status(r.status)}</td>
                                        <td>
                                            <div
                                                class="progress"
                                                role="progressbar"
                                                aria-label=move || i18n.t(K::Progress)
                                                aria-valuemin="0"
                                                aria-valuemax="100"
                                                aria-valuenow=format!("{pct:.0}")
                                            >
                                                <div class="bar" style:width=format!("{pct:.0}%")></div>
                                                <span>{format!("{pct:.0}%")}</span>
                                            </div>
                                            <small>{move || format!("{} {}", i18n.num(r.tasks as f64), i18n.t(K::TasksCount))}</small>
                                        </td>
                                        <td>{move || format!("{} – {}", i18n.date(r.start), i18n.date(r.end))}</td>
                                        <td class="actions">
                                            <button on:click=move |_| router.go(Route::Project(id, Tab::Dashboard))>
                                                {move || i18n.t(K::Open)}
                                            </button>
                                            <button on:click=move |_| renaming.set(Some(id))>{move || i18n.t(K::Rename)}</button>
                                            <button on:click=move |_| {
                                                store.run(Command::Set {
                                                    project: id,
                                                    entity: EntityRef::project(id),
                                                    field: ProjectField::Archived.into(),
                                                    value: serde_json::json!(!archived),
                                                });
                                            }>
                                                {move || if archived { i18n.t(K::Unarchive) } else { i18n.t(K::Archive) }}
                                            </button>
                                            <button on:click=move |_| {
                                                export_projects(vec![id], format!("{}-{}.json", safe_file_name(&name2), browser::today()));
                                            }>{move || i18n.t(K::Export)}</button>
                                            <button class="danger" on:click=move |_| to_delete.set(Some((id, name3.clone())))>
                                                {move || i18n.t(K::Delete)}
                                            </button>
                                        </td>
                                    </tr>
                                }
                            })
                            }
                        </For>
                    </tbody>
                </table>
            </Show>
            {move || {
                to_delete
                    .get()
                    .map(|(id, name)| {
                        let title = format!("{} {}", i18n.t(K::DeleteProject), i18n.quote(&name));
                        view! {
                            <ConfirmDialog
                                title=title
                                message=i18n.t(K::DeleteProjectWarning).to_string()
                                confirm_label=i18n.t(K::Delete).to_string()
                                on_confirm=Callback::new(move |_| {
                                    store.run(Command::DeleteProject { id });
                                    to_delete.set(None);
                                })
                                on_cancel=Callback::new(move |_| to_delete.set(None))
                            />
                        }
                    })
            }}
        </section>
    }
}
