//! User text with its web and mail addresses as links (a Jira or Backlog ticket, a Teams link in
//! the minutes). The split is the core's [`linkify`]: only `http://`, `https://` and `mailto:`
//! addresses become `<a>` elements, opened in a new tab without an opener; everything else,
//! `javascript:` and friends included, is a text node. Nothing is ever parsed as HTML.

use leptos::prelude::*;
use mieruka_core::linkify::{linkify, Segment};

/// An owned segment, so the view can outlive the borrowed text.
enum Piece {
    Text(String),
    Link { text: String, href: String },
}

fn pieces(text: &str, links_only: bool) -> Vec<Piece> {
    linkify(text)
        .into_iter()
        .filter_map(|s| match s {
            Segment::Text(t) => (!links_only).then(|| Piece::Text(t.to_string())),
            Segment::Link { text, href } => Some(Piece::Link { text: text.to_string(), href }),
        })
        .collect()
}

/// The text, its addresses as links. Put it inside the element that gives the text its style
/// (for instance a paragraph whose CSS keeps line breaks).
#[component]
pub fn LinkedText(
    /// The user text shown.
    #[prop(into)]
    text: Signal<String>,
    /// Show only the links of the text, one after another (for a strip under a text box).
    #[prop(optional)]
    links_only: bool,
) -> impl IntoView {
    move || {
        text.with(|t| pieces(t, links_only))
            .into_iter()
            .map(|p| match p {
                Piece::Text(t) => t.into_any(),
                Piece::Link { text, href } => {
                    view! { <a class="user-link" href=href target="_blank" rel="noopener noreferrer">{text}</a> }
                        .into_any()
                }
            })
            .collect_view()
    }
}

/// Whether the text holds at least one address that [`LinkedText`] shows as a link.
pub fn has_links(text: &str) -> bool {
    linkify(text).iter().any(|s| matches!(s, Segment::Link { .. }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_allowed_schemes_become_pieces_of_links() {
        let p = pieces("see https://example.com/a, javascript:alert(1) mailto:a@b.example", false);
        let links: Vec<&str> = p
            .iter()
            .filter_map(|p| if let Piece::Link { href, .. } = p { Some(href.as_str()) } else { None })
            .collect();
        assert_eq!(links, ["https://example.com/a", "mailto:a@b.example"]);
        assert_eq!(pieces("see https://example.com/a, javascript:alert(1)", true).len(), 1);
        assert!(has_links("x http://a.example") && !has_links("JavaScript:alert(1) data:text/html,x"));
    }
}
