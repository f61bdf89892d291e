//! The credential rules pullsim explains (SPEC §5, §3.3). Every explanation step of a lookup
//! names one of these.

use crate::rules::Rule;

/// kubernetes.io: Images → Interpretation of config.json.
pub const DOC_CONFIG_JSON: &str = "https://kubernetes.io/docs/concepts/containers/images/#config-json";
/// kubernetes.io: Images → Specifying imagePullSecrets on a Pod.
pub const DOC_PULL_SECRETS: &str =
    "https://kubernetes.io/docs/concepts/containers/images/#specifying-imagepullsecrets-on-a-pod";
/// kubernetes.io: Configure a kubelet image credential provider.
pub const DOC_CREDENTIAL_PROVIDER: &str =
    "https://kubernetes.io/docs/tasks/administer-cluster/kubelet-credential-provider/";

/// `.dockerconfigjson`/`config.json` hold an `auths` map; legacy `.dockercfg` is the map itself.
pub const CONFIG_FORMATS: Rule = Rule {
    id: "creds.config-formats",
    title: "config.json has an auths map; .dockercfg is the bare map",
    spec: "§5.1",
    doc: Some(DOC_CONFIG_JSON),
};
/// Only `username`, `password`, `email` and `auth` of an entry are read.
pub const ENTRY_FIELDS: Rule = Rule {
    id: "creds.entry-fields",
    title: "Only username, password, email and auth are read",
    spec: "§5.1",
    doc: Some(DOC_CONFIG_JSON),
};
/// `auth` = base64(`user:pass`) overrides username/password; a bad one fails the whole file/secret.
pub const AUTH_FIELD: Rule = Rule {
    id: "creds.auth-field",
    title: "auth is base64(username:password) and overrides username/password; one bad auth rejects the whole secret",
    spec: "§5.1",
    doc: Some(DOC_CONFIG_JSON),
};
/// Only typed secrets with their data key are used.
pub const SECRET_TYPE: Rule = Rule {
    id: "creds.secret-type",
    title: "Only kubernetes.io/dockerconfigjson (.dockerconfigjson) and kubernetes.io/dockercfg (.dockercfg) secrets are used",
    spec: "§5.1",
    doc: Some(DOC_PULL_SECRETS),
};
/// A referenced pull secret that cannot be read is reported and skipped.
pub const SECRET_MISSING: Rule = Rule {
    id: "creds.secret-missing",
    title: "Missing pull secrets: warning FailedToRetrieveImagePullSecret, the pull goes on without them",
    spec: "§3.3",
    doc: Some(DOC_PULL_SECRETS),
};
/// All of a pod's pull secrets form one keyring.
pub const POD_KEYRING: Rule = Rule {
    id: "creds.pod-keyring",
    title: "All of a pod's pull secrets go into one keyring",
    spec: "§5.1",
    doc: Some(DOC_PULL_SECRETS),
};
/// Node-level credentials: the first valid config.json / .dockercfg found.
pub const NODE_CONFIG: Rule = Rule {
    id: "creds.node-config",
    title: "Node credentials come from the first valid config.json (or .dockercfg) the kubelet finds",
    spec: "§5.2",
    doc: Some(DOC_CONFIG_JSON),
};
/// The scheme is added when missing and then discarded.
pub const KEY_SCHEME: Rule = Rule {
    id: "creds.key-scheme",
    title: "Keys without http:// or https:// get https:// prepended; the scheme is then dropped",
    spec: "§5.3",
    doc: Some(DOC_CONFIG_JSON),
};
/// `/v1/` and `/v2/` path prefixes are dropped.
pub const KEY_VERSION_PATH: Rule = Rule {
    id: "creds.key-v1-v2",
    title: "A path starting with /v1/ or /v2/ loses those 3 characters",
    spec: "§5.3",
    doc: Some(DOC_CONFIG_JSON),
};
/// The index key is host[:port] plus the path unless it is empty or `/`.
pub const KEY_FORM: Rule = Rule {
    id: "creds.key-host-path",
    title: "Index key = host[:port] + path (path omitted when empty or /); userinfo, query and fragment are dropped",
    spec: "§5.3",
    doc: Some(DOC_CONFIG_JSON),
};
/// A key whose URL does not parse is ignored.
pub const KEY_UNPARSABLE: Rule = Rule {
    id: "creds.key-unparsable",
    title: "A key that is not a valid URL is ignored (the kubelet logs an error)",
    spec: "§5.3",
    doc: Some(DOC_CONFIG_JSON),
};
/// The index is de-duplicated and reverse-sorted.
pub const INDEX_ORDER: Rule = Rule {
    id: "creds.index-order",
    title: "Keys are de-duplicated and tried in reverse lexicographic (byte) order",
    spec: "§5.3",
    doc: Some(DOC_CONFIG_JSON),
};
/// Both sides are parsed as URLs with https:// prepended.
pub const MATCH_PARSE: Rule = Rule {
    id: "creds.match-parse",
    title: "Key and image are parsed as URLs with https:// prepended; a parse error means no match",
    spec: "§5.4",
    doc: Some(DOC_CONFIG_JSON),
};
/// Ports compare as strings.
pub const MATCH_PORT: Rule = Rule {
    id: "creds.match-port",
    title: "Ports must be equal as strings (no port never matches a port)",
    spec: "§5.4",
    doc: Some(DOC_CONFIG_JSON),
};
/// Same number of host labels.
pub const MATCH_LABEL_COUNT: Rule = Rule {
    id: "creds.match-label-count",
    title: "Host names must have the same number of dot-separated labels",
    spec: "§5.4",
    doc: Some(DOC_CONFIG_JSON),
};
/// The key's path is a plain string prefix of the image's path.
pub const MATCH_PATH_PREFIX: Rule = Rule {
    id: "creds.match-path-prefix",
    title: "The key's path must be a plain string prefix of the image path (/pong matches /pongz)",
    spec: "§5.4",
    doc: Some(DOC_CONFIG_JSON),
};
/// Per-label glob.
pub const MATCH_LABEL_GLOB: Rule = Rule {
    id: "creds.match-label-glob",
    title: "Each host label is matched with filepath.Match: * ? [...] \\ (one * never spans a dot)",
    spec: "§5.4",
    doc: Some(DOC_CONFIG_JSON),
};
/// The lookup name is the normalized repository.
pub const LOOKUP_NAME: Rule = Rule {
    id: "creds.lookup-name",
    title:
        "Credentials are looked up with the normalized repository (docker.io/library/nginx), not the name as written",
    spec: "§1.9, §5.5",
    doc: Some(DOC_CONFIG_JSON),
};
/// Every matching key contributes, in index order.
pub const LOOKUP_ALL_MATCHES: Rule = Rule {
    id: "creds.lookup-all-matches",
    title: "Every matching key contributes its credentials, in index order",
    spec: "§5.5",
    doc: Some(DOC_CONFIG_JSON),
};
/// Docker Hub fallback.
pub const DOCKER_HUB_FALLBACK: Rule = Rule {
    id: "creds.docker-hub-fallback",
    title: "If nothing matched and the image is on Docker Hub, the key index.docker.io is used",
    spec: "§5.5",
    doc: Some(DOC_CONFIG_JSON),
};
/// Source order.
pub const SOURCE_ORDER: Rule = Rule {
    id: "creds.source-order",
    title: "Pod pull secrets first, then the node's config.json, then credential provider plugins",
    spec: "§5.5",
    doc: Some(DOC_PULL_SECRETS),
};
/// Try order.
pub const TRY_ORDER: Rule = Rule {
    id: "creds.try-order",
    title: "Each credential is tried in order; the first success wins; no anonymous pull after credentials fail",
    spec: "§5.6",
    doc: Some(DOC_CONFIG_JSON),
};
/// A lookup error stops the pull.
pub const LOOKUP_ERROR: Rule = Rule {
    id: "creds.lookup-error",
    title: "A pull secret that fails to decode aborts the credential lookup; its error becomes the container's waiting reason",
    spec: "§3.1, §5.1",
    doc: Some(DOC_PULL_SECRETS),
};
/// Plugins run only for images matching matchImages.
pub const PLUGIN_MATCH_IMAGES: Rule = Rule {
    id: "creds.plugin-match-images",
    title: "A credential provider plugin runs only if an entry of matchImages matches (same matcher, no scheme stripping, no Docker Hub fallback)",
    spec: "§5.8",
    doc: Some(DOC_CREDENTIAL_PROVIDER),
};
/// Plugin responses need a valid cacheKeyType.
pub const PLUGIN_RESPONSE: Rule = Rule {
    id: "creds.plugin-response",
    title: "A plugin response needs cacheKeyType Image, Registry or Global; its auth keys are matched like config.json keys",
    spec: "§5.8",
    doc: Some(DOC_CREDENTIAL_PROVIDER),
};
/// The image name as the kubelet parses it.
pub const IMAGE_NAME: Rule = Rule {
    id: "creds.image-name",
    title: "An image name that does not parse fails before any credential lookup (InvalidImageName)",
    spec: "§1.9",
    doc: Some(crate::rules::DOC_IMAGE_NAMES),
};

/// Every credential rule, for catalogues.
pub const ALL: &[Rule] = &[
    CONFIG_FORMATS,
    ENTRY_FIELDS,
    AUTH_FIELD,
    SECRET_TYPE,
    SECRET_MISSING,
    POD_KEYRING,
    NODE_CONFIG,
    KEY_SCHEME,
    KEY_VERSION_PATH,
    KEY_FORM,
    KEY_UNPARSABLE,
    INDEX_ORDER,
    MATCH_PARSE,
    MATCH_PORT,
    MATCH_LABEL_COUNT,
    MATCH_PATH_PREFIX,
    MATCH_LABEL_GLOB,
    LOOKUP_NAME,
    LOOKUP_ALL_MATCHES,
    DOCKER_HUB_FALLBACK,
    SOURCE_ORDER,
    TRY_ORDER,
    LOOKUP_ERROR,
    PLUGIN_MATCH_IMAGES,
    PLUGIN_RESPONSE,
    IMAGE_NAME,
];
