//! `kubectl create secret docker-registry`: the core generates the Secret exactly as kubectl
//! would; the page adds it to the scenario. The password field is `type=password` and is the
//! only place the password is ever shown; the Secret joins the scenario base64-encoded in `data`,
//! as kubectl writes it.

use pullsim::creds::secret::{generate_docker_registry_secret, DockerRegistrySecretArgs, GeneratedSecret};
use pullsim::sim::scenario::SecretSpec;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The generated Secret as a scenario Secret (`data` as kubectl writes it).
pub fn secret_spec(g: &GeneratedSecret) -> SecretSpec {
    let data = g.manifest.data.iter().map(|(k, v)| (k.clone(), pullsim::creds::base64::encode_std(&v.0))).collect();
    SecretSpec {
        name: g.manifest.name.clone(),
        namespace: if g.manifest.namespace.is_empty() { "default".to_owned() } else { g.manifest.namespace.clone() },
        secret_type: g.manifest.secret_type.clone(),
        dockerconfigjson: None,
        data,
    }
}

#[derive(PartialEq, Properties)]
pub struct SecretFormProps {
    pub onsecret: Callback<SecretSpec>,
}

fn field(id: &'static str, label: &'static str, kind: &'static str, value: &UseStateHandle<String>) -> Html {
    let oninput = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| value.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    html! {
        <div class="field">
            <label for={id}>{ label }</label>
            <input id={id} type={kind} value={(**value).clone()} {oninput}
                   autocomplete={if kind == "password" { "new-password" } else { "off" }} spellcheck="false" />
        </div>
    }
}

#[function_component(SecretForm)]
pub fn secret_form(props: &SecretFormProps) -> Html {
    let name = use_state(|| "regcred".to_owned());
    let namespace = use_state(|| "default".to_owned());
    let server = use_state(String::new);
    let username = use_state(String::new);
    let password = use_state(String::new);
    let email = use_state(String::new);
    let status = use_state(|| None::<Result<String, String>>);
    let onsubmit = {
        let (name, namespace, server, username, password, email) =
            (name.clone(), namespace.clone(), server.clone(), username.clone(), password.clone(), email.clone());
        let status = status.clone();
        let cb = props.onsecret.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let args = DockerRegistrySecretArgs {
                name: (*name).clone(),
                namespace: (*namespace).clone(),
                server: (*server).clone(),
                username: (*username).clone(),
                password: (*password).clone(),
                email: (*email).clone(),
            };
            match generate_docker_registry_secret(&args) {
                Ok(g) => {
                    let spec = secret_spec(&g);
                    status.set(Some(Ok(format!(
                        "secret/{} created in namespace {} ({}); reference it from the pod's imagePullSecrets.",
                        spec.name, spec.namespace, spec.secret_type
                    ))));
                    cb.emit(spec);
                }
                Err(message) => status.set(Some(Err(format!("error: {message}")))),
            }
        })
    };
    html! {
        <form class="secret-form" {onsubmit} aria-labelledby="secret-form-title">
            <h4 id="secret-form-title"><code>{ "kubectl create secret docker-registry" }</code></h4>
            <div class="form-grid">
                { field("secret-name", "Name", "text", &name) }
                { field("secret-namespace", "Namespace", "text", &namespace) }
                { field("secret-server", "--docker-server (empty: Docker Hub)", "text", &server) }
                { field("secret-username", "--docker-username", "text", &username) }
                { field("secret-password", "--docker-password", "password", &password) }
                { field("secret-email", "--docker-email", "text", &email) }
            </div>
            <button type="submit">{ "Create secret" }</button>
            <p class="form-status" role="status" data-testid="secret-form-status">
                { match &*status {
                    Some(Ok(m)) => html! { <span class="ok-text">{ m.clone() }</span> },
                    Some(Err(m)) => html! { <span class="bad-text">{ m.clone() }</span> },
                    None => html! {},
                } }
            </p>
        </form>
    }
}
