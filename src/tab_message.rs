//! What a tab tells the others after it stored a project (BroadcastChannel "mieruka"), typed both
//! ways, and what a tab that hears it reads back: only the changes that save added, when it can
//! be sure they are all it lacks; else the whole project (never the whole database).

use mieruka_core::Id;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TabMessage {
    /// The sending tab (a tab ignores its own messages).
    pub tab: String,
    pub project: Id,
    #[serde(default)]
    pub deleted: bool,
    /// The project's stored revision after the save; 0 when unknown (an older app).
    #[serde(default)]
    pub rev: u64,
    /// Every record of the project was rewritten (an import, a merge, a restore).
    #[serde(default)]
    pub full: bool,
    /// The ids of the changes the save added.
    #[serde(default)]
    pub changes: Vec<Id>,
}

/// What to read after another tab's save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// Nothing: our own message, or a revision we hold already.
    Nothing,
    /// Just these change records.
    Changes(Vec<Id>),
    /// The project as stored (merged with our unsaved edits, if any).
    Whole,
}

/// What this tab knows of the project when a message arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    /// The revision we last loaded or wrote.
    pub rev: u64,
    /// Edits of ours not stored yet (or being written).
    pub unstored_edits: bool,
    /// The whole change log is in memory (reapplying needs it to know which change is latest).
    pub history: bool,
}

impl Known {
    /// Whether the changes of the save that made `rev` are all this tab lacks: it holds the
    /// revision just before, the whole log, and nothing of its own in between.
    pub fn takes_changes_of(&self, rev: u64) -> bool {
        rev == self.rev + 1 && !self.unstored_edits && self.history
    }
}

/// Reading only the save's changes is exact when we held the revision just before it and have
/// nothing of our own in between (a core property test checks that reapplying them then gives
/// the writer's project); anything else reads the whole project.
pub fn what_to_read(msg: &TabMessage, mine: &str, known: Known) -> Reading {
    if msg.tab == mine {
        return Reading::Nothing;
    }
    if msg.deleted || msg.full || msg.rev == 0 {
        return Reading::Whole;
    }
    if msg.rev <= known.rev {
        return Reading::Nothing;
    }
    if msg.rev == known.rev + 1 && !known.unstored_edits && known.history && !msg.changes.is_empty() {
        Reading::Changes(msg.changes.clone())
    } else {
        Reading::Whole
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(rev: u64) -> TabMessage {
        TabMessage {
            tab: "other".into(),
            project: Id::nil(),
            deleted: false,
            rev,
            full: false,
            changes: vec![Id::from_u128(7)],
        }
    }
    const CALM: Known = Known { rev: 4, unstored_edits: false, history: true };

    #[test]
    fn the_next_revision_reads_its_changes_only() {
        assert_eq!(what_to_read(&msg(5), "me", CALM), Reading::Changes(vec![Id::from_u128(7)]));
    }

    #[test]
    fn anything_less_certain_reads_the_whole_project() {
        assert_eq!(what_to_read(&msg(6), "me", CALM), Reading::Whole, "a save was missed");
        assert_eq!(
            what_to_read(&msg(5), "me", Known { unstored_edits: true, ..CALM }),
            Reading::Whole,
            "ours to merge"
        );
        assert_eq!(what_to_read(&msg(5), "me", Known { history: false, ..CALM }), Reading::Whole, "log not loaded");
        assert_eq!(what_to_read(&TabMessage { full: true, ..msg(5) }, "me", CALM), Reading::Whole, "rewritten");
        assert_eq!(what_to_read(&TabMessage { deleted: true, ..msg(5) }, "me", CALM), Reading::Whole, "deleted");
        assert_eq!(what_to_read(&TabMessage { changes: vec![], ..msg(5) }, "me", CALM), Reading::Whole);
    }

    #[test]
    fn our_own_and_old_revisions_read_nothing() {
        assert_eq!(what_to_read(&TabMessage { tab: "me".into(), ..msg(5) }, "me", CALM), Reading::Nothing);
        assert_eq!(what_to_read(&msg(4), "me", CALM), Reading::Nothing);
        assert_eq!(what_to_read(&msg(3), "me", CALM), Reading::Nothing);
    }

    #[test]
    fn a_message_of_an_older_app_reads_the_whole_project() {
        let old = r#"{"tab":"t1","project":"00000000-0000-0000-0000-000000000000","deleted":false}"#;
        let m: TabMessage = serde_json::from_str(old).unwrap();
        assert_eq!(m.rev, 0);
        assert_eq!(what_to_read(&m, "me", CALM), Reading::Whole);
        let back: TabMessage = serde_json::from_str(&serde_json::to_string(&msg(5)).unwrap()).unwrap();
        assert_eq!(back, msg(5));
    }
}
