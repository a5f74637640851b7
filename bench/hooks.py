"""Measurements that need pamphlet features which may not exist yet.

Each function returns a result dict, or {"skipped": reason} when the feature is
missing, so run.py can call them unconditionally. Contracts they rely on:

- search: `pamphlet --root SITE search QUERY --json` prints one JSON object.
  Bytes per query are read from its "bytes_fetched" key (or "bytes"); the
  number of hits from "results" (or "hits") when it is a list.
- serve: `pamphlet --root SITE serve --port PORT` builds into the site's
  build-dir (book.toml: "public") and rebuilds when a content file changes.
"""

import json
import os
import shutil
import socket
import statistics
import subprocess
import time
import urllib.request

import tools

QUERIES = [
    "sanctions", "universal credit", "work capability assessment", "food banks",
    "privatisation", "jobcentre", "bedroom tax", "mental health", "tribunal appeal",
    "five-week wait", "ombudsman", "disabled claimants sanctions", "xylophone",
]
SERVE_EDITS = 5
SERVE_TIMEOUT = 60.0


def search_bytes_per_query(pamphlet, site, queries=QUERIES):
    """Bytes a reader's search downloads per query, as `pamphlet search` reports."""
    if not tools.has_subcommand(pamphlet, "search"):
        return {"skipped": "`pamphlet search` is not available yet"}
    build = subprocess.run([pamphlet, "--root", site, "build"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)  # the index search reads
    if build.returncode != 0:
        return {"skipped": f"`pamphlet build` before searching failed: {build.stderr[-300:]}"}
    per_query = []
    for q in queries:
        start = time.perf_counter()
        r = subprocess.run([pamphlet, "--root", site, "search", q, "--json"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
        wall = time.perf_counter() - start
        if r.returncode != 0:
            return {"skipped": f"`pamphlet search {q!r}` exited {r.returncode}: {r.stderr[-300:]}"}
        try:
            doc = json.loads(r.stdout)
        except json.JSONDecodeError:
            return {"skipped": "`pamphlet search --json` did not print JSON"}
        doc = doc if isinstance(doc, dict) else {"results": doc}
        hits = doc.get("results", doc.get("hits"))
        per_query.append({
            "query": q, "wall": wall,
            "bytes": doc.get("bytes_fetched", doc.get("bytes")),
            "hits": len(hits) if isinstance(hits, list) else None,
        })
    shutil.rmtree(os.path.join(site, "public"), ignore_errors=True)  # keep the corpus pristine
    sizes = [p["bytes"] for p in per_query if isinstance(p["bytes"], (int, float))]
    return {
        "queries": per_query,
        "bytes_median": statistics.median(sizes) if sizes else None,
        "bytes_max": max(sizes) if sizes else None,
        "wall_median": statistics.median(p["wall"] for p in per_query),
    }


def free_port():
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout):
    """Poll predicate every 10 ms; the elapsed seconds, or None on time-out."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(0.01)
    return None


def find_output(public, slug):
    """The built HTML file of the article with this slug (path contains it)."""
    for root, _, names in os.walk(public):
        for n in names:
            path = os.path.join(root, n)
            if n.endswith(".html") and slug in path:
                return path
    return None


def read_text(path):
    """A file's text, or '' while it is missing or being replaced."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def serve_rebuild_latency(pamphlet, corpus_site, scratch, edits=SERVE_EDITS):
    """Seconds from saving an edited article to its page being rebuilt by serve."""
    if not tools.has_subcommand(pamphlet, "serve"):
        return {"skipped": "`pamphlet serve` is not available yet"}
    site = os.path.join(scratch, "serve-site")
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(corpus_site, site)
    public = os.path.join(site, "public")
    port = free_port()
    log = open(os.path.join(scratch, "serve.log"), "wb")
    proc = subprocess.Popen([pamphlet, "--root", site, "serve", "--port", str(port)],
                            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    try:
        def up():
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).close()
                return True
            except OSError:
                return proc.poll() is not None
        if wait_until(up, SERVE_TIMEOUT) is None or proc.poll() is not None:
            return {"skipped": "`pamphlet serve` did not answer on its port"}
        name = sorted(os.listdir(os.path.join(site, "content")))[0]
        page = find_output(public, name[:-3])
        if not page:
            return {"skipped": f"no built page for {name} under {public}"}
        latencies = []
        for k in range(edits):
            marker = f"servebenchmarker{k}"
            with open(os.path.join(site, "content", name), "a") as f:
                f.write(f"\n\nEdited paragraph {marker}.\n")
            seen = wait_until(lambda: marker in read_text(page), SERVE_TIMEOUT)
            if seen is None:
                return {"skipped": f"edit {k} was not rebuilt within {SERVE_TIMEOUT:.0f} s"}
            latencies.append(seen)
            time.sleep(0.5)
        return {"latencies": latencies, "median": statistics.median(latencies), "max": max(latencies)}
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
