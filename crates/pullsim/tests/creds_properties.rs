//! Property tests for the credential keyring (SPEC §5.3–§5.5) and credential masking.
//! Native only (proptest).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use pullsim::creds::keyring::Source;
use pullsim::creds::kubelet::NodeConfig;
use pullsim::creds::secret::{SecretManifest, KEY_DOCKER_CONFIG_JSON, TYPE_DOCKER_CONFIG_JSON};
use pullsim::creds::{
    encode_auth_field, explain_urls_match, lookup, parse_docker_config_json, urls_match_str, ConfigFormat, Credential,
    Keyring, LookupRequest,
};

/// Keys as people write them: schemes (right and wrong), globs, ports, paths, /v1/ /v2/.
fn key() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![Just(""), Just("https://"), Just("http://"), Just("HTTPS://"), Just("ftp://")];
    let host = "(\\*|[a-z]{1,4}|[a-z]\\*)(\\.(\\*|[a-z]{1,4})){0,3}";
    let port = prop_oneof![Just(String::new()), "[0-9]{1,4}".prop_map(|p| format!(":{p}")), Just(":x".to_owned())];
    let path = prop_oneof![
        Just(String::new()),
        Just("/".to_owned()),
        Just("/v1/".to_owned()),
        Just("/v2/".to_owned()),
        "(/v[12])?(/[a-z]{1,4}){1,2}/?".prop_map(|p| p),
    ];
    (scheme, host, port, path).prop_map(|(s, h, p, pa)| format!("{s}{h}{p}{pa}"))
}

/// Image locations (normalized repositories and a few raw names).
fn image() -> impl Strategy<Value = String> {
    let host = "[a-z]{1,4}(\\.[a-z]{1,4}){0,3}(:[0-9]{1,4})?";
    let path = "(/[a-z]{1,4}){0,3}";
    prop_oneof![
        (host, path).prop_map(|(h, p)| format!("{h}{p}")),
        "[a-z]{1,6}(/[a-z]{1,6})?".prop_map(|p| format!("docker.io/{p}")),
        "[a-z]{1,6}",
    ]
}

