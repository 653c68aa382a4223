//! Small wrappers over browser APIs the core must not touch: clock, randomness, downloads.

use chrono::{DateTime, NaiveDate, Utc};
use mieruka_core::Id;
use wasm_bindgen::JsCast;

use crate::dom_error::DomError;

/// Now, from the browser's clock.
pub fn now() -> DateTime<Utc> {
    let ms = js_sys::Date::now() as i64;
    DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_default()
}

/// Today in the user's time zone.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date()).unwrap_or_default()
}

/// The user's offset from UTC in minutes, east positive (Japan: +540).
pub fn tz_offset_min() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// The device pixel ratio (2 on most HiDPI screens), at least 1.
pub fn device_pixel_ratio() -> f64 {
    web_sys::window().map(|w| w.device_pixel_ratio()).filter(|r| r.is_finite() && *r >= 1.0).unwrap_or(1.0)
}

/// A random (version 4) id, from `crypto.getRandomValues` (every browser that runs wasm has it).
pub fn new_id() -> Id {
    uuid::Uuid::new_v4()
}

/// Focuses the first input of the element `selector` names, after the next paint (a form that
/// was just emptied for the next entry).
pub fn focus_first_field(selector: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        let input = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(&format!("{selector} input")).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(input) = input {
            let _focus_is_best_effort = input.focus();
        }
    });
}

/// Offers `text` as a file download.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), DomError> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)?;
    download_blob(filename, &blob)
}

/// Offers bytes (e.g. an encoded CSV) as a file download.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), DomError> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)?;
    download_blob(filename, &blob)
}

/// Offers a blob (e.g. a PNG drawn on a canvas) as a file download.
pub fn download_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), DomError> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| DomError::missing("no document"))?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a")?.dyn_into().map_err(|_| DomError::missing("not an anchor"))?;
    a.set_href(&url);
    a.set_download(filename);
    a.style().set_property("display", "none")?;
    let body = document.body().ok_or_else(|| DomError::missing("no body"))?;
    body.append_child(&a)?;
    a.click();
    body.remove_child(&a)?;
    // Revoke later: some browsers start the download asynchronously.
    let url2 = url.clone();
    leptos::prelude::set_timeout(
        move || {
            let _revoked = web_sys::Url::revoke_object_url(&url2);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}

/// What the browser threw, in its own words, for the log ([`DomError`] classifies it).
pub fn js_err(e: wasm_bindgen::JsValue) -> String {
    DomError::from(e).detail
}

/// Reads a picked file's bytes (the importers detect the encoding themselves).
pub async fn read_file_bytes(file: &web_sys::File) -> Result<Vec<u8>, DomError> {
    let promise = file.array_buffer();
    let v = wasm_bindgen_futures::JsFuture::from(promise).await?;
    Ok(js_sys::Uint8Array::new(&v).to_vec())
}

/// Resolves once the page has painted what is on it now (a frame, then a task after it), or
/// after 100 ms where no frame comes (a hidden tab): a long step of work started after it leaves
/// the page saying what it is doing.
pub async fn after_paint() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsValue;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let now = resolve.clone();
        let by_timer = resolve.clone();
        let fallback = Closure::once_into_js(move || drop(by_timer.call0(&JsValue::NULL)));
        let frame = Closure::once_into_js(move || {
            // A task queued from the frame callback runs after that frame's paint.
            let done = Closure::once_into_js(move || drop(resolve.call0(&JsValue::NULL)));
            if let Some(w) = web_sys::window() {
                let _or_the_fallback_timer = w.set_timeout_with_callback(done.unchecked_ref());
            }
        });
        let asked = web_sys::window().is_some_and(|w| {
            let timer = w.set_timeout_with_callback_and_timeout_and_arguments_0(fallback.unchecked_ref(), 100).is_ok();
            w.request_animation_frame(frame.unchecked_ref()).is_ok() || timer
        });
        if !asked {
            drop(now.call0(&JsValue::NULL));
        }
    });
    if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
        leptos::logging::warn!("waiting for a paint failed: {}", js_err(e));
    }
}

/// Lets the page run what is waiting (input, a paint) before going on: resolves from a task of its
/// own (`setTimeout(0)`). A long read done in steps awaits it between them.
pub async fn yield_to_page() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let queued = web_sys::window().map(|w| w.set_timeout_with_callback(&resolve));
        if !matches!(queued, Some(Ok(_))) {
            drop(resolve.call0(&wasm_bindgen::JsValue::NULL));
        }
    });
    if let Err(e) = wasm_bindgen_futures::JsFuture::from(promise).await {
        leptos::logging::warn!("yielding to the page failed: {}", js_err(e));
    }
}

/// The browser's preferred language tag, e.g. "ja-JP".
pub fn navigator_language() -> String {
    web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default()
}

/// A `performance.mark` for benchmarks (ignored where the Performance API is missing).
pub fn perf_mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _mark_is_optional = perf.mark(name);
    }
}

/// `performance.measure(name)` from the mark `start` to now, for benchmarks.
pub fn perf_measure(name: &str, start: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _measure_is_optional = perf.measure_with_start_mark(name, start);
    }
}

/// Reloads the page (the pending edits are flushed by the pagehide handler).
pub fn reload() {
    if let Some(w) = web_sys::window() {
        if let Err(e) = w.location().reload() {
            leptos::logging::warn!("reload failed: {}", js_err(e));
        }
    }
}

/// A Web Lock this tab holds until it is dropped (`navigator.locks`; the browser releases it
/// when the tab closes or dies). Where the browser has no Web Locks, holding is not checked.
pub struct HeldLock {
    release: Option<js_sys::Function>,
}

impl Drop for HeldLock {
    fn drop(&mut self) {
        if let Some(f) = self.release.take() {
            drop(f.call0(&wasm_bindgen::JsValue::NULL));
        }
    }
}

/// Takes the Web Lock `name` if no tab holds it (`ifAvailable`); `None` when another does.
pub async fn try_lock(name: &str) -> Option<HeldLock> {
    use js_sys::{Function, Object, Promise, Reflect};
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsValue;
    let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
    let locks = Reflect::get(&navigator, &"locks".into()).ok().filter(|l| l.is_object());
    let Some(locks) = locks else {
        return Some(HeldLock { release: None });
    };
    let request = Reflect::get(&locks, &"request".into()).ok()?.dyn_into::<Function>().ok()?;
    let release: Rc<RefCell<Option<Function>>> = Rc::default();
    let got: Rc<RefCell<Option<Function>>> = Rc::default();
    let answered = Promise::new(&mut |resolve, _| *got.borrow_mut() = Some(resolve));
    let (release2, got2) = (release.clone(), got.clone());
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let tell = |held: bool| {
            if let Some(f) = got2.borrow_mut().take() {
                drop(f.call1(&JsValue::NULL, &JsValue::from_bool(held)));
            }
        };
        if lock.is_null() {
            tell(false);
            return JsValue::UNDEFINED;
        }
        // Held until this promise settles: when the `HeldLock` is dropped.
        let holding = Promise::new(&mut |resolve, _| *release2.borrow_mut() = Some(resolve));
        tell(true);
        holding.into()
    });
    let options = Object::new();
    Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE).ok()?;
    let asked = request.call3(&locks, &JsValue::from_str(name), &options, &callback);
    if let Err(e) = asked {
        leptos::logging::warn!("a lock cannot be asked for: {}", js_err(e));
        return Some(HeldLock { release: None });
    }
    let held = wasm_bindgen_futures::JsFuture::from(answered).await.ok()?.as_bool() == Some(true);
    let release = release.borrow_mut().take();
    held.then_some(HeldLock { release })
}
