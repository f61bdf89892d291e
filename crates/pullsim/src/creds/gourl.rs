//! The parts of Go's `net/url.Parse`, `net.SplitHostPort` and `net/netip.ParseAddr` that decide how
//! the kubelet reads registry keys and image locations (SPEC §5.3, §5.4), hand-ported so that the
//! same inputs are accepted, the same fields come out, and errors read like Go's.
//!
//! Go strings are byte strings: after `%XX` unescaping a host or path may hold bytes that are not
//! UTF-8, so hosts and paths are `Vec<u8>` here and are shown lossily.
//!
//! Version choice (spec silent): we model the newest Go (1.26) `net/url`, which current kubelets
//! are built with: an IP literal in brackets must be an IPv6 address (`invalid host: …`,
//! `invalid IP-literal`, since the CVE-2025-47912 fix), a `[` after the first byte is
//! `invalid IP-literal`, and for http/https URLs — which are the only ones the kubelet parses — the
//! port starts at the **first** colon, so `a:1:2` is `invalid port ":1:2" after host`. Older Go
//! took the last colon and did not look inside brackets.

use crate::gofmt;
use serde::Serialize;
use std::fmt;

/// A parsed URL: the fields of Go's `url.URL` the kubelet looks at.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Url {
    /// Lower-cased scheme.
    pub scheme: String,
    /// Opaque part (`scheme:opaque`), when the text after the scheme does not start with `/`.
    pub opaque: Vec<u8>,
    /// Whether there was a `user[:password]@` part (dropped by the kubelet).
    pub has_userinfo: bool,
    /// `host[:port]`, unescaped.
    pub host: Vec<u8>,
    /// Path, unescaped.
    pub path: Vec<u8>,
    /// Raw query (dropped by the kubelet).
    pub raw_query: Vec<u8>,
    /// Fragment, unescaped (dropped by the kubelet).
    pub fragment: Vec<u8>,
}

/// Go's `*url.Error` from `url.Parse`: `parse "<url>": <err>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UrlError {
    /// The URL text the error names (Go drops the `#fragment` unless the fragment was bad).
    pub url: String,
    /// The underlying error.
    pub err: String,
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "parse {}: {}", quote_bytes(self.url.as_bytes()), self.err)
    }
}

impl std::error::Error for UrlError {}

/// Go's `%q` of a byte string: like [`gofmt::quote`], with invalid UTF-8 bytes as `\xNN`.
pub fn quote_bytes(s: &[u8]) -> String {
    match std::str::from_utf8(s) {
        Ok(st) => gofmt::quote(st),
        Err(_) => {
            let mut out = String::from("\"");
            let mut rest = s;
            while !rest.is_empty() {
                match std::str::from_utf8(rest) {
                    Ok(st) => {
                        push_inner(&mut out, st);
                        break;
                    }
                    Err(e) => {
                        let (good, bad) = rest.split_at(e.valid_up_to());
                        push_inner(&mut out, std::str::from_utf8(good).unwrap_or_default());
                        let n = e.error_len().unwrap_or(bad.len()).max(1);
                        for b in &bad[..n] {
                            out.push_str(&format!("\\x{b:02x}"));
                        }
                        rest = &bad[n..];
                    }
                }
            }
            out.push('"');
            out
        }
    }
}

fn push_inner(out: &mut String, s: &str) {
    let q = gofmt::quote(s);
    out.push_str(&q[1..q.len() - 1]);
}

/// Lossy display of a Go byte string.
pub fn show(s: &[u8]) -> String {
    String::from_utf8_lossy(s).into_owned()
}

/// `url.Parse(raw)`.
pub fn parse(raw: &[u8]) -> Result<Url, UrlError> {
    let (u, frag) = match raw.iter().position(|&c| c == b'#') {
        Some(i) => (&raw[..i], &raw[i + 1..]),
        None => (raw, &b""[..]),
    };
    let mut url = parse_inner(u).map_err(|err| UrlError { url: show(u), err })?;
    if frag.is_empty() {
        return Ok(url);
    }
    url.fragment = unescape(frag, Mode::Fragment).map_err(|err| UrlError { url: show(raw), err })?;
    Ok(url)
}

