"""pamphlet benchmark: generate archives, build them with pamphlet and the
anchors (Hugo, Pagefind, optionally mdBook), and write bench/RESULTS.md.

    python3 bench/run.py                       # N = 100, 1000, 10000; 3 runs
    python3 bench/run.py --sizes 100,1000 --runs 5
    python3 bench/run.py --smoke               # N = 100, 1 run, no installs
"""

import argparse
import datetime
import json
import os
import shlex
import shutil
import sys
import tempfile

import browser
import generate
import hooks
import hugo
import mdbook
import measure
import report
import tools

BENCH = os.path.dirname(os.path.abspath(__file__))
# Both sites put article pages under articles/; indexing only those keeps the
# two Pagefind rows comparable (pamphlet's pages carry no data-pagefind-body).
PAGEFIND_GLOB = "articles/**/*.html"
NOISY = 0.10  # share of the CPUs other processes may take during a kept run


def parse_args(argv):
    """Command-line flags (see README.md)."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="100,1000,10000", help="comma-separated N (default 100,1000,10000)")
    p.add_argument("--runs", type=int, default=3, help="measured runs per step (default 3)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--corpus", default="friendly",
                   help="comma-separated corpora, each measured at every size: friendly (articles that "
                        "share little) and adversarial (stock quotations, reused paragraphs, templated "
                        "titles, long file names; see generate.py)")
    p.add_argument("--builds-only", action="store_true",
                   help="time only the full builds (and Pagefind); no rebuild, check, import, serve or search")
    p.add_argument("--smoke", action="store_true",
                   help="N=100, one run, installed tools only, results into the scratch dir")
    p.add_argument("--mdbook", action="store_true", help="also install (cargo) and run mdBook, N <= 1000")
    p.add_argument("--no-install", action="store_true", help="use only tools already installed")
    p.add_argument("--tools", default="pamphlet,hugo,pagefind,mdbook",
                   help="subset of pamphlet,hugo,pagefind,mdbook to run")
    p.add_argument("--scratch", default=os.environ.get("PAMPHLET_BENCH_SCRATCH")
                   or os.path.join(tempfile.gettempdir(), "pamphlet-bench"),
                   help="where corpora and build outputs go (never the repo)")
    p.add_argument("--work", help="where build outputs go (default SCRATCH/work; a tmpfs such as "
                   "/dev/shm/pamphlet-bench takes the disk out of the numbers)")
    p.add_argument("--keep", action="store_true", help="keep build outputs after measuring")
    p.add_argument("--idle-wait", type=float, default=120,
                   help="seconds to wait, before each measurement, for other processes to leave "
                   "the CPUs idle (0: do not wait; default 120)")
    p.add_argument("--noise-retries", type=int, default=2,
                   help="repeat a run this many times while other processes took >10%% of the CPUs")
    p.add_argument("--no-browser", action="store_true",
                   help="skip the search comparison in headless Chromium (pamphlet vs Pagefind UI)")
    p.add_argument("--cache", default=tools.default_cache(), help="where anchors are installed")
    p.add_argument("--results", help="RESULTS.md path (default bench/RESULTS.md; smoke: in scratch)")
    args = p.parse_args(argv)
    if args.smoke:
        args.sizes, args.runs, args.no_install, args.idle_wait, args.noise_retries = "100", 1, True, 0, 0
    args.work = args.work or os.path.join(args.scratch, "work")
    args.sizes = [int(s.replace("_", "").replace(",", "")) for s in args.sizes.split(",") if s]
    args.tools = set(args.tools.split(","))
    args.corpus = [c for c in args.corpus.split(",") if c]
    for c in args.corpus:
        if c not in generate.CORPORA:
            sys.exit(f"--corpus {c}: use one of {', '.join(generate.CORPORA)}")
    args.results = args.results or (os.path.join(args.scratch, "RESULTS-smoke.md") if args.smoke
                                    else os.path.join(BENCH, "RESULTS.md"))
    return args


def find_tools(args):
    """Binaries by name (None when absent), installing anchors unless told not to."""
    install = not args.no_install
    found = {"pamphlet": None, "hugo": None, "pagefind": None, "mdbook": None}
    if "pamphlet" in args.tools and tools.pamphlet(tools.pamphlet_path()):
        found["pamphlet"], args.pamphlet_sha = tools.snapshot(tools.pamphlet_path(),
                                                              os.path.join(args.scratch, "bin"))
    if "hugo" in args.tools:
        found["hugo"] = tools.hugo(args.cache, install)
    if "pagefind" in args.tools:
        found["pagefind"] = tools.pagefind(args.cache, install)
    if "mdbook" in args.tools and args.mdbook and min(args.sizes) <= mdbook.MAX_N:
        found["mdbook"] = tools.mdbook(args.cache, install)
    return found


class SizeBench:
    """All measurements for one N; steps that fail once are not retried."""

    def __init__(self, n, corpus_dir, work, bins, args):
        self.n, self.corpus, self.work, self.bins = n, corpus_dir, work, bins
        self.runs, self.idle_wait, self.retries = args.runs, args.idle_wait, args.noise_retries
        self.builds_only = args.builds_only
        self.site = os.path.join(corpus_dir, "site")
        self.samples, self.outputs, self.skipped, self.notes = {}, {}, {}, []
        self.builds = {}  # tool -> output dir of its latest successful build
        self.round = 0
        self.logs = os.path.join(args.scratch, "logs", f"n{n}")
        os.makedirs(self.logs, exist_ok=True)

    def skip(self, key, reason):
        """Record why a step is not measured (first reason wins)."""
        if key not in self.skipped:
            self.skipped[key] = reason
            print(f"  skip {key}: {reason}", flush=True)

    def measure(self, key, cmd, output=None):
        """Measure cmd once into step `key`; returns True when it succeeded.

        `output` is the directory the command creates. A run during which
        other processes took more than NOISY of the CPUs is repeated (up to
        --noise-retries times), after moving its output aside so that the
        repeat starts from the same state.
        """
        if key in self.skipped:
            return False
        log = os.path.join(self.logs, f"{key}-r{self.round}.log")
        for attempt in range(self.retries + 1):
            if self.idle_wait:
                measure.wait_for_idle(max_wait=self.idle_wait)
            try:
                sample = measure.run(cmd, log=log)
            except measure.Failed as e:
                self.skip(key, f"{e} (log: {log})")
                return False
            if sample["others"] <= NOISY or attempt == self.retries:
                break
            print(f"  {key:<20} {sample['wall']:7.2f} s  others {sample['others']:4.0%}: noisy, again",
                  flush=True)
            if output and os.path.exists(output):
                os.rename(output, f"{output}-noisy{attempt}")
        self.samples.setdefault(key, []).append(sample)
        if output and key not in self.outputs:
            size, files = measure.tree_size(output)
            self.outputs[key] = {"bytes": size, "files": files, **measure.page_sizes(output)}
        print(f"  {key:<20} {sample['wall']:7.2f} s  cpu {sample['cpu']:7.2f} s  "
              f"rss {sample['rss_mib']:7.0f} MiB  others {sample['others']:4.0%}", flush=True)
        return True

    def fresh(self, name):
        """A never-used path for one output of this round.

        Outputs are not deleted between measurements: on this VM's ext4
        (mounted with discard) writing where many files were just removed cost
        Hugo 4-5 s of extra system time at N=1,000. run() cleans up per N.
        """
        return os.path.join(self.work, f"{name}-r{self.round}")

    def hugo_round(self):
        """One full Hugo build into an empty destination."""
        out = self.fresh("hugo-out")
        site = os.path.join(self.corpus, "hugo")
        if self.measure("hugo_build", hugo.build_command(self.bins["hugo"], site, out), out):
            self.builds["hugo"] = out

    def discard(self, key, reason):
        """Drop a step's last sample (it did no real work) and skip the step."""
        self.samples[key].pop()
        if not self.samples[key]:
            del self.samples[key]
            self.outputs.pop(key, None)
        self.skip(key, reason)

    def pamphlet_round(self):
        """pamphlet: clean build, no-change rebuild, check, import."""
        p, out = self.bins["pamphlet"], self.fresh("pamphlet-out")
        built = self.measure("pamphlet_build", [p, "--root", self.site, "build", "--out", out], out)
        if built and measure.tree_size(out)[1] == 0:
            self.discard("pamphlet_build", "`pamphlet build` exited 0 but wrote no files")
            built = False
        if built:
            self.builds["pamphlet"] = out
        if self.builds_only:
            return
        if built:
            self.measure("pamphlet_rebuild", [p, "--root", self.site, "build", "--out", out])
        else:
            self.skip("pamphlet_rebuild", "no successful pamphlet build")
        self.measure("pamphlet_check", [p, "--root", self.site, "check"])
        import_site, imported = self.fresh("import-site"), self.fresh("import-out")
        os.makedirs(os.path.join(import_site, "content"))
        shutil.copy(os.path.join(self.site, "book.toml"), import_site)
        cmd = [p, "--root", import_site, "import", os.path.join(self.corpus, "seeds"), "--out", imported]
        if self.measure("pamphlet_import", cmd, imported) and measure.tree_size(imported)[1] == 0:
            self.discard("pamphlet_import", "`pamphlet import` exited 0 but wrote no files")

    def mdbook_round(self):
        """One mdBook build of the same articles."""
        out = self.fresh("mdbook-out")
        book = os.path.join(self.corpus, "mdbook")
        self.measure("mdbook_build", mdbook.build_command(self.bins["mdbook"], book, out), out)

    def pagefind_round(self, tool):
        """Pagefind over a tool's latest article pages; the index goes outside the site."""
        key = f"pagefind_{tool}"
        if tool not in self.builds:
            self.skip(key, f"no {tool} build to index")
            return
        index = self.fresh(f"pagefind-{tool}")
        cmd = [self.bins["pagefind"], "--site", self.builds[tool], "--glob", PAGEFIND_GLOB, "--output-path", index]
        if self.measure(key, cmd, index):
            if measure.tree_size(index)[1] == 0:
                self.discard(key, f"Pagefind found no pages matching {PAGEFIND_GLOB}")
            else:
                self.builds[key] = index

    def run(self):
        """Alternate the tools round by round so drift hits them all alike."""
        rounds = []
        if self.bins["hugo"]:
            rounds.append(self.hugo_round)
        if self.bins["pamphlet"]:
            rounds.append(self.pamphlet_round)
        if self.bins["mdbook"] and self.n <= mdbook.MAX_N:
            rounds.append(self.mdbook_round)
        indexed = [t for t in ("hugo", "pamphlet") if self.bins[t]] if self.bins["pagefind"] else []
        for r in range(self.runs):
            self.round = r
            print(f" round {r + 1}/{self.runs}", flush=True)
            k = r % len(rounds) if rounds else 0
            for step in rounds[k:] + rounds[:k]:
                step()
            for tool in (indexed if r % 2 == 0 else indexed[::-1]):
                self.pagefind_round(tool)

    def result(self, manifest):
        """Summaries, outputs and skip reasons as one JSON-able dict."""
        steps = {}
        for key, _ in report.STEPS:
            if key in self.samples:
                steps[key] = {"summary": measure.summarise(self.samples[key]),
                              "output": self.outputs.get(key), "samples": self.samples[key]}
            elif key in self.skipped:
                steps[key] = {"skipped": self.skipped[key]}
        others = [x["others"] for xs in self.samples.values() for x in xs]
        return {"corpus": manifest, "steps": steps, "notes": self.notes,
                "background_cpu_max": max(others, default=0.0)}


