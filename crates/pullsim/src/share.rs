//! Share links (issue 5 "Share", issue 6 "Secret hygiene"): a whole [`Scenario`] in a compact,
//! versioned string for a URL fragment, and back.
//!
//! Format `v1.<base64url>`: the base64url (no padding) of the scenario as minified JSON with every
//! field that equals its default left out. Decoding fills the defaults back in, so
//! `decode(encode(s)) == s` for every scenario (the examples are tested). The 14 examples give links of
//! 558–1,650 characters (stripped). Not compressed: raw deflate would halve them (381–735), but
//! `miniz_oxide` deflate + inflate adds 59 KB of wasm (24 KB gzipped; inflate alone 29 KB / 13 KB),
//! measured in a release cdylib like the page's; the version prefix leaves room for a `v2.` that does.
//!
//! Credentials are stripped unless the caller opts in ([`ShareOptions::include_credentials`]).
//! Stripping keeps the structure — registry keys, user names, e-mails, secret names — and replaces
//! every password, `auth` value, token and unknown config value with [`REMOVED`] (an `auth` field
//! becomes `base64(username:` [`REMOVED`]`)`, so the kubelet still reads the user name and the
//! simulation shows a refused pull instead of a decoding error). The page shows [`REMOVED`] as
//! "removed"; [`removed_credentials`] counts them. Decoding never adds anything: a decoded scenario
//! holds only what the link holds.
//!
//! Hostile links: at most [`MAX_SHARE_LINK_BYTES`] are read; decoding is linear, never panics
//! and every error says what is wrong ([`ShareError`]).

use crate::creds::base64;
use crate::creds::config::{decode_auth_field, encode_auth_field, fold_eq};
use crate::sim::scenario::{Repository, Scenario};
use serde_json::{Map, Value};
use std::fmt;

/// The version prefix of links this code writes.
pub const SHARE_PREFIX: &str = "v1.";

/// The longest link [`decode`] reads (bytes after any leading `#`). Browsers keep URLs of a few
/// megabytes; a link this long already holds a ~1.5 MiB scenario.
pub const MAX_SHARE_LINK_BYTES: usize = 2 * 1024 * 1024;

/// What a stripped credential is replaced with.
pub const REMOVED: &str = "(removed from share link)";

/// How to encode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ShareOptions {
    /// Keep passwords, `auth` values and tokens in the link. Off by default: the user must tick
    /// "include credentials".
    pub include_credentials: bool,
}

/// Why a link could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// Longer than [`MAX_SHARE_LINK_BYTES`].
    TooLong { len: usize },
    /// Not a `v1.` link (another version, or not a pullsim link at all).
    Version { found: String },
    /// A character outside the base64url alphabet, at this byte offset of the payload.
    Base64 { offset: usize },
    /// The payload is not a scenario.
    Scenario { message: String },
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::TooLong { len } => write!(
                f,
                "share link of {len} bytes is longer than {MAX_SHARE_LINK_BYTES} (MAX_SHARE_LINK_BYTES): refused"
            ),
            ShareError::Version { found } if found.is_empty() => {
                write!(f, "not a pullsim share link: it should start with {SHARE_PREFIX:?}")
            }
            ShareError::Version { found } => {
                write!(f, "share link version {found:?} is not supported (this pullsim reads {SHARE_PREFIX:?} links)")
            }
            ShareError::Base64 { offset } => {
                write!(f, "share link is damaged: invalid character at byte {offset} of its data")
            }
            ShareError::Scenario { message } => write!(f, "share link does not hold a valid scenario: {message}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// Encodes a scenario as `v1.<base64url>`, without credentials unless opted in.
pub fn encode(scenario: &Scenario, options: ShareOptions) -> String {
    let stripped;
    let scenario = if options.include_credentials {
        scenario
    } else {
        stripped = strip_credentials(scenario);
        &stripped
    };
    let json = serde_json::to_value(scenario).map(compact).unwrap_or(Value::Null);
    let text = serde_json::to_string(&json).unwrap_or_default();
    let mut out = String::with_capacity(SHARE_PREFIX.len() + text.len().div_ceil(3) * 4);
    out.push_str(SHARE_PREFIX);
    encode_base64url(text.as_bytes(), &mut out);
    out
}

/// Decodes a link made by [`encode`] (a leading `#` is ignored). Bounded by
/// [`MAX_SHARE_LINK_BYTES`]; never panics.
pub fn decode(link: &str) -> Result<Scenario, ShareError> {
    let link = link.strip_prefix('#').unwrap_or(link);
    if link.len() > MAX_SHARE_LINK_BYTES {
        return Err(ShareError::TooLong { len: link.len() });
    }
    let Some(payload) = link.strip_prefix(SHARE_PREFIX) else {
        let found = match link.split_once('.') {
            Some((v, _)) if v.len() <= 16 && v.starts_with('v') => v.to_owned(),
            _ => String::new(),
        };
        return Err(ShareError::Version { found });
    };
    let bytes = decode_base64url(payload.trim_end()).map_err(|offset| ShareError::Base64 { offset })?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| ShareError::Scenario { message: e.to_string() })?;
    serde_json::from_value(value).map_err(|e| ShareError::Scenario { message: e.to_string() })
}

