"""Drug reviews, round 9: an end denied ("never went away"), a spell at the start that
"wore off", shaking and sweating after an abrupt stop, suicidal thoughts told without
the word, a claim read or heard, another medicine as the symptom's verb, and the
words reviewers use for sedation, bladders, erections and a slow mind.  Every phrasing
here is our own (none is taken from an evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.triager import Triager


def found(triager: Triager, text: str) -> set[str]:
    return {f.ref for f in triager.classify(text).findings}


def disposition(triager: Triager, text: str) -> str:
    return triager.classify(text).disposition


# ---------------------------------------------------------------- an end denied is no end

@pytest.mark.parametrize("text, ref", [
    ("the sleepiness never went away, three months on", "cns_effects.drowsiness"),
    ("my headaches still haven't gone away", "cns_effects_rare.headache"),
    ("the dizzy feeling hasn't worn off at all", "cns_effects.dizziness"),
    ("the queasiness didn't settle even after a month", "nausea"),
    ("the tiredness never really went away", "cns_effects_rare.tiredness"),
])
def test_a_symptom_whose_end_is_denied_is_still_had(triager, text, ref):
    assert ref in found(triager, text), text


@pytest.mark.parametrize("text", [
    "the sleepiness went away after a fortnight",
    "my headaches have gone away",
    "the dizzy feeling wore off within days",
])
def test_a_symptom_that_ended_is_still_set_aside(triager, text):
    assert found(triager, text) == set(), text


@pytest.mark.parametrize("text", [
    "I couldn't sleep properly at first but it wore off",
    "I was groggy in the beginning but it wore off",
])
def test_a_spell_at_the_start_that_wore_off_is_no_stop(triager, text):
    result = triager.classify(text)
    assert result.disposition == "none", text
    assert not result.context.get("stopped_suddenly"), text


def test_the_dose_wearing_off_is_still_read_as_a_stop(triager):
    assert disposition(triager, "my spasms were calm all morning but it wore off by teatime") \
        == "withdrawal"


# ---------------------------------------------------------------- shaking and sweating after a stop

@pytest.mark.parametrize("text", [
    "I quit the tablets cold turkey and since then I've been shaky and sweaty",
    "the pharmacy ran out, and after three days without baclofen my hands were trembling",
    "stopped it abruptly last week, now I'm drenched in sweat every night",
    "I ran out on Friday and my heart has been pounding ever since",
])
def test_shaking_or_sweating_after_an_abrupt_stop_is_withdrawal(triager, text):
    assert disposition(triager, text) == "withdrawal", text


@pytest.mark.parametrize("text", [
    "my hands have been trembling since the dose went up",
    "I sweat a lot at night on baclofen",
])
def test_shaking_or_sweating_on_the_medicine_is_no_withdrawal(triager, text):
    assert disposition(triager, text) in ("none", "if_bothersome"), text


# ---------------------------------------------------------------- suicidal thoughts, told indirectly

@pytest.mark.parametrize("text", [
    "I couldn't see the point in carrying on after a month on it",
    "some weeks I didn't see the point in living",
    "I felt like such a burden to my family",
    "I honestly wanted to die by the second month",
])
def test_a_wish_to_die_told_indirectly_gives_the_mood_finding_and_the_crisis_line(triager, text):
    result = triager.classify(text)
    assert "cns_toxicity.mood" in {f.ref for f in result.findings}, text
    assert result.disposition in ("medical_attention", "emergency"), text
    assert "988" in result.advice, text


def test_a_life_not_woken_to_gets_the_crisis_line(triager):
    result = triager.classify("some nights I think it'd be easier if I just didn't wake up")
    assert result.disposition in ("medical_attention", "emergency")
    assert "988" in result.advice


def test_a_family_better_off_for_the_treatment_is_no_crisis(triager):
    result = triager.classify("the whole family is better off now my spasms are under control")
    assert result.disposition == "none"
    assert not result.context.get("suicidal_thoughts")


# ---------------------------------------------------------------- claims read or heard, and starting it

@pytest.mark.parametrize("text", [
    "I read it can cause seizures if you stop suddenly, so I will come off it slowly",
    "I heard baclofen can make you put on weight",
    "I read online that it gives some people headaches",
])
def test_a_claim_read_or_heard_is_no_report(triager, text):
    assert found(triager, text) == set(), text


def test_starting_the_medicine_is_not_having_the_sign_asked_about(triager):
    assert found(triager, "Can baclofen cause weight gain? My doctor wants me to start it next week.") == set()
    assert found(triager, "Does it cause constipation? I'm thinking of starting it.") == set()


def test_the_sign_asked_about_and_then_had_is_still_had(triager):
    assert "overdose_cns.convulsions" in found(
        triager, "the nurse told me it can cause fits and last night I started having them")


# ---------------------------------------------------------------- another medicine as the verb

@pytest.mark.parametrize("text", [
    "the codeine constipated me terribly, baclofen has been fine",
    "morphine sedates me, but this one doesn't",
])
def test_another_medicine_whose_verb_is_the_symptom_is_blamed(triager, text):
    assert found(triager, text) == set(), text


def test_this_medicine_as_the_verb_is_a_report(triager):
    assert "constipation" in found(triager, "baclofen constipated me for weeks")


# ---------------------------------------------------------------- reviewers' words

@pytest.mark.parametrize("text, ref", [
    ("couldn't stop yawning through every meeting", "cns_effects.drowsiness"),
    ("erectile problems from the second week", "sexual_problems"),
    ("my bladder won't empty properly since I started", "urination_difficulty"),
    ("I couldn't pee properly for days", "urination_difficulty"),
    ("my brain feels slow, like it's wading through mud", "cns_effects.confusion"),
])
def test_reviewers_words_for_a_sign(triager, text, ref):
    assert ref in found(triager, text), text


@pytest.mark.parametrize("text", [
    "I feel positive about this drug overall",
    "I kept forgetting whether I'd taken my dose",
])
def test_words_near_a_sign_that_are_not_one(triager, text):
    assert found(triager, text) == set(), text


# ---------------------------------------------------------------- a gap never crosses a full stop

def test_another_medicine_named_in_the_sentence_before_is_not_blamed(triager):
    text = "My GP put me on baclofen on top of my pregabalin. The mix made me a total zombie."
    assert "cns_effects.drowsiness" in found(triager, text)


def test_another_medicine_in_the_same_sentence_is_still_blamed(triager):
    assert found(triager, "the pregabalin made me feel like a zombie") == set()


# ---------------------------------------------------------------- "stopped because it ..."

@pytest.mark.parametrize("text", [
    "stopped because it was making me feel so low",
    "I quit because it made me depressed and weepy",
])
def test_a_stop_whose_reason_is_the_symptom_is_no_withdrawal(triager, text):
    result = triager.classify(text)
    assert result.disposition == "medical_attention", text
    assert "cns_toxicity.mood" in {f.ref for f in result.findings}, text


def test_a_symptom_told_after_the_reason_is_still_after_the_stop(triager):
    assert disposition(triager, "I quit because it made me low and the next day I was seeing things") == "withdrawal"


# ---------------------------------------------------------------- what it keeps away is the indication

@pytest.mark.parametrize("text", [
    "it is the one thing that keeps my legs from seizing up",
    "it prevents the spasms in my calves",
])
def test_what_the_medicine_keeps_away_is_no_side_effect(triager, text):
    assert disposition(triager, text) == "none", text


def test_after_a_stop_what_nothing_kept_away_is_withdrawal(triager):
    assert disposition(triager, "I quit it suddenly, and since then nothing kept my legs from locking up") \
        == "withdrawal"


def test_flattened_slang_is_drowsiness(triager):
    assert "cns_effects.drowsiness" in found(triager, "the first dose put me on my butt for a whole afternoon")


# ---------------------------------------------------------------- a denied item does not wipe the next

@pytest.mark.parametrize("text, ref", [
    ("Not throwing up, some nausea after meals.", "nausea"),
    ("no vomiting or diarrhoea, but some mild queasiness", "nausea"),
    ("No headaches, dizzy spells sometimes.", "cns_effects.dizziness"),
    ("No rash, no itching, a slight headache by evening.", "cns_effects_rare.headache"),
    ("No drowsiness, a little muddled in the afternoons.", "cns_effects.confusion"),
    ("Vomiting no, nausea yes.", "nausea"),
])
def test_a_later_item_told_with_an_amount_or_a_frequency_is_had(triager, text, ref):
    assert ref in found(triager, text), text


@pytest.mark.parametrize("text", [
    "No headaches, dizziness or nausea.",
    "No nausea, vomiting or diarrhoea at all.",
    "no drowsiness, no headaches, no nausea",
])
def test_a_plain_denied_list_is_still_denied(triager, text):
    assert found(triager, text) == set(), text


# ---------------------------------------------------------------- what others are said to have

@pytest.mark.parametrize("text", [
    "Somebody I know came out in a rash from it.",
    "everybody I know on it moans about the weight gain",
    "Reviews online talk about depression and hair loss, but not for me.",
    "people here complain of drowsiness, I am fine on it",
])
def test_what_others_are_said_to_have_is_not_the_patients(triager, text):
    assert found(triager, text) == set(), text


def test_the_patient_telling_their_own_sign_after_another_is_still_heard(triager):
    assert "cns_effects.drowsiness" in found(triager, "a friend had a rash on it, I know that's rare, I get sleepy")


@pytest.mark.parametrize("text, ref", [
    ("most mornings I felt like I'd been hit by a bus", "cns_effects_rare.tiredness"),
    ("I was a vegetable in front of the telly all evening", "cns_effects.drowsiness"),
    ("sleepwalking through my whole week", "cns_effects.drowsiness"),
    ("felt drunk even though I hadn't touched a drop", "cns_effects.dizziness"),
    ("I've ballooned up since the spring", "fluid_retention.weight_gain"),
    ("I kept walking into walls at night", "cns_effects_rare.unsteadiness"),
])
def test_more_reviewers_words_for_a_sign(triager, text, ref):
    assert ref in found(triager, text), text


def test_the_accident_itself_is_no_tiredness(triager):
    assert found(triager, "I was hit by a bus in 2018 and it left me with a spinal injury") == set()


# ---------------------------------------------------------------- ratings and verdicts are no denials

@pytest.mark.parametrize("text, ref", [
    ("the one reason it's not 5 stars is the sleepiness", "cns_effects.drowsiness"),
    ("it isn't 10 out of 10 because of the headaches", "cns_effects_rare.headache"),
    ("would not recommend, it made me so depressed", "cns_toxicity.mood"),
    ("I wouldn't recommend it, the dizziness was unbearable", "cns_effects.dizziness"),
])
def test_a_rating_or_verdict_does_not_deny_the_symptom(triager, text, ref):
    assert ref in found(triager, text), text


# ---------------------------------------------------------------- an end only partly over

@pytest.mark.parametrize("text, ref", [
    ("the dizziness has lessened but it is still there", "cns_effects.dizziness"),
    ("my queasiness is mostly gone", "nausea"),
    ("the grogginess eased a bit but not completely", "cns_effects.drowsiness"),
    ("the tummy ache has faded about half", "gi_irritation.abdominal_pain"),
])
def test_an_end_only_partly_over_keeps_the_symptom(triager, text, ref):
    assert ref in found(triager, text), text


@pytest.mark.parametrize("text", [
    "the dizziness went away but I still take it every night",
    "the headaches have gone completely",
    "my stiffness is a bit better on the higher dose",
])
def test_a_full_end_or_a_relief_is_still_set_aside(triager, text):
    assert found(triager, text) == set(), text


def test_another_symptom_that_lasts_is_its_own(triager):
    refs = found(triager, "the nausea went away, but I'm still exhausted")
    assert "cns_effects_rare.tiredness" in refs and "nausea" not in refs


# ---------------------------------------------------------------- the illness it is taken for, blamed

@pytest.mark.parametrize("text", [
    "I'm worn out all the time from my MS anyway",
    "the muscle tightness from my MS is still there, just milder",
    "fatigue is part of the MS",
])
def test_a_sign_blamed_on_the_illness_that_can_wait_is_set_aside(triager, text):
    assert disposition(triager, text) == "none", text


def test_the_illness_medicine_is_no_blame_on_the_illness(triager):
    assert "cns_effects.dizziness" in found(triager, "I get woozy from my MS tablets")


@pytest.mark.parametrize("text", [
    "hearing voices lately, probably from my MS",
    "very low mood from the stroke, I think",
])
def test_a_sign_for_the_doctor_today_is_not_set_aside_by_the_patients_guess(triager, text):
    assert disposition(triager, text) == "medical_attention", text


def test_after_an_abrupt_stop_the_illness_blamed_still_counts(triager):
    assert disposition(triager, "ran out three days ago, my legs are very stiff, probably just from my MS") \
        == "withdrawal"


# ---------------------------------------------------------------- a dose raised, told by what it did

@pytest.mark.parametrize("text", [
    "Doubling my dose made my legs looser, though I feel a little queasy after each one.",
    "upping the dose helped the cramps, but I'm sleepier",
])
def test_a_dose_raised_told_by_its_benefit_is_a_regimen_not_an_overdose(triager, text):
    assert disposition(triager, text) == "if_bothersome", text


def test_a_dose_the_patient_doubled_today_is_still_an_overdose(triager):
    assert disposition(triager, "I doubled my dose this morning and now I'm very drowsy") == "emergency"


@pytest.mark.parametrize("text", [
    "since adding the codeine I've been bunged up",
    "since they added pregabalin, I've been woozy",
    "the diazepam was far worse for sleepiness",
])
def test_another_medicine_added_or_compared_is_blamed(triager, text):
    assert found(triager, text) == set(), text


def test_this_medicine_added_is_still_blamed(triager):
    assert "cns_effects.dizziness" in found(triager, "since adding baclofen I've been woozy")


# ---------------------------------------------------------------- thoughts of suicide are the mood finding

@pytest.mark.parametrize("text", [
    "some evenings I think my family would be happier if I wasn't here",
    "most mornings I honestly didn't want to wake up",
])
def test_suicidal_thoughts_however_told_give_the_mood_finding(triager, text):
    result = triager.classify(text)
    assert "cns_toxicity.mood" in {f.ref for f in result.findings}, text
    assert result.disposition in ("medical_attention", "emergency") and "988" in result.advice, text


def test_suicidal_thoughts_after_an_abrupt_stop_are_withdrawal(triager):
    result = triager.classify("I came off it cold turkey and now I think everyone would be better off without me")
    assert result.disposition in ("withdrawal", "emergency")
    assert "988" in result.advice


@pytest.mark.parametrize("text", ["no suicidal thoughts at all", "years ago I was suicidal, these days I'm well"])
def test_suicidal_thoughts_denied_or_long_past_give_no_finding(triager, text):
    assert disposition(triager, text) == "none", text


def test_a_drug_file_context_sign_must_name_a_context_kind_and_a_sign(tmp_path):
    from triage_bot.knowledge import KnowledgeError
    from triage_bot.knowledge.drugs import load_drug
    from triage_bot.knowledge.tables import read_toml
    from tests.conftest import KNOWLEDGE

    data = read_toml(KNOWLEDGE / "drugs" / "baclofen.toml")
    data["context_signs"] = {"no_such_kind": "cns_toxicity.mood"}
    with pytest.raises(KnowledgeError, match="not a context kind"):
        load_drug(data, tmp_path / "x.toml")
    data["context_signs"] = {"suicidal_thoughts": "no_such.sign"}
    with pytest.raises(KnowledgeError, match="not an entry or sign"):
        load_drug(data, tmp_path / "x.toml")


def test_a_relief_phrase_does_not_run_across_a_colon(triager):
    result = triager.classify("Had to stop: my arms came out in itchy red blotches.")
    assert "dermatitis.rash" in {f.ref for f in result.findings}
    assert result.disposition == "medical_attention"


def test_swelling_like_balloons_is_no_weight_gain(triager):
    assert found(triager, "my ankles swelled up like balloons") == {"fluid_retention.ankle_swelling"}


@pytest.mark.parametrize("text", [
    "my libido took a nosedive within a fortnight",
    "I've had real trouble getting aroused on it",
    "vaginal dryness since the second week",
])
def test_sexual_function_in_more_words(triager, text):
    assert "sexual_problems" in found(triager, text), text


def test_tripping_over_words_is_no_unsteadiness(triager):
    assert "cns_effects_rare.unsteadiness" not in found(triager, "I keep tripping over my words when I talk")


@pytest.mark.parametrize("text, ref", [
    ("my sleep hasn't been great since the dose went up", "cns_effects_rare.sleeping"),
    ("I don't get much sleep anymore on it", "cns_effects_rare.sleeping"),
    ("I no longer sleep through the night", "cns_effects_rare.sleeping"),
    ("no longer interested in sex at all", "sexual_problems"),
])
def test_a_sign_told_with_its_own_denial(triager, text, ref):
    assert ref in found(triager, text), text


@pytest.mark.parametrize("text, ref", [
    ("why does it make me so exhausted?", "cns_effects_rare.tiredness"),
    ("why is baclofen giving me headaches?", "cns_effects_rare.headache"),
])
def test_a_why_question_takes_the_symptom_as_had(triager, text, ref):
    assert ref in found(triager, text), text


@pytest.mark.parametrize("text", ["why would it cause seizures?", "why does baclofen cause fits when you stop it?"])
def test_a_why_question_about_what_it_could_do_is_no_report(triager, text):
    assert disposition(triager, text) == "none", text


@pytest.mark.parametrize("text, ref", [
    ("two years on it with no trouble until I started getting chest pains", "chest_pain"),
    ("no side effects at all till the dose went up, then I got headaches", "cns_effects_rare.headache"),
])
def test_a_denial_ends_at_until(triager, text, ref):
    assert ref in found(triager, text), text


def test_a_denial_ends_at_an_exception(triager):
    assert "cns_effects_rare.tiredness" in found(triager, "no real side effects save for some fatigue in the evenings")


# ---------------------------------------------------------------- an end that did not last

@pytest.mark.parametrize("text, ref", [
    ("the woozy feeling went away but came back when they raised the dose", "cns_effects.dizziness"),
    ("the headaches stopped for a fortnight but they're back", "cns_effects_rare.headache"),
    ("the sleepiness wore off, then returned at the higher dose", "cns_effects.drowsiness"),
])
def test_a_symptom_that_came_back_is_had(triager, text, ref):
    assert ref in found(triager, text), text


@pytest.mark.parametrize("text", [
    "the queasiness went away after a week and never came back",
    "the sleepiness wore off and I went back to work",
    "the rash has gone and my skin is back to normal",
])
def test_an_end_that_lasted_is_still_set_aside(triager, text):
    assert found(triager, text) == set(), text


def test_another_persons_sign_the_writer_has_too_is_had(triager):
    assert "cns_effects.drowsiness" in found(triager, "people online talk about drowsiness and I definitely have it")


def test_another_persons_sign_the_writer_has_not_had_stays_theirs(triager):
    assert found(triager, "people online talk about rashes but I've never had one") == set()


def test_a_family_fine_without_the_writer_is_a_suicidal_thought(triager):
    result = triager.classify("lately I feel my husband would be fine without me around")
    assert "cns_toxicity.mood" in {f.ref for f in result.findings} and "988" in result.advice


def test_a_family_that_managed_without_the_writer_is_no_crisis(triager):
    assert disposition(triager, "the kids were fine without me for the weekend") == "none"


def test_another_medicine_named_with_what_it_is_for_is_blamed(triager):
    assert found(triager, "the tramadol I take for my knee is what bungs me up, not baclofen") == set()


def test_a_thick_head_in_the_morning_is_drowsiness(triager):
    assert "cns_effects.drowsiness" in found(triager, "I wake up with a thick head every morning on it")
