//! The messages between the page and the simulator's Web Worker (`src/worker.rs`, built as its own
//! wasm module), as strings in the
//! format of [`crate::codec`] (the page decodes them without serde).
//!
//! The page sends the editors' texts with a request id; the worker reads them with the core,
//! simulates, looks up credentials and answers with what the page shows. The view types below
//! mirror the core's result types field for field (same names, owned strings), so that the page
//! needs neither the core's YAML reader, nor its scenario deserializer, nor the simulator: the
//! first load stays small and the heavy work runs off the main thread.

use std::borrow::Cow;

use pullsim::backoff::Millis;
use pullsim::creds::secret::DockerRegistrySecretArgs;
use pullsim::rules::Rule;
use pullsim::sim::scenario::SecretSpec;
use pullsim::sim::SlotKind;
use pullsim::yaml::SourcePos;

use crate::codec::{Reader, Wire};
use crate::{wire_enum, wire_struct};

/// Every editor's text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Texts {
    pub workload: String,
    pub node: String,
    pub registry: String,
    pub secrets: String,
    pub config_json: String,
}

/// An editor of the playground.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Byte offset in the editor's text, when known.
    pub offset: Option<usize>,
    pub message: String,
}

/// What the page asks of the worker.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Increases with every request; the page drops answers to older ones.
    pub id: u64,
    pub job: Job,
    /// Also summarize the result for an embedding host page ([`Response::host`]).
    pub host: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    /// Load a gallery example (its texts come back with the result).
    Example(usize),
    /// Read the editors over `base` (the last scenario that read, as JSON; empty for none) and
    /// simulate. `kubernetes` replaces the scenario's version when set.
    Analyze { texts: Texts, base: String, kubernetes: Option<String> },
    /// `kubectl create secret docker-registry`: generate the Secret (the core does, in the worker),
    /// add (or replace, by namespace and name) it, then simulate.
    AddSecret { texts: Texts, base: String, args: DockerRegistrySecretArgs },
    /// Open a share link (`v1.…`, a leading `#` allowed) or a whole scenario as YAML (from a host
    /// page): its texts come back with the result, like an example's.
    Open(String),
    /// Make a share link of the editors over `base`; nothing is simulated.
    Share { texts: Texts, base: String, include_credentials: bool },
}

/// A share link, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareView {
    /// `v1.…` (without `#`); empty when `error` says why there is none.
    pub link: String,
    /// How many credentials were replaced by `pullsim::share::REMOVED`.
    pub removed: usize,
    pub error: Option<String>,
}

/// The scenario that read, for the page to send back and to show.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScenarioInfo {
    /// The whole scenario but its workload, as JSON (opaque to the page; the manifest editor
    /// holds the workload).
    pub json: String,
    pub title: String,
    pub description: String,
    pub kubernetes: String,
}

/// The worker's answer.
#[derive(Debug, Clone, PartialEq)]
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
    /// The answer to [`Job::Share`].
    pub share: Option<ShareView>,
    /// A sentence for the user: `(ok, text)` (the secret form's status, what opening a link did).
    pub message: Option<(bool, String)>,
    /// With [`Request::host`]: the result for the host page, as JSON (see README "Embedding";
    /// no credential in it, ever).
    pub host: Option<String>,
}

/// What the worker sends once its wasm has started: it is ready for requests.
pub const READY: &str = "ready";

/// A rule of the core's catalogue. Borrowed on the page's side (the reference lab), owned when
/// it came from the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutcomeView {
    pub end: Millis,
    pub feature_gates: Vec<(String, bool)>,
    pub notes: Vec<String>,
    pub truncated: Option<String>,
    pub pods: Vec<PodView>,
    /// Credential lookups, shared by containers with the same namespace, secrets and image.
    pub lookups: Vec<CredsView>,
    /// Every rule the steps name, once (the steps hold an index into it: a rule's four texts
    /// repeated at every step were half of a large answer).
    pub rules: Vec<RuleView>,
    /// Every moment something happens, ascending (for the clock's step buttons).
    pub moments: Vec<Millis>,
    /// One sentence per container for the live region.
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PodView {
    pub name: String,
    pub namespace: String,
    pub events: Vec<EventView>,
    pub containers: Vec<ContainerView>,
}

/// `pullsim::sim::EventSeries`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventView {
    pub times: Vec<Millis>,
    pub event_type: String,
    pub reason: String,
    pub from: String,
    pub message: String,
    pub container: Option<String>,
}

/// `pullsim::sim::ContainerResult`, with the index of its credential lookup.
#[derive(Debug, Clone, PartialEq)]
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

