//! One project: its name, undo/redo, the status date and the tabs dashboard, WBS, Gantt, issues,
//! risks, charts, meetings, stakeholders, status reports, activity and settings.

use leptos::prelude::*;
use mieruka_core::topic::Read;
use mieruka_core::Id;

use crate::features::charts::charts_tab::ChartsTab;
use crate::features::charts::dashboard_tab::DashboardTab;
use crate::features::charts::gantt_tab::GanttTab;
use crate::features::issues::issues_tab::IssuesTab;
use crate::features::meetings::meetings_tab::MeetingsTab;
use crate::features::project::activity_tab::ActivityTab;
use crate::features::project::settings_tab::SettingsTab;
use crate::features::project::status_date_picker::StatusDatePicker;
use crate::features::reports::reports_tab::ReportsTab;
use crate::features::risks::risks_tab::RisksTab;
use crate::features::stakeholders::stakeholders_tab::StakeholdersTab;
use crate::features::sync::sync_chip::SyncChip;
use crate::features::wbs::wbs_tab::WbsTab;
use crate::i18n::{expect_i18n, K};
use crate::route::{expect_router, Route, Tab};
use crate::state::expect_store;
use crate::storage::prefs;

#[component]
pub fn ProjectPage(
    /// The project shown.
    id: Id,
    /// The open tab.
    tab: Tab,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let router = expect_router();
    if let Err(e) = prefs::set_last_project(&id.to_string()) {
        leptos::logging::warn!("{e}");
    }
    let exists = move || store.project_ids().contains(&id);
    let name = move || store.read(id, &[Read::info(id)], |p| p.info.name.clone()).unwrap_or_default();
    let code = move || store.read(id, &[Read::info(id)], |p| p.info.code.clone()).unwrap_or_default();
    let tab_label = move |t: Tab| match t {
        Tab::Dashboard => i18n.t(K::TabDashboard),
        Tab::Wbs => i18n.t(K::TabWbs),
        Tab::Gantt => i18n.t(K::TabGantt),
        Tab::Charts => i18n.t(K::TabCharts),
        Tab::Issues => i18n.t(K::TabIssues),
        Tab::Risks => i18n.t(K::TabRisks),
        Tab::Meetings => i18n.t(K::TabMeetings),
        Tab::Stakeholders => i18n.t(K::TabStakeholders),
        Tab::Reports => i18n.t(K::TabReports),
        Tab::Activity => i18n.t(K::TabActivity),
        Tab::Settings => i18n.t(K::TabSettings),
    };
    view! {
        <Show
            when=exists
            fallback=move || {
                view! {
                    <section class="page">
                        <p class="empty-state">
                            {move || if store.is_loading() { i18n.t(K::Loading) } else { i18n.t(K::ProjectNotFound) }}
                        </p>
                        <a href="#/" on:click=move |_| router.go(Route::Projects)>{move || i18n.t(K::BackToProjects)}</a>
                    </section>
                }
            }
        >
            <section class="page project-page">
                <div class="page-head">
                    <nav class="crumbs" aria-label=move || i18n.t(K::Breadcrumb)>
                        <a href="#/" on:click=move |_| router.go(Route::Projects)>{move || i18n.t(K::Projects)}</a>
                        " / "
                    </nav>
                    <h1>
                        <span class="code">{code}</span>
                        " "
                        {name}
                    </h1>
                    <div class="toolbar">
                        <SyncChip pid=id/>
                        {matches!(tab, Tab::Dashboard | Tab::Gantt | Tab::Charts).then(|| view! { <StatusDatePicker/> })}
                        <button
                            aria-keyshortcuts="Control+Z"
                            prop:disabled=move || !store.can_undo(id)
                            on:click=move |_| store.undo(id)
                        >
                            {move || i18n.t(K::Undo)}
                        </button>
                        <button
                            aria-keyshortcuts="Control+Shift+Z"
                            prop:disabled=move || !store.can_redo(id)
                            on:click=move |_| store.redo(id)
                        >
                            {move || i18n.t(K::Redo)}
                        </button>
                    </div>
                </div>
                <div class="tabs" role="tablist" aria-label=move || i18n.t(K::ProjectViews)>
                    {Tab::ALL
                        .into_iter()
                        .map(|t| {
                            view! {
                                <a
                                    role="tab"
                                    href=Route::Project(id, t).href()
                                    aria-selected=if t == tab { "true" } else { "false" }
                                    class:active=t == tab
                                    on:click=move |_| router.go(Route::Project(id, t))
                                >
                                    {move || tab_label(t)}
                                </a>
                            }
                        })
                        .collect_view()}
                </div>
                <div class="tab-panel" role="tabpanel" aria-label=move || tab_label(tab)>
                    {match tab {
                        Tab::Dashboard => view! { <DashboardTab pid=id/> }.into_any(),
                        Tab::Wbs => view! { <WbsTab pid=id/> }.into_any(),
                        Tab::Gantt => view! { <GanttTab pid=id/> }.into_any(),
                        Tab::Charts => view! { <ChartsTab pid=id/> }.into_any(),
                        Tab::Issues => view! { <IssuesTab pid=id/> }.into_any(),
                        Tab::Risks => view! { <RisksTab pid=id/> }.into_any(),
                        Tab::Meetings => view! { <MeetingsTab pid=id/> }.into_any(),
                        Tab::Stakeholders => view! { <StakeholdersTab pid=id/> }.into_any(),
                        Tab::Reports => view! { <ReportsTab pid=id/> }.into_any(),
                        Tab::Activity => view! { <ActivityTab pid=id/> }.into_any(),
                        Tab::Settings => view! { <SettingsTab pid=id/> }.into_any(),
                    }}
                </div>
            </section>
        </Show>
    }
}
