#!/usr/bin/env bash
# The tutorial's steps (README.md, "Tutorial") on a fresh SQLite file with scripts/retort or $RETORT_BIN: checks
# the schema and the version table after each step and stops with a non-zero exit at the first difference.
# scripts/newcomer.sh runs README's own blocks literally, with the installed tool, on SQLite and PostgreSQL.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
# RETORT_BIN runs another retort, e.g. the installed dotnet tool (scripts/pack.sh).
# Each command is shown before it runs, and each README step is announced: a caller (scripts/pack.sh) sees where it is.
retort() { echo "   \$ retort $*"; "${RETORT_BIN:-$repo/scripts/retort}" "$@"; }
step() { echo "== tutorial step $*"; }
work="${TUTORIAL_DIR:-$(mktemp -d /tmp/retort-tutorial.XXXXXX)}"
mkdir -p "$work" && cd "$work"
echo "== tutorial in $work"
fail() { echo "TUTORIAL FAILED: $*" >&2; exit 1; }
q() { sqlite3 app.db "$1"; }

step "2: a migration environment (retort init)"
retort init migrations
sed -i 's|^url = .*|url = "sqlite:///app.db"|' retort.toml
step "3: two revisions (retort revision, then their Upgrade and Downgrade written)"
retort revision -m "create users table"
retort revision -m "create phone number for user col"

users=$(ls migrations/versions/*_create_users_table.cs)
phone=$(ls migrations/versions/*_create_phone_number_for_user_col.cs)
# Edit the new files: the first creates users; the second's Upgrade adds the column, its Downgrade drops it.
sed -i 's|^        // op.CreateTable.*|        op.CreateTable("users",\n            new Column("id", SqlType.Integer()) { PrimaryKey = true, Autoincrement = true },\n            new Column("name", SqlType.String(50)) { Nullable = false });|; s|^        // op.DropTable.*|        op.DropTable("users");|' "$users"
sed -i 's|^        // op.CreateTable.*|        op.AddColumn("users", new Column("phone_number", SqlType.String()) { Nullable = true });|; s|^        // op.DropTable.*|        op.DropColumn("users", "phone_number");|' "$phone"
echo "== $phone"; cat "$phone"
first=$(basename "$users" | cut -d_ -f1)
second=$(basename "$phone" | cut -d_ -f1)

step "4: upgrade and downgrade, checking the schema and the version table after each"
retort upgrade head
q "SELECT name FROM pragma_table_info('users')" | grep -qx phone_number || fail "users.phone_number missing after upgrade head"
[ "$(q 'SELECT version_num FROM retort_version')" = "$second" ] || fail "version table is not at $second"

retort downgrade -1
q "SELECT name FROM pragma_table_info('users')" | grep -qx phone_number && fail "phone_number still there after downgrade -1"
retort current | tee current.txt
grep -qx "$first" current.txt || fail "current does not print $first"

retort upgrade "${second:0:4}"
q "SELECT name FROM pragma_table_info('users')" | grep -qx phone_number || fail "phone_number missing after upgrade ${second:0:4}"

retort downgrade base
[ "$(q 'SELECT count(*) FROM retort_version')" = 0 ] || fail "version table not empty after downgrade base"
[ -z "$(q "SELECT name FROM sqlite_master WHERE name = 'users'")" ] || fail "users table still there after downgrade base"

retort current
retort history
retort heads
echo "== tutorial passed"
