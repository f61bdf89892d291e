//! Loading workloads: what a user pastes (YAML, multi-document, or JSON) → the objects whose pods
//! pull images, each image with where it is written.
//!
//! Read kinds and where their pod spec is:
//!
//! | kind | pod spec |
//! |---|---|
//! | `Pod` (v1) | `spec` |
//! | `Deployment`, `ReplicaSet`, `DaemonSet` (apps, or legacy extensions), `StatefulSet` (apps), `Job` (batch), `ReplicationController` (v1) | `spec.template.spec` |
//! | `CronJob` (batch) | `spec.jobTemplate.spec.template.spec` |
//! | `PodTemplate` (v1) | `template.spec` |
//! | `List` (v1) and typed lists (`PodList`, …) | each of `items` (typed-list items without `kind` take it from the list) |
//!
//! From each pod spec: `initContainers` (a `restartPolicy: Always` init container is a sidecar),
//! `containers`, `ephemeralContainers`, image volumes (`volumes[].image.reference` and
//! `pullPolicy`), `imagePullSecrets` names, `serviceAccountName` (or the deprecated
//! `serviceAccount` when that is empty, as the API server's conversion does), and the object's
//! namespace (`metadata.namespace`, else `default`).
//!
//! Any other kind is listed in [`LoadResult::skipped`] with the reason; so is a built-in kind
//! name used by a custom resource (a `Job` in `batch.volcano.sh` is not a batch Job).
//!
//! Values are read the way kubectl reads them (see [`crate::yaml`]): a field of the wrong type
//! (`image: 1.0`, `imagePullSecrets: [regcred]`) makes kubectl refuse the whole object, so the
//! object is reported in [`LoadResult::errors`] with the field's path and position, and not
//! loaded; the other objects still are. A null value counts as omitted.
//!
//! Limits: [`MAX_MANIFEST_BYTES`], and the YAML limits of [`crate::yaml`]
//! ([`crate::yaml::MAX_NESTING_DEPTH`], [`crate::yaml::MAX_ALIAS_EXPANSION`],
//! [`crate::yaml::MAX_YAML_NODES`], [`crate::yaml::MAX_DOCUMENT_ERRORS`]).

mod extract;

use crate::policy::ContainerKind;
use crate::yaml::{self, YamlError};
use serde::{Deserialize, Serialize};

pub use crate::yaml::SourcePos;

/// Inputs larger than this (10 MiB) are refused before parsing. A 10 MB cluster dump loads; a
/// 50 MB paste is refused at once.
pub const MAX_MANIFEST_BYTES: usize = 10 * 1024 * 1024;

/// Everything read from one input.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LoadResult {
    /// Objects that run pods, in input order (a `List`'s items in place of the list).
    pub objects: Vec<Workload>,
    /// Objects of other kinds, with why they were not read.
    pub skipped: Vec<Skipped>,
    /// Malformed documents, objects kubectl would refuse, and refused input.
    pub errors: Vec<LoadError>,
    /// Things kubectl accepts silently or refuses, but that do not stop pullsim (a duplicated
    /// key, a missing `apiVersion`).
    pub warnings: Vec<LoadWarning>,
}

/// An object whose pods pull images.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workload {
    /// `kind` as written (for a typed-list item without one, the list's kind minus `List`).
    pub kind: String,
    /// `apiVersion` as written; empty when missing.
    pub api_version: String,
    /// `metadata.name`, or `metadata.generateName` when there is no name; empty when neither.
    pub name: String,
    /// `metadata.namespace`, or `default`.
    pub namespace: String,
    /// The pod template's (or the pod's) spec.
    pub pod: PodSpecView,
    /// 1-based index of the document in the input.
    pub document: usize,
    /// Where the object starts.
    pub position: SourcePos,
}

/// The parts of a pod spec that decide image pulls.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PodSpecView {
    /// Where the pod spec is, e.g. `spec.template.spec` (prefixed by `items[N].` in a list).
    pub path: String,
    /// Every image the pod needs, in order: init containers, containers, ephemeral containers,
    /// image volumes.
    pub containers: Vec<ContainerRef>,
    /// `imagePullSecrets[].name`, in order, as written (the kubelet ignores empty names).
    pub image_pull_secrets: Vec<String>,
    /// `serviceAccountName`, else the deprecated `serviceAccount`; `None` when neither is set
    /// (the API server then uses `default`).
    pub service_account_name: Option<String>,
}

