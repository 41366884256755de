"""The command line as a user or a nurse-line script meets it, through a subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import ROOT, run_cli


def test_triage_json_answers_one_message():
    proc = run_cli("triage", "--json", "my ears are ringing")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["disposition"] == "medical_attention"
    assert data["findings"][0]["sign"] == "ringing or buzzing in ears"


def test_triage_text_has_headings_and_advice_without_colour_off_a_terminal():
    proc = run_cli("triage", "no chest pain, but I feel dizzy")
    out = proc.stdout.decode()
    assert "See your doctor only if it continues or bothers you" in out and '"dizzy"' in out
    assert "Not counted" in out and "chest pain" in out
    assert "\x1b[" not in out


def test_a_hostile_message_is_never_echoed_raw():
    proc = run_cli("triage", "dizzy \x1b[2J\x07 and sick")
    assert b"\x1b" not in proc.stdout and b"\x07" not in proc.stdout


def test_empty_text_is_a_clear_error():
    proc = run_cli("triage", "   ")
    assert proc.returncode == 1
    assert proc.stderr.decode().startswith("triage-bot: error: text is empty")
    assert b"Traceback" not in proc.stderr


def test_batch_answers_every_line_in_order_and_survives_bad_lines():
    lines = [
        json.dumps({"id": "a", "text": "so sleepy"}).encode(),
        b"this is not json",
        b"[1, 2]",
        json.dumps({"id": "b"}).encode(),
        json.dumps({"id": "c", "text": 7}).encode(),
        b'{"id": "d", "text": "bad \xff\xfe bytes"}',
        json.dumps({"id": "e", "text": "x" * 30_000}).encode(),
        b'{"id": "f", "text": "' + b"a" * (2 << 20) + b'"}',
        json.dumps({"id": "g", "text": ""}).encode(),
        json.dumps({"id": "h", "text": "seeing things", "context": {"stopped_suddenly": True}}).encode(),
        json.dumps({"id": "i", "text": "dizzy", "context": {"stopped_suddenly": "maybe"}}).encode(),
        b"",
        json.dumps({"id": {"call": 9}, "text": "rash"}).encode(),
    ]
    proc = run_cli("batch", input=b"\n".join(lines) + b"\n")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["a", None, None, "b", "c", None, "e", None, "g", "h", "i", {"call": 9}]
    assert out[0]["disposition"] == "if_bothersome"
    errors = {i: o["error"] for i, o in enumerate(out) if "error" in o}
    assert set(errors) == {1, 2, 3, 4, 5, 6, 7, 8, 10}
    assert "not JSON" in errors[1] and "JSON object" in errors[2] and "missing" in errors[3]
    assert "must be a string" in errors[4] and "UTF-8" in errors[5] and "too long" in errors[6]
    assert "longer than" in errors[7] and "empty" in errors[8] and "true, false or null" in errors[10]
    assert out[9]["disposition"] == "withdrawal"


def test_batch_reads_a_file_and_reports_a_missing_one(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps({"id": 1, "text": "headache"}) + "\n")
    assert json.loads(run_cli("batch", str(path)).stdout)["findings"][0]["sign"] == "headache"
    missing = run_cli("batch", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 1 and b"cannot read" in missing.stderr


def test_batch_flushes_each_answer_before_the_next_line():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "triage_bot", "batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, env=env)
    try:
        for i, text in enumerate(["rash", "dizzy", "fainted"]):
            proc.stdin.write(json.dumps({"id": i, "text": text}).encode() + b"\n")
            proc.stdin.flush()
            answer = json.loads(proc.stdout.readline())
            assert answer["id"] == i and answer["findings"]
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)


def test_one_shot_and_batch_do_not_import_prompt_toolkit():
    code = ("import sys, io; from triage_bot import cli; cli.main(['triage', '--json', 'dizzy']); "
            "sys.stderr.write(str(['prompt_toolkit' in sys.modules, 'sqlite3' in sys.modules, "
            "'importlib.metadata' in sys.modules]))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert proc.stderr.strip().endswith("[False, False, False]")


def test_another_knowledge_folder_can_be_chosen(tmp_path):
    proc = run_cli("--knowledge", str(tmp_path), "triage", "dizzy")
    assert proc.returncode == 1 and b"knowledge folder" in proc.stderr or b"no drug file" in proc.stderr


def test_every_command_has_help():
    from triage_bot.cli import build_parser
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, command in sub.choices.items():
        helps = {a.help for a in sub._choices_actions if a.dest == name}
        assert helps and all(helps), name
        assert command.format_help()


def _on_a_terminal(env_extra: dict) -> bytes:
    """Run the one-shot command with a pseudo-terminal as its standard output."""
    import pty
    env = {**os.environ, "PYTHONPATH": str(ROOT), **env_extra}
    env.pop("NO_COLOR", None) if "NO_COLOR" not in env_extra else None
    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "triage_bot", "triage", "so dizzy"], stdout=child_fd,
                            stderr=subprocess.DEVNULL, env=env)
    os.close(child_fd)
    out = b""
    while True:
        try:
            chunk = os.read(main_fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=30)
    os.close(main_fd)
    return out


def test_colour_on_a_terminal_unless_no_color():
    assert b"\x1b[36mSee your doctor only if it continues" in _on_a_terminal({})
    assert b"\x1b[" not in _on_a_terminal({"NO_COLOR": "1"})


def _strict(line: str):
    """Parse as a strict RFC 8259 reader would: NaN and Infinity are not JSON."""
    def refuse(name):
        raise ValueError(f"{name} is not JSON")
    return json.loads(line, parse_constant=refuse)


HOSTILE_LINES = [
    b'{"id": NaN, "text": "dizzy"}',
    b'{"id": Infinity, "text": "dizzy"}',
    b'{"id": -Infinity, "text": "dizzy"}',
    b'{"id": 1e400, "text": "dizzy"}',
    b'{"id": "n", "text": "dizzy", "n": ' + b"9" * 5000 + b"}",
    b'{"id": "s\\ud800", "text": "dizzy"}',
    b'{"id": "t", "text": "dizzy \\udfff"}',
    b'{"id": "deep", "text": "dizzy", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    b'{"id": "deep2", "text": "dizzy", "x": ' + b"[" * 40 + b"]" * 40 + b"}",
]


def test_batch_answers_hostile_numbers_surrogates_and_nesting_with_strict_json():
    """Findings 4 and 14: bare NaN/Infinity were echoed, and a 5,000-digit integer crashed the run."""
    good = json.dumps({"id": "ok", "text": "so sleepy"}).encode()
    proc = run_cli("batch", input=b"\n".join(HOSTILE_LINES + [good]) + b"\n")
    assert proc.returncode == 0, proc.stderr
    out = [_strict(line) for line in proc.stdout.decode().splitlines()]
    assert len(out) == len(HOSTILE_LINES) + 1
    assert all("error" in o and o["id"] is None for o in out[:-1]), out
    assert "NaN" in out[0]["error"] and "Infinity" in out[1]["error"] and "range" in out[3]["error"]
    assert "digits" in out[4]["error"] and "surrogate" in out[5]["error"] and "nested" in out[7]["error"]
    assert out[-1]["id"] == "ok" and out[-1]["disposition"] == "if_bothersome"
    assert b"Traceback" not in proc.stderr


# ---------------------------------------------------------------- command-line habits (issue 9)

def _private(tmp_path) -> dict:
    """An environment whose default report database and history are inside ``tmp_path``."""
    return {"XDG_DATA_HOME": str(tmp_path / "data"), "TRIAGE_BOT_DB": str(tmp_path / "default.db")}


def test_version_is_the_installed_package_version():
    from importlib.metadata import version
    for flag in ("--version", "-V"):
        proc = run_cli(flag)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.decode() == f"triage-bot {version('triage-bot')}\n" and proc.stderr == b""


def test_version_falls_back_to_the_package_attribute_when_not_installed(monkeypatch):
    import importlib.metadata

    import triage_bot
    from triage_bot.cli import package_version

    def not_installed(name):
        raise importlib.metadata.PackageNotFoundError(name)
    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    assert package_version() == triage_bot.__version__


def test_chat_options_work_on_the_bare_command_as_on_chat(tmp_path):
    env = _private(tmp_path)
    for flags in (["--no-store"], ["--no-history"], ["--no-store", "--no-history"]):
        bare = run_cli(*flags, input="I feel dizzy\n", env=env)
        chat = run_cli("chat", *flags, input="I feel dizzy\n", env=env)
        assert bare.returncode == chat.returncode == 0, bare.stderr
        assert bare.stdout == chat.stdout and b"dizz" in bare.stdout and bare.stderr == b""
    import re
    script = "my ears are ringing\n/report\n"
    bare = run_cli("--db", str(tmp_path / "bare.db"), input=script, env=env)
    chat = run_cli("chat", f"--db={tmp_path / 'chat.db'}", input=script, env=env)
    assert bare.returncode == chat.returncode == 0, bare.stderr

    def masked(out):
        return re.sub(rb"\b[0-9a-f]{12}\b", b"ID", out)
    assert masked(bare.stdout) == masked(chat.stdout)
    assert (tmp_path / "bare.db").exists() and (tmp_path / "chat.db").exists()
    assert not (tmp_path / "default.db").exists()


def test_bare_help_still_lists_the_commands_and_unknown_words_are_still_errors():
    out = run_cli("--help").stdout.decode()
    assert out.startswith("usage: triage-bot")
    for name in ("triage", "batch", "serve", "replay", "chat", "reports"):
        assert f"\n    {name} " in out, name
    assert "--version" in out
    unknown = run_cli("--frobnicate")
    assert unknown.returncode == 2 and b"unrecognized arguments: --frobnicate" in unknown.stderr
    typo = run_cli("triag")
    assert typo.returncode == 2 and b"invalid choice: 'triag'" in typo.stderr


def test_triage_dash_reads_the_message_from_standard_input():
    proc = run_cli("triage", "--json", "-", input="my ears are ringing\n")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["findings"][0]["text"] == "ears are ringing"
    assert data["findings"][0]["sign"] == "ringing or buzzing in ears"


def _head_1(args: list[str], stdin: bytes | None = None, env: dict | None = None) -> tuple[int, bytes]:
    """Run the command with a reader on standard output that reads one line and closes it, as `| head -1`;
    ``stdin`` is sent only once the reader has gone.  The exit status and standard error.

    Standard output is buffered, as a user has it, so a short answer meets the closed pipe only when flushed."""
    buffered = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    proc = subprocess.Popen([sys.executable, "-m", "triage_bot", *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                            env={**buffered, "PYTHONPATH": str(ROOT), **(env or {})})
    if stdin is None:
        proc.stdout.readline()
    proc.stdout.close()
    try:
        proc.stdin.write(stdin or b"")
        proc.stdin.close()
    except BrokenPipeError:
        pass
    err = proc.stderr.read()
    return proc.wait(timeout=60), err


def test_a_reader_that_closes_early_ends_batch_and_triage_quietly(tmp_path):
    requests = tmp_path / "many.jsonl"
    # Far more answers than a pipe holds, so the writer meets the closed pipe.
    requests.write_text("".join(json.dumps({"id": i, "text": "so dizzy and my ears are ringing"}) + "\n"
                                for i in range(5000)))
    for args in (["batch", str(requests)], ["batch", "-"]):
        status, err = _head_1(args, stdin=None if args[-1] != "-" else requests.read_bytes())
        assert (status, err) == (1, b""), (args, err.decode())
    for args in (["triage", "-"], ["triage", "--json", "-"]):
        status, err = _head_1(args, stdin=b"so dizzy\n")
        assert (status, err) == (1, b""), (args, err.decode())
    status, err = _head_1(["--help"], stdin=b"")
    assert err == b"" and status in (0, 1)


def test_db_reads_the_same_on_every_command_and_in_the_readme():
    import argparse

    from triage_bot.cli import build_parser
    parsers, seen = [build_parser()], set()
    while parsers:
        parser = parsers.pop()
        for action in parser._actions:
            if "--db" in action.option_strings:
                seen.add((action.metavar, action.help))
            if isinstance(action, argparse._SubParsersAction):
                parsers.extend(action.choices.values())
    assert len(seen) == 1 and next(iter(seen))[0] == "FILE|URL", seen
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "--db FILE|URL" in readme and "--db PATH" not in readme


def test_every_command_help_has_an_example_with_patient_words_on_standard_input():
    import argparse

    from triage_bot.cli import build_parser
    parsers, seen = [build_parser()], []
    while parsers:
        parser = parsers.pop()
        seen.append(parser.prog)
        shown = parser.format_help()
        assert "\nexample:\n  triage-bot" in shown, parser.prog
        example = shown.split("\nexample:\n", 1)[1]
        assert '"' not in example and "'" not in example, (parser.prog, example)  # no words in argv
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                assert all(choice.help for choice in action._choices_actions), parser.prog
                parsers.extend(action.choices.values())
    assert sorted(seen) == [
        "triage-bot", "triage-bot batch", "triage-bot chat", "triage-bot replay", "triage-bot reports",
        "triage-bot reports export", "triage-bot reports import", "triage-bot reports list",
        "triage-bot reports show", "triage-bot serve", "triage-bot triage"]
    triage = run_cli("triage", "--help").stdout.decode()
    assert "example:\n  triage-bot triage --json - < message.txt\n" in triage


def _knowledge_copy(tmp_path, old: str, new: str):
    import shutil

    folder = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", folder)
    path = folder / "dialogue.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_the_one_shot_result_is_worded_by_the_dialogue_file(tmp_path):
    folder = _knowledge_copy(tmp_path, 'result_because = "because: {reason}"', 'result_because = "reason: {reason}"')
    out = run_cli("--knowledge", str(folder), "triage", "I took 20 of my tablets, no rash").stdout.decode()
    assert "  reason: suspected overdose" in out and "because:" not in out
    assert "Not counted (you said you do not have these):" in out


def test_a_dialogue_file_without_the_result_lines_is_one_clear_error(tmp_path):
    folder = _knowledge_copy(tmp_path, 'result_not_counted = "Not counted (you said you do not have these):"\n', "")
    proc = run_cli("--knowledge", str(folder), "triage", "dizzy", env={"TRIAGE_BOT_NO_CACHE": "1"})
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "dialogue.toml" in err and "'result_not_counted'" in err
    assert "Traceback" not in err


def test_a_start_from_the_compiled_cache_loads_no_knowledge_file(tmp_path):
    """A cached one-shot reads no TOML: the loaders, tomllib and rapidfuzz stay out of it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path)}
    env.pop("TRIAGE_BOT_NO_CACHE", None)
    code = ("import sys; from triage_bot import cli; cli.main(['triage', '--json', 'feeling nausious']); "
            "sys.stderr.write(repr(sorted(m for m in sys.modules if m in ('tomllib', 'rapidfuzz') "
            "or m.startswith('triage_bot.knowledge.') and m not in "
            "('triage_bot.knowledge.records', 'triage_bot.knowledge.paths'))))")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert "tomllib" in first.stderr  # the first start compiled the lexicon
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert again.stderr.strip().endswith("[]"), again.stderr
    assert "nausea" in json.loads(again.stdout)["findings"][0]["name"]


