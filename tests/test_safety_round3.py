"""Third safety red team: emergencies said in learner English, by carers, in
nurse shorthand and in texting, and calm messages that only sound alarming
(questions, pets that ate nothing, usual breathlessness, the past).  Every
phrasing is our own."""
from __future__ import annotations

import shutil

import pytest

from triage_bot.knowledge import KnowledgeError, load_knowledge
from triage_bot.triager import Triager

from .conftest import KNOWLEDGE


def disposition(triager, text):
    return triager.classify(text).disposition


# ---------------------------------------------------------------- not waking, not answering

@pytest.mark.parametrize("text", [
    # a learner leaves out "does": "he no wake", "she no can wake up", "and no talk"
    "my aunt she no can wake up this morning",
    "my father fall in kitchen and no talk",
    "he lie on the bed and not answer when i call",
    "my son no hear me, i shout and shout",
    "she faint and after not wake",
    "my wife she not open eye",
])
def test_a_learner_saying_someone_does_not_wake_or_answer_is_an_emergency(triager, text):
    assert disposition(triager, text) == "emergency"


@pytest.mark.parametrize("text", [
    "his eyes open for a second then he goes straight back to sleep",
    "my nan is in and out of consciousness",
    "I can't get any response from my dad at all",
    "grandma only moans when I shake her",
    "we can't keep him awake, he keeps going under",
    "he's barely conscious and very pale",
    "my husband won't stay awake, he slumps back every time",
])
def test_consciousness_that_comes_and_goes_is_an_emergency(triager, text):
    assert disposition(triager, text) == "emergency"


@pytest.mark.parametrize("text", [
    "my son won't stay awake in the afternoons since the dose went up",
    "my husband doesn't talk much about his feelings",
    "she comes round to visit on sundays",
])
def test_everyday_sleepiness_and_talk_are_no_emergency(triager, text):
    assert disposition(triager, text) != "emergency"


# ---------------------------------------------------------------- nurse shorthand

@pytest.mark.parametrize("text", [
    "resp 5/min on baclofen",
    "GCS 8",
    "GCS 6/15 on arrival",
    "pt unresp on arrival",
    "?OD of baclofen",
    "?baclofen toxicity, drowsy",
    "baclofen OD suspected by staff",
])
def test_nurse_shorthand_for_an_emergency_is_an_emergency(triager, text):
    assert disposition(triager, text) == "emergency"


@pytest.mark.parametrize("text", ["GCS 15, alert and orientated", "resp 16/min, sats 97%",
                                  "baclofen 10mg od"])
def test_normal_observations_and_a_once_daily_dose_are_calm(triager, text):
    assert disposition(triager, text) != "emergency"


# ---------------------------------------------------------------- fits and breathing in plain words

@pytest.mark.parametrize("text", [
    "my son eyes go up and the arms shaking",
    "she was on the floor with foam at mouth",
    "all the body of my husband is shaking and he no answer",
])
def test_a_fit_told_by_its_look_is_an_emergency(triager, text):
    assert disposition(triager, text) == "emergency"


def test_eyes_rolled_at_someone_are_no_fit(triager):
    assert disposition(triager, "my teenager rolled her eyes at me when I asked") != "emergency"


@pytest.mark.parametrize("text", [
    "my mother breath very little",
    "the breath not coming good since the tablet",
    "i feel no air in the night",
    "her chest is hardly going up and down",
    "it's like breathing through a straw",
])
def test_troubled_breathing_in_plain_words_is_an_emergency(triager, text):
    assert disposition(triager, text) == "emergency"


# ---------------------------------------------------------------- overdoses and intent

@pytest.mark.parametrize("text", [
    "he drank all the tablets in the bottle",
    "took 2 many of my tabs",
    "my sister left a goodbye message and took her tablets",
])
def test_an_overdose_in_a_learner_or_texter_words_is_an_emergency(triager, text):
    assert disposition(triager, text) == "emergency"


