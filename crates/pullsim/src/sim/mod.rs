//! The kubelet simulator (issue 4): pods, the node, the registry, pull decisions, back-off and
//! events over virtual time. Deterministic and discrete-event: the same scenario always gives the
//! same result; time is an input, never read from a clock.
//!
//! Per container it runs `EnsureImageExists` in the order of SPEC §3.1, through the serial queue
//! or the parallel limit and the QPS bucket (§3.5), with client-go's back-off (§4) and the
//! credential keyring (§5), and records what `kubectl describe pod` and `kubectl get pods -w`
//! would show, plus a trace of every decision naming its rule.

mod describe;
// Indices into the engine's own arenas (pods, slots, decisions), created together and never
// shrunk; no index comes from user input.
#[allow(clippy::indexing_slicing)]
mod engine;
mod load;
mod registry;
pub mod scenario;
mod times;
mod trace;
pub mod version;
mod world;

pub use describe::{describe_events, DescribeRow};
pub use engine::{
    simulate_pods, simulate_pods_with, ContainerInput, MemoLookups, PodInput, SimMemo, SlotKind, MAX_SIM_DURATION,
    MAX_SIM_EVENTS,
};
pub use load::{pods_of, simulate, simulate_loaded, simulate_loaded_with};
pub use registry::synthetic_digest;
pub use scenario::{Scenario, MAX_SCENARIO_BYTES};
pub use times::Times;
pub use trace::TraceStep;
pub use world::{credential_lookup, node_config, plugins, secret_manifests};

use crate::backoff::Millis;
use crate::policy::PolicyDecision;
use serde::Serialize;
use std::sync::Arc;

/// The whole outcome of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimResult {
    /// Virtual time the simulation ran to (ms).
    pub end: Millis,
    /// Kubernetes minor version simulated (`35` for 1.35).
    pub kubernetes_minor: u32,
    /// Feature gates in effect.
    pub feature_gates: Vec<(String, bool)>,
    /// Scenario-level notes: ignored gates, version differences that apply, limits reached.
    pub notes: Vec<String>,
    /// Where the simulation stopped early, and why (a limit was reached).
    pub truncated: Option<String>,
    pub pods: Vec<PodResult>,
}

/// One pod.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PodResult {
    pub name: String,
    pub namespace: String,
    pub uid: String,
    pub created_at: Millis,
    /// Every distinct event with each time it was recorded, in order of first occurrence
    /// (repeats cost one timestamp each, as the kubelet's event correlator counts them).
    pub events: Vec<EventSeries>,
    /// The Events table of `kubectl describe pod` at the end of the simulation.
    pub describe: Vec<DescribeRow>,
    /// Lines `kubectl get pods -w` prints: one per status change.
    pub status_lines: Vec<StatusLine>,
    pub containers: Vec<ContainerResult>,
}

/// An event as the kubelet (or scheduler) records it, and every time it was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventSeries {
    /// Each occurrence, ascending.
    pub times: Times,
    /// `Normal` or `Warning`.
    #[serde(rename = "type")]
    pub event_type: &'static str,
    pub reason: String,
    /// `kubelet` or `default-scheduler`.
    pub from: &'static str,
    pub message: String,
    /// The container (`spec.containers{name}`) it is about, when it is about one.
    pub container: Option<String>,
}

/// One `kubectl get pods -w` line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusLine {
    pub at: Millis,
    pub ready: Arc<str>,
    pub status: Arc<str>,
    pub restarts: u32,
    pub age: Arc<str>,
}

/// A container (or image volume) and everything that happened to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContainerResult {
    pub name: String,
    pub kind: SlotKind,
    /// The image as written.
    pub image: String,
    /// Where the image is written in the workload text.
    pub image_position: Option<crate::yaml::SourcePos>,
    /// The effective pull policy and why.
    pub policy: PolicyDecision,
    /// State changes: `ContainerCreating`, `ErrImagePull`, `ImagePullBackOff`, …, `Running`.
    pub states: Vec<StateChange>,
    /// Every `EnsureImageExists` run, step by step.
    pub decisions: Vec<Decision>,
    /// Pulls that reached the runtime.
    pub pulls: Vec<PullRecord>,
    /// Back-off windows set after failures: `[from, until)`.
    pub backoff_windows: Vec<(Millis, Millis)>,
}

/// A state the container is in from `at` on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateChange {
    pub at: Millis,
    /// `Waiting`, `Running` or `Terminated`.
    pub state: &'static str,
    /// The waiting reason (`ErrImagePull`, …) or `Running` / `Completed`.
    pub reason: Arc<str>,
    pub message: Arc<str>,
}

/// One `EnsureImageExists` run (and later runs that decided exactly the same way).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub at: Millis,
    /// Later syncs with the same steps and outcome.
    #[serde(skip_serializing_if = "Times::is_empty")]
    pub repeated_at: Times,
    pub steps: Vec<TraceStep>,
    /// `Pulled`, `Present`, or the error (`ErrImagePull`, `ImagePullBackOff`, …).
    pub outcome: Arc<str>,
}

/// A pull that reached the runtime.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PullRecord {
    /// When the kubelet asked (the `Pulling` event).
    pub requested: Millis,
    /// When the puller started it (after queueing).
    pub started: Millis,
    pub finished: Millis,
    pub ok: bool,
    /// The credentials tried, in order, as `source key user` (never passwords).
    pub credentials: Vec<String>,
    /// The error, when it failed.
    pub error: Option<Arc<str>>,
}
