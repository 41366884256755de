"""Body vocabulary (knowledge/concepts/body.toml): how people say urine, bowel,
stomach, skin, heart, breathing, weight and sexual side effects, and what must
not be read as them."""
from __future__ import annotations

import pytest

# (patient words, knowledge reference expected among the affirmed matches)
FOUND = [
    ("it's like I forgot how to breathe when I lie down", "respiratory_depression.breathing"),
    ("there's a weight on my chest since this morning", "chest_pain"),
    # peeing much, denied
    ("my husband hasn't been peeing much since yesterday", "urination_difficulty"),
    # dark_urine: frame urine + colour
    ("my wee has gone a funny brown colour", "dark_urine"),
    ("pee looks amber, almost like cola", "dark_urine"),
    # chest_pain: frames chest + feeling, heart + pain
    ("a tight band across my chest when I walk", "chest_pain"),
    ("his chest feels heavy tonight", "chest_pain"),
    ("pain around my heart since this morning", "chest_pain"),
    # rash: frames skin + what is wrong, lips/tongue + swelling
    ("my skin has gone all blotchy and itchy", "dermatitis.rash"),
    ("her tongue swelled up after the tablet", "dermatitis.rash"),
    ("he can't stop scratching his arms", "dermatitis.rash"),
    # ovarian_cyst: frame
    ("the scan found a cyst on my left ovary", "ovarian_cysts"),
    # nausea: terms, stomach + churning frame, a misspelling fuzzy matching misses
    ("I keep gagging in the mornings", "nausea"),
    ("feel like I'm going to be sick", "nausea"),
    ("my stomach turns every time I take it", "nausea"),
    ("can't keep anything down", "nausea"),
    ("tiredness and naseau", "nausea"),
    # constipation: frame poo/bowels + hard/stuck, nurse abbreviation
    ("his poo is like little rocks", "constipation"),
    ("haven't been for a number two in a week", "constipation"),
    ("bowels won't move no matter what I eat", "constipation"),
    ("BNO x4 days", "constipation"),
    # difficult_urination: frame pee + struggle/burn
    ("I struggle to start peeing", "urination_difficulty"),
    ("every time I pee it burns", "urination_difficulty"),
    ("only a trickle when I go", "urination_difficulty"),
    ("I practically stopped peeing", "urination_difficulty"),
    # ankle_swelling: frames legs/feet + puffy, shoes + tight
    ("ankles like balloons by the evening", "fluid_retention.ankle_swelling"),
    ("her feet look puffy", "fluid_retention.ankle_swelling"),
    ("my shoes don't fit by teatime", "fluid_retention.ankle_swelling"),
    # weight_gain: terms, weight + climbing frame, clothes frame
    ("gained 10 pounds in a month", "fluid_retention.weight_gain"),
    ("I've put on a stone since starting", "fluid_retention.weight_gain"),
    ("my weight keeps climbing", "fluid_retention.weight_gain"),
    ("my jeans are too tight now", "fluid_retention.weight_gain"),
    # urinary_frequency: frame pee + how often, wetting oneself
    ("I'm peeing every ten minutes", "urinary_frequency"),
    ("I pee many many times in the night", "urinary_frequency"),
    ("he's started wetting himself", "urinary_frequency"),
    ("increased urination since the dose went up", "urinary_frequency"),
    ("no control over my bladder any more", "urinary_frequency"),
    # abdominal_pain: frame belly/gut + pain
    ("my tummy's been killing me since I started these", "gi_irritation.abdominal_pain"),
    ("pain of the belly since two days", "gi_irritation.abdominal_pain"),
    ("some GI distress", "gi_irritation.abdominal_pain"),
    ("a dull ache low in my abdomen", "gi_irritation.abdominal_pain"),
    # diarrhea: frame poo + loose
    ("my poo has gone all watery", "gi_irritation.diarrhea"),
    ("bowels very loose this week", "gi_irritation.diarrhea"),
    # appetite_loss: frame appetite + less, eating terms
    ("my appetite has disappeared", "appetite_loss"),
    ("decreased appetite", "appetite_loss"),
    ("she's barely eating", "appetite_loss"),
    ("I have to force myself to eat", "appetite_loss"),
    # low_blood_pressure: frames blood pressure + falling, pressure + low
    ("his blood pressure crashed this afternoon", "low_blood_pressure"),
    ("I have the pressure very low", "low_blood_pressure"),
    ("my blood pressure has been running low", "low_blood_pressure"),
    # palpitations: frame heart + how it beats, pulse + high
    ("heart feels like it's going to jump out of my chest", "pounding_heartbeat"),
    ("my heart keeps skipping", "pounding_heartbeat"),
    ("pulse is racing", "pounding_heartbeat"),
    ("his heart rate is way up", "pounding_heartbeat"),
    # sexual_dysfunction: frames libido + less, orgasm + difficulty, sex + problems
    ("my libido has totally disappeared", "sexual_problems"),
    ("it killed my sex drive", "sexual_problems"),
    ("decrease in sexual desire", "sexual_problems"),
    ("I can't reach orgasm", "sexual_problems"),
    ("it takes forever to climax", "sexual_problems"),
    ("delayed ejaculation", "sexual_problems"),
    ("some sexual side effects", "sexual_problems"),
    ("zero interest in sex", "sexual_problems"),
    ("can't get hard anymore", "sexual_problems"),
    ("I just can't finish when we have sex", "sexual_problems"),
    ("my penis doesn't work any more", "sexual_problems"),
    # troubled_breathing: breathing frame (reach 6), air frame, oxygen frame
    ("his breathing at night is really very slow", "respiratory_depression.breathing"),
    ("couldn't catch my breath", "respiratory_depression.breathing"),
    ("Mum's breathing seems very shallow tonight", "respiratory_depression.breathing"),
    ("I am missing the air", "respiratory_depression.breathing"),
    ("struggling to get air in", "respiratory_depression.breathing"),
    ("his oxygen keeps dropping", "respiratory_depression.breathing"),
    ("pt desaturating on room air", "respiratory_depression.breathing"),
    ("erratic breathing", "respiratory_depression.breathing"),
]

