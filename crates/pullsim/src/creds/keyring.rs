//! The kubelet's `BasicDockerKeyring` (SPEC §5.3–§5.5): `Add` normalizes keys into a
//! de-duplicated, reverse-sorted index; `Lookup` collects the credentials of every matching key in
//! index order, with the `index.docker.io` Docker Hub fallback when nothing matched.

use super::config::DockerConfig;
use super::credential::Credential;
use super::gourl::{self, show, UrlError};
use super::matcher::{self, explain_parsed, parse_schemeless, MatchExplanation, MatchUrl};
use super::rules;
use crate::rules::Rule;
use serde::Serialize;
use std::fmt;

/// Where a credential came from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Source {
    /// One of the pod's `imagePullSecrets`.
    PodSecret {
        /// Secret namespace (the pod's).
        namespace: String,
        /// Secret name.
        name: String,
    },
    /// The node's docker config file.
    Node {
        /// Where the file was read from (`/var/lib/kubelet/config.json`…).
        path: String,
    },
    /// A kubelet credential provider plugin.
    Plugin {
        /// Plugin name.
        name: String,
    },
}

impl Source {
    /// A short tag: `pod-secret`, `node`, `plugin`.
    pub fn tag(&self) -> &'static str {
        match self {
            Source::PodSecret { .. } => "pod-secret",
            Source::Node { .. } => "node",
            Source::Plugin { .. } => "plugin",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::PodSecret { namespace, name } if namespace.is_empty() => write!(f, "pull secret {name}"),
            Source::PodSecret { namespace, name } => write!(f, "pull secret {namespace}/{name}"),
            Source::Node { path } => write!(f, "node {path}"),
            Source::Plugin { name } => write!(f, "plugin {name}"),
        }
    }
}

/// How one key as written became an index key (`Add`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyNormalization {
    /// The key as written.
    pub written: String,
    /// The text handed to `url.Parse` (with `https://` prepended unless it starts with `http://` or
    /// `https://`, case-sensitively).
    pub parsed_as: String,
    /// Whether `https://` was prepended.
    pub scheme_added: bool,
    /// `host[:port]` as parsed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Path as parsed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// `/v1` or `/v2` when that prefix was dropped from the path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stripped: Option<String>,
    /// Parts present but dropped.
    pub dropped: matcher::Dropped,
    /// The index key, or why the key is ignored.
    pub result: Result<String, String>,
    /// The explanation, one line per rule applied.
    pub steps: Vec<KeyStep>,
}

/// One line of a key's normalization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyStep {
    /// The rule.
    pub rule: Rule,
    /// What happened.
    pub text: String,
}

/// `Add`'s handling of one key, without storing it.
pub fn normalize_key(written: &str) -> KeyNormalization {
    normalize_key_bytes(written).0
}

