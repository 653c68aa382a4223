//! A WebDAV server as a sync location: the core's requests (`mieruka_core::sync::webdav`)
//! performed with ureq, blocking.
//!
//! Listing walks only the folders of projects: the root, each project's `log/` and its device
//! folders, and its `snapshot/` (PROPFIND, depth 1); a folder the server does not have holds
//! nothing. Creating makes the missing folders (MKCOL; 405 means it exists), then PUTs with
//! `If-None-Match: *`, which a server answers 412 when the name is taken. rclone does not honour
//! that header (it overwrites; `tests/support/webdav.test.mjs`): a device's own folder is written by
//! that device only, so this matters only for two installs under one device name.
//!
//! The user and password: `MIERUKA_WEBDAV_USER` / `MIERUKA_WEBDAV_PASSWORD` when set (they win,
//! so a script keeps the password off the command line), else the address's `user:pass@`.

use std::collections::BTreeSet;
use std::io::ErrorKind;
use std::time::Duration;

use base64::Engine;
use mieruka_core::sync::layout::Entry;
use mieruka_core::sync::webdav::{self as dav, Address, Listed, Request, WebDavError};
use mieruka_core::Id;
use ureq::http;

use super::{Location, Text};
use crate::util::{self, Failure, Result};

/// How long to wait for a connection, and for any progress of a request once connected.
const CONNECT: Duration = Duration::from_secs(15);
const STALL: Duration = Duration::from_secs(60);
/// The largest answer read (a snapshot of a large project is a few megabytes).
const MAX_ANSWER: u64 = 512 << 20;

pub struct WebDav {
    address: Address,
    agent: ureq::Agent,
    authorization: Option<String>,
    /// Folders known to exist (listed, or made by this run), relative to the root.
    folders: BTreeSet<String>,
}

/// What the server answered: its status and, for a success, the body.
struct Answer {
    status: u16,
    body: Vec<u8>,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

impl WebDav {
    pub fn new(address: Address) -> WebDav {
        let user = env("MIERUKA_WEBDAV_USER").or_else(|| address.user.clone());
        let password = env("MIERUKA_WEBDAV_PASSWORD").or_else(|| address.password.clone());
        let authorization = user.map(|u| {
            let pair = format!("{u}:{}", password.unwrap_or_default());
            format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair))
        });
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            // A redirect would resend the password elsewhere; it is told as its status instead.
            .max_redirects(0)
            .timeout_resolve(Some(CONNECT))
            .timeout_connect(Some(CONNECT))
            .timeout_per_read(Some(STALL))
            .timeout_per_write(Some(STALL))
            .build()
            .new_agent();
        WebDav { address, agent, authorization, folders: BTreeSet::new() }
    }

    /// Performs a request; a failure to talk to the server at all stops the sync.
    fn perform(&self, req: &Request) -> Result<Answer> {
        let url = self.address.url(&req.path);
        let mut builder = http::Request::builder().method(req.method).uri(&url);
        for (name, value) in &req.headers {
            builder = builder.header(*name, value.as_str());
        }
        if let Some(auth) = &self.authorization {
            builder = builder.header("Authorization", auth);
        }
        let bad = |e: http::Error| Failure::new(format!("{url}: {e}"));
        let sent = match &req.body {
            Some(text) => self.agent.run(builder.body(text.as_str()).map_err(bad)?),
            None => self.agent.run(builder.body(()).map_err(bad)?),
        };
        let mut response = sent.map_err(|e| unreachable(&url, &e))?;
        let status = response.status().as_u16();
        let body = if (200..300).contains(&status) {
            response.body_mut().with_config().limit(MAX_ANSWER).read_to_vec().map_err(|e| unreachable(&url, &e))?
        } else {
            Vec::new()
        };
        Ok(Answer { status, body })
    }

    /// A failed request as the one line the user reads.
    fn refused(&self, req: &Request, e: &WebDavError) -> Failure {
        Failure::new(format!("{}: {e}", self.address.url(&req.path)))
    }

    /// A folder's entries (without the folder itself); None when the server does not have it.
    fn listing(&self, folder: &str) -> Result<Option<Vec<Listed>>> {
        let req = dav::list(folder);
        let answer = self.perform(&req)?;
        if matches!(answer.status, 404 | 409) && !folder.is_empty() {
            return Ok(None);
        }
        dav::check(req.method, answer.status).map_err(|e| self.refused(&req, &e))?;
        let xml = String::from_utf8_lossy(&answer.body);
        let listed = dav::read_listing(&self.address.root, &xml).map_err(|e| self.refused(&req, &e))?;
        Ok(Some(listed.into_iter().filter(|l| l.path != folder.trim_end_matches('/')).collect()))
    }

    /// The sync files in a folder (folders and other files left out).
    fn files(&self, folder: &str, out: &mut Vec<Entry>) -> Result<()> {
        for l in self.listing(folder)?.unwrap_or_default() {
            if let (false, Ok(entry)) = (l.folder, Entry::parse(&l.path)) {
                out.push(entry);
            }
        }
        Ok(())
    }
}

