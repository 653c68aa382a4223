//! Assignees (a task's) and owners (an issue's): matched to members by name, ignoring case and
//! white space (`山田 太郎` = `山田太郎`); an unknown name becomes a new member.

use std::collections::HashMap;

use super::context::Context;
use super::item::{Body, Item};
use super::text::norm_name;
use crate::id::Id;
use crate::interop::{Warning, WarningKind};
use crate::model::Member;
use crate::validate;

/// Sets each item's assignee (and the name the preview shows); returns the new members.
pub(super) fn assign(cx: &mut Context<'_>, items: &mut [Item]) -> Vec<(Id, Member)> {
    let mut members: Vec<(Id, Member)> = Vec::new();
    let member_names: HashMap<Id, String> =
        cx.existing.map(|p| p.members.iter().map(|(id, m)| (*id, m.name.clone())).collect()).unwrap_or_default();
    for it in items.iter_mut() {
        let new = it.is_new();
        let name = it.row.assignee.trim();
        let who: Option<Option<Id>> = if new || cx.provided.assignee {
            if name.is_empty() {
                Some(None)
            } else {
                let key = norm_name(name);
                match cx.members_by_name.get(&key) {
                    Some(id) => Some(Some(*id)),
                    None => {
                        let m = Member { name: name.to_string(), ..Member::default() };
                        if let Err(e) = validate::member(&m) {
                            cx.warnings
                                .push(Warning { line: it.row.line, kind: WarningKind::AssigneeInvalid { error: e } });
                            Some(None)
                        } else {
                            let id = cx.ids.next();
                            cx.members_by_name.insert(key, id);
                            members.push((id, m));
                            Some(Some(id))
                        }
                    }
                }
            }
        } else {
            None
        };
        match &mut it.body {
            Body::Task(t) => {
                if let Some(w) = who {
                    t.assignee = w;
                }
            }
            Body::Issue(i) => {
                if let Some(w) = who {
                    i.owner = w;
                }
            }
        }
        let assignee = match &it.body {
            Body::Task(t) => t.assignee,
            Body::Issue(i) => i.owner,
        };
        it.assignee_name = assignee
            .and_then(|a| {
                member_names
                    .get(&a)
                    .cloned()
                    .or_else(|| members.iter().find(|(id, _)| *id == a).map(|(_, m)| m.name.clone()))
            })
            .unwrap_or_default();
    }
    members
}
