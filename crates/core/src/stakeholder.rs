//! The stakeholder register (ステークホルダー登録簿): who has a stake in the project, how much they
//! can affect it (influence) and care about it (interest), how engaged they are against how engaged
//! the project needs them, and the communication plan (what they receive, how often, which channel).

use serde::{Deserialize, Serialize};

use crate::enums::{Engagement, Frequency};
use crate::fields::entity_fields;
use crate::id::Id;

/// One entry of the stakeholder register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stakeholder {
    pub name: String,
    pub organization: String,
    pub role: String,
    /// How to reach them (free text: mail address, phone, via whom …).
    pub contact: String,
    /// Power over the project, 1–5 (the power/interest grid's vertical axis).
    pub influence: u8,
    /// How much the project's outcome matters to them, 1–5.
    pub interest: u8,
    pub engagement_current: Engagement,
    pub engagement_desired: Engagement,
    /// What they receive (進捗報告書, 議事録, デモ …).
    pub communication: String,
    pub frequency: Frequency,
    /// How it reaches them, e.g. メール, 定例会議.
    pub channel: String,
    /// The project member this stakeholder also is, if any.
    pub member: Option<Id>,
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

entity_fields!(Stakeholder {
    name: String,
    organization: String,
    role: String,
    contact: String,
    influence: u8,
    interest: u8,
    engagement_current: Engagement,
    engagement_desired: Engagement,
    communication: String,
    frequency: Frequency,
    channel: String,
    member: Option<Id>,
});

impl Stakeholder {
    /// How many steps of [`Engagement`] lie between where they are and where the project needs
    /// them: positive = they must be brought further, 0 = where they should be.
    pub fn engagement_gap(&self) -> i8 {
        let step = |e: Engagement| Engagement::ALL.iter().position(|x| *x == e).unwrap_or(0) as i8;
        step(self.engagement_desired) - step(self.engagement_current)
    }
}
