//! The reference lab: one image name in, its anatomy out, re-analysed on every edit.

use yew::prelude::*;

use super::anatomy_view::AnatomyView;
use super::pull_policy::PullPolicyView;
use super::ref_error::RefErrorView;
use super::ref_input::RefInput;
use super::rule_steps::RuleSteps;
use super::runtime_image::RuntimeImage;
use crate::state::{LabAction, LabState};

#[function_component(ReferenceLab)]
pub fn reference_lab() -> Html {
    let state = use_reducer(LabState::default);
    let oninput = {
        let state = state.clone();
        Callback::from(move |value: String| state.dispatch(LabAction::SetInput(value)))
    };
    let analysis = state.analysis.clone();
    let ok = analysis.ok;
    // One short sentence for screen readers, announced politely after each edit.
    let summary = match (&analysis.error, analysis.kubelet.runtime_image.as_deref()) {
        (Some(error), _) => format!("Invalid: {error}"),
        (None, Some(image)) => {
            format!("Valid. The runtime is asked for {image}; default pull policy {}.", analysis.policy.policy)
        }
        (None, None) => "Valid.".to_string(),
    };
    html! {
        <section class="lab" aria-labelledby="lab-title">
            <h2 id="lab-title">{ "Reference lab" }</h2>
            <RefInput
                value={AttrValue::from(state.input.clone())}
                invalid={!ok}
                describedby="lab-result"
                {oninput}
            />
            <p class="sr-only" aria-live="polite" data-testid="ref-summary">{ summary }</p>
            <div id="lab-result" class="lab-result">
                if ok {
                    <AnatomyView analysis={analysis.clone()} />
                } else {
                    <RefErrorView analysis={analysis.clone()} />
                }
            </div>
            <div class="cards">
                <RuntimeImage analysis={analysis.clone()} />
                <PullPolicyView analysis={analysis.clone()} />
            </div>
            <RuleSteps {analysis} />
        </section>
    }
}
