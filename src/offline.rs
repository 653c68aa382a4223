//! Offline: registers the service worker that `scripts/sw-build.mjs` writes into `dist/` (the app
//! shell cached per version), and says when a new version is waiting. A waiting version is applied
//! on the next load, or at once when the user asks (after the pending edits are saved) — never in
//! the middle of an edit.
//!
//! Durability: asks the browser to keep the data (`navigator.storage.persist()`); where it does
//! not promise to, the project list says so and counts the days since the last export.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

const SKIP_WAITING: &str = "mieruka:skip-waiting";

/// The service worker's state, provided as context.
#[derive(Clone, Copy)]
pub struct Offline {
    /// A new version has been downloaded and waits for a reload.
    pub update_ready: RwSignal<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
    /// Whether the browser promised to keep the stored data (`None` while asking or unknown).
    pub persisted: RwSignal<Option<bool>>,
    /// When projects were last exported from this browser.
    pub last_export: RwSignal<Option<chrono::DateTime<chrono::Utc>>>,
}

pub fn expect_offline() -> Offline {
    expect_context::<Offline>()
}

impl Offline {
    /// Registers `./sw.js` where the page is served over http(s) and the browser has workers.
    pub fn install() -> Self {
        let this = Offline {
            update_ready: RwSignal::new(false),
            registration: StoredValue::new_local(None),
            persisted: RwSignal::new(None),
            last_export: RwSignal::new(crate::storage::prefs::last_export()),
        };
        this.request_persistence();
        let Some(window) = web_sys::window() else { return this };
        let protocol = window.location().protocol().unwrap_or_default();
        let has_workers =
            js_sys::Reflect::has(&window.navigator(), &JsValue::from_str("serviceWorker")).unwrap_or(false);
        if !has_workers || !(protocol == "http:" || protocol == "https:") {
            return this;
        }
        let container = window.navigator().service_worker();
        let promise = container.register("./sw.js");
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(reg) => {
                    let reg: ServiceWorkerRegistration = reg.unchecked_into();
                    this.watch(&reg);
                    this.registration.set_value(Some(reg));
                }
                Err(e) => leptos::logging::warn!("the offline copy is not available: {}", crate::browser::js_err(e)),
            }
        });
        // Leaving the page hands over to a waiting version, so the next load uses it.
        let pagehide = window_event_listener(leptos::ev::pagehide, move |_| this.activate_waiting());
        on_cleanup(move || pagehide.remove());
        this
    }

    /// Records a successful export (the reminder starts counting again).
    pub fn exported(self, at: chrono::DateTime<chrono::Utc>) {
        self.last_export.set(Some(at));
        if let Err(e) = crate::storage::prefs::set_last_export(at) {
            leptos::logging::warn!("cannot remember the export date: {e}");
        }
    }

    fn request_persistence(self) {
        let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else { return };
        let persisted = self.persisted;
        match storage.persist() {
            Ok(promise) => leptos::task::spawn_local(async move {
                let granted = wasm_bindgen_futures::JsFuture::from(promise).await.map(|v| v.as_bool() == Some(true));
                persisted.set(Some(granted.unwrap_or(false)));
            }),
            Err(_) => persisted.set(Some(false)),
        }
    }

    fn watch(self, reg: &ServiceWorkerRegistration) {
        let has_controller = || web_sys::window().and_then(|w| w.navigator().service_worker().controller()).is_some();
        // A version downloaded in an earlier visit may already be waiting.
        if reg.waiting().is_some() && has_controller() {
            self.update_ready.set(true);
        }
        let reg2 = reg.clone();
        let on_found = Closure::<dyn FnMut()>::new(move || {
            let Some(worker) = reg2.installing() else { return };
            let w2: ServiceWorker = worker.clone();
            let on_state = Closure::<dyn FnMut()>::new(move || {
                // The first install (no controller yet) is not an update.
                if w2.state() == ServiceWorkerState::Installed && has_controller() {
                    self.update_ready.set(true);
                }
            });
            worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
    }

    /// Asks the waiting version, if any, to take over.
    fn activate_waiting(self) {
        if let Some(w) = self.registration.with_value(|r| r.as_ref().and_then(|r| r.waiting())) {
            if let Err(e) = w.post_message(&JsValue::from_str(SKIP_WAITING)) {
                leptos::logging::warn!("cannot hand over to the new version: {}", crate::browser::js_err(e));
            }
        }
    }

    /// Applies the waiting version now: the page reloads once the new worker controls it. The
    /// caller saves pending edits first.
    pub fn apply_now(self) {
        let Some(window) = web_sys::window() else { return };
        let container = window.navigator().service_worker();
        let reload = Closure::<dyn FnMut()>::new(move || {
            if let Some(w) = web_sys::window() {
                if let Err(e) = w.location().reload() {
                    leptos::logging::warn!("reload failed: {}", crate::browser::js_err(e));
                }
            }
        });
        container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
        reload.forget();
        self.activate_waiting();
    }
}
