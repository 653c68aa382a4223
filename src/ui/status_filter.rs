//! The status filter of a register whose records are active or done with (issues, risks): the
//! active ones only (the default), all, or those of one status.

use leptos::prelude::*;
use mieruka_core::{IssueStatus, RiskStatus};

use crate::i18n::{expect_i18n, I18n, K};

/// A status a register filters by.
pub trait FilteredStatus: Copy + PartialEq + Send + Sync + 'static {
    /// Every status, in the select's order.
    const ALL: &'static [Self];
    /// The first option's words ("open only", "active only").
    const ACTIVE_ONLY: K;
    /// The option's value.
    fn word(self) -> &'static str;
    /// Whether "active only" shows a record of this status.
    fn active(self) -> bool;
    /// The option's words.
    fn label(self, i18n: I18n) -> &'static str;
}

impl FilteredStatus for IssueStatus {
    const ALL: &'static [Self] = IssueStatus::ALL;
    const ACTIVE_ONLY: K = K::OpenOnly;
    fn word(self) -> &'static str {
        self.as_str()
    }
    fn active(self) -> bool {
        self.is_open()
    }
    fn label(self, i18n: I18n) -> &'static str {
        i18n.issue_status(self)
    }
}

impl FilteredStatus for RiskStatus {
    const ALL: &'static [Self] = RiskStatus::ALL;
    const ACTIVE_ONLY: K = K::ActiveOnly;
    fn word(self) -> &'static str {
        self.as_str()
    }
    fn active(self) -> bool {
        self.is_active()
    }
    fn label(self, i18n: I18n) -> &'static str {
        i18n.risk_status(self)
    }
}

/// Which records a register shows, by their status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter<S> {
    /// The active ones (the default).
    #[default]
    Active,
    All,
    Only(S),
}

/// The "active only" option's value.
const ACTIVE: &str = "active";

impl<S: FilteredStatus> StatusFilter<S> {
    /// Whether a record of status `s` is shown.
    pub fn keeps(self, s: S) -> bool {
        match self {
            StatusFilter::Active => s.active(),
            StatusFilter::All => true,
            StatusFilter::Only(only) => only == s,
        }
    }

    /// The filter an option's value names.
    fn of_value(value: &str) -> Self {
        match value {
            ACTIVE => StatusFilter::Active,
            "" => StatusFilter::All,
            w => S::ALL.iter().copied().find(|s| s.word() == w).map_or(StatusFilter::Active, StatusFilter::Only),
        }
    }
}

/// The status select of a register's toolbar.
#[component]
pub fn StatusFilterSelect<S: FilteredStatus>(
    /// The filter the select sets.
    filter: RwSignal<StatusFilter<S>>,
) -> impl IntoView {
    let i18n = expect_i18n();
    view! {
        <label class="field inline">
            <span>{move || i18n.t(K::FilterStatus)}</span>
            <select on:change=move |ev| filter.set(StatusFilter::of_value(&event_target_value(&ev)))>
                <option value=ACTIVE selected>{move || i18n.t(S::ACTIVE_ONLY)}</option>
                <option value="">{move || i18n.t(K::All)}</option>
                {S::ALL.iter().map(|s| { let s = *s; view! { <option value=s.word()>{move || s.label(i18n)}</option> } }).collect_view()}
            </select>
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_only_is_the_default_and_each_value_reads_back() {
        assert_eq!(StatusFilter::<RiskStatus>::default(), StatusFilter::Active);
        assert!(StatusFilter::Active.keeps(IssueStatus::Open));
        assert!(!StatusFilter::Active.keeps(IssueStatus::Closed));
        assert!(StatusFilter::All.keeps(IssueStatus::Closed));
        assert_eq!(StatusFilter::<IssueStatus>::of_value(ACTIVE), StatusFilter::Active);
        assert_eq!(StatusFilter::<IssueStatus>::of_value(""), StatusFilter::All);
        for s in RiskStatus::ALL {
            let f = StatusFilter::of_value(s.word());
            assert_eq!(f, StatusFilter::Only(*s));
            assert!(RiskStatus::ALL.iter().all(|t| f.keeps(*t) == (t == s)));
        }
    }
}
