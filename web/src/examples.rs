//! The examples gallery: the repository's `examples/scenarios/*.yaml`. Their texts are compiled
//! into the simulator's worker ([`EXAMPLES`]); the page itself only needs their ids ([`IDS`]), so
//! the texts stay out of its first load.

/// One example: its file name (without `.yaml`) and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    pub id: &'static str,
    pub yaml: &'static str,
}

macro_rules! examples {
    ($($id:literal),* $(,)?) => {
        /// In teaching order: names and defaults first, then failures, then credentials, then
        /// versions.
        pub const EXAMPLES: &[Example] =
            &[$(Example { id: $id, yaml: include_str!(concat!("../../examples/scenarios/", $id, ".yaml")) }),*];
        /// The examples' ids, in the same order.
        pub const IDS: &[&str] = &[$($id),*];
    };
}

examples! {
    "nginx-no-tag",
    "typo-backoff",
    "never-missing",
    "uppercase-invalid",
    "latest-with-digest",
    "digest-pin",
    "pinned-tag-warm-node",
    "outage-always-vs-ifnotpresent",
    "private-no-secret",
    "dockerhub-fallback",
    "glob-port-path-creds",
    "always-pull-images-multitenant",
    "ensure-secret-pulled-images-1.33",
    "ensure-secret-pulled-images-1.35",
}

/// The example the page opens with.
pub const DEFAULT_EXAMPLE: usize = 1;

/// Index of the example with this id.
pub fn index_of(id: &str) -> Option<usize> {
    IDS.iter().position(|&e| e == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pullsim::sim::Scenario;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn every_example_reads_and_has_a_title() {
        assert_eq!(EXAMPLES.len(), 14);
        assert_eq!(IDS, EXAMPLES.iter().map(|e| e.id).collect::<Vec<_>>());
        for e in EXAMPLES {
            let sc = Scenario::from_yaml(e.yaml).unwrap_or_else(|err| panic!("{}: {err}", e.id));
            assert!(!sc.title.is_empty() && !sc.description.is_empty(), "{}", e.id);
        }
        assert_eq!(index_of("typo-backoff"), Some(DEFAULT_EXAMPLE));
    }
}
