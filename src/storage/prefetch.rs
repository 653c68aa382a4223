//! What `assets/prefetch.js` read while the wasm loaded: an open connection to the database and,
//! when its stores were there, every project head and entity record. Taken once, at start.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::IdbDatabase;

/// The records read ahead: the `getAll` of the `projects` and of the `entities` store.
pub struct Records {
    pub heads: JsValue,
    pub entities: JsValue,
}

/// The connection the page script opened, if it is to the version this app knows, with the
/// records it read (if it could). Any other connection is closed here, so the app's own open can
/// upgrade the database or find it newer, as without the script.
pub async fn take(version: u32) -> Option<(IdbDatabase, Option<Records>)> {
    let window = web_sys::window()?;
    let key = JsValue::from_str("miePrefetch");
    let promise = js_sys::Reflect::get(&window, &key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    // Taken once: the records are several megabytes of text.
    let _absent_is_fine = js_sys::Reflect::delete_property(&window, &key);
    let got = JsFuture::from(promise).await.ok()?;
    let db = js_sys::Reflect::get(&got, &JsValue::from_str("db")).ok()?.dyn_into::<IdbDatabase>().ok()?;
    if db.version() != f64::from(version) {
        db.close();
        return None;
    }
    let field = |name: &str| js_sys::Reflect::get(&got, &JsValue::from_str(name)).ok().filter(js_sys::Array::is_array);
    let records = match (field("heads"), field("entities")) {
        (Some(heads), Some(entities)) => Some(Records { heads, entities }),
        _ => None,
    };
    Some((db, records))
}
