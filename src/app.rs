//! The root component: provides the capabilities (i18n, notices, store, router) and lays out
//! header, page and notices.

use leptos::prelude::*;

use crate::i18n::I18n;
use crate::notice::Notices;
use crate::pages::portfolio::PortfolioPage;
use crate::pages::project::ProjectPage;
use crate::pages::projects::ProjectsPage;
use crate::route::{Route, Router};
use crate::state::ProjectStore;
use crate::ui::header::Header;
use crate::ui::notice_list::NoticeList;
use crate::ui::save_banner::SaveBanner;
use crate::ui::update_banner::UpdateBanner;

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::new(crate::i18n::initial_lang());
    provide_context(i18n);
    let notices = Notices::new();
    provide_context(notices);
    let store = ProjectStore::new(notices, i18n);
    provide_context(store);
    provide_context(crate::sync::SyncHub::new(store, notices, i18n));
    let router = Router::install();
    provide_context(router);
    provide_context(crate::status_date::StatusDate::new());
    provide_context(crate::ui::risk_filter::RiskFilter::new());
    provide_context(crate::features::portfolio::portfolio_files::PortfolioFiles::new());
    provide_context(crate::theme::Theme::install());
    store.start();
    provide_context(crate::offline::Offline::install());
    Effect::new(move |_| {
        let code = i18n.lang.get().code();
        if let Some(el) = document().document_element() {
            let _lang_attribute_is_cosmetic = el.set_attribute("lang", code);
        }
    });
    // Undo / redo anywhere in a project, except inside a multi-line text.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        let key = ev.key().to_lowercase();
        if key != "z" && key != "y" {
            return;
        }
        let in_textarea =
            ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlTextAreaElement>(t).ok()).is_some();
        if in_textarea {
            return;
        }
        if let Route::Project(pid, _) = router.route.get_untracked() {
            ev.prevent_default();
            if key == "y" || ev.shift_key() {
                store.redo(pid);
            } else {
                store.undo(pid);
            }
        }
    });
    on_cleanup(move || keys.remove());
    view! {
        <Header/>
        <SaveBanner/>
        <UpdateBanner/>
        <main id="main">
            {move || match router.route.get() {
                Route::Projects => view! { <ProjectsPage/> }.into_any(),
                Route::Portfolio => view! { <PortfolioPage/> }.into_any(),
                Route::Project(id, tab) => view! { <ProjectPage id=id tab=tab/> }.into_any(),
            }}
        </main>
        <NoticeList/>
    }
}
