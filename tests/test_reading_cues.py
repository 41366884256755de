"""Hypothetical, other-drug and other-person cues, and everyday vocabulary
and frames per concept.  Every phrasing here is our own (none is taken from
an evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def found(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


def category_of(triager: Triager, text: str, ref: str) -> str | None:
    result = triager.classify(text)
    if any(f.ref == ref for f in result.findings):
        return "present"
    return next((c for c, f in result.set_aside if f.ref == ref), None)


# ---------------------------------------------------------------- hypothetical

@pytest.mark.parametrize("text", [
    "will it make me sleepy during the day?",
    "would baclofen give me a headache?",
    "does it make people put on weight?",
    "could this make me feel sick?",
    "will I put on weight on baclofen?",
    "if I feel drowsy should I take it at bedtime instead?",
    "if she gets confused what do we do?",
    "I'm nervous it will make me dizzy at work",
    "scared that it might give me headaches",
    "worried I will get constipated on it",
    "I'm a bit worried I will gain weight",
    "wondering whether it affects your sex drive",
    "I was wondering if it can make you tired",
    "is weight gain one of the side effects?",
])
def test_questions_and_worries_about_what_may_come_are_not_reports(triager, text):
    result = triager.classify(text)
    assert result.disposition == "none", (text, [f.ref for f in result.findings])
    assert result.hypothetical


@pytest.mark.parametrize("text", [
    "is it normal to get headaches on it?",
    "does anyone else get dizzy on baclofen?",
    "if I get home late I feel exhausted",
    "when I get dizzy I have to sit down",
    "I'm worried it might be causing my headaches",
    "I'm worried because the dizziness will not go away",
    "I'm worried I get dizzy every afternoon",
])
def test_a_symptom_outside_the_question_or_if_clause_is_reported(triager, text):
    assert triager.classify(text).disposition == "if_bothersome", text


def test_a_worry_about_another_seizure_stays_an_emergency(triager):
    assert triager.classify("I'm worried I'll have another seizure").disposition == "emergency"


# ---------------------------------------------------------------- other drug

@pytest.mark.parametrize("text", [
    "the valium knocks me out every night",
    "pregabalin leaves me groggy in the mornings",
    "my heart tablets make me lightheaded",
    "the water pills give me a headache",
    "my sleeping tablets leave me drowsy till lunch",
    "codeine upsets my stomach and makes me feel sick",
    "since starting the amitriptyline I've put on weight",
    "the tramadol is what's giving me constipation",
    "my inhaler makes me shaky",
    "I blame the iron tablets for my constipation",
    "I'm on sertraline for my mood and that's been making me sweaty",
])
def test_a_symptom_blamed_on_another_medicine_is_set_aside(triager, text):
    result = triager.classify(text)
    assert result.disposition == "none", (text, [f.ref for f in result.findings])


@pytest.mark.parametrize("text", [
    "the tablets make me dizzy",
    "the baclofen tablets leave me drowsy",
    "the codeine makes me constipated and the baclofen makes me dizzy",
    "I take my blood pressure tablets in the morning and I feel dizzy all afternoon",
])
def test_the_patients_own_tablets_still_report(triager, text):
    assert triager.classify(text).disposition == "if_bothersome", text


@pytest.mark.parametrize("text, disposition", [
    ("since starting the gabapentin, I've gained weight", "none"),
    ("Since I started my heart tablets, I get headaches", "none"),
    ("since starting the codeine, I'm constipated all the time", "none"),
    ("since starting the codeine, I'm fine, but the baclofen makes me sleepy", "if_bothersome"),
    ("since starting baclofen, I've gained weight", "if_bothersome"),
])
def test_another_medicines_time_opening_a_sentence_reaches_all_of_it(triager, text, disposition):
    assert triager.classify(text).disposition == disposition, text


def test_another_medicines_cue_ends_at_a_new_subject_after_its_symptom(triager):
    text = "my inhaler makes me shaky and I keep seeing things that aren't there"
    assert "cns_toxicity.hallucinations" in found(triager, text)
    assert triager.classify(text).disposition == "medical_attention"


# ---------------------------------------------------------------- frames past "and"

@pytest.mark.parametrize("text", [
    "my wee smells strong and is darker than normal",
    "his pee is cloudy and looks brownish",
])
def test_a_frame_runs_on_past_and_when_the_verb_shares_its_subject(triager, text):
    result = triager.classify(text)
    assert "dark_urine" in {f.ref for f in result.findings}, text
    assert result.disposition == "medical_attention"


@pytest.mark.parametrize("text", [
    "my wee is fine and my legs are dark with bruises",
    "my pee is clear and my tea is dark",
])
def test_a_new_subject_after_and_still_ends_the_frame(triager, text):
    assert "dark_urine" not in found(triager, text), text


# ---------------------------------------------------------------- hallucinations need a perception word

@pytest.mark.parametrize("text", [
    "dad's hands have a shake that wasn't there before",
    "there's a red rash on her back that wasn't there this morning",
])
def test_something_new_that_was_not_there_before_is_no_hallucination(triager, text):
    assert "cns_toxicity.hallucinations" not in found(triager, text), text


def test_a_new_tremor_stays_only_if_bothersome(triager):
    assert triager.classify("dad's hands have a shake that wasn't there before").disposition == "if_bothersome"


@pytest.mark.parametrize("text", [
    "she keeps chatting to a lady who isn't there",
    "he points at a cat on the sofa that wasn't really there",
    "I hear music that isn't there",
])
def test_a_figure_or_perception_that_is_not_there_is_a_hallucination(triager, text):
    assert "cns_toxicity.hallucinations" in found(triager, text), text


# ---------------------------------------------------------------- other person

@pytest.mark.parametrize("text", [
    "my mate reckons it made him a zombie",
    "my buddy gets bad headaches on it",
    "a woman in my MS group got a rash from it",
    "some guy online said it made him dizzy",
    "my brother takes baclofen as well and he gets very drowsy, I'm fine on it",
    "my wife is also on it and she feels sick a lot",
])
def test_another_persons_experience_is_set_aside(triager, text):
    result = triager.classify(text)
    assert result.disposition == "none", (text, [f.ref for f in result.findings])


@pytest.mark.parametrize("text, disposition", [
    ("my mum is on baclofen and she keeps seeing things", "medical_attention"),
    ("my dad takes it and gets dizzy", "if_bothersome"),
])
def test_a_carer_describing_the_patient_still_reports(triager, text, disposition):
    assert triager.classify(text).disposition == disposition


def test_a_relative_on_it_too_with_an_emergency_sign_is_still_an_emergency(triager):
    assert triager.classify("my sister takes it too and she is having a seizure").disposition == "emergency"


# ---------------------------------------------------------------- everyday vocabulary per concept

CONSTIPATION = "constipation"
DROWSY = "cns_effects.drowsiness"
DIZZY = "cns_effects.dizziness"


@pytest.mark.parametrize("text, ref", [
    ("nan hasn't opened her bowels since Sunday", CONSTIPATION),
    ("he hasn't had a poo for four days", CONSTIPATION),
    ("their bowels have not moved all week", CONSTIPATION),
    ("we can barely keep my father awake after lunch", DROWSY),
    ("I'm sleeping like 13 hours a day now", DROWSY),
    ("she sleeps 12 hours and is still tired", DROWSY),
    ("my hands and feet is sleeping all the time", "cns_effects_rare.numbness"),
    ("I feel the head turning when I stand", DIZZY),
    ("I keep seeing stars when I get up", DIZZY),
    ("it feels like I'm on a boat", DIZZY),
    ("his speak is not clear today", "cns_effects_rare.speech"),
    ("my speech is unclear in the evenings", "cns_effects_rare.speech"),
    ("she has the sick after her tablets", "nausea"),
    ("my tummy is on a rollercoaster", "nausea"),
    ("cnt keep my eyes open at work", DROWSY),
    ("I'm walking like I've had a few pints", "cns_effects_rare.unsteadiness"),
    ("my head feels like it's in a vice", "cns_effects_rare.headache"),
    ("my get up and go has got up and gone", "cns_effects_rare.tiredness"),
    ("my belly feels like it is on a rollercoaster", "nausea"),
    ("she's all bunged up down below", CONSTIPATION),
    ("he naps three times a day now", DROWSY),
    ("everything hurts when I get out of bed", "cns_effects_rare.muscle_pain"),
    ("my muscles feel too relaxed to climb the stairs", "muscle_weakness"),
    ("I not can wee properly", "urination_difficulty"),
    ("I can't do up my buttons any more", "cns_effects_rare.muscle_control"),
])
def test_learner_carer_and_idiom_wordings_are_read(triager, text, ref):
    assert ref in found(triager, text), (text, found(triager, text))


@pytest.mark.parametrize("text", [
    "I slept 12 hours on Saturday after the wedding",
    "I sleep 8 hours a night",
    "I was sick of waiting at the pharmacy",
    "I look after the sick and the elderly",
    "my bowels are fine and regular",
    "I had a few pints on Friday and my walking is fine",
])
def test_everyday_sayings_that_are_not_symptoms_are_not_read(triager, text):
    assert triager.classify(text).disposition == "none", (text, found(triager, text))


def test_a_reading_needs_one_threshold(tmp_path):
    import shutil

    from triage_bot.knowledge import KnowledgeError, load_knowledge

    from .conftest import KNOWLEDGE
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    drug = folder / "drugs" / "baclofen.toml"
    drug.write_text(drug.read_text().replace("above = [10]\n", "above = [10]\nbelow = [2]\n", 1))
    with pytest.raises(KnowledgeError, match=r"baclofen.toml.*hours of sleep.*one of below or above"):
        Triager(load_knowledge(folder), "baclofen")


# ---------------------------------------------------------------- frame mechanics

def test_a_without_phrase_vetoes_only_as_a_whole(triager):
    # the aggression frame's "kicked in" must not veto every clause with "in" in it
    assert "cns_toxicity.mood" in found(triager, "he tried to hit someone in the house")
    # ... and its "like a truck" still vetoes as a whole, even past the frame's reach
    assert "cns_toxicity.mood" not in found(triager, "the tiredness hit me like a truck")


@pytest.mark.parametrize("text", ["my mate is having a seizure", "this lady has just had a seizure in front of me"])
def test_another_persons_emergency_happening_now_is_not_a_story(triager, text):
    assert triager.classify(text).disposition == "emergency", text


# ---------------------------------------------------------------- a time of the past, then "still"

@pytest.mark.parametrize("text, ref", [
    ("queasy for the first fortnight and it is still no better", "nausea"),
    ("headaches the first few weeks and they are still there", "cns_effects_rare.headache"),
])
def test_a_spell_of_the_past_that_still_goes_on_is_reported(triager, text, ref):
    assert ref in found(triager, text), text


def test_a_spell_of_the_past_alone_is_still_the_past(triager):
    assert found(triager, "queasy for the first fortnight, fine since") == set()


# ---------------------------------------------------------------- "used to": a habit of the past, or accustomed

@pytest.mark.parametrize("text", [
    "my uncle used to have seizures, does that matter for me?",
    "I used to feel like I couldn't breathe at night before my asthma was treated",
])
def test_a_habit_of_the_past_is_no_emergency_today(triager, text):
    assert triager.classify(text).disposition != "emergency", text


def test_accustomed_to_a_sign_still_reports_it(triager):
    assert "cns_effects.dizziness" in found(triager, "we are used to the dizziness by now but it is still there")


# ---------------------------------------------------------------- a fear of a sign named right after it

@pytest.mark.parametrize("text", [
    "I was worried about getting headaches on it but there have been none",
    "my wife is scared of dizziness since her fall, so I asked first",
])
def test_a_sign_feared_is_not_a_sign_had(triager, text):
    assert found(triager, text) == set(), text


@pytest.mark.parametrize("text", [
    "I'm frightened about the headaches she keeps getting",
    "worried about my dizziness, it is every morning now",
])
def test_a_fear_of_a_sign_had_still_reports_it(triager, text):
    assert found(triager, text), text


def test_a_feared_emergency_sign_stays_an_emergency(triager):
    assert triager.classify("I'm scared of seizures, he had one twenty minutes ago").disposition == "emergency"


@pytest.mark.parametrize("text", [
    "the chemist warned me that it might make me light headed",
    "my consultant told us baclofen could make him drowsy",
])
def test_a_warning_of_what_it_could_do_is_not_a_report(triager, text):
    assert found(triager, text) == set(), text


def test_a_warning_then_the_sign_had_reports_it(triager):
    assert "cns_effects.drowsiness" in found(triager, "the gp warned me it could make me sleepy and I am so sleepy now")


def test_how_common_a_sign_is_said_to_be_is_not_a_report(triager):
    assert found(triager, "apparently light headedness is quite common, so no need to worry") == set()
