//! Secret manifests: reading the pull secrets a learner pastes, and generating one exactly like
//! `kubectl create secret docker-registry` does, so a learner can go form → Secret → keyring.

use super::base64;
use super::config::{encode_auth_field, ConfigFormat};
use super::credential::MASK;
use super::json::go_string;
use super::rules;
use crate::rules::Rule;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// `kubernetes.io/dockerconfigjson`.
pub const TYPE_DOCKER_CONFIG_JSON: &str = "kubernetes.io/dockerconfigjson";
/// `kubernetes.io/dockercfg`.
pub const TYPE_DOCKERCFG: &str = "kubernetes.io/dockercfg";
/// The data key of a `kubernetes.io/dockerconfigjson` secret.
pub const KEY_DOCKER_CONFIG_JSON: &str = ".dockerconfigjson";
/// The data key of a `kubernetes.io/dockercfg` secret.
pub const KEY_DOCKERCFG: &str = ".dockercfg";
/// kubectl's default `--docker-server`.
pub const DEFAULT_DOCKER_SERVER: &str = "https://index.docker.io/v1/";

/// Secret data bytes; shown masked (they hold credentials).
#[derive(Clone, PartialEq, Eq, Default)]
pub struct SecretBytes(pub Vec<u8>);

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretBytes({} bytes, {MASK})", self.0.len())
    }
}

impl Serialize for SecretBytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(if self.0.is_empty() { "" } else { MASK })
    }
}

/// A Secret as the kubelet receives it from the API server (`data` already merged with
/// `stringData`, as the API server does on write).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct SecretManifest {
    /// `metadata.name`.
    pub name: String,
    /// `metadata.namespace` (`""` = the pod's namespace).
    pub namespace: String,
    /// `type` (`Opaque` when absent, as the API server defaults it).
    #[serde(rename = "type")]
    pub secret_type: String,
    /// `data` (values masked when shown).
    pub data: BTreeMap<String, SecretBytes>,
}

/// Why a manifest could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ManifestError {
    /// What is wrong.
    pub message: String,
    /// 1-based line, for JSON syntax errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column, for JSON syntax errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ManifestError {}

fn err(message: impl Into<String>) -> ManifestError {
    ManifestError { message: message.into(), line: None, column: None }
}

impl SecretManifest {
    /// A secret from its parts.
    pub fn new(name: &str, secret_type: &str, data: &[(&str, &[u8])]) -> Self {
        SecretManifest {
            name: name.to_owned(),
            namespace: String::new(),
            secret_type: secret_type.to_owned(),
            data: data.iter().map(|(k, v)| ((*k).to_owned(), SecretBytes(v.to_vec()))).collect(),
        }
    }

    /// Reads a Secret manifest in JSON (`kubectl get secret -o json`). `data` values are base64
    /// (decoded like Go's `[]byte` JSON fields: `illegal base64 data at input byte N` on error);
    /// `stringData` values are plain text and override `data`, as the API server merges them.
    pub fn from_json(text: &str) -> Result<Self, ManifestError> {
        let v: Value = serde_json::from_str(text).map_err(|e| ManifestError {
            message: format!("invalid JSON: {e}"),
            line: Some(e.line()),
            column: Some(e.column()),
        })?;
        Self::from_value(&v)
    }

    /// Reads a Secret from an already parsed JSON/YAML document.
    pub fn from_value(v: &Value) -> Result<Self, ManifestError> {
        let obj = v.as_object().ok_or_else(|| err("a Secret manifest must be an object"))?;
        if let Some(kind) = obj.get("kind") {
            if kind.as_str() != Some("Secret") {
                return Err(err(format!("kind is {kind}, not \"Secret\"")));
            }
        }
        let meta = obj.get("metadata").and_then(Value::as_object);
        let meta_str = |k: &str| meta.and_then(|m| m.get(k)).and_then(Value::as_str).unwrap_or_default().to_owned();
        let name = meta_str("name");
        if name.is_empty() {
            return Err(err("metadata.name is required"));
        }
        let secret_type = match obj.get("type") {
            None | Some(Value::Null) => "Opaque".to_owned(),
            Some(Value::String(s)) if s.is_empty() => "Opaque".to_owned(),
            Some(Value::String(s)) => s.clone(),
            Some(other) => return Err(err(format!("type must be a string, got {other}"))),
        };
        let mut data = BTreeMap::new();
        if let Some(d) = obj.get("data").filter(|d| !d.is_null()) {
            let d = d.as_object().ok_or_else(|| err("data must be a map of base64 strings"))?;
            for (k, val) in d {
                let s = match val {
                    Value::String(s) => s,
                    Value::Null => continue,
                    other => return Err(err(format!("data[{k:?}] must be a base64 string, got {other}"))),
                };
                let bytes = base64::decode_std(s.as_bytes())
                    .map_err(|e| err(format!("data[{k:?}] is not valid base64: {e}")))?;
                data.insert(k.clone(), SecretBytes(bytes));
            }
        }
        if let Some(d) = obj.get("stringData").filter(|d| !d.is_null()) {
            let d = d.as_object().ok_or_else(|| err("stringData must be a map of strings"))?;
            for (k, val) in d {
                let s = val.as_str().ok_or_else(|| err(format!("stringData[{k:?}] must be a string")))?;
                data.insert(k.clone(), SecretBytes(s.as_bytes().to_vec()));
            }
        }
        Ok(SecretManifest { name, namespace: meta_str("namespace"), secret_type, data })
    }

