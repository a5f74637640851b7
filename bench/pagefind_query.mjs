// Pagefind half of the relevance benchmark (bench/relevance.py runs it): loads the
// built site's pagefind/pagefind.js in node, as a page would, and runs each query
// through its JS API on a fresh instance (an empty cache, like a first visit).
//
//   node bench/pagefind_query.mjs PUBLIC_DIR QUERIES.json OUT.json
//
// QUERIES: ["q", ...]. OUT: [{ total, urls (top 10 paths), bytes, files }, ...]; bytes
// and files: up to the first 5 results' fragments, as a page showing 5 fetches.
// Files are read from disk through a stand-in fetch that counts their bytes on the wire:
// Pagefind's own files are already gzipped, its text files (pagefind.js, the entry JSON)
// are counted gzipped, as a server sends them (and as pamphlet's search.js is counted).
// pagefind.js itself is added, as a browser downloads it too.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [pub, queriesPath, outPath] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(queriesPath, 'utf8'));
const BASE = 'http://pagefind.invalid/pagefind/';
const script = join(pub, 'pagefind', 'pagefind.js');
const wire = (rel, body) => (/\.(js|json|css)$/.test(rel) ? gzipSync(body).length : body.length);
const scriptBytes = wire('pagefind.js', readFileSync(script));
let counted = null;
globalThis.fetch = async (url) => {
  const rel = String(url).slice(BASE.length).split('?')[0];
  const body = readFileSync(join(pub, 'pagefind', rel));
  const n = wire(rel, body);
  counted.files.push([rel, n]);
  counted.bytes += n;
  return new Response(body, { status: 200 });
};
const out = [];
for (let i = 0; i < queries.length; i++) {
  counted = { bytes: scriptBytes, files: [['pagefind.js', scriptBytes]] };
  const pf = await import(`${pathToFileURL(script).href}?instance=${i}`);
  await pf.options({ basePath: BASE });
  await pf.init();
  const r = await pf.search(queries[i]);
  // Bytes as a page showing 5 results spends them (pamphlet's page shows 5); the next
  // 5 fragments are read for the ranks only.
  const top = await Promise.all(r.results.slice(0, 5).map((x) => x.data()));
  const bytes = counted.bytes, files = counted.files.slice();
  top.push(...(await Promise.all(r.results.slice(5, 10).map((x) => x.data()))));
  const urls = top.map((d) => new URL(d.url, 'http://pagefind.invalid/').pathname);
  out.push({ total: r.results.length, urls, bytes, files });
  await pf.destroy?.();
}
writeFileSync(outPath, JSON.stringify(out));
