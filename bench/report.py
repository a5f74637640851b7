"""Turn the results dict of run.py into bench/RESULTS.md."""

import os

import hooks

MIB = 1024 * 1024

# (key in results, label) in table order.
STEPS = [
    ("hugo_build", "Hugo build"),
    ("pamphlet_build", "pamphlet build"),
    ("pamphlet_rebuild", "pamphlet no-change rebuild"),
    ("mdbook_build", "mdBook build"),
    ("pamphlet_check", "pamphlet check"),
    ("pamphlet_import", "pamphlet import (N pasted pages)"),
    ("pagefind_hugo", "Pagefind over Hugo's HTML"),
    ("pagefind_pamphlet", "Pagefind over pamphlet's HTML"),
]


def median(step, metric="wall"):
    """A step's median for metric, or None when it was not measured."""
    s = (step or {}).get("summary", {}).get(metric)
    return s["median"] if s else None


def fmt_wall(summary):
    """'1.52 s (1.48–1.60)' from a wall-time summary."""
    w = summary["wall"]
    if summary["runs"] == 1:
        return f"{w['median']:.2f} s"
    return f"{w['median']:.2f} s ({w['min']:.2f}\u2013{w['max']:.2f})"


def fmt_output(out):
    """'12.3 MiB, 2,118 files' for a measured output tree."""
    if not out:
        return ""
    text = f"{out['bytes'] / MIB:.1f} MiB, {out['files']:,} files"
    if out.get("article_page_bytes"):
        text += (f"; {out['article_page_bytes'] / 1024:.1f} kB per article page, largest page "
                 f"{out['largest_page_bytes'] / 1024:.1f} kB")
    return text


def size_label(n):
    """'1,000' for the friendly corpus (keyed by N), '1,000 adversarial' for another."""
    return f"{n:,}" if isinstance(n, int) else str(n)


def ratio(a, b, unit="\u00d7"):
    """a / b as text, or 'n/a' when either side is missing."""
    if a is None or not b:
        return "n/a"
    return f"{a / b:.2f}{unit}"


def size_table(steps):
    """The per-N table: one row per measured (or skipped) step."""
    rows = ["| step | wall, median (min\u2013max) | user+sys CPU | peak RSS | output | others' CPU |",
            "| --- | --- | --- | --- | --- | --- |"]
    for key, label in STEPS:
        step = steps.get(key)
        if not step:
            continue
        if "summary" in step and step["summary"]:
            s = step["summary"]
            rows.append(f"| {label} | {fmt_wall(s)} | {s['cpu']['median']:.2f} s | "
                        f"{s['rss_mib']['median']:.0f} MiB | {fmt_output(step.get('output'))} | "
                        f"{s['others']['max']:.0%} |")
        else:
            rows.append(f"| {label} | skipped: {step.get('skipped', 'not run')} | | | | |")
    return "\n".join(rows)


def headline(n, steps):
    """The ratios a reader looks for first, for one N."""
    hb, pb = steps.get("hugo_build"), steps.get("pamphlet_build")
    lines = []
    if median(pb) is None:
        reason = (pb or {}).get("skipped", "no working pamphlet binary yet")
        lines.append(f"- **N={size_label(n)}**: pamphlet not measured ({reason}).")
        if median(hb) is not None:
            lines.append(f"  Hugo builds in {median(hb):.2f} s; Pagefind indexes its HTML in "
                         f"{median(steps.get('pagefind_hugo')) or 0:.2f} s.")
        return lines
    hugo_searchable = None
    if median(hb) is not None and median(steps.get("pagefind_hugo")) is not None:
        hugo_searchable = median(hb) + median(steps.get("pagefind_hugo"))
    out_p, out_h = (pb or {}).get("output"), (hb or {}).get("output")
    lines.append(
        f"- **N={size_label(n)}**: pamphlet \u00f7 Hugo build time **{ratio(median(pb), median(hb))}**, "
        f"CPU {ratio(median(pb, 'cpu'), median(hb, 'cpu'))}, "
        f"peak RSS {ratio(median(pb, 'rss_mib'), median(hb, 'rss_mib'))}, "
        f"output size {ratio(out_p and out_p['bytes'], out_h and out_h['bytes'])}; "
        f"pamphlet \u00f7 (Hugo + Pagefind) **{ratio(median(pb), hugo_searchable)}**; "
        f"no-change rebuild \u00f7 build {ratio(median(steps.get('pamphlet_rebuild')), median(pb))}.")
    if median(steps.get("mdbook_build")) is not None:
        lines.append(f"  pamphlet \u00f7 mdBook build time {ratio(median(pb), median(steps['mdbook_build']))}.")
    return lines


