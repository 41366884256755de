"""``serve --stdio`` and ``replay`` through a real process, as nurse-line software drives them."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "triage_bot"]
SERVE = CLI + ["serve"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def serve(lines: list[bytes], *args: str) -> list[dict]:
    data = b"".join(line + b"\n" for line in lines)
    store = list(args) if "--db" in args else ["--no-store", *args]
    proc = subprocess.run(SERVE + ["--stdio", *store], input=data, capture_output=True, env=ENV, timeout=120,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stderr.decode()
    return [json.loads(line) for line in proc.stdout.decode().splitlines()]


def msg(session, text=None, **extra) -> bytes:
    obj = {"session": session, **({"text": text} if text is not None else {}), **extra}
    return json.dumps(obj).encode()


def test_interleaved_sessions_with_bad_lines_each_answered_in_order():
    answers = serve([
        msg("a", "I've been hearing voices at night"),
        b"this is not json",
        msg("b", "my mum is very drowsy"),
        b"[1, 2, 3]",
        json.dumps({"text": "no session"}).encode(),
        b'{"session": "c", "text": "\xff\xfe broken"}',
        b'{"session": "d", "text": "' + b"x" * (1 << 20) + b'"}',
        msg("a", "yes, I stopped my baclofen on Saturday"),
        msg("b", "she may have taken her tablets twice today"),
        json.dumps({"session": 7, "text": "hi"}).encode(),
        msg("a", end=True),
    ])
    assert len(answers) == 11
    errors = [a for a in answers if "error" in a]
    assert [e["session"] for e in errors] == [None, None, None, None, None, None]
    assert "not JSON" in errors[0]["error"] and "object" in errors[1]["error"]
    assert "UTF-8" in errors[3]["error"] and "longer than" in errors[4]["error"]
    a1, b1, a2, b2, a_end = [x for x in answers if "error" not in x]
    assert a1["session"] == "a" and "baclofen" in a1["replies"][0]
    assert a1["questions"] and a1["done"] is False
    assert a2["disposition"] == "withdrawal"
    assert b2["disposition"] == "emergency" and "Poison Control" in b2["replies"][0]
    assert any("summary" in r for r in a_end["replies"]) and a_end["done"] is True
    assert a_end["findings"][0]["tier"] == "withdrawal"


def test_end_of_an_unknown_session_and_a_missing_text_are_errors():
    answers = serve([msg("zz", end=True), msg("a"), msg("a", "I have a rash", report=[1])])
    assert all("error" in a and a["session"] in ("zz", "a") for a in answers)


def test_a_finished_report_is_stored_and_its_id_given(tmp_path):
    db = tmp_path / "reports.db"
    lines = [msg("r", t) for t in ("I have a rash", "no that's all", "yes")]
    lines.append(msg("r", "JS", report={"patient": {"age": 54, "sex": "male"}, "reporter": {"type": "nurse"}}))
    lines.append(msg("r", end=True))
    answers = serve(lines, "--db", str(db))
    assert "report_id" in answers[-1] and "error" not in answers[-1]
    from triage_bot.reports import ReportStore
    with ReportStore(db, create=False) as store:
        report = store.get(answers[-1]["report_id"])
    assert report["patient"]["age"] == 54 and report["patient"]["initials"] == "JS"
    assert report["session"] == "r" and report["events"][0]["verbatim"] == "I have a rash"


class FlakyStore:
    """A store whose first ``failures`` adds fail as a full disk does."""

    def __init__(self, failures: int = 1_000_000) -> None:
        self.failures, self.reports = failures, []

    def add(self, report):
        if self.failures:
            self.failures -= 1
            raise OSError(28, "No space left on device")
        self.reports.append(report)
        return f"id{len(self.reports)}"


REPORT_LINES = [msg("r", t) for t in ("I have a rash", "no that's all", "yes", "JS")]


def _run(lines, store, **kwargs):
    from triage_bot.conversation import load_engine
    from triage_bot.serve import run_serve
    import io
    out, err = io.StringIO(), io.StringIO()
    status = run_serve(load_engine(), io.BytesIO(b"".join(line + b"\n" for line in lines)), out, store, err=err,
                       **kwargs)
    return status, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_a_failed_store_on_end_keeps_the_session_open_for_a_retry():
    """Finding 7: the advised retry answered "no open session" and the report was gone."""
    store = FlakyStore(failures=1)
    status, answers, err = _run(REPORT_LINES + [msg("r", end=True), msg("r", end=True)], store)
    failed, retried = answers[-2:]
    assert "could not be stored" in failed["error"] and "again" in failed["error"] and "JS" not in failed["error"]
    assert "report_id" not in failed and retried.get("report_id") == "id1" and "error" not in retried
    assert len(store.reports) == 1 and store.reports[0]["patient"]["initials"] == "JS"
    assert "could not be stored" in err and status == 0


def test_a_store_failure_at_the_end_is_said_kept_in_a_recovery_file_and_exits_non_zero(tmp_path):
    """Finding 6: exit 0, nothing on stderr, the report absent."""
    kept = []

    def recover(reports):
        kept.extend(reports)
        return str(tmp_path / "recovered.jsonl")
    status, answers, err = _run(REPORT_LINES, FlakyStore(), recover=recover)
    assert status != 0 and len(answers) == len(REPORT_LINES)
    assert [r["patient"]["initials"] for r in kept] == ["JS"] and kept[0]["session"] == "r"
    assert "recovered.jsonl" in err and "reports import" in err and "JS" not in err


def test_each_answer_is_flushed_before_the_next_line_is_written():
    proc = subprocess.Popen(SERVE + ["--stdio", "--no-store"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=ENV, cwd=ROOT)
    try:
        for text in ("I feel dizzy", "no", "no that's all"):
            proc.stdin.write(msg("f", text) + b"\n")
            proc.stdin.flush()
            line = []
            reader = threading.Thread(target=lambda: line.append(proc.stdout.readline()))
            reader.start()
            reader.join(timeout=30)
            assert line and line[0], f"no answer to {text!r} within 30 s"
            assert json.loads(line[0])["session"] == "f"
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)


def test_replay_of_a_plain_script_prints_the_dialogue_safely_and_the_final_json(tmp_path):
    script = tmp_path / "call.txt"
    script.write_text("I've been hearing voices\nyes I ran out\n\x1b[2J no that's all\n", encoding="utf-8")
    proc = subprocess.run(CLI + ["replay", "--no-store", str(script)], capture_output=True, env=ENV, timeout=60, cwd=ROOT)
    out = proc.stdout.decode()
    assert proc.returncode == 0
    assert "patient> I've been hearing voices" in out and "bot> " in out
    assert "\x1b" not in out and "\\x1b[2J" in out
    final = json.loads(out.strip().splitlines()[-1])
    assert final["disposition"] == "withdrawal" and final["done"] is True


def test_replay_of_json_lines_keeps_sessions_apart(tmp_path):
    script = tmp_path / "calls.jsonl"
    script.write_bytes(b"\n".join([msg("x", "I have a rash"), msg("y", "I feel a bit sick"), b"oops {",
                                   msg("x", end=True)]) + b"\n")
    proc = subprocess.run(CLI + ["replay", "--no-store", str(script)], capture_output=True, env=ENV, timeout=60, cwd=ROOT)
    out = proc.stdout.decode()
    assert "[x] patient> I have a rash" in out and "[y] patient> I feel a bit sick" in out
    assert "line 3: error" in out
    finals = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert {f["session"]: f["disposition"] for f in finals} == {"x": "medical_attention", "y": "if_bothersome"}


def test_replay_dash_reads_the_script_from_standard_input(tmp_path):
    script = "I've been hearing voices\nyes I ran out\nno that's all\n"
    (tmp_path / "call.txt").write_text(script, encoding="utf-8")
    from_file = subprocess.run(CLI + ["replay", "--no-store", str(tmp_path / "call.txt")], capture_output=True,
                               env=ENV, timeout=60, cwd=ROOT)
    from_stdin = subprocess.run(CLI + ["replay", "--no-store", "-"], input=script.encode(), capture_output=True,
                                env=ENV, timeout=60, cwd=ROOT)
    assert from_stdin.returncode == 0 and from_stdin.stderr == b"", from_stdin.stderr.decode()
    assert from_stdin.stdout == from_file.stdout and b"patient> I've been hearing voices" in from_stdin.stdout


def test_every_key_of_an_answer_is_in_the_readme(tmp_path):
    answers = serve([msg("k", "I have a rash", report={"patient": {"shoe_size": 9}}), b"not json",
                     msg("k", "no that's all"), msg("k", "yes"), msg("k", end=True)],
                    "--db", str(tmp_path / "reports.db"))
    keys = {key for answer in answers for key in answer}
    assert {"report_error", "report_id", "error", "replies", "done"} <= keys
    serve_section = (ROOT / "README.md").read_text(encoding="utf-8").split("### Conversations", 1)[1]
    serve_section = serve_section.split("\n## ", 1)[0]
    assert [key for key in sorted(keys) if f"`{key}`" not in serve_section] == []


def test_replay_of_a_missing_file_fails_with_status_1(tmp_path):
    proc = subprocess.run(CLI + ["replay", "--no-store", str(tmp_path / "nope.txt")], capture_output=True, env=ENV,
                          timeout=60, cwd=ROOT)
    assert proc.returncode == 1 and b"cannot read" in proc.stderr


@pytest.mark.parametrize("args", [["serve"], ["--knowledge", "/nonexistent", "serve", "--stdio"]])
def test_usage_and_knowledge_errors_exit_non_zero(args):
    proc = subprocess.run(CLI + args, capture_output=True, env=ENV, timeout=60, cwd=ROOT, input=b"")
    assert proc.returncode in (1, 2) and proc.stderr


def test_an_emergency_first_message_is_answered_with_the_emergency_first():
    lines = [json.dumps({"session": "e1", "text": "my toddler swallowed some of my baclofen"})]
    proc = subprocess.run([sys.executable, "-m", "triage_bot", "serve", "--stdio", "--no-store"],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT)
    answer = json.loads(proc.stdout.splitlines()[0])
    assert answer["disposition"] == "emergency"
    assert answer["replies"][0].startswith("Call emergency services")
    assert "Poison Control" in " ".join(answer["replies"])


def test_a_bad_prefilled_field_does_not_cost_the_message_its_triage():
    answers = serve([msg("p", "he is not breathing", report={"patient": {"age": "old enough"}})])
    assert answers[0]["disposition"] == "emergency"
    assert "patient.age" in answers[0]["report_error"]


def test_an_accepted_report_is_kept_when_the_input_ends_mid_report(tmp_path):
    db = tmp_path / "reports.db"
    serve([msg("r", t) for t in ("I have a rash", "no that's all", "yes", "JS")], "--db", str(db))
    from triage_bot.reports import ReportStore
    with ReportStore(db, create=False) as store:
        [summary] = store.list()
        assert store.get(summary.id)["patient"]["initials"] == "JS"


def test_replay_shows_the_answer_to_an_emergency_first_message_and_hides_hostile_session_ids(tmp_path):
    script = tmp_path / "calls.jsonl"
    script.write_bytes(msg("x\u001b]0;pwned\u0007", "he is having a seizure") + b"\n")
    proc = subprocess.run(CLI + ["replay", "--no-store", str(script)], capture_output=True, env=ENV, timeout=60,
                          cwd=ROOT)
    out = proc.stdout.decode()
    assert "\x1b" not in out and "\x07" not in out
    after = out.split("patient> he is having a seizure", 1)[1]
    assert "bot> Call emergency services" in after


def test_hostile_json_lines_are_errors_and_an_open_report_is_still_stored(tmp_path):
    """Finding 4: a 4,301-digit integer ended serve with a traceback and lost an accepted report."""
    from .test_cli import HOSTILE_LINES, _strict
    from triage_bot.reports import ReportStore
    db = tmp_path / "reports.db"
    lines = [msg("r", t) for t in ("I have a rash", "no that's all", "yes", "JS")]
    lines.insert(2, b'{"session": "a", "text": "x", "n": ' + b"9" * 5000 + b"}")
    lines += [line.replace(b'"id"', b'"session"') for line in HOSTILE_LINES]
    data = b"".join(line + b"\n" for line in lines)
    proc = subprocess.run(SERVE + ["--stdio", "--db", str(db)], input=data, capture_output=True, env=ENV,
                          timeout=120, cwd=ROOT)
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr, proc.stderr.decode()
    answers = [_strict(line) for line in proc.stdout.decode().splitlines()]
    assert len(answers) == len(lines)
    assert sum("error" in a for a in answers) == len(HOSTILE_LINES) + 1
    with ReportStore(db, create=False) as store:
        [summary] = store.list()
        assert store.get(summary.id)["patient"]["initials"] == "JS"


# ---------------------------------------------------------------- no accepted report lost

SESSIONS = 100


def _accepting_lines(count: int = SESSIONS) -> list[bytes]:
    """Each session reaches an accepted (unfinished) report: the caller said yes to giving one."""
    return [msg(f"s{n}", text) for n in range(count) for text in ("I have a rash", "no that's all", "yes")]


def _stored(db) -> int:
    from triage_bot.reports import ReportStore
    with ReportStore(db, create=False) as store:
        return len(store.list())


def _start(db, *extra):
    return subprocess.Popen(SERVE + ["--stdio", "--db", str(db), *extra], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV, cwd=ROOT)


def _feed(proc, lines):
    """Send lines and read their answers, as nurse-line software would, leaving stdin open."""
    for line in lines:
        proc.stdin.write(line + b"\n")
    proc.stdin.flush()
    answers = [json.loads(proc.stdout.readline()) for _ in lines]
    assert all("error" not in a for a in answers)
    return answers


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_stop_signal_stores_every_accepted_report(tmp_path, signame):
    """Finding 5: 0 of 100 accepted reports were stored after SIGTERM, SIGINT or SIGHUP."""
    import signal
    db = tmp_path / "reports.db"
    proc = _start(db)
    try:
        _feed(proc, _accepting_lines())
        proc.send_signal(getattr(signal, signame))
        proc.wait(timeout=120)  # standard input still open: the signal alone ends the run
        err = proc.stderr.read()
    finally:
        proc.kill()
    assert proc.returncode == 128 + getattr(signal, signame), err.decode()
    assert _stored(db) == SESSIONS
    assert signame in err.decode() and b"Traceback" not in err


def test_a_second_stop_signal_while_storing_loses_nothing(tmp_path):
    """A double Ctrl-C, or a supervisor signalling the process group twice: the
    second signal came while the reports were being stored, and killed serve."""
    import signal
    import time
    db = tmp_path / "reports.db"
    proc = _start(db)
    try:
        _feed(proc, _accepting_lines(300))
        proc.send_signal(signal.SIGTERM)
        for _ in range(5):
            time.sleep(0.05)
            proc.send_signal(signal.SIGINT)
        proc.wait(timeout=120)
        err = proc.stderr.read()
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM, err.decode()
    assert _stored(db) == 300


def test_a_closed_stdout_stores_every_accepted_report_and_exits_non_zero(tmp_path):
    """Finding 5: the reader closing stdout lost every open report, with exit 0."""
    db = tmp_path / "reports.db"
    proc = _start(db)
    try:
        _feed(proc, _accepting_lines())
        proc.stdout.close()
        proc.stdin.write(msg("s0", "JS") + b"\n")
        proc.stdin.flush()
        proc.wait(timeout=120)
        err = proc.stderr.read()
    finally:
        proc.kill()
    assert proc.returncode != 0 and b"Traceback" not in err and b"closed" in err, err.decode()
    assert _stored(db) == SESSIONS


def _tmpfs(folder, size: str):
    """A small tmpfs at ``folder`` to fill up, or a skip where the machine does not allow mounting."""
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs to fill the disk needs root")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")


def test_a_full_disk_loses_no_acknowledged_report_and_keeps_the_rest(tmp_path):
    """Disk full: every report id given out is in the database; every other accepted report is kept."""
    disk = tmp_path / "disk"
    _tmpfs(disk, "2m")
    try:
        db = disk / "reports.db"
        subprocess.run(SERVE + ["--stdio", "--db", str(db)], input=b"", env=ENV, cwd=ROOT, check=True)
        # Fill the disk, leaving a little room: the first reports fit, the later ones cannot.
        with open(disk / "filler", "wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\0" * 4096)
            except OSError:
                pass
        os.truncate(disk / "filler", os.path.getsize(disk / "filler") - 96 * 1024)
        lines = [line for n in range(30) for line in (msg(f"d{n}", "I have a rash"), msg(f"d{n}", "no that's all"),
                                                     msg(f"d{n}", "yes"), msg(f"d{n}", "JS"), msg(f"d{n}", end=True))]
        env = {**ENV, "XDG_DATA_HOME": str(tmp_path / "data")}
        proc = subprocess.run(SERVE + ["--stdio", "--db", str(db)], input=b"".join(l + b"\n" for l in lines),
                              capture_output=True, env=env, cwd=ROOT, timeout=300)
        answers = [json.loads(line) for line in proc.stdout.decode().splitlines()]
        acknowledged = {a["report_id"] for a in answers if a.get("report_id")}
        refused = [a for a in answers if "could not be stored" in a.get("error", "")]
        assert acknowledged and refused, "the disk should fill part way through"
        assert proc.returncode != 0 and b"reports import" in proc.stderr, proc.stderr.decode()
        os.unlink(disk / "filler")
        from triage_bot.reports import ReportStore, read_recovery
        with ReportStore(db, create=False) as store:
            assert acknowledged <= {s.id for s in store.list()}
        [recovery] = (tmp_path / "data" / "triage-bot").glob("reports-unstored-*.jsonl")
        assert stat.S_IMODE(recovery.stat().st_mode) == 0o600
        assert len(acknowledged) + len(read_recovery(recovery)) == 30
        # `reports import` brings them back, once however often it is run.
        for _ in range(2):
            imported = subprocess.run(CLI + ["reports", "import", str(recovery), "--db", str(db)],
                                      capture_output=True, env=env, cwd=ROOT, timeout=60)
            assert imported.returncode == 0, imported.stderr.decode()
        assert _stored(db) == 30
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


# ---------------------------------------------------------------- limits (finding 13)

def test_open_sessions_are_limited_and_finished_ones_make_room():
    answers = serve([msg("a", "I feel dizzy"), msg("b", "I feel dizzy"), msg("c", "I feel dizzy"),
                     msg("a", end=True), msg("c", "I feel dizzy")], "--max-sessions", "2")
    assert "error" not in answers[0] and "error" not in answers[1]
    assert "too many open sessions" in answers[2]["error"] and "--max-sessions" in answers[2]["error"]
    assert "error" not in answers[4]  # a's end made room


def test_turns_and_characters_per_session_are_limited():
    answers = serve([msg("a", "I feel dizzy")] * 3 + [msg("b", "x" * 60), msg("b", "dizzy")],
                    "--max-turns", "2", "--max-chars", "50")
    assert "error" not in answers[1] and "--max-turns" in answers[2]["error"]
    assert "--max-chars" in answers[3]["error"] and "error" not in answers[4]


def test_a_session_left_idle_is_closed_and_its_accepted_report_stored(tmp_path):
    import time
    db = tmp_path / "reports.db"
    proc = _start(db, "--idle-timeout", "0.5")
    try:
        _feed(proc, _accepting_lines(3))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (not db.exists() or _stored(db) < 3):
            time.sleep(0.2)
        assert _stored(db) == 3 and proc.poll() is None  # closed while serve waits for input
        again, new = _feed(proc, [msg("s0", "hello"), msg("new", "hello")])
        assert again["replies"][0] == new["replies"][0]  # s0 starts afresh, greeted as a new session
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
    assert proc.returncode == 0 and _stored(db) == 3


def test_a_full_table_of_finished_sessions_does_not_slow_a_new_one(triager):
    """Finding 13: past 10,000 open sessions every new one scanned them all."""
    from triage_bot.conversation import Engine
    from triage_bot.serve import Limits, Sessions
    sessions = Sessions(Engine(triager), None, Limits(sessions=50))
    for n in range(50):
        sessions.handle({"session": f"f{n}", "text": "I feel dizzy"})
        sessions.handle({"session": f"f{n}", "end": True})
        sessions.handle({"session": f"f{n}", "text": "I feel dizzy"})  # reopened, then finished again
        sessions.states[f"f{n}"] = sessions.states[f"f{n}"]._replace(done=True)
        sessions._touch(f"f{n}", sessions.states[f"f{n}"])
    scanned = []
    original = sessions.finished.popitem
    sessions.finished.popitem = lambda last=True: scanned.append(1) or original(last=last)
    for n in range(20):
        sessions.handle({"session": f"new{n}", "text": "I feel dizzy"})
    assert len(scanned) == 20 and len(sessions.states) == 50


def test_the_command_line_limits_are_serves_own_defaults():
    from triage_bot.cli import SERVE_LIMITS
    from triage_bot.serve import Limits
    assert Limits(**SERVE_LIMITS) == Limits()
