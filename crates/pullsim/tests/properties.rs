//! Property tests: accepted references round-trip, normalized and familiar forms are fixed
//! points, and no input panics or yields an error span outside the input. Native only (proptest).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use pullsim::reference::{
    analyze, apply_default_image_tag, parse, parse_docker_ref, parse_image_name, parse_normalized_named,
};

/// Strings over the characters the grammar cares about, plus a few hostile ones.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9._:/@\\-\\[\\] KÄİ\u{212a}\u{0}]{0,48}"
}

/// Valid references built from the grammar's parts.
fn valid_reference() -> impl Strategy<Value = String> {
    let component = "[a-z0-9]{1,6}(([._]|__|-{1,3})[a-z0-9]{1,6}){0,2}";
    let domain = prop_oneof![
        Just(String::new()),
        "[a-z][a-z0-9]{0,5}(\\.[a-z0-9]{1,5}){1,2}(:[0-9]{1,5})?/".prop_map(|s| s),
        Just("localhost/".to_owned()),
        Just("localhost:5000/".to_owned()),
        Just("[fd00::1]:5000/".to_owned()),
    ];
    let path = proptest::collection::vec(component, 1..4).prop_map(|c| c.join("/"));
    let tag = prop_oneof![Just(String::new()), "[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}".prop_map(|t| format!(":{t}"))];
    let digest = prop_oneof![Just(String::new()), "[a-f0-9]{64}".prop_map(|h| format!("@sha256:{h}"))];
    (domain, path, tag, digest).prop_map(|(d, p, t, g)| format!("{d}{p}{t}{g}"))
}

fn check_span(input: &str, span: Option<pullsim::reference::Span>) -> Result<(), TestCaseError> {
    if let Some(s) = span {
        prop_assert!(s.start <= s.end && s.end <= input.len(), "span {s:?} outside {input:?}");
        prop_assert!(input.is_char_boundary(s.start) && input.is_char_boundary(s.end), "span {s:?} splits a char");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_input_panics_and_spans_stay_inside(s in text()) {
        let _ = analyze(&s);
        let _ = parse_docker_ref(&s);
        let _ = apply_default_image_tag(&s);
        if let Err(e) = parse(&s) { check_span(&s, e.span)?; }
        if let Err(e) = parse_normalized_named(&s) { check_span(&s, e.span)?; }
    }

    #[test]
    fn any_string_round_trips_when_accepted(s in text()) {
        if let Ok(r) = parse(&s) {
            prop_assert_eq!(r.to_string(), s.clone());
            prop_assert_eq!(parse(&r.to_string()), Ok(r));
        }
        if let Ok(r) = parse_normalized_named(&s) {
            // Canonical and familiar forms are fixed points of normalization.
            prop_assert_eq!(parse_normalized_named(&r.to_string()), Ok(r.clone()));
            prop_assert_eq!(parse_normalized_named(&r.familiar_string()), Ok(r.clone()));
            prop_assert_eq!(parse(&r.to_string()), Ok(r));
        }
    }

    #[test]
    fn generated_valid_references_parse_and_round_trip(s in valid_reference()) {
        let r = parse(&s);
        prop_assert!(r.is_ok(), "{s:?}: {r:?}");
        prop_assert_eq!(r.map(|r| r.to_string()), Ok(s.clone()));
        let n = parse_normalized_named(&s);
        prop_assert!(n.is_ok(), "{s:?}: {n:?}");
        let n = n.unwrap_or_else(|_| unreachable!());
        prop_assert_eq!(parse_normalized_named(&n.familiar_string()), Ok(n.clone()));
        prop_assert_eq!(parse_normalized_named(&n.to_string()), Ok(n.clone()));
        // The kubelet's view agrees with the normalized reference.
        let k = parse_image_name(&s).map_err(|e| TestCaseError::fail(e.message))?;
        prop_assert_eq!(k.repo, n.name());
        // The runtime string is a fixed point: applying the default tag twice changes nothing.
        let once = apply_default_image_tag(&s).map_err(|e| TestCaseError::fail(e.message))?;
        prop_assert_eq!(apply_default_image_tag(&once), Ok(once.clone()));
    }
}

mod sim {
    use super::*;
    use pullsim::sim::scenario::{Repository, ResyncSpec, UnknownRepositories};
    use pullsim::sim::{simulate, Scenario};

    fn failing(fail_seconds: f64, resync: f64, duration: f64) -> Scenario {
        let mut sc = Scenario::with_workload(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: example.com/app:1}\n",
        );
        sc.registry.unknown_repositories = UnknownRepositories::NotFound;
        let mut repo = Repository { fail_seconds, ..Repository::default() };
        repo.faults.push(pullsim::sim::scenario::Fault {
            kind: pullsim::sim::scenario::FaultKind::NotFound,
            from: 0.0,
            until: None,
        });
        sc.registry.repositories.insert("example.com/app".to_owned(), repo);
        sc.resync = ResyncSpec::Every(resync);
        sc.duration = duration;
        sc
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Consecutive attempts are never further apart than the cap, the pull time and one
        /// re-sync period; and never closer than the window.
        #[test]
        fn attempt_gaps_are_bounded(fail in 0u32..30, resync in 1u32..20, minutes in 5u32..40) {
            let sc = failing(f64::from(fail), f64::from(resync), f64::from(minutes) * 60.0);
            let r = simulate(&sc);
            let c = &r.pods[0].containers[0];
            for w in c.pulls.windows(2) {
                let gap = w[1].started - w[0].started;
                prop_assert!(gap <= 300_000 + u64::from(fail) * 1000 + u64::from(resync) * 1000, "gap {gap}");
            }
            for (pull, window) in c.pulls.iter().skip(1).zip(&c.backoff_windows) {
                prop_assert!(pull.started >= window.1, "attempt at {} inside window {:?}", pull.started, window);
            }
            prop_assert_eq!(simulate(&sc), r);
        }
    }
}