def peak(server):
    """', peak RSS N MiB' for a measured preview server, when GNU time gave it."""
    rss = hooks.serve_rss_mib(server)
    return f", peak RSS {rss:.0f} MiB" if rss else ""


def hooks_section(result):
    """Search bytes-per-query and serve latency, or why they were skipped."""
    out = []
    search, serve = result.get("search", {}), result.get("serve", {})
    if "skipped" in search:
        out.append(f"- search bytes per query: skipped ({search['skipped']})")
    elif search:
        b = search.get("bytes_median")
        out.append(f"- search bytes per query: median {b:,.0f} B, max {search['bytes_max']:,.0f} B; "
                   f"`pamphlet search` median {search['wall_median'] * 1000:.0f} ms"
                   if b is not None else
                   f"- search: `pamphlet search` median {search['wall_median'] * 1000:.0f} ms "
                   "(it reported no byte count)")
    if "skipped" in serve:
        out.append(f"- serve-mode rebuild latency: skipped ({serve['skipped']})")
    elif serve:
        out.append(f"- serve-mode rebuild latency: median {serve['median'] * 1000:.0f} ms, "
                   f"max {serve['max'] * 1000:.0f} ms over {len(serve['latencies'])} edits "
                   f"(first page served {serve['startup']:.2f} s after start){peak(serve)}")
    hugo_serve = result.get("hugo_serve", {})
    if "skipped" in hugo_serve:
        out.append(f"- `hugo server` edit latency: skipped ({hugo_serve['skipped']})")
    elif hugo_serve:
        line = (f"- `hugo server` edit latency: median {hugo_serve['median'] * 1000:.0f} ms, "
                f"max {hugo_serve['max'] * 1000:.0f} ms (first page {hugo_serve['startup']:.2f} s "
                f"after start){peak(hugo_serve)}")
        if serve.get("median"):
            line += f"; pamphlet \u00f7 Hugo: **{ratio(serve['median'], hugo_serve['median'])}**"
        out.append(line)
    return out


def ms(s):
    """'56 / 85 ms' (median / max) from browser.stats output."""
    return f"{s['median']:.0f} / {s['max']:.0f} ms" if s else "n/a"


def kb(s):
    """'28.4 / 30.1 kB' (median / max) of byte counts."""
    return f"{s['median'] / 1000:.1f} / {s['max'] / 1000:.1f} kB" if s else "n/a"


def browser_headline(n, b):
    """The two ratios issue #5 asks for, at one N."""
    if not b or "skipped" in b:
        return [f"- **N={size_label(n)}** search in Chromium: skipped ({(b or {}).get('skipped', 'not run')})."]
    r = b["ratios"]
    return [f"- **N={size_label(n)}** search in Chromium, pamphlet \u00f7 Pagefind's default UI over the same HTML: "
            f"bytes per typed query **{ratio(r.get('bytes'), 1)}** (one word {ratio(r.get('bytes_one_word'), 1)}, "
            f"two words {ratio(r.get('bytes_two_words'), 1)}; pasted {ratio(r.get('pasted_bytes'), 1)}); "
            f"keystroke to results **{ratio(r.get('cold_ms'), 1)}** cold, {ratio(r.get('warm_ms'), 1)} warm "
            f"(medians; target: bytes \u2264 0.25\u00d7, latency < 1\u00d7)."]


BROWSER_ROWS = [
    ("keystroke to results, cold page (median / max)", "cold_ms", ms),
    ("keystroke to results, warm page", "warm_ms", ms),
    ("query pasted into a fresh page, to results", "pasted_ms", ms),
    ("bytes per query typed, one word (median / max)", "bytes_one_word", kb),
    ("bytes per query typed, two words", "bytes_two_words", kb),
    ("bytes per query pasted, one word", "pasted_bytes_one_word", kb),
    ("bytes per query pasted, two words", "pasted_bytes_two_words", kb),
    ("requests per query typed (median / max)", "requests", lambda s: f"{s['median']:.0f} / {s['max']:.0f}" if s else "n/a"),
]


