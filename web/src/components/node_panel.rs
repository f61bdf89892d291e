//! The node: Kubernetes version (a select), and as YAML its images, feature gates, kubelet
//! settings, admission and the run's timing. The gates in effect are listed from the result.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use pullsim::sim::version::{GATES, NEWEST_MINOR, OLDEST_MINOR};

use super::code_editor::CodeEditor;
use crate::sim_state::{EditorError, Reveal, Section};

#[derive(PartialEq, Properties)]
pub struct NodePanelProps {
    pub version: AttrValue,
    pub text: AttrValue,
    pub generation: u32,
    pub errors: Vec<EditorError>,
    pub reveal: Option<Reveal>,
    /// Feature gates in effect in the last simulation.
    pub gates: Vec<(String, bool)>,
    pub onversion: Callback<String>,
    pub oninput: Callback<(Section, String)>,
}

#[function_component(NodePanel)]
pub fn node_panel(props: &NodePanelProps) -> Html {
    let onchange = {
        let cb = props.onversion.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(select.value());
        })
    };
    let hint = html! {
        <>
            <code>{ "node.images" }</code>{ " (what the node already has), " }
            <code>{ "featureGates" }</code>{ ", " }<code>{ "kubelet" }</code>{ " settings, " }
            <code>{ "admission.alwaysPullImages" }</code>{ ", and the run: " }
            <code>{ "duration" }</code>{ " (s), " }<code>{ "resync" }</code>{ ", " }<code>{ "pods[].at" }</code>
            { ". See docs/SCENARIO.md." }
        </>
    };
    html! {
        <div class="panel-body">
            <div class="field inline">
                <label for="k8s-version">{ "Kubernetes version" }</label>
                <select id="k8s-version" data-testid="version-picker" {onchange}>
                    { for (OLDEST_MINOR..=NEWEST_MINOR).rev().map(|m| {
                        let v = format!("1.{m}");
                        html! { <option value={v.clone()} selected={props.version == v}>{ v }</option> }
                    }) }
                </select>
            </div>
            if !props.gates.is_empty() {
                <ul class="gates" aria-label="feature gates in effect">
                    { for props.gates.iter().map(|(name, on)| {
                        let note = GATES.iter().find(|g| g.name == name).map(|g| g.note).unwrap_or_default();
                        html! {
                            <li title={note}>
                                <code>{ name.clone() }</code>
                                <span class={classes!("badge", if *on { "on" } else { "off" })}>
                                    { if *on { "on" } else { "off" } }
                                </span>
                            </li>
                        }
                    }) }
                </ul>
            }
            <CodeEditor
                section={Section::Node}
                label="Node, kubelet and run (YAML)"
                value={props.text.clone()}
                generation={props.generation}
                errors={props.errors.clone()}
                reveal={props.reveal}
                hint={hint}
                rows={10}
                oninput={props.oninput.clone()}
            />
        </div>
    }
}
