//! The playground's state: the whole experiment as one [`Scenario`], the text of every editor, the
//! last simulation and the virtual clock, in one reducer. Everything a later share link or embed
//! needs is here and serializable (the scenario); the editors' texts are views of it.
//!
//! Nothing here decides anything about Kubernetes: the scenario is read by the core, simulated by
//! the core, and every credential table and anatomy comes from the core.

use std::collections::HashMap;
use std::rc::Rc;

use pullsim::backoff::Millis;
use pullsim::creds::CredsLookup;
use pullsim::reference::analyze;
use pullsim::sim::scenario::SecretSpec;
use pullsim::sim::{self, Scenario, SimResult};
use pullsim::workload;
use serde_json::{Map, Value};
use yew::prelude::*;

use crate::examples::{DEFAULT_EXAMPLE, EXAMPLES};
use crate::state::Analysis;
use crate::yaml_out::to_yaml;

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

impl Section {
    /// The scenario's top-level keys a YAML section holds (empty for the raw-text editors).
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Section::Workload | Section::ConfigJson => &[],
            Section::Node => &["featureGates", "kubelet", "admission", "node", "duration", "resync", "pods"],
            Section::Registry => &["registry"],
            Section::Secrets => &["secrets", "providers"],
        }
    }

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

/// The text of every editor.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Texts {
    pub workload: String,
    pub node: String,
    pub registry: String,
    pub secrets: String,
    pub config_json: String,
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

    /// Every editor's text for this scenario.
    pub fn of(sc: &Scenario) -> Texts {
        Texts {
            workload: sc.workload.clone(),
            node: section_text(sc, Section::Node),
            registry: section_text(sc, Section::Registry),
            secrets: section_text(sc, Section::Secrets),
            config_json: sc.node.config_json.clone().unwrap_or_default(),
        }
    }
}

