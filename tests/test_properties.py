"""Properties that hold for any text: never crash, spans slice the input, disposition is the most urgent."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from triage_bot.triager import RANK, TIER_DISPOSITION, InputError

WORDS = st.sampled_from([
    "no", "not", "dizzy", "rash", "denies", "but", "seizure", "pupils", "tiny", "ran", "out", "took", "twice",
    "can't", "sleep", "breathe", "through", "my", "nose", ",", ".", "?", "CP", "SOB", "x3", "88/50", "BP",
    "has", "gone", "toddler", "swallowed", "halucinations", "stopped", "suddenly", "on", "purpose", "\x1b[2J",
])
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(WORDS, max_size=40).map(" ".join),
    # long runs: thousands of digits, long unpunctuated clauses
    st.tuples(st.sampled_from(["took ", "BP ", "RR ", "#", ""]), st.integers(1, 6000))
    .map(lambda p: p[0] + "9" * p[1] + " tablets"),
    st.lists(WORDS, min_size=200, max_size=1500).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS)
def test_any_text_is_answered_and_spans_slice_it(triager, text):
    try:
        result = triager.classify(text)
    except InputError:
        assert not text.strip()
        return
    for f in result.findings + result.negated + result.hypothetical + result.historical:
        assert text[f.start:f.end] == f.text
        assert 0 <= f.score <= 100
    # an overdose sign that waits on an overdose ([overdose_context_only]) asks at least
    # for its disposition alone; every other overdose sign is an emergency
    waiting = triager.drug.overdose_context_only
    alone = triager.drug.alone_disposition
    worst = max((RANK[alone if f.ref in waiting else TIER_DISPOSITION[f.tier]] for f in result.findings), default=0)
    assert RANK[result.disposition] >= worst
    if any(f.tier == "overdose" and f.ref not in waiting for f in result.findings):
        assert result.disposition == "emergency"
