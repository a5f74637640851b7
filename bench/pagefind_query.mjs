// Pagefind half of the relevance benchmark (bench/relevance.py runs it): loads the
// built site's pagefind/pagefind.js in node, as a page would, and runs each query
// through its JS API on a fresh instance (an empty cache, like a first visit).
//
//   node bench/pagefind_query.mjs PUBLIC_DIR QUERIES.json OUT.json
//
// QUERIES: ["q", ...]. OUT: [{ total, urls (top 10 paths), bytes, files }, ...].
// Files are read from disk through a stand-in fetch that counts their bytes; the
// size of pagefind.js itself is added, as a browser downloads it too.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [pub, queriesPath, outPath] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(queriesPath, 'utf8'));
const BASE = 'http://pagefind.invalid/pagefind/';
const script = join(pub, 'pagefind', 'pagefind.js');
let counted = null;
globalThis.fetch = async (url) => {
  const rel = String(url).slice(BASE.length).split('?')[0];
  const body = readFileSync(join(pub, 'pagefind', rel));
  counted.files.push([rel, body.length]);
  counted.bytes += body.length;
  return new Response(body, { status: 200 });
};
const out = [];
for (let i = 0; i < queries.length; i++) {
  counted = { bytes: statSync(script).size, files: [] };
  const pf = await import(`${pathToFileURL(script).href}?instance=${i}`);
  await pf.options({ basePath: BASE });
  await pf.init();
  const r = await pf.search(queries[i]);
  const top = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  const urls = top.map((d) => new URL(d.url, 'http://pagefind.invalid/').pathname);
  out.push({ total: r.results.length, urls, bytes: counted.bytes, files: counted.files });
  await pf.destroy?.();
}
writeFileSync(outPath, JSON.stringify(out));
