//! Create or edit a risk; a risk that occurred becomes an issue in one step.

use leptos::prelude::*;
use mieruka_core::{Command, EntityRef, Id, RiskKind, RiskStatus, RiskStrategy};

use crate::browser;
use crate::i18n::{expect_i18n, options, K};
use crate::state::expect_store;
use crate::ui::entity_form::{EntityForm, FormDraft, FormWords};
use crate::ui::form_fields::{date_field, member_options, select_field, text_field, textarea_field};
use crate::ui::risk_level_badge::RiskLevelBadge;

fn scale_options(none: bool) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = if none { vec![(String::new(), "—".into())] } else { vec![] };
    v.extend((1..=5).map(|n| (n.to_string(), n.to_string())));
    v
}

#[component]
pub fn RiskForm(
    /// The project.
    pid: Id,
    /// The risk edited; None creates a new one.
    id: Option<Id>,
    /// Called when the form closes.
    on_close: Callback<()>,
) -> impl IntoView {
    let store = expect_store();
    let i18n = expect_i18n();
    let form = FormDraft::open(store, pid, id, |p, id| p.risks.get(&id).cloned(), Default::default);
    let draft = form.draft;
    let member_options = move || member_options(store, pid);
    let save =
        move |_| form.save(store, pid, id, EntityRef::risk, |id, risk| Command::AddRisk { project: pid, id, risk });
    let to_issue = move |_| {
        if let Some(rid) = id {
            let issue = browser::new_id();
            if store.run(Command::RiskToIssue { project: pid, risk: rid, issue, raised_on: browser::today() }) {
                on_close.run(());
            }
        }
    };
    let level = move || draft.with(|d| (d.level(), d.score()));
    let linked = move || {
        id.and_then(|rid| store.with_project(pid, |p| p.risks.get(&rid).and_then(|r| r.linked_issue)).flatten())
    };
    view! {
        <EntityForm
            editing=id.is_some()
            words=FormWords { new: K::NewRisk, edit: K::EditRisk, delete: K::DeleteRisk }
            on_save=Callback::new(save)
            on_delete=Callback::new(move |_| if let Some(id) = id { store.run(Command::Delete { project: pid, entity: EntityRef::risk(id) }); })
            name=Signal::derive(move || draft.with(|d| d.title.clone()))
            on_close=on_close
            badge=move || { let (l, s) = level(); view! { <RiskLevelBadge level=l score=s/> } }
            actions=move || view! {
                <button type="button" on:click=to_issue prop:disabled=move || linked().is_some()>{move || i18n.t(K::TurnIntoIssue)}</button>
            }
        >
                {text_field(i18n, K::Title, move || draft.with(|d| d.title.clone()), move |v| draft.update(|d| d.title = v))}
                {select_field(
                    i18n,
                    K::Kind,
                    move || options(RiskKind::ALL, RiskKind::as_str, |k| i18n.risk_kind(k)),
                    move || draft.with(|d| d.kind.as_str().to_string()),
                    move |v| draft.update(|d| {
                        d.kind = RiskKind::parse(&v).unwrap_or_default();
                        if !d.strategy.fits(d.kind) {
                            d.strategy = RiskStrategy::Accept;
                        }
                    }),
                )}
                {text_field(i18n, K::Category, move || draft.with(|d| d.category.clone()), move |v| draft.update(|d| d.category = v))}
                {select_field(
                    i18n,
                    K::Probability,
                    move || scale_options(false),
                    move || draft.with(|d| d.probability.to_string()),
                    move |v| draft.update(|d| d.probability = v.parse().unwrap_or(3)),
                )}
                {select_field(
                    i18n,
                    K::Impact,
                    move || scale_options(false),
                    move || draft.with(|d| d.impact.to_string()),
                    move |v| draft.update(|d| d.impact = v.parse().unwrap_or(3)),
                )}
                {select_field(
                    i18n,
                    K::ResidualProbability,
                    move || scale_options(true),
                    move || draft.with(|d| d.residual_probability.map(|x| x.to_string()).unwrap_or_default()),
                    move |v| draft.update(|d| d.residual_probability = v.parse().ok()),
                )}
                {select_field(
                    i18n,
                    K::ResidualImpact,
                    move || scale_options(true),
                    move || draft.with(|d| d.residual_impact.map(|x| x.to_string()).unwrap_or_default()),
                    move |v| draft.update(|d| d.residual_impact = v.parse().ok()),
                )}
                {select_field(
                    i18n,
                    K::Strategy,
                    move || {
                        let kind = draft.with(|d| d.kind);
                        RiskStrategy::for_kind(kind).map(|s| (s.as_str().to_string(), i18n.risk_strategy(s).to_string())).collect()
                    },
                    move || draft.with(|d| d.strategy.as_str().to_string()),
                    move |v| draft.update(|d| d.strategy = RiskStrategy::parse(&v).unwrap_or_default()),
                )}
                {select_field(
                    i18n,
                    K::Status,
                    move || options(RiskStatus::ALL, RiskStatus::as_str, |s| i18n.risk_status(s)),
                    move || draft.with(|d| d.status.as_str().to_string()),
                    move |v| draft.update(|d| d.status = RiskStatus::parse(&v).unwrap_or_default()),
                )}
                {select_field(
                    i18n,
                    K::Owner,
                    member_options,
                    move || draft.with(|d| d.owner.map(|o| o.to_string()).unwrap_or_default()),
                    move |v| draft.update(|d| d.owner = Id::parse_str(&v).ok()),
                )}
                {date_field(i18n, K::ReviewDate, move || draft.with(|d| d.review_date), move |v| draft.update(|d| d.review_date = v))}
                {textarea_field(i18n, K::Description, move || draft.with(|d| d.description.clone()), move |v| draft.update(|d| d.description = v))}
                {textarea_field(i18n, K::Cause, move || draft.with(|d| d.cause.clone()), move |v| draft.update(|d| d.cause = v))}
                {textarea_field(i18n, K::ResponsePlan, move || draft.with(|d| d.response_plan.clone()), move |v| draft.update(|d| d.response_plan = v))}
                {textarea_field(i18n, K::ContingencyPlan, move || draft.with(|d| d.contingency_plan.clone()), move |v| draft.update(|d| d.contingency_plan = v))}
        </EntityForm>
    }
}
