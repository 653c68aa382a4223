//! Light or dark, following the system (`prefers-color-scheme`), as a signal charts redraw on.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Clone, Copy)]
pub struct Theme {
    dark: RwSignal<bool>,
}

impl Theme {
    /// Reads the system preference and follows its changes.
    pub fn install() -> Theme {
        let dark = RwSignal::new(false);
        let query = web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten());
        if let Some(q) = query {
            dark.set(q.matches());
            let q2 = q.clone();
            let on_change = Closure::<dyn Fn()>::new(move || dark.set(q2.matches()));
            if let Err(e) = q.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref()) {
                leptos::logging::warn!("cannot follow the colour scheme: {e:?}");
            }
            // Lives as long as the page.
            on_change.forget();
        }
        Theme { dark }
    }

    pub fn is_dark(&self) -> bool {
        self.dark.get()
    }
}

pub fn expect_theme() -> Theme {
    expect_context::<Theme>()
}
