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
