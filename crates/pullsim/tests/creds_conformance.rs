//! Conformance: every row of the upstream credential-provider tables (SPEC §7) —
//! `k8s_credentialprovider__keyring_test.jsonl` and `k8s_credentialprovider__config_test.jsonl` —
//! checked against pullsim's keyring, matcher and config decoding. The same corpus runs natively
//! and under wasm-bindgen-test (the data is embedded).

use pullsim::creds::batch::to_text;
use pullsim::creds::json::{self, Json};
use pullsim::creds::{
    decode_auth_field, is_default_registry_match, marshal_entry, parse_docker_config_json, parse_dockercfg,
    unmarshal_entry, urls_match_str, Credential, DockerConfig, Keyring, Source,
};
use wasm_bindgen_test::wasm_bindgen_test;

const KEYRING: &str = include_str!("data/k8s_credentialprovider__keyring_test.jsonl");
const CONFIG: &str = include_str!("data/k8s_credentialprovider__config_test.jsonl");

/// The rows of a table whose `func` is `func`, parsed keeping object order.
fn rows(table: &str, func: &str) -> Vec<(usize, Json)> {
    let rows: Vec<(usize, Json)> = table
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, json::parse(l).unwrap_or_else(|e| panic!("line {}: {e}", i + 1))))
        .filter(|(_, r)| r.get("func").and_then(Json::as_str) == Some(func))
        .collect();
    assert!(!rows.is_empty(), "no rows for {func}");
    rows
}

fn s<'a>(v: &'a Json, key: &str) -> &'a str {
    v.get(key).and_then(Json::as_str).unwrap_or_else(|| panic!("missing string {key} in {v:?}"))
}

fn b(v: &Json, key: &str) -> bool {
    match v.get(key) {
        Some(Json::Bool(x)) => *x,
        other => panic!("missing bool {key}: {other:?}"),
    }
}

fn node() -> Source {
    Source::Node { path: "test".into() }
}

