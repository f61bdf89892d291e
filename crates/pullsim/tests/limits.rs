//! Limits (issue 6): hostile input is refused or handled, and every refusal names its limit.
//! Times are in `benches/hostile.rs` (BENCHMARKS.md); here, what each input yields.

mod hostile;

use pullsim::creds::{Keyring, Source};
use pullsim::reference::{self, ErrorKind};
use pullsim::sim::{simulate, Scenario, MAX_SIM_DURATION, MAX_SIM_EVENTS};
use pullsim::workload::{load, load_bytes, MAX_MANIFEST_BYTES};
use pullsim::yaml::MAX_YAML_NODES;
use wasm_bindgen_test::wasm_bindgen_test;

fn first_error(r: &pullsim::workload::LoadResult) -> String {
    r.errors.first().map(|e| e.message.clone()).unwrap_or_default()
}

#[wasm_bindgen_test(unsupported = test)]
fn an_alias_bomb_is_refused_naming_max_alias_expansion() {
    let r = load(&hostile::alias_bomb());
    assert!(first_error(&r).contains("(MAX_ALIAS_EXPANSION)"), "{r:?}");
    assert!(r.objects.is_empty());
}

#[wasm_bindgen_test(unsupported = test)]
fn deep_nesting_is_refused_naming_the_limit() {
    let r = load(&hostile::deep_block(200));
    assert!(first_error(&r).contains("(MAX_NESTING_DEPTH)"), "{r:?}");
    // A bare `[[[…]]]` is refused as a list at once (see a_10_mb_json_array_is_refused_at_once);
    // inside a mapping, the parser's flow limit refuses it.
    let r = load(&format!("a: {}", hostile::deep_flow(100_000)));
    assert!(first_error(&r).contains("nest deeper than 255 levels"), "{r:?}");
    assert!(first_error(&r).contains("MAX_NESTING_DEPTH"), "{r:?}");
}

#[wasm_bindgen_test(unsupported = test)]
fn a_very_long_line_loads() {
    let text = hostile::long_line(5 * 1024 * 1024);
    let r = load(&text);
    assert!(r.errors.is_empty(), "{:?}", first_error(&r));
    let c = &r.objects[0].pod.containers[0];
    assert_eq!(c.image.len(), 5 * 1024 * 1024);
    let pos = c.image_position.unwrap();
    assert_eq!(&text[pos.start..pos.end], c.image);
}

#[wasm_bindgen_test(unsupported = test)]
fn invalid_utf8_is_refused_naming_the_byte() {
    let bytes = hostile::invalid_utf8(1024);
    let r = load_bytes(&bytes);
    assert_eq!(
        first_error(&r),
        format!("invalid UTF-8 at byte {}: YAML and JSON manifests must be UTF-8 text", bytes.len() - 1)
    );
    assert_eq!(r.errors[0].line, 6);
}

#[wasm_bindgen_test(unsupported = test)]
fn nul_bytes_are_a_syntax_error_at_their_position() {
    let text = hostile::nul_bytes(64 * 1024);
    let r = load(&text);
    assert!(!r.errors.is_empty(), "{r:?}");
    let e = &r.errors[0];
    assert!(e.offset <= text.len() && text.is_char_boundary(e.offset));
}

#[wasm_bindgen_test(unsupported = test)]
fn a_50_mb_paste_is_refused_without_reading_it() {
    let bytes = hostile::big_paste(50 * 1000 * 1000);
    let r = load_bytes(&bytes);
    assert!(first_error(&r).contains("more than MAX_MANIFEST_BYTES"), "{r:?}");
    let text = String::from_utf8(bytes).unwrap();
    assert_eq!(load(&text), r);
    // The same paste, smaller, loads.
    let r = load_bytes(&hostile::big_paste(100_000));
    assert!(r.errors.is_empty() && r.objects.len() > 500, "{:?}", first_error(&r));
}

#[wasm_bindgen_test(unsupported = test)]
fn a_10_mb_json_array_is_refused_at_once() {
    let r = load(&hostile::dense_json_array(10 * 1000 * 1000));
    assert_eq!(first_error(&r), "expected a Kubernetes object (a mapping with apiVersion and kind), found a list");
}

