//! The templates shipped with Mieruka, in Japanese and English: a waterfall system-development
//! project (受託開発・SI), an agile release, and a small improvement / PoC project.

use crate::enums::{Priority, RiskKind, RiskStrategy, Weekday};
use crate::template::{Template, TemplateInfo, TemplateMember, TemplateRisk, TemplateTask};

/// The built-in templates, by key.
pub const BUILTIN_KEYS: &[&str] = &["waterfall", "agile", "poc"];

/// A built-in template in Japanese (`ja`) or English, or `None` for an unknown key.
pub fn builtin(key: &str, ja: bool) -> Option<Template> {
    match key {
        "waterfall" => Some(waterfall(ja)),
        "agile" => Some(agile(ja)),
        "poc" => Some(poc(ja)),
        _ => None,
    }
}

/// Builds a skeleton: phases (summaries) with leaves laid end to end in working days.
struct Wbs {
    ja: bool,
    tasks: Vec<TemplateTask>,
    /// The next free working day.
    cursor: i32,
    phase: Option<u32>,
    /// The previous phase (the next one depends on it).
    prev_phase: Option<u32>,
}

impl Wbs {
    fn new(ja: bool) -> Self {
        Wbs { ja, tasks: Vec::new(), cursor: 0, phase: None, prev_phase: None }
    }

    fn t(&self, ja: &str, en: &str) -> String {
        if self.ja { ja } else { en }.to_string()
    }

    fn phase(&mut self, ja: &str, en: &str) {
        let ix = self.tasks.len() as u32;
        let title = self.t(ja, en);
        self.tasks.push(TemplateTask {
            title,
            depends_on: self.prev_phase.into_iter().collect(),
            ..TemplateTask::default()
        });
        self.prev_phase = Some(ix);
        self.phase = Some(ix);
    }

    /// A leaf of `days` working days after the previous one (or in parallel with it when
    /// `parallel`), `hours` of work, assigned to role `member`.
    fn task(&mut self, ja: &str, en: &str, days: i32, hours: f64, member: u32, parallel: bool) {
        let start = if parallel { self.cursor - days.max(1) } else { self.cursor };
        let title = self.t(ja, en);
        self.tasks.push(TemplateTask {
            parent: self.phase,
            title,
            start_offset: Some(start),
            due_offset: Some(start + days.max(1) - 1),
            estimate_hours: hours,
            member: Some(member),
            ..TemplateTask::default()
        });
        if !parallel {
            self.cursor = start + days.max(1);
        }
    }

    fn milestone(&mut self, ja: &str, en: &str, priority: Priority) {
        let day = self.cursor - 1;
        let title = self.t(ja, en);
        self.tasks.push(TemplateTask {
            parent: self.phase,
            title,
            due_offset: Some(day.max(0)),
            milestone: true,
            priority,
            ..TemplateTask::default()
        });
    }
}

fn member(role: &str, hours: f64) -> TemplateMember {
    TemplateMember { role: role.to_string(), capacity_hours_per_week: hours, rate: None }
}

#[allow(clippy::too_many_arguments)]
fn risk(
    ja: bool,
    t: (&str, &str),
    cat: (&str, &str),
    p: u8,
    i: u8,
    strategy: RiskStrategy,
    plan: (&str, &str),
) -> TemplateRisk {
    let pick = |x: (&str, &str)| if ja { x.0 } else { x.1 }.to_string();
    TemplateRisk {
        kind: RiskKind::Threat,
        title: pick(t),
        category: pick(cat),
        probability: p,
        impact: i,
        strategy,
        response_plan: pick(plan),
        ..TemplateRisk::default()
    }
}

fn info(ja: bool, name: (&str, &str), desc: (&str, &str), rate: f64, meeting: Weekday, every: u8) -> TemplateInfo {
    let pick = |x: (&str, &str)| if ja { x.0 } else { x.1 }.to_string();
    TemplateInfo {
        name: pick(name),
        description: pick(desc),
        default_rate: rate,
        meeting_weekday: Some(meeting),
        meeting_every_weeks: every,
        ..TemplateInfo::default()
    }
}

