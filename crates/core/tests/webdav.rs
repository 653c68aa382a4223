//! WebDAV as sync speaks it: addresses (https only, but for this machine), status codes as
//! reasons, and listings as rclone, Apache, Nextcloud and IIS write them.

use mieruka_core::sync::layout::Entry;
use mieruka_core::sync::webdav::{
    check, create, delete, list, move_into_place, percent_decode, percent_encode, read_listing, temporary, Address,
    AddressError, Listed, WebDavError,
};
use proptest::prelude::*;

#[test]
fn addresses() {
    let a = Address::parse(" https://tanaka:p%40ss:w@dav.example.co.jp:8443/remote.php/dav/files/tanaka/PMO ").unwrap();
    assert_eq!(a.origin, "https://dav.example.co.jp:8443");
    assert_eq!(a.root, "/remote.php/dav/files/tanaka/PMO/");
    assert_eq!((a.user.as_deref(), a.password.as_deref()), (Some("tanaka"), Some("p@ss:w")));
    assert_eq!(
        a.url("x/log/dev/00000001.json"),
        "https://dav.example.co.jp:8443/remote.php/dav/files/tanaka/PMO/x/log/dev/00000001.json"
    );
    assert_eq!(
        a.url("進捗 報告"),
        "https://dav.example.co.jp:8443/remote.php/dav/files/tanaka/PMO/%E9%80%B2%E6%8D%97%20%E5%A0%B1%E5%91%8A"
    );
    for local in ["http://localhost:8080/", "http://127.0.0.1:9/dav", "http://[::1]:8080", "HTTP://LOCALHOST"] {
        assert!(Address::parse(local).is_ok(), "{local}");
    }
    assert_eq!(Address::parse("https://h").unwrap().root, "/");
    assert_eq!(Address::parse("http://dav.example.com/"), Err(AddressError::PlainHttp));
    assert_eq!(Address::parse("http://localhost.evil.com/"), Err(AddressError::PlainHttp));
    assert_eq!(Address::parse("http://127.0.0.1.nip.io/"), Err(AddressError::PlainHttp));
    assert_eq!(Address::parse("https://h/dav?x=1"), Err(AddressError::QueryOrFragment));
    for bad in ["", "dav.example.com", "ftp://h/", "https://", "https:///x", "javascript://x"] {
        assert!(Address::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn requests() {
    let l = list("p/log");
    assert_eq!((l.method, l.path.as_str()), ("PROPFIND", "p/log/"));
    assert!(l.headers.contains(&("Depth", "1".into())));
    let tmp = temporary("p/log/d/00000001.json", "n0nce");
    assert_eq!(tmp, "p/log/d/.tmp-n0nce.json");
    let real = "00000000-0000-0000-0000-000000000005/log/d/00000001.json";
    assert!(Entry::parse(real).is_ok());
    assert!(Entry::parse(&temporary(real, "00000002")).is_err(), "no listing reads a temporary file");
    let c = create(&tmp, "{}".into());
    assert_eq!((c.method, c.path.as_str()), ("PUT", "p/log/d/.tmp-n0nce.json"));
    let a = Address::parse("https://dav.example/team%20a/").unwrap();
    let m = move_into_place(&a, &tmp, "p/log/d/00000001.json");
    assert_eq!((m.method, m.path.as_str()), ("MOVE", tmp.as_str()));
    assert!(m.headers.contains(&("Destination", "https://dav.example/team%20a/p/log/d/00000001.json".into())));
    assert!(m.headers.contains(&("Overwrite", "F".into())), "create-only: never over an existing name");
    assert_eq!(check("MOVE", 412), Err(WebDavError::Taken));
    assert_eq!(delete(&tmp).method, "DELETE");
}

#[test]
fn status_codes_are_reasons() {
    assert_eq!(check("PUT", 201), Ok(()));
    assert_eq!(check("PUT", 204), Ok(()));
    assert_eq!(check("MKCOL", 405), Ok(()), "the folder exists");
    assert_eq!(check("PUT", 405), Err(WebDavError::Status(405)));
    assert_eq!(check("GET", 401), Err(WebDavError::Unauthorized));
    assert_eq!(check("PROPFIND", 403), Err(WebDavError::Forbidden));
    assert_eq!(check("GET", 404), Err(WebDavError::NotFound));
    assert_eq!(check("PUT", 409), Err(WebDavError::NotFound));
    assert_eq!(check("PUT", 412), Err(WebDavError::Taken));
    assert_eq!(check("PUT", 507), Err(WebDavError::Full));
    assert_eq!(check("GET", 502), Err(WebDavError::Status(502)));
}

fn entry(path: &str, folder: bool, etag: Option<&str>, size: Option<u64>) -> Listed {
    Listed { path: path.into(), folder, etag: etag.map(str::to_string), size }
}

#[test]
fn an_rclone_listing() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/p/log/</D:href><D:propstat><D:prop><D:resourcetype><D:collection xmlns:D="DAV:"/></D:resourcetype><D:getetag>"1a2b"</D:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response><D:response><D:href>/p/log/dev%2D1/</D:href><D:propstat><D:prop><D:resourcetype><D:collection xmlns:D="DAV:"/></D:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response><D:response><D:href>/p/log/a.json</D:href><D:propstat><D:prop><D:resourcetype></D:resourcetype><D:getcontentlength>42</D:getcontentlength></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>"#;
    assert_eq!(
        read_listing("/", xml).unwrap(),
        [
            entry("p/log", true, Some("\"1a2b\""), None),
            entry("p/log/dev-1", true, None, None),
            entry("p/log/a.json", false, None, Some(42)),
        ]
    );
}

#[test]
fn a_nextcloud_listing_with_properties_it_does_not_have() {
    let xml = r#"<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns">
 <d:response>
  <d:href>/remote.php/dav/files/tanaka/PMO/p/log/d/</d:href>
  <d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype><d:getetag>&quot;65f0&quot;</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><d:getcontentlength/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/files/tanaka/PMO/p/log/d/00000001.json</d:href>
  <d:propstat><d:prop><d:resourcetype/><d:getetag>&quot;9e1&quot;</d:getetag><d:getcontentlength>1804</d:getcontentlength></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
 <d:response><d:href>/remote.php/dav/files/other/secret.json</d:href></d:response>
</d:multistatus>"#;
    assert_eq!(
        read_listing("/remote.php/dav/files/tanaka/PMO/", xml).unwrap(),
        [
            entry("p/log/d", true, Some("\"65f0\""), None),
            entry("p/log/d/00000001.json", false, Some("\"9e1\""), Some(1804))
        ],
        "paths relative to the root; outside it left out"
    );
}

#[test]
fn apache_and_iis_listings() {
    // Apache: lower-case prefix `lp1`, a default namespace; IIS: whole URLs as hrefs, no prefix.
    let apache = r#"<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:"><D:response xmlns:lp1="DAV:"><D:href>/dav/%E9%80%B2%E6%8D%97/</D:href><D:propstat><D:prop><lp1:resourcetype><D:collection/></lp1:resourcetype><lp1:getetag>"1000-5f"</lp1:getetag></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>"#;
    assert_eq!(read_listing("/dav/", apache).unwrap(), [entry("進捗", true, Some("\"1000-5f\""), None)]);
    let iis = r#"<?xml version="1.0"?><multistatus xmlns="DAV:"><response><href>https://files.example.com/dav/p/log</href><propstat><prop><resourcetype><collection/></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat></response><response><href>https://files.example.com/dav/p/log/d/00000002.json</href><propstat><prop><getcontentlength>7</getcontentlength><resourcetype/></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"#;
    assert_eq!(
        read_listing("/dav", iis).unwrap(),
        [entry("p/log", true, None, None), entry("p/log/d/00000002.json", false, None, Some(7))],
        "a folder known by its resource type, its href without a slash"
    );
}

#[test]
fn what_is_not_a_listing_is_refused() {
    for bad in ["", "<html><body>Login</body></html>", "<d:multistatus xmlns:d='DAV:'>", "{\"json\": true}"] {
        assert!(matches!(read_listing("/", bad), Err(WebDavError::BadListing(_))), "{bad:?}");
    }
    assert_eq!(read_listing("/", "<d:multistatus xmlns:d='DAV:'/>").unwrap(), []);
}

proptest! {
    #[test]
    fn a_segment_encoded_decodes_back(s in "\\PC{0,40}") {
        let e = percent_encode(&s);
        prop_assert!(e.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)), "{}", e);
        prop_assert_eq!(percent_decode(&e), s);
    }
}
