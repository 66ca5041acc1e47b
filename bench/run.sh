#!/usr/bin/env bash
# Retort beside Alembic on the same work, same machine, one run: bench/run.sh [--quick]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v sqlite3 >/dev/null || [ ! -d /usr/lib/python3/dist-packages/alembic ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 python3-alembic >/dev/null
fi
"$repo/scripts/db-servers.sh" start >/dev/null
"$repo/scripts/retort" --version >/dev/null
# The printed table is also kept in bench/RESULTS.md.
/usr/bin/python3 "$repo/bench/bench.py" "$@" | tee "$repo/bench/RESULTS.md"
