/* pamphlet search page: the UI around search-core.js (the engine, loaded before this
   script as window.PamphletSearch), against the index that `pamphlet build` writes under
   search/<hash>/. This file only reads the box, fetches over the network for the engine,
   and draws results, facets and snippets. Plain JavaScript, no dependencies. */
(function () {
  'use strict';
  var root = document.getElementById('search');
  if (!root) return;
  var core = window.PamphletSearch;
  var base = root.getAttribute('data-base') || '/';
  var indexUrl = root.getAttribute('data-index') || '';
  var dir = indexUrl.slice(0, indexUrl.lastIndexOf('/') + 1);
  var form = root.querySelector('form');
  var input = document.getElementById('search-input');
  var statusEl = document.getElementById('search-status');
  var facetsEl = document.getElementById('search-facets');
  var list = document.getElementById('search-results');
  var fromEl = document.getElementById('search-from'), toEl = document.getElementById('search-to');
  var engine = null, meta = null;

  // The engine's loader: the index files over HTTP, as stored.
  function load(path) {
    return fetch(dir + path).then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.arrayBuffer();
    });
  }
  // A snippet's pieces as text nodes and <mark>s.
  function nodes(pieces) {
    var frag = document.createDocumentFragment();
    pieces.forEach(function (p) {
      frag.appendChild(p[1] ? el('mark', '', p[0]) : document.createTextNode(p[0]));
    });
    return frag;
  }

  /* ---- The page ---- */
  var state = { q: '', topic: '', tag: '', year: '', from: '', to: '', undated: '', sort: '' };
  var shown = 0, last = null, seq = 0;
  var tagsOpen = false;
  function fromUrl() {
    var p = new URLSearchParams(location.search);
    Object.keys(state).forEach(function (k) { state[k] = p.get(k) || ''; });
    input.value = state.q;
    typed = state.q;
    if (fromEl) fromEl.value = state.from;
    if (toEl) toEl.value = state.to;
  }
  function url(s) {
    var p = new URLSearchParams();
    Object.keys(s).forEach(function (k) { if (s[k]) p.set(k, s[k]); });
    var qs = p.toString();
    return location.pathname + (qs ? '?' + qs : '');
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function say(text, alert) {
    statusEl.textContent = text;
    statusEl.setAttribute('role', alert ? 'alert' : 'status');
  }
  function fail(e) {
    list.textContent = '';
    facetsEl.textContent = '';
    say('Search is unavailable: the search index could not be loaded (' + (e && e.message || e) +
      '). Reload the page to try again, or browse the archive by topic, tag or year.', true);
    root.classList.add('search-failed');
  }
  function run() {
    if (!engine) return Promise.resolve();
    var mine = ++seq, q = core.parse(state.q);
    if (!q.words.length && !q.phrases.length) {
      list.textContent = '';
      facetsEl.textContent = '';
      say(meta ? 'Type to search ' + meta.docs + ' articles.' : '');
      return Promise.resolve();
    }
    var filters = { topic: state.topic, tag: state.tag, year: state.year, undated: !!state.undated };
    try {
      filters.range = core.range(state.from, state.to);
    } catch (e) {
      list.textContent = '';
      facetsEl.textContent = '';
      say(e.message, true);
      return Promise.resolve();
    }
    return engine.search(q, filters, state.sort, tagsOpen).then(function (out) {
      if (mine !== seq) return;
      last = out;
      shown = 0;
      list.textContent = '';
      facets(out);
      return more(mine);
    }).catch(function (e) { if (mine === seq) fail(e); });
  }
  function more(mine) {
    var page = last.hits.slice(shown, shown + meta.pageSize);
    return Promise.all(page.map(function (h) { return engine.fragment(h[0]); })).then(function (frags) {
      if (mine !== seq) return;
      frags.forEach(function (f) { list.appendChild(item(f, last)); });
      shown += page.length;
      var n = last.hits.length;
      say((n === 0 ? 'No results for \u201c' + state.q + '\u201d.' :
        n + (n === 1 ? ' result' : ' results') + ' for \u201c' + state.q + '\u201d' +
        (shown < n ? ', showing ' + shown + '.' : '.')) +
        (last.ignored ? ' Only the first ' + core.MAX_QUERY_WORDS + ' words of the query were searched.' : ''));
      var btn = document.getElementById('search-more');
      if (btn) btn.remove();
      if (shown < n) {
        btn = el('button', 'search-more', 'More results');
        btn.id = 'search-more';
        btn.type = 'button';
        btn.onclick = function () { more(seq).catch(fail); };
        list.after(btn);
      }
    });
  }
  function item(f, out) {
    var li = el('li', 'search-result'), h = el('h2'), a = el('a');
    a.href = base + f.url;
    var tw = core.words(f.title), at = 0;
    tw.forEach(function (w) {
      if (core.marks(out, w[2])) {
        a.appendChild(document.createTextNode(f.title.slice(at, w[0])));
        a.appendChild(el('mark', '', f.title.slice(w[0], w[1])));
        at = w[1];
      }
    });
    a.appendChild(document.createTextNode(f.title.slice(at)));
    h.appendChild(a);
    li.appendChild(h);
    var bits = [f.date, f.publisher, f.topics.join(', ')].filter(Boolean);
    if (bits.length) li.appendChild(el('p', 'meta', bits.join(' \u00b7 ')));
    var s = core.snippet(f, out), p = el('p', 'snippet');
    if (s.response) p.appendChild(el('span', 'in-response', 'In a reader response (' + s.response + '): '));
    p.appendChild(nodes(s.pieces));
    li.appendChild(p);
    return li;
  }
  function facetLink(key, v, active) {
    var next = Object.assign({}, state);
    next[key] = active ? '' : v.value;
    var a = el('a', active ? 'facet active' : 'facet', (active ? '\u2715 ' : '') + v.label + ' (' + v.count + ')');
    a.href = url(next);
    if (active) a.setAttribute('aria-current', 'true');
    a.setAttribute('data-' + key, v.value);
    a.onclick = function (e) { e.preventDefault(); go(next, true); };
    return a;
  }
  function group(title, key, values) {
    var g = el('div', 'facet-group'), ul = el('ul', 'inline');
    g.appendChild(el('h2', '', title));
    values.forEach(function (v) {
      var li = el('li');
      li.appendChild(facetLink(key, v, state[key] === v.value));
      ul.appendChild(li);
    });
    g.appendChild(ul);
    return g;
  }
  // The date controls' part of the facets: matches per year as bars, each narrowing the
  // range to its year; the range in force, to clear; the undated matches a range leaves
  // out, offered rather than dropped unsaid.
  function dates(out) {
    var g = el('div', 'facet-group facet-dates');
    g.appendChild(el('h2', '', 'Published'));
    var link = function (text, next, cls) {
      var a = el('a', cls, text);
      a.href = url(next);
      a.onclick = function (e) { e.preventDefault(); go(next, true); };
      return a;
    };
    var clear = Object.assign({}, state, { from: '', to: '', undated: '' });
    if (state.from || state.to) {
      g.appendChild(link('\u2715 ' + (state.from || '\u2026') + ' to ' + (state.to || '\u2026'), clear, 'facet active'));
    }
    if (state.undated) g.appendChild(link('\u2715 Undated only', clear, 'facet active'));
    var years = out.facets.years.slice().sort(function (a, b) { return core.cmp(a.value, b.value); });
    if (years.length && !state.undated) {
      var most = Math.max.apply(null, years.map(function (y) { return y.count; }));
      var ul = el('ul', 'histogram');
      ul.setAttribute('aria-label', 'Results per year; choose a year to search only it');
      years.forEach(function (y) {
        var li = el('li'), a = link('', Object.assign({}, clear, { year: '', from: y.value, to: y.value }), 'bar');
        var bar = el('span', 'fill');
        bar.style.height = Math.max(4, Math.round(40 * y.count / most)) + 'px';
        a.appendChild(bar);
        a.appendChild(el('span', 'label', y.label));
        a.setAttribute('aria-label', y.label + ': ' + y.count + (y.count === 1 ? ' result' : ' results'));
        a.title = y.label + ': ' + y.count;
        if (state.from === y.value && state.to === y.value) a.setAttribute('aria-current', 'true');
        li.appendChild(a);
        ul.appendChild(li);
      });
      g.appendChild(ul);
    }
    var undated = out.facets.undated;
    if (undated) {
      var p = el('p', 'undated');
      p.appendChild(document.createTextNode(undated + (undated === 1 ? ' undated result is' : ' undated results are') + ' not in any date range: '));
      p.appendChild(link('show ' + (undated === 1 ? 'it' : 'them'), Object.assign({}, clear, { undated: '1' })));
      g.appendChild(p);
    }
    return g;
  }
  function facets(out) {
    facetsEl.textContent = '';
    // Nothing to narrow or order: no controls (an active filter stays, to be removed).
    var active = state.topic || state.year || state.tag || state.from || state.to || state.undated;
    if (out.hits.length === 0 && !active) return;
    var sort = el('label', 'sort', 'Sort: '), sel = el('select');
    [['', 'best match'], ['date', 'newest first']].forEach(function (o) {
      var op = el('option', '', o[1]);
      op.value = o[0];
      op.selected = state.sort === o[0];
      sel.appendChild(op);
    });
    sel.onchange = function () { go(Object.assign({}, state, { sort: sel.value }), true); };
    sort.appendChild(sel);
    facetsEl.appendChild(sort);
    if (out.facets.topics.length) facetsEl.appendChild(group('Topic', 'topic', out.facets.topics));
    if (state.year) facetsEl.appendChild(group('Year', 'year', out.facets.years));
    facetsEl.appendChild(dates(out));
    if (meta.tags && (!out.facets.tags || out.facets.tags.length || state.tag)) {
      var d = el('details', 'facet-group facet-tags');
      d.open = tagsOpen || !!state.tag;
      d.appendChild(el('summary', '', 'Tag'));
      if (out.facets.tags) {
        var ul = el('ul', 'inline');
        out.facets.tags.slice(0, 30).forEach(function (v) {
          var li = el('li');
          li.appendChild(facetLink('tag', v, state.tag === v.value));
          ul.appendChild(li);
        });
        d.appendChild(ul);
      }
      d.ontoggle = function () {
        if (d.open && !tagsOpen) { tagsOpen = true; run(); }
      };
      facetsEl.appendChild(d);
    }
  }
  function go(next, push) {
    state = next;
    if (fromEl) fromEl.value = state.from;
    if (toEl) toEl.value = state.to;
    history[push ? 'pushState' : 'replaceState'](null, '', url(state));
    return run();
  }

  // Searches as the reader types, paced by core.delay (a keystroke into a word waits a
  // little, so the words on the way are not all fetched).
  var timer = null, typed = input.value;
  input.addEventListener('input', function () {
    var text = input.value, wait = core.delay(typed, text), next = function () {
      go(Object.assign({}, state, { q: text }), false);
    };
    typed = text;
    clearTimeout(timer);
    if (wait) timer = setTimeout(next, wait); else next();
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    typed = input.value;
    go(Object.assign({}, state, { q: input.value,
      from: fromEl ? fromEl.value.trim() : state.from, to: toEl ? toEl.value.trim() : state.to }), true);
  });
  // A date typed in either box applies when it is left or Enter is pressed.
  [fromEl, toEl].forEach(function (box) {
    if (!box) return;
    box.addEventListener('change', function () {
      go(Object.assign({}, state, { from: fromEl.value.trim(), to: toEl.value.trim(), undated: '' }), true);
    });
  });
  window.addEventListener('popstate', function () { fromUrl(); run(); });
  // Arrow keys move between the box and the results; Enter follows the focused link.
  root.addEventListener('keydown', function (e) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    var links = Array.prototype.slice.call(list.querySelectorAll('.search-result h2 a'));
    var at = links.indexOf(document.activeElement);
    if (document.activeElement !== input && at < 0) return;
    e.preventDefault();
    var next = e.key === 'ArrowDown' ? at + 1 : at - 1;
    if (next < 0) input.focus();
    else if (next < links.length) links[next].focus();
  });

  fromUrl();
  say('Loading the search index\u2026');
  core.open(load).then(function (e) {
    engine = e;
    meta = e.meta;
    if (state.tag) tagsOpen = true;
    return run();
  }).catch(fail);
})();
