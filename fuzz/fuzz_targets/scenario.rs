//! The scenario loader and a short simulation: never panics, never runs away.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pullsim::sim::{simulate, Scenario};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(mut sc) = Scenario::from_yaml(text) else { return };
    // Short runs keep the fuzzer fast; the engine's own limits are tested in the core.
    if !(sc.duration <= 120.0) {
        sc.duration = 120.0;
    }
    let r = simulate(&sc);
    assert!(r.end <= 120_000, "ran to {} ms", r.end);
    let _ = serde_json::to_string(&r);
});
