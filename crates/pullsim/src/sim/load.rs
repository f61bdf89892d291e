//! From a scenario's workload text to the pods the kubelet receives.

use super::engine::{simulate_pods_with, ContainerInput, PodInput, SimMemo, SlotKind};
use super::registry::synthetic_digest;
use super::scenario::Scenario;
use super::SimResult;
use crate::policy::ContainerKind;
use crate::workload::{self, Workload};

/// The lower-case alphanumerics controllers use for generated name suffixes.
const SUFFIX_ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// A stable suffix (no randomness) in the alphabet the API server's name generator uses.
fn suffix(seed: &str, len: usize) -> String {
    let d = synthetic_digest(seed);
    d.bytes()
        .skip(7)
        .take(len)
        .filter_map(|b| SUFFIX_ALPHABET.get(usize::from(b) % SUFFIX_ALPHABET.len()).map(|&c| c as char))
        .collect()
}

/// The pod name the object's controller would create (one pod per object: replicas are not
/// modelled, every replica on one node would pull the same way).
fn pod_name(w: &Workload) -> String {
    let seed = format!("{}/{}/{}", w.kind, w.namespace, w.name);
    match w.kind.as_str() {
        "Pod" => w.name.clone(),
        "Deployment" => format!("{}-{}-{}", w.name, &synthetic_digest(&seed)[7..17], suffix(&seed, 5)),
        "StatefulSet" => format!("{}-0", w.name),
        "CronJob" => format!("{}-29000000-{}", w.name, suffix(&seed, 5)),
        _ => format!("{}-{}", w.name, suffix(&seed, 5)),
    }
}

/// The pods of every loaded object, with their creation times from `scenario.pods`.
pub fn pods_of(sc: &Scenario, objects: &[Workload]) -> Vec<PodInput> {
    objects
        .iter()
        .map(|w| {
            let name = pod_name(w);
            let at = sc.pods.iter().find(|t| t.name == name || t.name == w.name).map_or(0.0, |t| t.at);
            PodInput {
                containers: w
                    .pod
                    .containers
                    .iter()
                    .map(|c| ContainerInput {
                        name: c.name.clone(),
                        image: c.image.clone(),
                        image_pull_policy: c.image_pull_policy.clone(),
                        image_position: c.image_position,
                        kind: match c.kind {
                            ContainerKind::InitContainer if c.sidecar => SlotKind::Sidecar,
                            ContainerKind::InitContainer => SlotKind::InitContainer,
                            ContainerKind::EphemeralContainer => SlotKind::EphemeralContainer,
                            ContainerKind::ImageVolume => SlotKind::ImageVolume,
                            ContainerKind::Container => SlotKind::Container,
                        },
                    })
                    .collect(),
                name,
                namespace: w.namespace.clone(),
                image_pull_secrets: w.pod.image_pull_secrets.clone(),
                service_account: w.pod.service_account_name.clone(),
                created_at: (at.max(0.0) * 1000.0).round() as u64,
            }
        })
        .collect()
}

/// Loads the scenario's workload and simulates it. Documents that do not load are reported in
/// the notes; the others still run.
pub fn simulate(sc: &Scenario) -> SimResult {
    simulate_loaded(sc, &workload::load(&sc.workload))
}

/// [`simulate`] with the scenario's workload already loaded (`loaded` must be
/// `workload::load(&sc.workload)`), for callers that also read the workload themselves.
pub fn simulate_loaded(sc: &Scenario, loaded: &workload::LoadResult) -> SimResult {
    simulate_loaded_with(sc, loaded, &mut SimMemo::default())
}

/// [`simulate_loaded`] through a [`SimMemo`] kept from an earlier simulation (the page's worker
/// keeps one across edits).
pub fn simulate_loaded_with(sc: &Scenario, loaded: &workload::LoadResult, memo: &mut SimMemo) -> SimResult {
    let mut pods = pods_of(sc, &loaded.objects);
    // Image volumes need the ImageVolume gate (SPEC §2.1).
    let minor = super::version::parse_minor(&sc.kubernetes).unwrap_or(super::version::NEWEST_MINOR);
    let (gates, _) = super::version::resolve_gates(minor, &sc.feature_gates);
    let image_volumes = gates.get("ImageVolume").copied().unwrap_or(false);
    let mut dropped = 0;
    if !image_volumes {
        for p in &mut pods {
            let before = p.containers.len();
            p.containers.retain(|c| c.kind != SlotKind::ImageVolume);
            dropped += before - p.containers.len();
        }
    }
    let mut result = simulate_pods_with(sc, pods, memo);
    for e in &loaded.errors {
        result
            .notes
            .push(format!("workload document {}: line {}, column {}: {}", e.document, e.line, e.column, e.message));
    }
    for s in &loaded.skipped {
        result.notes.push(format!("{} {:?} skipped: {}", s.kind, s.name, s.reason));
    }
    if dropped > 0 {
        result.notes.push(format!(
            "{dropped} image volume(s) not pulled: the ImageVolume feature gate is off in 1.{minor} (on by default from 1.35)"
        ));
    }
    result
}
