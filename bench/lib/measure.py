"""Runs one command and measures wall time (perf_counter) and peak RSS (wait4 rusage of that child)."""
import os
import signal
import statistics
import subprocess
import time


class RunFailed(Exception):
    pass


def run_once(cmd, cwd, env=None, stdin_path=None, stdout_path=None, timeout=None, log_dir=None):
    """Returns (seconds, max_rss_kb). Raises RunFailed (with the tail of stderr) on a non-zero exit."""
    log_dir = log_dir or cwd
    err_path = os.path.join(log_dir, "last.stderr")
    out_path = stdout_path or os.path.join(log_dir, "last.stdout")
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=stdin, stdout=out, stderr=err, start_new_session=True)
        deadline = None if timeout is None else t0 + timeout
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG if deadline else 0)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(p.pid, signal.SIGKILL)
                os.wait4(p.pid, 0)
                p.returncode = -9
                raise RunFailed(f"timeout after {timeout:.0f} s")
            time.sleep(0.002)
        seconds = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if stdin_path:
        stdin.close()
    if p.returncode != 0:
        with open(err_path, "rb") as f:
            tail = f.read().decode(errors="replace").strip().splitlines()[-3:]
        with open(out_path, "rb") as f:
            tail = tail or f.read().decode(errors="replace").strip().splitlines()[-3:]
        raise RunFailed(f"exit {p.returncode}: " + " | ".join(tail)[:300])
    return seconds, ru.ru_maxrss


class Cell:
    """The runs of one tool (or the floor) for one row."""

    def __init__(self, times=None, rss_kb=0, note=None):
        self.times = times or []
        self.rss_kb = rss_kb
        self.note = note  # "n/a: reason" when there is no number

    @property
    def ok(self):
        return bool(self.times) and self.note is None

    @property
    def median(self):
        return statistics.median(self.times) if self.times else None


def measure(case, plan, log):
    """Runs case.warmup (untimed), then case.cmd repeatedly, with case.prep (untimed) before each run.

    plan: dict(max_reps, min_reps, budget, slow, timeout). Run count: as many as fit in `budget` seconds, between
    min_reps and max_reps; a run slower than `slow` seconds lowers the minimum to 3, slower than 4*slow to 1.
    """
    cell = Cell()
    kw = dict(cwd=case.cwd, env=case.env, stdin_path=case.stdin, stdout_path=case.stdout, timeout=plan["timeout"],
              log_dir=case.log_dir)
    try:
        if case.warmup is not None:
            if case.prep:
                case.prep()
            warm = case.cmd if case.warmup == "self" else case.warmup
            run_once(warm, **{**kw, "stdout_path": kw["stdout_path"] if case.warmup == "self" else None})
            if case.check and case.warmup == "self":
                case.check()
        reps = plan["max_reps"]
        while len(cell.times) < reps:
            if case.prep:
                case.prep()
            t, rss = run_once(case.cmd, **kw)
            cell.times.append(t)
            cell.rss_kb = max(cell.rss_kb, rss)
            if len(cell.times) == 1:
                if case.check and case.warmup != "self":
                    case.check()
                lo = plan["min_reps"] if t <= plan["slow"] else (3 if t <= 4 * plan["slow"] else 1)
                lo = min(lo, plan["max_reps"])
                reps = max(lo, min(plan["max_reps"], int(plan["budget"] / max(t, 1e-3))))
            log(f"    {case.tool}: run {len(cell.times)}/{reps} {t:.3f} s")
    except RunFailed as e:
        if not cell.times:
            cell.note = f"n/a: {e}"
        log(f"    {case.tool}: FAILED {e}")
    except CheckFailed as e:
        cell.times = []
        cell.note = f"n/a: wrong result: {e}"
        log(f"    {case.tool}: CHECK FAILED {e}")
    return cell


class CheckFailed(Exception):
    pass


class Case:
    """One tool's side of a row: what to run, where, and what to do before each run."""

    def __init__(self, tool, cmd, cwd, env=None, prep=None, warmup="self", stdin=None, stdout=None, check=None,
                 log_dir=None):
        self.tool, self.cmd, self.cwd, self.env = tool, cmd, cwd, env
        self.prep, self.warmup, self.stdin, self.stdout, self.check = prep, warmup, stdin, stdout, check
        self.log_dir = log_dir
