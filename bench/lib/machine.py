"""Machine and tool versions for the header of the results."""
import os
import platform
import subprocess


def _first(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        text = (r.stdout or r.stderr).strip()
        return text.splitlines()[0] if text else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "not available"


def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem_kb = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    return f"{cpu}, {os.cpu_count()} logical cores, {mem_kb / 1048576:.1f} GiB RAM, Linux {platform.release()}"


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def versions(retort_cmd, alembic_cmd, pg_url):
    py = alembic_cmd[0]
    out = [
        ("retort", _first(retort_cmd + ["--version"]) if retort_cmd else "not built"),
        (".NET SDK", _first(["dotnet", "--version"])),
        ("alembic", _first(alembic_cmd + ["--version"])),
        ("SQLAlchemy", _first([py, "-c", "import sqlalchemy; print(sqlalchemy.__version__)"])),
        ("python", _first([py, "--version"])),
        ("sqlite3 CLI", _first(["sqlite3", "--version"]).split(" ")[0]),
    ]
    if pg_url:
        out.append(("PostgreSQL server", _first(["psql", "-X", "-At", "-d", pg_url, "-c", "SHOW server_version"])))
    dotnet_env = sorted(k + "=" + v for k, v in os.environ.items() if k.startswith(("DOTNET_", "COMPlus_")))
    if dotnet_env:
        out.append(("DOTNET env", " ".join(dotnet_env)))
    return out