fn parse_inner(raw: &[u8]) -> Result<Url, String> {
    if raw.iter().any(|&b| b < b' ' || b == 0x7f) {
        return Err("net/url: invalid control character in URL".into());
    }
    let mut url = Url::default();
    if raw == b"*" {
        url.path = b"*".to_vec();
        return Ok(url);
    }
    let (scheme, mut rest) = get_scheme(raw)?;
    url.scheme = show(scheme).to_ascii_lowercase();

    let question_marks = rest.iter().filter(|&&c| c == b'?').count();
    if rest.ends_with(b"?") && question_marks == 1 {
        rest = &rest[..rest.len() - 1];
    } else if let Some(i) = rest.iter().position(|&c| c == b'?') {
        url.raw_query = rest[i + 1..].to_vec();
        rest = &rest[..i];
    }

    if !rest.starts_with(b"/") {
        if !url.scheme.is_empty() {
            // Rootless paths are opaque (RFC 3986).
            url.opaque = rest.to_vec();
            return Ok(url);
        }
        let segment = rest.split(|&c| c == b'/').next().unwrap_or_default();
        if segment.contains(&b':') {
            return Err("first path segment in URL cannot contain colon".into());
        }
    }

    if (!url.scheme.is_empty() || !rest.starts_with(b"///")) && rest.starts_with(b"//") {
        let mut authority = &rest[2..];
        rest = b"";
        if let Some(i) = authority.iter().position(|&c| c == b'/') {
            rest = &authority[i..];
            authority = &authority[..i];
        }
        let (has_user, host) = parse_authority(&url.scheme, authority)?;
        url.has_userinfo = has_user;
        url.host = host;
    }
    url.path = unescape(rest, Mode::Path)?;
    Ok(url)
}

fn get_scheme(raw: &[u8]) -> Result<(&[u8], &[u8]), String> {
    for (i, &c) in raw.iter().enumerate() {
        match c {
            b'a'..=b'z' | b'A'..=b'Z' => {}
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                if i == 0 {
                    return Ok((b"", raw));
                }
            }
            b':' => {
                if i == 0 {
                    return Err("missing protocol scheme".into());
                }
                return Ok((&raw[..i], &raw[i + 1..]));
            }
            _ => return Ok((b"", raw)),
        }
    }
    Ok((b"", raw))
}

fn parse_authority(scheme: &str, authority: &[u8]) -> Result<(bool, Vec<u8>), String> {
    let at = authority.iter().rposition(|&c| c == b'@');
    let host = match at {
        Some(i) => parse_host(scheme, &authority[i + 1..])?,
        None => parse_host(scheme, authority)?,
    };
    let Some(i) = at else {
        return Ok((false, host));
    };
    let userinfo = &authority[..i];
    if !valid_userinfo(userinfo) {
        return Err("net/url: invalid userinfo".into());
    }
    match userinfo.iter().position(|&c| c == b':') {
        None => {
            unescape(userinfo, Mode::UserPassword)?;
        }
        Some(c) => {
            unescape(&userinfo[..c], Mode::UserPassword)?;
            unescape(&userinfo[c + 1..], Mode::UserPassword)?;
        }
    }
    Ok((true, host))
}

fn valid_userinfo(s: &[u8]) -> bool {
    // Go ranges over runes; every non-ASCII rune is invalid, so bytes suffice.
    s.iter().all(|&c| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'-' | b'.'
                    | b'_'
                    | b':'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'%'
                    | b'@'
            )
    })
}

