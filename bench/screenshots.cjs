// Screenshots of a built archive for docs/ and the README, in Debian's Chromium through
// puppeteer-core (installed with Lighthouse by bench/lighthouse.sh, nothing fetched here).
//
//   node bench/screenshots.cjs BASE_URL OUT_DIR [full]
//
// BASE_URL serves the built archive (bench/lighthouse.sh starts one). "full" takes whole
// pages instead of the first screen, for reviewing a design.
const path = require("path");
const tools = process.env.PAMPHLET_TEST_TOOLS || path.join(process.env.HOME, ".cache/pamphlet-test-tools");
const puppeteer = require(path.join(tools, "lighthouse/node_modules/puppeteer-core"));

const [base, out, full] = process.argv.slice(2);
const article = "articles/clear-these-dwp-parasites-out-of-gp-surgeries/";
// name, page, width, height, dark, element to scroll to the top
const SHOTS = [
  ["home", "", 1280, 900],
  ["home-phone", "", 390, 844],
  ["home-dark", "", 1280, 900, true],
  ["article", article, 1280, 900],
  ["article-phone", article, 390, 844],
  ["article-responses", article, 1280, 900, false, "#reader-responses"],
  ["article-responses-phone", article, 390, 844, true, "#reader-responses"],
  ["article-provenance", article, 1280, 900, false, "#provenance-title"],
  ["conversation", "demo/articles/job-coaches-in-gp-surgeries-are-a-bad-idea/", 1280, 900, false, "#reader-responses"],
  ["conversation-phone", "demo/articles/job-coaches-in-gp-surgeries-are-a-bad-idea/", 390, 844, true, "#reader-responses"],
  ["topic", "topics/welfare-conditionality/", 1280, 900],
  ["topic-phone", "topics/welfare-conditionality/", 390, 844],
  ["years", "years/", 1280, 900],
  ["years-phone", "years/", 390, 844, true],
  ["search", "search/?q=gp+surgeries", 1280, 900],
  ["search-phone", "search/?q=gp+surgeries", 390, 844],
];

(async () => {
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--hide-scrollbars"],
  });
  const page = await browser.newPage();
  for (const [name, rel, width, height, dark, anchor] of SHOTS) {
    await page.setViewport({ width, height, deviceScaleFactor: 1, isMobile: width < 600, hasTouch: width < 600 });
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: dark ? "dark" : "light" }]);
    await page.goto(base + rel, { waitUntil: "networkidle0" });
    if (rel.startsWith("search/")) await page.waitForSelector(".search-result");
    if (anchor) await page.$eval(anchor, (e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 16));
    const file = path.join(out, name + ".png");
    await page.screenshot({ path: file, fullPage: full === "full" });
    console.log(file);
  }
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
