"""The compiled-lexicon cache: data only, checked before use, never steered by another file."""
from __future__ import annotations

import dataclasses
import json
import os
import pickle
import shutil
import stat
import subprocess
import sys
import threading
import zlib
from pathlib import Path

import pytest

from triage_bot import cache
from triage_bot.reading import frames
from triage_bot.triager import load_triager

from .conftest import KNOWLEDGE, ROOT


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("TRIAGE_BOT_NO_CACHE", raising=False)
    return tmp_path / "cache" / "triage-bot"


def _cache_file(folder=None) -> str:
    stamp = cache.make_stamp(os.fspath(folder or KNOWLEDGE), None)
    return cache.file_name(stamp)


def test_the_cache_is_json_that_round_trips_the_triager(cache_home, triager):
    load_triager(str(KNOWLEDGE))
    path = cache_home / _cache_file()
    header, _, payload = path.read_bytes().partition(b"\n")
    main, _, slices = payload.partition(b"\n")
    assert header.startswith(cache.FORMAT.encode()) and json.loads(main)["classes"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(cache_home.stat().st_mode) == 0o700
    cached = load_triager(str(KNOWLEDGE))
    for text in ("my ears are ringing", "ran out of my baclofen and now I'm seeing things", "no dizzyness, just nausious"):
        assert cached.classify(text) == triager.classify(text)


def test_a_planted_pickle_or_foreign_class_never_runs(cache_home, tmp_path):
    """Finding 1: a file in the cache folder must never run code as the user."""
    marker = tmp_path / "ran"
    cache_home.mkdir(parents=True, mode=0o700)

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))
    stamp = cache.make_stamp(str(KNOWLEDGE), None)
    for name in {cache.file_name(stamp), f"lexicon-{zlib.crc32(stamp.encode()):08x}.pickle"}:
        (cache_home / name).write_bytes(pickle.dumps((stamp, Evil())))
    assert load_triager(str(KNOWLEDGE)).classify("tinnitus").disposition == "medical_attention"
    assert not marker.exists()
    # A well-formed file naming a class outside the allowlist is refused too.
    payload = json.dumps({"stamp": stamp, "classes": ["os.system"], "data": ["O", 0, {}]}).encode()
    (cache_home / cache.file_name(stamp)).write_bytes(
        f"{cache.FORMAT} {len(payload)} {zlib.crc32(payload):08x}\n".encode() + payload)
    assert cache.read(stamp) is None


def test_a_cache_folder_others_can_write_is_not_read(cache_home):
    """Finding 1: under umask 000 the folder was 0777 and anyone could plant the file."""
    stamp = "s"
    assert cache.write(stamp, ("x",))
    os.chmod(cache_home, 0o777)
    assert cache.read(stamp) is None and not cache.write(stamp, ("y",))
    os.chmod(cache_home, 0o700)
    assert cache.read(stamp) == ("x",)


def test_planted_links_at_the_cache_paths_never_overwrite_their_target(cache_home, tmp_path):
    """Finding 2: a link at the temporary name overwrote reports.db with the cache."""
    victim = tmp_path / "reports.db"
    victim.write_bytes(b"precious reports")
    cache_home.mkdir(parents=True, mode=0o700)
    stamp = cache.make_stamp(str(KNOWLEDGE), None)
    old = f"lexicon-{zlib.crc32(stamp.encode()):08x}.pickle"
    name = cache.file_name(stamp)
    for planted in (f"{old}.{os.getpid()}.tmp", f"{name}.{os.getpid()}.tmp", name):
        (cache_home / planted).symlink_to(victim)
    assert load_triager(str(KNOWLEDGE)).classify("tinnitus").disposition == "medical_attention"
    assert victim.read_bytes() == b"precious reports"


