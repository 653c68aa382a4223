//! Browser unit tests (wasm-bindgen-test in headless Chromium): IndexedDB storage.

#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use mieruka::storage::{Dirty, ProjectStorage, SaveBatch, SaveOutcome};
use mieruka_core::id::SeqIds;
use mieruka_core::{apply, Command, EntityRef, Project, ProjectInfo, Stamp, Task, TaskField, Workspace};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn stamp(ids: &mut SeqIds, minute: u32) -> Stamp {
    Stamp::new(Utc.with_ymd_and_hms(2026, 4, 1, 9, minute, 0).unwrap(), "tester", ids.next_id())
}

fn project(ids: &mut SeqIds) -> Project {
    let mut ws = Workspace::default();
    let pid = ids.next_id();
    let info = ProjectInfo { name: "基幹システム刷新".into(), code: "CSR".into(), ..ProjectInfo::default() };
    let s = stamp(ids, 0);
    apply(&mut ws, Command::CreateProject { id: pid, info }, &s).unwrap();
    let parent = ids.next_id();
    let s = stamp(ids, 1);
    apply(
        &mut ws,
        Command::AddTask {
            project: pid,
            id: parent,
            task: Task { title: "要件定義".into(), rank: 1.0, ..Task::default() },
        },
        &s,
    )
    .unwrap();
    let child = ids.next_id();
    let s = stamp(ids, 2);
    let task = Task { title: "ヒアリング".into(), parent: Some(parent), estimate_hours: 16.0, ..Task::default() };
    apply(&mut ws, Command::AddTask { project: pid, id: child, task }, &s).unwrap();
    ws.projects.remove(&pid).unwrap()
}

/// Every stored project whole, as the app reads them: the states, then each change log.
async fn load_whole(storage: &ProjectStorage) -> (Vec<(Project, u64)>, Vec<mieruka::storage::StorageError>) {
    let (mut all, errors) = storage.load_all().await.unwrap();
    for (p, _) in &mut all {
        p.changes = storage.load_changes(p.id).await.unwrap();
    }
    (all, errors)
}

async fn fresh(name: &str) -> ProjectStorage {
    // Each test uses its own database; delete leftovers of an earlier run.
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let req = factory.delete_database(name).unwrap();
    let _ = mieruka::storage::idb::request(&req).await;
    ProjectStorage::open_named(name).await.expect("open")
}

#[wasm_bindgen_test]
async fn save_and_load_round_trip() {
    let mut ids = SeqIds::new(1);
    let storage = fresh("mieruka-test-roundtrip").await;
    let p = project(&mut ids);
    let batch = SaveBatch::prepare(&p, &Dirty::default(), true, &Default::default());
    assert_eq!(storage.write(&batch, 0, &|_, _| {}).await.unwrap(), SaveOutcome::Saved { rev: 1 });
    let (loaded, errors) = load_whole(&storage).await;
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(loaded.len(), 1);
    assert_eq!(loaded[0].0, p, "what is stored decodes to what was saved");
    assert_eq!(loaded[0].1, 1);
}

#[wasm_bindgen_test]
async fn loading_one_project_reads_that_project_only() {
    let mut ids = SeqIds::new(9);
    let storage = fresh("mieruka-test-load-one").await;
    let a = project(&mut ids);
    let b = project(&mut ids);
    storage.write(&SaveBatch::prepare(&a, &Dirty::default(), true, &Default::default()), 0, &|_, _| {}).await.unwrap();
    storage.write(&SaveBatch::prepare(&b, &Dirty::default(), true, &Default::default()), 0, &|_, _| {}).await.unwrap();
    storage.write(&SaveBatch::prepare(&b, &Dirty::default(), true, &Default::default()), 1, &|_, _| {}).await.unwrap();
    assert_eq!(storage.load(a.id).await.unwrap(), Some((a.clone(), 1)));
    assert_eq!(storage.load(b.id).await.unwrap(), Some((b.clone(), 2)));
    assert_eq!(storage.load(ids.next_id()).await.unwrap(), None, "a project that is not stored");
    // The same as loading everything.
    let (all, errors) = load_whole(&storage).await;
    assert!(errors.is_empty(), "{errors:?}");
    assert!(all.contains(&(a, 1)) && all.contains(&(b, 2)));
}

