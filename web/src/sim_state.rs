//! The playground's state: the text of every editor, the last scenario that read (as the
//! worker's JSON), the last simulation and the virtual clock, in one reducer.
//!
//! Nothing here decides anything about Kubernetes, and nothing here computes: the scenario is read,
//! simulated and looked up by the core in the simulator's Web Worker ([`crate::compute`], behind
//! [`crate::worker_client`]). The reducer only records the request to send ([`Playground::outbox`],
//! sent by the component) and takes the answer ([`PlaygroundAction::Computed`]), dropping answers
//! to older requests.

use std::collections::HashMap;
use std::rc::Rc;

use pullsim::backoff::Millis;
use pullsim::creds::secret::DockerRegistrySecretArgs;
use yew::prelude::*;

use crate::examples::{DEFAULT_EXAMPLE, IDS};
use crate::state::{analysis_of, Analysis};
use crate::wire::{CredsView, Job, OutcomeView, Request, Response, ScenarioInfo, ShareView};
pub use crate::wire::{EditorError, Section, Texts};

/// Above this many bytes in all editors together, edits are not analysed live (a 5 MB paste stays
/// smooth); the user can still ask for an analysis.
pub const LIVE_LIMIT: usize = 512 * 1024;

/// Milliseconds of quiet typing before the page re-analyses.
pub const DEBOUNCE_MS: u32 = 250;

/// The speeds the clock can run at.
pub const SPEEDS: [u32; 6] = [1, 2, 5, 10, 30, 60];

/// A value shared between renders; equal only to itself (a new value is a new analysis).
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl Section {
    /// The element id of its textarea.
    pub fn id(self) -> &'static str {
        match self {
            Section::Workload => "editor-workload",
            Section::Node => "editor-node",
            Section::Registry => "editor-registry",
            Section::Secrets => "editor-secrets",
            Section::ConfigJson => "editor-config-json",
        }
    }
}

impl Texts {
    pub fn get(&self, s: Section) -> &str {
        match s {
            Section::Workload => &self.workload,
            Section::Node => &self.node,
            Section::Registry => &self.registry,
            Section::Secrets => &self.secrets,
            Section::ConfigJson => &self.config_json,
        }
    }

    fn get_mut(&mut self, s: Section) -> &mut String {
        match s {
            Section::Workload => &mut self.workload,
            Section::Node => &mut self.node,
            Section::Registry => &mut self.registry,
            Section::Secrets => &mut self.secrets,
            Section::ConfigJson => &mut self.config_json,
        }
    }

    fn total_len(&self) -> usize {
        self.workload.len() + self.node.len() + self.registry.len() + self.secrets.len() + self.config_json.len()
    }
}

/// What the page shows for one container besides the simulation: its image's anatomy (the
/// reference lab's analysis, which the page has anyway) and the kubelet's credential lookup.
#[derive(Debug)]
pub struct ContainerExtra {
    pub anatomy: Analysis,
    pub lookup: Option<Rc<CredsView>>,
}

/// One analysis of a scenario, as the worker computed it.
#[derive(Debug)]
pub struct Outcome {
    pub result: OutcomeView,
    /// Per pod, per container (same order as `result`).
    pub extras: Vec<Vec<ContainerExtra>>,
}

impl Outcome {
    /// The worker's result, with each container's anatomy and its (shared) credential lookup.
    /// An image `previous` already analysed keeps its analysis: after an edit, only the images
    /// that changed are analysed again.
    pub fn new(mut result: OutcomeView, previous: Option<&Outcome>) -> Outcome {
        let known: HashMap<&str, &Analysis> = previous
            .map(|o| {
                let images = o.result.pods.iter().flat_map(|p| p.containers.iter().map(|c| c.image.as_str()));
                images.zip(o.extras.iter().flatten().map(|e| &e.anatomy)).collect()
            })
            .unwrap_or_default();
        let lookups: Vec<Rc<CredsView>> = std::mem::take(&mut result.lookups).into_iter().map(Rc::new).collect();
        let extras = result
            .pods
            .iter()
            .map(|p| {
                p.containers
                    .iter()
                    .map(|c| ContainerExtra {
                        anatomy: known.get(c.image.as_str()).map_or_else(|| analysis_of(&c.image), |&a| a.clone()),
                        lookup: c.lookup.and_then(|i| lookups.get(i).cloned()),
                    })
                    .collect()
            })
            .collect();
        Outcome { result, extras }
    }

