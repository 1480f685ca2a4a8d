"""One timed build for the benchmarks: wall and CPU time, and the peak memory of its process tree
(bench/run.py, rebuild.py, pairs.py and profile.py run every build through `measure`)."""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import corpus

SITE = corpus.SITE
PELICAN = [sys.executable, "-m", "pelican"]


def tree_memory_kb(root):
    """(summed RSS, summed PSS) in KB of `root` and all its descendants, read from /proc.

    RSS counts a page shared by several processes once per process; PSS divides it among them,
    so the PSS sum is the memory the tree really uses.
    """
    children = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as stat:
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    rss = pss = 0
    stack, page_kb = [root], os.sysconf("SC_PAGE_SIZE") // 1024
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/statm") as statm:
                rss += int(statm.read().split()[1]) * page_kb
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                pss += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
        except (OSError, IndexError, ValueError, StopIteration):
            pass
        stack += children.get(pid, [])
    return rss, pss


class BuildFailed(Exception):
    pass


def measure(cmd, log_path):
    """Run cmd once: wall time, peak tree RSS, largest single RSS, CPU time; BuildFailed."""
    peak = [0, 0]
    load = os.getloadavg()[0]
    with open(log_path, "w") as log:
        start_epoch, start = time.time(), time.perf_counter()
        process = subprocess.Popen(cmd, cwd=SITE, stdout=log, stderr=subprocess.STDOUT)
        done = threading.Event()

        def sample():
            while not done.wait(0.05):
                rss, pss = tree_memory_kb(process.pid)
                peak[:] = max(peak[0], rss), max(peak[1], pss)

        sampler = threading.Thread(target=sample, daemon=True)
        if os.path.isdir("/proc"):
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = Path(log_path).read_text()[-3000:]
        raise BuildFailed(f"exit {process.returncode}: {' '.join(cmd)}\n{tail}\nlog: {log_path}")
    return {
        "load": load,  # 1-minute load average before the run: other work on the machine
        "wall": wall,
        "start_epoch": start_epoch,
        "tree_rss_mb": peak[0] / 1024 or None,
        "tree_pss_mb": peak[1] / 1024 or None,
        "max_rss_mb": usage.ru_maxrss / 1024,  # KB on Linux
        "cpu": usage.ru_utime + usage.ru_stime,
    }
