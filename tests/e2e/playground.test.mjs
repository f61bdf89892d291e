// End-to-end: the playground (scenario editors, results, timeline, examples) in Debian's
// Chromium, against the release dist/ (or PULLSIM_PLAYGROUND_DIST when set). Tests skip, saying
// why, when the served page has no playground (the bare `cargo xtask size` shell).
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { artifact, distDir, launchChromium, openApp, repoRoot, serveStatic } from "./support.mjs";

const root = process.env.PULLSIM_PLAYGROUND_DIST
  ? path.resolve(repoRoot, process.env.PULLSIM_PLAYGROUND_DIST)
  : distDir;

let server;
let browser;

before(async () => {
  server = await serveStatic(root);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the page; returns null (and skips the test) when this build has no playground. */
async function open(t, options) {
  const app = await openApp(browser, server.url, options);
  if ((await app.page.getByTestId("manifest-editor").count()) === 0) {
    await app.context.close();
    t.skip("this build has no playground (build with --features playground, set PULLSIM_PLAYGROUND_DIST)");
    return null;
  }
  return app;
}

const outcomeOf = (page, container) =>
  page.locator(`[data-testid=container-result][data-container="${container}"] [data-testid=container-outcome]`);

describe("playground", () => {
  test("loads the default example with results, timeline and events, and asks no other origin", async (t) => {
    const app = await open(t);
    if (!app) return;
    const { context, page, requests, problems } = app;
    try {
      await outcomeOf(page, "web").waitFor();
      assert.equal(await outcomeOf(page, "web").textContent(), "ImagePullBackOff");
      const card = page.locator("[data-testid=container-result][data-container=web]");
      assert.equal(await card.getByTestId("container-image").textContent(), "docker.io/library/ngnix:1.25");
      assert.equal(await card.getByTestId("container-policy").textContent(), "IfNotPresent");
      assert.ok((await page.locator("[data-testid=timeline] rect.pull-fail").count()) >= 5);
      assert.match(await page.getByTestId("events-table").first().textContent(), /Back-off pulling image/);
      assert.equal(await page.getByLabel("Workload manifest").count(), 1, "the editor is labelled");
      const origin = new URL(server.url).origin;
      assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:")), []);
      const [interactive, ready] = await page.evaluate(() =>
        ["pullsim-interactive", "pullsim-ready"].map((m) => performance.getEntriesByName(m)[0]?.startTime),
      );
      t.diagnostic(
        `cold load from localhost: interactive (app rendered, editors and lab answer input) at ` +
          `${interactive?.toFixed(0)} ms; simulator worker ready at ${ready?.toFixed(0)} ms`,
      );
      assert.ok(interactive <= ready);
      await page.screenshot({ path: artifact("playground-light.png"), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("every example loads and shows an outcome for each container", async (t) => {
    const app = await open(t);
    if (!app) return;
    const { context, page, requests, problems } = app;
    try {
      const picker = page.getByTestId("example-picker");
      const values = await picker.locator("option").evaluateAll((os) => os.map((o) => o.value));
      assert.equal(values.length, 14);
      for (const value of values) {
        await picker.selectOption(value);
        const id = await picker.locator(`option[value="${value}"]`).getAttribute("data-example");
        const cards = page.getByTestId("container-result");
        await cards.first().waitFor();
        const outcomes = await page.getByTestId("container-outcome").allTextContents();
        assert.ok(outcomes.length > 0 && outcomes.every((o) => o.length > 0), `${id}: ${outcomes}`);
        t.diagnostic(`${id}: ${outcomes.join(", ")}`);
        if (id === "always-pull-images-multitenant" || id === "uppercase-invalid") {
          await page.screenshot({ path: artifact(`example-${id}.png`), fullPage: true });
        }
      }
      const origin = new URL(server.url).origin;
      assert.deepEqual(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:")), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("editing the manifest changes the outcome (imagePullPolicy: Never → ErrImageNeverPull)", async (t) => {
    const app = await open(t);
    if (!app) return;
    const { context, page, problems } = app;
    try {
      await page.getByTestId("example-picker").selectOption({ label: "A private registry without a pull secret" });
      await outcomeOf(page, "billing").waitFor();
      assert.equal(await outcomeOf(page, "billing").textContent(), "ImagePullBackOff");
      const editor = page.getByTestId("manifest-editor");
      const text = await editor.inputValue();
      await editor.fill(text.replace("    image:", "    imagePullPolicy: Never\n    image:"));
      await page.waitForFunction(
        () =>
          document.querySelector('[data-container="billing"] [data-testid=container-outcome]')?.textContent ===
          "ErrImageNeverPull",
      );
      assert.match(await page.getByTestId("outcome-announcer").textContent(), /billing: ErrImageNeverPull/);
      assert.match(await editor.inputValue(), /imagePullPolicy: Never/, "the text is kept");
      // A YAML error shows next to the editor at its line; the text stays.
      await editor.press("End");
      await editor.pressSequentially("\n  oops: [");
      await page.getByTestId("editor-workload-errors").waitFor();
      assert.match(await page.getByTestId("editor-workload-errors").textContent(), /Line \d+, column \d+/);
      await page.screenshot({ path: artifact("playground-error.png"), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("a 5 MB paste keeps the page responsive and pauses live analysis", async (t) => {
    const app = await open(t);
    if (!app) return;
    const { context, page, problems } = app;
    try {
      const editor = page.getByTestId("manifest-editor");
      // A paste as the browser reports it: the new value, then one input event.
      const pasteMs = await page.evaluate(() => {
        const area = document.querySelector("[data-testid=manifest-editor]");
        const big = "# filler line for a large paste\n".repeat((5 * 1024 * 1024) / 32);
        const start = performance.now();
        area.value = big;
        area.dispatchEvent(new Event("input", { bubbles: true }));
        return performance.now() - start;
      });
      await page.getByRole("button", { name: "Analyze now" }).waitFor();
      // The editor now holds a window of the text's lines, around the cursor (the paste's end).
      const window = page.getByTestId("editor-workload-window");
      await window.waitFor();
      assert.match(await window.textContent(), /Lines [\d]+–[\d]+ of 163841\./);
      assert.ok((await editor.inputValue()).length < 64 * 1024, "the textarea holds a window, not 5 MB");
      await editor.press("End");
      const start = Date.now();
      await editor.pressSequentially("abc");
      const ours = Date.now() - start;
      assert.ok((await editor.inputValue()).endsWith("abc"));
      assert.ok(await page.getByRole("button", { name: "◀ Earlier lines" }).isEnabled());
      // The window's edits reach the whole text: analysing it finds the typed line at the end
      // of the 5 MB (a bare string where a Kubernetes object belongs).
      await editor.blur();
      await page.getByRole("button", { name: "Analyze now" }).click();
      const errors = page.getByTestId("editor-workload-errors");
      await errors.waitFor({ timeout: 60_000 });
      assert.match(await errors.textContent(), /Line 163841, column 1: .*found a string/);
      await page.locator(".editor", { has: editor }).screenshot({ path: artifact("playground-large-text.png") });
      // The floor: the same paste and keys in a bare <textarea> of the same browser, no app.
      const bare = await context.newPage();
      await bare.setContent("<textarea id=t rows=18 wrap=off spellcheck=false></textarea>");
      await bare.evaluate(() => {
        document.getElementById("t").value = "# filler line for a large paste\n".repeat((5 * 1024 * 1024) / 32);
      });
      await bare.locator("#t").press("End");
      const bareStart = Date.now();
      await bare.locator("#t").pressSequentially("abc");
      const floor = Date.now() - bareStart;
      await bare.close();
      t.diagnostic(
        `5 MB paste handled in ${pasteMs.toFixed(0)} ms; three key presses after it: ${ours} ms ` +
          `(a bare textarea with the same text, no app: ${floor} ms)`,
      );

      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("the clock plays, steps and scrubs; dark mode screenshot", async (t) => {
    const app = await open(t, { colorScheme: "dark" });
    if (!app) return;
    const { context, page, problems } = app;
    try {
      await page.getByTestId("clock-scrub").fill("0");
      assert.equal(await page.getByTestId("clock-now").textContent(), "0s / 15m0s");
      await page.getByTestId("clock-step").click();
      assert.notEqual(await page.getByTestId("clock-now").textContent(), "0s / 15m0s");
      await page.getByTestId("clock-speed").selectOption("60");
      await page.getByTestId("clock-play").click();
      await page.waitForTimeout(600);
      await page.getByTestId("clock-play").click();
      const now = await page.getByTestId("clock-now").textContent();
      t.diagnostic(`after ~0.6 s at 60×: ${now}`);
      await page.screenshot({ path: artifact("playground-dark.png"), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
