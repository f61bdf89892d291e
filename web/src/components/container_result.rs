//! One container's result: the image as written (a button that selects it in the manifest), the
//! normalized image, the effective pull policy and why, the outcome verbatim, then the image's
//! anatomy, the kubelet's decisions and the credential table.

use yew::prelude::*;

use super::anatomy_view::AnatomyView;
use super::cred_table::CredTable;
use super::decision_steps::DecisionSteps;
use super::ref_error::RefErrorView;
use super::rule_link::RuleLink;
use crate::sim_state::{ContainerExtra, Outcome, Shared};
use crate::wire::ContainerView as Container;

#[derive(PartialEq, Properties)]
pub struct ContainerResultProps {
    pub outcome: Shared<Outcome>,
    pub pod: usize,
    pub index: usize,
    pub onreveal: Callback<(usize, usize)>,
}

fn outcome_class(reason: &str) -> &'static str {
    match reason {
        "Running" | "Completed" => "good",
        "ContainerCreating" | "PodInitializing" => "neutral",
        _ => "bad",
    }
}

#[function_component(ContainerResultView)]
pub fn container_result_view(props: &ContainerResultProps) -> Html {
    let c: &Container = &props.outcome.result.pods[props.pod].containers[props.index];
    let extra: &ContainerExtra = &props.outcome.extras[props.pod][props.index];
    let a = &extra.anatomy;
    let reason = c.states.last().map_or("not started", |s| s.reason.as_str()).to_owned();
    let message = c.states.last().map(|s| s.message.clone()).unwrap_or_default();
    let normalized = a.docker_ref.clone().or_else(|| a.canonical.clone());
    let onclick = {
        let cb = props.onreveal.clone();
        let at = (props.pod, props.index);
        Callback::from(move |_: MouseEvent| cb.emit(at))
    };
    let kind = format!("{:?}", c.kind);
    html! {
        <article class="card container-result" data-testid="container-result" data-container={c.name.clone()}>
            <header class="result-head">
                <h4>{ c.name.clone() }</h4>
                <span class="badge kind">{ kind }</span>
                <span class={classes!("badge", "outcome", outcome_class(&reason))} data-testid="container-outcome">
                    { reason.clone() }
                </span>
            </header>
            if !message.is_empty() {
                <p class="state-message"><code>{ message }</code></p>
            }
            <dl class="kv result-kv">
                <div>
                    <dt>{ "Image" }</dt>
                    <dd>
                        if c.image_position.is_some() {
                            <button type="button" class="link-button code-like" {onclick}
                                    title="select it in the manifest editor">
                                { c.image.clone() }
                            </button>
                        } else {
                            <code>{ c.image.clone() }</code>
                        }
                    </dd>
                </div>
                <div>
                    <dt>{ "Normalized" }</dt>
                    <dd>
                        if let Some(n) = normalized {
                            <code data-testid="container-image">{ n }</code>
                        } else {
                            <span class="bad-text" data-testid="container-image">{ "InvalidImageName" }</span>
                        }
                    </dd>
                </div>
                <div>
                    <dt>{ "Pull policy" }</dt>
                    <dd>
                        <span class={classes!("badge", "policy", c.policy.policy.to_lowercase())} data-testid="container-policy">
                            { c.policy.policy.clone() }
                        </span>
                        if c.policy.defaulted { <span class="note">{ " defaulted" }</span> }
                        <p class="reason">{ c.policy.reason.clone() }</p>
                        if let Some(rule) = props.outcome.result.rules.get(c.policy.rule) {
                            <RuleLink rule={rule.clone()} />
                        }
                    </dd>
                </div>
            </dl>
            <details class="more">
                <summary>{ "Image anatomy" }</summary>
                if a.ok {
                    <AnatomyView analysis={a.clone()} scope="container" />
                } else {
                    <RefErrorView analysis={a.clone()} scope="container" />
                }
            </details>
            <details class="more" open=true>
                <summary>{ format!("The kubelet's decisions ({})", c.decisions.len()) }</summary>
                <DecisionSteps outcome={props.outcome.clone()} pod={props.pod} index={props.index} />
            </details>
            if let Some(lookup) = extra.lookup.clone() {
                <details class="more">
                    <summary>{ format!("Credentials ({} to try)", lookup.try_order.len()) }</summary>
                    <CredTable {lookup} outcome={props.outcome.clone()} />
                </details>
            }
        </article>
    }
}
