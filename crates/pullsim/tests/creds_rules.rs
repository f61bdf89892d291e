//! The credential rules the upstream tables do not cover (SPEC §5, §3.3), through the public API.
//! Runs natively and under wasm-bindgen-test.

use pullsim::creds::kubelet::{missing_secrets_message, SecretStatus};
use pullsim::creds::secret::{SecretManifest, TYPE_DOCKERCFG, TYPE_DOCKER_CONFIG_JSON};
use pullsim::creds::{
    decode_auth_field, is_default_registry_match, lookup, normalize_key, parse_docker_config_json, urls_match_str,
    ConfigError, Credential, CredsLookup, Keyring, LookupError, LookupRequest, PluginResponse, PluginSpec, Source,
};
use wasm_bindgen_test::wasm_bindgen_test;

fn key(written: &str) -> Result<String, String> {
    normalize_key(written).result
}

fn ring(keys: &[(&str, &str)]) -> Keyring {
    let mut k = Keyring::new();
    for (written, user) in keys {
        k.add_entry(&Source::Node { path: "config.json".into() }, written, Credential::new(*user, "pw", ""));
    }
    k
}

fn users(k: &Keyring, image: &str) -> Vec<String> {
    k.lookup(image).into_iter().map(|m| m.tracked.credential.username).collect()
}

fn secret(name: &str, json: &str) -> SecretManifest {
    SecretManifest::new(name, TYPE_DOCKER_CONFIG_JSON, &[(".dockerconfigjson", json.as_bytes())])
}

fn tried(l: &CredsLookup) -> Vec<(String, String)> {
    l.try_order
        .iter()
        .map(|a| (a.matched.tracked.credential.username.clone(), a.matched.tracked.source.to_string()))
        .collect()
}

#[wasm_bindgen_test(unsupported = test)]
fn scheme_handling_is_case_sensitive_and_http_only() {
    assert_eq!(key("https://quay.io"), Ok("quay.io".into()));
    assert_eq!(key("http://quay.io"), Ok("quay.io".into()));
    assert_eq!(key("quay.io"), Ok("quay.io".into()));
    // HTTPS:// is not recognised: https:// is prepended and "HTTPS:" becomes the host.
    assert_eq!(key("HTTPS://quay.io"), Ok("HTTPS://quay.io".into()));
    assert_eq!(users(&ring(&[("HTTPS://quay.io", "u")]), "quay.io/x"), Vec::<String>::new());
    // Any other scheme is read the same way.
    assert_eq!(key("ftp://quay.io"), Ok("ftp://quay.io".into()));
    assert_eq!(users(&ring(&[("ftp://quay.io", "u")]), "quay.io/x"), Vec::<String>::new());
}

#[wasm_bindgen_test(unsupported = test)]
fn version_paths_are_stripped_only_as_v1_slash_or_v2_slash() {
    assert_eq!(key("https://index.docker.io/v1/"), Ok("index.docker.io".into()));
    assert_eq!(key("https://quay.io/v2/"), Ok("quay.io".into()));
    assert_eq!(key("quay.io/v2/team"), Ok("quay.io/team".into()));
    assert_eq!(key("quay.io/v1"), Ok("quay.io/v1".into()));
    assert_eq!(key("quay.io/V2/team"), Ok("quay.io/V2/team".into()));
    assert_eq!(key("quay.io/v3/"), Ok("quay.io/v3/".into()));
    assert_eq!(key("quay.io/"), Ok("quay.io".into()));
}

#[wasm_bindgen_test(unsupported = test)]
fn ports_compare_as_strings() {
    assert_eq!(key("https://r.io:5000/v2/"), Ok("r.io:5000".into()));
    assert_eq!(urls_match_str("r.io:5000", "r.io:5000/x"), Ok(true));
    assert_eq!(urls_match_str("r.io", "r.io:5000/x"), Ok(false));
    assert_eq!(urls_match_str("r.io:5000", "r.io/x"), Ok(false));
    assert_eq!(urls_match_str("r.io:5000", "r.io:05000/x"), Ok(false));
    assert_eq!(urls_match_str("r.io:", "r.io/x"), Ok(true), "an empty port is no port");
}

