//! The simulator against the repository's example scenarios (what each one teaches must hold)
//! and its invariants. Runs natively and under wasm-bindgen-test; properties natively.

use pullsim::sim::{simulate, PodResult, Scenario, SimResult};
use wasm_bindgen_test::wasm_bindgen_test;

macro_rules! example {
    ($name:literal) => {
        include_str!(concat!("../../../examples/scenarios/", $name, ".yaml"))
    };
}

fn run(text: &str) -> SimResult {
    let sc = Scenario::from_yaml(text).unwrap_or_else(|e| panic!("scenario: {e}"));
    simulate(&sc)
}

fn pod<'a>(r: &'a SimResult, name: &str) -> &'a PodResult {
    r.pods.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no pod {name}"))
}

/// The reasons of a pod's events in order.
fn reasons(p: &PodResult) -> Vec<String> {
    p.events.iter().map(|e| format!("{}:{}", e.reason, e.message.split(':').next().unwrap_or(""))).collect()
}

fn final_state(p: &PodResult, container: &str) -> String {
    let c = p.containers.iter().find(|c| c.name == container).unwrap_or_else(|| panic!("no container {container}"));
    c.states.last().map(|s| s.reason.to_string()).unwrap_or_default()
}

fn attempts(p: &PodResult, container: &str) -> Vec<u64> {
    let c = p.containers.iter().find(|c| c.name == container).expect("container");
    c.pulls.iter().map(|x| x.started / 1000).collect()
}

#[wasm_bindgen_test(unsupported = test)]
fn nginx_without_a_tag_is_always_pulled_even_when_cached() {
    let r = run(example!("nginx-no-tag"));
    let p = pod(&r, "web");
    assert_eq!(p.containers[0].policy.policy, "Always");
    assert!(p.events.iter().any(|e| e.reason == "Pulling" && e.message == "Pulling image \"nginx\""));
    // The digest is already there: only the manifest is fetched.
    assert!(p.events.iter().any(|e| e.message.starts_with(
        "Successfully pulled image \"nginx\" in 300ms (300ms including waiting). Image size: 72000000 bytes."
    )));
    assert_eq!(final_state(p, "web"), "Running");
}

#[wasm_bindgen_test(unsupported = test)]
fn pinned_tag_on_a_warm_node_is_not_pulled() {
    let r = run(example!("pinned-tag-warm-node"));
    let p = &r.pods[0];
    assert!(p.name.starts_with("web-"), "a Deployment's pod: {}", p.name);
    assert!(p.events.iter().any(|e| e.message == "Container image \"nginx:1.25.3\" already present on machine"));
    assert!(p.events.iter().all(|e| e.reason != "Pulling"));
}

#[wasm_bindgen_test(unsupported = test)]
fn digest_pin_and_latest_with_digest() {
    let r = run(example!("digest-pin"));
    assert_eq!(r.pods[0].containers[0].policy.policy, "IfNotPresent");
    assert_eq!(final_state(&r.pods[0], "api"), "Running");
    let r = run(example!("latest-with-digest"));
    let c = &r.pods[0].containers[0];
    assert_eq!(c.policy.policy, "Always");
    assert_eq!(c.pulls.len(), 1, "Always pulls even though the digest is on the node");
}

#[wasm_bindgen_test(unsupported = test)]
fn never_with_a_missing_image() {
    let r = run(example!("never-missing"));
    let p = &r.pods[0];
    assert_eq!(final_state(p, "tool"), "ErrImageNeverPull");
    assert!(p.containers[0].pulls.is_empty());
    assert!(p.describe.iter().any(|d| d.reason == "ErrImageNeverPull"
        && d.message
            == "Container image \"registry.example.com/tools/debug:1.0\" is not present with pull policy of Never"
        && d.count > 1));
}