#[wasm_bindgen_test]
async fn the_changes_of_a_save_are_read_back_by_its_rev() {
    let mut ids = SeqIds::new(11);
    let storage = fresh("mieruka-test-changes-by-rev").await;
    let mut p = project(&mut ids);
    storage.write(&SaveBatch::prepare(&p, &Dirty::default(), true, &Default::default()), 0, &|_, _| {}).await.unwrap();
    // Two edits saved as rev 2, as another tab would announce them.
    let tid = *p.tasks.keys().next().unwrap();
    let mut dirty = Dirty::default();
    for (minute, title) in [(20, "一回目"), (21, "二回目")] {
        let s = stamp(&mut ids, minute);
        let cmd = Command::Set {
            project: p.id,
            entity: EntityRef::task(tid),
            field: TaskField::Title.into(),
            value: title.into(),
        };
        dirty.add(&mieruka_core::apply_to_project(&mut p, cmd, &s).unwrap());
    }
    storage.write(&SaveBatch::prepare(&p, &dirty, false, &Default::default()), 1, &|_, _| {}).await.unwrap();
    let wanted: Vec<_> = dirty.changes.iter().map(|c| c.id).collect();
    let got = storage.load_saved(p.id, 2, &wanted).await.unwrap().expect("both stored");
    assert_eq!(got, dirty.changes, "the changes as saved, in the order named");
    // Named with the wrong rev, or with one change that save did not write: the caller reads
    // the whole project instead.
    assert_eq!(storage.load_saved(p.id, 1, &wanted).await.unwrap(), None);
    assert_eq!(storage.load_saved(p.id, 3, &wanted).await.unwrap(), None);
    let missing = vec![wanted[0], ids.next_id()];
    assert_eq!(storage.load_saved(p.id, 2, &missing).await.unwrap(), None);
    // A whole rewrite (rev 3) replaces the segments of rev 2.
    storage.write(&SaveBatch::prepare(&p, &Dirty::default(), true, &Default::default()), 2, &|_, _| {}).await.unwrap();
    assert_eq!(storage.load_saved(p.id, 2, &wanted).await.unwrap(), None);
    let (loaded, _) = load_whole(&storage).await;
    assert_eq!(loaded, vec![(p, 3)]);
}

#[wasm_bindgen_test]
async fn incremental_save_writes_only_the_change_and_keeps_history() {
    let mut ids = SeqIds::new(2);
    let storage = fresh("mieruka-test-incremental").await;
    let mut p = project(&mut ids);
    storage.write(&SaveBatch::prepare(&p, &Dirty::default(), true, &Default::default()), 0, &|_, _| {}).await.unwrap();
    let tid = *p.tasks.keys().next().unwrap();
    let s = stamp(&mut ids, 10);
    let pid = p.id;
    let changes = mieruka_core::apply_to_project(
        &mut p,
        Command::Set {
            project: pid,
            entity: EntityRef::task(tid),
            field: TaskField::Title.into(),
            value: "変更後".into(),
        },
        &s,
    )
    .unwrap();
    let mut dirty = Dirty::default();
    dirty.add(&changes);
    let batch = SaveBatch::prepare(&p, &dirty, false, &Default::default());
    assert_eq!(batch.entities.records.len(), 1, "one edit writes one entity record");
    assert_eq!(batch.changes.len(), 1);
    assert_eq!(storage.write(&batch, 1, &|_, _| {}).await.unwrap(), SaveOutcome::Saved { rev: 2 });
    let (loaded, _) = load_whole(&storage).await;
    assert_eq!(loaded[0].0, p);
}

#[wasm_bindgen_test]
async fn a_stale_writer_gets_a_conflict_and_nothing_is_written() {
    let mut ids = SeqIds::new(3);
    let storage = fresh("mieruka-test-conflict").await;
    let p = project(&mut ids);
    storage.write(&SaveBatch::prepare(&p, &Dirty::default(), true, &Default::default()), 0, &|_, _| {}).await.unwrap();
    let mut other = p.clone();
    other.info.name = "別タブの変更".into();
    // This tab still believes rev 0: refused.
    let outcome = storage
        .write(&SaveBatch::prepare(&other, &Dirty::default(), true, &Default::default()), 0, &|_, _| {})
        .await
        .unwrap();
    assert_eq!(outcome, SaveOutcome::Conflict { stored_rev: 1 });
    let (loaded, _) = load_whole(&storage).await;
    assert_eq!(loaded[0].0.info.name, "基幹システム刷新");
}

