//! The WebDAV requests of `mieruka_core::sync::webdav`, performed with the browser's `fetch`.
//! The core builds each request and reads each answer; this file only sends them. Credentials go
//! in an `Authorization` header (never in the URL, which the browser would log), and every
//! request has a time limit.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use js_sys::{Reflect, Uint8Array};
use mieruka_core::sync::layout::Entry;
use mieruka_core::sync::webdav::{self, Address, Request, WebDavError};
use mieruka_core::Id;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::sync_error::SyncError;

/// How long one request may take.
const TIME_LIMIT_MS: u32 = 20_000;

#[derive(Debug, Clone)]
pub struct WebDavClient {
    address: Address,
    /// `Basic …`, when a user is given.
    authorization: Option<String>,
    /// Folders seen to exist (listed, or made): a file goes into them without asking first. The
    /// browser logs every 404 and 405 as an error, so sync asks only what it does not know.
    known: Rc<RefCell<BTreeSet<String>>>,
}

/// `user:password` as Basic authorization: UTF-8 bytes, Base64 by the browser's `btoa` (which
/// takes one character per byte).
fn basic(user: &str, password: &str) -> Option<String> {
    let bytes: String = format!("{user}:{password}").bytes().map(char::from).collect();
    let window = web_sys::window()?;
    window.btoa(&bytes).ok().map(|b| format!("Basic {b}"))
}

fn navigator_online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

impl WebDavClient {
    pub fn new(address: Address, user: &str, password: &str) -> WebDavClient {
        let authorization = (!user.is_empty()).then(|| basic(user, password)).flatten();
        WebDavClient { address, authorization, known: Rc::default() }
    }

