//! Results per pod and container, with the simulation's notes.

use yew::prelude::*;

use super::container_result::ContainerResultView;
use crate::sim_state::{Outcome, Shared};

#[derive(PartialEq, Properties)]
pub struct ResultsProps {
    pub outcome: Shared<Outcome>,
    pub onreveal: Callback<(usize, usize)>,
}

#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let r = &props.outcome.result;
    html! {
        <section class="results" aria-labelledby="results-title">
            <h2 id="results-title">{ "Results" }</h2>
            if let Some(t) = &r.truncated {
                <p class="notice">{ t.clone() }</p>
            }
            if !r.notes.is_empty() {
                <ul class="notes" data-testid="sim-notes">
                    { for r.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                </ul>
            }
            if r.pods.is_empty() {
                <p class="none">{ "No pod: the manifest holds no object that runs containers." }</p>
            }
            { for r.pods.iter().enumerate().map(|(p, pod)| html! {
                <section class="pod" aria-label={format!("pod {}", pod.name)}>
                    <h3>{ "Pod " }<code>{ pod.name.clone() }</code>
                        <span class="note">{ format!(" in namespace {}", pod.namespace) }</span></h3>
                    { for (0..pod.containers.len()).map(|i| html! {
                        <ContainerResultView outcome={props.outcome.clone()} pod={p} index={i}
                                             onreveal={props.onreveal.clone()} />
                    }) }
                </section>
            }) }
        </section>
    }
}
