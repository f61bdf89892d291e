//! A new share link goes into the address bar (`history.replaceState`: no navigation, no
//! request) and onto the clipboard.

use std::rc::Rc;

use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

use crate::wire::ShareView;

/// Whether the last link reached the clipboard (`None` while it is being copied, or before any).
#[hook]
pub fn use_share_link(share: Option<Rc<ShareView>>) -> Option<bool> {
    let copied = use_state(|| None::<bool>);
    {
        let copied = copied.clone();
        use_effect_with(share, move |share| {
            copied.set(None);
            let link = share.as_ref().map(|s| s.link.as_str()).filter(|l| !l.is_empty());
            if let (Some(link), Some(w)) = (link, web_sys::window()) {
                if let Ok(h) = w.history() {
                    let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{link}")));
                }
                let promise = w.navigator().clipboard().write_text(link);
                spawn_local(async move { copied.set(Some(JsFuture::from(promise).await.is_ok())) });
            }
        });
    }
    *copied
}

/// Opens a share link typed or pasted into the address bar of the open page (the browser only
/// fires `hashchange` then; `history.replaceState` above does not).
#[hook]
pub fn use_hash_links(onopen: Callback<String>) {
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            gloo_events::EventListener::new(&w, "hashchange", move |_| {
                let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
                if let Some(link) = crate::mode::link_of(&hash) {
                    onopen.emit(link);
                }
            })
        });
        move || drop(listener)
    });
}
