"""Emergency signs read right in both directions: an overdose-table sign that
waits on an overdose, a friend in a present emergency, the absence of a normal
function (not breathing, not waking), lay seizure descriptions, breathing
readings and colours, and emergency words in their everyday senses.  Every
phrasing here is our own (none is taken from an evaluation set)."""
from __future__ import annotations

import pytest

from triage_bot.knowledge import KnowledgeError, load_knowledge
from triage_bot.triager import Triager

from .test_knowledge import _edit, copy  # noqa: F401 - the same knowledge copy and edit

MIOSIS = "overdose_cns.miosis"
VISION = "overdose_cns.vision"


def disposition(triager: Triager, text: str) -> str:
    return triager.classify(text).disposition


# ---------------------------------------------------------------- a sign that waits on an overdose

def test_small_pupils_alone_need_medical_attention_and_ask_about_the_amount(triager):
    result = triager.classify("the optician said my pupils look tiny")
    assert result.disposition == "medical_attention"
    assert [f.ref for f in result.findings] == [MIOSIS]
    assert "emergency" not in result.advice.lower()
    assert any(q.settles == "took_too_much" for q in result.questions)


@pytest.mark.parametrize("text", [
    "I swallowed nine of my 20mg tablets and now my pupils are pinpoint",
    "my pupils are tiny and I am seeing double",
    "my pupils are tiny and his breathing is really slow",
])
def test_small_pupils_with_an_overdose_in_view_are_an_emergency(triager, text):
    assert disposition(triager, text) == "emergency"


def test_small_pupils_with_the_callers_overdose_context_are_an_emergency(triager):
    assert triager.classify("my pupils are tiny", {"took_too_much": True}).disposition == "emergency"


def test_which_signs_wait_on_an_overdose_is_the_drug_files_say(copy):
    _edit(copy / "drugs" / "baclofen.toml", 'targets = ["overdose_cns.miosis"]',
          'targets = ["overdose_cns.miosis", "overdose_cns.vision"]')
    triager = Triager(load_knowledge(copy))
    alone = triager.classify("my eyesight has gone a bit blurry in the evenings")
    assert alone.disposition == "medical_attention" and [f.ref for f in alone.findings] == [VISION]
    assert triager.classify("took a whole strip of baclofen, vision blurry").disposition == "emergency"
    # the sign blamed on another medicine is set aside, as any non-emergency sign is
    assert triager.classify("the oxybutynin makes my eyesight blurry").disposition == "none"


def test_only_overdose_table_signs_can_wait_on_an_overdose(copy):
    _edit(copy / "drugs" / "baclofen.toml", 'targets = ["overdose_cns.miosis"]', 'targets = ["chest_pain"]')
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(copy)
    msg = str(err.value)
    assert "baclofen.toml" in msg and "overdose_context_only" in msg and "'chest_pain'" in msg


def test_the_disposition_of_a_sign_alone_is_checked(copy):
    _edit(copy / "drugs" / "baclofen.toml", 'otherwise = "medical_attention"', 'otherwise = "emergency"')
    with pytest.raises(KnowledgeError, match="otherwise='emergency' is not one of: if_bothersome, medical_attention"):
        load_knowledge(copy)


def test_convulsions_and_breathing_stay_emergencies_alone(triager):
    assert disposition(triager, "I had a seizure this afternoon") == "emergency"
    assert disposition(triager, "his breathing is really slow") == "emergency"


# ---------------------------------------------------------------- someone else, now

@pytest.mark.parametrize("text", [
    "my friend is not breathing properly",
    "my friend is having a fit right now",
    "my friend's breathing is really slow",
])
def test_a_friend_in_a_present_emergency_is_an_emergency(triager, text):
    result = triager.classify(text)
    assert result.disposition == "emergency"
    assert result.findings


@pytest.mark.parametrize("text", [
    "a friend had seizures on it",
    "my friend had a fit on baclofen last year",
    "my friend's son had a seizure when he took it",
    "my friend says she gets headaches on it",
])
def test_a_friends_retold_story_is_still_set_aside(triager, text):
    assert disposition(triager, text) == "none"


# ---------------------------------------------------------------- not waking, not responding

