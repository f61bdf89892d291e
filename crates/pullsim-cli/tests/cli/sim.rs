//! `pullsim simulate` and `pullsim explain`: snapshots of every example scenario's events,
//! states and traces (insta), plus the JSON shape and the quick path.

use crate::util::{run, stdout};
use std::path::Path;

fn examples() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/scenarios")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn at_least_twelve_examples() {
    assert!(examples().len() >= 12, "{:?}", examples());
}

#[test]
fn every_example_snapshot() {
    for path in examples() {
        let o = run(&["simulate", path.to_str().expect("utf-8 path")], "");
        assert!(o.status.success(), "{}: {}", path.display(), String::from_utf8_lossy(&o.stderr));
        let name = path.file_stem().and_then(|s| s.to_str()).expect("name").to_owned();
        insta::assert_snapshot!(name, stdout(&o));
    }
}

#[test]
fn json_result_has_events_states_and_traces() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/scenarios/typo-backoff.yaml");
    let o = run(&["simulate", "--json", path.to_str().expect("path")], "");
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let pod = &v["pods"][0];
    assert_eq!(pod["name"], "web");
    assert!(pod["describe"].as_array().is_some_and(|d| d.iter().any(|r| r["reason"] == "BackOff")));
    let c = &pod["containers"][0];
    assert!(c["states"].as_array().is_some_and(|s| s.len() > 3));
    assert!(c["decisions"][0]["steps"].as_array().is_some_and(|s| s.iter().all(|x| x["rule"]["spec"].is_string())));
}

#[test]
fn explain_a_manifest_on_a_warm_node() {
    let dir = std::env::temp_dir().join(format!("pullsim-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let manifest = dir.join("pod.yaml");
    std::fs::write(
        &manifest,
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx:1.25\n  - name: b\n    image: busybox\n",
    )
    .expect("write");
    let o = run(&["explain", manifest.to_str().expect("path"), "--node-image", "nginx:1.25", "--k8s", "1.30"], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("Kubernetes 1.30"));
    assert!(out.contains("Container image \"nginx:1.25\" already present on machine"), "{out}");
    assert!(out.contains("Pulling image \"busybox\""));
    assert!(out.contains("imagePullPolicy Always (defaulted)"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_broken_scenario_names_the_place() {
    let dir = std::env::temp_dir().join(format!("pullsim-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let f = dir.join("bad.yaml");
    std::fs::write(&f, "workload: |\n  kind: Pod\nkubelet:\n  serializeImagePulls: [oops\n").expect("write");
    let o = run(&["simulate", f.to_str().expect("path")], "");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.contains("bad.yaml: line 5, column 1") && err.contains("flow sequence"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}
