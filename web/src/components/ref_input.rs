//! The lab's one text field: an accessible, labelled `<input>` that reports every edit.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct RefInputProps {
    pub value: AttrValue,
    /// Whether the current value is invalid (sets `aria-invalid`).
    pub invalid: bool,
    /// The id of the element that describes the current result (`aria-describedby`).
    pub describedby: AttrValue,
    pub oninput: Callback<String>,
}

#[function_component(RefInput)]
pub fn ref_input(props: &RefInputProps) -> Html {
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(input.value());
        })
    };
    html! {
        <div class="field">
            <label for="ref-input">{ "Image" }</label>
            <input
                id="ref-input"
                data-testid="ref-input"
                type="text"
                class="ref-input"
                value={props.value.clone()}
                {oninput}
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                aria-invalid={if props.invalid { "true" } else { "false" }}
                aria-describedby={props.describedby.clone()}
            />
            <p class="hint">
                { "Type an image exactly as you would write it in a pod spec's " }
                <code>{ "image:" }</code>
                { " field, for example " }
                <code>{ "nginx" }</code>{ ", " }
                <code>{ "ghcr.io/org/app:1.2" }</code>{ " or " }
                <code>{ "localhost:5000/app@sha256:…" }</code>{ "." }
            </p>
        </div>
    }
}
