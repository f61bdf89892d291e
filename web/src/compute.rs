//! The worker's side: reads the editors with the core, simulates, looks up each container's
//! credentials and turns the results into the page's view types ([`crate::wire`]). Only the
//! worker's binary (`src/worker.rs`) calls [`handle`], so none of this is in the page's wasm
//! (the component tests call it in place of the worker).
//!
//! Nothing here decides anything about Kubernetes: the scenario is read by the core, simulated by
//! the core, and every credential table comes from the core.

use std::collections::HashMap;

use pullsim::creds::secret::{generate_docker_registry_secret, GeneratedSecret};
use pullsim::creds::CredsLookup;
use pullsim::rules::Rule;
use pullsim::share::{self, ShareOptions};
use pullsim::sim::scenario::SecretSpec;
use pullsim::sim::{self, ContainerResult, Scenario, SimResult};
use pullsim::workload;
use serde_json::{json, Map, Value};

use crate::examples::{DEFAULT_EXAMPLE, EXAMPLES};
use crate::wire::*;
use crate::yaml_out::to_yaml;

/// The scenario's top-level keys a YAML section holds (empty for the raw-text editors).
pub fn keys(section: Section) -> &'static [&'static str] {
    match section {
        Section::Workload | Section::ConfigJson => &[],
        Section::Node => &["featureGates", "kubelet", "admission", "node", "duration", "resync", "pods"],
        Section::Registry => &["registry"],
        Section::Secrets => &["secrets", "providers"],
    }
}

/// Every editor's text for this scenario.
pub fn texts_of(sc: &Scenario) -> Texts {
    Texts {
        workload: sc.workload.clone(),
        node: section_text(sc, Section::Node),
        registry: section_text(sc, Section::Registry),
        secrets: section_text(sc, Section::Secrets),
        config_json: sc.node.config_json.clone().unwrap_or_default(),
    }
}

