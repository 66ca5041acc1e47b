#!/usr/bin/env bash
# The schema-fidelity work list: runs the round trip on every real sample schema (tests/data/schemas, one xunit test
# per database and schema, Trait Category=Fidelity, skipped unless RETORT_FIDELITY=1) and prints, per schema, how many
# catalog differences, dump differences and failed steps remain, then the most frequent kinds of difference.
# "past-order" counts the catalog differences when the same Downgrade SQL (retort downgrade --sql) is applied with
# creation order ignored (foreign-key checks off on MariaDB, failed statements retried): what is lost besides order.
#
#   scripts/fidelity-report.sh              # build, run all, report
#   scripts/fidelity-report.sh sqlite       # only the schemas whose test name matches (e.g. sqlite, pagila)
#   FIDELITY_NO_BUILD=1 scripts/fidelity-report.sh   # reuse the last build
#
# Per-schema details (one difference per line, "category<TAB>text") stay in $FIDELITY_REPORT_DIR (default: a new
# /tmp folder, printed at the end). Exits 0 when the report ran, even with differences; 2 when nothing ran.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${FIDELITY_REPORT_DIR:-$(mktemp -d /tmp/retort-fidelity.XXXXXX)}"
mkdir -p "$out"
rm -f "$out"/*.txt "$out"/*.past-order
env_file="${RETORT_SCRATCH:-$repo/.scratch/db}/env.sh"
if [ -z "${RETORT_TEST_PG:-}" ] && [ -f "$env_file" ]; then . "$env_file"; fi
filter="Category=Fidelity"
[ -n "${1:-}" ] && filter="$filter&DisplayName~$1"

cd "$repo"
if [ -z "${FIDELITY_NO_BUILD:-}" ]; then
  dotnet build tests/Retort.Tests -c Release --nologo -v q >"$out/build.log" 2>&1 || { tail -20 "$out/build.log"; echo "FAILED: build (see $out/build.log)" >&2; exit 2; }
fi
RETORT_FIDELITY=1 RETORT_FIDELITY_REPORT="$out" dotnet test tests/Retort.Tests -c Release --no-build --nologo \
  --filter "$filter" >"$out/test.log" 2>&1 || true

shopt -s nullglob
files=("$out"/*.txt)
if [ ${#files[@]} -eq 0 ]; then
  tail -20 "$out/test.log"
  echo "FAILED: no fidelity results (see $out/test.log)" >&2
  exit 2
fi

catalog_lines() { grep -hvP '^(dump|step\.[^\t]*)\t' "$@" || true; }
printf '%-24s %8s %6s %6s %12s\n' "schema" "catalog" "dump" "steps" "past-order"
total=0; total_past=0
for f in "${files[@]}"; do
  name="$(basename "$f" .txt)"
  catalog=$(catalog_lines "$f" | grep -c . || true)
  dump=$(grep -cP '^dump\t' "$f" || true)
  steps=$(grep -cP '^step\.' "$f" || true)
  past="${f%.txt}.past-order"
  past_count=0
  if [ -f "$past" ]; then past_count=$(catalog_lines "$past" | grep -c . || true); fi
  total=$((total + catalog)); total_past=$((total_past + past_count))
  printf '%-24s %8d %6d %6d %12d\n' "$name" "$catalog" "$dump" "$steps" "$past_count"
done
echo "total catalog differences: $total (past creation order: $total_past)"
echo
echo "most frequent kinds of catalog difference after the round trip (all schemas):"
catalog_lines "${files[@]}" | cut -f1 | sort | uniq -c | sort -rn | head -25
pasts=("$out"/*.past-order)
if [ ${#pasts[@]} -gt 0 ]; then
  echo
  echo "past creation order (the same Downgrade SQL applied with foreign-key order ignored), most frequent kinds:"
  catalog_lines "${pasts[@]}" | cut -f1 | sort | uniq -c | sort -rn | head -40
fi
echo
echo "failed steps:"
for f in "${files[@]}" "${pasts[@]}"; do grep -P '^step\.' "$f" | cut -f2 | cut -c1-220 | sed "s|^|  $(basename "$f"): |" || true; done
echo
echo "details: $out/<dialect>-<schema>.txt and .past-order (one difference per line); test log: $out/test.log"
