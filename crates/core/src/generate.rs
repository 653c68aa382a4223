//! A deterministic generator of large projects for benchmarks and stress tests: `n` tasks in a
//! 3–5 level WBS, n/10 risks, n/20 issues, members, and ~120 working days of history (about ten
//! changes per task), all made through `apply` so the change log is real.
//!
//! Tasks are added with an explicit rank (not `InsertTask`, which looks at every sibling), so
//! generation is O(n log n) and 50,000 tasks take seconds natively.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde_json::json;

use crate::apply::apply_to_project;
use crate::change::EntityRef;
use crate::command::Command;
use crate::enums::*;
use crate::id::{Id, SeqIds, Stamp};
use crate::model::{Issue, IssueField, Member, Project, ProjectInfo, Risk, RiskField, Task, TaskField};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub tasks: usize,
    pub seed: u64,
    /// The first working day of the history (a Monday is best).
    pub start: NaiveDate,
    /// Working days of history.
    pub days: u32,
}

impl Spec {
    pub fn new(tasks: usize, seed: u64) -> Spec {
        Spec { tasks, seed, start: NaiveDate::from_ymd_opt(2025, 4, 7).unwrap_or_default(), days: 120 }
    }
}

/// The date of working day `wd` (Mon–Fri) from `start`.
fn working_day(start: NaiveDate, wd: u32) -> NaiveDate {
    let monday_offset = start.weekday().num_days_from_monday();
    let base = start - Duration::days(i64::from(monday_offset));
    let n = wd + monday_offset.min(4);
    base + Duration::days(i64::from(n / 5 * 7 + n % 5))
}

/// 09:00 UTC + `minute` on working day `wd`.
fn instant(start: NaiveDate, wd: u32, minute: u32) -> DateTime<Utc> {
    working_day(start, wd).and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
        + Duration::minutes(540 + i64::from(minute % 540))
}

struct Gen {
    p: Project,
    ids: SeqIds,
    actors: Vec<String>,
}

impl Gen {
    fn run(&mut self, at: DateTime<Utc>, actor: usize, cmd: Command) {
        let stamp = Stamp::new(at, self.actors[actor % self.actors.len()].clone(), self.ids.next_id());
        // Generated commands are valid by construction; one that is not is skipped, not fatal.
        let _skipped_if_invalid = apply_to_project(&mut self.p, cmd, &stamp);
    }
}

/// One planned edit of the history.
struct Event {
    at: DateTime<Utc>,
    actor: usize,
    cmd: Command,
}

