//! A panic never blanks the page: the hook logs the panic and un-hides `#panic` (in index.html),
//! a message with a Reload button; the DOM the user was working in stays as it was.

use std::panic::PanicHookInfo;

/// Installs the hook, through Yew so that its renderer does not replace it with its default
/// (console-only) one. A second call replaces the first.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(hook));
}

fn hook(info: &PanicHookInfo<'_>) {
    // The message and a JS stack trace in the console, as Yew's default hook would log them.
    console_error_panic_hook::hook(info);
    show_notice(&info.to_string());
}

/// Shows the panic notice with `message` as its detail. Returns `None` if the page has no
/// notice element (the app then at least logged the panic).
pub(crate) fn show_notice(message: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    if let Some(detail) = document.get_element_by_id("panic-detail") {
        detail.set_text_content(Some(message));
    }
    let notice = document.get_element_by_id("panic")?;
    notice.remove_attribute("hidden").ok()
}
