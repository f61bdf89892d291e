//! The page's side of the simulator's Web Worker: one worker for the page, created when the app
//! starts (before web/boot.js closes `connect-src`, so that it can load its own wasm), and the
//! messages to and from it ([`crate::wire`], in [`crate::codec`]'s format).
//!
//! Requests wait until the worker says it is ready; only the newest waiting one is sent (an older
//! one would be dropped as stale anyway). The component tests, which have no worker file to load,
//! set an inline backend ([`set_inline`]) that answers on the page's thread instead.

use std::cell::RefCell;

use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use yew::Callback;

use crate::codec::{decode, encode};
use crate::transport::{message, text_of};
use crate::wire::{Request, Response, READY};

/// The worker's loader script, which Trunk writes next to the page (`data-loader-shim`).
pub const WORKER_URL: &str = "pullsim-worker_loader.js";

#[derive(Default)]
struct Client {
    worker: Option<Worker>,
    ready: bool,
    /// The newest request waiting for the worker to be ready (encoded).
    pending: Option<String>,
    /// Where answers go (the playground's reducer).
    subscriber: Option<Callback<Response>>,
    inline: Option<fn(Request) -> Response>,
}

thread_local! {
    static CLIENT: RefCell<Client> = RefCell::new(Client::default());
}

/// Tells web/boot.js how the worker's start went (`ready`, `failed`, or `none` when this build
/// has no playground): it marks the page ready and closes `connect-src` only then.
pub fn announce(status: &str) {
    let Some(window) = web_sys::window() else { return };
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-worker", status);
    }
    if let Ok(event) = web_sys::Event::new("pullsim-worker") {
        let _ = window.dispatch_event(&event);
    }
}

/// Creates the worker. Called once, by [`crate::start`].
pub fn spawn() {
    let worker = match Worker::new(WORKER_URL) {
        Ok(w) => w,
        Err(e) => {
            failed(&format!("{e:?}"));
            return;
        }
    };
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(|e: MessageEvent| {
        if e.data().as_string().as_deref() == Some(READY) {
            let pending = CLIENT.with_borrow_mut(|c| {
                c.ready = true;
                c.pending.take().map(|p| (c.worker.clone(), p))
            });
            if let Some((Some(w), p)) = pending {
                send(&w, &p);
            }
            announce("ready");
            return;
        }
        match text_of(&e.data()).and_then(|text| decode::<Response>(&text)) {
            Some(r) => deliver(r),
            None => web_sys::console::error_1(&JsValue::from_str("pullsim worker: an answer that does not decode")),
        }
    });
    let onerror = Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
        let message = e.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).unwrap_or_default();
        failed(&message);
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    // The worker lives as long as the page.
    onmessage.forget();
    onerror.forget();
    CLIENT.with_borrow_mut(|c| c.worker = Some(worker));
}

fn failed(detail: &str) {
    let ready = CLIENT.with_borrow(|c| c.ready);
    crate::panic::show_notice(&format!("The simulator (a Web Worker) stopped: {detail}"));
    if !ready {
        announce("failed");
    }
}

/// Answers on the page's thread with `f` instead of a worker (for tests).
pub fn set_inline(f: fn(Request) -> Response) {
    CLIENT.with_borrow_mut(|c| c.inline = Some(f));
}

/// Sends answers to `callback` from now on.
pub fn subscribe(callback: Callback<Response>) {
    CLIENT.with_borrow_mut(|c| c.subscriber = Some(callback));
}

/// Sends a request; the answer goes to the subscriber.
pub fn post(request: Request) {
    if let Some(f) = CLIENT.with_borrow(|c| c.inline) {
        // Answer asynchronously, as the worker would, and through the same encoding.
        Timeout::new(0, move || {
            if let Some(answer) = decode::<Request>(&encode(&request)).map(|r| encode(&f(r))) {
                if let Some(r) = decode::<Response>(&answer) {
                    deliver(r);
                }
            }
        })
        .forget();
        return;
    }
    let json = encode(&request);
    let worker = CLIENT.with_borrow_mut(|c| {
        if c.ready {
            c.worker.clone()
        } else {
            c.pending = Some(json.clone());
            None
        }
    });
    if let Some(w) = worker {
        send(&w, &json);
    }
}

fn send(worker: &Worker, text: &str) {
    let (request, transfer) = message(text);
    let _ = worker.post_message_with_transfer(&request, &transfer);
}

fn deliver(response: Response) {
    // Cloned out first: the subscriber may post again while it handles the answer.
    if let Some(cb) = CLIENT.with_borrow(|c| c.subscriber.clone()) {
        cb.emit(response);
    }
}