fn parse_host(scheme: &str, host: &[u8]) -> Result<Vec<u8>, String> {
    let open = host.iter().rposition(|&c| c == b'[');
    if let Some(open) = open {
        if open > 0 {
            return Err("invalid IP-literal".into());
        }
        // An IP-Literal (RFC 3986, RFC 6874): "[fe80::1]", "[fe80::1%25en0]", "[fe80::1]:80".
        let Some(close) = host.iter().rposition(|&c| c == b']') else {
            return Err("missing ']' in host".into());
        };
        let colon_port = &host[close + 1..];
        if !valid_optional_port(colon_port) {
            return Err(format!("invalid port {} after host", quote_bytes(colon_port)));
        }
        let hostname = host.get(1..close).unwrap_or_default();
        let unescaped = match find(hostname, b"%25") {
            Some(z) => {
                let mut h = unescape(&hostname[..z], Mode::Host)?;
                h.extend(unescape(&hostname[z..], Mode::Zone)?);
                h
            }
            None => unescape(hostname, Mode::Host)?,
        };
        // Only a host identified by a valid IPv6 address can be enclosed in square brackets.
        match parse_addr(&unescaped) {
            Err(e) => return Err(format!("invalid host: {e}")),
            Ok(Addr::V4) => return Err("invalid IP-literal".into()),
            Ok(Addr::V6) => {}
        }
        let mut out = Vec::with_capacity(unescaped.len() + 2 + colon_port.len());
        out.push(b'[');
        out.extend(unescaped);
        out.push(b']');
        out.extend(colon_port);
        return Ok(out);
    }
    if let Some(mut i) = host.iter().position(|&c| c == b':') {
        let last = host.iter().rposition(|&c| c == b':').unwrap_or(i);
        // RFC 3986 does not allow colons in the host; Go ≥1.26 enforces it for http(s) only.
        if last != i && scheme != "http" && scheme != "https" {
            i = last;
        }
        let colon_port = &host[i..];
        if !valid_optional_port(colon_port) {
            return Err(format!("invalid port {} after host", quote_bytes(colon_port)));
        }
    }
    unescape(host, Mode::Host)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `validOptionalPort`: empty, or `:` followed by digits only.
fn valid_optional_port(port: &[u8]) -> bool {
    match port.split_first() {
        None => true,
        Some((b':', digits)) => digits.iter().all(u8::is_ascii_digit),
        Some(_) => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Path,
    Host,
    Zone,
    UserPassword,
    Fragment,
}

fn unhex(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => 0,
    }
}

/// Go's `shouldEscape(c, encodeHost)` for ASCII bytes: what may appear raw in a host.
fn host_byte_needs_escape(c: u8) -> bool {
    !(c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'"'
                | b'-'
                | b'_'
                | b'.'
                | b'~'
        ))
}

/// Go's `unescape(s, mode)`: validates `%XX` escapes (and, in hosts, the raw bytes) and decodes.
fn unescape(s: &[u8], mode: Mode) -> Result<Vec<u8>, String> {
    let mut n = 0;
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'%' => {
                n += 1;
                if i + 2 >= s.len() || !s[i + 1].is_ascii_hexdigit() || !s[i + 2].is_ascii_hexdigit() {
                    let bad = &s[i..s.len().min(i + 3)];
                    return Err(format!("invalid URL escape {}", quote_bytes(bad)));
                }
                let esc = &s[i..i + 3];
                // In a host, %-encoding is only for non-ASCII bytes (RFC 3986), except %25 in
                // IPv6 zones (RFC 6874).
                if mode == Mode::Host && unhex(s[i + 1]) < 8 && esc != b"%25" {
                    return Err(format!("invalid URL escape {}", quote_bytes(esc)));
                }
                if mode == Mode::Zone {
                    let v = (unhex(s[i + 1]) << 4) | unhex(s[i + 2]);
                    if esc != b"%25" && v != b' ' && v < 0x80 && host_byte_needs_escape(v) {
                        return Err(format!("invalid URL escape {}", quote_bytes(esc)));
                    }
                    if esc != b"%25" && v != b' ' && v >= 0x80 {
                        // shouldEscape returns true for every non-ASCII byte.
                        return Err(format!("invalid URL escape {}", quote_bytes(esc)));
                    }
                }
                i += 3;
            }
            c => {
                if matches!(mode, Mode::Host | Mode::Zone) && c < 0x80 && host_byte_needs_escape(c) {
                    return Err(format!("invalid character {} in host name", quote_bytes(&s[i..i + 1])));
                }
                i += 1;
            }
        }
    }
    if n == 0 {
        return Ok(s.to_vec());
    }
    let mut out = Vec::with_capacity(s.len() - 2 * n);
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' {
            out.push((unhex(s[i + 1]) << 4) | unhex(s[i + 2]));
            i += 3;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    Ok(out)
}