fn waterfall(ja: bool) -> Template {
    let r = |ja_s: &str, en: &str| if ja { ja_s } else { en }.to_string();
    let members = vec![
        member(&r("プロジェクトマネージャー", "Project manager"), 20.0),
        member(&r("プロジェクトリーダー", "Project leader"), 40.0),
        member(&r("システムエンジニア", "Systems engineer"), 40.0),
        member(&r("プログラマー", "Programmer"), 40.0),
        member(&r("テスト担当", "Tester"), 40.0),
    ];
    let (pm, pl, se, pg, qa) = (0, 1, 2, 3, 4);
    let mut w = Wbs::new(ja);
    w.phase("要件定義", "Requirements definition");
    w.task("現行業務・システム調査", "Current business and system survey", 8, 96.0, se, false);
    w.task("要件定義書作成", "Write the requirements specification", 10, 120.0, pl, false);
    w.task("要件定義レビュー・承認", "Requirements review and sign-off", 2, 24.0, pm, false);
    w.milestone("要件定義完了", "Requirements signed off", Priority::High);
    w.phase("基本設計", "Basic design");
    w.task("画面・帳票設計", "Screen and report design", 10, 160.0, se, false);
    w.task("外部インターフェース設計", "External interface design", 8, 64.0, pl, true);
    w.task("データベース論理設計", "Logical database design", 6, 48.0, se, false);
    w.task("基本設計レビュー", "Basic design review", 2, 24.0, pm, false);
    w.milestone("基本設計承認", "Basic design approved", Priority::High);
    w.phase("詳細設計", "Detailed design");
    w.task("プログラム設計", "Program design", 12, 192.0, se, false);
    w.task("データベース物理設計", "Physical database design", 5, 40.0, se, true);
    w.task("詳細設計レビュー", "Detailed design review", 2, 24.0, pl, false);
    w.phase("製造", "Construction");
    w.task("プログラム製造", "Programming", 25, 600.0, pg, false);
    w.task("コードレビュー", "Code review", 5, 60.0, pl, false);
    w.phase("単体テスト", "Unit test");
    w.task("単体テスト仕様書作成", "Unit test specification", 5, 80.0, pg, false);
    w.task("単体テスト実施・不具合修正", "Run unit tests and fix defects", 12, 240.0, pg, false);
    w.phase("結合テスト", "Integration test");
    w.task("結合テスト仕様書作成", "Integration test specification", 5, 80.0, qa, false);
    w.task("結合テスト実施", "Run integration tests", 12, 192.0, qa, false);
    w.milestone("結合テスト完了", "Integration test complete", Priority::High);
    w.phase("総合テスト", "System test");
    w.task("総合テスト実施", "Run system tests", 10, 160.0, qa, false);
    w.task("性能・負荷テスト", "Performance and load test", 5, 60.0, se, true);
    w.task("ユーザー受入テスト支援", "User acceptance test support", 8, 64.0, pl, false);
    w.milestone("受入検収", "Customer acceptance", Priority::Critical);
    w.phase("移行", "Migration and go-live");
    w.task("移行計画・リハーサル", "Migration plan and rehearsal", 6, 72.0, se, false);
    w.task("本番データ移行", "Production data migration", 2, 32.0, se, false);
    w.task("運用引継ぎ", "Hand-over to operations", 3, 24.0, pl, false);
    w.milestone("本番稼働", "Go-live", Priority::Critical);
    let risks = vec![
        risk(
            ja,
            ("要件の追加・変更が多発する", "Frequent added or changed requirements"),
            ("スコープ", "Scope"),
            4,
            4,
            RiskStrategy::Mitigate,
            (
                "変更管理手続き（変更要求票・影響評価・承認）を要件定義時に合意する",
                "Agree a change-control procedure (request, impact analysis, approval) during requirements",
            ),
        ),
        risk(
            ja,
            ("顧客側の意思決定・レビューが遅れる", "Customer decisions and reviews are late"),
            ("顧客", "Customer"),
            3,
            4,
            RiskStrategy::Mitigate,
            (
                "判断事項と期限を定例会議で管理し、期限超過は上位者へエスカレーションする",
                "Track decisions and deadlines in the weekly meeting; escalate overdue ones",
            ),
        ),
        risk(
            ja,
            ("現行システムの仕様が不明（ブラックボックス化）", "Current system behaviour is undocumented"),
            ("技術", "Technical"),
            3,
            4,
            RiskStrategy::Mitigate,
            (
                "現行調査の工数を確保し、有識者ヒアリングと現行データ分析を行う",
                "Budget the survey; interview experts and analyse current data",
            ),
        ),
        risk(
            ja,
            ("キーパーソン・要員の離脱", "Key people leave the project"),
            ("体制", "Resources"),
            2,
            4,
            RiskStrategy::Mitigate,
            (
                "ドキュメント化とペア作業で属人化を防ぎ、代替要員を事前に確保する",
                "Document and pair to avoid single points of knowledge; line up back-ups",
            ),
        ),
        risk(
            ja,
            ("協力会社の要員確保が難しい", "Subcontractor staff are hard to secure"),
            ("体制", "Resources"),
            3,
            3,
            RiskStrategy::Transfer,
            (
                "発注時期を前倒しし、契約で要員のスキル・人数を明記する",
                "Order early; state skills and head-count in the contract",
            ),
        ),
        risk(
            ja,
            ("外部システム連携先との調整が遅れる", "Coordination with connected systems is late"),
            ("外部", "External"),
            3,
            3,
            RiskStrategy::Mitigate,
            (
                "インターフェース仕様の確定期限を合意し、連携テストの日程を早期に押さえる",
                "Agree an interface freeze date and book joint tests early",
            ),
        ),
        risk(
            ja,
            ("性能要件を満たせない", "Performance requirements are not met"),
            ("品質", "Quality"),
            2,
            5,
            RiskStrategy::Mitigate,
            (
                "基本設計で性能目標を数値化し、製造中に早期の性能検証を行う",
                "Quantify targets in basic design; test performance early during construction",
            ),
        ),
        risk(
            ja,
            ("移行データの品質不良", "Poor quality of migration data"),
            ("移行", "Migration"),
            3,
            4,
            RiskStrategy::Mitigate,
            (
                "データクレンジングと移行リハーサルを2回以上実施する",
                "Cleanse the data and rehearse the migration at least twice",
            ),
        ),
        risk(
            ja,
            ("テスト環境の準備が遅れる", "Test environment is late"),
            ("環境", "Environment"),
            3,
            3,
            RiskStrategy::Mitigate,
            (
                "環境構築をWBSに含め、調達の期限を管理する",
                "Put environment set-up in the WBS and track procurement dates",
            ),
        ),
    ];
    Template {
        info: info(
            ja,
            ("ウォーターフォール型システム開発", "Waterfall system development"),
            (
                "要件定義から移行まで V 字モデルの受託開発プロジェクト",
                "A V-model development project from requirements to go-live",
            ),
            6000.0,
            Weekday::Tue,
            1,
        ),
        members,
        tasks: w.tasks,
        risks,
    }
}

