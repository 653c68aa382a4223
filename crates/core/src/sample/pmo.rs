//! The sample's PMO side: stakeholders, the weekly meetings (定例会議) with their action items, the
//! baseline approved at the start, and the RACI rows of the phases.

use serde_json::json;

use super::{mins, tx, Cal, Events, Node, LEAD, PG, PM, QA, SE1, SE2};
use crate::change::EntityRef;
use crate::command::Command;
use crate::enums::*;
use crate::id::{Id, SeqIds};
use crate::model::{ActionItem, ActionItemField, Meeting, ProjectField, Stakeholder, TaskField};

/// (name ja, name en, organization ja, organization en, role ja, role en, influence, interest,
/// current, desired, what ja, what en, frequency, channel ja, channel en)
type Who = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    u8,
    u8,
    Engagement,
    Engagement,
    &'static str,
    &'static str,
    Frequency,
    &'static str,
    &'static str,
);

const STAKEHOLDERS: [Who; 4] = [
    (
        "小林 誠",
        "Makoto Kobayashi",
        "みなと食品販売 経営企画部",
        "Minato Foods, corporate planning",
        "部長（プロジェクトオーナー）",
        "General manager (project owner)",
        5,
        4,
        Engagement::Supportive,
        Engagement::Leading,
        "進捗報告書、ステアリングコミッティ資料",
        "Status report, steering committee deck",
        Frequency::Monthly,
        "ステアリングコミッティ",
        "Steering committee",
    ),
    (
        "中村 恵",
        "Megumi Nakamura",
        "みなと食品販売 情報システム部",
        "Minato Foods, IT department",
        "課長",
        "Manager",
        4,
        5,
        Engagement::Supportive,
        Engagement::Leading,
        "議事録、課題管理表、進捗報告書",
        "Minutes, issue log, status report",
        Frequency::Weekly,
        "定例会議",
        "Weekly meeting",
    ),
    (
        "加藤 修",
        "Osamu Kato",
        "みなと食品販売 経理部",
        "Minato Foods, accounting",
        "部長",
        "General manager",
        4,
        3,
        Engagement::Neutral,
        Engagement::Supportive,
        "請求書レイアウト・月次締めの設計レビュー依頼",
        "Review requests: invoice layout, monthly close",
        Frequency::Biweekly,
        "メール・レビュー会",
        "Mail, review meetings",
    ),
    (
        "井上 聡",
        "Satoshi Inoue",
        "大手取引先A社 物流システム課",
        "Customer A, logistics systems",
        "EDI担当",
        "EDI contact",
        2,
        3,
        Engagement::Unaware,
        Engagement::Neutral,
        "EDI仕様の確認依頼、接続テスト日程",
        "EDI spec questions, connection test dates",
        Frequency::AsNeeded,
        "メール",
        "Mail",
    ),
];

