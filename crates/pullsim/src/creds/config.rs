//! Reading `.dockerconfigjson` / `config.json` and legacy `.dockercfg` exactly as the kubelet's
//! `pkg/credentialprovider/config.go` does with Go's `encoding/json` (SPEC §5.1).
//!
//! Go rules replayed here: object members are decoded in document order; field names match
//! case-insensitively (Go's fold: `Username`, `AUTH`… and `ſ` for `s`); unknown fields are
//! ignored; `null` leaves a field unset; a value of the wrong JSON type is a type error that
//! fails the whole unmarshal; a bad `auth` aborts decoding at once. Duplicate keys: the later
//! value wins (Go assigns map entries in order); we keep the entry at its first position.

use super::base64::{self, CorruptInputError};
use super::credential::{Credential, Masked};
use super::json::{self, go_string, Json, SyntaxError};
use super::rules;
use crate::rules::Rule;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// Which file format a text is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ConfigFormat {
    /// `{"auths": {...}}`: `.dockerconfigjson` secrets and the node's `config.json`.
    DockerConfigJson,
    /// The bare `{key: entry}` map: legacy `.dockercfg` secrets and files.
    Dockercfg,
}

/// A field the kubelet does not read, and why that matters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IgnoredField {
    /// The field name as written.
    pub name: String,
    /// Why it is ignored / what the kubelet does instead.
    pub reason: String,
    /// The rule behind it.
    pub rule: Rule,
}

/// One `auths` entry after decoding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigEntry {
    /// The key exactly as written (`https://index.docker.io/v1/`, `*.example.com/team`…).
    pub key: String,
    /// The credential the kubelet keeps (from `auth` if present, else `username`/`password`).
    pub credential: Credential,
    /// The `auth` field as written, masked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth: Option<Masked>,
    /// Whether `auth` overrode explicit `username`/`password` fields.
    pub auth_overrode_fields: bool,
    /// Fields present but not read by the kubelet.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ignored: Vec<IgnoredField>,
}

/// A decoded config: the entries in document order plus what was ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DockerConfig {
    /// The format the text was read as.
    pub format: ConfigFormat,
    /// `auths` entries in document order.
    pub entries: Vec<ConfigEntry>,
    /// Top-level fields the kubelet does not read (`credsStore`, `credHelpers`, `HttpHeaders`…).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ignored: Vec<IgnoredField>,
}

/// Why an `auth` field could not be decoded (`decodeDockerConfigFieldAuth`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum AuthError {
    /// Not valid base64 (padded when the trimmed value ends in `=`, unpadded otherwise).
    Base64 {
        /// Go's byte offset.
        offset: usize,
    },
    /// The decoded text has no `:`.
    MissingColon,
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthError::Base64 { offset } => CorruptInputError(*offset).fmt(f),
            AuthError::MissingColon => {
                f.write_str("unable to parse auth field, must be formatted as base64(username:password)")
            }
        }
    }
}

/// Why a config could not be decoded. `Display` is the error text the kubelet reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ConfigError {
    /// Not JSON at all. (Go's own text differs — `invalid character … looking for beginning of
    /// value` — we keep serde_json's, which gives the line and column.)
    Syntax(SyntaxError),
    /// A value of the wrong JSON type (Go's `UnmarshalTypeError` text).
    Type {
        /// Go's message.
        message: String,
    },
    /// An `auth` field that does not decode; it fails the whole file or secret.
    Auth {
        /// The `auths` key whose entry is bad.
        key: String,
        /// What is wrong.
        error: AuthError,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Syntax(e) => e.fmt(f),
            ConfigError::Type { message } => f.write_str(message),
            ConfigError::Auth { error, .. } => error.fmt(f),
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    /// The rule a learner should read about this error.
    pub fn rule(&self) -> Rule {
        match self {
            ConfigError::Auth { .. } => rules::AUTH_FIELD,
            _ => rules::CONFIG_FORMATS,
        }
    }
}

/// `decodeDockerConfigFieldAuth`: base64 (padded if the trimmed value ends in `=`, else unpadded —
/// current config.go; older versions accepted padded only), split at the first `:`.
pub fn decode_auth_field(field: &str) -> Result<(String, String), AuthError> {
    let decoded = if field.trim().ends_with('=') {
        base64::decode_std(field.as_bytes())
    } else {
        base64::decode_raw_std(field.as_bytes())
    }
    .map_err(|e| AuthError::Base64 { offset: e.0 })?;
    // Go keeps raw bytes; a Rust String cannot, so invalid UTF-8 shows as U+FFFD.
    let text = String::from_utf8_lossy(&decoded);
    match text.split_once(':') {
        Some((user, pass)) => Ok((user.to_owned(), pass.to_owned())),
        None => Err(AuthError::MissingColon),
    }
}

