//! The pull policy the API server gives a container whose `imagePullPolicy` is empty, and why.

use yew::prelude::*;

use crate::state::Analysis;

#[derive(PartialEq, Properties)]
pub struct PullPolicyViewProps {
    pub analysis: Analysis,
}

#[function_component(PullPolicyView)]
pub fn pull_policy_view(props: &PullPolicyViewProps) -> Html {
    let p = &props.analysis.policy;
    html! {
        <article class="card" data-testid="ref-policy">
            <h3>{ "Default pull policy" }</h3>
            <p class="big">
                <span class={classes!("badge", "policy", p.policy.to_lowercase())}
                      data-testid="ref-policy-value">
                    { p.policy.clone() }
                </span>
                if p.defaulted {
                    <span class="note">{ "when " }<code>{ "imagePullPolicy" }</code>{ " is left empty" }</span>
                }
            </p>
            <p class="reason">{ p.reason.clone() }</p>
            <p class="note">
                { p.rule.title }
                if let Some(doc) = p.rule.doc {
                    { " · " }
                    <a href={doc} target="_blank" rel="noopener noreferrer">{ "kubernetes.io" }</a>
                }
            </p>
        </article>
    }
}
