//! Secret hygiene (issue 6): passwords and `auth` values never appear in `Debug`, `Display` or
//! the default JSON of the core's types, nor in share links without the opt-in. A scenario with
//! a recognisable password in every credential slot goes through everything a shell prints.

use pullsim::creds::{self, ConfigFormat, Keyring, Source};
use pullsim::share::{self, ShareOptions};
use pullsim::sim::scenario::{Account, ProviderSpec, Repository, SecretSpec};
use pullsim::sim::{credential_lookup, describe_events, simulate, Scenario};
use std::collections::BTreeMap;
use wasm_bindgen_test::wasm_bindgen_test;

const CANARY: &str = "CANARY";

/// `robot:CANARY-auth` in base64, as an `auth` field.
const AUTH: &str = "cm9ib3Q6Q0FOQVJZLWF1dGg=";

fn config(tag: &str) -> String {
    format!(
        r#"{{"auths":{{"registry.example.com":{{"username":"robot","password":"CANARY-{tag}-pass"}},"other.example.com":{{"auth":"{AUTH}"}}}}}}"#
    )
}

fn scenario() -> Scenario {
    let mut s = Scenario::with_workload(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  imagePullSecrets: [{name: pull}, {name: legacy}]\n  containers:\n  - {name: a, image: registry.example.com/team/app:1}\n  - {name: b, image: other.example.com/x:1}\n  - {name: c, image: plugin.example.com/y:1}\n",
    );
    s.node.config_json = Some(config("node"));
    s.secrets.push(SecretSpec {
        name: "pull".into(),
        namespace: "default".into(),
        secret_type: "kubernetes.io/dockerconfigjson".into(),
        dockerconfigjson: Some(config("secret")),
        data: BTreeMap::new(),
    });
    let mut data = BTreeMap::new();
    data.insert(".dockerconfigjson".to_owned(), creds::base64::encode_std(config("data").as_bytes()));
    s.secrets.push(SecretSpec {
        name: "legacy".into(),
        namespace: "default".into(),
        secret_type: "kubernetes.io/dockerconfigjson".into(),
        dockerconfigjson: None,
        data,
    });
    for (repo, private) in [("registry.example.com/team/app", true), ("other.example.com/x", true)] {
        let account = Account { username: "robot".into(), password: "CANARY-registry-pass".into() };
        s.registry
            .repositories
            .insert(repo.into(), Repository { private, credentials: vec![account], ..Repository::default() });
    }
    let mut auth = BTreeMap::new();
    auth.insert("plugin.example.com".into(), Account { username: "p".into(), password: "CANARY-plugin-pass".into() });
    s.providers.push(ProviderSpec { name: "plugin".into(), match_images: vec!["plugin.example.com".into()], auth });
    s
}

fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(CANARY), "{what} shows a secret:\n{text}");
    assert!(!text.contains(AUTH), "{what} shows an auth value:\n{text}");
}

#[wasm_bindgen_test(unsupported = test)]
fn a_scenario_debug_hides_every_credential() {
    let s = scenario();
    assert_clean("Scenario Debug", &format!("{s:?}"));
    assert_clean("Scenario Debug (pretty)", &format!("{s:#?}"));
    // It still says what is there.
    let shown = format!("{s:?}");
    for kept in ["robot", "\"pull\"", ".dockerconfigjson", "bytes hidden", "Masked(\"********\")"] {
        assert!(shown.contains(kept), "{kept}: {shown}");
    }
    // Serializing the scenario itself is the explicit way to keep everything (a scenario file).
    assert!(serde_json::to_string(&s).unwrap().contains(CANARY));
}

