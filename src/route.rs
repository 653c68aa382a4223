//! Hash routes, so a reload (and the back button) returns to the same screen:
//! `#/` the project list, `#/portfolio` the portfolio across projects, `#/p/<id>/<tab>` a project tab.

use leptos::prelude::*;
use mieruka_core::Id;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Dashboard,
    Wbs,
    Gantt,
    Issues,
    Risks,
    Charts,
    Meetings,
    Stakeholders,
    Reports,
    Activity,
    Settings,
}

impl Tab {
    pub const ALL: [Tab; 11] = [
        Tab::Dashboard,
        Tab::Wbs,
        Tab::Gantt,
        Tab::Issues,
        Tab::Risks,
        Tab::Charts,
        Tab::Meetings,
        Tab::Stakeholders,
        Tab::Reports,
        Tab::Activity,
        Tab::Settings,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Tab::Dashboard => "dashboard",
            Tab::Wbs => "wbs",
            Tab::Gantt => "gantt",
            Tab::Charts => "charts",
            Tab::Issues => "issues",
            Tab::Risks => "risks",
            Tab::Meetings => "meetings",
            Tab::Stakeholders => "stakeholders",
            Tab::Reports => "reports",
            Tab::Activity => "activity",
            Tab::Settings => "settings",
        }
    }

    fn from_slug(s: &str) -> Tab {
        Tab::ALL.into_iter().find(|t| t.slug() == s).unwrap_or(Tab::Dashboard)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Projects,
    /// Every project at a glance (組織横断).
    Portfolio,
    Project(Id, Tab),
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = h.split('/');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("portfolio"), _, _) => Route::Portfolio,
            (Some("p"), Some(id), tab) => match Id::parse_str(id) {
                Ok(id) => Route::Project(id, Tab::from_slug(tab.unwrap_or("dashboard"))),
                Err(_) => Route::Projects,
            },
            _ => Route::Projects,
        }
    }

    pub fn href(self) -> String {
        match self {
            Route::Projects => "#/".to_string(),
            Route::Portfolio => "#/portfolio".to_string(),
            Route::Project(id, tab) => format!("#/p/{id}/{}", tab.slug()),
        }
    }
}

/// The current route as a signal that follows `hashchange`.
#[derive(Clone, Copy)]
pub struct Router {
    pub route: RwSignal<Route>,
}

impl Router {
    pub fn install() -> Router {
        let route = RwSignal::new(Route::parse(&location_hash().unwrap_or_default()));
        let handle = window_event_listener(leptos::ev::hashchange, move |_| {
            route.set(Route::parse(&location_hash().unwrap_or_default()));
        });
        on_cleanup(move || handle.remove());
        Router { route }
    }

    pub fn go(&self, r: Route) {
        let href = r.href();
        if let Err(e) = window().location().set_hash(&href) {
            leptos::logging::warn!("cannot change the address: {e:?}");
        }
        self.route.set(r);
    }
}

pub fn expect_router() -> Router {
    expect_context::<Router>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip_through_the_hash() {
        let id = Id::from_u128(42);
        for tab in Tab::ALL {
            let r = Route::Project(id, tab);
            assert_eq!(Route::parse(&r.href()), r);
        }
        assert_eq!(Route::parse(&Route::Projects.href()), Route::Projects);
        assert_eq!(Route::parse("#/p/not-an-id/wbs"), Route::Projects);
        assert_eq!(Route::parse(""), Route::Projects);
        assert_eq!(Route::parse(&Route::Portfolio.href()), Route::Portfolio);
        assert_eq!(Route::parse(&format!("#/p/{id}/nonsense")), Route::Project(id, Tab::Dashboard));
    }
}
