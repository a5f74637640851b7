// Bytes per query while typing, with the page's own engine and its own pacing:
// themes/default/static/search-core.js in Node over a built site's index on disk, keys
// every KEY_MS as bench/browser.py types them, each keystroke's search started when the
// page would start it (core.delay: at once, or after a pause that the next key cancels),
// the first page of fragments fetched for each search that ran (with a local server, a
// search ends long before the next key), one file cache for the
// whole query (one page). Pasted: the whole query at once, on a fresh page.
//
//   node bench/typed_bytes.mjs BUILD_DIR [--key-ms 120] [QUERY ...]
//
// Bytes are as stored (the index files are gzip already) plus the two scripts gzipped,
// as `pamphlet search --json` counts them and as bench/browser.py counts the network.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const core = require(path.join(here, '../themes/default/static/search-core.js'));

const args = process.argv.slice(2);
const build = args.shift();
let keyMs = 120;
const queries = [];
while (args.length) {
  const a = args.shift();
  if (a === '--key-ms') keyMs = Number(args.shift());
  else queries.push(a);
}
if (!queries.length) queries.push('sanctions', 'privatisation', 'ombudsman', 'universal credit', 'work capability', 'food banks');

const searchDir = path.join(build, 'search');
const index = fs.readdirSync(searchDir).map((d) => path.join(searchDir, d)).find((d) => fs.existsSync(path.join(d, 'meta.bin')));
const scripts = ['search-core.js', 'search.js']
  .map((s) => zlib.gzipSync(fs.readFileSync(path.join(build, 'static', s)), { level: 9 }).length)
  .reduce((a, b) => a + b, 0);

// One page: an engine, and a search as the page runs it (results, then a page of fragments).
async function page() {
  const engine = await core.open((p) => fs.promises.readFile(path.join(index, p)));
  let searches = 0;
  return {
    engine,
    get searches() { return searches; },
    async run(text) {
      const q = core.parse(text);
      if (!q.words.length && !q.phrases.length) return;
      searches++;
      const out = await engine.search(q, { topic: '', tag: '', year: '' }, '', false);
      for (const [doc] of out.hits.slice(0, engine.meta.pageSize)) await engine.fragment(doc);
    },
    bytes() { return scripts + engine.fetched.reduce((n, [, b]) => n + b, 0); },
  };
}

async function typed(query) {
  const p = await page();
  const chars = Array.from(query);
  for (let k = 1; k <= chars.length; k++) {
    const before = chars.slice(0, k - 1).join(''), text = chars.slice(0, k).join('');
    // The next key comes keyMs later: a search the page holds back longer never starts.
    const last = k === chars.length;
    if (last || core.delay(before, text) < keyMs) await p.run(text);
  }
  return { bytes: p.bytes(), searches: p.searches, files: p.engine.fetched.length };
}

async function pasted(query) {
  const p = await page();
  await p.run(query);
  return { bytes: p.bytes(), files: p.engine.fetched.length };
}

const median = (v) => { const s = [...v].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;
const rows = [];
for (const q of queries) {
  const t = await typed(q), p = await pasted(q);
  rows.push({ query: q, words: q.trim().split(/\s+/).length, typed: t.bytes, searches: t.searches, pasted: p.bytes });
}
const report = { index: path.basename(index), key_ms: keyMs, rows, summary: {} };
for (const [kind, pick] of [['one word', (r) => r.words === 1], ['two words', (r) => r.words === 2], ['all', () => true]]) {
  const rs = rows.filter(pick);
  if (!rs.length) continue;
  report.summary[kind] = {
    typed_median: median(rs.map((r) => r.typed)), typed_mean: Math.round(mean(rs.map((r) => r.typed))),
    pasted_median: median(rs.map((r) => r.pasted)), pasted_mean: Math.round(mean(rs.map((r) => r.pasted))),
  };
}
console.log(JSON.stringify(report, null, 1));