fn normalize_key_bytes(written: &str) -> (KeyNormalization, Option<Vec<u8>>) {
    let scheme_added = !written.starts_with("https://") && !written.starts_with("http://");
    let parsed_as = if scheme_added { format!("https://{written}") } else { written.to_owned() };
    let mut steps = Vec::new();
    if scheme_added {
        let lower = written.to_ascii_lowercase();
        let text = if lower.starts_with("https://") || lower.starts_with("http://") {
            format!(
                "{written:?} does not start with lower-case http:// or https:// (the check is case-sensitive), \
                 so https:// is prepended and the scheme as written becomes part of the host"
            )
        } else if let Some(i) = written.find("://") {
            format!(
                "{written:?} has no http(s) scheme, so https:// is prepended; {:?} is read as a host name, not a scheme",
                &written[..i + 1]
            )
        } else {
            format!("no scheme: parsed as {parsed_as:?}")
        };
        steps.push(KeyStep { rule: rules::KEY_SCHEME, text });
    } else {
        steps.push(KeyStep {
            rule: rules::KEY_SCHEME,
            text: format!(
                "parsed as written; the scheme {:?} is then dropped",
                &written[..written.find(':').unwrap_or(0)]
            ),
        });
    }
    let parsed = match gourl::parse(parsed_as.as_bytes()) {
        Ok(u) => u,
        Err(e) => {
            let err = e.to_string();
            steps.push(KeyStep {
                rule: rules::KEY_UNPARSABLE,
                text: format!("not a valid URL: {err}; the entry is ignored"),
            });
            let n = KeyNormalization {
                written: written.to_owned(),
                parsed_as,
                scheme_added,
                host: None,
                path: None,
                stripped: None,
                dropped: matcher::Dropped::default(),
                result: Err(err),
                steps,
            };
            return (n, None);
        }
    };
    let dropped = matcher::Dropped {
        userinfo: parsed.has_userinfo,
        query: !parsed.raw_query.is_empty(),
        fragment: parsed_as.contains('#'),
    };
    let mut path = parsed.path.clone();
    let mut stripped = None;
    if path.starts_with(b"/v2/") || path.starts_with(b"/v1/") {
        let (version, rest) = path.split_at(3);
        stripped = Some(show(version));
        steps.push(KeyStep {
            rule: rules::KEY_VERSION_PATH,
            text: format!("path {:?} starts with {}/, which is dropped → {:?}", show(&path), show(version), show(rest)),
        });
        path.drain(..3);
    }
    let mut key = parsed.host.clone();
    if !path.is_empty() && path != b"/" {
        key.extend_from_slice(&path);
    }
    let mut parts = Vec::new();
    if dropped.userinfo {
        parts.push("user info");
    }
    if dropped.query {
        parts.push("query");
    }
    if dropped.fragment {
        parts.push("fragment");
    }
    let key_text = show(&key);
    let mut text = if path.is_empty() || path == b"/" {
        format!("index key = host {:?}", show(&parsed.host))
    } else {
        format!("index key = host {:?} + path {:?}", show(&parsed.host), show(&path))
    };
    if !parts.is_empty() {
        text.push_str(&format!(" ({} dropped)", parts.join(", ")));
    }
    text.push_str(&format!(" → {key_text:?}"));
    steps.push(KeyStep { rule: rules::KEY_FORM, text });
    let n = KeyNormalization {
        written: written.to_owned(),
        parsed_as,
        scheme_added,
        host: Some(show(&parsed.host)),
        path: Some(show(&parsed.path)),
        stripped,
        dropped,
        result: Ok(key_text),
        steps,
    };
    (n, Some(key))
}

/// A credential in the keyring, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackedCredential {
    /// The credential (password masked when shown).
    pub credential: Credential,
    /// Where it came from.
    pub source: Source,
    /// The key as written in its config.
    pub written_key: String,
}

struct IndexEntry {
    key: Vec<u8>,
    /// `ParseSchemelessURL(key)`, done once here instead of on every lookup (same result).
    glob: Result<MatchUrl, UrlError>,
    creds: Vec<TrackedCredential>,
}

/// A keyring: the index and the credentials per key.
#[derive(Default)]
pub struct Keyring {
    index: Vec<IndexEntry>,
    /// Per index entry, a cheap pre-check (see [`Sieve`]), kept dense so a lookup over a large
    /// keyring touches few full entries.
    sieves: Vec<Sieve>,
    added: Vec<AddedKey>,
}

/// A necessary condition for `URLsMatch`: equal label count and port (the shape), and equal
/// bytes for every glob label without wildcards (compared through position-salted hashes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sieve {
    shape: u64,
    literal_mask: u64,
    literal_hash: u64,
}

/// The sieve of an unparsable key: matches nothing.
const NO_SIEVE: Sieve = Sieve { shape: u64::MAX, literal_mask: 0, literal_hash: 0 };

fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn shape(u: &MatchUrl) -> u64 {
    ((u.labels.len() as u64 & 0xffff) << 48) | (fnv(&u.port, 0) & 0xffff_ffff_ffff)
}

