//! Shift_JIS (CP932) through the browser's own `TextDecoder("shift_jis")` — the WHATWG decoder,
//! the same one encoding_rs implements — so the bundle does not carry a second copy of the tables.
//! Encoding (for Shift_JIS CSV exports) uses a reverse table built once from that decoder.

use std::cell::OnceCell;
use std::collections::HashMap;

use mieruka_core::interop::text::ShiftJisCodec;

/// Double-byte pointers 0..POINTERS (lead 0x81–0x9F, 0xE0–0xFC × 188 trail bytes).
const POINTERS: u32 = 188 * 60;
/// NEC-selected IBM extensions: duplicates the WHATWG encoder never produces.
const EXCLUDED: std::ops::RangeInclusive<u32> = 8272..=8835;

pub struct BrowserShiftJis;

thread_local! {
    static REVERSE: OnceCell<HashMap<char, [u8; 2]>> = const { OnceCell::new() };
}

fn decoder() -> Option<web_sys::TextDecoder> {
    web_sys::TextDecoder::new_with_label("shift_jis").ok()
}

fn pointer_bytes(p: u32) -> [u8; 2] {
    let (lead, trail) = (p / 188, p % 188);
    let lead = lead + if lead < 0x1F { 0x81 } else { 0xC1 };
    let trail = trail + if trail < 0x3F { 0x40 } else { 0x41 };
    [lead as u8, trail as u8]
}

/// Every double-byte character the decoder knows, decoded in one call (pairs separated by LF).
fn reverse_table() -> HashMap<char, [u8; 2]> {
    let mut buf = Vec::with_capacity(POINTERS as usize * 3);
    for p in 0..POINTERS {
        buf.extend_from_slice(&pointer_bytes(p));
        buf.push(b'\n');
    }
    let mut map = HashMap::with_capacity(POINTERS as usize);
    let Some(text) = decoder().and_then(|d| d.decode_with_u8_array(&buf).ok()) else { return map };
    for (p, seg) in (0..POINTERS).zip(text.split('\n')) {
        let mut chars = seg.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c != '\u{FFFD}' && !EXCLUDED.contains(&p) {
                map.entry(c).or_insert_with(|| pointer_bytes(p));
            }
        }
    }
    map
}

impl ShiftJisCodec for BrowserShiftJis {
    fn decode(&self, bytes: &[u8]) -> (String, bool) {
        match decoder().and_then(|d| d.decode_with_u8_array(bytes).ok()) {
            // Shift_JIS has no U+FFFD of its own: one in the text is a replaced byte.
            Some(text) => {
                let had_errors = text.contains('\u{FFFD}');
                (text, had_errors)
            }
            None => (String::from_utf8_lossy(bytes).into_owned(), true),
        }
    }

    fn encode(&self, text: &str) -> (Vec<u8>, usize) {
        REVERSE.with(|cell| {
            let table = cell.get_or_init(reverse_table);
            let mut out = Vec::with_capacity(text.len());
            let mut unmappable = 0;
            for c in text.chars() {
                let cp = c as u32;
                match c {
                    _ if cp < 0x80 => out.push(cp as u8),
                    '\u{A5}' => out.push(0x5C),
                    '\u{203E}' => out.push(0x7E),
                    '\u{FF61}'..='\u{FF9F}' => out.push((cp - 0xFF61 + 0xA1) as u8),
                    _ => {
                        let c = if c == '\u{2212}' { '\u{FF0D}' } else { c };
                        match table.get(&c) {
                            Some(b) => out.extend_from_slice(b),
                            None => {
                                unmappable += 1;
                                out.push(b'?');
                            }
                        }
                    }
                }
            }
            (out, unmappable)
        })
    }
}