/// The PMO's events of the sample, added to `ev`.
pub(super) fn pmo_events(ev: &mut Events, cal: &Cal, ja: bool, team: (&[Id], &[String]), nodes: &[Node], seed: u64) {
    let (members, names) = team;
    let s = |j: &str, e: &str| tx(ja, j, e);
    let mut ids = SeqIds::new(seed ^ 0x0F_F1CE_5EED);
    let pid = ev.project;
    let pm = names[PM].clone();

    // The plan approved at the end of the first day becomes the baseline; meetings are on Tuesdays.
    let baseline = ids.next_id();
    let name = s("計画承認版", "Approved plan");
    ev.push(
        cal.at(0, 17, 40),
        super::PMO,
        Command::TakeBaseline { project: pid, id: baseline, name, taken_on: cal.day(0) },
    );
    ev.set(
        cal.at(0, 17, 41),
        &pm,
        EntityRef::project(pid),
        vec![
            (ProjectField::Baseline, json!(baseline)),
            (ProjectField::MeetingWeekday, json!(Weekday::Tue)),
            (ProjectField::MeetingEveryWeeks, json!(1)),
        ],
    );

    let people: Vec<Id> = STAKEHOLDERS.iter().map(|_| ids.next_id()).collect();
    for (k, (w, id)) in STAKEHOLDERS.iter().zip(&people).enumerate() {
        let stakeholder = Stakeholder {
            name: s(w.0, w.1),
            organization: s(w.2, w.3),
            role: s(w.4, w.5),
            contact: s(
                "代表メール経由（名刺は PMO 共有フォルダ）",
                "Via the team mailbox (business card in the PMO folder)",
            ),
            influence: w.6,
            interest: w.7,
            engagement_current: w.8,
            engagement_desired: w.9,
            communication: s(w.10, w.11),
            frequency: w.12,
            channel: s(w.13, w.14),
            member: None,
        };
        ev.push(cal.at(1, 10, 0) + mins(k as u64), &pm, Command::AddStakeholder { project: pid, id: *id, stakeholder });
    }
    let [owner, it_manager, accounting, edi_contact] = [0, 1, 2, 3].map(|k| people[k]);

    // RACI of every phase: the PM is accountable, a member responsible, IT consulted, the owner informed.
    let responsible = [LEAD, SE1, SE2, PG, QA, LEAD];
    let phases: Vec<Id> = nodes.iter().filter(|n| n.parent.is_none()).map(|n| n.id).collect();
    for (k, phase) in phases.iter().enumerate() {
        let raci = json!({
            members[PM].to_string(): Raci::Accountable,
            members[responsible[k % responsible.len()]].to_string(): Raci::Responsible,
            it_manager.to_string(): Raci::Consulted,
            owner.to_string(): Raci::Informed,
        });
        ev.set(cal.at(1, 11, 0) + mins(k as u64), &pm, EntityRef::task(*phase), vec![(TaskField::Raci, raci)]);
    }

    // Two weekly meetings of the last fortnight (Tuesdays), with their action items.
    let team = |who: &[usize]| who.iter().map(|w| members[*w]).collect::<Vec<Id>>();
    let m1 = ids.next_id();
    let mut attendees = team(&[PM, LEAD, SE1, SE2]);
    attendees.push(it_manager);
    let meeting = Meeting {
        date: cal.day(41),
        title: s("第9回 定例会議", "Weekly meeting #9"),
        attendees,
        agenda: s(
            "1. 進捗報告（詳細設計）\n2. 課題・リスクの確認\n3. 請求書レイアウト変更の影響\n4. 移行リハーサルの準備",
            "1. Progress (detailed design)\n2. Issues and risks\n3. Impact of the invoice layout change\n4. Preparing the migration rehearsal",
        ),
        minutes: s(
            "詳細設計は全体で予定どおり。在庫管理の引当ロジックは設計レビューで指摘多数、再レビューとする。\
             EDI仕様についてA社の回答が未着のため、期限を再確認する。",
            "Detailed design is on plan overall. The inventory allocation logic drew many review comments and \
             will be reviewed again. Customer A has not answered on the EDI spec; the deadline is to be confirmed.",
        ),
        decisions: s("引当ロジックは再レビュー（来週火曜）。", "The allocation logic is reviewed again next Tuesday."),
    };
    ev.push(cal.at(41, 10, 0), &pm, Command::AddMeeting { project: pid, id: m1, meeting });
    let m2 = ids.next_id();
    let mut attendees = team(&[PM, LEAD, SE1, PG, QA]);
    attendees.extend([it_manager, accounting]);
    let meeting = Meeting {
        date: cal.day(46),
        title: s("第10回 定例会議", "Weekly meeting #10"),
        attendees,
        agenda: s(
            "1. 前回アクションの確認\n2. 進捗報告\n3. 請求書レイアウトの顧客承認\n4. 結合テストの準備",
            "1. Last week's actions\n2. Progress\n3. Customer sign-off of the invoice layout\n4. Preparing the integration test",
        ),
        minutes: s(
            "引当ロジックの再レビューは完了。請求書レイアウトは経理部の承認待ち。結合テスト用データは準備済み。",
            "The allocation logic passed its second review. The invoice layout awaits accounting's sign-off. \
             Integration test data is ready.",
        ),
        decisions: s("結合テストは予定どおり開始する。", "The integration test starts as planned."),
    };
    ev.push(cal.at(46, 10, 0), &pm, Command::AddMeeting { project: pid, id: m2, meeting });

    let action = |meeting: Id, title: String, owner: Id, due: u32| ActionItem {
        meeting,
        title,
        owner: Some(owner),
        due: Some(cal.day(due)),
        ..ActionItem::default()
    };
    let a1 = ids.next_id();
    let item = action(
        m1,
        s("A社へEDI仕様の回答期限を再確認する", "Confirm with customer A when the EDI spec answer comes"),
        edi_contact,
        43,
    );
    ev.push(cal.at(41, 11, 5), &pm, Command::AddActionItem { project: pid, id: a1, item });
    ev.set(cal.at(43, 16, 0), &pm, EntityRef::action_item(a1), vec![(ActionItemField::Done, json!(true))]);
    let a2 = ids.next_id();
    let item = action(
        m1,
        s("移行リハーサル環境の見積りを取得する", "Get a quote for the migration rehearsal environment"),
        members[PG],
        48,
    );
    ev.push(cal.at(41, 11, 6), &pm, Command::AddActionItem { project: pid, id: a2, item });
    let a3 = ids.next_id();
    let item = action(
        m2,
        s("請求書レイアウト変更の顧客承認を得る", "Get the customer's sign-off of the invoice layout change"),
        accounting,
        53,
    );
    ev.push(cal.at(46, 11, 5), &pm, Command::AddActionItem { project: pid, id: a3, item });
    let a4 = ids.next_id();
    let item = action(
        m2,
        s("結合テスト用の取引先マスタを準備する", "Prepare the customer master for the integration test"),
        members[QA],
        48,
    );
    ev.push(cal.at(46, 11, 6), &pm, Command::AddActionItem { project: pid, id: a4, item });
    ev.set(cal.at(48, 15, 30), &names[QA], EntityRef::action_item(a4), vec![(ActionItemField::Done, json!(true))]);
}