# Lines the one-shot reads without argparse, and lines it leaves to the parser.
QUICK_LINES = [
    ["triage", "--json", "my ears are ringing"], ["triage", "my", "ears", "--json"], ["triage", "-"],
    ["triage", "--json", "-", "--stopped-suddenly", "yes"], ["triage", "--took-too-much", "no", "dizzy", "--json"],
    ["--knowledge", "k", "--drug", "baclofen", "triage", "--json", "dizzy"], ["--drug", "a", "--drug", "b", "triage", "x"],
    ["triage", "", "dizzy"], ["triage", "--json", "--json", "dizzy"], ["--drug", "triage", "triage", "dizzy"],
]
PARSER_LINES = [
    ["triage"], ["triage", "--json"], ["triage", "a", "--json", "b"], ["triage", "-h"], ["triage", "--help", "x"],
    ["triage", "--js", "x"], ["triage", "--json=1", "x"], ["triage", "-5", "mg"], ["triage", "--stopped-suddenly", "x", "y"],
    ["triage", "x", "--stopped-suddenly"], ["--drug", "-x", "triage", "y"], ["--drug"], ["--drug=b", "triage", "x"],
    ["--db", "r.db", "triage", "x"], ["--no-store", "triage", "x"], ["batch"], ["-V"], [], ["triage", "--", "-x"],
    ["tri", "x"], ["--knowledge", "k", "chat"], ["triage", "x", "--stopped-suddenly", "yes", "y"],
]


