//! The share-link decoder: never panics; a decoded link holds no credential it did not carry.
//!
//! Input starting with `{` is a JSON payload (wrapped as a `v1.` link, so the fuzzer mutates
//! scenarios, not base64); anything else is a link as is. Every decoded scenario, stripped and
//! re-encoded, decodes to itself with nothing but `REMOVED` in its secrets. And a scenario with a
//! canary password in every credential slot, encoded without credentials and then damaged by the
//! input, never decodes to anything containing the canary.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pullsim::share::{decode, encode, secret_values, strip_credentials, ShareOptions, REMOVED};
use pullsim::sim::scenario::{Account, Repository, SecretSpec};
use pullsim::sim::Scenario;
use std::sync::OnceLock;

fn is_removed(v: &str) -> bool {
    v == REMOVED || v.ends_with(&format!(":{REMOVED}"))
}

fn canary_link() -> &'static [u8] {
    static LINK: OnceLock<String> = OnceLock::new();
    LINK.get_or_init(|| {
        let mut s = Scenario::with_workload("kind: Pod\nspec: {containers: [{name: c, image: r.example/a}]}\n");
        let cfg = r#"{"auths":{"r.example":{"username":"u","password":"CANARY1","auth":"dTpDQU5BUlky","identitytoken":"CANARY3"}}}"#;
        s.node.config_json = Some(cfg.to_owned());
        s.secrets.push(SecretSpec {
            name: "s".into(),
            namespace: "default".into(),
            secret_type: "kubernetes.io/dockerconfigjson".into(),
            dockerconfigjson: Some(cfg.to_owned()),
            data: [(".dockerconfigjson".to_owned(), pullsim::creds::base64::encode_std(cfg.as_bytes()))].into(),
        });
        let account = Account { username: "u".into(), password: "CANARY4".into() };
        s.registry
            .repositories
            .insert("r.example/a".into(), Repository { credentials: vec![account], ..Repository::default() });
        encode(&s, ShareOptions::default())
    })
    .as_bytes()
}

fn holds_canary(s: &Scenario) -> bool {
    serde_json::to_string(s).unwrap_or_default().contains("CANARY")
        || secret_values(s).iter().any(|v| v.contains("CANARY"))
}

fuzz_target!(|data: &[u8]| {
    // 1. The input as a link (or a JSON payload).
    let link = if data.first() == Some(&b'{') {
        let mut l = String::from("v1.");
        for chunk in data.chunks(3) {
            let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
            let v = (b(0) << 16) | (b(1) << 8) | b(2);
            for i in 0..=chunk.len() {
                let c = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[((v >> (18 - 6 * i)) & 63) as usize];
                l.push(c as char);
            }
        }
        l
    } else {
        String::from_utf8_lossy(data).into_owned()
    };
    if let Ok(s) = decode(&link) {
        let stripped = strip_credentials(&s);
        assert!(secret_values(&stripped).iter().all(|v| is_removed(v)), "stripping left a secret");
        assert_eq!(strip_credentials(&stripped), stripped, "stripping is idempotent");
        let again = decode(&encode(&s, ShareOptions::default())).expect("an encoded link decodes");
        assert_eq!(again, stripped, "stripped round trip");
        let full = decode(&encode(&s, ShareOptions { include_credentials: true })).expect("decodes");
        assert_eq!(full, s, "round trip with credentials");
    }
    // 2. The canary link damaged by the input: (position, byte) pairs.
    let mut damaged = canary_link().to_vec();
    for pair in data.chunks_exact(3) {
        let at = usize::from(u16::from_le_bytes([pair[0], pair[1]]));
        if damaged.is_empty() {
            break;
        }
        let at = at % (damaged.len() + 1);
        match pair[2] {
            0 if at < damaged.len() => {
                damaged.remove(at);
            }
            b => damaged.insert(at, b),
        }
    }
    if let Ok(s) = decode(&String::from_utf8_lossy(&damaged)) {
        assert!(!holds_canary(&s), "a damaged stripped link yielded a credential");
    }
});
