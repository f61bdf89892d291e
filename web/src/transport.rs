//! How a message crosses between the page and the simulator's worker: its text's UTF-8 bytes in
//! an `ArrayBuffer` that is transferred, not copied. A JS string would be transcoded from UTF-8 to
//! UTF-16 on one side and back on the other: for a 50-container answer (about 90 KB) that was a
//! quarter of the whole re-analysis.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

/// `text` as a message: the bytes, and the list of what to transfer with them.
pub fn message(text: &str) -> (JsValue, JsValue) {
    let bytes = Uint8Array::from(text.as_bytes());
    let transfer = Array::of1(&bytes.buffer());
    (bytes.into(), transfer.into())
}

/// The text of a message made by [`message`]; `None` for anything else (a string, say).
pub fn text_of(data: &JsValue) -> Option<String> {
    if !data.is_instance_of::<Uint8Array>() {
        return None;
    }
    String::from_utf8(Uint8Array::new(data).to_vec()).ok()
}
