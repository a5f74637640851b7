"""Measurements that need pamphlet features which may not exist yet.

Each function returns a result dict, or {"skipped": reason} when the feature is
missing, so run.py can call them unconditionally. Contracts they rely on:

- search: `pamphlet --root SITE search QUERY --json` prints one JSON object.
  Bytes per query are read from its "bytes_fetched" key (or "bytes"); the
  number of hits from "results" (or "hits") when it is a list.
- serve: `pamphlet --root SITE serve --port PORT` answers on 127.0.0.1:PORT,
  its home page links to article pages whose address contains the slug, and a
  changed content file shows up in the served page.
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import tools

QUERIES = [
    "sanctions", "universal credit", "work capability assessment", "food banks",
    "privatisation", "jobcentre", "bedroom tax", "mental health", "tribunal appeal",
    "five-week wait", "ombudsman", "disabled claimants sanctions", "xylophone",
]
SERVE_EDITS = 5
SERVE_STARTUP = 30.0  # seconds, plus 5 ms per article for the first build
SERVE_TIMEOUT = 30.0  # seconds for one edit to show


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


def fetch(url):
    """(status, body) of a GET; status 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""
    except (OSError, http.client.HTTPException):
        # Nothing listening yet, or a server cutting a response short while it rebuilds.
        return 0, ""


def article_url(base, slugs):
    """The address of an article linked from the home page (served, not guessed)."""
    status, home = fetch(base + "/")
    if status != 200:
        return None, None
    for href in re.findall(r'href="([^"#?]+)', home):
        for part in reversed(href.strip("/").split("/")):
            slug = part.removesuffix(".html")
            if slug in slugs:
                return urllib.parse.urljoin(base + "/", href), slug
    return None, None


def serve_rebuild_latency(pamphlet, corpus_site, scratch, logs, n, edits=SERVE_EDITS):
    """Seconds from saving an edited article to `pamphlet serve` answering with the change.

    Works over HTTP, so it does not matter whether serve writes files or keeps
    the site in memory. The article is one the home page links to.
    """
    if not tools.has_subcommand(pamphlet, "serve"):
        return {"skipped": "`pamphlet serve` is not available yet"}
    site = os.path.join(scratch, "serve-site")
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(corpus_site, site)
    port = free_port()
    command = [pamphlet, "--root", site, "serve", "--port", str(port)]
    return edit_latency(command, port, os.path.join(site, "content"), "serve", logs, n, edits)


def hugo_server_latency(hugo_bin, corpus_hugo, scratch, logs, n, edits=SERVE_EDITS):
    """The same measurement for `hugo server` (in memory, its defaults) on Hugo's layout."""
    site = os.path.join(scratch, "hugo-server-site")
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(corpus_hugo, site)
    port = free_port()
    command = [hugo_bin, "server", "--source", site, "--port", str(port), "--bind", "127.0.0.1",
               "--baseURL", f"http://127.0.0.1:{port}/", "--noBuildLock"]
    return edit_latency(command, port, os.path.join(site, "content", "articles"),
                        "hugo-server", logs, n, edits)


def edit_latency(command, port, content, name, logs, n, edits):
    """Start a preview server, then time edits of one article until each is served.

    Peak RSS comes from GNU time around the server, as for the builds.
    """
    base = f"http://127.0.0.1:{port}"
    log_path = os.path.join(logs, f"{name}.log")
    rss_path = log_path + ".rss"
    log = open(log_path, "wb")
    wrapped = (["/usr/bin/time", "-f", "%M", "-o", rss_path] if os.path.exists("/usr/bin/time")
               else []) + command
    # A session of its own, so the server and GNU time around it stop together.
    proc = subprocess.Popen(wrapped, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        startup = wait_until(lambda: fetch(base + "/")[0] == 200 or proc.poll() is not None,
                             SERVE_STARTUP + n / 200)
        if startup is None or proc.poll() is not None:
            return {"skipped": f"`{name}` did not answer on its port (log: {log_path})"}
        slugs = {f[:-3] for f in os.listdir(content) if f.endswith(".md")}
        url, slug = article_url(base, slugs)
        if not url:
            return {"skipped": f"no article page linked from {base}/ (status {fetch(base + '/')[0]})"}
        latencies = []
        for k in range(edits):
            marker = f"servebenchmarker{k}"
            with open(os.path.join(content, slug + ".md"), "a") as f:
                f.write(f"\n\nEdited paragraph {marker}.\n")
            seen = wait_until(lambda: marker in fetch(url)[1], SERVE_TIMEOUT)
            if seen is None:
                return {"skipped": f"edit {k} of {url} was not served within {SERVE_TIMEOUT:.0f} s"}
            latencies.append(seen)
            time.sleep(0.5)
        result = {"startup": startup, "latencies": latencies,
                  "median": statistics.median(latencies), "max": max(latencies)}
    finally:
        # Ctrl-C, as a person stops a preview server; GNU time ignores it and then
        # writes the peak RSS.
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
    try:
        with open(rss_path, encoding="utf-8") as f:
            result["rss_mib"] = int(f.read().split()[-1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return result


def serve_rss_mib(result):
    """Peak RSS of a measured server in MiB, when GNU time gave it (else None)."""
    return result.get("rss_mib")