    /// Whether the kubelet uses this secret for pulls, and with which data (SPEC §5.1,
    /// `secretsToTrackedDockerConfigs`).
    pub fn usable(&self) -> Usability<'_> {
        let get = |k: &str| self.data.get(k).map(|b| b.0.as_slice());
        match self.secret_type.as_str() {
            TYPE_DOCKER_CONFIG_JSON => match get(KEY_DOCKER_CONFIG_JSON) {
                Some(b) if !b.is_empty() => Usability::Used { format: ConfigFormat::DockerConfigJson, bytes: b },
                Some(_) => Usability::Ignored(format!(
                    "its {KEY_DOCKER_CONFIG_JSON} data is empty, so the kubelet skips it"
                )),
                None => Usability::Ignored(format!(
                    "type {TYPE_DOCKER_CONFIG_JSON} but no {KEY_DOCKER_CONFIG_JSON} key (keys: {}), so the kubelet skips it",
                    self.key_list()
                )),
            },
            TYPE_DOCKERCFG => match get(KEY_DOCKERCFG) {
                Some(b) if !b.is_empty() => Usability::Used { format: ConfigFormat::Dockercfg, bytes: b },
                Some(_) => Usability::Ignored(format!("its {KEY_DOCKERCFG} data is empty, so the kubelet skips it")),
                None => Usability::Ignored(format!(
                    "type {TYPE_DOCKERCFG} but no {KEY_DOCKERCFG} key (keys: {}), so the kubelet skips it",
                    self.key_list()
                )),
            },
            other => Usability::Ignored(format!(
                "type {other} is neither {TYPE_DOCKER_CONFIG_JSON} nor {TYPE_DOCKERCFG}, so the kubelet ignores it silently{}",
                if self.data.contains_key(KEY_DOCKER_CONFIG_JSON) || self.data.contains_key(KEY_DOCKERCFG) {
                    " — even though it has a docker config key: the type must be set"
                } else {
                    ""
                }
            )),
        }
    }

    fn key_list(&self) -> String {
        if self.data.is_empty() {
            "none".to_owned()
        } else {
            self.data.keys().cloned().collect::<Vec<_>>().join(", ")
        }
    }
}

/// Reads a pull secret from a file's text (the first one, see [`read_secrets_text`]).
pub fn read_secret_text(text: &str, name_if_bare: &str) -> Result<SecretManifest, ManifestError> {
    read_secrets_text(text, name_if_bare).map(|mut v| v.swap_remove(0))
}

/// Reads the pull secrets in a file's text: Secret manifests in JSON or YAML (several YAML
/// documents, or a `kind: List` as `kubectl get secret a b -o yaml` prints), or — for convenience —
/// a bare `.dockerconfigjson` (`{"auths": …}`), which becomes a `kubernetes.io/dockerconfigjson`
/// secret named `name_if_bare`. YAML is read as kubectl reads it (turned into JSON first).
pub fn read_secrets_text(text: &str, name_if_bare: &str) -> Result<Vec<SecretManifest>, ManifestError> {
    let docs: Vec<Value> = match serde_json::from_str::<Value>(text) {
        Ok(v) => {
            let is_manifest = v.get("kind").is_some() || v.get("metadata").is_some();
            if !is_manifest && v.get("auths").is_some() {
                let bytes = text.as_bytes();
                return Ok(vec![SecretManifest::new(
                    name_if_bare,
                    TYPE_DOCKER_CONFIG_JSON,
                    &[(KEY_DOCKER_CONFIG_JSON, bytes)],
                )]);
            }
            vec![v]
        }
        Err(e) if text.trim_start().starts_with(['{', '[']) => {
            return Err(ManifestError {
                message: format!("invalid JSON: {e}"),
                line: Some(e.line()),
                column: Some(e.column()),
            });
        }
        Err(_) => {
            let mut docs = Vec::new();
            for d in crate::yaml::to_json(text) {
                match d {
                    Ok(v) => docs.push(v),
                    Err(e) => {
                        return Err(ManifestError {
                            message: format!("invalid YAML (document {}): {}", e.document, e.message),
                            line: Some(e.line),
                            column: Some(e.column),
                        })
                    }
                }
            }
            docs
        }
    };
    let mut out = Vec::new();
    for v in docs {
        if v.get("kind").and_then(Value::as_str) == Some("List") {
            for item in v.get("items").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default() {
                out.push(SecretManifest::from_value(item)?);
            }
        } else {
            out.push(SecretManifest::from_value(&v)?);
        }
    }
    if out.is_empty() {
        return Err(err("no Secret in the file"));
    }
    Ok(out)
}