#[wasm_bindgen_test(unsupported = test)]
fn millions_of_tiny_json_nodes_are_refused_naming_max_yaml_nodes() {
    let text = hostile::dense_json_in_mapping(10 * 1000 * 1000, "");
    let r = load(&text);
    assert_eq!(r.errors.len(), 1, "{r:?}");
    let e = &r.errors[0];
    assert!(e.message.contains(&format!("more than {MAX_YAML_NODES} YAML nodes (MAX_YAML_NODES")), "{e:?}");
    // The mapping, the key `a` and the list are the first three nodes; then one `1,` per node.
    let at = "{\"a\":[".len() + 2 * (MAX_YAML_NODES as usize - 3);
    assert_eq!((e.document, e.line, e.column, e.offset), (1, 1, at + 1, at), "{e:?}");
    // Under the limit, the same shape loads (the JSON fast path skips the list unread).
    let rest = ",\"kind\":\"Pod\",\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}";
    let text = hostile::dense_json_in_mapping(3 * 1000 * 1000, rest);
    let r = load(&text);
    assert!(r.errors.is_empty(), "{:?}", first_error(&r));
    let pos = r.objects[0].pod.containers[0].image_position.unwrap();
    assert_eq!(&text[pos.start..pos.end], "\"nginx\"");
}

#[test]
fn millions_of_tiny_yaml_nodes_are_refused_naming_max_yaml_nodes() {
    let text = hostile::dense_block_in_mapping(10 * 1000 * 1000);
    let r = load(&text);
    assert_eq!(r.errors.len(), 1, "{r:?}");
    let e = &r.errors[0];
    assert!(e.message.contains("(MAX_YAML_NODES"), "{e:?}");
    // `a:` is line 1; the mapping, `a` and the list are three nodes, then one `- 1` line each.
    assert_eq!((e.line, e.column), (MAX_YAML_NODES as usize - 3 + 2, 3), "{e:?}");
    assert!(e.offset < text.len());
}

#[test]
fn a_10_mib_paste_of_deployments_is_under_max_yaml_nodes() {
    let bytes = hostile::big_paste(MAX_MANIFEST_BYTES);
    let bytes = &bytes[..MAX_MANIFEST_BYTES];
    let r = load_bytes(bytes);
    // The last document is cut short by the slice; every whole one loads.
    assert!(r.errors.is_empty(), "{:?}", first_error(&r));
    assert!(r.objects.len() > 67_000, "{}", r.objects.len());
}

#[test]
fn a_10_mib_kubectl_dump_loads_as_yaml_and_as_json() {
    let yaml = hostile::kubectl_dump_yaml(MAX_MANIFEST_BYTES);
    let json = hostile::kubectl_dump_json(MAX_MANIFEST_BYTES);
    let (a, b) = (load(&yaml), load(&json));
    assert!(a.errors.is_empty() && b.errors.is_empty(), "{:?} {:?}", first_error(&a), first_error(&b));
    assert!(a.objects.len() > 4_000 && b.objects.len() > 2_000, "{} {}", a.objects.len(), b.objects.len());
    let image = |r: &pullsim::workload::LoadResult| r.objects[1].pod.containers[0].image.clone();
    assert_eq!(image(&a), "registry.example.com/shop/checkout:2.14.1");
    assert_eq!(image(&b), image(&a));
    let pos = b.objects[1].pod.containers[0].image_position.unwrap();
    assert_eq!(&json[pos.start..pos.end], "\"registry.example.com/shop/checkout:2.14.1\"");
}

#[wasm_bindgen_test(unsupported = test)]
fn a_5_mb_image_name_is_refused_naming_the_255_limit() {
    let name = hostile::huge_image_name(5 * 1024 * 1024);
    let e = reference::parse_normalized_named(&name).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NameTooLong);
    let span = e.span.unwrap();
    assert_eq!(span.start, "registry.example.com/".len() + 255, "the error points past the 255th path byte");
    let e = reference::parse_image_name(&name).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NameTooLong);
    let a = reference::analyze(&name);
    assert!(serde_json::to_string(&a).unwrap().contains("must not be more than 255 characters"));
    assert_eq!(a.error.as_ref().map(|e| (e.kind, e.span)), Some((ErrorKind::NameTooLong, Some(span))));
    // The kubelet's wrapper quotes the name with %q (SPEC §1.9): the whole name, verbatim.
    assert_eq!(
        a.kubelet.error.as_deref(),
        Some(
            format!("couldn't parse image name \"{name}\": repository name must not be more than 255 characters")
                .as_str()
        )
    );
    assert_views_agree(&name);
}

