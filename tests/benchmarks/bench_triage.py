#!/usr/bin/env python3
"""Benchmark the triage core against a naive fuzzy baseline, in one run.

    python tests/benchmarks/bench_triage.py [--repeat 5] [--oneshot-runs 15] [--batch-messages 5000] [--oneshot-only]

1. In-process, on the same labelled messages: triage_bot's matcher versus a
   naive baseline (rapidfuzz ``extractOne`` of every word window of up to five
   words against the whole lexicon), each with its messages per second,
   median time per message and F1 on the labels below.
2. Whole process: ``triage-bot batch`` against the naive baseline run as a
   process (this file with ``--naive-batch``) on the same 5,000 messages made
   by joining the labelled ones.
3. One-shot: the wall time of ``triage-bot triage --json`` (the console script
   installed beside this Python, else ``python -m triage_bot``; compiled-lexicon
   cache warm), plain, with a typo, and with 100 drug files in the knowledge
   folder, against ``python -c "import rapidfuzz.process"``, interleaved in
   the same run.  Run it with an installed copy for the users' figure:
   ``.venv/bin/python tests/benchmarks/bench_triage.py``; ``--oneshot-only`` runs
   this section alone.

The messages are written for this benchmark (not the evaluation set); each is
labelled with the knowledge references a correct answer finds.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from triage_bot.triager import load_triager  # noqa: E402

# (message, knowledge references of the affirmed findings)
LABELLED = [
    ("my ears keep ringing since I started", {"cns_toxicity.ringing"}),
    ("so drowsy I fell asleep at my desk twice", {"cns_effects.drowsiness"}),
    ("no chest pain, but dizzy when I stand", {"cns_effects.dizziness"}),
    ("pt c/o N/V x2 days, denies CP", {"nausea"}),
    ("feeling nausious and light headed", {"nausea", "cns_effects.dizziness"}),
    ("I can't sleep at all and I've got no appetite", {"cns_effects_rare.sleeping", "appetite_loss"}),
    ("ran out of baclofen, now I'm hearing voices", {"cns_toxicity.hallucinations"}),
    ("my pee has gone really dark", {"dark_urine"}),
    ("itchy rash on my back", {"dermatitis.rash"}),
    ("his pupils are tiny and he's barely breathing", {"overdose_cns.miosis", "respiratory_depression.breathing"}),
    ("had a fit this morning", {"overdose_cns.convulsions"}),
    ("my ankles are swollen and I've put on weight", {"fluid_retention.ankle_swelling", "fluid_retention.weight_gain"}),
    ("constipated and my tummy hurts", {"constipation", "gi_irritation.abdominal_pain"}),
    ("what time of day should I take it?", set()),
    ("I have a sore throat and a cold", set()),
    ("no rash, no itching, just asking about dosing", set()),
    ("spasms are much worse since I stopped it suddenly", {"increased_spasticity"}),
    ("feel really low and tearful", {"cns_toxicity.mood"}),
    ("heart pounding and a headache", {"pounding_heartbeat", "cns_effects_rare.headache"}),
    ("slurring my words and wobbly on my feet", {"cns_effects_rare.speech", "cns_effects_rare.unsteadiness"}),
    ("everything looks blurry and doubled", {"overdose_cns.vision"}),
    ("I passed out in the kitchen", {"syncope.fainting"}),
    ("numb fingers and pins and needles in my toes", {"cns_effects_rare.numbness"}),
    ("stuffy nose every morning", {"stuffy_nose"}),
    ("peeing all the time and it burns when I pee", {"urinary_frequency", "urination_difficulty"}),
]


def naive_baseline(lexicon_terms: dict[int, str], targets: dict[int, str]):
    """Every window of up to five words, extractOne against the whole lexicon."""
    from rapidfuzz import fuzz, process, utils

    def find(text: str) -> set[str]:
        words = text.split()
        found = set()
        for i in range(len(words)):
            for n in range(1, 6):
                if i + n > len(words):
                    break
                window = " ".join(words[i:i + n])
                best = process.extractOne(window, lexicon_terms, scorer=fuzz.ratio,
                                          processor=utils.default_process, score_cutoff=90)
                if best:
                    found.add(targets[best[2]])
        return found
    return find


def aho_corasick_floor(lexicon_terms: dict[int, str], targets: dict[int, str]):
    """The floor for dictionary lookup: one exact Aho-Corasick scan of the same terms (pyahocorasick),
    or None when pyahocorasick is not installed."""
    try:
        import ahocorasick
    except ImportError:
        return None
    automaton = ahocorasick.Automaton()
    for key, phrase in lexicon_terms.items():
        automaton.add_word(phrase.lower(), targets[key])
    automaton.make_automaton()

    def find(text: str) -> set[str]:
        return {target for _end, target in automaton.iter(text.lower())}
    return find


def f1(predict, items) -> float:
    tp = fp = fn = 0
    for text, gold in items:
        got = predict(text)
        tp += len(got & gold)
        fp += len(got - gold)
        fn += len(gold - got)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def time_each(predict, texts, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        for text in texts:
            t0 = time.perf_counter()
            predict(text)
            times.append(time.perf_counter() - t0)
    return times


def wall(cmd: list[str], runs: int, env: dict) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t0)
    return times


# Ways the labelled messages are joined into longer, varied ones for the
# whole-process run (the messages stay this file's own).
OPENERS = ["", "hi, ", "pt says ", "so ", "my mum says ", "quick question: "]
JOINERS = [" and ", ", also ", ". Also ", "; ", " plus "]


def generated(count: int) -> list[str]:
    """``count`` messages of one to three labelled messages joined, the same on every run."""
    import random

    rng = random.Random(12)
    texts = [t for t, _ in LABELLED]
    out = []
    for _ in range(count):
        parts = rng.sample(texts, rng.randint(1, 3))
        out.append(rng.choice(OPENERS) + rng.choice(JOINERS).join(parts))
    return out


def naive_batch() -> None:
    """``--naive-batch``: the naive baseline as a whole process, JSON Lines in and out like `batch`."""
    import json

    triager = load_triager(str(ROOT / "knowledge"))
    naive = naive_baseline(*lexicon_terms(triager))
    for line in sys.stdin:
        req = json.loads(line)
        sys.stdout.write(json.dumps({"id": req["id"], "found": sorted(naive(req["text"]))}) + "\n")


def lexicon_terms(triager) -> tuple[dict[int, str], dict[int, str]]:
    """Every lay term of the drug's signs, numbered, and the sign each names."""
    terms, targets = {}, {}
    for ref, target in triager.drug.targets.items():
        for phrase in triager.knowledge.lay_terms(target.sign or target.entry):
            targets[len(terms)] = ref
            terms[len(terms)] = phrase
    return terms, targets


