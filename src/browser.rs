//! Small wrappers over browser APIs the core must not touch: clock, randomness, downloads.

use chrono::{DateTime, NaiveDate, Utc};
use mieruka_core::Id;
use wasm_bindgen::JsCast;

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

/// Offers `text` as a file download.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(js_err)?;
    download_blob(filename, &blob)
}

/// Offers bytes (e.g. an encoded CSV) as a file download.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(js_err)?;
    download_blob(filename, &blob)
}

/// Offers a blob (e.g. a PNG drawn on a canvas) as a file download.
pub fn download_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(js_err)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(js_err)?.dyn_into().map_err(|_| "not an anchor".to_string())?;
    a.set_href(&url);
    a.set_download(filename);
    a.style().set_property("display", "none").map_err(js_err)?;
    let body = document.body().ok_or("no body")?;
    body.append_child(&a).map_err(js_err)?;
    a.click();
    body.remove_child(&a).map_err(js_err)?;
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

pub fn js_err(e: wasm_bindgen::JsValue) -> String {
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", ex.name(), ex.message());
    }
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// Reads a picked file as text (UTF-8).
pub async fn read_file_text(file: &web_sys::File) -> Result<String, String> {
    let promise = file.text();
    let v = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(js_err)?;
    v.as_string().ok_or_else(|| "not text".to_string())
}

/// Reads a picked file's bytes (the importers detect the encoding themselves).
pub async fn read_file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let promise = file.array_buffer();
    let v = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(js_err)?;
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
