//! Go's `path/filepath.Match` (Unix flavour: separator `/`, `\` escapes), hand-ported byte for
//! byte. It is also `path.Match`, which is the same algorithm. The kubelet matches every host label
//! of a credential key against the image's label with it (SPEC §5.4 step 6), and
//! distribution/reference's `FamiliarMatch` uses it (§1.6).
//!
//! Pattern syntax: `*` (any run of non-`/` bytes), `?` (one non-`/` character), `[...]` classes
//! with ranges `a-z` and `^` negation, `\c` matches `c` literally. A malformed pattern yields
//! [`BadPattern`] (`syntax error in pattern`), but, as in Go, only once the matcher reaches the
//! malformed part.

use serde::Serialize;
use std::fmt;

/// Go's `filepath.ErrBadPattern`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BadPattern;

impl fmt::Display for BadPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("syntax error in pattern")
    }
}

impl std::error::Error for BadPattern {}

const SEPARATOR: u8 = b'/';

/// `filepath.Match(pattern, name)`.
pub fn match_glob(mut pattern: &[u8], mut name: &[u8]) -> Result<bool, BadPattern> {
    'pattern: while !pattern.is_empty() {
        let (star, chunk, rest) = scan_chunk(pattern);
        pattern = rest;
        if star && chunk.is_empty() {
            // Trailing * matches the rest of the string unless it has a /.
            return Ok(!name.contains(&SEPARATOR));
        }
        // Look for a match at the current position.
        let (t, ok, err) = match_chunk(chunk, name);
        // If we're the last chunk, make sure we've exhausted the name; otherwise we'd give a
        // false result even if we could still match using the star.
        if ok && (t.is_empty() || !pattern.is_empty()) {
            name = t;
            continue;
        }
        if let Some(e) = err {
            return Err(e);
        }
        if star {
            // Look for a match skipping i+1 bytes. Cannot skip /.
            let mut i = 0;
            while i < name.len() && name[i] != SEPARATOR {
                let (t, ok, err) = match_chunk(chunk, &name[i + 1..]);
                if ok {
                    // If we're the last chunk, make sure we exhausted the name.
                    if pattern.is_empty() && !t.is_empty() {
                        i += 1;
                        continue;
                    }
                    name = t;
                    continue 'pattern;
                }
                if let Some(e) = err {
                    return Err(e);
                }
                i += 1;
            }
        }
        // Before returning false with no error, check that the remainder of the pattern is
        // syntactically valid.
        while !pattern.is_empty() {
            let (_, chunk, rest) = scan_chunk(pattern);
            pattern = rest;
            if let (_, _, Some(e)) = match_chunk(chunk, b"") {
                return Err(e);
            }
        }
        return Ok(false);
    }
    Ok(name.is_empty())
}

/// Go's `scanChunk`: leading stars, then the chunk up to the next unbracketed `*`.
fn scan_chunk(mut pattern: &[u8]) -> (bool, &[u8], &[u8]) {
    let mut star = false;
    while let [b'*', rest @ ..] = pattern {
        pattern = rest;
        star = true;
    }
    let mut inrange = false;
    let mut i = 0;
    while i < pattern.len() {
        match pattern[i] {
            // Error check handled in match_chunk: bad pattern.
            b'\\' if i + 1 < pattern.len() => i += 1,
            b'[' => inrange = true,
            b']' => inrange = false,
            b'*' if !inrange => break,
            _ => {}
        }
        i += 1;
    }
    (star, &pattern[..i], &pattern[i..])
}

/// Go's `utf8.DecodeRuneInString`: invalid bytes decode as U+FFFD with width 1.
pub(crate) fn decode_rune(s: &[u8]) -> (u32, usize) {
    const ERROR: u32 = 0xFFFD;
    let Some(&b0) = s.first() else {
        return (ERROR, 0);
    };
    if b0 < 0x80 {
        return (u32::from(b0), 1);
    }
    let width = match b0 {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return (ERROR, 1),
    };
    match std::str::from_utf8(s.get(..width).unwrap_or(s)) {
        Ok(st) => match st.chars().next() {
            Some(c) => (c as u32, width),
            None => (ERROR, 1),
        },
        Err(_) => (ERROR, 1),
    }
}