/// `encodeDockerConfigFieldAuth`: padded base64 of `username:password`.
pub fn encode_auth_field(username: &str, password: &str) -> String {
    base64::encode_std(format!("{username}:{password}").as_bytes())
}

/// `DockerConfigEntry.MarshalJSON`: `{"username","password","email","auth"}` with empty fields
/// omitted, in that order, as Go's `json.Marshal` writes it.
pub fn marshal_entry(credential: &Credential) -> String {
    let mut fields = Vec::new();
    let pass = credential.password.reveal();
    for (name, value) in [("username", credential.username.as_str()), ("password", pass), ("email", &credential.email)]
    {
        if !value.is_empty() {
            fields.push(format!("\"{name}\":{}", go_string(value)));
        }
    }
    fields.push(format!("\"auth\":{}", go_string(&encode_auth_field(&credential.username, pass))));
    format!("{{{}}}", fields.join(","))
}

/// Reads `text` as `{"auths": {...}}` (a `.dockerconfigjson` or `config.json`).
pub fn parse_docker_config_json(text: &str) -> Result<DockerConfig, ConfigError> {
    let value = json::parse(text).map_err(ConfigError::Syntax)?;
    decode_docker_config_json(&value)
}

/// Reads `text` as the legacy bare map (`.dockercfg`).
pub fn parse_dockercfg(text: &str) -> Result<DockerConfig, ConfigError> {
    let value = json::parse(text).map_err(ConfigError::Syntax)?;
    decode_dockercfg(&value)
}

/// Reads `text` in the given format.
pub fn parse_config(text: &str, format: ConfigFormat) -> Result<DockerConfig, ConfigError> {
    match format {
        ConfigFormat::DockerConfigJson => parse_docker_config_json(text),
        ConfigFormat::Dockercfg => parse_dockercfg(text),
    }
}