/// Whether a secret is used for pulls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Usability<'a> {
    /// Used: the config bytes and how to read them.
    Used {
        /// `.dockerconfigjson` or `.dockercfg`.
        format: ConfigFormat,
        /// The data.
        bytes: &'a [u8],
    },
    /// Ignored, and why.
    Ignored(String),
}

/// The inputs of `kubectl create secret docker-registry NAME --docker-server --docker-username
/// --docker-password --docker-email [-n NAMESPACE]`. `Debug` masks the password.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct DockerRegistrySecretArgs {
    /// NAME.
    pub name: String,
    /// `-n` (omitted from the manifest when empty, as kubectl does without `-n`).
    pub namespace: String,
    /// `--docker-server` (`""` = kubectl's default `https://index.docker.io/v1/`).
    pub server: String,
    /// `--docker-username`.
    pub username: String,
    /// `--docker-password`.
    pub password: String,
    /// `--docker-email`.
    pub email: String,
}

/// A generated Secret.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct GeneratedSecret {
    /// The manifest as `kubectl ... --dry-run=client -o yaml` prints it.
    #[serde(skip)]
    pub yaml: String,
    /// The `.dockerconfigjson` text (before base64).
    #[serde(skip)]
    pub docker_config_json: String,
    /// The secret as the kubelet will see it.
    pub manifest: SecretManifest,
    /// The rule.
    pub rule: Rule,
}

impl fmt::Debug for GeneratedSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GeneratedSecret").field("manifest", &self.manifest).finish_non_exhaustive()
    }
}

impl std::fmt::Debug for DockerRegistrySecretArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DockerRegistrySecretArgs")
            .field("name", &self.name)
            .field("namespace", &self.namespace)
            .field("server", &self.server)
            .field("username", &self.username)
            .field("password", &if self.password.is_empty() { "" } else { "<masked>" })
            .field("email", &self.email)
            .finish()
    }
}

/// `kubectl create secret docker-registry`: the `.dockerconfigjson` is
/// `{"auths":{SERVER:{"username","password","email","auth"}}}` written by Go's `json.Marshal`
/// (empty fields omitted, `auth` = base64(`user:pass`)), base64-encoded into `data`.
///
/// The YAML follows kubectl's printer (keys sorted: apiVersion, data, kind, metadata, type; no
/// `creationTimestamp: null`, which newer kubectl versions no longer print).
pub fn generate_docker_registry_secret(args: &DockerRegistrySecretArgs) -> Result<GeneratedSecret, String> {
    if args.name.is_empty() {
        return Err("exactly one NAME is required, got 0".to_owned());
    }
    let server = if args.server.is_empty() { DEFAULT_DOCKER_SERVER } else { &args.server };
    if args.username.is_empty() || args.password.is_empty() {
        return Err(
            "either --from-file or the combination of --docker-username, --docker-password and --docker-server is required"
                .to_owned(),
        );
    }
    let mut fields = vec![
        format!("\"username\":{}", go_string(&args.username)),
        format!("\"password\":{}", go_string(&args.password)),
    ];
    if !args.email.is_empty() {
        fields.push(format!("\"email\":{}", go_string(&args.email)));
    }
    fields.push(format!("\"auth\":{}", go_string(&encode_auth_field(&args.username, &args.password))));
    let json = format!("{{\"auths\":{{{}:{{{}}}}}}}", go_string(server), fields.join(","));
    let b64 = base64::encode_std(json.as_bytes());
    let mut yaml = format!("apiVersion: v1\ndata:\n  {KEY_DOCKER_CONFIG_JSON}: {b64}\nkind: Secret\nmetadata:\n");
    yaml.push_str(&format!("  name: {}\n", yaml_scalar(&args.name)));
    if !args.namespace.is_empty() {
        yaml.push_str(&format!("  namespace: {}\n", yaml_scalar(&args.namespace)));
    }
    yaml.push_str(&format!("type: {TYPE_DOCKER_CONFIG_JSON}\n"));
    let mut manifest =
        SecretManifest::new(&args.name, TYPE_DOCKER_CONFIG_JSON, &[(KEY_DOCKER_CONFIG_JSON, json.as_bytes())]);
    manifest.namespace = args.namespace.clone();
    Ok(GeneratedSecret { yaml, docker_config_json: json, manifest, rule: rules::SECRET_TYPE })
}

