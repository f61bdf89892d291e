//! A plain, labelled `<textarea>` with a line-number gutter and its errors listed underneath at
//! their line and column (each a button that puts the cursor there). The textarea is uncontrolled:
//! it takes its text when it is created (a new `generation` re-creates it) and afterwards reports
//! every edit, so what the user types is never overwritten.
//!
//! Above [`LARGE_TEXT`] (say a 5 MB paste), the textarea holds a window of the text's lines
//! ([`TextWindow`]): Chromium lays out a textarea's whole text at every key, half a second a key
//! at 5 MB. Buttons (and Alt+PageUp / Alt+PageDown) move the window; an error or a result that
//! points into the text moves it there; edits are spliced back once typing pauses.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::sim_state::{EditorError, Reveal, Section};
use crate::text_window::{TextWindow, LARGE_TEXT, WINDOW_LINES};

/// Gutters stop numbering here (a 5 MB paste must not build a million-line gutter).
const MAX_GUTTER_LINES: usize = 20_000;

/// Milliseconds of quiet typing before a windowed editor splices its window back into the whole
/// text and reports it (a copy of megabytes, too much for every key).
const READ_DELAY_MS: u32 = 150;

#[derive(PartialEq, Properties)]
pub struct CodeEditorProps {
    pub section: Section,
    pub label: AttrValue,
    pub value: AttrValue,
    pub generation: u32,
    #[prop_or_default]
    pub errors: Vec<EditorError>,
    #[prop_or_default]
    pub reveal: Option<Reveal>,
    #[prop_or_default]
    pub hint: Option<Html>,
    #[prop_or(12)]
    pub rows: u32,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    pub oninput: Callback<(Section, String)>,
}

/// `text`'s byte offset as a UTF-16 index (what the DOM's selection uses).
fn utf16_index(text: &str, byte: usize) -> u32 {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    text[..byte].encode_utf16().count() as u32
}

