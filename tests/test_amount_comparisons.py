"""Two amounts compared, in the reader's own phrasings: the amount taken against
the prescribed one ("4 instead of 1" is an overdose, "2 instead of 3" is not),
a dose changed ("down from 3 to 2"), an extra dose on top of the usual one, and
calm look-alikes that compare no doses at all."""
from datetime import datetime, timezone

import pytest

from triage_bot.conversation import Engine


# ------------------------------------------------- more than prescribed: an overdose

@pytest.mark.parametrize("text", [
    "I've been taking 4 instead of 1",
    "I've been taking 4 a day instead of 1",
    "took 3 instead of my usual 1",
    "took 2 rather than 1 this morning",
    "I took 2 tablets not 1 before lunch",
    "I took 3 when I should take 1",
    "I took 4 but I should take 1",
    "swallowed 20mg instead of 10mg",
    "my gp said 1 a day but I took 3 instead of 1",
])
def test_more_taken_than_the_amount_compared_is_an_overdose(triager, text):
    result = triager.classify(text)
    assert result.context["took_too_much"] is True
    assert result.disposition == "emergency"


# ------------------------------------------------- fewer or the same: no overdose

@pytest.mark.parametrize("text", [
    "I take 2 tablets a day instead of 3",
    "I take 2 a day instead of 3 now",
    "I take 2 at night rather than 3",
    "I took 1 not 2",
    "I took 1 tablet instead of 2 this morning",
    "doctor cut me to 2 a day instead of 3",
    "I took 5 instead of 8",
    "took 2 instead of 2, as always",
])
def test_fewer_or_the_same_as_the_amount_compared_is_no_overdose(triager, text):
    result = triager.classify(text)
    assert result.context["took_too_much"] is not True
    assert result.disposition != "emergency"


def test_a_lower_dose_than_before_is_said_to_be_no_overdose(triager):
    assert triager.classify("I take 2 tablets a day instead of 3").context["took_too_much"] is False


def test_a_prescriber_who_raised_the_dose_is_no_overdose(triager):
    result = triager.classify("my neurologist told me to take 3 instead of 1")
    assert result.context["took_too_much"] is False and result.disposition != "emergency"


def test_a_comparison_asked_about_is_no_overdose(triager):
    assert triager.classify("should I take 2 instead of 1?").disposition != "emergency"


# ------------------------------------------------- a dose changed

@pytest.mark.parametrize("text", [
    "my dose went down from 3 to 2 a day",
    "the doctor put me up from 1 to 3 a day",
])
def test_a_dose_changed_is_no_overdose(triager, text):
    result = triager.classify(text)
    assert result.context["took_too_much"] is False and result.disposition != "emergency"


def test_a_prescribers_reduction_is_a_taper_not_a_stop(triager):
    result = triager.classify("my doctor cut my dose from 3 to 2 tablets and my spasms are back")
    assert result.context["stopped_suddenly"] is False
    assert result.disposition not in ("withdrawal", "emergency")


def test_a_dose_halved_on_ones_own_is_still_a_stop(triager):
    assert triager.classify("I halved my dose and now I'm seeing things").context["stopped_suddenly"] is True


# ------------------------------------------------- an extra dose on top of the usual one

@pytest.mark.parametrize("text", [
    "I took my usual dose and then another 2",
    "had my normal dose then another 3 an hour later",
    "I took 2 on top of my usual",
    "took another on top of my prescribed dose",
])
def test_a_dose_on_top_of_the_usual_one_is_an_overdose(triager, text):
    result = triager.classify(text)
    assert result.context["took_too_much"] is True
    assert result.disposition == "emergency"


@pytest.mark.parametrize("text", [
    "I took another one",
    "I took my usual dose and then another one at night",
    "took 2 paracetamol on top of my usual baclofen",
    "I didn't take 2 on top of my usual",
])
def test_another_dose_alone_or_another_medicine_on_top_is_no_overdose(triager, text):
    assert triager.classify(text).disposition != "emergency"


# ------------------------------------------------- look-alikes that compare no doses

@pytest.mark.parametrize("text", [
    "the pharmacy gave 2 boxes instead of 3",
    "the pharmacy gave 3 boxes instead of 2",
    "I now take it at 8 instead of 10 o'clock",
    "2 kids instead of 3 in the car",
    "we drove 3 hours instead of 2",
    "took 2 not 3 hours ago",
    "I work from 9 to 5 and take my baclofen at night",
])
def test_a_comparison_of_something_else_is_calm(triager, text):
    result = triager.classify(text)
    assert result.context["took_too_much"] is not True
    assert result.disposition != "emergency"


# ------------------------------------------------- in a conversation

@pytest.fixture(scope="module")
def engine(triager):
    return Engine(triager, clock=lambda: datetime(2026, 12, 4, 22, 0, tzinfo=timezone.utc))


def _last_disposition(engine, *messages):
    state, _greeting = engine.start("t")
    for message in messages:
        state, _replies = engine.step(state, message)
    return engine.result(state).disposition


def test_a_higher_dose_told_after_a_symptom_is_an_emergency(engine):
    assert _last_disposition(engine, "I feel really drowsy", "I've been taking 4 instead of 1") == "emergency"


