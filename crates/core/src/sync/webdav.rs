//! WebDAV as team sync speaks it, pure: the address a user types (https, or http for this machine
//! only), the requests (list a folder, read a file, create one only if its name is free, make a
//! folder) and the reading of the answers: a `PROPFIND` listing and the status codes, each a
//! reason the user can be told. The browser (`fetch`) and the CLI perform the requests.
//!
//! Listings come from servers that write them differently (rclone, Apache mod_dav, Nextcloud, IIS):
//! any namespace prefix, hrefs as paths or as whole URLs, percent-encoded; `tests/webdav.rs` reads
//! samples of each.

use roxmltree::Document;
use thiserror::Error;

/// Why an address cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AddressError {
    #[error("not a web address (https://…)")]
    NotAnAddress,
    /// Passwords and files would travel unencrypted.
    #[error("plain http:// is only allowed for this machine (localhost); use https://")]
    PlainHttp,
    #[error("the address has a query (?…) or a fragment (#…)")]
    QueryOrFragment,
}

/// A WebDAV location: where its root is, and the user and password the address carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// `https://host[:port]`, without a trailing slash.
    pub origin: String,
    /// The root folder's path, starting and ending with `/`.
    pub root: String,
    pub user: Option<String>,
    pub password: Option<String>,
}

impl Address {
    /// Reads an address as typed: `https://user:pass@host/dav/pmo/` (a missing trailing slash is
    /// added). Plain `http://` is refused unless the host is this machine.
    pub fn parse(text: &str) -> Result<Address, AddressError> {
        let text = text.trim();
        let (scheme, rest) = text.split_once("://").ok_or(AddressError::NotAnAddress)?;
        let https = match scheme.to_ascii_lowercase().as_str() {
            "https" => true,
            "http" => false,
            _ => return Err(AddressError::NotAnAddress),
        };
        if rest.contains(['?', '#']) {
            return Err(AddressError::QueryOrFragment);
        }
        let (authority, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        let (userinfo, host) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        if host.is_empty() || host.contains(char::is_whitespace) {
            return Err(AddressError::NotAnAddress);
        }
        let hostname = match host.strip_prefix('[') {
            Some(v6) => v6.split(']').next().unwrap_or(""),
            None => host.rsplit_once(':').map_or(host, |(h, _)| h),
        };
        let local = matches!(hostname.to_ascii_lowercase().as_str(), "localhost" | "127.0.0.1" | "::1");
        if !https && !local {
            return Err(AddressError::PlainHttp);
        }
        let (user, password) = match userinfo {
            None => (None, None),
            Some(u) => match u.split_once(':') {
                Some((user, pass)) => (Some(percent_decode(user)), Some(percent_decode(pass))),
                None => (Some(percent_decode(u)), None),
            },
        };
        let root = if path.ends_with('/') { path.to_string() } else { format!("{path}/") };
        Ok(Address { origin: format!("{}://{host}", if https { "https" } else { "http" }), root, user, password })
    }

    /// The full URL of a path relative to the root (each segment percent-encoded).
    pub fn url(&self, relative: &str) -> String {
        let encoded: Vec<String> = relative.split('/').map(percent_encode).collect();
        format!("{}{}{}", self.origin, self.root, encoded.join("/"))
    }
}

/// One request to perform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: &'static str,
    /// Relative to the location's root.
    pub path: String,
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<String>,
}

const PROPFIND_BODY: &str = r#"<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop><d:resourcetype/><d:getetag/><d:getcontentlength/></d:prop></d:propfind>"#;

/// Lists a folder (its own entry and its children).
pub fn list(folder: &str) -> Request {
    let path = if folder.is_empty() || folder.ends_with('/') { folder.to_string() } else { format!("{folder}/") };
    Request {
        method: "PROPFIND",
        path,
        headers: vec![("Depth", "1".into()), ("Content-Type", "application/xml; charset=utf-8".into())],
        body: Some(PROPFIND_BODY.to_string()),
    }
}

/// Reads a file.
pub fn get(path: &str) -> Request {
    Request { method: "GET", path: path.to_string(), headers: vec![("Cache-Control", "no-cache".into())], body: None }
}

/// Creates a file only if its name is free: two requests, because `If-None-Match: *` on a `PUT`
/// is not honoured by every server (rclone's overwrites: golang/go#44492). The text goes to a
/// temporary name of the writer's own (`tmp`, in the same folder, which no listing reads:
/// [`temporary`]), then [`move_into_place`] gives it its name only if the name is free
/// (`Overwrite: F`, 412 when taken; a `MOVE` is one step on the server, so the name is never seen
/// half-written). After a failed or refused move the temporary file is deleted ([`delete`]).
pub fn create(tmp: &str, text: String) -> Request {
    Request {
        method: "PUT",
        path: tmp.to_string(),
        headers: vec![("If-None-Match", "*".into()), ("Content-Type", "application/json".into())],
        body: Some(text),
    }
}

