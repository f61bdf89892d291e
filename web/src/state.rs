//! App state as reducers, in the manner of Yew's `function_todomvc` example: components dispatch
//! actions; `reduce` returns the next state. Analysis happens here, once per change, so views only
//! read.

use std::rc::Rc;

#[cfg(feature = "analysis")]
use pullsim::reference::analyze;
use pullsim::reference::Anatomy;
use yew::prelude::*;

/// The image the lab starts with.
pub const DEFAULT_IMAGE: &str = "nginx";

/// A shared, immutable analysis. Equality is identity: a new analysis is a new value, which is
/// all Yew's props comparison needs (and cheaper than comparing the anatomy field by field).
#[derive(Debug, Clone)]
pub struct Analysis(pub Rc<Anatomy>);

impl PartialEq for Analysis {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Analysis {
    type Target = Anatomy;
    fn deref(&self) -> &Anatomy {
        &self.0
    }
}

/// The core's analysis of one image name (the lab's, and each playground container's anatomy).
pub fn analysis_of(input: &str) -> Analysis {
    Analysis(Rc::new(analyze(input)))
}

/// The reference lab: the text in the input, and what the core makes of it.
#[derive(Debug, Clone, PartialEq)]
pub struct LabState {
    pub input: String,
    pub analysis: Analysis,
}

impl LabState {
    pub fn new(input: impl Into<String>) -> LabState {
        let input = input.into();
        let analysis = Analysis(Rc::new(analyze(&input)));
        LabState { input, analysis }
    }
}

impl Default for LabState {
    fn default() -> LabState {
        LabState::new(DEFAULT_IMAGE)
    }
}

pub enum LabAction {
    /// The user edited the image name: re-analyse it (every keystroke; analysis takes well under
    /// a microsecond, so no debounce is needed for one name).
    SetInput(String),
}

impl Reducible for LabState {
    type Action = LabAction;

    fn reduce(self: Rc<Self>, action: LabAction) -> Rc<Self> {
        match action {
            LabAction::SetInput(input) if input == self.input => self,
            LabAction::SetInput(input) => Rc::new(LabState::new(input)),
        }
    }
}

/// Without the `analysis` feature (only for `cargo xtask size`): a fixed result, so that the build
/// keeps all of the lab's view code but none of the core's reference analysis.
#[cfg(not(feature = "analysis"))]
fn analyze(input: &str) -> Anatomy {
    use pullsim::policy::PolicyDecision;
    use pullsim::reference::KubeletView;
    use pullsim::rules::Rule;
    let none = || None;
    Anatomy {
        input: input.to_string(),
        ok: !input.is_empty(),
        error: None,
        name: none(),
        domain: Some("docker.io".into()),
        path: Some(input.to_string()),
        tag: none(),
        digest: none(),
        canonical: none(),
        familiar: none(),
        docker_ref: none(),
        kubelet: KubeletView { repo: none(), tag: none(), digest: none(), runtime_image: none(), error: none() },
        policy: PolicyDecision {
            policy: "IfNotPresent".into(),
            defaulted: true,
            reason: String::new(),
            rule: Rule { id: "stub", title: "stub", spec: "§0", doc: None },
        },
        steps: Vec::new(),
    }
}

#[cfg(all(test, feature = "analysis"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn starts_with_nginx() {
        let state = LabState::default();
        assert_eq!(state.input, "nginx");
        assert!(state.analysis.ok);
        assert_eq!(state.analysis.canonical.as_deref(), Some("docker.io/library/nginx"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn editing_re_analyses() {
        let state = Rc::new(LabState::default());
        let next = state.clone().reduce(LabAction::SetInput("Nginx".to_string()));
        assert_eq!(next.input, "Nginx");
        assert!(!next.analysis.ok);
        let error = next.analysis.error.as_ref().expect("an error");
        assert_eq!(error.to_string(), "invalid reference format: repository name (library/Nginx) must be lowercase");
        assert_ne!(next.analysis, state.analysis);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn unchanged_input_keeps_the_state() {
        let state = Rc::new(LabState::default());
        let same = state.clone().reduce(LabAction::SetInput("nginx".to_string()));
        assert!(Rc::ptr_eq(&state, &same));
    }
}
