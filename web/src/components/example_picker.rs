//! The examples gallery: every scenario in `examples/scenarios/`, by title, with what it teaches.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::examples::EXAMPLES;

#[derive(PartialEq, Properties)]
pub struct ExamplePickerProps {
    pub selected: Option<usize>,
    /// The loaded scenario's description.
    pub description: AttrValue,
    pub onpick: Callback<usize>,
}

/// The title of an example, read from its first `title:` line by the core's scenario reader.
fn title(i: usize) -> String {
    pullsim::sim::Scenario::from_yaml(EXAMPLES[i].yaml).map(|s| s.title).unwrap_or_else(|_| EXAMPLES[i].id.to_owned())
}

#[function_component(ExamplePicker)]
pub fn example_picker(props: &ExamplePickerProps) -> Html {
    let titles = use_memo((), |_| (0..EXAMPLES.len()).map(title).collect::<Vec<_>>());
    let onchange = {
        let cb = props.onpick.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                cb.emit(i);
            }
        })
    };
    html! {
        <div class="example-picker">
            <label for="example-picker">{ "Example" }</label>
            <select id="example-picker" data-testid="example-picker" {onchange} aria-describedby="example-description">
                if props.selected.is_none() {
                    <option value="" selected=true>{ "Your own scenario" }</option>
                }
                { for titles.iter().enumerate().map(|(i, t)| html! {
                    <option value={i.to_string()} data-example={EXAMPLES[i].id} selected={props.selected == Some(i)}>
                        { t.clone() }
                    </option>
                }) }
            </select>
            <p class="example-description" id="example-description">{ props.description.clone() }</p>
        </div>
    }
}
