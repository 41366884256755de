"""Amounts, regimens, ingestion by others and intent, in the reader's own
phrasings: what was taken, by whom, and what for."""
import pytest


# ------------------------------------------------- O1: counts that are not doses taken

@pytest.mark.parametrize("text", [
    "I have 40 tablets at home",                      # "have" is no verb of taking
    "the chemist gave me 100 tablets",                # a supply to the speaker
    "i had 70 tablets left in the packet",            # a stock
    "took 800 mg gabapentin this morning",            # another medicine's count
    "I took 1000mg ibuprofen for my back",
    "took 10mg baclofen and 150mg sertraline",
    "took my 200 mg tramadol with my baclofen",
    "I took 3 today: 7, 13 and 19h",                  # a list of clock times
    "took my baclofen, bed 14, ward 6",               # numbers of another clause
    "took 8 tablets over the whole day (5mg ones) as prescribed",
    "I took 9 of the 10 mg ones spread across the day",
])
def test_a_count_not_taken_at_once_is_no_overdose(triager, text):
    result = triager.classify(text)
    assert result.context.get("took_too_much") is not True
    assert result.disposition != "emergency"


@pytest.mark.parametrize("text", [
    "I gave him 20 tablets",
    "I had 30 tablets left and took 10 of them",
    "took 20 of my baclofen and 2 paracetamol",
    "took 30 tablets, my doctor will be cross",
    "took 9 of the 10mg ones at once",
])
def test_a_count_taken_still_counts_beside_a_supply_or_another_medicine(triager, text):
    assert triager.classify(text).disposition == "emergency"


# ------------------------------------------------- U5: containers, multiples, strengths

@pytest.mark.parametrize("text", [
    "swallowed half the box",
    "I ate the full packet",
    "swallowed 3 packs",
    "took 3 days worth at once",
    "I took four times as much as usual",
    "took 25 x 10mg",
    "took 6 of the 20s",
    "took 14 of my 20mg",
    "?OD baclofen, very drowsy",
    "I think she ODed",
    "had 4 doses within an hour by mistake",
])
def test_a_container_a_multiple_or_a_stated_strength_is_an_amount(triager, text):
    result = triager.classify(text)
    assert result.context.get("took_too_much") is True
    assert result.disposition == "emergency"


@pytest.mark.parametrize("text", [
    "I ate the whole box of chocolates",
    "had 2 bottles of wine last night",
    "took baclofen 10mg OD",          # once daily, not an overdose
])
def test_a_container_of_something_else_or_a_once_daily_is_no_overdose(triager, text):
    assert triager.classify(text).disposition != "emergency"


# ------------------------------------------------- U6: all of it, and intent

@pytest.mark.parametrize("text", [
    "I took all my baclofen",
    "Took them all. sorry",
    "I swallowed the whole lot",
])
def test_taking_every_tablet_is_an_overdose(triager, text):
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "i took my tablets so it would all stop",
    "i took my pills to end the pain for good",
    "took the lot because I'm done with everything",
    # farewells beside the taking
    "I've swallowed everything in the medicine box, tell my husband I love him",
    "left notes for my family and then took all my baclofen",
])
def test_a_dose_taken_for_finality_is_intentional(triager, text):
    result = triager.classify(text)
    assert result.context.get("intentional") is True
    assert result.disposition == "emergency"


@pytest.mark.parametrize("text", [
    "I wish I could go to sleep and never wake",
    "I don't want to carry on anymore",
    "everyone would be better off without me",
    "I have thoughts of killing myself",
    # asking what would be lethal
    "how many of these tablets would it take to kill me",
    "what amount of baclofen is enough to die",
    # everything over
    "some days I just want it all to be over",
])
def test_thoughts_of_finality_get_medical_attention_and_the_crisis_line(triager, text):
    result = triager.classify(text)
    assert result.context.get("suicidal_thoughts") is True
    assert result.disposition in ("medical_attention", "emergency")


@pytest.mark.parametrize("text", [
    "I took my tablets to stop the spasms",
    "I took my dose for good measure",
    "I take them all at night",
    "tell my husband I'm sorry I missed his call, I took my tablets and fell asleep",
    "I took everything the pharmacist gave me as prescribed",
    "I took everything in my bag to the clinic",
    "I want this appointment to be over with",
])
def test_a_purpose_that_is_no_finality_is_not_intent(triager, text):
    result = triager.classify(text)
    assert result.context.get("intentional") is not True
    assert result.disposition != "emergency"