/// A YAML scalar as go-yaml prints a string: plain when it cannot be mistaken for anything else,
/// double-quoted otherwise.
fn yaml_scalar(s: &str) -> String {
    let plain_chars = !s.is_empty()
        && s.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'/'))
        && !s.starts_with(['-', '.']);
    let lower = s.to_ascii_lowercase();
    let special = matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~" | ".inf" | ".nan"
    );
    let numeric = s.parse::<f64>().is_ok() || s.starts_with("0x") || s.starts_with("0o");
    if plain_chars && !special && !numeric {
        s.to_owned()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::creds::config::parse_docker_config_json;

    #[test]
    fn generator_round_trips() {
        let g = generate_docker_registry_secret(&DockerRegistrySecretArgs {
            name: "regcred".into(),
            username: "ada".into(),
            password: "p&ss".into(),
            email: "ada@example.com".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            g.docker_config_json,
            r#"{"auths":{"https://index.docker.io/v1/":{"username":"ada","password":"p\u0026ss","email":"ada@example.com","auth":"YWRhOnAmc3M="}}}"#
        );
        assert!(g.yaml.starts_with("apiVersion: v1\ndata:\n  .dockerconfigjson: eyJhdXRocyI6"));
        assert!(g.yaml.ends_with("kind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\n"));
        let cfg = parse_docker_config_json(&g.docker_config_json).unwrap();
        assert_eq!(cfg.entries[0].credential.password.reveal(), "p&ss");
        assert!(!format!("{g:?}").contains("p&ss"));
    }

    #[test]
    fn generator_validates_like_kubectl() {
        let e = generate_docker_registry_secret(&DockerRegistrySecretArgs { name: "x".into(), ..Default::default() });
        assert!(e.unwrap_err().contains("--docker-username, --docker-password"));
        assert_eq!(yaml_scalar("123"), "\"123\"");
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
        assert_eq!(yaml_scalar("my-secret.v1"), "my-secret.v1");
    }

    #[test]
    fn manifest_reading() {
        let s = SecretManifest::from_json(
            r#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"a","namespace":"ns"},
                "type":"kubernetes.io/dockerconfigjson","data":{".dockerconfigjson":"e30="},
                "stringData":{"other":"x"}}"#,
        )
        .unwrap();
        assert_eq!(s.data[".dockerconfigjson"].0, b"{}");
        assert!(matches!(s.usable(), Usability::Used { .. }));
        let s = SecretManifest::from_json(r#"{"metadata":{"name":"b"},"data":{".dockerconfigjson":"e30="}}"#).unwrap();
        assert_eq!(s.secret_type, "Opaque");
        assert!(matches!(s.usable(), Usability::Ignored(r) if r.contains("type must be set")));
        let e = SecretManifest::from_json(r#"{"metadata":{"name":"b"},"data":{"x":"!!"}}"#).unwrap_err();
        assert_eq!(e.message, "data[\"x\"] is not valid base64: illegal base64 data at input byte 0");
        let e = SecretManifest::from_json("{\n\"metadata\": }").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(13)));
    }

    #[test]
    fn yaml_manifests_and_lists() {
        let yaml = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\n  namespace: team\n\
                    type: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: e30=\n---\n\
                    kind: Secret\nmetadata: {name: other}\nstringData:\n  token: abc\n";
        let all = read_secrets_text(yaml, "x").unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!((all[0].name.as_str(), all[0].namespace.as_str()), ("regcred", "team"));
        assert_eq!(all[0].data[".dockerconfigjson"].0, b"{}");
        assert_eq!(all[1].secret_type, "Opaque");
        let list = r#"{"kind":"List","items":[{"kind":"Secret","metadata":{"name":"a"}},{"kind":"Secret","metadata":{"name":"b"}}]}"#;
        assert_eq!(read_secrets_text(list, "x").unwrap().len(), 2);
        let bare = read_secret_text(r#"{"auths":{}}"#, "file").unwrap();
        assert_eq!((bare.name.as_str(), bare.secret_type.as_str()), ("file", TYPE_DOCKER_CONFIG_JSON));
        let e = read_secrets_text("kind: Secret\nmetadata: [\n", "x").unwrap_err();
        assert!(e.message.starts_with("invalid YAML") && e.line.is_some(), "{e:?}");
    }
}