fn agile(ja: bool) -> Template {
    let r = |ja_s: &str, en: &str| if ja { ja_s } else { en }.to_string();
    let members = vec![
        member(&r("プロダクトオーナー", "Product owner"), 20.0),
        member(&r("スクラムマスター", "Scrum master"), 40.0),
        member(&r("開発者", "Developer"), 40.0),
        member(&r("開発者", "Developer"), 40.0),
        member(&r("開発者", "Developer"), 40.0),
    ];
    let mut w = Wbs::new(ja);
    w.phase("スプリント0（準備）", "Sprint 0 (set-up)");
    w.task("プロダクトバックログ作成", "Build the product backlog", 5, 40.0, 0, false);
    w.task("開発環境・CI 構築", "Development environment and CI", 5, 80.0, 2, true);
    for n in 1..=4 {
        let (ja_p, en_p) = (format!("スプリント{n}"), format!("Sprint {n}"));
        w.phase(&ja_p, &en_p);
        w.task("スプリント計画", "Sprint planning", 1, 16.0, 1, false);
        w.task("開発（バックログ項目）", "Development (backlog items)", 8, 320.0, 2, false);
        w.task("スプリントレビュー・振り返り", "Sprint review and retrospective", 1, 16.0, 1, false);
        let (ja_m, en_m) = (format!("スプリント{n}完了"), format!("Sprint {n} done"));
        w.milestone(&ja_m, &en_m, Priority::Medium);
    }
    w.phase("リリース準備", "Release");
    w.task("リリース前テスト・修正", "Release hardening", 5, 160.0, 3, false);
    w.task("リリース作業", "Release", 1, 16.0, 4, false);
    w.milestone("リリース", "Release", Priority::Critical);
    let risks = vec![
        risk(
            ja,
            ("バックログの優先順位が決まらない", "The backlog is not prioritised"),
            ("スコープ", "Scope"),
            3,
            4,
            RiskStrategy::Mitigate,
            (
                "プロダクトオーナーが毎スプリント前にリファインメントを行う",
                "The product owner refines before every sprint",
            ),
        ),
        risk(
            ja,
            ("ベロシティが安定せずリリース日に間に合わない", "Velocity is unstable and the release date slips"),
            ("スケジュール", "Schedule"),
            3,
            4,
            RiskStrategy::Mitigate,
            (
                "バーンアップでリリース予測を毎週確認し、スコープを調整する",
                "Check the burnup forecast weekly and adjust the scope",
            ),
        ),
        risk(
            ja,
            ("技術的負債が蓄積する", "Technical debt accumulates"),
            ("品質", "Quality"),
            3,
            3,
            RiskStrategy::Mitigate,
            (
                "完成の定義にテスト自動化とコードレビューを含める",
                "Include automated tests and code review in the definition of done",
            ),
        ),
        risk(
            ja,
            ("ステークホルダーのレビュー参加が得られない", "Stakeholders skip sprint reviews"),
            ("顧客", "Customer"),
            2,
            3,
            RiskStrategy::Mitigate,
            ("レビュー日程を早期に確保し、デモ動画を共有する", "Book reviews early and share demo recordings"),
        ),
    ];
    Template {
        info: info(
            ja,
            ("アジャイル（スクラム）リリース", "Agile (Scrum) release"),
            ("2 週間スプリント 4 回とリリース準備", "Four two-week sprints and a release"),
            6000.0,
            Weekday::Mon,
            1,
        ),
        members,
        tasks: w.tasks,
        risks,
    }
}