#[wasm_bindgen_test(unsupported = test)]
fn url_parts_dropped_or_fatal() {
    assert_eq!(key("https://user:secret@r.io/team?x=1#frag"), Ok("r.io/team".into()));
    let n = normalize_key("https://user:secret@r.io/team?x=1#frag");
    assert!(n.dropped.userinfo && n.dropped.query && n.dropped.fragment);
    for (bad, err) in [
        ("r.io:abc", r#"parse "https://r.io:abc": invalid port ":abc" after host"#),
        ("r.io:1:2", r#"parse "https://r.io:1:2": invalid port ":1:2" after host"#),
        ("r io", r#"parse "https://r io": invalid character " " in host name"#),
        ("r.io/%zz", r#"parse "https://r.io/%zz": invalid URL escape "%zz""#),
        ("us^er@r.io", r#"parse "https://us^er@r.io": net/url: invalid userinfo"#),
    ] {
        assert_eq!(key(bad), Err(err.into()), "{bad}");
        let k = ring(&[(bad, "u")]);
        assert!(k.is_empty(), "{bad} must not be indexed");
        assert_eq!(k.added()[0].normalization.result, Err(err.into()));
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn index_reverse_lexicographic_and_deduplicated() {
    let k = ring(&[
        ("quay.io", "a"),
        ("https://quay.io/v1/", "b"),
        ("*.quay.io", "c"),
        ("quay.io/team", "d"),
        ("http://quay.io/team", "e"),
        ("a.quay.io", "f"),
    ]);
    assert_eq!(k.index_keys(), ["quay.io/team", "quay.io", "a.quay.io", "*.quay.io"]);
    // More specific paths first; for one key, credentials in insertion order.
    assert_eq!(users(&k, "quay.io/team/app"), ["d", "e", "a", "b"]);
    // Non-wildcard before wildcard with the same suffix ('*' sorts before letters).
    assert_eq!(users(&k, "a.quay.io/x"), ["f", "c"]);
}

#[wasm_bindgen_test(unsupported = test)]
fn docker_hub_fallback_only_when_nothing_else_matched() {
    let hub = ("https://index.docker.io/v1/", "hub");
    assert_eq!(users(&ring(&[hub]), "docker.io/library/nginx"), ["hub"]);
    assert_eq!(users(&ring(&[hub, ("docker.io/library", "lib")]), "docker.io/library/nginx"), ["lib"]);
    assert_eq!(users(&ring(&[hub, ("*.io", "glob")]), "docker.io/library/nginx"), ["glob"]);
    assert_eq!(users(&ring(&[hub]), "quay.io/x"), Vec::<String>::new());
    // Only the exact key index.docker.io counts.
    assert_eq!(
        users(&ring(&[("https://index.docker.io/v1/team", "t")]), "docker.io/library/nginx"),
        Vec::<String>::new()
    );
}

#[wasm_bindgen_test(unsupported = test)]
fn which_images_count_as_docker_hub() {
    for (image, hub) in [
        ("docker.io/library/nginx", true),
        ("index.docker.io/library/nginx", true),
        ("nginx", true),
        ("team/app", true),
        ("localhost/app", true),
        ("localhost:5000/app", false),
        ("registry.k8s.io/pause", false),
        ("mydocker.io/x", false),
        ("", false),
    ] {
        assert_eq!(is_default_registry_match(image), hub, "{image}");
    }
    // The kubelet looks up the normalized name: localhost/app stays localhost/app, whose first
    // segment has no '.' or ':', so Docker Hub credentials are used for it.
    let l = lookup(&LookupRequest {
        image: "localhost/app".into(),
        image_pull_secrets: vec!["s".into()],
        secrets: vec![secret("s", r#"{"auths":{"https://index.docker.io/v1/":{"username":"hub","password":"x"}}}"#)],
        ..Default::default()
    });
    assert_eq!(l.repo.as_deref(), Some("localhost/app"));
    assert!(l.try_order[0].matched.via_fallback);
}

#[wasm_bindgen_test(unsupported = test)]
fn lookup_uses_the_normalized_name() {
    let l = lookup(&LookupRequest {
        image: "nginx:1.25".into(),
        image_pull_secrets: vec!["s".into()],
        secrets: vec![secret(
            "s",
            r#"{"auths":{"docker.io/library":{"username":"lib","password":"x"},"nginx":{"username":"raw","password":"x"}}}"#,
        )],
        ..Default::default()
    });
    assert_eq!(l.repo.as_deref(), Some("docker.io/library/nginx"));
    assert_eq!(tried(&l), [("lib".to_owned(), "pull secret default/s".to_owned())]);
}

#[wasm_bindgen_test(unsupported = test)]
fn auth_field_decoding() {
    assert_eq!(decode_auth_field("Zm9vOmJhcg=="), Ok(("foo".into(), "bar".into())));
    assert_eq!(decode_auth_field("Zm9vOmJhcg"), Ok(("foo".into(), "bar".into())), "unpadded accepted");
    assert_eq!(decode_auth_field("Zm9vOmJhcgo="), Ok(("foo".into(), "bar\n".into())));
    assert_eq!(decode_auth_field("Zm9vOmJhcjpiYXo="), Ok(("foo".into(), "bar:baz".into())), "split at the first colon");
    assert_eq!(
        decode_auth_field("cGFudHM=").unwrap_err().to_string(),
        "unable to parse auth field, must be formatted as base64(username:password)"
    );
    assert_eq!(decode_auth_field("pants").unwrap_err().to_string(), "illegal base64 data at input byte 4");
    assert_eq!(decode_auth_field("Zm9vOmJhcg==\n ").unwrap_err().to_string(), "illegal base64 data at input byte 13");
}

#[wasm_bindgen_test(unsupported = test)]
fn ignored_fields_are_explained() {
    let c = parse_docker_config_json(
        r#"{"auths":{"r.io":{"identitytoken":"tok","registrytoken":"rt","serveraddress":"x","username":"u","password":"p"}},"credHelpers":{"r.io":"ecr-login"}}"#,
    )
    .unwrap();
    let names: Vec<&str> = c.entries[0].ignored.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["identitytoken", "registrytoken", "serveraddress"]);
    assert!(c.entries[0].ignored[0].reason.contains("never sent"));
    assert!(c.ignored[0].reason.contains("credential helper"));
    assert_eq!(c.entries[0].credential.username, "u");
}

#[wasm_bindgen_test(unsupported = test)]
fn one_bad_auth_rejects_the_whole_secret() {
    let l = lookup(&LookupRequest {
        image: "quay.io/team/app".into(),
        image_pull_secrets: vec!["s".into()],
        secrets: vec![secret("s", r#"{"auths":{"quay.io":{"auth":"Zm9vOmJhcg=="},"other.io":{"auth":"bm9jb2xvbg"}}}"#)],
        node_config: None,
        ..Default::default()
    });
    assert_eq!(
        l.error,
        Some(LookupError::Secret {
            secret: "s".into(),
            message: "unable to parse auth field, must be formatted as base64(username:password)".into()
        })
    );
    assert!(l.try_order.is_empty() && !l.anonymous, "no pull at all, not even anonymous");
    match &l.secrets[0].status {
        SecretStatus::Invalid { error: ConfigError::Auth { key, .. } } => assert_eq!(key, "other.io"),
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn secret_type_and_key_filtering() {
    let l = lookup(&LookupRequest {
        image: "quay.io/x".into(),
        image_pull_secrets: vec!["opaque".into(), "wrong-key".into(), "empty".into(), "legacy".into()],
        secrets: vec![
            SecretManifest::new("opaque", "Opaque", &[(".dockerconfigjson", br#"{"auths":{"quay.io":{}}}"#)]),
            SecretManifest::new("wrong-key", TYPE_DOCKER_CONFIG_JSON, &[(".dockercfg", br#"{"quay.io":{}}"#)]),
            SecretManifest::new("empty", TYPE_DOCKER_CONFIG_JSON, &[(".dockerconfigjson", b"")]),
            SecretManifest::new(
                "legacy",
                TYPE_DOCKERCFG,
                &[(".dockercfg", br#"{"quay.io":{"username":"old","password":"x"}}"#)],
            ),
        ],
        ..Default::default()
    });
    let reasons: Vec<String> = l
        .secrets
        .iter()
        .map(|s| match &s.status {
            SecretStatus::Ignored { reason } => reason.clone(),
            SecretStatus::Used { .. } => "used".into(),
            other => format!("{other:?}"),
        })
        .collect();
    assert!(reasons[0].contains("type Opaque is neither"), "{}", reasons[0]);
    assert!(reasons[1].contains("no .dockerconfigjson key (keys: .dockercfg)"), "{}", reasons[1]);
    assert!(reasons[2].contains("empty"), "{}", reasons[2]);
    assert_eq!(reasons[3], "used");
    assert_eq!(tried(&l), [("old".to_owned(), "pull secret default/legacy".to_owned())]);
}

#[wasm_bindgen_test(unsupported = test)]
fn missing_pull_secrets_warning() {
    assert_eq!(
        missing_secrets_message(&["a".into(), "b".into()]),
        "Unable to retrieve some image pull secrets (a, b); attempting to pull the image may not succeed."
    );
    let l = lookup(&LookupRequest {
        image: "nginx".into(),
        image_pull_secrets: vec!["a".into(), "".into(), "b".into()],
        ..Default::default()
    });
    assert_eq!(l.events.len(), 1);
    assert_eq!(l.events[0].event_type, "Warning");
    assert_eq!(l.events[0].reason, "FailedToRetrieveImagePullSecret");
    assert_eq!(l.events[0].message, missing_secrets_message(&["a".into(), "b".into()]));
    assert!(l.anonymous, "the pull goes on without them");
}

#[wasm_bindgen_test(unsupported = test)]
fn sources_in_order_each_with_its_own_fallback() {
    let l = lookup(&LookupRequest {
        image: "nginx".into(),
        image_pull_secrets: vec!["s".into()],
        secrets: vec![secret("s", r#"{"auths":{"docker.io":{"username":"pod","password":"x"}}}"#)],
        node_config: Some(pullsim::creds::NodeConfig {
            path: "/var/lib/kubelet/config.json".into(),
            format: pullsim::creds::ConfigFormat::DockerConfigJson,
            text: r#"{"auths":{"https://index.docker.io/v1/":{"username":"node","password":"x"}}}"#.into(),
        }),
        ..Default::default()
    });
    // The pod keyring matched, which does not stop the node keyring's own fallback.
    assert_eq!(
        tried(&l),
        [
            ("pod".to_owned(), "pull secret default/s".to_owned()),
            ("node".to_owned(), "node /var/lib/kubelet/config.json".to_owned())
        ]
    );
    assert_eq!(l.try_order.iter().map(|a| a.position).collect::<Vec<_>>(), [1, 2]);
}

fn plugin(match_images: &[&str], auth_key: &str) -> PluginSpec {
    PluginSpec {
        name: "p".into(),
        match_images: match_images.iter().map(|s| (*s).to_owned()).collect(),
        response: Some(PluginResponse {
            cache_key_type: "Registry".into(),
            auth: vec![(auth_key.to_owned(), Credential::new("plug", "x", ""))],
        }),
    }
}

fn plugin_users(image: &str, p: PluginSpec) -> Vec<(String, String)> {
    tried(&lookup(&LookupRequest { image: image.into(), plugins: vec![p], ..Default::default() }))
}

#[wasm_bindgen_test(unsupported = test)]
fn plugin_match_images_rules() {
    let hit = vec![("plug".to_owned(), "plugin p".to_owned())];
    assert_eq!(plugin_users("quay.io/team/app", plugin(&["quay.io"], "quay.io")), hit);
    assert_eq!(plugin_users("quay.io/team/app", plugin(&["*.io"], "quay.io")), hit);
    // No scheme stripping: a scheme makes the entry unusable.
    assert!(plugin_users("quay.io/team/app", plugin(&["https://quay.io"], "quay.io")).is_empty());
    // No /v1/ stripping: "/v1/" must prefix the image path.
    assert!(plugin_users("quay.io/team/app", plugin(&["quay.io/v1/"], "quay.io")).is_empty());
    // No Docker Hub fallback for matchImages.
    assert!(plugin_users("nginx", plugin(&["index.docker.io"], "index.docker.io")).is_empty());
    // A response with an unknown cacheKeyType is discarded.
    let mut p = plugin(&["quay.io"], "quay.io");
    p.response.as_mut().unwrap().cache_key_type = "Forever".into();
    assert!(plugin_users("quay.io/x", p).is_empty());
    // The response's keys go through Add (scheme and /v1/ handling) like config.json keys.
    assert_eq!(plugin_users("quay.io/team/app", plugin(&["quay.io"], "https://quay.io/v1/")), hit);
}

#[wasm_bindgen_test(unsupported = test)]
fn no_anonymous_attempt_after_credentials() {
    let l = lookup(&LookupRequest {
        image: "quay.io/x".into(),
        image_pull_secrets: vec!["s".into()],
        secrets: vec![secret("s", r#"{"auths":{"quay.io":{"username":"a","password":"x"}}}"#)],
        ..Default::default()
    });
    assert!(!l.anonymous);
    assert_eq!(l.try_order.len(), 1);
    let l = lookup(&LookupRequest { image: "quay.io/x".into(), ..Default::default() });
    assert!(l.anonymous && l.try_order.is_empty());
}
