//! The image-reference parser: never panics; accepted references round-trip through their string;
//! normalized and familiar forms are fixed points.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pullsim::reference::{self, parse, parse_normalized_named};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(r) = parse(s) {
        let text = r.to_string();
        assert_eq!(parse(&text).as_ref(), Ok(&r), "parse(x.to_string()) == x for {s:?}");
    }
    if let Ok(n) = parse_normalized_named(s) {
        let canonical = n.to_string();
        let again = parse_normalized_named(&canonical).expect("the canonical form parses");
        assert_eq!(again.to_string(), canonical, "canonical form is a fixed point for {s:?}");
        // The familiar form may be refused (docker.io/library/<64 hex> → a bare hex id, which
        // ParseNormalizedNamed refuses) or read differently when its first component looks like
        // a domain (docker.io/a.io/b → `a.io/b`), exactly as upstream. Otherwise familiarizing
        // is idempotent and the familiar form normalizes back to the same reference.
        let familiar = n.familiar_string();
        let first = familiar.split('/').next().unwrap_or("");
        let domain_like = familiar.contains('/') && (first.contains(['.', ':']) || first == "localhost");
        if let (Ok(back), false) = (parse_normalized_named(&familiar), domain_like) {
            assert_eq!(back, n, "familiar form normalizes back for {s:?}");
            assert_eq!(back.familiar_string(), familiar, "familiar form is a fixed point for {s:?}");
        }
    }
    let _ = reference::parse_any_reference(s);
    let _ = reference::parse_image_name(s);
    let anatomy = reference::analyze(s);
    let _ = serde_json::to_string(&anatomy);
});
