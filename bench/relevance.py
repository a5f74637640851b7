#!/usr/bin/env python3
"""Known-item search relevance: pamphlet against Pagefind, on queries nobody here wrote.

    python3 bench/relevance.py [--seed 1 --seed 2] [--bin target/release/pamphlet]
                               [--kinds rare-2,phrase-3,quoted-3] [--json OUT] [--keep]

It imports the 181 pasted pages of ../shared/extbench (see its README) into a temporary
site, builds it, and indexes the same HTML with Pagefind (`--glob 'articles/**/*.html'`,
the pages pamphlet's search covers). From each page's ground-truth article body (the
benchmark's, not pamphlet's import) it draws, with a seeded random generator:

- rare-2: two of the body's rarest words (fewest bodies of the 181 hold them; ties drawn);
- phrase-3: three consecutive words from the middle half of the body, unquoted;
- quoted-3: three other consecutive words from the middle half, in double quotes.

A query is scored only when its words survived the import (they are in the imported
article, in order for the phrase kinds). Each runs through `pamphlet search --json`
(the same code as the search page; tests/search_browser.rs checks the two agree) and
through Pagefind's JS API (bench/pagefind_query.mjs: its pagefind.js in node, a fresh
instance per query). Reported per kind and engine: S@1, S@10, MRR@10, empty results,
and the bytes a first query downloads; a two-sided sign test on the reciprocal ranks.

Python 3.11 standard library; Pagefind comes from npm into the bench cache (tools.py).
"""

import argparse
import json
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import tools

HERE = Path(__file__).resolve().parent
# ../shared/extbench beside the checkout (a worktree sits one level deeper), or $EXTBENCH.
EXTBENCH = Path(os.environ.get("EXTBENCH") or next(
    (p for p in (HERE.parents[1] / "shared/extbench", HERE.parents[2] / "shared/extbench")
     if p.is_dir()), HERE.parents[1] / "shared/extbench")).resolve()
KINDS = ("rare-2", "phrase-3", "quoted-3")


def fold(token):
    """A word as the index folds it, near enough to check that it survived the import:
    accents off, lower case, inner apostrophes and hyphens dropped."""
    t = unicodedata.normalize("NFKD", token)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return re.sub(r"[^\w]", "", t.replace("_", ""))


def words(text):
    """(as typed, folded) for each whitespace-separated word, edge punctuation off."""
    out = []
    for raw in text.split():
        w = raw.strip(".,;:!?\"'()[]{}<>«»“”‘’…*—–-/\\|#@&%+=~`^$")
        f = fold(w)
        if w and f and re.fullmatch(r"[\w'’\-]+", w):
            out.append((w, f))
        else:
            out.append(None)  # a break: phrases never span it
    return out


def front_matter(text):
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    head, body = text[4:end], text[end + 5:]
    fm = {}
    for line in head.splitlines():
        m = re.match(r"^(\w+):\s*(.*)$", line)
        if m:
            fm[m.group(1)] = m.group(2).strip().strip("'\"")
    return fm, body


