"""Round-3 writing styles: texting, learner English, carers, nurse notes and long
messages, for the non-emergency tiers (phrasings of our own)."""
from __future__ import annotations

import pytest


def refs(result) -> set[str]:
    return {f.ref for f in result.findings}


# A diagnosis name is no typo of a sign: "diplegia" is not "diplopia" (an
# emergency sign), and "spastic paraplegia" names the illness, not spasms now.
@pytest.mark.parametrize("text", [
    "I was born with spastic diplegia and the tablets make me a bit lightheaded",
    "she has hemiplegia after her stroke and feels dizzy on it",
])
def test_paralysis_names_are_not_vision_signs(triager, text):
    result = triager.classify(text)
    assert result.disposition == "if_bothersome"
    assert "overdose_cns.vision" not in refs(result)


def test_spastic_diagnosis_after_a_stop_is_not_worse_spasticity(triager):
    result = triager.classify("I've got spastic paraplegia and ran out of baclofen on Friday, now a bit queasy")
    assert "increased_spasticity" not in refs(result)
    assert result.disposition == "if_bothersome"


# Ways of saying the tablets were stopped that nurses, wards and learners use.
@pytest.mark.parametrize("text", [
    "sudden cessation of oral baclofen on Monday, now c/o hearing voices",
    "the hospital didn't give her the baclofen over the weekend and now her legs are jerking like mad",
    "I finish all the tablets on Saturday, no more at home, now I am very agitated and restless",
    "he has been 4 days without his tablets and now he is convinced the postman is following him",
])
def test_stops_in_other_words_are_withdrawal(triager, text):
    result = triager.classify(text)
    assert result.context["stopped_suddenly"] is True
    assert result.disposition == "withdrawal"


# A belief of being persecuted is paranoid ideation, whoever its object is.
def test_persecution_belief_is_a_mood_change(triager):
    result = triager.classify("my wife is convinced the carers are stealing from her")
    assert "cns_toxicity.mood" in refs(result)
    assert result.disposition == "medical_attention"


def test_following_instructions_is_no_persecution(triager):
    assert triager.classify("he insists he's following the instructions on the box").disposition == "none"


@pytest.mark.parametrize("text,ref", [
    ("constantly yawnin at my desk lol", "cns_effects.drowsiness"),
    ("my hed hurts so bad", "cns_effects_rare.headache"),
    ("been feelin sik all morning", "nausea"),
    ("lay there for hours, couldn't drop off", "cns_effects_rare.sleeping"),
    ("pt reports ↑ urinary freq overnight", "urinary_frequency"),
])
def test_texting_and_shorthand_forms(triager, text, ref):
    assert ref in refs(triager.classify(text))


@pytest.mark.parametrize("text,ref", [
    ("since the new tablet I not have appetite", "appetite_loss"),
    ("she barely touches her dinner now", "appetite_loss"),
    ("at night I go for urine many times", "urinary_frequency"),
    ("he needs the loo all the time since the increase", "urinary_frequency"),
    ("my urine is not coming out good", "urination_difficulty"),
    ("I am taking more weight with this medicine", "fluid_retention.weight_gain"),
    ("on the stairs I am not steady", "cns_effects_rare.unsteadiness"),
    ("my fingers don't do what I want", "cns_effects_rare.muscle_control"),
    ("grandad hasn't been to the loo for a poo in four days", "constipation"),
    ("she hasn't been able to open her bowels since Sunday", "constipation"),
    ("mum didn't recognise me this afternoon", "cns_effects.confusion"),
    ("I keep seeing a man at the foot of my bed", "cns_toxicity.hallucinations"),
])
def test_learner_and_carer_phrasings(triager, text, ref):
    assert ref in refs(triager.classify(text))


@pytest.mark.parametrize("text", [
    "I don't have appetite problems at all",
    "my bowels are fine, I go to the toilet every morning",
    "she has been able to open her bowels normally",
    "before I have headache but now is finish",
    "I go to a spin class twice a week",
    "I haven't slept funny, no idea why my neck is sore",
])
def test_calm_or_resolved_messages_find_nothing_new(triager, text):
    result = triager.classify(text)
    assert "appetite_loss" not in refs(result)
    assert "constipation" not in refs(result)
    assert "cns_effects.dizziness" not in refs(result)
    assert "cns_effects_rare.headache" not in refs(result)
    assert "cns_effects_rare.sleeping" not in refs(result)


