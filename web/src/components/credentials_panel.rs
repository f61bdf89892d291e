//! Credentials: the node's config.json (as the file's text), the namespace's Secrets and the
//! credential provider plugins (YAML), and a `kubectl create secret docker-registry` form.

use pullsim::creds::secret::DockerRegistrySecretArgs;
use yew::prelude::*;

use super::code_editor::CodeEditor;
use super::secret_form::SecretForm;
use crate::sim_state::{EditorError, Reveal, Section};

#[derive(PartialEq, Properties)]
pub struct CredentialsPanelProps {
    pub config_json: AttrValue,
    pub secrets: AttrValue,
    pub generation: u32,
    pub config_errors: Vec<EditorError>,
    pub secret_errors: Vec<EditorError>,
    pub reveal: Option<Reveal>,
    pub oninput: Callback<(Section, String)>,
    pub onsecret: Callback<DockerRegistrySecretArgs>,
    /// The form's last status: `(ok, text)`.
    pub secret_status: Option<(bool, String)>,
}

#[function_component(CredentialsPanel)]
pub fn credentials_panel(props: &CredentialsPanelProps) -> Html {
    html! {
        <div class="panel-body">
            <CodeEditor
                section={Section::ConfigJson}
                label="Node config.json (/var/lib/kubelet/config.json)"
                value={props.config_json.clone()}
                generation={props.generation}
                errors={props.config_errors.clone()}
                reveal={props.reveal}
                hint={html! { <>{ "Empty: the node has none. Example: " }
                    <code>{ r#"{"auths":{"registry.example.com":{"auth":"dXNlcjpwYXNz"}}}"# }</code></>}}
                rows={4}
                oninput={props.oninput.clone()}
            />
            <CodeEditor
                section={Section::Secrets}
                label="Pull Secrets and provider plugins (YAML)"
                value={props.secrets.clone()}
                generation={props.generation}
                errors={props.secret_errors.clone()}
                reveal={props.reveal}
                hint={html! { <>
                    <code>{ "secrets[]" }</code>{ ": " }<code>{ "{name, namespace, type, dockerconfigjson | data}" }</code>
                    { "; " }<code>{ "providers[]" }</code>{ ": " }<code>{ "{name, matchImages, auth}" }</code>{ "." }
                </> }}
                rows={8}
                oninput={props.oninput.clone()}
            />
            <SecretForm onsecret={props.onsecret.clone()} status={props.secret_status.clone()} />
        </div>
    }
}
