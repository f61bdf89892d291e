//! The embed `postMessage` API (README, "Embedding"), for pages opened with `?embed=…`.
//!
//! Origin checks, as documented:
//! - A message is accepted only if it comes from the window that embeds this page
//!   (`event.source === window.parent`) **and** its `event.origin` is one of the page's
//!   `origin=` parameters, exactly. Without an `origin=` parameter nothing is accepted.
//! - Results (`pullsim:ready`, `pullsim:result`) are posted only to those origins
//!   (`targetOrigin` = each of them, so the browser delivers nothing to any other page).
//!   Without an `origin=` parameter the only message sent is `pullsim:height` (a number) to
//!   `"*"`, so that any page can size the frame.
//! - Nothing sent holds a credential: the result is the worker's summary
//!   ([`crate::compute::host_summary`]), built from the simulation's view, which has none.
//!
//! Accepted messages: `{type: "pullsim:set", scenario: "<share link or scenario YAML>"}` and
//! `{type: "pullsim:get"}` (re-sends the last result).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Window};
use yew::prelude::*;

use crate::mode::PageMode;
use crate::sim_state::Shared;

/// The window embedding this page, if it is embedded.
fn parent() -> Option<Window> {
    let w = web_sys::window()?;
    let p = w.parent().ok()??;
    (!js_sys::Object::is(&p, &w)).then_some(p)
}

fn post(message: &JsValue, origins: &[String]) {
    let Some(p) = parent() else { return };
    for o in origins {
        let _ = p.post_message(message, o);
    }
}

fn parse(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap_or(JsValue::NULL)
}

fn field(v: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(v, &JsValue::from_str(name)).ok()?.as_string()
}

/// Whether `e` may talk to this page: from the parent window, from an allowed origin.
pub fn accepted(e: &MessageEvent, origins: &[String]) -> bool {
    let from_parent = match (e.source(), parent()) {
        (Some(s), Some(p)) => js_sys::Object::is(&s, &p),
        _ => false,
    };
    from_parent && origins.iter().any(|o| *o == e.origin())
}

/// Runs the bridge while mounted: `mode` how the page was opened (its `origin=` values), `result`
/// the last summary for the host, `onopen` opens what a host sent.
#[hook]
pub fn use_host_bridge(mode: Rc<PageMode>, result: Option<Shared<String>>, onopen: Callback<String>) {
    let last = use_mut_ref(|| None::<Shared<String>>);
    {
        let (origins, last) = (mode.clone(), last.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().filter(|_| !origins.origins.is_empty()).map(|w| {
                let origins = origins.clone();
                EventListener::new(&w, "message", move |e| {
                    let Some(e) = e.dyn_ref::<MessageEvent>() else { return };
                    if !accepted(e, &origins.origins) {
                        return;
                    }
                    let data = e.data();
                    match field(&data, "type").as_deref() {
                        Some("pullsim:set") => {
                            if let Some(text) = field(&data, "scenario") {
                                onopen.emit(text);
                            }
                        }
                        Some("pullsim:get") => {
                            if let Some(r) = last.borrow().as_ref() {
                                post(&parse(r), &origins.origins);
                            }
                        }
                        _ => {}
                    }
                })
            });
            post(&parse(r#"{"type":"pullsim:ready"}"#), &origins.origins);
            let sizer = observe_height(origins);
            move || {
                drop(listener);
                drop(sizer);
            }
        });
    }
    use_effect_with(result, move |result| {
        if let Some(r) = result {
            post(&parse(r), &mode.origins);
        }
        *last.borrow_mut() = result.clone();
    });
}

/// Posts `{type: "pullsim:height", height}` whenever the app's height changes.
fn observe_height(mode: Rc<PageMode>) -> Option<Observer> {
    parent()?;
    let root = web_sys::window()?.document()?.get_element_by_id("app")?;
    let seen = Rc::new(RefCell::new(0));
    let measure = {
        let root = root.clone();
        Closure::<dyn Fn()>::new(move || {
            let h = root.scroll_height();
            if *seen.borrow() == h {
                return;
            }
            *seen.borrow_mut() = h;
            let message = parse(&format!(r#"{{"type":"pullsim:height","height":{h}}}"#));
            if mode.origins.is_empty() {
                post(&message, &["*".to_owned()]);
            } else {
                post(&message, &mode.origins);
            }
        })
    };
    let observer = web_sys::ResizeObserver::new(measure.as_ref().unchecked_ref()).ok()?;
    observer.observe(&root);
    Some(Observer { observer, _measure: measure })
}

struct Observer {
    observer: web_sys::ResizeObserver,
    _measure: Closure<dyn Fn()>,
}

impl Drop for Observer {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
