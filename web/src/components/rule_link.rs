//! A rule's name, its SPEC section and a link to its kubernetes.io section.

use yew::prelude::*;

use crate::wire::RuleView;

#[derive(PartialEq, Properties)]
pub struct RuleLinkProps {
    /// A core `Rule` converts into this (borrowed); the worker's results carry it owned.
    pub rule: RuleView,
}

#[function_component(RuleLink)]
pub fn rule_link(props: &RuleLinkProps) -> Html {
    let r = &props.rule;
    html! {
        <span class="step-rule" data-rule={r.id.to_string()}>
            <span class="rule-title">{ r.title.to_string() }</span>
            <span class="rule-spec">{ format!(" · SPEC §{}", r.spec.trim_start_matches('§')) }</span>
            if let Some(doc) = r.doc.as_ref().map(ToString::to_string) {
                { " · " }
                <a href={doc} target="_blank" rel="noopener noreferrer">{ "kubernetes.io" }</a>
            }
        </span>
    }
}