@pytest.mark.parametrize("text", [
    "took them all dont want 2 wake up",
    "I swallowed a load of my baclofen because I can't cope anymore",
])
def test_an_overdose_taken_in_despair_gets_the_crisis_line(triager, text):
    result = triager.classify(text)
    assert result.disposition == "emergency" and "988" in result.advice


def test_thoughts_of_taking_ones_own_life_get_the_crisis_line(triager):
    result = triager.classify("I keep having thoughts of taking my own life")
    assert result.disposition != "none" and "988" in result.advice


def test_taking_the_dose_for_spasms_one_cannot_cope_with_is_no_overdose(triager):
    assert disposition(triager, "I took my baclofen because I can't cope with the spasms") != "emergency"


# ---------------------------------------------------------------- after a stop

def test_a_learner_stop_and_paranoia_after_it_is_withdrawal(triager):
    assert disposition(triager, "my mum stop her baclofen alone and now she think the nurses want to poison her") \
        in ("withdrawal", "emergency")


def test_stiffness_after_finishing_the_tablets_is_withdrawal(triager):
    assert disposition(triager, "after i finish the tablet and not take more, the arm is very stiff") \
        in ("withdrawal", "emergency")


# ---------------------------------------------------------------- calm look-alikes

@pytest.mark.parametrize("text", [
    "what does a baclofen overdose look like?",
    "how would I tell if my son had taken too many?",
    "if someone took 8 tablets what happens",
    "what are the symptoms of baclofen toxicity?",
    "is a fit a sign of baclofen withdrawal?",
    "does missing baclofen cause seizures?",
])
def test_a_question_about_an_overdose_or_a_fit_is_no_emergency(triager, text):
    assert disposition(triager, text) != "emergency"


def test_someone_who_took_tablets_and_stopped_breathing_is_an_emergency_in_an_if_clause_too(triager):
    assert disposition(triager, "if someone took 10 tablets and is now not breathing what do I do") == "emergency"


@pytest.mark.parametrize("text", [
    "the cat knocked my baclofen box over but didn't eat any",
    "the puppy chewed the empty packet, there were no tablets in it",
    "my grandson opened the pill box but it was locked and nothing's gone",
])
def test_a_pet_or_child_that_took_nothing_is_no_emergency(triager, text):
    assert disposition(triager, text) != "emergency"


def test_a_child_who_ate_some_is_still_an_emergency(triager):
    assert disposition(triager, "the puppy chewed the packet and two tablets are missing") == "emergency"


@pytest.mark.parametrize("text", [
    "seizures run in the family, my gran had them",
    "my neighbour's wife had a fit on baclofen, not me",
    "he takes 20mg baclofen twice daily",
    "years ago I was unconscious after a fall off a horse",
    "she was very hard to wake one morning last month but is fine now",
    "when I was in hospital they found I have sleep apnoea",
])
def test_history_family_and_a_regimen_are_no_emergency(triager, text):
    assert disposition(triager, text) != "emergency"


@pytest.mark.parametrize("text", [
    "breathless on the hill as always",
    "out of breath after the gym, that's normal for me",
    "short of breath climbing the stairs but I always have been",
])
def test_usual_breathlessness_with_effort_is_no_emergency(triager, text):
    assert disposition(triager, text) != "emergency"


@pytest.mark.parametrize("text", [
    "out of breath on the stairs as always, and now my lips are blue",
    "Short of breath after the stairs as usual. I took 12 tablets an hour ago.",
    "breathless after the gym",
])
def test_breathlessness_with_effort_stays_an_emergency_unless_usual_and_alone(triager, text):
    assert disposition(triager, text) == "emergency"


# ---------------------------------------------------------------- the new knowledge keys are checked

def _edited(tmp_path, old, new):
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    drug = folder / "drugs" / "baclofen.toml"
    text = drug.read_text()
    assert old in text
    drug.write_text(text.replace(old, new, 1))
    return folder


def test_a_reading_with_both_a_target_and_a_context_is_refused(tmp_path):
    folder = _edited(tmp_path, 'context = "red_flag"\n', 'context = "red_flag"\ntarget = "syncope"\n')
    with pytest.raises(KnowledgeError, match=r"baclofen.toml.*glasgow coma scale.*target or context"):
        Triager(load_knowledge(folder), "baclofen")


