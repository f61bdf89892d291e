// End-to-end: the release build (dist/) in Debian's Chromium, driven by playwright-core.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { artifact, launchChromium, openApp, repoRoot, serveStatic } from "./support.mjs";

const DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

let server;
let browser;

before(async () => {
  server = await serveStatic();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const byTestId = (page, id) => page.getByTestId(id);

async function partText(page, part) {
  return page.locator(`[data-testid=ref-anatomy] .ref-parts [data-part=${part}]`).textContent();
}

describe("reference lab", () => {
  test("loads with nginx analysed", async (t) => {
    const { context, page, problems } = await openApp(browser, server.url);
    try {
      const input = byTestId(page, "ref-input");
      assert.equal(await input.inputValue(), "nginx");
      assert.equal(await page.getByLabel("Image").inputValue(), "nginx", "the input is labelled");
      assert.equal(await partText(page, "domain"), "docker.io");
      assert.equal(await partText(page, "path"), "library/nginx");
      assert.equal(await byTestId(page, "ref-canonical").textContent(), "docker.io/library/nginx");
      assert.equal(await byTestId(page, "ref-familiar").textContent(), "nginx");
      assert.equal(
        await byTestId(page, "ref-docker-ref").textContent(),
        "docker.io/library/nginx:latest",
      );
      assert.equal(await byTestId(page, "ref-runtime-string").textContent(), "nginx:latest");
      assert.equal(await byTestId(page, "ref-policy-value").textContent(), "Always");
      const steps = page.locator("[data-testid=ref-steps] ol > li");
      assert.ok((await steps.count()) >= 2, "the rules that fired are listed");
      assert.equal(
        await steps.first().locator("a").getAttribute("href"),
        "https://kubernetes.io/docs/concepts/containers/images/#image-names",
      );
      // The first page of the run: a colder load than the playground's test.
      const [interactive, ready] = await page.evaluate(() =>
        ["pullsim-interactive", "pullsim-ready"].map((m) => performance.getEntriesByName(m)[0]?.startTime),
      );
      assert.ok(typeof interactive === "number", "boot.js marks pullsim-interactive");
      assert.ok(typeof ready === "number", "boot.js marks pullsim-ready");
      t.diagnostic(
        `cold load from localhost, first page of the run: interactive at ${interactive.toFixed(0)} ms; ` +
          `simulator worker ready at ${ready.toFixed(0)} ms`,
      );
      await page.screenshot({ path: artifact("lab-nginx.png"), fullPage: true });
      assert.deepEqual(problems, [], "no console errors (CSP violations included)");
    } finally {
      await context.close();
    }
  });

  test("typing an image updates the anatomy on every input", async () => {
    const { context, page, problems } = await openApp(browser, server.url);
    try {
      const input = byTestId(page, "ref-input");
      await input.fill("");
      // Real key presses, one input event per character.
      await input.pressSequentially("ghcr.io/acme/api:1.4");
      assert.equal(await partText(page, "domain"), "ghcr.io");
      assert.equal(await partText(page, "path"), "acme/api");
      assert.equal(await partText(page, "tag"), "1.4");
      assert.equal(await byTestId(page, "ref-runtime-string").textContent(), "ghcr.io/acme/api:1.4");
      assert.equal(await byTestId(page, "ref-policy-value").textContent(), "IfNotPresent");

      await input.fill(`localhost:5000/team/app:latest@${DIGEST}`);
      assert.equal(await partText(page, "domain"), "localhost:5000");
      assert.equal(await partText(page, "path"), "team/app");
      assert.equal(await partText(page, "tag"), "latest");
      assert.equal(await partText(page, "digest"), DIGEST);
      assert.equal(
        await byTestId(page, "ref-docker-ref").textContent(),
        `localhost:5000/team/app@${DIGEST}`,
        "ParseDockerRef drops the tag when there is a digest",
      );
      // SetDefaults_Container: the tag is still `latest` → Always, digest or not.
      assert.equal(await byTestId(page, "ref-policy-value").textContent(), "Always");
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("an invalid name shows the upstream error with the bad part underlined", async () => {
    const { context, page, problems } = await openApp(browser, server.url);
    try {
      const input = byTestId(page, "ref-input");
      await input.fill("Nginx");
      const error = byTestId(page, "ref-error");
      await error.waitFor();
      assert.equal(
        await byTestId(page, "ref-error-message").textContent(),
        "invalid reference format: repository name (library/Nginx) must be lowercase",
      );
      assert.equal(await byTestId(page, "ref-error-mark").textContent(), "N");
      assert.equal(await input.getAttribute("aria-invalid"), "true");
      assert.equal(await byTestId(page, "ref-anatomy").count(), 0, "no anatomy for an invalid name");
      assert.match(await byTestId(page, "ref-runtime-image").textContent(), /InvalidImageName/);
      assert.equal(await byTestId(page, "ref-policy-value").textContent(), "IfNotPresent");
      await page.screenshot({ path: artifact("lab-error.png"), fullPage: true });

      // Multi-byte input: the underline covers whole characters.
      await input.fill("café");
      await error.waitFor();
      const mark = await byTestId(page, "ref-error-mark").textContent();
      assert.ok(mark.length > 0 && "café".includes(mark), `underlined ${JSON.stringify(mark)}`);

      // Back to a valid name: the error goes away.
      await input.fill("busybox");
      await byTestId(page, "ref-anatomy").waitFor();
      assert.equal(await byTestId(page, "ref-error").count(), 0);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("a pasted megabyte name gets the core's verdict, shortened, and the input keeps every byte", async (t) => {
    const { context, page, problems } = await openApp(browser, server.url);
    try {
      const start = Date.now();
      await page.evaluate(() => {
        const input = document.querySelector("[data-testid=ref-input]");
        input.value = "a".repeat(5 * 1024 * 1024);
        input.dispatchEvent(new Event("input", { bubbles: true }));
      });
      const notice = byTestId(page, "ref-too-long");
      await notice.waitFor();
      t.diagnostic(`5 MiB name analysed and shown in ${Date.now() - start} ms`);
      assert.match(await notice.textContent(), /This name is 5242880 bytes long/);
      assert.match(await notice.textContent(), /must not be more than 255 characters/);
      const labText = await page.evaluate(() => document.querySelector(".lab").textContent.length);
      assert.ok(labText < 20_000, `the lab shows ${labText} characters`);
      assert.equal((await byTestId(page, "ref-input").inputValue()).length, 5 * 1024 * 1024, "nothing lost");
      await byTestId(page, "ref-input").fill("nginx");
      await byTestId(page, "ref-anatomy").waitFor();
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test("no request after load, and none to another origin", async () => {
    const { context, page, requests } = await openApp(browser, server.url);
    try {
      const origin = new URL(server.url).origin;
      const atLoad = requests.length;
      for (const name of ["redis:7", "Foo/bar", "quay.io/x/y@" + DIGEST, "", "a".repeat(300)]) {
        await byTestId(page, "ref-input").fill(name);
      }
      await page.getByRole("link", { name: "kubernetes.io" }).first().hover();
      await page.waitForTimeout(300);
      assert.deepEqual(requests.slice(atLoad), [], "requests after load");
      const foreign = requests.filter((u) => new URL(u).origin !== origin);
      assert.deepEqual(foreign, [], "requests to other origins");
    } finally {
      await context.close();
    }
  });

  test("after load, the page cannot connect anywhere, not even to its own origin", async () => {
    const { context, page } = await openApp(browser, server.url);
    try {
      const outcome = await page.evaluate(() =>
        fetch("/index.html").then(
          () => "fetched",
          (e) => `blocked: ${e}`,
        ),
      );
      assert.match(outcome, /^blocked/);
    } finally {
      await context.close();
    }
  });

  test("a panic shows a recoverable message and keeps the page", async () => {
    const { context, page } = await openApp(browser, server.url);
    try {
      await byTestId(page, "ref-input").fill("alpine:3.20");
      assert.ok(await page.locator("#panic").isHidden());
      const thrown = await page.evaluate(() => {
        try {
          window.pullsim.panic_for_test("boom for the test");
          return "returned";
        } catch (e) {
          return String(e);
        }
      });
      assert.notEqual(thrown, "returned");
      const notice = page.locator("#panic");
      assert.ok(await notice.isVisible());
      assert.match(await notice.textContent(), /boom for the test/);
      assert.equal(await byTestId(page, "ref-input").inputValue(), "alpine:3.20");
      assert.ok(await page.getByRole("button", { name: "Reload" }).isVisible());
      await page.screenshot({ path: artifact("panic.png") });
    } finally {
      await context.close();
    }
  });

  test("on a phone-sized screen a long digest reference wraps instead of overflowing", async () => {
    const { context, page } = await openApp(browser, server.url, {
      colorScheme: "dark",
      viewport: { width: 390, height: 800 },
    });
    try {
      await byTestId(page, "ref-input").fill(`localhost:5000/team/app:latest@${DIGEST}`);
      const [scrollWidth, innerWidth] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        window.innerWidth,
      ]);
      assert.ok(scrollWidth <= innerWidth, `page is ${scrollWidth}px wide in a ${innerWidth}px window`);
      await page.screenshot({ path: artifact("narrow-dark.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });

  test("screenshots for the README, light and dark", async () => {
    for (const colorScheme of ["light", "dark"]) {
      const { context, page, problems } = await openApp(browser, server.url, {
        colorScheme,
        viewport: { width: 1000, height: 800 },
      });
      try {
        await byTestId(page, "ref-input").fill("nginx");
        const file = artifact(`screenshot-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        if (colorScheme === "light" && process.env.PULLSIM_UPDATE_SCREENSHOT) {
          fs.mkdirSync(path.join(repoRoot, "docs"), { recursive: true });
          fs.copyFileSync(file, path.join(repoRoot, "docs", "screenshot.png"));
        }
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
  });
});