@pytest.mark.parametrize("text", [
    "my dad isn't responding when I talk to him",
    "she doesn't wake up even when I shake her",
    "we are not able to wake him",
    "he hasn't woken up since yesterday lunchtime",
    "my wife's not coming round",
    "grandma is impossible to rouse",
    "he can't be woken",
    "my son won't open his eyes",
    "she's like in a coma on the sofa",
    "pt unrousable on the ward round",
    # shaken and barely roused: a mumble, then straight back under
    "I shook him and he only groaned and went back off",
    "we shook her hard, she just moaned",
    "shaking him does nothing, he drifts back to sleep",
    "I shook him and he just mumbled and went back off",
])
def test_not_waking_or_not_responding_is_an_emergency_in_any_word_order(triager, text):
    result = triager.classify(text)
    assert result.disposition == "emergency"
    assert result.context["red_flag"] is True


@pytest.mark.parametrize("text, expected", [
    ("I can't wake up in the mornings since starting it", "if_bothersome"),   # drowsiness
    ("I find it impossible to wake up for work", "if_bothersome"),
    ("my partner can't wake me up in the mornings now", "if_bothersome"),
    ("my son doesn't wake up for school without an alarm", "none"),
    ("he doesn't wake up in the night anymore", "none"),
    ("my spasms aren't responding to the tablets", "none"),
    ("my sister hasn't come round to visit", "none"),
    ("the GP isn't responding to my emails", "none"),
    ("I shook him awake for breakfast and he was fine", "none"),
    ("I shook his hand and he said thank you", "none"),
    ("the noise shook me and I went back to sleep", "none"),
])
def test_everyday_waking_and_responding_are_no_red_flag(triager, text, expected):
    result = triager.classify(text)
    assert result.context["red_flag"] is False
    assert result.disposition == expected


def test_a_friends_retold_coma_is_set_aside(triager):
    assert triager.classify("a friend was unresponsive for hours on it years ago").context["red_flag"] is False


def test_a_context_kind_naming_no_concept_is_refused(copy):
    _edit(copy / "en.toml", 'concepts = ["unresponsive"]', 'concepts = ["unresponsiv"]')
    with pytest.raises(KnowledgeError) as err:
        Triager(load_knowledge(copy))
    msg = str(err.value)
    assert "en.toml" in msg and "red_flag" in msg and "'unresponsiv'" in msg and "unresponsive" in msg


def test_a_frame_phrase_naming_no_word_class_is_refused(copy):
    _edit(copy / "concepts" / "nerves.toml", '"{someone} not", ', '"{somebody_else} not", ')
    with pytest.raises(KnowledgeError) as err:
        Triager(load_knowledge(copy))
    msg = str(err.value)
    assert "nerves.toml" in msg and "'somebody_else'" in msg and "someone" in msg


# ---------------------------------------------------------------- breathing

BREATHING = "respiratory_depression.breathing"


@pytest.mark.parametrize("text", [
    "my husband doesn't seem to be breathing",
    "she isn't breathing right, it's very slow",
    "pt not breathing on arrival",
    "he's only taking about 7 breaths a minute",
    "9 breaths/min and hard to rouse",
    "respiration 6, pt very drowsy",
    "his lips are a purple colour",
    "her lips are turning grey",
    "lips dusky and he's very sleepy",
    "my dad's breaths are far apart",
])
def test_troubled_breathing_in_other_words_is_an_emergency(triager, text):
    result = triager.classify(text)
    assert result.disposition == "emergency"
    assert BREATHING in {f.ref for f in result.findings}


@pytest.mark.parametrize("text", [
    "she doesn't have any trouble breathing",
    "he isn't out of breath any more",
    "my son didn't breathe through his nose as a baby",
    "I take 5 breaths before I stand up",
    "my lips go blue in the cold sea",
    "she's wearing purple lipstick",
    "RR 16 this morning",
])
def test_breathing_words_that_say_nothing_wrong_are_no_sign(triager, text):
    assert BREATHING not in {f.ref for f in triager.classify(text).findings}


# ---------------------------------------------------------------- a seizure in lay words

SEIZURE = "overdose_cns.convulsions"


