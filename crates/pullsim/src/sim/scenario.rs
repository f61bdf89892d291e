//! One serializable value that describes a whole experiment (issue 4 "Scenario"): the CLI, the
//! page, share links and tests all use it. Everything but the workload has a default, so a
//! hand-written scenario can be a few lines of YAML.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A whole experiment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    /// Shown in galleries and reports.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// What the scenario teaches.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Kubernetes minor version, `"1.27"` … `"1.35"`.
    #[serde(default = "default_version")]
    pub kubernetes: String,
    /// Feature gates set explicitly; the rest take the version's defaults.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub feature_gates: BTreeMap<String, bool>,
    #[serde(default)]
    pub kubelet: KubeletSettings,
    #[serde(default)]
    pub admission: Admission,
    #[serde(default)]
    pub node: Node,
    #[serde(default)]
    pub registry: Registry,
    /// Secrets in the pods' namespaces (pull secrets are looked up here).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub secrets: Vec<SecretSpec>,
    /// Kubelet credential provider plugins and what they return.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<ProviderSpec>,
    /// The manifest(s): YAML or JSON, several documents allowed.
    pub workload: String,
    /// When pods are created (by pod or object name); unlisted pods are created at 0 s.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pods: Vec<PodTiming>,
    /// How the pod worker re-syncs a pod whose containers could not start.
    #[serde(default)]
    pub resync: ResyncSpec,
    /// How long to simulate, in seconds.
    #[serde(default = "default_duration")]
    pub duration: f64,
}

fn default_version() -> String {
    "1.35".to_owned()
}

fn default_duration() -> f64 {
    600.0
}

/// Kubelet configuration that matters for pulls (SPEC §3.4, §3.5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct KubeletSettings {
    /// Node name shown in events.
    pub node_name: String,
    /// `serializeImagePulls` (default true; false when unset and maxParallelImagePulls ≥ 2).
    pub serialize_image_pulls: Option<bool>,
    /// `maxParallelImagePulls` (unset = unlimited when pulls are parallel).
    pub max_parallel_image_pulls: Option<u32>,
    /// `registryPullQPS` (default 5; 0 = unlimited).
    #[serde(rename = "registryPullQPS")]
    pub registry_pull_qps: f64,
    /// `registryBurst` (default 10).
    pub registry_burst: u32,
    /// `imagePullCredentialsVerificationPolicy` (defaulted to `NeverVerifyPreloadedImages` when
    /// KubeletEnsureSecretPulledImages is on).
    pub image_pull_credentials_verification_policy: Option<String>,
    /// `preloadedImagesVerificationAllowlist`.
    pub preloaded_images_verification_allowlist: Vec<String>,
}

impl Default for KubeletSettings {
    fn default() -> Self {
        KubeletSettings {
            node_name: "node-1".to_owned(),
            serialize_image_pulls: None,
            max_parallel_image_pulls: None,
            registry_pull_qps: 5.0,
            registry_burst: 10,
            image_pull_credentials_verification_policy: None,
            preloaded_images_verification_allowlist: Vec::new(),
        }
    }
}

/// Admission plugins that change pods.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Admission {
    /// The AlwaysPullImages admission plugin (SPEC §2.2).
    pub always_pull_images: bool,
}

/// The node: what it already has and its docker config.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Node {
    /// Images already on the node.
    pub images: Vec<NodeImage>,
    /// The node's `config.json` (text), read from `/var/lib/kubelet/config.json`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub config_json: Option<String>,
}

/// An image on the node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeImage {
    /// Any form the runtime would accept (`nginx:1.25`, `docker.io/library/nginx:1.25`, or a
    /// `repo@sha256:…`).
    pub name: String,
    /// Its digest; when omitted, the registry's digest for that tag (or a made-up one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// Size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// How it got there: `preloaded` (default), `node` (pulled with node credentials or
    /// anonymously), or `secret:NAMESPACE/NAME` (pulled by the kubelet with that pull secret).
    #[serde(default = "default_source")]
    pub pulled_with: String,
}

fn default_source() -> String {
    "preloaded".to_owned()
}

/// The registries the node can reach.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Registry {
    /// Repositories by normalized name (`docker.io/library/nginx`, `registry.example.com/team/app`).
    pub repositories: BTreeMap<String, Repository>,
    /// What a repository that is not listed does: `public` (exists, any tag, anonymous pulls) or
    /// `notFound`.
    pub unknown_repositories: UnknownRepositories,
}

impl Default for Registry {
    fn default() -> Self {
        Registry { repositories: BTreeMap::new(), unknown_repositories: UnknownRepositories::Public }
    }
}

/// See [`Registry::unknown_repositories`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum UnknownRepositories {
    Public,
    NotFound,
}

/// One repository.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct Repository {
    /// Tag → digest. Empty: every tag exists (with a made-up digest).
    pub tags: BTreeMap<String, String>,
    /// Private repositories refuse anonymous pulls.
    pub private: bool,
    /// Accounts the registry accepts. Wrong credentials are refused even on a public repository
    /// (as Docker Hub does) when this list is not empty.
    pub credentials: Vec<Account>,
    /// Seconds a successful pull takes.
    pub pull_seconds: f64,
    /// Seconds a failing pull takes before it fails.
    pub fail_seconds: f64,
    /// Image size in bytes.
    pub size: u64,
    /// Faults, each for a time window (or always).
    pub faults: Vec<Fault>,
}

impl Default for Repository {
    fn default() -> Self {
        Repository {
            tags: BTreeMap::new(),
            private: false,
            credentials: Vec::new(),
            pull_seconds: 2.0,
            fail_seconds: 0.0,
            size: 50_000_000,
            faults: Vec::new(),
        }
    }
}

