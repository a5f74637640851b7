"""Search in a real browser: pamphlet's /search/ page against Pagefind's default UI
over the same built HTML, in headless Chromium, in the same run.

The built site is served by webserver.py on 127.0.0.1 (gzip for text, index files
as stored, as GitHub Pages serves them), with Pagefind's index (from run.py's
Pagefind round over pamphlet's articles) at /pagefind/ and a page made the way
Pagefind's docs say at /pagefind-search/. browser_search.mjs types each query and
reports the keystroke-to-results time and every request the server answered.
Here those become, per side: latency cold (first query on a fresh page) and warm
(the next query on the same page), and bytes per query from a cold cache.

Bytes per query count what search costs: the script, metadata, shards and result
fragments, gzip on the wire (response bodies; headers are reported apart). Left
out are the HTML document the search lives in and the site's own stylesheet and
scripts that every page loads (a reader arrives with them cached). Typed bytes
include what the page fetched for the partial words on the way (the results of
"s", "sa", ... are shown too); pasted bytes are the query entered at once.
"""

import html.parser
import json
import os
import shutil
import statistics

import measure
import tools
import webserver

BENCH = os.path.dirname(os.path.abspath(__file__))
QUERIES = ["sanctions", "privatisation", "ombudsman", "universal credit", "work capability",
           "food banks"]
SMOKE_QUERIES = ["sanctions"]
KEY_DELAY_MS = 120  # between keystrokes, a brisk typist
TIMEOUT_MS = 30000
SETTLE_MS = 500  # after results: late requests or re-renders would show up here
PAGEFIND_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Search (Pagefind UI)</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet">
<script src="/pagefind/pagefind-ui.js"></script>
</head>
<body>
<div id="search"></div>
<script>
window.addEventListener('DOMContentLoaded', (event) => {
    new PagefindUI(OPTIONS);
});
</script>
</body>
</html>
"""
# name -> (page URL, PagefindUI options): the default UI as Pagefind's docs set it up,
# and the same without its 300 ms debounce, to see what the engine itself takes.
PAGEFIND_PAGES = {
    "pagefind": ("/pagefind-search/", '{ element: "#search" }'),
    "pagefind_nodebounce": ("/pagefind-search-nodebounce/", '{ element: "#search", debounceTimeoutMs: 0 }'),
}
SIDES = [
    {"name": "pamphlet", "url": "/search/", "input": "#search-input", "check": "pamphlet"},
    *({"name": name, "url": url, "input": ".pagefind-ui__search-input", "check": "pagefind"}
      for name, (url, _) in PAGEFIND_PAGES.items()),
]
BROWSER_NOISE = {"/favicon.ico"}  # Chromium asks for it on its own; neither page links one


def chromium():
    """Chromium's binary ($CHROMIUM, Debian's, or on PATH), not the Debian shell wrapper."""
    for path in (os.environ.get("CHROMIUM"), "/usr/lib/chromium/chromium"):
        if tools.executable(path):
            return path
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


class _Assets(html.parser.HTMLParser):
    """Stylesheets and scripts a page links to."""

    def __init__(self):
        super().__init__()
        self.paths = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet" and a.get("href"):
            self.paths.add(a["href"])
        elif tag == "script" and a.get("src"):
            self.paths.add(a["src"])


def site_assets(build):
    """Paths the home page loads, so every page has them cached: not search's cost."""
    parser = _Assets()
    with open(os.path.join(build, "index.html"), encoding="utf-8") as f:
        parser.feed(f.read())
    return parser.paths


def missing_assets(build, page):
    """Stylesheets and scripts a built page links to that the build did not write."""
    parser = _Assets()
    with open(os.path.join(build, page.strip("/"), "index.html"), encoding="utf-8") as f:
        parser.feed(f.read())
    return sorted(p for p in parser.paths
                  if p.startswith("/") and not os.path.isfile(os.path.join(build, p.lstrip("/"))))


