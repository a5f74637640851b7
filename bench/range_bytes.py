#!/usr/bin/env python3
"""What a date range costs a query (issue 21): bytes a first query downloads, with and
without a range, as `pamphlet search --json` counts them (the same files the search page
fetches, text gzipped as served), on generated archives of the sizes given.

    python3 bench/range_bytes.py --sizes 1000,10000 [--corpus friendly] [--markdown FILE]

Archives are generated with bench/generate.py into --scratch (kept between runs) and
built with $PAMPHLET (default target/release/pamphlet). Standard library only.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUERIES = ["sanctions", "universal credit", "benefit sanctions", "work capability",
           "food banks", "care in the community"]
RANGES = [("", "", "no range"), ("2019", "2019", "one year"),
          ("2018-07", "2020-03", "months across years"), ("", "2015", "open start")]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


def site_for(n, corpus, scratch, pamphlet):
    out = scratch / f"{corpus}-{n}"
    if not (out / "site" / "book.toml").is_file():
        run([sys.executable, str(HERE / "generate.py"), "--n", str(n), "--seed", "42",
             "--corpus", corpus, "--out", str(out)])
    site = out / "site"
    run([pamphlet, "--root", str(site), "build", "-q"])
    return site


def cost(pamphlet, site, query, frm, to):
    cmd = [pamphlet, "--root", str(site), "search", "--json", query]
    if frm:
        cmd += ["--from", frm]
    if to:
        cmd += ["--to", to]
    v = json.loads(run(cmd).stdout)
    dates = sum(f["bytes"] for f in v["fetched"] if f["path"] == "dates.bin")
    return v["bytes_fetched"], dates, v["total"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--corpus", default="friendly", choices=["friendly", "adversarial"])
    ap.add_argument("--scratch", default="/tmp/pamphlet-bench-ranges")
    ap.add_argument("--markdown", help="write the table here too")
    a = ap.parse_args()
    pamphlet = os.environ.get("PAMPHLET", str(HERE.parent / "target/release/pamphlet"))
    scratch = Path(a.scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    lines = ["| articles | range | median bytes per query (mean) | of which dates.bin | results, median |",
             "| --- | --- | --- | --- | --- |"]
    for n in [int(s) for s in a.sizes.split(",")]:
        site = site_for(n, a.corpus, scratch, pamphlet)
        for frm, to, label in RANGES:
            rows = [cost(pamphlet, site, q, frm, to) for q in QUERIES]
            total = [r[0] for r in rows]
            shown = f"`--from {frm or '…'} --to {to or '…'}`" if (frm or to) else "none"
            lines.append(f"| {n:,} | {label}: {shown} | {statistics.median(total) / 1000:.1f} kB "
                         f"({statistics.mean(total) / 1000:.1f}) | {statistics.median(r[1] for r in rows) / 1000:.1f} kB "
                         f"| {statistics.median(r[2] for r in rows):.0f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if a.markdown:
        Path(a.markdown).write_text(text)


if __name__ == "__main__":
    main()
