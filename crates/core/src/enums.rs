//! The closed vocabularies of the model. Serialized as lower-case words in files.

use serde::{Deserialize, Serialize};

macro_rules! vocab {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $word)] $variant),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The word used in files and in form values.
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $word),+ } }
            pub fn parse(s: &str) -> Option<Self> { match s { $($word => Some($name::$variant),)+ _ => None } }
        }
        impl crate::fields::Expect for $name {
            fn expected() -> crate::fields::Expected { crate::fields::Expected::OneOf(&[$($word),+]) }
        }
    };
}

vocab!(
    #[derive(Default)]
    /// Where a project stands in its life.
    ProjectStatus { #[default] Planning = "planning", Active = "active", OnHold = "on_hold", Closed = "closed" }
);
vocab!(
    #[derive(Default)]
    TaskStatus {
    #[default] NotStarted = "not_started",
    InProgress = "in_progress",
    Blocked = "blocked",
    Done = "done",
    Cancelled = "cancelled",
});
vocab!(
    #[derive(Default)]
    Priority { Low = "low", #[default] Medium = "medium", High = "high", Critical = "critical" });
vocab!(
    #[derive(Default)]
    IssueStatus { #[default] Open = "open", InProgress = "in_progress", Resolved = "resolved", Closed = "closed" });
vocab!(
    #[derive(Default)]
    RiskKind { #[default] Threat = "threat", Opportunity = "opportunity" });
vocab!(
    #[derive(Default)]
    RiskStrategy {
    Avoid = "avoid",
    Transfer = "transfer",
    #[default] Mitigate = "mitigate",
    Exploit = "exploit",
    Share = "share",
    Enhance = "enhance",
    Accept = "accept",
});
vocab!(
    #[derive(Default)]
    RiskStatus { #[default] Open = "open", Monitoring = "monitoring", Occurred = "occurred", Closed = "closed" });
vocab!(
    /// Low 1–4, medium 5–9, high 10–14, critical 15–25 (see [`RiskLevel::from_score`]).
    RiskLevel { Low = "low", Medium = "medium", High = "high", Critical = "critical" }
);
vocab!(
    #[derive(Default)]
    /// How engaged a stakeholder is (PMBOK's engagement assessment matrix), least to most.
    Engagement {
        Unaware = "unaware",
        Resistant = "resistant",
        #[default] Neutral = "neutral",
        Supportive = "supportive",
        Leading = "leading",
    }
);
vocab!(
    #[derive(Default)]
    /// How often a stakeholder receives the project's communication.
    Frequency {
        Weekly = "weekly",
        Biweekly = "biweekly",
        Monthly = "monthly",
        PerMilestone = "per_milestone",
        #[default] AsNeeded = "as_needed",
    }
);
vocab!(
    #[derive(Default)]
    /// The overall signal (信号) an author gives an issued status report.
    ReportStatus { #[default] Green = "green", Amber = "amber", Red = "red" }
);
vocab!(
    /// A role in the RACI matrix: Responsible (does it), Accountable (owns it, exactly one),
    /// Consulted, Informed. Written as the letters "R", "A", "C", "I".
    Raci { Responsible = "R", Accountable = "A", Consulted = "C", Informed = "I" }
);
vocab!(Weekday { Mon = "mon", Tue = "tue", Wed = "wed", Thu = "thu", Fri = "fri", Sat = "sat", Sun = "sun" });

impl TaskStatus {
    /// Done or cancelled: nothing more will happen to it.
    pub fn is_closed(self) -> bool {
        matches!(self, TaskStatus::Done | TaskStatus::Cancelled)
    }
}

impl IssueStatus {
    pub fn is_open(self) -> bool {
        matches!(self, IssueStatus::Open | IssueStatus::InProgress)
    }
}

impl RiskStatus {
    /// Still a risk to manage (open or being monitored).
    pub fn is_active(self) -> bool {
        matches!(self, RiskStatus::Open | RiskStatus::Monitoring)
    }
}

impl RiskStrategy {
    /// Whether this response fits the kind of risk (PMBOK: threats avoid/transfer/mitigate/accept,
    /// opportunities exploit/share/enhance/accept).
    pub fn fits(self, kind: RiskKind) -> bool {
        use RiskStrategy::*;
        match kind {
            RiskKind::Threat => matches!(self, Avoid | Transfer | Mitigate | Accept),
            RiskKind::Opportunity => matches!(self, Exploit | Share | Enhance | Accept),
        }
    }

    pub fn for_kind(kind: RiskKind) -> impl Iterator<Item = RiskStrategy> {
        Self::ALL.iter().copied().filter(move |s| s.fits(kind))
    }
}

impl RiskLevel {
    /// Level thresholds on the 5 × 5 score (P × I, 1–25):
    /// low 1–4, medium 5–9, high 10–14, critical 15–25.
    pub fn from_score(score: u8) -> RiskLevel {
        match score {
            0..=4 => RiskLevel::Low,
            5..=9 => RiskLevel::Medium,
            10..=14 => RiskLevel::High,
            _ => RiskLevel::Critical,
        }
    }
}

impl Weekday {
    pub fn from_chrono(d: chrono::Weekday) -> Weekday {
        use chrono::Weekday as W;
        match d {
            W::Mon => Weekday::Mon,
            W::Tue => Weekday::Tue,
            W::Wed => Weekday::Wed,
            W::Thu => Weekday::Thu,
            W::Fri => Weekday::Fri,
            W::Sat => Weekday::Sat,
            W::Sun => Weekday::Sun,
        }
    }

    /// 0 for Monday … 6 for Sunday.
    pub fn num_days_from_monday(self) -> u32 {
        match self {
            Weekday::Mon => 0,
            Weekday::Tue => 1,
            Weekday::Wed => 2,
            Weekday::Thu => 3,
            Weekday::Fri => 4,
            Weekday::Sat => 5,
            Weekday::Sun => 6,
        }
    }

    pub fn monday_to_friday() -> Vec<Weekday> {
        vec![Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri]
    }
}