/// `analyze` parses once and derives every view; each must equal what the separate function says.
fn assert_views_agree(name: &str) {
    let a = reference::analyze(name);
    assert_eq!(a.error, reference::parse_normalized_named(name).err(), "{name:.80}");
    assert_eq!(a.canonical, reference::parse_normalized_named(name).ok().map(|r| r.to_string()), "{name:.80}");
    assert_eq!(a.docker_ref, reference::parse_docker_ref(name).ok().map(|r| r.to_string()), "{name:.80}");
    let parsed = reference::parse_image_name(name);
    assert_eq!(a.kubelet.error, parsed.as_ref().err().map(|e| e.message.clone()), "{name:.80}");
    assert_eq!(a.kubelet.repo, parsed.as_ref().ok().map(|n| n.repo.clone()), "{name:.80}");
    assert_eq!(a.kubelet.tag, parsed.as_ref().ok().map(|n| n.tag.clone()), "{name:.80}");
    assert_eq!(a.kubelet.digest, parsed.as_ref().ok().map(|n| n.digest.clone()), "{name:.80}");
    assert_eq!(a.kubelet.runtime_image, reference::apply_default_image_tag(name).ok(), "{name:.80}");
    assert_eq!(a.policy, pullsim::policy::default_pull_policy(name, ""), "{name:.80}");
}

#[wasm_bindgen_test(unsupported = test)]
fn analyze_agrees_with_each_function_it_replaces() {
    let digest = format!("sha256:{}", "a".repeat(64));
    let long = format!("example.com/{}:tag", "a".repeat(255));
    let too_long = format!("example.com/{}:tag", "a".repeat(256));
    let upper = format!("example.com/{}", "A".repeat(100_000));
    for name in [
        "nginx",
        "nginx:latest",
        "nginx:Latest",
        "nginx:1.25",
        "NGINX",
        "Example.com/app",
        "index.docker.io/nginx",
        "localhost:5000/app:latest",
        &format!("nginx@{digest}"),
        &format!("nginx:latest@{digest}"),
        &format!("nginx:1.0@{digest}"),
        &"a".repeat(64),
        "nginx@sha256:bad",
        "http://nginx",
        "nginx:latest:latest",
        "",
        " nginx",
        "ngi\tnx\u{7f}é\"",
        &long,
        &too_long,
        &upper,
    ] {
        assert_views_agree(name);
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn a_keyring_of_100000_keys_finds_the_right_one() {
    let config = pullsim::creds::parse_docker_config_json(&hostile::big_config(100_000)).unwrap();
    let mut ring = Keyring::new();
    ring.add(&Source::Node { path: "config.json".into() }, &config);
    let found = ring.lookup("registry77777.example.com/team80/app");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].tracked.credential.username, "user77777");
    assert!(ring.lookup("registry77777.example.com/team79/app").is_empty());
}

fn backoff_pod(name: &str) -> String {
    format!(
        "---\nkind: Pod\nmetadata: {{name: {name}}}\nspec: {{containers: [{{name: c, image: nginx:no-such-tag}}]}}\n"
    )
}

#[wasm_bindgen_test(unsupported = test)]
fn days_of_virtual_time_are_capped_and_say_so() {
    let mut sc = Scenario::with_workload(backoff_pod("p"));
    sc.registry.unknown_repositories = pullsim::sim::scenario::UnknownRepositories::NotFound;
    sc.duration = 365.0 * 24.0 * 3600.0;
    let r = simulate(&sc);
    assert_eq!(r.end, MAX_SIM_DURATION);
    assert!(r.notes.iter().any(|n| n.contains("duration capped at 30d")), "{:?}", r.notes);
    assert!(r.truncated.is_none());
    let pulls = r.pods[0].containers[0].pulls.len();
    assert!(pulls > 8000, "a pull every 300 s for 30 days: {pulls}");
}

#[test]
fn a_run_that_exceeds_max_sim_events_stops_and_says_where() {
    let mut sc = Scenario::with_workload(backoff_pod("p"));
    sc.resync = pullsim::sim::scenario::ResyncSpec::Every(0.5);
    sc.registry.unknown_repositories = pullsim::sim::scenario::UnknownRepositories::NotFound;
    sc.duration = 30.0 * 24.0 * 3600.0;
    let r = simulate(&sc);
    let why = r.truncated.expect("a pod re-synced every 0.5 s for 30 days exceeds MAX_SIM_EVENTS");
    assert!(why.contains(&format!("after {MAX_SIM_EVENTS} events (limit MAX_SIM_EVENTS)")), "{why}");
    assert!(r.end < MAX_SIM_DURATION, "stopped at {} ms", r.end);
}