# (patient words, reference that must NOT be an affirmed match)
NOT_FOUND = [
    ("I forgot to breathe out during the yoga class", "respiratory_depression.breathing"),
    ("the cat likes sitting on my chest in the morning", "chest_pain"),
    ("when I stop, my legs tighten back up", "constipation"),
    ("I lost weight", "fluid_retention.weight_gain"),
    ("I need to lose weight", "fluid_retention.weight_gain"),
    ("I put weight on my bad leg", "fluid_retention.weight_gain"),
    ("I lift weights at the gym", "fluid_retention.weight_gain"),
    ("I feel fitter these days", "fluid_retention.weight_gain"),
    ("ankles like balloons by the evening", "fluid_retention.weight_gain"),
    ("I missed a dose of my heart tablets", "pounding_heartbeat"),
    ("my heart goes out to you", "pounding_heartbeat"),
    ("my heart rate is normal", "pounding_heartbeat"),
    ("take it with food or on an empty stomach?", "gi_irritation.abdominal_pain"),
    ("brisk reflexes in both legs", "gi_irritation.abdominal_pain"),
    ("breathing exercises help me relax", "respiratory_depression.breathing"),
    ("take a deep breath", "respiratory_depression.breathing"),
    ("fresh air helps", "respiratory_depression.breathing"),
    ("walking is smoother now", "respiratory_depression.breathing"),
    ("I can hold my breath for a long time", "respiratory_depression.breathing"),
    ("sexual health clinic appointment", "sexual_problems"),
    ("vivid sexual dreams", "sexual_problems"),
    ("increased libido", "sexual_problems"),
    ("my libido is fine", "sexual_problems"),
    ("he can't finish his dinner", "sexual_problems"),
    ("a member of staff did nothing", "sexual_problems"),
    ("water pressure in the shower is low", "low_blood_pressure"),
    ("the tyre pressure was low", "low_blood_pressure"),
    ("under a lot of pressure at work, feeling low", "low_blood_pressure"),
    ("my blood pressure tablets", "low_blood_pressure"),
    ("pee test was clear", "urinary_frequency"),
    ("I peed in a cup for the sample", "dark_urine"),
    ("every time I pee it burns", "urinary_frequency"),
    ("my hands were in cold water", "fluid_retention.ankle_swelling"),
    ("new shoes are tight", "fluid_retention.ankle_swelling"),
    ("chest infection with a cough", "chest_pain"),
    ("the chest of drawers is heavy", "chest_pain"),
    ("my lips are chapped", "dermatitis.rash"),
    ("I scratched my head", "dermatitis.rash"),
    ("the situation is getting worse", "respiratory_depression.breathing"),
    ("I sleep on my stomach", "gi_irritation.abdominal_pain"),
]


def affirmed(triager, text):
    matches, _ = triager.find(text)
    return {m.target for m in matches if m.status == "affirmed"}, matches


@pytest.mark.parametrize("text,ref", FOUND)
def test_body_words_find_the_entry(triager, text, ref):
    refs, matches = affirmed(triager, text)
    assert ref in refs, matches


@pytest.mark.parametrize("text,ref", NOT_FOUND)
def test_ordinary_words_are_not_body_symptoms(triager, text, ref):
    refs, matches = affirmed(triager, text)
    assert ref not in refs, matches
