//! Bytes to text and back: UTF-8 (with or without BOM), UTF-16 with BOM, and Shift_JIS read as
//! code page 932 (encoding_rs's Shift_JIS is the WHATWG one, i.e. Windows-31J: 髙, 﨑, ① survive).

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
pub fn decode(bytes: &[u8]) -> Result<Decoded, ReadError> {
    let _ = bytes;
    todo!("interop::text::decode")
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

/// Encodes text for a file. Returns the bytes and how many characters could not be represented.
pub fn encode(text: &str, enc: OutEncoding) -> (Vec<u8>, usize) {
    let _ = (text, enc);
    todo!("interop::text::encode")
}
