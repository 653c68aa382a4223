//! The stakeholder register (ステークホルダー登録簿): who has a stake in the project, how much they
//! can affect it (influence) and care about it (interest), how engaged they are against how engaged
//! the project needs them, and the communication plan (what they receive, how often, which channel).

use serde::{Deserialize, Serialize};

use crate::enums::{Engagement, Frequency};
use crate::fields::entity_fields;
use crate::id::Id;

entity_fields! {
    /// One entry of the stakeholder register.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    pub struct Stakeholder with StakeholderField {
        pub name: String as Name,
        pub organization: String as Organization,
        pub role: String as Role,
        /// How to reach them (free text: mail address, phone, via whom …).
        pub contact: String as Contact,
        /// Power over the project, 1–5 (the power/interest grid's vertical axis).
        pub influence: u8 as Influence,
        /// How much the project's outcome matters to them, 1–5.
        pub interest: u8 as Interest,
        pub engagement_current: Engagement as EngagementCurrent,
        pub engagement_desired: Engagement as EngagementDesired,
        /// What they receive (進捗報告書, 議事録, デモ …).
        pub communication: String as Communication,
        pub frequency: Frequency as Frequency,
        /// How it reaches them, e.g. メール, 定例会議.
        pub channel: String as Channel,
        /// The project member this stakeholder also is, if any.
        pub member: Option<Id> as Member,
    }
}

impl Default for Stakeholder {
    fn default() -> Self {
        Stakeholder {
            name: String::new(),
            organization: String::new(),
            role: String::new(),
            contact: String::new(),
            influence: 3,
            interest: 3,
            engagement_current: Engagement::Neutral,
            engagement_desired: Engagement::Supportive,
            communication: String::new(),
            frequency: Frequency::AsNeeded,
            channel: String::new(),
            member: None,
        }
    }
}

impl Stakeholder {
    /// How many steps of [`Engagement`] lie between where they are and where the project needs
    /// them: positive = they must be brought further, 0 = where they should be.
    pub fn engagement_gap(&self) -> i8 {
        let step = |e: Engagement| Engagement::ALL.iter().position(|x| *x == e).unwrap_or(0) as i8;
        step(self.engagement_desired) - step(self.engagement_current)
    }
}

/// Where a stakeholder sits on the power/interest grid, and so how to engage them
/// (関係者の管理方針). High means 3 or more on the 1–5 scale: a middling score already
/// needs attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Quadrant {
    /// High influence, high interest: involve fully, consult on decisions.
    ManageClosely,
    /// High influence, low interest: keep satisfied without overloading them.
    KeepSatisfied,
    /// Low influence, high interest: keep informed, listen to their concerns.
    KeepInformed,
    /// Low influence, low interest: monitor with little effort.
    Monitor,
}

impl Quadrant {
    pub const ALL: [Quadrant; 4] =
        [Quadrant::ManageClosely, Quadrant::KeepSatisfied, Quadrant::KeepInformed, Quadrant::Monitor];
    /// The lowest score (1–5) that counts as high.
    pub const HIGH_FROM: u8 = 3;

    pub fn of(influence: u8, interest: u8) -> Quadrant {
        match (influence >= Self::HIGH_FROM, interest >= Self::HIGH_FROM) {
            (true, true) => Quadrant::ManageClosely,
            (true, false) => Quadrant::KeepSatisfied,
            (false, true) => Quadrant::KeepInformed,
            (false, false) => Quadrant::Monitor,
        }
    }
}

impl Stakeholder {
    pub fn quadrant(&self) -> Quadrant {
        Quadrant::of(self.influence, self.interest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadrants_split_at_three() {
        assert_eq!(Quadrant::of(5, 5), Quadrant::ManageClosely);
        assert_eq!(Quadrant::of(3, 3), Quadrant::ManageClosely);
        assert_eq!(Quadrant::of(4, 2), Quadrant::KeepSatisfied);
        assert_eq!(Quadrant::of(2, 3), Quadrant::KeepInformed);
        assert_eq!(Quadrant::of(1, 2), Quadrant::Monitor);
        let s = Stakeholder { influence: 2, interest: 5, ..Stakeholder::default() };
        assert_eq!(s.quadrant(), Quadrant::KeepInformed);
    }
}
