//! The linkifier's laws over random texts built from address-like pieces: the segments give the
//! text back exactly, and every link is an `http://`, `https://` or `mailto:` address that a
//! browser reads the same way (no whitespace, control characters, quotes or angle brackets).

use mieruka_core::linkify::{linked_html, linkify, safe_href, Segment, ALLOWED_SCHEMES};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "http://",
    "https://",
    "HTTPS://",
    "mailto:",
    "MailTo:",
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "java\nscript:",
    "&#106;avascript:",
    "data:",
    "vbscript:",
    "file:",
    "x",
    "example.com",
    "/",
    "?a=1&b=2",
    "@",
    ".",
    ",",
    ")",
    "(",
    "]",
    "。",
    "、",
    "）",
    " ",
    "\n",
    "\t",
    "\u{0}",
    "\u{7f}",
    "<",
    ">",
    "\"",
    "'",
    "課題",
    "%41",
    "#",
    "alert(1)",
    "\u{200b}",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![proptest::collection::vec(proptest::sample::select(PIECES), 0..24).prop_map(|v| v.concat()), ".{0,40}",]
}

proptest! {
    #[test]
    fn segments_concatenate_back_and_links_are_allowed_schemes_only(t in text()) {
        let segs = linkify(&t);
        prop_assert_eq!(segs.iter().map(Segment::text).collect::<String>(), t.clone());
        for s in &segs {
            if let Segment::Link { text, href } = s {
                let lower = href.to_ascii_lowercase();
                prop_assert!(ALLOWED_SCHEMES.iter().any(|sch| lower.starts_with(sch)), "{href:?}");
                prop_assert!(!href.chars().any(|c| c.is_whitespace() || c.is_control() || "\"'<>`".contains(c)), "{href:?}");
                prop_assert_eq!(safe_href(href), Some(href.clone()));
                prop_assert_eq!(*text, href.as_str());
            }
        }
        // No two plain segments in a row: the split is the coarsest one.
        prop_assert!(!segs.windows(2).any(|w| matches!(w, [Segment::Text(_), Segment::Text(_)])));
    }

    #[test]
    fn exported_html_has_no_markup_but_the_links(t in text()) {
        let html = linked_html(&t);
        let links = linkify(&t).iter().filter(|s| matches!(s, Segment::Link { .. })).count();
        prop_assert_eq!(html.matches('<').count(), 2 * links);
        prop_assert_eq!(html.matches("<a href=\"").count(), links);
        prop_assert!(!html.to_ascii_lowercase().contains("href=\"javascript"));
    }

    #[test]
    fn hrefs_of_other_schemes_are_refused(
        scheme in proptest::sample::select(&["javascript:", "data:", "vbscript:", "file:", "blob:", "about:"][..]),
        noise in proptest::collection::vec(proptest::sample::select(&["\t", "\n", "\r", " ", "\u{0}", "\u{1f}"][..]), 0..4),
        upper in any::<bool>(),
        at in 0usize..12,
    ) {
        let mut s: String = if upper { scheme.to_ascii_uppercase() } else { scheme.to_string() };
        for n in noise {
            let i = at.min(s.len());
            s.insert_str(i, n);
        }
        s.push_str("alert(1)");
        prop_assert_eq!(safe_href(&s), None);
        prop_assert!(linkify(&s).iter().all(|seg| matches!(seg, Segment::Text(_))));
    }
}
