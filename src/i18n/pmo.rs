//! Words for the meetings and stakeholder screens: engagement levels, communication frequencies,
//! grid quadrants, engagement gaps and RACI problems. The core returns typed values; this is
//! where they become words.

use leptos::prelude::*;
use mieruka_core::raci::RaciProblemKind;
use mieruka_core::stakeholder::Quadrant;
use mieruka_core::{Engagement, Frequency, Raci};

use crate::i18n::{I18n, Lang, K};

impl I18n {
    pub fn engagement(&self, e: Engagement) -> &'static str {
        self.t(match e {
            Engagement::Unaware => K::EnUnaware,
            Engagement::Resistant => K::EnResistant,
            Engagement::Neutral => K::EnNeutral,
            Engagement::Supportive => K::EnSupportive,
            Engagement::Leading => K::EnLeading,
        })
    }

    pub fn frequency(&self, f: Frequency) -> &'static str {
        self.t(match f {
            Frequency::Weekly => K::FqWeekly,
            Frequency::Biweekly => K::FqBiweekly,
            Frequency::Monthly => K::FqMonthly,
            Frequency::PerMilestone => K::FqPerMilestone,
            Frequency::AsNeeded => K::FqAsNeeded,
        })
    }

    pub fn quadrant(&self, q: Quadrant) -> &'static str {
        self.t(match q {
            Quadrant::ManageClosely => K::QManageClosely,
            Quadrant::KeepSatisfied => K::QKeepSatisfied,
            Quadrant::KeepInformed => K::QKeepInformed,
            Quadrant::Monitor => K::QMonitor,
        })
    }

    /// "on target", "2 step(s) to go", "1 step(s) beyond the need".
    pub fn engagement_gap(&self, gap: i8) -> String {
        match gap {
            0 => self.t(K::GapOnTarget).to_string(),
            g if g > 0 => self.msg().gap_to_go(g),
            g => self.msg().gap_above(-g),
        }
    }

    pub fn raci_problem(&self, k: RaciProblemKind) -> String {
        match k {
            RaciProblemKind::NoAccountable => self.t(K::RaciNoA).to_string(),
            RaciProblemKind::SeveralAccountable { count } => self.msg().raci_many_a(count),
            RaciProblemKind::NoResponsible => self.t(K::RaciNoR).to_string(),
        }
    }

    /// The language of generated documents (minutes).
    pub fn doc_lang(&self) -> Lang {
        self.lang.get_untracked()
    }
}

/// The RACI letter of a select value ("" = none).
pub fn raci_of(v: &str) -> Option<Raci> {
    Raci::parse(v)
}

impl I18n {
    /// How names are joined in a sentence: "、" or ", ".
    pub fn list_sep(&self) -> &'static str {
        self.t(K::ListSeparator)
    }
}
