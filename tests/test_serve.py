"""``serve --stdio`` and ``replay`` through a real process, as nurse-line software drives them."""
from __future__ import annotations

import json
import os
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


def test_a_store_failure_is_an_error_in_the_answer_not_a_crash(tmp_path):
    from triage_bot.serve import run_serve
    from triage_bot.conversation import load_engine
    import io

    class BrokenStore:
        def add(self, report):
            raise OSError("disk full")

    lines = [msg("r", t) for t in ("I have a rash", "no that's all", "yes", "JS")] + [msg("r", end=True)]
    out = io.StringIO()
    assert run_serve(load_engine(), io.BytesIO(b"\n".join(lines) + b"\n"), out, BrokenStore()) == 0
    last = json.loads(out.getvalue().splitlines()[-1])
    assert "could not be stored" in last["error"] and "JS" not in last["error"] and last["done"] is True


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
    assert answer["replies"][0].startswith("This could be an emergency")
    assert "Poison Control" in " ".join(answer["replies"])


def test_a_bad_prefilled_field_does_not_cost_the_message_its_triage():
    answers = serve([msg("p", "he is not breathing", report={"patient": {"age": "fifty four"}})])
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
    assert "bot> This could be an emergency" in after


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