def test_a_fifo_at_the_cache_path_is_ignored_without_hanging(cache_home):
    """Finding 3: a FIFO at the cache path hung `triage` forever."""
    cache_home.mkdir(parents=True, mode=0o700)
    stamp = cache.make_stamp(str(KNOWLEDGE), None)
    # at today's name and at the name the pickle cache had, which the audit used
    names = [_cache_file(), f"lexicon-{zlib.crc32(stamp.encode()):08x}.pickle"]
    for name in names:
        os.mkfifo(cache_home / name)
    done = []
    worker = threading.Thread(target=lambda: done.append(load_triager(str(KNOWLEDGE))), daemon=True)
    worker.start()
    worker.join(30)
    if not done:  # unblock the reader so the test run can finish
        for name in names:
            try:
                os.close(os.open(cache_home / name, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass
    assert done and done[0].classify("tinnitus").disposition == "medical_attention"


def test_a_changed_byte_in_the_cache_is_caught_and_the_cache_rebuilt(cache_home):
    """Finding 3: one flipped bit changed a withdrawal answer, silently."""
    text = "ran out of my baclofen and now I'm seeing things"
    assert load_triager(str(KNOWLEDGE)).classify(text).disposition == "withdrawal"
    path = cache_home / _cache_file()
    raw = path.read_bytes()
    tampered = raw.replace(b'"withdrawal"', b'"medical_attention"')
    assert tampered != raw
    path.write_bytes(tampered)
    assert load_triager(str(KNOWLEDGE)).classify(text).disposition == "withdrawal"
    assert path.read_bytes() == raw  # rebuilt
    flipped = bytearray(raw)
    flipped[len(raw) // 2] ^= 0x04
    path.write_bytes(bytes(flipped))
    assert cache.read(cache.make_stamp(str(KNOWLEDGE), None)) is None


def test_an_object_of_a_class_outside_the_project_is_not_cached(cache_home):
    class Outsider:
        pass
    assert not cache.write("s", {"a": Outsider()})
    assert not cache_home.exists() or not list(cache_home.iterdir())
    assert not cache.write("s", (len,))


def test_a_new_class_in_a_reading_module_is_cached_without_edits(cache_home, monkeypatch):
    @dataclasses.dataclass(frozen=True)
    class Frame:
        words: tuple
        weight: float

    class Slotted:
        __slots__ = ("a", "b")
    for cls in (Frame, Slotted):
        cls.__module__, cls.__qualname__ = "triage_bot.reading.frames", cls.__name__
        monkeypatch.setattr(frames, cls.__name__, cls, raising=False)
    monkeypatch.setattr(cache, "_allowed", cache.AllowedClasses())
    slotted = Slotted()
    slotted.a, slotted.b = {("x", 1): frozenset({"y"})}, [float("inf"), None, True]
    shared = [1]
    value = {"frame": Frame(("dizzy",), 0.5), "slotted": slotted, "twice": (shared, shared)}
    assert cache.write("s", value)
    back = cache.read("s")
    assert back["frame"] == Frame(("dizzy",), 0.5)
    assert back["slotted"].a == {("x", 1): frozenset({"y"})} and back["slotted"].b == [float("inf"), None, True]
    assert back["twice"][0] is back["twice"][1]


def test_the_one_shot_never_imports_pickle(cache_home):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(cache_home.parent)}
    code = ("import sys; from triage_bot.cli import main; main(['triage', '--json', 'dizzy']); "
            "main(['triage', '--json', 'dizzy']); sys.stderr.write(str('pickle' in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, cwd=ROOT, timeout=120)
    assert proc.stderr.decode().endswith("False")


def test_word_indexes_are_read_word_by_word_and_match_the_compiled_ones(cache_home, triager):
    """A one-shot start decodes only the words of its message; what it decodes is what was compiled."""
    from triage_bot.codec import LazyEntry

    load_triager(str(KNOWLEDGE))
    cached = load_triager(str(KNOWLEDGE))
    terms = cached.lexicon.terms
    assert all(isinstance(v, LazyEntry) for v in dict.values(terms))
    cached.classify("my ears are ringing")
    read = {k for k, v in dict.items(terms) if not isinstance(v, LazyEntry)}
    assert 0 < len(read) < len(terms) / 10
    for word in sorted(read) + ["dizzy", "breathing"]:
        assert list(terms.get(word, ())) == list(triager.lexicon.terms.get(word, ()))
        assert dict.get(terms, word) == triager.lexicon.terms.get(word)


def test_a_damaged_word_slice_is_refused_when_read_and_runs_nothing(cache_home):
    from triage_bot.codec import CacheError
    from triage_bot.reading.patterns import WordIndex

    index = WordIndex(ears=[("ringing",)], eyes=[("blurry",)])
    assert cache.write("s", {"index": index})
    path = cache_home / cache.file_name("s")
    header, _, payload = path.read_bytes().partition(b"\n")
    main, _, slices = payload.partition(b"\n")
    entry = json.loads(main)
    # the owner's own file, rewritten with a valid checksum but a slice naming a foreign tag
    bad = b'["O",99,{}]'.ljust(entry["ends"][0]) + slices[entry["ends"][0]:]
    payload = main + b"\n" + bad
    path.write_bytes(f"{cache.FORMAT} {len(payload)} {zlib.crc32(payload):08x}\n".encode() + payload)
    back = cache.read("s")
    assert list(back["index"]["eyes"]) == [("blurry",)]
    with pytest.raises(CacheError):
        list(back["index"]["ears"])


def test_an_edit_to_another_drug_keeps_this_drugs_cache_and_a_rebuild_replaces_its_file(cache_home, tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    other = folder / "drugs" / "examplofen.toml"
    other.write_text((ROOT / "tests" / "fixtures" / "second-drug.toml").read_text())
    before = cache.make_stamp(str(folder), "baclofen")
    load_triager(str(folder), "baclofen")
    other.write_text(other.read_text() + "\n# edited\n")
    assert cache.make_stamp(str(folder), "baclofen") == before
    own = folder / "drugs" / "baclofen.toml"
    own.write_text(own.read_text() + "\n# edited\n")
    assert cache.make_stamp(str(folder), "baclofen") != before
    assert load_triager(str(folder), "baclofen").classify("tinnitus").disposition == "medical_attention"
    assert load_triager(str(folder), "examplofen").drug.id == "examplofen"
    assert len(list(cache_home.glob("lexicon-*.json"))) == 2  # one per drug: the stale copy was replaced


def test_a_cache_of_an_older_format_is_removed_when_a_new_one_is_written(cache_home):
    cache_home.mkdir(parents=True, mode=0o700)
    old = cache_home / "lexicon-0badcafe.json"
    old.write_bytes(b"triage-bot-cache/3 10 00000000\n0123456789")
    other = cache_home / "lexicon-00c0ffee.json"
    other.write_bytes(f"{cache.FORMAT} 10 00000000\n0123456789".encode())  # another folder's: kept
    notes = cache_home / "notes.txt"
    notes.write_text("mine")
    load_triager(str(KNOWLEDGE))
    assert not old.exists() and other.exists() and notes.exists()
    assert (cache_home / _cache_file()).exists()


def _rewritten(path, entry: dict, slices: list[bytes]) -> None:
    """The owner's own cache file with these slices, under a valid checksum."""
    ends, end = [], 0
    for part in slices:
        end += len(part)
        ends.append(end)
    payload = json.dumps({**entry, "ends": ends}).encode() + b"\n" + b"".join(slices)
    path.write_bytes(f"{cache.FORMAT} {len(payload)} {zlib.crc32(payload):08x}\n".encode() + payload)


def test_a_pattern_under_several_first_words_is_stored_once_and_read_once(cache_home, triager):
    """The cache held a copy of a pattern for each of its first words (3.9 MB); it holds one now."""
    assert cache.write("lexicon", triager.lexicon)  # the lexicon alone: the knowledge holds the sources too
    raw = (cache_home / cache.file_name("lexicon")).read_bytes()
    by_word = triager.lexicon.context.by_word
    several = {p.source: p for bucket in by_word.values() for _label, p in bucket if len(p.steps[0][1]) > 1}
    assert len(several) > 10
    for source in several:
        assert raw.count(json.dumps(source).encode()) == 1, source
    cached = load_triager(str(KNOWLEDGE))
    for source, pattern in list(several.items())[:10]:
        found = [p for word in sorted(pattern.steps[0][1]) for _label, p in cached.lexicon.context.by_word[word]
                 if p.source == source]
        assert found[0] == pattern and all(p is found[0] for p in found)


def test_a_slice_refers_to_what_the_first_part_holds_instead_of_copying_it(cache_home, triager):
    load_triager(str(KNOWLEDGE))
    cached = load_triager(str(KNOWLEDGE))
    drug = cached.lexicon.classes["drug"]
    steps = [step for bucket in cached.lexicon.context.by_word.values() for _label, p in bucket for step in p.steps
             if step[0] == "set" and step[1] == drug]
    assert steps and all(step[1] is drug for step in steps)


def test_the_knowledge_is_read_from_the_cache_only_when_asked_for(cache_home, triager):
    from triage_bot.codec import Deferred

    load_triager(str(KNOWLEDGE))
    cached = load_triager(str(KNOWLEDGE))
    assert type(cached._knowledge) is Deferred
    assert cached.classify("my ears are ringing") == triager.classify("my ears are ringing")
    assert type(cached._knowledge) is Deferred  # a one-shot answer needs none of it
    assert cached.knowledge == triager.knowledge and cached.knowledge is cached.knowledge
    assert cached.knowledge.drug(cached.drug.id) is cached.drug  # the triager's own drug, not a copy


def test_a_shared_part_that_holds_itself_or_a_reference_out_of_place_is_refused(cache_home):
    from triage_bot.codec import CacheError
    from triage_bot.reading.patterns import WordIndex

    assert cache.write("s", {"index": WordIndex(ears=[("ringing",)], eyes=[("blurry",)])})
    path = cache_home / cache.file_name("s")
    _header, _, payload = path.read_bytes().partition(b"\n")
    entry = json.loads(payload.partition(b"\n")[0])
    for bad in (b'["L",["P",0]]', b'["L",["G",99]]', b'["L",["P",7]]', b'["L",["V",-1]]'):
        _rewritten(path, entry, [bad, b'["L",["T","blurry"]]'])
        back = cache.read("s")
        assert list(back["index"]["eyes"]) == [("blurry",)]
        with pytest.raises(CacheError):
            list(back["index"]["ears"])


def test_the_stamp_changes_with_every_knowledge_file_and_every_file_of_the_cached_code(tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    before = cache.make_stamp(str(folder), None)
    files = sorted(p for p in folder.rglob("*.toml"))
    assert len(files) > 5
    for path in files:  # a knowledge file edited in place, its size unchanged
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
        assert cache.make_stamp(str(folder), None) != before, path.name
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert cache.make_stamp(str(folder), None) == before
    package = Path(cache.__file__).parent  # the code this process runs
    for name in ("cache.py", "codec.py", "encoder.py", "triager.py", "reading/tokens.py", "knowledge/records.py"):
        path = package / name
        st = path.stat()
        try:
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
            assert cache.make_stamp(str(folder), None) != before, name
        finally:
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert cache.make_stamp(str(folder), None) == before


def test_threads_reading_the_same_shared_parts_at_once_all_get_them(cache_home):
    """serve --http triages in worker threads over one triager from the cache: a
    shared part being read by one thread is waited for, not taken for a cycle."""
    load_triager(str(KNOWLEDGE))  # writes the cache
    triager = load_triager(str(KNOWLEDGE))
    messages = ["I feel very drowsy and dizzy", "my breathing is slow and shallow", "ran out and now I see things",
                "she had a seizure after stopping", "confused, a fever and stiff muscles", "ringing in my ears",
                "a rash and itching", "I took 10 tablets by mistake", "can't wake him up", "nausea and a headache"]
    errors: list[str] = []

    def classify(text: str) -> None:
        try:
            triager.classify(text)
        except Exception as exc:  # noqa: BLE001 - every failure is collected and shown
            errors.append(repr(exc))

    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # hand the interpreter over as often as it can be
    try:
        threads = [threading.Thread(target=classify, args=(m,)) for m in messages * 4]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(before)
    assert errors == []