# A denial that ends its clause ("... without,") denies nothing in a later clause
# with a subject of its own.
def test_a_bare_without_does_not_deny_the_next_clause(triager):
    result = triager.classify("my wife forgot her tablets on holiday, two days without, and she's hearing voices now")
    assert "cns_toxicity.hallucinations" in refs(result)
    assert result.disposition == "withdrawal"


def test_a_denial_heading_a_list_still_denies_it(triager):
    assert triager.classify("Any side effects? None: no nausea, no dizziness").disposition == "none"


# A carer's own symptoms are not the patient's; the patient's, and any
# emergency sign of the writer, still count.
@pytest.mark.parametrize("text", [
    "I look after my dad and I've had a migraine all week, but he's doing well on it",
    "I'm my wife's carer and I'm exhausted myself, she is fine on the baclofen",
])
def test_a_carers_own_symptoms_are_set_aside(triager, text):
    assert triager.classify(text).disposition == "none"


def test_the_person_cared_for_still_counts(triager):
    result = triager.classify("I'm writing about my grandad, I've noticed he is very unsteady since the increase")
    assert "cns_effects_rare.unsteadiness" in refs(result)


def test_a_carer_who_takes_it_too_is_a_patient(triager):
    text = "I'm a carer for my mum, and since my GP put me on baclofen I've been really sleepy"
    assert "cns_effects.drowsiness" in refs(triager.classify(text))


def test_a_carers_emergency_sign_is_never_set_aside(triager):
    assert triager.classify("I'm caring for my husband and I'm struggling to breathe").disposition == "emergency"


# A list after a question or a leaflet's list is supposed, every item of it.
def test_a_leaflets_list_is_not_had(triager):
    text = "the leaflet lists headache, constipation, weight gain and more, how common are they?"
    result = triager.classify(text)
    assert result.disposition == "none"
    assert not result.findings


def test_a_cause_someone_else_supposes_is_not_a_report(triager):
    assert triager.classify("my husband reckons I'm just tired from work").disposition == "none"


def test_a_learners_friend_on_it_is_another_person(triager):
    assert triager.classify("my friend she take baclofen and she have dizzy, me no problem").disposition == "none"


def test_asleep_wherever_one_sits(triager):
    assert "cns_effects.drowsiness" in refs(triager.classify("in the work I am sleeping, whenever I sit I am sleeping"))


# Found by the round-3 holdout set, fixed after it.
@pytest.mark.parametrize("text", [
    "the chemist's delivery of his baclofen never arrived, he's had none for four days and his legs are spasming badly",
    "I didn't pack enough tablets for the trip and my spasms have come back worse than ever",
])
def test_a_supply_that_did_not_come_is_a_stop(triager, text):
    assert triager.classify(text).disposition == "withdrawal"


@pytest.mark.parametrize("text,ref", [
    ("My legs feel heavy and weak since the increase. Will the weakness settle?", "cns_effects.weakness"),
    ("I nod off every afternoon now. Is the sleepiness likely to ease off?", "cns_effects.drowsiness"),
])
def test_asking_whether_a_sign_will_pass_still_reports_it(triager, text, ref):
    assert ref in refs(triager.classify(text))


def test_a_sign_that_has_gone_with_a_question_after_it_stays_gone(triager):
    assert triager.classify("the itchy rash has gone now, is that normal?").disposition == "none"


def test_a_sign_of_the_first_month_only_is_past(triager):
    assert triager.classify("I was quite sleepy for the first fortnight, none now").disposition == "none"


def test_a_carer_names_the_one_cared_for_by_relation(triager):
    assert triager.classify("I'm shattered from my shifts, but my husband is fine on it").disposition == "none"


# ---------------------------------------------------------------- a learner's words for the signs

@pytest.mark.parametrize("text, ref", [
    ("since two day my eyes see two when I look at the tv", "overdose_cns.vision"),
    ("the pipi of my son is very dark", "dark_urine"),
    ("after the pills finish, my legs become hard like a stick", "cns_effects_rare.stiffness"),
])
def test_a_learners_words_for_the_signs(triager, text, ref):
    assert ref in {f.ref for f in triager.classify(text).findings}


def test_a_learners_supply_finished_is_a_stop(triager):
    result = triager.classify("my tablets finish since four day and now I see insects on the wall")
    assert result.context["stopped_suddenly"] and result.disposition == "withdrawal"


@pytest.mark.parametrize("text", ["it is very hard on my back to sit all day", "walking is very hard for my legs"])
def test_hard_to_do_is_no_stiffness(triager, text):
    assert not triager.classify(text).findings
