"""Round 9 reading speed-ups read every message exactly as the slow paths did."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from triage_bot.reading import terms, tokens
from triage_bot.reading.find import find_symptoms
from triage_bot.triager import load_triager

TRIAGER = load_triager()
LEXICON = TRIAGER.lexicon

# Words of signs, readings, frames and cues, texting forms, slash lists, hyphens and marks.
VOCAB = ["my", "breathing", "is", "very", "slow", "breath", "hard", "bp", "was", "88/50", "rr", "8",
         "6", "breaths", "a", "minute", "/min", "gcs", "7/15", "slept", "14", "hours", "no", "not",
         "dizzy", "diz\u00adzy", "light-headed", "cola-coloured", "N/V", "desire/tinnitus", "c/o",
         "r", "u", "outta", "2", "bin", "ringin", "ears", "can't", "sleep", "?OD", "any", "rash",
         "and", "but", "heart", "racing", "pounding", "3kg", "30x10mg", "took", "20", "of", "those",
         ",", ".", "?", ":", " - ", "(", ")", "\n", "  "]

TEXTS = st.lists(st.sampled_from(VOCAB), min_size=0, max_size=30).map(
    lambda ws: "".join(w if w in ",.?:()\n" or w.startswith(" ") else " " + w for w in ws).strip())


def slow_tokens(text: str, texting=None) -> list:
    """The tokenizer with its memo of plain words off: every word folded afresh."""
    saved = tokens._PLAIN_WORDS
    tokens._PLAIN.clear()
    tokens._PLAIN_WORDS = 0
    try:
        return tokens.tokenize(text, texting)
    finally:
        tokens._PLAIN_WORDS = saved


def slow_measurements(toks, lexicon):
    """The readings pass with every word tried (as before the first-word check)."""
    everyone = _TryAll(lexicon)
    return list(terms._measurements(toks, everyone))


class _TryAll:
    """The lexicon with its reading cues and units answering every word (none for most)."""

    def __init__(self, lexicon) -> None:
        self._lexicon = lexicon
        self.measurement_cues = _Everything(lexicon.measurement_cues)
        self.measurement_units = _Everything(lexicon.measurement_units)

    def __getattr__(self, name):
        return getattr(self._lexicon, name)


class _Everything(dict):
    def __contains__(self, word) -> bool:
        return True


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_memoised_tokens_are_the_fresh_ones(text):
    warm = tokens.tokenize(text, LEXICON.texting)
    again = tokens.tokenize(text, LEXICON.texting)
    assert warm == again == slow_tokens(text, LEXICON.texting)
    assert tokens.tokenize(text) == slow_tokens(text)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_readings_found_only_at_their_words_are_all_of_them(text):
    toks = LEXICON.tokenize(text)
    assert list(terms._measurements(toks, LEXICON)) == slow_measurements(toks, LEXICON)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_a_message_reads_the_same_cold_and_warm(text):
    warm = find_symptoms(text, LEXICON)
    tokens._PLAIN.clear()
    assert find_symptoms(text, LEXICON) == warm


def test_a_texting_table_never_lends_its_memo_to_another():
    # "r" is texting for "are": read plainly without the table, expanded with it
    assert [t.norm for t in tokens.tokenize("ears r ringing", LEXICON.texting)][1] == "are"
    assert [t.norm for t in tokens.tokenize("ears r ringing")][1] == "r"


def test_readings_and_frames_still_found():
    found = {m.target for m in TRIAGER.find("BP was 88/50 and my breathing is very slow")[0]}
    assert any(t.startswith("respiratory_depression") for t in found)
    assert len(found) >= 2


class _AllFrames:
    """The lexicon with a frame entry (most of them empty) for every word of a message."""

    def __init__(self, lexicon, words) -> None:
        self._lexicon = lexicon
        self.frames = {w: lexicon.frames.get(w, ()) for w, _score in words}

    def __getattr__(self, name):
        return getattr(self._lexicon, name)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_frames_tried_only_at_their_heads_are_all_of_them(text):
    from triage_bot.reading.frames import find_frames
    from triage_bot.reading.terms import words_with_corrections

    from triage_bot.reading import frames

    toks = LEXICON.tokenize(text)
    words = words_with_corrections(toks, LEXICON)
    fast = list(find_frames(toks, words, LEXICON))
    quick = frames._head_end
    frames._head_end = _slow_head_end  # every head phrase tried in full, as before
    try:
        assert fast == list(find_frames(toks, words, _AllFrames(LEXICON, words)))
    finally:
        frames._head_end = quick


def _slow_head_end(phrases, words, tokens, i):
    from triage_bot.reading.frames import _phrase_at

    for phrase in phrases:
        if len(phrase) == 1:
            return i
        end = _phrase_at(words, tokens, i, phrase)
        if end is not None:
            return end
    return None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["my", "breathing", "breath", "is", "very", "hard", "heart", "chest", "feels",
                                 "tight", "and", "the", "of", "pee", "urine", "dark", "slow", ","]), max_size=12))
def test_frame_heads_found_as_before(ws):
    from triage_bot.reading.frames import _head_end
    from triage_bot.reading.terms import words_with_corrections

    toks = LEXICON.tokenize(" ".join(ws))
    words = words_with_corrections(toks, LEXICON)
    for i, (word, _score) in enumerate(words):
        for rule in LEXICON.frames.get(word, ()):
            phrases = rule.head[word]
            assert _head_end(phrases, words, toks, i) == _slow_head_end(phrases, words, toks, i)


def _slow_after_gap(gapped, reach, toks, i):
    """The gap look-up as it was: each word within reach, in order, up to a sentence's start."""
    found = []
    for j in range(i + 1, min(i + 2 + reach, len(toks))):
        if j > i + 1 and toks[j].brk == tokens.SENTENCE:
            break
        for x in gapped.get(toks[j].norm, ()):
            if x not in found:
                found.append(x)
    return found


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=10))
def test_gapped_patterns_looked_up_as_before(text, reach):
    from triage_bot.reading import scan

    toks = LEXICON.tokenize(text)
    norms = [t.norm for t in toks]
    stops = scan._sentence_stops(toks)
    gapped = {w: [(w, k)] for k, w in enumerate(sorted(set(norms))[::2])}  # some of its words, each a pattern
    for i in range(len(toks)):
        fast = scan._after_gap(gapped, reach, norms, i, stops)
        slow = _slow_after_gap(gapped, reach, toks, i)
        assert sorted(fast) == sorted(slow) and len(fast) == len(set(fast))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_terms_found_as_before_the_clause_end_table(text):
    toks = LEXICON.tokenize(text)
    ends = terms._clause_ends(toks)
    for i in range(len(toks)):
        j = i + 1
        while j < len(toks) and toks[j].brk == tokens.NO_BREAK:
            j += 1
        assert ends[i] == j