fn label_hash(label: &[u8], pos: usize) -> u64 {
    fnv(label, (pos as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0xff51_afd7_ed55_8ccd)
}

fn sieve(glob: &MatchUrl) -> Sieve {
    let mut literal_mask = 0;
    let mut literal_hash = 0;
    for (pos, label) in glob.labels.iter().enumerate().take(64) {
        if !label.iter().any(|c| matches!(c, b'*' | b'?' | b'[' | b'\\')) {
            literal_mask |= 1 << pos;
            literal_hash ^= label_hash(label, pos);
        }
    }
    Sieve { shape: shape(glob), literal_mask, literal_hash }
}

/// A key handed to `Add`, with its source and normalization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddedKey {
    /// Where the entry came from.
    pub source: Source,
    /// How the key normalized (or why it was ignored).
    pub normalization: KeyNormalization,
}

/// A credential selected by a lookup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchedCredential {
    /// The index key that matched (`index.docker.io` for the Docker Hub fallback).
    pub key: String,
    /// The credential, its source and the key as written.
    #[serde(flatten)]
    pub tracked: TrackedCredential,
    /// Whether it came from the Docker Hub fallback.
    pub via_fallback: bool,
}

/// One index key checked against the image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyCheck {
    /// The index key.
    pub key: String,
    /// The keys as written that normalized to it, with their sources.
    pub written: Vec<(String, Source)>,
    /// The match, step by step.
    pub explanation: MatchExplanation,
}

/// The Docker Hub fallback decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fallback {
    /// Whether the fallback was consulted (only when no key matched).
    pub consulted: bool,
    /// `isDefaultRegistryMatch(image)`.
    pub docker_hub_image: bool,
    /// Whether the keyring has the key `index.docker.io`.
    pub has_index_docker_io: bool,
    /// Whether it supplied credentials.
    pub used: bool,
    /// Why, in one sentence.
    pub reason: String,
    /// The rule.
    pub rule: Rule,
}

/// An explained `Lookup`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyringLookup {
    /// The name looked up (the normalized repository).
    pub image: String,
    /// Every index key in index order, with its match explanation.
    pub keys: Vec<KeyCheck>,
    /// The Docker Hub fallback.
    pub fallback: Fallback,
    /// The credentials returned, in order.
    pub credentials: Vec<MatchedCredential>,
}

impl KeyringLookup {
    /// Whether any credentials were found.
    pub fn found(&self) -> bool {
        !self.credentials.is_empty()
    }
}

const DEFAULT_REGISTRY_HOST: &[u8] = b"index.docker.io";

/// `isDefaultRegistryMatch(image)`: would the image be pulled from Docker Hub, judging by its
/// name? No `/`; or first segment `docker.io` / `index.docker.io`; or a first segment with neither
/// `.` nor `:`. The empty string is not.
pub fn is_default_registry_match(image: &str) -> bool {
    let first = image.split('/').next().unwrap_or_default();
    if first.is_empty() {
        return false;
    }
    if !image.contains('/') {
        return true;
    }
    if first == "docker.io" || first == "index.docker.io" {
        return true;
    }
    !first.contains(['.', ':'])
}

impl Keyring {
    /// An empty keyring.
    pub fn new() -> Self {
        Self::default()
    }

    /// `Add(src, cfg)`: every entry of `config`, in document order, tagged with `source`.
    ///
    /// Same result as [`Keyring::add_entry`] for each entry in turn, but a large config is merged
    /// in O(n log n): inserting 100,000 keys one by one into the sorted index moved entries
    /// O(n²) times (issue 6: keyrings of 100,000 keys in bounded time).
    pub fn add(&mut self, source: &Source, config: &DockerConfig) {
        const ONE_BY_ONE: usize = 32;
        if config.entries.len() <= ONE_BY_ONE {
            for entry in &config.entries {
                self.add_entry(source, &entry.key, entry.credential.clone());
            }
            return;
        }
        let mut new = Vec::with_capacity(config.entries.len());
        for entry in &config.entries {
            let (normalization, key) = normalize_key_bytes(&entry.key);
            self.added.push(AddedKey { source: source.clone(), normalization });
            if let Some(key) = key {
                let credential = entry.credential.clone();
                new.push((
                    key,
                    TrackedCredential { credential, source: source.clone(), written_key: entry.key.clone() },
                ));
            }
        }
        // Reverse byte order, as the index; stable, so equal keys keep document order.
        new.sort_by(|a, b| b.0.cmp(&a.0));
        let old = std::mem::take(&mut self.index);
        let mut index: Vec<IndexEntry> = Vec::with_capacity(old.len() + new.len());
        let mut old = old.into_iter().peekable();
        for (key, tracked) in new {
            while let Some(e) = old.next_if(|e| e.key > key) {
                index.push(e);
            }
            if let Some(e) = old.next_if(|e| e.key == key) {
                index.push(e);
            }
            match index.last_mut() {
                Some(last) if last.key == key => last.creds.push(tracked),
                _ => {
                    let glob = parse_schemeless(&key);
                    index.push(IndexEntry { key, glob, creds: vec![tracked] });
                }
            }
        }
        index.extend(old);
        self.sieves = index.iter().map(|e| e.glob.as_ref().map(sieve).unwrap_or(NO_SIEVE)).collect();
        self.index = index;
    }

