//! Project settings: the project's own fields and its members.

use leptos::prelude::*;
use mieruka_core::{Command, EntityRef, Id, ProjectStatus, Weekday};

use crate::features::project::baseline_compare::BaselineCompare;
use crate::features::project::baselines_panel::BaselinesPanel;
use crate::features::project::export_panel::ExportPanel;
use crate::features::project::members_editor::MembersEditor;
use crate::features::project::restore_point_panel::RestorePointPanel;
use crate::features::project::template_panel::TemplatePanel;
use crate::i18n::{expect_i18n, options, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::ui::form_fields::{
    changed_fields, checkbox_field, date_field, number_field, parse_date, select_field, text_field, textarea_field,
    InputError,
};

#[component]
pub fn SettingsTab(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let initial = store.with_project(pid, |p| p.info.clone()).unwrap_or_default();
    let company = RwSignal::new(initial.company_holidays.join("\n"));
    let extra_off = RwSignal::new(dates_text(&initial.extra_holidays));
    let extra_on = RwSignal::new(dates_text(&initial.extra_working_days));
    let draft = RwSignal::new(initial);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let current = store.with_project(pid, |p| p.info.clone()).unwrap_or_default();
        let mut wanted = draft.get_untracked();
        wanted.company_holidays = split_list(&company.get_untracked());
        match (parse_dates(&extra_off.get_untracked()), parse_dates(&extra_on.get_untracked())) {
            (Ok(off), Ok(on)) => {
                wanted.extra_holidays = off;
                wanted.extra_working_days = on;
            }
            (Err(e), _) | (_, Err(e)) => {
                notices.error(e.message(&i18n));
                return;
            }
        }
        let fields = changed_fields(&current, &wanted);
        if fields.is_empty() {
            return;
        }
        if store.run(Command::SetMany { project: pid, entity: EntityRef::project(pid), fields }) {
            notices.info(i18n.t(K::Saved));
        }
    };
    view! {
        <div class="settings">
            <form class="card form" aria-label=move || i18n.t(K::ProjectSettings) on:submit=save>
                <h2>{move || i18n.t(K::ProjectSettings)}</h2>
                <div class="form-grid">
                    {text_field(i18n, K::Code, move || draft.with(|d| d.code.clone()), move |v| draft.update(|d| d.code = v))}
                    {text_field(i18n, K::ProjectName, move || draft.with(|d| d.name.clone()), move |v| draft.update(|d| d.name = v))}
                    {text_field(i18n, K::Manager, move || draft.with(|d| d.manager.clone()), move |v| draft.update(|d| d.manager = v))}
                    {select_field(
                        i18n,
                        K::Status,
                        move || options(ProjectStatus::ALL, ProjectStatus::as_str, |s| i18n.project_status(s)),
                        move || draft.with(|d| d.status.as_str().to_string()),
                        move |v| draft.update(|d| d.status = ProjectStatus::parse(&v).unwrap_or_default()),
                    )}
                    {date_field(i18n, K::Start, move || draft.with(|d| d.start), move |v| draft.update(|d| d.start = v))}
                    {date_field(i18n, K::TargetEnd, move || draft.with(|d| d.target_end), move |v| draft.update(|d| d.target_end = v))}
                    <fieldset class="field wide">
                        <legend>{move || i18n.t(K::WorkingDays)}</legend>
                        {Weekday::ALL
                            .iter()
                            .map(|d| {
                                let d = *d;
                                view! {
                                    <label class="check">
                                        <input
                                            type="checkbox"
                                            prop:checked=move || draft.with(|x| x.working_days.contains(&d))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                draft.update(|x| {
                                                    x.working_days.retain(|w| *w != d);
                                                    if on {
                                                        x.working_days.push(d);
                                                        x.working_days.sort();
                                                    }
                                                });
                                            }
                                        />
                                        {move || i18n.weekday(d)}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    {textarea_field(i18n, K::Description, move || draft.with(|d| d.description.clone()), move |v| draft.update(|d| d.description = v))}
                </div>
                <h3>{move || i18n.t(K::CalendarAndCosts)}</h3>
                <div class="form-grid">
                    {checkbox_field(i18n, K::JapaneseHolidays, move || draft.with(|d| d.japanese_holidays), move |v| draft.update(|d| d.japanese_holidays = v))}
                    {number_field(
                        i18n,
                        notices,
                        K::DefaultRate,
                        move || draft.with(|d| Some(d.default_rate)),
                        move |v| draft.update(|d| d.default_rate = v.unwrap_or(0.0)),
                        false,
                    )}
                    {text_field(i18n, K::Currency, move || draft.with(|d| d.currency.clone()), move |v| draft.update(|d| d.currency = v))}
                    {textarea_field(i18n, K::CompanyHolidays, move || company.get(), move |v| company.set(v))}
                    {textarea_field(i18n, K::ExtraHolidays, move || extra_off.get(), move |v| extra_off.set(v))}
                    {textarea_field(i18n, K::ExtraWorkingDays, move || extra_on.get(), move |v| extra_on.set(v))}
                </div>
                <div class="form-actions">
                    <button type="submit" class="primary">{move || i18n.t(K::Save)}</button>
                </div>
            </form>
            <MembersEditor pid=pid/>
            <BaselinesPanel pid=pid/>
            <BaselineCompare pid=pid/>
            <TemplatePanel pid=pid/>
            <ExportPanel pid=pid/>
            <RestorePointPanel pid=pid/>
            <section class="card">
                <h2>{move || i18n.t(K::YourName)}</h2>
                <label class="field">
                    <span>{move || i18n.t(K::YourNameHelp)}</span>
                    <input
                        type="text"
                        prop:value=store.actor()
                        on:change=move |ev| match store.set_actor(&event_target_value(&ev)) {
                            Ok(()) => notices.info(i18n.t(K::Saved)),
                            Err(e) => {
                                notices.error(e.message(&i18n));
                                crate::ui::form_fields::reset_input(&ev, &store.actor());
                            }
                        }
                    />
                </label>
            </section>
        </div>
    }
}

/// Entries separated by new lines, commas or Japanese commas; blanks dropped.
fn split_list(text: &str) -> Vec<String> {
    text.split(['\n', ',', '、', '，']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

fn dates_text(dates: &[chrono::NaiveDate]) -> String {
    dates.iter().map(|d| d.format("%Y-%m-%d").to_string()).collect::<Vec<_>>().join("\n")
}

/// Dates one per line (or comma separated), sorted and without repeats; the first bad entry on error.
fn parse_dates(text: &str) -> Result<Vec<chrono::NaiveDate>, InputError> {
    let mut out = Vec::new();
    for entry in split_list(text) {
        match parse_date(&entry) {
            Ok(Some(d)) => out.push(d),
            _ => return Err(InputError::BadDate(entry)),
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_dates_parse_or_name_the_bad_entry() {
        assert_eq!(split_list("12-29..01-03\n 05-01 、08-13..08-15,"), vec!["12-29..01-03", "05-01", "08-13..08-15"]);
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        assert_eq!(parse_dates("2026-12-28\n2026/05/01, 2026-12-28"), Ok(vec![d(5, 1), d(12, 28)]));
        assert_eq!(parse_dates("2026-02-30"), Err(InputError::BadDate("2026-02-30".into())));
        assert_eq!(parse_dates(""), Ok(vec![]));
    }
}