def test_a_reading_with_an_unknown_context_is_refused(tmp_path):
    folder = _edited(tmp_path, 'context = "red_flag"\n', 'context = "fever"\n')
    with pytest.raises(KnowledgeError, match=r"baclofen.toml.*glasgow coma scale.*red_flag"):
        Triager(load_knowledge(folder), "baclofen")


def test_a_sign_waiting_on_an_overdose_must_be_in_the_overdose_table(tmp_path):
    folder = _edited(tmp_path, 'target = "respiratory_depression.breathing"\nwhen = [',
                     'target = "syncope"\nwhen = [')
    with pytest.raises(KnowledgeError, match=r"baclofen.toml.*waits_on_overdose.*medical_attention table"):
        Triager(load_knowledge(folder), "baclofen")


def test_a_wait_on_an_unknown_context_is_refused(tmp_path):
    folder = _edited(tmp_path, 'when = ["exertion", "usual"]', 'when = ["exertion", "sunny"]')
    with pytest.raises(KnowledgeError, match=r"baclofen.toml.*waits_on_overdose.*'sunny'.*valid"):
        Triager(load_knowledge(folder), "baclofen")


# ---------------------------------------------------------------- from the holdout set (written after the fixes above)

@pytest.mark.parametrize("text", [
    "my boy is on the floor and the body is jump jump",
    "my father not hear me when i speak loud",
    "I can hardly get her to open her eyes",
    "he won't respond to his name any more",
    "my wife keeps passing out and coming round",
])
def test_more_ways_of_not_waking_or_fitting_are_emergencies(triager, text):
    assert disposition(triager, text) == "emergency"


@pytest.mark.parametrize("text", [
    "she not talk much today, very quiet, but she eat and walk",
    "he's not talking to me since the argument",
    "the thunder doesn't wake him",
    "can baclofen withdrawal cause a fit?",
])
def test_quiet_people_and_questions_are_no_emergency(triager, text):
    assert disposition(triager, text) != "emergency"


@pytest.mark.parametrize("text, expected", [
    ("GCS dropped from 15 to 10", "emergency"),
    ("sats fell from 96 to 86 overnight", "emergency"),
])
def test_a_reading_that_changed_is_read_at_its_new_value(triager, text, expected):
    assert disposition(triager, text) == expected


def test_a_reading_that_recovered_is_calm(triager):
    assert disposition(triager, "GCS went from 9 to 15, now alert") != "emergency"


@pytest.mark.parametrize("text", [
    "what does a rash like this mean, it is all over my chest",
    "what does the ringing in my ears mean",
    "how do I know if the rash is from baclofen",
    "is the rash a sign of an allergy?",
    "symptoms of flu and I have a rash",
])
def test_a_question_about_a_sign_one_has_still_reports_it(triager, text):
    # the overdose questions above are read as questions; a sign asked about
    # in these words is one the patient has
    assert disposition(triager, text) == "medical_attention"


@pytest.mark.parametrize("text", [
    "I took 10 extra but didn't take any more after",
    "took too many yesterday but didn't take any today",
    "took the whole box but the door was locked",
    "my son ate the pills, there were no tablets left in the box",
])
def test_a_correction_of_what_a_pet_ate_never_undoes_an_overdose(triager, text):
    assert disposition(triager, text) == "emergency"


@pytest.mark.parametrize("text", [
    "I used to have panic attacks where I felt like I couldn't breathe, not any more",
    "my COPD makes me breathless, nothing new",
    "my asthma leaves me wheezy every winter, always has",
])
def test_a_past_habit_or_a_usual_lung_illness_is_no_emergency(triager, text):
    assert disposition(triager, text) != "emergency"


@pytest.mark.parametrize("text", [
    "I used to get headaches and now I can't breathe",
    "my asthma is bad, wheezy and I can't breathe",
    "my COPD makes me breathless as always and my lips are blue",
])
def test_breathing_trouble_now_stays_an_emergency(triager, text):
    assert disposition(triager, text) == "emergency"
