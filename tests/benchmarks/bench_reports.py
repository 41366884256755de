"""How fast reports are stored and exported: run `python tests/benchmarks/bench_reports.py [COUNT]`.

Each add is its own fsync'd transaction, so add time is mostly the disk's
sync latency; a nurse line makes a few reports an hour, so anything under
10 ms per add is ample.  The baseline, in the same run, is the least a
durable store can do: a bare sqlite3 INSERT of the report's JSON, one
committed transaction each, in WAL mode with synchronous=FULL.
"""

from __future__ import annotations

import io
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from triage_bot.reports import Meddra, ReportStore, Sender, write_export

DEFAULT_COUNT = 1_000
REPORT = {
    "session": "bench",
    "drug": {"name": "baclofen", "strength_mg": 10, "dose": "10 mg", "frequency": "three times a day"},
    "patient": {"initials": "JD", "age": 54, "sex": "female"},
    "reporter": {"type": "patient", "share_with_manufacturer": False},
    "events": [{"verbatim": "my pee looks like cola", "effect": "Bloody or dark urine", "tier": "medical_attention"}],
    "seriousness": {"hospitalisation": False},
    "disposition": "medical_attention",
}


def timed(label: str, count: int, action) -> float:
    started = time.perf_counter()
    action()
    elapsed = time.perf_counter() - started
    print(f"{label:<14} {elapsed * 1000 / count:8.3f} ms per report  ({elapsed:.2f} s for {count})")
    return elapsed


def bare_inserts(path: Path, count: int) -> None:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE r (id INTEGER PRIMARY KEY, body TEXT)")
    for _ in range(count):
        db.execute("BEGIN")
        db.execute("INSERT INTO r (body) VALUES (?)", (json.dumps(REPORT),))
        db.execute("COMMIT")
    db.close()


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder, ReportStore(Path(folder) / "reports.db") as store:
        bare = timed("bare insert", count, lambda: bare_inserts(Path(folder) / "bare.db", count))
        ours = timed("add", count, lambda: [store.add(REPORT) for _ in range(count)])
        print(f"add / bare insert: {ours / bare:.2f}x")
        timed("list", count, store.list)
        sender, meddra = Sender(id="BENCH", country="GB"), Meddra("27.1", {"bloody or dark urine": 10000000})
        took = {name: timed(f"export {name}", count,
                            lambda: write_export(name, store.iter_reports(), io.StringIO(), sender, meddra))
                for name in ("jsonl", "csv", "e2b-xml", "fhir")}
        for name in ("csv", "e2b-xml", "fhir"):
            print(f"export {name} / export jsonl: {took[name] / took['jsonl']:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_COUNT)
