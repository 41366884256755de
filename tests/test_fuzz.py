"""A bounded fuzz run of batch, serve and the dialogue engine (issue 8): 0 crashes, one answer a line,
strict JSON out, nothing raw a terminal would obey or hide."""
from __future__ import annotations

import io
import json
import unicodedata

from hypothesis import HealthCheck, given, settings, strategies as st

from triage_bot.chat import Chat
from triage_bot.cli import run_batch
from triage_bot.conversation import Engine
from triage_bot.serve import Sessions, run_serve

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])
HOSTILE_TEXT = st.sampled_from([
    "\x1b[2J", "\u202e0010-555", "\u2066x\u2069", "\x9b31m", "\x00", "\ud800", "\U000e0041", "\u200b", "\r\n",
    "I have a rash", "no that's all", "yes", "JS", "54", "he is not breathing", "ran out of my baclofen",
    "/why", "/report", "/summary", "/restart", "dizzy " * 50,
])
TEXT = st.one_of(st.text(max_size=80), HOSTILE_TEXT, st.lists(HOSTILE_TEXT, max_size=6).map(" ".join))
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                   st.text(max_size=10))
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                     st.dictionaries(st.text(max_size=5), inner, max_size=3)),
                     max_leaves=10)
RAW_LINE = st.one_of(
    st.binary(max_size=60).filter(lambda b: b"\n" not in b),
    st.sampled_from([b"NaN", b'{"id": NaN}', b'{"session": "a", "n": ' + b"9" * 5000 + b"}", b"[" * 5000,
                     b'{"session": "a\\ud800", "text": "x"}', b'{"session": "a", "end": true}', b'{"id": 1e400}']),
)


def request(key: str) -> st.SearchStrategy[bytes]:
    fields = st.fixed_dictionaries({key: st.one_of(st.sampled_from(["a", "b", "c"]), VALUE)},
                                   optional={"text": st.one_of(TEXT, VALUE), "end": st.booleans(),
                                             "report": VALUE, "context": VALUE})
    json_line = fields.map(lambda obj: json.dumps(obj).encode())
    return st.one_of(json_line, json_line, RAW_LINE)


def strict(line: str):
    def refuse(name):
        raise ValueError(name)
    return json.loads(line, parse_constant=refuse)


def lines_in(lines: list[bytes]) -> int:
    return sum(1 for line in lines if line.strip())


@FUZZ
@given(lines=st.lists(request("id"), max_size=8))
def test_batch_fuzz(triager, lines):
    out = io.StringIO()
    assert run_batch(triager, io.BytesIO(b"".join(line + b"\n" for line in lines)), out) == 0
    answers = [strict(line) for line in out.getvalue().splitlines()]
    assert len(answers) == lines_in(lines)


@FUZZ
@given(lines=st.lists(request("session"), max_size=10))
def test_serve_fuzz(triager, lines):
    out, err = io.StringIO(), io.StringIO()
    run_serve(Engine(triager), io.BytesIO(b"".join(line + b"\n" for line in lines)), out, None, err=err)
    answers = [strict(line) for line in out.getvalue().splitlines()]
    assert len(answers) == lines_in(lines)
    assert "internal error" not in out.getvalue() and "Traceback" not in err.getvalue()


def shown_raw_badly(line: str) -> bool:
    """A character a terminal would obey or hide: C0/C1 controls (a tab only moves on) and format characters."""
    return any((ord(ch) < 0x20 and ch != "\t") or 0x7F <= ord(ch) <= 0x9F or 0xD800 <= ord(ch) <= 0xDFFF
               or unicodedata.category(ch) in ("Cf", "Zl", "Zp") for ch in line)


@FUZZ
@given(texts=st.lists(TEXT, max_size=8))
def test_dialogue_fuzz_never_puts_a_raw_control_or_format_character_on_the_terminal(triager, texts):
    shown: list[str] = []

    class Store:
        def add(self, report):
            json.dumps(report)  # any report is storable data
            return "id"
    chat = Chat(Engine(triager), echo=shown.append, store=Store())
    chat.greet()
    for text in texts:
        chat.handle(text)
    chat.finish()
    assert shown and not any(shown_raw_badly(line) for line in shown)
    sessions = Sessions(Engine(triager))
    for text in texts:
        try:
            sessions.handle({"session": "s", "text": text})
        except Exception as exc:  # only the clear refusals an answer line carries
            assert type(exc).__name__ == "InputError", exc