# ------------------------------------------------- U7: the speaker's medicine taken by another

@pytest.mark.parametrize("text", [
    "my toddler got hold of my baclofen",
    "my 3 year old had one of my tablets in his mouth",
    "my little one swallowed one of my pills",
    "i gave my dad my baclofen",
    "my son found my tablets and one is gone",
    "our labrador chewed my baclofen",
])
def test_another_getting_the_speakers_medicine_is_an_ingestion(triager, text):
    result = triager.classify(text)
    assert result.context.get("ingestion") is True
    assert result.disposition == "emergency"


@pytest.mark.parametrize("text", [
    "my daughter found my tablets in the car",
    "my son had a cold and I took my baclofen",
    "the dog knocked the bottle over but I picked up all 30 tablets, none missing",
])
def test_another_near_the_medicine_without_taking_it_is_no_ingestion(triager, text):
    assert triager.classify(text).disposition != "emergency"


# ------------------------------------------------- O2: regimens, fears, corrections, the past

@pytest.mark.parametrize("text", [
    "the neurologist doubled the dose last month",
    "they increased my dose at my last appointment",
    "I'm scared of an overdose",
    "overdose is my biggest worry",
    "I thought I took too many but I counted and I only took one",
    "in 2017 I took too many and ended up in hospital",
])
def test_a_dose_raised_feared_corrected_or_long_past_is_no_overdose_now(triager, text):
    result = triager.classify(text)
    assert result.context.get("took_too_much") is not True
    assert result.disposition != "emergency"


@pytest.mark.parametrize("text", [
    "I took an overdose and I'm scared",
    "I took 10 tablets but my usual dose is 2",
    "I took 30 tablets and I'm worried about overdose",
])
def test_an_overdose_stays_one_beside_a_fear_or_a_usual_dose(triager, text):
    assert triager.classify(text).disposition == "emergency"


# ------------------------------------------------- O3: cue words in their ordinary sense

@pytest.mark.parametrize("text", [
    "I'm worried about choking on the large tablets",
    "I stopped breathing exercises since the spasms",
    "I never wake up before 10 on weekends",
])
def test_cue_words_in_their_ordinary_sense_are_no_emergency(triager, text):
    assert triager.classify(text).disposition == "none"


@pytest.mark.parametrize("text", ["he is choking and turning blue", "she won't wake up"])
def test_the_emergency_senses_still_count(triager, text):
    assert triager.classify(text).disposition == "emergency"


# ------------------------------------------------- U10: a temperature reading with a pump problem

@pytest.mark.parametrize("text", [
    "pump alarm, temp 39",
    "pump alarming and temp 102F",
    "the pump is making a funny sound and I have a temp of 38.6",
    # a dose missed by someone with an intrathecal pump
    "ITB patient, omitted dose yesterday, now pruritic and temp 38.7",
    "she has an intrathecal pump and skipped her baclofen, now she's itchy and has a fever",
    "possible catheter fault on her ITB pump, she's spasming and febrile",
])
def test_a_pump_problem_with_a_fever_reading_is_an_emergency(triager, text):
    result = triager.classify(text)
    assert result.context.get("fever") is True
    assert result.disposition == "emergency"


@pytest.mark.parametrize("text, disposition", [
    ("temp 37, pump alarm", "withdrawal"),
    ("my temperature is 36.8 and the pump is fine", "none"),
    ("pump checked, no alarm, no fever", "none"),
    ("I came off the tablets when the intrathecal pump went in, all fine", "none"),
    ("I had the refill of my pump yesterday and feel fine", "none"),
    ("never had a pump alarm before but it's beeping now", "withdrawal"),
])
def test_a_normal_reading_or_a_denied_alarm_is_no_pump_emergency(triager, text, disposition):
    assert triager.classify(text).disposition == disposition


def test_a_number_range_step_is_checked_when_knowledge_loads():
    from triage_bot.knowledge import KnowledgeError
    from triage_bot.reading import compile_pattern, tokenize

    pattern = compile_pattern("temp #38-45", {}, "test")
    from triage_bot.reading.patterns import PatternSet
    found = PatternSet([("fever", pattern)]).find(tokenize("temp 39 today"))
    assert [f[0] for f in found] == ["fever"]
    assert not PatternSet([("fever", pattern)]).find(tokenize("temp 37 today"))
    with pytest.raises(KnowledgeError, match="bad number step"):
        compile_pattern("temp #38-", {}, "test")