@pytest.mark.parametrize("text", [
    "both my arms and legs started jerking and I couldn't make it stop",
    "my son is thrashing about and won't answer me",
    "she was shaking violently on the kitchen floor",
    "she's had an epileptic episode",
    "he passed out and bit his tongue",
    "my wife collapsed, her eyes rolled and she wet herself",
    "my workmate collapsed and is jerking on the floor",
    "he blacked out and went rigid",
])
def test_a_seizure_told_in_lay_words_is_an_emergency(triager, text):
    result = triager.classify(text)
    assert result.disposition == "emergency"
    assert SEIZURE in {f.ref for f in result.findings}


@pytest.mark.parametrize("text", [
    "my arms and legs jerk as I'm drifting off to sleep",
    "my legs are jerking with the spasms again",
    "I bit my tongue eating my lunch",
    "she was shaking with fear before the exam",
    "my hands shake violently when I hold a cup",
    "my eyes rolled when the teacher said that",
    "I fainted in the heat and was shaking afterwards",
])
def test_jerks_shakes_and_tongue_bites_of_everyday_life_are_no_seizure(triager, text):
    result = triager.classify(text)
    assert SEIZURE not in {f.ref for f in result.findings}
    assert result.disposition != "emergency"


# ---------------------------------------------------------------- emergency words in everyday senses

@pytest.mark.parametrize("text", [
    "I had a bad coughing fit on the bus",
    "we both had a fit of the giggles",
    "my toddler threw a hissy fit at the shops",
    "the new splint is fitting much better",
    "my calf keeps seizing up at night",
    "I'm gasping for a brew",
    "I couldn't breathe for laughing at the film",
    "so tired I can't move off the sofa tonight",
    "in a food coma after Sunday lunch",
])
def test_emergency_words_in_everyday_senses_are_no_emergency(triager, text):
    assert disposition(triager, text) != "emergency"


@pytest.mark.parametrize("text", [
    "she had a fit in the night",
    "he's been fitting for five minutes",
    "my daughter is gasping",
    "I can't breathe properly",
    "I can't move my legs at all",
])
def test_the_emergency_senses_stay_emergencies(triager, text):
    assert disposition(triager, text) == "emergency"


def test_an_everyday_sense_leaves_the_rest_of_the_message_read(triager):
    result = triager.classify("I'm gasping for a cup of tea, anyway I feel a bit sick")
    assert result.disposition == "if_bothersome"
    assert {f.ref for f in result.findings} == {"nausea"}


# ---------------------------------------------------------------- a sign's head before a general state

@pytest.mark.parametrize("text", [
    "his breathing seems awfully weak tonight",
    "my breath is feeling very weak and I am scared",
])
def test_breathing_that_feels_weak_is_troubled_breathing_not_weakness(triager, text):
    result = triager.classify(text)
    assert "respiratory_depression.breathing" in {f.ref for f in result.findings}, text
    assert result.disposition == "emergency", text


def test_feeling_weak_alone_is_still_weakness(triager):
    assert {f.ref for f in triager.classify("I feel awfully weak in the mornings").findings} == {"cns_effects.weakness"}


# ---------------------------------------------------------------- a swelling mouth or throat

@pytest.mark.parametrize("text", [
    "my lips have swollen up since the last tablet",
    "her tongue is swelling and she sounds funny",
    "it feels like my throat is closing up",
    "pt c/o facial and lip swelling after first dose",
])
def test_a_swelling_mouth_tongue_or_throat_is_an_emergency(triager, text):
    # an allergic reaction that can close the airway: never "check with your doctor"
    result = triager.classify(text)
    assert result.context["red_flag"] is True
    assert result.disposition == "emergency"


@pytest.mark.parametrize("text", [
    "my ankles are swollen by the evening",
    "I had a filling and my lip is still swollen from the dentist's injection",
    "I've got a cold sore on my lip",
    "sore throat, swollen glands and a runny nose",
    "I bit my lip at dinner and now it's swollen",
])
def test_other_swelling_is_no_airway_emergency(triager, text):
    assert triager.classify(text).disposition != "emergency"


# ---------------------------------------------------------------- stiff, then jerking: one limb or the whole body

@pytest.mark.parametrize("text", [
    "my legs go stiff and then jerk at night",
    "my left leg went stiff and then jerked",
    "my legs stiffen up and jerk when I stand",
])
def test_a_limb_stiff_then_jerking_is_spasm_not_a_fit(triager, text):
    # what baclofen treats, told in turn: never an emergency on its own
    assert triager.classify(text).disposition != "emergency"


