// Starts the pullsim wasm app. Loaded as a same-origin module script instead of Trunk's inline
// loader, so that the Content-Security-Policy needs no 'unsafe-inline' (see index.html).
// Trunk.toml's `pattern_script` puts the hashed file names on this <script> element.
const me = document.querySelector("script[data-js][data-wasm]");

function showFailure(message) {
  const box = document.getElementById("panic");
  const detail = document.getElementById("panic-detail");
  // A panic during start-up has already shown its own, more precise message.
  if (!box || !box.hidden) return;
  if (detail) detail.textContent = message;
  box.hidden = false;
}

document.getElementById("panic-reload")?.addEventListener("click", () => location.reload());

try {
  const bindings = await import(me.dataset.js);
  await bindings.default({ module_or_path: me.dataset.wasm });
  // The app has rendered: its editors and the reference lab answer input from now on (the
  // simulator's results follow once its worker is ready, below).
  performance.mark("pullsim-interactive");
  // The app has created the simulator's Web Worker as it started; the worker fetches its own
  // wasm. Wait until it says it is ready (or failed, or this build has none: data-worker).
  await new Promise((resolve) => {
    if (document.documentElement.dataset.worker) resolve();
    else addEventListener("pullsim-worker", resolve, { once: true });
  });
  // The wasm is loaded: from now on the page needs no connection at all, not even to its own
  // origin. A second policy only narrows the first (a request must satisfy both).
  const csp = document.createElement("meta");
  csp.httpEquiv = "Content-Security-Policy";
  csp.content = "connect-src 'none'";
  document.head.append(csp);
  // For the end-to-end tests and the curious: the exported functions.
  window.pullsim = bindings;
  document.documentElement.dataset.pullsim = "ready";
  // Time to interactive, read by the end-to-end tests (Performance API, ms since navigation).
  performance.mark("pullsim-ready");
  dispatchEvent(new CustomEvent("pullsim-ready"));
} catch (err) {
  console.error(err);
  showFailure(`pullsim could not start: ${err}`);
}
