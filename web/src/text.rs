//! Pure helpers for showing what the user typed.

/// `input` cut in three around a byte range: what comes before, the offending part, what follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marked<'a> {
    pub before: &'a str,
    pub bad: &'a str,
    pub after: &'a str,
}

/// Splits `input` at the byte range `[start, end)`. The range is clamped to the input and widened
/// to whole UTF-8 characters (start moves left, end moves right to a character boundary), so a
/// span that cuts a multi-byte character still underlines all of it and never panics.
pub fn mark(input: &str, start: usize, end: usize) -> Marked<'_> {
    let mut start = start.min(input.len());
    let mut end = end.clamp(start, input.len());
    while !input.is_char_boundary(start) {
        start -= 1;
    }
    while !input.is_char_boundary(end) {
        end += 1;
    }
    Marked { before: &input[..start], bad: &input[start..end], after: &input[end..] }
}

/// `text` shortened for display to about `max` bytes (on a character boundary), saying how much
/// was left out. Display only: the value itself (an upstream message quoting a hostile paste) is
/// unchanged.
pub fn elide(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if text.len() <= max {
        return text.into();
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}… ({} more bytes)", &text[..cut], text.len() - cut).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn elides_long_texts_on_a_char_boundary() {
        assert_eq!(elide("short", 10), "short");
        assert_eq!(elide("abcdef", 3), "abc… (3 more bytes)");
        assert_eq!(elide("ééé", 3), "é… (4 more bytes)", "never inside a character");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn cuts_ascii() {
        let m = mark("Nginx:1", 0, 5);
        assert_eq!((m.before, m.bad, m.after), ("", "Nginx", ":1"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn widens_to_char_boundaries() {
        // "é" is two bytes (1..3); a span starting or ending inside it covers all of it.
        let m = mark("aébc", 2, 3);
        assert_eq!((m.before, m.bad, m.after), ("a", "é", "bc"));
        let m = mark("aébc", 1, 2);
        assert_eq!((m.before, m.bad, m.after), ("a", "é", "bc"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn clamps_out_of_range_and_empty_spans() {
        let m = mark("abc", 7, 9);
        assert_eq!((m.before, m.bad, m.after), ("abc", "", ""));
        let m = mark("abc", 2, 1);
        assert_eq!((m.before, m.bad, m.after), ("ab", "", "c"));
        let m = mark("", 0, 0);
        assert_eq!((m.before, m.bad, m.after), ("", "", ""));
    }
}
