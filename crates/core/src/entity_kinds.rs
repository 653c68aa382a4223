//! The kinds of entity a project holds, declared once: the project's field (also the file's key),
//! the [`EntityKind`](crate::change::EntityKind), the type, and the check an imported entity
//! passes. Every place that needs one line per kind — which collection holds a kind, the file's
//! lists read through `Value` and typed, the stored buckets read typed, the typed comparison of two
//! copies — is a macro of its own that this one calls with the list, so a new kind of entity is
//! one line here (and its type), not six lists that must agree.

/// Calls `$callback!` with `[$args]` and then the list `field: Kind(Type) => check, …`.
macro_rules! entity_kinds {
    ($callback:ident $(, $($args:tt)*)?) => {
        $callback! { [$($($args)*)?]
            members: Member(crate::model::Member) => crate::validate::member,
            tasks: Task(crate::model::Task) => crate::validate::task,
            issues: Issue(crate::model::Issue) => crate::validate::issue,
            risks: Risk(crate::model::Risk) => crate::validate::risk,
            stakeholders: Stakeholder(crate::stakeholder::Stakeholder) => crate::validate::stakeholder,
            meetings: Meeting(crate::meeting::Meeting) => crate::validate::meeting,
            action_items: ActionItem(crate::meeting::ActionItem) => crate::validate::action_item,
            baselines: Baseline(crate::baseline::Baseline) => crate::validate::baseline,
            reports: Report(crate::report::Report) => crate::validate::report,
            imports: Import(crate::import_record::ImportRecord) => crate::validate::import_record,
        }
    };
}

pub(crate) use entity_kinds;

#[cfg(test)]
mod tests {
    use crate::change::EntityKind;

    /// The list holds the kinds of `EntityKind::ALL` but the project, in that order (a kind left
    /// out would also fail to compile: `with_collection!` and `collection()` match every kind).
    #[test]
    fn the_list_holds_every_kind_but_the_project_in_order() {
        macro_rules! names {
            ([] $($var:ident: $kind:ident($ty:ty) => $check:path),* $(,)?) => {
                vec![$((EntityKind::$kind, stringify!($var))),*]
            };
        }
        let listed: Vec<(EntityKind, &str)> = super::entity_kinds!(names);
        let expected: Vec<EntityKind> = EntityKind::ALL.iter().copied().filter(|k| *k != EntityKind::Project).collect();
        assert_eq!(listed.iter().map(|(k, _)| *k).collect::<Vec<_>>(), expected);
    }
}
