#!/usr/bin/env bash
# Packs the library packages and the `retort` dotnet tool into ./artifacts, installs the tool from there into a
# temporary tool path, and runs the tutorial with the installed `retort`.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
rm -rf artifacts/*.nupkg
for project in src/Retort src/Retort.Hosting src/Retort.EntityFrameworkCore src/Retort.Cli; do
  [ -d "$project" ] && dotnet pack "$project" -c Release -o artifacts -nologo -v quiet
done
ls -1 artifacts/*.nupkg
tools="$(mktemp -d /tmp/retort-tools.XXXXXX)"
version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)"
dotnet tool install --tool-path "$tools" --add-source ./artifacts retort --version "$version"
"$tools/retort" --version
RETORT_BIN="$tools/retort" scripts/tutorial.sh
rm -rf "$tools"
