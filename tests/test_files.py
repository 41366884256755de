"""Files another user could read or steer, lone surrogates, damaged databases, terminal output (issue 8)."""
from __future__ import annotations

import json
import os
import pwd
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from triage_bot import report_cli
from triage_bot.chat import open_history
from triage_bot.cli import build_parser
from triage_bot.files import UnsafeFileError
from triage_bot.reports import ReportStore, ReportStoreError

from .conftest import ROOT, run_cli
from .test_report_cli import Terminal, complete_report


def _mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


# ---------------------------------------------------------------- finding 10: the database and its side files

def test_the_users_own_0644_database_and_wal_are_tightened_and_said(tmp_path):
    db = tmp_path / "reports.db"
    with ReportStore(db) as store:
        store.add(complete_report())
    Path(f"{db}-wal").write_bytes(b"")
    os.chmod(db, 0o644)
    os.chmod(f"{db}-wal", 0o644)
    proc = run_cli("reports", "list", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    notices = proc.stderr.decode().splitlines()
    assert len(notices) == 2 and all("readable by others (mode 0644)" in n and "now 0600" in n for n in notices)
    assert _mode(db) == 0o600
    assert not os.path.exists(f"{db}-wal") or _mode(f"{db}-wal") == 0o600  # SQLite removes it on closing


# ---------------------------------------------------------------- finding 11 and 12: history and folders

def test_a_history_that_is_a_link_is_refused_and_its_target_untouched(tmp_path):
    target = tmp_path / "someone-elses-file"
    target.write_text("theirs\n")
    link = tmp_path / "data" / "triage-bot" / "history"
    link.parent.mkdir(parents=True)
    link.symlink_to(target)
    with pytest.raises(UnsafeFileError, match="symbolic link"):
        open_history(link)
    assert target.read_text() == "theirs\n"


def test_every_folder_the_program_creates_is_0700_whatever_the_umask(tmp_path, monkeypatch):
    """Finding 12: under umask 000, ~/.cache, ~/.local and ~/.local/share were left 0777."""
    home = tmp_path / "home"
    home.mkdir()
    previous = os.umask(0)
    try:
        history = open_history(home / ".local" / "share" / "triage-bot" / "history")
        history.store_string("I feel dizzy")
        monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
        monkeypatch.delenv("TRIAGE_BOT_NO_CACHE", raising=False)
        from triage_bot.triager import load_triager
        load_triager()
        ReportStore(home / "elsewhere" / "deeper" / "reports.db").close()
    finally:
        os.umask(previous)
    for folder in (".local", ".local/share", ".local/share/triage-bot", ".cache", ".cache/triage-bot",
                   "elsewhere", "elsewhere/deeper"):
        assert _mode(home / folder) == 0o700, folder
    assert _mode(home / ".local/share/triage-bot/history") == 0o600
    assert list(history.load_history_strings()) == ["I feel dizzy"]


# ---------------------------------------------------------------- finding 8: lone surrogates

def test_a_lone_surrogate_in_a_session_or_field_never_breaks_storing_or_export(tmp_path):
    db = tmp_path / "reports.db"
    with ReportStore(db) as store:
        bad = store.add(complete_report(session="c\ud800", patient={"initials": "J\udfff", "age": 54}))
        good = store.add(complete_report())
        assert store.get(bad)["session"] == "c\ud800"  # the exact text comes back
    for args in (["export"], ["export", "--format", "csv"], ["export", "--format", "e2b-xml"],
                 ["export", "--format", "fhir"], ["show", bad, "--json"],
                 ["show", bad], ["list"], ["export", "-o", str(tmp_path / "out.jsonl")]):
        proc = run_cli("reports", *args, "--db", str(db))
        assert proc.returncode == 0, (args, proc.stderr)
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [bad, good]
    assert json.loads(lines[0])["session"] == "c\ud800"


# ---------------------------------------------------------------- finding 9: a damaged database

def test_a_writer_refuses_a_database_with_damaged_pages(tmp_path):
    """Finding 9: list and export refused the file, but serve still acknowledged new reports into it."""
    db = tmp_path / "reports.db"
    with ReportStore(db) as store:
        for n in range(300):
            store.add(complete_report(advice="See your GP today. " * 40, session=f"s{n}"))
    sqlite3.connect(db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    page = sqlite3.connect(db).execute("PRAGMA page_size").fetchone()[0]
    size = db.stat().st_size
    with open(db, "r+b") as f:
        for where in (size // 2, size // 2 + 3 * page):
            f.seek(where - where % page)
            f.write(b"\xa5" * page)
    damaged = db.read_bytes()
    with pytest.raises(ReportStoreError, match="damaged") as raised:
        ReportStore(db)
    assert "\n" not in str(raised.value)
    proc = subprocess.run([sys.executable, "-m", "triage_bot", "serve", "--stdio", "--db", str(db)],
                          input=b'{"session": "a", "text": "I have a rash"}\n', capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, timeout=60)
    assert proc.returncode == 1 and proc.stdout == b"" and b"damaged" in proc.stderr
    assert db.read_bytes() == damaged


# ---------------------------------------------------------------- finding 15: BiDi and format characters

BIDI = "\u202e0010-555"


def test_bidi_and_format_characters_are_shown_not_obeyed_on_a_terminal(tmp_path, monkeypatch):
    """Finding 15: `reports show` displayed a contact "\\u202e0010-555" as "555-0100"."""
    from triage_bot.text import safe_text
    assert safe_text(BIDI) == "\\u202e0010-555"
    for ch in "\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\u200b\u200e\u200f\u2060\ufeff\u061c\U000e0041":
        assert ch not in safe_text(f"a{ch}b")
    assert safe_text("ünïcode 中文 🟤") == "ünïcode 中文 🟤"
    db = tmp_path / "reports.db"
    with ReportStore(db) as store:
        report_id = store.add(complete_report(reporter={"type": "patient", "contact": BIDI,
                                                        "share_with_manufacturer": True}))
    for args in (["show", report_id], ["show", report_id, "--json"], ["list"], ["export"]):
        terminal = Terminal()
        monkeypatch.setattr(sys, "stdout", terminal)
        assert report_cli.run(build_parser().parse_args(["reports", *args, "--db", str(db)])) == 0
        assert "\u202e" not in terminal.getvalue(), args
    proc = run_cli("triage", "-", input="my ears are ringing \u202e\u2066 tinnitus")
    assert "\u202e" not in proc.stdout.decode() and "\u2066" not in proc.stdout.decode()


# ---------------------------------------------------------------- finding 16: argv and declined contacts

def test_triage_reads_the_message_from_standard_input_with_a_dash():
    """Finding 16: `triage TEXT` put the patient's words in argv, which any local user can read."""
    proc = run_cli("triage", "--json", "-", input="ran out of my baclofen and now I'm seeing things\n")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["disposition"] == "withdrawal"
    assert run_cli("triage", "-", input=b"\xff\xfe").stderr.decode().count("\n") == 1


def test_jsonl_export_leaves_out_unshared_contacts_unless_asked(tmp_path):
    """Finding 16: the default jsonl export included the contact of reporters who declined to share it."""
    db = tmp_path / "reports.db"
    with ReportStore(db) as store:
        store.add(complete_report(reporter={"type": "patient", "contact": "07700 900999",
                                            "share_with_manufacturer": False}))
        store.add(complete_report())  # agreed to share 07700 900123
    plain = run_cli("reports", "export", "--db", str(db)).stdout.decode()
    assert "900999" not in plain and "900123" in plain and '"share_with_manufacturer": false' in plain
    asked = run_cli("reports", "export", "--with-unshared-contacts", "--db", str(db)).stdout.decode()
    assert "900999" in asked
    shown = run_cli("reports", "show", json.loads(plain.splitlines()[0])["id"], "--db", str(db)).stdout.decode()
    assert "900999" in shown  # the full record stays readable to its owner


# ---------------------------------------------------------------- two users and a shared folder

OTHER_USER = "tbot-other"


@pytest.fixture(scope="module")
def other_user():
    """A second local user who plants files; skipped where users cannot be made."""
    if os.geteuid() != 0:
        pytest.skip("the two-user test creates a second user and needs root (as in CI)")
    created = False
    try:
        pwd.getpwnam(OTHER_USER)
    except KeyError:
        if shutil.which("useradd") is None:
            pytest.skip("useradd is not available to create a second user")
        made = subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", OTHER_USER],
                              capture_output=True)
        if made.returncode != 0:
            pytest.skip(f"cannot create a second user: {made.stderr.decode().strip()}")
        created = True
    entry = pwd.getpwnam(OTHER_USER)
    yield entry
    if created:
        subprocess.run(["userdel", OTHER_USER], capture_output=True)


@pytest.fixture
def shared():
    """A folder every user can write to, as /tmp is (sticky, 1777)."""
    folder = Path(tempfile.mkdtemp(prefix="tbot-shared-", dir="/tmp"))
    os.chmod(folder, 0o1777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _as_other(user, *command: str) -> None:
    subprocess.run(list(command), check=True, user=user.pw_uid, group=user.pw_gid, extra_groups=[], cwd="/")


def test_files_another_user_planted_in_a_shared_folder_are_refused(other_user, shared, tmp_path):
    """Findings 1, 10 and 11 between two real users: planted database, side file, history and cache."""
    env = {"XDG_DATA_HOME": str(shared / "data"), "XDG_CACHE_HOME": str(shared / "cache")}
    # A cache folder made by the other user, with a cache file claiming a different answer.
    _as_other(other_user, "sh", "-c", f"umask 000; mkdir -p {shared}/cache/triage-bot")
    run_cli("triage", "--json", "tinnitus", env={"XDG_CACHE_HOME": str(tmp_path / "c")})
    [made] = (tmp_path / "c" / "triage-bot").glob("lexicon-*.json")
    planted = made.read_bytes().replace(b'"medical_attention"', b'"if_bothersome"')
    (shared / "cache" / "triage-bot" / made.name).write_bytes(planted)
    os.chown(shared / "cache" / "triage-bot" / made.name, other_user.pw_uid, other_user.pw_gid)
    answer = run_cli("triage", "--json", "-", input="tinnitus", env=env)
    assert json.loads(answer.stdout)["disposition"] == "medical_attention"
    assert (shared / "cache" / "triage-bot" / made.name).read_bytes() == planted
    # A database planted by the other user: refused in one line, never written.
    _as_other(other_user, "sh", "-c", f"umask 000; : > {shared}/reports.db")
    proc = run_cli("serve", "--stdio", "--db", str(shared / "reports.db"), input=b"", env=env)
    lines = proc.stderr.decode().splitlines()
    assert proc.returncode == 1 and len(lines) == 1 and "belongs to another user" in lines[0], lines
    assert (shared / "reports.db").stat().st_size == 0
    # A -wal planted beside the user's own database, to read what is written into it.
    mine = shared / "mine.db"
    ReportStore(mine).close()
    _as_other(other_user, "sh", "-c", f"umask 000; : > {mine}-wal")
    with pytest.raises(ReportStoreError, match="side file .*belongs to another user"):
        ReportStore(mine)
    # A history file planted where the user's would be.
    _as_other(other_user, "sh", "-c", f"umask 000; mkdir -p {shared}/data/triage-bot && : > {shared}/data/triage-bot/history")
    with pytest.raises(UnsafeFileError, match="belongs to another user"):
        open_history(shared / "data" / "triage-bot" / "history")
