//! What the kubelet does with the name: `ParseImageName` (repoToPull, tag, digest) and the
//! string `applyDefaultImageTag` hands to the container runtime, or why it refuses.

use yew::prelude::*;

use crate::state::Analysis;

#[derive(PartialEq, Properties)]
pub struct RuntimeImageProps {
    pub analysis: Analysis,
}

fn value(v: Option<&str>) -> Html {
    match v {
        Some("") => html! { <span class="none">{ "(empty)" }</span> },
        Some(v) => html! { <code>{ v.to_string() }</code> },
        None => html! { <span class="none">{ "—" }</span> },
    }
}

#[function_component(RuntimeImage)]
pub fn runtime_image(props: &RuntimeImageProps) -> Html {
    let k = &props.analysis.kubelet;
    html! {
        <article class="card" data-testid="ref-runtime-image">
            <h3>{ "Sent to the container runtime" }</h3>
            if let Some(image) = k.runtime_image.as_deref() {
                <p class="big"><code data-testid="ref-runtime-string">{ image.to_string() }</code></p>
                <p class="note">
                    { "The kubelet appends the default tag to the name " }<em>{ "as written" }</em>
                    { " (no digest and no tag → " }<code>{ ":latest" }</code>
                    { "); the runtime does the normalizing." }
                </p>
                <dl class="kv">
                    <div><dt>{ "repoToPull" }</dt><dd>{ value(k.repo.as_deref()) }</dd></div>
                    <div><dt>{ "tag" }</dt><dd>{ value(k.tag.as_deref()) }</dd></div>
                    <div><dt>{ "digest" }</dt><dd>{ value(k.digest.as_deref()) }</dd></div>
                </dl>
            } else {
                <p class="big"><span class="badge bad-badge">{ "InvalidImageName" }</span></p>
                <p class="note">
                    { "Nothing is pulled and nothing backs off: the container waits with reason " }
                    <code>{ "InvalidImageName" }</code>
                    { ", re-checked on every sync." }
                </p>
                if let Some(error) = k.error.as_deref() {
                    <p class="kubelet-error"><code>{ error.to_string() }</code></p>
                }
            }
        </article>
    }
}
