// Browser half of the search benchmark (bench/browser.py runs it): types queries
// into search pages in headless Chromium, as a reader does, and records how long
// the results take to appear after the last keystroke and what the server sent.
//
//   node bench/browser_search.mjs CONFIG.json OUT.json
//
// CONFIG: { puppeteer: folder of an `npm install puppeteer-core`, chromium: binary,
//   base: "http://127.0.0.1:PORT", take: path answering the server's request log,
//   idle: path that answers once the machine is idle (optional),
//   sides: [{ name, url, input, check }], queries: [...], paste: bool, keyDelayMs,
//   timeoutMs, settleMs }. `check` names a results test in CHECKS below.
//
// For each query and side, in a new browser context (its own empty cache): open the
// page, wait until its network is idle, click the box, type the query one key at a
// time, and wait until the page shows results for the whole query ("cold"). Then, on
// the same page, clear the box and type the next query in the list ("warm": the
// script and whatever it loaded are in memory). With `paste`, also the query
// inserted at once on a fresh page: the cost of the query alone. Time runs from the
// last key's keydown (pasted: the input event) to the DOM mutation that completes
// the results, both read with performance.now() inside the page. The server's log
// gives the bytes on the wire.

import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [configPath, outPath] = process.argv.slice(2);
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const require = createRequire(join(config.puppeteer, 'node_modules', 'noop.js'));
const puppeteer = require('puppeteer-core');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Injected before any page script. `expect(q, check)` starts watching the DOM;
// `result(timeoutMs)` resolves when the results for q are complete.
function probe() {
  const CHECKS = {
    // pamphlet's search.js: the status names the query in curly quotes once the
    // list holds the page of results (it is written after the fragments arrive).
    pamphlet(q) {
      const status = document.getElementById('search-status');
      if (!status) return null;
      if (status.getAttribute('role') === 'alert') return { error: status.textContent };
      const text = status.textContent;
      if (!text.includes('\u201c' + q + '\u201d')) return null;
      const shown = document.querySelectorAll('#search-results > li').length;
      if (!shown && !text.startsWith('No results')) return null;
      return { shown, text, links: links('#search-results > li a[href]') };
    },
    // Pagefind UI: "N results for q" (not "Searching for q...") and no result still
    // showing its loading placeholder (fragments not yet fetched).
    pagefind(q) {
      const message = document.querySelector('.pagefind-ui__message');
      if (!message) return null;
      const text = message.textContent.trim();
      if (!text.endsWith(' for ' + q)) return null;
      const shown = document.querySelectorAll('.pagefind-ui__results > .pagefind-ui__result').length;
      if (!text.startsWith('No results')) {
        if (!shown || document.querySelector('.pagefind-ui__results .pagefind-ui__loading')) return null;
      }
      return { shown, text, links: links('.pagefind-ui__results > .pagefind-ui__result a[href]') };
    },
  };
  function links(sel) {
    return Array.from(document.querySelectorAll(sel), (a) => a.getAttribute('href')).slice(0, 5);
  }
  // the last keystroke (typed) or text insertion (pasted), before any page handler
  const last = { keydown: 0, input: 0 };
  addEventListener('keydown', () => { last.keydown = performance.now(); }, true);
  addEventListener('input', () => { last.input = performance.now(); }, true);
  let watch = null;
  const observer = new MutationObserver(() => check());
  function check() {
    if (!watch || watch.found) return;
    const r = CHECKS[watch.check](watch.q);
    if (r) {
      watch.found = { ...r, at: performance.now() };
      observer.disconnect();
      watch.resolve();
    }
  }
  window.__bench = {
    expect(q, name) {
      let resolve;
      const done = new Promise((r) => { resolve = r; });
      watch = { q, check: name, found: null, resolve, done };
      observer.observe(document.documentElement,
        { subtree: true, childList: true, characterData: true, attributes: true });
    },
    async result(timeoutMs, from) {
      const w = watch;
      check();
      await Promise.race([w.done, new Promise((r) => setTimeout(r, timeoutMs))]);
      observer.disconnect();
      const t0 = last[from];
      if (!w.found) return { timeout: true, lastKeyEpoch: performance.timeOrigin + t0 };
      return {
        ...w.found, latencyMs: w.found.at - t0,
        lastKeyEpoch: performance.timeOrigin + t0, doneEpoch: performance.timeOrigin + w.found.at,
      };
    },
    links: () => CHECKS[watch.check](watch.q)?.links ?? null,
  };
}

async function takeLog() {
  const r = await fetch(config.base + config.take);
  return r.json();
}

// Seconds waited for other processes to leave the CPUs idle (the harness's rule).
async function waitForIdle() {
  if (!config.idle) return 0;
  const r = await fetch(config.base + config.idle);
  return (await r.json()).waited;
}

