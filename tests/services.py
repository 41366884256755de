"""Pytest plugin: a PostgreSQL server and a headless Chromium for the tests that need them.

Loaded from ``tests/conftest.py`` with ``pytest_plugins = ["tests.services"]``.

Fixtures
--------
``postgres_url`` (session)
    libpq URL of a server whose user may create databases. Taken from
    ``TRIAGE_BOT_TEST_PG`` when set; otherwise a throwaway cluster is made with
    the PostgreSQL binaries found on this machine, and removed at the end.
``postgres_db`` (function)
    URL of a fresh, empty database on that server, dropped after the test.
``chromium_path`` (session)
    Path of a Chromium binary: ``TRIAGE_BOT_CHROMIUM``, else ``chromium`` on
    PATH, else ``/usr/bin/chromium``.
``browser`` (session)
    A headless Playwright ``Browser`` running that Chromium.

A service that is missing skips the tests that use it, with the reason
shown. With ``TRIAGE_BOT_REQUIRE_SERVICES=1`` (as CI sets) it fails them
instead, so that a broken install cannot pass as a run of skipped tests.
"""
from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

NO_POSTGRES = "no PostgreSQL server: set TRIAGE_BOT_TEST_PG or install postgresql"
NO_CHROMIUM = "no Chromium: install Debian's chromium package or set TRIAGE_BOT_CHROMIUM"
PG_SUPERUSER = "triage"          # the cluster's superuser, made by initdb -U
PG_SYSTEM_USER = "postgres"      # who runs initdb and the server when we are root
CHROMIUM_ARGS = [
    "--no-sandbox",              # the sandbox cannot start as root or in most containers
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def unavailable(reason: str):
    """Skip the test for want of a service, or fail it when TRIAGE_BOT_REQUIRE_SERVICES=1."""
    if os.environ.get("TRIAGE_BOT_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (required: TRIAGE_BOT_REQUIRE_SERVICES=1)", pytrace=False)
    pytest.skip(reason)


def import_or_unavailable(module: str, pip_name: str):
    """Import an optional test dependency, or skip/fail saying what to install."""
    try:
        return __import__(module, fromlist=["_"])
    except ImportError:
        unavailable(f"{module} is not installed: pip install {pip_name}")


# --- PostgreSQL ---------------------------------------------------------------

def find_postgres_bin() -> Path | None:
    """Folder holding initdb and pg_ctl: from PATH, else the highest /usr/lib/postgresql/N/bin."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Path(os.path.realpath(initdb)).parent
    bindirs = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")]
    bindirs = [d for d in bindirs if d.parent.name.isdigit() and (d / "initdb").exists()]
    return max(bindirs, key=lambda d: int(d.parent.name), default=None)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_server_user() -> list[str]:
    """Command prefix to run PostgreSQL programs: none, or runuser to the postgres user when root.

    initdb and postgres refuse to run as root.
    """
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(PG_SYSTEM_USER)
    except KeyError:
        unavailable(f"running as root and there is no '{PG_SYSTEM_USER}' user to run PostgreSQL as")
    if not shutil.which("runuser"):
        unavailable("running as root and runuser is missing to run PostgreSQL as another user")
    return ["runuser", "-u", PG_SYSTEM_USER, "--"]


def run_pg(prefix: list[str], cwd: str, *cmd: str) -> None:
    """Run one PostgreSQL program; fail the test with its output if it fails."""
    done = subprocess.run([*prefix, *cmd], cwd=cwd, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stdout}{done.stderr}", pytrace=False)


def make_cluster_dir(prefix: list[str]) -> str:
    """A new temporary folder for the cluster, owned by whoever runs the server."""
    folder = tempfile.mkdtemp(prefix="triage-pg-")  # not under pytest's 0700 tmp tree
    if prefix:
        user = pwd.getpwnam(PG_SYSTEM_USER)
        os.chown(folder, user.pw_uid, user.pw_gid)
    return folder


def start_cluster(bindir: Path, prefix: list[str], folder: str) -> str:
    """initdb and start a cluster in FOLDER; return its URL. Socket and log stay in FOLDER."""
    data, port = f"{folder}/data", free_port()
    run_pg(prefix, folder, str(bindir / "initdb"), "-D", data, "-U", PG_SUPERUSER,
           "--auth=trust", "--no-sync", "-E", "UTF8")
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=on"
    # -l matters: without it the server would keep our stdout pipe open and hang subprocess.run.
    run_pg(prefix, folder, str(bindir / "pg_ctl"), "-D", data, "-l", f"{folder}/server.log",
           "-o", options, "-w", "start")
    return f"postgresql://{PG_SUPERUSER}@127.0.0.1:{port}/postgres"


def stop_cluster(bindir: Path, prefix: list[str], folder: str) -> None:
    """Stop the cluster in FOLDER (if it runs) and remove the folder."""
    if os.path.exists(f"{folder}/data/postmaster.pid"):
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", f"{folder}/data", "-m", "fast", "-w", "stop"],
                       cwd=folder, capture_output=True, timeout=120)
    shutil.rmtree(folder, ignore_errors=True)


def with_database(url: str, name: str) -> str:
    """URL for database NAME on the same server as URL."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def postgres_url():
    """libpq URL of a PostgreSQL server (TRIAGE_BOT_TEST_PG, else a throwaway local cluster)."""
    if os.environ.get("TRIAGE_BOT_TEST_PG"):
        yield os.environ["TRIAGE_BOT_TEST_PG"]
        return
    bindir = find_postgres_bin()
    if bindir is None:
        unavailable(NO_POSTGRES)
    prefix = as_server_user()
    folder = make_cluster_dir(prefix)
    try:
        yield start_cluster(bindir, prefix, folder)
    finally:
        stop_cluster(bindir, prefix, folder)


@pytest.fixture
def postgres_db(postgres_url):
    """URL of a fresh empty database, dropped (even with open connections) after the test."""
    psycopg = import_or_unavailable("psycopg", "'psycopg[binary]'")
    name = f"t_{secrets.token_hex(8)}"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield with_database(postgres_url, name)
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- Chromium -----------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of a Chromium binary: TRIAGE_BOT_CHROMIUM, else chromium on PATH, else /usr/bin/chromium."""
    path = os.environ.get("TRIAGE_BOT_CHROMIUM") or shutil.which("chromium")
    if not path and os.path.exists("/usr/bin/chromium"):
        path = "/usr/bin/chromium"
    if not path or not os.access(path, os.X_OK):
        unavailable(NO_CHROMIUM if not path else f"{NO_CHROMIUM} ({path} is not executable)")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    """A headless Playwright Browser on that Chromium, closed at the end of the session.

    Open pages with ``browser.new_context().new_page()`` and close the context in the test.
    """
    sync_api = import_or_unavailable("playwright.sync_api", "playwright")
    playwright = sync_api.sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
