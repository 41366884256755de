"""Round 6 of the conversation red team, in our own words: a carer who says
"he just won't wake", a child found with tablets told late in the call, a stop
told after a "no", counts taken back ("it was 2, not 20"), and a seizure the
caller then dates to long ago."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from triage_bot.conversation import Engine

NOW = datetime(2026, 12, 7, 16, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def engine(triager):
    return Engine(triager, clock=lambda: NOW)


def chat(engine, *messages):
    state, _greeting = engine.start("r6")
    dispositions = []
    for message in messages:
        state, _replies = engine.step(state, message)
        dispositions.append(engine.result(state).disposition)
    return state, dispositions


# ---------------------------------------------------------------- an adverb inside "he won't wake"

@pytest.mark.parametrize("text", [
    "she really won't wake up",
    "my dad still won't wake, we've been shouting at him",
    "he simply isn't responding to us",
    "my wife just doesn't wake when I call her",
])
def test_an_adverb_between_a_person_and_a_denied_waking_is_still_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency", text


def test_a_carer_who_cannot_wake_someone_late_in_the_call_is_an_emergency(engine):
    _state, dispositions = chat(engine, "my partner has been dozing on the sofa since lunch",
                                "no, nothing extra that I know of",
                                "we tried to get him up for dinner and he really won't wake up")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- a child named by its age

@pytest.mark.parametrize("text", [
    "I just caught my 2 year old with my baclofen strip",
    "my four year old has been into my tablets, I think a couple are gone",
    "our 20 month old has been at the pill organiser",
])
def test_a_child_named_by_its_age_with_the_tablets_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency", text


def test_a_child_at_the_tablets_told_after_a_mild_sign_is_an_emergency(engine):
    _state, dispositions = chat(engine, "I feel a bit light headed this morning",
                                "oh no, hold on, I've just found my 3 year old with my pills and the box is open")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- a stop told later with its own reason

@pytest.mark.parametrize("answer", [
    "oh wait, I did come off it on Monday, because the tablets were making me feel sick",
    "well I quit them at the weekend as they made my head ache",
])
def test_a_stop_told_later_with_a_reason_of_its_own_is_a_stop_for_the_earlier_sign(engine, answer):
    _state, dispositions = chat(engine, "I can hear people talking in the kitchen when nobody is there", "no", answer)
    assert dispositions[-1] == "withdrawal", answer



# ---------------------------------------------------------------- a count taken back

@pytest.mark.parametrize("messages", [
    ("my mum swallowed 30 of her baclofen at breakfast", "oh hang on, no, it was 3 not 30, sorry, that's her usual",
     "she's a little sleepy but otherwise fine"),
    ("I think I took 12 tonight", "sorry, I mean I only took one, 12 is what's left in the strip"),
])
def test_an_overdose_count_the_caller_corrects_to_a_usual_dose_is_no_longer_an_emergency(engine, messages):
    state, dispositions = chat(engine, *messages)
    assert dispositions[0] == "emergency"
    assert dispositions[-1] != "emergency", messages
    assert not state.emergency


def test_a_corrected_count_that_is_still_too_many_stays_an_emergency(engine):
    _state, dispositions = chat(engine, "he took 20 of his tablets", "sorry, I mean 15, not 20")
    assert dispositions[-1] == "emergency"


def test_a_corrected_count_does_not_lift_an_emergency_sign(engine):
    _state, dispositions = chat(engine, "she took 20 and her breathing is really slow",
                                "no wait, it was 2 not 20")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- a sign the caller then dates to long ago

@pytest.mark.parametrize("dating", [
    "sorry, I should say, that was a long time ago, when she was a teenager",
    "no no, that was ages ago, before he ever started on baclofen",
    "oh that was years back, nothing since",
])
def test_a_seizure_the_caller_dates_to_long_ago_is_no_longer_an_emergency(engine, dating):
    state, dispositions = chat(engine, "she had a fit", dating, "today she's just a bit dizzy")
    assert dispositions[0] == "emergency"
    assert dispositions[-1] == "if_bothersome", dating
    assert not state.emergency


def test_a_seizure_dated_to_today_stays_an_emergency(engine):
    _state, dispositions = chat(engine, "my brother had a seizure", "that was about an hour ago")
    assert dispositions[-1] == "emergency"


def test_a_long_ago_date_does_not_lift_an_emergency_sign_told_beside_it(engine):
    _state, dispositions = chat(engine, "he had a seizure and now his breathing is very slow",
                                "the seizure was years ago")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- pump calls

@pytest.mark.parametrize("text", [
    "the alarm on her pump has gone off",
    "his itb pump went off in the night",
])
def test_a_pump_alarm_that_has_gone_off_is_a_pump_problem(triager, text):
    assert triager.classify(text).disposition == "withdrawal", text


@pytest.mark.parametrize("text", [
    "my intrathecal pump refill is due on the 14th, it's all fine",
    "the reservoir refill for my pump is due in a fortnight",
])
def test_a_pump_refill_booked_ahead_is_no_pump_problem(triager, text):
    assert triager.classify(text).disposition == "none", text


def test_a_pump_refill_that_was_due_is_still_a_pump_problem(triager):
    assert triager.classify("my pump refill was due on Monday and nobody came").disposition == "withdrawal"


# ---------------------------------------------------------------- "none since": no dose since

@pytest.mark.parametrize("answer", [
    "nope, none since Thursday night",
    "no, had none since the chemist shut on Saturday",
    "none taken since Tuesday",
    "she hasn't had a single tablet since Sunday",
])
def test_no_dose_since_told_as_an_answer_is_a_stop(engine, answer):
    _state, dispositions = chat(engine, "my mum says she can see children in the garden who aren't there", answer)
    assert dispositions[-1] == "withdrawal", answer


def test_a_no_that_denies_the_stop_in_its_own_words_is_still_no_stop(engine):
    _state, dispositions = chat(engine, "my mum says she can see children in the garden who aren't there",
                                "no, she's had every dose, none missed")
    assert dispositions[-1] == "medical_attention"


# ---------------------------------------------------------------- told in a clause of its own, or by a pronoun

@pytest.mark.parametrize("text", [
    "her temperature is 39.3 and her neck is very stiff",
    "a high temperature, and now his neck has gone stiff",
])
def test_a_fever_reading_then_a_stiff_neck_in_its_own_clause_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency", text


def test_a_normal_temperature_beside_a_stiff_neck_is_no_emergency(triager):
    assert triager.classify("my neck is stiff but my temperature is 36.8").disposition != "emergency"


def test_a_child_who_got_hold_of_the_tablets_told_by_a_pronoun_is_an_emergency(engine):
    _state, dispositions = chat(engine, "my grandson is 4 and he keeps being sick",
                                "he got hold of my baclofen earlier, no idea how many")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- breathlessness then called usual

@pytest.mark.parametrize("clarified", [
    "just when I walk up the hill to the shops, it's always been like that with my emphysema",
    "only going upstairs, that's normal for me, I've had asthma for years",
])
def test_breathlessness_the_caller_then_calls_usual_with_effort_is_no_longer_an_emergency(engine, clarified):
    state, dispositions = chat(engine, "I get short of breath", clarified)
    assert dispositions[0] == "emergency"
    assert dispositions[-1] != "emergency", clarified


def test_breathlessness_called_usual_beside_blue_lips_stays_an_emergency(engine):
    _state, dispositions = chat(engine, "I get short of breath",
                                "it's normal for me on the stairs, but today my lips have gone blue")
    assert dispositions[-1] == "emergency"


def test_calling_a_sign_usual_does_not_lift_an_emergency_kept_for_another_reason(engine):
    # the overdose was denied without an amount, so its emergency is kept; "as always" of the
    # drowsiness must not lift it
    _state, dispositions = chat(engine, "I took 20 tablets and feel drowsy", "actually no, I didn't take too many",
                                "being drowsy is normal for me, nothing new")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- a sign the caller renames

@pytest.mark.parametrize("renamed", [
    "oh sorry, I mean a crying fit, she was upset, she's calm now",
    "wait, I meant a sneezing fit, sorry to scare you",
])
def test_a_fit_the_caller_renames_in_a_correction_is_no_longer_an_emergency(engine, renamed):
    state, dispositions = chat(engine, "my daughter just had a fit", renamed)
    assert dispositions[0] == "emergency"
    assert dispositions[-1] != "emergency", renamed
    assert not state.emergency


def test_a_fit_told_again_beside_the_renaming_words_stays_an_emergency(engine):
    _state, dispositions = chat(engine, "my daughter just had a fit",
                                "sorry, I mean she had a proper fit, not a crying fit, she went stiff and was jerking")
    assert dispositions[-1] == "emergency"


def test_a_sign_dated_back_does_not_lift_an_emergency_kept_after_a_bare_denial(engine):
    _state, dispositions = chat(engine, "he swallowed 25 of them and then had a fit",
                                "actually no, he didn't take too many", "sorry, that was years ago, when he was a kid")
    assert dispositions[-1] == "emergency"


def test_a_seizure_dated_back_after_a_plain_no_to_the_overdose_question_is_lifted(engine):
    state, dispositions = chat(engine, "my son is really drowsy today", "no, he takes them as he should",
                               "he had a seizure too", "oh sorry, that was years ago, when he was a toddler")
    assert dispositions[2] == "emergency"
    assert dispositions[-1] != "emergency"


# ---------------------------------------------------------------- hallucinations in everyday words

@pytest.mark.parametrize("text", [
    "she hears the telly when it's switched off",
    "I can hear a song playing but nothing is on",
    "grandad is chatting to people who aren't in the room",
])
def test_a_sound_nothing_makes_or_people_not_in_the_room_are_hallucinations(triager, text):
    assert triager.classify(text).disposition == "medical_attention", text


def test_a_hearing_aid_that_is_off_is_no_hallucination(triager):
    assert triager.classify("I can't hear well because my hearing aid isn't on").disposition == "none"


def test_the_usual_dose_named_without_a_count_does_not_lift_an_overdose_emergency(engine):
    _state, dispositions = chat(engine, "my brother took 20 of his tablets", "sorry, that's his usual dose")
    assert dispositions[-1] == "emergency"


# ---------------------------------------------------------------- a pump patient with a sign, no problem told

def test_a_pump_patient_with_new_confusion_needs_the_pump_checked_today(engine):
    _state, dispositions = chat(engine, "my wife has an intrathecal baclofen pump",
                                "she's been muddled and confused since this morning")
    assert dispositions[-1] == "withdrawal"


def test_a_pump_patient_with_fever_and_rigid_legs_is_an_emergency(triager):
    text = "ITB patient, temp 39.1, legs gone rigid"
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "I use an insulin pump and I feel a bit confused today",
    "I have a baclofen pump and I'm a bit dizzy",
])
def test_another_pump_or_a_mild_sign_is_not_intrathecal_withdrawal(triager, text):
    assert triager.classify(text).disposition not in ("withdrawal", "emergency"), text


# ---------------------------------------------------------------- a denial carried on into the next turn

@pytest.mark.parametrize("follow", ["or any trouble breathing", "nor any ringing in my ears"])
def test_a_turn_opening_with_or_after_a_denial_goes_on_denying(engine, follow):
    state, _dispositions = chat(engine, "I haven't had any dizziness", follow, "only a bit of nausea")
    assert engine.result(state).disposition == "if_bothersome", follow


def test_a_turn_opening_with_or_that_turns_with_but_reports(engine):
    state, _dispositions = chat(engine, "no headaches", "or dizziness, but my ears are ringing")
    assert engine.result(state).disposition == "medical_attention"


# ---------------------------------------------------------------- a "yes" that says the sign again

def test_a_yes_that_says_the_sign_again_does_not_answer_the_overdose_question(engine):
    state, dispositions = chat(engine, "I've felt lightheaded this week", "yes I'm lightheaded, ever since I started it")
    assert dispositions[-1] != "emergency"
    assert state.pending is not None  # the question is asked again
    state, dispositions = chat(engine, "I've felt lightheaded this week", "yes I'm lightheaded, ever since I started it",
                               "no, never more than I'm prescribed", "a fortnight, it's not bad", "no that's all")
    assert dispositions[-1] == "if_bothersome"


def test_a_yes_with_a_new_sign_still_answers_the_question(engine):
    _state, dispositions = chat(engine, "my husband is really drowsy", "yes, and his breathing has slowed right down")
    assert dispositions[-1] == "emergency"