#[wasm_bindgen_test]
async fn a_failed_write_is_an_error_not_silence() {
    let mut ids = SeqIds::new(4);
    let storage = fresh("mieruka-test-error").await;
    let p = project(&mut ids);
    storage.close();
    let result =
        storage.write(&SaveBatch::prepare(&p, &Dirty::default(), true, &Default::default()), 0, &|_, _| {}).await;
    assert!(result.is_err(), "writing to a closed database must fail loudly: {result:?}");
}

#[wasm_bindgen_test]
async fn deleting_a_project_removes_all_its_records() {
    let mut ids = SeqIds::new(5);
    let storage = fresh("mieruka-test-delete").await;
    let a = project(&mut ids);
    let b = project(&mut ids);
    storage.write(&SaveBatch::prepare(&a, &Dirty::default(), true, &Default::default()), 0, &|_, _| {}).await.unwrap();
    storage.write(&SaveBatch::prepare(&b, &Dirty::default(), true, &Default::default()), 0, &|_, _| {}).await.unwrap();
    storage.delete_project(a.id).await.unwrap();
    let (loaded, errors) = load_whole(&storage).await;
    assert!(errors.is_empty());
    assert_eq!(loaded.len(), 1);
    assert_eq!(loaded[0].0, b);
}

#[wasm_bindgen_test]
async fn a_large_write_goes_in_slices_and_counts_them_in_one_transaction() {
    let storage = fresh("mieruka-test-slices").await;
    let p = mieruka_core::generate::generate(mieruka_core::generate::Spec::new(3000, 5));
    let batch = SaveBatch::prepare(&p, &Dirty::default(), true, &Default::default());
    let total = batch.entities.records.len() + batch.changes.len();
    let chars: usize = batch
        .entities
        .records
        .iter()
        .filter_map(|(_, _, t)| t.as_ref())
        .chain(batch.changes.iter())
        .map(String::len)
        .sum();
    assert!(chars > 6_000_000, "enough for slices: {chars} characters in {total} records");
    assert!(
        batch.changes.len() < p.changes.len() / 1000,
        "{} changes in {} segments",
        p.changes.len(),
        batch.changes.len()
    );
    let seen = std::cell::RefCell::new(Vec::new());
    let outcome = storage.write(&batch, 0, &|done, all| seen.borrow_mut().push((done, all))).await.unwrap();
    assert_eq!(outcome, SaveOutcome::Saved { rev: 1 });
    let seen = seen.into_inner();
    // A report after each 2 M characters (a slice ends with the record that reaches them), but
    // none after the last record.
    let largest = batch
        .entities
        .records
        .iter()
        .filter_map(|(_, _, t)| t.as_ref())
        .chain(batch.changes.iter())
        .map(String::len)
        .max()
        .unwrap();
    assert!(seen.len() + 1 >= chars / (2_000_000 + largest) && seen.len() <= chars / 2_000_000, "{seen:?} for {chars}");
    assert!(seen.windows(2).all(|w| w[0].0 < w[1].0), "the count only rises: {seen:?}");
    assert!(seen.iter().all(|&(done, all)| done < total && all == total), "{seen:?}");
    storage.verify(&batch, 1).await.expect("every record is stored");
    let (loaded, errors) = load_whole(&storage).await;
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(loaded, vec![(p.clone(), 1)], "what is stored decodes to what was saved");
    // A conflict found at the start writes nothing, whatever the size.
    let again = storage.write(&batch, 0, &|_, _| panic!("no slice of a refused write")).await.unwrap();
    assert_eq!(again, SaveOutcome::Conflict { stored_rev: 1 });
}

/// The stores of layout 2 (schema 2), as the app before buckets created them.
fn layout_2_stores(db: &web_sys::IdbDatabase, _old: u32) {
    for s in ["projects", "entities", "changes", "restore", "journal"] {
        db.create_object_store(s).unwrap();
    }
}