def browser_search(build, pagefind_index, work, logs, cache, allow_install, quick=False, idle_wait=0):
    """Run the browser driver over one build; {"skipped": why} when it cannot run.

    quick (the smoke run): one query, typed only, pamphlet and Pagefind's default UI.
    idle_wait: before each measurement, wait up to this many seconds for other
    processes to leave the CPUs idle (run.py's --idle-wait).
    """
    node, browser = shutil.which("node"), chromium()
    if not node or not browser:
        return {"skipped": "needs node and Chromium (" + ", ".join(
            n for n, p in (("node", node), ("chromium", browser)) if not p) + " not found)"}
    if not pagefind_index:
        return {"skipped": "no Pagefind index over pamphlet's HTML to compare with"}
    if not os.path.isfile(os.path.join(build, "search", "index.html")):
        return {"skipped": "the pamphlet build has no search/index.html"}
    missing = missing_assets(build, "/search/")
    if missing:
        return {"skipped": "pamphlet's search page links to files the build did not write: "
                + ", ".join(missing)}
    puppeteer = tools.puppeteer_core(cache, allow_install)
    if not puppeteer:
        return {"skipped": "puppeteer-core is not installed"
                + (" (--no-install)" if not allow_install else "")}
    mounts = {"/": build, "/pagefind/": pagefind_index}
    for name, (url, options) in PAGEFIND_PAGES.items():
        mounts[url] = os.path.join(work, name + "-page")
        os.makedirs(mounts[url], exist_ok=True)
        with open(os.path.join(mounts[url], "index.html"), "w") as f:
            f.write(PAGEFIND_PAGE.replace("OPTIONS", options))
    sides = SIDES[:2] if quick else SIDES
    queries = SMOKE_QUERIES if quick else QUERIES
    config_path, out_path = os.path.join(work, "browser-config.json"), os.path.join(logs, "browser.json")
    log = os.path.join(logs, "browser.log")
    idle = lambda: measure.wait_for_idle(max_wait=idle_wait) if idle_wait else 0.0
    with webserver.Server(mounts, idle=idle) as server:
        with open(config_path, "w") as f:
            json.dump({"puppeteer": puppeteer, "chromium": browser, "base": server.base,
                       "take": webserver.TAKE_PATH, "idle": webserver.IDLE_PATH if idle_wait else None,
                       "sides": sides, "queries": queries,
                       "paste": not quick, "keyDelayMs": KEY_DELAY_MS, "timeoutMs": TIMEOUT_MS,
                       "settleMs": SETTLE_MS}, f)
        try:
            sample = measure.run([node, os.path.join(BENCH, "browser_search.mjs"), config_path, out_path],
                                 log=log)
        except measure.Failed as e:
            return {"skipped": f"the browser driver failed: {e} (log: {log})"}
    with open(out_path) as f:
        raw = json.load(f)
    result = summarise(raw["runs"], site_assets(build) | BROWSER_NOISE, {s["name"]: s["url"] for s in sides})
    result.update(chromium=raw["chromium"], puppeteer=os.path.basename(puppeteer), wall=sample["wall"],
                  key_delay_ms=KEY_DELAY_MS, raw=out_path)
    return result


def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "max": max(values), "n": len(values)}


def cost(requests, exclude):
    """Bytes and requests of a query, leaving out the page itself and site-wide assets."""
    kept = [r for r in requests if r["path"].split("?")[0] not in exclude]
    return {"body": sum(r["body"] for r in kept), "headers": sum(r["headers"] for r in kept),
            "requests": len(kept),
            "files": [[r["path"], r["body"]] for r in kept]}


def waterfall(run):
    """Requests the server answered after the last keystroke, in ms relative to it."""
    key = run.get("lastKeyEpoch")
    if not key:
        return []
    return [[r["path"], round(r["start_ms"] - key, 1), round(r["end_ms"] - key, 1), r["body"]]
            for r in run.get("requests", []) if r["end_ms"] >= key]


