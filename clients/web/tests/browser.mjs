// The reader site in Debian's chromium (playwright-core, no browser download) against the real service:
// the seed page as a reader sees it, Read Next and back, search in Devanagari and romanised Hindi, section
// paging, a preview, the 404 page; no console errors, no failed requests; screenshots at 1280 and 390 px.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const { E2E_API: apiBase, E2E_SITE: site, E2E_SEED: seedPath, E2E_ADMIN_KEY: adminKey } = process.env;
const seed = JSON.parse(readFileSync(seedPath, "utf8"));
const nfc = (s) => s.normalize("NFC").replace(/\s+/g, " ").trim();
const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, "..", "screenshots");
mkdirSync(shots, { recursive: true });

async function apiJson(path, init = {}) {
  const response = await fetch(apiBase + path, { ...init, headers: { Authorization: `Bearer ${adminKey}`, "Content-Type": "application/json", ...init.headers } });
  assert.ok(response.ok, `${init.method ?? "GET"} ${path}: ${response.status} ${await response.clone().text()}`);
  return response.json();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const problems = [];
const results = [];
async function step(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push(name);
    console.log(`  ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    console.log(`  FAIL ${name}\n${error.stack ?? error}`);
    process.exitCode = 1;
  }
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "hi-IN" });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on("request", (r) => { if (!/^(https?:\/\/127\.0\.0\.1[:/]|data:)/.test(r.url())) problems.push(`traffic off 127.0.0.1: ${r.url()}`); });

  const seedArticle = await (await fetch(`${apiBase}/v1/articles/2`)).json();
  const articlePath = new URL(seedArticle.url).pathname;
  const h1 = page.locator("main h1");

  await step("front page: teasers newest first, 'more' pages by cursor", async () => {
    await page.goto(site + "/");
    await h1.waitFor();
    assert.equal(await h1.textContent(), "ताज़ा ख़बरें");
    const first = await page.locator("main .teaser").count();
    assert.ok(first >= 10, `teasers: ${first}`);
    await page.getByRole("button", { name: "और ख़बरें" }).click();
    await page.waitForFunction((n) => document.querySelectorAll("main .teaser").length > n, first);
    await page.screenshot({ path: join(shots, "front-1280.png") });
  });

  await step("seed article: exact headline, nine paragraphs, dateline with ।, credit, author, reading time", async () => {
    await page.goto(site + articlePath);
    await h1.waitFor();
    assert.equal(nfc(await h1.textContent()), nfc(seed.article.headline));
    const paragraphs = page.locator("article.story .body p");
    assert.equal(await paragraphs.count(), 9);
    for (let i = 0; i < 9; i++) {
      assert.ok(await paragraphs.nth(i).isVisible(), `paragraph ${i + 1} visible`);
      assert.ok(nfc(await paragraphs.nth(i).textContent()).includes(nfc(seed.article.body[i])), `paragraph ${i + 1}`);
    }
    assert.equal(nfc(await page.locator(".body .dateline").textContent()), `${seed.article.dateline} ।`);
    assert.equal(await page.locator(".agency-credit").textContent(), `(${seed.article.source})`);
    assert.match(await page.locator(".byline").textContent(), /लेखक: admin.*स्रोत: आईएएनएस.*मिनट में पढ़ें/);
    assert.ok(await page.locator(".related .teaser").count() >= 1, "related stories");
    assert.equal(await page.locator("html").getAttribute("lang"), "hi");
  });

  await step("Devanagari is drawn with a Devanagari font (fonts-noto-core), not boxes", async () => {
    const cdp = await context.newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument");
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: "main h1" });
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    assert.ok(fonts.some((f) => /Devanagari/i.test(f.familyName) && f.glyphCount > 20), JSON.stringify(fonts));
    await page.screenshot({ path: join(shots, "article-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(shots, "article-390.png"), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow at 390 px: ${overflow}`);
    await page.setViewportSize({ width: 360, height: 800 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "no overflow at 360 px");
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  await step("landmarks, headings in order, alt text, visible focus", async () => {
    for (const selector of ["header", "nav", "main", "footer", "form[role=search]"]) assert.equal(await page.locator(selector).count() >= 1, true, selector);
    const levels = await page.locator("main h1, main h2, main h3, main h4").evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
    assert.equal(levels[0], 1);
    levels.forEach((level, i) => i === 0 || assert.ok(level <= levels[i - 1] + 1, `heading levels ${levels}`));
    assert.equal(await page.locator("img:not([alt])").count(), 0);
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none");
  });

  await step("Read Next opens the next story; back returns to the seed article", async () => {
    await page.locator("nav.adjacent a[rel=next]").click();
    await page.waitForFunction((h) => document.querySelector("main h1")?.textContent?.normalize("NFC") === h, seed.next.headline.normalize("NFC"));
    assert.equal(await page.locator("nav.adjacent a[rel=prev] strong").textContent(), seedArticle.headline);
    await page.goBack();
    await page.waitForFunction((h) => document.querySelector("main h1")?.textContent?.normalize("NFC") === h, seed.article.headline.normalize("NFC"));
    assert.equal(nfc(await page.locator("nav.adjacent a[rel=prev] strong").textContent()), nfc(seed.previous.headline));
  });

  for (const q of ["पुतिन", "putin"]) {
    await step(`search '${q}' finds the seed article with <mark> highlights`, async () => {
      await page.fill("#q", q);
      await page.press("#q", "Enter");
      await page.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === q);
      // The previous query's results stay on screen until this query's answer arrives: wait for its heading,
      // or the step passes on stale teasers and the next step cuts this search short.
      await page.waitForFunction((want) => document.querySelector("main h1")?.textContent === `खोज: ${want}`, q);
      const hit = page.locator("main .teaser", { hasText: seed.article.headline });
      await hit.first().waitFor();
      assert.ok(await hit.first().locator("mark").count() >= 1, "highlights in the seed article's snippet");
    });
  }

  await step("section page pages with 'more'", async () => {
    await page.goto(site + "/section/international");
    await h1.waitFor();
    const before = await page.locator("main .teaser").count();
    assert.equal(before, 10);
    await page.getByRole("button", { name: "और ख़बरें" }).click();
    await page.waitForFunction(() => document.querySelectorAll("main .teaser").length > 10);
    assert.ok(await page.getByRole("button", { name: "और ख़बरें" }).isHidden(), "no more after the last page");
  });

  await step("a preview token shows the unpublished draft", async () => {
    const draft = await apiJson("/v1/admin/articles", { method: "POST", body: JSON.stringify({ headline: "पूर्वावलोकन की परीक्षा: मानसून ने पूरे देश को भिगोया", dateline: "नई दिल्ली", body: "<p>भारत मौसम विज्ञान विभाग ने कहा कि मानसून समय से पहले पहुंच गया।</p>", section: "national" }) });
    const { token } = await apiJson(`/v1/admin/articles/${draft.id}/preview-token`, { method: "POST" });
    await page.goto(`${site}/preview/${token}`);
    await page.waitForFunction(() => document.querySelector("main h1")?.textContent?.includes("पूर्वावलोकन की परीक्षा"));
    assert.ok(await page.locator(".preview-banner").isVisible());
    assert.equal(nfc(await page.locator(".body .dateline").textContent()), "नई दिल्ली ।");
  });

  await step("an unknown path shows the 404 page", async () => {
    await page.goto(`${site}/no/such/page`);
    await page.waitForFunction(() => document.querySelector("main h1")?.textContent === "पृष्ठ नहीं मिला");
  });

  await step("no console errors, failed requests or traffic off 127.0.0.1", async () => {
    assert.deepEqual(problems, []);
  });
} finally {
  await browser.close();
}
console.log(`browser tests: ${results.length} passed, ${process.exitCode ? "some failed" : "0 failed"}`);