    pub fn moments(&self) -> &[Millis] {
        &self.result.moments
    }

    pub fn summary(&self) -> &str {
        &self.result.summary
    }
}

/// The virtual clock.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clock {
    /// Virtual time shown (ms).
    pub t: Millis,
    pub playing: bool,
    /// Virtual seconds per real second.
    pub speed: u32,
}

/// A request to select a range in an editor (the image of a clicked result).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reveal {
    pub section: Section,
    pub start: usize,
    pub end: usize,
    /// Bumped by every request, so that the same range can be revealed twice.
    pub nonce: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Playground {
    pub texts: Texts,
    /// Bumped when the texts are replaced from outside the editors (an example, a form): editors
    /// with a new generation take the new text; otherwise the DOM keeps what the user typed.
    pub generation: u32,
    /// Bumped by every edit; the debounce hook re-analyses when it settles.
    pub revision: u64,
    pub example: Option<usize>,
    /// The gallery's titles, once the worker sent them.
    pub titles: Option<Shared<Vec<String>>>,
    /// The last scenario that read without errors (empty until the worker answered).
    pub scenario: Shared<ScenarioInfo>,
    pub errors: Vec<(Section, EditorError)>,
    pub outcome: Option<Shared<Outcome>>,
    /// Why live analysis is paused, when it is.
    pub paused: Option<String>,
    pub clock: Clock,
    pub reveal: Option<Reveal>,
    /// The id of the newest request; answers to older ones are dropped.
    pub request: u64,
    /// The newest request, for the component to send (once per id).
    pub outbox: Option<Shared<Request>>,
    /// A request is on its way (the results show the last answer meanwhile).
    pub busy: bool,
    /// The edit revision the newest request covers: a settled debounce with nothing newer typed
    /// (e.g. after an example was picked) asks for nothing.
    pub asked: u64,
    /// The last id handed out (analyses and share links share the sequence).
    pub last_id: u64,
    /// The id of the newest share-link request.
    pub share_request: u64,
    /// The last share link made (cleared by any edit: it would be stale). Shared: the page passes
    /// it on at every render, and a link can hold megabytes.
    pub share: Option<Rc<ShareView>>,
    /// The "include credentials" box next to the share button (off unless ticked).
    pub include_credentials: bool,
    /// What opening a link said (credentials removed, or why it did not open).
    pub notice: Option<(bool, String)>,
    /// The secret form's status.
    pub secret_status: Option<(bool, String)>,
    /// Embedded with a host allowed to talk to the page: every analysis also summarizes for it.
    pub host: bool,
    /// The last summary for the host page (JSON).
    pub host_result: Option<Shared<String>>,
    /// Presentation mode: large type, editors hidden, keyboard control of the clock.
    pub present: bool,
}

impl Playground {
    /// The page as it opens: the default example, asked of the worker.
    pub fn new() -> Playground {
        Playground::with_example(DEFAULT_EXAMPLE)
    }

    /// A playground that loads example `index` (when the worker answers).
    pub fn with_example(index: usize) -> Playground {
        Playground::asking(Some(index), Job::Example(index), false)
    }

    /// A playground that opens a share link (`#v1.…`) or a scenario's YAML; `host`: see
    /// [`Playground::host`].
    pub fn with_link(link: String, host: bool) -> Playground {
        Playground::asking(None, Job::Open(link), host)
    }

    /// The page as it opens: a link when the URL has one, else the default example.
    pub fn open(link: Option<String>, host: bool) -> Playground {
        match link {
            Some(link) => Playground::with_link(link, host),
            None => Playground::asking(Some(DEFAULT_EXAMPLE), Job::Example(DEFAULT_EXAMPLE), host),
        }
    }

    fn asking(example: Option<usize>, job: Job, host: bool) -> Playground {
        let mut p = Playground::empty(example);
        p.host = host;
        p.ask(job);
        p
    }

    fn empty(example: Option<usize>) -> Playground {
        Playground {
            texts: Texts::default(),
            generation: 0,
            revision: 0,
            example,
            titles: None,
            scenario: Shared(Rc::new(ScenarioInfo::default())),
            errors: Vec::new(),
            outcome: None,
            paused: None,
            clock: Clock { t: 0, playing: false, speed: 10 },
            reveal: None,
            request: 0,
            outbox: None,
            busy: false,
            asked: 0,
            last_id: 0,
            share_request: 0,
            share: None,
            include_credentials: false,
            notice: None,
            secret_status: None,
            host: false,
            host_result: None,
            present: false,
        }
    }