/// One image a pod needs: a container's, or an image volume's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerRef {
    /// The container's name, or the volume's name for an image volume.
    pub name: String,
    /// `image` (`image.reference` for a volume) exactly as the YAML value reads, whitespace
    /// included; empty when omitted or null.
    pub image: String,
    /// `imagePullPolicy` (`image.pullPolicy` for a volume) as written; empty when omitted.
    pub image_pull_policy: String,
    /// Which list it is in.
    pub kind: ContainerKind,
    /// An init container with `restartPolicy: Always` (a sidecar: it keeps running).
    pub sidecar: bool,
    /// Where it is, e.g. `spec.containers[1]`, `spec.volumes[0]`.
    pub path: String,
    /// Where the image value is written (see [`crate::yaml::Stream::pos`]: the value as written,
    /// quotes included; an alias points at the anchored value); `None` when the field is
    /// omitted.
    pub image_position: Option<SourcePos>,
}

/// An object that is not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub kind: String,
    pub api_version: String,
    pub name: String,
    /// Why, in one sentence.
    pub reason: String,
    /// 1-based index of the document in the input.
    pub document: usize,
    /// Where the object starts.
    pub position: SourcePos,
}

/// A problem in the input and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// What is wrong (for malformed YAML, the parser's message).
    pub message: String,
    /// 1-based index of the document in the input.
    pub document: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// Byte offset in the input (never past its end).
    pub offset: usize,
}

/// A malformed document, an object kubectl would refuse, or refused input.
pub type LoadError = Diagnostic;
/// Something worth knowing that does not stop loading.
pub type LoadWarning = Diagnostic;

impl From<YamlError> for Diagnostic {
    fn from(e: YamlError) -> Self {
        Diagnostic { message: e.message, document: e.document, line: e.line, column: e.column, offset: e.offset }
    }
}

impl Diagnostic {
    fn at(message: String, document: usize, pos: SourcePos) -> Self {
        Diagnostic { message, document, line: pos.line, column: pos.column, offset: pos.start }
    }
}

/// Loads every object of a YAML or JSON input. Never panics; see the module documentation.
pub fn load(text: &str) -> LoadResult {
    if text.len() > MAX_MANIFEST_BYTES {
        return too_large(text.len());
    }
    if let Some(refused) = top_level_json_array(text) {
        return refused;
    }
    load_yaml(text)
}

/// The message for a document whose root is a sequence (see `extract::document`).
const FOUND_A_LIST: &str = "expected a Kubernetes object (a mapping with apiVersion and kind), found a list";

/// A cheap pre-check (issue 6): a text that is one JSON array is one YAML document whose root is
/// a sequence, which the loader refuses whatever it holds. serde_json validates 10 MB in tens of
/// milliseconds; saphyr-parser spends about 1 µs per node, so a 10 MB one-line array of numbers
/// (5 million nodes) took over 2 s to reach the same refusal.
fn top_level_json_array(text: &str) -> Option<LoadResult> {
    if !text.starts_with('[') || serde_json::from_str::<serde::de::IgnoredAny>(text).is_err() {
        return None;
    }
    let mut out = LoadResult::default();
    out.errors.push(Diagnostic { message: FOUND_A_LIST.to_owned(), document: 1, line: 1, column: 1, offset: 0 });
    Some(out)
}

fn load_yaml(text: &str) -> LoadResult {
    yaml::read(text, &extract::PodSchema, collect)
}

/// [`load`] without the YAML reader's JSON fast path: the `workload` fuzz target checks that both
/// give the same result (only in fuzzing builds).
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn load_unscanned(text: &str) -> LoadResult {
    if text.len() > MAX_MANIFEST_BYTES {
        return too_large(text.len());
    }
    if let Some(refused) = top_level_json_array(text) {
        return refused;
    }
    yaml::read_unscanned(text, &extract::PodSchema, yaml::MAX_YAML_NODES, collect)
}