/// `text`'s UTF-16 index as a byte offset.
fn byte_index(text: &str, utf16: u32) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 as usize {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

fn select(area: &NodeRef, text: &str, start: usize, end: usize) {
    if let Some(area) = area.cast::<HtmlTextAreaElement>() {
        let _ = area.focus();
        let _ = area.set_selection_range(utf16_index(text, start), utf16_index(text, end));
        // Blur and focus again so that the browser scrolls the selection into view.
        let _ = area.blur();
        let _ = area.focus();
    }
}

/// Where edits go: the editor's callback and its section.
type Edited = (Callback<(Section, String)>, Section);

/// A windowed editor's state between renders: the whole text and its window (`None` while the
/// textarea holds the whole text), whether the textarea has edits not yet spliced back, and what
/// to select once a re-created textarea is in the page.
#[derive(Clone)]
struct Windowing {
    window: Rc<RefCell<Option<TextWindow>>>,
    dirty: Rc<Cell<bool>>,
    select_after: Rc<Cell<Option<(usize, usize)>>>,
    /// Bumped to re-create the textarea with the window's text (a cell, not the state: two moves
    /// before a render must make two versions).
    version: Rc<Cell<u32>>,
    rerender: UseForceUpdateHandle,
}

impl Windowing {
    fn bump(&self) {
        self.version.set(self.version.get() + 1);
        self.rerender.force_update();
    }

    /// Splices the textarea's edits into the whole text and reports it, if it has any.
    fn flush(&self, area: &NodeRef, cb: &Callback<(Section, String)>, section: Section) {
        if !self.dirty.replace(false) {
            return;
        }
        let Some(a) = area.cast::<HtmlTextAreaElement>() else { return };
        let text = match self.window.borrow_mut().as_mut() {
            Some(w) => {
                w.replace_window(&a.value());
                w.text().to_owned()
            }
            None => a.value(),
        };
        cb.emit((section, text));
    }

    /// Shows another window (after `moved` moves it) and selects `select` (window offsets) in it.
    fn move_window(&self, moved: impl FnOnce(&mut TextWindow) -> Option<(usize, usize)>) {
        if let Some(w) = self.window.borrow_mut().as_mut() {
            self.select_after.set(moved(w));
        }
        self.bump();
    }

    /// Selects bytes `start..end` of the whole text, moving the window there when needed (after
    /// reporting the edits in the window it leaves).
    fn reveal(&self, area: &NodeRef, full_text: &str, start: usize, end: usize, edited: &Edited) {
        if self.window.borrow().is_none() {
            select(area, full_text, start, end);
            return;
        }
        self.flush(area, &edited.0, edited.1);
        self.move_window(|w| {
            w.show_offset(start);
            let s = w.to_window(start)?;
            let e = w.to_window(end).unwrap_or(w.window().len());
            Some((s, e))
        });
    }
}

#[function_component(CodeEditor)]
pub fn code_editor(props: &CodeEditorProps) -> Html {
    let area = use_node_ref();
    let gutter = use_node_ref();
    let id = props.section.id();
    let win = Windowing {
        window: use_mut_ref(|| None),
        dirty: use_memo((), |_| Cell::new(false)),
        select_after: use_memo((), |_| Cell::new(None)),
        version: use_memo((), |_| Cell::new(0)),
        rerender: use_force_update(),
    };
    let version = win.version.get();
    let edited: Edited = (props.oninput.clone(), props.section);
    // A new text from outside (an example, a link): a window onto it when it is large.
    let generation = use_mut_ref(|| None::<u32>);
    if generation.replace(Some(props.generation)) != Some(props.generation) {
        let large = props.value.len() > LARGE_TEXT;
        *win.window.borrow_mut() = large.then(|| TextWindow::new(props.value.to_string(), 0));
        win.dirty.set(false);
    }
    // The text the textarea is created with: the whole text, or the window. It changes only with
    // `generation` or a move of the window, so that typing never writes the (maybe megabytes of)
    // text back into the DOM: a `defaultValue` that changed on every key would replace the
    // textarea's whole text node each time.
    let initial = {
        let (value, window) = (props.value.clone(), win.window.clone());
        use_memo((props.generation, version), move |_| match window.borrow().as_ref() {
            Some(w) => AttrValue::from(w.window().to_owned()),
            None => value,
        })
    };
    // The gutter's numbers: the window's lines, or the whole text's (a byte scan, fast on 5 MB).
    let (first, lines) = match win.window.borrow().as_ref() {
        Some(w) => (w.first_line(), w.lines_shown()),
        None => (1, props.value.bytes().filter(|&b| b == b'\n').count() + 1),
    };
    let numbers = use_memo((first, lines), |&(first, n)| {
        let shown = n.min(MAX_GUTTER_LINES);
        let mut s = String::with_capacity(shown * 4);
        for i in first..first + shown {
            s.push_str(&i.to_string());
            s.push('\n');
        }
        s
    });

    {
        // A clicked result asks for its image: select it here.
        let (area, value, win, edited) = (area.clone(), props.value.clone(), win.clone(), edited.clone());
        use_effect_with(props.reveal, move |reveal| {
            if let Some(r) = reveal.filter(|r| r.section == edited.1) {
                win.reveal(&area, &value, r.start, r.end, &edited);
            }
        });
    }
    {
        // A re-created textarea (the window moved): select what was asked for.
        let (area, win) = (area.clone(), win.clone());
        use_effect_with(version, move |_| {
            if let Some((start, end)) = win.select_after.take() {
                let text = win.window.borrow().as_ref().map(|w| w.window().to_owned()).unwrap_or_default();
                select(&area, &text, start, end);
            }
        });
    }

    let pending = use_mut_ref(|| None::<Timeout>);
    let oninput = {
        let (cb, section, pending, win, area_ref) =
            (props.oninput.clone(), props.section, pending, win.clone(), area.clone());
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            win.dirty.set(true);
            if win.window.borrow().is_some() {
                // Replacing the timeout cancels the previous one.
                let (cb, win, area_ref) = (cb.clone(), win.clone(), area_ref.clone());
                *pending.borrow_mut() = Some(Timeout::new(READ_DELAY_MS, move || win.flush(&area_ref, &cb, section)));
                return;
            }
            let text = area.value();
            win.dirty.set(false);
            if text.len() > LARGE_TEXT {
                // A paste made the text large: from now on the textarea holds a window of it,
                // around the cursor.
                let caret = area.selection_start().ok().flatten().map_or(text.len(), |c| byte_index(&text, c));
                let w = TextWindow::new(text.clone(), caret);
                let at = w.to_window(caret);
                *win.window.borrow_mut() = Some(w);
                win.select_after.set(at.map(|a| (a, a)));
                win.bump();
            }
            cb.emit((section, text));
        })
    };
    let onblur = {
        let (cb, section, win, area) = (props.oninput.clone(), props.section, win.clone(), area.clone());
        Callback::from(move |_: FocusEvent| win.flush(&area, &cb, section))
    };
    let move_by = {
        let (cb, section, win, area) = (props.oninput.clone(), props.section, win.clone(), area.clone());
        Callback::from(move |forward: bool| {
            win.flush(&area, &cb, section);
            win.move_window(|w| {
                let first = w.first_line() - 1;
                w.show_line(if forward { first + WINDOW_LINES } else { first.saturating_sub(WINDOW_LINES) });
                Some((0, 0))
            });
        })
    };
    let onkeydown = {
        let move_by = move_by.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.alt_key() && (e.key() == "PageDown" || e.key() == "PageUp") {
                e.prevent_default();
                move_by.emit(e.key() == "PageDown");
            }
        })
    };
    let onscroll = {
        let gutter = gutter.clone();
        Callback::from(move |e: Event| {
            let area: HtmlElement = e.target_unchecked_into();
            if let Some(g) = gutter.get().and_then(|g| g.dyn_into::<HtmlElement>().ok()) {
                g.set_scroll_top(area.scroll_top());
            }
        })
    };
    let errors_id = format!("{id}-errors");
    let hint_id = format!("{id}-hint");
    let window_id = format!("{id}-window");
    let invalid = !props.errors.is_empty();
    // What the window shows: (first line, last line, all lines, lines before, lines after).
    let shown = win.window.borrow().as_ref().map(|w| {
        (w.first_line(), w.first_line() + w.lines_shown() - 1, w.total_lines(), w.has_before(), w.has_after())
    });
    let describedby = [
        props.hint.is_some().then_some(hint_id.as_str()),
        shown.is_some().then_some(window_id.as_str()),
        invalid.then_some(errors_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let error_items: Vec<Html> = props
        .errors
        .iter()
        .map(|e| {
            let place = match (e.line, e.column) {
                (Some(l), Some(c)) => format!("Line {l}, column {c}: "),
                (Some(l), None) => format!("Line {l}: "),
                _ => String::new(),
            };
            let jump = e.offset.map(|offset| {
                let (area, value, win, edited) = (area.clone(), props.value.clone(), win.clone(), edited.clone());
                Callback::from(move |_: MouseEvent| win.reveal(&area, &value, offset, offset, &edited))
            });
            html! {
                <li>
                    if let Some(onclick) = jump {
                        <button type="button" class="link-button" {onclick}>{ place }</button>
                    } else {
                        { place }
                    }
                    <code class="error-text">{ e.message.clone() }</code>
                </li>
            }
        })
        .collect();
    html! {
        <div class={classes!("editor", invalid.then_some("has-errors"))}>
            <label for={id} class="editor-label">{ props.label.clone() }</label>
            if let Some(hint) = props.hint.clone() {
                <p class="hint" id={hint_id}>{ hint }</p>
            }
            if let Some((from, to, total, before, after)) = shown {
                <div class="window-bar" data-testid={format!("{id}-window")}>
                    <button type="button" disabled={!before}
                            onclick={let m = move_by.clone(); Callback::from(move |_: MouseEvent| m.emit(false))}>
                        { "◀ Earlier lines" }
                    </button>
                    <span id={window_id.clone()} role="status">
                        { format!(
                            "Lines {from}–{to} of {total}. A text this large is edited a part at a time, so that \
                             typing stays smooth (Alt+PageUp / Alt+PageDown move the part).") }
                    </span>
                    <button type="button" disabled={!after}
                            onclick={let m = move_by.clone(); Callback::from(move |_: MouseEvent| m.emit(true))}>
                        { "Later lines ▶" }
                    </button>
                </div>
            }
            <div class="editor-frame">
                <pre class="gutter" aria-hidden="true" ref={gutter}>{ numbers.as_str() }</pre>
                <textarea
                    key={format!("{}-{version}", props.generation)}
                    id={id}
                    ref={area}
                    data-testid={props.testid.clone()}
                    class="code"
                    rows={props.rows.to_string()}
                    wrap="off"
                    spellcheck="false"
                    autocomplete="off"
                    autocapitalize="off"
                    defaultvalue={(*initial).clone()}
                    aria-invalid={if invalid { "true" } else { "false" }}
                    aria-describedby={(!describedby.is_empty()).then_some(describedby)}
                    {oninput}
                    {onblur}
                    {onkeydown}
                    {onscroll}
                />
            </div>
            if invalid {
                <ul class="editor-errors" id={errors_id} data-testid={format!("{id}-errors")}>
                    { for error_items }
                </ul>
            }
        </div>
    }
}
