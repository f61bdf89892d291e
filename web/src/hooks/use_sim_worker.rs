//! The playground's link to the simulator's Web Worker ([`crate::worker_client`]).

use yew::prelude::*;

use crate::sim_state::Shared;
use crate::wire::{Request, Response};
use crate::worker_client;

/// Sends `outbox` to the worker whenever it holds a new request, and hands every answer to
/// `onanswer` (the reducer drops answers to older requests).
#[hook]
pub fn use_sim_worker(outbox: Option<Shared<Request>>, onanswer: Callback<Response>) {
    use_effect_with((), move |_| worker_client::subscribe(onanswer));
    use_effect_with(outbox, |outbox| {
        if let Some(r) = outbox {
            worker_client::post((**r).clone());
        }
    });
}
