// Runs themes/default/static/search-core.js in Node over a built index on disk, for
// tests/search_parity.rs: the same answers as `pamphlet search --json`, in its shape.
//
//   node tests/search_core.js CORE_JS INDEX_DIR BASE < queries.json > answers.json
//
// queries.json: [{ query, topic?, tag?, year?, from?, to?, undated?, sort? ("date"),
// limit? (0: all) }].
// Each query runs on a fresh engine (a cold cache), as the CLI does. Answer per query:
// { total, results: [{ url, title, date, publisher, topics, score, snippet }], facets,
// fetched: [{ path, bytes }] } with fetched as the CLI counts it (the index files, then
// the first page of fragments; the scripts are the CLI's to add).
'use strict';
const fs = require('fs');
const path = require('path');

const [coreJs, indexDir, base] = process.argv.slice(2);
const core = require(path.resolve(coreJs));

// The escaping of src/search/snippet.rs.
function escape(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
function html(pieces) {
  return pieces.map(([text, marked]) => (marked ? '<mark>' + escape(text) + '</mark>' : escape(text))).join('');
}

async function answer(q) {
  const engine = await core.open((p) => fs.promises.readFile(path.join(indexDir, p)));
  const filters = { topic: q.topic || '', tag: q.tag || '', year: q.year || '',
    range: core.range(q.from || '', q.to || ''), undated: !!q.undated };
  const out = await engine.search(core.parse(q.query), filters, q.sort || '', false);
  const before = engine.fetched.length;
  const shown = q.limit ? Math.min(q.limit, out.hits.length) : out.hits.length;
  const results = [];
  for (const [doc, score] of out.hits.slice(0, shown)) {
    const f = await engine.fragment(doc);
    const s = core.snippet(f, out);
    const snippet = { html: html(s.pieces) };
    if (s.response !== null) snippet.response = s.response;
    results.push({ url: base + f.url, title: f.title, date: f.dateIso, publisher: f.publisher,
      topics: f.topics, score, snippet });
  }
  const page = engine.meta.pageSize;
  const fetched = engine.fetched.slice(0, before + Math.min(page, shown))
    .map(([p, bytes]) => ({ path: p, bytes }));
  const facets = { topics: out.facets.topics, years: out.facets.years };
  if (out.facets.undated !== null) facets.undated = out.facets.undated;
  if (out.facets.tags) facets.tags = out.facets.tags;
  return { total: out.hits.length, results, facets, fetched };
}

async function main() {
  const queries = JSON.parse(fs.readFileSync(0, 'utf8'));
  const answers = [];
  for (const q of queries) {
    try {
      answers.push(await answer(q));
    } catch (e) {
      answers.push({ error: String(e && e.stack || e) });
    }
  }
  process.stdout.write(JSON.stringify(answers));
}
main().catch((e) => { console.error(e); process.exit(1); });