    /// Sends a request; the status and body of the answer.
    async fn send(&self, req: &Request) -> Result<(u16, String), SyncError> {
        if !navigator_online() {
            return Err(SyncError::Offline);
        }
        let url = self.address.url(&req.path);
        let init = web_sys::RequestInit::new();
        init.set_method(req.method);
        init.set_mode(web_sys::RequestMode::Cors);
        init.set_cache(web_sys::RequestCache::NoStore);
        init.set_credentials(web_sys::RequestCredentials::Omit);
        init.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(TIME_LIMIT_MS)));
        let headers = web_sys::Headers::new().map_err(|e| SyncError::Unreachable(js_text(&e)))?;
        for (k, v) in &req.headers {
            headers.set(k, v).map_err(|e| SyncError::Unreachable(js_text(&e)))?;
        }
        if let Some(a) = &self.authorization {
            headers.set("Authorization", a).map_err(|e| SyncError::Unreachable(js_text(&e)))?;
        }
        init.set_headers(&headers);
        if let Some(body) = &req.body {
            // Bytes, so the server gets exactly the UTF-8 the core wrote.
            let bytes = Uint8Array::from(body.as_bytes());
            init.set_body(&bytes);
        }
        let window = web_sys::window().ok_or_else(|| SyncError::Unreachable("no window".into()))?;
        let answer = match JsFuture::from(window.fetch_with_str_and_init(&url, &init)).await {
            Ok(a) => a,
            Err(e) => return Err(self.why_no_answer(&e).await),
        };
        let res: web_sys::Response = answer.dyn_into().map_err(|e| SyncError::Unreachable(js_text(&e)))?;
        let status = res.status();
        let text = match res.text() {
            Ok(p) => JsFuture::from(p).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
            Err(_) => String::new(),
        };
        Ok((status, text))
    }

    /// A fetch that got no answer: offline, timed out, refused by CORS (the server answers a
    /// request that needs no permission), or the server is not there.
    async fn why_no_answer(&self, e: &JsValue) -> SyncError {
        if !navigator_online() {
            return SyncError::Offline;
        }
        let name = Reflect::get(e, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
        if name == "TimeoutError" || name == "AbortError" {
            return SyncError::Unreachable("timed out".into());
        }
        let probe = web_sys::RequestInit::new();
        probe.set_mode(web_sys::RequestMode::NoCors);
        probe.set_signal(Some(&web_sys::AbortSignal::timeout_with_u32(5_000)));
        let url = self.address.url("");
        let reached = match web_sys::window() {
            Some(w) => JsFuture::from(w.fetch_with_str_and_init(&url, &probe)).await.is_ok(),
            None => false,
        };
        if reached {
            SyncError::CorsRefused
        } else {
            SyncError::Unreachable(js_text(e))
        }
    }

    async fn perform(&self, req: Request) -> Result<String, SyncError> {
        let (status, body) = self.send(&req).await?;
        webdav::check(req.method, status)?;
        Ok(body)
    }

    /// The paths (relative to the root) in a folder; a folder that is not there lists nothing.
    async fn list_folder(&self, folder: &str) -> Result<Vec<webdav::Listed>, SyncError> {
        match self.perform(webdav::list(folder)).await {
            Ok(xml) => {
                let own = folder.trim_end_matches('/');
                let listed = webdav::read_listing(&self.address.root, &xml)?;
                let mut known = self.known.borrow_mut();
                known.insert(own.to_string());
                known.extend(listed.iter().filter(|l| l.folder).map(|l| l.path.clone()));
                Ok(listed.into_iter().filter(|l| l.path != own).collect())
            }
            Err(SyncError::Server(WebDavError::NotFound)) => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    fn knows(&self, folder: &str) -> bool {
        self.known.borrow().contains(folder)
    }

    /// The project folders at the root (for joining).
    pub async fn projects(&self) -> Result<Vec<Id>, SyncError> {
        Ok(self
            .list_folder("")
            .await?
            .into_iter()
            .filter(|l| l.folder)
            .filter_map(|l| Id::parse_str(&l.path).ok())
            .collect())
    }

    /// Every sync file of a project: its device folders' segments and its snapshots. The
    /// project's folder is listed first, and only the folders it has are listed then.
    pub async fn list(&self, project: Id) -> Result<Vec<Entry>, SyncError> {
        let p = project.hyphenated().to_string();
        let mut out = Vec::new();
        self.list_folder(&p).await?;
        let (log, snapshot) = (format!("{p}/log"), format!("{p}/snapshot"));
        if self.knows(&log) {
            for dev in self.list_folder(&log).await?.into_iter().filter(|l| l.folder) {
                out.extend(self.list_folder(&dev.path).await?.into_iter().filter_map(|l| Entry::parse(&l.path).ok()));
            }
        }
        if self.knows(&snapshot) {
            out.extend(self.list_folder(&snapshot).await?.into_iter().filter_map(|l| Entry::parse(&l.path).ok()));
        }
        out.sort();
        Ok(out)
    }

    pub async fn read(&self, path: &str) -> Result<String, SyncError> {
        self.perform(webdav::get(path)).await
    }

    /// Makes the folders a file goes into that are not known to exist (405: it exists, fine).
    pub async fn make_folders(&self, path: &str) -> Result<(), SyncError> {
        let parts: Vec<&str> = path.split('/').collect();
        for i in 1..parts.len() {
            let folder = parts[..i].join("/");
            if !self.knows(&folder) {
                self.perform(webdav::make_folder(&folder)).await?;
                self.known.borrow_mut().insert(folder);
            }
        }
        Ok(())
    }

    /// Creates a file only if its name is free: false when it is taken. Two steps, as
    /// `webdav::create` says: the text under a temporary name, then a move that never overwrites.
    pub async fn create(&self, path: &str, text: String) -> Result<bool, SyncError> {
        self.make_folders(path).await?;
        let tmp = webdav::temporary(path, &crate::browser::new_id().simple().to_string());
        self.perform(webdav::create(&tmp, text)).await?;
        let result = match self.perform(webdav::move_into_place(&self.address, &tmp, path)).await {
            Ok(_) => return Ok(true),
            Err(SyncError::Server(WebDavError::Taken)) => Ok(false),
            Err(e) => Err(e),
        };
        // Ours alone; left behind, it only lies there unread.
        if let Err(e) = self.perform(webdav::delete(&tmp)).await {
            leptos::logging::warn!("could not remove {tmp}: {e}");
        }
        result
    }
}

fn js_text(e: &JsValue) -> String {
    crate::browser::js_err(e.clone())
}