/// A temporary name beside `path` for a writer's `nonce` (its random part): `.tmp-<nonce>.json`.
pub fn temporary(path: &str, nonce: &str) -> String {
    match path.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/.tmp-{nonce}.json"),
        None => format!(".tmp-{nonce}.json"),
    }
}

/// Gives the temporary file `tmp` the name `path`, only if no file has it.
pub fn move_into_place(address: &Address, tmp: &str, path: &str) -> Request {
    Request {
        method: "MOVE",
        path: tmp.to_string(),
        headers: vec![("Destination", address.url(path)), ("Overwrite", "F".into())],
        body: None,
    }
}

/// Deletes a file (a temporary one whose move failed).
pub fn delete(path: &str) -> Request {
    Request { method: "DELETE", path: path.to_string(), headers: Vec::new(), body: None }
}

/// Makes a folder (405 when it exists already, which is fine).
pub fn make_folder(path: &str) -> Request {
    Request { method: "MKCOL", path: path.to_string(), headers: Vec::new(), body: None }
}

/// Why a request failed, in words the user can act on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WebDavError {
    #[error("the server refused the user name or password (401)")]
    Unauthorized,
    #[error("this user may not read or write there (403)")]
    Forbidden,
    #[error("the folder or file is not on the server (404)")]
    NotFound,
    #[error("the name is taken (412)")]
    Taken,
    #[error("the server is full (507)")]
    Full,
    #[error("the server answered {0}")]
    Status(u16),
    #[error("the server's listing cannot be read: {0}")]
    BadListing(String),
}

/// What a status code means for a request. `Ok(())` for 2xx; a `MKCOL` on an existing folder
/// (405) is fine too.
pub fn check(method: &str, status: u16) -> Result<(), WebDavError> {
    match status {
        200..=299 => Ok(()),
        405 if method == "MKCOL" => Ok(()),
        401 => Err(WebDavError::Unauthorized),
        403 => Err(WebDavError::Forbidden),
        // 409: the folder a file or folder would go into is missing.
        404 | 409 => Err(WebDavError::NotFound),
        412 => Err(WebDavError::Taken),
        507 => Err(WebDavError::Full),
        s => Err(WebDavError::Status(s)),
    }
}

/// One entry of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// Relative to the location's root, without a trailing slash ("" for the root itself).
    pub path: String,
    pub folder: bool,
    pub etag: Option<String>,
    pub size: Option<u64>,
}

/// Reads a `PROPFIND` answer; paths are made relative to `root` (the address's root path), and
/// entries outside it are left out.
pub fn read_listing(root: &str, xml: &str) -> Result<Vec<Listed>, WebDavError> {
    let doc = Document::parse(xml).map_err(|e| WebDavError::BadListing(e.to_string()))?;
    let dav = |n: &roxmltree::Node, name: &str| n.is_element() && n.tag_name().name() == name;
    let top = doc.root_element();
    if !dav(&top, "multistatus") {
        return Err(WebDavError::BadListing(format!("<{}> instead of <multistatus>", top.tag_name().name())));
    }
    let root = percent_decode(root);
    let mut out = Vec::new();
    for response in top.children().filter(|n| dav(n, "response")) {
        let Some(href) = response.children().find(|n| dav(n, "href")).and_then(|n| n.text()) else { continue };
        let path = percent_decode(strip_origin(href.trim()));
        let Some(rel) = path.strip_prefix(root.trim_end_matches('/')) else { continue };
        let rel = rel.trim_matches('/').to_string();
        // Only the properties the server found (a propstat of status 200).
        let props = response.children().filter(|n| dav(n, "propstat")).filter(|ps| {
            ps.children().find(|n| dav(n, "status")).and_then(|s| s.text()).is_none_or(|s| s.contains(" 200"))
        });
        let mut entry = Listed { path: rel, folder: href.trim().ends_with('/'), etag: None, size: None };
        for prop in props.flat_map(|ps| ps.children().filter(|n| dav(n, "prop"))) {
            for p in prop.children().filter(|n| n.is_element()) {
                match p.tag_name().name() {
                    "resourcetype" => entry.folder |= p.children().any(|c| dav(&c, "collection")),
                    "getetag" => entry.etag = p.text().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
                    "getcontentlength" => entry.size = p.text().and_then(|t| t.trim().parse().ok()),
                    _ => {}
                }
            }
        }
        out.push(entry);
    }
    Ok(out)
}

/// `https://host/a/b` → `/a/b`; a path stays as it is.
fn strip_origin(href: &str) -> &str {
    match href.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => href,
    }
}

// Percent-coding by hand: the core has no URL crate, and these two functions are all sync needs
// (a path segment out, an href or user-info in).

/// Decodes `%XX` escapes (invalid ones are kept as written; the result is read as UTF-8, lossy).
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes one path segment: everything but unreserved characters (RFC 3986) as `%XX`.
pub fn percent_encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