#[derive(Debug, Clone, PartialEq)]
pub struct PolicyView {
    pub policy: String,
    pub defaulted: bool,
    pub reason: String,
    /// Index into [`OutcomeView::rules`].
    pub rule: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateView {
    pub at: Millis,
    pub state: String,
    pub reason: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DecisionView {
    pub at: Millis,
    pub repeated_at: Vec<Millis>,
    pub steps: Vec<TraceStepView>,
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TraceStepView {
    /// Index into [`OutcomeView::rules`].
    pub rule: usize,
    pub inputs: Vec<(String, String)>,
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PullView {
    pub requested: Millis,
    pub started: Millis,
    pub finished: Millis,
    pub ok: bool,
    pub credentials: Vec<String>,
    pub error: Option<String>,
}

/// `pullsim::creds::CredsLookup` as the credential table shows it (credentials already masked).
#[derive(Debug, Clone, PartialEq)]
pub struct CredsView {
    pub error: Option<String>,
    pub repo: Option<String>,
    pub keyrings: Vec<KeyringView>,
    pub try_order: Vec<AttemptView>,
    pub anonymous: bool,
    pub steps: Vec<StepView>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeyringView {
    pub keyring: String,
    pub keys: Vec<KeyCheckView>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KeyCheckView {
    pub key: String,
    /// `(as written, source)`.
    pub written: Vec<(String, String)>,
    pub matched: bool,
    pub reason: String,
    /// `(passed, text)`.
    pub steps: Vec<(bool, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AttemptView {
    /// Masked (the core's `Credential` display).
    pub credential: String,
    pub source: String,
    pub key: String,
    pub via_fallback: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StepView {
    /// Index into [`OutcomeView::rules`].
    pub rule: usize,
    pub text: String,
}

wire_struct!(Texts { workload, node, registry, secrets, config_json });
wire_enum!(Section { Workload, Node, Registry, Secrets, ConfigJson });
wire_struct!(EditorError { line, column, offset, message });
wire_struct!(Request { id, job, host });
wire_struct!(DockerRegistrySecretArgs { name, namespace, server, username, password, email });
wire_struct!(ShareView { link, removed, error });
wire_struct!(SecretSpec { name, namespace, secret_type, dockerconfigjson, data });
wire_struct!(ScenarioInfo { json, title, description, kubernetes });
wire_struct!(Response { id, titles, example, texts, scenario, errors, outcome, share, message, host });
wire_struct!(RuleView { id, title, spec, doc });
wire_struct!(OutcomeView { end, feature_gates, notes, truncated, pods, lookups, rules, moments, summary });
wire_struct!(PodView { name, namespace, events, containers });
wire_struct!(EventView { times, event_type, reason, from, message, container });
wire_enum!(SlotKind { ImageVolume, InitContainer, Sidecar, Container, EphemeralContainer });
wire_struct!(SourcePos { line, column, start, end });
wire_struct!(ContainerView {
    name,
    kind,
    image,
    image_position,
    policy,
    states,
    decisions,
    pulls,
    backoff_windows,
    lookup
});
wire_struct!(PolicyView { policy, defaulted, reason, rule });
wire_struct!(StateView { at, state, reason, message });
wire_struct!(DecisionView { at, repeated_at, steps, outcome });
wire_struct!(TraceStepView { rule, inputs, outcome });
wire_struct!(PullView { requested, started, finished, ok, credentials, error });
wire_struct!(CredsView { error, repo, keyrings, try_order, anonymous, steps });
wire_struct!(KeyringView { keyring, keys });
wire_struct!(KeyCheckView { key, written, matched, reason, steps });
wire_struct!(AttemptView { credential, source, key, via_fallback });
wire_struct!(StepView { rule, text });

impl Wire for Job {
    fn put(&self, w: &mut String) {
        match self {
            Job::Example(i) => {
                0u64.put(w);
                i.put(w);
            }
            Job::Analyze { texts, base, kubernetes } => {
                1u64.put(w);
                texts.put(w);
                base.put(w);
                kubernetes.put(w);
            }
            Job::AddSecret { texts, base, args } => {
                2u64.put(w);
                texts.put(w);
                base.put(w);
                args.put(w);
            }
            Job::Open(text) => {
                3u64.put(w);
                text.put(w);
            }
            Job::Share { texts, base, include_credentials } => {
                4u64.put(w);
                texts.put(w);
                base.put(w);
                include_credentials.put(w);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Option<Self> {
        Some(match r.num()? {
            0 => Job::Example(Wire::take(r)?),
            1 => Job::Analyze { texts: Wire::take(r)?, base: Wire::take(r)?, kubernetes: Wire::take(r)? },
            2 => Job::AddSecret { texts: Wire::take(r)?, base: Wire::take(r)?, args: Wire::take(r)? },
            3 => Job::Open(Wire::take(r)?),
            4 => Job::Share { texts: Wire::take(r)?, base: Wire::take(r)?, include_credentials: Wire::take(r)? },
            _ => return None,
        })
    }
}