/// A YAML section's text: its keys of the scenario, empty lists and maps written out so that the
/// learner sees where things go.
pub fn section_text(sc: &Scenario, section: Section) -> String {
    let all = serde_json::to_value(sc).unwrap_or(Value::Null);
    let mut out = Map::new();
    for &key in keys(section) {
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

fn text_of(texts: &Texts, s: Section) -> &str {
    match s {
        Section::Workload => &texts.workload,
        Section::Node => &texts.node,
        Section::Registry => &texts.registry,
        Section::Secrets => &texts.secrets,
        Section::ConfigJson => &texts.config_json,
    }
}

/// Reads the editors into a scenario: each YAML section replaces its keys of `base` (title,
/// description and version come from `base`). Errors are per editor.
pub fn read_texts(texts: &Texts, base: &Scenario) -> Result<Scenario, Vec<(Section, EditorError)>> {
    let mut all = serde_json::to_value(base).unwrap_or(Value::Null);
    let Some(obj) = all.as_object_mut() else { unreachable!("a scenario serializes to a map") };
    let mut errors = Vec::new();
    for section in [Section::Node, Section::Registry, Section::Secrets] {
        let text = text_of(texts, section);
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
        for &key in keys(section) {
            obj.remove(key);
        }
        for (k, v) in map {
            if keys(section).contains(&k.as_str()) {
                obj.insert(k, v);
            } else {
                let holds = keys(section).join(", ");
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
            .find(|s| keys(*s).iter().any(|k| message.contains(&format!("`{k}`"))))
            .unwrap_or(Section::Node);
        vec![(section, at_top(message))]
    })
}

fn at_top(message: String) -> EditorError {
    EditorError { line: None, column: None, offset: None, message }
}

/// A gallery example as a scenario (an empty one if it does not read).
pub fn example(index: usize) -> Scenario {
    EXAMPLES.get(index).and_then(|e| Scenario::from_yaml(e.yaml).ok()).unwrap_or_else(|| Scenario::with_workload(""))
}

/// The title of every example, read by the core's scenario reader (once: every example or link
/// opened sends them).
pub fn titles() -> Vec<String> {
    static TITLES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TITLES
        .get_or_init(|| {
            EXAMPLES
                .iter()
                .map(|e| Scenario::from_yaml(e.yaml).map(|s| s.title).unwrap_or_else(|_| e.id.to_owned()))
                .collect()
        })
        .clone()
}

fn base_of(json: &str) -> Scenario {
    serde_json::from_str(json).unwrap_or_else(|_| Scenario::with_workload(""))
}

/// The scenario for the page, which sends `json` back as the base of its next request. Without
/// the workload: the manifest editor holds it, and it is the bulk of a large scenario (a 5 MB
/// paste would otherwise cross to the page and back at every analysis).
fn info(mut sc: Scenario) -> ScenarioInfo {
    sc.workload = String::new();
    ScenarioInfo {
        json: serde_json::to_string(&sc).unwrap_or_default(),
        title: sc.title.clone(),
        description: sc.description.clone(),
        kubernetes: sc.kubernetes.clone(),
    }
}

/// Answers one request.
pub fn handle(req: Request) -> Response {
    let mut out = Response {
        id: req.id,
        titles: None,
        example: None,
        texts: None,
        scenario: None,
        errors: Vec::new(),
        outcome: None,
        share: None,
        message: None,
        host: None,
    };
    let mut reused_info = None;
    let read = match req.job {
        Job::Example(i) => Ok(opened(&mut out, example(i), Some(i))),
        Job::Open(text) => match open(&text) {
            Ok(sc) => {
                let removed = share::removed_credentials(&sc);
                if removed > 0 {
                    out.message = Some((
                        true,
                        format!(
                            "This link came without its credentials: {removed} password(s), auth value(s) or \
                             token(s) show as {:?}, so pulls that need them are refused.",
                            share::REMOVED
                        ),
                    ));
                }
                Ok(opened(&mut out, sc, None))
            }
            Err(message) => {
                // The link stays in the address bar; the page opens on the default example.
                out.message = Some((false, message));
                Ok(opened(&mut out, example(DEFAULT_EXAMPLE), Some(DEFAULT_EXAMPLE)))
            }
        },
        Job::Analyze { texts, base, kubernetes } => {
            // Most analyses follow an edit of the manifest alone: the other editors, read last
            // time, read the same (and the page gets the same scenario back).
            let key = SectionsKey::of(&texts, &base, &kubernetes);
            match LAST_READ.with_borrow(|last| last.as_ref().filter(|l| l.key == key).map(|l| l.read.clone())) {
                Some((sc, info)) => {
                    reused_info = Some(info);
                    Ok(Scenario { workload: texts.workload, ..sc })
                }
                None => {
                    let mut base = base_of(&base);
                    if let Some(v) = kubernetes {
                        base.kubernetes = v;
                    }
                    let read = read_texts(&texts, &base);
                    if let Ok(sc) = &read {
                        let without = Scenario { workload: String::new(), ..sc.clone() };
                        let info = info(without.clone());
                        LAST_READ.with_borrow_mut(|last| *last = Some(LastRead { key, read: (without, info) }));
                    }
                    read
                }
            }
        }
        Job::AddSecret { texts, base, args } => read_texts(&texts, &base_of(&base)).map(|mut sc| {
            match generate_docker_registry_secret(&args) {
                Ok(g) => {
                    let secret = secret_spec(&g);
                    out.message = Some((
                        true,
                        format!(
                            "secret/{} created in namespace {} ({}); reference it from the pod's imagePullSecrets.",
                            secret.name, secret.namespace, secret.secret_type
                        ),
                    ));
                    sc.secrets.retain(|s| !(s.name == secret.name && s.namespace == secret.namespace));
                    sc.secrets.push(secret);
                    let mut texts = texts;
                    texts.secrets = section_text(&sc, Section::Secrets);
                    out.texts = Some(texts);
                }
                Err(message) => out.message = Some((false, format!("error: {message}"))),
            }
            sc
        }),
        Job::Share { texts, base, include_credentials } => {
            out.share = Some(match read_texts(&texts, &base_of(&base)) {
                Ok(sc) => share_view(&sc, include_credentials),
                Err(errors) => ShareView {
                    link: String::new(),
                    removed: 0,
                    error: Some(format!(
                        "{} editor error(s), shown beside the editors: fix them, then share again",
                        errors.len()
                    )),
                },
            });
            return out;
        }
    };
    match read {
        Ok(sc) => {
            // One load of the workload serves the simulation, the lookups and the errors.
            let loaded = workload::load(&sc.workload);
            out.outcome = Some(outcome_loaded(&sc, &loaded));
            out.errors = workload_errors(&loaded);
            if req.host {
                // A scenario the host sent that did not read: the host hears why (and which scenario
                // the page shows instead).
                let mut errors = out.errors.clone();
                if let Some((false, message)) = &out.message {
                    errors.insert(0, (Section::Workload, at_top(message.clone())));
                }
                out.host = out.outcome.as_ref().map(|o| host_summary(&sc, o, &errors));
            }
            out.scenario = Some(reused_info.unwrap_or_else(|| info(sc)));
        }
        Err(errors) => out.errors = errors,
    }
    out
}

/// The editors' sections but the workload, and the request's base and version: what
/// [`read_texts`] reads besides the workload.
#[derive(PartialEq)]
struct SectionsKey {
    base: String,
    node: String,
    registry: String,
    secrets: String,
    config_json: String,
    kubernetes: Option<String>,
}

impl SectionsKey {
    fn of(texts: &Texts, base: &str, kubernetes: &Option<String>) -> SectionsKey {
        SectionsKey {
            base: base.to_owned(),
            node: texts.node.clone(),
            registry: texts.registry.clone(),
            secrets: texts.secrets.clone(),
            config_json: texts.config_json.clone(),
            kubernetes: kubernetes.clone(),
        }
    }
}

/// The last sections that read, with the scenario they made (without its workload) and what the
/// page was sent for it.
struct LastRead {
    key: SectionsKey,
    read: (Scenario, ScenarioInfo),
}

thread_local! {
    static LAST_READ: std::cell::RefCell<Option<LastRead>> = const { std::cell::RefCell::new(None) };
}

/// Fills in what the page needs to show a scenario it did not type (an example, a link).
fn opened(out: &mut Response, sc: Scenario, example: Option<usize>) -> Scenario {
    out.titles = Some(titles());
    out.example = example;
    out.texts = Some(texts_of(&sc));
    sc
}

/// A share link (`v1.…`, `#` allowed) or a scenario's YAML.
fn open(text: &str) -> Result<Scenario, String> {
    let t = text.trim();
    let link = t.strip_prefix('#').unwrap_or(t);
    if link.starts_with('v')
        && link.split_once('.').is_some_and(|(v, _)| v.len() <= 16 && !v.contains(char::is_whitespace))
    {
        return share::decode(link).map_err(|e| e.to_string());
    }
    Scenario::from_yaml(text).map_err(|e| format!("scenario: {e}"))
}

/// The generated Secret as a scenario Secret (`data` as kubectl writes it, base64).
pub fn secret_spec(g: &GeneratedSecret) -> SecretSpec {
    let data = g.manifest.data.iter().map(|(k, v)| (k.clone(), pullsim::creds::base64::encode_std(&v.0))).collect();
    SecretSpec {
        name: g.manifest.name.clone(),
        namespace: if g.manifest.namespace.is_empty() { "default".to_owned() } else { g.manifest.namespace.clone() },
        secret_type: g.manifest.secret_type.clone(),
        dockerconfigjson: None,
        data,
    }
}

/// The link for `sc`, stripped unless `include_credentials`.
pub fn share_view(sc: &Scenario, include_credentials: bool) -> ShareView {
    let (link, removed) = if include_credentials {
        (share::encode(sc, ShareOptions { include_credentials }), 0)
    } else {
        // Stripped once: encoding the stripped scenario "with credentials" is the stripped link.
        let stripped = share::strip_credentials(sc);
        let removed = share::removed_credentials(&stripped).saturating_sub(share::removed_credentials(sc));
        (share::encode(&stripped, ShareOptions { include_credentials: true }), removed)
    };
    if link.len() > share::MAX_SHARE_LINK_BYTES {
        let error = format!(
            "the scenario is too large for a link ({} KiB; links hold at most {} KiB, MAX_SHARE_LINK_BYTES)",
            link.len() / 1024,
            share::MAX_SHARE_LINK_BYTES / 1024
        );
        return ShareView { link: String::new(), removed, error: Some(error) };
    }
    ShareView { link, removed, error: None }
}

/// The result for an embedding host page (README, "Embedding"), as JSON: built only from the
/// simulation's view, which never holds a credential (pulls name credentials masked, and those
/// are left out too).
pub fn host_summary(sc: &Scenario, o: &OutcomeView, errors: &[(Section, EditorError)]) -> String {
    let pods: Vec<Value> = o
        .pods
        .iter()
        .map(|p| {
            let containers: Vec<Value> = p
                .containers
                .iter()
                .map(|c| {
                    let last = c.states.last();
                    json!({
                        "name": c.name,
                        "image": c.image,
                        "pullPolicy": c.policy.policy,
                        "state": last.map(|s| s.state.as_str()),
                        "reason": last.map(|s| &*s.reason),
                        "pulls": c.pulls.len(),
                    })
                })
                .collect();
            let events: Vec<Value> = p
                .events
                .iter()
                .map(
                    |e| json!({"type": e.event_type, "reason": e.reason, "count": e.times.len(), "message": e.message}),
                )
                .collect();
            json!({"name": p.name, "namespace": p.namespace, "containers": containers, "events": events})
        })
        .collect();
    let errors: Vec<Value> =
        errors.iter().map(|(_, e)| json!({"line": e.line, "column": e.column, "message": e.message})).collect();
    json!({
        "type": "pullsim:result",
        "title": sc.title,
        "kubernetes": sc.kubernetes,
        "simulatedSeconds": o.end / 1000,
        "summary": o.summary,
        "pods": pods,
        "errors": errors,
    })
    .to_string()
}

/// The workload's load errors (YAML, objects kubectl would refuse), at their line and column.
pub fn workload_errors(loaded: &workload::LoadResult) -> Vec<(Section, EditorError)> {
    loaded
        .errors
        .iter()
        .map(|d| {
            let message =
                if d.document > 1 { format!("document {}: {}", d.document, d.message) } else { d.message.clone() };
            (
                Section::Workload,
                EditorError { line: Some(d.line), column: Some(d.column), offset: Some(d.offset), message },
            )
        })
        .collect()
}

/// Simulates `sc` and looks up each container's credentials (lookups shared by containers with
/// the same namespace, pull secrets and image).
pub fn outcome(sc: &Scenario) -> OutcomeView {
    outcome_loaded(sc, &workload::load(&sc.workload))
}

/// [`outcome`] of a workload already loaded (`loaded` is `workload::load(&sc.workload)`).
pub fn outcome_loaded(sc: &Scenario, loaded: &workload::LoadResult) -> OutcomeView {
    // What earlier simulations derived from images and credentials (pullsim::sim::SimMemo): kept
    // across analyses, put back below. The credential tables read the lookups the simulation made.
    let mut memo = SIM_MEMO.take();
    let result: SimResult = sim::simulate_loaded_with(sc, loaded, &mut memo);
    let mut memo_lookups = memo.credential_lookups(sc);
    let inputs = sim::pods_of(sc, &loaded.objects);
    let mut index: HashMap<(String, Vec<String>, String), usize> = HashMap::new();
    let mut lookups = Vec::new();
    let mut rules = RuleTable::default();
    let mut moments = vec![0, result.end];
    let mut summary = Vec::new();
    let mut pods = Vec::with_capacity(result.pods.len());
    for pod in &result.pods {
        let input = inputs.iter().find(|p| p.name == pod.name && p.namespace == pod.namespace);
        let mut containers = Vec::with_capacity(pod.containers.len());
        for c in &pod.containers {
            let lookup = input.map(|p| {
                let key = (p.namespace.clone(), p.image_pull_secrets.clone(), c.image.clone());
                *index.entry(key).or_insert_with(|| {
                    let lookup = memo_lookups.get(&p.namespace, &p.image_pull_secrets, &c.image);
                    lookups.push(creds_view(&lookup, &mut rules));
                    lookups.len() - 1
                })
            });
            moments.extend(c.states.iter().map(|s| s.at));
            moments.extend(c.pulls.iter().flat_map(|p| [p.started, p.finished]));
            moments.extend(c.backoff_windows.iter().flat_map(|&(a, b)| [a, b]));
            let last = c.states.last().map_or("not started", |s| &*s.reason);
            summary.push(format!("{}: {last}", c.name));
            containers.push(container_view(c, lookup, &mut rules));
        }
        for e in &pod.events {
            moments.extend(e.times.iter());
        }
        let events = pod
            .events
            .iter()
            .map(|e| EventView {
                times: e.times.to_vec(),
                event_type: e.event_type.to_owned(),
                reason: e.reason.clone(),
                from: e.from.to_owned(),
                message: e.message.clone(),
                container: e.container.clone(),
            })
            .collect();
        pods.push(PodView { name: pod.name.clone(), namespace: pod.namespace.clone(), events, containers });
    }
    moments.retain(|&t| t <= result.end);
    moments.sort_unstable();
    moments.dedup();
    let summary = if summary.is_empty() {
        "No container to run.".to_owned()
    } else {
        format!("Simulated {}. {}.", pullsim::gofmt::duration_ms(result.end), summary.join("; "))
    };
    SIM_MEMO.set(memo);
    OutcomeView {
        end: result.end,
        feature_gates: result.feature_gates,
        notes: result.notes,
        truncated: result.truncated,
        pods,
        lookups,
        rules: rules.list,
        moments,
        summary,
    }
}

thread_local! {
    static SIM_MEMO: std::cell::RefCell<sim::SimMemo> = std::cell::RefCell::new(sim::SimMemo::default());
}

/// The rules an answer names, each once, in the order first named.
#[derive(Default)]
struct RuleTable {
    ids: Vec<&'static str>,
    list: Vec<RuleView>,
}

impl RuleTable {
    /// `rule`'s index in the table (added when new). An answer names a dozen rules or so: a scan
    /// beats hashing every step's rule.
    fn of(&mut self, rule: Rule) -> usize {
        if let Some(i) = self.ids.iter().position(|&id| id == rule.id) {
            return i;
        }
        self.ids.push(rule.id);
        self.list.push(rule.into());
        self.list.len() - 1
    }
}

fn container_view(c: &ContainerResult, lookup: Option<usize>, rules: &mut RuleTable) -> ContainerView {
    ContainerView {
        name: c.name.clone(),
        kind: c.kind,
        image: c.image.clone(),
        image_position: c.image_position,
        policy: PolicyView {
            policy: c.policy.policy.clone(),
            defaulted: c.policy.defaulted,
            reason: c.policy.reason.clone(),
            rule: rules.of(c.policy.rule),
        },
        states: c
            .states
            .iter()
            .map(|s| StateView {
                at: s.at,
                state: s.state.to_owned(),
                reason: s.reason.to_string(),
                message: s.message.to_string(),
            })
            .collect(),
        decisions: c
            .decisions
            .iter()
            .map(|d| DecisionView {
                at: d.at,
                repeated_at: d.repeated_at.to_vec(),
                steps: d
                    .steps
                    .iter()
                    .map(|s| TraceStepView { rule: rules.of(*s.rule), inputs: s.inputs(), outcome: s.outcome() })
                    .collect(),
                outcome: d.outcome.to_string(),
            })
            .collect(),
        pulls: c
            .pulls
            .iter()
            .map(|p| PullView {
                requested: p.requested,
                started: p.started,
                finished: p.finished,
                ok: p.ok,
                credentials: p.credentials.clone(),
                error: p.error.as_deref().map(str::to_owned),
            })
            .collect(),
        backoff_windows: c.backoff_windows.clone(),
        lookup,
    }
}

fn creds_view(l: &CredsLookup, rules: &mut RuleTable) -> CredsView {
    CredsView {
        error: l.error.as_ref().map(ToString::to_string),
        repo: l.repo.clone(),
        keyrings: l
            .keyrings
            .iter()
            .map(|k| KeyringView {
                keyring: k.keyring.to_owned(),
                keys: k
                    .lookup
                    .keys
                    .iter()
                    .map(|check| KeyCheckView {
                        key: check.key.clone(),
                        written: check.written.iter().map(|(w, s)| (w.clone(), s.to_string())).collect(),
                        matched: check.explanation.matched,
                        reason: check.explanation.reason.clone(),
                        steps: check.explanation.steps.iter().map(|s| (s.passed, s.text.clone())).collect(),
                    })
                    .collect(),
            })
            .collect(),
        try_order: l
            .try_order
            .iter()
            .map(|a| AttemptView {
                credential: a.matched.tracked.credential.to_string(),
                source: a.matched.tracked.source.to_string(),
                key: a.matched.key.clone(),
                via_fallback: a.matched.via_fallback,
            })
            .collect(),
        anonymous: l.anonymous,
        steps: l.steps.iter().map(|s| StepView { rule: rules.of(s.rule), text: s.text.clone() }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn analyze(texts: &Texts, base: &str) -> Response {
        handle(Request {
            id: 1,
            job: Job::Analyze { texts: texts.clone(), base: base.to_owned(), kubernetes: None },
            host: false,
        })
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn an_analysis_that_reuses_the_last_sections_answers_as_a_fresh_one() {
        let mut node_edits = 0;
        for i in 0..EXAMPLES.len() {
            let sc = example(i);
            let base = info(sc.clone()).json;
            let texts = texts_of(&sc);
            LAST_READ.with_borrow_mut(|l| *l = None);
            let fresh = analyze(&texts, &base);
            let reused = analyze(&texts, &base);
            assert!(LAST_READ.with_borrow(Option::is_some), "{i}: the sections were kept");
            assert_eq!(reused, fresh, "{i}");
            // An edit of another section is read again.
            let mut edited = texts.clone();
            edited.node = edited.node.replace("images: []", "images: [{name: \"x.example.com/a:1\"}]");
            edited.node.push_str("\n# edited\n");
            let after = analyze(&edited, &base);
            if edited.node.contains("x.example.com") {
                assert_ne!(after.scenario, fresh.scenario, "{i}: the new node image is read");
                node_edits += 1;
            }
            LAST_READ.with_borrow_mut(|l| *l = None);
            assert_eq!(after, analyze(&edited, &base), "{i}: an edited section is read again");
        }
        assert!(node_edits > 0, "some example has a node without images to edit");
    }

    /// `o` with each step's rule written into its text and the index zeroed: what the page shows
    /// must not depend on how an answer numbers its rules.
    fn resolved(mut o: OutcomeView) -> OutcomeView {
        let rules = std::mem::take(&mut o.rules);
        let name = |i: &mut usize, text: &mut String| {
            *text = format!("{} {text}", rules[*i].id);
            *i = 0;
        };
        for s in o.lookups.iter_mut().flat_map(|l| l.steps.iter_mut()) {
            name(&mut s.rule, &mut s.text);
        }
        for c in o.pods.iter_mut().flat_map(|p| p.containers.iter_mut()) {
            name(&mut c.policy.rule, &mut c.policy.reason);
            for s in c.decisions.iter_mut().flat_map(|d| d.steps.iter_mut()) {
                name(&mut s.rule, &mut s.outcome);
            }
        }
        o
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn lookups_kept_from_earlier_answers_answer_as_a_fresh_worker() {
        let n = EXAMPLES.len();
        let answer = |i: usize| {
            let sc = example(i);
            analyze(&texts_of(&sc), &info(sc.clone()).json).outcome.unwrap()
        };
        for (i, e) in EXAMPLES.iter().enumerate() {
            SIM_MEMO.take();
            LAST_READ.with_borrow_mut(|l| *l = None);
            let fresh = resolved(answer(i));
            // Another example first: its lookups stay in the memo when the credentials are the same.
            answer((i + 1) % n);
            assert_eq!(resolved(answer(i)), fresh, "{}", e.id);
        }
    }
}