/// `net.SplitHostPort(hostport)`; the error text is Go's `*net.AddrError`.
pub fn split_host_port(hostport: &[u8]) -> Result<(&[u8], &[u8]), String> {
    let addr_err = |why: &str| Err(format!("address {}: {}", show(hostport), why));
    let Some(i) = hostport.iter().rposition(|&c| c == b':') else {
        return addr_err("missing port in address");
    };
    let (host, j, k);
    if hostport.first() == Some(&b'[') {
        let Some(end) = hostport.iter().position(|&c| c == b']') else {
            return addr_err("missing ']' in address");
        };
        if end + 1 == hostport.len() {
            return addr_err("missing port in address");
        } else if end + 1 != i {
            if hostport[end + 1] == b':' {
                return addr_err("too many colons in address");
            }
            return addr_err("missing port in address");
        }
        host = &hostport[1..end];
        j = 1;
        k = end + 1;
    } else {
        host = &hostport[..i];
        if host.contains(&b':') {
            return addr_err("too many colons in address");
        }
        j = 0;
        k = 0;
    }
    if hostport[j..].contains(&b'[') {
        return addr_err("unexpected '[' in address");
    }
    if hostport[k..].contains(&b']') {
        return addr_err("unexpected ']' in address");
    }
    Ok((host, &hostport[i + 1..]))
}

/// The family of an address accepted by `netip.ParseAddr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Addr {
    V4,
    V6,
}

fn addr_error(input: &[u8], msg: &str, at: Option<&[u8]>) -> String {
    match at {
        Some(at) if !at.is_empty() => format!("ParseAddr({}): {} (at {})", quote_bytes(input), msg, quote_bytes(at)),
        _ => format!("ParseAddr({}): {}", quote_bytes(input), msg),
    }
}

/// `netip.ParseAddr(s)`: only the accept/reject decision and Go's error text are kept.
fn parse_addr(s: &[u8]) -> Result<Addr, String> {
    for &c in s {
        match c {
            b'.' => return parse_ipv4_fields(s, s).map(|_| Addr::V4),
            b':' => return parse_ipv6(s).map(|_| Addr::V6),
            b'%' => return Err(addr_error(s, "missing IPv6 address", None)),
            _ => {}
        }
    }
    Err(addr_error(s, "unable to parse IP", None))
}

/// `parseIPv4Fields(in, off, end)` for the slice `s` of `input`.
fn parse_ipv4_fields(input: &[u8], s: &[u8]) -> Result<(), String> {
    let (mut val, mut pos, mut dig_len) = (0u32, 0, 0);
    for (i, &c) in s.iter().enumerate() {
        if c.is_ascii_digit() {
            if dig_len == 1 && val == 0 {
                return Err(addr_error(input, "IPv4 field has octet with leading zero", None));
            }
            val = val * 10 + u32::from(c - b'0');
            dig_len += 1;
            if val > 255 {
                return Err(addr_error(input, "IPv4 field has value >255", None));
            }
        } else if c == b'.' {
            if i == 0 || i == s.len() - 1 || s[i - 1] == b'.' {
                return Err(addr_error(input, "IPv4 field must have at least one digit", Some(&s[i..])));
            }
            if pos == 3 {
                return Err(addr_error(input, "IPv4 address too long", None));
            }
            pos += 1;
            val = 0;
            dig_len = 0;
        } else {
            return Err(addr_error(input, "unexpected character", Some(&s[i..])));
        }
    }
    if pos < 3 {
        return Err(addr_error(input, "IPv4 address too short", None));
    }
    Ok(())
}

