//! A window of whole lines onto a large text, for the editors.
//!
//! Chromium lays out a `<textarea>`'s whole text again at every key press: with a 5 MB manifest
//! pasted, each key took about half a second however little the page did. Above
//! [`LARGE_TEXT`], an editor's textarea therefore holds only a window of [`WINDOW_LINES`] lines
//! (at most about [`WINDOW_BYTES`]) of the text kept here; the user moves the window with buttons,
//! and an error or a result that points into the text moves it there. An edit in the window is
//! spliced back into the whole text.
//!
//! Nothing here knows about the DOM: offsets are byte offsets into the text.

/// Above this many bytes, an editor shows a window of the text instead of all of it.
pub const LARGE_TEXT: usize = 256 * 1024;

/// Lines a window shows.
pub const WINDOW_LINES: usize = 500;

/// A window stops before this many bytes, unless it would hold no line at all (a single line
/// longer than this is shown whole).
pub const WINDOW_BYTES: usize = 64 * 1024;

/// The whole text and the window shown of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextWindow {
    text: String,
    /// Byte range of the window: from a line's start to the end of a line, without the newline
    /// that ends the window's last line (so the textarea shows exactly the window's lines).
    start: usize,
    end: usize,
    /// 0-based number of the window's first line.
    first_line: usize,
    /// Lines in the whole text (newlines + 1).
    total_lines: usize,
}

fn newlines(s: &str) -> usize {
    s.bytes().filter(|&b| b == b'\n').count()
}

impl TextWindow {
    /// A window onto `text` that shows the line holding byte offset `at`.
    pub fn new(text: String, at: usize) -> TextWindow {
        let total_lines = newlines(&text) + 1;
        let mut w = TextWindow { text, start: 0, end: 0, first_line: 0, total_lines };
        w.show_offset(at);
        w
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text shown.
    pub fn window(&self) -> &str {
        self.text.get(self.start..self.end).unwrap_or_default()
    }

    /// 1-based number of the first line shown.
    pub fn first_line(&self) -> usize {
        self.first_line + 1
    }

    /// How many lines are shown.
    pub fn lines_shown(&self) -> usize {
        newlines(self.window()) + 1
    }

    /// Lines in the whole text.
    pub fn total_lines(&self) -> usize {
        self.total_lines
    }

    /// Whether lines come before the window.
    pub fn has_before(&self) -> bool {
        self.start > 0
    }

    /// Whether lines come after the window.
    pub fn has_after(&self) -> bool {
        self.end < self.text.len()
    }

    /// Replaces the window's text with `shown` (what the textarea holds after an edit).
    pub fn replace_window(&mut self, shown: &str) {
        let removed = newlines(self.window());
        self.text.replace_range(self.start..self.end, shown);
        self.end = self.start + shown.len();
        self.total_lines = self.total_lines - removed + newlines(shown);
    }

    /// Moves the window to start at 0-based line `line` (the last window when past the end).
    pub fn show_line(&mut self, line: usize) {
        let line = line.min(self.total_lines.saturating_sub(1));
        // The byte offset of `line`: a scan, fast enough for a move (a few ms on 5 MB).
        let start = if line == 0 {
            0
        } else {
            self.text.bytes().enumerate().filter(|&(_, b)| b == b'\n').nth(line - 1).map_or(0, |(i, _)| i + 1)
        };
        self.start = start;
        self.first_line = line;
        self.end = self.window_end(start);
    }

    /// Moves the window, when needed, so that it shows byte offset `at` (clamped to the text).
    pub fn show_offset(&mut self, at: usize) {
        let at = at.min(self.text.len());
        if self.contains(at) && self.end > self.start {
            return;
        }
        let before = self.text.get(..at).unwrap_or_default();
        let line = newlines(before);
        // Start a few lines before the target, so that it is not the window's first line.
        self.show_line(line.saturating_sub(WINDOW_LINES / 10));
        if !self.contains(at) {
            // A window full of long lines ends before the target: start at its line.
            self.show_line(line);
        }
    }

    /// Whether byte offset `at` is in the window (its end included: a cursor can sit there).
    pub fn contains(&self, at: usize) -> bool {
        self.start <= at && at <= self.end
    }

    /// Byte offset `at` of the text as an offset into the window, when it is in it.
    pub fn to_window(&self, at: usize) -> Option<usize> {
        self.contains(at).then(|| at - self.start)
    }

    /// Byte offset `at` of the window as an offset into the whole text.
    pub fn to_text(&self, at: usize) -> usize {
        self.start + at.min(self.end - self.start)
    }

    /// The end of the window that starts at byte `start`: after [`WINDOW_LINES`] lines or before
    /// [`WINDOW_BYTES`], at a line's end, without its newline.
    fn window_end(&self, start: usize) -> usize {
        let rest = self.text.get(start..).unwrap_or_default();
        let newlines = rest.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i);
        // The newline that ends the window's last line: the WINDOW_LINES-th, or the first past
        // the byte budget (the line it ends may overrun it; a single long line is shown whole).
        let end = newlines.enumerate().find(|&(lines, i)| lines + 1 == WINDOW_LINES || i > WINDOW_BYTES);
        start + end.map_or(rest.len(), |(_, i)| i)
    }