def build_site(binary, tmp):
    seeds = tmp / "seeds"
    seeds.mkdir()
    for p in sorted((EXTBENCH / "pasted").glob("*.txt")):
        shutil.copy2(p, seeds / p.name)
    shutil.copy2(EXTBENCH / "book.toml", tmp / "book.toml")
    for cmd in (["import", "seeds", "--out", "content"], ["build"]):
        subprocess.run([binary, "--root", str(tmp), *cmd], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    pages = {}
    for md in sorted((tmp / "content").rglob("*.md")):
        fm, body = front_matter(md.read_text(encoding="utf-8", errors="replace"))
        seed = Path(fm.get("seed", "")).stem
        if seed and fm.get("slug"):
            pages[seed] = {"url": f"/articles/{fm['slug']}/",
                           "folded": [w[1] for w in words(body) if w]}
    return pages


def draw(seed, truth, pages):
    """The queries of one seed: {kind: [(page id, query, folded words)]}."""
    rng = random.Random(seed)
    bodies = {k: words(v["articleBody"]) for k, v in sorted(truth.items())}
    df = {}
    for ws in bodies.values():
        for f in {w[1] for w in ws if w}:
            df[f] = df.get(f, 0) + 1
    out = {k: [] for k in KINDS}
    for pid, ws in bodies.items():
        page = pages.get(pid)
        if not page:
            continue
        have = set(page["folded"])
        text = " ".join(page["folded"])
        # rare-2: rarest first, ties in a seeded order; only words the import kept.
        typed = {}
        for w in ws:
            if w and len(w[1]) > 1 and w[1] not in typed:
                typed[w[1]] = w[0]
        ranked = sorted(typed, key=lambda f: (df[f], rng.random()))
        rare = [f for f in ranked if f in have][:2]
        if len(rare) == 2 and rare == ranked[:2]:
            out["rare-2"].append((pid, " ".join(typed[f] for f in rare), rare))
        n = len(ws)
        for kind in ("phrase-3", "quoted-3"):
            lo, hi = n // 4, max(n // 4 + 1, 3 * n // 4 - 3)
            start = rng.randrange(lo, hi) if n >= 3 else 0
            tri = ws[start:start + 3]
            if len(tri) < 3 or None in tri:
                # the nearest run of three words after it
                tri = next((ws[i:i + 3] for i in range(start, n - 2)
                            if None not in ws[i:i + 3]), None)
            if not tri:
                continue
            folded = [w[1] for w in tri]
            if f" {' '.join(folded)} " not in f" {text} ":
                continue  # the import lost or split these words
            q = " ".join(w[0] for w in tri)
            out[kind].append((pid, f'"{q}"' if kind == "quoted-3" else q, folded))
    return out


def run_pamphlet(binary, site, queries):
    out = []
    for q in queries:
        r = subprocess.run([binary, "--root", str(site), "search", "--json", "--limit", "10", "--", q],
                           capture_output=True, text=True)
        if r.returncode != 0:
            out.append({"total": 0, "urls": [], "bytes": 0, "error": r.stderr.strip()[-300:]})
            continue
        d = json.loads(r.stdout)
        out.append({"total": d["total"], "urls": [x["url"] for x in d["results"]],
                    "bytes": d["bytes_fetched"]})
    return out


def run_pagefind(public, queries, tmp):
    qfile, ofile = tmp / "pf-queries.json", tmp / "pf-out.json"
    qfile.write_text(json.dumps(queries))
    subprocess.run(["node", str(HERE / "pagefind_query.mjs"), str(public), str(qfile), str(ofile)],
                   check=True)
    return json.loads(ofile.read_text())


def run_page(public, queries):
    """The top results of /search/?q=… in headless Chromium (--dump-dom after the page's
    fetches): the search page's own answer, to hold against the CLI's."""
    import functools
    import http.server
    import threading
    import urllib.parse

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(public))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    out = []
    try:
        for q in queries:
            url = f"http://127.0.0.1:{server.server_port}/search/?q={urllib.parse.quote_plus(q)}"
            dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                                  "--virtual-time-budget=20000", "--dump-dom", url],
                                 capture_output=True, text=True, timeout=120).stdout
            ol = re.search(r'<ol id="search-results".*?</ol>', dom, re.S)
            urls = re.findall(r'<h2[^>]*><a href="([^"]+)"', ol.group(0)) if ol else []
            status = re.search(r'id="search-status"[^>]*>([^<]*)', dom)
            out.append({"urls": urls, "status": status.group(1) if status else ""})
    finally:
        server.shutdown()
    return out


def rank(urls, target):
    return urls.index(target) + 1 if target in urls[:10] else None


def sign_test(wins, losses):
    """Two-sided exact binomial p for wins vs losses (ties dropped)."""
    n = wins + losses
    if n == 0:
        return 1.0
    k = min(wins, losses)
    p = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * p)


def score(items, results):
    ranks = [rank(r["urls"], it["url"]) for it, r in zip(items, results)]
    n = len(ranks)
    return {
        "n": n,
        "s1": sum(r == 1 for r in ranks) / n if n else 0,
        "s10": sum(r is not None for r in ranks) / n if n else 0,
        "mrr10": sum(1 / r for r in ranks if r) / n if n else 0,
        "empty": sum(r_["total"] == 0 for r_ in results),
        "bytes_median": statistics.median(r["bytes"] for r in results) if results else 0,
        "bytes_mean": statistics.fmean(r["bytes"] for r in results) if results else 0,
        "ranks": ranks,
    }