/// Go's field-name fold (`bytes.EqualFold` semantics for the names we need): ASCII letters
/// case-insensitively, `ſ` (U+017F) as `s`, `K` (U+212A) as `k`.
pub(crate) fn fold_eq(written: &str, field: &str) -> bool {
    let mut w = written.chars();
    let mut f = field.chars();
    loop {
        match (w.next(), f.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) => {
                let a = match a {
                    '\u{17f}' => 's',
                    '\u{212a}' => 'k',
                    c => c.to_ascii_lowercase(),
                };
                if a != b.to_ascii_lowercase() {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

fn type_error(value: &Json, strukt: &str, field: &str, ty: &str) -> ConfigError {
    let message = if strukt.is_empty() && field.is_empty() {
        format!("json: cannot unmarshal {} into Go value of type {ty}", value.kind())
    } else {
        format!("json: cannot unmarshal {} into Go struct field {strukt}.{field} of type {ty}", value.kind())
    };
    ConfigError::Type { message }
}

/// Where an entry sits, for Go's error context (`DockerConfigJSON.auths.<field>`).
#[derive(Clone, Copy)]
enum Context {
    TopLevelMap,
    AuthsField,
}

fn top_level_note(name: &str) -> IgnoredField {
    let lower = name.to_ascii_lowercase();
    let reason = match lower.as_str() {
        "credsstore" | "credhelpers" => format!(
            "`{name}` names a Docker credential helper; the kubelet never runs Docker credential helpers — \
             use a kubelet credential provider plugin instead"
        ),
        "httpheaders" => "`HttpHeaders` is read but not used for matching or pulling".to_owned(),
        _ => format!("`{name}` is not read by the kubelet (only `auths` is)"),
    };
    IgnoredField { name: name.to_owned(), reason, rule: rules::CONFIG_FORMATS }
}

fn entry_note(name: &str) -> IgnoredField {
    let lower = name.to_ascii_lowercase();
    let reason = match lower.as_str() {
        "identitytoken" => "`identitytoken` is ignored: the kubelet reads only username, password, email and auth, \
                            so an OAuth identity token from `docker login` is never sent"
            .to_owned(),
        "registrytoken" => "`registrytoken` is ignored: the kubelet reads only username, password, email and auth, \
                            so a bearer registry token is never sent"
            .to_owned(),
        "serveraddress" => "`serveraddress` is ignored: the key of the entry is what is matched".to_owned(),
        _ => format!("`{name}` is not read by the kubelet"),
    };
    IgnoredField { name: name.to_owned(), reason, rule: rules::ENTRY_FIELDS }
}

/// `json.Unmarshal` into `DockerConfigJSON`.
pub(crate) fn decode_docker_config_json(value: &Json) -> Result<DockerConfig, ConfigError> {
    let mut out = DockerConfig { format: ConfigFormat::DockerConfigJson, entries: Vec::new(), ignored: Vec::new() };
    let members = match value {
        Json::Null => return Ok(out),
        Json::Object(m) => m,
        other => return Err(type_error(other, "", "", "credentialprovider.DockerConfigJSON")),
    };
    let mut saved: Option<ConfigError> = None;
    let mut seen = HashMap::new();
    for (name, v) in members {
        if fold_eq(name, "auths") {
            match v {
                Json::Null => {
                    // null sets the map to nil.
                    out.entries.clear();
                    seen.clear();
                }
                Json::Object(entries) => {
                    for (key, ev) in entries {
                        let entry = decode_entry(key, ev, Context::AuthsField)?;
                        upsert(&mut out.entries, &mut seen, entry);
                    }
                }
                other => {
                    saved.get_or_insert_with(|| {
                        type_error(other, "DockerConfigJSON", "auths", "credentialprovider.DockerConfig")
                    });
                }
            }
        } else if fold_eq(name, "HttpHeaders") {
            match v {
                Json::Null => {}
                Json::Object(headers) => {
                    for (_, hv) in headers {
                        if !matches!(hv, Json::String(_) | Json::Null) {
                            saved.get_or_insert_with(|| type_error(hv, "DockerConfigJSON", "HttpHeaders", "string"));
                        }
                    }
                }
                other => {
                    saved.get_or_insert_with(|| {
                        type_error(other, "DockerConfigJSON", "HttpHeaders", "map[string]string")
                    });
                }
            }
            out.ignored.push(top_level_note(name));
        } else {
            out.ignored.push(top_level_note(name));
        }
    }
    if let Some(e) = saved {
        return Err(e);
    }
    Ok(out)
}

/// `json.Unmarshal` into `DockerConfig` (the legacy map).
pub(crate) fn decode_dockercfg(value: &Json) -> Result<DockerConfig, ConfigError> {
    let mut out = DockerConfig { format: ConfigFormat::Dockercfg, entries: Vec::new(), ignored: Vec::new() };
    match value {
        Json::Null => Ok(out),
        Json::Object(entries) => {
            let mut seen = HashMap::new();
            for (key, ev) in entries {
                let entry = decode_entry(key, ev, Context::TopLevelMap)?;
                upsert(&mut out.entries, &mut seen, entry);
            }
            Ok(out)
        }
        other => Err(type_error(other, "", "", "credentialprovider.DockerConfig")),
    }
}

/// A later duplicate key replaces the earlier entry in place. `seen` maps keys to their index, so
/// a config of 100,000 keys decodes in linear time (issue 6), not quadratic.
fn upsert(entries: &mut Vec<ConfigEntry>, seen: &mut HashMap<String, usize>, entry: ConfigEntry) {
    match seen.get(&entry.key).and_then(|&i| entries.get_mut(i)) {
        Some(slot) => *slot = entry,
        None => {
            seen.insert(entry.key.clone(), entries.len());
            entries.push(entry);
        }
    }
}

/// `json.Unmarshal(text, &DockerConfigEntry{})` with Go's partial results: the entry as Go leaves
/// it, and the error if any. On a type error nothing is assigned; on a bad `auth` the e-mail is
/// kept and the user name and password are empty (upstream `TestDockerConfigEntryJSONDecode`).
pub fn unmarshal_entry(text: &str) -> (Credential, Option<ConfigError>) {
    match json::parse(text) {
        Err(e) => (Credential::default(), Some(ConfigError::Syntax(e))),
        Ok(v) => {
            let (entry, err) = decode_entry_go("", &v, Context::TopLevelMap);
            (entry.credential, err)
        }
    }
}

/// `DockerConfigEntry.UnmarshalJSON`, failing on the first error.
fn decode_entry(key: &str, value: &Json, ctx: Context) -> Result<ConfigEntry, ConfigError> {
    match decode_entry_go(key, value, ctx) {
        (entry, None) => Ok(entry),
        (_, Some(e)) => Err(e),
    }
}

/// `DockerConfigEntry.UnmarshalJSON`: the entry as Go leaves it, and the error.
fn decode_entry_go(key: &str, value: &Json, ctx: Context) -> (ConfigEntry, Option<ConfigError>) {
    const ENTRY_TYPE: &str = "credentialprovider.dockerConfigEntryWithAuth";
    const FIELDS: [&str; 4] = ["username", "password", "email", "auth"];
    let mut fields: [Option<String>; 4] = Default::default();
    let mut saw_user_or_pass = false;
    let mut ignored = Vec::new();
    let mut inner_error: Option<(&Json, &'static str, &'static str)> = None;
    match value {
        Json::Null => {}
        Json::Object(members) => {
            for (name, v) in members {
                let Some(idx) = FIELDS.iter().position(|f| fold_eq(name, f)) else {
                    ignored.push(entry_note(name));
                    continue;
                };
                match v {
                    Json::String(s) => {
                        if idx < 2 && !s.is_empty() {
                            saw_user_or_pass = true;
                        }
                        if let Some(field) = fields.get_mut(idx) {
                            *field = Some(s.clone());
                        }
                    }
                    Json::Null => {}
                    other => {
                        let field = FIELDS.get(idx).copied().unwrap_or_default();
                        inner_error.get_or_insert((other, "dockerConfigEntryWithAuth", field));
                    }
                }
            }
        }
        other => inner_error = Some((other, "", "")),
    }
    let mut entry = ConfigEntry {
        key: key.to_owned(),
        credential: Credential::default(),
        auth: None,
        auth_overrode_fields: false,
        ignored,
    };
    if let Some((v, strukt, field)) = inner_error {
        let ty = if strukt.is_empty() { ENTRY_TYPE } else { "string" };
        // The outer decoder rewrites the context when the entry sits under `auths`.
        let err = match ctx {
            Context::TopLevelMap => type_error(v, strukt, field, ty),
            Context::AuthsField => {
                let f = if field.is_empty() { "auths".to_owned() } else { format!("auths.{field}") };
                type_error(v, "DockerConfigJSON", &f, ty)
            }
        };
        return (entry, Some(err));
    }
    let [username, password, email, auth] = fields.map(Option::unwrap_or_default);
    entry.credential = Credential::new(username, password, email);
    if auth.is_empty() {
        return (entry, None);
    }
    entry.auth = Some(Masked::new(auth.clone()));
    match decode_auth_field(&auth) {
        Ok((user, pass)) => {
            entry.auth_overrode_fields = saw_user_or_pass;
            entry.credential.username = user;
            entry.credential.password = Masked::new(pass);
            (entry, None)
        }
        Err(error) => {
            entry.credential.username.clear();
            entry.credential.password = Masked::default();
            (entry, Some(ConfigError::Auth { key: key.to_owned(), error }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_overrides_and_unpadded() {
        let c = parse_docker_config_json(
            r#"{"auths":{"a.io":{"username":"x","password":"y","auth":"cGluZzpwb25n"},"b.io":{"auth":"Zm9vOmJhcg"}}}"#,
        )
        .unwrap();
        assert_eq!(c.entries[0].credential.username, "ping");
        assert_eq!(c.entries[0].credential.password.reveal(), "pong");
        assert!(c.entries[0].auth_overrode_fields);
        assert_eq!(c.entries[1].credential.username, "foo");
    }

    #[test]
    fn go_type_errors() {
        let e = parse_docker_config_json(r#"{"auths":{"a":{"email":false}}}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "json: cannot unmarshal bool into Go struct field DockerConfigJSON.auths.email of type string"
        );
        let e = parse_dockercfg(r#"{"a":{"email":false}}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "json: cannot unmarshal bool into Go struct field dockerConfigEntryWithAuth.email of type string"
        );
        let e = parse_docker_config_json(r#"[]"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "json: cannot unmarshal array into Go value of type credentialprovider.DockerConfigJSON"
        );
        let e = parse_docker_config_json(r#"{"auths":"x"}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "json: cannot unmarshal string into Go struct field DockerConfigJSON.auths of type credentialprovider.DockerConfig"
        );
        let e = parse_docker_config_json(r#"{"auths":{"a":"x"}}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "json: cannot unmarshal string into Go struct field DockerConfigJSON.auths of type credentialprovider.dockerConfigEntryWithAuth"
        );
    }

    #[test]
    fn field_names_fold_and_unknowns_are_reported() {
        let c = parse_docker_config_json(
            r#"{"AUTHS":{"a":{"Username":"u","PASSWORD":"p","identitytoken":"t"}},"credsStore":"desktop"}"#,
        )
        .unwrap();
        assert_eq!(c.entries[0].credential.username, "u");
        assert_eq!(c.entries[0].credential.password.reveal(), "p");
        assert_eq!(c.entries[0].ignored[0].name, "identitytoken");
        assert_eq!(c.ignored[0].name, "credsStore");
        assert!(fold_eq("uſername", "username"));
    }

    #[test]
    fn first_bad_auth_in_document_order_wins() {
        let e = parse_docker_config_json(r#"{"auths":{"a":{"auth":"bm9jb2xvbg"},"b":{"auth":"!!"}}}"#).unwrap_err();
        assert_eq!(e, ConfigError::Auth { key: "a".into(), error: AuthError::MissingColon });
    }

    #[test]
    fn marshal_like_go() {
        assert_eq!(
            marshal_entry(&Credential::new("foo", "bar", "foo@example.com")),
            r#"{"username":"foo","password":"bar","email":"foo@example.com","auth":"Zm9vOmJhcg=="}"#
        );
        assert_eq!(marshal_entry(&Credential::new("", "", "")), r#"{"auth":"Og=="}"#);
    }
}
