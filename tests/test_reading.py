"""The reader, per layer: frames, ConText categories, amounts and regimens,
missed doses, texting, and a second drug end to end.  Every phrasing here is
our own (none is taken from an evaluation set)."""
from __future__ import annotations

import json
import shutil

import pytest

from triage_bot.knowledge import KnowledgeError, load_knowledge
from triage_bot.triager import Triager

from .conftest import KNOWLEDGE, ROOT, run_cli


def found(triager: Triager, text: str, context=None) -> set[str]:
    return {f.ref for f in triager.classify(text, context).findings}


def category_of(triager: Triager, text: str, ref: str) -> str | None:
    result = triager.classify(text)
    if any(f.ref == ref for f in result.findings):
        return "present"
    return next((c for c, f in result.set_aside if f.ref == ref), None)


BREATHING = "respiratory_depression.breathing"
URINE = "dark_urine"
EARS = "cns_toxicity.ringing"
HEART = "pounding_heartbeat"


# ---------------------------------------------------------------- frames

@pytest.mark.parametrize("text, ref", [
    ("it's really hard for him to get his breath", BREATHING),
    ("his breathing has gone slow and weird", BREATHING),
    ("I'm having a difficult time with my breathing", BREATHING),
    ("she is breathing but only very slowly", BREATHING),
    ("there's blood in my wee this morning", URINE),
    ("my pee has gone a brownish colour", URINE),
    ("my ears keep making a humming sound", EARS),
    ("a constant whistle in both ears", EARS),
    ("my heart was going really fast last night", HEART),
    ("the heartbeat feels like it's hammering", HEART),
])
def test_a_frame_reads_head_and_qualifier_in_any_order(triager, text, ref):
    assert ref in found(triager, text)


@pytest.mark.parametrize("text, ref", [
    ("I can't breathe through my nose at all", BREATHING),          # a stuffy nose
    ("my breathing is fine and my walking is slow", BREATHING),     # "and" ends the frame
    ("breathing is not slow, I checked", BREATHING),                # a denial inside the frame
    ("my urine test came back with blood sugar high", URINE),       # a test, not the urine
    ("I had an ear infection and it was sore", EARS),
])
def test_a_frame_does_not_reach_what_it_should_not(triager, text, ref):
    assert ref not in found(triager, text)


# ---------------------------------------------------------------- ConText categories

@pytest.mark.parametrize("text, ref, category", [
    # another person's experience
    ("my friend got awful hallucinations on it", "cns_toxicity.hallucinations", "other_person"),
    ("people say it makes you really drowsy", "cns_effects.drowsiness", "other_person"),
    # but a carer describing the patient is about the patient
    ("my dad keeps seeing things that are not there", "cns_toxicity.hallucinations", "present"),
    # another medicine blamed
    ("the gabapentin makes me so drowsy", "cns_effects.drowsiness", "other_drug"),
    ("I get headaches from my sertraline", "cns_effects_rare.headache", "other_drug"),
    # hypothetical
    ("could baclofen give you a rash?", "dermatitis.rash", "hypothetical"),
    ("what should I do if I get dizzy on it", "cns_effects.dizziness", "hypothetical"),
    # historical
    ("when I was a teenager I had a seizure", "overdose_cns.convulsions", "historical"),
    # resolved
    ("I had a headache but it has gone now", "cns_effects_rare.headache", "resolved"),
    # negated
    ("no headache at all", "cns_effects_rare.headache", "negated"),
    # the indication
    ("it really helps my spasms", "increased_spasticity", "indication"),
])
def test_every_mention_gets_its_category(triager, text, ref, category):
    assert category_of(triager, text, ref) == category


def test_an_emergency_sign_is_not_set_aside_by_another_medicine(triager):
    result = triager.classify("my breathing is very slow from the morphine")
    assert result.disposition == "emergency"


def test_a_fit_that_has_stopped_still_counts(triager):
    assert triager.classify("she had a fit but it has stopped now").disposition == "emergency"