#[wasm_bindgen_test]
async fn a_database_of_layout_2_moves_to_buckets_and_segments_when_opened_and_reads_the_same() {
    use mieruka::storage::idb;
    use mieruka_core::{bucket, format, record};
    use wasm_bindgen::JsValue;
    let name = "mieruka-test-relayout";
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let _ = idb::request(&factory.delete_database(name).unwrap()).await;
    let p = mieruka_core::generate::generate(mieruka_core::generate::Spec::new(400, 8));
    let pid = p.id.to_string();
    // Written as layout 2 did: one record per entity, keyed by its id.
    let db = idb::open(name, mieruka::storage::records::DB_VERSION - 1, layout_2_stores).await.unwrap();
    let tx = idb::transaction(&db, &["projects", "entities", "changes"], true).unwrap();
    let done = idb::completion(&tx);
    let head = serde_json::json!({ "rev": 4, "project": format::head_json(&p) }).to_string();
    tx.object_store("projects").unwrap().put_with_key(&JsValue::from_str(&head), &JsValue::from_str(&pid)).unwrap();
    let mut old = 0;
    for r in p.entity_refs() {
        let Some(data) = format::entity_record(&p, r) else { continue };
        let text = serde_json::json!({ "project": pid, "kind": r.kind.as_str(), "data": data }).to_string();
        tx.object_store("entities")
            .unwrap()
            .put_with_key(&JsValue::from_str(&text), &idb::key(&[&pid, r.kind.as_str(), &r.id.to_string()]))
            .unwrap();
        old += 1;
    }
    for c in &p.changes {
        tx.object_store("changes")
            .unwrap()
            .put_with_key(&JsValue::from_str(&record::change_text(&pid, c)), &idb::key(&[&pid, &c.id.to_string()]))
            .unwrap();
    }
    done.await.unwrap();
    db.close();
    // The app opens it: layout 3, the same project.
    let storage = ProjectStorage::open_named(name).await.expect("open");
    assert_eq!(storage.relayout().await.unwrap(), 1, "one project moved");
    let (loaded, errors) = load_whole(&storage).await;
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(loaded, vec![(p.clone(), 4)], "the same project at the same rev");
    assert_eq!(storage.relayout().await.unwrap(), 0, "nothing left to move");
    let batch = SaveBatch::prepare(&p, &Dirty::default(), true, &Default::default());
    // Layout 3's buckets (two digits: the head names no widths), as layout 3 wrote them.
    let layout_3 = bucket::Plan::full_with(&p, |_| bucket::LAYOUT_3_DIGITS);
    let buckets = layout_3.records.iter().filter(|(_, _, t)| t.is_some()).count();
    assert!(buckets < old, "{buckets} bucket records for {old} entities");
    // Every record is now a bucket, and exactly the ones layout 3 would write.
    let db = idb::open(name, mieruka::storage::records::DB_VERSION, layout_2_stores).await.unwrap();
    let tx = idb::transaction(&db, &["entities"], false).unwrap();
    let range = idb::prefix_range(&pid).unwrap();
    let texts = idb::request(&tx.object_store("entities").unwrap().get_all_with_key(&range).unwrap()).await.unwrap();
    // Read as JSON: a moved entity keeps its fields in the order layout 2 stored them.
    let json = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap().to_string();
    let mut got: Vec<String> = js_sys::Array::from(&texts).iter().map(|v| json(&v.as_string().unwrap())).collect();
    let mut want: Vec<String> = layout_3.records.iter().filter_map(|(_, _, t)| t.as_deref().map(json)).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    // And every change is in a segment, as a whole write would cut them (keyed as by rev 0).
    assert!(batch.changes.len() >= 2, "{} changes in {} segments", p.changes.len(), batch.changes.len());
    let tx = idb::transaction(&db, &["changes"], false).unwrap();
    let store = tx.object_store("changes").unwrap();
    let keys = idb::request(&store.get_all_keys_with_key(&range).unwrap()).await.unwrap();
    let texts = idb::request(&store.get_all_with_key(&range).unwrap()).await.unwrap();
    let keys: Vec<(f64, f64)> = js_sys::Array::from(&keys)
        .iter()
        .map(|k| {
            let k = js_sys::Array::from(&k);
            (k.get(1).as_f64().unwrap(), k.get(2).as_f64().unwrap())
        })
        .collect();
    assert_eq!(keys, (0..batch.changes.len()).map(|n| (0.0, n as f64)).collect::<Vec<_>>());
    let texts: Vec<String> = js_sys::Array::from(&texts).iter().map(|v| v.as_string().unwrap()).collect();
    assert_eq!(texts, batch.changes);
    db.close();
    storage.close();
}

