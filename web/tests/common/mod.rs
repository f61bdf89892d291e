//! What the browser tests share: a fresh container, waiting for Yew, events as a browser sends
//! them, and reading the DOM.
#![allow(dead_code)]

use std::time::Duration;

use web_sys::{Element, Event, EventInit};

/// A fresh `<div>` in the document's body, to render into.
pub fn container() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// Yields to the browser for `ms`, so that Yew's scheduler runs and the DOM is up to date.
pub async fn settle(ms: u64) {
    yew::platform::time::sleep(Duration::from_millis(ms)).await;
}

/// Dispatches a bubbling `kind` event on `el` (Yew listens at the root).
pub fn fire(el: &Element, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&Event::new_with_event_init_dict(kind, &init).unwrap()).unwrap();
}

/// The element `selector` matches, or a panic naming the selector.
pub fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no element matches {selector}"))
}

/// The text of the element `selector` matches.
pub fn text(root: &Element, selector: &str) -> String {
    one(root, selector).text_content().unwrap_or_default()
}
