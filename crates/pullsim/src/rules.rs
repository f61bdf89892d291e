//! The catalogue of rules pullsim explains. Every explanation step a user sees names one of these:
//! what the rule says, where the spec states it, and the kubernetes.io section when there is one.

use serde::Serialize;

/// Base of the Kubernetes documentation links.
pub const DOCS: &str = "https://kubernetes.io/docs";

/// A rule behind an explanation step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable identifier, e.g. `normalize.official-image`.
    pub id: &'static str,
    /// Short name of the rule as a learner would say it.
    pub title: &'static str,
    /// Section of SPEC.md that states the rule.
    pub spec: &'static str,
    /// kubernetes.io page (and anchor) that documents it, when one exists.
    pub doc: Option<&'static str>,
}

/// kubernetes.io: Images → Image names.
pub const DOC_IMAGE_NAMES: &str = "https://kubernetes.io/docs/concepts/containers/images/#image-names";
/// kubernetes.io: Images → Image pull policy.
pub const DOC_PULL_POLICY: &str = "https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy";
/// kubernetes.io: Images → Default image pull policy.
pub const DOC_DEFAULT_PULL_POLICY: &str =
    "https://kubernetes.io/docs/concepts/containers/images/#imagepullpolicy-defaulting";
/// kubernetes.io: Admission controllers → AlwaysPullImages.
pub const DOC_ALWAYS_PULL_IMAGES: &str =
    "https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwayspullimages";