    /// The whole text.
    pub fn into_text(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn numbered(n: usize) -> String {
        (1..=n).map(|i| format!("line {i}")).collect::<Vec<_>>().join("\n")
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_window_shows_whole_lines_from_the_top() {
        let w = TextWindow::new(numbered(2000), 0);
        assert_eq!(w.first_line(), 1);
        assert_eq!(w.lines_shown(), WINDOW_LINES);
        assert!(w.window().starts_with("line 1\n"));
        assert!(w.window().ends_with(&format!("line {WINDOW_LINES}")), "no trailing newline");
        assert_eq!(w.total_lines(), 2000);
        assert!(!w.has_before() && w.has_after());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn moving_the_window_and_editing_in_it_keeps_the_rest() {
        let text = numbered(2000);
        let mut w = TextWindow::new(text.clone(), 0);
        w.show_line(1000);
        assert_eq!(w.first_line(), 1001);
        assert!(w.window().starts_with("line 1001\n"));
        let edited = w.window().replacen("line 1001", "line 1001 edited\nand a new line", 1);
        w.replace_window(&edited);
        assert_eq!(w.total_lines(), 2001);
        assert_eq!(w.text(), text.replacen("line 1001\n", "line 1001 edited\nand a new line\n", 1));
        // The last window: the text's end, however few lines are left.
        w.show_line(5000);
        assert_eq!(w.first_line(), 2001);
        assert_eq!(w.window(), "line 2000");
        assert!(w.has_before() && !w.has_after());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn an_offset_brings_its_line_into_the_window() {
        let text = numbered(3000);
        let at = text.find("line 2500\n").unwrap() + 3;
        let mut w = TextWindow::new(text.clone(), at);
        assert!(w.contains(at));
        assert!(w.first_line() < 2500 && 2500 < w.first_line() + w.lines_shown());
        let rel = w.to_window(at).unwrap();
        assert_eq!(&w.window()[rel..rel + 6], "e 2500");
        assert_eq!(w.to_text(rel), at);
        assert_eq!(w.to_window(0), None);
        w.show_offset(usize::MAX);
        assert!(w.window().ends_with("line 3000"), "clamped to the end");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn long_lines_end_a_window_early_and_one_huge_line_is_shown_whole() {
        let long = "x".repeat(10_000);
        let text = vec![long.as_str(); 50].join("\n");
        let w = TextWindow::new(text, 0);
        assert!(w.window().len() <= WINDOW_BYTES + long.len(), "{}", w.window().len());
        assert!(w.lines_shown() < 50 && w.has_after());
        let huge = "y".repeat(WINDOW_BYTES * 3);
        let w = TextWindow::new(format!("{huge}\nshort"), 0);
        assert_eq!(w.window(), huge);
        let w = TextWindow::new(huge.clone(), 10);
        assert_eq!(w.window(), huge, "a text of one line is its own window");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn an_empty_text_and_a_text_ending_in_a_newline() {
        let w = TextWindow::new(String::new(), 5);
        assert_eq!((w.window(), w.total_lines(), w.lines_shown()), ("", 1, 1));
        let mut w = TextWindow::new("a\nb\n".to_owned(), 4);
        assert!(w.contains(4), "the empty last line");
        w.replace_window("a\nb\nc");
        assert_eq!(w.text(), "a\nb\nc");
        assert_eq!(w.total_lines(), 3);
    }
}
