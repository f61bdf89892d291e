//! Everything pullsim shows about one image name, in one serializable value: the anatomy, the
//! kubelet's view, the default pull policy, and the rules that fired.

use super::error::RefError;
use super::kubelet::{image_name_from, runtime_image};
use super::normalize::docker_ref;
use super::{parse_normalized_named, Normalization};
use crate::policy::{defaulted_pull_policy, PolicyDecision};
use crate::rules::{self, Rule};
use serde::Serialize;

/// The kubelet's view of the image (SPEC §1.9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KubeletView {
    /// `repoToPull`: the normalized name credentials are looked up with.
    pub repo: Option<String>,
    pub tag: Option<String>,
    pub digest: Option<String>,
    /// What `applyDefaultImageTag` hands to the container runtime.
    pub runtime_image: Option<String>,
    /// The kubelet's error (`couldn't parse image name …`); the container waits as
    /// `InvalidImageName`.
    pub error: Option<String>,
}

/// One explanation step: the rule and what it did here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    pub rule: Rule,
    pub text: String,
}

/// The anatomy of one image name as written in a pod spec.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Anatomy {
    pub input: String,
    /// `ParseNormalizedNamed` succeeded.
    pub ok: bool,
    /// Its error, with the offending span of `input`.
    pub error: Option<RefError>,
    /// `Name()`.
    pub name: Option<String>,
    pub domain: Option<String>,
    pub path: Option<String>,
    pub tag: Option<String>,
    pub digest: Option<String>,
    /// `String()`: the fully qualified reference.
    pub canonical: Option<String>,
    /// `FamiliarString()`: how `docker` and `kubectl` would print it.
    pub familiar: Option<String>,
    /// `ParseDockerRef()`: what the name resolves to when pulled (digest wins, else tag or latest).
    pub docker_ref: Option<String>,
    pub kubelet: KubeletView,
    /// The pull policy the API server fills in when the pod omits it.
    pub policy: PolicyDecision,
    /// The rules that fired, in order.
    pub steps: Vec<Step>,
}

const RULE_GRAMMAR: Rule =
    Rule { id: "reference.grammar", title: "the reference grammar", spec: "§1.1", doc: Some(rules::DOC_IMAGE_NAMES) };
const RULE_RUNTIME: Rule = Rule {
    id: "kubelet.default-tag",
    title: "the kubelet appends the default tag to the name as written",
    spec: "§1.9",
    doc: Some(rules::DOC_IMAGE_NAMES),
};
const RULE_INVALID: Rule = Rule {
    id: "kubelet.invalid-image-name",
    title: "an unparsable image fails as InvalidImageName",
    spec: "§1.9",
    doc: Some("https://kubernetes.io/docs/concepts/containers/images/#image-names"),
};

/// Analyzes one image name the way the API server and the kubelet would.
///
/// The name is parsed once (`ParseNormalizedNamed`); the kubelet's view (`ParseImageName`,
/// `applyDefaultImageTag`), the docker reference and the pull-policy default are derived from that
/// one result, exactly as the separate functions would compute them (`tests/limits.rs` checks the
/// views agree). A name of megabytes therefore costs one scan and one `%q`, not five.
///
/// Error texts stay verbatim even for huge names: the kubelet's wrapper is `couldn't parse image
/// name %q: %v` (SPEC §1.9), so its message quotes the whole name as the kubelet's would, and the
/// policy reason embeds that message. No text is cut here; a shell that shows a message may
/// shorten it for display, but the value (and `--json`) is upstream's.
pub fn analyze(input: &str) -> Anatomy {
    let normalized = parse_normalized_named(input);
    let image_name = image_name_from(input, normalized.as_ref());
    let kubelet = match &image_name {
        Ok(n) => KubeletView {
            repo: Some(n.repo.clone()),
            tag: Some(n.tag.clone()),
            digest: Some(n.digest.clone()),
            runtime_image: Some(runtime_image(input, n)),
            error: None,
        },
        Err(e) => {
            KubeletView { repo: None, tag: None, digest: None, runtime_image: None, error: Some(e.message.clone()) }
        }
    };
    let policy = defaulted_pull_policy(&image_name, || normalized.as_ref().is_ok_and(|r| r.tag().is_some()));
    let mut steps = Vec::new();
    let mut anatomy = Anatomy {
        input: input.to_owned(),
        ok: normalized.is_ok(),
        error: None,
        name: None,
        domain: None,
        path: None,
        tag: None,
        digest: None,
        canonical: None,
        familiar: None,
        docker_ref: None,
        kubelet,
        policy,
        steps: Vec::new(),
    };
    match normalized {
        Ok(r) => {
            for n in r.normalizations() {
                steps.push(Step { rule: n.rule(), text: n.explain().to_owned() });
            }
            let docker_ref = docker_ref(r.clone());
            if r.tag().is_none() && r.digest().is_none() {
                let n = Normalization::DefaultTagLatest;
                steps.push(Step { rule: n.rule(), text: n.explain().to_owned() });
            } else if r.tag().is_some() && r.digest().is_some() {
                steps.push(Step {
                    rule: RULE_GRAMMAR,
                    text: "both a tag and a digest → the digest decides what is pulled; the tag is kept for the pull-policy default".to_owned(),
                });
            }
            if let Some(runtime) = &anatomy.kubelet.runtime_image {
                let text = if runtime == input {
                    format!("the kubelet sends {runtime:?} to the runtime unchanged")
                } else {
                    format!("the kubelet sends {runtime:?} to the runtime: ':latest' is appended to the name as written, not to the normalized one")
                };
                steps.push(Step { rule: RULE_RUNTIME, text });
            }
            anatomy.name = Some(r.name());
            anatomy.domain = Some(r.domain().to_owned());
            anatomy.path = Some(r.path().to_owned());
            anatomy.tag = r.tag().map(str::to_owned);
            anatomy.digest = r.digest().map(str::to_owned);
            anatomy.canonical = Some(r.to_string());
            anatomy.familiar = Some(r.familiar_string());
            anatomy.docker_ref = Some(docker_ref.to_string());
        }
        Err(e) => {
            steps.push(Step { rule: RULE_GRAMMAR, text: format!("the name does not parse: {}", e.message) });
            steps.push(Step {
                rule: RULE_INVALID,
                text: "the API server accepts any non-empty image; the kubelet refuses this one with InvalidImageName and never pulls it".to_owned(),
            });
            anatomy.error = Some(e);
        }
    }
    steps.push(Step { rule: anatomy.policy.rule, text: anatomy.policy.reason.clone() });
    anatomy.steps = steps;
    anatomy
}
