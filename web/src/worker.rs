//! The simulator's Web Worker: a second wasm module (Trunk `data-type="worker"`), loaded right
//! after the page starts. It answers the page's requests ([`pullsim_web::wire::Request`], in
//! [`pullsim_web::codec`]'s format)
//! with [`pullsim_web::compute::handle`], so the YAML reader, the scenario reader, the simulator
//! and the credential lookups never run on (or load with) the page's thread.

use pullsim_web::codec::{decode, encode};
use pullsim_web::compute::handle;
use pullsim_web::transport::{message, text_of};
use pullsim_web::wire::{Request, READY};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let Some(text) = text_of(&e.data()) else { return };
        let Some(request) = decode::<Request>(&text) else {
            web_sys::console::error_1(&JsValue::from_str("pullsim worker: a request that does not decode"));
            return;
        };
        let (answer, transfer) = message(&encode(&handle(request)));
        let _ = reply.post_message_with_transfer(&answer, &transfer);
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}
