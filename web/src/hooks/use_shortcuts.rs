//! Keyboard shortcuts (listed on the page by `components::shortcuts`): Ctrl/Cmd+Enter analyses
//! now, everywhere; in presentation mode →/← step the clock, Space plays or pauses, +/− change
//! the speed and Esc leaves. The mapping is a pure function ([`shortcut_of`]).

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    AnalyzeNow,
    Step { forward: bool },
    TogglePlay,
    Faster(bool),
    ExitPresentation,
}

/// The shortcut for `key` (`KeyboardEvent.key`), with Ctrl or Cmd held (`command`), in
/// presentation mode or not, with the focus in a text field or not (where plain keys type).
pub fn shortcut_of(key: &str, command: bool, present: bool, typing: bool) -> Option<Shortcut> {
    if command {
        return (key == "Enter").then_some(Shortcut::AnalyzeNow);
    }
    if !present || typing {
        return None;
    }
    Some(match key {
        "ArrowRight" => Shortcut::Step { forward: true },
        "ArrowLeft" => Shortcut::Step { forward: false },
        " " | "Spacebar" => Shortcut::TogglePlay,
        "+" | "=" => Shortcut::Faster(true),
        "-" | "_" => Shortcut::Faster(false),
        "Escape" => Shortcut::ExitPresentation,
        _ => return None,
    })
}

/// Listens on the window while mounted.
#[hook]
pub fn use_shortcuts(present: bool, on: Callback<Shortcut>) {
    use_effect_with(present, move |&present| {
        let listener = web_sys::window().map(|w| {
            // Not passive: a handled key must not also scroll the page or press a focused button.
            EventListener::new_with_options(&w, "keydown", EventListenerOptions::enable_prevent_default(), move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
                let typing = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| matches!(el.tag_name().as_str(), "TEXTAREA" | "INPUT" | "SELECT"));
                if let Some(s) = shortcut_of(&e.key(), e.ctrl_key() || e.meta_key(), present, typing) {
                    e.prevent_default();
                    if typing {
                        // A large editor reads its text when typing pauses or on blur
                        // (`components::code_editor`): blur and refocus so the analysis sees it all.
                        if let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                            let _ = el.blur();
                            let _ = el.focus();
                        }
                    }
                    on.emit(s);
                }
            })
        });
        move || drop(listener)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn presentation_keys_work_only_in_presentation_and_not_while_typing() {
        assert_eq!(shortcut_of("ArrowRight", false, true, false), Some(Shortcut::Step { forward: true }));
        assert_eq!(shortcut_of("ArrowLeft", false, true, false), Some(Shortcut::Step { forward: false }));
        assert_eq!(shortcut_of(" ", false, true, false), Some(Shortcut::TogglePlay));
        assert_eq!(shortcut_of("+", false, true, false), Some(Shortcut::Faster(true)));
        assert_eq!(shortcut_of("-", false, true, false), Some(Shortcut::Faster(false)));
        assert_eq!(shortcut_of("Escape", false, true, false), Some(Shortcut::ExitPresentation));
        assert_eq!(shortcut_of("ArrowRight", false, false, false), None, "not outside presentation");
        assert_eq!(shortcut_of(" ", false, true, true), None, "a space typed in a field stays a space");
        assert_eq!(shortcut_of("x", false, true, false), None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn ctrl_or_cmd_enter_analyses_everywhere() {
        for (present, typing) in [(false, false), (false, true), (true, false), (true, true)] {
            assert_eq!(shortcut_of("Enter", true, present, typing), Some(Shortcut::AnalyzeNow));
        }
        assert_eq!(shortcut_of("Enter", false, false, true), None, "a plain Enter is a new line");
    }
}
