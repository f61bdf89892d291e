//! The discrete-event engine. See the module docs of [`super`].

use super::registry::{self, Attempt, PullTarget};
use super::scenario::{Account, ResyncSpec, Scenario};
use super::trace::{Detail, Puller, TraceStep};
use super::version::{self, BACKOFF_MESSAGE_WITH_ERROR_SINCE};
use super::{
    describe_events, ContainerResult, Decision, EventSeries, PodResult, PullRecord, SimResult, StateChange, StatusLine,
    Times,
};
use crate::backoff::{image_backoff_key, Backoff, Millis};
use crate::creds::{self, LookupRequest, NodeConfig, PluginSpec, SecretManifest, Source};
use crate::gofmt::{duration_ms, human_duration, human_parts, push_u64, quote};
use crate::policy::{effective_pull_policy, ContainerKind, PolicyDecision, PullPolicy};
use crate::reference::{apply_default_image_tag, parse_docker_ref};
use crate::rules::{self, Rule};
use crate::yaml::SourcePos;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap, HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;
use std::sync::Arc;

/// Events processed before a simulation stops and says so (issue 6: bounded time).
pub const MAX_SIM_EVENTS: usize = 2_000_000;
/// The longest virtual time simulated: 30 days.
pub const MAX_SIM_DURATION: Millis = 30 * 24 * 3600 * 1000;

/// What a slot of the pod is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SlotKind {
    /// `spec.volumes[].image` (KEP-4639): pulled before the containers that mount it.
    ImageVolume,
    InitContainer,
    /// An init container with `restartPolicy: Always`.
    Sidecar,
    Container,
    EphemeralContainer,
}

impl SlotKind {
    fn container_kind(self) -> ContainerKind {
        match self {
            SlotKind::InitContainer | SlotKind::Sidecar => ContainerKind::InitContainer,
            SlotKind::EphemeralContainer => ContainerKind::EphemeralContainer,
            SlotKind::ImageVolume => ContainerKind::ImageVolume,
            SlotKind::Container => ContainerKind::Container,
        }
    }
    /// A failure here keeps everything after it from starting.
    fn blocks(self) -> bool {
        matches!(self, SlotKind::ImageVolume | SlotKind::InitContainer | SlotKind::Sidecar)
    }
}

/// A container (or image volume) to start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerInput {
    pub name: String,
    /// Exactly as written.
    pub image: String,
    /// As written, `""` when omitted.
    pub image_pull_policy: String,
    pub kind: SlotKind,
    /// Where the image is written in the workload text, when it came from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_position: Option<SourcePos>,
}

/// A pod as the kubelet receives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PodInput {
    pub name: String,
    pub namespace: String,
    pub image_pull_secrets: Vec<String>,
    pub service_account: Option<String>,
    pub created_at: Millis,
    pub containers: Vec<ContainerInput>,
}

const DOC_IMAGES: &str = "https://kubernetes.io/docs/concepts/containers/images/";

const fn rule(id: &'static str, title: &'static str, spec: &'static str, doc: Option<&'static str>) -> Rule {
    Rule { id, title, spec, doc }
}

const R_DEFAULT_TAG: Rule = rule(
    "kubelet.default-tag",
    "apply the default tag (InvalidImageName when the name does not parse)",
    "§3.1 step 1, §1.9",
    Some(rules::DOC_IMAGE_NAMES),
);
const R_PRECHECK: Rule = rule(
    "kubelet.policy-precheck",
    "Always never asks the runtime; IfNotPresent and Never do",
    "§3.1 step 2",
    Some(rules::DOC_PULL_POLICY),
);
const R_NEVER: Rule = rule(
    "kubelet.never",
    "Never with the image absent fails with ErrImageNeverPull",
    "§3.1 step 2",
    Some(rules::DOC_PULL_POLICY),
);
const R_PRESENT: Rule =
    rule("kubelet.present", "a present image is used without pulling", "§3.1 step 3", Some(rules::DOC_PULL_POLICY));
const R_ENSURE_SECRET: Rule = rule(
    "kubelet.ensure-secret-pulled-images",
    "KubeletEnsureSecretPulledImages: a pod must prove it may use a cached image",
    "§3.4",
    Some("https://kubernetes.io/docs/concepts/containers/images/#ensureimagepullcredentialverification"),
);
const R_CREDS: Rule = rule(
    "kubelet.credentials",
    "look up credentials: pod secrets, then node config.json, then plugins",
    "§3.1 step 4, §5.5",
    Some("https://kubernetes.io/docs/concepts/containers/images/#specifying-imagepullsecrets-on-a-pod"),
);
const R_BACKOFF: Rule = rule(
    "kubelet.image-backoff",
    "image pull back-off: 10 s doubling to 300 s, per pod and image",
    "§3.1 step 5, §4",
    Some("https://kubernetes.io/docs/concepts/containers/images/#imagepullbackoff"),
);
const R_PULLER: Rule = rule(
    "kubelet.puller",
    "serialized or parallel pulls, and the registry QPS limit",
    "§3.5",
    Some("https://kubernetes.io/docs/concepts/containers/images/#serial-and-parallel-image-pulls"),
);
const R_TRY_CREDS: Rule = rule(
    "kubelet.try-credentials",
    "each matching credential is tried in order; no anonymous attempt after credentials fail",
    "§5.6",
    Some(DOC_IMAGES),
);
const R_CLASSIFY: Rule = rule(
    "kubelet.pull-error",
    "a failed pull is ErrImagePull, RegistryUnavailable or SignatureValidationFailed",
    "§3.1 step 7, §3.2",
    Some("https://kubernetes.io/docs/concepts/containers/images/#imagepullbackoff"),
);
const R_PULLED: Rule =
    rule("kubelet.pulled", "a successful pull does not reset the back-off", "§3.1 step 8, §4.4", Some(DOC_IMAGES));

fn kv(k: &'static str, v: impl Into<String>) -> (&'static str, String) {
    (k, v.into())
}

/// Whether `s` is the concatenation of `parts` (compares without building the text).
fn eq_concat(s: &str, parts: &[&str]) -> bool {
    let mut rest = s;
    for part in parts {
        match rest.strip_prefix(part) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

/// A fixed, fast hash for the interner's texts (FxHash's mixing, eight bytes at a time; no
/// random seed: the core is pure).
#[derive(Debug, Clone, Copy, Default)]
struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let mut w = [0u8; 8];
        let rest = chunks.remainder();
        w.get_mut(..rest.len()).into_iter().for_each(|d| d.copy_from_slice(rest));
        self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 56));
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// The result's texts, shared: state reasons and messages, READY, STATUS and AGE of the status
/// lines, decision outcomes and pull errors repeat across syncs, containers and pods. One `Arc`
/// per distinct text instead of an allocation per record (building and freeing them was a third
/// of the run).
#[derive(Debug, Default)]
struct Texts {
    set: HashSet<Arc<str>, BuildHasherDefault<Fx>>,
    /// Ages by the parts [`human_duration`] prints.
    ages: HashMap<AgeParts, Arc<str>, BuildHasherDefault<Fx>>,
    scratch: String,
}

type AgeParts = ((u64, char), Option<(u64, char)>);

impl Texts {
    fn get(&mut self, text: &str) -> Arc<str> {
        if let Some(a) = self.set.get(text) {
            return Arc::clone(a);
        }
        let a: Arc<str> = Arc::from(text);
        self.set.insert(Arc::clone(&a));
        a
    }

    fn concat(&mut self, parts: &[&str]) -> Arc<str> {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        parts.iter().for_each(|p| scratch.push_str(p));
        let a = self.get(&scratch);
        self.scratch = scratch;
        a
    }

    fn age(&mut self, ms: Millis) -> Arc<str> {
        let parts = human_parts(ms);
        Arc::clone(self.ages.entry(parts).or_insert_with(|| Arc::from(human_duration(ms))))
    }
}

/// The lengths of an event's reason, container name and message, and a hash of their bytes:
/// series that differ in one differ. (A pod of 50 containers has 200 series whose messages
/// differ in one character of the same length: the hash spares comparing their texts.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct EventLens {
    reason: usize,
    container: Option<usize>,
    message: usize,
    hash: u64,
}

/// FNV-1a over `bytes`, continuing `h`: byte by byte, so a message hashes the same however it is
/// split into parts.
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl EventLens {
    fn of(reason: &str, container: Option<&str>, message: &[&str]) -> EventLens {
        let mut hash = fnv(0xcbf2_9ce4_8422_2325, reason.as_bytes());
        hash = fnv(hash, container.map_or(b"\0".as_slice(), str::as_bytes));
        hash = message.iter().fold(hash, |h, m| fnv(h, m.as_bytes()));
        EventLens {
            reason: reason.len(),
            container: container.map(str::len),
            message: message.iter().map(|m| m.len()).sum(),
            hash,
        }
    }
}

/// `Error: <reason>` (kuberuntime startContainer), without formatting the usual reasons.
fn error_message(reason: &str) -> [&str; 2] {
    ["Error: ", reason]
}

fn ms(seconds: f64) -> Millis {
    (seconds.max(0.0) * 1000.0).round() as Millis
}

/// How a node image got there (KEP-2535 pull records).
#[derive(Debug, Clone, PartialEq, Eq)]
enum PulledWith {
    Preloaded,
    /// Anonymously or with node credentials: `NodePodsAccessible`.
    NodeAccessible,
    Secret {
        namespace: String,
        name: String,
        account: Option<Account>,
    },
}

/// The kubelet's `ImagePulledRecord` credential mapping for one image name (KEP-2535,
/// `pullmanager`): credentials are merged in, never replaced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct PulledRecord {
    /// Pulled anonymously or with node credentials: every pod may use it.
    node_accessible: bool,
    /// Pull secrets that pulled it: (namespace, name, the account it held).
    secrets: Vec<(String, String, Option<Account>)>,
}

impl PulledRecord {
    fn merge(&mut self, with: &PulledWith) {
        match with {
            PulledWith::Preloaded => {}
            PulledWith::NodeAccessible => self.node_accessible = true,
            PulledWith::Secret { namespace, name, account } => {
                let entry = (namespace.clone(), name.clone(), account.clone());
                if !self.secrets.contains(&entry) {
                    self.secrets.push(entry);
                }
            }
        }
    }
}

