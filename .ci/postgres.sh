#!/usr/bin/env bash
# shellcheck shell=bash
# A throwaway PostgreSQL cluster for the tests, on loopback only.
#
# Sourced by .ci/run, which calls:
#   postgres_start  installs PostgreSQL from Debian packages if its server binaries are missing,
#                   creates a cluster in a fresh temporary directory, starts it on 127.0.0.1 with a
#                   free TCP port, creates the database synclets_tests and exports
#                   SYNCLETS_POSTGRES="Host=127.0.0.1;Port=...;Username=postgres;Database=synclets_tests".
#                   On any failure it says why on stderr and returns non-zero.
#                   It registers postgres_stop on EXIT, so the cluster never outlives the script.
#   postgres_stop   stops the cluster and removes its directory; safe to call more than once.
#
# Run directly, it starts a cluster, runs its arguments as a command with SYNCLETS_POSTGRES set,
# and stops the cluster: .ci/postgres.sh dotnet test Synclets.Generators.sln

_pg_dir=''  # the cluster's temporary directory, set once created; empty when there is nothing to clean up
_pg_bin=''  # directory holding initdb, pg_ctl, postgres, createdb and psql

_pg_fail() {
  echo "PostgreSQL setup failed: $*" >&2
  return 1
}

# Prints the bin directory of the newest Debian PostgreSQL server install, if there is one.
# Only /usr/lib/postgresql/*/bin is considered, never whatever initdb or pg_ctl come first on PATH.
_pg_find_bin() {
  local dir found=''
  for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ] && [ -x "$dir/createdb" ] && [ -x "$dir/psql" ]; then
      found=$dir
    fi
  done
  [ -n "$found" ] && echo "$found"
}

_pg_install() {
  if [ "$(id -u)" -ne 0 ]; then
    _pg_fail "no PostgreSQL server under /usr/lib/postgresql/*/bin, and installing it needs root"
    return 1
  fi
  echo "PostgreSQL server not found: installing it from Debian packages"
  # The packages would otherwise create and start a default cluster ("main" on port 5432) that
  # nothing here uses and that would outlive the run.
  mkdir -p /etc/postgresql-common/createcluster.d &&
    echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.d/synclets-ci.conf ||
    { _pg_fail "could not write /etc/postgresql-common/createcluster.d/synclets-ci.conf"; return 1; }
  local apt_log
  apt_log=$(mktemp) || { _pg_fail "mktemp failed"; return 1; }
  if ! { apt-get -qq -o DPkg::Lock::Timeout=300 update &&
         DEBIAN_FRONTEND=noninteractive apt-get -qq -o DPkg::Lock::Timeout=300 install -y --no-install-recommends postgresql; } \
       >"$apt_log" 2>&1; then
    tail -n 40 "$apt_log" >&2
    rm -f "$apt_log"
    _pg_fail "apt-get could not install the postgresql package (output above)"
    return 1
  fi
  rm -f "$apt_log"
}