def test_the_categories_are_in_the_json(triager):
    data = triager.classify("my friend had a rash on it, I have a headache").to_json()
    assert [m["category"] for m in data["mentions"]] == ["other_person"]
    assert [f["sign"] for f in data["findings"]] == ["headache"]


# ---------------------------------------------------------------- the indication

@pytest.mark.parametrize("text", [
    "my spasms are much better on it", "I take it for spasms in my legs", "spasms",
    "the clonus is under control now",
])
def test_spasms_alone_are_what_the_drug_treats(triager, text):
    assert triager.classify(text).disposition == "none"


@pytest.mark.parametrize("text", [
    "I ran out on Friday and the spasms are back with a vengeance",
    "since I missed my doses my legs have started jumping",
])
def test_spasms_after_a_stop_are_withdrawal(triager, text):
    result = triager.classify(text)
    assert "increased_spasticity" in {f.ref for f in result.findings}
    assert result.disposition == "withdrawal"


# ---------------------------------------------------------------- amounts and regimens

@pytest.mark.parametrize("text, disposition", [
    ("I swallowed about twenty of my tablets", "emergency"),
    ("took a dozen of them an hour ago", "emergency"),
    ("she took 9 baclofen at once", "emergency"),
    ("I took 150mg earlier", "emergency"),
    ("took the whole strip last night", "emergency"),
    ("my GP told me to take three tablets a day", "none"),
    ("I've been taking it for 5 days now", "none"),
    ("I take 2 tablets at night as prescribed", "none"),
    ("had a couple of beers last night", "none"),
    ("I nearly took my morning dose twice", "none"),
])
def test_amounts_are_judged_against_the_dose_limits(triager, text, disposition):
    assert triager.classify(text).disposition == disposition


@pytest.mark.parametrize("text", [
    "our 3 year old got hold of one of my tablets and ate it",
    "the dog chewed up two of my pills",
])
def test_anyone_elses_ingestion_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency"


# ---------------------------------------------------------------- missed doses and stopping

@pytest.mark.parametrize("text", [
    "I forgot my tablets since Saturday and I'm seeing shapes on the wall",
    "the chemist didn't have any so I've had nothing since Monday, now I'm seeing things",
    "missed a couple of days and I keep hearing voices",
])
def test_a_missed_dose_or_empty_supply_is_an_abrupt_stop(triager, text):
    result = triager.classify(text)
    assert result.context["stopped_suddenly"] is True
    assert result.disposition == "withdrawal"


def test_a_sudden_stop_said_adverb_first_is_an_abrupt_stop(triager):
    result = triager.classify("suddenly stopping left me seeing things at night")
    assert result.context["stopped_suddenly"] is True
    assert result.disposition == "withdrawal"


def test_a_general_claim_from_experience_is_not_a_question(triager):
    # "X can cause Y" said flatly is how reviewers report what happened to them;
    # "can it cause Y?" still asks.
    assert category_of(triager, "quitting suddenly can cause the shakes", "cns_effects_rare.trembling") == "present"
    assert category_of(triager, "can it cause the shakes?", "cns_effects_rare.trembling") == "hypothetical"


def test_the_denial_in_a_missed_dose_does_not_reach_the_symptom(triager):
    result = triager.classify("since I didn't take it yesterday I can't stop trembling")
    assert "cns_effects_rare.trembling" in {f.ref for f in result.findings}


# ---------------------------------------------------------------- red flags and the pump

@pytest.mark.parametrize("text", [
    "my pump has been alarming all day and now I've got a temperature",
    "the pump reservoir is empty and my legs have gone rigid",
    "missed the refill for my pump and I'm itchy all over",
])
def test_a_pump_problem_with_signs_is_an_emergency(triager, text):
    result = triager.classify(text)
    assert result.disposition == "emergency"
    assert any("pump" in r for r in result.reasons)


