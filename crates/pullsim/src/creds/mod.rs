//! Registry credentials, exactly as the kubelet handles them (SPEC §5, §1.9, §3.3).
//!
//! A learner pastes a `config.json` or pull Secrets and an image, and sees which credentials the
//! kubelet would try, in which order, and why each key matched or not.
//!
//! * [`config`] — reading `.dockerconfigjson` / `config.json` / `.dockercfg` with Go's decoding
//!   rules (the `auth` field, ignored fields, exact upstream errors);
//! * [`keyring`] — `Add` (key normalization, reverse-sorted index) and `Lookup` (all matches in
//!   index order, Docker Hub fallback);
//! * [`matcher`] — the URL matcher (`URLsMatchStr`), explained comparison by comparison;
//! * [`kubelet`] — pod pull secrets, node config and plugins merged in the kubelet's order, the
//!   try order, and the narrative;
//! * [`batch`] — the `--jsonl` line formats of `pullsim creds lookup` / `pullsim creds match`;
//! * [`secret`] — Secret manifests and the `kubectl create secret docker-registry` generator;
//! * [`credential`] — credentials whose passwords never show by accident;
//! * [`base64`], [`gourl`] — hand ports of Go's `encoding/base64` and the `net/url` pieces the
//!   kubelet relies on ([`crate::glob`] has `filepath.Match`).

// Go's encoding/base64 decoder ported loop for loop; every index is bounds-checked first.
#[allow(clippy::indexing_slicing)]
pub mod base64;
pub mod batch;
pub mod config;
pub mod credential;
// Go's net/url scanner ported loop for loop; indices are checked against the length first.
#[allow(clippy::indexing_slicing)]
pub mod gourl;
pub mod json;
pub mod keyring;
pub mod kubelet;
pub mod matcher;
pub mod rules;
pub mod secret;

pub use config::{
    decode_auth_field, encode_auth_field, marshal_entry, parse_config, parse_docker_config_json, parse_dockercfg,
    unmarshal_entry, AuthError, ConfigEntry, ConfigError, ConfigFormat, DockerConfig,
};
pub use credential::{Credential, Masked, RevealedCredential};
pub use keyring::{is_default_registry_match, normalize_key, Keyring, KeyringLookup, MatchedCredential, Source};
pub use kubelet::{lookup, CredsLookup, LookupError, LookupRequest, NodeConfig, PluginResponse, PluginSpec};
pub use matcher::{explain_urls_match, urls_match_str, MatchError, MatchExplanation};
pub use secret::{
    generate_docker_registry_secret, read_secret_text, read_secrets_text, DockerRegistrySecretArgs, GeneratedSecret,
    SecretManifest,
};
