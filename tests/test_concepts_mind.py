"""Vocabulary of knowledge/concepts/mind.toml and senses.toml: patient words -> sign.

The phrasings are our own, written for these tests: texting, second-language
English, carers, nurse notes and drug reviews.  Each frame has at least one row.
"""
from __future__ import annotations

import pytest

HALLUCINATIONS = "cns_toxicity.hallucinations"
MOOD = "cns_toxicity.mood"
CONFUSION = "cns_effects.confusion"
WELL_BEING = "cns_effects_rare.well_being"
EXCITEMENT = "cns_effects_rare.excitement"
NERVOUSNESS = "withdrawal_nervousness"
RINGING = "cns_toxicity.ringing"
STUFFY = "stuffy_nose"
VISION = "overdose_cns.vision"
MIOSIS = "overdose_cns.miosis"
MYDRIASIS = "overdose_cns.mydriasis"
SQUINT = "overdose_cns.strabismus"

# (patient words, knowledge reference expected among the affirmed matches)
FOUND = [
    # hallucinations: terms, the see/hear + "not there" frame, voices, creatures, figures
    ("at night I see a lady in the corner who is not there", HALLUCINATIONS),
    ("he keeps talking to people when nobody's there", HALLUCINATIONS),
    ("I see faces at the window that are not real", HALLUCINATIONS),
    ("dad hears whispering coming from the cupboard", HALLUCINATIONS),
    # a carer's "keeps seeing" or "keeps saying there are"
    ("grandma keeps seeing little children in her kitchen", HALLUCINATIONS),
    ("my husband keeps saying there are soldiers in the garden", HALLUCINATIONS),
    # "the voices" as a patient names their own: started, back, telling
    ("the voices came back on tuesday", HALLUCINATIONS),
    ("my voices are telling me horrible stuff again", HALLUCINATIONS),
    ("there are tiny worms on my arm and nobody else sees them", HALLUCINATIONS),
    ("she says little men are standing on the ceiling", HALLUCINATIONS),
    ("things got really trippy last night", HALLUCINATIONS),
    ("I have been imagining things at night", HALLUCINATIONS),
    # mood: mood frame, feel/seem frame, crying frame, racing mind, emotional frame, terms
    ("my mood has crashed this week", MOOD),
    ("moods are up and down like a yo-yo", MOOD),
    ("mum seems very low since the new tablets", MOOD),
    ("been feeling so blue lately", MOOD),
    ("I keep crying over nothing", MOOD),
    ("she cries at the slightest thing", MOOD),
    ("my mind is racing at 3am", MOOD),
    ("I am so emotional lately, everything sets me off", MOOD),
    ("I have sadness inside all the day", MOOD),
    ("he is snapping at the grandkids", MOOD),
    ("keeps losing his temper over small things", MOOD),
    ("I dont feel like myself on this pill", MOOD),
    ("I am sure the neighbours are plotting against me", MOOD),
    ("massive road rage since the dose went up", MOOD),
    ("can't enjoy anything anymore", MOOD),
    # confusion: fog frame, memory frame, terms, nurse abbreviations
    ("my head feels cloudy all morning", CONFUSION),
    ("brain is like cotton wool", CONFUSION),
    ("his memory is shocking now", CONFUSION),
    ("concentration has gone completely", CONFUSION),
    ("walking around in a daze", CONFUSION),
    ("keep forgetting things at work", CONFUSION),
    ("Pt AOx2 this am", CONFUSION),
    ("?AMS, family concerned", CONFUSION),
    ("felt totally out of it after the second tablet", CONFUSION),
    # false sense of well-being
    ("I feel happy too much, it is strange", WELL_BEING),
    ("feel great for no reason at all", WELL_BEING),
    ("on cloud nine since I started, which is not like me", WELL_BEING),
    # excitement
    ("extreme surges of energy in the evening", EXCITEMENT),
    ("I'm all revved up and can't sit down", EXCITEMENT),
    # nervousness (placed in the withdrawal table)
    ("my nerves are shot to pieces", NERVOUSNESS),
    ("he has been pacing up and down all evening", NERVOUSNESS),
    # ringing ears: hear frame
    ("I hear a high pitched whine all day", RINGING),
    ("hearing a constant hissing, nothing is on", RINGING),
    # stuffy nose
    ("nose stopped up every morning", STUFFY),
    ("my sinus is full and blocked", STUFFY),
    # blurred vision
    ("my eyes have trouble focusing on the telly", VISION),
    ("everything I see is smeared", VISION),
    ("c/o visual disturbance since last dose", VISION),
    # pupils
    ("his pupils are like pinpricks", MIOSIS),
    ("her pupils are enormous and black", MYDRIASIS),
    # squint
    ("one of his eyes is drifting outwards", SQUINT),
]

# (patient words, reference that must NOT be an affirmed match)
NOT_FOUND = [
    ("my daughter keeps seeing her friends at the park after school", HALLUCINATIONS),
    ("I keep seeing adverts for baclofen online", HALLUCINATIONS),
    ("we can hear the neighbours' voices through the wall at night", HALLUCINATIONS),
    ("the voices of the choir were beautiful, it made me cry", HALLUCINATIONS),
    ("I wound up in A&E after a fall", NERVOUSNESS),
    ("ran out of it on Friday", CONFUSION),
    ("roller coasters always work me up", EXCITEMENT),
    ("I felt a floating sensation in my head", WELL_BEING),
    ("there's a buzzing noise in my ears", WELL_BEING),
    ("I hear the phone ringing in the hall", RINGING),
    ("a low dose lifted my mood", MOOD),
    ("I feel pain shooting down my leg", MOOD),
    ("feeling low on energy today", MOOD),
    ("I thought my heart was racing", MOOD),
    ("the nurse was talking about me going home", MOOD),
    ("no joy from the pharmacy yet", MOOD),
    ("I had an emotional support worker", MOOD),
    ("recurring depressive episodes since childhood", MOOD),
    ("I saw a spider on the ceiling", HALLUCINATIONS),
    ("I heard on the radio that it helps", HALLUCINATIONS),
    ("I am much happier now the spasms are gone", WELL_BEING),
    ("a great drug for no side effects", WELL_BEING),
    ("I have no energy at all", EXCITEMENT),
    ("I can't think of anything else to ask", CONFUSION),
    ("I think the weather is hazy", CONFUSION),
    ("I have a bad memory of the last hospital stay", CONFUSION),
    ("nasal spray for my runny nose", STUFFY),
    ("my pupils are normal", MIOSIS),
    ("my pupils are normal", MYDRIASIS),
    ("eyes are watery with tears", VISION),
    ("my nerve pain is bad", NERVOUSNESS),
]


def affirmed(triager, text):
    matches, _ = triager.find(text)
    return {m.target for m in matches if m.status == "affirmed"}, matches


@pytest.mark.parametrize("text,ref", FOUND)
def test_lay_words_find_the_sign(triager, text, ref):
    refs, matches = affirmed(triager, text)
    assert ref in refs, matches


@pytest.mark.parametrize("text,ref", NOT_FOUND)
def test_precision_traps_do_not_find_the_sign(triager, text, ref):
    refs, matches = affirmed(triager, text)
    assert ref not in refs, matches


@pytest.mark.parametrize("text,ref", [
    ("no voices, nobody else is in the house", HALLUCINATIONS),
    ("my mood is not low", MOOD),
    ("I don't feel down", MOOD),
    ("my memory is not bad", CONFUSION),
])
def test_denied_vocabulary_stays_denied(triager, text, ref):
    refs, matches = affirmed(triager, text)
    assert ref not in refs, matches
