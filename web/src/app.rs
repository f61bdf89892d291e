//! The page: a header, the playground, the reference lab, a footer.

use std::rc::Rc;

use yew::prelude::*;

#[cfg(feature = "lab")]
use crate::components::playground::Playground;
#[cfg(feature = "lab")]
use crate::components::reference_lab::ReferenceLab;
use crate::components::theme_toggle::ThemeToggle;
use crate::mode::{link_of, PageMode};

/// How the page was opened: `location.search` and `location.hash`, read once.
fn opened() -> (Rc<PageMode>, Option<String>) {
    let location = web_sys::window().map(|w| w.location());
    let search = location.as_ref().and_then(|l| l.search().ok()).unwrap_or_default();
    let hash = location.as_ref().and_then(|l| l.hash().ok()).unwrap_or_default();
    (Rc::new(PageMode::from_query(&search)), link_of(&hash))
}

#[function_component(App)]
pub fn app() -> Html {
    let opened = use_memo((), |_| opened());
    let (mode, link) = (opened.0.clone(), opened.1.clone());
    // An embedded page is styled from <html> (`data-embed`: minimal chrome, one view).
    use_effect_with(mode.embed, |embed| {
        if let (Some(e), Some(root)) =
            (embed, web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()))
        {
            let _ = root.set_attribute("data-embed", e.name());
        }
    });
    if mode.embed.is_some() {
        return html! {
            <div class="page embedded">
                <ThemeToggle forced={mode.theme.or(Some(crate::mode::Theme::Auto))} />
                <main>{ playground(mode, link) }</main>
            </div>
        };
    }
    html! {
        <div class="page">
            <header class="site-header">
                <ThemeToggle forced={mode.theme} />
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
                { playground(mode, link) }
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
fn playground(mode: Rc<PageMode>, link: Option<String>) -> Html {
    html! { <Playground {mode} {link} /> }
}

#[cfg(feature = "lab")]
fn lab() -> Html {
    html! { <ReferenceLab /> }
}

/// Without the `lab` feature (only for `cargo xtask size`) the page is the bare shell.
#[cfg(not(feature = "lab"))]
fn playground(_: Rc<PageMode>, _: Option<String>) -> Html {
    html! {}
}

#[cfg(not(feature = "lab"))]
fn lab() -> Html {
    html! { <p>{ "The reference lab is not part of this build." }</p> }
}