def test_a_pump_alarm_alone_is_not_waved_off(triager):
    assert triager.classify("my pump keeps beeping, I feel ok").disposition == "withdrawal"


@pytest.mark.parametrize("text, disposition", [
    ("I've had suicidal thoughts since the dose went up", "medical_attention"),
    ("I saved up my tablets so nobody would miss me", "emergency"),
])
def test_suicidality_always_gets_the_crisis_line(triager, text, disposition):
    result = triager.classify(text)
    assert result.disposition == disposition
    assert "crisis line" in result.advice


# ---------------------------------------------------------------- texting

@pytest.mark.parametrize("text, ref", [
    ("ears r buzzin all day", EARS),
    ("sooo dizzzy rn", "cns_effects.dizziness"),
    ("cant stop shakin", "cns_effects_rare.trembling"),
])
def test_texting_forms_are_read(triager, text, ref):
    assert ref in found(triager, text)


# ---------------------------------------------------------------- a second drug

@pytest.fixture(scope="module")
def two_drugs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("k") / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    shutil.copy(ROOT / "tests" / "fixtures" / "second-drug.toml", folder / "examplofen.toml")
    return folder


def test_a_second_drug_reuses_the_concepts(two_drugs):
    triager = Triager(load_knowledge(two_drugs), "examplofen")
    result = triager.classify("I feel really sleepy and my pee looks like tea")
    assert result.drug == "examplofen"
    assert {f.effect for f in result.findings} == {"sleepiness", "discoloured urine"}
    assert triager.classify("he is breathing very slowly").disposition == "emergency"


def test_a_second_drug_works_end_to_end_with_its_own_name(two_drugs):
    out = run_cli("--knowledge", str(two_drugs), "--drug", "examplofen", "triage", "--json", "so drowsy today",
                  env={"TRIAGE_BOT_NO_CACHE": "1"})
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["drug"] == "examplofen"
    text = run_cli("--knowledge", str(two_drugs), "--drug", "examplofen", "triage", "so drowsy today",
                   env={"TRIAGE_BOT_NO_CACHE": "1", "NO_COLOR": "1"}).stdout.decode()
    assert "examplofen" in text and "baclofen" not in text