fn poc(ja: bool) -> Template {
    let r = |ja_s: &str, en: &str| if ja { ja_s } else { en }.to_string();
    let members = vec![
        member(&r("プロジェクトマネージャー", "Project manager"), 10.0),
        member(&r("エンジニア", "Engineer"), 40.0),
    ];
    let mut w = Wbs::new(ja);
    w.phase("計画", "Plan");
    w.task("目的・評価基準の設定", "Set goals and success criteria", 3, 16.0, 0, false);
    w.task("検証環境の準備", "Prepare the test environment", 4, 32.0, 1, false);
    w.phase("検証", "Trial");
    w.task("検証実施", "Run the trial", 10, 80.0, 1, false);
    w.task("効果測定", "Measure the effect", 3, 24.0, 1, false);
    w.phase("評価", "Evaluate");
    w.task("評価・報告書作成", "Evaluate and write the report", 4, 32.0, 0, false);
    w.milestone("結果報告会", "Results presentation", Priority::High);
    let risks = vec![
        risk(
            ja,
            ("評価基準が曖昧で結論が出ない", "Vague criteria leave no conclusion"),
            ("スコープ", "Scope"),
            3,
            4,
            RiskStrategy::Avoid,
            ("開始前に定量的な成功基準を関係者と合意する", "Agree measurable success criteria before starting"),
        ),
        risk(
            ja,
            ("本番相当のデータが使えない", "Production-like data is not available"),
            ("データ", "Data"),
            3,
            3,
            RiskStrategy::Mitigate,
            ("マスキング済みデータの提供を早期に依頼する", "Ask for masked data early"),
        ),
    ];
    Template {
        info: info(
            ja,
            ("小規模改善・PoC", "Small improvement / PoC"),
            ("1 か月程度の検証・改善プロジェクト", "A month-long trial or improvement"),
            0.0,
            Weekday::Fri,
            1,
        ),
        members,
        tasks: w.tasks,
        risks,
    }
}