def missing_notes(bins, args, n):
    """Plain-language notes for tools that were not run at this N."""
    notes = []
    if "pamphlet" in args.tools and not bins["pamphlet"]:
        notes.append(f"pamphlet skipped: {tools.pamphlet_path()} is missing or not functional yet "
                     "(its --help does not list `build`; set PAMPHLET to another binary).")
    for tool in ("hugo", "pagefind"):
        if tool in args.tools and not bins[tool]:
            notes.append(f"{tool} is not installed" + (" (--no-install)" if args.no_install else "") + ".")
    if args.mdbook and n > mdbook.MAX_N:
        notes.append(f"mdBook runs only for N <= {mdbook.MAX_N}.")
    return notes


def bench_size(n, args, bins, corpus="friendly"):
    """Generate (or reuse) the corpus for N, lay it out, measure everything."""
    name = f"n{n}-seed{args.seed}" if corpus == "friendly" else f"{corpus}-n{n}-seed{args.seed}"
    corpus_dir = os.path.join(args.scratch, "corpora", name)
    print(f"N={n:,} ({corpus}): corpus in {corpus_dir}", flush=True)
    manifest = generate.generate(corpus_dir, n, args.seed, corpus=corpus)
    if bins["hugo"]:
        hugo.write_site(corpus_dir)
    if bins["mdbook"] and n <= mdbook.MAX_N:
        mdbook.write_book(corpus_dir)
    work = os.path.join(args.work, name)
    clean(work)
    os.makedirs(work)
    bench = SizeBench(n, corpus_dir, work, bins, args)
    bench.notes += missing_notes(bins, args, n)
    bench.run()
    result = bench.result(manifest)
    if args.builds_only:
        if not args.keep:
            clean(work)
        return result
    if bins["pamphlet"]:
        result["search"] = hooks.search_bytes_per_query(bins["pamphlet"], bench.site)
        result["serve"] = hooks.serve_rebuild_latency(bins["pamphlet"], bench.site, work, bench.logs, n)
    if bins["hugo"]:
        result["hugo_serve"] = hooks.hugo_server_latency(
            bins["hugo"], os.path.join(corpus_dir, "hugo"), work, bench.logs, n)
    if not args.no_browser:
        result["browser"] = browser_round(bench, work, args)
    if not args.keep:
        clean(work)
    return result