function mainThread(m) {
  return { script: m.ScriptDuration, task: m.TaskDuration, layout: m.LayoutDuration,
    style: m.RecalcStyleDuration };
}

// Types q into the focused box with keyDelayMs between keys (or pastes it whole);
// the page's main-thread time from just before the last key to the results.
async function typeAndWait(page, side, q, paste = false) {
  await page.evaluate((q, check) => window.__bench.expect(q, check), q, side.check);
  if (!paste) {
    for (const ch of q.slice(0, -1)) {
      await page.keyboard.type(ch);
      await sleep(config.keyDelayMs);
    }
  }
  const before = mainThread(await page.metrics());
  if (paste) await page.keyboard.sendCharacter(q);
  else await page.keyboard.type(q.slice(-1));
  const found = await page.evaluate((t, from) => window.__bench.result(t, from), config.timeoutMs,
    paste ? 'input' : 'keydown');
  const after = mainThread(await page.metrics());
  const cpu = Object.fromEntries(Object.keys(after).map((k) => [k + 'Ms', (after[k] - before[k]) * 1000]));
  await sleep(config.settleMs);  // late requests and re-renders would show here
  const later = await page.evaluate(() => window.__bench.links());
  found.stable = !found.timeout && JSON.stringify(later) === JSON.stringify(found.links);
  return { query: q, ...found, mainThread: cpu };
}

// A new context (empty cache) with the page open, its network idle, the box focused.
async function openPage(browser, side) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') {
      problems.push(`console.${m.type()}: ${m.text()} (${m.location()?.url ?? ''})`);
    }
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.evaluateOnNewDocument(probe);
  await takeLog();
  const t0 = Date.now();
  await page.goto(config.base + side.url, { waitUntil: 'load', timeout: config.timeoutMs });
  await idle(page);
  const loadMs = Date.now() - t0;
  const loadRequests = await takeLog();
  await page.click(side.input);
  return { context, page, problems, loadMs, loadRequests };
}

function idle(page) {
  return page.waitForNetworkIdle({ idleTime: 250, timeout: config.timeoutMs });
}

// Typed: cold query, then the warm one on the same page. Pasted: the query entered
// at once on a fresh page (what the query alone costs, without the partial words).
async function measure(browser, side, q, warmQ) {
  const run = { side: side.name, query: q, problems: [] };
  for (const mode of config.paste ? ['typed', 'pasted'] : ['typed']) {
    let open = null;
    try {
      await waitForIdle();
      open = await openPage(browser, side);
      const { page } = open;
      const cold = await typeAndWait(page, side, q, mode === 'pasted');
      await idle(page);
      cold.requests = await takeLog();
      const m = { loadMs: open.loadMs, loadRequests: open.loadRequests, cold, warm: null };
      if (warmQ && mode === 'typed') {
        await page.keyboard.down('Control');  // select all and delete, as a reader would
        await page.keyboard.press('KeyA');
        await page.keyboard.up('Control');
        await page.keyboard.press('Backspace');
        await sleep(config.settleMs);
        await idle(page);
        await takeLog();
        m.warm = await typeAndWait(page, side, warmQ);
        await idle(page);
        m.warm.requests = await takeLog();
      }
      run[mode] = m;
    } catch (e) {
      run.error = `${mode}: ${e && e.message || e}`;
    } finally {
      if (open) {
        run.problems.push(...open.problems.map((p) => `${mode}: ${p}`));
        await open.context.close();
      }
    }
    if (run.error) break;
  }
  return run;
}

const browser = await puppeteer.launch({
  executablePath: config.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-extensions'],
});
const out = { chromium: await browser.version(), runs: [] };
try {
  for (const side of config.sides) {  // not measured: Chromium's and the server's first use
    const open = await openPage(browser, side);
    await open.context.close();
  }
  await takeLog();
  const qs = config.queries;
  for (let i = 0; i < qs.length; i++) {
    // alternate which side goes first, so drift hits both alike
    const sides = i % 2 ? [...config.sides].reverse() : config.sides;
    for (const side of sides) {
      const run = await measure(browser, side, qs[i], qs.length > 1 ? qs[(i + 1) % qs.length] : null);
      out.runs.push(run);
      const ms = (t) => (t.timeout ? 'timeout' : t.latencyMs.toFixed(0) + ' ms');
      const typed = run.typed, pasted = run.pasted;
      console.error(`  ${side.name.padEnd(18)} ${JSON.stringify(qs[i]).padEnd(18)} ` +
        (typed ? `cold ${ms(typed.cold)}` : '') +
        (typed?.warm ? `, warm ${JSON.stringify(typed.warm.query)} ${ms(typed.warm)}` : '') +
        (pasted ? `, pasted ${ms(pasted.cold)}` : '') + (run.error ? ` error: ${run.error}` : ''));
    }
  }
} finally {
  await browser.close();
}
writeFileSync(outPath, JSON.stringify(out, null, 1));