#[wasm_bindgen_test(unsupported = test)]
fn simulation_results_never_show_a_credential() {
    let s = scenario();
    let r = simulate(&s);
    assert!(r.pods[0].containers.iter().all(|c| !c.pulls.is_empty()), "every container pulled with credentials");
    assert_clean("SimResult Debug", &format!("{r:?}"));
    assert_clean("SimResult JSON", &serde_json::to_string(&r).unwrap());
    let rows = describe_events(&r.pods[0].events, r.end);
    assert_clean("describe", &format!("{rows:?}"));
    for image in ["registry.example.com/team/app:1", "other.example.com/x:1", "plugin.example.com/y:1"] {
        let l = credential_lookup(&s, "default", &["pull".into(), "legacy".into()], image);
        assert!(l.error.is_none(), "{image}: {:?}", l.error);
        assert_clean("CredsLookup Debug", &format!("{l:?}"));
        assert_clean("CredsLookup JSON", &serde_json::to_string(&l).unwrap());
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn decoded_configs_keyrings_and_lookups_never_show_a_credential() {
    let dockercfg = format!(r#"{{"registry.example.com":{{"auth":"{AUTH}","email":"e"}}}}"#);
    for (text, format) in [(config("a"), ConfigFormat::DockerConfigJson), (dockercfg, ConfigFormat::Dockercfg)] {
        let cfg = creds::parse_config(&text, format).unwrap();
        assert!(!cfg.entries.is_empty());
        assert_clean("DockerConfig Debug", &format!("{cfg:?}"));
        assert_clean("DockerConfig JSON", &serde_json::to_string(&cfg).unwrap());
        for e in &cfg.entries {
            assert_clean("Credential Display", &e.credential.to_string());
        }
        let mut ring = Keyring::new();
        ring.add(&Source::Node { path: "config.json".into() }, &cfg);
        for image in ["registry.example.com/a", "other.example.com/b"] {
            let found = ring.lookup(image);
            assert_clean("lookup Debug", &format!("{found:?}"));
            assert_clean("lookup JSON", &serde_json::to_string(&found).unwrap());
            let explained = ring.explain_lookup(image);
            assert_clean("explain_lookup Debug", &format!("{explained:?}"));
            assert_clean("explain_lookup JSON", &serde_json::to_string(&explained).unwrap());
        }
    }
    // Errors do not echo values either: a bad auth, a type error in a password.
    for bad in [r#"{"auths":{"r":{"auth":"CANARY!!"}}}"#, r#"{"auths":{"r":{"password":["CANARY"]}}}"#] {
        let e = creds::parse_docker_config_json(bad).unwrap_err();
        assert_clean("ConfigError", &format!("{e} {e:?}"));
    }
    let manifests = creds::read_secrets_text(
        &format!(
            "apiVersion: v1\nkind: Secret\nmetadata: {{name: s}}\ntype: kubernetes.io/dockerconfigjson\ndata:\n  .dockerconfigjson: {}\n",
            creds::base64::encode_std(config("manifest").as_bytes())
        ),
        "s",
    )
    .unwrap();
    assert_clean("SecretManifest Debug", &format!("{manifests:?}"));
    let args = creds::secret::DockerRegistrySecretArgs {
        name: "regcred".into(),
        server: "registry.example.com".into(),
        username: "robot".into(),
        password: "CANARY-form-pass".into(),
        ..Default::default()
    };
    assert_clean("DockerRegistrySecretArgs Debug", &format!("{args:?} {args:#?}"));
    let generated = creds::secret::generate_docker_registry_secret(&args).unwrap();
    assert_clean("GeneratedSecret Debug", &format!("{generated:?}"));
}

#[wasm_bindgen_test(unsupported = test)]
fn share_links_carry_credentials_only_when_asked() {
    let s = scenario();
    let link = share::encode(&s, ShareOptions::default());
    let decoded = share::decode(&link).unwrap();
    assert_clean("decoded share link", &serde_json::to_string(&decoded).unwrap());
    assert_clean("decoded share link secrets", &share::secret_values(&decoded).join("\n"));
    let with = share::decode(&share::encode(&s, ShareOptions { include_credentials: true })).unwrap();
    assert_eq!(with, s);
}