def whole_process(entry: list[str], env: dict, count: int) -> None:
    """`triage-bot batch` against the naive baseline as a process, on the same ``count`` messages."""
    import json

    payload = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(generated(count))).encode()
    t0 = time.perf_counter()
    ours = subprocess.run(entry + ["batch"], input=payload, capture_output=True, env=env, check=True)
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    naive = subprocess.run([sys.executable, __file__, "--naive-batch"], input=payload, capture_output=True,
                           env=env, check=True)
    t_naive = time.perf_counter() - t0
    assert ours.stdout.count(b"\n") == naive.stdout.count(b"\n") == count
    print(f"whole process, {count:,} messages: triage-bot batch {t_ours:.2f} s, naive {t_naive:.2f} s; "
          f"speed-up {t_naive / t_ours:.1f}x")


def many_drugs(folder: Path, count: int) -> None:
    """A copy of the knowledge with ``count`` drug files beside baclofen's."""
    import shutil

    shutil.copytree(ROOT / "knowledge", folder)
    text = (ROOT / "tests" / "fixtures" / "second-drug.toml").read_text()
    for i in range(count - 1):
        (folder / "drugs" / f"drug{i:03d}.toml").write_text(
            text.replace('id = "examplofen"', f'id = "drug{i:03d}"', 1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=5, help="passes over the messages (default 5)")
    ap.add_argument("--oneshot-runs", type=int, default=15, help="runs of each one-shot command (default 15)")
    ap.add_argument("--batch-messages", type=int, default=5000, help="messages of the whole-process run (default 5000)")
    ap.add_argument("--oneshot-only", action="store_true", help="run only section 3, the one-shot wall times")
    ap.add_argument("--naive-batch", action="store_true", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.naive_batch:
        return naive_batch()
    if not a.oneshot_only:
        in_process(a.repeat)
    entry, env = command_env()
    if not a.oneshot_only:
        whole_process(entry, env, a.batch_messages)
    one_shot(entry, env, a.oneshot_runs)


def in_process(repeat: int) -> None:
    """Sections 1 and the length scaling: the matcher against the naive baseline, in this process."""
    triager = load_triager(str(ROOT / "knowledge"))

    def ours(text: str) -> set[str]:
        matches, _ = triager.find(text)
        return {m.target for m in matches if m.status == "affirmed"}

    terms, targets = lexicon_terms(triager)
    naive = naive_baseline(terms, targets)
    texts = [t for t, _ in LABELLED]
    ours(texts[0]), naive(texts[0])  # warm caches and lazy imports alike

    t_ours = time_each(ours, texts, repeat)
    t_naive = time_each(naive, texts, max(1, repeat // 5))
    med_ours, med_naive = statistics.median(t_ours), statistics.median(t_naive)
    print(f"messages: {len(texts)} labelled, {len(t_ours)} timed for triage_bot, {len(t_naive)} for the baseline")
    print(f"triage_bot:  {len(t_ours) / sum(t_ours):8.0f} msg/s, median {med_ours * 1e6:8.1f} us/msg, "
          f"F1 {f1(ours, LABELLED):.3f}")
    print(f"naive:       {len(t_naive) / sum(t_naive):8.0f} msg/s, median {med_naive * 1e6:8.1f} us/msg, "
          f"F1 {f1(naive, LABELLED):.3f}")
    print(f"speed-up (median per message): {med_naive / med_ours:.1f}x")
    floor = aho_corasick_floor(terms, targets)
    if floor is None:
        print("Aho-Corasick floor: not measured (pip install pyahocorasick)")
    else:
        floor(texts[0])
        t_floor = time_each(floor, texts, repeat * 4)
        med_floor = statistics.median(t_floor)
        print(f"Aho-Corasick exact scan of the same terms: median {med_floor * 1e6:8.1f} us/msg, "
              f"F1 {f1(floor, LABELLED):.3f}; triage_bot / floor: {med_ours / med_floor:.1f}x")

    # Cost against message length: time per character should stay flat.
    unit = "no chest pain but dizzy and my ankles are puffy, ran out on friday. "
    sizes = [1_000, 5_000, 20_000]
    per_char = []
    for size in sizes:
        text = (unit * (size // len(unit) + 1))[:size]
        runs = [time_each(lambda t: triager.classify(t), [text], 1)[0] for _ in range(5)]
        per_char.append(statistics.median(runs) / size)
    print("length scaling: " + ", ".join(f"{n:,} chars {t * 1e9:.0f} ns/char" for n, t in zip(sizes, per_char))
          + f"; per-char ratio 20k/1k {per_char[-1] / per_char[0]:.2f}")


def command_env() -> tuple[list[str], dict]:
    """How to run triage-bot as a process, and its environment."""
    # As an installed copy runs: pip compiles bytecode at install time, so let
    # the warm-up run write it here too (some shells set PYTHONDONTWRITEBYTECODE).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    # The installed console script when this Python has one (as users run it), else -m.
    script = Path(sys.executable).parent / "triage-bot"
    entry = [str(script)] if script.exists() else [sys.executable, "-m", "triage_bot"]
    return entry, env


def one_shot(entry: list[str], env: dict, oneshot_runs: int) -> None:
    """Section 3: one-shot `triage --json` wall times against a bare rapidfuzz import, interleaved."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "knowledge"
        many_drugs(folder, 100)
        cases = {
            "my ears are ringing": ["triage", "--json", "my ears are ringing"],
            "with a typo (nausious)": ["triage", "--json", "feeling nausious today"],
            "100 drug files": ["--knowledge", str(folder), "--drug", "baclofen", "triage", "--json",
                               "my ears are ringing"],
        }
        bare = [sys.executable, "-c", "import rapidfuzz.process"]
        runs: dict[str, list[float]] = {name: [] for name in [*cases, "bare"]}
        for args in cases.values():
            wall(entry + args, 1, env)  # builds the compiled-lexicon cache once
        for _ in range(oneshot_runs):  # interleaved, so all see the same machine load
            for name, args in cases.items():
                runs[name] += wall(entry + args, 1, env)
            runs["bare"] += wall(bare, 1, env)
    m_bare = statistics.median(runs["bare"])
    print(f"one-shot {' '.join(entry[-2:] if len(entry) > 1 else entry)} triage --json, against a bare "
          f"'import rapidfuzz.process' (median {m_bare * 1000:.1f} ms):")
    for name in cases:
        m = statistics.median(runs[name])
        print(f"  {name}: median {m * 1000:.1f} ms; ratio {m / m_bare:.2f}x")


if __name__ == "__main__":
    main()