def browser_section(b):
    """Latency and bytes per side, per query, and what went wrong."""
    if not b or "skipped" in b:
        return [f"- search in Chromium: skipped ({(b or {}).get('skipped', 'not run')})"]
    sides = b["sides"]
    names = [n for n in ("pamphlet", "pagefind", "pagefind_nodebounce") if n in sides]
    label = {"pamphlet": "pamphlet /search/", "pagefind": "Pagefind UI (default)",
             "pagefind_nodebounce": "Pagefind UI, debounceTimeoutMs: 0"}
    lines = ["", "Search in headless Chromium (" + b["chromium"] + f", {b['puppeteer']}; keys every "
             f"{b['key_delay_ms']} ms; each query on a fresh page with an empty cache):", "",
             "| | " + " | ".join(label[n] for n in names) + " | pamphlet \u00f7 Pagefind UI |",
             "| --- |" + " --- |" * (len(names) + 1)]
    for text, key, fmt in BROWSER_ROWS:
        if not any(sides[n].get(key) for n in names):
            continue
        rows = [fmt(sides[n].get(key)) for n in names]
        lines.append(f"| {text} | " + " | ".join(rows) + f" | {ratio(b['ratios'].get(key), 1)} |")
    lines += ["", "| query | pamphlet: bytes typed / pasted, ms cold / warm / pasted | "
              "Pagefind UI: bytes typed / pasted, ms cold / warm / pasted |", "| --- | --- | --- |"]
    per = {n: {q["query"]: q for q in sides[n]["queries"]} for n in ("pamphlet", "pagefind") if n in sides}

    def cell(q):
        if not q:
            return "n/a"
        num = lambda v, f: "n/a" if v is None else f(v)
        kbs = lambda v: f"{v / 1000:.1f} kB"
        mss = lambda v: f"{v:.0f}"
        return (f"{num(q.get('bytes'), kbs)} / {num(q.get('pasted_bytes'), kbs)}, "
                f"{num(q.get('cold_ms'), mss)} / {num(q.get('warm_ms'), mss)} / {num(q.get('pasted_ms'), mss)} ms")
    for query in per.get("pamphlet", {}):
        lines.append(f"| {query} | {cell(per['pamphlet'].get(query))} | {cell(per.get('pagefind', {}).get(query))} |")
    lines.append("")
    for n in names:
        problems = sides[n]["problems"]
        if problems:
            lines.append(f"- {label[n]}: {len(problems)} problem(s): " + "; ".join(problems[:5]).replace("|", "/"))
    lines.append(f"- raw numbers, per-request waterfalls after the last key: {b['raw']}")
    return lines


def render(results):
    """The whole RESULTS.md text."""
    m, v = results["machine"], results["versions"]
    lines = [
        "# pamphlet benchmark results", "",
        f"Generated by `{results['command']}` on {results['date']}"
        f" ({results['runs']} run(s) per step, tools alternated each round).", "",
        "## Headline", "",
    ]
    for n, r in results["sizes"].items():
        lines += headline(n, r["steps"])
    for n, r in results["sizes"].items():
        if "browser" in r:
            lines += browser_headline(n, r["browser"])
    lines += ["", "## Machine", "",
              f"- {m['nproc']} CPUs: {m['cpu']}", f"- memory: {m['memory']}",
              f"- Linux {m['kernel']}, Python {m['python']}", "", "## Tools", ""]
    lines += [f"- {name}: {ver}" for name, ver in v.items()]
    for n, r in results["sizes"].items():
        c = r["corpus"]
        lines += ["", f"## N = {size_label(n)}", "",
                  f"Corpus: {c['n']:,} articles, {c['markdown_bytes'] / MIB:.1f} MiB of Markdown, "
                  f"{c['words']:,} body words, {c['comments']:,} reader responses, "
                  f"{c['distinct_tags']} tags, {len(c['topics'])} topics (seed {c['seed']}).", "",
                  size_table(r["steps"]), ""]
        lines += hooks_section(r)
        if "browser" in r:
            lines += browser_section(r["browser"])
        busy = r.get("background_cpu_max", 0.0)
        if busy > 0.1:
            lines.append(f"- warning: other processes used up to {busy:.0%} of the CPUs during "
                         "some measurements (last column); treat those numbers as noisy.")
        lines += [f"- {note}" for note in r.get("notes", [])]
    lines += ["", "Wall time is the median over runs (min\u2013max in brackets); CPU is user+sys of the "
              "process and its children; peak RSS is the largest resident set "
              f"({results.get('rss_source', 'os.wait4')}). Output "
              "counts every file written (Pagefind rows: the index alone). \"Others' CPU\" is the "
              "largest share of the machine that other processes used during a run of that step. "
              f"Outputs were written under {results.get('work', 'the scratch dir')}. Hugo rows use "
              "bench/hugo_layout. Pagefind indexes the article pages only (`--glob articles/**/*.html`): "
              "on Hugo's the body marked data-pagefind-body, on pamphlet's the whole page.", ""]
    lines += kept_notes("PROFILE.md") + kept_notes("RELEVANCE.md")
    return "\n".join(lines)


def kept_notes(name):
    """A section kept beside this report and copied in: PROFILE.md (kept by hand: what
    the profiles showed and what changed), RELEVANCE.md (bench/relevance.py's tables)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return ["", f.read().rstrip(), ""]