#[derive(Debug, Clone)]
struct NodeImage {
    repo: Arc<str>,
    /// `repo:tag` names it is known by.
    tags: Vec<String>,
    digest: Arc<str>,
    /// `repo@digest`, as decision traces name it.
    name: Arc<str>,
    /// `None`: the kubelet never pulled it (pre-loaded).
    record: Option<PulledRecord>,
}

/// A pull waiting for, or running in, the puller.
#[derive(Debug, Clone)]
struct Job {
    requested: Millis,
    started: Millis,
    image: Rc<Prepared>,
    /// Credentials in try order.
    creds: Rc<CredsPlan>,
    decision: usize,
    result: Option<JobResult>,
}

#[derive(Debug, Clone)]
enum JobResult {
    Pulled { digest: String, size: u64, pulled_with: PulledWith, label: Option<Arc<str>> },
    Failed { error: String },
}

/// What the kubelet derives from a container's image alone, the same at every sync: computed once
/// per container.
#[derive(Debug)]
struct Prepared {
    image: Arc<str>,
    /// `%q` of the image, as event messages quote it.
    quoted: Rc<str>,
    /// The back-off key (`<podUID>_<image>`).
    key: Arc<str>,
    /// The key's number in the engine's back-off (one per distinct key).
    key_id: usize,
    /// The default tag applied and the parsed reference, or the InvalidImageName message.
    parsed: Rc<Result<Parsed, String>>,
}

#[derive(Debug)]
struct Parsed {
    with_tag: Arc<str>,
    repo: Arc<str>,
    docker_ref: String,
    tag: Option<String>,
    digest: Option<String>,
    /// `repo:tag` (`latest` when untagged), the name a node image is found by when there is no digest.
    tag_name: String,
}

/// The credentials the kubelet tries for a container's image (they do not change during a run).
#[derive(Debug)]
struct CredsPlan {
    lookup: Rc<creds::CredsLookup>,
    /// Label, account, and how a success would be recorded, in try order.
    list: Vec<(Arc<str>, Account, PulledWith)>,
    /// The labels joined by `"; "`, when there are any.
    joined: Option<Arc<str>>,
    repo: Arc<str>,
}

#[derive(Debug)]
struct Slot {
    input: ContainerInput,
    policy: PolicyDecision,
    /// `policy.pull_policy()`, read at every decision.
    pull_policy: Option<PullPolicy>,
    job: Option<Job>,
    result: ContainerResult,
    prep: Rc<Prepared>,
    creds: Option<Rc<CredsPlan>>,
    /// The node image the image names, as of a node version (the node changes rarely).
    found: Option<(u64, Option<usize>)>,
    /// The event series of each [`Known`] event about this slot, once recorded.
    known_events: [Option<usize>; 4],
    /// The event series of the last failed pull's `Failed` event, by its (shared) error.
    failed_event: Option<(Arc<str>, usize)>,
}

/// Events about a slot whose type, reason and message the slot alone fixes (the message is made
/// of fixed texts and the slot's quoted image), so the series found once is the series.
#[derive(Debug, Clone, Copy)]
enum Known {
    /// `Back-off pulling image "…"`.
    BackOff = 0,
    /// `Pulling image "…"`.
    Pulling = 1,
    /// `Error: ImagePullBackOff`.
    ErrorBackOff = 2,
    /// `Error: ErrImagePull`.
    ErrorPull = 3,
}

#[derive(Debug)]
struct Pod {
    input: PodInput,
    uid: String,
    slots: Vec<Slot>,
    /// Slot indices in the order the kubelet starts them.
    order: Vec<usize>,
    cursor: usize,
    rejected: bool,
    events: Vec<EventSeries>,
    /// [`EventLens`] of each event series, to skip most series without comparing texts.
    event_lens: Vec<EventLens>,
    status_lines: Vec<StatusLine>,
    /// Each slot's kind and current state (the last of its `states`), side by side: what the
    /// pod's STATUS is made of.
    current: Vec<SlotState>,
    /// READY (as counts and as text) and STATUS of the last two status lines, newest first.
    #[allow(clippy::type_complexity)]
    lines: [Option<((usize, usize), Arc<str>, Arc<str>)>; 2],
    /// Event series and decisions (slot, index) touched by the sync in progress.
    touched_events: Vec<usize>,
    touched_decisions: Vec<(usize, usize)>,
}

/// A sync whose outcome cannot change before `until` unless the node's images change: every
/// container that did not start failed without pulling (back-off, Never, invalid name, a bad
/// secret). Replaying it records the same events and decisions again at the new time.
#[derive(Debug, Clone)]
/// The events and decisions it repeats are the pod's `touched_events` and `touched_decisions`,
/// which stay as the remembered sync left them until the next full sync ends the replay.
struct Replay {
    until: Millis,
    node_version: u64,
}

/// A slot's kind and the state it is in (the last of its `states`).
#[derive(Debug)]
struct SlotState {
    kind: SlotKind,
    started: bool,
    last: Option<Current>,
    /// The state before `last` (back-off alternates two).
    prev: Option<Current>,
    /// The outcome of the slot's last decision, and an earlier one.
    last_outcome: Option<Arc<str>>,
    prev_outcome: Option<Arc<str>>,
}

#[derive(Debug)]
struct Current {
    state: &'static str,
    reason: Arc<str>,
    message: Arc<str>,
}

/// What every sync of a pod reads, kept apart from the rest of the pod (one cache line per
/// pod, side by side): a replayed sync, most syncs of a long run, touches nothing else.
#[derive(Debug)]
#[repr(align(64))]
struct PodHot {
    /// When the pod's next sync is due; `Millis::MAX`: none (no event is that late).
    next_sync: Millis,
    busy: bool,
    /// What the last full sync did is replayed while nothing it depends on changes: before
    /// `replay_until`, at node version `replay_node_version`.
    replaying: bool,
    replay_until: Millis,
    replay_node_version: u64,
    /// When the current replay repeated the sync.
    replay_times: ReplayTimes,
}

impl Default for PodHot {
    fn default() -> PodHot {
        PodHot {
            next_sync: Millis::MAX,
            busy: false,
            replaying: false,
            replay_until: 0,
            replay_node_version: 0,
            replay_times: ReplayTimes::default(),
        }
    }
}

impl PodHot {
    /// Whether the remembered sync can be replayed at `now`.
    fn can_replay(&self, now: Millis, node_version: u64) -> bool {
        self.replaying && now < self.replay_until && self.replay_node_version == node_version
    }
}

/// The times of a replay: periodic re-syncs are evenly spaced, so while they are, only the
/// spacing, the count and the time that would continue the run are kept (`list` is empty);
/// otherwise `list` holds them all.
#[derive(Debug, Default)]
struct ReplayTimes {
    /// With one time, that time; in an evenly spaced run (`n ≥ 2`), the time that continues
    /// it; `Millis::MAX` once the times are in `list` (no time is that late).
    anchor: Millis,
    step: Millis,
    n: usize,
    /// Boxed: rare, and a pointer keeps [`PodHot`] in one cache line.
    #[allow(clippy::box_collection)]
    list: Option<Box<Vec<Millis>>>,
}

impl ReplayTimes {
    fn is_empty(&self) -> bool {
        self.n == 0
    }

    fn clear(&mut self) {
        self.n = 0;
        if let Some(list) = &mut self.list {
            list.clear();
        }
    }

    /// The first time of an evenly spaced run.
    fn first(&self) -> Millis {
        match self.n {
            0 | 1 => self.anchor,
            n => self.anchor - self.step * n as Millis,
        }
    }

    #[inline]
    fn push(&mut self, t: Millis) {
        if self.n >= 2 && self.anchor == t {
            self.n += 1;
            self.anchor = t.saturating_add(self.step);
            return;
        }
        self.push_slow(t);
    }

    fn push_slow(&mut self, t: Millis) {
        let (first, step) = (self.first(), self.step);
        let list = self.list.get_or_insert_with(Box::default);
        if list.is_empty() {
            match self.n {
                0 => {
                    self.anchor = t;
                    self.n = 1;
                    return;
                }
                1 if t >= self.anchor => {
                    self.step = t - self.anchor;
                    self.anchor = t.saturating_add(self.step);
                    self.n = 2;
                    return;
                }
                n => {
                    list.extend((0..n as Millis).map(|i| first + step * i));
                }
            }
        }
        list.push(t);
        self.n = list.len();
        self.anchor = Millis::MAX;
    }

    /// Appends each time `k` times to `to` (an evenly spaced run as one run).
    fn add_to(&self, to: &mut Times, k: usize) {
        if let Some(list) = self.list.as_ref().filter(|l| !l.is_empty()) {
            list.iter().for_each(|&t| to.push_run(t, 0, 1, k as u64));
            return;
        }
        to.push_run(self.first(), self.step, self.n as u64, k as u64);
    }
}

