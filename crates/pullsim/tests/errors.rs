//! Errors point at the offending part of what the user wrote (byte spans), and keep upstream's
//! exact texts. Runs natively and under wasm-bindgen-test.

use pullsim::reference::{analyze, parse_image_name, parse_normalized_named, ErrorKind};
use wasm_bindgen_test::wasm_bindgen_test;

/// `(input, expected message, expected underlined text)`.
fn check(input: &str, message: &str, underlined: &str) {
    let e = parse_normalized_named(input).expect_err(input);
    assert_eq!(e.message, message, "{input:?}");
    let span = e.span.unwrap_or_else(|| panic!("{input:?}: no span"));
    assert_eq!(&input[span.start..span.end], underlined, "{input:?}: span {span:?}");
}

#[wasm_bindgen_test(unsupported = test)]
fn spans_point_at_the_offending_part() {
    check("Nginx", "invalid reference format: repository name (library/Nginx) must be lowercase", "N");
    check("team/My-App:1", "invalid reference format: repository name (team/My-App) must be lowercase", "M");
    check("NGINX", "invalid reference format: repository name (library/NGINX) must be lowercase", "NGINX");
    check("docker.io/Foo", "invalid reference format: repository name (library/Foo) must be lowercase", "F");
    check("nginx:1.0 beta", "invalid reference format", " ");
    check("nginx:", "invalid reference format", ":");
    check("nginx:-x", "invalid reference format", "-");
    check("foo_bar.com:8080/app", "invalid reference format", "_");
    check("example.com/app-", "invalid reference format", "-");
    check("example.com/a..b", "invalid reference format", ".");
    check("https://example.com/app", "invalid reference format", "/");
    check("nginx@sha256:abc", "invalid reference format", "abc");
    check(
        "nginx@md5:d41d8cd98f00b204e9800998ecf8427e",
        "unsupported digest algorithm",
        "md5:d41d8cd98f00b204e9800998ecf8427e",
    );
    check(
        "nginx@sha256:0123456789012345678901234567890123456789012345678901234567890",
        "invalid checksum digest length",
        "sha256:0123456789012345678901234567890123456789012345678901234567890",
    );
    check("ex.com/naïve", "invalid reference format", "ï");
    check(&format!("nginx:{}", "t".repeat(130)), "invalid reference format", "tt");
    check(&format!("example.com/{}", "a".repeat(256)), "repository name must not be more than 255 characters", "a");
}

#[wasm_bindgen_test(unsupported = test)]
fn upper_case_rules_follow_go_simple_case_mapping() {
    // The Kelvin sign lower-cases to an ASCII 'k' in Go: the upper-case retry then matches.
    let e = parse_normalized_named("\u{212a}.com/x").expect_err("kelvin");
    assert_eq!(e.kind, ErrorKind::NameContainsUppercase);
    assert_eq!(e.message, "repository name must be lowercase");
    // İ maps to a plain 'i' (simple mapping), unlike Rust's full `to_lowercase`.
    let e = parse_normalized_named("\u{130}.com/x").expect_err("dotted I");
    assert_eq!(e.kind, ErrorKind::NameContainsUppercase);
    // An upper-case non-ASCII letter in the path is reported by the normalize check.
    let e = parse_normalized_named("Ä").expect_err("umlaut");
    assert_eq!(e.message, "invalid reference format: repository name (library/Ä) must be lowercase");
    // A lower-case non-ASCII letter is simply not in the grammar.
    assert_eq!(parse_normalized_named("ä").expect_err("ä").message, "invalid reference format");
}

#[wasm_bindgen_test(unsupported = test)]
fn kubelet_wraps_the_error_with_the_image_quoted_like_go() {
    let e = parse_image_name("nginx\t").expect_err("tab");
    assert_eq!(e.message, "couldn't parse image name \"nginx\\t\": invalid reference format");
    let a = analyze("");
    assert!(!a.ok);
    // An empty image normalizes to "docker.io/library/", which the grammar rejects.
    assert_eq!(a.error.map(|e| e.message).as_deref(), Some("invalid reference format"));
    assert_eq!(a.policy.policy, "IfNotPresent");
}

#[wasm_bindgen_test(unsupported = test)]
fn explanations_name_their_rules() {
    let a = analyze("index.docker.io/nginx");
    let ids: Vec<&str> = a.steps.iter().map(|s| s.rule.id).collect();
    assert_eq!(
        ids,
        [
            "normalize.index-docker-io",
            "normalize.library",
            "normalize.default-tag",
            "kubelet.default-tag",
            "policy.defaulting"
        ]
    );
    assert!(a.steps.iter().all(|s| s.rule.spec.starts_with('§') && !s.text.is_empty()));
    assert_eq!(a.canonical.as_deref(), Some("docker.io/library/nginx"));
    assert_eq!(a.kubelet.runtime_image.as_deref(), Some("index.docker.io/nginx:latest"));
}