def test_a_lower_dose_told_after_a_symptom_is_no_emergency(engine):
    assert _last_disposition(engine, "I feel really drowsy", "I take 2 a day instead of 3 now") != "emergency"


# ------------------------------------------------- the comparisons are data, checked on load

def test_a_bad_comparison_pattern_is_refused_naming_its_table(tmp_path):
    import shutil

    from triage_bot.knowledge import KnowledgeError, load_knowledge
    from triage_bot.triager import Triager
    from tests.conftest import KNOWLEDGE
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    lang = target / "en.toml"
    text = lang.read_text()
    assert 'change_from = ["from # to #"' in text
    lang.write_text(text.replace('change_from = ["from # to #"', 'change_from = ["from #x1 to #"', 1))
    with pytest.raises(KnowledgeError, match=r"en.toml \[amounts\] change_from: pattern 'from #x1 to #': bad number step"):
        Triager(load_knowledge(target))


# ------------------------------------------------- "finished" the supply: used up, or swallowed

@pytest.mark.parametrize("text", [
    "my daughter finished the packet of my baclofen",
    "our puppy finished off the strip on the table",
    "the toddler finished my tablets while I was in the shower",
])
def test_a_child_or_pet_that_finished_the_tablets_swallowed_them(triager, text):
    result = triager.classify(text)
    assert result.context["ingestion"] is True
    assert result.disposition == "emergency"


@pytest.mark.parametrize("text", [
    "he finished every one of his tablets at once this afternoon",
    "I finished my pills all in one go after the argument",
])
def test_tablets_finished_at_once_are_an_overdose(triager, text):
    result = triager.classify(text)
    assert result.context["took_too_much"] is True
    assert result.disposition == "emergency"


@pytest.mark.parametrize("text", [
    "I finished my baclofen on monday and now I keep hearing voices",
    "my son says I finished the box on tuesday and my legs are rigid now",
])
def test_a_supply_finished_over_days_is_a_stop_not_an_overdose(triager, text):
    result = triager.classify(text)
    assert result.disposition == "withdrawal"
    assert not result.context["took_too_much"]


# ------------------------------------------------- a count taken at once, against the most in one dose

@pytest.mark.parametrize("text", [
    "I took 4 tablets at once because the pain was so bad",
    "she swallowed three of them all together after the argument",
    "took 60mg in one go to get some sleep",
])
def test_more_than_one_dose_at_once_is_an_overdose(triager, text):
    # the label's most in one dose is 20 mg: four tablets at once are at least 40 mg
    result = triager.classify(text)
    assert result.context["took_too_much"] is True
    assert result.disposition == "emergency"


@pytest.mark.parametrize("text", [
    "I take 2 at once at night as my doctor said",
    "took 2 tablets together this morning, that's my usual dose",
    "I took one at once with water",
])
def test_a_dose_at_once_within_the_label_is_no_overdose(triager, text):
    result = triager.classify(text)
    assert result.disposition != "emergency"


def test_at_once_in_the_next_sentence_says_nothing_of_the_dose(triager):
    assert not triager.classify("I took 3 this morning. At once I felt sick").context["took_too_much"]


@pytest.mark.parametrize("text", [
    "my flatmate took 5 of my 10 mg tablets thinking they were paracetamol",
    "my mum swallowed two of my 20mg baclofen last night",
])
def test_another_adult_taking_the_patients_tablets_of_a_told_strength_is_an_ingestion(triager, text):
    # within the patient's own daily maximum, but not prescribed for the one who took them
    result = triager.classify(text)
    assert result.context["ingestion"] is True
    assert result.disposition == "emergency"


# ------------------------------------------------- a supply emptied far too soon

@pytest.mark.parametrize("text", [
    "grandma's dosette box is empty and it was full yesterday, she's very drowsy",
    "his pill organiser for the week was emptied in one day",
    "the chemist refilled his box this morning and now it's empty",
])
def test_a_supply_emptied_far_too_soon_is_an_overdose(triager, text):
    result = triager.classify(text)
    assert result.context["took_too_much"] is True
    assert result.disposition == "emergency"


@pytest.mark.parametrize("text", [
    "the dosette is empty at the end of the week, I'll get it refilled on friday",
    "my bottle is empty so I've missed tonight's dose",
])
def test_a_supply_used_up_in_its_time_is_no_overdose(triager, text):
    assert triager.classify(text).disposition != "emergency"


def test_cut_down_is_no_swallowing(triager):
    # "down" is the stem of "downed": the adverb of "cut down from 60 to 20" is no verb of taking
    assert triager.classify("well I did cut down from 80 to 30 on my own this week").disposition != "emergency"
    assert triager.classify("he downed 20 of them with vodka").disposition == "emergency"


@pytest.mark.parametrize("text, disposition", [
    # "could I have taken" doubts a dose taken; "could I take" asks about one
    ("could I have swallowed 3 by mistake? I think so", "emergency"),
    ("could I take 2 tonight instead of 1?", "none"),
    ("could I have one more tablet tonight if the spasms are bad?", "none"),
])
def test_could_i_have_taken_is_a_doubt_not_a_question(triager, text, disposition):
    assert triager.classify(text).disposition == disposition