/// A registry account.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub username: String,
    pub password: String,
}

/// A fault the registry (or the runtime talking to it) shows in a time window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fault {
    pub kind: FaultKind,
    /// From this second (default 0).
    #[serde(default)]
    pub from: f64,
    /// Until this second (exclusive; default: forever).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<f64>,
}

/// What goes wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FaultKind {
    /// The repository or tag does not exist.
    NotFound,
    /// Every pull is refused (401).
    Unauthorized,
    /// Connection refused: the runtime reports a plain error → `ErrImagePull`.
    Unavailable,
    /// A runtime that reports the typed CRI error → `RegistryUnavailable`.
    RegistryUnavailable,
    /// Signature policy rejects the image → `SignatureValidationFailed`.
    SignatureValidationFailed,
}

/// A Secret in a pod's namespace.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecretSpec {
    pub name: String,
    #[serde(default = "default_namespace")]
    pub namespace: String,
    /// `kubernetes.io/dockerconfigjson` (default), `kubernetes.io/dockercfg`, or any other type.
    #[serde(rename = "type", default = "default_secret_type")]
    pub secret_type: String,
    /// The decoded `.dockerconfigjson` / `.dockercfg` content (JSON text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dockerconfigjson: Option<String>,
    /// Raw `data` (base64 values) as in a manifest.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub data: BTreeMap<String, String>,
}

fn default_namespace() -> String {
    "default".to_owned()
}

fn default_secret_type() -> String {
    "kubernetes.io/dockerconfigjson".to_owned()
}

/// A kubelet credential provider plugin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProviderSpec {
    pub name: String,
    pub match_images: Vec<String>,
    /// The `auth` map it returns: key → account. Empty: the plugin returns nothing.
    #[serde(default)]
    pub auth: BTreeMap<String, Account>,
}

/// When a pod is created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PodTiming {
    /// Pod name, or the name of the object that creates it.
    pub name: String,
    /// Creation time in seconds.
    pub at: f64,
}

/// How the kubelet re-syncs a pod whose containers did not start (SPEC §4.3).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub enum ResyncSpec {
    /// Every N seconds (a real kubelet requeues after 10–15 s; default 10).
    Every(f64),
    /// Exactly when the pod's earliest back-off window ends (errors without a window: 10 s).
    OnExpiry,
}

impl Default for ResyncSpec {
    fn default() -> Self {
        ResyncSpec::Every(10.0)
    }
}

/// Scenario texts larger than this are refused before parsing (issue 6): room for a workload of
/// [`crate::workload::MAX_MANIFEST_BYTES`] plus 2 MiB of node, registry and credentials.
pub const MAX_SCENARIO_BYTES: usize = crate::workload::MAX_MANIFEST_BYTES + 2 * 1024 * 1024;

// Secret hygiene (issue 6): a scenario is the user's input, so it serializes in full (share links
// strip it first, see `crate::share`), but `Debug` (logs, panics, test failures) never shows a
// password, an `auth` value or a config text.

/// What `Debug` shows instead of a config text or a secret value.
fn hidden(text: &str) -> String {
    format!("<{} bytes hidden>", text.len())
}

impl fmt::Debug for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Account")
            .field("username", &self.username)
            .field("password", &crate::creds::Masked::new(self.password.as_str()))
            .finish()
    }
}

impl fmt::Debug for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Node")
            .field("images", &self.images)
            .field("config_json", &self.config_json.as_deref().map(hidden))
            .finish()
    }
}

impl fmt::Debug for SecretSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let data: BTreeMap<&str, String> = self.data.iter().map(|(k, v)| (k.as_str(), hidden(v))).collect();
        f.debug_struct("SecretSpec")
            .field("name", &self.name)
            .field("namespace", &self.namespace)
            .field("secret_type", &self.secret_type)
            .field("dockerconfigjson", &self.dockerconfigjson.as_deref().map(hidden))
            .field("data", &data)
            .finish()
    }
}

impl Scenario {
    /// Reads a scenario written in YAML (or JSON). Errors name the line and column for syntax
    /// errors and the field path for wrong values.
    pub fn from_yaml(text: &str) -> Result<Scenario, String> {
        if text.len() > MAX_SCENARIO_BYTES {
            return Err(format!(
                "the scenario is {} bytes, more than MAX_SCENARIO_BYTES ({MAX_SCENARIO_BYTES} bytes, 12 MiB): refused \
                 without reading it",
                text.len()
            ));
        }
        let mut docs = crate::yaml::to_json(text).into_iter();
        let value = match docs.next() {
            Some(Ok(v)) => v,
            Some(Err(e)) => return Err(format!("line {}, column {}: {}", e.line, e.column, e.message)),
            None => return Err("the scenario is empty: it needs at least a `workload`".to_owned()),
        };
        if docs.next().is_some() {
            return Err("a scenario is one YAML document; put several manifests inside `workload`".to_owned());
        }
        serde_json::from_value(value).map_err(|e| format!("scenario: {e}"))
    }

    /// A scenario with every default and this workload.
    pub fn with_workload(workload: impl Into<String>) -> Scenario {
        Scenario {
            title: String::new(),
            description: String::new(),
            kubernetes: default_version(),
            feature_gates: BTreeMap::new(),
            kubelet: KubeletSettings::default(),
            admission: Admission::default(),
            node: Node::default(),
            registry: Registry::default(),
            secrets: Vec::new(),
            providers: Vec::new(),
            workload: workload.into(),
            pods: Vec::new(),
            resync: ResyncSpec::default(),
            duration: default_duration(),
        }
    }
}
