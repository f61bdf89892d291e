//! An invalid reference: upstream's exact error text, and the input with the offending
//! characters underlined (the error's byte span, widened to whole characters).

use yew::prelude::*;

use crate::state::Analysis;
use crate::text::mark;

#[derive(PartialEq, Properties)]
pub struct RefErrorViewProps {
    pub analysis: Analysis,
    /// Prefix of the `data-testid`s (see [`super::anatomy_view::AnatomyViewProps::scope`]).
    #[prop_or(AttrValue::Static("ref"))]
    pub scope: AttrValue,
}

#[function_component(RefErrorView)]
pub fn ref_error_view(props: &RefErrorViewProps) -> Html {
    let a = &props.analysis;
    let scope = &props.scope;
    let Some(error) = a.error.as_ref() else {
        return html! {};
    };
    let input = a.input.as_str();
    let echo = match error.span {
        Some(span) => {
            let m = mark(input, span.start, span.end);
            let bad = if m.bad.is_empty() {
                // Nothing to underline (e.g. an empty name): point between the characters.
                html! { <mark class="bad caret" data-testid={format!("{scope}-error-mark")} title="here">{ "\u{2038}" }</mark> }
            } else {
                html! { <mark class="bad" data-testid={format!("{scope}-error-mark")}>{ m.bad.to_string() }</mark> }
            };
            html! {
                <p class="echo">
                    <code class="echo-text">
                        { m.before.to_string() }{ bad }{ m.after.to_string() }
                    </code>
                    <span class="sr-only">
                        { format!("The offending part is “{}”, bytes {} to {}.", m.bad, span.start, span.end) }
                    </span>
                </p>
            }
        }
        None if input.is_empty() => html! { <p class="echo"><span class="none">{ "(empty)" }</span></p> },
        None => html! { <p class="echo"><code class="echo-text">{ input.to_string() }</code></p> },
    };
    html! {
        <div class="ref-error" data-testid={format!("{scope}-error")}>
            <p class="error-title">
                <span class="badge bad-badge">{ "invalid" }</span>
                { " Kubernetes cannot parse this image name" }
            </p>
            <p class="error-message"><code data-testid={format!("{scope}-error-message")}>{ error.to_string() }</code></p>
            { echo }
            <p class="note">
                if !error.kind.go_name().starts_with('(') {
                    { "Upstream error " }<code>{ error.kind.go_name() }</code>{ ". " }
                }
                { "The API server still admits such a pod (it only requires a non-empty image); \
                   the kubelet then refuses it." }
            </p>
        </div>
    }
}
