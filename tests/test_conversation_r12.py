"""Round 12 of the conversation red team, in our own words: a sign blamed on something else in a
later turn, a question the caller already answered ("as prescribed", a cut told as sudden), an
answer about the sign while the too-much question waits, and a carer who fills the dosette."""
from __future__ import annotations

import pytest

from .test_conversation_round6 import chat, engine  # noqa: F401 - the same clocked engine and call runner


# ---------------------------------------------------------------- a sign blamed elsewhere later

@pytest.mark.parametrize("messages", [
    ("my arms have come up in an itchy rash", "hmm, I reckon the rash is down to the new soap, nothing to do with the tablets",
     "no that's all"),
    ("I've got a rash on my legs", "oh wait, the rash is from the brambles at the allotment", "that's all"),
    ("my skin is blotchy and itchy", "thinking about it the itching is probably the new detergent, not the baclofen",
     "no that's all"),
    ("I've got a rash", "actually I think that's from the cat, nothing to do with the tablets", "no that's all"),
])
def test_a_sign_blamed_on_something_else_later_is_set_aside(engine, messages):
    state, dispositions = chat(engine, *messages)
    assert dispositions[-1] in ("none", "if_bothersome"), messages
    assert not any(f.ref == "dermatitis.rash" for f in engine.result(state).findings)


def test_a_blame_elsewhere_sets_aside_only_the_sign_it_names(engine):
    state, dispositions = chat(engine, "I've got a headache and a rash",
                               "the rash is from the hedge I was cutting but the headache is bad", "no", "no that's all")
    refs = {f.ref for f in engine.result(state).findings}
    assert "dermatitis.rash" not in refs and "cns_effects_rare.headache" in refs


@pytest.mark.parametrize("messages", [
    ("I've got a rash", "I think the rash is from the tablets", "no that's all"),
    ("I've got a rash", "I'm not sure if the rash is the baclofen or the new shampoo", "no that's all"),
    ("I've got a rash", "the rash is probably the worst bit, it's spreading", "no that's all"),
    ("I've had some chest pain", "the chest pain is from the gym I think, not the baclofen", "no that's all"),
])
def test_a_blame_on_the_medicine_or_in_doubt_keeps_the_sign(engine, messages):
    _state, dispositions = chat(engine, *messages)
    assert dispositions[-1] == "medical_attention", messages


@pytest.mark.parametrize("messages", [
    ("my tongue is swelling up and my throat feels tight", "it's probably from the prawns I ate, not the baclofen", "bye"),
    ("he had a fit an hour ago", "the fit is from him banging his head, not the tablets", "no"),
])
def test_an_emergency_sign_blamed_elsewhere_stays_an_emergency(engine, messages):
    _state, dispositions = chat(engine, *messages)
    assert dispositions[-1] == "emergency", messages


# ---------------------------------------------------------------- a question already answered

@pytest.mark.parametrize("text", [
    "I'm a bit dizzy but I take it exactly as prescribed",
    "I feel slightly drowsy. I only take what my doctor prescribed, never more",
    "I'm a little lightheaded, I've been taking it just as the doctor said",
])
def test_taken_as_prescribed_answers_the_too_much_question_too(engine, text):
    state, _dispositions = chat(engine, text)
    assert state.pending != "took_too_much", text
    assert not any(q.id == "took_too_much" for q in engine.result(state).questions)


def test_taken_as_prescribed_gives_way_to_an_excess_told_beside_it(triager):
    result = triager.classify("I normally take it as prescribed but yesterday I took 4 extra and now I'm drowsy")
    assert result.disposition == "emergency"


@pytest.mark.parametrize("text", [
    "I halved it suddenly on Saturday and now I'm hearing voices",
    "I cut my dose in half overnight and my legs are spasming much worse",
    "I suddenly halved my baclofen and I feel really restless",
])
def test_a_cut_told_as_sudden_is_a_stop_and_is_not_asked_about(triager, text):
    result = triager.classify(text)
    assert result.disposition == "withdrawal", text
    assert not any(q.id == "stopped_suddenly" for q in result.questions)


def test_a_sudden_symptom_after_a_cut_is_no_sudden_cut(triager):
    # "suddenly" there is when the dizziness came, not how the dose was cut
    result = triager.classify("I cut my dose and suddenly I felt dizzy")
    assert result.disposition != "withdrawal"


# ---------------------------------------------------------------- an answer about the sign

@pytest.mark.parametrize("answer", [
    "a few days now, it comes and goes",
    "on and off for about a week",
    "it's worse when I stand up quickly",
    "it comes and goes",
])
def test_an_answer_about_a_mild_sign_keeps_it_mild_while_the_question_waits(engine, answer):
    state, dispositions = chat(engine, "I've been a bit lightheaded", answer)
    assert dispositions[-1] == "if_bothersome", answer
    assert state.pending == "took_too_much"


def test_an_empty_answer_beside_a_mild_sign_still_gets_the_same_day_check(engine):
    _state, dispositions = chat(engine, "I'm a bit sleepy", "erm")
    assert dispositions[-1] == "medical_attention"


# ---------------------------------------------------------------- a carer who fills the dosette

@pytest.mark.parametrize("answer", [
    "he's had all his tablets, I fill his pill organiser every Sunday",
    "she's had all of hers, I sort them into her dosette myself",
    "I make up her dosette every week so she can't take extra",
    "she's taken all her tablets as normal, I put them in her dosette box",
])
def test_a_carer_who_sets_out_the_doses_answers_no(engine, answer):
    _state, dispositions = chat(engine, "my mum has been a bit drowsy this week", answer, "no that's all")
    assert dispositions[-1] == "if_bothersome", answer


@pytest.mark.parametrize("answer", [
    "I think he's swallowed all the tablets from his dosette box in one go",
    "he took all his tablets, I fill his dosette",
    "I fill her dosette and today it's empty and it's only Tuesday",
])
def test_a_dosette_emptied_or_taken_all_at_once_is_still_an_overdose(engine, answer):
    _state, dispositions = chat(engine, "my dad is a bit drowsy", answer)
    assert dispositions[-1] == "emergency", answer


def test_a_correction_to_taken_as_prescribed_takes_back_a_stop_but_not_an_overdose(engine):
    _state, dispositions = chat(engine, "I keep seeing things", "yes I stopped it on Monday",
                                "wait no, sorry, I've been taking it as prescribed")
    assert dispositions[-1] == "medical_attention"
    _state, dispositions = chat(engine, "I'm drowsy", "yes I took 5 extra", "wait no, sorry, I take it as prescribed")
    assert dispositions[-1] == "emergency"


@pytest.mark.parametrize("messages", [
    ("I've got a rash", "the rash is from last week, it's still there", "no that's all"),
    ("I keep feeling sick", "it comes from nowhere", "no", "no that's all"),
])
def test_a_time_after_from_is_no_cause_elsewhere(engine, messages):
    state, _dispositions = chat(engine, *messages)
    assert engine.result(state).findings, messages


def test_a_sign_blamed_elsewhere_after_an_abrupt_stop_still_counts(engine):
    _state, dispositions = chat(engine, "I ran out of baclofen on Friday and I'm seeing things",
                                "actually the visions are probably from the new sleeping tablets, not the baclofen")
    assert dispositions[-1] in ("withdrawal", "emergency")