@pytest.mark.parametrize("text", [
    "her arms and legs went stiff then jerking",
    "all his limbs went stiff and then jerked",
    "he went rigid then his legs started jerking",
])
def test_the_whole_body_stiff_then_jerking_is_a_fit(triager, text):
    assert triager.classify(text).disposition == "emergency"


# ---------------------------------------------------------------- a seizure with little movement

@pytest.mark.parametrize("text", [
    "my son went vacant and his fingers were twitching for a minute or so",
    "she zoned out and her arm kept jerking for a bit",
    "I must have blanked out, I came round on the floor with a bleeding tongue",
])
def test_a_seizure_with_awareness_lost_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "I zoned out in front of the telly and my leg twitched",
    "I stared into space all afternoon at work, so tired",
    "my tongue is sore from an ulcer",
])
def test_everyday_zoning_out_is_no_seizure(triager, text):
    assert triager.classify(text).disposition != "emergency"


# ---------------------------------------------------------------- a fever with a stiff neck

@pytest.mark.parametrize("text", [
    "awful headache, a stiff neck and a temperature since this afternoon",
    "she's feverish and her neck is really stiff",
    "pt febrile, stiff neck, photophobic",
])
def test_a_fever_with_a_stiff_neck_is_an_emergency(triager, text):
    result = triager.classify(text)
    assert result.context["red_flag"] is True and result.disposition == "emergency"


@pytest.mark.parametrize("text", [
    "stiff neck this morning, temp normal",
    "no fever, just a stiff neck from sleeping funny",
    "a fever and aching stiff muscles, I think it's flu",
])
def test_a_stiff_neck_or_a_fever_alone_is_no_red_flag(triager, text):
    assert triager.classify(text).disposition != "emergency"


# ---------------------------------------------------------------- the worst headache of one's life

@pytest.mark.parametrize("text", [
    "it's the worst headache I've ever had, it came on all at once",
    "my headache is the worst of my life",
    "a thunderclap headache while I was gardening",
])
def test_the_worst_headache_of_ones_life_is_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "the headaches are the worst part of this medicine",
    "I get a headache most days, not the worst ever but annoying",
])
def test_an_everyday_bad_headache_is_no_emergency(triager, text):
    assert triager.classify(text).disposition != "emergency"


# ---------------------------------------------------------------- a fit doubted is a fit had

@pytest.mark.parametrize("text", [
    "I don't want to make a fuss but I think I may have had a fit in the night",
    "she might have had a seizure in the bath, she was very vague after",
    "it could have been a fit, he went stiff for a bit",
    "I wonder if I had a small seizure, I lost a few seconds and my hand jerked",
])
def test_an_emergency_sign_doubted_in_the_past_is_kept(triager, text):
    assert triager.classify(text).disposition == "emergency"


@pytest.mark.parametrize("text", [
    "you might have a fit if you stop it suddenly, the leaflet says",
    "it might have caused seizures in some people in the trials",
    # a doubt of long ago
    "I might have had a seizure as a child, it was never diagnosed",
    "I wonder if I had a fit when I was a teenager",
])
def test_an_emergency_sign_supposed_is_still_a_supposition(triager, text):
    assert triager.classify(text).disposition != "emergency"


@pytest.mark.parametrize("text", [
    "could I have had a seizure in the night? I woke up on the floor with a sore tongue",
    "could he be having a fit? he's shaking all over and staring",
    "could it be a seizure? her whole body is jerking",
])
def test_an_emergency_sign_asked_about_as_it_happens_is_kept(triager, text):
    assert triager.classify(text).disposition == "emergency"


# ---------------------------------------------------------------- a sign asked about in a question of its own

@pytest.mark.parametrize("text", [
    "I read a lot online, so could I stop breathing if I take too many? I feel fine now",
    "will he have fits on it? he's only just started",
])
def test_a_sign_asked_about_with_a_modal_question_is_no_emergency(triager, text):
    assert triager.classify(text).disposition != "emergency"


@pytest.mark.parametrize("text", [
    "can you help, my dad has stopped breathing?",
    "will she be ok? she isn't breathing properly",
])
def test_a_sign_told_beside_a_question_stays_an_emergency(triager, text):
    assert triager.classify(text).disposition == "emergency"
