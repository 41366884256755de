#!/usr/bin/env python3
"""Benchmark nurse-line sessions: 1,000 and 50,000 conversations open at once.

    python tests/benchmarks/bench_serve.py [--sessions 1000,50000] [--turns 3] [--runs 3]

Drives ``triage-bot serve --stdio --no-store`` with every session's first
turn, then every session's second turn, and so on (all sessions open at once),
and reports turns per second and the process's peak memory (max RSS).  The
baseline, in the same run, is ``triage-bot batch`` on the same 5,000 messages
without any conversation state: the ratio is the cost of the dialogue.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Five turns of a call; sessions start at different offsets so the mix varies.
TURNS = [
    "hello, I'm on baclofen",
    "I've been feeling dizzy and sleepy since the dose went up",
    "no, I take it exactly as prescribed",
    "it's been about a week and it bothers me at work",
    "also a bit of a headache and my ankles are puffy",
    "I'm hearing voices at night",
    "yes I ran out on Saturday",
    "my legs are spasming again",
    "not sure",
    "that's all, thanks",
]


def command(name: str) -> list[str]:
    script = Path(sys.executable).parent / "triage-bot"
    entry = [str(script)] if script.exists() else [sys.executable, "-m", "triage_bot"]
    return entry + name.split()


# Runs a command and reports its own peak RSS, so each measurement is of one process.
_MEASURE = ("import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; "
            "sys.stderr.write('maxrss=%d' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
            "sys.exit(rc)")


def run(cmd: list[str], payload: bytes) -> tuple[float, int, int]:
    """Wall seconds, output lines and peak RSS (KiB) of one child process."""
    # As an installed copy runs: pip compiles bytecode at install time, so the warm-up
    # runs write it here too (some shells set PYTHONDONTWRITEBYTECODE, and every start
    # would then compile serve's modules again).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], input=payload, capture_output=True,
                          env=env, check=True)
    wall = time.perf_counter() - t0
    peak = int(proc.stderr.decode().rsplit("maxrss=", 1)[1])
    return wall, proc.stdout.count(b"\n"), peak


def payloads(sessions: int, turns: int) -> tuple[bytes, bytes, int]:
    """The conversation lines (every session's first turn, then every second turn, ...,
    then every session's end) and the same messages as batch lines."""
    conv, batch = [], []
    for t in range(turns):
        for s in range(sessions):
            text = TURNS[(s + t) % len(TURNS)]
            conv.append(json.dumps({"session": f"call-{s}", "text": text}))
            batch.append(json.dumps({"id": f"{s}-{t}", "text": text}))
    conv += [json.dumps({"session": f"call-{s}", "end": True}) for s in range(sessions)]
    return ("\n".join(conv) + "\n").encode(), ("\n".join(batch) + "\n").encode(), len(conv)


def measure(sessions: int, turns: int, runs: int) -> tuple[float, float, int]:
    """Median wall seconds of serve and of batch over the same messages, and serve's peak RSS (KiB)."""
    conv_payload, batch_payload, lines_in = payloads(sessions, turns)
    serve = command(f"serve --stdio --no-store --max-sessions {sessions}")
    serve_runs, batch_runs, peaks = [], [], []
    # the compiled-lexicon cache and both commands' bytecode written before any run is timed
    run(command("batch"), b'{"id": 0, "text": "warm"}\n')
    run(serve, b"")
    for _ in range(runs):  # interleaved, so both see the same machine load
        wall, lines, peak = run(serve, conv_payload)
        assert lines == lines_in, f"serve answered {lines} of {lines_in} lines"
        serve_runs.append(wall)
        peaks.append(peak)
        wall, lines, _ = run(command("batch"), batch_payload)
        assert lines == sessions * turns
        batch_runs.append(wall)
    return statistics.median(serve_runs), statistics.median(batch_runs), max(peaks)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", default="1000,50000", help="open sessions, comma-separated (default 1000,50000)")
    ap.add_argument("--turns", type=int, default=3)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()

    results = []
    for sessions in (int(n) for n in a.sessions.split(",")):
        m_serve, m_batch, peak = measure(sessions, a.turns, a.runs)
        turns = sessions * a.turns
        results.append((sessions, peak))
        print(f"{sessions:,} sessions open at once x {a.turns} turns = {turns:,} turns, {a.runs} runs:")
        print(f"  serve --stdio: median {m_serve:.2f} s, {turns / m_serve:,.0f} turns/s (whole process)")
        print(f"  batch, same messages, no state: median {m_batch:.2f} s, {turns / m_batch:,.0f} messages/s")
        print(f"  ratio serve/batch per turn: {m_serve / m_batch:.2f}x; peak memory {peak / 1024:.1f} MB")
    if len(results) > 1:
        (few, low), (many, high) = results[0], results[-1]
        print(f"memory per open session: {(high - low) / (many - few):.2f} KiB "
              f"(peak RSS at {many:,} less at {few:,} sessions)")


if __name__ == "__main__":
    main()