/// Go's `matchChunk`: returns (rest of `s`, matched, error).
fn match_chunk<'a>(mut chunk: &[u8], mut s: &'a [u8]) -> (&'a [u8], bool, Option<BadPattern>) {
    // After the match fails, the loop continues on processing chunk, checking that the pattern is
    // well-formed but no longer reading s.
    let mut failed = false;
    while !chunk.is_empty() {
        if !failed && s.is_empty() {
            failed = true;
        }
        match chunk[0] {
            b'[' => {
                let mut r = 0u32;
                if !failed {
                    let (rr, n) = decode_rune(s);
                    r = rr;
                    s = &s[n..];
                }
                chunk = &chunk[1..];
                let mut negated = false;
                if let [b'^', rest @ ..] = chunk {
                    negated = true;
                    chunk = rest;
                }
                let mut matched = false;
                let mut nrange = 0;
                loop {
                    if let [b']', rest @ ..] = chunk {
                        if nrange > 0 {
                            chunk = rest;
                            break;
                        }
                    }
                    let (lo, rest) = match get_esc(chunk) {
                        Ok(v) => v,
                        Err(e) => return (b"", false, Some(e)),
                    };
                    chunk = rest;
                    let mut hi = lo;
                    if chunk[0] == b'-' {
                        match get_esc(&chunk[1..]) {
                            Ok((h, rest)) => {
                                hi = h;
                                chunk = rest;
                            }
                            Err(e) => return (b"", false, Some(e)),
                        }
                    }
                    if lo <= r && r <= hi {
                        matched = true;
                    }
                    nrange += 1;
                }
                if matched == negated {
                    failed = true;
                }
            }
            b'?' => {
                if !failed {
                    if s[0] == SEPARATOR {
                        failed = true;
                    }
                    let (_, n) = decode_rune(s);
                    s = &s[n..];
                }
                chunk = &chunk[1..];
            }
            c => {
                let lit = if c == b'\\' {
                    chunk = &chunk[1..];
                    match chunk.first() {
                        Some(&l) => l,
                        None => return (b"", false, Some(BadPattern)),
                    }
                } else {
                    c
                };
                if !failed {
                    if lit != s[0] {
                        failed = true;
                    }
                    s = &s[1..];
                }
                chunk = &chunk[1..];
            }
        }
    }
    if failed {
        return (b"", false, None);
    }
    (s, true, None)
}

