//! config.json / .dockercfg / Secret decoding and the keyring built from it: never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pullsim::creds::{self, Keyring, Source};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let configs = [creds::parse_docker_config_json(&text), creds::parse_dockercfg(&text)];
    if let Ok(secrets) = creds::read_secrets_text(&text, "fuzz") {
        for s in &secrets {
            let _ = format!("{s:?}");
        }
    }
    let _ = creds::read_secret_text(&text, "fuzz");
    for config in configs.iter().flatten() {
        let mut keyring = Keyring::new();
        keyring.add(&Source::Node { path: "config.json".into() }, config);
        for image in ["nginx", "registry.example.com:5000/team/app", "docker.io/library/busybox"] {
            let _ = keyring.lookup(image);
        }
        let _ = serde_json::to_string(config);
    }
    let _ = creds::decode_auth_field(&text);
});
