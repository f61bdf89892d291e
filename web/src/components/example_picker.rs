//! The examples gallery: every scenario in `examples/scenarios/`, by title, with what it teaches.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::examples::IDS;
use crate::sim_state::Shared;

#[derive(PartialEq, Properties)]
pub struct ExamplePickerProps {
    pub selected: Option<usize>,
    /// The examples' titles, once the simulator's worker has read them (their ids until then).
    pub titles: Option<Shared<Vec<String>>>,
    /// The loaded scenario's description.
    pub description: AttrValue,
    pub onpick: Callback<usize>,
}

#[function_component(ExamplePicker)]
pub fn example_picker(props: &ExamplePickerProps) -> Html {
    let title = |i: usize| props.titles.as_ref().and_then(|t| t.get(i).cloned()).unwrap_or_else(|| IDS[i].to_owned());
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
                { for IDS.iter().enumerate().map(|(i, id)| html! {
                    <option value={i.to_string()} data-example={*id} selected={props.selected == Some(i)}>
                        { title(i) }
                    </option>
                }) }
            </select>
            <p class="example-description" id="example-description">{ props.description.clone() }</p>
        </div>
    }
}