/// Go's `getEsc`: one possibly escaped character of a class.
fn get_esc(mut chunk: &[u8]) -> Result<(u32, &[u8]), BadPattern> {
    if chunk.is_empty() || chunk[0] == b'-' || chunk[0] == b']' {
        return Err(BadPattern);
    }
    if chunk[0] == b'\\' {
        chunk = &chunk[1..];
        if chunk.is_empty() {
            return Err(BadPattern);
        }
    }
    let (r, n) = decode_rune(chunk);
    if r == 0xFFFD && n == 1 {
        return Err(BadPattern);
    }
    let rest = &chunk[n..];
    if rest.is_empty() {
        return Err(BadPattern);
    }
    Ok((r, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, n: &str) -> Result<bool, BadPattern> {
        match_glob(p.as_bytes(), n.as_bytes())
    }

    /// Go's own `filepath` match tests (match_test.go `matchTests`).
    #[test]
    fn go_match_tests() {
        let e = Err(BadPattern);
        let cases: &[(&str, &str, Result<bool, BadPattern>)] = &[
            ("abc", "abc", Ok(true)),
            ("*", "abc", Ok(true)),
            ("*c", "abc", Ok(true)),
            ("a*", "a", Ok(true)),
            ("a*", "abc", Ok(true)),
            ("a*", "ab/c", Ok(false)),
            ("a*/b", "abc/b", Ok(true)),
            ("a*/b", "a/c/b", Ok(false)),
            ("a*b*c*d*e*/f", "axbxcxdxe/f", Ok(true)),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/f", Ok(true)),
            ("a*b*c*d*e*/f", "axbxcxdxe/xxx/f", Ok(false)),
            ("a*b*c*d*e*/f", "axbxcxdxexxx/fff", Ok(false)),
            ("a*b?c*x", "abxbbxdbxebxczzx", Ok(true)),
            ("a*b?c*x", "abxbbxdbxebxczzy", Ok(false)),
            ("ab[c]", "abc", Ok(true)),
            ("ab[b-d]", "abc", Ok(true)),
            ("ab[e-g]", "abc", Ok(false)),
            ("ab[^c]", "abc", Ok(false)),
            ("ab[^b-d]", "abc", Ok(false)),
            ("ab[^e-g]", "abc", Ok(true)),
            ("a\\*b", "a*b", Ok(true)),
            ("a\\*b", "ab", Ok(false)),
            ("a?b", "a☺b", Ok(true)),
            ("a[^a]b", "a☺b", Ok(true)),
            ("a???b", "a☺b", Ok(false)),
            ("a[^a][^a][^a]b", "a☺b", Ok(false)),
            ("[a-ζ]*", "α", Ok(true)),
            ("*[a-ζ]", "A", Ok(false)),
            ("a?b", "a/b", Ok(false)),
            ("a*b", "a/b", Ok(false)),
            ("[\\]a]", "]", Ok(true)),
            ("[\\-]", "-", Ok(true)),
            ("[x\\-]", "x", Ok(true)),
            ("[x\\-]", "-", Ok(true)),
            ("[x\\-]", "z", Ok(false)),
            ("[\\-x]", "x", Ok(true)),
            ("[\\-x]", "-", Ok(true)),
            ("[\\-x]", "a", Ok(false)),
            ("[]a]", "]", e),
            ("[-]", "-", e),
            ("[x-]", "x", e),
            ("[x-]", "-", e),
            ("[x-]", "z", e),
            ("[-x]", "x", e),
            ("[-x]", "-", e),
            ("[-x]", "a", e),
            ("\\", "a", e),
            // A star resumes byte by byte, as in Go: the two `?` match the two trailing bytes of ☺.
            ("*??", "☺", Ok(true)),
            ("[a-b-c]", "a", e),
            ("[", "a", e),
            ("[^", "a", e),
            ("[^bc", "a", e),
            ("a[", "a", e),
            ("a[", "ab", e),
            ("a[", "x", e),
            ("a/b[", "x", e),
            ("*x", "xxx", Ok(true)),
        ];
        for (p, n, want) in cases {
            assert_eq!(m(p, n), *want, "Match({p:?}, {n:?})");
        }
    }

    #[test]
    fn kubelet_label_globs() {
        assert_eq!(m("*", "prefix"), Ok(true));
        assert_eq!(m("*-good", "prefix-good"), Ok(true));
        assert_eq!(m("*kubernetes", "kubernetes"), Ok(true));
        assert_eq!(m("k*", "quay"), Ok(false));
        assert_eq!(m("c*", "io"), Ok(false));
        assert_eq!(m("[a-c]x", "bx"), Ok(true));
        assert_eq!(m("[!a]x", "bx"), Ok(false), "! is not negation in Go");
    }

    #[test]
    fn decode_rune_like_go() {
        assert_eq!(decode_rune("é".as_bytes()), (0xE9, 2));
        assert_eq!(decode_rune(&[0xFF, b'a']), (0xFFFD, 1));
        assert_eq!(decode_rune(&[0xC3]), (0xFFFD, 1));
        assert_eq!(decode_rune(b""), (0xFFFD, 0));
    }
}
