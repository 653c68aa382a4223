//! Bytes to text and back: UTF-8 (with or without BOM), UTF-16 with BOM, and Shift_JIS read as
//! code page 932 (the WHATWG Shift_JIS, i.e. Windows-31J: 髙, 﨑, ① survive).
//!
//! Detection and everything but Shift_JIS itself is here. The Shift_JIS tables come from a
//! [`ShiftJisCodec`]: natively (CLI, tests) encoding_rs's, behind the default `encoding_rs`
//! feature; in the browser the app injects one over its own `TextDecoder("shift_jis")` — the same
//! WHATWG decoder — so the web bundle does not ship a second copy of every CJK table.

#[cfg(feature = "encoding_rs")]
use encoding_rs::{EncoderResult, SHIFT_JIS};

use super::ReadError;

/// Files larger than this are refused before decoding.
pub const MAX_IMPORT_BYTES: usize = 200 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    ShiftJis,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
    /// Some bytes could not be decoded and were replaced by U+FFFD.
    pub had_errors: bool,
}

/// Detects the encoding (BOM, then valid UTF-8, else Shift_JIS) and decodes. Binary data (NUL
/// bytes outside UTF-16) is refused.
///
/// - more than [`MAX_IMPORT_BYTES`] → [`ReadError::TooLarge`]; no byte at all → [`ReadError::Empty`];
/// - `EF BB BF` → UTF-8 (BOM removed), `FF FE` / `FE FF` → UTF-16 LE / BE (BOM removed);
/// - valid UTF-8 → UTF-8 (also when only its last character is cut short: a truncated file, the
///   cut character becomes U+FFFD), anything else → Shift_JIS (CP932); undecodable bytes become U+FFFD and
///   set `had_errors`;
/// - a NUL byte in a file that is not UTF-16 → [`ReadError::NotText`] with its byte offset.
#[cfg(feature = "encoding_rs")]
pub fn decode(bytes: &[u8]) -> Result<Decoded, ReadError> {
    decode_with(bytes, &EncodingRs)
}

/// Shift_JIS (CP932, WHATWG) in both directions.
pub trait ShiftJisCodec {
    /// The text of Shift_JIS bytes; `true` when some bytes were replaced by U+FFFD.
    fn decode(&self, bytes: &[u8]) -> (String, bool);
    /// The bytes of `text`; characters CP932 lacks become one `?` each and are counted.
    fn encode(&self, text: &str) -> (Vec<u8>, usize);
}

/// [`decode`] with the Shift_JIS tables supplied by `sjis`.
pub fn decode_with(bytes: &[u8], sjis: &dyn ShiftJisCodec) -> Result<Decoded, ReadError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ReadError::TooLarge { bytes: bytes.len(), max: MAX_IMPORT_BYTES });
    }
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let (text, had_errors) = utf16(rest, u16::from_le_bytes);
        return Ok(Decoded { text, encoding: TextEncoding::Utf16Le, had_errors });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (text, had_errors) = utf16(rest, u16::from_be_bytes);
        return Ok(Decoded { text, encoding: TextEncoding::Utf16Be, had_errors });
    }
    if let Some(offset) = bytes.iter().position(|b| *b == 0) {
        return Err(ReadError::NotText { offset });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        let (text, had_errors) = match std::str::from_utf8(rest) {
            Ok(s) => (s.to_string(), false),
            Err(_) => (String::from_utf8_lossy(rest).into_owned(), true),
        };
        return Ok(Decoded { text, encoding: TextEncoding::Utf8Bom, had_errors });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => return Ok(Decoded { text: s.to_string(), encoding: TextEncoding::Utf8, had_errors: false }),
        // UTF-8 cut in the middle of its last character (a truncated file): UTF-8, not Shift_JIS.
        Err(e) if e.error_len().is_none() && bytes[..e.valid_up_to()].iter().any(|b| *b >= 0x80) => {
            let text = String::from_utf8_lossy(bytes).into_owned();
            return Ok(Decoded { text, encoding: TextEncoding::Utf8, had_errors: true });
        }
        Err(_) => {}
    }
    let (text, had_errors) = sjis.decode(bytes);
    Ok(Decoded { text, encoding: TextEncoding::ShiftJis, had_errors })
}

/// UTF-16 code units to text; unpaired surrogates and an odd last byte become U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (String, bool) {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut had_errors = bytes.len() % 2 == 1;
    let mut text = String::with_capacity(bytes.len() / 2);
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                had_errors = true;
                text.push('\u{FFFD}');
            }
        }
    }
    if bytes.len() % 2 == 1 {
        text.push('\u{FFFD}');
    }
    (text, had_errors)
}

/// encoding_rs's Shift_JIS (the WHATWG one).
#[cfg(feature = "encoding_rs")]
pub struct EncodingRs;

#[cfg(feature = "encoding_rs")]
impl ShiftJisCodec for EncodingRs {
    fn decode(&self, bytes: &[u8]) -> (String, bool) {
        let (text, had_errors) = SHIFT_JIS.decode_without_bom_handling(bytes);
        (text.into_owned(), had_errors)
    }

    fn encode(&self, text: &str) -> (Vec<u8>, usize) {
        let mut encoder = SHIFT_JIS.new_encoder();
        let mut out: Vec<u8> = Vec::with_capacity(text.len() + 16);
        let mut buf = [0u8; 4096];
        let mut rest = text;
        let mut unmappable = 0usize;
        loop {
            let (result, read, written) = encoder.encode_from_utf8_without_replacement(rest, &mut buf, true);
            out.extend_from_slice(&buf[..written]);
            rest = &rest[read..];
            match result {
                EncoderResult::InputEmpty => break,
                EncoderResult::OutputFull => {}
                EncoderResult::Unmappable(_) => {
                    unmappable += 1;
                    out.push(b'?');
                }
            }
        }
        (out, unmappable)
    }
}

