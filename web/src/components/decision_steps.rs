//! The kubelet's `EnsureImageExists` runs for one container: each run's numbered steps, each step
//! naming its rule (with its kubernetes.io link), its inputs and its outcome.

use pullsim::gofmt::duration_ms;
use yew::prelude::*;

use super::rule_link::RuleLink;
use crate::sim_state::{Outcome, Shared};

/// Container `index` of pod `pod` in `outcome`.
#[derive(PartialEq, Properties)]
pub struct DecisionStepsProps {
    pub outcome: Shared<Outcome>,
    pub pod: usize,
    pub index: usize,
}

#[function_component(DecisionSteps)]
pub fn decision_steps(props: &DecisionStepsProps) -> Html {
    let Some(c) = props.outcome.result.pods.get(props.pod).and_then(|p| p.containers.get(props.index)) else {
        return Html::default();
    };
    let rules = &props.outcome.result.rules;
    let decisions = &c.decisions;
    if decisions.is_empty() {
        return html! { <p class="none">{ "The kubelet never got to this image (an earlier container or volume blocks it)." }</p> };
    }
    let last = decisions.len() - 1;
    html! {
        <div class="decisions">
            { for decisions.iter().enumerate().map(|(i, d)| {
                let again = if d.repeated_at.is_empty() {
                    String::new()
                } else {
                    format!(" (and {} later syncs, the same way)", d.repeated_at.len())
                };
                html! {
                    <details class="decision" open={i == 0 || i == last && last < 3}>
                        <summary>
                            { format!("At {}{again}: ", duration_ms(d.at)) }
                            <strong class="outcome-text">{ d.outcome.clone() }</strong>
                        </summary>
                        <ol class="steps-list">
                            { for d.steps.iter().map(|s| html! {
                                <li>
                                    if let Some(rule) = rules.get(s.rule) {
                                        <RuleLink rule={rule.clone()} />
                                    }
                                    if !s.inputs.is_empty() {
                                        <dl class="inputs">
                                            { for s.inputs.iter().map(|(k, v)| html! {
                                                <div><dt>{ k.clone() }</dt><dd><code>{ v.clone() }</code></dd></div>
                                            }) }
                                        </dl>
                                    }
                                    <p class="step-text">{ s.outcome.clone() }</p>
                                </li>
                            }) }
                        </ol>
                    </details>
                }
            }) }
        </div>
    }
}
