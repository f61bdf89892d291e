//! The page: a header, the playground, the reference lab, a footer.

use yew::prelude::*;

#[cfg(feature = "lab")]
use crate::components::playground::Playground;
#[cfg(feature = "lab")]
use crate::components::reference_lab::ReferenceLab;

#[function_component(App)]
pub fn app() -> Html {
    html! {
        <div class="page">
            <header class="site-header">
                <h1 class="brand">
                    <span class="brand-mark" aria-hidden="true"></span>
                    { "pullsim" }
                </h1>
                <p class="tagline">
                    { "What Kubernetes does with a container image name: parsed, normalized and \
                       defaulted exactly as upstream does, right here in your browser." }
                </p>
            </header>
            <main>
                { lab() }
            </main>
            <footer class="site-footer">
                <p>
                    { "Everything is computed in this page; nothing you type leaves it. Behaviour \
                       follows distribution/reference and the kubelet; error texts are upstream's." }
                </p>
            </footer>
        </div>
    }
}

#[cfg(feature = "lab")]
fn lab() -> Html {
    html! { <><Playground /><ReferenceLab /></> }
}

/// Without the `lab` feature (only for `cargo xtask size`) the page is the bare shell.
#[cfg(not(feature = "lab"))]
fn lab() -> Html {
    html! { <p>{ "The reference lab is not part of this build." }</p> }
}
