//! The toolbar above the playground: share link (with the explicit "include credentials"
//! opt-in), presentation mode, and the keyboard shortcuts' legend.

use std::rc::Rc;

use yew::prelude::*;

use crate::wire::ShareView;

#[derive(PartialEq, Properties)]
pub struct ShareBarProps {
    pub share: Option<Rc<ShareView>>,
    /// Whether the link reached the clipboard (`None`: not yet, or no link).
    pub copied: Option<bool>,
    pub include_credentials: bool,
    pub present: bool,
    /// The editors read: there is something to share.
    pub ready: bool,
    pub onshare: Callback<()>,
    pub oninclude: Callback<bool>,
    pub onpresent: Callback<bool>,
}

#[function_component(ShareBar)]
pub fn share_bar(props: &ShareBarProps) -> Html {
    let onshare = props.onshare.reform(|_: MouseEvent| ());
    let oninclude = props.oninclude.reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlInputElement>().checked());
    let present = props.present;
    let onpresent = props.onpresent.reform(move |_: MouseEvent| !present);
    let status = match props.share.as_deref() {
        Some(ShareView { error: Some(e), .. }) => html! { <span class="bad-text">{ format!("No link: {e}.") }</span> },
        Some(s) => {
            let copied = match props.copied {
                Some(true) => "Link copied to the clipboard and put in the address bar.",
                Some(false) => "Link put in the address bar (the clipboard refused it: copy it from the field).",
                None => "Link put in the address bar.",
            };
            let removed = match (s.removed, props.include_credentials) {
                (_, true) => " It includes the credentials: share it only with people who may see them.".to_owned(),
                (0, false) => String::new(),
                (n, false) => format!(
                    " {n} credential(s) were left out (shown as removed); tick \u{201c}include credentials\u{201d} to keep them."
                ),
            };
            html! { <span class="ok-text">{ copied }{ removed }</span> }
        }
        None => html! {},
    };
    html! {
        <div class="share-bar" role="group" aria-label="share and present">
            <button type="button" data-testid="share-button" onclick={onshare} disabled={!props.ready}>
                { "Copy share link" }
            </button>
            <label class="check">
                <input type="checkbox" data-testid="share-include-credentials" checked={props.include_credentials}
                       onchange={oninclude} />
                { "include credentials (passwords, tokens) in the link" }
            </label>
            <button type="button" data-testid="present-button" aria-pressed={present.to_string()} onclick={onpresent}>
                { if present { "Leave presentation (Esc)" } else { "Present" } }
            </button>
            if let Some(link) = props.share.as_ref().filter(|s| !s.link.is_empty()) {
                <label for="share-link" class="sr-only">{ "Share link" }</label>
                <input id="share-link" class="share-link" data-testid="share-link" readonly=true
                       value={format!("#{}", link.link)} />
            }
            <p class="share-status" role="status" data-testid="share-status">{ status }</p>
        </div>
    }
}
