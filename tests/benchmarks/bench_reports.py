"""How fast reports are stored and exported: run `python tests/benchmarks/bench_reports.py [COUNT]`.

Each add is its own fsync'd transaction, so add time is mostly the disk's
sync latency; a nurse line makes a few reports an hour, so anything under
10 ms per add is ample.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

from triage_bot.reports import ReportStore, export_csv, export_e2b_jsonl, export_jsonl

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


def timed(label: str, count: int, action) -> None:
    started = time.perf_counter()
    action()
    elapsed = time.perf_counter() - started
    print(f"{label:<14} {elapsed * 1000 / count:8.3f} ms per report  ({elapsed:.2f} s for {count})")


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder, ReportStore(Path(folder) / "reports.db") as store:
        timed("add", count, lambda: [store.add(REPORT) for _ in range(count)])
        timed("list", count, store.list)
        for name, export in (("export jsonl", export_jsonl), ("export csv", export_csv), ("export e2b", export_e2b_jsonl)):
            timed(name, count, lambda: export(store.iter_reports(), io.StringIO()))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_COUNT)
