//! What the kubelet does with credentials for one image pull (SPEC §3.1 step 4, §3.3, §5.1–§5.8):
//! fetch the pod's pull secrets (warning about missing ones), build one keyring over all of them,
//! then the node's config.json, then credential provider plugins selected by `matchImages`;
//! look up the normalized repository in each, concatenate, and try the credentials in order.

use super::config::{self, decode_docker_config_json, decode_dockercfg, ConfigError, ConfigFormat, DockerConfig};
use super::credential::Credential;
use super::json::{self, Json};
use super::keyring::{Keyring, KeyringLookup, MatchedCredential, Source};
use super::matcher::{explain_urls_match, parse_schemeless, MatchExplanation};
use super::rules;
use super::secret::{SecretManifest, Usability};
use crate::reference::parse_image_name;
use crate::rules::Rule;
use serde::Serialize;

/// The node's docker config file. `Debug` and serde leave out the text (it holds passwords).
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct NodeConfig {
    /// Where it was found (for display), e.g. `/var/lib/kubelet/config.json`.
    pub path: String,
    /// `config.json` (auths) or legacy `.dockercfg` (bare map).
    pub format: ConfigFormat,
    /// The file contents.
    #[serde(skip)]
    pub text: String,
}

impl std::fmt::Debug for NodeConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NodeConfig")
            .field("path", &self.path)
            .field("format", &self.format)
            .field("text", &format_args!("<{} bytes>", self.text.len()))
            .finish()
    }
}

/// A credential provider plugin: its `CredentialProviderConfig` entry and the response it gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PluginSpec {
    /// `name`.
    pub name: String,
    /// `matchImages`.
    pub match_images: Vec<String>,
    /// The plugin's response for this image (`None`: the plugin failed or returned nothing).
    pub response: Option<PluginResponse>,
}

/// A `CredentialProviderResponse`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PluginResponse {
    /// `cacheKeyType`: `Image`, `Registry` or `Global`.
    pub cache_key_type: String,
    /// `auth`: key → username/password, in the given order.
    pub auth: Vec<(String, Credential)>,
}

impl PluginSpec {
    /// Reads `{"name", "matchImages": [...], "response": {"cacheKeyType", "auth": {key:
    /// {"username", "password"}}}}` (the `CredentialProviderConfig` entry plus the response the
    /// plugin gives; `response` absent or null = the plugin returned nothing). `auth` keys keep
    /// their order.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let v = json::parse(text).map_err(|e| e.to_string())?;
        let name = v.get("name").and_then(Json::as_str).ok_or("a plugin needs a string \"name\"")?.to_owned();
        let match_images = match v.get("matchImages") {
            Some(Json::Array(a)) if !a.is_empty() => a
                .iter()
                .map(|m| m.as_str().map(str::to_owned).ok_or("matchImages entries must be strings"))
                .collect::<Result<Vec<_>, _>>()?,
            _ => return Err("a plugin needs a non-empty \"matchImages\" list".to_owned()),
        };
        let response = match v.get("response") {
            None | Some(Json::Null) => None,
            Some(r) => {
                let cache_key_type = r.get("cacheKeyType").and_then(Json::as_str).unwrap_or_default().to_owned();
                let mut auth = Vec::new();
                for (key, entry) in r.get("auth").map(Json::members).unwrap_or_default() {
                    let field = |f: &str| entry.get(f).and_then(Json::as_str).unwrap_or_default().to_owned();
                    auth.push((key.clone(), Credential::new(field("username"), field("password"), "")));
                }
                Some(PluginResponse { cache_key_type, auth })
            }
        };
        Ok(PluginSpec { name, match_images, response })
    }
}

/// Everything the kubelet knows when it pulls one image.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct LookupRequest {
    /// The image as written in the pod spec.
    pub image: String,
    /// The pod's namespace (pull secrets are read from it).
    pub pod_namespace: String,
    /// `spec.imagePullSecrets[].name`, in order.
    pub image_pull_secrets: Vec<String>,
    /// The secrets that exist in the pod's namespace.
    pub secrets: Vec<SecretManifest>,
    /// The node's docker config, if any.
    pub node_config: Option<NodeConfig>,
    /// Credential provider plugins, in config order.
    pub plugins: Vec<PluginSpec>,
}