    /// Errors for one editor.
    pub fn errors_of(&self, section: Section) -> Vec<EditorError> {
        self.errors.iter().filter(|(s, _)| *s == section).map(|(_, e)| e.clone()).collect()
    }

    fn end(&self) -> Millis {
        self.outcome.as_ref().map_or(0, |o| o.result.end)
    }

    /// Records a new request (the component sends it).
    fn ask(&mut self, job: Job) {
        self.request = self.send(job);
        self.busy = true;
        self.asked = self.revision;
    }

    /// Puts a request in the outbox under a new id.
    fn send(&mut self, job: Job) -> u64 {
        self.last_id += 1;
        self.outbox = Some(Shared(Rc::new(Request { id: self.last_id, job, host: self.host })));
        self.last_id
    }

    /// Asks for the editors to be re-read and re-simulated (keeping the texts exactly as typed).
    fn analyzed(mut self, force: bool, kubernetes: Option<String>) -> Playground {
        let size = self.texts.total_len();
        if size > LIVE_LIMIT && !force {
            self.paused = Some(format!(
                "The editors hold {} KiB: live analysis pauses above {} KiB so that typing stays smooth.",
                size / 1024,
                LIVE_LIMIT / 1024
            ));
            return self;
        }
        self.paused = None;
        let (texts, base) = (self.texts.clone(), self.scenario.json.clone());
        self.ask(Job::Analyze { texts, base, kubernetes });
        self
    }

    /// Takes the worker's answer to the newest request.
    fn computed(mut self, r: Response) -> Playground {
        self.busy = false;
        // An example or a link (both come with the gallery's titles) replaces the whole scenario.
        let opened = r.titles.is_some();
        if let Some(titles) = r.titles {
            self.titles = Some(Shared(Rc::new(titles)));
        }
        if let Some(texts) = r.texts {
            self.texts = texts;
            self.generation += 1;
        }
        if r.message.is_some() {
            let secret = self.outbox.as_ref().is_some_and(|o| matches!(o.job, Job::AddSecret { .. }));
            if secret {
                self.secret_status = r.message;
            } else {
                self.notice = r.message;
            }
        }
        if let Some(h) = r.host {
            self.host_result = Some(Shared(Rc::new(h)));
        }
        if opened {
            self.example = r.example;
        }
        match (r.scenario, r.outcome) {
            (Some(sc), Some(outcome)) => {
                let outcome = Outcome::new(outcome, self.outcome.as_deref());
                // A new example or link opens on the whole story; an edit keeps the clock where it was.
                self.clock.t = if opened { outcome.result.end } else { self.clock.t.min(outcome.result.end) };
                self.scenario = Shared(Rc::new(sc));
                self.outcome = Some(Shared(Rc::new(outcome)));
                self.errors = r.errors;
            }
            _ => {
                // The editors did not read: their errors, and the last result's workload errors.
                let keep: Vec<_> = self.errors.iter().filter(|(s, _)| *s == Section::Workload).cloned().collect();
                self.errors = r.errors;
                self.errors.extend(keep);
            }
        }
        self
    }
}

impl Default for Playground {
    fn default() -> Self {
        Playground::new()
    }
}

pub enum PlaygroundAction {
    LoadExample(usize),
    /// The user edited an editor: keep the text; analysis waits for the debounce.
    Edit(Section, String),
    /// The debounce settled (`force`: also above [`LIVE_LIMIT`]).
    Analyze {
        force: bool,
    },
    /// The worker answered.
    Computed(Box<Response>),
    SetVersion(String),
    /// `kubectl create secret docker-registry`: the worker generates the Secret and adds (or
    /// replaces, by namespace and name) it.
    AddSecret(DockerRegistrySecretArgs),
    /// Open a share link or a scenario's YAML (from a host page).
    Open(String),
    /// Make a share link of the editors as they are.
    Share,
    SetIncludeCredentials(bool),
    SetPresent(bool),
    /// Play when paused, pause when playing.
    TogglePlay,
    /// One speed up (`true`) or down in [`SPEEDS`].
    Faster(bool),
    Play,
    Pause,
    /// Real milliseconds passed while playing.
    Tick(u32),
    /// To the next (or previous) moment something happens.
    Step {
        forward: bool,
    },
    SetTime(Millis),
    SetSpeed(u32),
    RevealImage {
        pod: usize,
        container: usize,
    },
}

