//! Everything pullsim shows about one image name, in one serializable value: the anatomy, the
//! kubelet's view, the default pull policy, and the rules that fired.

use super::error::RefError;
use super::{apply_default_image_tag, parse_docker_ref, parse_image_name, parse_normalized_named, Normalization};
use crate::policy::{default_pull_policy, PolicyDecision};
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
pub fn analyze(input: &str) -> Anatomy {
    let normalized = parse_normalized_named(input);
    let kubelet = match (parse_image_name(input), apply_default_image_tag(input)) {
        (Ok(n), Ok(runtime)) => KubeletView {
            repo: Some(n.repo),
            tag: Some(n.tag),
            digest: Some(n.digest),
            runtime_image: Some(runtime),
            error: None,
        },
        (Err(e), _) | (_, Err(e)) => {
            KubeletView { repo: None, tag: None, digest: None, runtime_image: None, error: Some(e.message) }
        }
    };
    let policy = default_pull_policy(input, "");
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
            let docker_ref = parse_docker_ref(input).ok();
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
            anatomy.docker_ref = docker_ref.map(|d| d.to_string());
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
