"""Run one command and measure it: wall time, user+sys CPU, peak RSS.

Wall time comes from the harness's clock, user+sys CPU from os.wait4 on the
child. Peak RSS comes from GNU time (/usr/bin/time) when present: Linux carries
a process's RSS high-water mark across exec, so a child spawned straight from
Python would report at least the harness's own ~25 MiB. Without GNU time,
wait4's figure is used and the report notes that floor.
"""

import os
import shutil
import statistics
import subprocess
import tempfile
import time


GNU_TIME = "/usr/bin/time"


def gnu_time_works():
    """Whether /usr/bin/time is GNU time (it accepts -f and -o)."""
    if not os.access(GNU_TIME, os.X_OK):
        return False
    r = subprocess.run([GNU_TIME, "-f", "%M", "-o", os.devnull, "true"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return r.returncode == 0


def ensure_gnu_time(allow_install):
    """Install Debian's `time` package if missing and allowed (we run as root)."""
    if gnu_time_works() or not allow_install or not shutil.which("apt-get"):
        return gnu_time_works()
    print("  installing GNU time: apt-get install -y time", flush=True)
    for cmd in (["apt-get", "install", "-y", "-q", "time"], ["apt-get", "update", "-q"],
                ["apt-get", "install", "-y", "-q", "time"]):
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if gnu_time_works():
            return True
    return False


USE_GNU_TIME = False  # set by run.py after ensure_gnu_time()
CLK_TCK = os.sysconf("SC_CLK_TCK")
NCPU = os.cpu_count() or 1


class Failed(Exception):
    """A measured command exited non-zero; carries the tail of its output."""


def run(cmd, log=None):
    """Run cmd to completion and return {'wall', 'cpu', 'user', 'sys', 'rss_mib'}.

    Output goes to the file `log` (or is discarded) so that printing does not
    cost the measured tool anything; Failed is raised on a non-zero exit.
    """
    out = open(log, "wb") if log else subprocess.DEVNULL
    rss_file = (log or os.path.join(tempfile.gettempdir(), f"pamphlet-bench-{os.getpid()}")) + ".rss"
    argv = [GNU_TIME, "-f", "%M", "-o", rss_file, *cmd] if USE_GNU_TIME else cmd
    try:
        busy0, _ = _cpu_times()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        busy1, _ = _cpu_times()
    finally:
        if log:
            out.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise Failed(f"exited {proc.returncode}: {tail(log)}")
    rss_kib = usage.ru_maxrss  # Linux reports KiB
    if USE_GNU_TIME:
        with open(rss_file) as f:
            rss_kib = int(f.read().split()[-1])
        os.remove(rss_file)
    cpu = usage.ru_utime + usage.ru_stime
    others = max(0.0, (busy1 - busy0) / CLK_TCK - cpu)
    return {
        "wall": wall,
        "user": usage.ru_utime,
        "sys": usage.ru_stime,
        "cpu": cpu,
        "rss_mib": rss_kib / 1024,
        # share of the machine that other processes used meanwhile (noise)
        "others": min(1.0, others / (wall * NCPU)) if wall > 0 else 0.0,
    }


def tail(path, lines=3, limit=300):
    """The last few lines of a log file on one line, for error messages."""
    if not path or not os.path.exists(path):
        return "(no output)"
    with open(path, "rb") as f:
        f.seek(max(0, os.path.getsize(path) - 4096))
        text = f.read().decode("utf-8", "replace")
    last = [l.strip() for l in text.splitlines() if l.strip()][-lines:]
    return " / ".join(last)[-limit:].replace("|", "/") or "(no output)"


def tree_size(path):
    """(bytes, files) under path: the output a tool wrote."""
    total = files = 0
    for root, _, names in os.walk(path):
        for n in names:
            total += os.lstat(os.path.join(root, n)).st_size
            files += 1
    return total, files


def page_sizes(path):
    """Bytes per article page (articles/**/index.html) and the largest HTML page."""
    articles = article_bytes = largest = 0
    largest_at = ""
    for root, _, names in os.walk(path):
        for n in names:
            if not n.endswith(".html"):
                continue
            full = os.path.join(root, n)
            size = os.lstat(full).st_size
            rel = os.path.relpath(full, path)
            if rel.startswith("articles" + os.sep) and n == "index.html":
                articles += 1
                article_bytes += size
            if size > largest:
                largest, largest_at = size, rel
    return {"article_page_bytes": article_bytes // articles if articles else 0,
            "largest_page_bytes": largest, "largest_page": largest_at}


def summarise(samples):
    """Median and min-max of each metric over repeated runs."""
    if not samples:
        return {}
    out = {"runs": len(samples)}
    for key in samples[0]:
        values = [s[key] for s in samples]
        out[key] = {"median": statistics.median(values), "min": min(values), "max": max(values)}
    return out


def _cpu_times():
    """(busy, total) jiffies of all CPUs from /proc/stat."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return sum(values) - idle, sum(values)


def background_cpu(interval=0.5):
    """Share of the machine's CPU (0..1) used by others while we sleep briefly."""
    b0, t0 = _cpu_times()
    time.sleep(interval)
    b1, t1 = _cpu_times()
    return (b1 - b0) / (t1 - t0) if t1 > t0 else 0.0


def wait_for_idle(threshold=0.15, max_wait=120.0):
    """Wait (bounded) until other processes leave the CPUs mostly idle.

    On a shared machine another build can take half the cores; measuring then
    would time the contention, not the tool. Returns the seconds waited.
    """
    start = time.perf_counter()
    announced, quiet = False, 0
    while time.perf_counter() - start < max_wait:
        quiet = quiet + 1 if background_cpu() < threshold else 0
        if quiet == 2:  # a full second without others' bursts
            break
        if quiet == 0 and not announced:
            print("  (machine busy: waiting up to %.0f s for it to go idle)" % max_wait, flush=True)
            announced = True
    return time.perf_counter() - start
