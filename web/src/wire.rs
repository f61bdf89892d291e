//! The messages between the page and the simulator's Web Worker (`src/worker.rs`, built as its own
//! wasm module), as JSON strings.
//!
//! The page sends the editors' texts with a request id; the worker reads them with the core,
//! simulates, looks up credentials and answers with what the page shows. The view types below
//! mirror the core's result types field for field (same names, owned strings), so that the page
//! needs neither the core's YAML reader, nor its scenario deserializer, nor the simulator: the
//! first load stays small and the heavy work runs off the main thread.

use std::borrow::Cow;

use pullsim::backoff::Millis;
use pullsim::rules::Rule;
use pullsim::sim::scenario::SecretSpec;
use pullsim::sim::SlotKind;
use pullsim::yaml::SourcePos;
use serde::{Deserialize, Serialize};

/// Every editor's text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Texts {
    pub workload: String,
    pub node: String,
    pub registry: String,
    pub secrets: String,
    pub config_json: String,
}

/// An editor of the playground.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Section {
    /// `workload`: the manifests.
    Workload,
    /// The node, the kubelet, admission and the run (everything but its config.json).
    Node,
    /// `registry`.
    Registry,
    /// `secrets` and `providers`.
    Secrets,
    /// `node.configJson`, as the file's text.
    ConfigJson,
}

/// A problem in an editor, where it is when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Byte offset in the editor's text, when known.
    pub offset: Option<usize>,
    pub message: String,
}

/// What the page asks of the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Increases with every request; the page drops answers to older ones.
    pub id: u64,
    pub job: Job,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Job {
    /// Load a gallery example (its texts come back with the result).
    Example(usize),
    /// Read the editors over `base` (the last scenario that read, as JSON; empty for none) and
    /// simulate. `kubernetes` replaces the scenario's version when set.
    Analyze { texts: Texts, base: String, kubernetes: Option<String> },
    /// Add (or replace, by namespace and name) a Secret, then simulate.
    AddSecret { texts: Texts, base: String, secret: SecretSpec },
}

/// The scenario that read, for the page to send back and to show.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ScenarioInfo {
    /// The whole scenario as JSON (opaque to the page).
    pub json: String,
    pub title: String,
    pub description: String,
    pub kubernetes: String,
}

/// The worker's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    pub id: u64,
    /// The gallery's titles (with the answer to [`Job::Example`]).
    pub titles: Option<Vec<String>>,
    /// The example loaded, for [`Job::Example`].
    pub example: Option<usize>,
    /// New texts for the editors (an example, a generated Secret).
    pub texts: Option<Texts>,
    /// The scenario, when the editors read; `None` when they did not (see `errors`).
    pub scenario: Option<ScenarioInfo>,
    /// With a scenario: the workload's load errors. Without: why the editors did not read.
    pub errors: Vec<(Section, EditorError)>,
    pub outcome: Option<OutcomeView>,
}

/// What the worker sends once its wasm has started: it is ready for requests.
pub const READY: &str = "ready";

/// A rule of the core's catalogue. Borrowed on the page's side (the reference lab), owned when
/// it came from the worker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleView {
    pub id: Cow<'static, str>,
    pub title: Cow<'static, str>,
    pub spec: Cow<'static, str>,
    pub doc: Option<Cow<'static, str>>,
}

impl From<Rule> for RuleView {
    fn from(r: Rule) -> RuleView {
        RuleView { id: r.id.into(), title: r.title.into(), spec: r.spec.into(), doc: r.doc.map(Cow::Borrowed) }
    }
}

impl yew::html::IntoPropValue<RuleView> for Rule {
    fn into_prop_value(self) -> RuleView {
        RuleView::from(self)
    }
}

/// One simulation, as the page shows it (`pullsim::sim::SimResult`'s fields the page reads), with
/// the credential lookups and the clock's moments.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OutcomeView {
    pub end: Millis,
    pub feature_gates: Vec<(String, bool)>,
    pub notes: Vec<String>,
    pub truncated: Option<String>,
    pub pods: Vec<PodView>,
    /// Credential lookups, shared by containers with the same namespace, secrets and image.
    pub lookups: Vec<CredsView>,
    /// Every moment something happens, ascending (for the clock's step buttons).
    pub moments: Vec<Millis>,
    /// One sentence per container for the live region.
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PodView {
    pub name: String,
    pub namespace: String,
    pub events: Vec<EventView>,
    pub containers: Vec<ContainerView>,
}

/// `pullsim::sim::EventSeries`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub times: Vec<Millis>,
    pub event_type: String,
    pub reason: String,
    pub from: String,
    pub message: String,
    pub container: Option<String>,
}

/// `pullsim::sim::ContainerResult`, with the index of its credential lookup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContainerView {
    pub name: String,
    pub kind: SlotKind,
    pub image: String,
    pub image_position: Option<SourcePos>,
    pub policy: PolicyView,
    pub states: Vec<StateView>,
    pub decisions: Vec<DecisionView>,
    pub pulls: Vec<PullView>,
    pub backoff_windows: Vec<(Millis, Millis)>,
    /// Index into [`OutcomeView::lookups`].
    pub lookup: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyView {
    pub policy: String,
    pub defaulted: bool,
    pub reason: String,
    pub rule: RuleView,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateView {
    pub at: Millis,
    pub state: String,
    pub reason: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionView {
    pub at: Millis,
    pub repeated_at: Vec<Millis>,
    pub steps: Vec<TraceStepView>,
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraceStepView {
    pub rule: RuleView,
    pub inputs: Vec<(String, String)>,
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullView {
    pub requested: Millis,
    pub started: Millis,
    pub finished: Millis,
    pub ok: bool,
    pub credentials: Vec<String>,
    pub error: Option<String>,
}

/// `pullsim::creds::CredsLookup` as the credential table shows it (credentials already masked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CredsView {
    pub error: Option<String>,
    pub repo: Option<String>,
    pub keyrings: Vec<KeyringView>,
    pub try_order: Vec<AttemptView>,
    pub anonymous: bool,
    pub steps: Vec<StepView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyringView {
    pub keyring: String,
    pub keys: Vec<KeyCheckView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyCheckView {
    pub key: String,
    /// `(as written, source)`.
    pub written: Vec<(String, String)>,
    pub matched: bool,
    pub reason: String,
    /// `(passed, text)`.
    pub steps: Vec<(bool, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttemptView {
    /// Masked (the core's `Credential` display).
    pub credential: String,
    pub source: String,
    pub key: String,
    pub via_fallback: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepView {
    pub rule: RuleView,
    pub text: String,
}
