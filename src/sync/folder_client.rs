//! A folder chosen in the browser (the File System Access API: Chrome, Edge, Opera). Firefox and
//! Safari do not let a page write to a folder of the user's choice; the dialog says so and offers
//! WebDAV. The handle is kept in IndexedDB; the browser asks the user again after a restart
//! before the page may use it.
//!
//! The few calls are a small JavaScript module (`inline_js`): the API is made of async
//! iterators and promises that are two lines each in JavaScript and thirty through `web_sys`.
//! Create-only: a file is created only if its name is free, and written under a temporary name
//! first (`.tmp-…`, moved into place), so no reader sees half a file where `move` exists.

use js_sys::{Array, Reflect};
use mieruka_core::sync::layout::Entry;
use mieruka_core::Id;
use wasm_bindgen::prelude::*;

use crate::sync_error::SyncError;

#[wasm_bindgen(inline_js = r#"
export function fsa_supported() { return typeof window.showDirectoryPicker === 'function'; }
export async function fsa_pick() { return await window.showDirectoryPicker({ id: 'mieruka-sync', mode: 'readwrite' }); }
export async function fsa_permission(dir, ask) {
  const o = { mode: 'readwrite' };
  if ((await dir.queryPermission(o)) === 'granted') return true;
  return ask ? (await dir.requestPermission(o)) === 'granted' : false;
}
async function walk(dir, parts, create) {
  for (const p of parts) dir = await dir.getDirectoryHandle(p, { create });
  return dir;
}
export async function fsa_list(dir, path) {
  let d;
  try { d = await walk(dir, path.split('/').filter(Boolean), false); }
  catch (e) { if (e.name === 'NotFoundError' || e.name === 'TypeMismatchError') return []; throw e; }
  const out = [];
  for await (const [name, h] of d.entries()) out.push(h.kind === 'directory' ? name + '/' : name);
  return out;
}
export async function fsa_read(dir, path) {
  const parts = path.split('/');
  const d = await walk(dir, parts.slice(0, -1), false);
  const f = await (await d.getFileHandle(parts[parts.length - 1])).getFile();
  return await f.text();
}
export async function fsa_create(dir, path, text, tmp) {
  const parts = path.split('/');
  const name = parts[parts.length - 1];
  const d = await walk(dir, parts.slice(0, -1), true);
  try { await d.getFileHandle(name); return false; } catch (e) { if (e.name !== 'NotFoundError') throw e; }
  const canMove = typeof FileSystemFileHandle.prototype.move === 'function';
  const h = await d.getFileHandle(canMove ? tmp : name, { create: true });
  const w = await h.createWritable();
  await w.write(text);
  await w.close();
  if (canMove) {
    try { await d.getFileHandle(name); await d.removeEntry(tmp); return false; } catch (e) { if (e.name !== 'NotFoundError') throw e; }
    await h.move(name);
  }
  return true;
}
"#)]
extern "C" {
    fn fsa_supported() -> bool;
    #[wasm_bindgen(catch)]
    async fn fsa_pick() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn fsa_permission(dir: &JsValue, ask: bool) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn fsa_list(dir: &JsValue, path: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn fsa_read(dir: &JsValue, path: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn fsa_create(dir: &JsValue, path: &str, text: &str, tmp: &str) -> Result<JsValue, JsValue>;
}

/// Whether this browser lets a page write to a folder the user chooses.
pub fn supported() -> bool {
    fsa_supported()
}

fn failed(e: JsValue) -> SyncError {
    let name = Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    let text = crate::browser::js_err(e);
    match name.as_str() {
        "NotAllowedError" | "SecurityError" => SyncError::FolderDenied(text),
        "QuotaExceededError" => SyncError::Server(mieruka_core::sync::webdav::WebDavError::Full),
        _ => SyncError::Folder(text),
    }
}

/// A chosen folder.
#[derive(Debug, Clone)]
pub struct FolderClient {
    pub handle: JsValue,
}

impl FolderClient {
    /// Asks the user for a folder (from a click). `None` when they cancel.
    pub async fn pick() -> Result<Option<FolderClient>, SyncError> {
        if !supported() {
            return Err(SyncError::FolderUnsupported);
        }
        match fsa_pick().await {
            Ok(handle) => Ok(Some(FolderClient { handle })),
            Err(e)
                if Reflect::get(&e, &"name".into()).ok().and_then(|n| n.as_string()).as_deref()
                    == Some("AbortError") =>
            {
                Ok(None)
            }
            Err(e) => Err(failed(e)),
        }
    }

    /// The folder's name, as the browser shows it.
    pub fn name(&self) -> String {
        Reflect::get(&self.handle, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default()
    }

    /// Whether the page may read and write it; `ask` (from a click) asks the user.
    pub async fn allowed(&self, ask: bool) -> Result<bool, SyncError> {
        Ok(fsa_permission(&self.handle, ask).await.map_err(failed)?.as_bool() == Some(true))
    }

    async fn names(&self, path: &str) -> Result<Vec<String>, SyncError> {
        let v = fsa_list(&self.handle, path).await.map_err(failed)?;
        Ok(Array::from(&v).iter().filter_map(|n| n.as_string()).collect())
    }

    /// The project folders in it (for joining).
    pub async fn projects(&self) -> Result<Vec<Id>, SyncError> {
        Ok(self.names("").await?.iter().filter_map(|n| Id::parse_str(n.trim_end_matches('/')).ok()).collect())
    }

    /// Every sync file of a project.
    pub async fn list(&self, project: Id) -> Result<Vec<Entry>, SyncError> {
        let p = project.hyphenated().to_string();
        let mut out = Vec::new();
        for dev in self.names(&format!("{p}/log")).await?.iter().filter_map(|n| n.strip_suffix('/')) {
            let folder = format!("{p}/log/{dev}");
            out.extend(self.names(&folder).await?.iter().filter_map(|n| Entry::parse(&format!("{folder}/{n}")).ok()));
        }
        let snaps = format!("{p}/snapshot");
        out.extend(self.names(&snaps).await?.iter().filter_map(|n| Entry::parse(&format!("{snaps}/{n}")).ok()));
        out.sort();
        Ok(out)
    }

    pub async fn read(&self, path: &str) -> Result<String, SyncError> {
        Ok(fsa_read(&self.handle, path).await.map_err(failed)?.as_string().unwrap_or_default())
    }

    /// Creates a file only if its name is free: false when it is taken.
    pub async fn create(&self, path: &str, text: &str) -> Result<bool, SyncError> {
        let tmp = format!(".tmp-{}", crate::browser::new_id().simple());
        Ok(fsa_create(&self.handle, path, text, &tmp).await.map_err(failed)?.as_bool() == Some(true))
    }
}