def test_a_drug_naming_an_unknown_concept_is_refused(tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    text = (ROOT / "tests" / "fixtures" / "second-drug.toml").read_text().replace('"drowsiness"', '"drowsyness"')
    (folder / "examplofen.toml").write_text(text)
    with pytest.raises(KnowledgeError, match=r"examplofen.toml.*'sleepiness'.*concept 'drowsyness'.*valid:"):
        load_knowledge(folder)


# ---------------------------------------------------------------- illnesses the patient already has

@pytest.mark.parametrize("text, ref, category", [
    ("I was put on it partly because of my depression", "cns_toxicity.mood", "condition"),
    ("it has done wonders for the anxiety", "withdrawal_nervousness", "condition"),
    ("diagnosed with depression years back, and now a rash", "cns_toxicity.mood", "condition"),
    ("still depressed, same as before", "cns_toxicity.mood", "condition"),
    # a worsening word makes it a side effect again
    ("my depression has got much worse since I started it", "cns_toxicity.mood", "present"),
    # a symptom word that is not an illness name is untouched
    ("my mood has been really low", "cns_toxicity.mood", "present"),
])
def test_an_illness_the_patient_has_is_not_a_side_effect(triager, text, ref, category):
    assert category_of(triager, text, ref) == category


def test_nervousness_is_a_finding_only_after_a_stop(triager):
    on_drug = triager.classify("I've been a bit jumpy and on edge")
    assert on_drug.disposition == "none"
    assert ("not_after_stop", "withdrawal_nervousness") in {(c, f.ref) for c, f in on_drug.set_aside}
    assert [q.id for q in on_drug.questions] == ["stopped_suddenly"]
    stopped = triager.classify("I've been a bit jumpy and on edge since I ran out")
    assert stopped.disposition == "withdrawal"


# ---------------------------------------------------------------- scope of the cues

def test_a_question_that_runs_into_its_symptom_is_still_a_question(triager):
    assert triager.classify("could baclofen slow down my breathing? I'm fine, just wondering").disposition == "none"


def test_a_time_opening_a_sentence_reaches_all_of_it(triager):
    result = triager.classify("back in my twenties, long before any of this, I had a seizure")
    assert result.disposition == "none"
    assert category_of(triager, "when I was 12, after a fall, I had a seizure", "overdose_cns.convulsions") == "historical"


def test_a_weak_termination_ends_a_denial_but_not_another_persons_story(triager):
    result = triager.classify("a friend who is also on this had a seizure last month")
    assert result.disposition == "none"
    assert "cns_effects.dizziness" in found(triager, "no headache, also quite dizzy")


@pytest.mark.parametrize("text, disposition", [
    ("I take 40mg and I sleep fine", "none"),
    ("I was taking 30mg when the headaches started", "if_bothersome"),
    ("I had a lot of wind and some bloating", "if_bothersome"),
    ("had sharp pains in my stomach twice this week", "if_bothersome"),
    ("took a load of my pills after an argument", "emergency"),
])
def test_regimens_and_lookalikes_are_not_overdoses(triager, text, disposition):
    assert triager.classify(text).disposition == disposition


@pytest.mark.parametrize("text", [
    "I had my evening tablet at 9 and now my head aches",
    "took one at 8 this morning, a bit sleepy",
    "been on it since 2021 and I get a dry mouth",
    "I swallowed 2 tablets around 11 with my tea",
])
def test_a_clock_time_or_year_is_not_a_count_of_tablets(triager, text):
    result = triager.classify(text)
    assert result.context.get("took_too_much") is not True
    assert result.disposition != "emergency"


@pytest.mark.parametrize("text", [
    "she swallowed 30 tablets at 9",
    "I took around 25 of them",
    "he had 15 at once",
])
def test_a_count_beside_a_time_is_still_a_count(triager, text):
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text, disposition", [
    ("I took an overdose of it back in 2018, fine since", "none"),
    ("I overdosed on it years ago", "none"),
    ("could someone overdose on this stuff?", "none"),
    ("could someone overdose on this stuff? I took 12 tablets", "emergency"),
    ("I overdosed on it years ago and tonight I took 12 tablets", "emergency"),
    # a month or more gone, told before or after
    ("last summer I took a double dose by mistake, no harm done", "none"),
    ("a few weeks ago my daughter swallowed one of my tablets, she was checked and fine", "none"),
    ("I accidentally doubled up last month but I was ok", "none"),
    # ... but not a night or a few days, nor a stop or a treatment started weeks ago
    ("last night I took a double dose by mistake", "emergency"),
    ("I started it a few weeks ago and today I took 10 at once", "emergency"),
])
def test_an_overdose_dated_or_asked_about_is_not_one_now(triager, text, disposition):
    assert triager.classify(text).disposition == disposition