impl Location for WebDav {
    fn name(&self) -> String {
        format!("{}{}", self.address.origin, self.address.root)
    }

    fn list(&mut self) -> Result<Vec<Entry>> {
        let top = self.listing("")?.unwrap_or_default();
        let projects = top.into_iter().filter(|l| l.folder && Id::parse_str(&l.path).is_ok());
        let mut out = Vec::new();
        for project in projects {
            let log = format!("{}/log", project.path);
            let devices = self.listing(&log)?;
            self.folders.insert(project.path.clone());
            if devices.is_some() {
                self.folders.insert(log.clone());
            }
            for device in devices.iter().flatten().filter(|l| l.folder) {
                self.folders.insert(device.path.clone());
                self.files(&device.path, &mut out)?;
            }
            self.files(&format!("{}/snapshot", project.path), &mut out)?;
        }
        out.sort();
        Ok(out)
    }

    fn read(&mut self, entry: &Entry) -> Result<Text> {
        let req = dav::get(&entry.path());
        let answer = self.perform(&req)?;
        match dav::check(req.method, answer.status) {
            Ok(()) => Ok(String::from_utf8(answer.body).map_err(|_| "not UTF-8 text".to_string())),
            // Listed a moment ago, gone now: skipped like any file that cannot be read.
            Err(e @ WebDavError::NotFound) => Ok(Err(e.to_string())),
            Err(e) => Err(self.refused(&req, &e)),
        }
    }

    fn create(&mut self, entry: &Entry, text: &str) -> Result<bool> {
        let path = entry.path();
        let mut folder = String::new();
        for part in path.split('/').take(path.matches('/').count()) {
            folder = if folder.is_empty() { part.to_string() } else { format!("{folder}/{part}") };
            if !self.folders.contains(&folder) {
                let req = dav::make_folder(&folder);
                let answer = self.perform(&req)?;
                dav::check(req.method, answer.status).map_err(|e| self.refused(&req, &e))?;
                self.folders.insert(folder.clone());
            }
        }
        // Create-only in two steps (rclone overwrites despite If-None-Match: `webdav::create`).
        let tmp = dav::temporary(&path, &util::new_id().simple().to_string());
        let put = dav::create(&tmp, text.to_string());
        let answer = self.perform(&put)?;
        dav::check(put.method, answer.status).map_err(|e| self.refused(&put, &e))?;
        let mv = dav::move_into_place(&self.address, &tmp, &path);
        let moved = self.perform(&mv).map(|a| dav::check(mv.method, a.status));
        let result = match moved {
            Ok(Ok(())) => return Ok(true),
            Ok(Err(WebDavError::Taken)) => Ok(false),
            Ok(Err(e)) => Err(self.refused(&mv, &e)),
            Err(e) => Err(e),
        };
        // The temporary file is ours alone; if it cannot be removed it only lies there unread.
        let del = dav::delete(&tmp);
        if let Err(e) = self.perform(&del) {
            eprintln!("could not remove {tmp}: {}", e.0);
        }
        result
    }
}

