//! The rules that fired, in order, each naming its rule and linking its kubernetes.io section.

use yew::prelude::*;

use crate::state::Analysis;

#[derive(PartialEq, Properties)]
pub struct RuleStepsProps {
    pub analysis: Analysis,
}

#[function_component(RuleSteps)]
pub fn rule_steps(props: &RuleStepsProps) -> Html {
    let steps = &props.analysis.steps;
    html! {
        <section class="steps" aria-labelledby="steps-title" data-testid="ref-steps">
            <h3 id="steps-title">{ "What happened, step by step" }</h3>
            if steps.is_empty() {
                <p class="none">{ "No rule fired." }</p>
            } else {
                <ol>
                    { for steps.iter().map(|step| html! {
                        <li data-rule={step.rule.id}>
                            <p class="step-text">{ step.text.clone() }</p>
                            <p class="step-rule">
                                <span class="rule-title">{ step.rule.title }</span>
                                <span class="rule-spec">{ format!(" · SPEC §{}", step.rule.spec.trim_start_matches('§')) }</span>
                                if let Some(doc) = step.rule.doc {
                                    { " · " }
                                    <a href={doc} target="_blank" rel="noopener noreferrer">
                                        { "kubernetes.io" }
                                    </a>
                                }
                            </p>
                        </li>
                    }) }
                </ol>
            }
        </section>
    }
}
