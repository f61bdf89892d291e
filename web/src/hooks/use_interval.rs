//! A repeating timer while `active`.

use gloo_timers::callback::Interval;
use yew::prelude::*;

/// Emits `callback` every `period_ms` while `active` is true.
#[hook]
pub fn use_interval(active: bool, period_ms: u32, callback: Callback<()>) {
    use_effect_with((active, period_ms), move |&(active, period)| {
        let interval = active.then(|| Interval::new(period, move || callback.emit(())));
        move || drop(interval)
    });
}
