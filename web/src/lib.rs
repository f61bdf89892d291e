//! The pullsim playground: a Yew (client-side rendered) app over the pure `pullsim` core.
//!
//! - [`state`]: app state as reducers (the pattern of Yew's `function_todomvc` example);
//!   [`sim_state`]: the playground's reducer (the editors' texts, the last result, the clock).
//! - [`wire`]: the messages to and from the simulator's Web Worker ([`codec`]: their format,
//!   [`transport`]: how they cross); [`worker_client`]: the page's
//!   end of it; [`compute`]: the worker's end (the core's reading, simulation and lookups), which
//!   only the worker's binary (`src/worker.rs`) links.
//! - [`hooks`]: timers, reduced motion, the worker, keyboard shortcuts, share links (address bar,
//!   clipboard), the theme (storage) and the embedding host page (`postMessage`).
//! - [`mode`]: how the page was opened (`?embed=`, `origin=`, `present`, `theme=`, `#v1.` links).
//! - [`examples`]: the scenario gallery, compiled in.
//! - [`components`]: one component per file; each element a test needs has a `data-testid`.
//! - [`text`]: pure helpers for showing user text (underlining a byte span).
//! - [`panic`]: a panic hook that shows a recoverable message instead of a blank page.
//!
//! Nothing here does I/O: the page makes no request once loaded (see index.html's CSP); the only
//! requests are for the app's own files while it starts, the worker's included.

pub mod app;
pub mod codec;
pub mod components;
pub mod compute;
pub mod examples;
pub mod hooks;
pub mod mode;
pub mod panic;
pub mod sim_state;
pub mod state;
pub mod text;
pub mod text_window;
pub mod transport;
pub mod wire;
pub mod worker_client;
pub mod yaml_out;

pub use app::App;

/// Installs the panic hook and mounts [`App`] into `#app` (or `<body>` when there is none).
pub fn start() {
    panic::install();
    // The simulator's worker starts loading now, while the page renders (web/boot.js waits for
    // it before it closes `connect-src`).
    if cfg!(feature = "lab") {
        worker_client::spawn();
    } else {
        worker_client::announce("none");
    }
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            // Trunk's page carries a <noscript> fallback there; the app replaces it.
            root.set_inner_html("");
            yew::Renderer::<App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<App>::new().render();
        }
    }
}

/// Panics on purpose, so that the end-to-end tests can check that a panic shows the recoverable
/// message and keeps the page (it is exported to JavaScript as `window.pullsim.panic_for_test`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn panic_for_test(message: &str) {
    panic!("{message}");
}
