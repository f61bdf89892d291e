//! The registry as YAML: repositories by normalized name, tags → digests, private or public, the
//! accounts it accepts, pull times and faults; and what an unlisted repository does.

use yew::prelude::*;

use super::code_editor::CodeEditor;
use crate::sim_state::{EditorError, Reveal, Section};

#[derive(PartialEq, Properties)]
pub struct RegistryPanelProps {
    pub text: AttrValue,
    pub generation: u32,
    pub errors: Vec<EditorError>,
    pub reveal: Option<Reveal>,
    pub oninput: Callback<(Section, String)>,
}

#[function_component(RegistryPanel)]
pub fn registry_panel(props: &RegistryPanelProps) -> Html {
    let hint = html! {
        <>
            { "Repositories by normalized name (" }<code>{ "docker.io/library/nginx" }</code>{ "): " }
            <code>{ "tags" }</code>{ " (tag → digest; empty = any tag), " }<code>{ "private" }</code>{ ", " }
            <code>{ "credentials" }</code>{ " (accepted accounts), " }<code>{ "faults" }</code>
            { " (" }<code>{ "notFound" }</code>{ ", " }<code>{ "unauthorized" }</code>{ ", " }
            <code>{ "unavailable" }</code>{ ", " }<code>{ "registryUnavailable" }</code>{ ", " }
            <code>{ "signatureValidationFailed" }</code>{ ", with " }<code>{ "from" }</code>{ "/" }
            <code>{ "until" }</code>{ " in seconds); " }<code>{ "unknownRepositories" }</code>{ ": " }
            <code>{ "public" }</code>{ " or " }<code>{ "notFound" }</code>{ "." }
        </>
    };
    html! {
        <div class="panel-body">
            <CodeEditor
                section={Section::Registry}
                label="Registry (YAML)"
                value={props.text.clone()}
                generation={props.generation}
                errors={props.errors.clone()}
                reveal={props.reveal}
                hint={hint}
                rows={12}
                oninput={props.oninput.clone()}
            />
        </div>
    }
}