/// A restore point taken before layout 3 (one record per entity and per change) restores into
/// layout 3: the project as it was, in buckets and segments, at a rev after the current one.
#[wasm_bindgen_test]
async fn a_restore_point_of_layout_2_restores_into_buckets_and_segments() {
    use mieruka::storage::idb;
    use mieruka_core::{format, record};
    use serde_json::json;
    use wasm_bindgen::JsValue;
    let mut ids = SeqIds::new(12);
    let storage = fresh("mieruka-test-restore-layout-2").await;
    let before = project(&mut ids);
    let pid = before.id.to_string();
    // What the import replaced, kept as layout 2 kept it.
    let entities: Vec<_> = before
        .entity_refs()
        .into_iter()
        .filter_map(|r| {
            let data = format::entity_record(&before, r)?;
            Some(json!([
                [pid, r.kind.as_str(), r.id.to_string()],
                json!({ "project": pid, "kind": r.kind.as_str(), "data": data }).to_string()
            ]))
        })
        .collect();
    let changes: Vec<_> =
        before.changes.iter().map(|c| json!([[pid, c.id.to_string()], record::change_text(&pid, c)])).collect();
    let head = json!({ "rev": 2, "project": format::head_json(&before) }).to_string();
    let data = json!({ "head": head, "entities": entities, "changes": changes }).to_string();
    let meta = json!({ "at": "2026-12-01T09:00:00Z", "name": before.info.name }).to_string();
    // The import that replaced it, stored now at rev 5.
    let mut after = before.clone();
    let s = stamp(&mut ids, 30);
    let tid = *after.tasks.keys().next().unwrap();
    let cmd = Command::Set {
        project: after.id,
        entity: EntityRef::task(tid),
        field: TaskField::Title.into(),
        value: "取り込み後".into(),
    };
    mieruka_core::apply_to_project(&mut after, cmd, &s).unwrap();
    for rev in 0..5 {
        storage
            .write(&SaveBatch::prepare(&after, &Dirty::default(), true, &Default::default()), rev, &|_, _| {})
            .await
            .unwrap();
    }
    let db = idb::open("mieruka-test-restore-layout-2", mieruka::storage::records::DB_VERSION, layout_2_stores)
        .await
        .unwrap();
    let tx = idb::transaction(&db, &["restore"], true).unwrap();
    let done = idb::completion(&tx);
    let store = tx.object_store("restore").unwrap();
    store.put_with_key(&JsValue::from_str(&data), &idb::key(&["data", &pid])).unwrap();
    store.put_with_key(&JsValue::from_str(&meta), &idb::key(&["meta", &pid])).unwrap();
    done.await.unwrap();
    db.close();
    assert!(storage.restore(before.id).await.unwrap(), "there was a restore point");
    assert_eq!(
        storage.load(before.id).await.unwrap(),
        Some((before.clone(), 6)),
        "as before the import, at the next rev"
    );
    assert_eq!(storage.relayout().await.unwrap(), 0, "nothing left in layout 2");
    // And a save after it lands beside the restored segments, losing none of them.
    let mut later = before.clone();
    let s = stamp(&mut ids, 40);
    let cmd = Command::Set {
        project: later.id,
        entity: EntityRef::task(tid),
        field: TaskField::Title.into(),
        value: "復元後".into(),
    };
    let mut dirty = Dirty::default();
    dirty.add(&mieruka_core::apply_to_project(&mut later, cmd, &s).unwrap());
    // The restored buckets are of two digits; this small project's tasks go in one-digit ones:
    // the save is refused, nothing written, and made again with the tasks whole.
    let first =
        storage.write(&SaveBatch::prepare(&later, &dirty, false, &Default::default()), 6, &|_, _| {}).await.unwrap();
    assert_eq!(first, SaveOutcome::Relayout { kinds: [mieruka_core::EntityKind::Task].into() });
    assert_eq!(storage.load(before.id).await.unwrap(), Some((before.clone(), 6)), "nothing written");
    let whole = [mieruka_core::EntityKind::Task].into();
    let batch = SaveBatch::prepare(&later, &dirty, false, &whole);
    assert_eq!(storage.write(&batch, 6, &|_, _| {}).await.unwrap(), SaveOutcome::Saved { rev: 7 });
    storage.verify(&batch, 7).await.expect("the tasks rewritten whole read back");
    assert_eq!(storage.load(later.id).await.unwrap(), Some((later, 7)));
}