/// A kubelet event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// `Normal` or `Warning`.
    #[serde(rename = "type")]
    pub event_type: &'static str,
    /// Event reason.
    pub reason: &'static str,
    /// Event message (upstream text).
    pub message: String,
}

/// What happened to one referenced pull secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecretReport {
    /// The name the pod references.
    pub name: String,
    /// What the kubelet did with it.
    pub status: SecretStatus,
    /// The rule.
    pub rule: Rule,
}

/// A pull secret's fate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "camelCase")]
pub enum SecretStatus {
    /// Not found: the kubelet warns and goes on without it.
    Missing,
    /// Found but not a docker config secret (wrong type or key).
    Ignored {
        /// Why.
        reason: String,
    },
    /// Decoded and added to the pod keyring.
    Used {
        /// The decoded config.
        config: DockerConfig,
    },
    /// Failed to decode: the credential lookup, and so the pull, stops with this error.
    Invalid {
        /// The error.
        error: ConfigError,
    },
    /// Not decoded because an earlier secret already failed.
    NotReached,
}

/// What happened to the node's config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "camelCase")]
pub enum NodeStatus {
    /// No file.
    Absent,
    /// Read.
    Used {
        /// Where.
        path: String,
        /// The decoded config.
        config: DockerConfig,
    },
    /// Invalid: the kubelet logs `error occurred while trying to unmarshal json`, skips the file
    /// and uses no node credentials from it.
    Invalid {
        /// Where.
        path: String,
        /// The detailed error (the kubelet only logs the generic text).
        error: ConfigError,
    },
}

/// What happened to one plugin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PluginReport {
    /// Plugin name.
    pub name: String,
    /// Each `matchImages` entry against the repository.
    pub match_images: Vec<MatchExplanation>,
    /// `matchImages` entries that do not parse: the kubelet refuses such a config at start-up.
    pub invalid_match_images: Vec<String>,
    /// Whether the plugin is executed for this image.
    pub executed: bool,
    /// Whether its response was used.
    pub response_used: bool,
    /// Why, in one sentence.
    pub reason: String,
}

/// The lookup in one of the three keyrings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceLookup {
    /// `pod`, `node` or `plugins`.
    pub keyring: &'static str,
    /// Every key added to it, with its normalization.
    pub added: Vec<super::keyring::AddedKey>,
    /// The index, in lookup order.
    pub index: Vec<String>,
    /// The lookup.
    pub lookup: KeyringLookup,
}

/// One pull attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attempt {
    /// 1-based position.
    pub position: usize,
    /// The credential and where it came from.
    #[serde(flatten)]
    pub matched: MatchedCredential,
}

/// Why the kubelet stops before pulling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum LookupError {
    /// The image name does not parse: `InvalidImageName`, no pull, no back-off.
    InvalidImageName {
        /// The parse error (upstream text).
        message: String,
    },
    /// A pull secret does not decode: the error is returned as is (SPEC §3.1 step 4).
    Secret {
        /// The secret's name.
        secret: String,
        /// The error text.
        message: String,
    },
}

impl std::fmt::Display for LookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LookupError::InvalidImageName { message } | LookupError::Secret { message, .. } => f.write_str(message),
        }
    }
}

/// One line of the narrative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// The rule.
    pub rule: Rule,
    /// What happened.
    pub text: String,
}

/// The full, explained credential lookup for one pull.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CredsLookup {
    /// The image as written.
    pub image: String,
    /// The name looked up (`repoToPull`), when the image parses.
    pub repo: Option<String>,
    /// Why the kubelet stopped before pulling, if it did.
    pub error: Option<LookupError>,
    /// Events the kubelet records.
    pub events: Vec<Event>,
    /// Each referenced pull secret.
    pub secrets: Vec<SecretReport>,
    /// The node config.
    pub node: NodeStatus,
    /// Each plugin.
    pub plugins: Vec<PluginReport>,
    /// The lookups, in the kubelet's order (pod, node, plugins).
    pub keyrings: Vec<SourceLookup>,
    /// The credentials in the order they are tried.
    pub try_order: Vec<Attempt>,
    /// Whether the single pull is anonymous (no credentials found).
    pub anonymous: bool,
    /// The story, step by step.
    pub steps: Vec<Step>,
}

impl CredsLookup {
    /// Whether any credentials were found.
    pub fn found(&self) -> bool {
        !self.try_order.is_empty()
    }
}

