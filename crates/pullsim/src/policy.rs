//! `imagePullPolicy` defaulting (`SetDefaults_Container`) and the AlwaysPullImages admission
//! plugin (SPEC §2).

use crate::reference::{parse_image_name, ImageName, RefError};
use crate::rules::{self, Rule};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A valid `imagePullPolicy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PullPolicy {
    Always,
    IfNotPresent,
    Never,
}

impl PullPolicy {
    /// The API value (`Always`, `IfNotPresent`, `Never`); exact and case-sensitive.
    pub fn as_str(self) -> &'static str {
        match self {
            PullPolicy::Always => "Always",
            PullPolicy::IfNotPresent => "IfNotPresent",
            PullPolicy::Never => "Never",
        }
    }

    /// Parses an API value exactly (`always` is not `Always`).
    pub fn from_api(s: &str) -> Option<PullPolicy> {
        match s {
            "Always" => Some(PullPolicy::Always),
            "IfNotPresent" => Some(PullPolicy::IfNotPresent),
            "Never" => Some(PullPolicy::Never),
            _ => None,
        }
    }
}

impl fmt::Display for PullPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an image sits in the pod spec; the defaulting rule is the same for all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ContainerKind {
    Container,
    InitContainer,
    EphemeralContainer,
    /// An image volume (`volumes[].image`, KEP-4639): `reference` and `pullPolicy` play the roles
    /// of `image` and `imagePullPolicy` (SPEC §2.1).
    ImageVolume,
}

/// The outcome of defaulting (and optionally admission) for one container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyDecision {
    /// The resulting `imagePullPolicy` text (an invalid explicit value is kept as written).
    pub policy: String,
    /// True when the value was filled in by defaulting or changed by admission.
    pub defaulted: bool,
    /// Why, in one sentence.
    pub reason: String,
    /// The rule that decided.
    pub rule: Rule,
}

impl PolicyDecision {
    /// The policy, when it is one the API server accepts.
    pub fn pull_policy(&self) -> Option<PullPolicy> {
        PullPolicy::from_api(&self.policy)
    }
}

/// `SetDefaults_Container`.
pub const RULE_DEFAULTING: Rule = Rule {
    id: "policy.defaulting",
    title: "imagePullPolicy defaults from the tag",
    spec: "§2.1",
    doc: Some(rules::DOC_DEFAULT_PULL_POLICY),
};
/// An explicit `imagePullPolicy` is never changed by defaulting.
pub const RULE_EXPLICIT: Rule = Rule {
    id: "policy.explicit",
    title: "an explicit imagePullPolicy is kept",
    spec: "§2.1",
    doc: Some(rules::DOC_PULL_POLICY),
};
/// Validation: the value must be one of the three.
pub const RULE_VALIDATION: Rule = Rule {
    id: "policy.validation",
    title: "imagePullPolicy must be Always, IfNotPresent or Never",
    spec: "§2.1",
    doc: Some(rules::DOC_PULL_POLICY),
};
/// The AlwaysPullImages admission plugin.
pub const RULE_ALWAYS_PULL_IMAGES: Rule = Rule {
    id: "policy.always-pull-images",
    title: "AlwaysPullImages admission forces Always",
    spec: "§2.2",
    doc: Some(rules::DOC_ALWAYS_PULL_IMAGES),
};

/// `SetDefaults_Container` (SPEC §2.1): applied only when `imagePullPolicy` is empty. It runs
/// `ParseImageName`, ignores any error, and picks `Always` iff the tag is exactly `latest`.
pub fn default_pull_policy(image: &str, policy: &str) -> PolicyDecision {
    if !policy.is_empty() {
        let (reason, rule) = if PullPolicy::from_api(policy).is_some() {
            (format!("imagePullPolicy is set to {policy}: defaulting only fills in an empty value"), RULE_EXPLICIT)
        } else {
            (
                format!(
                    "imagePullPolicy {policy:?} is kept by defaulting, but the API server rejects it: \
                     Unsupported value: {policy:?}: supported values: \"Always\", \"IfNotPresent\", \"Never\""
                ),
                RULE_VALIDATION,
            )
        };
        return PolicyDecision { policy: policy.to_owned(), defaulted: false, reason, rule };
    }
    defaulted_pull_policy(&parse_image_name(image), || has_explicit_tag(image))
}

/// The defaulting half of [`default_pull_policy`], from `ParseImageName(image)` and whether the
/// image as written carries a tag (asked only when the tag is `latest` without a digest), so
/// [`crate::reference::analyze`] can reuse the parse it already has.
pub(crate) fn defaulted_pull_policy(
    parsed: &Result<ImageName, RefError>,
    explicit_tag: impl FnOnce() -> bool,
) -> PolicyDecision {
    let (result, reason) = match parsed {
        Ok(n) if n.tag == "latest" && n.digest.is_empty() && !explicit_tag() => {
            (PullPolicy::Always, "imagePullPolicy omitted and the image has no tag and no digest, so the tag is latest → Always".to_owned())
        }
        Ok(n) if n.tag == "latest" && !n.digest.is_empty() => (
            PullPolicy::Always,
            "imagePullPolicy omitted and the tag is latest → Always (the digest does not change this: only the tag is compared)".to_owned(),
        ),
        Ok(n) if n.tag == "latest" => {
            (PullPolicy::Always, "imagePullPolicy omitted and the tag is latest → Always".to_owned())
        }
        Ok(n) if n.tag.is_empty() => (
            PullPolicy::IfNotPresent,
            "imagePullPolicy omitted and the image is pinned by digest only (no tag) → IfNotPresent".to_owned(),
        ),
        Ok(n) if n.tag.eq_ignore_ascii_case("latest") => (
            PullPolicy::IfNotPresent,
            format!("imagePullPolicy omitted and the tag is {:?}, not exactly \"latest\" (the comparison is case-sensitive) → IfNotPresent", n.tag),
        ),
        Ok(n) => (
            PullPolicy::IfNotPresent,
            format!("imagePullPolicy omitted and the tag is {:?}, not latest → IfNotPresent", n.tag),
        ),
        Err(e) => (
            PullPolicy::IfNotPresent,
            format!(
                "imagePullPolicy omitted and the image cannot be parsed ({}); defaulting ignores the error, so the tag counts as empty → IfNotPresent",
                e.message
            ),
        ),
    };
    PolicyDecision { policy: result.as_str().to_owned(), defaulted: true, reason, rule: RULE_DEFAULTING }
}

/// Whether the image as written carries a tag (so `latest` came from the text, not the default).
fn has_explicit_tag(image: &str) -> bool {
    crate::reference::parse_normalized_named(image).is_ok_and(|r| r.tag().is_some())
}

/// The AlwaysPullImages admission plugin's mutation on pod creation (SPEC §2.2), applied after
/// defaulting. Ephemeral containers arrive through the `ephemeralcontainers` subresource, which
/// the plugin ignores, so they keep their policy.
pub fn always_pull_images(decision: PolicyDecision, kind: ContainerKind) -> PolicyDecision {
    if kind == ContainerKind::ImageVolume {
        return PolicyDecision {
            reason: format!(
                "{}; AlwaysPullImages does not change it: the plugin sets imagePullPolicy on containers, not an image \
                 volume's pullPolicy (SPEC §2.2, unverified for the newest release)",
                decision.reason
            ),
            ..decision
        };
    }
    if kind == ContainerKind::EphemeralContainer {
        return PolicyDecision {
            reason: format!(
                "{}; AlwaysPullImages does not change it: ephemeral containers are added through the ephemeralcontainers subresource, which the plugin ignores",
                decision.reason
            ),
            ..decision
        };
    }
    if decision.policy == PullPolicy::Always.as_str() {
        return PolicyDecision {
            reason: format!("{}; AlwaysPullImages admission keeps Always", decision.reason),
            ..decision
        };
    }
    PolicyDecision {
        reason: format!(
            "AlwaysPullImages admission sets imagePullPolicy to Always on every container (it was {})",
            decision.policy
        ),
        policy: PullPolicy::Always.as_str().to_owned(),
        defaulted: true,
        rule: RULE_ALWAYS_PULL_IMAGES,
    }
}

/// Defaulting, then the admission plugin when it is enabled: the policy the kubelet will see.
pub fn effective_pull_policy(image: &str, policy: &str, kind: ContainerKind, always_pull: bool) -> PolicyDecision {
    let d = default_pull_policy(image, policy);
    if always_pull {
        always_pull_images(d, kind)
    } else {
        d
    }
}