/// A YAML section's text: its keys of the scenario, empty lists and maps written out so that the
/// learner sees where things go.
pub fn section_text(sc: &Scenario, section: Section) -> String {
    let all = serde_json::to_value(sc).unwrap_or(Value::Null);
    let mut out = Map::new();
    for &key in section.keys() {
        let mut v = all.get(key).cloned().unwrap_or_else(|| match key {
            "featureGates" => Value::Object(Map::new()),
            _ => Value::Array(Vec::new()),
        });
        if key == "node" {
            if let Some(node) = v.as_object_mut() {
                node.remove("configJson");
            }
        }
        out.insert(key.to_owned(), v);
    }
    to_yaml(&Value::Object(out))
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

/// Reads the editors into a scenario: each YAML section replaces its keys of `base` (title,
/// description and version come from `base`). Errors are per editor.
pub fn read_texts(texts: &Texts, base: &Scenario) -> Result<Scenario, Vec<(Section, EditorError)>> {
    let mut all = serde_json::to_value(base).unwrap_or(Value::Null);
    let Some(obj) = all.as_object_mut() else { unreachable!("a scenario serializes to a map") };
    let mut errors = Vec::new();
    for section in [Section::Node, Section::Registry, Section::Secrets] {
        let text = texts.get(section);
        let value = match pullsim::yaml::to_json(text).into_iter().next() {
            None | Some(Ok(Value::Null)) => Value::Object(Map::new()),
            Some(Ok(v)) => v,
            Some(Err(e)) => {
                errors.push((
                    section,
                    EditorError {
                        line: Some(e.line),
                        column: Some(e.column),
                        offset: Some(e.offset),
                        message: e.message,
                    },
                ));
                continue;
            }
        };
        let Value::Object(map) = value else {
            errors.push((section, at_top("this editor holds a mapping (key: value lines)".to_owned())));
            continue;
        };
        for &key in section.keys() {
            obj.remove(key);
        }
        for (k, v) in map {
            if section.keys().contains(&k.as_str()) {
                obj.insert(k, v);
            } else {
                let holds = section.keys().join(", ");
                errors.push((section, at_top(format!("`{k}` does not belong in this editor (it holds {holds})"))));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    obj.insert("workload".to_owned(), Value::String(texts.workload.clone()));
    if let Some(node) = obj.get_mut("node").and_then(Value::as_object_mut) {
        node.remove("configJson");
        if !texts.config_json.trim().is_empty() {
            node.insert("configJson".to_owned(), Value::String(texts.config_json.clone()));
        }
    }
    serde_json::from_value::<Scenario>(all).map_err(|e| {
        let message = format!("scenario: {e}");
        // Name the editor that holds the field serde complains about, when it says.
        let section = [Section::Registry, Section::Secrets, Section::Node]
            .into_iter()
            .find(|s| s.keys().iter().any(|k| message.contains(&format!("`{k}`"))))
            .unwrap_or(Section::Node);
        vec![(section, at_top(message))]
    })
}

fn at_top(message: String) -> EditorError {
    EditorError { line: None, column: None, offset: None, message }
}

/// What the page shows for one container besides the simulation: its image's anatomy and the
/// kubelet's credential lookup for it.
#[derive(Debug)]
pub struct ContainerExtra {
    pub anatomy: Analysis,
    pub lookup: Option<Rc<CredsLookup>>,
}

/// One analysis of a scenario.
#[derive(Debug)]
pub struct Outcome {
    pub scenario: Scenario,
    pub result: SimResult,
    /// Per pod, per container (same order as `result`).
    pub extras: Vec<Vec<ContainerExtra>>,
    /// Every moment something happens, ascending (for the clock's step buttons).
    pub moments: Vec<Millis>,
    /// One sentence per container for the live region.
    pub summary: String,
}

impl Outcome {
    /// Simulates `sc` and looks up each container's anatomy and credentials (lookups shared by
    /// containers with the same namespace, pull secrets and image).
    pub fn compute(sc: &Scenario) -> Outcome {
        let result = sim::simulate(sc);
        let loaded = workload::load(&sc.workload);
        let inputs = sim::pods_of(sc, &loaded.objects);
        let mut cache: HashMap<(String, Vec<String>, String), Rc<CredsLookup>> = HashMap::new();
        let mut extras = Vec::with_capacity(result.pods.len());
        let mut moments = vec![0, result.end];
        let mut summary = Vec::new();
        for pod in &result.pods {
            let input = inputs.iter().find(|p| p.name == pod.name && p.namespace == pod.namespace);
            let mut row = Vec::with_capacity(pod.containers.len());
            for c in &pod.containers {
                let lookup = input.map(|p| {
                    let key = (p.namespace.clone(), p.image_pull_secrets.clone(), c.image.clone());
                    Rc::clone(cache.entry(key).or_insert_with(|| {
                        Rc::new(sim::credential_lookup(sc, &p.namespace, &p.image_pull_secrets, &c.image))
                    }))
                });
                row.push(ContainerExtra { anatomy: Analysis(Rc::new(analyze(&c.image))), lookup });
                moments.extend(c.states.iter().map(|s| s.at));
                moments.extend(c.pulls.iter().flat_map(|p| [p.started, p.finished]));
                moments.extend(c.backoff_windows.iter().flat_map(|&(a, b)| [a, b]));
                let last = c.states.last().map_or("not started", |s| s.reason.as_str());
                summary.push(format!("{}: {last}", c.name));
            }
            for e in &pod.events {
                moments.extend(&e.times);
            }
            extras.push(row);
        }
        moments.retain(|&t| t <= result.end);
        moments.sort_unstable();
        moments.dedup();
        let summary = if summary.is_empty() {
            "No container to run.".to_owned()
        } else {
            format!("Simulated {}. {}.", pullsim::gofmt::duration_ms(result.end), summary.join("; "))
        };
        Outcome { scenario: sc.clone(), result, extras, moments, summary }
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
    /// The last scenario that read without errors.
    pub scenario: Shared<Scenario>,
    pub errors: Vec<(Section, EditorError)>,
    pub outcome: Option<Shared<Outcome>>,
    /// Why live analysis is paused, when it is.
    pub paused: Option<String>,
    pub clock: Clock,
    pub reveal: Option<Reveal>,
}

impl Playground {
    /// The page as it opens: the default example, analysed.
    pub fn new() -> Playground {
        Playground::with_example(DEFAULT_EXAMPLE)
    }

    pub fn with_example(index: usize) -> Playground {
        let sc = Scenario::from_yaml(EXAMPLES[index].yaml).unwrap_or_else(|_| Scenario::with_workload(""));
        let mut p = Playground::from_scenario(sc);
        p.example = Some(index);
        p
    }

    /// A playground over any scenario (the seam for share links and embeds).
    pub fn from_scenario(sc: Scenario) -> Playground {
        let outcome = Outcome::compute(&sc);
        let t = outcome.result.end;
        Playground {
            texts: Texts::of(&sc),
            generation: 0,
            revision: 0,
            example: None,
            scenario: Shared(Rc::new(sc)),
            errors: workload_errors(&outcome),
            outcome: Some(Shared(Rc::new(outcome))),
            paused: None,
            clock: Clock { t, playing: false, speed: 10 },
            reveal: None,
        }
    }

    /// Errors for one editor.
    pub fn errors_of(&self, section: Section) -> Vec<EditorError> {
        self.errors.iter().filter(|(s, _)| *s == section).map(|(_, e)| e.clone()).collect()
    }

    fn end(&self) -> Millis {
        self.outcome.as_ref().map_or(0, |o| o.result.end)
    }

    /// Re-reads the editors and re-simulates (keeping the texts exactly as typed).
    fn analyzed(mut self, force: bool) -> Playground {
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
        match read_texts(&self.texts, &self.scenario) {
            Ok(sc) => {
                let outcome = Outcome::compute(&sc);
                self.errors = workload_errors(&outcome);
                self.clock.t = self.clock.t.min(outcome.result.end);
                self.scenario = Shared(Rc::new(sc));
                self.outcome = Some(Shared(Rc::new(outcome)));
            }
            Err(errors) => {
                let keep = self.outcome.as_ref().map(|o| workload_errors(o)).unwrap_or_default();
                self.errors = errors;
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

/// The workload's load errors (YAML, objects kubectl would refuse), at their line and column.
fn workload_errors(o: &Outcome) -> Vec<(Section, EditorError)> {
    let loaded = workload::load(&o.scenario.workload);
    loaded
        .errors
        .into_iter()
        .map(|d| {
            let message = if d.document > 1 { format!("document {}: {}", d.document, d.message) } else { d.message };
            (
                Section::Workload,
                EditorError { line: Some(d.line), column: Some(d.column), offset: Some(d.offset), message },
            )
        })
        .collect()
}

pub enum PlaygroundAction {
    LoadExample(usize),
    /// The user edited an editor: keep the text; analysis waits for the debounce.
    Edit(Section, String),
    /// The debounce settled (`force`: also above [`LIVE_LIMIT`]).
    Analyze {
        force: bool,
    },
    SetVersion(String),
    /// Add (or replace, by namespace and name) a Secret, e.g. from the docker-registry form.
    AddSecret(SecretSpec),
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
            A::LoadExample(i) if i < EXAMPLES.len() => {
                let mut p = Playground::with_example(i);
                p.generation = self.generation + 1;
                p.clock.speed = self.clock.speed;
                return Rc::new(p);
            }
            A::LoadExample(_) => return self,
            A::Edit(section, text) => {
                if self.texts.get(section) == text {
                    return self;
                }
                *next.texts.get_mut(section) = text;
                next.revision += 1;
            }
            A::Analyze { force } => next = next.analyzed(force),
            A::SetVersion(v) => {
                let mut sc = (*self.scenario).clone();
                sc.kubernetes = v;
                next.scenario = Shared(Rc::new(sc));
                next = next.analyzed(true);
            }
            A::AddSecret(secret) => match read_texts(&self.texts, &self.scenario) {
                Ok(mut sc) => {
                    sc.secrets.retain(|s| !(s.name == secret.name && s.namespace == secret.namespace));
                    sc.secrets.push(secret);
                    next.texts.secrets = section_text(&sc, Section::Secrets);
                    next.generation += 1;
                    next.scenario = Shared(Rc::new(sc));
                    next = next.analyzed(true);
                }
                Err(errors) => next.errors = errors,
            },
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
                    o.moments.iter().copied().find(|&m| m > t)
                } else {
                    o.moments.iter().rev().copied().find(|&m| m < t)
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
    use wasm_bindgen_test::wasm_bindgen_test;

    fn outcome_of(p: &Playground) -> Vec<String> {
        let o = p.outcome.as_ref().unwrap();
        o.result.pods.iter().flat_map(|p| &p.containers).map(|c| c.states.last().unwrap().reason.clone()).collect()
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn every_example_round_trips_through_the_editors() {
        for (i, e) in EXAMPLES.iter().enumerate() {
            let p = Playground::with_example(i);
            let read = read_texts(&p.texts, &p.scenario).unwrap_or_else(|err| panic!("{}: {err:?}", e.id));
            assert_eq!(read, *p.scenario, "{}", e.id);
            assert!(p.errors.is_empty(), "{}: {:?}", e.id, p.errors);
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn editing_the_manifest_changes_the_outcome_after_analysis() {
        let p = Rc::new(Playground::with_example(crate::examples::index_of("private-no-secret").unwrap()));
        assert_eq!(outcome_of(&p), ["ImagePullBackOff"]);
        let text = p.texts.workload.replace("    image:", "    imagePullPolicy: Never\n    image:");
        let edited = p.clone().reduce(PlaygroundAction::Edit(Section::Workload, text.clone()));
        assert_eq!(edited.texts.workload, text, "the text is kept as typed");
        assert_eq!(outcome_of(&edited), ["ImagePullBackOff"], "nothing re-runs before the debounce");
        assert_ne!(edited.texts.workload, p.texts.workload);
        let analysed = edited.reduce(PlaygroundAction::Analyze { force: false });
        assert_eq!(outcome_of(&analysed), ["ErrImageNeverPull"]);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_yaml_error_names_its_line_and_keeps_the_last_result() {
        let p = Rc::new(Playground::new());
        let before = outcome_of(&p);
        let p = p.reduce(PlaygroundAction::Edit(Section::Registry, "registry:\n  repositories: [\n".to_owned()));
        let p = p.reduce(PlaygroundAction::Analyze { force: false });
        let errors = p.errors_of(Section::Registry);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].line.is_some(), "{errors:?}");
        assert_eq!(p.texts.registry, "registry:\n  repositories: [\n");
        assert_eq!(outcome_of(&p), before);

        let p = p.reduce(PlaygroundAction::Edit(Section::Registry, "workload: x\n".to_owned()));
        let p = p.reduce(PlaygroundAction::Analyze { force: false });
        assert!(p.errors_of(Section::Registry)[0].message.contains("`workload` does not belong"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn workload_errors_carry_line_and_column() {
        let p = Rc::new(Playground::new());
        let p = p.reduce(PlaygroundAction::Edit(Section::Workload, "kind: Pod\nspec: [\n".to_owned()));
        let p = p.reduce(PlaygroundAction::Analyze { force: false });
        let errors = p.errors_of(Section::Workload);
        assert!(!errors.is_empty());
        assert!(errors[0].line.is_some() && errors[0].column.is_some(), "{errors:?}");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_huge_paste_pauses_live_analysis_but_keeps_the_text() {
        let p = Rc::new(Playground::new());
        let big = "# filler\n".repeat(LIVE_LIMIT / 9 + 10);
        let p = p.reduce(PlaygroundAction::Edit(Section::Workload, big.clone()));
        let p = p.reduce(PlaygroundAction::Analyze { force: false });
        assert!(p.paused.is_some());
        assert_eq!(p.texts.workload.len(), big.len());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn the_clock_plays_steps_and_stops_at_the_end() {
        let p = Rc::new(Playground::new());
        let end = p.outcome.as_ref().unwrap().result.end;
        assert_eq!(p.clock.t, end, "opens on the whole story");
        let p = p.reduce(PlaygroundAction::Play);
        assert_eq!(p.clock.t, 0, "playing from the end starts over");
        let p = p.reduce(PlaygroundAction::Tick(100));
        assert_eq!(p.clock.t, 100 * u64::from(p.clock.speed));
        let p = p.reduce(PlaygroundAction::Step { forward: true });
        assert!(!p.clock.playing);
        let moments = &p.outcome.as_ref().unwrap().moments;
        assert!(moments.contains(&p.clock.t));
        let p = p.reduce(PlaygroundAction::SetTime(u64::MAX));
        assert_eq!(p.clock.t, end);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_generated_secret_is_added_to_the_secrets_editor() {
        let i = crate::examples::index_of("private-no-secret").unwrap();
        let p = Rc::new(Playground::with_example(i));
        assert_eq!(outcome_of(&p), ["ImagePullBackOff"]);
        let g = pullsim::creds::secret::generate_docker_registry_secret(
            &pullsim::creds::secret::DockerRegistrySecretArgs {
                name: "regcred".into(),
                namespace: "shop".into(),
                server: "registry.example.com:5000".into(),
                username: "shop-ci".into(),
                password: "s3cret-token".into(),
                email: String::new(),
            },
        )
        .unwrap();
        let spec = crate::components::secret_form::secret_spec(&g);
        let p = p.reduce(PlaygroundAction::AddSecret(spec));
        assert!(p.texts.secrets.contains("regcred"));
        assert!(!p.texts.secrets.contains("s3cret-token"), "the form's password is not shown in clear");
        assert_eq!(p.scenario.secrets.len(), 1);
    }
}
