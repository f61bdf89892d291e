//! A plain, labelled `<textarea>` with a line-number gutter and its errors listed underneath at
//! their line and column (each a button that puts the cursor there). The textarea is uncontrolled:
//! it takes its text when it is created (a new `generation` re-creates it) and afterwards reports
//! every edit, so what the user types is never overwritten.

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::sim_state::{EditorError, Reveal, Section};

/// Gutters stop numbering here (a 5 MB paste must not build a million-line gutter).
const MAX_GUTTER_LINES: usize = 20_000;

/// Above this many bytes, an edit's text is read from the textarea only once typing pauses
/// ([`READ_DELAY_MS`]) or the editor loses focus: in Chromium, reading `value` of a 5 MB textarea
/// costs about as much as the key press itself.
const LARGE_TEXT: usize = 256 * 1024;
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

fn select(area: &NodeRef, text: &str, start: usize, end: usize) {
    if let Some(area) = area.cast::<HtmlTextAreaElement>() {
        let _ = area.focus();
        let _ = area.set_selection_range(utf16_index(text, start), utf16_index(text, end));
        // Blur and focus again so that the browser scrolls the selection into view.
        let _ = area.blur();
        let _ = area.focus();
    }
}

#[function_component(CodeEditor)]
pub fn code_editor(props: &CodeEditorProps) -> Html {
    let area = use_node_ref();
    let gutter = use_node_ref();
    let id = props.section.id();
    // The text the textarea is created with. It changes only with `generation`, so that typing
    // never writes the (maybe megabytes of) text back into the DOM: a `defaultValue` that changed
    // on every key would replace the textarea's whole text node each time.
    let initial = {
        let value = props.value.clone();
        use_memo(props.generation, move |_| value)
    };
    // Lines as the gutter counts them: one more than the newlines (a byte scan, fast on 5 MB).
    let lines = props.value.bytes().filter(|&b| b == b'\n').count() + 1;
    let numbers = use_memo(lines, |&n| {
        let shown = n.min(MAX_GUTTER_LINES);
        let mut s = String::with_capacity(shown * 4);
        for i in 1..=shown {
            s.push_str(&i.to_string());
            s.push('\n');
        }
        s
    });

    {
        // A clicked result asks for its image: select it here.
        let area = area.clone();
        let value = props.value.clone();
        let section = props.section;
        use_effect_with(props.reveal, move |reveal| {
            if let Some(r) = reveal.filter(|r| r.section == section) {
                select(&area, &value, r.start, r.end);
            }
        });
    }

    let pending = use_mut_ref(|| None::<Timeout>);
    let oninput = {
        let (cb, section, pending) = (props.oninput.clone(), props.section, pending.clone());
        let large = props.value.len() > LARGE_TEXT;
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            if !large {
                cb.emit((section, area.value()));
                return;
            }
            let cb = cb.clone();
            // Replacing the timeout cancels the previous one.
            *pending.borrow_mut() = Some(Timeout::new(READ_DELAY_MS, move || cb.emit((section, area.value()))));
        })
    };
    let onblur = {
        let (cb, section) = (props.oninput.clone(), props.section);
        Callback::from(move |e: FocusEvent| {
            if pending.borrow_mut().take().is_some() {
                let area: HtmlTextAreaElement = e.target_unchecked_into();
                cb.emit((section, area.value()));
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
    let invalid = !props.errors.is_empty();
    let describedby = match (props.hint.is_some(), invalid) {
        (true, true) => format!("{hint_id} {errors_id}"),
        (true, false) => hint_id.clone(),
        (false, true) => errors_id.clone(),
        (false, false) => String::new(),
    };
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
                let area = area.clone();
                let value = props.value.clone();
                Callback::from(move |_: MouseEvent| select(&area, &value, offset, offset))
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
            <div class="editor-frame">
                <pre class="gutter" aria-hidden="true" ref={gutter}>{ numbers.as_str() }</pre>
                <textarea
                    key={props.generation.to_string()}
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
