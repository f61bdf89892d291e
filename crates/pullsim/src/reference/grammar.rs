//! The distribution/reference grammar (SPEC §1.1) as hand-written scanners: the public functions
//! answer what upstream's anchored regular expressions answer.
//!
//! Upstream matches anchored RE2 regular expressions. Every sub-language here is matched exactly,
//! and where a match fails the scanner reports the byte offset of the first character that cannot
//! belong to it, so errors can point at the offending part. All grammar characters are ASCII, so a
//! non-ASCII byte is always an error position (callers widen it to the whole UTF-8 character).

/// `[a-z0-9]` — path components are lower-case only.
#[inline]
fn is_alnum_lower(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `\w` in RE2: `[0-9A-Za-z_]`.
#[inline]
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// `remote-name := path-component ("/" path-component)*` with
/// `path-component := [a-z0-9]+ (separator [a-z0-9]+)*` and
/// `separator := [._] | __ | [-]+`.
///
/// `Err(i)`: byte `i` cannot continue a valid remote name (`i == s.len()` when the text ends too
/// early, e.g. after a separator or a `/`).
pub(crate) fn remote_name(s: &[u8]) -> Result<(), usize> {
    let mut i = 0;
    loop {
        // A component starts with an alnum run.
        if i >= s.len() || !is_alnum_lower(s[i]) {
            return Err(i);
        }
        while i < s.len() && is_alnum_lower(s[i]) {
            i += 1;
        }
        // Then separator + alnum run, any number of times.
        loop {
            if i >= s.len() {
                return Ok(());
            }
            match s[i] {
                b'/' => {
                    i += 1;
                    break; // next component
                }
                b'.' => i += 1,
                b'_' => {
                    i += 1;
                    if i < s.len() && s[i] == b'_' {
                        i += 1;
                    }
                }
                b'-' => {
                    while i < s.len() && s[i] == b'-' {
                        i += 1;
                    }
                }
                _ => return Err(i),
            }
            // After a separator (not '/'), an alnum run is required.
            if i >= s.len() || !is_alnum_lower(s[i]) {
                return Err(i);
            }
            while i < s.len() && is_alnum_lower(s[i]) {
                i += 1;
            }
        }
    }
}

/// `domain-and-port := host (":" [0-9]+)?` with `host := domain-name | "[" [a-fA-F0-9:]+ "]"` and
/// `domain-name := domain-component ("." domain-component)*`,
/// `domain-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]`.
pub(crate) fn domain_and_port(s: &[u8]) -> Result<(), usize> {
    let mut i;
    if s.first() == Some(&b'[') {
        i = 1;
        while i < s.len() && (s[i].is_ascii_hexdigit() || s[i] == b':') {
            i += 1;
        }
        if i == 1 || i >= s.len() || s[i] != b']' {
            return Err(i);
        }
        i += 1;
    } else {
        i = 0;
        loop {
            // One component: alnum, then [alnum-]* ending in alnum.
            if i >= s.len() || !s[i].is_ascii_alphanumeric() {
                return Err(i);
            }
            while i < s.len() && (s[i].is_ascii_alphanumeric() || s[i] == b'-') {
                i += 1;
            }
            if s[i - 1] == b'-' {
                // The component may not end in '-': point at the dash run's end.
                return Err(i - 1);
            }
            if i < s.len() && s[i] == b'.' {
                i += 1;
                continue;
            }
            break;
        }
    }
    if i == s.len() {
        return Ok(());
    }
    if s[i] != b':' {
        return Err(i);
    }
    i += 1;
    let port_start = i;
    while i < s.len() && s[i].is_ascii_digit() {
        i += 1;
    }
    if i == port_start || i != s.len() {
        return Err(i);
    }
    Ok(())
}

/// `tag := [\w][\w.-]{0,127}`.
pub(crate) fn tag(s: &[u8]) -> Result<(), usize> {
    match s.first() {
        Some(&b) if is_word(b) => {}
        _ => return Err(0),
    }
    for (i, &b) in s.iter().enumerate().skip(1) {
        if !(is_word(b) || b == b'.' || b == b'-') {
            return Err(i);
        }
    }
    if s.len() > 128 {
        return Err(128);
    }
    Ok(())
}

/// The reference package's digest grammar:
/// `[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}`.
pub(crate) fn digest(s: &[u8]) -> Result<(), usize> {
    let mut i = 0;
    loop {
        if i >= s.len() || !s[i].is_ascii_alphabetic() {
            return Err(i);
        }
        i += 1;
        while i < s.len() && s[i].is_ascii_alphanumeric() {
            i += 1;
        }
        match s.get(i) {
            Some(b'-' | b'_' | b'+' | b'.') => i += 1,
            Some(b':') => break,
            _ => return Err(i),
        }
    }
    i += 1;
    let hex_start = i;
    while i < s.len() && s[i].is_ascii_hexdigit() {
        i += 1;
    }
    if i != s.len() {
        return Err(i);
    }
    if i - hex_start < 32 {
        // Too short: reported as "ended early".
        return Err(s.len());
    }
    Ok(())
}

/// `identifier := [a-f0-9]{64}` (an image ID, not a name).
pub(crate) fn is_identifier(s: &[u8]) -> bool {
    s.len() == 64 && s.iter().all(|&b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The parts of `reference := name (":" tag)? ("@" digest)?`, as byte ranges of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Split {
    /// End of the domain (0 when there is none); the path starts after the `/` that follows it.
    pub domain_end: usize,
    pub path_start: usize,
    pub name_end: usize,
    /// `(start, end)` of the tag text, without the `:`.
    pub tag: Option<(usize, usize)>,
    /// Start of the digest text, without the `@`; it runs to the end.
    pub digest_start: Option<usize>,
}

/// Where and why a whole-reference match failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mismatch {
    /// Byte offset of the first offending character.
    pub at: usize,
    /// Length of the offending part when it is more than the character at `at` (e.g. a digest
    /// whose hex part is too short).
    pub until: Option<usize>,
}

/// Matches the anchored reference grammar and splits it the way RE2's leftmost-first submatches
/// do: the optional `domain/` prefix is taken whenever the first segment matches the domain
/// grammar (SPEC §1.1: `Parse("a/b")` has domain `a`).
pub(crate) fn split_reference(s: &str) -> Result<Split, Mismatch> {
    let b = s.as_bytes();
    // '@' appears in no other part, so the digest is everything after the first one.
    let (name_tag_end, digest_start) = match b.iter().position(|&c| c == b'@') {
        Some(at) => (at, Some(at + 1)),
        None => (b.len(), None),
    };
    let name_tag = &b[..name_tag_end];
    // A ':' with no '/' after it can only introduce the tag: inside a name a ':' (a port, or an
    // IPv6 literal) is always followed by "/" and the path.
    let (name_end, tag) = match name_tag.iter().rposition(|&c| c == b':') {
        Some(c) if !name_tag[c + 1..].contains(&b'/') => (c, Some((c + 1, name_tag_end))),
        _ => (name_tag_end, None),
    };
    let name = &b[..name_end];
    let (domain_end, path_start) = match name.iter().position(|&c| c == b'/') {
        Some(slash) if domain_and_port(&name[..slash]).is_ok() => (slash, slash + 1),
        _ => (0, 0),
    };
    if let Err(at) = remote_name(&name[path_start..]) {
        let at = path_start + at;
        // When the first segment looks like a registry host but is not a valid one, the host is
        // the more useful thing to point at ("foo_bar.com:8080/app").
        if path_start == 0 {
            if let Some(slash) = name.iter().position(|&c| c == b'/') {
                let first = &name[..slash];
                if first.iter().any(|&c| matches!(c, b'.' | b':' | b'[')) {
                    if let Err(d) = domain_and_port(first) {
                        return Err(Mismatch { at: d, until: None });
                    }
                }
            }
        }
        // A name that ends early (trailing separator or '/', or nothing at all): point at the
        // last character instead of past the end, unless the name is empty.
        let at = if at == name_end && at > 0 { at - 1 } else { at };
        return Err(Mismatch { at, until: None });
    }
    if let Some((start, end)) = tag {
        tag_check(b, start, end)?;
    }
    if let Some(start) = digest_start {
        if let Err(at) = digest(&b[start..]) {
            let at = start + at;
            if at < b.len() {
                return Err(Mismatch { at, until: None });
            }
            // Ended early: no ':' (blame the whole digest) or fewer than 32 hex digits (blame
            // the hex part).
            let from = match b[start..].iter().position(|&c| c == b':') {
                Some(p) if start + p + 1 < b.len() => start + p + 1,
                _ => start,
            };
            return Err(Mismatch { at: from.min(b.len().saturating_sub(1)), until: Some(b.len()) });
        }
    }
    Ok(Split { domain_end, path_start, name_end, tag, digest_start })
}

fn tag_check(b: &[u8], start: usize, end: usize) -> Result<(), Mismatch> {
    match tag(&b[start..end]) {
        Ok(()) => Ok(()),
        // Longer than 128 characters: blame the excess.
        Err(128) if end - start > 128 => Err(Mismatch { at: start + 128, until: Some(end) }),
        // Empty tag: blame the ':'.
        Err(_) if start == end => Err(Mismatch { at: start - 1, until: Some(end) }),
        Err(at) => Err(Mismatch { at: start + at, until: None }),
    }
}

/// `anchoredDomainAndPort` as a yes/no answer.
pub fn is_domain_and_port(s: &str) -> bool {
    domain_and_port(s.as_bytes()).is_ok()
}

/// `anchoredNameRegexp`: `Some((domain, remote_name))` when `s` is a name without tag or digest.
pub fn match_name(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    let (domain_end, path_start) = match b.iter().position(|&c| c == b'/') {
        Some(slash) if domain_and_port(&b[..slash]).is_ok() => (slash, slash + 1),
        _ => (0, 0),
    };
    remote_name(&b[path_start..]).ok()?;
    Some((&s[..domain_end], &s[path_start..]))
}

/// `ReferenceRegexp`, anchored: `Some((name, tag, digest))` with `""` for an absent submatch.
pub fn match_reference(s: &str) -> Option<(&str, &str, &str)> {
    let split = split_reference(s).ok()?;
    let tag = split.tag.map_or("", |(a, b)| &s[a..b]);
    let digest = split.digest_start.map_or("", |d| &s[d..]);
    Some((&s[..split.name_end], tag, digest))
}

/// `anchoredIdentifierRegexp`: exactly 64 lower-case hex digits.
pub fn is_image_id(s: &str) -> bool {
    is_identifier(s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_name_separators() {
        for ok in ["a", "a.b", "a_b", "a__b", "a---b", "a/b/c", "0"] {
            assert_eq!(remote_name(ok.as_bytes()), Ok(()), "{ok}");
        }
        for (bad, at) in [("", 0), ("a..b", 2), ("a___b", 3), ("a_.b", 2), ("a-", 2), ("a/", 2), ("A", 0), ("a//b", 2)]
        {
            assert_eq!(remote_name(bad.as_bytes()), Err(at), "{bad}");
        }
    }

    #[test]
    fn domains() {
        for ok in ["a", "test.com:10304", "[::1]", "[fd00123123123]:5000", "xn--n3h.com", "Foo", "1.2.3.4"] {
            assert_eq!(domain_and_port(ok.as_bytes()), Ok(()), "{ok}");
        }
        for bad in ["", "a-", "-a", "a.", "[]", "[::1", "a:", "a:b", "[::1%eth0]", "a_b"] {
            assert!(domain_and_port(bad.as_bytes()).is_err(), "{bad}");
        }
    }
}
