"""Turns of a conversation read as the patient means them: answers in every
style, corrections, echoes of the bot's own question words, late news."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from triage_bot.conversation import Engine

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def engine(triager):
    return Engine(triager, clock=lambda: NOW)


def chat(engine, *messages):
    state, _greeting = engine.start("t")
    turns = []
    for message in messages:
        state, replies = engine.step(state, message)
        turns.append((engine.result(state).disposition, replies))
    return state, turns


def refs(engine, state):
    return {f.ref for f in engine.result(state).findings}


def tiers(engine, state):
    return {f.tier for f in engine.result(state).findings}


# ---------------------------------------------------------------- when it stopped is that it stopped

@pytest.mark.parametrize("answer", ["since thursday", "about 3 days ago", "on the weekend, saturday i think"])
def test_saying_when_it_stopped_answers_the_stop_question_yes(engine, answer):
    state, turns = chat(engine, "there's a radio playing that nobody else can hear", answer)
    assert turns[-1][0] == "withdrawal"
    assert tiers(engine, state) == {"withdrawal"}


def test_a_date_does_not_answer_the_too_much_question(engine):
    # "since monday" says how long the sleepiness lasted, not that too much was taken
    state, turns = chat(engine, "I'm nodding off all the time", "since monday", "no")
    assert all(disposition != "emergency" for disposition, _ in turns)
    assert engine.result(state).disposition == "if_bothersome"


def test_not_having_had_one_since_a_day_is_a_stop(engine):
    state, _turns = chat(engine, "I'm hearing my name called when nobody's there", "haven't had one since saturday")
    assert engine.result(state).disposition == "withdrawal"


# ---------------------------------------------------------------- amounts corrected

def test_an_amount_corrected_upwards_is_an_emergency_at_once(engine):
    state, turns = chat(engine, "I had 3 of my tablets at lunch and now I'm sleepy", "sorry, it was 30 not 3")
    assert turns[-1][0] == "emergency"


def test_an_amount_corrected_downwards_never_lowers_the_emergency(engine):
    state, turns = chat(engine, "my husband took 25 of his baclofen", "oh wait, 2 not 25", "he's fine now")
    assert [d for d, _ in turns] == ["emergency"] * 3


def test_a_no_before_a_number_is_still_a_no(engine):
    state, _turns = chat(engine, "I'm dozy all day", "no, just my usual 2")
    assert engine.result(state).disposition == "if_bothersome"


# ---------------------------------------------------------------- the bot's question words echoed back

@pytest.mark.parametrize("answer", [
    "no I didn't stop it suddenly or run out",
    "I haven't stopped it, run out or had my dose lowered",
    "nope, never ran out or stopped",
])
def test_denying_every_part_of_the_stop_question_is_no_stop(engine, answer):
    state, _turns = chat(engine, "I feel suspicious of everyone lately", answer)
    assert engine.result(state).disposition == "medical_attention"
    assert tiers(engine, state) == {"medical_attention"}


def test_a_stop_after_but_is_still_a_stop(triager):
    assert triager.classify("I didn't stop it but I ran out on friday and I'm seeing things").disposition \
        == "withdrawal"


def test_oh_no_is_an_exclamation_not_a_denial(triager):
    assert triager.classify("oh no, my grandson has swallowed some of my tablets").disposition == "emergency"
    assert triager.classify("oh no, no dizziness today").findings == ()


def test_late_news_of_an_ingestion_after_oh_no_escalates_at_once(engine):
    state, turns = chat(engine, "my nose is blocked", "mild", "oh no, the toddler got into my pills")
    assert turns[-1][0] == "emergency"
    assert turns[-1][1][0].startswith("Call emergency services")


# ---------------------------------------------------------------- corrections of a place, and their own words

def test_a_place_corrected_takes_back_the_sign_said_there(engine):
    state, turns = chat(engine, "there's a pain in my chest", "sorry, I meant my shoulder, not my chest")
    assert "chest_pain" not in refs(engine, state)
    assert turns[-1][0] != "medical_attention"
    assert any("off the list" in r for r in turns[-1][1])


def test_a_place_named_without_a_correction_takes_nothing_back(engine):
    # no correction word: a second complaint, the chest pain stays
    state, _turns = chat(engine, "I've got chest pain", "and my legs hurt, not my chest so much")
    assert "chest_pain" in refs(engine, state)


def test_a_correction_never_takes_back_an_emergency_sign(engine):
    state, turns = chat(engine, "I can't get my breath", "sorry, not my breath, my nose is blocked")
    assert [d for d, _ in turns] == ["emergency", "emergency"]
    assert "respiratory_depression.breathing" in refs(engine, state)


def test_the_words_of_a_correction_are_no_symptom(engine):
    state, _turns = chat(engine, "I stopped baclofen and I'm seeing spiders", "no hang on, I got that wrong, "
                         "I'm still taking it")
    assert "cns_effects.confusion" not in refs(engine, state)
    state, _turns = chat(engine, "I ran out and I see bugs", "sorry, I mixed it up, still taking it")
    assert "cns_effects.confusion" not in refs(engine, state)
    assert engine.result(state).disposition == "medical_attention"


# ---------------------------------------------------------------- the knowledge behind it

def test_an_unknown_yes_if_is_refused_by_file_record_and_valid_values(tmp_path):
    import shutil

    from triage_bot.knowledge import KnowledgeError, load_knowledge
    from tests.conftest import KNOWLEDGE
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    drug = target / "drugs" / "baclofen.toml"
    drug.write_text(drug.read_text().replace('yes_if = ["date"]', 'yes_if = ["colour"]', 1))
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(target)
    msg = str(err.value)
    assert "baclofen.toml" in msg and "'stopped_suddenly'" in msg and "'colour'" in msg and "number, date" in msg


def test_a_dialogue_file_without_the_place_words_still_loads(engine):
    from triage_bot.conversation import load_dialogue
    data = {"dialogue": {k: v for k, v in engine.triager.knowledge.dialogue["dialogue"].items()}}
    data["dialogue"]["words"] = {k: v for k, v in data["dialogue"]["words"].items() if k != "not_that_place"}
    assert load_dialogue(data, "custom.toml", "baclofen").words["not_that_place"] == ()


# ---------------------------------------------------------------- a sign said to have passed

def test_a_sign_named_again_as_fine_now_has_passed(engine):
    state, turns = chat(engine, "I'm dizzy and my belly aches", "no", "my belly is fine now", "no")
    assert "gi_irritation.abdominal_pain" not in refs(engine, state)
    assert "cns_effects.dizziness" in refs(engine, state)
    state, _turns = chat(engine, "I keep getting headaches", "my head doesn't hurt any more")
    assert engine.result(state).findings == ()


def test_that_is_gone_points_back_to_the_one_sign_just_told(engine):
    state, _turns = chat(engine, "I've been constipated", "actually no, that's cleared up now, it's just wind pains "
                         "in my tummy")
    assert "constipation" not in refs(engine, state)
    assert "gi_irritation.abdominal_pain" in refs(engine, state)


def test_it_is_gone_after_two_signs_takes_back_neither(engine):
    state, _turns = chat(engine, "I'm constipated and my nose is blocked", "a week", "it's gone now")
    assert {"constipation", "stuffy_nose"} <= refs(engine, state)


@pytest.mark.parametrize("answer", ["it hasn't gone away at all", "three weeks and it never went away",
                                    "the nausea is gone but my head still aches"])
def test_a_sign_still_there_is_not_taken_back(engine, answer):
    state, _turns = chat(engine, "I get headaches every afternoon", answer)
    assert "cns_effects_rare.headache" in refs(engine, state)


def test_an_answer_to_a_settling_question_points_back_to_nothing(engine):
    state, _turns = chat(engine, "I'm woozy", "no, it stopped after I sat down")
    assert "cns_effects.dizziness" in refs(engine, state)


def test_an_emergency_sign_that_passed_stays_an_emergency(engine):
    state, turns = chat(engine, "my son had a fit ten minutes ago", "that's stopped now, he's asleep")
    assert [d for d, _ in turns] == ["emergency", "emergency"]
    assert "overdose_cns.convulsions" in refs(engine, state)


# ---------------------------------------------------------------- a carer who can hardly wake them

@pytest.mark.parametrize("text", ["I can hardly rouse her this afternoon", "we're struggling to wake him",
                                  "I can't keep her awake, she's barely responding"])
def test_a_carer_who_can_hardly_wake_them_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency"


def test_the_patient_hardly_waking_in_the_morning_is_not_an_emergency(triager):
    assert triager.classify("I can barely wake up in the mornings since starting it").disposition == "if_bothersome"


def test_a_carer_late_in_a_calm_call_escalates_at_once(engine):
    state, turns = chat(engine, "my dad has been sleepy on baclofen", "no he takes what he's given", "a couple of days",
                        "this is his son, I can hardly wake him now")
    assert [d for d, _ in turns] == ["if_bothersome"] * 3 + ["emergency"]


# ---------------------------------------------------------------- texting answers, stiffness after a stop

@pytest.mark.parametrize("answer", ["kinda", "sorta, I went down to half on my own", "yeah kinda"])
def test_a_texting_yes_answers_the_stop_question(engine, answer):
    state, turns = chat(engine, "I keep hearing voices when nobody is in", answer)
    assert turns[-1][0] == "withdrawal"


def test_stiffness_asks_about_a_stop_and_a_stop_makes_it_withdrawal(engine):
    state, turns = chat(engine, "my arms have gone really rigid", "yes I ran out on sunday")
    assert any("stop taking baclofen" in r for r in turns[0][1])
    assert tiers(engine, state) == {"withdrawal"}
    state, _turns = chat(engine, "my arms have gone really rigid", "no, never miss a dose")
    assert tiers(engine, state) == {"if_bothersome"}


def test_a_carer_saying_he_has_had_none_for_days_is_a_stop(engine):
    state, turns = chat(engine, "my brother is hearing voices", "his wife here, he hasn't had any for 4 days")
    assert turns[-1][0] == "withdrawal"


def test_how_long_it_has_lasted_does_not_answer_the_stop_question(engine):
    # "for 3 days" may be how long the voices have gone on: asked again, not read as a stop
    state, turns = chat(engine, "I keep hearing whispering", "for 3 days now")
    assert turns[-1][0] == "medical_attention"
    assert any("did not catch" in r for r in turns[-1][1])


# ---------------------------------------------------------------- each question's own answer words

@pytest.mark.parametrize("answer,disposition", [
    ("not since friday", "withdrawal"),
    ("I forget them sometimes", "withdrawal"),
    ("I've been cutting back by myself", "withdrawal"),
    ("I've not been taking it this week", "withdrawal"),
    ("no I don't forget, ever", "medical_attention"),
    ("never skipped one", "medical_attention"),
])
def test_the_stop_question_reads_its_own_answer_words(engine, answer, disposition):
    state, _turns = chat(engine, "I've started hearing music nobody else hears", answer)
    assert engine.result(state).disposition == disposition


@pytest.mark.parametrize("answer,emergency", [
    ("a couple extra last night", True),
    ("she might've, she loses count", True),
    ("I took 2 at breakfast like always", False),
    ("absolutely not", False),
    ("no, never doubled", False),
    ("I take it like the label says", False),
])
def test_the_too_much_question_reads_its_own_answer_words(engine, answer, emergency):
    state, turns = chat(engine, "she's really drowsy", answer)
    assert (turns[-1][0] == "emergency") is emergency


def test_a_count_taken_on_top_of_the_usual_is_too_much(triager):
    assert triager.classify("I took the usual and then 2 more by mistake").disposition == "emergency"
    assert triager.classify("I took my usual tablets then 3 more").disposition == "emergency"
    # a regimen: more at night, as the doctor set it
    assert triager.classify("I take 2 more at night").disposition == "none"


def test_it_is_gone_with_the_sign_named_after_it_takes_back_only_that_sign_or_none(engine):
    # "it" is the headache named after the comma, never the other sign
    state, _turns = chat(engine, "I have a headache and I feel sick", "no that's not it", "it's gone now, the headache")
    assert "nausea" in refs(engine, state)


def test_owning_up_to_an_extra_one_later_escalates_at_once(engine):
    state, turns = chat(engine, "I'm light-headed", "no", "wait, I did take an extra one at lunch")
    assert [d for d, _ in turns] == ["if_bothersome", "if_bothersome", "emergency"]


def test_did_take_is_one_act_but_take_is_a_regimen(triager):
    assert triager.classify("I did take 9 of them").disposition == "emergency"
    assert triager.classify("I take an extra one at bedtime, my doctor said so").disposition == "none"


# ---------------------------------------------------------------- the greeting's own words echoed back

@pytest.mark.parametrize("text", [
    "nobody has collapsed or had a fit, she's just very sleepy",
    "he's not hard to wake, he's just dozy all day",
    "she isn't difficult to rouse, only drowsy",
])
def test_denying_the_greetings_emergency_signs_is_no_emergency(triager, text):
    result = triager.classify(text)
    assert result.disposition == "if_bothersome"
    assert {f.ref for f in result.findings} == {"cns_effects.drowsiness"}


def test_nobody_can_wake_her_is_still_an_emergency(triager):
    assert triager.classify("nobody can wake her this morning").disposition == "emergency"
    assert triager.classify("she's hard to wake and floppy").disposition == "emergency"


# ---------------------------------------------------------------- an answer to the other question; a sign back

def test_a_yes_about_a_stop_does_not_answer_the_too_much_question(engine):
    state, turns = chat(engine, "I'm dozy and hearing things", "no", "yes, I stopped taking it on saturday")
    # the yes is the stop's: withdrawal, and the too-much question is asked again, not answered yes
    assert turns[-1][0] == "withdrawal"
    assert any("did not catch" in r for r in turns[-1][1])


def test_a_sign_denied_then_said_to_be_happening_is_an_emergency_at_once(engine):
    state, turns = chat(engine, "he's very drowsy but no fits", "no", "oh no he's having one now")
    assert turns[-1][0] == "emergency"
    assert "overdose_cns.convulsions" in refs(engine, state)


def test_its_back_affirms_the_sign_last_spoken_of(engine):
    state, _turns = chat(engine, "my headache went away yesterday", "it's come back this evening")
    assert "cns_effects_rare.headache" in refs(engine, state)


def test_a_found_tablet_eaten_by_a_child_is_an_ingestion(triager):
    assert triager.classify("she found a pill on the floor and swallowed it").disposition == "emergency"
    assert triager.classify("she found the pills I dropped and didn't eat any").disposition == "none"


def test_a_denial_that_opens_its_own_cue_still_says_not_stopped(triager):
    # "never ... stopped it": the denial is the cue's first word, not a denial inside its gap
    result = triager.classify("I'm seeing things, but I never stopped it")
    assert result.disposition == "medical_attention" and result.questions == ()


# ---------------------------------------------------------------- counts, spans and a nurse's shorthand

@pytest.mark.parametrize("answer", ["3 days now", "for 2 weeks or so", "since 2019, no problems"])
def test_a_span_or_year_is_no_count_of_tablets(engine, answer):
    state, turns = chat(engine, "I've been feeling faint and dizzy", answer)
    assert turns[-1][0] != "emergency"


def test_a_count_is_still_a_yes_to_the_too_much_question(engine):
    state, turns = chat(engine, "he's really dopey", "he reckons around 8 of them")
    assert turns[-1][0] == "emergency"


def test_a_nurse_saying_denies_answers_no(engine):
    state, turns = chat(engine, "pt c/o drowsiness on baclofen", "denies OD", "3/7", "nil else")
    assert [d for d, _ in turns] == ["if_bothersome"] * 4


@pytest.mark.parametrize("first", ["I feel woozy", "I keep hearing voices"])
def test_a_very_long_answer_to_a_settling_question_is_read_not_refused(engine, first):
    long_answer = "it started on tuesday after 3 days of feeling off and " * 60  # longer than any report answer
    state, turns = chat(engine, first, long_answer)
    assert turns[-1][1]  # answered, no exception


@pytest.mark.parametrize("prefix", ["Straße 5, ", "ẞẞ ok, ", "İstanbul trip, "])
def test_a_sign_named_as_gone_is_quoted_right_after_letters_that_fold_longer(engine, prefix):
    # "ß" casefolds to "ss": the words quoted back must still be the patient's own
    state, _turns = chat(engine, "I keep getting headaches", prefix + "my head is fine now")
    gone = [m for _turn, m in state.matches if m.status == "resolved"]
    assert [m.text for m in gone] == ["head"]
    assert engine.result(state).findings == ()