def compare(a, b):
    """Sign test on reciprocal rank (0 outside the top 10): a better, b better, p."""
    ra = [1 / r if r else 0 for r in a["ranks"]]
    rb = [1 / r if r else 0 for r in b["ranks"]]
    wins = sum(x > y for x, y in zip(ra, rb))
    losses = sum(x < y for x, y in zip(ra, rb))
    only_a = sum(x > 0 and y == 0 for x, y in zip(ra, rb))
    only_b = sum(x == 0 and y > 0 for x, y in zip(ra, rb))
    return {"better": wins, "worse": losses, "p": sign_test(wins, losses),
            "top10_only_a": only_a, "top10_only_b": only_b, "p10": sign_test(only_a, only_b)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, action="append", help="query seed (repeatable; default 1)")
    ap.add_argument("--bin", default=tools.pamphlet_path(), help="pamphlet binary")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--no-pagefind", action="store_true", help="pamphlet only (for tuning)")
    ap.add_argument("--site", help="reuse a site this script built (with --keep)")
    ap.add_argument("--json", help="write every query, rank and byte count here")
    ap.add_argument("--keep", action="store_true", help="keep the temporary site")
    ap.add_argument("--markdown", help="write the tables here, for bench/RELEVANCE.md (kept "
                    "by hand; bench/report.py copies it into RESULTS.md)")
    ap.add_argument("--page", type=int, default=0, metavar="N",
                    help="also run the first N queries of each kind in the search page in "
                         "Chromium and compare its results with the CLI's")
    ap.add_argument("--tuned-on", type=int, action="append", default=[],
                    help="seeds the engine's constants were tuned on (named in the tables)")
    args = ap.parse_args()
    seeds = args.seed or [1]
    kinds = [k for k in args.kinds.split(",") if k]
    binary = os.path.abspath(args.bin)
    truth = json.loads((EXTBENCH / "bench" / "ground-truth.json").read_text())
    tmp = Path(args.site) if args.site else Path(tempfile.mkdtemp(prefix="relevance-"))
    try:
        if args.site:
            # a new build, not the cache's: the binary may rank differently
            # (and a clean folder: `pamphlet search` reads the one index folder there)
            shutil.rmtree(tmp / ".pamphlet-cache", ignore_errors=True)
            shutil.rmtree(tmp / "public", ignore_errors=True)
            subprocess.run([binary, "--root", str(tmp), "build"], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            pages = json.loads((tmp / "pages.json").read_text())
        else:
            pages = build_site(binary, tmp)
            (tmp / "pages.json").write_text(json.dumps(pages))
        public = tmp / "public"
        engines = ["pamphlet"]
        if not args.no_pagefind:
            pf = tools.pagefind(tools.default_cache(), True)
            shutil.rmtree(public / "pagefind", ignore_errors=True)
            subprocess.run([pf, "--site", str(public), "--glob", "articles/**/*.html"], check=True,
                           stdout=subprocess.DEVNULL)
            engines.append("pagefind")
        report = {"seeds": seeds, "bin": binary, "runs": []}
        for seed in seeds:
            drawn = draw(seed, truth, pages)
            for kind in kinds:
                items = [{"page": p, "query": q, "url": pages[p]["url"]} for p, q, _ in drawn[kind]]
                qs = [it["query"] for it in items]
                res = {"pamphlet": run_pamphlet(binary, tmp, qs)}
                if "pagefind" in engines:
                    res["pagefind"] = run_pagefind(public, qs, tmp)
                scores = {e: score(items, res[e]) for e in engines}
                run = {"seed": seed, "kind": kind, "scores": scores, "items": items,
                       "results": {e: res[e] for e in engines}}
                if "pagefind" in engines:
                    run["sign"] = compare(scores["pamphlet"], scores["pagefind"])
                if args.page:
                    page = run_page(public, qs[:args.page])
                    shown = [len(p["urls"]) for p in page]
                    same = sum(p["urls"] == r["urls"][:len(p["urls"])] and
                               len(p["urls"]) == min(5, r["total"])
                               for p, r in zip(page, res["pamphlet"]))
                    run["page"] = {"checked": len(page), "same_as_cli": same, "shown": shown,
                                   "results": page}
                report["runs"].append(run)
                print_run(run)
        if args.json:
            Path(args.json).write_text(json.dumps(report, indent=1))
        if args.markdown:
            Path(args.markdown).write_text(markdown(report, args.tuned_on))
    finally:
        if args.keep or args.site:
            print(f"site kept in {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def markdown(report, tuned_on):
    """One table per seed: each kind and engine, and the sign test."""
    commit = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    seeds = " ".join(f"--seed {s}" for s in report["seeds"])
    tuned = " ".join(f"--tuned-on {s}" for s in tuned_on)
    checked = [r["page"]["checked"] for r in report["runs"] if "page" in r]
    page = f" --page {max(checked)}" if checked else ""
    out = [f"Generated by `python3 bench/relevance.py {seeds} {tuned}{page} --markdown FILE` "
           f"on {__import__('datetime').datetime.now(__import__('datetime').timezone.utc):%Y-%m-%d %H:%M} UTC, "
           f"pamphlet at commit {commit} (debug build; ranking and bytes do not depend on the profile), "
           "Pagefind 1.6.0. 181 pasted extbench pages imported and built; queries from the "
           "ground-truth bodies, scored only when their words survived the import. Bytes: what a "
           "first query downloads (pamphlet: search-core.js and search.js, meta, facets, shards, positions, the "
           "fragments on screen; Pagefind: pagefind.js, entry, meta, WebAssembly, chunks, the "
           "first 5 results' fragments, as pamphlet's page shows 5; text files counted gzipped, "
           "as served).", ""]
    for seed in report["seeds"]:
        role = "tuning seed" if seed in tuned_on else "held out: nothing was tuned on it"
        out += [f"**Seed {seed}** ({role})", "",
                "| queries | engine | S@1 | S@10 | MRR@10 | empty | bytes, median (mean) | sign test on reciprocal rank |",
                "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        for run in report["runs"]:
            if run["seed"] != seed:
                continue
            for e, sc in run["scores"].items():
                sign = ""
                if e == "pamphlet" and "sign" in run:
                    g = run["sign"]
                    sign = (f"better on {g['better']}, worse on {g['worse']} (p = {g['p']:.2g}); "
                            f"top 10 only here {g['top10_only_a']}, only Pagefind {g['top10_only_b']}")
                out.append(f"| {run['kind']} ({sc['n']}) | {e} | {sc['s1']:.3f} | {sc['s10']:.3f} | "
                           f"{sc['mrr10']:.3f} | {sc['empty']} | {sc['bytes_median'] / 1000:.1f} kB "
                           f"({sc['bytes_mean'] / 1000:.1f}) | {sign} |")
        checks = [r["page"] for r in report["runs"] if r["seed"] == seed and "page" in r]
        if checks:
            same = sum(c["same_as_cli"] for c in checks)
            total = sum(c["checked"] for c in checks)
            out += ["", f"Search page in headless Chromium: {same} of {total} queries (the first "
                    f"{max(c['checked'] for c in checks)} of each kind) list the same results as the CLI, in the same order."]
        out.append("")
    return "\n".join(out) + "\n"


def print_run(run):
    for e, s in run["scores"].items():
        print(f"seed {run['seed']:>3} {run['kind']:<9} {e:<9} n={s['n']:>3} "
              f"S@1={s['s1']:.3f} S@10={s['s10']:.3f} MRR@10={s['mrr10']:.3f} "
              f"empty={s['empty']:>3} bytes median={s['bytes_median']:.0f} mean={s['bytes_mean']:.0f}")
    if "page" in run:
        print(f"    search page in Chromium: {run['page']['same_as_cli']} of {run['page']['checked']} "
              "queries list the same results as the CLI, in the same order", flush=True)
    if "sign" in run:
        g = run["sign"]
        print(f"    pamphlet vs Pagefind, reciprocal rank: better {g['better']}, worse {g['worse']}, "
              f"p={g['p']:.3g}; top 10 only pamphlet {g['top10_only_a']}, only Pagefind "
              f"{g['top10_only_b']}, p={g['p10']:.3g}", flush=True)


if __name__ == "__main__":
    main()