def test_a_plain_one_shot_line_is_read_without_argparse_as_argparse_reads_it(capsys):
    from triage_bot.cli_args import build_parser, chat_by_default, quick_args

    parser = build_parser()
    for argv in QUICK_LINES + PARSER_LINES:
        quick = quick_args(list(argv))
        assert (quick is not None) == (argv in QUICK_LINES), argv
        if quick is not None:
            assert vars(quick) == vars(parser.parse_args(chat_by_default(list(argv), parser))), argv
    capsys.readouterr()


def test_a_one_shot_run_does_not_import_argparse():
    code = ("import sys; from triage_bot import cli; cli.main(['triage', '--json', 'dizzy']); "
            "cli.main(['triage', 'dizzy']); sys.stderr.write(str(['argparse' in sys.modules, 'gettext' in sys.modules]))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert proc.stderr.strip().endswith("[False, False]"), proc.stderr


def test_the_command_leaves_its_objects_to_the_exit_but_a_caller_of_main_keeps_its_collector():
    """Run as the command, the last garbage collection would walk the whole compiled lexicon
    just before the process ends; called with arguments (as tests and scripts do), nothing changes."""
    code = ("import gc, sys; from triage_bot import cli; cli.main(['triage', '--json', 'dizzy']); "
            "called = gc.get_freeze_count(); sys.argv = ['triage-bot', 'triage', '--json', 'dizzy']; cli.main(); "
            "sys.stderr.write(str([called, gc.get_freeze_count() > 0]))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert proc.stderr.strip().endswith("[0, True]"), proc.stderr
