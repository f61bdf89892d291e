// End-to-end: share links, secret hygiene in the page, the embed mode and its postMessage API,
// presentation mode, the theme toggle and the keyboard shortcuts, in Debian's Chromium against
// the release dist/.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { artifact, launchChromium, openApp, serveStatic } from "./support.mjs";

let server;
/** A second server of the same files: another origin (another port), playing the host page. */
let host;
let browser;

before(async () => {
  server = await serveStatic();
  host = await serveStatic();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await host?.close();
});

const CANARY = "CANARY-e2e-7f3a9c";
const USER = "robot";
const CONFIG = JSON.stringify({ auths: { "registry.example.com:5000": { username: USER, password: CANARY } } });
/** Every spelling of the password the page could leak: plain, and inside `auth` (base64 user:password). */
const SPELLINGS = [CANARY, Buffer.from(`${USER}:${CANARY}`).toString("base64"), Buffer.from(CANARY).toString("base64")];

const outcomeOf = (page, container) =>
  page.locator(`[data-testid=container-result][data-container="${container}"] [data-testid=container-outcome]`);

async function waitOutcome(page, container, text) {
  await page.waitForFunction(
    ([c, t]) => document.querySelector(`[data-container="${c}"] [data-testid=container-outcome]`)?.textContent === t,
    [container, text],
  );
}

/** Opens the private-registry example and pastes the canary config.json into the node's config. */
async function withCanaryConfig(page) {
  await page.getByTestId("example-picker").selectOption({ label: "A private registry without a pull secret" });
  await waitOutcome(page, "billing", "ImagePullBackOff");
  await page.locator("details.panel > summary", { hasText: /^Credentials$/ }).click();
  await page.locator("#editor-config-json").fill(CONFIG);
  // The node's config.json now holds a (wrong) password: the kubelet tries it (shown masked),
  // and the registry still refuses the pull.
  await page
    .locator("[data-container=billing] [data-testid=cred-table]")
    .filter({ hasText: `${USER} / ` })
    .first()
    .waitFor({ state: "attached" });
}

/** Text and attribute values of every element but the credential editors, and every form value. */
function pageTextOutsideCredentialEditors(page) {
  return page.evaluate(() => {
    const allowed = new Set(["editor-config-json", "secret-password"]);
    const parts = [];
    for (const el of document.querySelectorAll("*")) {
      if (allowed.has(el.id)) continue;
      for (const a of el.attributes) parts.push(a.value);
      for (const n of el.childNodes) if (n.nodeType === Node.TEXT_NODE) parts.push(n.nodeValue);
      if ("value" in el && typeof el.value === "string") parts.push(el.value);
    }
    return parts.join("\n");
  });
}

