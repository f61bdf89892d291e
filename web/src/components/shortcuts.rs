//! The keyboard shortcuts' legend (`hooks::use_shortcuts` implements them).

use yew::prelude::*;

#[function_component(Shortcuts)]
pub fn shortcuts() -> Html {
    html! {
        <p class="shortcuts" data-testid="shortcuts">
            <span class="sr-only">{ "Keyboard shortcuts: " }</span>
            <kbd>{ "Ctrl" }</kbd>{ "/" }<kbd>{ "⌘" }</kbd>{ "+" }<kbd>{ "Enter" }</kbd>{ " analyse now · presenting: " }
            <kbd>{ "←" }</kbd>{ " " }<kbd>{ "→" }</kbd>{ " step, " }
            <kbd>{ "Space" }</kbd>{ " play/pause, " }
            <kbd>{ "+" }</kbd>{ " " }<kbd>{ "−" }</kbd>{ " speed, " }
            <kbd>{ "Esc" }</kbd>{ " leave" }
        </p>
    }
}
