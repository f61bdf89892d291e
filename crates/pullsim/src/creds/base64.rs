//! Go's `encoding/base64` for the standard alphabet, padded (`StdEncoding`) and unpadded
//! (`RawStdEncoding`), hand-ported so that errors read exactly like Go's
//! `CorruptInputError`: `illegal base64 data at input byte N` (SPEC §5.1).
//!
//! Go's decoder (non-strict, the default) skips `\r` and `\n` anywhere, accepts non-zero trailing
//! bits, and reports the byte offset where decoding went wrong.

use serde::Serialize;
use std::fmt;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PAD: u8 = b'=';

/// Go's `base64.CorruptInputError`: the offset of the first illegal input byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CorruptInputError(pub usize);

impl fmt::Display for CorruptInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "illegal base64 data at input byte {}", self.0)
    }
}

impl std::error::Error for CorruptInputError {}

fn decode_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// `base64.StdEncoding.DecodeString` (padding required).
pub fn decode_std(src: &[u8]) -> Result<Vec<u8>, CorruptInputError> {
    decode(src, Some(PAD))
}

/// `base64.RawStdEncoding.DecodeString` (no padding allowed).
pub fn decode_raw_std(src: &[u8]) -> Result<Vec<u8>, CorruptInputError> {
    decode(src, None)
}

/// `base64.StdEncoding.EncodeToString`.
pub fn encode_std(src: &[u8]) -> String {
    let mut out = String::with_capacity(src.len().div_ceil(3) * 4);
    for chunk in src.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let n = chunk.len() + 1;
        for i in 0..4 {
            if i < n {
                out.push(ALPHABET[((v >> (18 - 6 * i)) & 0x3f) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Go's `(*Encoding).decode`: repeated `decodeQuantum` until the input is consumed or an error.
/// (Go's 8- and 4-byte fast paths produce the same results as the quantum loop.)
fn decode(src: &[u8], pad: Option<u8>) -> Result<Vec<u8>, CorruptInputError> {
    let mut dst = Vec::with_capacity(src.len() / 4 * 3 + 3);
    let mut si = 0;
    while si < src.len() {
        let (nsi, res) = decode_quantum(&mut dst, src, si, pad);
        si = nsi;
        res?;
    }
    Ok(dst)
}

/// Port of Go's `decodeQuantum` (encoding/base64, non-strict): decodes up to four symbols
/// starting at `si`, appends the bytes to `dst`, and returns the new offset.
fn decode_quantum(
    dst: &mut Vec<u8>,
    src: &[u8],
    mut si: usize,
    pad: Option<u8>,
) -> (usize, Result<(), CorruptInputError>) {
    let mut dbuf = [0u8; 4];
    let mut dlen = 4;
    let mut err = Ok(());
    let mut j = 0;
    while j < 4 {
        if src.len() == si {
            if j == 0 {
                return (si, Ok(()));
            }
            if j == 1 || pad.is_some() {
                return (si, Err(CorruptInputError(si - j)));
            }
            dlen = j;
            break;
        }
        let c = src[si];
        si += 1;
        if let Some(v) = decode_value(c) {
            dbuf[j] = v;
            j += 1;
            continue;
        }
        if c == b'\n' || c == b'\r' {
            continue;
        }
        if Some(c) != pad {
            return (si, Err(CorruptInputError(si - 1)));
        }
        // Padding reached.
        match j {
            0 | 1 => return (si, Err(CorruptInputError(si - 1))),
            2 => {
                // "==" expected; the first '=' is consumed. Skip newlines.
                while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
                    si += 1;
                }
                if si == src.len() {
                    return (si, Err(CorruptInputError(src.len())));
                }
                if Some(src[si]) != pad {
                    return (si, Err(CorruptInputError(si - 1)));
                }
                si += 1;
            }
            _ => {}
        }
        while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
            si += 1;
        }
        if si < src.len() {
            err = Err(CorruptInputError(si));
        }
        dlen = j;
        break;
    }
    let val = (u32::from(dbuf[0]) << 18) | (u32::from(dbuf[1]) << 12) | (u32::from(dbuf[2]) << 6) | u32::from(dbuf[3]);
    let bytes = [(val >> 16) as u8, (val >> 8) as u8, val as u8];
    if dlen >= 2 {
        dst.extend_from_slice(&bytes[..dlen - 1]);
    }
    (si, err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn std(s: &str) -> Result<Vec<u8>, String> {
        decode_std(s.as_bytes()).map_err(|e| e.to_string())
    }
    fn raw(s: &str) -> Result<Vec<u8>, String> {
        decode_raw_std(s.as_bytes()).map_err(|e| e.to_string())
    }

    #[test]
    fn decodes_like_go() {
        assert_eq!(std("Zm9vOmJhcg==").unwrap(), b"foo:bar");
        assert_eq!(std("Zm9vOmJhcgo=").unwrap(), b"foo:bar\n");
        assert_eq!(std("").unwrap(), b"");
        assert_eq!(raw("Zm9vOmJhcg").unwrap(), b"foo:bar");
        assert_eq!(raw("cGluZzpwb25n").unwrap(), b"ping:pong");
        // Newlines are skipped anywhere.
        assert_eq!(std("Zm9v\nOmJh\r\ncg==").unwrap(), b"foo:bar");
        // Non-zero trailing bits are accepted (non-strict).
        assert_eq!(raw("Zm9vOmJhch").unwrap(), b"foo:bar");
    }

    #[test]
    fn errors_like_go() {
        // Values checked against Go 1.22 encoding/base64.
        assert_eq!(std("pants").unwrap_err(), "illegal base64 data at input byte 4");
        assert_eq!(raw("pants").unwrap_err(), "illegal base64 data at input byte 4");
        assert_eq!(std("Zm9vOmJhcg").unwrap_err(), "illegal base64 data at input byte 8");
        assert_eq!(raw("Zm9vOmJhcg==").unwrap_err(), "illegal base64 data at input byte 10");
        assert_eq!(std("Zm9vOmJhcg=").unwrap_err(), "illegal base64 data at input byte 11");
        assert_eq!(std("Zm9vOmJhcg== ").unwrap_err(), "illegal base64 data at input byte 12");
        assert_eq!(std("a===").unwrap_err(), "illegal base64 data at input byte 1");
        assert_eq!(std("ab=a").unwrap_err(), "illegal base64 data at input byte 2");
        assert_eq!(std("@").unwrap_err(), "illegal base64 data at input byte 0");
        assert_eq!(raw("Zm9v!").unwrap_err(), "illegal base64 data at input byte 4");
        assert_eq!(std("Zm9vY").unwrap_err(), "illegal base64 data at input byte 4");
    }

    #[test]
    fn encodes_like_go() {
        assert_eq!(encode_std(b"foo:bar"), "Zm9vOmJhcg==");
        assert_eq!(encode_std(b""), "");
        assert_eq!(encode_std(b"u:p"), "dTpw");
        assert_eq!(encode_std(b"ab"), "YWI=");
        for s in ["", "a", "ab", "abc", "abcd", "user:p@ss:w0rd\n"] {
            assert_eq!(decode_std(encode_std(s.as_bytes()).as_bytes()).unwrap(), s.as_bytes());
        }
    }
}
