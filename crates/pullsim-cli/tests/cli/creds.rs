//! `pullsim creds`.

use crate::util::{json_lines, pullsim, run, stdout};
use std::path::PathBuf;

/// Writes `files` into a fresh directory under the target dir and returns their paths.
fn files(test: &str, files: &[(&str, &str)]) -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("creds-{test}"));
    std::fs::create_dir_all(&dir).unwrap();
    files
        .iter()
        .map(|(name, text)| {
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            p.to_string_lossy().into_owned()
        })
        .collect()
}

#[test]
fn lookup_jsonl_lines() {
    let input = r#"{"auths": {"https://index.docker.io/v1/": {"auth": "Zm9vOmJhcg=="}, "quay.io": {"username": "a", "password": "x"}, "https://quay.io/v1/": {"username": "b", "password": "y"}}, "image": "quay.io/team/app:1"}
{"auths": {"https://index.docker.io/v1/": {"auth": "Zm9vOmJhcg=="}}, "image": "nginx"}
{"auths": {"https://index.docker.io/v1/": {"auth": "Zm9vOmJhcg=="}, "docker.io": {"username": "direct"}}, "image": "nginx"}
{"auths": {"a.io": {"auth": "Zm9vOmJhcg=="}, "b.io": {"auth": "bm9jb2xvbg"}}, "image": "a.io/x"}
{"auths": {}, "image": "ROOT"}

not json
{"auths": {"bar.example.com/pong": {"username": "grace"}, "bar.example.com": {"username": "ada"}}, "image": "bar.example.com/pongz"}
"#;
    let o = run(&["creds", "lookup", "--jsonl"], input);
    assert!(o.status.success());
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 7, "one line out per non-blank line in");
    for l in &lines {
        let keys: Vec<&str> = l.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 5, "{l}");
        for k in ["image", "repo", "found", "matches", "err"] {
            assert!(l.get(k).is_some(), "{k} missing in {l}");
        }
    }
    let users = |l: &serde_json::Value| -> Vec<(String, String)> {
        l["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| (m["key"].as_str().unwrap().to_owned(), m["username"].as_str().unwrap().to_owned()))
            .collect()
    };
    // Two spellings of quay.io normalize to one key; their credentials keep the given order.
    assert_eq!(lines[0]["repo"], "quay.io/team/app");
    assert_eq!(users(&lines[0]), [("quay.io".into(), "a".into()), ("quay.io".into(), "b".into())]);
    assert_eq!(lines[0]["matches"][0]["source"], "pod-secret");
    // Docker Hub fallback only when nothing else matched.
    assert_eq!(users(&lines[1]), [("index.docker.io".into(), "foo".into())]);
    assert_eq!(users(&lines[2]), [("docker.io".into(), "direct".into())]);
    // One bad auth rejects the whole secret, even an entry that would have matched.
    assert_eq!(lines[3]["err"], "unable to parse auth field, must be formatted as base64(username:password)");
    assert_eq!(lines[3]["found"], false);
    assert!(lines[3]["matches"].as_array().unwrap().is_empty());
    assert!(lines[4]["err"].as_str().unwrap().contains("must be lowercase"));
    assert!(lines[4]["repo"].is_null());
    assert!(lines[5]["err"].as_str().unwrap().starts_with("line 7:"));
    assert_eq!(
        users(&lines[6]),
        [("bar.example.com/pong".into(), "grace".into()), ("bar.example.com".into(), "ada".into())]
    );
}

#[test]
fn match_jsonl_lines() {
    let input = r#"{"glob": "*.kubernetes.io", "target": "prefix.kubernetes.io"}
{"glob": "*.kubernetes.io", "target": "kubernetes.io"}
{"glob": "prefix.*.io/foo", "target": "prefix.kubernetes.io:1111/foo/bar"}
{"glob": "registry:abc", "target": "registry"}
{"glob": "a.io", "target": "a b"}
"#;
    let o = run(&["creds", "match", "--jsonl"], input);
    assert!(o.status.success());
    let lines = json_lines(&o);
    let got: Vec<(bool, bool)> = lines.iter().map(|l| (l["match"].as_bool().unwrap(), l["err"].is_string())).collect();
    assert_eq!(got, [(true, false), (false, false), (false, false), (false, true), (false, true)]);
    assert_eq!(lines[3]["err"], r#"parse "https://registry:abc": invalid port ":abc" after host"#);
    assert_eq!(lines[0]["glob"], "*.kubernetes.io");
    assert_eq!(lines[0]["target"], "prefix.kubernetes.io");
}

#[test]
fn lookup_human_and_json() {
    let paths = files(
        "lookup",
        &[
            (
                "config.json",
                r#"{"auths": {"https://index.docker.io/v1/": {"auth": "aHViOmh1YnBhc3M=", "identitytoken": "t"}, "registry:abc": {}}, "credsStore": "desktop"}"#,
            ),
            (
                "regcred.json",
                r#"{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "regcred"}, "type": "kubernetes.io/dockerconfigjson",
                    "data": {".dockerconfigjson": "eyJhdXRocyI6eyJkb2NrZXIuaW8vbGlicmFyeSI6eyJ1c2VybmFtZSI6ImxpYiIsInBhc3N3b3JkIjoic2VjcmV0LWxpYiJ9fX0="}}"#,
            ),
            (
                "opaque.json",
                r#"{"kind": "Secret", "metadata": {"name": "opaque"}, "stringData": {".dockerconfigjson": "{}"}}"#,
            ),
        ],
    );
    let args = [
        "creds",
        "lookup",
        "--config",
        &paths[0],
        "--secret",
        &paths[1],
        "--secret",
        &paths[2],
        "--pull-secret",
        "regcred",
        "--pull-secret",
        "opaque",
        "--pull-secret",
        "gone",
        "nginx:1.25",
    ];
    let o = run(&args, "");
    assert!(o.status.success());
    let text = stdout(&o);
    for want in [
        "Looked up as   docker.io/library/nginx",
        "Unable to retrieve some image pull secrets (gone); attempting to pull the image may not succeed.",
        "type Opaque is neither",
        "identitytoken",
        "credsStore",
        "IGNORED: parse \"https://registry:abc\": invalid port \":abc\" after host",
        "\"index.docker.io\" has 3 labels, \"docker.io\" has 2",
        "Docker Hub fallback: USED",
        "1. lib / ********   key docker.io/library",
        "2. hub / ********   key index.docker.io (Docker Hub fallback)",
        "no anonymous attempt",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    assert!(!text.contains("secret-lib") && !text.contains("hubpass"), "passwords leak:\n{text}");

    let mut json_args = args.to_vec();
    json_args.push("--json");
    let o = run(&json_args, "");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["repo"], "docker.io/library/nginx");
    assert_eq!(v["try_order"][0]["username"], serde_json::Value::Null, "credential is nested");
    assert_eq!(v["try_order"][0]["credential"]["username"], "lib");
    assert_eq!(v["try_order"][0]["credential"]["password"], "********");
    assert_eq!(v["try_order"][1]["via_fallback"], true);
    assert_eq!(v["events"][0]["reason"], "FailedToRetrieveImagePullSecret");
    assert!(!stdout(&o).contains("secret-lib"));
}

