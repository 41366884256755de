"""The matcher: patient words -> monograph entry and sign, with negation and spans."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from triage_bot.reading import normalise, tokenize

# (patient words, knowledge reference expected among the affirmed matches)
FOUND = [
    ("my ears are ringing", "cns_toxicity.ringing"),
    ("I've been nodding off in front of the telly", "cns_effects.drowsiness"),
    ("pt reports vertigo", "cns_effects.dizziness"),
    ("I'm peeing blood", "dark_urine"),
    ("wee is the colour of strong tea, really dark", "dark_urine"),
    ("feeling very down lately", "cns_toxicity.mood"),
    ("keep seeing spiders on the ceiling", "cns_toxicity.hallucinations"),
    ("he's having a fit", "overdose_cns.convulsions"),
    ("her lips are going blue", "respiratory_depression.breathing"),
    ("pupils are really small", "overdose_cns.miosis"),
    ("can't breathe properly", "respiratory_depression.breathing"),
    ("his breathing is not normal", "respiratory_depression.breathing"),
    ("she's breathing really slowly", "respiratory_depression.breathing"),
    ("heart is racing", "pounding_heartbeat"),
    ("I feel like I'm going to pass out", "cns_effects.dizziness"),
    ("passed out on the stairs", "syncope.fainting"),
    ("my legs keep spasming", "increased_spasticity"),
    ("the pins and needles in my toes", "cns_effects_rare.numbness"),
    ("got the trots", "gi_irritation.diarrhea"),
    ("BP 84/52 at clinic", "low_blood_pressure"),
    ("c/o N/V since yesterday", "nausea"),
    ("Pt c/o SOB on exertion", "respiratory_depression.breathing"),
    # typos are corrected, spelling variants too
    ("dizzyness all day", "cns_effects.dizziness"),
    ("feeling nausious", "nausea"),
    ("halucinations at night", "cns_toxicity.hallucinations"),
    ("bad diarrhoea", "gi_irritation.diarrhea"),
    ("ankle oedema", "fluid_retention.ankle_swelling"),
    ("really drowsey", "cns_effects.drowsiness"),
    # symptoms that contain a denial word are still symptoms
    ("I can't sleep", "cns_effects_rare.sleeping"),
    ("no appetite whatsoever", "appetite_loss"),
    ("can't stop shaking", "cns_effects_rare.trembling"),
    ("not able to breathe", "respiratory_depression.breathing"),
    ("my erections have stopped working", "sexual_problems"),
    ("my legs feel like noodles", "cns_effects.weakness"),
    ("I keep having these jerking fits", "overdose_cns.convulsions"),
    ("is it normal to get headaches on this?", "cns_effects_rare.headache"),
    ("I can barely stay awake at work", "cns_effects.drowsiness"),
]

# (patient words, reference that must NOT be an affirmed match)
NOT_FOUND = [
    ("I'm going on a boat trip next week", "gi_irritation.abdominal_pain"),
    ("my hands are on the wheel", "respiratory_depression.breathing"),
    ("I feel fit and well", "overdose_cns.convulsions"),
    ("sore throat for two days", "cns_effects_rare.muscle_pain"),
    ("the stuffiness is a concussion", "cns_effects.confusion"),
    ("I can't breathe through my nose", "respiratory_depression.breathing"),
    ("too many side effects to list", "overdose_cns.vision"),
    ("my vision is fine", "cns_toxicity.hallucinations"),
    ("Baclofen stopped my spasms completely", "increased_spasticity"),
    ("I'm tired of these side effects", "cns_effects_rare.tiredness"),
    ("I'm not not dizzy if that makes sense", "cns_effects.confusion"),
    ("I keep having these jerking fits", "overdose_cns.vision"),
    ("I get brain zaps", "cns_effects_rare.tiredness"),
]

# (patient words, denied reference, still-affirmed reference or None)
NEGATED = [
    ("no chest pain, but dizzy", "chest_pain", "cns_effects.dizziness"),
    ("denies CP, SOB", "respiratory_depression.breathing", None),
    ("denies CP, SOB", "chest_pain", None),
    ("I haven't had any rash or itching but my ankles are puffy", "dermatitis.rash", "fluid_retention.ankle_swelling"),
    ("the shaking has gone now", "cns_effects_rare.trembling", None),
    ("not sleepy at all, but a terrible headache", "cns_effects.drowsiness", "cns_effects_rare.headache"),
    ("I don't feel sick, just tired", "nausea", "cns_effects_rare.tiredness"),
    ("no fits, no breathing trouble", "overdose_cns.convulsions", None),
    ("my spasms are much better", "increased_spasticity", None),
    ("No c/o dizziness, c/o HA", "cns_effects.dizziness", "cns_effects_rare.headache"),
    ("nil SOB, nil CP", "respiratory_depression.breathing", None),
    ("headache subsided, still drowsy", "cns_effects_rare.headache", "cns_effects.drowsiness"),
    # a long list of denials, after a colon, stays denied to its end
    ("Denies: CP, SOB, palpitations, syncope, rash, dark urine, hallucinations. Reports: constipation",
     "cns_toxicity.hallucinations", "constipation"),
    ("Nausea? No. Headache? Yes", "nausea", "cns_effects_rare.headache"),
    ("no trouble sleeping, no appetite loss", "appetite_loss", None),
]


def affirmed(triager, text):
    matches, _ = triager.find(text)
    return {m.target for m in matches if m.status == "affirmed"}, matches


@pytest.mark.parametrize("text,ref", FOUND)
def test_patient_words_find_the_entry(triager, text, ref):
    refs, matches = affirmed(triager, text)
    assert ref in refs, matches


@pytest.mark.parametrize("text,ref", NOT_FOUND)
def test_ordinary_words_are_not_symptoms(triager, text, ref):
    refs, matches = affirmed(triager, text)
    assert ref not in refs, matches


@pytest.mark.parametrize("text,denied,kept", NEGATED)
def test_negation_scope(triager, text, denied, kept):
    matches, _ = triager.find(text)
    assert any(m.target == denied and m.status in ("negated", "resolved") for m in matches), matches
    assert not any(m.target == denied and m.status == "affirmed" for m in matches)
    if kept:
        assert any(m.target == kept and m.status == "affirmed" for m in matches), matches


@pytest.mark.parametrize("text,ref,status", [
    ("I take it for my spasms", "increased_spasticity", "indication"),
    ("prescribed baclofen for muscle spasms", "increased_spasticity", "indication"),
    ("Can baclofen cause seizures?", "overdose_cns.convulsions", "hypothetical"),
    ("what if I get a rash?", "dermatitis.rash", "hypothetical"),
    ("had a seizure years ago before starting baclofen", "overdose_cns.convulsions", "historical"),
])
def test_questions_history_and_indications_are_not_findings(triager, text, ref, status):
    matches, _ = triager.find(text)
    assert [(m.target, m.status) for m in matches] == [(ref, status)]


def test_spans_slice_the_input_and_score_typos_lower(triager):
    text = "So dizzy and nausious, with a  headache"
    matches, _ = triager.find(text)
    assert [text[m.start:m.end] for m in matches] == [m.text for m in matches] == ["dizzy", "nausious", "headache"]
    scores = {m.text: m.score for m in matches}
    assert scores["dizzy"] == 100.0 and 70 <= scores["nausious"] < 100


@pytest.mark.parametrize("text,kind", [
    ("ran out of my tablets on Sunday", "stopped_suddenly"),
    ("quit the baclofen cold turkey", "stopped_suddenly"),
    ("haven't taken it for four days", "stopped"),
    ("I'm tapering slowly as the doctor said", "not_stopped"),
    ("I think I took my dose twice", "took_too_much"),
    ("took 12 tablets", "took_too_much"),
    ("my toddler got into my bag", "ingestion"),
    ("I took them on purpose", "intentional"),
    ("he is unresponsive", "red_flag"),
])
def test_context_cues(triager, text, kind):
    _, cues = triager.find(text)
    assert kind in {c.kind for c in cues}, cues


@pytest.mark.parametrize("text,kind", [
    ("I haven't stopped it, hearing voices", "not_stopped"),
    ("hasn't stopped or missed any doses", "not_stopped"),
    ("I didn't take too many", "not_too_much"),
])
def test_a_denied_context_cue_says_the_opposite(triager, text, kind):
    matches, cues = triager.find(text)
    assert kind in {c.kind for c in cues} and "stopped_suddenly" not in {c.kind for c in cues}
    assert all(m.status == "affirmed" for m in matches)


def test_ordinary_dose_talk_is_not_an_overdose(triager):
    for text in ("I took 2 tablets this morning as usual", "should I take two tonight?",
                 "too many side effects", "I fell over by accident"):
        _, cues = triager.find(text)
        assert "took_too_much" not in {c.kind for c in cues}, text


def test_normalise_is_shared_by_lexicon_and_text():
    assert normalise("Spasming") == normalise("spasms") == normalise("spasm")
    assert normalise("can't") == normalise("cannot") == "cant"
    assert normalise("Light-headed") == "lighthead"
    assert [t.raw for t in tokenize("c/o N/V x3 days, 88/50")] == ["c/o", "N/V", "x3", "days", "88/50"]


DICTIONARIES = [Path("/usr/share/dict/american-english"), Path("/usr/share/dict/british-english")]


@pytest.mark.skipif(not all(p.exists() for p in DICTIONARIES), reason="needs Debian's wamerican and wbritish")
def test_no_dictionary_word_is_corrected_into_a_symptom(triager):
    """Real words are never typos: knowledge/en-known-words.toml must be current
    (regenerate with tests/tools/make_known_words.py)."""
    from tests.tools.make_known_words import dictionary_words
    wrong = [w for w in dictionary_words([str(p) for p in DICTIONARIES]) if triager.lexicon.correct(normalise(w), w)]
    assert wrong == []


@pytest.mark.parametrize("text,refs", [
    ("BP 84/52, RR 8", {"low_blood_pressure", "respiratory_depression.breathing"}),
    ("SpO2 89% on room air", {"respiratory_depression.breathing"}),
    ("BP 120/80 RR 14 SpO2 98%", set()),
])
def test_quoted_readings_are_read_against_thresholds(triager, text, refs):
    assert affirmed(triager, text)[0] == refs


def test_an_indication_cue_does_not_hide_a_side_effect(triager):
    refs, _ = affirmed(triager, "I take it for my spasms but it gives me headaches")
    assert refs == {"cns_effects_rare.headache"}


# ---------------------------------------------------------------- typos without rapidfuzz

from hypothesis import given, settings, strategies as st  # noqa: E402

_WORDS = st.text(alphabet="abcdeyz", max_size=9)


@settings(max_examples=400, deadline=None)
@given(_WORDS, _WORDS, st.integers(0, 3))
def test_the_plain_edit_distances_give_rapidfuzzs_numbers(a, b, limit):
    from rapidfuzz import fuzz
    from rapidfuzz.distance import OSA

    from triage_bot.reading.edits import indel_ratio, osa_distance

    assert indel_ratio(a, b) == fuzz.ratio(a, b)
    assert osa_distance(a, b, limit) == min(OSA.distance(a, b), limit + 1)


def test_a_typo_is_corrected_the_same_with_or_without_rapidfuzz(triager, monkeypatch):
    from triage_bot.reading import fuzzy

    words = ["nausious", "dizzyness", "drozzey", "halucinations", "constipaited", "sleepyness", "weeknes", "boat"]
    choices = triager.lexicon._fuzzy_choices
    monkeypatch.setattr(fuzzy, "_plain_done", [0])
    monkeypatch.setattr(fuzzy, "PLAIN_CORRECTIONS", 100)
    monkeypatch.delitem(__import__("sys").modules, "rapidfuzz", raising=False)
    plain = [fuzzy.correct_word(w, w, choices) for w in words]
    import rapidfuzz  # noqa: F401 - now the rapidfuzz path is taken
    assert plain == [fuzzy.correct_word(w, w, choices) for w in words]
    assert plain[0][0] == "nauseous" and plain[-1] is None


def test_a_long_message_costs_in_proportion_to_its_length(triager):
    """Ten times the text is about ten times the work, not a hundred: a long
    paste must not hang the line (a ratio, so the machine's speed does not matter)."""
    import time

    unit = "no chest pain but dizzy and my ankles are puffy, ran out on friday, had a coughing fit. "
    short, long_ = (unit * 400)[:2_000], (unit * 400)[:20_000]

    def best(text):
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            triager.classify(text)
            times.append(time.perf_counter() - t0)
        return min(times)
    best(short)
    assert best(long_) / best(short) < 25


def test_a_term_does_not_reach_past_and_into_another_predicate(triager):
    # "sleeping all the time" (drowsiness) is not "can't sleep and feel on edge all the time"
    refs = {f.ref for f in triager.classify("I can't sleep and feel jittery all the time").findings}
    assert "cns_effects.drowsiness" not in refs and "cns_effects_rare.sleeping" in refs


def test_and_right_before_a_terms_next_word_still_stands(triager):
    assert triager.classify("since stopping it, my legs are twitching and tight").disposition == "withdrawal"
