#!/usr/bin/env bash
# README's tutorial as a newcomer does it: the ```sh blocks of its "Tutorial" section are pasted into one shell
# session, in order and literally, once on SQLite and once on PostgreSQL (a fresh database on the server named by
# RETORT_TEST_PG, which scripts/db-servers.sh starts). `retort` comes onto PATH the way step 1 says (pack, then
# `dotnet tool install --global`), in a throwaway HOME, so the machine's own ~/.dotnet/tools is not touched.
# Only three things are not typed by a newcomer:
#   - placeholders `<…>` are filled: <user> <password> <host> <port> <database> from RETORT_TEST_PG and a fresh
#     database name, <first 4 characters of your second revision> from what `retort revision` printed;
#   - the block that says "leave it running" (the sample app) runs in the background until it listens;
#   - the block for PostgreSQL (it sets DATABASE_URL) runs only in the PostgreSQL pass;
#   - the sample app's port 5080 becomes a random free-ish one, so that a busy machine does not fail the run.
# After the blocks: the databases are checked (sqlite3/psql): the app's own (at the sample's head, with the posted
# row) and the tutorial's (untouched by the app, at the second revision after step 5's `retort upgrade head`, which
# must have printed the upgrade and `<second> (head)`); the curl block's output must equal the ```text block README
# shows after it.
# Usage: scripts/newcomer.sh [--packed] [sqlite] [postgresql]
#   --packed   ./artifacts was just built by scripts/pack.sh (scripts/test.sh does that): skip that one line.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
packed=0
databases=()
for a in "$@"; do
  case "$a" in
    --packed) packed=1 ;;
    sqlite|postgresql) databases+=("$a") ;;
    *) echo "usage: $0 [--packed] [sqlite] [postgresql]" >&2; exit 2 ;;
  esac
