#!/usr/bin/env bash
# Installs (when missing) and starts PostgreSQL 15 and MariaDB on loopback for the integration tests, each in its
# own data and socket folder under the scratch folder; writes <scratch>/env.sh with their URLs.
#   scripts/db-servers.sh start [pg] [mariadb]  start what is not running (both, or the named ones); <scratch>/started
#                                               lists what this call started
#   scripts/db-servers.sh stop [pg] [mariadb]   stop both, or only the named ones
# Env: RETORT_SCRATCH (default <repo>/.scratch/db), RETORT_PG_PORT (55432), RETORT_MYSQL_PORT (53306).
# A port another program holds fails at once with one line naming it, the log path and the variable to set.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="${RETORT_SCRATCH:-$repo/.scratch/db}"
pg_port="${RETORT_PG_PORT:-55432}"
my_port="${RETORT_MYSQL_PORT:-53306}"
user=retort
password=retort-secret

install_missing() {
  local need=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
  command -v psql >/dev/null 2>&1 || need+=(postgresql-client)
  # PostGIS for the OpenStreetMap schema's geometry column (tests/data/schemas/whole).
  ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 || need+=(postgresql-15-postgis-3)
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

# A server that did not come up: one line with the port, its log and, when another program holds the port (checked
# before anything is created, so it fails at once), the variable that sets another; else the log's last lines.
start_failed() {
  local name="$1" port="$2" log="$3" variable="$4"
  if port_busy "$port"; then
    echo "FAILED: $name cannot start on 127.0.0.1:$port: another program holds that port (log: $log); set $variable to a free port (and RETORT_SCRATCH for another folder)" >&2
  else
    echo "FAILED: $name did not start on 127.0.0.1:$port; its log is $log" >&2
    [ -f "$log" ] && tail -n 5 "$log" | sed 's/^/  | /' >&2
  fi
  exit 1
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_pg() {
  local bin data sock
  bin="$(pg_bin)"; data="$scratch/pg/data"; sock="$scratch/pg/sock"
  if ! { [ -f "$data/PG_VERSION" ] && (cd / && runuser -u postgres -- "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1); } \
      && port_busy "$pg_port"; then
    start_failed PostgreSQL "$pg_port" "$scratch/pg/log" RETORT_PG_PORT
  fi
  mkdir -p "$scratch/pg" "$sock"
  chown -R postgres:postgres "$scratch/pg"
  if [ ! -f "$data/PG_VERSION" ]; then
    printf '%s\n' "$password" > "$scratch/pg/pwfile"; chown postgres "$scratch/pg/pwfile"
    (cd / && runuser -u postgres -- "$bin/initdb" -D "$data" -U "$user" --pwfile="$scratch/pg/pwfile" -A scram-sha-256 >/dev/null)
    rm -f "$scratch/pg/pwfile"
    cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$sock'
max_connections = 200
max_locks_per_transaction = 4096
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  fi
  if ! (cd / && runuser -u postgres -- "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1); then
    (cd / && runuser -u postgres -- "$bin/pg_ctl" -D "$data" -l "$scratch/pg/log" -w -t 60 start >/dev/null 2>&1) \
      || start_failed PostgreSQL "$pg_port" "$scratch/pg/log" RETORT_PG_PORT
    echo pg >> "$scratch/started"
  fi
}

start_mariadb() {
  local data sock server
  data="$scratch/mysql/data"; sock="$scratch/mysql/sock"
  server="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
  if ! mariadb-admin --no-defaults --socket="$sock/mysqld.sock" -uroot ping >/dev/null 2>&1 && port_busy "$my_port"; then
    start_failed MariaDB "$my_port" "$scratch/mysql/error.log" RETORT_MYSQL_PORT
  fi
  mkdir -p "$data" "$sock"
  chown -R mysql:mysql "$scratch/mysql"
  if [ ! -d "$data/mysql" ]; then
    (cd / && mariadb-install-db --no-defaults --user=mysql --datadir="$data" --auth-root-authentication-method=normal >/dev/null 2>&1)
  fi
  if ! mariadb-admin --no-defaults --socket="$sock/mysqld.sock" -uroot ping >/dev/null 2>&1; then
    # exec + setsid + closed fds: the server must not hold the caller's pipes open.
    (cd / && exec setsid "$server" --no-defaults --user=mysql --datadir="$data" --socket="$sock/mysqld.sock" \
      --pid-file="$scratch/mysql/mysqld.pid" --bind-address=127.0.0.1 --port="$my_port" --skip-name-resolve \
      --max-connections=300 --innodb-flush-log-at-trx-commit=0 --log-error="$scratch/mysql/error.log" </dev/null >/dev/null 2>&1) &
    for _ in $(seq 1 120); do
      mariadb-admin --no-defaults --socket="$sock/mysqld.sock" -uroot ping >/dev/null 2>&1 && break
      sleep 0.5
    done
    mariadb-admin --no-defaults --socket="$sock/mysqld.sock" -uroot ping >/dev/null 2>&1 \
      || start_failed MariaDB "$my_port" "$scratch/mysql/error.log" RETORT_MYSQL_PORT
    echo mariadb >> "$scratch/started"
  fi
  mariadb --no-defaults --socket="$sock/mysqld.sock" -uroot -e \
    "CREATE USER IF NOT EXISTS '$user'@'127.0.0.1' IDENTIFIED BY '$password'; GRANT ALL ON *.* TO '$user'@'127.0.0.1' WITH GRANT OPTION; FLUSH PRIVILEGES;"
}

stop_pg() {
  local bin; bin="$(pg_bin 2>/dev/null || true)"
  if [ -n "$bin" ] && [ -f "$scratch/pg/data/PG_VERSION" ]; then
    (cd / && runuser -u postgres -- "$bin/pg_ctl" -D "$scratch/pg/data" -m fast -w stop >/dev/null 2>&1) || true
  fi
}

stop_mariadb() {
  local pid
  [ -f "$scratch/mysql/mysqld.pid" ] || return 0
  pid="$(cat "$scratch/mysql/mysqld.pid")"
  kill "$pid" 2>/dev/null || return 0
  # A clean shutdown takes a moment; wait so that a caller can start it again or remove the folder.
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
}

case "${1:-start}" in
  start)
    shift
    [ $# -gt 0 ] || set -- pg mariadb
    for server in "$@"; do
      case "$server" in pg|mariadb) ;; *) echo "FAILED: unknown server '$server' (pg, mariadb)" >&2; exit 2 ;; esac
    done
    install_missing
    mkdir -p "$scratch"
    : > "$scratch/started"
    for server in "$@"; do
      case "$server" in pg) start_pg ;; mariadb) start_mariadb ;; esac
    done
    cat > "$scratch/env.sh" <<ENV
export RETORT_TEST_PG=postgresql://$user:$password@127.0.0.1:$pg_port/postgres
export RETORT_TEST_MYSQL=mysql://$user:$password@127.0.0.1:$my_port/mysql
ENV
    cat "$scratch/env.sh"
    ;;
  stop)
    shift
    [ $# -gt 0 ] || set -- pg mariadb
    for server in "$@"; do
      case "$server" in
        pg) stop_pg ;;
        mariadb) stop_mariadb ;;
        *) echo "FAILED: unknown server '$server' (pg, mariadb)" >&2; exit 2 ;;
      esac
    done
    ;;
  *) echo "FAILED: usage: $0 start|stop [pg] [mariadb]" >&2; exit 2 ;;
esac
