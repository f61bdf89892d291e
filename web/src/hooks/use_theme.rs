//! The colour theme: `prefers-color-scheme` unless the user picked one (remembered in
//! `localStorage`, which iframes and private windows may refuse: then it is simply not
//! remembered) or the page's `?theme=` forces one. Applied as `data-theme` on `<html>`.

use yew::prelude::*;

use crate::mode::Theme;

const KEY: &str = "pullsim-theme";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The theme in use and a callback that moves to the next one.
#[hook]
pub fn use_theme(forced: Option<Theme>) -> (Theme, Callback<()>) {
    let theme = use_state(|| {
        forced
            .or_else(|| storage().and_then(|s| s.get_item(KEY).ok()?).and_then(|t| Theme::parse(&t)))
            .unwrap_or(Theme::Auto)
    });
    use_effect_with(*theme, |&t| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = match t {
                Theme::Auto => root.remove_attribute("data-theme"),
                t => root.set_attribute("data-theme", t.name()),
            };
        }
    });
    let next = {
        let theme = theme.clone();
        Callback::from(move |_| {
            let t = theme.next();
            if let Some(s) = storage() {
                let _ = s.set_item(KEY, t.name());
            }
            theme.set(t);
        })
    };
    (*theme, next)
}
