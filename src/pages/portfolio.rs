//! The portfolio page (`#/portfolio`, 組織横断): every project's status at the status date, then
//! the cross-project lists and the workload of people across projects. The projects come from
//! this browser, from team files opened just for viewing (not stored unless saved), or both.

use std::collections::BTreeSet;

use leptos::prelude::*;
use mieruka_core::analytics::portfolio::{overview, Options, Portfolio};
use mieruka_core::{Id, Project};

use crate::browser;
use crate::features::portfolio::cross_project_lists::CrossProjectLists;
use crate::features::portfolio::cross_workload::CrossWorkload;
use crate::features::portfolio::open_files_button::OpenFilesButton;
use crate::features::portfolio::portfolio_files::{expect_portfolio_files, PortfolioSource};
use crate::features::portfolio::portfolio_table::PortfolioTable;
use crate::features::project::as_of_banner::AsOfBanner;
use crate::features::project::status_date_picker::StatusDatePicker;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::status_date::expect_status_date;

/// How many weeks the workload table shows, from the week of the status date.
pub const WORKLOAD_WEEKS: usize = 8;

fn source_key(s: PortfolioSource) -> K {
    match s {
        PortfolioSource::Stored => K::SourceStored,
        PortfolioSource::Files => K::SourceFiles,
        PortfolioSource::Both => K::SourceBoth,
    }
}

#[component]
pub fn PortfolioPage() -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let status = expect_status_date();
    let files = expect_portfolio_files();

    // The projects of rows that come from opened files (tracked).
    let file_ids =
        Signal::derive(move || if files.source.get() == PortfolioSource::Stored { Vec::new() } else { files.ids() });

    let data = Memo::new(move |_| -> Portfolio {
        let opts = Options {
            status_date: status.get(),
            tz_offset_min: browser::tz_offset_min(),
            workload_weeks: WORKLOAD_WEEKS,
            include_archived: false,
        };
        let source = files.source.get();
        files.projects.with(|opened| {
            let from_files: BTreeSet<Id> = opened.iter().map(|p| p.id).collect();
            store.with(|ws| {
                let mut ps: Vec<&Project> = Vec::new();
                if source != PortfolioSource::Files {
                    ps.extend(
                        ws.projects
                            .values()
                            .filter(|p| source == PortfolioSource::Stored || !from_files.contains(&p.id)),
                    );
                }
                if source != PortfolioSource::Stored {
                    ps.extend(opened.iter().map(|p| p.as_ref()));
                }
                let has_history = |id: Id| {
                    (source != PortfolioSource::Stored && from_files.contains(&id)) || store.history_loaded(id)
                };
                overview(&ps, &opts, has_history)
            })
        })
    });

    let save_files = move |_| {
        let opened = files.projects.get_untracked();
        if opened.is_empty() {
            return;
        }
        let names = opened.iter().map(|p| p.info.label().to_string()).collect::<Vec<_>>().join(", ");
        for p in opened {
            let here = store.with_untracked(|ws| ws.projects.contains_key(&p.id));
            if here {
                // Already kept here: merge the file's copy in (change logs union, as an import merges).
                store.merge_project(&p);
            } else {
                store.add_project((*p).clone());
            }
        }
        files.clear();
        notices.info(format!("{} {names}", i18n.t(K::ProjectsSaved)));
    };

    let has_files = move || files.projects.with(|v| !v.is_empty());

    view! {
        <section class="page portfolio-page">
            <div class="page-head">
                <h1>{move || i18n.t(K::PortfolioTitle)}</h1>
                <div class="toolbar">
                    <StatusDatePicker/>
                    <OpenFilesButton/>
                </div>
            </div>
            <p class="muted intro">{move || i18n.t(K::PortfolioIntro)}</p>
            <AsOfBanner/>
            <Show when=has_files>
                <div class="files-banner" role="region" aria-label=move || i18n.t(K::FromFilesNotSaved)>
                    <strong class="not-saved">{move || i18n.t(K::FromFilesNotSaved)}</strong>
                    <span class="file-names">
                        {move || files.projects.with(|v| v.iter().map(|p| p.info.label().to_string()).collect::<Vec<_>>().join(", "))}
                    </span>
                    <label class="field inline">
                        <span>{move || i18n.t(K::ShowSource)}</span>
                        <select on:change=move |ev| {
                            if let Some(s) = PortfolioSource::parse(&event_target_value(&ev)) {
                                files.source.set(s);
                            }
                        }>
                            {PortfolioSource::ALL
                                .into_iter()
                                .map(|s| view! {
                                    <option value=s.as_str() prop:selected=move || files.source.get() == s>{move || i18n.t(source_key(s))}</option>
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <button class="primary" on:click=save_files>{move || i18n.t(K::SaveTheseProjects)}</button>
                    <button on:click=move |_| files.clear()>{move || i18n.t(K::CloseFiles)}</button>
                </div>
            </Show>
            <Show
                when=move || data.with(|d| !d.rows.is_empty())
                fallback=move || view! {
                    <div class="empty-state">
                        <p>{move || if store.is_loading() { i18n.t(K::Loading) } else { i18n.t(K::PortfolioEmpty) }}</p>
                    </div>
                }
            >
                <PortfolioTable rows=Signal::derive(move || data.with(|d| d.rows.clone())) file_ids=file_ids/>
                <CrossProjectLists
                    overdue=Signal::derive(move || data.with(|d| d.overdue_tasks.clone()))
                    risks=Signal::derive(move || data.with(|d| d.high_risks.clone()))
                    issues=Signal::derive(move || data.with(|d| d.issues_this_week.clone()))
                    week=Signal::derive(move || data.with(|d| d.week))
                />
                <CrossWorkload workload=Signal::derive(move || data.with(|d| d.workload.clone()))/>
            </Show>
        </section>
    }
}