#[wasm_bindgen_test]
async fn the_state_loads_first_and_the_change_log_after() {
    let mut ids = SeqIds::new(6);
    let storage = fresh("mieruka-test-lazy-history").await;
    let p = project(&mut ids);
    storage.write(&SaveBatch::prepare(&p, &Dirty::default(), true, &Default::default()), 0, &|_, _| {}).await.unwrap();
    let (loaded, errors) = storage.load_all().await.unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    let first = &loaded[0].0;
    assert_eq!(first.tasks, p.tasks, "the state is complete without the log");
    assert!(first.changes.is_empty());
    let changes = storage.load_changes(p.id).await.unwrap();
    assert_eq!(changes, p.changes, "the log comes back whole and in order");
}

/// The HiDPI canvas backend lays out in CSS pixels and paints at the device ratio: a chart drawn
/// at ratio 2 fills a canvas twice the size, with real content (not one flat colour).
#[wasm_bindgen_test]
fn charts_draw_on_a_hidpi_canvas() {
    use mieruka::features::charts::hidpi_canvas::HiDpiCanvas;
    use mieruka_charts::{ChartOptions, Lang, Theme};
    use mieruka_core::analytics::{BurndownSeries, WorkUnit};
    use plotters::prelude::IntoDrawingArea;
    use wasm_bindgen::JsCast;

    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas").unwrap().dyn_into().unwrap();
    let d0 = chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let days: Vec<_> = (0..10).map(|i| d0 + chrono::Duration::days(i)).collect();
    let series = BurndownSeries {
        unit: WorkUnit::Hours,
        remaining: (0..10).map(|i| (i < 6).then_some(100.0 - 12.0 * i as f64)).collect(),
        scope: (0..10).map(|i| (i < 6).then_some(100.0)).collect(),
        scope_change: vec![0.0; 10],
        ideal: (0..10).map(|i| 100.0 - 100.0 * i as f64 / 9.0).collect(),
        status_date: days[5],
        days,
    };
    let backend = HiDpiCanvas::new(canvas.clone(), (400, 250), 2.0).expect("2D context");
    let area = backend.into_drawing_area();
    let opts = ChartOptions::new(Theme::light(), Lang::Ja);
    let g = mieruka_charts::burndown(&area, &series, &opts).expect("drawn");
    area.present().unwrap();
    assert_eq!((canvas.width(), canvas.height()), (800, 500));
    assert!(!g.empty);
    let (_, _, w, _) = g.plot;
    assert!(w > 200 && w <= 400, "the plot is laid out in CSS pixels: {w}");
    let ctx: web_sys::CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let data = ctx.get_image_data(0.0, 0.0, 800.0, 500.0).unwrap().data();
    let mut colours = std::collections::HashSet::new();
    for px in data.chunks(4).step_by(7) {
        colours.insert((px[0], px[1], px[2]));
    }
    assert!(colours.len() > 10, "the chart has content: {} colours", colours.len());
}

