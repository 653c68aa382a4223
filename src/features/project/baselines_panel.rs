//! The project's baselines: take one (name, date), see the list with the chosen one marked,
//! choose or unchoose it for the charts, delete one (after a confirmation).

use leptos::prelude::*;
use mieruka_core::{Command, EntityRef, Id, ProjectField};
use serde_json::json;

use crate::browser;
use crate::i18n::{expect_i18n, K};
use crate::notice::expect_notices;
use crate::state::expect_store;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::form_fields::{date_field, text_field};
use crate::ui::keyed::Keyed;

#[component]
pub fn BaselinesPanel(
    /// The project.
    pid: Id,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let notices = expect_notices();
    let name = RwSignal::new(i18n.t(K::BaselineDefaultName).to_string());
    let taken_on = RwSignal::new(Some(browser::today()));
    let to_delete = RwSignal::new(None::<(Id, String)>);
    let list = Memo::new(move |_| {
        store
            .with_project(pid, |p| {
                let mut v: Vec<(Id, String, chrono::NaiveDate, usize, bool)> = p
                    .baselines
                    .iter()
                    .map(|(id, b)| (*id, b.name.clone(), b.taken_on, b.tasks.len(), p.info.baseline == Some(*id)))
                    .collect();
                v.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
                v
            })
            .unwrap_or_default()
    });
    let keyed = Keyed::new(list, |b| b.0);
    let take = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked();
        let Some(day) = taken_on.get_untracked() else {
            notices.error(i18n.t(K::ErrNotDate).to_string());
            return;
        };
        let id = browser::new_id();
        if store.run(Command::TakeBaseline { project: pid, id, name: n, taken_on: day }) {
            notices.info(i18n.t(K::BaselineTaken));
        }
    };
    let choose = move |id: Option<Id>| {
        store.run(Command::Set {
            project: pid,
            entity: EntityRef::project(pid),
            field: ProjectField::Baseline.into(),
            value: json!(id),
        });
    };
    view! {
        <section class="card baselines" aria-label=move || i18n.t(K::BaselinesTitle)>
            <h2>{move || i18n.t(K::BaselinesTitle)}</h2>
            <p class="hint">{move || i18n.t(K::BaselinesIntro)}</p>
            <form class="form-row" on:submit=take aria-label=move || i18n.t(K::TakeBaseline)>
                {text_field(i18n, K::Name, move || name.get(), move |v| name.set(v))}
                {date_field(i18n, K::BaselineDate, move || taken_on.get(), move |v| taken_on.set(v))}
                <button type="submit" class="primary">{move || i18n.t(K::TakeBaseline)}</button>
            </form>
            <Show when=move || list.with(|l| !l.is_empty()) fallback=move || view! { <p class="empty">{move || i18n.t(K::NoBaselines)}</p> }>
                <table class="grid baseline-list">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(K::Name)}</th>
                            <th scope="col">{move || i18n.t(K::BaselineDate)}</th>
                            <th scope="col" class="num">{move || i18n.t(K::BaselineTasks)}</th>
                            <th scope="col">{move || i18n.t(K::BaselineChosen)}</th>
                            <th scope="col"></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || keyed.keys() key=|k| *k let:k>
                            {
                                // Keyed by id; the row draws again only when its own value changes.
                                let row = keyed.row(k);
                                move || row.get().map(|b| {
                                let (id, title, day, n, chosen) = b;
                                let title_del = title.clone();
                                view! {
                                    <tr class:chosen=chosen>
                                        <td>{title.clone()}</td>
                                        <td>{move || i18n.date(Some(day))}</td>
                                        <td class="num">{n}</td>
                                        <td>{move || if chosen { format!("✓ {}", i18n.t(K::BaselineChosen)) } else { String::new() }}</td>
                                        <td class="actions">
                                            {if chosen {
                                                view! { <button type="button" on:click=move |_| choose(None)>{move || i18n.t(K::StopUsingBaseline)}</button> }.into_any()
                                            } else {
                                                view! { <button type="button" on:click=move |_| choose(Some(id))>{move || i18n.t(K::UseBaseline)}</button> }.into_any()
                                            }}
                                            <button type="button" class="danger" on:click=move |_| to_delete.set(Some((id, title_del.clone())))>
                                                {move || i18n.t(K::DeleteBaseline)}
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
            {move || to_delete.get().map(|(id, title)| view! {
                <ConfirmDialog
                    title=i18n.t(K::DeleteBaseline).to_string()
                    message=title
                    confirm_label=i18n.t(K::Delete).to_string()
                    on_confirm=Callback::new(move |_| {
                        store.run(Command::Delete { project: pid, entity: EntityRef::baseline(id) });
                        to_delete.set(None);
                    })
                    on_cancel=Callback::new(move |_| to_delete.set(None))
                />
            })}
        </section>
    }
}
