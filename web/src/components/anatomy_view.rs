//! A valid reference taken apart: domain / path / tag / digest, each in its own colour (and
//! named, so colour is never the only cue), then its canonical and familiar forms.

use yew::prelude::*;

use crate::state::Analysis;

#[derive(PartialEq, Properties)]
pub struct AnatomyViewProps {
    pub analysis: Analysis,
    /// Prefix of the `data-testid`s: `ref` in the reference lab; the playground's containers use
    /// their own, so that the page never holds two elements with one test id.
    #[prop_or(AttrValue::Static("ref"))]
    pub scope: AttrValue,
}

/// One named part of the reference, coloured by `class`.
fn part(class: &'static str, text: &str) -> Html {
    html! { <span class={classes!("part", class)} data-part={class}>{ text.to_string() }</span> }
}

fn sep(text: &'static str) -> Html {
    html! { <span class="sep">{ text }</span> }
}

fn legend_row(class: &'static str, label: &'static str, value: Option<&str>, none: &str) -> Html {
    html! {
        <div class={classes!("legend-row", class)}>
            <dt><span class={classes!("swatch", class)} aria-hidden="true"></span>{ label }</dt>
            <dd>
                if let Some(value) = value {
                    <code>{ value.to_string() }</code>
                } else {
                    <span class="none">{ none.to_string() }</span>
                }
            </dd>
        </div>
    }
}

fn form_row(label: &'static str, testid: String, value: Option<&str>, note: Html) -> Html {
    html! {
        <div class="form-row">
            <dt>{ label }</dt>
            <dd>
                <code class="form-value" data-testid={testid}>
                    { value.unwrap_or("—").to_string() }
                </code>
                <span class="note">{ note }</span>
            </dd>
        </div>
    }
}

#[function_component(AnatomyView)]
pub fn anatomy_view(props: &AnatomyViewProps) -> Html {
    let a = &props.analysis;
    let scope = &props.scope;
    let domain = a.domain.as_deref().unwrap_or_default();
    let path = a.path.as_deref().unwrap_or_default();
    html! {
        <div class="anatomy" data-testid={format!("{scope}-anatomy")}>
            <p class="ref-parts" aria-label="the normalized reference, part by part">
                { part("domain", domain) }
                { sep("/") }
                { part("path", path) }
                if let Some(tag) = a.tag.as_deref() {
                    { sep(":") }
                    { part("tag", tag) }
                }
                if let Some(digest) = a.digest.as_deref() {
                    { sep("@") }
                    { part("digest", digest) }
                }
            </p>
            <dl class="legend">
                { legend_row("domain", "domain", a.domain.as_deref(), "none") }
                { legend_row("path", "path", a.path.as_deref(), "none") }
                { legend_row("tag", "tag", a.tag.as_deref(), "none given") }
                { legend_row("digest", "digest", a.digest.as_deref(), "none given") }
            </dl>
            <dl class="forms">
                { form_row("Canonical", format!("{scope}-canonical"), a.canonical.as_deref(), html! {
                    <>{ "what " }<code>{ "ParseNormalizedNamed(…).String()" }</code>{ " returns" }</>
                }) }
                { form_row("Familiar", format!("{scope}-familiar"), a.familiar.as_deref(), html! {
                    <>{ "how " }<code>{ "docker" }</code>{ " and " }<code>{ "kubectl" }</code>
                      { " print it (" }<code>{ "FamiliarString" }</code>{ ")" }</>
                }) }
                { form_row("Docker ref", format!("{scope}-docker-ref"), a.docker_ref.as_deref(), html! {
                    <><code>{ "ParseDockerRef" }</code>
                      { ": a digest wins over a tag; no tag and no digest gets " }
                      <code>{ ":latest" }</code></>
                }) }
            </dl>
        </div>
    }
}
