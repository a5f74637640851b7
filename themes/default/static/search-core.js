/* pamphlet search engine: no DOM, no network of its own. It parses a query, plans which
   index files to fetch (through the loader it is given), scores and ranks, and cuts
   snippets, against the index that `pamphlet build` writes under search/<hash>/.
   search.js (the page) calls it in the browser; tests/search_core.js calls it in Node.

   It is the same engine as src/search/query/ and src/search/snippet.rs (parsing, the
   files fetched in each round, integer scores, order, facet counts, snippets):
   tests/search_parity.rs runs both over one built site on a few hundred queries and
   requires identical answers. Change both together; docs/search-index.md describes the
   file formats. Plain JavaScript, no dependencies. */
(function (global, make) {
  'use strict';
  var api = make();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else global.PamphletSearch = api;
})(this, function () {
  'use strict';
  var MAX_PREFIX_SHARDS = 2, MAX_EXPANSIONS = 16, MAX_QUERY_WORDS = 32, WINDOW = 24, LEAD = 6;
  // Ranking constants of src/search/query/{plan,rank}.rs (chosen with bench/relevance.py).
  var STOP_WORDS_BESIDE = 1, STOP_WEIGHTS = [1, 1], IN_ORDER = 1000, NEAR = 20, NEAR_WORDS = 8,
    PROXIMITY_POSTINGS = 4000;
  var ALNUM = /[\p{Alphabetic}\p{N}]/u, MARKS = /\p{M}/gu, JOIN = '\'\u2019-\u2010';
  // Rust's char::is_whitespace (Unicode White_Space), not JavaScript's \s: \s has U+FEFF
  // and lacks U+0085, so "a\u0085b" would be one word here and two in Rust.
  var SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
  var utf8 = new TextDecoder('utf-8', { fatal: true });

  /* ---- Words, folded as crate::text::words folds them ---- */
  function fold(c) {
    var l = c.toLowerCase();
    return l.length === 1 && l.charCodeAt(0) < 128 ? l : l.normalize('NFD').replace(MARKS, '');
  }
  function charAt(t, i) { return String.fromCodePoint(t.codePointAt(i)); }
  // [start, end, folded] for each word; offsets in UTF-16 units.
  function words(t) {
    var out = [], w = '', s = 0, e = 0, i = 0;
    while (i < t.length) {
      var c = charAt(t, i), n = i + c.length;
      if (ALNUM.test(c)) {
        if (!w) s = i;
        w += fold(c);
        e = n;
      } else if (w && JOIN.indexOf(c) >= 0 && n < t.length && ALNUM.test(charAt(t, n))) {
        // joined: skip the mark
      } else if (w) {
        out.push([s, e, w]);
        w = '';
      }
      i = n;
    }
    if (w) out.push([s, e, w]);
    return out;
  }
  function folded(t) { return words(t).map(function (x) { return x[2]; }); }
  // str::trim_end: Rust's whitespace.
  function trimEnd(t) {
    var n = t.length;
    while (n > 0 && SPACE.test(t[n - 1])) n--;
    return t.slice(0, n);
  }

  // Code point order, as Rust compares strings.
  function cmp(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x !== y) {
        var sx = x >= 0xd800 && x < 0xe000, sy = y >= 0xd800 && y < 0xe000;
        if (sx !== sy) return sx ? 1 : -1;
        return x < y ? -1 : 1;
      }
    }
    return a.length - b.length;
  }

  /* ---- Query parsing (query/parse.rs) ---- */
  function parse(q) {
    var query = { words: [], prefix: false, phrases: [], excluded: [], ignored: 0 }, i = 0, lastPlain = false;
    // Only the first MAX_QUERY_WORDS words count: each is a pass over its postings.
    function room(ws) {
      var used = query.words.length + query.excluded.length;
      query.phrases.forEach(function (p) { used += p.length; });
      var left = Math.max(0, MAX_QUERY_WORDS - used);
      if (ws.length > left) { query.ignored += ws.length - left; ws = ws.slice(0, left); }
      return ws;
    }
    while (i < q.length) {
      var c = q[i];
      if (SPACE.test(c)) { i++; lastPlain = false; continue; }
      if (c === '"') {
        var end = q.indexOf('"', i + 1);
        if (end < 0) end = q.length;
        var ph = room(folded(q.slice(i + 1, end)));
        if (ph.length) query.phrases.push(ph);
        i = end + 1;
        lastPlain = false;
        continue;
      }
      var j = i;
      while (j < q.length && !SPACE.test(q[j]) && q[j] !== '"') j++;
      var chunk = q.slice(i, j), ws = room(folded(chunk));
      if (chunk.length > 1 && chunk[0] === '-') {
        Array.prototype.push.apply(query.excluded, ws);
        lastPlain = false;
      } else {
        Array.prototype.push.apply(query.words, ws);
        lastPlain = ws.length > 0;
      }
      i = j;
    }
    var chars = Array.from(q), last = chars[chars.length - 1];
    query.prefix = lastPlain && last !== undefined && ALNUM.test(last);
    return query;
  }

  /* ---- Decoding (src/search/shard.rs) ---- */
  function Reader(b) { this.b = b; this.at = 0; }
  Reader.prototype.uint = function () {
    var v = 0, m = 1, b;
    do {
      if (this.at >= this.b.length) throw new Error('the file ends early');
      b = this.b[this.at++];
      v += (b & 0x7f) * m;
      m *= 128;
    } while (b & 0x80);
    return v;
  };
  Reader.prototype.bytes = function (n) {
    if (this.at + n > this.b.length) throw new Error('the file ends early');
    this.at += n;
    return this.b.subarray(this.at - n, this.at);
  };
  Reader.prototype.str = function () { return utf8.decode(this.bytes(this.uint())); };
  Reader.prototype.deltas = function (n) {
    var out = new Array(n), v = 0;
    for (var i = 0; i < n; i++) out[i] = v += this.uint();
    return out;
  };
  Reader.prototype.keys = function () {
    var n = this.uint(), out = [], prev = new Uint8Array(0);
    for (var i = 0; i < n; i++) {
      var shared = this.uint(), rest = this.bytes(this.uint()), k = new Uint8Array(shared + rest.length);
      k.set(prev.subarray(0, shared));
      k.set(rest, shared);
      out.push(utf8.decode(k));
      prev = k;
    }
    return out;
  };
  function gunzip(b) {
    // Stored gzipped; a server may already have decoded it (Content-Encoding).
    if (b[0] !== 0x1f || b[1] !== 0x8b) return Promise.resolve(b);
    var s = new Blob([b]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(s).arrayBuffer().then(function (x) { return new Uint8Array(x); });
  }
  function facetGroups(b, n) {
    var r = new Reader(b), out = [];
    for (var g = 0; g < n; g++) {
      var vals = [];
      for (var k = r.uint(); k > 0; k--) vals.push({ value: r.str(), label: r.str(), docs: r.deltas(r.uint()) });
      out.push(vals);
    }
    return out;
  }

  /* ---- Date ranges (src/search/dates.rs) ----
     A date is a key yyyymmdd, 00 for what is not known (2019-07 is 20190700), 0 for no
     date. range(from, to) reads "2019", "2019-07" or "2019-07-16" (either may be empty)
     into { from, to } keys, both included, or null for no range; it throws on a date that
     does not exist. An article is in a range when any day it may have been published is. */
  function span(key) {
    var month = Math.floor(key / 100) % 100, day = key % 100;
    return month === 0 ? [key, key + 1299] : day === 0 ? [key, key + 99] : [key, key];
  }
  function dateKey(text) {
    var m = /^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$/.exec(text);
    if (!m) return null;
    var y = +m[1], mo = m[2] ? +m[2] : 0, d = m[3] ? +m[3] : 0;
    if (y < 1000 || (m[2] && (mo < 1 || mo > 12))) return null;
    if (m[3] && (d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate())) return null;
    return y * 10000 + mo * 100 + d;
  }
  function range(from, to) {
    if (!from && !to) return null;
    var bound = function (t, end) {
      if (!t) return end ? Infinity : 0;
      var k = dateKey(t);
      if (k === null) throw new Error('"' + t + '" is not a date: write 2019, 2019-07 or 2019-07-16');
      return span(k)[end ? 1 : 0];
    };
    return { from: bound(from, false), to: bound(to, true) };
  }
  function inRange(r, key) {
    var s = span(key);
    return key !== 0 && s[0] <= r.to && s[1] >= r.from;
  }
  function byDate(f) { return !!(f.range || f.undated); }

  /* ---- The index (query/store.rs): open(load) -> Promise<engine> ----
     load(path) returns a promise of the file's bytes as stored (an ArrayBuffer or a
     Uint8Array), path relative to the index folder; it rejects on failure. Each file is
     loaded once; engine.fetched lists [path, bytes as loaded] in order. */
  function open(load) {
    var files = new Map(), fetched = [];
    var meta = null, shards = new Map(), positions = new Map(), facetData = null, tagData = null, dateKeys = null;
    function get(path) {
      if (!files.has(path)) {
        files.set(path, Promise.resolve().then(function () { return load(path); }).then(function (buf) {
          var b = buf instanceof Uint8Array ? buf : new Uint8Array(buf);
          fetched.push([path, b.length]);
          return gunzip(b);
        }).catch(function (e) {
          files.delete(path);
          throw new Error(path + ': ' + (e && e.message || e));
        }));
      }
      return files.get(path);
    }
    function isStop(w) { return meta.stopSet.has(w); }
    function shardOf(key) {
      var lo = 0, hi = meta.shards.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (cmp(meta.shards[mid], key) <= 0) lo = mid + 1; else hi = mid;
      }
      return Math.max(lo - 1, 0);
    }
    function loadShards(set) {
      return Promise.all(Array.from(set).filter(function (i) {
        return !shards.has(i) && i < meta.shards.length;
      }).map(function (i) {
        return get('t/' + i + '.bin').then(function (b) {
          if (shards.has(i)) return;
          var r = new Reader(b), keys = r.keys(), m = new Map();
          keys.forEach(function (k) {
            var flags = r.uint(), e = { alias: null, p: null };
            if (flags & 1) e.alias = r.str();
            if (flags & 2) {
              var p = { idf: r.uint(), variants: [] }, df = r.uint();
              for (var v = r.uint(); v > 0; v--) p.variants.push(r.str());
              p.docs = r.deltas(df);
              var packed = r.bytes((df + 1) >> 1);
              p.impacts = new Uint8Array(df);
              for (var n = 0; n < df; n++) p.impacts[n] = n & 1 ? packed[n >> 1] >> 4 : packed[n >> 1] & 15;
              e.p = p;
            }
            m.set(k, e);
          });
          shards.set(i, m);
        });
      }));
    }
    function entry(key) { var s = shards.get(shardOf(key)); return s && s.get(key); }
    function postings(t) { var e = entry(t); return e && e.p; }
    function resolve(w) {
      var e = entry(w);
      if (!e) return null;
      return e.alias !== null ? e.alias : e.p ? w : null;
    }
    function prefixRange(p) {
      var lo = shardOf(p), hi = shardOf(p + '\u{10FFFF}');
      return hi - lo < MAX_PREFIX_SHARDS ? [lo, hi] : null;
    }
    function loadFacets() {
      return facetData ? null : get('facets.bin').then(function (b) { facetData = facetGroups(b, 2); });
    }
    function loadDates() {
      return dateKeys ? null : get('dates.bin').then(function (b) {
        var r = new Reader(b), n = r.uint(), keys = new Array(n), prev = 0;
        for (var i = 0; i < n; i++) {
          var z = r.uint();
          prev += z % 2 ? -(z + 1) / 2 : z / 2;
          keys[i] = prev;
        }
        dateKeys = keys;
      });
    }
    function loadTags() {
      return tagData ? null : get('tags.bin').then(function (b) { tagData = facetGroups(b, 1)[0]; });
    }
    function loadPositions(i) {
      if (positions.has(i)) return null;
      return get('p/' + i + '.bin').then(function (b) {
        if (positions.has(i)) return;
        var r = new Reader(b), m = new Map();
        (shards.get(i) || new Map()).forEach(function (e, k) {
          if (!e.p) return;
          m.set(k, e.p.docs.map(function () { return r.deltas(r.uint()); }));
        });
        positions.set(i, m);
      });
    }
    function fragment(doc) {
      return get('f/' + doc + '.bin').then(function (b) {
        var f = utf8.decode(b).split('\u001e');
        if (f.length !== 11) throw new Error('f/' + doc + '.bin: corrupt');
        var items = function (s) { return s ? s.split('\u001f') : []; }, r = items(f[10]), resp = [];
        for (var i = 0; i < r.length; i += 2) resp.push([r[i], r[i + 1] || '']);
        return { url: f[0], title: f[1], date: f[2], dateIso: f[3], author: f[4], publisher: f[5],
          topics: items(f[6]), tags: items(f[7]), summary: f[8], body: f[9], responses: resp };
      });
    }
    // Searcher::postings_in: the postings that term shards hold (their positions' cost).
    function postingsIn(set) {
      var n = 0;
      set.forEach(function (i) {
        (shards.get(i) || new Map()).forEach(function (e) { if (e.p) n += e.p.docs.length; });
      });
      return n;
    }
    function docPositions(t, d) {
      var p = postings(t), m = positions.get(shardOf(t)), pos = m && m.get(t);
      if (!p || !pos) return [];
      var lo = 0, hi = p.docs.length;
      while (lo < hi) { var mid = (lo + hi) >> 1; if (p.docs[mid] < d) lo = mid + 1; else hi = mid; }
      return p.docs[lo] === d ? pos[lo] : [];
    }

    /* ---- The plan (query/plan.rs): rounds of fetches, then the scores ---- */
    // Rounds: (1) facets and the shards of the typed words, (2) the shards of their stems
    // and completions, (3) positions, for phrases and proximity.
    function search(q, filters, sort, wantTags) {
      var all = q.phrases.length === 0 && q.words.every(isStop);
      var content = q.words.filter(function (w) { return !isStop(w); }).length;
      var useStops = all || (content <= STOP_WORDS_BESIDE && q.phrases.length === 0);
      var lastWord = q.words[q.words.length - 1];
      var range = q.prefix && q.words.length ? prefixRange(lastWord) : null;
      var wanted = new Set();
      q.words.forEach(function (w) { if (useStops || !isStop(w)) wanted.add(shardOf(w)); });
      if (range) for (var i = range[0]; i <= range[1]; i++) wanted.add(i);
      [].concat.apply(q.excluded, q.phrases).forEach(function (w) { wanted.add(shardOf(w)); });
      var jobs = [loadFacets(), loadShards(wanted)];
      if (wantTags || filters.tag) jobs.push(loadTags());
      if (byDate(filters)) jobs.push(loadDates());
      var slots, phrases, excluded, near;
      return Promise.all(jobs).then(function () {
        // A slot per plain word: its terms with weights (the word, then the words it
        // begins), whether results need it (stop words never), its place in the query.
        slots = q.words.map(function (w, i) {
          var stop = isStop(w) && !all;
          var exact = useStops || !stop ? resolve(w) : null, exp = new Set();
          if (i === q.words.length - 1 && range) {
            for (var s = range[0]; s <= range[1]; s++) {
              (shards.get(s) || new Map()).forEach(function (e, k) {
                if (k.startsWith(w) && k !== w && !isStop(k)) {
                  var t = resolve(k);
                  if (t !== null) exp.add(t);
                }
              });
            }
          }
          if (exact !== null) exp.delete(exact);
          var wt = stop ? STOP_WEIGHTS : [10, 7];
          var terms = (exact !== null ? [[exact, wt[0]]] : []).concat(Array.from(exp).sort(cmp).map(function (e) {
            return [e, wt[1]];
          }));
          return { terms: terms, exact: exact !== null, required: !stop, at: i };
        });
        phrases = q.phrases.map(function (p) { return p.map(resolve); });
        excluded = q.excluded.map(resolve).filter(function (t) { return t !== null; });
        var need = new Set();
        slots.forEach(function (x) { x.terms.forEach(function (t) { need.add(shardOf(t[0])); }); });
        [].concat.apply(excluded, phrases).forEach(function (s) { if (s !== null) need.add(shardOf(s)); });
        return loadShards(need);
      }).then(function () {
        // The most common completions only (the exact word, if any, comes first).
        var df = function (s) { var p = postings(s[0]); return p ? p.docs.length : 0; };
        slots.forEach(function (x) {
          var n = x.exact ? 1 : 0, exp = x.terms.slice(n);
          exp.sort(function (a, b) { return df(b) - df(a) || cmp(a[0], b[0]); });
          x.terms = x.terms.slice(0, n).concat(exp.slice(0, MAX_EXPANSIONS));
        });
        var need = new Set(), nearShards = new Set();
        phrases.forEach(function (p) {
          if (p.length > 1) p.forEach(function (s) { if (s !== null) need.add(shardOf(s)); });
        });
        near = slots.filter(function (x) { return x.required && x.terms.length; });
        near.forEach(function (x) {
          x.terms.forEach(function (t) { var i = shardOf(t[0]); if (!need.has(i)) nearShards.add(i); });
        });
        if (near.length < 2 || postingsIn(nearShards) > PROXIMITY_POSTINGS) near = [];
        nearShards.forEach(function (i) { if (near.length) need.add(i); });
        return Promise.all(Array.from(need).map(loadPositions));
      }).then(function () {
        var out = { highlight: new Set(), prefix: null, ignored: q.ignored }, clauses = [], optional = [];
        var mark = function (t) {
          var p = postings(t);
          (p ? p.variants : []).concat([t]).forEach(function (v) { out.highlight.add(v); });
        };
        slots.forEach(function (x) {
          var scores = new Map();
          x.terms.forEach(function (tw) {
            addScores(tw[0], tw[1], scores);
            mark(tw[0]);
          });
          (x.required ? clauses : optional).push(scores);
        });
        phrases.forEach(function (p) {
          clauses.push(phrase(p));
          p.forEach(function (t) { if (t !== null) mark(t); });
        });
        if (q.prefix && range) out.prefix = lastWord;
        var results = new Map();
        if (clauses.length) {
          results = clauses[0];
          clauses.slice(1).forEach(function (c) {
            var next = new Map();
            results.forEach(function (s, d) { if (c.has(d)) next.set(d, s + c.get(d)); });
            results = next;
          });
        }
        excluded.forEach(function (t) {
          var p = postings(t);
          if (p) p.docs.forEach(function (d) { results.delete(d); });
        });
        results.forEach(function (s, d) {
          optional.forEach(function (c) { s += c.get(d) || 0; });
          if (near.length > 1) s += proximity(near, d);
          results.set(d, s);
        });
        filter(results, filters, out);
        out.hits.sort(sort === 'date' ? function (a, b) { return a[0] - b[0]; }
          : function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        return out;
      });
    }

    /* ---- Scores (query/rank.rs) ---- */
    function addScores(t, weight, scores) {
      var p = postings(t);
      if (p) p.docs.forEach(function (d, k) {
        var s = p.idf * p.impacts[k] * weight;
        scores.set(d, Math.max(scores.get(d) || 0, s));
      });
    }
    // Per pair of neighbouring query words, IN_ORDER x the rarer one's idf when they
    // stand as in the query, NEAR x it when within NEAR_WORDS.
    function proximity(near, d) {
      var places = near.map(function (x) {
        var v = [];
        x.terms.forEach(function (t) { Array.prototype.push.apply(v, docPositions(t[0], d)); });
        return v.sort(function (a, b) { return a - b; });
      });
      var idf = function (x) { var p = x.terms.length ? postings(x.terms[0][0]) : null; return p ? p.idf : 0; };
      var bonus = 0;
      for (var i = 0; i + 1 < near.length; i++) {
        var gap = near[i + 1].at - near[i].at, a = places[i], b = new Set(places[i + 1]);
        var weight = Math.min(idf(near[i]), idf(near[i + 1]));
        if (a.some(function (p) { return b.has(p + gap); })) bonus += weight * IN_ORDER;
        else if (closest(a, places[i + 1]) <= NEAR_WORDS) bonus += weight * NEAR;
      }
      return bonus;
    }
    // The least distance between a position in a and one in b (both sorted).
    function closest(a, b) {
      var i = 0, j = 0, best = Infinity;
      while (i < a.length && j < b.length) {
        best = Math.min(best, Math.abs(a[i] - b[j]));
        if (a[i] < b[j]) i++; else j++;
      }
      return best;
    }
    // Documents with the phrase's terms at consecutive positions.
    function phrase(terms) {
      if (terms.some(function (t) { return t === null; })) return new Map();
      var all = terms.every(isStop), acc = null;
      terms.forEach(function (t) {
        var s = new Map(), p = postings(t), weight = all || !isStop(t) ? 10 : 0;
        if (p) p.docs.forEach(function (d, k) { s.set(d, p.idf * p.impacts[k] * weight); });
        if (acc === null) { acc = s; return; }
        var next = new Map();
        acc.forEach(function (x, d) { if (s.has(d)) next.set(d, x + s.get(d)); });
        acc = next;
      });
      acc = acc || new Map();
      if (terms.length > 1) {
        acc.forEach(function (x, d) { if (!adjacent(terms, d)) acc.delete(d); });
      }
      return acc;
    }
    function adjacent(terms, d) {
      var lists = terms.map(function (t) { return new Set(docPositions(t, d)); });
      return Array.from(lists[0]).some(function (p) {
        return terms.every(function (t, i) { return i === 0 || lists[i].has(p + i); });
      });
    }
    // Applies the filters; counts each facet over the results the other filters leave.
    function filter(results, f, out) {
      var groups = facetData || [[], []], tags = tagData, keys = dateKeys || [];
      var set = function (values, want) {
        if (!want) return null;
        var v = values.find(function (x) { return x.value === want; });
        return new Set(v ? v.docs : []);
      };
      var dateOf = function (d) { return keys[d] || 0; };
      var inTopic = set(groups[0], f.topic), inYear = set(groups[1], f.year), inTag = set(tags || [], f.tag);
      var inDate = null;
      if (byDate(f)) {
        inDate = new Set();
        results.forEach(function (s, d) {
          if (f.undated ? dateOf(d) === 0 : f.range ? inRange(f.range, dateOf(d)) : true) inDate.add(d);
        });
      }
      var keep = function (d, sets) { return sets.every(function (s) { return !s || s.has(d); }); };
      var count = function (values, others) {
        return values.map(function (v) {
          return { value: v.value, label: v.label, count: v.docs.filter(function (d) {
            return results.has(d) && keep(d, others);
          }).length };
        }).filter(function (c) { return c.count > 0; }).sort(function (a, b) { return b.count - a.count; });
      };
      var undated = null;
      if (f.range) {
        undated = 0;
        results.forEach(function (s, d) { if (dateOf(d) === 0 && keep(d, [inTopic, inYear, inTag])) undated++; });
      }
      out.facets = {
        topics: count(groups[0], [inYear, inTag, inDate]),
        // Every year's matches, whatever the range: the histogram that narrows it.
        years: count(groups[1], [inTopic, inTag]).sort(function (a, b) { return cmp(b.value, a.value); }),
        undated: undated,
        tags: tags ? count(tags, [inTopic, inYear, inDate]) : null
      };
      out.hits = [];
      results.forEach(function (s, d) { if (keep(d, [inTopic, inYear, inTag, inDate])) out.hits.push([d, s]); });
    }

    return get('meta.bin').then(function (b) {
      if (String.fromCharCode(b[0], b[1], b[2], b[3]) !== 'PMS1') throw new Error('meta.bin: not a pamphlet search index');
      var r = new Reader(b.subarray(4));
      meta = { docs: r.uint(), pageSize: r.uint(), topics: r.uint(), tags: r.uint(), stop: [] };
      for (var n = r.uint(); n > 0; n--) meta.stop.push(r.str());
      meta.shards = r.keys();
      meta.stopSet = new Set(meta.stop);
      return { meta: meta, search: search, fragment: fragment, fetched: fetched };
    });
  }

  /* ---- Snippets (snippet.rs) ----
     The few words of a result around its best match: { pieces: [[text, marked]],
     response: the heading of the reader response it is in, or null }. */
  function snippet(f, out) {
    var hit = function (w) { return marks(out, w); };
    var s = bestWindow(f.body, hit);
    if (s) return { pieces: s, response: null };
    for (var i = 0; i < f.responses.length; i++) {
      s = bestWindow(f.responses[i][1], hit);
      if (s) return { pieces: s, response: f.responses[i][0] };
    }
    var t = f.summary || f.body;
    return { pieces: cut(t, words(t), 0, function () { return false; }), response: null };
  }
  function bestWindow(text, hit) {
    var ws = words(text), matched = [], best = null;
    ws.forEach(function (w, i) { if (hit(w[2])) matched.push(i); });
    matched.forEach(function (m, k) {
      var start = Math.max(m - LEAD, 0), n = 0;
      while (k + n < matched.length && matched[k + n] < start + WINDOW) n++;
      if (!best || n > best[1]) best = [start, n];
    });
    return best && cut(text, ws, best[0], hit);
  }
  function cut(text, ws, start, hit) {
    var pieces = [];
    if (start >= ws.length) return pieces;
    var endWord = Math.min(start + WINDOW, ws.length), at = ws[start][0], add = function (s, m) {
      if (s) pieces.push([s, m]);
    };
    if (start > 0) add('\u2026', false);
    for (var i = start; i < endWord; i++) {
      if (hit(ws[i][2])) {
        add(text.slice(at, ws[i][0]), false);
        add(text.slice(ws[i][0], ws[i][1]), true);
        at = ws[i][1];
      }
    }
    // The whole rest of the text when the window reaches its end (the last full stop).
    add(text.slice(at, endWord === ws.length ? trimEnd(text).length : ws[endWord - 1][1]), false);
    if (endWord < ws.length) add('\u2026', false);
    return pieces;
  }
  // Whether a word of a title is to be marked, as in a snippet.
  function marks(out, w) { return out.highlight.has(w) || (out.prefix !== null && w.startsWith(out.prefix)); }

  /* ---- Pacing while typing ----
     How long the page waits before searching `text` (ms) when the box held `before`; a
     key pressed meanwhile starts the wait again. Only a key that adds to the word being
     typed waits: a space, a paste, a deletion or a submitted query search at once. A word
     of one or two letters waits longest: its completions span too many shards to be tried
     (MAX_PREFIX_SHARDS), so its results are noise and its shards rarely needed later.
     A longer word waits less than the gap between a brisk typist's keys is long (120 ms
     in bench/browser.py), so what is fetched is for the words typed, not for every
     prefix on the way; a slower typist still sees results as they type. bench/typed_bytes.mjs
     measures the bytes this saves (bench/RELEVANCE.md). */
  var SHORT_WORD = 2, SHORT_WORD_PAUSE = 300, TYPING_PAUSE = 150;
  function delay(before, text) {
    var chars = Array.from(text);
    if (chars.length !== Array.from(before).length + 1 || !text.startsWith(before)) return 0;
    var q = parse(text);
    if (!q.prefix) return 0;
    return Array.from(q.words[q.words.length - 1]).length <= SHORT_WORD ? SHORT_WORD_PAUSE : TYPING_PAUSE;
  }

  return { open: open, parse: parse, delay: delay, range: range, words: words, snippet: snippet, marks: marks,
    cmp: cmp, MAX_QUERY_WORDS: MAX_QUERY_WORDS };
});
