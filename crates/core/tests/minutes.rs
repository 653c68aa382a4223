//! Meetings without a browser: the next meeting's date from the cadence, the agenda carried over
//! from open action items, and the minutes as Markdown (golden files in `tests/golden/`;
//! `UPDATE_GOLDEN=1 cargo test -p mieruka-core --test minutes` rewrites them deliberately).

mod common;

use std::path::PathBuf;

use common::*;
use mieruka_core::minutes::{carried_over_agenda, meeting_minutes_markdown, next_meeting_date, Lang};
use mieruka_core::model::{ActionItem, Meeting, Stakeholder};
use mieruka_core::{ActionItemField, Command, DomainError, EntityRef, Id, MeetingField, ProjectField};
use serde_json::json;

fn golden(name: &str, text: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, text).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("no golden file {}; create it with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(want, text, "{name} differs; if intended, regenerate with UPDATE_GOLDEN=1 and review");
}

fn meeting(env: &mut Env, d: chrono::NaiveDate, title: &str, attendees: Vec<Id>) -> Id {
    let id = env.id();
    env.ok(Command::AddMeeting {
        project: env.pid,
        id,
        meeting: Meeting { date: d, title: title.into(), attendees, ..Meeting::default() },
    });
    id
}

fn action(env: &mut Env, m: Id, title: &str, owner: Option<Id>, due: Option<chrono::NaiveDate>) -> Id {
    let id = env.id();
    env.ok(Command::AddActionItem {
        project: env.pid,
        id,
        item: ActionItem { meeting: m, title: title.into(), owner, due, ..ActionItem::default() },
    });
    id
}

#[test]
fn the_next_meeting_follows_the_cadence() {
    let mut env = Env::new(21);
    let today = date(2025, 4, 16); // a Wednesday
    assert_eq!(next_meeting_date(env.p(), today), today, "no regular weekday: today");
    env.set_ok(EntityRef::project(env.pid), ProjectField::MeetingWeekday, json!("tue"));
    assert_eq!(next_meeting_date(env.p(), today), date(2025, 4, 22), "no meeting yet: the next Tuesday from today");
    assert_eq!(next_meeting_date(env.p(), date(2025, 4, 22)), date(2025, 4, 22), "today is the day");
    meeting(&mut env, date(2025, 4, 15), "定例", vec![]);
    assert_eq!(next_meeting_date(env.p(), today), date(2025, 4, 22), "a week after the last");
    env.set_ok(EntityRef::project(env.pid), ProjectField::MeetingEveryWeeks, json!(2));
    assert_eq!(next_meeting_date(env.p(), today), date(2025, 4, 29), "every other week");
    // Long after the last meeting: the next date of the same rhythm that is not past.
    assert_eq!(next_meeting_date(env.p(), date(2025, 6, 2)), date(2025, 6, 10));
    // A meeting held off-cadence (a Thursday): the next Tuesday after it, one cadence on.
    meeting(&mut env, date(2025, 4, 17), "臨時", vec![]);
    env.set_ok(EntityRef::project(env.pid), ProjectField::MeetingEveryWeeks, json!(1));
    assert_eq!(next_meeting_date(env.p(), today), date(2025, 4, 22));
}

fn minutes_project() -> (Env, Id, Id) {
    let mut env = Env::new(22);
    let yamada = env.add_member("山田 太郎");
    let sato = env.add_member("佐藤 花子");
    let boss = env.id();
    env.ok(Command::AddStakeholder {
        project: env.pid,
        id: boss,
        stakeholder: Stakeholder {
            name: "田中 <部長>".into(), influence: 5, interest: 4, ..Stakeholder::default()
        },
    });
    let phase = env.add(None, "基本設計");
    let w1 = meeting(&mut env, date(2025, 4, 8), "第1回 定例会議", vec![yamada, boss]);
    action(&mut env, w1, "帳票の *サンプル* を依頼", Some(boss), Some(date(2025, 4, 11)));
    let done = action(&mut env, w1, "会議室の予約", Some(sato), None);
    env.set_ok(EntityRef::action_item(done), ActionItemField::Done, json!(true));
    let w2 = meeting(&mut env, date(2025, 4, 15), "第2回 定例会議 | 設計レビュー", vec![yamada, sato, boss]);
    env.set_ok(
        EntityRef::meeting(w2),
        MeetingField::Agenda,
        json!("1. 前回アクションの確認\n2. 画面設計 [v2] のレビュー\n# 見出しにしない"),
    );
    env.set_ok(
        EntityRef::meeting(w2),
        MeetingField::Minutes,
        json!("画面遷移は A 案で進める。\n- 一覧画面: <table> で実装\n- 詳細画面: 項目_名を確定\n\n> 引用ではない"),
    );
    env.set_ok(EntityRef::meeting(w2), MeetingField::Decisions, json!("移行は 2 段階で行う"));
    let to_task = action(&mut env, w2, "画面遷移図を更新", Some(yamada), Some(date(2025, 4, 18)));
    let t = env.id();
    env.ok(Command::ActionToTask { project: env.pid, action: to_task, task: t, parent: Some(phase) });
    let to_issue = action(&mut env, w2, "外部 API の仕様確認", None, None);
    let i = env.id();
    env.ok(Command::ActionToIssue { project: env.pid, action: to_issue, issue: i, raised_on: date(2025, 4, 15) });
    (env, w1, w2)
}

#[test]
fn minutes_markdown_in_both_languages() {
    let (env, w1, w2) = minutes_project();
    let ja = meeting_minutes_markdown(env.p(), w2, Lang::Ja).unwrap();
    let en = meeting_minutes_markdown(env.p(), w2, Lang::En).unwrap();
    golden("minutes_ja.md", &ja);
    golden("minutes_en.md", &en);
    // User text never becomes markup.
    assert!(ja.contains("田中 &lt;部長&gt;") && !ja.contains("<table>"), "{ja}");
    assert!(ja.contains("帳票の \\*サンプル\\* を依頼"), "the open item of the first meeting is carried over");
    assert!(ja.contains("→ タスク 1.1 画面遷移図を更新") && ja.contains("→ 課題 #1 外部 API の仕様確認"));
    // The first meeting has nothing carried over.
    let first = meeting_minutes_markdown(env.p(), w1, Lang::En).unwrap();
    assert!(first.ends_with("## Open items from earlier meetings\n\n(none)\n"), "{first}");
    let ghost = Id::from_u128(999);
    assert_eq!(
        meeting_minutes_markdown(env.p(), ghost, Lang::Ja),
        Err(DomainError::NotFound { kind: "meeting", id: ghost })
    );
}

#[test]
fn the_next_agenda_lists_the_open_actions() {
    let (env, _, _) = minutes_project();
    let agenda = carried_over_agenda(env.p(), date(2025, 4, 22), Lang::Ja);
    assert_eq!(
        agenda,
        "前回までの未完了アクション:\n\
         - 帳票の *サンプル* を依頼 (担当: 田中 <部長>, 期限: 2025/04/11 (金), 起票: 2025/04/08 (火))\n\
         - 画面遷移図を更新 (担当: 山田 太郎, 期限: 2025/04/18 (金), 起票: 2025/04/15 (火))\n\
         - 外部 API の仕様確認 (起票: 2025/04/15 (火))"
    );
    assert_eq!(carried_over_agenda(env.p(), date(2025, 4, 8), Lang::En), "");
}