@pytest.mark.parametrize("text, disposition", [
    ("took 40x10mg", "emergency"),                        # written as one word
    ("took 3x20mg", "none"),                              # 60 mg, within the day's maximum
    ("my toddler was in my bag, there's 4 missing", "emergency"),
    ("pt post OD, drowsy", "emergency"),
    ("the nurse explained overdose symptoms to me", "none"),
])
def test_written_forms_of_counts_missing_tablets_and_overdose_words(triager, text, disposition):
    assert triager.classify(text).disposition == disposition


@pytest.mark.parametrize("text, suicidal", [
    ("I don't see the point anymore", True),                       # a denied phrase that is itself the thought
    ("I don't see a reason to carry on", True),
    ("I don't see the point of my life", True),
    ("I can't see the point of taking it if it doesn't help", False),  # the point of a medicine
    ("what's the point of baclofen", False),
])
def test_no_point_is_a_thought_of_suicide_but_not_the_point_of_a_medicine(triager, text, suicidal):
    result = triager.classify(text)
    assert bool(result.context.get("suicidal_thoughts")) is suicidal
    assert result.disposition != "emergency"
    if suicidal:
        assert result.disposition == "medical_attention"


@pytest.mark.parametrize("text, disposition", [
    ("I took all my tablets this morning as usual", "none"),
    ("I took all my baclofen as prescribed", "none"),
    ("I took all my baclofen", "emergency"),
])
def test_every_dose_of_the_day_as_usual_is_no_overdose(triager, text, disposition):
    assert triager.classify(text).disposition == disposition


@pytest.mark.parametrize("text", [
    "had 2 boxes left",
    "I had 3 days worth left",
    "had the whole lot delivered",
    "we had a box of baclofen from the pharmacy",
])
def test_had_a_supply_is_no_dose_taken(triager, text):
    assert triager.classify(text).disposition == "none"


@pytest.mark.parametrize("text, disposition", [
    ("I took, like, 30", "emergency"),                       # fillers between the verb and its count
    ("swallowed, I don't know, 25", "emergency"),
    ("I took my sertraline and then 30 tablets", "emergency"),  # another medicine, but not the count's
    ("took 30 with my sertraline", "emergency"),
    ("took 800 mg of my gabapentin", "none"),
    ("I took it at 6, 12 and 18 past the hour", "none"),
])
def test_a_count_belongs_to_its_own_verb_and_noun_phrase(triager, text, disposition):
    assert triager.classify(text).disposition == disposition


@pytest.mark.parametrize("text", [
    "I took the rest of the day off",
    "took everything the doctor said on board",
    "I ate everything on my plate",
    "my daughter got hold of my phone",
    "I took one strip of plasters",
    "I took them all with food as usual",
    "I'm choking back tears",
])
def test_everyday_senses_of_all_the_rest_and_got_hold_of_are_no_emergency(triager, text):
    assert triager.classify(text).disposition != "emergency"


@pytest.mark.parametrize("text", [
    "I took everything I had",
    "I took the rest of my baclofen",
    "took one strip of baclofen",
    "my son had one of my tablets",
])
def test_every_tablet_and_a_childs_dose_still_count(triager, text):
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text, disposition", [
    ("since 2019 I have been on it and today I took 30", "emergency"),
    ("in 2018 I started it, but last night I took 30", "emergency"),
    ("in 2020 I took 30 tablets", "none"),
])
def test_an_opening_year_dates_an_overdose_only_without_a_turn_to_the_present(triager, text, disposition):
    assert triager.classify(text).disposition == disposition


@pytest.mark.parametrize("text, disposition", [
    ("I was worried I took too many but I only took one tablet", "none"),
    ("I took too many but only took one glass of wine", "emergency"),     # no correction of the tablets
    ("I took 30 tablets but I only took my usual dose of the other one", "emergency"),  # a count told stands
])
def test_a_correction_overrides_only_a_vague_overdose_of_the_tablets(triager, text, disposition):
    assert triager.classify(text).disposition == disposition


def test_an_overdose_told_with_wanting_it_over_gets_the_crisis_line(triager):
    result = triager.classify("I took far more than I should, maybe 15, I just wanted it to be over")
    assert result.disposition == "emergency" and result.context["suicidal_thoughts"] is True