describe("share links", () => {
  test("round trip: the link restores the scenario, and holds no password unless asked", async () => {
    const { context, page, problems } = await openApp(browser, server.url);
    try {
      await withCanaryConfig(page);
      await page.getByTestId("share-button").click();
      const field = page.getByTestId("share-link");
      await field.waitFor();
      const link = await field.inputValue();
      assert.match(link, /^#v1\./);
      for (const s of SPELLINGS) assert.ok(!link.includes(s), `the link holds ${s}`);
      assert.ok(!decodeLink(link).includes(CANARY), "not even inside the encoded scenario");
      assert.match(await page.getByTestId("share-status").textContent(), /credential\(s\) were left out/);
      assert.equal(new URL(page.url()).hash, link, "the address bar holds the link");
      const workload = await page.getByTestId("manifest-editor").inputValue();

      const other = await context.newPage();
      await other.goto(server.url + link);
      await waitOutcome(other, "billing", "ImagePullBackOff");
      assert.equal(await other.getByTestId("manifest-editor").inputValue(), workload);
      assert.match(await other.getByTestId("open-notice").textContent(), /without its credentials/);
      const config = await other.locator("#editor-config-json").inputValue();
      assert.match(config, /removed from share link/);
      assert.ok(!config.includes(CANARY));
      await other.close();

      // With the explicit opt-in, the password travels.
      await page.getByTestId("share-include-credentials").check();
      await page.getByTestId("share-button").click();
      await page.waitForFunction(() => document.querySelector("[data-testid=share-link]")?.value.length > 0);
      const withCreds = await page.getByTestId("share-link").inputValue();
      assert.ok(decodeLink(withCreds).includes(CANARY));
      assert.match(await page.getByTestId("share-status").textContent(), /includes the credentials/);
      const third = await context.newPage();
      await third.goto(server.url + withCreds);
      await waitOutcome(third, "billing", "ImagePullBackOff");
      assert.equal(await third.locator("#editor-config-json").inputValue(), CONFIG);
      await third.close();

      // A link pasted into the address bar of the open page opens too (only hashchange fires).
      await page.getByTestId("example-picker").selectOption({ label: "A typo'd image backs off to the 300 s cap" });
      await waitOutcome(page, "web", "ImagePullBackOff");
      await page.evaluate((l) => {
        location.hash = "#elsewhere";
        location.hash = l;
      }, link);
      await waitOutcome(page, "billing", "ImagePullBackOff");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("a damaged link says why and keeps the link in the address bar", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(server.url + "#v1.damaged*link");
      await page.getByTestId("open-notice").waitFor();
      assert.match(await page.getByTestId("open-notice").textContent(), /damaged: invalid character at byte 7/);
      assert.equal(new URL(page.url()).hash, "#v1.damaged*link");
      await waitOutcome(page, "web", "ImagePullBackOff");
    } finally {
      await context.close();
    }
  });
});

function decodeLink(link) {
  return Buffer.from(link.replace(/^#?v1\./, ""), "base64url").toString("utf8");
}

describe("secret hygiene", () => {
  test("a pasted password appears in no request, no URL, no log and no element but its editor, in every view", async () => {
    const { context, page, requests, problems } = await openApp(browser, server.url);
    const bodies = [];
    page.on("request", (r) => bodies.push(`${r.url()}\n${r.postData() ?? ""}`));
    const logs = [];
    page.on("console", (m) => logs.push(m.text()));
    try {
      await withCanaryConfig(page);
      // The secret form too: its password field is the other place a password may be shown.
      await page.locator("#secret-name").fill("regcred");
      await page.locator("#secret-namespace").fill("shop");
      await page.locator("#secret-server").fill("registry.example.com:5000");
      await page.locator("#secret-username").fill(USER);
      await page.locator("#secret-password").fill(CANARY);
      await page.getByRole("button", { name: "Create secret" }).click();
      await page.getByTestId("secret-form-status").filter({ hasText: "secret/regcred created" }).waitFor();
      // Every view: every panel and disclosure open, the timeline played, the reference lab used,
      // presentation mode, the share button.
      for (const d of await page.locator("details").all()) await d.evaluate((e) => (e.open = true));
      await page.getByTestId("clock-scrub").fill("0");
      await page.getByTestId("clock-step").click();
      await page.getByTestId("clock-speed").selectOption("60");
      await page.getByTestId("clock-play").click();
      await page.waitForTimeout(300);
      await page.getByTestId("present-button").click();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Escape");
      await page.getByTestId("share-button").click();
      await page.getByTestId("share-link").waitFor();
      await page.locator("#ref-input").fill("registry.example.com:5000/shop/billing:2.4.1");
      await page.screenshot({ path: artifact("hygiene-every-view.png"), fullPage: true });

      const dom = await pageTextOutsideCredentialEditors(page);
      for (const s of SPELLINGS) assert.ok(!dom.includes(s), `the page shows ${s} outside the credential editors`);
      for (const s of SPELLINGS) {
        assert.ok(!page.url().includes(s), "the URL");
        assert.ok(!requests.some((u) => u.includes(s)) && !bodies.some((b) => b.includes(s)), "a request");
        assert.ok(!logs.some((l) => l.includes(s)), "the console");
      }
      // The Secrets editor holds the generated Secret base64-encoded, as kubectl writes it, and
      // never the password itself.
      assert.ok(!(await page.locator("#editor-secrets").inputValue()).includes(CANARY));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

describe("embed mode", () => {
  /** The example host page, on the other origin, framing pullsim. */
  async function openHost(query) {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${host.url}embed.html?pullsim=${encodeURIComponent(server.url)}&${query}`);
    const frame = page.frameLocator("#pullsim");
    await frame.locator("html[data-pullsim=ready]").waitFor({ state: "attached", timeout: 30_000 });
    return { context, page, frame, requests };
  }

  const SCENARIO = `title: from the host
workload: |
  apiVersion: v1
  kind: Pod
  metadata: {name: web}
  spec:
    containers:
    - name: app
      image: registry.example.com:5000/shop/web:1.4
      imagePullPolicy: Never
node:
  configJson: '${CONFIG}'
`;

  test("the host sets a scenario, gets the result (without credentials) and sizes the frame", async () => {
    const { context, page, frame, requests } = await openHost("view=results");
    try {
      await page.waitForFunction(() => window.received.some((m) => m.type === "pullsim:ready"));
      await page.locator("#scenario").fill(SCENARIO);
      await page.locator("#send").click();
      await page.waitForFunction(() =>
        window.received.some((m) => m.type === "pullsim:result" && m.title === "from the host"),
      );
      const received = await page.evaluate(() => window.received);
      const result = received.filter((m) => m.type === "pullsim:result").at(-1);
      assert.equal(result.pods[0].containers[0].reason, "ErrImageNeverPull");
      assert.equal(result.pods[0].containers[0].pullPolicy, "Never");
      const all = JSON.stringify(received);
      for (const s of SPELLINGS) assert.ok(!all.includes(s), `the host received ${s}`);
      // Minimal chrome: no header, no editors; the frame is as tall as pullsim's content.
      assert.equal(await frame.locator(".site-header").count(), 0);
      assert.equal(await frame.getByTestId("manifest-editor").isVisible(), false);
      await waitOutcomeIn(frame, "app", "ErrImageNeverPull");
      await page.waitForFunction(() => {
        const h = window.received.filter((m) => m.type === "pullsim:height").at(-1)?.height;
        return h > 100 && document.getElementById("pullsim").height === String(h);
      });
      const [frameHeight, contentHeight] = await page.evaluate(() => {
        const f = document.getElementById("pullsim");
        return [f.clientHeight, f.contentDocument === null ? -1 : 0];
      });
      assert.ok(frameHeight > 100, `frame height ${frameHeight}`);
      assert.equal(contentHeight, -1, "the host cannot read pullsim's document (another origin)");
      const origins = new Set(requests.map((u) => new URL(u).origin));
      assert.deepEqual([...origins].sort(), [new URL(host.url).origin, new URL(server.url).origin].sort());
      await page.screenshot({ path: artifact("embed-results.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });

  test("a page pullsim was not told about can neither set the scenario nor read results", async () => {
    // The frame is told its host is another origin; the real host (this page) is ignored.
    const { context, page, frame } = await openHost("view=timeline&origin=" + encodeURIComponent("http://127.0.0.1:9"));
    try {
      await waitOutcomeIn(frame, "web", "ImagePullBackOff");
      await page.evaluate(
        (s) => document.getElementById("pullsim").contentWindow.postMessage({ type: "pullsim:set", scenario: s }, "*"),
        SCENARIO,
      );
      await page.waitForTimeout(1500);
      assert.deepEqual(await page.evaluate(() => window.received), [], "nothing reached the page");
      await waitOutcomeIn(frame, "web", "ImagePullBackOff");
      assert.equal(await frame.getByTestId("timeline").isVisible(), true, "the timeline view");
    } finally {
      await context.close();
    }
  });
});

async function waitOutcomeIn(frame, container, text) {
  const locator = frame.locator(`[data-container="${container}"] [data-testid=container-outcome]`);
  await locator.first().waitFor({ state: "attached" });
  for (let i = 0; i < 100; i++) {
    if ((await locator.first().textContent()) === text) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(await locator.first().textContent(), text);
}

describe("presentation, theme and shortcuts", () => {
  test("presentation mode: large type, editors hidden, keyboard drives the clock", async () => {
    const { context, page, problems } = await openApp(browser, server.url);
    try {
      await waitOutcome(page, "web", "ImagePullBackOff");
      const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      const normal = await size();
      await page.getByTestId("present-button").click();
      assert.ok((await size()) > normal * 1.2, "large type");
      assert.equal(await page.getByTestId("manifest-editor").isVisible(), false, "editors hidden");
      const now = () => page.getByTestId("clock-now").textContent();
      await page.getByTestId("clock-scrub").fill("0");
      await page.getByTestId("present-button").focus();
      await page.keyboard.press("ArrowRight");
      const stepped = await now();
      assert.notEqual(stepped, "0s / 15m0s");
      await page.keyboard.press("ArrowLeft");
      assert.equal(await now(), "0s / 15m0s");
      const speed = () => page.getByTestId("clock-speed").inputValue();
      const before = Number(await speed());
      await page.keyboard.press("+");
      assert.ok(Number(await speed()) > before);
      await page.keyboard.press("-");
      await page.keyboard.press("-");
      assert.ok(Number(await speed()) < before);
      await page.keyboard.press(" ");
      assert.equal(await page.getByTestId("clock-play").getAttribute("aria-pressed"), "true");
      await page.keyboard.press(" ");
      assert.equal(await page.getByTestId("clock-play").getAttribute("aria-pressed"), "false");
      // The focused control keeps a visible (thick) focus ring.
      await page.keyboard.press("Tab");
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineWidth);
      assert.ok(parseFloat(outline) >= 3, `focus outline ${outline}`);
      await page.screenshot({ path: artifact("presentation.png") });
      await page.keyboard.press("Escape");
      assert.equal(await page.getByTestId("manifest-editor").isVisible(), true, "Esc leaves");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("the theme toggle is remembered, and works when storage is refused", async () => {
    const { context, page, problems } = await openApp(browser, server.url);
    try {
      const theme = () => page.evaluate(() => document.documentElement.dataset.theme ?? "auto");
      assert.equal(await theme(), "auto");
      await page.getByTestId("theme-toggle").click();
      assert.equal(await theme(), "dark");
      await page.reload();
      await page.locator("html[data-pullsim=ready]").waitFor({ state: "attached" });
      assert.equal(await theme(), "dark", "remembered");
      const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      assert.equal(bg, "rgb(18, 21, 27)");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
    const refused = await browser.newContext();
    await refused.addInitScript(() => {
      Object.defineProperty(window, "localStorage", {
        get() {
          throw new DOMException("storage is disabled", "SecurityError");
        },
      });
    });
    const inFrame = await refused.newPage();
    const errors = [];
    inFrame.on("pageerror", (e) => errors.push(e.message));
    try {
      await inFrame.goto(server.url);
      await inFrame.locator("html[data-pullsim=ready]").waitFor({ state: "attached" });
      await inFrame.getByTestId("theme-toggle").click();
      assert.equal(await inFrame.evaluate(() => document.documentElement.dataset.theme), "dark");
      assert.equal(await inFrame.locator("#panic").isVisible(), false);
      assert.deepEqual(errors, []);
    } finally {
      await refused.close();
    }
  });

  test("Ctrl+Enter analyses now (here: a paste above the live-analysis limit), and the legend says so", async () => {
    const { context, page, problems } = await openApp(browser, server.url);
    try {
      await waitOutcome(page, "web", "ImagePullBackOff");
      assert.match(await page.getByTestId("shortcuts").textContent(), /Ctrl\/⌘\+Enter analyse now/);
      const editor = page.getByTestId("manifest-editor");
      const text = (await editor.inputValue()).replace("image: ngnix:1.25", "image: ngnix:1.25\n    imagePullPolicy: Never");
      await page.evaluate((t) => {
        const area = document.querySelector("[data-testid=manifest-editor]");
        area.value = t + "\n# filler\n".repeat(70_000);
        area.dispatchEvent(new Event("input", { bubbles: true }));
      }, text);
      await page.getByRole("button", { name: "Analyze now" }).waitFor();
      await editor.press("Control+Enter");
      await waitOutcome(page, "web", "ErrImageNeverPull");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