done
[ ${#databases[@]} -gt 0 ] || databases=(sqlite postgresql)
fail() { echo "NEWCOMER FAILED: $*" >&2; exit 1; }
command -v sqlite3 >/dev/null || fail "sqlite3 is missing (apt-get install sqlite3)"
command -v curl >/dev/null || fail "curl is missing (apt-get install curl)"
if [[ " ${databases[*]} " == *" postgresql "* ]]; then
  if [ -z "${RETORT_TEST_PG:-}" ] && [ -f "$repo/.scratch/db/env.sh" ]; then . "$repo/.scratch/db/env.sh"; fi
  [ -n "${RETORT_TEST_PG:-}" ] || fail "RETORT_TEST_PG is not set: run scripts/db-servers.sh start and source its env.sh"
  command -v psql >/dev/null || fail "psql is missing"
fi

work="$(mktemp -d /tmp/retort-newcomer.XXXXXX)"
app_pid=""
pg_db=""
cleanup() {
  if [ -n "$app_pid" ]; then kill -- "-$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  if [ -n "$pg_db" ]; then
    for name in "$pg_db" "${pg_db}_sample"; do psql "$RETORT_TEST_PG" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null 2>&1 || true; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The fenced blocks of README's Tutorial section, in order: $work/blocks/NN.<language>.
mkdir -p "$work/blocks"
awk -v out="$work/blocks" '
  /^## / { inside = ($0 == "## Tutorial") }
  inside && /^```/ {
    if (!fence) { fence = 1; n++; lang = substr($0, 4); if (lang == "") lang = "text"; file = sprintf("%s/%02d.%s", out, n, lang); printf "" > file; next }
    fence = 0; close(file); next
  }
  inside && fence { print >> file }
' README.md
ls "$work/blocks"/*.sh >/dev/null 2>&1 || fail "README.md has no \`\`\`sh blocks under ## Tutorial"

real_home="$HOME"
port=$(( 20000 + RANDOM % 20000 ))

run_pass() {
  local db="$1" dir="$work/$db"
  mkdir -p "$dir/home"
  echo "== newcomer: README's tutorial on $db (in $dir)"
  # A newcomer's fresh shell: its own HOME (where ~/.dotnet/tools and ~/retort-tutorial go), the machine's NuGet
  # package cache (NuGet would look under HOME otherwise), none of this repository's test variables.
  (
    unset DATABASE_URL RETORT_REPO RETORT_BIN DOTNET_CLI_HOME TUTORIAL_DIR
    export HOME="$dir/home" NUGET_PACKAGES="${NUGET_PACKAGES:-$real_home/.nuget/packages}" DOTNET_NOLOGO=1
    if [ -f "$real_home/.nuget/NuGet/NuGet.Config" ]; then mkdir -p "$HOME/.nuget/NuGet" && cp "$real_home/.nuget/NuGet/NuGet.Config" "$HOME/.nuget/NuGet/"; fi
    export -p > "$dir/state.sh"
  )
  echo "$repo" > "$dir/cwd"
  : > "$dir/output.log"

  local pg_url="" user="" password="" hostport=""
  if [ "$db" = postgresql ]; then
    pg_db="retort_newcomer_$(date +%s)_$RANDOM"
    pg_url="${RETORT_TEST_PG%/*}/$pg_db"
    user=$(sed -E 's|^[a-z]+://([^:]+):.*|\1|' <<<"$RETORT_TEST_PG")
    password=$(sed -E 's|^[a-z]+://[^:]+:([^@]+)@.*|\1|' <<<"$RETORT_TEST_PG")
    hostport=$(sed -E 's|^[a-z]+://[^@]+@([^/]+)/.*|\1|' <<<"$RETORT_TEST_PG")
  fi

  local block text second expected_next=""
  for block in "$work/blocks"/*; do
    case "$block" in
      *.sh) ;;
      *.text)
        if [ -n "$expected_next" ]; then
          diff -u "$block" "$expected_next" || fail "$db: the curl block printed something else than README shows (above)"
          echo "   the curl output matches README"
          expected_next=""
        fi
        continue ;;
      *) continue ;;
    esac
    text="$(cat "$block")"
    if grep -q 'DATABASE_URL=' <<<"$text" && [ "$db" != postgresql ]; then
      echo "-- skipped on $db: the PostgreSQL block"; continue
    fi
    if [ "$packed" = 1 ] || [ -f "$work/packed" ]; then
      text="$(sed -E 's|^scripts/pack\.sh([[:space:]].*)?$|: scripts/pack.sh was run already|' <<<"$text")"
    fi
    # Placeholders, from the test server and from what earlier blocks printed.
    if grep -q '<first 4 characters of your second revision>' <<<"$text"; then
      second=$(sed -nE 's|^ *Generating .*/versions/([0-9a-f]+)_create_phone_number_for_user_col\.cs .*|\1|p' "$dir/output.log" | tail -1)
      [ -n "$second" ] || fail "$db: no second revision id in the output so far"
      text="${text//<first 4 characters of your second revision>/${second:0:4}}"
    fi
    if [ "$db" = postgresql ]; then
      text="${text//<user>/$user}"; text="${text//<password>/$password}"
      text="${text//<host>:<port>/$hostport}"; text="${text//<database>/$pg_db}"
    fi
    text="${text//127.0.0.1:5080/127.0.0.1:$port}"
    if sed 's/[[:space:]]#.*//' <<<"$text" | grep -qE '<[a-z][a-z0-9 ]*>'; then
      fail "$db: a placeholder this script does not know: $(sed 's/[[:space:]]#.*//' <<<"$text" | grep -oE '<[a-z][a-z0-9 ]*>' | head -1)"
    fi
    echo "-- ${block##*/}:"
    if [ -n "$password" ]; then sed "s/^/   \$ /; s/:$password@/:***@/g" <<<"$text"; else sed 's/^/   $ /' <<<"$text"; fi

    local script="$dir/block.sh"
    { echo "set -eo pipefail"; echo ". '$dir/state.sh'"; echo "cd \"\$(cat '$dir/cwd')\""
      printf '%s\n' "$text"
      echo "export -p > '$dir/state.sh'"; echo "pwd > '$dir/cwd'"; } > "$script"

    if grep -q 'dotnet run' <<<"$text"; then
      # "Leave it running": in the background, in its own process group, until it listens.
      setsid bash --noprofile --norc "$script" > "$dir/app.log" 2>&1 &
      app_pid=$!
      local waited=0
      until grep -q "Now listening on" "$dir/app.log"; do
        kill -0 "$app_pid" 2>/dev/null || { cat "$dir/app.log"; fail "$db: the sample app exited"; }
        [ $waited -lt 600 ] || { cat "$dir/app.log"; fail "$db: the sample app did not listen within 300 s"; }
        sleep 0.5; waited=$((waited + 1))
      done
      grep -q "Running upgrade 1975ea83b712 -> ae1027a6acf2, create phone number for user col" "$dir/app.log" \
        || { cat "$dir/app.log"; fail "$db: the sample app did not migrate at start-up"; }
      echo "   the sample app migrated and listens"
      continue
    fi
    if grep -q '^curl ' <<<"$text"; then expected_next="$dir/curl.out"; fi
    if ! bash --noprofile --norc "$script" > "$dir/block.out" 2>&1; then
      cat "$dir/block.out"; fail "$db: the block ${block##*/} failed"
    fi
    sed 's/^/     /' "$dir/block.out"
    cat "$dir/block.out" >> "$dir/output.log"
    [ -z "$expected_next" ] || cp "$dir/block.out" "$expected_next"
    if grep -q '^scripts/pack.sh' <<<"$(cat "$block")"; then touch "$work/packed"; fi
  done
  [ -z "$expected_next" ] || fail "$db: README shows no output after the curl block"
  [ -n "$app_pid" ] || fail "$db: no block started the sample app"

  # What the tutorial left behind: the revisions ran up and down, the app migrated a database of its own, and the
  # tutorial's database, untouched by the app, went from base to head again after step 5.
  local log="$dir/output.log" first
  first=$(sed -nE 's|^ *Generating .*/versions/([0-9a-f]+)_create_users_table\.cs .*|\1|p' "$log" | tail -1)
  for line in "Running upgrade  -> $first, create users table" "Running upgrade $first -> $second, create phone number for user col" \
              "Running downgrade $second -> $first, create phone number for user col" "Running downgrade $first -> , create users table" \
              "$first -> $second (head), create phone number for user col"; do
    grep -qF -- "$line" "$log" || fail "$db: the tutorial did not print: $line"
  done
  if [ "$db" = sqlite ]; then q() { sqlite3 "$dir/home/retort-tutorial/$1.db" "$2"; }
  else q() { psql "$pg_url$([ "$1" = app ] || echo _sample)" -XAtqc "$2"; }; fi
  [ "$(q sample 'SELECT version_num FROM retort_version')" = ae1027a6acf2 ] || fail "$db: the app's database is not at the sample's head"
  [ "$(q sample "SELECT name || '|' || phone_number FROM users")" = "ann|555-0100" ] || fail "$db: the row the curl block posted is not in the app's users"
  [ "$(q app 'SELECT version_num FROM retort_version')" = "$second" ] || fail "$db: the tutorial's database is not at $second after step 5's retort upgrade head"
  [ "$(q app 'SELECT count(*) FROM users')" = 0 ] || fail "$db: the app wrote into the tutorial's database"
  grep -qx "$second (head)" "$dir/block.out" || fail "$db: the last block's retort current did not print $second (head)"
  grep -qF "Running upgrade $first -> $second, create phone number for user col" "$dir/block.out" \
    || fail "$db: retort upgrade head after step 5 did not run the tutorial's revisions"
  echo "   after step 5 the tutorial's database is its own: upgrade head ran, current is $second (head)"
  kill -- "-$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; app_pid=""
  if [ -n "$pg_db" ]; then
    for name in "$pg_db" "${pg_db}_sample"; do psql "$RETORT_TEST_PG" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null; done
    pg_db=""
  fi
  echo "== newcomer on $db passed"
}

for db in "${databases[@]}"; do run_pass "$db"; done
echo "== newcomer passed: ${databases[*]}"
