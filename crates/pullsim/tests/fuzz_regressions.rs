//! One named test per fuzz finding (FUZZING.md). The share-link float finding is
//! `share::fuzz_share_floats_round_trip_exactly`.

use pullsim::reference::parse_normalized_named;
use wasm_bindgen_test::wasm_bindgen_test;

/// Fuzz finding (reference target), upstream behaviour kept: a Docker Hub path whose first
/// component looks like a domain has a familiar form that names another registry, so the
/// familiar form is not a fixed point. distribution/reference does the same.
#[wasm_bindgen_test(unsupported = test)]
fn fuzz_reference_familiar_form_of_a_domain_like_docker_hub_path() {
    let hub = parse_normalized_named("docker.io/1a3f.io/app").unwrap();
    assert_eq!((hub.domain(), hub.path()), ("docker.io", "1a3f.io/app"));
    assert_eq!(hub.familiar_string(), "1a3f.io/app");
    let back = parse_normalized_named(&hub.familiar_string()).unwrap();
    assert_eq!((back.domain(), back.path()), ("1a3f.io", "app"));

    let twice = parse_normalized_named("docker.io/docker.io/library/flibrary/foo/bar").unwrap();
    assert_eq!(twice.familiar_string(), "docker.io/library/flibrary/foo/bar");
    let back = parse_normalized_named(&twice.familiar_string()).unwrap();
    assert_eq!(back.familiar_string(), "library/flibrary/foo/bar");
}
