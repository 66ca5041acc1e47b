#!/usr/bin/python3
"""Turns bench/peers/run.sh's results.tsv into the markdown table and the ratios (same run, same load)."""
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone

path, n, reps, commit, tool_version = sys.argv[1:6]
TOOLS = [("ef", "EF Core 10"), ("fm", "FluentMigrator 8"), ("dbup", "DbUp 6"), ("retort", "Retort in-process")]


def parse(cells):
    out = {}
    for cell in cells.split():
        key, value = cell.split("=", 1)
        if "/" in value:
            inproc, wall = value.split("/")
            out[key] = (num(inproc), num(wall))
        else:
            out[key] = (None, num(value))
    return out


def num(s):
    try:
        return float(s)
    except ValueError:
        return None


def secs(v):
    return "n/a" if v is None else f"{v:.2f}"


def ratio(a, b):
    return "–" if a is None or b is None or b == 0 else f"{a / b:.1f}x"


rows = []
with open(path) as f:
    for line in f:
        key, label, load0, load1, cells = line.rstrip("\n").split("\t")
        rows.append((key, label, load0, load1, parse(cells)))

cpu = "?"
try:
    with open("/proc/cpuinfo") as f:
        cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
except (OSError, StopIteration):
    pass
mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
sqlite = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
print(f"Peers benchmark, N={n}, median of {reps}; {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}, "
      f"retort tool {tool_version}; {os.cpu_count()} cores {cpu}, {mem:.0f} GiB, {platform.system()} {platform.release()}, "
      f".NET SDK {dotnet}, sqlite3 {sqlite}.")
print()
print("Cells: seconds, `in-process / whole process` (the process form is how a CLI user meets the tool); "
      "load = 1-minute load average before / after the row.")
print()
print("| work | EF Core 10 | FluentMigrator 8 | DbUp 6 | Retort in-process | Retort tool (CLI) | sqlite3 floor | load |")
print("|---|---|---|---|---|---|---|---|")
for key, label, load0, load1, c in rows:
    cols = []
    for t, _ in TOOLS:
        cols.append(f"{secs(c[t][0])} / {secs(c[t][1])}" if t in c else "–")
    cols.append(secs(c["tool"][1]) if "tool" in c else "–")
    cols.append(secs(c["floor"][1]) if "floor" in c else "–")
    print(f"| {label} | " + " | ".join(cols) + f" | {load0} / {load1} |")
print()
print("Ratios in the same run: a peer's in-process time over Retort's (above 1x: Retort is faster), and the whole "
      "`retort` process over the sqlite3 floor.")
print()
print("| work | EF / Retort | FluentMigrator / Retort | DbUp / Retort | Retort tool / floor |")
print("|---|---|---|---|---|")
for key, label, load0, load1, c in rows:
    r = c.get("retort", (None, None))[0]
    cols = [ratio(c[t][0], r) if t in c else "–" for t in ("ef", "fm", "dbup")]
    cols.append(ratio(c["tool"][1], c["floor"][1]) if "tool" in c and "floor" in c else "–")
    print(f"| {label} | " + " | ".join(cols) + " |")
