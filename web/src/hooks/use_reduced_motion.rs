//! Whether the user asked for less motion (`prefers-reduced-motion: reduce`).

use yew::prelude::*;

/// Read once per mount; the clock then moves in whole-second jumps instead of animating.
#[hook]
pub fn use_reduced_motion() -> bool {
    *use_state(|| {
        web_sys::window()
            .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
            .is_some_and(|m| m.matches())
    })
}