#[wasm_bindgen_test(unsupported = test)]
fn typo_backs_off_to_the_cap() {
    let r = run(example!("typo-backoff"));
    let p = &r.pods[0];
    assert_eq!(attempts(p, "web"), [0, 10, 30, 70, 150, 310, 610]);
    let windows: Vec<u64> = p.containers[0].backoff_windows.iter().map(|(a, b)| (b - a) / 1000).collect();
    assert_eq!(windows, [10, 20, 40, 80, 160, 300, 300]);
    let statuses: Vec<&str> = p.status_lines.iter().map(|l| &*l.status).collect();
    assert_eq!(&statuses[..4], ["ContainerCreating", "ErrImagePull", "ImagePullBackOff", "ErrImagePull"]);
    // kubectl describe aggregates repeats.
    let pulling = p.describe.iter().find(|d| d.reason == "Pulling").expect("Pulling row");
    assert_eq!(pulling.count, 7);
    assert_eq!(pulling.age, "4m50s (x7 over 15m)");
    // The BackOff event is bare; since 1.32 the waiting message carries the previous error.
    assert!(p.describe.iter().any(|d| d.reason == "BackOff" && d.message == "Back-off pulling image \"ngnix:1.25\""));
    let waiting = p.containers[0].states.iter().find(|s| &*s.reason == "ImagePullBackOff").expect("back-off state");
    assert!(
        waiting.message.starts_with("Back-off pulling image \"ngnix:1.25\": ErrImagePull: rpc error"),
        "{}",
        waiting.message
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn backoff_message_has_no_error_before_1_32() {
    let text = example!("typo-backoff").replace("kubernetes: \"1.35\"", "kubernetes: \"1.31\"");
    let r = run(&text);
    let waiting =
        r.pods[0].containers[0].states.iter().find(|s| &*s.reason == "ImagePullBackOff").expect("back-off state");
    assert_eq!(&*waiting.message, "Back-off pulling image \"ngnix:1.25\"");
}

#[wasm_bindgen_test(unsupported = test)]
fn private_registry_without_a_secret() {
    let r = run(example!("private-no-secret"));
    let p = &r.pods[0];
    assert_eq!(p.namespace, "shop");
    assert!(p.events.iter().any(|e| e.reason == "Failed" && e.message.contains("pull access denied")));
    assert!(matches!(final_state(p, "billing").as_str(), "ErrImagePull" | "ImagePullBackOff"));
}

#[wasm_bindgen_test(unsupported = test)]
fn credentials_are_tried_in_reverse_lexicographic_order() {
    let r = run(example!("glob-port-path-creds"));
    let c = &r.pods[0].containers[0];
    let pull = &c.pulls[0];
    assert!(pull.ok);
    assert_eq!(pull.credentials.len(), 2, "{:?}", pull.credentials);
    assert!(pull.credentials[0].contains("team-robot"));
    assert!(pull.credentials[1].contains("glob-robot"));
}

#[wasm_bindgen_test(unsupported = test)]
fn docker_hub_fallback_key() {
    let r = run(example!("dockerhub-fallback"));
    let pull = &r.pods[0].containers[0].pulls[0];
    assert!(pull.ok);
    assert!(pull.credentials[0].contains("index.docker.io") && pull.credentials[0].contains("acme-bot"), "{pull:?}");
}

#[wasm_bindgen_test(unsupported = test)]
fn outage_hits_always_but_not_if_not_present() {
    let r = run(example!("outage-always-vs-ifnotpresent"));
    let p = &r.pods[0];
    let cached = p.containers.iter().find(|c| c.name == "cached").expect("cached");
    assert_eq!(&*cached.states[1].reason, "Running");
    assert_eq!(cached.states[1].at, 0);
    let always = p.containers.iter().find(|c| c.name == "always").expect("always");
    assert!(always.pulls.iter().filter(|x| !x.ok).count() >= 4);
    assert_eq!(final_state(p, "always"), "Running", "recovers once the registry is back");
    assert!(always.pulls.last().is_some_and(|x| x.ok && x.started >= 300_000));
}

#[wasm_bindgen_test(unsupported = test)]
fn ensure_secret_pulled_images_off_in_1_33_on_in_1_35() {
    let r = run(example!("ensure-secret-pulled-images-1.33"));
    assert_eq!(final_state(pod(&r, "intruder"), "build"), "Running");
    assert!(pod(&r, "intruder").containers[0].pulls.is_empty());
    let r = run(example!("ensure-secret-pulled-images-1.35"));
    let intruder = pod(&r, "intruder");
    assert!(!intruder.containers[0].pulls.is_empty(), "must pull to prove access");
    assert!(matches!(final_state(intruder, "build").as_str(), "ErrImagePull" | "ImagePullBackOff"));
    // The builder itself still runs.
    assert_eq!(final_state(pod(&r, "builder"), "build"), "Running");
}

#[wasm_bindgen_test(unsupported = test)]
fn always_pull_images_forces_a_pull_with_the_tenants_own_credentials() {
    let r = run(example!("always-pull-images-multitenant"));
    let c = &r.pods[0].containers[0];
    assert_eq!(c.policy.policy, "Always");
    assert!(c.policy.defaulted);
    assert!(c.pulls.iter().all(|p| !p.ok));
}

#[wasm_bindgen_test(unsupported = test)]
fn uppercase_name_is_invalid_image_name() {
    let r = run(example!("uppercase-invalid"));
    let p = &r.pods[0];
    assert_eq!(final_state(p, "app"), "InvalidImageName");
    assert!(p.containers[0].pulls.is_empty());
    let first = reasons(p);
    assert_eq!(first[1], "InspectFailed:Failed to apply default image tag \"MyApp");
    assert!(p.events.iter().any(|e| e.message
        == "Failed to apply default image tag \"MyApp:1.0\": couldn't parse image name \"MyApp:1.0\": invalid reference format: repository name (library/MyApp) must be lowercase"));
}

#[wasm_bindgen_test(unsupported = test)]
fn simulation_is_deterministic() {
    for text in [
        example!("typo-backoff"),
        example!("ensure-secret-pulled-images-1.35"),
        example!("outage-always-vs-ifnotpresent"),
    ] {
        assert_eq!(run(text), run(text));
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn results_point_at_the_image_in_the_workload_text() {
    let text = example!("typo-backoff");
    let sc = Scenario::from_yaml(text).expect("scenario");
    let r = simulate(&sc);
    let pos = r.pods[0].containers[0].image_position.expect("position");
    assert_eq!(&sc.workload[pos.start..pos.end], "ngnix:1.25");
    assert_eq!(pos.line, 8);
}

/// KEP-2535 records merge credentials: after pods with secrets `a` and `b` both pulled the image,
/// a pod with `a` may use the cached copy, a pod with neither must pull.
#[wasm_bindgen_test(unsupported = test)]
fn pulled_records_accumulate_secrets() {
    let manifest = |name: &str, secret: Option<&str>| {
        let secrets = secret.map(|s| format!("    imagePullSecrets: [{{name: {s}}}]\n")).unwrap_or_default();
        format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, namespace: t}}\nspec:\n{secrets}    containers:\n    - {{name: c, image: reg.example.com/app:1}}\n")
    };
    let workload: Vec<String> = [("pa", Some("a")), ("pb", Some("b")), ("pa2", Some("a")), ("none", None)]
        .iter()
        .map(|(n, s)| manifest(n, *s).lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n"))
        .collect();
    let text = format!(
        r#"kubernetes: "1.35"
secrets:
- {{name: a, namespace: t, dockerconfigjson: '{{"auths": {{"reg.example.com": {{"username": "ua", "password": "pa"}}}}}}'}}
- {{name: b, namespace: t, dockerconfigjson: '{{"auths": {{"reg.example.com": {{"username": "ub", "password": "pb"}}}}}}'}}
registry:
  repositories:
    reg.example.com/app:
      private: true
      credentials: [{{username: ua, password: pa}}, {{username: ub, password: pb}}]
pods: [{{name: pb, at: 10}}, {{name: pa2, at: 20}}, {{name: none, at: 30}}]
duration: 60
workload: |
{}
"#,
        workload.join("\n  ---\n")
    );
    let r = run(&text);
    let pulls = |n: &str| pod(&r, n).containers[0].pulls.len();
    assert_eq!(pulls("pa"), 1);
    assert_eq!(pulls("pb"), 1, "another secret must pull to prove access");
    assert_eq!(pulls("pa2"), 0, "secret a is still on the record after b pulled");
    assert!(pulls("none") >= 1, "no secret: must pull (and fails)");
    assert_eq!(final_state(pod(&r, "pa2"), "c"), "Running");
}

/// `getPullSecretsForPod` warns on every sync about missing pull secrets, even when no image is
/// pulled (the image is already on the node here).
#[wasm_bindgen_test(unsupported = test)]
fn missing_pull_secret_warns_at_every_sync() {
    let text = r#"kubernetes: "1.32"
node:
  images: [{name: "registry.example.com/app:1"}]
duration: 30
workload: |
  apiVersion: v1
  kind: Pod
  metadata: {name: p}
  spec:
    imagePullSecrets: [{name: gone}, {name: ""}]
    containers:
    - {name: c, image: "registry.example.com/app:1", imagePullPolicy: Never}
    - {name: d, image: "registry.example.com/other:1", imagePullPolicy: Never}
"#;
    let r = run(text);
    let p = &r.pods[0];
    let warn = p.describe.iter().find(|d| d.reason == "FailedToRetrieveImagePullSecret").expect("warning");
    assert_eq!(
        warn.message,
        "Unable to retrieve some image pull secrets (gone); attempting to pull the image may not succeed."
    );
    // Container d never starts (Never, absent), so the pod re-syncs every 10 s: 0, 10, 20, 30.
    assert_eq!(warn.count, 4);
    assert_eq!(final_state(p, "c"), "Running");
}

/// Every example, simulated through a memo that earlier simulations filled (the same scenario,
/// the next example, every example in turn), gives exactly what a fresh simulation gives.
#[wasm_bindgen_test(unsupported = test)]
fn a_memo_from_earlier_simulations_changes_no_result() {
    use pullsim::sim::{simulate_loaded_with, SimMemo};
    let all = [
        example!("always-pull-images-multitenant"),
        example!("digest-pin"),
        example!("dockerhub-fallback"),
        example!("ensure-secret-pulled-images-1.33"),
        example!("ensure-secret-pulled-images-1.35"),
        example!("glob-port-path-creds"),
        example!("latest-with-digest"),
        example!("never-missing"),
        example!("nginx-no-tag"),
        example!("outage-always-vs-ifnotpresent"),
        example!("pinned-tag-warm-node"),
        example!("private-no-secret"),
        example!("typo-backoff"),
        example!("uppercase-invalid"),
    ];
    let scenarios: Vec<Scenario> = all.iter().map(|t| Scenario::from_yaml(t).unwrap()).collect();
    let with = |sc: &Scenario, memo: &mut SimMemo| {
        serde_json::to_string(&simulate_loaded_with(sc, &pullsim::workload::load(&sc.workload), memo)).unwrap()
    };
    let mut memo = SimMemo::default();
    for (i, sc) in scenarios.iter().enumerate() {
        let fresh = serde_json::to_string(&simulate(sc)).unwrap();
        let next = &scenarios[(i + 1) % scenarios.len()];
        // The same scenario again, then after another one with other credentials or images.
        assert_eq!(with(sc, &mut memo), fresh, "{i}: first");
        assert_eq!(with(sc, &mut memo), fresh, "{i}: again");
        with(next, &mut memo);
        assert_eq!(with(sc, &mut memo), fresh, "{i}: after the next example");
        // The same credentials, another workload: the memo is kept, and still changes nothing.
        let mut other = sc.clone();
        other.workload = next.workload.clone();
        let other_fresh = serde_json::to_string(&simulate(&other)).unwrap();
        with(sc, &mut memo);
        assert_eq!(with(&other, &mut memo), other_fresh, "{i}: another workload");
    }
}

/// A lookup read through a memo is the one `credential_lookup` makes, whether the simulation made
/// it first or not.
#[wasm_bindgen_test(unsupported = test)]
fn a_memo_lookup_is_the_credential_lookup() {
    use pullsim::sim::{credential_lookup, simulate_loaded_with, SimMemo};
    let sc = Scenario::from_yaml(example!("dockerhub-fallback")).unwrap();
    let loaded = pullsim::workload::load(&sc.workload);
    let mut memo = SimMemo::default();
    simulate_loaded_with(&sc, &loaded, &mut memo);
    let pod = &pullsim::sim::pods_of(&sc, &loaded.objects)[0];
    for image in [pod.containers[0].image.as_str(), "quay.io/other/image:1"] {
        let via_memo = memo.credential_lookups(&sc).get(&pod.namespace, &pod.image_pull_secrets, image);
        let fresh = credential_lookup(&sc, &pod.namespace, &pod.image_pull_secrets, image);
        assert_eq!(serde_json::to_string(&*via_memo).unwrap(), serde_json::to_string(&fresh).unwrap(), "{image}");
    }
}