fn parse_ipv6(input: &[u8]) -> Result<(), String> {
    let mut s = input;
    let mut zone_len = 0;
    if let Some(i) = input.iter().position(|&c| c == b'%') {
        let zone = &input[i + 1..];
        if zone.is_empty() {
            return Err(addr_error(input, "zone must be a non-empty string", None));
        }
        zone_len = zone.len();
        s = &input[..i];
    }
    let mut ellipsis: Option<usize> = None;
    if s.starts_with(b"::") {
        ellipsis = Some(0);
        s = &s[2..];
        if s.is_empty() {
            return Ok(());
        }
    }
    let mut i = 0;
    while i < 16 {
        let mut off = 0;
        let mut acc = 0u32;
        while off < s.len() {
            let c = s[off];
            let v = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                _ => break,
            };
            acc = (acc << 4) + u32::from(v);
            if off > 3 {
                return Err(addr_error(input, "each group must have 4 or less digits", Some(s)));
            }
            if acc > 0xFFFF {
                return Err(addr_error(input, "IPv6 field has value >=2^16", Some(s)));
            }
            off += 1;
        }
        if off == 0 {
            return Err(addr_error(input, "each colon-separated field must have at least one digit", Some(s)));
        }
        if off < s.len() && s[off] == b'.' {
            if ellipsis.is_none() && i != 12 {
                return Err(addr_error(
                    input,
                    "embedded IPv4 address must replace the final 2 fields of the address",
                    Some(s),
                ));
            }
            if i + 4 > 16 {
                return Err(addr_error(
                    input,
                    "too many hex fields to fit an embedded IPv4 at the end of the address",
                    Some(s),
                ));
            }
            let end = input.len() - if zone_len > 0 { zone_len + 1 } else { 0 };
            parse_ipv4_fields(input, &input[end - s.len()..end])?;
            s = b"";
            i += 4;
            break;
        }
        i += 2;
        s = &s[off..];
        if s.is_empty() {
            break;
        }
        if s[0] != b':' {
            return Err(addr_error(input, "unexpected character, want colon", Some(s)));
        } else if s.len() == 1 {
            return Err(addr_error(input, "colon must be followed by more characters", Some(s)));
        }
        s = &s[1..];
        if s[0] == b':' {
            if ellipsis.is_some() {
                return Err(addr_error(input, "multiple :: in address", Some(s)));
            }
            ellipsis = Some(i);
            s = &s[1..];
            if s.is_empty() {
                break;
            }
        }
    }
    if !s.is_empty() {
        return Err(addr_error(input, "trailing garbage after address", Some(s)));
    }
    if i < 16 {
        if ellipsis.is_none() {
            return Err(addr_error(input, "address string too short", None));
        }
    } else if ellipsis.is_some() {
        return Err(addr_error(input, "the :: must expand to at least one field of zeros", Some(s)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Result<(String, String), String> {
        parse(s.as_bytes()).map(|u| (show(&u.host), show(&u.path))).map_err(|e| e.to_string())
    }

    #[test]
    fn hosts_and_paths() {
        assert_eq!(p("https://quay.io/v1/"), Ok(("quay.io".into(), "/v1/".into())));
        assert_eq!(p("https://*.docker.io/path:1111"), Ok(("*.docker.io".into(), "/path:1111".into())));
        assert_eq!(p("https://u:p@host.io:5000/a?x=1#f"), Ok(("host.io:5000".into(), "/a".into())));
        assert_eq!(p("https://HTTPS://foo.io"), Ok(("HTTPS:".into(), "//foo.io".into())));
        assert_eq!(p("https://ftp://foo.io"), Ok(("ftp:".into(), "//foo.io".into())));
        assert_eq!(p("https://foo.io/a%2Fb"), Ok(("foo.io".into(), "/a/b".into())));
        assert_eq!(p("https://%C3%A9.io"), Ok(("é.io".into(), "".into())));
        assert_eq!(p("https://foo.io?"), Ok(("foo.io".into(), "".into())));
        assert_eq!(p("https://[::1]:5000/x"), Ok(("[::1]:5000".into(), "/x".into())));
        assert_eq!(p("https://foo.io:/x"), Ok(("foo.io:".into(), "/x".into())));
    }

    #[test]
    fn errors_read_like_go() {
        assert_eq!(p("https://foo:abc").unwrap_err(), r#"parse "https://foo:abc": invalid port ":abc" after host"#);
        assert_eq!(p("https://a:1:2").unwrap_err(), r#"parse "https://a:1:2": invalid port ":1:2" after host"#);
        assert_eq!(p("https://a b").unwrap_err(), r#"parse "https://a b": invalid character " " in host name"#);
        assert_eq!(p("https://a%2eb").unwrap_err(), r#"parse "https://a%2eb": invalid URL escape "%2e""#);
        assert_eq!(p("https://a/%zz").unwrap_err(), r#"parse "https://a/%zz": invalid URL escape "%zz""#);
        assert_eq!(p("https://a/b#%z").unwrap_err(), r#"parse "https://a/b#%z": invalid URL escape "%z""#);
        assert_eq!(
            p("https://a\tb").unwrap_err(),
            r#"parse "https://a\tb": net/url: invalid control character in URL"#
        );
        assert_eq!(p("https://a{b").unwrap_err(), r#"parse "https://a{b": invalid character "{" in host name"#);
        assert_eq!(p("https://a\\b").unwrap_err(), r#"parse "https://a\\b": invalid character "\\" in host name"#);
        assert_eq!(p("https://u^@a").unwrap_err(), r#"parse "https://u^@a": net/url: invalid userinfo"#);
        assert_eq!(p("https://[::1").unwrap_err(), r#"parse "https://[::1": missing ']' in host"#);
        assert_eq!(p("https://[1.2.3.4]").unwrap_err(), r#"parse "https://[1.2.3.4]": invalid IP-literal"#);
        assert_eq!(p("https://a[::1]").unwrap_err(), r#"parse "https://a[::1]": invalid IP-literal"#);
        assert_eq!(
            p("https://[foo]").unwrap_err(),
            r#"parse "https://[foo]": invalid host: ParseAddr("foo"): unable to parse IP"#
        );
        assert_eq!(p("https://[::1]x").unwrap_err(), r#"parse "https://[::1]x": invalid port "x" after host"#);
    }

    #[test]
    fn split_host_port_like_go() {
        let ok = |s: &str| split_host_port(s.as_bytes()).map(|(h, p)| (show(h), show(p)));
        assert_eq!(ok("a.io:5000"), Ok(("a.io".into(), "5000".into())));
        assert_eq!(ok("a.io:"), Ok(("a.io".into(), "".into())));
        assert_eq!(ok("[::1]:80"), Ok(("::1".into(), "80".into())));
        assert_eq!(ok("a.io"), Err("address a.io: missing port in address".into()));
        assert_eq!(ok("[::1]"), Err("address [::1]: missing port in address".into()));
        assert!(ok("a:b:c").is_err());
    }

    #[test]
    fn netip_like_go() {
        assert!(parse_addr(b"::1").is_ok());
        assert!(parse_addr(b"fe80::1%en0").is_ok());
        assert!(parse_addr(b"::ffff:1.2.3.4").is_ok());
        assert_eq!(parse_addr(b"1.2.3.4"), Ok(Addr::V4));
        assert_eq!(parse_addr(b"1:2").unwrap_err(), r#"ParseAddr("1:2"): address string too short"#);
        assert_eq!(parse_addr(b"1::2::3").unwrap_err(), r#"ParseAddr("1::2::3"): multiple :: in address (at ":3")"#);
        assert_eq!(
            parse_addr(b"01.2.3.4").unwrap_err(),
            r#"ParseAddr("01.2.3.4"): IPv4 field has octet with leading zero"#
        );
    }
}
