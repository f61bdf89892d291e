//! `kubectl create secret docker-registry`: the core generates the Secret exactly as kubectl
//! would (in the simulator's worker, `compute::secret_spec`) and adds it to the scenario. The password field is `type=password` and is the
//! only place the password is ever shown; the Secret joins the scenario base64-encoded in `data`,
//! as kubectl writes it.

use pullsim::creds::secret::DockerRegistrySecretArgs;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(PartialEq, Properties)]
pub struct SecretFormProps {
    pub onsecret: Callback<DockerRegistrySecretArgs>,
    /// What the last submission did: `(ok, text)`.
    pub status: Option<(bool, String)>,
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
    let onsubmit = {
        let (name, namespace, server, username, password, email) =
            (name.clone(), namespace.clone(), server.clone(), username.clone(), password.clone(), email.clone());
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
            cb.emit(args);
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
                { match &props.status {
                    Some((true, m)) => html! { <span class="ok-text">{ m.clone() }</span> },
                    Some((false, m)) => html! { <span class="bad-text">{ m.clone() }</span> },
                    None => html! {},
                } }
            </p>
        </form>
    }
}