def problems_of(run):
    """What went wrong in one run, in words; favicon 404s are the browser's, not the page's."""
    out = [f"{run['query']!r}: {p}" for p in run.get("problems", []) if "favicon.ico" not in p]
    if "error" in run:
        out.append(f"{run['query']!r}: {run['error']}")
    for mode in ("typed", "pasted"):
        for label, t in (("cold", (run.get(mode) or {}).get("cold")), ("warm", (run.get(mode) or {}).get("warm"))):
            if t and t.get("timeout"):
                out.append(f"{t['query']!r} ({mode}, {label}): no results within {TIMEOUT_MS} ms")
            elif t and not t.get("stable"):
                out.append(f"{t['query']!r} ({mode}, {label}): the results changed after they were complete")
    return out


def latency(t):
    return None if not t or t.get("timeout") else t["latencyMs"]


def summarise(runs, shared, urls):
    """Per side: latency cold and warm, bytes per query, problems seen; and the ratios."""
    sides = {}
    for name, url in urls.items():
        exclude = shared | {url}
        per_query, problems, warm_of = [], [], {}
        for r in (r for r in runs if r["side"] == name):
            problems += problems_of(r)
            typed, pasted = r.get("typed"), r.get("pasted")
            q = {"query": r["query"]}
            if typed:
                c = cost(typed["loadRequests"] + typed["cold"]["requests"], exclude)
                warm = typed.get("warm") or {}
                q.update(bytes=c["body"], header_bytes=c["headers"], requests=c["requests"], files=c["files"],
                         load_ms=typed["loadMs"], cold_ms=latency(typed["cold"]),
                         cold_main_thread=typed["cold"].get("mainThread"), shown=typed["cold"].get("text"),
                         cold_after_key=waterfall(typed["cold"]))
                if warm:  # the next query, typed on this page: filed under that query
                    warm_of[warm["query"]] = {"warm_ms": latency(warm), "warm_after": r["query"],
                                              "warm_main_thread": warm.get("mainThread"),
                                              "warm_after_key": waterfall(warm)}
            if pasted:
                c = cost(pasted["loadRequests"] + pasted["cold"]["requests"], exclude)
                q.update(pasted_bytes=c["body"], pasted_requests=c["requests"], pasted_files=c["files"],
                         pasted_ms=latency(pasted["cold"]), pasted_after_key=waterfall(pasted["cold"]))
            per_query.append(q)
        for q in per_query:
            q.update(warm_of.get(q["query"], {}))
        one = [q for q in per_query if " " not in q["query"]]
        two = [q for q in per_query if " " in q["query"]]
        sides[name] = {
            "queries": per_query, "problems": problems,
            "cold_ms": stats(q.get("cold_ms") for q in per_query),
            "warm_ms": stats(q.get("warm_ms") for q in per_query),
            "pasted_ms": stats(q.get("pasted_ms") for q in per_query),
            "bytes": stats(q.get("bytes") for q in per_query),
            "bytes_one_word": stats(q.get("bytes") for q in one),
            "bytes_two_words": stats(q.get("bytes") for q in two),
            "pasted_bytes": stats(q.get("pasted_bytes") for q in per_query),
            "pasted_bytes_one_word": stats(q.get("pasted_bytes") for q in one),
            "pasted_bytes_two_words": stats(q.get("pasted_bytes") for q in two),
            "requests": stats(q.get("requests") for q in per_query),
        }
    return {"sides": sides, "ratios": ratios(sides.get("pamphlet"), sides.get("pagefind")),
            "ratios_nodebounce": ratios(sides.get("pamphlet"), sides.get("pagefind_nodebounce"))}


def ratios(p, f):
    """pamphlet ÷ Pagefind of the medians (and of the maxima for latency)."""
    if not p or not f:
        return {}
    out = {}
    for key in ("bytes", "bytes_one_word", "bytes_two_words", "pasted_bytes", "pasted_bytes_one_word",
                "pasted_bytes_two_words", "cold_ms", "warm_ms", "pasted_ms"):
        a, b = p.get(key), f.get(key)
        if a and b and b["median"]:
            out[key] = a["median"] / b["median"]
            if key.endswith("_ms") and b["max"]:
                out[key + "_max"] = a["max"] / b["max"]
    return out