def browser_round(bench, work, args):
    """pamphlet's search page against Pagefind's UI in Chromium; never fails the run."""
    if "pamphlet" not in bench.builds:
        return {"skipped": "no pamphlet build to search"}
    print(" search in Chromium: pamphlet vs Pagefind UI", flush=True)
    try:
        return browser.browser_search(bench.builds["pamphlet"], bench.builds.get("pagefind_pamphlet"), work,
                                      bench.logs, args.cache, not args.no_install, quick=args.smoke,
                                      idle_wait=args.idle_wait)
    except Exception as e:  # a broken driver costs its section, not the whole report
        return {"skipped": f"the browser measurement failed: {type(e).__name__}: {e}"}


def clean(path):
    """Remove a work tree and flush the deletions before anything is timed."""
    if os.path.exists(path):
        shutil.rmtree(path)
        os.sync()


def smoke_check(scratch, seed):
    """Cheap self-test of the generator: deterministic and well-formed."""
    def require(ok, what):
        if not ok:
            sys.exit(f"generator self-check failed: {what}")
    a, b = os.path.join(scratch, "smoke-a"), os.path.join(scratch, "smoke-b")
    for d in (a, b):
        shutil.rmtree(d, ignore_errors=True)
    generate.generate(a, 20, seed, jobs=1)
    generate.generate(b, 20, seed, jobs=2)
    for sub in ("site/content", "seeds"):
        names = sorted(os.listdir(os.path.join(a, sub)))
        require(names == sorted(os.listdir(os.path.join(b, sub))) and len(names) == 20, f"{sub} file names")
        for name in names:
            with open(os.path.join(a, sub, name), "rb") as fa, open(os.path.join(b, sub, name), "rb") as fb:
                require(fa.read() == fb.read(), f"{sub}/{name} differs between 1 and 2 workers")
    for name in os.listdir(os.path.join(a, "site", "content")):
        with open(os.path.join(a, "site", "content", name), encoding="utf-8") as f:
            md = f.read()
        head = "\n" + md[4:md.index("\n---\n", 4)]
        for field in ("title", "slug", "date", "author", "publisher", "source", "tags", "summary", "comments"):
            require(f"\n{field}:" in head, f"{name}: no {field}")
        count = int(head.split("\ncomments: ")[1].split()[0])
        require(md.count("\n### Response ") == count, f"{name}: comments: {count} does not match")
    for d in (a, b):
        shutil.rmtree(d)
    print("generator self-check: ok (deterministic across worker counts, front matter complete)")