/// The kubelet's `FailedToRetrieveImagePullSecret` message (SPEC §3.3).
pub fn missing_secrets_message(names: &[String]) -> String {
    format!(
        "Unable to retrieve some image pull secrets ({}); attempting to pull the image may not succeed.",
        names.join(", ")
    )
}

/// Decodes a docker config from raw bytes in `format` (Go's `json.Unmarshal`).
pub fn decode_config_bytes(bytes: &[u8], format: ConfigFormat) -> Result<DockerConfig, ConfigError> {
    // Go replaces invalid UTF-8 inside strings with U+FFFD; a lossy conversion does the same.
    let text = String::from_utf8_lossy(bytes);
    let value = json::parse(&text).map_err(ConfigError::Syntax)?;
    match format {
        ConfigFormat::DockerConfigJson => decode_docker_config_json(&value),
        ConfigFormat::Dockercfg => decode_dockercfg(&value),
    }
}

/// Runs the kubelet's credential lookup for `req.image` and explains it.
pub fn lookup(req: &LookupRequest) -> CredsLookup {
    let mut out = CredsLookup {
        image: req.image.clone(),
        repo: None,
        error: None,
        events: Vec::new(),
        secrets: Vec::new(),
        node: NodeStatus::Absent,
        plugins: Vec::new(),
        keyrings: Vec::new(),
        try_order: Vec::new(),
        anonymous: false,
        steps: Vec::new(),
    };
    let namespace = if req.pod_namespace.is_empty() { "default" } else { &req.pod_namespace };

    // getPullSecretsForPod: runs when the pod syncs, before any image is looked at.
    let mut found_secrets: Vec<&SecretManifest> = Vec::new();
    let mut missing = Vec::new();
    for name in &req.image_pull_secrets {
        if name.is_empty() {
            continue; // API validation allowed empty names; the kubelet skips them silently.
        }
        let secret =
            req.secrets.iter().find(|s| s.name == *name && (s.namespace.is_empty() || s.namespace == namespace));
        match secret {
            Some(s) => found_secrets.push(s),
            None => {
                missing.push(name.clone());
                out.secrets.push(SecretReport {
                    name: name.clone(),
                    status: SecretStatus::Missing,
                    rule: rules::SECRET_MISSING,
                });
            }
        }
    }
    if !missing.is_empty() {
        let message = missing_secrets_message(&missing);
        out.steps.push(Step {
            rule: rules::SECRET_MISSING,
            text: format!("Warning FailedToRetrieveImagePullSecret: {message}"),
        });
        out.events.push(Event { event_type: "Warning", reason: "FailedToRetrieveImagePullSecret", message });
    }

    // ParseImageName: the lookup name is the normalized repository.
    let repo = match parse_image_name(&req.image) {
        Ok(n) => n.repo,
        Err(e) => {
            let message = e.to_string();
            out.steps.push(Step {
                rule: rules::IMAGE_NAME,
                text: format!("{:?} is not a valid image name: {message} → InvalidImageName, no pull", req.image),
            });
            out.error = Some(LookupError::InvalidImageName { message });
            return out;
        }
    };
    out.steps.push(Step {
        rule: rules::LOOKUP_NAME,
        text: if repo == req.image {
            format!("credentials are looked up for {repo:?}")
        } else {
            format!("{:?} is looked up as {repo:?} (normalized, without tag or digest)", req.image)
        },
    });
    out.repo = Some(repo.clone());

    // MakeDockerKeyring: every usable secret into one keyring; the first decode error aborts.
    let mut pod = Keyring::new();
    let mut used_secrets = 0;
    let mut failed = false;
    for s in &found_secrets {
        let status = if failed {
            SecretStatus::NotReached
        } else {
            match s.usable() {
                Usability::Ignored(reason) => SecretStatus::Ignored { reason },
                Usability::Used { format, bytes } => match decode_config_bytes(bytes, format) {
                    Ok(cfg) => {
                        let source = Source::PodSecret { namespace: namespace.to_owned(), name: s.name.clone() };
                        pod.add(&source, &cfg);
                        used_secrets += 1;
                        SecretStatus::Used { config: cfg }
                    }
                    Err(error) => {
                        failed = true;
                        out.error = Some(LookupError::Secret { secret: s.name.clone(), message: error.to_string() });
                        SecretStatus::Invalid { error }
                    }
                },
            }
        };
        let rule = match &status {
            SecretStatus::Invalid { .. } => rules::AUTH_FIELD,
            SecretStatus::Used { .. } => rules::POD_KEYRING,
            _ => rules::SECRET_TYPE,
        };
        out.steps.push(Step { rule, text: secret_text(&s.name, &status) });
        out.secrets.push(SecretReport { name: s.name.clone(), status, rule });
    }
    // Keep the reports in the pod's reference order.
    let order = |n: &str| req.image_pull_secrets.iter().position(|x| x == n).unwrap_or(usize::MAX);
    out.secrets.sort_by_key(|r| order(&r.name));
    if failed {
        if let Some(e) = &out.error {
            out.steps.push(Step {
                rule: rules::LOOKUP_ERROR,
                text: format!(
                    "the credential lookup fails with {:?}: the container waits with this error and nothing is pulled",
                    e.to_string()
                ),
            });
        }
        return out;
    }

    // The node keyring.
    let mut node = Keyring::new();
    if let Some(nc) = &req.node_config {
        match config::parse_config(&nc.text, nc.format) {
            Ok(cfg) => {
                node.add(&Source::Node { path: nc.path.clone() }, &cfg);
                out.steps.push(Step {
                    rule: rules::NODE_CONFIG,
                    text: format!(
                        "node config {} read: {} entr{}",
                        nc.path,
                        cfg.entries.len(),
                        if cfg.entries.len() == 1 { "y" } else { "ies" }
                    ),
                });
                out.node = NodeStatus::Used { path: nc.path.clone(), config: cfg };
            }
            Err(error) => {
                out.steps.push(Step {
                    rule: rules::NODE_CONFIG,
                    text: format!(
                        "node config {} is invalid ({error}); the kubelet logs \"error occurred while trying to unmarshal json\" \
                         and skips it: no node credentials",
                        nc.path
                    ),
                });
                out.node = NodeStatus::Invalid { path: nc.path.clone(), error };
            }
        }
    }

    // Plugins: one keyring over every plugin that runs for this image.
    let mut plugin_ring = Keyring::new();
    for p in &req.plugins {
        let report = plugin_report(p, &repo, &mut plugin_ring);
        out.steps
            .push(Step { rule: rules::PLUGIN_MATCH_IMAGES, text: format!("plugin {}: {}", p.name, report.reason) });
        out.plugins.push(report);
    }

    // Lookup in each keyring; UnionDockerKeyring concatenates.
    out.steps.push(Step {
        rule: rules::SOURCE_ORDER,
        text: "keyrings are consulted in order: pod pull secrets, node config, plugins".to_owned(),
    });
    let groups: [(&'static str, &Keyring, bool); 3] =
        [("pod", &pod, used_secrets > 0), ("node", &node, true), ("plugins", &plugin_ring, true)];
    for (name, ring, present) in groups {
        if !present || ring.added().is_empty() {
            continue;
        }
        let l = ring.explain_lookup(&repo);
        for k in &l.keys {
            out.steps.push(Step {
                rule: k.explanation.steps.last().map(|s| s.rule).unwrap_or(rules::MATCH_PARSE),
                text: format!(
                    "{name}: key {:?} {} — {}",
                    k.key,
                    if k.explanation.matched { "matches" } else { "does not match" },
                    k.explanation.reason
                ),
            });
        }
        if l.fallback.consulted {
            out.steps.push(Step {
                rule: rules::DOCKER_HUB_FALLBACK,
                text: format!("{name}: Docker Hub fallback: {}", l.fallback.reason),
            });
        }
        out.try_order.extend(l.credentials.iter().cloned().map(|m| Attempt { position: 0, matched: m }));
        out.keyrings.push(SourceLookup {
            keyring: name,
            added: ring.added().to_vec(),
            index: ring.index_keys(),
            lookup: l,
        });
    }
    for (i, a) in out.try_order.iter_mut().enumerate() {
        a.position = i + 1;
    }
    out.anonymous = out.try_order.is_empty();
    out.steps.push(Step {
        rule: rules::TRY_ORDER,
        text: if out.anonymous {
            "no credentials matched: the image is pulled once, anonymously".to_owned()
        } else {
            format!(
                "{} credential{} tried in order; the first successful pull wins; if all fail there is no anonymous attempt",
                out.try_order.len(),
                if out.try_order.len() == 1 { " is" } else { "s are" }
            )
        },
    });
    out
}

fn secret_text(name: &str, status: &SecretStatus) -> String {
    match status {
        SecretStatus::Missing => format!("pull secret {name} not found"),
        SecretStatus::Ignored { reason } => format!("pull secret {name} ignored: {reason}"),
        SecretStatus::Used { config } => format!(
            "pull secret {name} added to the pod keyring ({} entr{})",
            config.entries.len(),
            if config.entries.len() == 1 { "y" } else { "ies" }
        ),
        SecretStatus::Invalid { error } => {
            match error {
                ConfigError::Auth { key, .. } => {
                    format!("pull secret {name}: the auth of {key:?} does not decode ({error}), which rejects the whole secret")
                }
                _ => format!("pull secret {name} does not decode: {error}"),
            }
        }
        SecretStatus::NotReached => format!("pull secret {name} not read: an earlier secret failed"),
    }
}

fn plugin_report(p: &PluginSpec, repo: &str, ring: &mut Keyring) -> PluginReport {
    let invalid_match_images: Vec<String> = p
        .match_images
        .iter()
        .filter_map(|m| parse_schemeless(m.as_bytes()).err().map(|e| format!("{m:?}: {e}")))
        .collect();
    let match_images: Vec<MatchExplanation> = p.match_images.iter().map(|m| explain_urls_match(m, repo)).collect();
    let executed = match_images.iter().any(|m| m.matched);
    let mut report = PluginReport {
        name: p.name.clone(),
        match_images,
        invalid_match_images,
        executed,
        response_used: false,
        reason: String::new(),
    };
    if !executed {
        report.reason = format!("no matchImages entry matches {repo:?}, so the plugin is not executed");
        return report;
    }
    let Some(resp) = &p.response else {
        report.reason = "executed, but it returned no credentials".to_owned();
        return report;
    };
    if !matches!(resp.cache_key_type.as_str(), "Image" | "Registry" | "Global") {
        report.reason = format!(
            "executed, but cacheKeyType {:?} is not Image, Registry or Global: the response is discarded",
            resp.cache_key_type
        );
        return report;
    }
    let source = Source::Plugin { name: p.name.clone() };
    for (key, cred) in &resp.auth {
        // Plugin credentials are username/password only.
        ring.add_entry(&source, key, Credential::new(cred.username.clone(), cred.password.reveal(), ""));
    }
    report.response_used = true;
    report.reason = format!("executed; its {} auth key(s) are matched like config.json keys", resp.auth.len());
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::creds::secret::{TYPE_DOCKERCFG, TYPE_DOCKER_CONFIG_JSON};

    fn secret(name: &str, ty: &str, key: &str, json: &str) -> SecretManifest {
        SecretManifest::new(name, ty, &[(key, json.as_bytes())])
    }

    fn users(l: &CredsLookup) -> Vec<(String, &'static str)> {
        l.try_order
            .iter()
            .map(|a| (a.matched.tracked.credential.username.clone(), a.matched.tracked.source.tag()))
            .collect()
    }

    #[test]
    fn sources_in_kubelet_order() {
        let req = LookupRequest {
            image: "quay.io/team/app:1".into(),
            image_pull_secrets: vec!["s1".into(), "gone".into(), "".into(), "s2".into()],
            secrets: vec![
                secret(
                    "s1",
                    TYPE_DOCKER_CONFIG_JSON,
                    ".dockerconfigjson",
                    r#"{"auths":{"quay.io":{"username":"pod1","password":"x"}}}"#,
                ),
                secret("s2", TYPE_DOCKERCFG, ".dockercfg", r#"{"quay.io/team":{"username":"pod2","password":"x"}}"#),
            ],
            node_config: Some(NodeConfig {
                path: "/var/lib/kubelet/config.json".into(),
                format: ConfigFormat::DockerConfigJson,
                text: r#"{"auths":{"*.io":{"username":"node","password":"x"}}}"#.into(),
            }),
            plugins: vec![
                PluginSpec {
                    name: "p1".into(),
                    match_images: vec!["*.io".into()],
                    response: Some(PluginResponse {
                        cache_key_type: "Image".into(),
                        auth: vec![("quay.io".into(), Credential::new("plug", "x", ""))],
                    }),
                },
                PluginSpec { name: "p2".into(), match_images: vec!["https://quay.io".into()], response: None },
            ],
            ..Default::default()
        };
        let l = lookup(&req);
        assert_eq!(
            users(&l),
            [
                ("pod2".into(), "pod-secret"),
                ("pod1".into(), "pod-secret"),
                ("node".into(), "node"),
                ("plug".into(), "plugin")
            ]
        );
        assert_eq!(
            l.events[0].message,
            "Unable to retrieve some image pull secrets (gone); attempting to pull the image may not succeed."
        );
        assert!(!l.plugins[1].executed, "a scheme in matchImages is not stripped");
        assert!(!l.anonymous);
    }

    #[test]
    fn one_bad_auth_rejects_the_whole_secret() {
        let req = LookupRequest {
            image: "nginx".into(),
            image_pull_secrets: vec!["bad".into(), "later".into()],
            secrets: vec![
                secret(
                    "bad",
                    TYPE_DOCKER_CONFIG_JSON,
                    ".dockerconfigjson",
                    r#"{"auths":{"docker.io":{"auth":"Zm9vOmJhcg=="},"x.io":{"auth":"pants"}}}"#,
                ),
                secret("later", TYPE_DOCKER_CONFIG_JSON, ".dockerconfigjson", "{}"),
            ],
            ..Default::default()
        };
        let l = lookup(&req);
        assert_eq!(
            l.error,
            Some(LookupError::Secret { secret: "bad".into(), message: "illegal base64 data at input byte 4".into() })
        );
        assert!(l.try_order.is_empty());
        assert_eq!(l.secrets[1].status, SecretStatus::NotReached);
    }

    #[test]
    fn wrong_types_and_keys_are_ignored_with_reasons() {
        let req = LookupRequest {
            image: "nginx".into(),
            image_pull_secrets: vec!["opaque".into(), "wrongkey".into(), "empty".into()],
            secrets: vec![
                secret("opaque", "Opaque", ".dockerconfigjson", "{}"),
                secret("wrongkey", TYPE_DOCKER_CONFIG_JSON, ".dockercfg", "{}"),
                secret("empty", TYPE_DOCKERCFG, ".dockercfg", ""),
            ],
            ..Default::default()
        };
        let l = lookup(&req);
        assert!(l.error.is_none());
        for r in &l.secrets {
            assert!(matches!(r.status, SecretStatus::Ignored { .. }), "{r:?}");
        }
        assert!(l.anonymous);
    }

    #[test]
    fn invalid_image_and_invalid_node_config() {
        let l = lookup(&LookupRequest { image: "ROOT".into(), ..Default::default() });
        assert!(matches!(l.error, Some(LookupError::InvalidImageName { .. })));
        let l = lookup(&LookupRequest {
            image: "nginx".into(),
            node_config: Some(NodeConfig {
                path: "c".into(),
                format: ConfigFormat::DockerConfigJson,
                text: "{".into(),
            }),
            ..Default::default()
        });
        assert!(l.error.is_none(), "a broken node config is skipped, not fatal");
        assert!(matches!(l.node, NodeStatus::Invalid { .. }));
    }

    #[test]
    fn plugin_keyring_has_no_fallback_from_match_images_but_auth_keys_do() {
        let plugin = |m: &str, key: &str| PluginSpec {
            name: "p".into(),
            match_images: vec![m.into()],
            response: Some(PluginResponse {
                cache_key_type: "Global".into(),
                auth: vec![(key.into(), Credential::new("u", "x", ""))],
            }),
        };
        // matchImages index.docker.io does not select docker.io images (no fallback there).
        let l = lookup(&LookupRequest {
            image: "nginx".into(),
            plugins: vec![plugin("index.docker.io", "index.docker.io")],
            ..Default::default()
        });
        assert!(!l.plugins[0].executed);
        // Once executed, its auth keys go through Add/Lookup, fallback included.
        let l = lookup(&LookupRequest {
            image: "nginx".into(),
            plugins: vec![plugin("docker.io", "https://index.docker.io/v1/")],
            ..Default::default()
        });
        assert!(l.plugins[0].executed);
        assert!(l.try_order[0].matched.via_fallback);
    }
}