fn ring(keys: &[String]) -> Keyring {
    let mut k = Keyring::new();
    for (i, key) in keys.iter().enumerate() {
        k.add_entry(&Source::Node { path: "p".into() }, key, Credential::new(format!("u{i}"), "x", ""));
    }
    k
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// The index is de-duplicated, in strictly decreasing byte order, and the same whatever the
    /// order in which keys were added.
    #[test]
    fn index_order_is_total_and_input_independent(keys in proptest::collection::vec(key(), 0..24), seed in any::<u64>()) {
        let a = ring(&keys);
        let mut shuffled = keys.clone();
        // A deterministic permutation from the seed.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let b = ring(&shuffled);
        let ia = a.index_keys();
        prop_assert_eq!(&ia, &b.index_keys());
        for w in ia.windows(2) {
            prop_assert!(w[0].as_bytes() > w[1].as_bytes(), "{:?} then {:?}", w[0], w[1]);
        }
    }

    /// Lookups return the same keys in the same order whatever the insertion order (only the
    /// order of credentials under one key follows insertion, as upstream's map order would), and
    /// the explained lookup agrees with the fast one.
    #[test]
    fn lookup_is_input_order_independent(keys in proptest::collection::vec(key(), 0..24), img in image()) {
        let a = ring(&keys);
        let mut rev = keys.clone();
        rev.reverse();
        let b = ring(&rev);
        let ka: Vec<String> = a.lookup(&img).into_iter().map(|m| m.key).collect();
        let kb: Vec<String> = b.lookup(&img).into_iter().map(|m| m.key).collect();
        prop_assert_eq!(&ka, &kb);
        let mut ua: Vec<String> = a.lookup(&img).into_iter().map(|m| m.tracked.written_key).collect();
        let mut ub: Vec<String> = b.lookup(&img).into_iter().map(|m| m.tracked.written_key).collect();
        ua.sort();
        ub.sort();
        prop_assert_eq!(ua, ub);
        prop_assert_eq!(a.lookup(&img), a.explain_lookup(&img).credentials);
    }

    /// The matcher never panics, whatever the input, and its explanation agrees with it.
    #[test]
    fn matcher_total(glob in "[a-z0-9.*?\\[\\]\\\\^:@/%#{} é-]{0,20}", target in "[a-z0-9.:@/%#\\[\\] é-]{0,20}") {
        let verdict = urls_match_str(&glob, &target);
        let ex = explain_urls_match(&glob, &target);
        prop_assert_eq!(verdict.as_ref().ok().copied().unwrap_or(false), ex.matched);
        prop_assert_eq!(verdict.err(), ex.error);
    }

    /// No input makes key normalization, matching, lookups or config decoding panic.
    #[test]
    fn no_input_panics(a in any::<String>(), b in "[a-z0-9.*?\\[\\]%:@/#-]{0,24}", text in any::<String>()) {
        for k in [&a, &b] {
            let _ = pullsim::creds::normalize_key(k);
            let r = ring(std::slice::from_ref(k));
            let _ = r.explain_lookup(&a);
            let _ = r.lookup(&b);
            let _ = urls_match_str(&a, &b);
            let _ = urls_match_str(&b, &a);
            let _ = pullsim::creds::decode_auth_field(k);
        }
        let _ = parse_docker_config_json(&text);
        let _ = pullsim::creds::parse_dockercfg(&format!("{{\"{}\": {{\"auth\": \"{}\"}}}}", b, b));
        let _ = lookup(&LookupRequest { image: a.clone(), ..Default::default() });
    }

    /// Passwords and auth fields never show through Debug, Display or serde — in a credential, a
    /// decoded config, or a whole explained lookup — but reveal() returns them.
    #[test]
    fn masking_never_leaks(user in "[a-z]{1,8}", digits in "[0-9]{6,10}", email in "[a-z]{1,6}@[a-z]{1,6}\\.io", img in image()) {
        let password = format!("pw{digits}Z");
        let auth = encode_auth_field(&user, &password);
        let c = Credential::new(&user, &password, &email);
        let shown = [format!("{c}"), format!("{c:?}"), format!("{c:#?}"), serde_json::to_string(&c).unwrap()];
        for s in &shown {
            prop_assert!(!s.contains(&password), "{}", s);
        }
        prop_assert_eq!(c.reveal().password, password.clone());

        let host = img.split('/').next().unwrap_or_default().to_owned();
        let text = format!(
            r#"{{"auths":{{"{host}":{{"auth":"{auth}","email":"{email}"}},"https://index.docker.io/v1/":{{"username":"{user}","password":"{password}"}}}}}}"#
        );
        let cfg = parse_docker_config_json(&text).unwrap();
        prop_assert_eq!(cfg.entries[0].credential.password.reveal(), password.as_str());
        let req = LookupRequest {
            image: img.clone(),
            image_pull_secrets: vec!["s".into()],
            secrets: vec![SecretManifest::new("s", TYPE_DOCKER_CONFIG_JSON, &[(KEY_DOCKER_CONFIG_JSON, text.as_bytes())])],
            node_config: Some(NodeConfig { path: "config.json".into(), format: ConfigFormat::DockerConfigJson, text: text.clone() }),
            ..Default::default()
        };
        let result = lookup(&req);
        let renders = [
            format!("{cfg:?}"),
            serde_json::to_string(&cfg).unwrap(),
            format!("{req:?}"),
            serde_json::to_string(&req).unwrap(),
            format!("{result:?}"),
            serde_json::to_string(&result).unwrap(),
        ];
        for r in &renders {
            prop_assert!(!r.contains(&password), "password in {}", r);
            prop_assert!(!r.contains(&auth), "auth in {}", r);
        }
    }
}