fn collect(stream: &yaml::Stream<'_>) -> LoadResult {
    let mut out = LoadResult::default();
    for doc in &stream.documents {
        match doc {
            Err(e) => out.errors.push(e.clone().into()),
            Ok(doc) => extract::document(stream, doc, &mut out),
        }
    }
    out
}

/// [`load`] for raw bytes (a file, a drop): refuses more than [`MAX_MANIFEST_BYTES`] before
/// looking at them, and input that is not UTF-8, naming where.
pub fn load_bytes(bytes: &[u8]) -> LoadResult {
    if bytes.len() > MAX_MANIFEST_BYTES {
        return too_large(bytes.len());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => load(text),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("");
            let (line, col) = line_col(valid);
            let mut out = LoadResult::default();
            out.errors.push(Diagnostic {
                message: format!(
                    "invalid UTF-8 at byte {}: YAML and JSON manifests must be UTF-8 text",
                    e.valid_up_to()
                ),
                document: 1,
                line,
                column: col,
                offset: e.valid_up_to(),
            });
            out
        }
    }
}

fn too_large(len: usize) -> LoadResult {
    let mut out = LoadResult::default();
    out.errors.push(Diagnostic {
        message: format!(
            "the input is {len} bytes, more than MAX_MANIFEST_BYTES ({MAX_MANIFEST_BYTES} bytes, 10 MiB): refused \
             without reading it"
        ),
        document: 1,
        line: 1,
        column: 1,
        offset: 0,
    });
    out
}

