//! Calls back once `key` has stopped changing for `delay_ms`.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// Runs `callback` `delay_ms` after the last change of `key` (each change cancels the pending
/// call: dropping a gloo `Timeout` clears it). Nothing runs for the first render.
#[hook]
pub fn use_debounce<K: PartialEq + Clone + 'static>(key: K, delay_ms: u32, callback: Callback<()>) {
    let first = use_mut_ref(|| true);
    use_effect_with(key, move |_| {
        let timer = if std::mem::replace(&mut *first.borrow_mut(), false) {
            None
        } else {
            Some(Timeout::new(delay_ms, move || callback.emit(())))
        };
        move || drop(timer)
    });
}