/// The scenario with every credential replaced by [`REMOVED`] (see the module docs). Idempotent.
pub fn strip_credentials(scenario: &Scenario) -> Scenario {
    let mut s = scenario.clone();
    if let Some(config) = &s.node.config_json {
        s.node.config_json = Some(strip_config_text(config));
    }
    for secret in &mut s.secrets {
        if let Some(config) = &secret.dockerconfigjson {
            secret.dockerconfigjson = Some(strip_config_text(config));
        }
        for value in secret.data.values_mut() {
            *value = match base64::decode_std(value.as_bytes()) {
                Ok(bytes) => base64::encode_std(strip_config_text(&String::from_utf8_lossy(&bytes)).as_bytes()),
                Err(_) => base64::encode_std(REMOVED.as_bytes()),
            };
        }
    }
    for repo in s.registry.repositories.values_mut() {
        for account in &mut repo.credentials {
            account.password = removed_unless_empty(&account.password);
        }
    }
    for provider in &mut s.providers {
        for account in provider.auth.values_mut() {
            account.password = removed_unless_empty(&account.password);
        }
    }
    s
}

/// How many credentials of this scenario were removed by a share link (for a "N credentials were
/// removed" notice).
pub fn removed_credentials(scenario: &Scenario) -> usize {
    secret_values(scenario).iter().filter(|v| v.as_str() == REMOVED || v.ends_with(&format!(":{REMOVED}"))).count()
}

/// How many `Secret` objects are pasted into the workload text itself. Stripping does not rewrite
/// the workload (it is the user's text, positions and all), so the page should warn before
/// sharing one: their `data` would travel in the link.
pub fn secrets_in_workload(scenario: &Scenario) -> usize {
    crate::workload::load(&scenario.workload).skipped.iter().filter(|s| s.kind == "Secret").count()
}

/// Every secret value of a scenario, in clear: passwords of accounts, and each password, `auth`
/// (decoded when it decodes), token or other non-identity value in the node config and secrets.
/// Tests and fuzzers use it to prove that stripping leaves nothing but [`REMOVED`].
pub fn secret_values(scenario: &Scenario) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(config) = &scenario.node.config_json {
        config_secrets(config, &mut out);
    }
    for secret in &scenario.secrets {
        if let Some(config) = &secret.dockerconfigjson {
            config_secrets(config, &mut out);
        }
        for value in secret.data.values() {
            match base64::decode_std(value.as_bytes()) {
                Ok(bytes) => config_secrets(&String::from_utf8_lossy(&bytes), &mut out),
                Err(_) => out.push(value.clone()),
            }
        }
    }
    let accounts = scenario.registry.repositories.values().flat_map(|r| r.credentials.iter());
    let accounts = accounts.chain(scenario.providers.iter().flat_map(|p| p.auth.values()));
    out.extend(accounts.map(|a| a.password.clone()).filter(|p| !p.is_empty()));
    out
}

fn removed_unless_empty(secret: &str) -> String {
    if secret.is_empty() {
        String::new()
    } else {
        REMOVED.to_owned()
    }
}

/// Fields of a config entry that identify, and are kept.
fn is_identity_field(key: &str) -> bool {
    fold_eq(key, "username") || fold_eq(key, "email")
}

/// Strips a config.json / .dockercfg text. Text that is not JSON is removed whole: what cannot be
/// read cannot be proven safe.
fn strip_config_text(text: &str) -> String {
    match serde_json::from_str::<Value>(text) {
        Ok(mut v) => {
            strip_value(&mut v);
            serde_json::to_string(&v).unwrap_or_else(|_| REMOVED.to_owned())
        }
        Err(_) => REMOVED.to_owned(),
    }
}

/// Keeps object keys, user names and e-mails; an `auth` keeps its user name; every other leaf
/// becomes [`REMOVED`]. serde_json bounds nesting at 128 levels, so the recursion is bounded.
fn strip_value(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match value {
                    Value::Object(_) | Value::Array(_) => strip_value(value),
                    Value::String(_) if is_identity_field(key) => {}
                    Value::String(s) if fold_eq(key, "auth") => {
                        *s = match decode_auth_field(s) {
                            Ok((user, _)) => encode_auth_field(&user, REMOVED),
                            Err(_) => REMOVED.to_owned(),
                        }
                    }
                    Value::Null => {}
                    _ => *value = Value::String(REMOVED.to_owned()),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_value),
        Value::Null => {}
        _ => *v = Value::String(REMOVED.to_owned()),
    }
}