impl Pod {
    /// Stops replaying: each event and decision the replay repeats gets its times, as if they had
    /// been recorded one sync at a time (an event touched twice per sync gets each time twice).
    /// Replays only note their time (`replay_times`): nothing else records into those events and
    /// decisions while a replay lasts, and appending a time to each of thousands of scattered
    /// lists at every sync was most of a long simulation's time.
    fn end_replay(&mut self, hot: &mut PodHot) {
        if !std::mem::take(&mut hot.replaying) || hot.replay_times.is_empty() {
            hot.replay_times.clear();
            return;
        }
        let times = &hot.replay_times;
        let r_events = &self.touched_events;
        let r_decisions = &self.touched_decisions;
        let add = |to: &mut Times, k: usize| times.add_to(to, k);
        for (i, e) in r_events.iter().enumerate() {
            if r_events.iter().take(i).any(|x| x == e) {
                continue;
            }
            let k = r_events.iter().filter(|&x| x == e).count();
            if let Some(series) = self.events.get_mut(*e) {
                add(&mut series.times, k);
            }
        }
        for (i, (s, d)) in r_decisions.iter().enumerate() {
            if r_decisions.iter().take(i).any(|x| x == &(*s, *d)) {
                continue;
            }
            let k = r_decisions.iter().filter(|&x| x == &(*s, *d)).count();
            if let Some(x) = self.slots.get_mut(*s).and_then(|slot| slot.result.decisions.get_mut(*d)) {
                add(&mut x.repeated_at, k);
            }
        }
        hot.replay_times.clear();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Ev {
    Create(usize),
    Sync(usize),
    PullDone(usize, usize),
}

/// registryPullQPS / registryBurst: a token bucket that starts full; `TryAccept` never waits.
#[derive(Debug)]
struct Bucket {
    qps: f64,
    burst: f64,
    tokens: f64,
    last: Millis,
}

impl Bucket {
    fn try_accept(&mut self, now: Millis) -> bool {
        if self.qps <= 0.0 {
            return true;
        }
        let elapsed = now.saturating_sub(self.last) as f64 / 1000.0;
        self.tokens = (self.tokens + elapsed * self.qps).min(self.burst);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

struct Engine<'a> {
    sc: &'a Scenario,
    minor: u32,
    ensure_secret_pulled: bool,
    verification: String,
    serialize: bool,
    max_parallel: Option<u32>,
    end: Millis,
    now: Millis,
    processed: usize,
    seq: u64,
    /// Pending events by (time, insertion order): a min-heap ...
    queue: BinaryHeap<Reverse<(Millis, u64, Ev)>>,
    /// ... and the periodic re-syncs (`resync: N`), which are most events: each is scheduled the
    /// same delay after a clock that never goes back, so a FIFO keeps them sorted.
    resyncs: VecDeque<(Millis, u64, Ev)>,
    /// The re-sync period of `resync: N`.
    resync_every: Option<Millis>,
    pods: Vec<Pod>,
    /// Each pod's [`PodHot`], by pod index.
    hot: Vec<PodHot>,
    node: Vec<NodeImage>,
    /// Bumped whenever the node's images change (a replayed sync depends on them).
    node_version: u64,
    /// Credential lookups by (namespace, pull secrets, image).
    lookups: Lookups,
    /// The image back-off, by back-off key number (`key_ids`): a string key per lookup was a
    /// cache miss per compared key.
    backoff: Backoff<usize>,
    key_ids: HashMap<Arc<str>, usize, BuildHasherDefault<Fx>>,
    /// Pull policies by image, then (policy as written, kind); `admission.alwaysPullImages` is the
    /// scenario's.
    #[allow(clippy::type_complexity)]
    policies: Policies,
    /// [`image_facts`] by image.
    #[allow(clippy::type_complexity)]
    image_facts: ImageFacts,
    /// The previous pull error by back-off key (`reason: message`).
    prev_err: Vec<Option<(&'static str, Arc<str>)>>,
    active_pulls: u32,
    waiting: VecDeque<(usize, usize)>,
    bucket: Bucket,
    secrets: Vec<SecretManifest>,
    node_config: Option<NodeConfig>,
    plugins: Vec<PluginSpec>,
    notes: Vec<String>,
    texts: Texts,
    /// Trace steps of the decision being made (see [`Engine::ensure_image_exists`]).
    step_buf: Vec<TraceStep>,
}

/// A stable, UUID-shaped pod UID derived from namespace and name (no randomness).
fn pod_uid(namespace: &str, name: &str) -> String {
    let d = registry::synthetic_digest(&format!("{namespace}/{name}"));
    let h = &d["sha256:".len()..];
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

/// What an image's text alone decides: `%q` of it, and step 1 of `EnsureImageExists`.
fn image_facts(image: &str) -> (Rc<str>, Rc<Result<Parsed, String>>) {
    // Both run ParseNormalizedNamed on the same text: they fail together.
    let parsed = match apply_default_image_tag(image).and_then(|t| parse_docker_ref(image).map(|r| (t, r))) {
        Ok((with_tag, r)) => {
            let repo = r.name();
            Ok(Parsed {
                with_tag: Arc::from(with_tag),
                tag_name: format!("{repo}:{}", r.tag().unwrap_or("latest")),
                docker_ref: r.to_string(),
                tag: r.tag().map(str::to_owned),
                digest: r.digest().map(str::to_owned),
                repo: Arc::from(repo),
            })
        }
        Err(e) => Err(format!("Failed to apply default image tag {}: {}", quote(image), e.message)),
    };
    (Rc::from(quote(image)), Rc::new(parsed))
}

/// What a simulation derives from an image and from the parts of the scenario that an edit of
/// the workload leaves alone (its Secrets, the node's config.json, the credential plugins,
/// AlwaysPullImages): the image's parse, its effective pull policy, the credential lookups.
/// Handed from one simulation to the next ([`simulate_pods_with`]), it spares a re-analysis after
/// an edit of the manifest re-deriving the images that did not change; a scenario whose parts
/// differ empties it first. It changes no result: what it holds is what would be derived again.
#[derive(Debug, Default)]
pub struct SimMemo {
    /// The scenario's parts the memo was made with (JSON).
    made_with: String,
    lookups: Lookups,
    image_facts: ImageFacts,
    policies: Policies,
}

type Lookups = HashMap<String, Rc<creds::CredsLookup>, BuildHasherDefault<Fx>>;
type ImageFacts = HashMap<String, (Rc<str>, Rc<Result<Parsed, String>>), BuildHasherDefault<Fx>>;
type Policies = HashMap<String, Vec<(String, SlotKind, PolicyDecision)>, BuildHasherDefault<Fx>>;

impl SimMemo {
    /// A memo grows with the images it has seen; past this many, it starts again.
    const MAX_IMAGES: usize = 4096;

    /// Empties the memo unless it was made with `sc`'s credentials and admission.
    fn fit(&mut self, sc: &Scenario) {
        let made_with =
            serde_json::to_string(&(&sc.secrets, &sc.node.config_json, &sc.providers, sc.admission.always_pull_images))
                .unwrap_or_default();
        if made_with != self.made_with || self.image_facts.len() > Self::MAX_IMAGES {
            *self = SimMemo { made_with, ..SimMemo::default() };
        }
    }

    /// The memo's credential lookups for `sc` (emptied first if made with other credentials).
    pub fn credential_lookups<'m>(&'m mut self, sc: &'m Scenario) -> MemoLookups<'m> {
        self.fit(sc);
        MemoLookups { memo: self, sc }
    }
}

/// [`SimMemo::credential_lookups`]: lookups through a memo fitted to one scenario.
pub struct MemoLookups<'m> {
    memo: &'m mut SimMemo,
    sc: &'m Scenario,
}

impl MemoLookups<'_> {
    /// The kubelet's credential lookup for `image` in a pod of `namespace` with these pull secrets
    /// ([`credential_lookup`](super::credential_lookup)): the one a simulation through the memo
    /// made, or made now and kept.
    pub fn get(&mut self, namespace: &str, image_pull_secrets: &[String], image: &str) -> Rc<creds::CredsLookup> {
        let key = lookup_key(namespace, image_pull_secrets, image);
        let sc = self.sc;
        Rc::clone(
            self.memo
                .lookups
                .entry(key)
                .or_insert_with(|| Rc::new(super::world::credential_lookup(sc, namespace, image_pull_secrets, image))),
        )
    }
}

/// A credential lookup's key in [`SimMemo`]: what it depends on besides the scenario.
fn lookup_key(namespace: &str, image_pull_secrets: &[String], image: &str) -> String {
    format!("{namespace}\0{}\0{image}", image_pull_secrets.join("\0"))
}

/// Runs the scenario's settings over already-loaded pods.
pub fn simulate_pods(sc: &Scenario, pods: Vec<PodInput>) -> SimResult {
    simulate_pods_with(sc, pods, &mut SimMemo::default())
}

/// [`simulate_pods`], deriving image facts and credential lookups through `memo` (see
/// [`SimMemo`]).
pub fn simulate_pods_with(sc: &Scenario, pods: Vec<PodInput>, memo: &mut SimMemo) -> SimResult {
    memo.fit(sc);
    let mut notes = Vec::new();
    let minor = version::parse_minor(&sc.kubernetes).unwrap_or_else(|e| {
        notes.push(format!("{e}; simulating 1.{}", version::NEWEST_MINOR));
        version::NEWEST_MINOR
    });
    let (gates, problems) = version::resolve_gates(minor, &sc.feature_gates);
    notes.extend(problems);
    let ensure_secret_pulled = gates.get("KubeletEnsureSecretPulledImages").copied().unwrap_or(false);
    let k = &sc.kubelet;
    // §3.5: serializeImagePulls defaults to true, or to false when maxParallelImagePulls ≥ 2 is
    // set and serializeImagePulls is not.
    let serialize = match (k.serialize_image_pulls, k.max_parallel_image_pulls) {
        (Some(s), _) => s,
        (None, Some(n)) if n >= 2 => false,
        (None, _) => true,
    };
    if serialize && k.max_parallel_image_pulls.is_some_and(|n| n >= 2) {
        notes.push(
            "maxParallelImagePulls ≥ 2 requires serializeImagePulls: false; a real kubelet refuses to start with this configuration (simulated as serialized)"
                .to_owned(),
        );
    }
    let verification =
        k.image_pull_credentials_verification_policy.clone().unwrap_or_else(|| "NeverVerifyPreloadedImages".to_owned());
    let end = ms(sc.duration).min(MAX_SIM_DURATION);
    if ms(sc.duration) > MAX_SIM_DURATION {
        notes.push(format!("duration capped at {} of virtual time", human_duration(MAX_SIM_DURATION)));
    }
    let mut engine = Engine {
        sc,
        minor,
        ensure_secret_pulled,
        verification,
        serialize,
        max_parallel: if serialize { Some(1) } else { k.max_parallel_image_pulls.filter(|&n| n > 0) },
        end,
        now: 0,
        processed: 0,
        seq: 0,
        queue: BinaryHeap::new(),
        resyncs: VecDeque::new(),
        resync_every: match sc.resync {
            ResyncSpec::Every(n) => Some(ms(n).max(1)),
            ResyncSpec::OnExpiry => None,
        },
        pods: Vec::new(),
        hot: Vec::new(),
        node: Vec::new(),
        node_version: 0,
        lookups: std::mem::take(&mut memo.lookups),
        backoff: Backoff::image_pull().with_ids(),
        key_ids: HashMap::default(),
        image_facts: std::mem::take(&mut memo.image_facts),
        policies: std::mem::take(&mut memo.policies),
        prev_err: Vec::new(),
        active_pulls: 0,
        waiting: VecDeque::new(),
        bucket: Bucket {
            qps: k.registry_pull_qps,
            burst: f64::from(k.registry_burst.max(1)),
            tokens: f64::from(k.registry_burst.max(1)),
            last: 0,
        },
        secrets: Vec::new(),
        node_config: None,
        plugins: Vec::new(),
        notes,
        texts: Texts::default(),
        step_buf: Vec::new(),
    };
    engine.load_world();
    for p in pods {
        engine.add_pod(p);
    }
    let truncated = engine.run();
    memo.lookups = std::mem::take(&mut engine.lookups);
    memo.image_facts = std::mem::take(&mut engine.image_facts);
    memo.policies = std::mem::take(&mut engine.policies);
    engine.finish(gates, truncated)
}

impl Engine<'_> {
    fn schedule(&mut self, at: Millis, ev: Ev) {
        self.seq += 1;
        self.queue.push(Reverse((at, self.seq, ev)));
    }

    /// [`Engine::schedule`] for an event one re-sync period from now.
    #[inline]
    fn schedule_periodic(&mut self, at: Millis, ev: Ev) {
        self.seq += 1;
        if self.resyncs.back().is_none_or(|&(t, _, _)| t <= at) {
            self.resyncs.push_back((at, self.seq, ev));
        } else {
            self.queue.push(Reverse((at, self.seq, ev)));
        }
    }

    /// The earliest pending event (ties in the order they were scheduled).
    #[inline]
    fn pop(&mut self) -> Option<(Millis, Ev)> {
        let fifo = match (self.queue.peek(), self.resyncs.front()) {
            (Some(Reverse((t, seq, _))), Some(&(ft, fseq, _))) => (ft, fseq) < (*t, *seq),
            (None, Some(_)) => true,
            (_, None) => false,
        };
        if fifo {
            self.resyncs.pop_front().map(|(t, _, ev)| (t, ev))
        } else {
            self.queue.pop().map(|Reverse((t, _, ev))| (t, ev))
        }
    }

    fn load_world(&mut self) {
        let sc = self.sc;
        self.secrets = super::world::secret_manifests(sc, &mut self.notes);
        self.node_config = super::world::node_config(sc);
        self.plugins = super::world::plugins(sc);
        for img in &sc.node.images {
            let r = match parse_docker_ref(&img.name) {
                Ok(r) => r,
                Err(e) => {
                    self.notes.push(format!("node image {:?} ignored: {}", img.name, e.message));
                    continue;
                }
            };
            let repo = r.name();
            let target = PullTarget { repo: &repo, docker_ref: &r.to_string(), tag: r.tag(), digest: r.digest() };
            let default = super::scenario::Repository::default();
            let digest = img
                .digest
                .clone()
                .or_else(|| r.digest().map(str::to_owned))
                .or_else(|| {
                    registry::repository(&sc.registry, &repo, &default).and_then(|x| registry::resolve(x, &target))
                })
                .unwrap_or_else(|| registry::synthetic_digest(&r.to_string()));
            let pulled_with = match img.pulled_with.as_str() {
                "preloaded" | "" => PulledWith::Preloaded,
                "node" | "anonymous" => PulledWith::NodeAccessible,
                other => match other.strip_prefix("secret:").and_then(|s| s.split_once('/')) {
                    Some((ns, name)) => PulledWith::Secret {
                        namespace: ns.to_owned(),
                        name: name.to_owned(),
                        account: self.secret_account(ns, name, &repo),
                    },
                    None => {
                        self.notes.push(format!(
                            "node image {:?}: pulledWith {other:?} is not preloaded, node or secret:NAMESPACE/NAME; treated as preloaded",
                            img.name
                        ));
                        PulledWith::Preloaded
                    }
                },
            };
            let record = (pulled_with != PulledWith::Preloaded).then(|| {
                let mut rec = PulledRecord::default();
                rec.merge(&pulled_with);
                rec
            });
            self.node.push(NodeImage {
                tags: r.tag().map(|t| vec![format!("{repo}:{t}")]).unwrap_or_default(),
                name: Arc::from(format!("{repo}@{digest}")),
                repo: Arc::from(repo),
                digest: Arc::from(digest),
                record,
            });
        }
    }

    /// The account a secret holds for a repository (what KEP-2535 hashes).
    fn secret_account(&self, namespace: &str, name: &str, repo: &str) -> Option<Account> {
        let req = LookupRequest {
            image: repo.to_owned(),
            pod_namespace: namespace.to_owned(),
            image_pull_secrets: vec![name.to_owned()],
            secrets: self.secrets.iter().filter(|s| s.namespace == namespace).cloned().collect(),
            node_config: None,
            plugins: Vec::new(),
        };
        let l = creds::lookup(&req);
        l.try_order.first().map(|a| {
            let c = a.matched.tracked.credential.reveal();
            Account { username: c.username, password: c.password }
        })
    }

    /// `getPullSecretsForPod`, run at the start of every pod sync (SPEC §3.3): referenced pull
    /// secrets that do not exist in the pod's namespace give one Warning for the pod, whatever its
    /// images, and the kubelet goes on with the secrets it found. Empty names are skipped.
    fn missing_pull_secrets(&mut self, p: usize) {
        let pod = &self.pods[p];
        let missing: Vec<String> = pod
            .input
            .image_pull_secrets
            .iter()
            .filter(|n| !n.is_empty())
            .filter(|n| {
                !self
                    .secrets
                    .iter()
                    .any(|s| s.name == **n && (s.namespace == pod.input.namespace || s.namespace.is_empty()))
            })
            .cloned()
            .collect();
        if !missing.is_empty() {
            self.event(
                p,
                "Warning",
                "FailedToRetrieveImagePullSecret",
                &[&creds::kubelet::missing_secrets_message(&missing)],
                None,
            );
        }
    }

    /// The kubelet's credential lookup for this pod and image (SPEC §5.5). Secrets, node config
    /// and plugins do not change during a run, so one lookup per (namespace, pull secrets, image)
    /// serves every sync.
    fn pod_lookup(&mut self, p: usize, image: &str) -> Rc<creds::CredsLookup> {
        let pod = &self.pods[p];
        let cache_key = lookup_key(&pod.input.namespace, &pod.input.image_pull_secrets, image);
        if let Some(l) = self.lookups.get(&cache_key) {
            return Rc::clone(l);
        }
        let req = LookupRequest {
            image: image.to_owned(),
            pod_namespace: pod.input.namespace.clone(),
            image_pull_secrets: pod.input.image_pull_secrets.clone(),
            secrets: self
                .secrets
                .iter()
                .filter(|x| x.namespace == pod.input.namespace || x.namespace.is_empty())
                .cloned()
                .collect(),
            node_config: self.node_config.clone(),
            plugins: self.plugins.clone(),
        };
        let l = Rc::new(creds::lookup(&req));
        self.lookups.insert(cache_key, Rc::clone(&l));
        l
    }

    /// [`prepare`], with the back-off key numbered.
    /// Step 1 of `EnsureImageExists` and the back-off key, for one container's image. An image's
    /// facts are computed once per distinct image (a thousand pods often share a few images).
    fn prepare(&mut self, uid: &str, image: &str) -> Prepared {
        let (quoted, parsed) = match self.image_facts.get(image) {
            Some((q, r)) => (Rc::clone(q), Rc::clone(r)),
            None => {
                let facts = image_facts(image);
                self.image_facts.insert(image.to_owned(), (Rc::clone(&facts.0), Rc::clone(&facts.1)));
                facts
            }
        };
        let key: Arc<str> = Arc::from(image_backoff_key(uid, image));
        let next = self.key_ids.len();
        let key_id = *self.key_ids.entry(Arc::clone(&key)).or_insert(next);
        if self.prev_err.len() < self.key_ids.len() {
            self.prev_err.resize(self.key_ids.len(), None);
        }
        Prepared { image: self.texts.get(image), quoted, key, key_id, parsed }
    }

    /// [`effective_pull_policy`] of a container: the same for the same image, policy and kind
    /// (a thousand pods often share a few images; each decision parses the image).
    fn policy(&mut self, c: &ContainerInput, always: bool) -> PolicyDecision {
        let known = self.policies.get(c.image.as_str()).and_then(|v| {
            v.iter().find(|(policy, kind, _)| *policy == c.image_pull_policy && *kind == c.kind).map(|x| x.2.clone())
        });
        if let Some(d) = known {
            return d;
        }
        let d = effective_pull_policy(&c.image, &c.image_pull_policy, c.kind.container_kind(), always);
        self.policies.entry(c.image.clone()).or_default().push((c.image_pull_policy.clone(), c.kind, d.clone()));
        d
    }

    fn add_pod(&mut self, input: PodInput) {
        let uid = pod_uid(&input.namespace, &input.name);
        let mut order: Vec<usize> = Vec::new();
        for kind in [SlotKind::ImageVolume, SlotKind::InitContainer, SlotKind::Container, SlotKind::EphemeralContainer]
        {
            for (i, c) in input.containers.iter().enumerate() {
                let k = if c.kind == SlotKind::Sidecar { SlotKind::InitContainer } else { c.kind };
                if k == kind {
                    order.push(i);
                }
            }
        }
        let always = self.sc.admission.always_pull_images;
        let slots = input
            .containers
            .iter()
            .map(|c| {
                let policy = self.policy(c, always);
                Slot {
                    prep: Rc::new(self.prepare(&uid, &c.image)),
                    creds: None,
                    found: None,
                    known_events: [None; 4],
                    failed_event: None,
                    result: ContainerResult {
                        name: c.name.clone(),
                        kind: c.kind,
                        image: c.image.clone(),
                        image_position: c.image_position,
                        policy: policy.clone(),
                        states: Vec::new(),
                        decisions: Vec::new(),
                        pulls: Vec::new(),
                        backoff_windows: Vec::new(),
                    },
                    input: c.clone(),
                    pull_policy: policy.pull_policy(),
                    policy,
                    job: None,
                }
            })
            .collect();
        let at = input.created_at;
        let idx = self.pods.len();
        self.hot.push(PodHot::default());
        let current = input
            .containers
            .iter()
            .map(|c| SlotState {
                kind: c.kind,
                started: false,
                last: None,
                prev: None,
                last_outcome: None,
                prev_outcome: None,
            })
            .collect();
        self.pods.push(Pod {
            current,
            lines: [None, None],
            input,
            uid,
            slots,
            order,
            cursor: 0,
            rejected: false,
            events: Vec::new(),
            event_lens: Vec::new(),
            status_lines: Vec::new(),
            touched_events: Vec::new(),
            touched_decisions: Vec::new(),
        });
        self.schedule(at, Ev::Create(idx));
    }

    fn run(&mut self) -> Option<String> {
        // (An event after the end stays unprocessed: nothing reads the queue afterwards.)
        while let Some((at, ev)) = self.pop().filter(|&(at, _)| at <= self.end) {
            self.processed += 1;
            if self.processed > MAX_SIM_EVENTS {
                // The result's `end` (and the describe table's ages) is where it stopped.
                self.end = at;
                return Some(format!(
                    "stopped at {} of virtual time after {MAX_SIM_EVENTS} events (limit MAX_SIM_EVENTS)",
                    human_duration(at)
                ));
            }
            self.now = at;
            match ev {
                Ev::Create(p) => self.create(p),
                Ev::Sync(p) => {
                    let hot = &mut self.hot[p];
                    if hot.next_sync == at {
                        hot.next_sync = Millis::MAX;
                    }
                    if hot.busy {
                        continue;
                    }
                    // Most syncs of a long run: a replay, and the next periodic re-sync.
                    if let Some(every) = self.resync_every {
                        if hot.can_replay(at, self.node_version) {
                            hot.replay_times.push(at);
                            let next = at + every;
                            if hot.next_sync > next {
                                hot.next_sync = next;
                                self.schedule_periodic(next, Ev::Sync(p));
                            }
                            continue;
                        }
                    }
                    if !self.replay(p) {
                        let pod = &mut self.pods[p];
                        pod.cursor = 0;
                        pod.end_replay(&mut self.hot[p]);
                        pod.touched_events.clear();
                        pod.touched_decisions.clear();
                        self.missing_pull_secrets(p);
                        self.continue_sync(p);
                    }
                }
                Ev::PullDone(p, s) => self.pull_done(p, s),
            }
        }
        None
    }

    /// Records an event whose message is the concatenation of `message`, about the container of
    /// slot `container` when there is one.
    fn event(
        &mut self,
        p: usize,
        event_type: &'static str,
        reason: &str,
        message: &[&str],
        container: Option<usize>,
    ) -> usize {
        let from = if reason == "Scheduled" { "default-scheduler" } else { "kubelet" };
        let now = self.now;
        let pod = &mut self.pods[p];
        let container = container.and_then(|s| pod.slots.get(s)).map(|s| s.input.name.as_str());
        let lens = EventLens::of(reason, container, message);
        let found = pod.event_lens.iter().zip(&pod.events).position(|(&l, e)| {
            l == lens
                && e.event_type == event_type
                && e.reason == reason
                && e.from == from
                && e.container.as_deref() == container
                && eq_concat(&e.message, message)
        });
        let idx = match found {
            Some(i) => {
                pod.events[i].times.push(now);
                i
            }
            None => {
                pod.events.push(EventSeries {
                    times: Times::one(now),
                    event_type,
                    reason: reason.to_owned(),
                    from,
                    message: message.concat(),
                    container: container.map(str::to_owned),
                });
                pod.event_lens.push(lens);
                pod.events.len() - 1
            }
        };
        pod.touched_events.push(idx);
        idx
    }

    /// [`Engine::event`] for an event about slot `s` whose texts the slot alone fixes (`known`
    /// says which): its series is looked up once, then recorded into by index.
    fn known_event(
        &mut self,
        p: usize,
        s: usize,
        known: Known,
        event_type: &'static str,
        reason: &str,
        message: &[&str],
    ) {
        let k = known as usize;
        let pod = &mut self.pods[p];
        if let Some(idx) = pod.slots[s].known_events[k] {
            pod.events[idx].times.push(self.now);
            pod.touched_events.push(idx);
            return;
        }
        let idx = self.event(p, event_type, reason, message, Some(s));
        self.pods[p].slots[s].known_events[k] = Some(idx);
    }

    /// `Error: <reason>` about slot `s` (kuberuntime startContainer).
    fn error_event(&mut self, p: usize, s: usize, reason: &str) {
        let known = match reason {
            "ImagePullBackOff" => Some(Known::ErrorBackOff),
            "ErrImagePull" => Some(Known::ErrorPull),
            _ => None,
        };
        match known {
            Some(known) => self.known_event(p, s, known, "Warning", "Failed", &error_message(reason)),
            None => {
                self.event(p, "Warning", "Failed", &error_message(reason), Some(s));
            }
        }
    }

    /// Sets the slot's state; the message is the concatenation of `message`.
    fn set_state(&mut self, p: usize, s: usize, state: &'static str, reason: &str, message: &[&str]) {
        let now = self.now;
        let pod = &self.pods[p];
        let last = pod.current.get(s).and_then(|c| c.last.as_ref());
        if last.is_some_and(|l| l.state == state && *l.reason == *reason && eq_concat(&l.message, message)) {
            return;
        }
        // The container's last two states usually hold the same texts (back-off alternates two).
        let recent = || pod.current.get(s).into_iter().flat_map(|c| [&c.last, &c.prev]).flatten();
        let reason = match recent().find(|l| *l.reason == *reason) {
            Some(l) => Arc::clone(&l.reason),
            None => self.texts.get(reason),
        };
        let message = match recent().find(|l| eq_concat(&l.message, message)) {
            Some(l) => Arc::clone(&l.message),
            None => self.texts.concat(message),
        };
        let pod = &mut self.pods[p];
        if let Some(c) = pod.current.get_mut(s) {
            c.prev = c.last.replace(Current { state, reason: Arc::clone(&reason), message: Arc::clone(&message) });
        }
        pod.slots[s].result.states.push(StateChange { at: now, state, reason, message });
        self.status_line(p);
    }

    fn create(&mut self, p: usize) {
        let pod = &self.pods[p];
        if let Some(bad) = pod.slots.iter().find(|s| s.policy.pull_policy().is_none()) {
            let msg = format!(
                "Pod {:?} is invalid: imagePullPolicy: Unsupported value: {:?}: supported values: \"Always\", \"IfNotPresent\", \"Never\"",
                pod.input.name, bad.policy.policy
            );
            self.notes.push(format!("the API server rejects pod {}: {msg}", pod.input.name));
            self.pods[p].rejected = true;
            return;
        }
        let msg = format!(
            "Successfully assigned {}/{} to {}",
            pod.input.namespace, pod.input.name, self.sc.kubelet.node_name
        );
        self.event(p, "Normal", "Scheduled", &[&msg], None);
        let has_init =
            self.pods[p].slots.iter().any(|s| matches!(s.input.kind, SlotKind::InitContainer | SlotKind::Sidecar));
        for s in 0..self.pods[p].slots.len() {
            let reason = match self.pods[p].slots[s].input.kind {
                SlotKind::ImageVolume => "Pending",
                SlotKind::InitContainer | SlotKind::Sidecar => "PodInitializing",
                _ if has_init => "PodInitializing",
                _ => "ContainerCreating",
            };
            self.set_state(p, s, "Waiting", reason, &[]);
        }
        self.schedule(self.now, Ev::Sync(p));
    }

    /// Starts (or resumes) the pod's sync: slots in order; a pull blocks the sync until it ends.
    fn continue_sync(&mut self, p: usize) {
        while self.pods[p].cursor < self.pods[p].order.len() {
            let s = self.pods[p].order[self.pods[p].cursor];
            if self.pods[p].current[s].started {
                self.pods[p].cursor += 1;
                continue;
            }
            match self.ensure_image_exists(p, s) {
                Ensure::Ready => {
                    self.start_slot(p, s);
                    self.pods[p].cursor += 1;
                }
                Ensure::Failed => {
                    if self.pods[p].slots[s].input.kind.blocks() {
                        break;
                    }
                    self.pods[p].cursor += 1;
                }
                Ensure::Pulling => {
                    self.hot[p].busy = true;
                    return;
                }
            }
        }
        self.finish_sync(p);
    }

    fn finish_sync(&mut self, p: usize) {
        self.hot[p].busy = false;
        if self.pods[p].current.iter().all(|s| s.started) {
            return;
        }
        self.remember_replay(p);
        self.schedule_resync(p);
    }

    fn schedule_resync(&mut self, p: usize) {
        let now = self.now;
        let (at, periodic) = match self.resync_every {
            Some(every) => (now + every, true),
            None => (self.earliest_window_end(p).unwrap_or(now + 10_000), false),
        };
        if self.hot[p].next_sync > at {
            self.hot[p].next_sync = at;
            if periodic {
                self.schedule_periodic(at, Ev::Sync(p));
            } else {
                self.schedule(at, Ev::Sync(p));
            }
        }
    }

    /// When the first back-off window among the pod's waiting containers ends.
    fn earliest_window_end(&self, p: usize) -> Option<Millis> {
        let now = self.now;
        let pod = &self.pods[p];
        pod.slots
            .iter()
            .zip(&pod.current)
            .filter(|(_, c)| !c.started)
            .filter_map(|(s, _)| self.backoff.window_end(&s.prep.key_id, now))
            .filter(|&t| t > now)
            .min()
    }

    /// After a full sync: if no container pulled and every failure repeats by itself until a
    /// back-off window ends (or forever), remember the sync for [`Engine::replay`].
    fn remember_replay(&mut self, p: usize) {
        const STABLE: [&str; 3] = ["ImagePullBackOff", "ErrImageNeverPull", "InvalidImageName"];
        let pod = &self.pods[p];
        let stable = pod
            .touched_decisions
            .iter()
            .all(|&(s, d)| pod.slots[s].result.decisions.get(d).is_some_and(|x| STABLE.contains(&&*x.outcome)));
        let failed_only = pod.touched_decisions.iter().all(|&(s, _)| !pod.current[s].started);
        let replay = (stable && failed_only && !pod.touched_decisions.is_empty()).then(|| Replay {
            until: self.earliest_window_end(p).unwrap_or(Millis::MAX),
            node_version: self.node_version,
        });
        // (No replay is running: the sync that just ended ended it.)
        let hot = &mut self.hot[p];
        hot.replaying = replay.is_some();
        if let Some(r) = replay {
            hot.replay_until = r.until;
            hot.replay_node_version = r.node_version;
        }
    }

    /// Replays the last sync when nothing it depends on changed: the same events and decisions
    /// again at the current time (cheap repeats keep long simulations fast).
    fn replay(&mut self, p: usize) -> bool {
        let now = self.now;
        let hot = &mut self.hot[p];
        if !hot.can_replay(now, self.node_version) {
            return false;
        }
        hot.replay_times.push(now);
        self.schedule_resync(p);
        true
    }

    fn start_slot(&mut self, p: usize, s: usize) {
        self.pods[p].current[s].started = true;
        let kind = self.pods[p].slots[s].input.kind;
        let name = self.pods[p].slots[s].input.name.clone();
        if kind == SlotKind::ImageVolume {
            self.set_state(p, s, "Ready", "Pulled", &["image volume ready to mount"]);
            return;
        }
        // Kubelet texts of the newest releases ("Created container: NAME"); not part of the spec.
        self.event(p, "Normal", "Created", &["Created container: ", &name], Some(s));
        self.event(p, "Normal", "Started", &["Started container ", &name], Some(s));
        if kind == SlotKind::InitContainer {
            // Init containers are modelled as finishing at once: pullsim is about images.
            self.set_state(p, s, "Terminated", "Completed", &[]);
        } else {
            self.set_state(p, s, "Running", "Running", &[]);
        }
    }

    /// The message is the concatenation of `message`.
    fn fail(&mut self, p: usize, s: usize, reason: &str, message: &[&str], steps: Vec<TraceStep>) -> Ensure {
        if self.pods[p].slots[s].input.kind != SlotKind::ImageVolume {
            // kuberuntime startContainer: `Error: <err>`.
            self.error_event(p, s, reason);
        }
        self.set_state(p, s, "Waiting", reason, message);
        self.decision(p, s, steps, reason);
        Ensure::Failed
    }

    fn decision(&mut self, p: usize, s: usize, mut steps: Vec<TraceStep>, outcome: &str) {
        let at = self.now;
        let pod = &mut self.pods[p];
        // The slot's last outcome, kept beside its state: most decisions differ from the last by
        // their outcome, found without reading the (far away) last decision.
        let same_outcome = pod.current.get(s).and_then(|c| c.last_outcome.as_deref()).is_some_and(|o| *o == *outcome);
        let decisions = &mut pod.slots[s].result.decisions;
        // A decision identical to the previous one is counted, not stored again. (A `Pulling`
        // decision is completed when the pull ends, so it is never merged.)
        if outcome != "Pulling" && same_outcome {
            if let Some(last) = decisions.last_mut().filter(|d| *d.outcome == *outcome && d.steps == steps) {
                last.repeated_at.push(at);
                let idx = decisions.len() - 1;
                pod.touched_decisions.push((s, idx));
                steps.clear();
                self.step_buf = steps;
                return;
            }
        }
        // The decision's own vector, allocated once at its final size: a pull's decision gets
        // the three steps the pull adds when it ends (growing it then was a realloc per pull).
        let extra = if outcome == "Pulling" { 3 } else { 0 };
        let mut own = Vec::with_capacity(steps.len() + extra);
        own.append(&mut steps);
        self.step_buf = steps;
        let steps = own;
        // The slot's last two outcomes usually hold this one (back-off alternates two).
        let recent = pod.current.get(s).into_iter().flat_map(|c| [&c.last_outcome, &c.prev_outcome]).flatten();
        let outcome = match recent.into_iter().find(|o| ***o == *outcome) {
            Some(o) => Arc::clone(o),
            None => self.texts.get(outcome),
        };
        let pod = &mut self.pods[p];
        if let Some(c) = pod.current.get_mut(s) {
            c.prev_outcome = c.last_outcome.replace(Arc::clone(&outcome));
        }
        let decisions = &mut pod.slots[s].result.decisions;
        decisions.push(Decision { at, repeated_at: Times::default(), steps, outcome });
        let idx = decisions.len() - 1;
        pod.touched_decisions.push((s, idx));
    }

    /// The credentials the kubelet tries for this container's image (one lookup per run).
    fn creds_plan(&mut self, p: usize, s: usize) -> Rc<CredsPlan> {
        if let Some(plan) = &self.pods[p].slots[s].creds {
            return Rc::clone(plan);
        }
        let image = Arc::clone(&self.pods[p].slots[s].prep.image);
        let lookup = self.pod_lookup(p, &image);
        let list: Vec<(Arc<str>, Account, PulledWith)> = lookup
            .try_order
            .iter()
            .map(|a| {
                let t = &a.matched.tracked;
                let c = t.credential.reveal();
                let label = format!("{} {} as {}", t.source.tag(), a.matched.key, c.username);
                let with = match &t.source {
                    Source::PodSecret { namespace, name } => PulledWith::Secret {
                        namespace: namespace.clone(),
                        name: name.clone(),
                        account: Some(Account { username: c.username.clone(), password: c.password.clone() }),
                    },
                    Source::Node { .. } | Source::Plugin { .. } => PulledWith::NodeAccessible,
                };
                (Arc::from(label), Account { username: c.username, password: c.password }, with)
            })
            .collect();
        let joined = (!list.is_empty())
            .then(|| Arc::from(list.iter().map(|c| &*c.0).collect::<Vec<&str>>().join("; ").as_str()));
        let plan =
            Rc::new(CredsPlan { repo: Arc::from(lookup.repo.clone().unwrap_or_default()), lookup, list, joined });
        self.pods[p].slots[s].creds = Some(Rc::clone(&plan));
        plan
    }

    /// `EnsureImageExists` (SPEC §3.1), up to handing the pull to the puller.
    fn ensure_image_exists(&mut self, p: usize, s: usize) -> Ensure {
        let prep = Rc::clone(&self.pods[p].slots[s].prep);
        let image: &str = &prep.image;
        let quoted: &str = &prep.quoted;
        let policy = self.pods[p].slots[s].pull_policy.unwrap_or(PullPolicy::IfNotPresent);
        // The steps are gathered in a reused buffer (`step_buf`, given back by `decision`): a
        // decision that repeats the previous one allocates nothing, a new one its exact size.
        let mut steps = std::mem::take(&mut self.step_buf);
        steps.clear();
        // 1. Default tag.
        let parsed = match &*prep.parsed {
            Ok(parsed) => parsed,
            Err(msg) => {
                steps.push(TraceStep::text(
                    &R_DEFAULT_TAG,
                    vec![kv("image", image)],
                    format!("{msg} → InvalidImageName: no pull, no back-off; re-evaluated every sync"),
                ));
                self.event(p, "Warning", "InspectFailed", &[msg], Some(s));
                return self.fail(p, s, "InvalidImageName", &[msg], steps);
            }
        };
        steps.push(TraceStep::new(
            &R_DEFAULT_TAG,
            Detail::DefaultTag { image: Arc::clone(&prep.image), with_tag: Arc::clone(&parsed.with_tag) },
        ));
        // 2. Pre-check by policy.
        let present = if policy == PullPolicy::Always {
            steps.push(TraceStep::fixed(
                &R_PRECHECK,
                &[("imagePullPolicy", "Always")],
                "Always: the kubelet does not ask the runtime whether the image is present; it pulls (the runtime reuses cached layers)",
            ));
            None
        } else {
            let found = self.find_for_slot(p, s, parsed);
            steps.push(TraceStep::new(
                &R_PRECHECK,
                Detail::Precheck {
                    policy: policy.as_str(),
                    with_tag: Arc::clone(&parsed.with_tag),
                    found: found.map(|i| Arc::clone(&self.node[i].name)),
                },
            ));
            if found.is_none() && policy == PullPolicy::Never {
                let msg = format!("Container image {quoted} is not present with pull policy of Never");
                steps.push(TraceStep::fixed(&R_NEVER, &[], "ErrImageNeverPull: no pull, no back-off"));
                self.event(p, "Warning", "ErrImageNeverPull", &[&msg], Some(s));
                return self.fail(p, s, "ErrImageNeverPull", &[&msg], steps);
            }
            found
        };
        // 3. Present image.
        if let Some(i) = present {
            if !self.ensure_secret_pulled {
                steps.push(TraceStep::fixed(
                    &R_PRESENT,
                    &[("KubeletEnsureSecretPulledImages", "off")],
                    "used as is: no credentials are checked",
                ));
                self.event(
                    p,
                    "Normal",
                    "Pulled",
                    &["Container image ", quoted, " already present on machine"],
                    Some(s),
                );
                self.decision(p, s, steps, "Present");
                return Ensure::Ready;
            }
            let (must, why) = self.must_attempt_pull(p, i, image);
            steps.push(TraceStep::text(
                &R_ENSURE_SECRET,
                vec![kv("imagePullCredentialsVerificationPolicy", self.verification.clone())],
                why,
            ));
            if !must {
                self.event(
                    p,
                    "Normal",
                    "Pulled",
                    &["Container image ", quoted, " already present on machine and can be accessed by the pod"],
                    Some(s),
                );
                self.decision(p, s, steps, "Present");
                return Ensure::Ready;
            }
            if policy == PullPolicy::Never {
                let msg = format!("Container image {quoted} is not present with pull policy of Never");
                steps.push(TraceStep::fixed(
                    &R_NEVER,
                    &[],
                    "ErrImageNeverPull — the same message as for an absent image, so the pod learns nothing about images it may not use",
                ));
                self.event(p, "Warning", "ErrImageNeverPull", &[&msg], Some(s));
                return self.fail(p, s, "ErrImageNeverPull", &[&msg], steps);
            }
        }
        // 4. Credentials.
        let plan = self.creds_plan(p, s);
        // The lookup's only event, FailedToRetrieveImagePullSecret, is the pod sync's (see
        // `missing_pull_secrets`), not the pull's.
        if let Some(err) = &plan.lookup.error {
            let text = err.to_string();
            steps.push(TraceStep::text(
                &R_CREDS,
                vec![kv("imagePullSecrets", self.pods[p].input.image_pull_secrets.join(", "))],
                format!("the lookup fails: {text} — returned as the error itself; no pull, no back-off entry"),
            ));
            return self.fail(p, s, &text, &[&text], steps);
        }
        steps.push(TraceStep::new(
            &R_CREDS,
            Detail::Creds {
                repo: Arc::clone(&plan.repo),
                labels: plan.joined.as_ref().map(|j| (plan.list.len(), Arc::clone(j))),
            },
        ));
        // 5. Back-off.
        let key = &prep.key_id;
        if self.backoff.is_in_backoff_since_update(key, self.now) {
            // The event carries the bare message; only the waiting message returned to the pod
            // status gets the previous pull error appended (image_manager.go pullImage).
            let event_msg = ["Back-off pulling image ", quoted];
            let with_error = self.minor >= BACKOFF_MESSAGE_WITH_ERROR_SINCE;
            // Taken for the message and put back.
            let prev = if with_error { self.prev_err.get_mut(*key).and_then(Option::take) } else { None };
            let until = self.backoff.window_end(key, self.now).unwrap_or(self.now);
            steps.push(TraceStep::new(
                &R_BACKOFF,
                Detail::InBackoff { key: Arc::clone(&prep.key), window: self.backoff.get(key), until, with_error },
            ));
            self.known_event(p, s, Known::BackOff, "Normal", "BackOff", &event_msg);
            return match prev {
                Some((reason, msg)) => {
                    let ensure = self.fail(
                        p,
                        s,
                        "ImagePullBackOff",
                        &["Back-off pulling image ", quoted, ": ", reason, ": ", &*msg],
                        steps,
                    );
                    if let Some(prev) = self.prev_err.get_mut(*key) {
                        *prev = Some((reason, msg));
                    }
                    ensure
                }
                None => self.fail(p, s, "ImagePullBackOff", &event_msg, steps),
            };
        }
        steps.push(TraceStep::new(
            &R_BACKOFF,
            Detail::NotInBackoff { key: Arc::clone(&prep.key), window: self.backoff.get(key) },
        ));
        // 6. Pull. The stored previous error is dropped when a pull starts.
        if let Some(prev) = self.prev_err.get_mut(*key) {
            *prev = None;
        }
        self.known_event(p, s, Known::Pulling, "Normal", "Pulling", &["Pulling image ", quoted]);
        let decision = self.pods[p].slots[s].result.decisions.len();
        self.decision(p, s, steps, "Pulling");
        self.pods[p].slots[s].job = Some(Job {
            requested: self.now,
            started: self.now,
            image: Rc::clone(&prep),
            creds: plan,
            decision,
            result: None,
        });
        match self.max_parallel {
            Some(limit) if self.active_pulls >= limit => self.waiting.push_back((p, s)),
            _ => self.start_pull(p, s),
        }
        Ensure::Pulling
    }

    /// [`Engine::find_parsed`] for a slot's image, remembered until the node's images change.
    fn find_for_slot(&mut self, p: usize, s: usize, r: &Parsed) -> Option<usize> {
        match self.pods[p].slots[s].found {
            Some((version, found)) if version == self.node_version => found,
            _ => {
                let found = self.find_parsed(r);
                self.pods[p].slots[s].found = Some((self.node_version, found));
                found
            }
        }
    }

    /// The node image a parsed reference names, by digest or by `repo:tag`.
    fn find_parsed(&self, r: &Parsed) -> Option<usize> {
        match &r.digest {
            Some(d) => self.node.iter().position(|i| *i.repo == *r.repo && *i.digest == **d),
            None => self.node.iter().position(|i| i.tags.contains(&r.tag_name)),
        }
    }

    /// `MustAttemptImagePull` (SPEC §3.4, `pullmanager.MustAttemptImagePull`): exempt by policy,
    /// else the record for this image name must say every pod may use it, or hold one of this
    /// pod's secrets (same coordinates or the same credentials).
    fn must_attempt_pull(&mut self, p: usize, i: usize, image: &str) -> (bool, String) {
        let img = &self.node[i];
        let verify = match self.verification.as_str() {
            "NeverVerify" => return (false, "NeverVerify: images on the node are never re-verified".to_owned()),
            "NeverVerifyPreloadedImages" if img.record.is_none() => {
                return (false, "NeverVerifyPreloadedImages: the kubelet has no record of pulling this image (pre-loaded), so it needs no verification".to_owned())
            }
            "NeverVerifyAllowlistedImages" => {
                let allowed = self.sc.kubelet.preloaded_images_verification_allowlist.iter().any(|a| match a.strip_suffix("/*") {
                    Some(prefix) => img.repo.starts_with(&format!("{prefix}/")),
                    None => **a == *img.repo,
                });
                if allowed {
                    return (false, format!("{} is on preloadedImagesVerificationAllowlist: no verification", img.repo));
                }
                "not on the allowlist"
            }
            "AlwaysVerify" => "AlwaysVerify",
            _ => "the kubelet pulled it",
        };
        let Some(record) = img.record.clone() else {
            return (true, format!("{verify}: no pull record for this image, so the pod must pull to prove access"));
        };
        if record.node_accessible {
            return (
                false,
                "it was pulled anonymously or with node credentials (NodePodsAccessible): every pod may use it"
                    .to_owned(),
            );
        }
        if record.secrets.is_empty() {
            return (true, "the record names no credentials: the pod must pull to prove access".to_owned());
        }
        // The pod's own credentials for this image: its pull secrets that match (getPodCredentials).
        let lookup = self.pod_lookup(p, image);
        let mine: Vec<(String, String, Account)> = lookup
            .try_order
            .iter()
            .filter_map(|a| match &a.matched.tracked.source {
                Source::PodSecret { namespace, name } => {
                    let c = a.matched.tracked.credential.reveal();
                    Some((namespace.clone(), name.clone(), Account { username: c.username, password: c.password }))
                }
                _ => None,
            })
            .collect();
        for (ns, name, account) in &record.secrets {
            for (my_ns, my_name, my_account) in &mine {
                if account.as_ref() == Some(my_account) {
                    return (false, format!("this pod's secret {my_ns}/{my_name} holds the same credentials as {ns}/{name}, which pulled it (hash match)"));
                }
                if my_ns == ns && my_name == name {
                    return (false, format!("it was pulled with secret {ns}/{name}, which this pod also uses"));
                }
            }
        }
        let names: Vec<String> = record.secrets.iter().map(|(ns, n, _)| format!("{ns}/{n}")).collect();
        (true, format!("it was pulled with pull secret {}, which this pod does not have: it must pull with its own credentials", names.join(", ")))
    }

    fn start_pull(&mut self, p: usize, s: usize) {
        self.active_pulls += 1;
        let now = self.now;
        let qps_ok = self.bucket.try_accept(now);
        let sc = self.sc;
        let Some(prep) = self.pods[p].slots[s].job.as_ref().map(|j| Rc::clone(&j.image)) else { return };
        let Ok(parsed) = &*prep.parsed else { return };
        let local = self.find_for_slot(p, s, parsed).map(|i| Arc::clone(&self.node[i].digest));
        let Some(job) = self.pods[p].slots[s].job.as_mut() else { return };
        job.started = now;
        let Ok(parsed) = &*job.image.parsed else { return };
        let target = PullTarget {
            repo: &parsed.repo,
            docker_ref: &parsed.docker_ref,
            tag: parsed.tag.as_deref(),
            digest: parsed.digest.as_deref(),
        };
        let mut elapsed = 0;
        let result = if !qps_ok {
            JobResult::Failed { error: "pull QPS exceeded".to_owned() }
        } else if job.creds.list.is_empty() {
            match registry::attempt(&sc.registry, &target, None, now, local.as_deref()) {
                Attempt::Pulled { digest, size, duration } => {
                    elapsed = duration;
                    JobResult::Pulled { digest, size, pulled_with: PulledWith::NodeAccessible, label: None }
                }
                Attempt::Failed { error, duration } => {
                    elapsed = duration;
                    JobResult::Failed { error }
                }
            }
        } else {
            // §5.6: each credential in order, first success wins, errors aggregated.
            let mut errors = Vec::new();
            let mut ok = None;
            for (label, account, with) in &job.creds.list {
                match registry::attempt(&sc.registry, &target, Some(account), now + elapsed, local.as_deref()) {
                    Attempt::Pulled { digest, size, duration } => {
                        elapsed += duration;
                        ok = Some(JobResult::Pulled {
                            digest,
                            size,
                            pulled_with: with.clone(),
                            label: Some(Arc::clone(label)),
                        });
                        break;
                    }
                    Attempt::Failed { error, duration } => {
                        elapsed += duration;
                        errors.push(error);
                    }
                }
            }
            ok.unwrap_or_else(|| JobResult::Failed {
                error: if errors.len() == 1 { errors.remove(0) } else { format!("[{}]", errors.join(", ")) },
            })
        };
        job.result = Some(result);
        self.schedule(now + elapsed, Ev::PullDone(p, s));
    }

    fn pull_done(&mut self, p: usize, s: usize) {
        self.active_pulls = self.active_pulls.saturating_sub(1);
        if let Some((np, ns)) = self.waiting.pop_front() {
            self.start_pull(np, ns);
        }
        let Some(mut job) = self.pods[p].slots[s].job.take() else { return };
        let prep = Rc::clone(&job.image);
        let Ok(parsed) = &*prep.parsed else { return };
        let now = self.now;
        let key = &prep.key_id;
        let puller = match (self.serialize, self.max_parallel) {
            (true, _) => Puller::Serialized,
            (false, Some(n)) => Puller::Parallel(n),
            (false, None) => Puller::Unlimited,
        };
        let puller_step = TraceStep::new(
            &R_PULLER,
            Detail::Puller {
                puller,
                waited: job.started - job.requested,
                qps: self.sc.kubelet.registry_pull_qps,
                started: job.started,
                finished: now,
            },
        );
        let tried = job.creds.joined.clone();
        match job.result.take() {
            Some(JobResult::Pulled { digest, size, pulled_with, label }) => {
                let tried_step = TraceStep::new(&R_TRY_CREDS, Detail::TriedPulled { tried, label });
                let msg = format!(
                    "Successfully pulled image {} in {} ({} including waiting). Image size: {size} bytes.",
                    prep.quoted,
                    duration_ms(now - job.started),
                    duration_ms(now - job.requested)
                );
                let digest: Arc<str> = Arc::from(digest);
                let pulled_step = TraceStep::new(&R_PULLED, Detail::Pulled { digest: Arc::clone(&digest) });
                self.event(p, "Normal", "Pulled", &[&msg], Some(s));
                self.backoff.gc(now);
                self.node_version += 1;
                let tag_name = format!("{}:{}", parsed.repo, parsed.tag.as_deref().unwrap_or("latest"));
                match self.node.iter_mut().find(|i| i.repo == parsed.repo && i.digest == digest) {
                    Some(img) => {
                        if parsed.digest.is_none() && !img.tags.contains(&tag_name) {
                            img.tags.push(tag_name.clone());
                        }
                        img.record.get_or_insert_with(PulledRecord::default).merge(&pulled_with);
                    }
                    None => {
                        for other in self.node.iter_mut().filter(|i| i.repo == parsed.repo) {
                            other.tags.retain(|t| *t != tag_name);
                        }
                        let tags = if parsed.digest.is_none() { vec![tag_name] } else { vec![] };
                        let mut record = PulledRecord::default();
                        record.merge(&pulled_with);
                        self.node.push(NodeImage {
                            repo: Arc::clone(&parsed.repo),
                            tags,
                            name: Arc::from(format!("{}@{digest}", parsed.repo)),
                            digest,
                            record: Some(record),
                        });
                    }
                }
                self.record_pull(p, s, &job, true, None);
                self.extend_decision(p, s, job.decision, [puller_step, tried_step, pulled_step], "Pulled");
                self.start_slot(p, s);
                self.pods[p].cursor += 1;
                self.continue_sync(p);
            }
            other => {
                let error = match other {
                    Some(JobResult::Failed { error }) => error,
                    _ => "pull did not run".to_owned(),
                };
                // The container's last failed pull usually failed the same way.
                let last = self.pods[p].slots[s].failed_event.as_ref().map(|(e, _)| e);
                let shared = match last.filter(|e| ***e == *error) {
                    Some(e) => Arc::clone(e),
                    None => self.texts.get(&error),
                };
                let tried_step =
                    TraceStep::new(&R_TRY_CREDS, Detail::TriedFailed { tried, error: Arc::clone(&shared) });
                // The same error (one shared text) gives the same event as the last failure.
                let slot = &self.pods[p].slots[s];
                match slot.failed_event.as_ref().filter(|(e, _)| Arc::ptr_eq(e, &shared)).map(|&(_, i)| i) {
                    Some(idx) => {
                        let pod = &mut self.pods[p];
                        pod.events[idx].times.push(now);
                        pod.touched_events.push(idx);
                    }
                    None => {
                        let idx = self.event(
                            p,
                            "Warning",
                            "Failed",
                            &["Failed to pull image ", &*prep.quoted, ": ", &error],
                            Some(s),
                        );
                        self.pods[p].slots[s].failed_event = Some((Arc::clone(&shared), idx));
                    }
                }
                self.backoff.next(key, now, now);
                let window = self.backoff.get(key);
                self.pods[p].slots[s].result.backoff_windows.push((now, now + window));
                let (reason, msg) = classify(&prep.image, &shared);
                let classified_step = TraceStep::new(
                    &R_CLASSIFY,
                    Detail::Classified { error: Arc::clone(&shared), reason, window, until: now + window },
                );
                self.record_pull(p, s, &job, false, Some(shared));
                self.extend_decision(p, s, job.decision, [puller_step, tried_step, classified_step], reason);
                self.fail_after_pull(p, s, reason, &msg);
                if let Some(prev) = self.prev_err.get_mut(*key) {
                    *prev = Some((reason, msg));
                }
                if self.pods[p].slots[s].input.kind.blocks() {
                    self.finish_sync(p);
                } else {
                    self.pods[p].cursor += 1;
                    self.continue_sync(p);
                }
            }
        }
    }

    fn fail_after_pull(&mut self, p: usize, s: usize, reason: &str, message: &str) {
        if self.pods[p].slots[s].input.kind != SlotKind::ImageVolume {
            self.error_event(p, s, reason);
        }
        self.set_state(p, s, "Waiting", reason, &[message]);
    }

    fn extend_decision(&mut self, p: usize, s: usize, d: usize, steps: [TraceStep; 3], outcome: &str) {
        let pod = &self.pods[p];
        let recent = pod.current.get(s).into_iter().flat_map(|c| [&c.last_outcome, &c.prev_outcome]).flatten();
        let outcome = match recent.into_iter().find(|o| ***o == *outcome) {
            Some(o) => Arc::clone(o),
            None => self.texts.get(outcome),
        };
        let pod = &mut self.pods[p];
        if d + 1 == pod.slots[s].result.decisions.len() {
            if let Some(c) = pod.current.get_mut(s) {
                c.last_outcome = Some(Arc::clone(&outcome));
            }
        }
        if let Some(dec) = pod.slots[s].result.decisions.get_mut(d) {
            dec.steps.extend(steps);
            dec.outcome = outcome;
        }
    }

    fn record_pull(&mut self, p: usize, s: usize, job: &Job, ok: bool, error: Option<Arc<str>>) {
        let now = self.now;
        let credentials = job.creds.list.iter().map(|c| c.0.to_string()).collect();
        self.pods[p].slots[s].result.pulls.push(PullRecord {
            requested: job.requested,
            started: job.started,
            finished: now,
            ok,
            credentials,
            error,
        });
    }

    /// `kubectl get pods -w`: a line whenever READY or STATUS changes.
    fn status_line(&mut self, p: usize) {
        let pod = &self.pods[p];
        let (counts, status) = pod_status(pod);
        // READY is `ready/total`: the same counts, the same text.
        let [last, prev] = &pod.lines;
        if last.as_ref().is_some_and(|(c, _, s)| *c == counts && **s == *status) {
            return;
        }
        let age = self.now.saturating_sub(pod.input.created_at);
        // The pod's last two lines usually hold the same READY and STATUS (back-off alternates).
        let recent = || [last, prev].into_iter().flatten();
        let status = match recent().find(|(_, _, s)| **s == *status) {
            Some((_, _, s)) => Arc::clone(s),
            None => self.texts.get(&status),
        };
        let ready = match recent().find(|(c, _, _)| *c == counts) {
            Some((_, r, _)) => Arc::clone(r),
            None => {
                let mut text = std::mem::take(&mut self.texts.scratch);
                text.clear();
                push_u64(&mut text, counts.0 as u64);
                text.push('/');
                push_u64(&mut text, counts.1 as u64);
                let ready = self.texts.get(&text);
                self.texts.scratch = text;
                ready
            }
        };
        let age = self.texts.age(age);
        let pod = &mut self.pods[p];
        let [last, prev] = &mut pod.lines;
        *prev = last.replace((counts, Arc::clone(&ready), Arc::clone(&status)));
        pod.status_lines.push(StatusLine { at: self.now, ready, status, restarts: 0, age });
    }

    fn finish(self, gates: BTreeMap<&'static str, bool>, truncated: Option<String>) -> SimResult {
        let end = self.end;
        let pods = self
            .pods
            .into_iter()
            .zip(self.hot)
            .filter(|(p, _)| !p.rejected)
            .map(|(mut p, mut hot)| {
                p.end_replay(&mut hot);
                p
            })
            .map(|p| PodResult {
                describe: describe_events(&p.events, end),
                name: p.input.name,
                namespace: p.input.namespace,
                uid: p.uid,
                created_at: p.input.created_at,
                events: p.events,
                status_lines: p.status_lines,
                containers: p.slots.into_iter().map(|s| s.result).collect(),
            })
            .collect();
        SimResult {
            end,
            kubernetes_minor: self.minor,
            feature_gates: gates.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
            notes: self.notes,
            truncated,
            pods,
        }
    }
}

enum Ensure {
    Ready,
    Failed,
    Pulling,
}

/// `evalCRIPullErr` (SPEC §3.1 step 7): classify by the error text's prefix.
fn classify(image: &str, error: &Arc<str>) -> (&'static str, Arc<str>) {
    if let Some(rest) = error.strip_prefix("RegistryUnavailable") {
        return (
            "RegistryUnavailable",
            Arc::from(format!("image pull failed for {image} because the registry is unavailable{rest}")),
        );
    }
    if let Some(rest) = error.strip_prefix("SignatureValidationFailed") {
        return (
            "SignatureValidationFailed",
            Arc::from(format!("image pull failed for {image} because the signature validation failed{rest}")),
        );
    }
    // Most failures: the message is the error itself, shared.
    ("ErrImagePull", Arc::clone(error))
}

/// kubectl's STATUS column (printers `printPod`), for the states pullsim models: READY and STATUS.
fn pod_status(pod: &Pod) -> ((usize, usize), Cow<'_, str>) {
    fn current(s: &SlotState) -> Option<&Current> {
        s.last.as_ref()
    }
    let regular = || pod.current.iter().filter(|s| matches!(s.kind, SlotKind::Container));
    let total = regular().count();
    let ready = regular().filter(|s| current(s).is_some_and(|c| c.state == "Running")).count();
    let inits = || pod.current.iter().filter(|s| matches!(s.kind, SlotKind::InitContainer | SlotKind::Sidecar));
    for (i, s) in inits().enumerate() {
        let Some(c) = current(s) else { continue };
        if c.state == "Terminated" || (s.kind == SlotKind::Sidecar && c.state == "Running") {
            continue;
        }
        let status = if c.state == "Waiting" && !c.reason.is_empty() && *c.reason != *"PodInitializing" {
            format!("Init:{}", c.reason)
        } else {
            format!("Init:{i}/{}", inits().count())
        };
        return ((ready, total), Cow::Owned(status));
    }
    // Image volumes that failed keep every container waiting in ContainerCreating. The first
    // regular container that waits with a reason names the status.
    let waiting = regular().filter_map(current).find(|c| c.state == "Waiting" && !c.reason.is_empty());
    let status = match waiting {
        Some(c) => Cow::Borrowed(&*c.reason),
        None if ready == total && total > 0 => Cow::Borrowed("Running"),
        None => Cow::Borrowed("Pending"),
    };
    ((ready, total), status)
}