    /// `Add` for a single key and credential.
    pub fn add_entry(&mut self, source: &Source, written_key: &str, credential: Credential) {
        let (normalization, key) = normalize_key_bytes(written_key);
        self.added.push(AddedKey { source: source.clone(), normalization });
        let Some(key) = key else { return };
        let tracked = TrackedCredential { credential, source: source.clone(), written_key: written_key.to_owned() };
        // The index is kept de-duplicated and in reverse byte order.
        match self.index.binary_search_by(|e| key.cmp(&e.key)) {
            Ok(i) => {
                if let Some(e) = self.index.get_mut(i) {
                    e.creds.push(tracked);
                }
            }
            Err(i) => {
                let glob = parse_schemeless(&key);
                self.sieves.insert(i, glob.as_ref().map(sieve).unwrap_or(NO_SIEVE));
                self.index.insert(i, IndexEntry { key, glob, creds: vec![tracked] });
            }
        }
    }

    /// The index keys in lookup order (de-duplicated, reverse lexicographic).
    pub fn index_keys(&self) -> Vec<String> {
        self.index.iter().map(|e| show(&e.key)).collect()
    }

    /// Every key handed to `Add`, in order, with its normalization.
    pub fn added(&self) -> &[AddedKey] {
        &self.added
    }

    /// Whether the keyring holds no key.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// `Lookup(image)` without explanations (the fast path).
    pub fn lookup(&self, image: &str) -> Vec<MatchedCredential> {
        let mut out = Vec::new();
        if let Ok(target) = parse_schemeless(image.as_bytes()) {
            let want = shape(&target);
            let hashes: Vec<u64> = target.labels.iter().enumerate().take(64).map(|(p, l)| label_hash(l, p)).collect();
            let candidates = self.sieves.iter().enumerate().filter(|(_, s)| {
                if s.shape != want {
                    return false;
                }
                let (mut m, mut h) = (s.literal_mask, 0);
                while m != 0 {
                    h ^= hashes.get(m.trailing_zeros() as usize).copied().unwrap_or(u64::MAX);
                    m &= m - 1;
                }
                h == s.literal_hash
            });
            for (i, _) in candidates {
                let Some(e) = self.index.get(i) else { continue };
                if let Ok(g) = &e.glob {
                    if let Ok(true) = matcher::urls_match(g, &target) {
                        push_creds(&mut out, e, false);
                    }
                }
            }
        }
        if out.is_empty() && is_default_registry_match(image) {
            if let Some(e) = self.default_registry_entry() {
                push_creds(&mut out, e, true);
            }
        }
        out
    }

    fn default_registry_entry(&self) -> Option<&IndexEntry> {
        self.index.binary_search_by(|e| DEFAULT_REGISTRY_HOST.cmp(&e.key[..])).ok().and_then(|i| self.index.get(i))
    }