# Runs a command as the cluster's owner: the postgres OS user when running as root (initdb and
# the server refuse to run as root), otherwise the current user. From / so that the owner never
# trips over a working directory it cannot read.
_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# Prints a TCP port on 127.0.0.1 that nothing listens on, below Linux's ephemeral port range.
_pg_free_port() {
  local port tries
  for tries in $(seq 1 100); do
    port=$(( 20000 + RANDOM % 12000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

postgres_start() {
  local started_at=$SECONDS
  trap postgres_stop EXIT
  # Turn the usual termination signals into an ordinary exit, so that the EXIT trap runs.
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM

  _pg_bin=$(_pg_find_bin)
  if [ -z "$_pg_bin" ]; then
    _pg_install || return 1
    _pg_bin=$(_pg_find_bin)
    [ -n "$_pg_bin" ] || { _pg_fail "the postgresql package installed no server under /usr/lib/postgresql/*/bin"; return 1; }
  fi
  echo "PostgreSQL server binaries: $_pg_bin"

  if [ "$(id -u)" -eq 0 ] && ! id -u postgres >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/postgresql --shell /bin/bash postgres ||
      { _pg_fail "could not create the postgres OS user"; return 1; }
  fi

  # In /tmp rather than $TMPDIR: the postgres OS user must be able to reach it.
  _pg_dir=$(mktemp -d /tmp/synclets-pg.XXXXXXXX) || { _pg_dir=''; _pg_fail "could not create a temporary directory"; return 1; }
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$_pg_dir" || { _pg_fail "could not give $_pg_dir to the postgres OS user"; return 1; }
  fi

  local locale=C
  if locale -a 2>/dev/null | grep -qixE 'C\.utf-?8'; then locale=C.UTF-8; fi
  if ! _pg_as_owner "$_pg_bin/initdb" -D "$_pg_dir/data" -U postgres -A trust -E UTF8 --locale="$locale" \
       >"$_pg_dir/initdb.log" 2>&1; then
    cat "$_pg_dir/initdb.log" >&2
    _pg_fail "initdb failed (output above)"
    return 1
  fi
  # Trust, but only over the cluster's own socket directory and the loopback address.
  printf '%s\n' 'local all all trust' 'host all all 127.0.0.1/32 trust' > "$_pg_dir/data/pg_hba.conf" ||
    { _pg_fail "could not write pg_hba.conf"; return 1; }

  # fsync=off: a crash loses the cluster, which is thrown away anyway; it makes the tests faster.
  local port attempt
  for attempt in 1 2 3 4 5; do
    port=$(_pg_free_port) || { _pg_fail "found no free TCP port on 127.0.0.1"; return 1; }
    if _pg_as_owner "$_pg_bin/pg_ctl" -w -t 120 -D "$_pg_dir/data" -l "$_pg_dir/server.log" \
         -o "-c listen_addresses=127.0.0.1 -p $port -k $_pg_dir -c fsync=off" start >"$_pg_dir/pg_ctl.log" 2>&1; then
      break
    fi
    # Another process may have taken the port between the check and the start: try another one.
    if [ "$attempt" -lt 5 ] && grep -q 'Address already in use' "$_pg_dir/server.log" 2>/dev/null; then
      : > "$_pg_dir/server.log"
      continue
    fi
    cat "$_pg_dir/pg_ctl.log" >&2
    [ -f "$_pg_dir/server.log" ] && tail -n 40 "$_pg_dir/server.log" >&2
    _pg_fail "pg_ctl could not start the server on 127.0.0.1:$port (its output and the server log above)"
    return 1
  done

  local createdb_output
  if ! createdb_output=$("$_pg_bin/createdb" -h 127.0.0.1 -p "$port" -U postgres synclets_tests 2>&1); then
    echo "$createdb_output" >&2
    _pg_fail "could not create the database synclets_tests"
    return 1
  fi

  # The tests connect over TCP exactly like this: check that the database answers.
  local version
  if ! version=$("$_pg_bin/psql" -X -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d synclets_tests \
                 -c 'select version()' 2>&1); then
    echo "$version" >&2
    _pg_fail "the database synclets_tests does not answer on 127.0.0.1:$port"
    return 1
  fi

  export SYNCLETS_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=synclets_tests"
  echo "PostgreSQL ready in $(( SECONDS - started_at ))s: $version"
  echo "SYNCLETS_POSTGRES=$SYNCLETS_POSTGRES"
}

postgres_stop() {
  [ -n "$_pg_dir" ] || return 0
  if [ -f "$_pg_dir/data/postmaster.pid" ]; then
    if ! _pg_as_owner "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -m fast -t 60 stop >/dev/null 2>&1 &&
       ! _pg_as_owner "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -m immediate -t 30 stop >/dev/null 2>&1; then
      echo "warning: could not stop the PostgreSQL server in $_pg_dir/data" >&2
    fi
  fi
  rm -rf -- "$_pg_dir"
  _pg_dir=''
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  postgres_start || exit 1
  "$@"
fi