#[wasm_bindgen_test(unsupported = test)]
fn urls_match_str_rows() {
    for (line, row) in rows(KEYRING, "URLsMatchStr") {
        let input = row.get("input").unwrap();
        let (glob, target) = (s(input, "glob"), s(input, "target"));
        let want = b(row.get("expect").unwrap(), "match");
        assert_eq!(urls_match_str(glob, target), Ok(want), "line {line}: URLsMatchStr({glob:?}, {target:?})");
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn add_and_lookup_rows() {
    for (line, row) in rows(KEYRING, "BasicDockerKeyring.Add+Lookup") {
        let input = row.get("input").unwrap();
        let expect = row.get("expect").unwrap();
        let cfg = parse_dockercfg(&to_text(input.get("configJSON").unwrap()))
            .unwrap_or_else(|e| panic!("line {line}: config does not decode: {e}"));
        let mut keyring = Keyring::new();
        keyring.add(&node(), &cfg);
        let image = s(input, "lookup");
        let creds = keyring.lookup(image);
        let explained = keyring.explain_lookup(image);
        assert_eq!(creds, explained.credentials, "line {line}: fast and explained lookups differ");
        assert_eq!(!creds.is_empty(), b(expect, "found"), "line {line}: found for {image:?}");
        if let Some(first) = expect.get("first") {
            let got = &creds[0].tracked.credential;
            assert_eq!(got.username, s(first, "username"), "line {line}");
            assert_eq!(got.password.reveal(), s(first, "password"), "line {line}");
            assert_eq!(got.email, s(first, "email"), "line {line}");
        }
        if let Some(stored) = expect.get("storedKey").and_then(Json::as_str) {
            assert!(
                keyring.index_keys().iter().any(|k| k == stored),
                "line {line}: index {:?} lacks {stored:?}",
                keyring.index_keys()
            );
            assert_eq!(creds[0].key, stored, "line {line}: matched key");
        }
        if let Some(Json::Number(max)) = expect.get("maxHits") {
            assert!(creds.len() as f64 <= *max, "line {line}: {} hits > {max}", creds.len());
        }
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn lookup_order_rows() {
    for (line, row) in rows(KEYRING, "BasicDockerKeyring.Lookup") {
        let input = row.get("input").unwrap();
        let expect = row.get("expect").unwrap();
        let mut keyring = Keyring::new();
        for (key, v) in input.get("config").unwrap().members() {
            // "user/password/email", as the upstream test builds its entries.
            let parts: Vec<&str> = v.as_str().unwrap().splitn(3, '/').collect();
            keyring.add_entry(&node(), key, Credential::new(parts[0], parts[1], parts[2]));
        }
        let image = s(input, "lookup");
        let got: Vec<String> = keyring.lookup(image).into_iter().map(|m| m.tracked.credential.username).collect();
        let want: Vec<&str> = match expect.get("orderedUsernames") {
            Some(Json::Array(a)) => a.iter().map(|x| x.as_str().unwrap()).collect(),
            other => panic!("line {line}: {other:?}"),
        };
        assert_eq!(got, want, "line {line}: Lookup({image:?})");
        assert_eq!(!got.is_empty(), b(expect, "found"), "line {line}");
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn is_default_registry_match_rows() {
    for (line, row) in rows(KEYRING, "isDefaultRegistryMatch") {
        let image = s(&row, "input");
        let want = b(row.get("expect").unwrap(), "result");
        assert_eq!(is_default_registry_match(image), want, "line {line}: isDefaultRegistryMatch({image:?})");
    }
}

fn check_entry(line: usize, got: &Credential, want: &Json) {
    assert_eq!(got.username, s(want, "Username"), "line {line}: Username");
    assert_eq!(got.password.reveal(), s(want, "Password"), "line {line}: Password");
    assert_eq!(got.email, s(want, "Email"), "line {line}: Email");
}

#[wasm_bindgen_test(unsupported = test)]
fn entry_decode_rows() {
    for (line, row) in rows(CONFIG, "json.Unmarshal into DockerConfigEntry") {
        let expect = row.get("expect").unwrap();
        let (entry, err) = unmarshal_entry(s(&row, "input"));
        assert_eq!(err.is_some(), b(expect, "fail"), "line {line}: error {err:?}");
        check_entry(line, &entry, expect.get("entry").unwrap());
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn auth_field_rows() {
    for (line, row) in rows(CONFIG, "decodeDockerConfigFieldAuth") {
        let expect = row.get("expect").unwrap();
        let got = decode_auth_field(s(&row, "input"));
        assert_eq!(got.is_err(), b(expect, "fail"), "line {line}: {got:?}");
        if let Ok((user, pass)) = got {
            assert_eq!((user.as_str(), pass.as_str()), (s(expect, "username"), s(expect, "password")), "line {line}");
        }
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn entry_marshal_rows() {
    for (line, row) in rows(CONFIG, "json.Marshal DockerConfigEntry") {
        let input = row.get("input").unwrap();
        let cred = Credential::new(s(input, "Username"), s(input, "Password"), s(input, "Email"));
        assert_eq!(marshal_entry(&cred), s(row.get("expect").unwrap(), "json"), "line {line}");
    }
}

fn check_config(line: usize, got: &DockerConfig, want: &Json) {
    assert_eq!(got.entries.len(), want.members().len(), "line {line}: entry count");
    for (key, entry) in want.members() {
        let e = got.entries.iter().find(|e| e.key == *key).unwrap_or_else(|| panic!("line {line}: no key {key}"));
        check_entry(line, &e.credential, entry);
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn config_decode_rows() {
    for (line, row) in rows(CONFIG, "json.Unmarshal into DockerConfig (legacy .dockercfg map)") {
        let got = parse_dockercfg(s(&row, "input")).unwrap_or_else(|e| panic!("line {line}: {e}"));
        check_config(line, &got, row.get("expect").unwrap().get("config").unwrap());
    }
    for (line, row) in rows(CONFIG, "json.Unmarshal into DockerConfigJSON (.dockerconfigjson with auths)") {
        let got = parse_docker_config_json(s(&row, "input")).unwrap_or_else(|e| panic!("line {line}: {e}"));
        check_config(line, &got, row.get("expect").unwrap().get("auths").unwrap());
    }
}

#[wasm_bindgen_test(unsupported = test)]
fn read_config_file_rows() {
    for (line, row) in rows(CONFIG, "ReadDockerConfigFile with preferred path containing config.json") {
        let content = s(row.get("input").unwrap(), "content");
        let got = parse_docker_config_json(content);
        assert_eq!(got.is_err(), b(row.get("expect").unwrap(), "error"), "line {line}: {got:?}");
        // The row's note: the auth decodes to foo / "bar\n", trailing newline kept.
        let cfg = got.unwrap();
        assert_eq!(cfg.entries[0].credential.username, "foo", "line {line}");
        assert_eq!(cfg.entries[0].credential.password.reveal(), "bar\n", "line {line}");
    }
}

/// Every row of both tables is consumed by one of the tests above.
#[wasm_bindgen_test(unsupported = test)]
fn every_row_is_covered() {
    let known = [
        "URLsMatchStr",
        "BasicDockerKeyring.Add+Lookup",
        "BasicDockerKeyring.Lookup",
        "isDefaultRegistryMatch",
        "json.Unmarshal into DockerConfigEntry",
        "decodeDockerConfigFieldAuth",
        "json.Marshal DockerConfigEntry",
        "json.Unmarshal into DockerConfig (legacy .dockercfg map)",
        "json.Unmarshal into DockerConfigJSON (.dockerconfigjson with auths)",
        "ReadDockerConfigFile with preferred path containing config.json",
    ];
    let mut n = 0;
    for table in [KEYRING, CONFIG] {
        for l in table.lines().filter(|l| !l.trim().is_empty()) {
            let row = json::parse(l).unwrap();
            let func = s(&row, "func");
            assert!(known.contains(&func), "unhandled func {func:?}");
            n += 1;
        }
    }
    assert_eq!(n, 62 + 12);
}
