//! Kubernetes versions and the feature gates whose behaviour pullsim models. The version selector
//! changes behaviour only where upstream did; each difference is named in the trace.

use serde::Serialize;
use std::collections::BTreeMap;

/// Oldest and newest minor versions modelled.
pub const OLDEST_MINOR: u32 = 27;
pub const NEWEST_MINOR: u32 = 35;

/// A feature gate: when it appeared and when it became on by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct GateInfo {
    pub name: &'static str,
    /// First minor version with the gate (alpha, off).
    pub since: u32,
    /// First minor version where it defaults to on.
    pub default_on: Option<u32>,
    pub note: &'static str,
}

/// The gates pullsim knows (SPEC §3.4, §2.1).
pub const GATES: [GateInfo; 2] = [
    GateInfo {
        name: "KubeletEnsureSecretPulledImages",
        since: 33,
        default_on: Some(35),
        note: "alpha in 1.33 (off), beta and on by default in 1.35 (SPEC §3.4)",
    },
    GateInfo {
        name: "ImageVolume",
        since: 31,
        default_on: Some(35),
        note: "alpha in 1.31, beta (off) in 1.33, beta on by default in 1.35 (SPEC §2.1)",
    },
];

/// The waiting message of a container in ImagePullBackOff carries the previous pull error from 1.32 on
/// (kubernetes/kubernetes#127918, merged for 1.32; SPEC §3.1 step 5 describes the newest form).
pub const BACKOFF_MESSAGE_WITH_ERROR_SINCE: u32 = 32;

/// Parses `"1.35"` (or `"v1.35.2"`) into the minor version.
pub fn parse_minor(v: &str) -> Result<u32, String> {
    let t = v.trim().trim_start_matches('v');
    let mut parts = t.split('.');
    let (major, minor) = (parts.next(), parts.next());
    match (major, minor.and_then(|m| m.parse::<u32>().ok())) {
        (Some("1"), Some(m)) if (OLDEST_MINOR..=NEWEST_MINOR).contains(&m) => Ok(m),
        _ => Err(format!(
            "kubernetes: {v:?} is not a supported version; pullsim models 1.{OLDEST_MINOR} … 1.{NEWEST_MINOR}"
        )),
    }
}

/// Resolved gates for a version: explicit settings override defaults. Setting a gate that does
/// not exist in that version is reported (the kubelet refuses to start with an unknown gate).
pub fn resolve_gates(minor: u32, explicit: &BTreeMap<String, bool>) -> (BTreeMap<&'static str, bool>, Vec<String>) {
    let mut gates = BTreeMap::new();
    let mut problems = Vec::new();
    for g in GATES {
        let exists = minor >= g.since;
        let default = g.default_on.is_some_and(|on| minor >= on);
        let value = match explicit.get(g.name) {
            Some(&v) if exists => v,
            Some(_) => {
                problems.push(format!("feature gate {} does not exist in 1.{minor} ({}); ignored", g.name, g.note));
                false
            }
            None => default,
        };
        gates.insert(g.name, exists && value);
    }
    for name in explicit.keys() {
        if !GATES.iter().any(|g| g.name == name) {
            problems.push(format!("feature gate {name} does not change image pulls in pullsim; ignored"));
        }
    }
    (gates, problems)
}
