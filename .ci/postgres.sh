# Sourced by .ci/run: a best-effort PostgreSQL server for the storage tests.
# Exports POSTGRES_TEST_URL when a server is ready; otherwise says so and the
# storage tests run on SQLite only. Never fails the build; quick when already set up.

PG_CI_ROLE=firstaid_ci
PG_CI_PASSWORD=firstaid_ci
PG_CI_DB=firstaid_ci

_pg_can_sudo() {
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null
}

_pg_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif _pg_can_sudo; then
        sudo -n "$@"
    else
        _pg_why="not root and no password-less sudo"
        return 1
    fi
}

_pg_as_postgres() {
    # From / so that psql does not complain about an unreadable working directory.
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    elif _pg_can_sudo; then
        (cd / && sudo -n -u postgres "$@")
    else
        _pg_why="not root and no password-less sudo"
        return 1
    fi
}

_pg_install() {
    command -v pg_lsclusters >/dev/null 2>&1 && return 0
    echo "Installing PostgreSQL from the operating system's packages..."
    _pg_as_root timeout 300 apt-get update -qq >/dev/null || return 1
    _pg_as_root env DEBIAN_FRONTEND=noninteractive timeout 600 \
        apt-get install -y -qq postgresql >/dev/null || return 1
}

_pg_setup() {
    _pg_why="a setup step failed"
    _pg_install || return 1
    local line version name port status
    line=$(pg_lsclusters -h 2>/dev/null | head -n1)
    if [ -z "$line" ]; then
        version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
        [ -n "$version" ] || return 1
        _pg_as_root pg_createcluster "$version" main >/dev/null || return 1
        line=$(pg_lsclusters -h | head -n1)
    fi
    read -r version name port status _ <<<"$line"
    case "$status" in
        online*) ;;
        *) _pg_as_root pg_ctlcluster "$version" "$name" start || return 1 ;;
    esac
    if ! _pg_as_postgres psql -p "$port" -Atqc \
        "SELECT 1 FROM pg_roles WHERE rolname = '$PG_CI_ROLE'" | grep -q 1; then
        _pg_as_postgres psql -p "$port" -qc \
            "CREATE ROLE $PG_CI_ROLE LOGIN CREATEDB PASSWORD '$PG_CI_PASSWORD'" || return 1
    fi
    if ! _pg_as_postgres psql -p "$port" -Atqc \
        "SELECT 1 FROM pg_database WHERE datname = '$PG_CI_DB'" | grep -q 1; then
        _pg_as_postgres createdb -p "$port" -O "$PG_CI_ROLE" "$PG_CI_DB" || return 1
    fi
    # Prove the tests' own route in works: TCP on loopback with a password.
    PGPASSWORD="$PG_CI_PASSWORD" psql -h 127.0.0.1 -p "$port" -U "$PG_CI_ROLE" -d "$PG_CI_DB" \
        -Atqc "SELECT 1" >/dev/null || return 1
    export POSTGRES_TEST_URL="postgresql+asyncpg://$PG_CI_ROLE:$PG_CI_PASSWORD@127.0.0.1:$port/$PG_CI_DB"
}

if [ -n "${POSTGRES_TEST_URL:-}" ]; then
    echo "PostgreSQL: using POSTGRES_TEST_URL from the environment"
elif _pg_setup; then
    echo "PostgreSQL ready: storage tests also run against it"
else
    unset POSTGRES_TEST_URL
    echo "PostgreSQL unavailable ($_pg_why): storage tests run on SQLite only"
fi
