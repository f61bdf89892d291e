//! `pullsim policy`.

use crate::util::{json_lines, run, stdout};

#[test]
fn jsonl_defaulting() {
    let input = r#"{"image": "nginx", "policy": ""}
{"image": "nginx:latest@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "policy": ""}
{"image": "nginx:Latest", "policy": ""}
{"image": "nginx@sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "policy": ""}
{"image": "NGINX", "policy": ""}
{"image": "nginx", "policy": "Never"}
"#;
    let o = run(&["policy", "--jsonl"], input);
    assert!(o.status.success());
    let lines = json_lines(&o);
    let got: Vec<(&str, bool)> = lines
        .iter()
        .map(|l| (l["policy"].as_str().unwrap_or("?"), l["defaulted"].as_bool().unwrap_or(false)))
        .collect();
    assert_eq!(
        got,
        [
            ("Always", true),
            ("Always", true),
            ("IfNotPresent", true),
            ("IfNotPresent", true),
            ("IfNotPresent", true),
            ("Never", false)
        ]
    );
    assert_eq!(lines[0]["image"], "nginx");
    assert!(lines.iter().all(|l| l["reason"].as_str().is_some_and(|r| !r.is_empty())));
    assert!(lines[2]["reason"].as_str().is_some_and(|r| r.contains("case-sensitive")));
}

#[test]
fn always_pull_images_admission() {
    let o = run(&["policy", "nginx:1.25", "--policy", "Never", "--always-pull-images"], "");
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.starts_with("Always"), "{out}");
    assert!(out.contains("AlwaysPullImages"));
}

#[test]
fn invalid_explicit_policy_is_kept_and_flagged() {
    let o = run(&["policy", "nginx", "--policy", "always"], "");
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("Unsupported value: \"always\""));
}
