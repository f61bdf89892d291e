//! The manifest loader: never panics; every error, warning, object and image position lies
//! inside the input, on char boundaries; the JSON fast path gives what the full parse gives.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pullsim::workload::{load, load_bytes, Diagnostic, SourcePos};

fn check_pos(text: &str, p: &SourcePos) {
    assert!(p.start <= p.end && p.end <= text.len(), "{p:?} outside {} bytes", text.len());
    assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end), "{p:?} not on char boundaries");
    assert!(p.line >= 1 && p.column >= 1);
}

fn check_diag(len: usize, d: &Diagnostic) {
    assert!(d.offset <= len, "{d:?} past the end ({len} bytes)");
    assert!(d.line >= 1 && d.column >= 1);
}

fuzz_target!(|data: &[u8]| {
    let r = load_bytes(data);
    for d in r.errors.iter().chain(&r.warnings) {
        check_diag(data.len(), d);
    }
    let Ok(text) = std::str::from_utf8(data) else { return };
    let r = load(text);
    for d in r.errors.iter().chain(&r.warnings) {
        check_diag(text.len(), d);
        assert!(text.is_char_boundary(d.offset), "{d:?} not on a char boundary");
    }
    for o in &r.objects {
        check_pos(text, &o.position);
        for c in &o.pod.containers {
            if let Some(p) = &c.image_position {
                check_pos(text, p);
            }
        }
    }
    for s in &r.skipped {
        check_pos(text, &s.position);
    }
    assert_eq!(r, pullsim::workload::load_unscanned(text), "the JSON fast path differs from the full parse");
});
