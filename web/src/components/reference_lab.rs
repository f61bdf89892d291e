//! The reference lab: one image name in, its anatomy out, re-analysed on every edit.

use yew::prelude::*;

use super::anatomy_view::AnatomyView;
use super::pull_policy::PullPolicyView;
use super::ref_error::RefErrorView;
use super::ref_input::RefInput;
use super::rule_steps::RuleSteps;
use super::runtime_image::RuntimeImage;
use crate::state::{LabAction, LabState};
use crate::text::elide;

/// Above this many bytes the lab shows the core's verdict shortened instead of every view (each
/// view quotes the name, so a pasted megabyte would put tens of megabytes of text in the page). A
/// valid name is far shorter: its path is at most 255 characters (`NAME_TOTAL_LENGTH_MAX`).
const DISPLAY_LIMIT: usize = 4096;

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
    let long = state.input.len() > DISPLAY_LIMIT;
    let summary = match (&analysis.error, analysis.kubelet.runtime_image.as_deref()) {
        (Some(error), _) => format!("Invalid: {}", elide(&error.to_string(), 300)),
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
                if long {
                    <div class="ref-error" data-testid="ref-too-long">
                        <p class="error-title">
                            { format!("This name is {} bytes long: the page shows the core's verdict shortened.", state.input.len()) }
                        </p>
                        <p><code class="error-message">{ match &analysis.error {
                            Some(e) => elide(&e.to_string(), 300).into_owned(),
                            None => "valid".to_owned(),
                        } }</code></p>
                    </div>
                } else if ok {
                    <AnatomyView analysis={analysis.clone()} />
                } else {
                    <RefErrorView analysis={analysis.clone()} />
                }
            </div>
            if !long {
                <div class="cards">
                    <RuntimeImage analysis={analysis.clone()} />
                    <PullPolicyView analysis={analysis.clone()} />
                </div>
                <RuleSteps {analysis} />
            }
        </section>
    }
}
