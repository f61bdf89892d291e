//! `pullsim ref`.

use crate::util::{json_lines, run, stdout};
use serde_json::{json, Value};

#[test]
fn human_anatomy_of_a_short_name() {
    let o = run(&["ref", "nginx"], "");
    assert!(o.status.success());
    let out = stdout(&o);
    for want in [
        "domain     docker.io",
        "path       library/nginx",
        "canonical  docker.io/library/nginx",
        "familiar   nginx",
        "pulls      docker.io/library/nginx:latest",
        "runtime    nginx:latest",
        "policy     Always (defaulted)",
        "added docker.io/library/",
        "no tag and no digest → tag latest",
        "https://kubernetes.io/docs/concepts/containers/images/",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
}

#[test]
fn invalid_name_gets_the_upstream_error_and_a_caret_under_the_offending_part() {
    let o = run(&["ref", "registry.example.com/team/My-App:1.0"], "");
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "registry.example.com/team/My-App:1.0");
    // The caret sits under the upper-case "M" only.
    assert_eq!(lines[1], format!("{}^", " ".repeat("registry.example.com/team/".len())));
    assert_eq!(lines[2], "error: invalid reference format: repository name (team/My-App) must be lowercase");
    assert!(out.contains("InvalidImageName"));
}

#[test]
fn caret_points_into_a_bad_tag() {
    let o = run(&["ref", "nginx:1.0 beta"], "");
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[1], "         ^");
    assert_eq!(lines[2], "error: invalid reference format");
}

#[test]
fn several_images_exit_non_zero_when_one_is_invalid() {
    assert!(run(&["ref", "nginx", "busybox:1.36"], "").status.success());
    assert_eq!(run(&["ref", "nginx", "UPPER"], "").status.code(), Some(1));
}

#[test]
fn json_is_the_same_anatomy() {
    let o = run(&["ref", "--json", "quay.io/prometheus/node-exporter:v1.8.0"], "");
    assert!(o.status.success());
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["domain"], "quay.io");
    assert_eq!(v["path"], "prometheus/node-exporter");
    assert_eq!(v["tag"], "v1.8.0");
    assert_eq!(v["canonical"], "quay.io/prometheus/node-exporter:v1.8.0");
    assert_eq!(v["kubelet"]["runtime_image"], "quay.io/prometheus/node-exporter:v1.8.0");
    assert_eq!(v["policy"]["policy"], "IfNotPresent");
    assert!(v["steps"].as_array().is_some_and(|s| !s.is_empty()));

    let o = run(&["ref", "--json", "a", "b"], "");
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v.as_array().map(Vec::len), Some(2));

    let o = run(&["ref", "--json", "nginx@sha256:abc"], "");
    assert_eq!(o.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["error"]["message"], "invalid reference format");
    assert_eq!(v["error"]["span"], json!({"start": 13, "end": 16}));
}

#[test]
fn jsonl_batch_has_exactly_the_documented_shape() {
    let input = "\"nginx\"\n\"localhost:5000\"\n\"docker.io/library/foo:1@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"\n\"ROOT\"\n\" nginx\"\n\"ubuntu@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\"\n";
    let o = run(&["ref", "--jsonl"], input);
    assert!(o.status.success(), "invalid input is data: exit 0");
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 6);
    let keys: Vec<&str> = lines[0].as_object().expect("object").keys().map(String::as_str).collect();
    // serde_json keeps insertion order only with preserve_order; compare as a set.
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        ["digest", "domain", "err", "familiar", "input", "kubelet", "name", "ok", "path", "string", "tag"]
    );
    assert_eq!(
        lines[0],
        json!({"input": "nginx", "ok": true, "err": null, "name": "docker.io/library/nginx", "domain": "docker.io",
               "path": "library/nginx", "tag": null, "digest": null, "familiar": "nginx",
               "string": "docker.io/library/nginx",
               "kubelet": {"ok": true, "repo": "docker.io/library/nginx", "tag": "latest", "digest": "", "err": null}})
    );
    // `localhost:5000` alone is a Docker Hub official image with tag 5000.
    assert_eq!(lines[1]["string"], "docker.io/library/localhost:5000");
    assert_eq!(lines[1]["kubelet"]["tag"], "5000");
    // Tag and digest: the kubelet returns both.
    assert_eq!(lines[2]["familiar"], "foo:1@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_eq!(lines[2]["kubelet"]["tag"], "1");
    assert_eq!(lines[3]["ok"], false);
    assert_eq!(lines[3]["err"], "invalid reference format: repository name (library/ROOT) must be lowercase");
    assert_eq!(lines[3]["name"], Value::Null);
    assert_eq!(lines[3]["kubelet"]["repo"], Value::Null);
    assert!(lines[3]["kubelet"]["err"].as_str().is_some_and(|e| e.ends_with("(library/ROOT) must be lowercase")));
    // Leading whitespace survives the JSON encoding and is invalid.
    assert_eq!(lines[4]["input"], " nginx");
    assert_eq!(lines[4]["err"], "invalid reference format");
    // Digest only: tag "" for the kubelet, null for distribution.
    assert_eq!(lines[5]["tag"], Value::Null);
    assert_eq!(lines[5]["kubelet"]["tag"], "");
}

#[test]
fn jsonl_keeps_order_and_reports_undecodable_lines_in_place() {
    let o = run(&["ref", "--jsonl"], "\"a\"\nnot json\n\"b\"\n");
    assert!(o.status.success());
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["input"], "a");
    assert_eq!(lines[1]["ok"], false);
    assert!(lines[1]["err"].as_str().is_some_and(|e| e.starts_with("line 2:")));
    assert_eq!(lines[2]["input"], "b");
}
