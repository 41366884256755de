"""Round 5 of the conversation red team, in our own words: a reply that opens
with "no" and then tells of an overdose, learner English about tablets taken,
signs that have passed but still need a doctor, and mood told in lay words."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from triage_bot.conversation import Engine

NOW = datetime(2026, 12, 6, 22, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def engine(triager):
    return Engine(triager, clock=lambda: NOW)


def chat(engine, *messages):
    state, _greeting = engine.start("r5")
    dispositions = []
    for message in messages:
        state, _replies = engine.step(state, message)
        dispositions.append(engine.result(state).disposition)
    return state, dispositions


# ---------------------------------------------------------------- a "no" that opens a yes

@pytest.mark.parametrize("answer", [
    "no she took too many, the new box is half gone",
    "no, he's had far too many, I counted the strip",
    "nope she took too much and now she's drowsier",
])
def test_a_reply_opening_with_no_that_tells_of_too_many_is_an_emergency(engine, answer):
    _state, dispositions = chat(engine, "my mum keeps nodding off in her chair", answer)
    assert dispositions[-1] == "emergency", answer


@pytest.mark.parametrize("text", [
    "no my daughter swallowed some of my baclofen",
    "no i took extra ones at lunch",
])
def test_a_no_before_its_subject_denies_nothing_in_one_message(triager, text):
    assert triager.classify(text).disposition == "emergency", text


@pytest.mark.parametrize("answer", [
    "nope, missed a couple over the weekend",
    "nah, skipped a few this week",
])
def test_a_no_that_opens_a_missed_dose_says_it_stopped(engine, answer):
    _state, dispositions = chat(engine, "i hear music playing when nothing is on", answer)
    assert dispositions[-1] == "withdrawal", answer


@pytest.mark.parametrize("answer", [
    "no, he never has extra",
    "no, just a bit more tired than usual",
    "no he doesn't take too many",
])
def test_a_no_followed_by_a_denial_or_a_plain_yes_word_is_no_overdose(engine, answer):
    _state, dispositions = chat(engine, "my husband is dozy after his tablets", answer)
    assert "emergency" not in dispositions, answer


def test_a_no_before_a_denial_still_denies_in_one_message(triager):
    assert triager.classify("no he hasn't had a rash").disposition == "none"


@pytest.mark.parametrize("answer, disposition", [
    ("no, she's breathing ever so slowly", "emergency"),
    ("no the room is spinning round", "if_bothersome"),
    ("no it's all blurry when she reads", "emergency"),
])
def test_a_sign_told_after_an_opening_no_is_heard(engine, answer, disposition):
    _state, dispositions = chat(engine, "my aunt has a nasty headache", answer)
    assert dispositions[-1] == disposition, answer


# ---------------------------------------------------------------- learner English and vague counts

@pytest.mark.parametrize("text", [
    "my father take 12 tablet of baclofen this afternoon",
    "grandma she take many pill, she is very sleep now",
    "my brother swallowed so many of his tablets",
    "she had loads of tablets at once",
])
def test_a_learners_bare_verb_or_a_vague_count_of_tablets_is_an_overdose(triager, text):
    assert triager.classify(text).disposition == "emergency", text


@pytest.mark.parametrize("text", [
    "my father take 2 tablet every morning",
    "should she take 12 tablets?",
    "I take lots of tablets for my blood pressure",
    "she takes 12 tablets a day",
    "he drinks lots of tea",
])
def test_a_regimen_a_question_or_a_vague_count_of_something_else_is_no_overdose(triager, text):
    assert triager.classify(text).disposition != "emergency", text


# ---------------------------------------------------------------- signs that still count once passed

@pytest.mark.parametrize("text", [
    "there was a tight pain in my chest after lunch but it went away",
    "had chest pain on the stairs, it has settled now",
])
def test_chest_pain_that_has_passed_still_needs_the_doctor(triager, text):
    assert triager.classify(text).disposition == "medical_attention", text


def test_a_rash_that_has_cleared_is_still_set_aside(triager):
    assert triager.classify("came out in a rash on Monday but it has cleared up").disposition == "none"


@pytest.mark.parametrize("later", ["that's gone now", "the chest pain has gone now"])
def test_chest_pain_said_to_be_gone_in_a_later_turn_stays_and_is_explained(engine, later):
    state, replies = engine.start("r5")
    state, _replies = engine.step(state, "I've had pains across my chest today")
    state, replies = engine.step(state, later)
    assert engine.result(state).disposition == "medical_attention"
    assert any("still needs checking" in r for r in replies), replies


def test_a_mild_sign_taken_back_is_not_said_to_be_bothering(engine):
    state, _replies = engine.start("r5")
    state, _replies = engine.step(state, "my stomach has been upset with the tablets")
    state, replies = engine.step(state, "actually that's gone now")
    assert engine.result(state).disposition == "none"
    assert not any("continuing or bothering you" in r for r in replies), replies


# ---------------------------------------------------------------- low mood told with "been"

@pytest.mark.parametrize("text", [
    "I've been so low since the dose went up",
    "my husband has been really down these last weeks",
    "been down and low most days",
])
def test_low_mood_told_with_been_needs_the_doctor(triager, text):
    assert triager.classify(text).disposition == "medical_attention", text


@pytest.mark.parametrize("text", [
    "I've been down to the surgery for my repeat",
    "we have been low on tablets since friday so I rationed them",
    "I've been down to half a tablet at night",
])
def test_been_down_to_a_place_or_low_on_tablets_is_no_mood(triager, text):
    result = triager.classify(text)
    assert all("mood" not in f.sign for f in result.findings), text


# ---------------------------------------------------------------- pinpoint pupils beside drowsiness

def test_tiny_pupils_told_after_drowsiness_are_an_emergency(engine):
    _state, dispositions = chat(engine, "he's so sleepy this evening", "I don't believe so",
                                "his pupils have gone really small too")
    assert dispositions[-1] == "emergency"


@pytest.mark.parametrize("text", ["her pupils are very small today", "my pupils look tiny and I feel a bit dizzy"])
def test_tiny_pupils_without_drowsiness_or_an_overdose_wait_for_the_doctor(triager, text):
    assert triager.classify(text).disposition == "medical_attention", text


# ---------------------------------------------------------------- another person's tablets

@pytest.mark.parametrize("text", [
    "my nephew swallowed his gran's tablets",
    "she had a few of her mum's pills last night",
    "he took his own dose and then his dad's too",
])
def test_another_persons_tablets_taken_are_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency", text


@pytest.mark.parametrize("text", [
    "I took my sister's advice and rang the surgery",
    "we had my uncle's birthday meal on sunday",
    "I took mine and then my wife took hers",
])
def test_anothers_things_or_each_their_own_dose_are_no_overdose(triager, text):
    assert triager.classify(text).disposition != "emergency", text


def test_a_nope_then_another_persons_tablets_answers_the_overdose_question(engine):
    _state, dispositions = chat(engine, "my uncle is awfully drowsy", "nope he had his and then his wife's")
    assert dispositions[-1] == "emergency"


def test_a_possessive_step_cannot_open_a_pattern(tmp_path):
    from triage_bot.knowledge import KnowledgeError
    from triage_bot.reading.patterns import compile_pattern
    with pytest.raises(KnowledgeError):
        compile_pattern("{someone}'s tablets", {"someone": frozenset({"mum"})}, "test")


def test_some_of_anothers_food_is_no_overdose(triager):
    assert triager.classify("had some of my gran's stew for tea").disposition == "none"


# ---------------------------------------------------------------- vomiting with drowsiness now

@pytest.mark.parametrize("text", ["been sick three times and feel so drowsy", "threw up after lunch and im sleepy"])
def test_vomiting_with_drowsiness_told_now_needs_care_today(triager, text):
    assert triager.classify(text).disposition == "medical_attention", text


def test_vomiting_and_drowsiness_told_as_a_past_review_stay_mild(triager):
    assert triager.classify("the first week I vomited and felt drowsy").disposition == "if_bothersome"


# ---------------------------------------------------------------- questions asked back

def test_a_question_asked_back_for_how_long_is_not_read_as_bothering(engine):
    state, _replies = engine.start("r5")
    state, _replies = engine.step(state, "I've had a thumping head since the weekend")
    state, replies = engine.step(state, "will it wear off by itself?")
    assert not any("continuing or bothering you" in r for r in replies), replies
    assert any("doctor or pharmacist" in r for r in replies), replies
    assert engine.result(state).disposition == "if_bothersome"


def test_a_span_told_after_the_question_is_still_an_answer(engine):
    state, _replies = engine.start("r5")
    state, _replies = engine.step(state, "I've had a thumping head since the weekend")
    state, replies = engine.step(state, "how long? about four days now, not too bad")
    assert not any("doctor or pharmacist" in r for r in replies), replies


def test_a_question_asked_when_asked_for_anything_else_is_answered(engine):
    state, _replies = engine.start("r5")
    for message in ("my tummy aches after my tablets", "a couple of days, it's mild"):
        state, _replies = engine.step(state, message)
    state, replies = engine.step(state, "can I take ibuprofen with it?")
    assert any("doctor or pharmacist" in r for r in replies), replies


# ---------------------------------------------------------------- the usual dose, and "not on purpose"

@pytest.mark.parametrize("answer", ["just her normal 2", "only her usual 3 tablets"])
def test_the_usual_dose_counted_in_an_answer_is_no_overdose(engine, answer):
    _state, dispositions = chat(engine, "my gran is awfully sleepy", answer)
    assert dispositions[-1] != "emergency", answer


def test_her_usual_and_then_more_is_still_an_overdose(engine):
    _state, dispositions = chat(engine, "my gran is awfully sleepy", "she took her usual and then 3 more")
    assert dispositions[-1] == "emergency"


@pytest.mark.parametrize("answer", ["not on purpose", "not intentionally, but he is forgetful"])
def test_not_on_purpose_is_the_safer_yes(engine, answer):
    _state, dispositions = chat(engine, "my brother is very drowsy", answer)
    assert dispositions[-1] == "emergency", answer


def test_cutting_down_told_with_been_is_no_low_mood(triager):
    assert triager.classify("i've been cutting down on them myself").disposition == "none"


@pytest.mark.parametrize("answer", ["I've been cutting it down myself", "been rationing them, the chemist had none"])
def test_a_dose_cut_or_rationed_answers_the_stop_question_yes(engine, answer):
    _state, dispositions = chat(engine, "there are voices in the next room and nobody is there", answer)
    assert dispositions[-1] == "withdrawal", answer


def test_vomiting_told_in_a_later_turn_beside_drowsiness_needs_care_today(engine):
    _state, dispositions = chat(engine, "my wife is drowsy and muddled", "no, not that I know of",
                                "she has just thrown up as well")
    assert dispositions[-1] == "medical_attention"


def test_sick_of_it_is_no_vomiting(triager):
    assert triager.classify("I've been sick of feeling drowsy all the time").context["vomiting"] is False


# ---------------------------------------------------------------- "know" typed as "no"

@pytest.mark.parametrize("answer", ["i dont no", "dnt kno tbh"])
def test_dont_know_typed_as_no_is_unsure_and_the_safer_yes(engine, answer):
    _state, dispositions = chat(engine, "my dad is so drowsy", answer)
    assert dispositions[-1] == "emergency", answer


@pytest.mark.parametrize("answer", ["I don't, no", "I didn't, no"])
def test_a_denial_then_no_across_a_comma_stays_no(engine, answer):
    _state, dispositions = chat(engine, "I'm drowsy after my tablets", answer)
    assert dispositions[-1] == "if_bothersome", answer


# ---------------------------------------------------------------- emergency signs told late, in lay words

def test_a_drooping_face_told_in_a_later_turn_is_an_emergency(engine):
    _state, dispositions = chat(engine, "I've got a bad head today", "since this morning", "no",
                                "hang on, my son says the left of my face is drooping and I'm slurring")
    assert dispositions[-1] == "emergency"


@pytest.mark.parametrize("text", ["her smile has gone crooked and she can't get her words out",
                                  "his face has dropped on one side"])
def test_the_signs_of_a_stroke_are_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency", text


@pytest.mark.parametrize("text", ["a few spots on one side of my face", "my eyelids feel droopy when I'm tired"])
def test_a_face_or_eyelids_without_a_droop_are_no_emergency(triager, text):
    assert triager.classify(text).disposition != "emergency", text


def test_a_head_she_cannot_hold_up_is_severe_weakness(engine):
    _state, dispositions = chat(engine, "mum is very drowsy", "no", "she can't hold her head up now")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- an age or a regimen is no count taken

@pytest.mark.parametrize("answer", ["he's 81, been on baclofen since the spring", "she is 90", "she's 77 and takes 2 a day"])
def test_an_age_or_a_regimen_answering_the_too_much_question_is_no_overdose(engine, answer):
    _state, dispositions = chat(engine, "my grandad is very muddled today", answer)
    assert dispositions[-1] != "emergency"


def test_a_count_taken_still_answers_the_too_much_question(engine):
    _state, dispositions = chat(engine, "my grandad is very muddled today", "he might have had 6 of them")
    assert dispositions[-1] == "emergency"


def test_a_stop_owned_up_to_later_overrides_the_earlier_no(engine):
    _state, dispositions = chat(engine, "there are people in my room at night who aren't there",
                                "no, I never miss", "hang on, I skipped Friday and Saturday")
    assert dispositions[-1] == "withdrawal"


def test_a_pack_found_half_empty_a_day_after_it_was_new_is_an_overdose(engine):
    _state, dispositions = chat(engine, "my wife is ever so drowsy", "I don't think so",
                                "hang on, the box is nearly empty and it was new yesterday")
    assert dispositions[-1] == "emergency"


def test_doses_stretched_out_to_make_them_last_are_a_stop(engine):
    _state, dispositions = chat(engine, "my legs have gone really tight", "no",
                                "well, I've been taking them every other day to make them last")
    assert dispositions[-1] == "withdrawal"