    /// `Lookup(image)` with an explanation of every key.
    pub fn explain_lookup(&self, image: &str) -> KeyringLookup {
        let target = parse_schemeless(image.as_bytes());
        let mut keys = Vec::with_capacity(self.index.len());
        let mut credentials = Vec::new();
        for e in &self.index {
            let key = show(&e.key);
            let explanation = explain_parsed(&key, image, e.glob.as_ref(), target.as_ref());
            if explanation.matched {
                push_creds(&mut credentials, e, false);
            }
            let mut written: Vec<(String, Source)> = Vec::new();
            for c in &e.creds {
                if !written.iter().any(|(k, s)| *k == c.written_key && *s == c.source) {
                    written.push((c.written_key.clone(), c.source.clone()));
                }
            }
            keys.push(KeyCheck { key, written, explanation });
        }
        let docker_hub_image = is_default_registry_match(image);
        let default_entry = self.default_registry_entry();
        let consulted = credentials.is_empty();
        let used = consulted && docker_hub_image && default_entry.is_some();
        if used {
            if let Some(e) = default_entry {
                push_creds(&mut credentials, e, true);
            }
        }
        let reason = if !consulted {
            "not consulted: a key matched".to_owned()
        } else if !docker_hub_image {
            format!("{image:?} is not a Docker Hub name (its first segment has a '.' or ':' and is not docker.io)")
        } else if default_entry.is_none() {
            "no key index.docker.io (written e.g. https://index.docker.io/v1/) to fall back to".to_owned()
        } else {
            format!(
                "nothing matched and {image:?} is a Docker Hub name, so the credentials of index.docker.io are used \
                 (index.docker.io never URL-matches docker.io: 3 labels vs 2)"
            )
        };
        KeyringLookup {
            image: image.to_owned(),
            keys,
            fallback: Fallback {
                consulted,
                docker_hub_image,
                has_index_docker_io: default_entry.is_some(),
                used,
                reason,
                rule: rules::DOCKER_HUB_FALLBACK,
            },
            credentials,
        }
    }
}

