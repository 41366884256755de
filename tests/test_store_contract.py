"""One suite of report-store behaviour, run against both stores: SQLite (ReportStore) and PostgreSQL (PostgresStore).

Every test of the first part takes the parametrized ``backend`` (or the
``store`` opened on it) and so runs once per kind; the PostgreSQL runs get a
fresh empty database from ``postgres_db`` (tests/services.py), and skip
without a server. The last part holds what only one kind has: URLs, the
PostgreSQL messages, `open_store`.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from triage_bot import reports
from triage_bot.reports import ReportNotFoundError, ReportStoreError, is_database_url, open_store

REPO = Path(__file__).resolve().parents[1]
VERBATIM = 'my pee looks like "cola" – it\'s dark 🟤\nnaïve café, 中文, back\\slash, <b>&amp; \x00 \x1b[2J'


def full_report(**changes: Any) -> dict:
    report = {
        "session": "call-17",
        "created": "2026-11-25T21:00:00+00:00",
        "drug": {"name": "baclofen", "strength_mg": 10, "dose": "10 mg"},
        "patient": {"initials": "JD", "age": 54, "sex": "female", "weight_kg": 70.5, "pregnant": False},
        "reporter": {"type": "patient", "contact": "07700 900123", "share_with_manufacturer": True},
        "events": [{"verbatim": VERBATIM, "effect": "Bloody or dark urine", "tier": "medical_attention"}],
        "seriousness": {"death": False, "hospitalisation": True, "other_important": None},
        "disposition": "medical_attention",
        "channel": {"kind": "phone", "line": "nurse-2", "nested": [1, 2.5, None, {"z": 1, "a": 2}]},  # unknown keys
    }
    report.update(changes)
    return report


def stored_part(view: dict) -> dict:
    """What `get` returns minus what the store adds."""
    return {key: value for key, value in view.items() if key not in ("id", "validity")}


# --------------------------------------------------------------------------- the two kinds


class Backend:
    """One database of one kind: opens stores on it, and reads or sets its schema version behind their back."""

    kind: str
    module: Any  # the store's module, whose MIGRATIONS it applies

    def open(self, **options: Any) -> Any:
        raise NotImplementedError

    def version(self) -> int:
        raise NotImplementedError

    def set_version(self, version: int) -> None:
        raise NotImplementedError


class SqliteBackend(Backend):
    kind = "sqlite"

    def __init__(self, path: Path) -> None:
        from triage_bot.reports import store

        self.module, self.path, self.where = store, path, str(path)

    def open(self, **options: Any) -> Any:
        return reports.ReportStore(self.path, **options)

    def _run(self, sql: str) -> Any:
        import sqlite3

        connection = sqlite3.connect(self.path)
        try:
            return connection.execute(sql).fetchone()
        finally:
            connection.close()

    def version(self) -> int:
        return self._run("PRAGMA user_version")[0]

    def set_version(self, version: int) -> None:
        self._run(f"PRAGMA user_version = {version}")


class PostgresBackend(Backend):
    kind = "postgresql"

    def __init__(self, url: str) -> None:
        from triage_bot.reports import postgres

        self.module, self.url, self.where = postgres, url, postgres.redacted(url)

    def open(self, **options: Any) -> Any:
        return reports.PostgresStore(self.url, **options)

    def _run(self, sql: str) -> Any:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            cursor = connection.execute(sql)
            return cursor.fetchone() if cursor.description else None

    def version(self) -> int:
        return self._run("SELECT version FROM triage_bot_schema")[0]

    def set_version(self, version: int) -> None:
        self._run(f"UPDATE triage_bot_schema SET version = {version}")


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "sqlite":
        return SqliteBackend(tmp_path / "r.db")
    return PostgresBackend(request.getfixturevalue("postgres_db"))


@pytest.fixture
def store(backend: Backend) -> Iterator[Any]:
    with backend.open() as opened:
        yield opened


def where_of(store: Any) -> str:
    return getattr(store, "where", None) or str(store.path)


def run_threads(count: int, work: Callable[[int], None]) -> None:
    """Run work(0..count-1) in threads started together; re-raise the first failure."""
    barrier, failures = threading.Barrier(count), []

    def run(number: int) -> None:
        try:
            barrier.wait()
            work(number)
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread
            failures.append(exc)

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    if failures:
        raise failures[0]


# --------------------------------------------------------------------------- reports


def test_round_trip_keeps_every_word_and_unknown_key(store: Any) -> None:
    original = full_report()
    report_id = store.add(copy.deepcopy(original))
    view = store.get(report_id)
    assert stored_part(view) == original
    assert list(stored_part(view)) == list(original)  # key order too
    assert view["id"] == report_id and view["events"][0]["verbatim"] == VERBATIM
    assert view["validity"] == {"valid": True, "missing": []}
    assert [stored_part(each) for each in store.iter_reports()] == [original]


def test_lone_surrogates_and_nul_come_back_as_they_were(store: Any) -> None:
    report = full_report(session="c\ud800\x00", disposition="d\udfff",
                         patient={"initials": "J\udfff", "age": 54})  # fmt: skip
    view = store.get(store.add(report))
    assert view["session"] == "c\ud800\x00" and view["patient"]["initials"] == "J\udfff"
    (summary,) = store.list()
    assert (summary.session, summary.disposition) == ("c\ud800\x00", "d\udfff")


def test_ids_are_unique_twelve_hex_digits(store: Any) -> None:
    ids = [store.add({"drug": {"name": "baclofen"}}) for _ in range(50)]
    assert len(set(ids)) == 50
    assert all(re.fullmatch(r"[0-9a-f]{12}", report_id) for report_id in ids)


def test_add_fills_created_and_keeps_the_callers_dict(store: Any) -> None:
    report = full_report()
    del report["created"]
    view = store.get(store.add(report))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", view["created"])
    assert "created" not in report


@pytest.mark.parametrize("report", [{"created": "last Tuesday"}, {"created": 20261125}, {"blob": b"bytes"},
                                    {"n": float("nan")}])
def test_add_refuses_a_report_it_could_not_read_back(store: Any, report: dict) -> None:
    with pytest.raises(ValueError):
        store.add(report)
    assert store.list() == []


def test_list_and_iter_are_oldest_first_and_since_compares_in_utc(store: Any) -> None:
    def made(created: str, effect: str) -> dict:
        return full_report(created=created, events=[{"effect": effect}])

    late = store.add(made("2026-11-25T23:30:00-05:00", "Confusion"))  # 26 Nov in UTC
    early = store.add(made("2026-11-01T09:00:00+00:00", "Drowsiness"))
    middle = store.add(made("2026-11-20T00:30:00+01:00", "Nausea"))  # 19 Nov 23:30 in UTC
    assert [summary.id for summary in store.list()] == [early, middle, late]
    assert [(s.id, s.created, s.effects) for s in store.list(since=date(2026, 11, 20))] == [
        (late, "2026-11-26T04:30:00+00:00", ("Confusion",))
    ]
    assert [view["id"] for view in store.iter_reports(since=date(2026, 11, 19))] == [middle, late]


def test_reports_made_at_the_same_second_keep_the_order_they_were_added(store: Any) -> None:
    ids = [store.add(full_report(session=f"s{number}")) for number in range(20)]
    assert [view["id"] for view in store.iter_reports()] == ids
    assert [summary.session for summary in store.list()] == [f"s{number}" for number in range(20)]


def test_an_invalid_report_is_stored_and_says_what_it_misses(store: Any) -> None:
    report_id = store.add({"drug": {"name": "baclofen"}, "events": [{"verbatim": "I feel odd"}]})
    assert store.get(report_id)["validity"] == {"valid": False, "missing": ["patient", "reporter"]}
    assert [summary.valid for summary in store.list()] == [False]


def test_unknown_id_is_a_one_line_not_found_error_naming_the_database(store: Any) -> None:
    store.add(full_report())
    with pytest.raises(ReportNotFoundError) as raised:
        store.get("0123456789ab")
    message = str(raised.value)
    assert "0123456789ab" in message and where_of(store) in message and "\n" not in message


def test_importing_twice_adds_once(store: Any) -> None:
    # (each dated, as a recovery file's reports are: an undated one is dated when stored, so an import in
    # the next second would be another document)
    batch = [full_report(session="a"), full_report(session="b"),
             {"drug": {"name": "baclofen"}, "created": "2026-11-26T08:00:00+00:00"}]
    assert store.import_reports(copy.deepcopy(batch)) == (3, 0)
    assert store.import_reports(copy.deepcopy(batch)) == (0, 3)
    assert sorted(stored_part(view)["session"] for view in store.iter_reports() if "session" in view) == ["a", "b"]
    assert len(store.list()) == 3


def test_a_reopened_store_still_has_the_reports(backend: Backend) -> None:
    with backend.open() as first:
        report_id = first.add(full_report())
    with backend.open(create=False) as second:
        assert stored_part(second.get(report_id)) == full_report()
        assert second.notices == []


def test_a_missing_database_is_not_set_up_when_only_reading(backend: Backend) -> None:
    with pytest.raises(ReportStoreError, match="no report database") as raised:
        backend.open(create=False)
    assert backend.where in str(raised.value) and "\n" not in str(raised.value)
    with backend.open() as created:  # and it was left as it was: creating it still works
        assert created.list() == []


# --------------------------------------------------------------------------- migrations


def test_a_fresh_store_is_at_the_latest_schema(store: Any, backend: Backend) -> None:
    assert backend.version() == len(backend.module.MIGRATIONS)


def test_reopening_does_not_migrate_again(backend: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    with backend.open() as first:
        report_id = first.add(full_report())
    ran: list[str] = []
    spies = tuple((lambda conn, name=migrate.__name__: ran.append(name)) for migrate in backend.module.MIGRATIONS)
    monkeypatch.setattr(backend.module, "MIGRATIONS", spies)
    with backend.open() as second:
        assert second.get(report_id)["id"] == report_id
    assert ran == []


def test_an_older_schema_is_brought_up_to_date_keeping_its_reports(backend: Backend,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    migrations = backend.module.MIGRATIONS
    monkeypatch.setattr(backend.module, "MIGRATIONS", migrations[:1])  # a triage-bot without conversations
    with backend.open() as old:
        report_id = old.add(full_report())
    assert backend.version() == 1
    monkeypatch.setattr(backend.module, "MIGRATIONS", migrations)
    with backend.open() as new:
        assert stored_part(new.get(report_id)) == full_report()
        with new.conversation("call-1") as turn:
            turn.keep({"step": 1})
        assert new.count_conversations() == 1
    assert backend.version() == len(migrations)


def test_a_database_from_a_newer_triage_bot_is_refused(backend: Backend) -> None:
    with backend.open() as opened:
        report_id = opened.add(full_report())
    newer = len(backend.module.MIGRATIONS) + 1
    backend.set_version(newer)
    with pytest.raises(ReportStoreError, match="newer triage-bot.*upgrade") as raised:
        backend.open()
    assert backend.where in str(raised.value) and "\n" not in str(raised.value)
    assert backend.version() == newer
    backend.set_version(newer - 1)
    with backend.open() as reopened:
        assert reopened.get(report_id)["id"] == report_id


# --------------------------------------------------------------------------- conversations


def test_a_new_session_has_nothing_kept_and_a_turn_that_keeps_nothing_stores_nothing(store: Any) -> None:
    with store.conversation("call-1") as turn:
        assert turn.kept is None
    assert store.count_conversations() == 0


def test_what_a_turn_keeps_is_read_back_by_the_next(store: Any) -> None:
    kept = {"state": {"step": 3, "words": VERBATIM, "odd": "\ud800"}, "list": [1, None, True]}
    with store.conversation("call-\ud800\x00") as turn:
        turn.keep(copy.deepcopy(kept))
    with store.conversation("call-\ud800\x00") as turn:
        assert turn.kept == kept
        turn.keep({"state": {"step": 4}})
    with store.conversation("call-\ud800\x00") as turn:
        assert turn.kept == {"state": {"step": 4}}
    with store.conversation("another") as turn:
        assert turn.kept is None
    assert store.count_conversations() == 1


def test_forget_deletes_the_kept_conversation(store: Any) -> None:
    with store.conversation("call-1") as turn:
        turn.keep({"step": 1})
    with store.conversation("call-2") as turn:
        turn.keep({"step": 1})
    with store.conversation("call-1") as turn:
        turn.forget()
    with store.conversation("call-1") as turn:
        assert turn.kept is None
    assert store.count_conversations() == 1
    assert store.stale_conversations(0) == ["call-2"]


def test_an_error_in_a_turn_stores_neither_its_report_nor_what_it_kept(store: Any) -> None:
    with store.conversation("call-1") as turn:
        turn.keep({"step": 1})
    with pytest.raises(RuntimeError, match="the line dropped"):
        with store.conversation("call-1") as turn:
            turn.add(full_report(session="call-1"))
            turn.keep({"step": 2})
            raise RuntimeError("the line dropped")
    assert store.list() == []
    with store.conversation("call-1") as turn:
        assert turn.kept == {"step": 1}


def test_a_report_added_in_a_committed_turn_is_stored(store: Any) -> None:
    with store.conversation("call-1") as turn:
        report_id = turn.add(full_report(session="call-1"))
        assert re.fullmatch(r"[0-9a-f]{12}", report_id)
        turn.forget()
    assert stored_part(store.get(report_id)) == full_report(session="call-1")
    assert store.count_conversations() == 0


def test_a_report_the_turn_could_not_store_leaves_the_turn_usable(store: Any) -> None:
    with store.conversation("call-1") as turn:
        with pytest.raises(ValueError):
            turn.add({"created": "last Tuesday"})
        report_id = turn.add(full_report())
        turn.keep({"saved": report_id})
    assert [summary.id for summary in store.list()] == [report_id]
    with store.conversation("call-1") as turn:
        assert turn.kept == {"saved": report_id}


def test_stale_conversations_are_the_longest_silent_first(store: Any) -> None:
    for session in ("first", "second", "third"):
        with store.conversation(session) as turn:
            turn.keep({"session": session})
        time.sleep(0.02)
    with store.conversation("first") as turn:  # speaks again: now the most recent
        turn.keep({"session": "first", "again": True})
    assert store.stale_conversations(0) == ["second", "third", "first"]
    assert store.stale_conversations(0, limit=2) == ["second", "third"]
    assert store.stale_conversations(3600) == []
    time.sleep(0.3)
    with store.conversation("fresh") as turn:
        turn.keep({})
    assert store.stale_conversations(0.2) == ["second", "third", "first"]
    assert store.count_conversations() == 4


# --------------------------------------------------------------------------- threads


def test_turns_of_one_session_in_two_threads_lose_no_update(store: Any) -> None:
    def count(_: int) -> None:
        for _ in range(50):
            with store.conversation("call-shared") as turn:
                kept = turn.kept or {"n": 0}
                time.sleep(0)  # let the other thread try to read the same count
                turn.keep({"n": kept["n"] + 1})

    run_threads(2, count)
    with store.conversation("call-shared") as turn:
        assert turn.kept == {"n": 100}


def test_reports_added_from_several_threads_are_all_stored_once(store: Any) -> None:
    returned: dict[str, tuple[int, int]] = {}

    def add(thread: int) -> None:
        for number in range(25):
            report_id = store.add(full_report(session=f"t{thread}-{number}"))
            returned[report_id] = (thread, number)

    run_threads(4, add)
    assert len(returned) == 100
    stored = {view["id"]: view["session"] for view in store.iter_reports()}
    assert stored == {report_id: f"t{thread}-{number}" for report_id, (thread, number) in returned.items()}


def test_turns_of_one_new_session_in_two_stores_are_answered_one_after_the_other(backend: Backend) -> None:
    """Like two processes: two store objects on one database (for SQLite, each with its own connection)."""
    stores = [backend.open(), backend.open()]
    try:
        def count(number: int) -> None:
            for _ in range(20):
                with stores[number].conversation("call-new") as turn:
                    turn.keep({"n": (turn.kept or {"n": 0})["n"] + 1})

        run_threads(2, count)
        with stores[0].conversation("call-new") as turn:
            assert turn.kept == {"n": 40}
    finally:
        for opened in stores:
            opened.close()


# --------------------------------------------------------------------------- kind by kind


def test_is_database_url_and_open_store_choose_the_kind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert is_database_url("postgresql://triage@db/reports") and is_database_url("postgres://db/reports")
    assert not any(map(is_database_url, ["reports.db", "/srv/postgresql/reports.db", tmp_path, None, "mysql://x"]))
    with open_store(tmp_path / "a.db") as opened:
        assert isinstance(opened, reports.ReportStore) and opened.path == tmp_path / "a.db"
    monkeypatch.setenv("TRIAGE_BOT_DB", str(tmp_path / "env.db"))
    with open_store() as opened:
        assert isinstance(opened, reports.ReportStore) and opened.path == tmp_path / "env.db"
    with pytest.raises(ReportStoreError, match="no report database"):
        open_store(tmp_path / "missing.db", create=False)


def test_open_store_opens_postgresql_for_a_url_also_from_triage_bot_db(postgres_db: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(postgres_db) as opened:
        assert isinstance(opened, reports.PostgresStore) and opened.path is None
        report_id = opened.add(full_report())
    monkeypatch.setenv("TRIAGE_BOT_DB", postgres_db)
    with open_store(create=False) as opened:
        assert opened.get(report_id)["id"] == report_id


def test_importing_reports_loads_neither_sqlite_nor_psycopg() -> None:
    code = ("import sys; from triage_bot import reports; reports.is_database_url('postgresql://x'); "
            "reports.SERIOUSNESS_CRITERIA, reports.default_db_path(); "
            "print('sqlite3' in sys.modules, 'psycopg' in sys.modules, 'psycopg_pool' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.stdout.split() == ["False", "False", "False"], proc.stderr


@pytest.mark.parametrize(("url", "where"), [
    ("postgresql://nurse:s3cret@db.example:5432/reports?password=s3cret&sslmode=require",
     "postgresql://nurse@db.example:5432/reports?sslmode=require"),
    ("postgres://nurse:s3cret@h1:5432,h2:5433/reports", "postgres://nurse@h1:5432,h2:5433/reports"),
    ("postgresql://nurse@db.example/reports", "postgresql://nurse@db.example/reports"),
    ("host=db.example password='s3 cret' dbname=reports sslpassword=x", "host=db.example dbname=reports"),
    ("postgresql://db.example/reports?sslpassword=s3cret&user=nurse", "postgresql://db.example/reports?user=nurse"),
])  # fmt: skip
def test_where_names_the_database_without_its_password(url: str, where: str) -> None:
    from triage_bot.reports.postgres import redacted

    assert redacted(url) == where


def unused_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    pytest.importorskip("psycopg")
    url = f"postgresql://nurse:s3cret@127.0.0.1:{unused_port()}/reports?connect_timeout=5"
    with pytest.raises(ReportStoreError) as raised:
        reports.PostgresStore(url)
    message = str(raised.value)
    assert "\n" not in message and "s3cret" not in message
    assert "127.0.0.1" in message and "check that the PostgreSQL server is running" in message


def test_a_missing_postgresql_database_says_to_create_it(postgres_db: str) -> None:
    missing = postgres_db.rsplit("/", 1)[0] + "/no_such_database"
    with pytest.raises(ReportStoreError, match="does not exist.*createdb") as raised:
        reports.PostgresStore(missing)
    assert "no_such_database" in str(raised.value) and "\n" not in str(raised.value)


def test_a_bad_postgresql_url_is_refused_without_echoing_it() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(ReportStoreError, match="not a valid PostgreSQL URL") as raised:
        reports.PostgresStore("postgresql://nurse:s3cret@db.example/reports?no_such_option=1")
    assert "s3cret" not in str(raised.value)


def test_another_programs_reports_table_is_left_untouched(postgres_db: str) -> None:
    import psycopg

    with psycopg.connect(postgres_db, autocommit=True) as connection:
        connection.execute("CREATE TABLE reports (note text)")
    with pytest.raises(ReportStoreError, match="did not make"):
        reports.PostgresStore(postgres_db)
    with psycopg.connect(postgres_db, autocommit=True) as connection:
        assert connection.execute("SELECT to_regclass('triage_bot_schema')").fetchone()[0] is None


def test_a_closed_postgresql_store_says_so(postgres_db: str) -> None:
    opened = reports.PostgresStore(postgres_db)
    opened.close()
    with pytest.raises(ReportStoreError, match="has been closed"):
        opened.list()


def test_several_postgresql_stores_starting_at_once_migrate_once(postgres_db: str) -> None:
    stores: list[Any] = []
    run_threads(4, lambda _: stores.append(reports.PostgresStore(postgres_db, max_size=2)))
    try:
        assert PostgresBackend(postgres_db)._run("SELECT count(*), max(version) FROM triage_bot_schema") == (
            1, len(reports.postgres.MIGRATIONS))
        stores[0].add(full_report())
        assert all(len(each.list()) == 1 for each in stores)
    finally:
        for each in stores:
            each.close()


def test_the_stored_document_is_the_sqlite_stores_json_text(postgres_db: str, tmp_path: Path) -> None:
    report = full_report(session="c\ud800")
    with reports.PostgresStore(postgres_db) as pg, reports.ReportStore(tmp_path / "r.db") as lite:
        pg_id, lite_id = pg.add(copy.deepcopy(report)), lite.add(copy.deepcopy(report))
        assert stored_part(pg.get(pg_id)) == stored_part(lite.get(lite_id))
    pg_text = PostgresBackend(postgres_db)._run(f"SELECT report FROM reports WHERE id = '{pg_id}'")[0]
    assert pg_text == json.dumps(report)


def test_without_psycopg_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("psycopg", "psycopg_pool"):
        monkeypatch.setitem(sys.modules, name, None)  # import raises ImportError
    with pytest.raises(ReportStoreError, match=re.escape("pip install 'triage-bot[postgres]'")) as raised:
        reports.PostgresStore("postgresql://nurse:s3cret@db.example/reports")
    assert "postgresql://nurse@db.example/reports" in str(raised.value) and "s3cret" not in str(raised.value)


def test_an_insert_the_server_refuses_leaves_the_postgresql_turn_usable(postgres_db: str,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from triage_bot.reports import postgres

    with reports.PostgresStore(postgres_db) as opened:
        real = postgres.prepared
        monkeypatch.setattr(postgres, "prepared", lambda report: (*real(report)[:1], None, *real(report)[2:]))
        with opened.conversation("call-1") as turn:
            with pytest.raises(ReportStoreError, match="NotNullViolation") as raised:
                turn.add(full_report())  # created NULL: refused by the server, inside the turn's transaction
            assert "baclofen" not in str(raised.value) and "JD" not in str(raised.value)
            monkeypatch.setattr(postgres, "prepared", real)
            report_id = turn.add(full_report())
            turn.keep({"saved": report_id})
        assert [summary.id for summary in opened.list()] == [report_id]
        with opened.conversation("call-1") as turn:
            assert turn.kept == {"saved": report_id}


def test_a_postgresql_turn_takes_no_report_after_its_block(postgres_db: str) -> None:
    with reports.PostgresStore(postgres_db) as opened:
        with opened.conversation("call-1") as turn:
            pass
        with pytest.raises(RuntimeError, match="inside its"):
            turn.add(full_report())
        assert opened.list() == []
