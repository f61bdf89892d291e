//! A rule's name, its SPEC section and a link to its kubernetes.io section.

use pullsim::rules::Rule;
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct RuleLinkProps {
    pub rule: Rule,
}

#[function_component(RuleLink)]
pub fn rule_link(props: &RuleLinkProps) -> Html {
    let r = &props.rule;
    html! {
        <span class="step-rule" data-rule={r.id}>
            <span class="rule-title">{ r.title }</span>
            <span class="rule-spec">{ format!(" · SPEC §{}", r.spec.trim_start_matches('§')) }</span>
            if let Some(doc) = r.doc {
                { " · " }
                <a href={doc} target="_blank" rel="noopener noreferrer">{ "kubernetes.io" }</a>
            }
        </span>
    }
}
