//! Renders the reference lab in a real browser (headless Chromium through chromedriver, see
//! web/webdriver.json) and asserts on the DOM, as a user would see it.
//!
//! `cargo test -p pullsim-web --target wasm32-unknown-unknown` (with CHROMEDRIVER set; the
//! xtask does it). Natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{container, fire, settle, text};
use pullsim_web::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh App in its own container and lets Yew render.
async fn mount() -> Element {
    let root = container();
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle(10).await;
    root
}

fn find(root: &Element, testid: &str) -> Option<Element> {
    root.query_selector(&format!("[data-testid={testid}]")).unwrap()
}

/// Types `value` into the lab's input the way a browser reports an edit: value, then a bubbling
/// `input` event (Yew listens at the root).
async fn type_in(root: &Element, value: &str) {
    let input: HtmlInputElement = find(root, "ref-input").unwrap().dyn_into().unwrap();
    input.set_value(value);
    fire(&input, "input");
    settle(10).await;
}

#[wasm_bindgen_test]
async fn nginx_is_analysed_on_load() {
    let root = mount().await;
    let input: HtmlInputElement = find(&root, "ref-input").unwrap().dyn_into().unwrap();
    assert_eq!(input.value(), "nginx");
    assert_eq!(text(&root, "[data-part=domain]"), "docker.io");
    assert_eq!(text(&root, "[data-part=path]"), "library/nginx");
    assert_eq!(text(&root, "[data-testid=ref-docker-ref]"), "docker.io/library/nginx:latest");
    assert_eq!(text(&root, "[data-testid=ref-runtime-string]"), "nginx:latest");
    assert_eq!(text(&root, "[data-testid=ref-policy-value]"), "Always");
    assert!(find(&root, "ref-error").is_none());
    let steps = root.query_selector_all("[data-testid=ref-steps] li").unwrap();
    assert!(steps.length() >= 2, "the rules that fired are listed");
    assert!(text(&root, "[data-testid=ref-steps]").contains("docker.io/library/"));
}

#[wasm_bindgen_test]
async fn an_upper_case_name_shows_the_upstream_error_underlined() {
    let root = mount().await;
    type_in(&root, "Nginx").await;
    assert!(find(&root, "ref-anatomy").is_none());
    assert_eq!(
        text(&root, "[data-testid=ref-error-message]"),
        "invalid reference format: repository name (library/Nginx) must be lowercase"
    );
    let mark = find(&root, "ref-error-mark").expect("the bad part is marked");
    assert_eq!(mark.tag_name(), "MARK");
    assert_eq!(mark.text_content().unwrap(), "N");
    // The whole input is echoed around the mark.
    assert_eq!(text(&root, ".echo-text"), "Nginx");
    let input = find(&root, "ref-input").unwrap();
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(text(&root, "[data-testid=ref-runtime-image]").contains("InvalidImageName"));
    assert_eq!(text(&root, "[data-testid=ref-policy-value]"), "IfNotPresent");

    // Fixing the name brings the anatomy back.
    type_in(&root, "ghcr.io/acme/api:1.4").await;
    assert!(find(&root, "ref-error").is_none());
    assert_eq!(text(&root, "[data-part=domain]"), "ghcr.io");
    assert_eq!(text(&root, "[data-part=tag]"), "1.4");
    assert_eq!(text(&root, "[data-testid=ref-runtime-string]"), "ghcr.io/acme/api:1.4");
}