#[test]
fn lookup_stops_on_a_bad_secret() {
    let paths = files(
        "bad-secret",
        &[("bad.json", r#"{"auths": {"quay.io": {"auth": "Zm9vOmJhcg=="}, "x.io": {"auth": "%%%"}}}"#)],
    );
    let o = run(&["creds", "lookup", "--secret", &paths[0], "quay.io/a"], "");
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("INVALID: illegal base64 data at input byte 0"), "{text}");
    assert!(text.contains("No pull: illegal base64 data at input byte 0"), "{text}");
}

#[test]
fn broken_files_are_clear_errors() {
    let paths = files("broken", &[("s.json", "{\"kind\": \"Secret\",\n  \"metadata\": }")]);
    let o = run(&["creds", "lookup", "--secret", &paths[0], "nginx"], "");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("line 2 column 15"), "{err}");
    let o = run(&["creds", "lookup", "--config", "/nonexistent/config.json", "nginx"], "");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn match_and_key_explain() {
    let o = run(&["creds", "match", "*.example.com", "example.com"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("\"*.example.com\" has 3 labels, \"example.com\" has 2"));
    let o = run(&["creds", "key", "HTTPS://quay.io", "https://quay.io/v2/team"], "");
    let text = stdout(&o);
    assert!(text.contains("\"HTTPS://quay.io\" → HTTPS://quay.io"), "{text}");
    assert!(text.contains("\"https://quay.io/v2/team\" → quay.io/team"), "{text}");
}

#[test]
fn secret_generator_round_trips() {
    let o = pullsim()
        .args([
            "creds",
            "secret",
            "regcred",
            "--docker-username",
            "ada",
            "--docker-password",
            "p&ss",
            "--docker-email",
            "a@b.c",
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    let yaml = String::from_utf8(o.stdout).unwrap();
    let b64 = yaml.lines().find_map(|l| l.strip_prefix("  .dockerconfigjson: ")).unwrap();
    assert_eq!(
        yaml,
        format!("apiVersion: v1\ndata:\n  .dockerconfigjson: {b64}\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\n")
    );
    // Feed the generated secret (as JSON) back into a lookup.
    let manifest = format!(
        r#"{{"kind": "Secret", "metadata": {{"name": "regcred"}}, "type": "kubernetes.io/dockerconfigjson", "data": {{".dockerconfigjson": "{b64}"}}}}"#
    );
    let paths = files("generated", &[("regcred.json", &manifest)]);
    let o = run(&["creds", "lookup", "--secret", &paths[0], "--json", "busybox"], "");
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["try_order"][0]["credential"]["username"], "ada");
    assert_eq!(v["try_order"][0]["key"], "index.docker.io");
}

#[test]
fn yaml_secrets_are_read() {
    let yaml = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: regcred\ntype: kubernetes.io/dockerconfigjson\n\
                stringData:\n  .dockerconfigjson: '{\"auths\":{\"ghcr.io\":{\"username\":\"octo\",\"password\":\"x\"}}}'\n";
    let paths = files("yaml", &[("regcred.yaml", yaml), ("broken.yaml", "kind: Secret\nmetadata: [\n")]);
    let o = run(&["creds", "lookup", "--secret", &paths[0], "--json", "ghcr.io/octo/app"], "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["try_order"][0]["credential"]["username"], "octo");
    let o = run(&["creds", "lookup", "--secret", &paths[1], "nginx"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8(o.stderr).unwrap().contains("invalid YAML"));
}
