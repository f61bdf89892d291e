//! Secret hygiene (issue 6): no `pullsim` command prints a password or an `auth` value, on
//! stdout or stderr, in human, `--json` or `--jsonl` output. The CLI has no reveal flag; the one
//! command whose output is a credential by design is `creds secret`, which writes the manifest
//! the user asked for (as `kubectl create secret docker-registry` does) and masks its `--explain`.

use crate::util::run;
use std::path::PathBuf;

const CANARY: &str = "CANARY";
/// base64 of `robot:CANARY-auth`.
const AUTH: &str = "cm9ib3Q6Q0FOQVJZLWF1dGg=";

fn write(name: &str, text: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("hygiene");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

fn config(tag: &str) -> String {
    format!(
        r#"{{"auths":{{"registry.example.com":{{"username":"robot","password":"CANARY-{tag}"}},"other.example.com":{{"auth":"{AUTH}"}}}}}}"#
    )
}

fn assert_clean(args: &[&str], stdin: &str) {
    let o = run(args, stdin);
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    for (stream, text) in [("stdout", &out), ("stderr", &err)] {
        assert!(!text.contains(CANARY) && !text.contains(AUTH), "pullsim {args:?} shows a secret on {stream}:\n{text}");
    }
    assert!(!out.is_empty() || !err.is_empty(), "pullsim {args:?} printed nothing");
}

#[test]
fn no_command_prints_a_password() {
    let node = write("config.json", &config("node"));
    let secret = write(
        "secret.yaml",
        &format!(
            "apiVersion: v1\nkind: Secret\nmetadata: {{name: pull}}\ntype: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: '{}'\n",
            config("secret")
        ),
    );
    let plugin = write(
        "plugin.json",
        r#"{"name": "p", "matchImages": ["plugin.example.com"], "response": {"auth": {"plugin.example.com": {"username": "u", "password": "CANARY-plugin"}}}}"#,
    );
    let scenario = write(
        "scenario.yaml",
        &format!(
            "workload: |\n  kind: Pod\n  metadata: {{name: p}}\n  spec:\n    imagePullSecrets: [{{name: pull}}]\n    containers:\n    - {{name: a, image: registry.example.com/app}}\n    - {{name: b, image: other.example.com/app}}\nnode:\n  configJson: '{}'\nsecrets:\n- name: pull\n  dockerconfigjson: '{}'\nregistry:\n  repositories:\n    registry.example.com/app: {{private: true, credentials: [{{username: robot, password: CANARY-registry}}]}}\nproviders:\n- {{name: p, matchImages: [plugin.example.com], auth: {{plugin.example.com: {{username: u, password: CANARY-provider}}}}}}\n",
            config("scenario-node"),
            config("scenario-secret")
        ),
    );
    let manifest = write(
        "pod.yaml",
        "kind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: registry.example.com/app}]}\n",
    );
    for image in ["registry.example.com/app", "other.example.com/app", "plugin.example.com/x"] {
        let base = ["creds", "lookup", "--config", &node, "--secret", &secret, "--plugin", &plugin, image];
        assert_clean(&base, "");
        assert_clean(&[&base[..], &["--json"]].concat(), "");
    }
    let line = r#"{"auths": {"registry.example.com": {"username": "robot", "password": "CANARY-jsonl"}}, "image": "registry.example.com/app"}"#;
    assert_clean(&["creds", "lookup", "--jsonl"], line);
    assert!(String::from_utf8_lossy(&run(&["creds", "lookup", "--jsonl"], line).stdout).contains("\"robot\""));
    assert_clean(&["simulate", &scenario], "");
    assert_clean(&["simulate", &scenario, "--all-steps"], "");
    assert_clean(&["simulate", &scenario, "--json"], "");
    assert_clean(&["explain", &manifest, "--config", &node], "");
    assert_clean(&["explain", &manifest, "--config", &node, "--json"], "");
    // Broken inputs: the error names the place, not the value.
    let bad = write("bad.json", r#"{"auths":{"r":{"auth":"CANARY!!","password":"CANARY-bad"}}}"#);
    assert_clean(&["creds", "lookup", "--config", &bad, "registry.example.com/app"], "");
    // `creds secret --explain`: the explanation (stderr) is masked.
    let o =
        run(&["creds", "secret", "s", "--docker-username", "u", "--docker-password", "CANARY-gen", "--explain"], "");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("u / ********") && !err.contains(CANARY), "{err}");
}

/// Limits (issue 6) are the core's, named the same in the CLI: a huge file is refused unread.
#[test]
fn huge_files_are_refused_naming_the_limit() {
    let big = "#".repeat(pullsim::sim::MAX_SCENARIO_BYTES + 1);
    let path = write("huge.yaml", &big);
    for (args, limit) in [
        (vec!["simulate", path.as_str()], "MAX_SCENARIO_BYTES"),
        (vec!["explain", path.as_str()], "MAX_MANIFEST_BYTES"),
        (vec!["creds", "lookup", "--config", path.as_str(), "nginx"], "MAX_MANIFEST_BYTES"),
    ] {
        let o = run(&args, "");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success() && err.contains(limit), "{args:?}: {err}");
    }
    let e = pullsim::sim::Scenario::from_yaml(&big).unwrap_err();
    assert!(e.contains("MAX_SCENARIO_BYTES"), "{e}");
}
