# shellcheck shell=bash
# Services for the tests that need them: a throwaway PostgreSQL cluster and Debian's Chromium.
#
# Meant to be sourced by .ci/run (or by hand):
#     source .ci/services.sh && trap stop_services EXIT
# Installs the Debian packages postgresql and chromium when missing, starts a cluster in a
# new temporary folder on 127.0.0.1 at a free port (its socket and log in that folder), and
# exports what tests/services.py reads:
#     TRIAGE_BOT_TEST_PG=postgresql://triage@127.0.0.1:PORT/postgres
#     TRIAGE_BOT_CHROMIUM=/usr/bin/chromium
#     TRIAGE_BOT_REQUIRE_SERVICES=1   (a missing service fails the tests, never skips them)
# stop_services stops the cluster and removes its folder; calling it twice is harmless.
# Sourcing returns non-zero when a service could not be set up, with the reason on stderr.
# It checks each step itself, so it works with or without the caller's `set -e`.

_svc_say() { echo "services: $*" >&2; }

_svc_apt_install() {  # _svc_apt_install PKG...: apt-get install, updating the lists only if needed
    local apt=(env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -q "$@")
    _svc_say "installing $*"
    "${apt[@]}" >/dev/null && return 0
    _svc_say "install failed; apt-get update, then once more"
    apt-get update -q >/dev/null && "${apt[@]}" >/dev/null
}

_svc_pg_bindir() {  # print the folder holding initdb and pg_ctl: PATH, else the highest version
    local initdb
    initdb=$(command -v initdb) && command -v pg_ctl >/dev/null && { dirname "$(readlink -f "$initdb")"; return 0; }
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 | grep .
}

_svc_install_missing() {  # install postgresql and chromium unless they are already there
    local missing=()
    _svc_pg_bindir >/dev/null || dpkg -s postgresql >/dev/null 2>&1 || missing+=(postgresql)
    command -v chromium >/dev/null || missing+=(chromium)
    [ ${#missing[@]} -eq 0 ] || _svc_apt_install "${missing[@]}"
}

_svc_as_pg() {  # run a PostgreSQL program from the cluster folder; as the postgres user when root
    if [ "$(id -u)" -eq 0 ]; then
        (cd "$TRIAGE_BOT_PG_DIR" && runuser -u postgres -- "$@")
    else
        (cd "$TRIAGE_BOT_PG_DIR" && "$@")
    fi
}

_svc_free_port() {  # print a TCP port on 127.0.0.1 that nobody listens on right now
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

_svc_start_postgres() {  # initdb and start a cluster; export TRIAGE_BOT_TEST_PG
    local bin port
    bin=$(_svc_pg_bindir) || { _svc_say "no initdb/pg_ctl found after installing postgresql"; return 1; }
    TRIAGE_BOT_PG_BIN=$bin
    # Under /tmp, not $TMPDIR: the postgres user must reach it, and the socket path must stay short.
    TRIAGE_BOT_PG_DIR=$(mktemp -d /tmp/triage-pg.XXXXXX) || return 1
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || { _svc_say "running as root and there is no postgres user"; return 1; }
        chown postgres: "$TRIAGE_BOT_PG_DIR" || return 1
    fi
    _svc_as_pg "$bin/initdb" -D "$TRIAGE_BOT_PG_DIR/data" -U triage --auth=trust --no-sync -E UTF8 \
        >"$TRIAGE_BOT_PG_DIR/initdb.log" 2>&1 || { cat "$TRIAGE_BOT_PG_DIR/initdb.log" >&2; return 1; }
    port=$(_svc_free_port) || return 1
    # -l keeps the server off our stdout, which may be a pipe that someone waits on.
    _svc_as_pg "$bin/pg_ctl" -D "$TRIAGE_BOT_PG_DIR/data" -l "$TRIAGE_BOT_PG_DIR/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $TRIAGE_BOT_PG_DIR -c fsync=on" start >/dev/null \
        || { cat "$TRIAGE_BOT_PG_DIR/server.log" >&2; return 1; }
    export TRIAGE_BOT_TEST_PG="postgresql://triage@127.0.0.1:$port/postgres"
    _svc_say "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') at $TRIAGE_BOT_TEST_PG"
}

_svc_find_chromium() {  # export TRIAGE_BOT_CHROMIUM
    local path=/usr/bin/chromium
    [ -x "$path" ] || path=$(command -v chromium) || { _svc_say "no chromium after installing it"; return 1; }
    export TRIAGE_BOT_CHROMIUM=$path
    _svc_say "$("$path" --version 2>/dev/null) at $path"
}

stop_services() {  # stop the cluster and remove its folder
    [ -n "${TRIAGE_BOT_PG_DIR:-}" ] || return 0
    if [ -f "$TRIAGE_BOT_PG_DIR/data/postmaster.pid" ]; then
        _svc_as_pg "$TRIAGE_BOT_PG_BIN/pg_ctl" -D "$TRIAGE_BOT_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 \
            || _svc_say "pg_ctl stop failed"
    fi
    rm -rf "$TRIAGE_BOT_PG_DIR"
    TRIAGE_BOT_PG_DIR=
}

start_services() {  # all of the above; on failure, undo what was started
    [ -z "${TRIAGE_BOT_PG_DIR:-}" ] || { _svc_say "already started in $TRIAGE_BOT_PG_DIR"; return 0; }
    _svc_install_missing && _svc_start_postgres && _svc_find_chromium \
        && export TRIAGE_BOT_REQUIRE_SERVICES=1 && return 0
    _svc_say "could not set up the test services"
    stop_services
    return 1
}

start_services
