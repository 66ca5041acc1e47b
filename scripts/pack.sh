#!/usr/bin/env bash
# Packs the library packages and the `retort` dotnet tool into ./artifacts, installs the tool from there into a
# temporary tool path, and runs the tutorial with the installed `retort`.
#
#   scripts/pack.sh [--rids "linux-x64;osx-arm64;..." | --all-rids] [--tool-path DIR] [--no-tutorial]
#
# The tool is packed as users get it: a pointer package `retort`, one ReadyToRun package per platform RID
# (`retort.<rid>`), and the framework-dependent fallback `retort.any`. By default only this machine's RID is
# packed (CI stays fast; `dotnet tool install` elsewhere falls back to `retort.any`); --all-rids packs every
# platform the project ships. --tool-path keeps the installed tool there (bench/run.sh measures it).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
host_rid="$(uname -s | sed 's/Linux/linux/; s/Darwin/osx/')-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')"
rids="$host_rid" tools="" tutorial=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rids) rids="$2"; shift 2 ;;
    --all-rids) rids="linux-x64;linux-arm64;osx-x64;osx-arm64;win-x64;win-arm64"; shift ;;
    --tool-path) tools="$2"; shift 2 ;;
    --no-tutorial) tutorial=0; shift ;;
    *) echo "FAILED: unknown argument $1" >&2; exit 2 ;;
  esac
done

# Each long step says what it does first, so that minutes of silence are never a hang.
started=$SECONDS
step() { echo "pack.sh [$((SECONDS - started)) s] $*" >&2; }
step "packs Retort's packages and the retort tool into artifacts/, installs the tool, then $([ "$tutorial" = 1 ] && echo "reruns the tutorial with it (--no-tutorial skips that)" || echo "checks its version") (a few minutes)"
mkdir -p artifacts
rm -f artifacts/*.nupkg
for project in src/Retort src/Retort.Hosting src/Retort.EntityFrameworkCore; do
  [ -d "$project" ] || continue
  step "packing $(basename "$project") (Release build)..."
  dotnet pack "$project" -c Release -o artifacts -nologo -v quiet
done
step "packing the retort tool for $rids (ReadyToRun: the longest step)..."
dotnet pack src/Retort.Cli -c Release -o artifacts -nologo -v quiet "-p:RetortToolRids=\"$rids\""
ls -1 artifacts/*.nupkg

keep="$tools"
tools="${tools:-$(mktemp -d /tmp/retort-tools.XXXXXX)}"
rm -rf "$tools"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)"
# A fresh tool path and no HTTP cache of the packages: always the tool just packed.
step "installing the tool into $tools..."
dotnet tool install --tool-path "$tools" --add-source ./artifacts --no-http-cache retort --version "$version"
"$tools/retort" --version
echo "installed: $(readlink -f "$tools/retort" 2>/dev/null || echo "$tools/retort")"
if [ "$tutorial" = 1 ]; then
  step "checking the installed tool: rerunning the tutorial (README steps 2-4) with it, each step and command shown below (scripts/tutorial.sh; --no-tutorial skips this)..."
  RETORT_BIN="$tools/retort" scripts/tutorial.sh
fi
step "done: packages in artifacts/"
if [ -z "$keep" ]; then rm -rf "$tools"; fi