/// A request that got no answer: why, in words ("unreachable" for anything on the way there).
fn unreachable(url: &str, e: &ureq::Error) -> Failure {
    let why = match e {
        ureq::Error::Io(io) => match io.kind() {
            ErrorKind::ConnectionRefused => "connection refused".to_string(),
            ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::UnexpectedEof => {
                "the connection was closed".to_string()
            }
            ErrorKind::TimedOut => "no answer in time".to_string(),
            // rustls's errors come as invalid data: not a TLS server, or a certificate refused.
            ErrorKind::InvalidData => return Failure::new(format!("{url}: the secure connection failed: {io}")),
            _ => io.to_string(),
        },
        ureq::Error::HostNotFound => "host not found (DNS)".to_string(),
        ureq::Error::Timeout(t) => format!("no answer in time ({t})"),
        ureq::Error::ConnectionFailed => "the connection failed".to_string(),
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => {
            return Failure::new(format!("{url}: the secure connection failed: {e}"))
        }
        other => other.to_string(),
    };
    Failure::new(format!("{url}: the server is unreachable: {why}"))
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::net::TcpListener;

    use mieruka_core::sync::layout::Device;

    use super::*;

    /// A server on this machine that answers each request with the next of `statuses`, and
    /// returns the requests' first lines.
    fn serve(statuses: Vec<u16>) -> (Address, std::thread::JoinHandle<Vec<String>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address =
            Address::parse(&format!("http://127.0.0.1:{}/dav/", listener.local_addr().unwrap().port())).unwrap();
        let handle = std::thread::spawn(move || {
            let mut seen = Vec::new();
            for status in statuses {
                let (stream, _) = listener.accept().unwrap();
                let mut reader = BufReader::new(stream);
                let mut head = String::new();
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    reader.read_line(&mut line).unwrap();
                    if head.is_empty() {
                        head = line.trim().to_string();
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap();
                    }
                    if line.trim().is_empty() {
                        break;
                    }
                }
                reader.read_exact(&mut vec![0; length]).unwrap();
                let answer = format!("HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
                reader.get_mut().write_all(answer.as_bytes()).unwrap();
                seen.push(head);
            }
            seen
        });
        (address, handle)
    }

    #[test]
    fn a_taken_name_is_told_as_taken_and_missing_folders_are_made_first() {
        let entry = Entry::Segment { project: Id::from_u128(5), device: Device::parse("d").unwrap(), seq: 3 };
        let p = "00000000-0000-0000-0000-000000000005";
        // Three folders (the first exists already: 405), the text under a temporary name, its
        // move to the name, which is taken (412), and the temporary file removed.
        let (address, server) = serve(vec![405, 201, 201, 201, 412, 204]);
        assert_eq!(WebDav::new(address).create(&entry, "{}").ok(), Some(false));
        let seen = server.join().unwrap();
        let tmp = |line: &str| line.contains(&format!("/dav/{p}/log/d/.tmp-")) && line.ends_with(".json HTTP/1.1");
        assert_eq!(
            seen[..3],
            [
                format!("MKCOL /dav/{p} HTTP/1.1"),
                format!("MKCOL /dav/{p}/log HTTP/1.1"),
                format!("MKCOL /dav/{p}/log/d HTTP/1.1"),
            ]
        );
        assert!(seen[3].starts_with("PUT ") && tmp(&seen[3]), "{}", seen[3]);
        assert!(seen[4].starts_with("MOVE ") && tmp(&seen[4]), "{}", seen[4]);
        assert!(seen[5].starts_with("DELETE ") && tmp(&seen[5]), "{}", seen[5]);
        let (address, server) = serve(vec![201, 201, 201, 201, 201]);
        assert_eq!(WebDav::new(address).create(&entry, "{}").ok(), Some(true));
        assert_eq!(server.join().unwrap().len(), 5, "no delete after a move that worked");
    }

    #[test]
    fn a_full_server_stops_the_write_with_its_reason() {
        let entry = Entry::Segment { project: Id::from_u128(5), device: Device::parse("d").unwrap(), seq: 1 };
        let (address, server) = serve(vec![201, 201, 201, 507]);
        let Err(Failure(message)) = WebDav::new(address).create(&entry, "{}") else { panic!("a full server") };
        assert!(message.contains("full (507)"), "{message}");
        server.join().unwrap();
    }
}