impl Reducible for Playground {
    type Action = PlaygroundAction;

    fn reduce(self: Rc<Self>, action: PlaygroundAction) -> Rc<Self> {
        use PlaygroundAction as A;
        let mut next = (*self).clone();
        match action {
            A::LoadExample(i) if i < IDS.len() => {
                next.ask(Job::Example(i));
                next.example = Some(i);
                next.clock.playing = false;
            }
            A::LoadExample(_) => return self,
            A::Edit(section, text) => {
                if self.texts.get(section) == text {
                    return self;
                }
                *next.texts.get_mut(section) = text;
                next.revision += 1;
                next.share = None;
            }
            A::Analyze { force: false } if self.revision == self.asked && self.paused.is_none() => return self,
            A::Analyze { force } => next = next.analyzed(force, None),
            A::Computed(r) if r.share.is_some() => {
                if r.id != self.share_request {
                    return self;
                }
                next.share = r.share.map(Rc::new);
            }
            A::Computed(r) if r.id == self.request => next = next.computed(*r),
            // An answer to an older request: a newer one is on its way.
            A::Computed(_) => return self,
            A::SetVersion(v) => next = next.analyzed(true, Some(v)),
            A::AddSecret(args) => {
                next.paused = None;
                next.secret_status = None;
                let (texts, base) = (self.texts.clone(), self.scenario.json.clone());
                next.ask(Job::AddSecret { texts, base, args });
            }
            A::Open(link) => {
                next.ask(Job::Open(link));
                next.clock.playing = false;
                next.share = None;
            }
            A::Share => {
                let (texts, base) = (self.texts.clone(), self.scenario.json.clone());
                next.share_request =
                    next.send(Job::Share { texts, base, include_credentials: self.include_credentials });
            }
            A::SetIncludeCredentials(on) => {
                next.include_credentials = on;
                next.share = None;
            }
            A::SetPresent(on) => next.present = on,
            A::TogglePlay => {
                let action = if self.clock.playing { A::Pause } else { A::Play };
                return self.reduce(action);
            }
            A::Faster(up) => {
                let i = SPEEDS.iter().position(|&s| s >= self.clock.speed).unwrap_or(SPEEDS.len() - 1);
                let i = if up { (i + 1).min(SPEEDS.len() - 1) } else { i.saturating_sub(1) };
                next.clock.speed = SPEEDS.get(i).copied().unwrap_or(self.clock.speed);
            }
            A::Play => {
                if self.clock.t >= self.end() {
                    next.clock.t = 0;
                }
                next.clock.playing = true;
            }
            A::Pause => next.clock.playing = false,
            A::Tick(real_ms) => {
                if !self.clock.playing {
                    return self;
                }
                let end = self.end();
                next.clock.t = (self.clock.t + u64::from(real_ms) * u64::from(self.clock.speed)).min(end);
                next.clock.playing = next.clock.t < end;
            }
            A::Step { forward } => {
                let Some(o) = &self.outcome else { return self };
                let t = self.clock.t;
                let to = if forward {
                    o.moments().iter().copied().find(|&m| m > t)
                } else {
                    o.moments().iter().rev().copied().find(|&m| m < t)
                };
                next.clock.playing = false;
                next.clock.t = to.unwrap_or(t);
            }
            A::SetTime(t) => {
                next.clock.t = t.min(self.end());
                next.clock.playing = false;
            }
            A::SetSpeed(s) => next.clock.speed = s.clamp(1, 60),
            A::RevealImage { pod, container } => {
                let pos = self
                    .outcome
                    .as_ref()
                    .and_then(|o| o.result.pods.get(pod)?.containers.get(container)?.image_position);
                let Some(pos) = pos else { return self };
                let nonce = self.reveal.map_or(1, |r| r.nonce + 1);
                next.reveal = Some(Reveal { section: Section::Workload, start: pos.start, end: pos.end, nonce });
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Answers the newest request as the worker would.
    fn answered(p: Rc<Playground>) -> Rc<Playground> {
        let request = (*p.outbox.clone().expect("a request")).clone();
        p.reduce(PlaygroundAction::Computed(Box::new(compute::handle(request))))
    }

    fn example(id: &str) -> Rc<Playground> {
        answered(Rc::new(Playground::with_example(crate::examples::index_of(id).unwrap())))
    }

    fn outcome_of(p: &Playground) -> Vec<String> {
        let o = p.outcome.as_ref().unwrap();
        o.result.pods.iter().flat_map(|p| &p.containers).map(|c| c.states.last().unwrap().reason.clone()).collect()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn every_example_round_trips_through_the_editors() {
        for (i, e) in crate::examples::EXAMPLES.iter().enumerate() {
            let p = answered(Rc::new(Playground::with_example(i)));
            let base: pullsim::sim::Scenario = serde_json::from_str(&p.scenario.json).unwrap();
            let read = compute::read_texts(&p.texts, &base).unwrap_or_else(|err| panic!("{}: {err:?}", e.id));
            assert!(base.workload.is_empty(), "the manifest editor holds the workload, not the base");
            assert_eq!(pullsim::sim::Scenario { workload: String::new(), ..read.clone() }, base, "{}", e.id);
            assert_eq!(read, compute::example(i), "{}", e.id);
            assert!(p.errors.is_empty(), "{}: {:?}", e.id, p.errors);
            assert_eq!(p.titles.as_ref().unwrap().len(), IDS.len());
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn editing_the_manifest_changes_the_outcome_after_analysis() {
        let p = example("private-no-secret");
        assert_eq!(outcome_of(&p), ["ImagePullBackOff"]);
        let text = p.texts.workload.replace("    image:", "    imagePullPolicy: Never\n    image:");
        let edited = p.clone().reduce(PlaygroundAction::Edit(Section::Workload, text.clone()));
        assert_eq!(edited.texts.workload, text, "the text is kept as typed");
        assert_eq!(edited.request, p.request, "nothing is asked before the debounce");
        assert_ne!(edited.texts.workload, p.texts.workload);
        let analysed = answered(edited.reduce(PlaygroundAction::Analyze { force: false }));
        assert_eq!(outcome_of(&analysed), ["ErrImageNeverPull"]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn answers_to_older_requests_are_dropped() {
        let p = example("private-no-secret");
        let text = p.texts.workload.replace("    image:", "    imagePullPolicy: Never\n    image:");
        let first = p.reduce(PlaygroundAction::Edit(Section::Workload, text));
        let first = first.reduce(PlaygroundAction::Analyze { force: false });
        let old = compute::handle((*first.outbox.clone().unwrap()).clone());
        let second = first.reduce(PlaygroundAction::LoadExample(crate::examples::index_of("nginx-no-tag").unwrap()));
        let stale = second.clone().reduce(PlaygroundAction::Computed(Box::new(old)));
        assert!(Rc::ptr_eq(&second, &stale), "the stale answer changes nothing");
        assert_eq!(outcome_of(&answered(stale)), ["Running"]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_settled_debounce_after_picking_an_example_asks_nothing() {
        let p = example("private-no-secret");
        let p = p.reduce(PlaygroundAction::Edit(Section::Workload, "kind: Pod\n".to_owned()));
        let p = p.reduce(PlaygroundAction::LoadExample(0));
        let asked = p.request;
        let p = p.reduce(PlaygroundAction::Analyze { force: false });
        assert_eq!(p.request, asked);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_yaml_error_names_its_line_and_keeps_the_last_result() {
        let p = answered(Rc::new(Playground::new()));
        let before = outcome_of(&p);
        let p = p.reduce(PlaygroundAction::Edit(Section::Registry, "registry:\n  repositories: [\n".to_owned()));
        let p = answered(p.reduce(PlaygroundAction::Analyze { force: false }));
        let errors = p.errors_of(Section::Registry);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].line.is_some(), "{errors:?}");
        assert_eq!(p.texts.registry, "registry:\n  repositories: [\n");
        assert_eq!(outcome_of(&p), before);

        let p = p.reduce(PlaygroundAction::Edit(Section::Registry, "workload: x\n".to_owned()));
        let p = answered(p.reduce(PlaygroundAction::Analyze { force: false }));
        assert!(p.errors_of(Section::Registry)[0].message.contains("`workload` does not belong"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn workload_errors_carry_line_and_column() {
        let p = answered(Rc::new(Playground::new()));
        let p = p.reduce(PlaygroundAction::Edit(Section::Workload, "kind: Pod\nspec: [\n".to_owned()));
        let p = answered(p.reduce(PlaygroundAction::Analyze { force: false }));
        let errors = p.errors_of(Section::Workload);
        assert!(!errors.is_empty());
        assert!(errors[0].line.is_some() && errors[0].column.is_some(), "{errors:?}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_huge_paste_pauses_live_analysis_but_keeps_the_text() {
        let p = answered(Rc::new(Playground::new()));
        let big = "# filler\n".repeat(LIVE_LIMIT / 9 + 10);
        let p = p.reduce(PlaygroundAction::Edit(Section::Workload, big.clone()));
        let asked = p.request;
        let p = p.reduce(PlaygroundAction::Analyze { force: false });
        assert!(p.paused.is_some());
        assert_eq!(p.request, asked, "nothing is sent to the worker");
        assert_eq!(p.texts.workload.len(), big.len());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_clock_plays_steps_and_stops_at_the_end() {
        let p = answered(Rc::new(Playground::new()));
        let end = p.outcome.as_ref().unwrap().result.end;
        assert_eq!(p.clock.t, end, "opens on the whole story");
        let p = p.reduce(PlaygroundAction::Play);
        assert_eq!(p.clock.t, 0, "playing from the end starts over");
        let p = p.reduce(PlaygroundAction::Tick(100));
        assert_eq!(p.clock.t, 100 * u64::from(p.clock.speed));
        let p = p.reduce(PlaygroundAction::Step { forward: true });
        assert!(!p.clock.playing);
        let moments = p.outcome.as_ref().unwrap().moments();
        assert!(moments.contains(&p.clock.t));
        let p = p.reduce(PlaygroundAction::SetTime(u64::MAX));
        assert_eq!(p.clock.t, end);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_generated_secret_is_added_to_the_secrets_editor() {
        let p = example("private-no-secret");
        assert_eq!(outcome_of(&p), ["ImagePullBackOff"]);
        let args = DockerRegistrySecretArgs {
            name: "regcred".into(),
            namespace: "shop".into(),
            server: "registry.example.com:5000".into(),
            username: "shop-ci".into(),
            password: "s3cret-token".into(),
            email: String::new(),
        };
        let spec = args.clone();
        let generation = p.generation;
        let p = answered(p.reduce(PlaygroundAction::AddSecret(spec)));
        let status = p.secret_status.clone().expect("the form's status");
        assert!(status.0 && status.1.starts_with("secret/regcred created in namespace shop"), "{status:?}");
        assert!(p.texts.secrets.contains("regcred"));
        assert!(!p.texts.secrets.contains("s3cret-token"), "the form's password is not shown in clear");
        assert!(p.generation > generation, "the editors take the new text");
        let sc: pullsim::sim::Scenario = serde_json::from_str(&p.scenario.json).unwrap();
        assert_eq!(sc.secrets.len(), 1);
    }

    fn shared(p: Rc<Playground>, include_credentials: bool) -> (Rc<Playground>, ShareView) {
        let p = p.reduce(PlaygroundAction::SetIncludeCredentials(include_credentials));
        let p = answered(p.reduce(PlaygroundAction::Share));
        let share = (*p.share.clone().expect("a share link")).clone();
        (p, share)
    }

    fn scenario_of(p: &Playground) -> pullsim::sim::Scenario {
        serde_json::from_str(&p.scenario.json).unwrap()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_share_link_opens_the_same_scenario_without_its_credentials() {
        let p = example("dockerhub-fallback");
        let original = scenario_of(&p);
        let secrets = pullsim::share::secret_values(&original);
        assert!(!secrets.is_empty(), "the example has credentials to strip");
        let (p, share) = shared(p, false);
        assert!(share.error.is_none() && share.link.starts_with("v1."), "{share:?}");
        assert!(share.removed > 0);
        for secret in &secrets {
            assert!(!share.link.contains(secret.as_str()));
        }
        let opened = answered(Rc::new(Playground::with_link(format!("#{}", share.link), false)));
        assert_eq!(opened.texts.workload, p.texts.workload);
        assert_eq!(outcome_of(&opened).len(), outcome_of(&p).len());
        assert_eq!(scenario_of(&opened), pullsim::share::strip_credentials(&original));
        let all = format!("{:?}{}", opened.texts, opened.scenario.json);
        for secret in &secrets {
            assert!(!all.contains(secret.as_str()), "{secret} came back");
        }
        let (ok, notice) = opened.notice.clone().expect("says what was removed");
        assert!(ok && notice.contains("without its credentials"), "{notice}");
        assert_eq!(opened.example, None);
        assert_eq!(opened.clock.t, opened.outcome.as_ref().unwrap().result.end, "opens on the whole story");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn with_the_opt_in_the_link_keeps_every_credential() {
        let p = example("dockerhub-fallback");
        let (p, share) = shared(p, true);
        assert_eq!(share.removed, 0);
        let opened = answered(Rc::new(Playground::with_link(share.link, false)));
        assert_eq!(scenario_of(&opened), scenario_of(&p));
        assert_eq!(outcome_of(&opened), outcome_of(&p));
        assert!(opened.notice.is_none());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_damaged_link_says_why_and_opens_the_default_example() {
        let p = answered(Rc::new(Playground::with_link("#v1.not*base64".to_owned(), false)));
        let (ok, notice) = p.notice.clone().unwrap();
        assert!(!ok && notice.contains("damaged"), "{notice}");
        assert_eq!(p.example, Some(DEFAULT_EXAMPLE));
        assert!(p.outcome.is_some());
        let p = answered(Rc::new(Playground::with_link("v9.abc".to_owned(), false)));
        assert!(p.notice.clone().unwrap().1.contains("\"v9\" is not supported"), "{:?}", p.notice);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_share_request_does_not_drop_the_analysis_in_flight_and_an_edit_drops_the_link() {
        let p = example("private-no-secret");
        let text = p.texts.workload.replace("    image:", "    imagePullPolicy: Never\n    image:");
        let p = p.reduce(PlaygroundAction::Edit(Section::Workload, text));
        let p = p.reduce(PlaygroundAction::Analyze { force: false });
        let analysis = compute::handle((*p.outbox.clone().unwrap()).clone());
        let p = answered(p.reduce(PlaygroundAction::Share));
        assert!(p.share.is_some());
        let p = p.reduce(PlaygroundAction::Computed(Box::new(analysis)));
        assert_eq!(outcome_of(&p), ["ErrImageNeverPull"], "the analysis still lands");
        let p = p.reduce(PlaygroundAction::Edit(Section::Workload, "kind: Pod\n".to_owned()));
        assert!(p.share.is_none(), "a link of older texts is not offered");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_host_page_gets_a_summary_without_credentials() {
        let p = answered(Rc::new(Playground::open(None, true)));
        let summary: serde_json::Value = serde_json::from_str(p.host_result.as_ref().expect("a summary")).unwrap();
        assert_eq!(summary["type"], "pullsim:result");
        assert_eq!(summary["pods"][0]["containers"][0]["reason"], "ImagePullBackOff");
        let p = example("dockerhub-fallback");
        assert!(p.host_result.is_none(), "no summary unless a host may receive it");
        let sc = scenario_of(&p);
        let link = pullsim::share::encode(&sc, pullsim::share::ShareOptions { include_credentials: true });
        let p = answered(Rc::new(Playground::with_link(link, true)));
        let text = p.host_result.as_ref().unwrap().to_string();
        for secret in pullsim::share::secret_values(&sc) {
            assert!(!text.contains(secret.as_str()), "the host got {secret}");
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_host_hears_why_its_scenario_did_not_read() {
        let p = answered(Rc::new(Playground::open(None, true)));
        let p = answered(p.reduce(PlaygroundAction::Open("workload: [unclosed\n".to_owned())));
        let summary: serde_json::Value = serde_json::from_str(p.host_result.as_ref().unwrap()).unwrap();
        let first = summary["errors"][0]["message"].as_str().unwrap();
        assert!(first.starts_with("scenario: "), "{first}");
        assert_eq!(summary["title"], "A typo'd image backs off to the 300 s cap", "and which scenario is shown");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn presentation_keys_drive_the_clock() {
        let p = answered(Rc::new(Playground::new()));
        let speed = p.clock.speed;
        let p = p.reduce(PlaygroundAction::Faster(true));
        assert!(p.clock.speed > speed);
        let p = p.reduce(PlaygroundAction::Faster(false)).reduce(PlaygroundAction::Faster(false));
        assert!(p.clock.speed < speed);
        let p = p.reduce(PlaygroundAction::TogglePlay);
        assert!(p.clock.playing);
        let p = p.reduce(PlaygroundAction::TogglePlay);
        assert!(!p.clock.playing);
        for _ in 0..10 {
            let p = p.clone().reduce(PlaygroundAction::Faster(true));
            assert!(SPEEDS.contains(&p.clock.speed));
        }
    }
}
