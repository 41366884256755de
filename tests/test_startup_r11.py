"""Start-up work (issue 12): what a one-shot run and serve's start leave undone."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str, stdin: str = "") -> str:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, input=stdin,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    return proc.stderr.strip()


def test_the_one_shot_command_runs_no_garbage_collection_but_a_caller_of_main_keeps_it():
    """The collector walked the imports' and the decoded lexicon's objects several times in a
    one-shot run (about 7% of its instructions) for garbage the exit frees anyway."""
    code = ("import gc, sys; from triage_bot import cli; cli.main(['triage', '--json', 'dizzy']); "
            "before = gc.isenabled(); gc.collect(); n = gc.get_stats()[0]['collections']; "
            "sys.argv = ['triage-bot', 'triage', '--json', 'dizzy']; cli.main(); "
            "sys.stderr.write(str([before, gc.isenabled(), gc.get_stats()[0]['collections'] - n]))")
    assert _run(code).endswith("[True, False, 0]")


def _collections_at_start(command: str, stdin: str) -> str:
    code = ("import gc, sys; from triage_bot import cli; n = [0]; at = []; "
            "gc.callbacks.append(lambda phase, info: phase == 'start' and n.__setitem__(0, n[0] + 1)); "
            "started = cli._started; cli._started = lambda: (at.append(n[0]), started()); "
            f"sys.argv = ['triage-bot', *{command.split()!r}]; status = cli.main(); "
            "sys.stderr.write(str([status, at, gc.isenabled()]))")
    return _run(code, stdin)


def test_serve_and_batch_start_without_collections_and_run_with_the_collector_on():
    """serve's start walked its imports' objects in about 20M instructions of collections; the
    collector runs again once the sessions start, for the garbage a long run makes."""
    assert _collections_at_start("serve --stdio --no-store", "").endswith("[0, [0], True]")
    assert _collections_at_start("batch", '{"id": 1, "text": "dizzy"}\n').endswith("[0, [0], True]")


def test_serve_with_no_store_starts_without_typing_queue_replay_or_the_store_modules():
    """serve's start imported typing (about 12M instructions, for annotations and named tuples),
    queue (for a class its C module holds), the replay module and the store's error classes."""
    code = ("import sys; from triage_bot import cli; "
            "status = cli.main(['serve', '--stdio', '--no-store']); "
            "sys.stderr.write(str([status] + sorted(m for m in ('typing', 'queue', 'heapq', 'triage_bot.replay', "
            "'triage_bot.reports.errors') if m in sys.modules)))")
    assert _run(code).endswith("[0]")
    # replay (its own command) still runs, and a report store still opens for serve
    code = "import sys; from triage_bot import cli; sys.stderr.write(str(cli.main(['replay', '-', '--no-store'])))"
    assert _run(code, "hello\n").endswith("0")