/// Puts a record directly into a store, as a failing or tampering store would leave it.
async fn put_raw(db_name: &str, store: &str, key: &wasm_bindgen::JsValue, text: &str) {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let req = factory.open(db_name).unwrap();
    let db: web_sys::IdbDatabase =
        wasm_bindgen::JsCast::unchecked_into(mieruka::storage::idb::request(&req).await.unwrap());
    let tx = mieruka::storage::idb::transaction(&db, &[store], true).unwrap();
    let done = mieruka::storage::idb::completion(&tx);
    tx.object_store(store).unwrap().put_with_key(&wasm_bindgen::JsValue::from_str(text), key).unwrap();
    done.await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn a_save_that_does_not_read_back_the_same_is_detected() {
    let mut ids = SeqIds::new(9);
    let name = "mieruka-test-readback";
    let storage = fresh(name).await;
    let mut p = project(&mut ids);
    let full = SaveBatch::prepare(&p, &Dirty::default(), true, &Default::default());
    assert_eq!(storage.write(&full, 0, &|_, _| {}).await.unwrap(), SaveOutcome::Saved { rev: 1 });
    storage.verify(&full, 1).await.expect("a full save reads back");
    // One edit, saved and verified.
    let tid = *p.tasks.keys().next().unwrap();
    let s = stamp(&mut ids, 20);
    let pid = p.id;
    let changes = mieruka_core::apply_to_project(
        &mut p,
        Command::Set {
            project: pid,
            entity: EntityRef::task(tid),
            field: TaskField::Title.into(),
            value: "読み戻し".into(),
        },
        &s,
    )
    .unwrap();
    let mut dirty = Dirty::default();
    dirty.add(&changes);
    let batch = SaveBatch::prepare(&p, &dirty, false, &Default::default());
    assert_eq!(storage.write(&batch, 1, &|_, _| {}).await.unwrap(), SaveOutcome::Saved { rev: 2 });
    storage.verify(&batch, 2).await.expect("an incremental save reads back");
    // The store silently kept something else for the edited task: the check says so.
    let key = mieruka::storage::idb::key(&[&pid.to_string(), "task", &mieruka_core::bucket::Bucket::of(tid, 1).name()]);
    storage.close();
    put_raw(name, "entities", &key, "{\"stale\": true}").await;
    let storage = ProjectStorage::open_named(name).await.expect("reopen");
    match storage.verify(&batch, 2).await {
        Err(mieruka::storage::StorageError::ReadBack(what)) => assert!(what.contains("task"), "{what}"),
        other => panic!("a lost write went unnoticed: {other:?}"),
    }
    // A wrong rev (another writer since) is a mismatch too.
    assert!(storage.verify(&batch, 3).await.is_err());
}

/// What `assets/prefetch.js` leaves for the app: taken once, used only for this app's version
/// (another version's connection is closed, so the app's own open can upgrade or refuse it), and
/// the records it read decode to what `load_all` reads.
#[wasm_bindgen_test]
async fn the_records_read_ahead_are_taken_once_and_only_at_this_version() {
    use mieruka::storage::{idb, prefetch};
    use wasm_bindgen::JsValue;
    let mut ids = SeqIds::new(13);
    let storage = fresh("mieruka-test-prefetch").await;
    let p = project(&mut ids);
    storage.write(&SaveBatch::prepare(&p, &Dirty::default(), true, &Default::default()), 0, &|_, _| {}).await.unwrap();
    let window = web_sys::window().unwrap();
    let key = JsValue::from_str("miePrefetch");
    // As the page script reads them: both stores' getAll in one read transaction.
    let read_ahead = |with_records: bool| async move {
        let db = idb::open("mieruka-test-prefetch", mieruka::storage::records::DB_VERSION, |_, _| {}).await.unwrap();
        let got = js_sys::Object::new();
        js_sys::Reflect::set(&got, &"db".into(), &db).unwrap();
        if with_records {
            let tx = idb::transaction(&db, &["projects", "entities"], false).unwrap();
            let heads = idb::request(&tx.object_store("projects").unwrap().get_all().unwrap()).await.unwrap();
            let entities = idb::request(&tx.object_store("entities").unwrap().get_all().unwrap()).await.unwrap();
            js_sys::Reflect::set(&got, &"heads".into(), &heads).unwrap();
            js_sys::Reflect::set(&got, &"entities".into(), &entities).unwrap();
        }
        (db, js_sys::Promise::resolve(&got))
    };
    let version = mieruka::storage::records::DB_VERSION;
    assert!(prefetch::take(version).await.is_none(), "no page script, nothing to take");
    let (_, promise) = read_ahead(true).await;
    js_sys::Reflect::set(&window, &key, &promise).unwrap();
    let (db, records) = prefetch::take(version).await.expect("this version's connection is taken");
    assert!(!js_sys::Reflect::has(&window, &key).unwrap(), "taken once");
    let records = records.expect("with its records");
    let (ahead, errors) = ProjectStorage::decode_all(&records.heads, &records.entities);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ahead, storage.load_all().await.unwrap().0, "the same projects as read by the app");
    assert!(idb::transaction(&db, &["projects"], false).is_ok(), "the connection is open");
    // Without records (the stores were not there): the connection alone.
    let (_, promise) = read_ahead(false).await;
    js_sys::Reflect::set(&window, &key, &promise).unwrap();
    assert!(prefetch::take(version).await.expect("taken").1.is_none());
    // Another version: closed and not taken; the app opens the database itself.
    let (db, promise) = read_ahead(true).await;
    js_sys::Reflect::set(&window, &key, &promise).unwrap();
    assert!(prefetch::take(version + 1).await.is_none());
    assert!(idb::transaction(&db, &["projects"], false).is_err(), "that connection is closed");
    // The page script found no database, or storage is blocked: null.
    js_sys::Reflect::set(&window, &key, &js_sys::Promise::resolve(&JsValue::NULL)).unwrap();
    assert!(prefetch::take(version).await.is_none());
}
