//! `mieruka merge A B -o OUT`: copies of the same project are merged change by change (each field
//! takes its latest change); projects in only one file are kept.

use std::collections::BTreeMap;
use std::process::ExitCode;

use mieruka_core::change::EntityKind;
use mieruka_core::merge::{self, Conflict, DeltaAction, MergePreview, Side};
use mieruka_core::Project;
use serde_json::Value;

use crate::util::{self, Result};
use crate::{MergeArgs, Prefer};

fn side_name(s: Side) -> &'static str {
    match s {
        Side::Local => "A",
        Side::Incoming => "B",
    }
}

/// A value in one short line.
fn short(v: &Value) -> String {
    let s = match v {
        Value::Null => "(empty)".to_string(),
        other => serde_json::to_string(other).unwrap_or_default(),
    };
    let mut out: String = s.chars().take(80).collect();
    if s.chars().count() > 80 {
        out.push('…');
    }
    out
}

fn describe_conflict(c: &Conflict, prefer: Option<Side>) -> String {
    let field = if c.field == mieruka_core::change::DELETE { "deleted vs edited".to_string() } else { c.field.clone() };
    let (won, why) = match prefer {
        Some(p) => (p, "--prefer"),
        None if c.field == mieruka_core::change::DELETE => (c.winner, "by default the deletion wins"),
        None => (c.winner, "latest change wins"),
    };
    let title = if c.title.is_empty() { c.entity.id.to_string() } else { format!("{:?}", c.title) };
    format!(
        "conflict: {} {title} ({}): {field}: A = {} | B = {} → {} ({why})",
        c.entity.kind.as_str(),
        c.entity.id,
        short(&c.local),
        short(&c.incoming),
        side_name(won)
    )
}

pub fn print_preview(label: &str, pv: &MergePreview, prefer: Option<Side>) {
    if pv.new_changes == 0 && pv.deltas.is_empty() && pv.conflicts.is_empty() {
        eprintln!("project {label}: B brings nothing new");
        return;
    }
    eprintln!("project {label}: B brings {}", util::counted(&[(pv.new_changes, "new change")]));
    let mut per_kind: BTreeMap<EntityKind, [usize; 3]> = BTreeMap::new();
    for d in &pv.deltas {
        let slot = match d.action {
            DeltaAction::Added => 0,
            DeltaAction::Changed => 1,
            DeltaAction::Deleted => 2,
        };
        per_kind.entry(d.entity.kind).or_default()[slot] += 1;
    }
    for (kind, [added, changed, deleted]) in per_kind {
        eprintln!("  {}: {added} added, {changed} changed, {deleted} deleted", kind.as_str());
    }
    for c in &pv.conflicts {
        eprintln!("  {}", describe_conflict(c, prefer));
    }
}

pub fn run(a: MergeArgs) -> Result<ExitCode> {
    let fa = util::load_mieruka(&a.a)?;
    let fb = util::load_mieruka(&a.b)?;
    let prefer = a.prefer.map(|p| match p {
        Prefer::A => Side::Local,
        Prefer::B => Side::Incoming,
    });
    let actor = util::actor(a.actor.as_deref());
    let mut out: Vec<Project> = Vec::with_capacity(fa.projects.len() + fb.projects.len());
    let mut conflicts = 0usize;
    for pa in &fa.projects {
        let label = util::quoted_label(pa);
        match fb.projects.iter().find(|pb| pb.id == pa.id) {
            None => {
                eprintln!("project {label} ({}): only in A (kept)", pa.id);
                out.push(pa.clone());
            }
            Some(pb) => {
                let pv = merge::preview(pa, pb);
                print_preview(&label, &pv, prefer);
                conflicts += pv.conflicts.len();
                let picks = match prefer {
                    None => BTreeMap::new(),
                    Some(side) => pv.conflicts.iter().map(|c| ((c.entity, c.field.clone()), side)).collect(),
                };
                out.push(merge::merge(pa, pb, &picks, &util::stamp(&actor)));
            }
        }
    }
    for pb in fb.projects.iter().filter(|pb| !fa.projects.iter().any(|pa| pa.id == pb.id)) {
        eprintln!("project {} ({}): only in B (kept)", util::quoted_label(pb), pb.id);
        out.push(pb.clone());
    }
    let refs: Vec<&Project> = out.iter().collect();
    util::write_output(Some(&a.output), &util::envelope(&refs))?;
    let projects = if out.len() == 1 { "1 project".to_string() } else { format!("{} projects", out.len()) };
    if conflicts == 0 {
        eprintln!("merged {projects} into {} without conflicts", a.output.display());
        Ok(ExitCode::SUCCESS)
    } else {
        let how = match prefer {
            Some(p) => format!("resolved in favour of {} by --prefer", side_name(p)),
            None => "resolved by latest change wins".to_string(),
        };
        eprintln!(
            "merged {projects} into {} with {conflicts} conflict{} ({how})",
            a.output.display(),
            if conflicts == 1 { "" } else { "s" }
        );
        Ok(ExitCode::from(2))
    }
}