fn push_creds(out: &mut Vec<MatchedCredential>, e: &IndexEntry, via_fallback: bool) {
    let key = show(&e.key);
    out.extend(e.creds.iter().map(|c| MatchedCredential { key: key.clone(), tracked: c.clone(), via_fallback }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_a_large_config_at_once_equals_adding_its_keys_one_by_one() {
        let mut json = String::from("{\"auths\":{");
        for i in 0..300 {
            let key = match i % 5 {
                0 => format!("https://reg{}.example.com/v1/", i % 40),
                1 => format!("*.reg{}.example.com", i % 30),
                2 => format!("reg{}.example.com:5000/team{}", i % 20, i % 3),
                3 => "docker.io".to_owned(),
                _ => format!("http://[::1]:{}/x{i}", i % 7),
            };
            json.push_str(&format!(
                "{}\"{key}\":{{\"username\":\"u{i}\",\"password\":\"p\"}}",
                if i > 0 { "," } else { "" }
            ));
        }
        json.push_str("}}");
        let config = crate::creds::parse_docker_config_json(&json).unwrap();
        let source = Source::Node { path: "config.json".into() };
        let other = Source::PodSecret { namespace: "default".into(), name: "s".into() };
        let mut bulk = Keyring::new();
        let mut single = Keyring::new();
        for k in [&mut bulk, &mut single] {
            k.add_entry(&other, "reg3.example.com", Credential::new("first", "p", ""));
            k.add_entry(&other, "zzz.example.com", Credential::new("first", "p", ""));
        }
        bulk.add(&source, &config);
        for e in &config.entries {
            single.add_entry(&source, &e.key, e.credential.clone());
        }
        assert!(config.entries.len() > 32);
        assert_eq!(bulk.index_keys(), single.index_keys());
        assert_eq!(bulk.added(), single.added());
        assert_eq!(bulk.sieves, single.sieves);
        for image in
            ["reg3.example.com/a", "x.reg7.example.com/b", "reg5.example.com:5000/team2/c", "nginx", "[::1]:3/x3"]
        {
            assert_eq!(bulk.lookup(image), single.lookup(image), "{image}");
        }
    }

    fn node() -> Source {
        Source::Node { path: "config.json".into() }
    }

    fn ring(keys: &[(&str, &str)]) -> Keyring {
        let mut k = Keyring::new();
        for (key, user) in keys {
            k.add_entry(&node(), key, Credential::new(*user, "pw", ""));
        }
        k
    }

    fn users(k: &Keyring, image: &str) -> Vec<String> {
        let fast: Vec<String> = k.lookup(image).into_iter().map(|m| m.tracked.credential.username).collect();
        let slow: Vec<String> =
            k.explain_lookup(image).credentials.into_iter().map(|m| m.tracked.credential.username).collect();
        assert_eq!(fast, slow, "fast and explained lookups agree for {image}");
        fast
    }

    #[test]
    fn key_normalization() {
        let key = |w: &str| normalize_key(w).result;
        assert_eq!(key("https://index.docker.io/v1/"), Ok("index.docker.io".into()));
        assert_eq!(key("http://quay.io/v2/team"), Ok("quay.io/team".into()));
        assert_eq!(key("quay.io/v1"), Ok("quay.io/v1".into()), "no trailing slash: not stripped");
        assert_eq!(key("quay.io/V1/x"), Ok("quay.io/V1/x".into()), "case-sensitive");
        assert_eq!(key("https://*.docker.io/path:1111"), Ok("*.docker.io/path:1111".into()));
        assert_eq!(key("HTTPS://quay.io"), Ok("HTTPS://quay.io".into()));
        assert_eq!(key("ftp://quay.io"), Ok("ftp://quay.io".into()));
        assert_eq!(key("https://user:pw@quay.io:443/a?x#y"), Ok("quay.io:443/a".into()));
        assert_eq!(key("quay.io/"), Ok("quay.io".into()));
        assert!(key("quay.io:abc").is_err());
        assert!(key("a b.io").is_err());
    }

    #[test]
    fn index_is_reverse_sorted_and_deduplicated() {
        let k = ring(&[("a.io", "1"), ("https://b.io", "2"), ("*.b.io", "3"), ("b.io/x", "4"), ("http://b.io/", "5")]);
        assert_eq!(k.index_keys(), ["b.io/x", "b.io", "a.io", "*.b.io"]);
        assert_eq!(users(&k, "b.io/x/y"), ["4", "2", "5"]);
    }

    #[test]
    fn docker_hub_fallback_only_when_nothing_matched() {
        let k = ring(&[("https://index.docker.io/v1/", "hub"), ("docker.io", "direct")]);
        assert_eq!(users(&k, "docker.io/library/nginx"), ["direct"]);
        let k = ring(&[("https://index.docker.io/v1/", "hub")]);
        assert_eq!(users(&k, "docker.io/library/nginx"), ["hub"]);
        assert_eq!(users(&k, "quay.io/x"), Vec::<String>::new());
        assert_eq!(users(&k, "localhost:5000/x"), Vec::<String>::new());
        let ex = k.explain_lookup("docker.io/library/nginx");
        assert!(ex.fallback.used && ex.credentials[0].via_fallback);
        // A key that matches something else does not suppress the fallback for other images.
        let k = ring(&[("https://index.docker.io/v1/", "hub"), ("*.io", "glob")]);
        assert_eq!(users(&k, "docker.io/library/nginx"), ["glob"]);
    }

    #[test]
    fn default_registry_names() {
        for (image, want) in [
            ("foo", true),
            ("foo/bar", true),
            ("docker.io/foo/bar", true),
            ("index.docker.io/foo/bar", true),
            ("", false),
            ("registry.tld/foo/bar", false),
            ("registry:5000/foo/bar", false),
            ("myhostdocker.io/foo/bar", false),
            ("localhost/foo", true),
            ("/foo", false),
        ] {
            assert_eq!(is_default_registry_match(image), want, "{image}");
        }
    }

    #[test]
    fn unusable_keys_never_match() {
        // `%25zz` unescapes to `%zz`; re-parsing the index key then fails, as in the kubelet.
        let k = ring(&[("https://a.io/%25zz", "x")]);
        assert_eq!(k.index_keys(), ["a.io/%zz"]);
        assert_eq!(users(&k, "a.io/%zz"), Vec::<String>::new());
        assert!(k.explain_lookup("a.io/x").keys[0].explanation.error.is_some());
    }
}
