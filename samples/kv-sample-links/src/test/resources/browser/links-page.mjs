// Drives the sample's page in a real Chromium, as a person would use it.
// Usage: node links-page.mjs <base URL>; KV_PEERS_DIR locates playwright-core, CHROMIUM the browser.
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(join(process.env.KV_PEERS_DIR, "package.json"));
const { chromium } = require("playwright-core");

const base = process.argv[2];
const step = (name) => console.log("step: " + name);
const fail = (message) => { throw new Error(message); };

const userDataDir = mkdtempSync(join(tmpdir(), "kv-sample-chromium-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = context.pages()[0] ?? await context.newPage();
page.setDefaultTimeout(20_000);

const clicksCell = (code) => `#links tr[data-code="${code}"] .clicks`;

async function waitForCount(code, count) {
  await page.waitForFunction(([selector, n]) => document.querySelector(selector)?.textContent === n,
    [clicksCell(code), String(count)]);
}

/** Shows an owner's links as a person does: types the name and leaves the field. */
async function showOwner(owner) {
  await page.fill("#owner", owner);
  await page.locator("#owner").blur();
  await settled();
}

/** Waits until the table is no longer loading a listing. */
async function settled() {
  await page.waitForSelector('#links:not([aria-busy="true"])', { state: "attached" });
}

async function submit({ url, code = "", ttl = "" }) {
  await page.fill("#url", url);
  await page.fill("#code", code);
  await page.fill("#ttl", ttl);
  await page.click("#create button");
}

async function errorShown(text) {
  await page.waitForFunction((t) => document.querySelector("#error").textContent.includes(t), text);
}

async function rowCodes() {
  return page.$$eval("#links tr", (rows) => rows.map((r) => r.dataset.code));
}

async function follow(codes) {
  // What a click on a short link does, without leaving the page: the redirect is counted.
  const statuses = await page.evaluate(async (cs) => Promise.all(cs.map(
    (c) => fetch("/r/" + c, { redirect: "manual" }).then((r) => r.status))), codes);
  if (statuses.some((s) => s !== 0 && s !== 302)) fail("unexpected answers to following links: " + statuses);
}

try {
  await page.goto(base + "/");

  step("create");
  await showOwner("browser");
  const target = base + "/index.html?followed";
  await submit({ url: target, code: "b-home" });
  await page.waitForSelector('#links tr[data-code="b-home"]');
  await waitForCount("b-home", 0);

  step("follow");
  const [popup] = await Promise.all([context.waitForEvent("page"), page.click('#links tr[data-code="b-home"] a')]);
  await popup.waitForLoadState();
  if (popup.url() !== target) fail("following the short link led to " + popup.url());
  await popup.close();
  await waitForCount("b-home", 1);

  step("validation");
  await submit({ url: "http://" });
  await errorShown("url must be an http:// or https:// address with a host name");
  await submit({ url: "https://deno.com", ttl: "99999999999" });
  await errorShown("ttlSeconds must be between 1 and");
  await submit({ url: "https://deno.com", ttl: "1e30" });
  await errorShown("ttlSeconds a whole number of seconds");

  step("live count with 20 links");
  const codes = Array.from({ length: 20 }, (_, i) => "m-" + String(i + 1).padStart(2, "0"));
  await page.evaluate(async (cs) => {
    for (const code of cs) {
      const r = await fetch("/api/links", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ url: "https://deno.com/" + code, code, owner: "many" }) });
      if (r.status !== 201) throw new Error("creating " + code + " answered " + r.status);
    }
  }, codes);
  await showOwner("many");
  await page.waitForFunction(() => document.querySelectorAll("#links tr").length === 10);
  await waitForCount("m-10", 0);

  step("paging");
  if (await page.isHidden("#more")) fail("the More button is hidden with a second page left");
  await page.click("#more");
  await settled();
  await page.waitForFunction(() => document.querySelectorAll("#links tr").length === 20);
  const shown = await rowCodes();
  if (JSON.stringify(shown) !== JSON.stringify(codes)) fail("the two pages show " + shown);
  await page.waitForFunction(() => document.querySelector("#more").hidden);
  for (const code of codes) await waitForCount(code, 0);
  await follow(codes);
  for (const code of codes) await waitForCount(code, 1);

  step("delete");
  await page.click('#links tr[data-code="m-05"] button.delete');
  await page.waitForFunction(() => !document.querySelector('#links tr[data-code="m-05"]'));
  const gone = await page.evaluate(async () => (await fetch("/api/links/m-05")).status);
  if (gone !== 404) fail("a deleted link answers " + gone);
  if ((await rowCodes()).length !== 19) fail("deleting one link left " + (await rowCodes()).length + " rows");
  await follow(["m-06", "m-20"]);
  await waitForCount("m-06", 2);
  await waitForCount("m-20", 2);

  step("expiry");
  await showOwner("expiry");
  await submit({ url: "https://deno.com/short", code: "short", ttl: "3" });
  await page.waitForSelector('#links tr[data-code="short"]');
  const expires = await page.textContent('#links tr[data-code="short"] td:nth-child(3)');
  if (expires === "never") fail("a link with a time-to-live shows no expiry");
  // The link and its index entry expire: the short link stops answering and the owner's list empties.
  // (Polled in the page: waitForFunction does not wait for a predicate's promise.)
  await page.evaluate(async () => {
    const deadline = Date.now() + 20_000;
    while ((await fetch("/api/links/short")).status !== 404
        || (await (await fetch("/api/links?owner=expiry")).json()).links.length !== 0) {
      if (Date.now() > deadline) throw new Error("the link did not expire");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
  if ((await page.evaluate(async () => (await fetch("/r/short", { redirect: "manual" })).status)) !== 404) {
    fail("an expired short link still redirects");
  }
  await page.reload();
  await settled();
  await showOwner("nobody");
  await showOwner("expiry");
  await page.waitForFunction(() => document.querySelectorAll("#links tr").length === 0);
  await submit({ url: "https://deno.com/again", code: "short" });
  await page.waitForSelector('#links tr[data-code="short"]');
  await waitForCount("short", 0);

  console.log("browser test passed");
} catch (e) {
  console.log("page error text: " + (await page.textContent("#error").catch(() => "?")));
  console.log("rows: " + (await page.$$eval("#links tr", (rs) => rs.map((r) => r.innerText.replace(/\s+/g, " "))).catch(() => "?")));
  throw e;
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