def main(argv=None):
    """Entry point: measure every requested N and write the report."""
    args = parse_args(argv)
    for d in (args.scratch, args.work):
        if os.path.realpath(d).startswith(tools.REPO + os.sep):
            sys.exit(f"{d}: scratch and work directories must be outside the repository")
    os.makedirs(args.scratch, exist_ok=True)
    if args.smoke:
        smoke_check(args.scratch, args.seed)
    measure.USE_GNU_TIME = measure.ensure_gnu_time(not args.no_install)
    bins = find_tools(args)
    for name, path in bins.items():
        print(f"{name:<9} {path or '(not available)'}")
    results = {
        "command": "python3 bench/run.py " + " ".join(map(shlex.quote, argv if argv is not None else sys.argv[1:])),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "runs": args.runs,
        "work": args.work,
        "rss_source": "GNU time" if measure.USE_GNU_TIME else "os.wait4 (includes the harness's ~25 MiB floor)",
        "machine": tools.machine(),
        "versions": {
            "pamphlet": (f"{tools.version(bins['pamphlet'])} ({tools.pamphlet_path()}, "
                         f"sha256 {args.pamphlet_sha[:12]}, copied aside for the run)"
                         if bins["pamphlet"] else "not available"),
            "Hugo": tools.version(bins["hugo"], "version"),
            "Pagefind": tools.version(bins["pagefind"]),
            **({"mdBook": tools.version(bins["mdbook"])} if args.mdbook else {}),
            "corpus generator": f"v{generate.GENERATOR_VERSION}, seed {args.seed}",
        },
        "sizes": {},
    }
    for n in args.sizes:
        for corpus in args.corpus:
            # Keyed by N alone for the friendly corpus, as before; "N corpus" otherwise.
            key = n if corpus == "friendly" else f"{n:,} {corpus}"
            results["sizes"][key] = bench_size(n, args, bins, corpus)
    with open(os.path.join(args.scratch, "results.json"), "w") as f:
        json.dump(results, f, indent=1, default=str)
    with open(args.results, "w") as f:
        f.write(report.render(results))
    print(f"wrote {args.results} (raw numbers: {os.path.join(args.scratch, 'results.json')})")


if __name__ == "__main__":
    main()
