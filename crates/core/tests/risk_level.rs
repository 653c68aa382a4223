//! Risk scores and level thresholds (enums.rs: low 1–4, medium 5–9, high 10–14, critical 15–25).

mod common;

use common::*;
use mieruka_core::{Command, Priority, Risk, RiskLevel};

fn documented(score: u8) -> RiskLevel {
    match score {
        1..=4 => RiskLevel::Low,
        5..=9 => RiskLevel::Medium,
        10..=14 => RiskLevel::High,
        15..=25 => RiskLevel::Critical,
        _ => unreachable!(),
    }
}

#[test]
fn every_score_maps_to_its_documented_level() {
    let table: Vec<(u8, RiskLevel)> = (1..=25).map(|s| (s, RiskLevel::from_score(s))).collect();
    let want: Vec<(u8, RiskLevel)> = (1..=25).map(|s| (s, documented(s))).collect();
    assert_eq!(table, want);
    // The boundaries, spelled out.
    use RiskLevel::*;
    for (s, l) in [(1, Low), (4, Low), (5, Medium), (9, Medium), (10, High), (14, High), (15, Critical), (25, Critical)]
    {
        assert_eq!(RiskLevel::from_score(s), l, "score {s}");
    }
}

#[test]
fn every_cell_of_the_5x5_matrix() {
    let mut counts = std::collections::BTreeMap::new();
    for p in 1..=5u8 {
        for i in 1..=5u8 {
            let r = Risk { probability: p, impact: i, ..risk("r") };
            assert_eq!(r.score(), p * i);
            assert_eq!(r.level(), documented(p * i), "P{p} × I{i}");
            *counts.entry(r.level()).or_insert(0) += 1;
        }
    }
    // Low: 1,2,3,4 (8 cells); medium: 5,6,8,9 (7); high: 10,12 (4); critical: 15,16,20,25 (6).
    let want: std::collections::BTreeMap<_, _> =
        [(RiskLevel::Low, 8), (RiskLevel::Medium, 7), (RiskLevel::High, 4), (RiskLevel::Critical, 6)].into();
    assert_eq!(counts, want);
}

#[test]
fn risk_to_issue_takes_its_priority_from_the_level() {
    let mut env = Env::new(1);
    let pid = env.pid;
    for (p, i, want) in [
        (1, 4, Priority::Low),
        (5, 1, Priority::Medium),
        (3, 3, Priority::Medium),
        (2, 5, Priority::High),
        (3, 4, Priority::High),
        (3, 5, Priority::Critical),
        (5, 5, Priority::Critical),
    ] {
        let r = env.add_risk(Risk { probability: p, impact: i, ..risk("発生したリスク") });
        let issue = env.id();
        env.ok(Command::RiskToIssue { project: pid, risk: r, issue, raised_on: date(2025, 4, 1) });
        assert_eq!(env.p().issues[&issue].priority, want, "P{p} × I{i}");
    }
}