/// The 1-based line and column just after `s`.
fn line_col(s: &str) -> (usize, usize) {
    let (mut line, mut col) = (1, 1);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => {
                line += 1;
                col = 1;
            }
            _ => col += 1,
        }
    }
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{fast_path_taken, read_limited, read_unscanned, scan_json, JsonScan, MAX_YAML_NODES};

    /// JSON texts for the fast path: (text, whether it is in the scanned subset).
    fn json_corpus() -> Vec<(String, bool)> {
        let pod = |extra: &str| {
            format!(
                "{{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"metadata\": {{\"name\": \"p\", \"labels\": {{\"a\": \"b\", \
                 \"é\": [1, 2.5e-3, -0, true, false, null, {{}}, []]}}}},\n  \"spec\": {{\n    \"containers\": [\n      \
                 {{\"name\": \"c\", \"image\": \"nginx:1.25\", \"ports\": [{{\"containerPort\": 80}}], \"env\": [{{\"name\": \
                 \"X\", \"value\": \"ü\\u00e9\\n\\\"\"}}]}}\n    ],\n    \"imagePullSecrets\": [{{\"name\": \"r\"}}]{extra}\n  }},\n  \
                 \"status\": {{\"phase\": \"Running\", \"conditions\": [[[[1]]], {{\"x\\ty\": \"\\u00e9\"}}]}}\n}}\n"
            )
        };
        let cronjobs = include_str!("../../../../examples/cronjob-list.json").to_owned();
        let mut dense = String::from("{\"a\":[");
        for _ in 0..300 {
            dense.push_str("1,[2,{\"k\":\"v\"}],");
        }
        dense.push_str("1],\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}");
        vec![
            (pod(""), true),
            (pod(", \"volumes\": [{\"name\": \"v\", \"image\": {\"reference\": \"img\", \"pullPolicy\": \"Always\"}}]"), true),
            (pod("").replace('\n', "\r\n"), true),
            (pod("").replace("\n  ", "\n"), true),
            (cronjobs.clone(), true),
            (cronjobs.replace("\n", "").replace("  ", ""), true),
            (dense.clone(), true),
            ("{\"a\":[1,1,1]}".to_owned(), true),
            ("{\"a\" : \n [\n1\n,\n2\n]\n,\"kind\":\n\"Pod\"}".to_owned(), true),
            ("{}".to_owned(), true),
            (pod("").replace('\n', "\r"), true),
            ("{\"kind\":[[1],{\"a\":[2]}],\"apiVersion\":{\"x\":[1]},\"metadata\":[{}]}".to_owned(), true),
            (
                "{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"args\":[\"a\",[\"b\"]]}],\
                 \"volumes\":[{\"name\":\"v\",\"image\":{\"reference\":\"r\",\"x\":[1]}}],\"imagePullSecrets\":[[\"r\"]]}}"
                    .to_owned(),
                true,
            ),
            ("{\"kind\":\"Pod\",\"spec\":{\"containers\":[1,\"x\",[],{\"image\":5}]}}".to_owned(), true),
            ("{\"items\":[{\"kind\":\"Pod\",\"x\":[1]},{\"kind\":\"Job\",\"y\":{\"z\":[]}}],\"kind\":\"List\"}".to_owned(), true),
            // Outside the subset (the text is parsed as it is): a tab, an escaped kept key, a
            // surrogate, a trailing comma, text after the object, a key on its own line.
            (pod("").replace("\"kind\": ", "\"kind\":\t"), false),
            ("{\"k\\u0069nd\":\"Pod\",\"a\":[1]}".to_owned(), false),
            ("{\"a\":\"\\ud83d\\ude00\"}".to_owned(), false),
            ("{\"a\":[1,2,],\"kind\":\"Pod\"}".to_owned(), false),
            ("{\"a\":[1]} {}".to_owned(), false),
            ("{\"a\":[1]}\n---\n{\"kind\":\"Pod\"}".to_owned(), false),
            ("{\"a\"\n:[1]}".to_owned(), false),
            ("{\"a\":[01]}".to_owned(), false),
            ("{\"a\":[1]".to_owned(), false),
        ]
    }

    #[test]
    fn the_json_fast_path_agrees_with_the_parser() {
        for (text, in_subset) in json_corpus() {
            let scan = scan_json(&text, &extract::PodSchema, MAX_YAML_NODES);
            assert_eq!(scan.is_some(), in_subset, "{text}");
            assert_eq!(fast_path_taken(&text, &extract::PodSchema), in_subset, "{text}");
            let fast = read_limited(&text, &extract::PodSchema, MAX_YAML_NODES, collect);
            let slow = read_unscanned(&text, &extract::PodSchema, MAX_YAML_NODES, collect);
            assert_eq!(fast, slow, "{text}");
            assert_eq!(fast, load(&text), "{text}");
        }
    }

    #[test]
    fn the_json_fast_path_blanks_what_the_loader_skips() {
        let text = "{\"a\":[1,[2]],\"kind\":\"Pod\",\"status\":{\"x\":[]}}";
        let Some(JsonScan::Skipped(ranges)) = scan_json(text, &extract::PodSchema, MAX_YAML_NODES) else {
            panic!("not scanned")
        };
        let inside: Vec<&str> = ranges.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(inside, ["1,[2]", "\"x\":[]"]);
    }

    #[test]
    fn the_node_limit_refuses_at_the_same_node_with_and_without_the_fast_path() {
        for (text, _) in json_corpus() {
            for limit in [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987] {
                let fast = read_limited(&text, &extract::PodSchema, limit, collect);
                let slow = read_unscanned(&text, &extract::PodSchema, limit, collect);
                assert_eq!(fast, slow, "limit {limit}: {text}");
            }
        }
        // The same for YAML (no fast path): the error is at the first node over the limit.
        let text = "a:\n- 1\n- 2\n- 3\n---\nkind: Pod\n";
        let r = read_limited(text, &extract::PodSchema, 3, collect);
        assert_eq!(r.errors.len(), 1, "{r:?}");
        let e = &r.errors[0];
        assert!(e.message.contains("more than 3 YAML nodes (MAX_YAML_NODES"), "{e:?}");
        assert_eq!((e.document, e.line, e.column, e.offset), (1, 2, 3, 5), "the fourth node: a: - [1]");
        assert!(r.objects.is_empty());
    }

    #[test]
    fn the_json_array_pre_check_agrees_with_the_parser() {
        for text in [
            "[]",
            "[1,2,3]",
            "[{\"a\":1,\"a\":2}]",
            "[{\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}]\n",
            "[\"x\"] ",
        ] {
            assert_eq!(top_level_json_array(text), Some(load_yaml(text)), "{text}");
        }
        for text in ["[1] trailing", "[1,]", " [1]", "[1]\n---\nkind: Pod\n", "[[[", "{\"a\":[1]}"] {
            assert_eq!(top_level_json_array(text), None, "{text}");
        }
    }
}