/// The secret leaves [`strip_value`] would replace, in clear (`auth` decoded to `user:password`).
fn config_secrets(text: &str, out: &mut Vec<String>) {
    fn walk(v: &Value, key: Option<&str>, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => map.iter().for_each(|(k, v)| walk(v, Some(k), out)),
            Value::Array(items) => items.iter().for_each(|i| walk(i, None, out)),
            Value::Null => {}
            Value::String(_) if key.is_some_and(is_identity_field) => {}
            Value::String(s) if key.is_some_and(|k| fold_eq(k, "auth")) => match decode_auth_field(s) {
                Ok((user, pass)) => out.push(format!("{user}:{pass}")),
                Err(_) => out.push(s.clone()),
            },
            Value::String(s) => out.push(s.clone()),
            other => out.push(other.to_string()),
        }
    }
    match serde_json::from_str::<Value>(text) {
        Ok(v) => walk(&v, None, out),
        Err(_) => out.push(text.to_owned()),
    }
}

/// The scenario's JSON without the fields that equal their defaults.
fn compact(mut v: Value) -> Value {
    let defaults = serde_json::to_value(Scenario::with_workload(String::new())).unwrap_or(Value::Null);
    let repo_default = serde_json::to_value(Repository::default()).unwrap_or(Value::Null);
    if let Some(repos) = v.pointer_mut("/registry/repositories").and_then(Value::as_object_mut) {
        for repo in repos.values_mut() {
            prune(repo, &repo_default);
        }
    }
    prune_each(&mut v, "/node/images", &[("pulledWith", "preloaded")]);
    prune_each(&mut v, "/secrets", &[("namespace", "default"), ("type", "kubernetes.io/dockerconfigjson")]);
    if let Some(repos) = v.pointer_mut("/registry/repositories").and_then(Value::as_object_mut) {
        for faults in repos.values_mut().filter_map(|r| r.get_mut("faults")).filter_map(Value::as_array_mut) {
            for fault in faults.iter_mut().filter_map(Value::as_object_mut) {
                if fault.get("from").and_then(Value::as_f64) == Some(0.0) {
                    fault.remove("from");
                }
            }
        }
    }
    if let Some(providers) = v.get_mut("providers").and_then(Value::as_array_mut) {
        for p in providers.iter_mut().filter_map(Value::as_object_mut) {
            if p.get("auth").and_then(Value::as_object).is_some_and(Map::is_empty) {
                p.remove("auth");
            }
        }
    }
    prune(&mut v, &defaults);
    // `workload` has no default: an empty one equals the defaults' and must stay (a fuzz finding).
    if let (Some(map), Some(workload)) = (v.as_object_mut(), defaults.get("workload")) {
        map.entry("workload").or_insert_with(|| workload.clone());
    }
    v
}

/// Removes from `v` every member equal to the same member of `default`, recursively.
fn prune(v: &mut Value, default: &Value) {
    let (Some(map), Some(defaults)) = (v.as_object_mut(), default.as_object()) else { return };
    for (key, d) in defaults {
        let Some(value) = map.get_mut(key) else { continue };
        if value == d {
            map.remove(key);
        } else if value.is_object() && d.is_object() {
            prune(value, d);
        }
    }
}

/// In each object of the array at `pointer`, removes the members equal to their string default.
fn prune_each(v: &mut Value, pointer: &str, defaults: &[(&str, &str)]) {
    let Some(items) = v.pointer_mut(pointer).and_then(Value::as_array_mut) else { return };
    for item in items.iter_mut().filter_map(Value::as_object_mut) {
        for (key, d) in defaults {
            if item.get(*key).and_then(Value::as_str) == Some(d) {
                item.remove(*key);
            }
        }
    }
}

const URL_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn url_char(six_bits: u32) -> char {
    URL_ALPHABET.get((six_bits & 0x3f) as usize).map_or('A', |&b| b as char)
}

fn encode_base64url(src: &[u8], out: &mut String) {
    for chunk in src.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let v = (b(0) << 16) | (b(1) << 8) | b(2);
        for i in 0..=chunk.len() {
            out.push(url_char(v >> (18 - 6 * i)));
        }
    }
}

fn url_value(c: u8) -> Option<u32> {
    let v = match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    };
    Some(u32::from(v))
}

/// Unpadded base64url; the error is the offset of the first bad character (a lone final
/// character is bad: it cannot hold a byte).
fn decode_base64url(src: &str) -> Result<Vec<u8>, usize> {
    let src = src.as_bytes();
    let mut out = Vec::with_capacity(src.len() / 4 * 3 + 2);
    for (n, chunk) in src.chunks(4).enumerate() {
        let mut v = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            v |= url_value(c).ok_or(n * 4 + i)? << (18 - 6 * i);
        }
        match chunk.len() {
            4 => out.extend_from_slice(&[(v >> 16) as u8, (v >> 8) as u8, v as u8]),
            3 => out.extend_from_slice(&[(v >> 16) as u8, (v >> 8) as u8]),
            2 => out.push((v >> 16) as u8),
            _ => return Err(n * 4),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..40u8 {
            let data: Vec<u8> = (0..len).map(|i| i.wrapping_mul(37).wrapping_add(200)).collect();
            let mut s = String::new();
            encode_base64url(&data, &mut s);
            assert!(!s.contains('=') && !s.contains('+') && !s.contains('/'));
            assert_eq!(decode_base64url(&s), Ok(data));
        }
        assert_eq!(decode_base64url("QUJD!"), Err(4));
        assert_eq!(decode_base64url("QUJDR"), Err(4));
    }
}