def test_a_class_of_several_words_is_refused(tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    text = (folder / "en.toml").read_text().replace('"lad", "sister",', '"lad", "little one", "sister",', 1)
    (folder / "en.toml").write_text(text)
    with pytest.raises(KnowledgeError, match=r"\[classes\] child: 'little one' is not one word"):
        Triager(load_knowledge(folder))


@pytest.mark.parametrize("text, ref", [
    ("it has really reduced my headaches", "cns_effects_rare.headache"),
    ("within a week the nausea had lessened", "nausea"),
    ("the other tablets I tried gave me awful headaches", "cns_effects_rare.headache"),
])
def test_what_the_drug_relieved_or_another_drug_caused_is_set_aside(triager, text, ref):
    assert ref not in found(triager, text)


def test_relief_never_sets_aside_an_emergency_sign(triager):
    assert triager.classify("it has reduced my seizures").disposition == "emergency"


@pytest.mark.parametrize("text", [
    "no decrease in the itching at all", "the cream didn't help with the rash",
])
def test_relief_that_did_not_come_is_no_relief(triager, text):
    assert "dermatitis.rash" in found(triager, text)


def test_living_without_it_is_not_stopping_it(triager):
    result = triager.classify("the spasms used to be awful, I couldn't live without it now")
    assert result.context["stopped_suddenly"] is not True
    assert result.disposition == "none"


def test_a_denial_of_suicidal_thoughts_denies_them(triager):
    result = triager.classify("these days I am no longer suicidal")
    assert result.disposition == "none" and "crisis line" not in result.advice


def test_a_new_clause_after_and_i_ends_a_denial(triager):
    assert "cns_effects_rare.sleeping" in found(triager, "no food appeals to me and I keep waking up at night")


def test_going_without_it_is_a_stop(triager):
    result = triager.classify("I went three days without taking it and now I'm seeing things")
    assert result.context["stopped_suddenly"] is True and result.disposition == "withdrawal"


def test_a_plain_no_inside_a_list_of_complaints_denies_only_its_item(triager):
    assert "sexual_problems" in found(triager, "always sleepy, no motivation, sexual problems")
    # a clinician's denial still carries along its list after a complaint
    result = triager.classify("c/o headache, denies CP, SOB, N/V")
    assert {f.ref for f in result.findings} == {"cns_effects_rare.headache"}
    assert result.disposition == "if_bothersome"


def test_a_bracket_ends_a_denial(triager):
    assert "cns_effects.drowsiness" in found(triager, "nausea (unless I don't eat first), drowsiness")


@pytest.mark.parametrize("text, ref", [
    ("since abrupt d/c: \u2191 tone both legs", "increased_spasticity"),
    ("N+V since this morning", "nausea"),
    ("wt \u2191 3kg this month", "fluid_retention.weight_gain"),
    ("my pressure was 84 on 52 at the pharmacy", "low_blood_pressure"),
    ("home readings like 86/55 all week", "low_blood_pressure"),
])
def test_nurse_signs_and_readings(triager, text, ref):
    assert ref in found(triager, text)


@pytest.mark.parametrize("text, ref", [
    ("had a rash in March that cleared with cream", "dermatitis.rash"),
    ("some ringing in my ears came and went", "cns_toxicity.ringing"),
    ("my husband had to shake me awake", "cns_effects_rare.trembling"),
])
def test_past_passed_and_transitive_mentions_are_not_findings(triager, text, ref):
    assert ref not in found(triager, text)


@pytest.mark.parametrize("text", [
    "his eyes don't seem lined up since the dose went up",
    "the pump refill was due on Monday, now I'm burning up and my legs are rigid",
    "took my morning one and then took it again a few minutes later",
    "our little boy (3) got my dosette box open and Monday's slot is empty",
    "I have saved enough up and I know what I'm going to do tonight",
    "my hand started jerking and I lost a few minutes",
])
def test_emergencies_said_in_passing(triager, text):
    assert triager.classify(text).disposition == "emergency"


def test_a_denied_frame_needs_its_denial(triager):
    assert "cns_effects.weakness" in found(triager, "my legs just won't hold me up today")
    assert "cns_effects.weakness" not in found(triager, "my legs hold me up fine")


# ---------------------------------------------------------------- found in review: each failed before its fix

@pytest.mark.parametrize("text, disposition", [
    ("I took 5 20mg tablets", "emergency"),                 # a count of a strength: 100 mg
    ("took like 12 of my 10mg ones today", "emergency"),
    ("I had 20 of these headaches this month", "if_bothersome"),   # a count of headaches
    ("baclofen 10mg od, feeling dizzy", "if_bothersome"),    # od is once daily, not "OD'd"
    ("I take it three times a day, same dose as always", "none"),
    ("I've been sleeping more than I should and feel groggy", "if_bothersome"),
    ("the nurse said she took my blood pressure", "none"),
    ("my son is on baclofen and isn't eating", "if_bothersome"),
    ("my eye pressure was 18/20 at the optician", "none"),
    ("Last year I started baclofen and now I have hallucinations", "medical_attention"),
    ("if I get up quickly I go really dizzy", "if_bothersome"),
    ("I have never felt so dizzy", "if_bothersome"),
])
def test_review_findings(triager, text, disposition):
    assert triager.classify(text).disposition == disposition


@pytest.mark.parametrize("text", [
    "I've been off work for a week with a cold", "3 days without sleep", "I forgot where I put it",
    "I couldn't get it up", "my back in spasm again",
])
def test_ordinary_words_are_not_a_stop_or_the_past(triager, text):
    result = triager.classify(text)
    assert result.context["stopped_suddenly"] is not True
    assert not any(c == "historical" for c, _ in result.set_aside)


def test_a_reading_in_words_spans_both_numbers(triager):
    [m] = [m for m in triager.find("bp 85 on 55 this morning")[0]]
    assert m.text == "bp 85 on 55"


# ---------------------------------------------------------------- words spelt by ear

@pytest.mark.parametrize("text, ref", [
    ("this stuff makes me so drozzey at my desk", "cns_effects.drowsiness"),
    ("felt nawshus all afternoon", "nausea"),
    ("bad hedakes every evening", "cns_effects_rare.headache"),
    ("terrible diarhea since tuesday", "gi_irritation.diarrhea"),
    ("real weeknes in my arms", "cns_effects.weakness"),
])
def test_a_word_spelt_by_ear_is_read(triager, text, ref):
    assert ref in found(triager, text)


@pytest.mark.parametrize("text", [
    "I feel happyer than I have in years",   # not "hyper": the first vowel differs
    "we went to the beach on saturday",
])
def test_a_word_spelt_by_ear_must_sound_like_one_sign(triager, text):
    assert triager.classify(text).findings == ()


# ---------------------------------------------------------------- cue scope

def test_what_for_is_about_must_be_a_symptom_to_be_the_indication(triager):
    # "for" names the reason for the trip here, not what the tablets treat
    result = triager.classify("since stopping it for the holiday, my legs are tightening up again")
    assert result.disposition == "withdrawal"
    assert any(f.tier == "withdrawal" and "spasticity" in f.effect for f in result.findings)
    # a list of what it is taken for is still the indication
    assert category_of(triager, "I take it for my spasms, stiffness and cramps", "increased_spasticity") \
        == "indication"


def test_a_reason_looked_for_is_not_a_treatment(triager):
    result = triager.classify("the nurse found the reason for my depression and the crying")
    assert "cns_toxicity.mood" in {f.ref for f in result.findings}


def test_another_drug_is_blamed_for_what_is_in_its_brackets(triager):
    text = "I had to stop the tizanidine because it gave me awful side effects (terrible headaches)"
    assert category_of(triager, text, "cns_effects_rare.headache") == "other_drug"
    # stopping the other medicine is not stopping this one
    assert triager.classify(text).context.get("stopped_suddenly") is not True
    # an opening bracket still ends a denial
    assert "cns_effects.drowsiness" in found(triager, "no nausea (drowsy though)")


def test_what_another_drug_would_do_is_set_aside(triager):
    text = "I was on tizanidine before and that would make me so sleepy"
    assert category_of(triager, text, "cns_effects.drowsiness") == "other_drug"


@pytest.mark.parametrize("text, ref", [
    ("I thought I saw a cat on the stairs but there was nothing", "cns_toxicity.hallucinations"),
    ("she thought she heard the doorbell twice but nobody was at the door", "cns_toxicity.hallucinations"),
])
def test_a_misperception_is_a_hallucination(triager, text, ref):
    assert ref in found(triager, text)


def test_a_misperception_frame_needs_its_misperception(triager):
    assert triager.classify("I thought I saw some improvement but nothing big").findings == ()


@pytest.mark.parametrize("text, context", [
    ("then I completely lost it and yelled at my son", None),
    ("I won't stop taking it, it helps my legs", "not_stopped"),
])
def test_losing_ones_temper_or_refusing_to_stop_is_not_a_stop(triager, text, context):
    result = triager.classify(text)
    assert result.context.get("stopped_suddenly") is not True
    if context:
        assert result.context.get("stopped_suddenly") is False


@pytest.mark.parametrize("text, disposition", [
    ("I only took 3 yesterday", "none"),          # three doses in a day is within 80 mg
    ("I took 5 of them in one go", "emergency"),   # five 20 mg tablets would be 100 mg
    ("took 60mg this morning", "none"),
    ("took 100mg at once", "emergency"),
])
def test_an_amount_at_once_is_judged_against_the_daily_maximum(triager, text, disposition):
    assert triager.classify(text).disposition == disposition


def test_a_head_joined_to_another_noun_shares_its_predicate(triager):
    assert "cns_toxicity.mood" in found(triager, "his mood and his energy have gone down")
    # a verb joined by "or" is not a head: "sat or lay down" says nothing low
    assert "cns_toxicity.mood" not in found(triager, "I get dizzy if I sit or lie down")


def test_a_stop_for_a_symptom_does_not_make_that_symptom_withdrawal(triager):
    result = triager.classify("I had to stop taking it because I was seeing things")
    assert result.context.get("stopped_suddenly") is not True
    assert {f.tier for f in result.findings} == {"medical_attention"}
    # a stop for another reason, then a symptom: withdrawal
    assert triager.classify("I quit it because it cost too much and now my legs are spasming again") \
        .disposition == "withdrawal"
    # a symptom told after the reason is still read as after the stop
    later = triager.classify("I stopped it cos I was so sleepy. Since Monday I keep seeing things")
    assert any(f.ref == "cns_toxicity.hallucinations" and f.tier == "withdrawal" for f in later.findings)


def test_not_minding_a_side_effect_is_still_having_it(triager):
    assert "constipation" in found(triager, "I'm not complaining about the constipation")
    assert "constipation" in found(triager, "can't complain really, a bit of constipation")


@pytest.mark.parametrize("text, ref", [
    ("I've been depressed for years", "cns_toxicity.mood"),
    ("I have had anxiety since I was a teenager", "withdrawal_nervousness"),
])
def test_an_illness_of_many_years_is_a_condition(triager, text, ref):
    assert category_of(triager, text, ref) == "condition"


def test_the_next_time_is_a_question_about_the_future(triager):
    assert category_of(triager, "the next time I get a seizure I'll ring you", "overdose_cns.convulsions") \
        == "hypothetical"


def test_saved_from_a_symptom_is_an_improvement(triager):
    assert category_of(triager, "honestly it saved me from the spasms", "increased_spasticity") == "improved"


@pytest.mark.parametrize("text", ["sometimes I want to punch somebody", "he's been hitting the carer"])
def test_wanting_to_hit_people_is_a_change_of_mood(triager, text):
    assert "cns_toxicity.mood" in found(triager, text)


@pytest.mark.parametrize("text", ["I hit my head when I fell over", "my son kicked the ball at me"])
def test_hitting_a_thing_is_not_aggression(triager, text):
    assert "cns_toxicity.mood" not in found(triager, text)


@pytest.mark.parametrize("text, ref", [
    ("I've been crying so hard", "cns_toxicity.mood"),
    ("my sleep has been really odd lately", "cns_effects_rare.sleeping"),
])
def test_more_ways_of_saying_a_sign(triager, text, ref):
    assert ref in found(triager, text)


@pytest.mark.parametrize("text", ["she is breathing very slowly", "the words come out slowly"])
def test_slowly_alone_is_not_a_taper(triager, text):
    assert triager.classify(text).context.get("stopped_suddenly") is None


def test_coming_off_slowly_is_not_an_abrupt_stop(triager):
    assert triager.classify("I came off it slowly over a month").context.get("stopped_suddenly") is False
    assert triager.classify("I came off it last week").context.get("stopped_suddenly") is True


@pytest.mark.parametrize("text", ["any chest pain?", "should I worry if I get dizzy or any chest pain?"])
def test_a_sign_asked_about_with_any_is_not_reported(triager, text):
    assert category_of(triager, text, "chest_pain") == "hypothetical"


@pytest.mark.parametrize("text, ref", [
    ("I get dizzy any time I stand up", "cns_effects.dizziness"),   # no question
    # (an if-clause supposes its sign: "should I worry if I get dizzy" asks, so the
    # report comes first here)
    ("I've been dizzy all week, should I worry about that or any chest pain?", "cns_effects.dizziness"),
])
def test_any_outside_a_question_or_before_another_word_reports_as_usual(triager, text, ref):
    assert ref in found(triager, text)


@pytest.mark.parametrize("text", ["is it normal that I have any trouble breathing at night?",
                                  "why do I keep having any seizures?"])
def test_any_after_a_verb_of_having_is_still_a_present_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency"


def test_the_patient_told_about_by_someone_else_is_still_the_patient(triager):
    assert triager.classify("my wife says I had a seizure last night").context["about_another"] is False
    assert triager.classify("my husband took twenty of his tablets").context["about_another"] is True


def test_a_dose_raised_by_the_doctor_is_not_an_overdose(triager):
    assert triager.classify("my doctor doubled my dose last week and I'm a bit drowsy").disposition != "emergency"
    assert triager.classify("I doubled my dose and now I'm drowsy").disposition == "emergency"


@pytest.mark.parametrize("text, refs", [
    ("I feel dizzy and sick", {"cns_effects.dizziness", "nausea"}),
    ("it helps my spasms but I feel drowsy and sick", {"cns_effects.drowsiness", "nausea"}),
])
def test_a_sign_inside_another_terms_filler_is_still_read(triager, text, refs):
    """"feel ... sick" may skip a word or two, but a sign it skips is read too."""
    assert refs <= found(triager, text)


@pytest.mark.parametrize("text", [
    "I feel diz\u00adzy all the time",          # a soft hyphen pasted from a web form
    "ringing in my e\u200bars",                 # a zero-width space
    "\ufeffmy ankles are swol\u2060len",         # a byte-order mark and a word joiner
])
def test_invisible_characters_inside_a_word_do_not_hide_it(triager, text):
    result = triager.classify(text)
    assert result.findings, text
    # the quoted words are the patient's own characters, offsets and all
    assert all(text[f.start:f.end] == f.text for f in result.findings)


@pytest.mark.parametrize("text, ref", [
    ("he warned me it can cause fits and now I've had one", "overdose_cns.convulsions"),
    ("the leaflet says it can cause hallucinations and I'm having them", "cns_toxicity.hallucinations"),
    ("my doctor said it could give me headaches, I've got one today", "cns_effects_rare.headache"),
])
def test_a_sign_warned_of_then_had_is_present(triager, text, ref):
    # the warning names the sign, the patient's own "one" or "them" reports it
    assert ref in found(triager, text)


@pytest.mark.parametrize("text", [
    "he warned me it can cause fits but I've never had one",
    "can it cause headaches? I don't think I've had one",
    "the leaflet says it can cause rashes, what if I get one",
    "my doctor said it can cause seizures if I stop it suddenly",
])
def test_a_sign_warned_of_and_denied_or_supposed_stays_a_supposition(triager, text):
    assert not triager.classify(text).findings


@pytest.mark.parametrize("text, disposition", [
    # a dose supposed with "would", texted or not, is a question
    ("wud it b bad if i took 3 2day instead of 1", "none"),
    ("would it be risky if I had 4 at once?", "none"),
    # a stop texted short still reads as a stop
    ("calves r jumpin since i stopd the bac on sat", "withdrawal"),
])
def test_texted_modals_and_past_tenses(triager, text, disposition):
    assert triager.classify(text).disposition == disposition