/// How an export is written for Excel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutEncoding {
    /// UTF-8 with a byte-order mark: Excel opens it as UTF-8 (Japanese intact).
    Utf8Bom,
    /// Shift_JIS (CP932) for older Excel and tools; characters it lacks become `?`.
    ShiftJis,
}

/// Encodes text for a file. Returns the bytes and how many characters could not be represented
/// (each written as one `?`; never an HTML numeric reference).
#[cfg(feature = "encoding_rs")]
pub fn encode(text: &str, enc: OutEncoding) -> (Vec<u8>, usize) {
    encode_with(text, enc, &EncodingRs)
}

/// [`encode`] with the Shift_JIS tables supplied by `sjis`.
pub fn encode_with(text: &str, enc: OutEncoding, sjis: &dyn ShiftJisCodec) -> (Vec<u8>, usize) {
    match enc {
        OutEncoding::Utf8Bom => {
            let mut out = Vec::with_capacity(text.len() + 3);
            out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
            out.extend_from_slice(text.as_bytes());
            (out, 0)
        }
        OutEncoding::ShiftJis => sjis.encode(text),
    }
}

#[cfg(all(test, feature = "encoding_rs"))]
mod tests {
    use super::*;

    fn sjis(s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = SHIFT_JIS.encode(s);
        assert!(!unmappable, "{s} is not CP932");
        bytes.into_owned()
    }

    #[test]
    fn cp932_extensions_survive() {
        let s = "髙橋 﨑 ① Ⅱ ㈱ ～ 山田太郎";
        let bytes = sjis(s);
        // 髙 is an IBM extension (FB FC), ① an NEC special character (87 40).
        assert!(bytes.windows(2).any(|w| w == [0xFB, 0xFC]));
        assert!(bytes.windows(2).any(|w| w == [0x87, 0x40]));
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, TextEncoding::ShiftJis);
        assert!(!d.had_errors);
        assert_eq!(d.text, s);
    }

    #[test]
    fn literal_cp932_bytes() {
        // "髙﨑①" written by Windows: FB FC, FA B1, 87 40.
        let d = decode(&[0xFB, 0xFC, 0xFA, 0xB1, 0x87, 0x40]).unwrap();
        assert_eq!(d.text, "髙﨑①");
        assert_eq!(d.encoding, TextEncoding::ShiftJis);
    }

    #[test]
    fn boms() {
        let d = decode(b"\xEF\xBB\xBFa,b").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("a,b", TextEncoding::Utf8Bom));
        let d = decode(&[0xFF, 0xFE, b'a', 0, 0x42, 0x30]).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("aあ", TextEncoding::Utf16Le));
        let d = decode(&[0xFE, 0xFF, 0, b'a', 0x30, 0x42]).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("aあ", TextEncoding::Utf16Be));
        let d = decode("タイトル".as_bytes()).unwrap();
        assert_eq!((d.text.as_str(), d.encoding, d.had_errors), ("タイトル", TextEncoding::Utf8, false));
    }

    #[test]
    fn refusals() {
        assert_eq!(decode(b""), Err(ReadError::Empty));
        assert_eq!(decode(b"ab\0cd"), Err(ReadError::NotText { offset: 2 }));
        assert_eq!(decode(b"\xEF\xBB\xBFab\0"), Err(ReadError::NotText { offset: 5 }));
        let big = vec![b'a'; MAX_IMPORT_BYTES + 1];
        assert_eq!(decode(&big), Err(ReadError::TooLarge { bytes: MAX_IMPORT_BYTES + 1, max: MAX_IMPORT_BYTES }));
    }

    #[test]
    fn utf8_cut_in_its_last_character_stays_utf8() {
        let bytes = "件名,期日\n要件定義".as_bytes();
        let d = decode(&bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.had_errors),
            ("件名,期日\n要件定\u{FFFD}", TextEncoding::Utf8, true)
        );
    }

    #[test]
    fn broken_shift_jis_is_flagged() {
        // 0x82 alone at the end is a truncated double-byte character.
        let d = decode(&[b'a', 0x82, 0xA0, 0x82]).unwrap();
        assert_eq!(d.encoding, TextEncoding::ShiftJis);
        assert!(d.had_errors);
        assert!(d.text.contains('\u{FFFD}'));
    }

    #[test]
    fn utf16_odd_and_unpaired() {
        let d = decode(&[0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b']).unwrap();
        assert_eq!(d.text, "a\u{FFFD}\u{FFFD}");
        assert!(d.had_errors);
    }

    #[test]
    fn encode_both_ways() {
        let (b, n) = encode("件名,髙", OutEncoding::Utf8Bom);
        assert_eq!(n, 0);
        assert_eq!(&b[..3], &[0xEF, 0xBB, 0xBF]);
        assert_eq!(decode(&b).unwrap().text, "件名,髙");

        let (b, n) = encode("髙﨑①😀x€y", OutEncoding::ShiftJis);
        assert_eq!(n, 2, "the emoji and the euro sign are not in CP932");
        assert_eq!(decode(&b).unwrap().text, "髙﨑①?x?y");
        assert!(!b.contains(&b'&'), "no HTML numeric references");

        // Longer than the internal buffer.
        let long = "あ".repeat(10_000) + "😀";
        let (b, n) = encode(&long, OutEncoding::ShiftJis);
        assert_eq!(n, 1);
        assert_eq!(b.len(), 20_001);
    }
}