/// Generates the project. Deterministic for a given spec.
pub fn generate(spec: Spec) -> Project {
    let mut ids = SeqIds::new(spec.seed);
    let pid = ids.next_id();
    let n_members = (spec.tasks / 50).clamp(5, 400);
    let actors: Vec<String> = (0..n_members).map(|i| format!("member-{i:03}")).collect();
    let mut g = Gen { p: Project::empty(pid), ids, actors };
    let t0 = instant(spec.start, 0, 0);
    let info = ProjectInfo {
        code: format!("GEN-{}", spec.tasks),
        name: format!("大規模プログラム {} タスク / Programme of {} tasks", spec.tasks, spec.tasks),
        description: "生成されたベンチマーク用プロジェクト (generated for benchmarks)".into(),
        manager: "PMO".into(),
        start: Some(spec.start),
        target_end: Some(working_day(spec.start, spec.days + 60)),
        status: ProjectStatus::Active,
        ..ProjectInfo::default()
    };
    let mut ws = crate::model::Workspace::default();
    let stamp = Stamp::new(t0, "pmo", g.ids.next_id());
    if crate::apply::apply(&mut ws, Command::CreateProject { id: pid, info }, &stamp).is_ok() {
        if let Some(p) = ws.projects.remove(&pid) {
            g.p = p;
        }
    }
    let members: Vec<Id> = (0..n_members).map(|_| g.ids.next_id()).collect();
    for (i, id) in members.iter().enumerate() {
        let member = Member {
            name: format!("メンバー {i:03}"),
            role: ["PM", "SE", "PG", "QA"][i % 4].into(),
            capacity_hours_per_week: 40.0,
            rate: None,
        };
        g.run(t0, 0, Command::AddMember { project: pid, id: *id, member });
    }

    // The WBS in depth-first order: each task's depth is at most one deeper than the previous one;
    // branches reach 3–5 levels.
    let mut stack: Vec<Id> = Vec::new(); // ancestors of the next task
    let mut leaves: Vec<(Id, u32, u32, f64)> = Vec::new(); // id, start day, due day, estimate
    let mut prev_sibling: Vec<Option<Id>> = vec![None; 6];
    let mut target_depth = 3 + g.ids.below(3) as usize; // 3..=5
    for i in 0..spec.tasks {
        let id = g.ids.next_id();
        let depth = stack.len(); // 0-based depth of this task
        let remaining = spec.tasks - i;
        // Will this task have children? Deeper than the branch's target: no.
        let is_leaf = depth + 1 >= target_depth || remaining <= target_depth - depth;
        let title = format!("タスク {i} / Task {i}");
        let mut task = Task { parent: stack.last().copied(), rank: i as f64, title, ..Task::default() };
        if is_leaf {
            let start_day = g.ids.below(u64::from(spec.days + 20)) as u32;
            let len = 1 + g.ids.below(15) as u32;
            let estimate = (4 + g.ids.below(77)) as f64;
            task.start = Some(working_day(spec.start, start_day));
            task.due = Some(working_day(spec.start, start_day + len));
            task.estimate_hours = estimate;
            task.assignee = Some(members[g.ids.below(members.len() as u64) as usize]);
            task.priority = Priority::ALL[g.ids.below(4) as usize];
            if let Some(prev) = prev_sibling[depth.min(5)] {
                if g.ids.below(5) == 0 {
                    task.depends_on = vec![prev];
                }
            }
            leaves.push((id, start_day, start_day + len, estimate));
        }
        g.run(t0, 0, Command::AddTask { project: pid, id, task });
        prev_sibling[depth.min(5)] = Some(id);
        if is_leaf {
            // Siblings: stay, or climb up a level or two.
            let climb = g.ids.below(4) as usize; // 0..=3
            for _ in 0..climb.min(stack.len()) {
                stack.pop();
            }
            if stack.is_empty() {
                target_depth = 3 + g.ids.below(3) as usize;
            }
            for slot in prev_sibling.iter_mut().take(6).skip(stack.len() + 1) {
                *slot = None;
            }
        } else {
            stack.push(id);
            prev_sibling[depth + 1] = None;
        }
    }

    // History: starts, weekly progress, finishes, scope changes, issues and risks over time.
    let mut events: Vec<Event> = Vec::with_capacity(spec.tasks * 10);
    let task = |id: Id| EntityRef::task(id);
    for (k, (id, s, d, est)) in leaves.iter().enumerate() {
        let (s, d, est) = (*s, *d, *est);
        if s >= spec.days {
            continue; // future work: only its creation is history
        }
        let actor = 1 + k;
        let minute = (k as u32 * 7) % 480;
        events.push(Event {
            at: instant(spec.start, s, minute),
            actor,
            cmd: Command::Set {
                project: pid,
                entity: task(*id),
                field: TaskField::Status.into(),
                value: json!("in_progress"),
            },
        });
        let end = d.min(spec.days - 1);
        let steps = (end.saturating_sub(s)).clamp(3, 6);
        for step in 1..=steps {
            let day = s + (end.saturating_sub(s)) * step / steps;
            let pct = ((100 * step / (steps + 1)) as f64).min(95.0);
            let at = instant(spec.start, day, minute + step * 3);
            let fields = vec![
                (TaskField::Percent.into(), json!(pct)),
                (TaskField::ActualHours.into(), json!((est * pct / 100.0).round())),
                (TaskField::RemainingHours.into(), json!((est * (100.0 - pct) / 100.0).round())),
            ];
            events.push(Event { at, actor, cmd: Command::SetMany { project: pid, entity: task(*id), fields } });
        }
        if d < spec.days {
            let at = instant(spec.start, d, minute + 30);
            events.push(Event {
                at,
                actor,
                cmd: Command::SetMany {
                    project: pid,
                    entity: task(*id),
                    fields: vec![
                        (TaskField::Percent.into(), json!(100.0)),
                        (TaskField::Status.into(), json!("done")),
                        (TaskField::ActualHours.into(), json!(est + (k % 5) as f64)),
                        (TaskField::RemainingHours.into(), json!(0.0)),
                    ],
                },
            });
        }
        if k % 17 == 0 {
            // Re-estimates: scope grows after the start.
            events.push(Event {
                at: instant(spec.start, s, minute + 200),
                actor: 0,
                cmd: Command::Set {
                    project: pid,
                    entity: task(*id),
                    field: TaskField::EstimateHours.into(),
                    value: json!(est * 1.5),
                },
            });
        }
    }
    for i in 0..spec.tasks / 20 {
        let id = g.ids.next_id();
        let day = g.ids.below(u64::from(spec.days)) as u32;
        let issue = Issue {
            title: format!("課題 {i} / Issue {i}"),
            raised_on: Some(working_day(spec.start, day)),
            raised_by: "PMO".into(),
            owner: Some(members[i % members.len()]),
            priority: Priority::ALL[i % 4],
            due: Some(working_day(spec.start, day + 10)),
            ..Issue::default()
        };
        events.push(Event {
            at: instant(spec.start, day, 10),
            actor: 0,
            cmd: Command::AddIssue { project: pid, id, issue },
        });
        if day + 8 < spec.days {
            events.push(Event {
                at: instant(spec.start, day + 8, 20),
                actor: 0,
                cmd: Command::SetMany {
                    project: pid,
                    entity: EntityRef::issue(id),
                    fields: vec![
                        (IssueField::Status.into(), json!("resolved")),
                        (IssueField::Resolution.into(), json!("対応済み / done")),
                    ],
                },
            });
        }
    }
    for i in 0..spec.tasks / 10 {
        let id = g.ids.next_id();
        let day = g.ids.below(u64::from(spec.days / 2)) as u32;
        let kind = if i % 7 == 0 { RiskKind::Opportunity } else { RiskKind::Threat };
        let risk = Risk {
            kind,
            title: format!("リスク {i} / Risk {i}"),
            category: ["技術", "要員", "外部", "スケジュール", "品質"][i % 5].into(),
            probability: 1 + (g.ids.below(5) as u8),
            impact: 1 + (g.ids.below(5) as u8),
            owner: Some(members[i % members.len()]),
            strategy: if kind == RiskKind::Threat { RiskStrategy::Mitigate } else { RiskStrategy::Enhance },
            ..Risk::default()
        };
        events.push(Event {
            at: instant(spec.start, day, 15),
            actor: 0,
            cmd: Command::AddRisk { project: pid, id, risk },
        });
        let review = day + 20 + (i as u32 % 30);
        if review < spec.days {
            let p = 1 + (g.ids.below(5) as u8);
            events.push(Event {
                at: instant(spec.start, review, 25),
                actor: 0,
                cmd: Command::Set {
                    project: pid,
                    entity: EntityRef::risk(id),
                    field: RiskField::Probability.into(),
                    value: json!(p),
                },
            });
        }
        if review + 30 < spec.days && i % 3 == 0 {
            events.push(Event {
                at: instant(spec.start, review + 30, 35),
                actor: 0,
                cmd: Command::Set {
                    project: pid,
                    entity: EntityRef::risk(id),
                    field: RiskField::Status.into(),
                    value: json!("closed"),
                },
            });
        }
    }
    events.sort_by_key(|e| e.at);
    for e in events {
        g.run(e.at, e.actor, e.cmd);
    }
    g.p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rollup::wbs_rows;

    #[test]
    fn generates_the_requested_shape_deterministically() {
        let p = generate(Spec::new(1000, 7));
        assert_eq!(p.tasks.len(), 1000);
        assert_eq!(p.risks.len(), 100);
        assert_eq!(p.issues.len(), 50);
        let depth = wbs_rows(&p).iter().map(|r| r.depth + 1).max().unwrap_or(0);
        assert!((3..=5).contains(&depth), "depth {depth}");
        let per_task = p.changes.len() as f64 / p.tasks.len() as f64;
        assert!((5.0..=15.0).contains(&per_task), "{per_task} changes per task");
        assert_eq!(generate(Spec::new(1000, 7)), p);
        assert_ne!(generate(Spec::new(1000, 8)).tasks, p.tasks);
    }

    #[test]
    fn the_log_explains_the_state() {
        let p = generate(Spec::new(300, 3));
        let replayed = crate::replay::replay(p.id, &p.changes);
        assert_eq!(replayed.tasks, p.tasks);
        assert_eq!(replayed.issues, p.issues);
        assert_eq!(replayed.risks, p.risks);
    }
}
