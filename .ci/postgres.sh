#!/usr/bin/env bash
# A local PostgreSQL server for the tests: installs Debian's `postgresql` package when no
# server is installed, starts the newest cluster, and makes sure the test role and database
# exist. Safe to run again (`make postgres` does). Prints the test URL on stdout; progress goes
# to stderr, so `url=$(bash .ci/postgres.sh)` works.
#
# Needs root (or sudo) for apt-get, pg_ctlcluster and the `postgres` superuser. Override the
# names with PGTEST_USER, PGTEST_PASSWORD, PGTEST_DB.
set -euo pipefail

user=${PGTEST_USER:-coldshoulder}
password=${PGTEST_PASSWORD:-coldshoulder}
db=${PGTEST_DB:-coldshoulder_test}

say() { echo "postgres.sh: $*" >&2; }

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { say "run as root, or install sudo"; exit 1; }
    sudo=(sudo)
fi

# Run a command as the database superuser, from a directory it may enter.
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        (cd / && sudo -u postgres -- "$@")
    fi
}

server_installed() {
    command -v pg_ctlcluster >/dev/null && compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null
}

if ! server_installed; then
    say "installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq >&2
    "${sudo[@]}" apt-get install -y -qq postgresql >&2
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { found = 1 } END { exit !found }'; then
    say "creating cluster $version/main"
    "${sudo[@]}" pg_createcluster "$version" main >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $3 }')
status=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $4 }')
if [ "$status" != "online" ]; then
    say "starting cluster $version/main on port $port"
    "${sudo[@]}" pg_ctlcluster "$version" main start >&2
fi
for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || { say "PostgreSQL did not come up on port $port"; exit 1; }

psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" "$@"; }
# CREATEDB: the tests make a fresh database per test (and drop it after).
if [ -z "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" ]; then
    say "creating role $user"
    psql_admin -c "CREATE ROLE \"$user\" LOGIN CREATEDB PASSWORD '$password'"
else
    psql_admin -c "ALTER ROLE \"$user\" LOGIN CREATEDB PASSWORD '$password'"
fi
# pg_signal_backend: dropping a test database WITH (FORCE) may have to end an autovacuum
# worker (a superuser session) that happens to be working in it.
psql_admin -c "GRANT pg_signal_backend TO \"$user\""
if [ -z "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    say "creating database $db"
    psql_admin -c "CREATE DATABASE \"$db\" OWNER \"$user\""
fi

say "PostgreSQL $version is up on 127.0.0.1:$port"
if [ "$port" != 5432 ]; then
    say "not the usual port 5432: export COLDSHOULDER_TEST_POSTGRES_URL=<the URL below>"
fi
echo "postgresql+asyncpg://$user:$password@127.0.0.1:$port/$db"
