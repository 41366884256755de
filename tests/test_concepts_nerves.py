"""Vocabulary of knowledge/concepts/nerves.toml and muscles.toml: how people say
sleep, sedation, balance, movement, sensation, speech, fits, strength, stiffness
and muscle pain, and the ordinary words that must not be read as those signs.

Phrasings here are written for the tests (texting, second-language English,
carers, nurse notes, reviews); none is taken from an evaluation set.
"""
from __future__ import annotations

import pytest


def affirmed(triager, text):
    matches, _ = triager.find(text)
    return {m.target for m in matches if m.status == "affirmed"}, matches


# (patient words, knowledge reference expected among the affirmed matches)
FOUND = [
    ("the soles of my feet burn at night like they're on fire", "cns_effects_rare.numbness"),
    ("grandad can't keep his balance on the stairs", "cns_effects_rare.unsteadiness"),
    # sleeping well, denied
    ("I haven't really been sleeping well lately", "cns_effects_rare.sleeping"),
    ("my son doesn't sleep properly since the dose went up", "cns_effects_rare.sleeping"),
    # insomnia: terms and the two frames (sleep + what is wrong, waking + night)
    ("sleeplessness most nights", "cns_effects_rare.sleeping"),
    ("I couldn't sleep at all last night", "cns_effects_rare.sleeping"),
    ("my sleep has been really broken lately", "cns_effects_rare.sleeping"),
    ("sleep is terrible since the new dose", "cns_effects_rare.sleeping"),
    ("having sleep problems", "cns_effects_rare.sleeping"),
    ("I keep waking in the middle of the night", "cns_effects_rare.sleeping"),
    ("I wake at 4 every night and lie there", "cns_effects_rare.sleeping"),
    ("takes me ages to fall asleep now", "cns_effects_rare.sleeping"),
    ("harder time falling asleep than before", "cns_effects_rare.sleeping"),
    ("can't get back to sleep once I'm up", "cns_effects_rare.sleeping"),
    ("haven't had a good night's sleep in weeks", "cns_effects_rare.sleeping"),
    # drowsiness: review idioms and the frames (sleep + a lot, naps, eyes, waking)
    ("one tablet knocks me right out", "cns_effects.drowsiness"),
    ("I just nod out on the sofa", "cns_effects.drowsiness"),
    ("feel hungover every morning", "cns_effects.drowsiness"),
    ("I sleep all the time now", "cns_effects.drowsiness"),
    ("he has slept most of the day", "cns_effects.drowsiness"),
    ("napping several times a day", "cns_effects.drowsiness"),
    ("my eyes keep closing at my desk", "cns_effects.drowsiness"),
    ("I am with the eyes closing all the day", "cns_effects.drowsiness"),
    ("really hard to wake up in the mornings", "cns_effects.drowsiness"),
    ("my daughter keeps falling asleep at school", "cns_effects.drowsiness"),
    # tiredness
    ("my energy is totally drained", "cns_effects_rare.tiredness"),
    ("I have lost all of my energy", "cns_effects_rare.tiredness"),
    ("feeling listless", "cns_effects_rare.tiredness"),
    # dizziness
    ("my head keeps turning when I get up", "cns_effects.dizziness"),
    ("head feels all swimmy and floaty", "cns_effects.dizziness"),
    ("the whole room tilts when I stand", "cns_effects.dizziness"),
    ("got a head rush", "cns_effects.dizziness"),
    # headache
    ("my head is aching so bad", "cns_effects_rare.headache"),
    ("tightness across my forehead", "cns_effects_rare.headache"),
    ("pressure in my skull all day", "cns_effects_rare.headache"),
    # unsteadiness, clumsiness, coordination
    ("my balance is all over the place", "cns_effects_rare.unsteadiness"),
    ("equilibrium issues since the increase", "cns_effects_rare.unsteadiness"),
    ("having difficulty walking straight", "cns_effects_rare.unsteadiness"),
    ("I keep dropping my keys", "cns_effects_rare.clumsiness"),
    ("spilling my coffee everywhere", "cns_effects_rare.clumsiness"),
    ("it really affects my coordination", "cns_effects_rare.muscle_control"),
    ("my handwriting has gone all scribbly", "cns_effects_rare.muscle_control"),
    # trembling
    ("my hands shook holding the cup", "cns_effects_rare.trembling"),
    ("fingers are all trembly", "cns_effects_rare.trembling"),
    # numbness
    ("my fingertips feel all prickly", "cns_effects_rare.numbness"),
    ("my toes have gone dead", "cns_effects_rare.numbness"),
    ("the feet are asleep all day", "cns_effects_rare.numbness"),
    ("my foot fell asleep again", "cns_effects_rare.numbness"),
    ("feels like ants are marching on my arms", "cns_effects_rare.numbness"),
    # speech
    ("his speech is slow and thick", "cns_effects_rare.speech"),
    ("trouble talking since this morning", "cns_effects_rare.speech"),
    # fainting
    ("next thing I knew I was lying on the ground", "syncope.fainting"),
    ("she came round on the kitchen floor", "syncope.fainting"),
    ("I was out cold for a minute", "syncope.fainting"),
    # seizure: carers' and nurses' descriptions
    ("he is fitting right now", "overdose_cns.convulsions"),
    ("dad went stiff and started jerking", "overdose_cns.convulsions"),
    ("her eyes rolled back and she went down", "overdose_cns.convulsions"),
    ("his whole body was jerking on the sofa", "overdose_cns.convulsions"),
    ("pt had GTC sz at 0400", "overdose_cns.convulsions"),
    ("my wife is doing like epilepsy", "overdose_cns.convulsions"),
    # weakness and muscle weakness
    ("I feel the arms without force", "cns_effects.weakness"),
    ("my body is without force", "cns_effects.weakness"),
    ("my legs feel like lead", "cns_effects.weakness"),
    ("knees keep giving out on me", "cns_effects.weakness"),
    ("I cannot climb the stairs any more", "cns_effects.weakness"),
    ("muscles have gone like jello", "muscle_weakness"),
    ("muscles feel like a rag doll", "muscle_weakness"),
    # muscle pain
    ("every muscle in my body aches", "cns_effects_rare.muscle_pain"),
    ("muscle soreness in my back", "cns_effects_rare.muscle_pain"),
    ("my calves are really tender", "cns_effects_rare.muscle_pain"),
    # stiffness
    ("my whole body has gone like wood", "cns_effects_rare.stiffness"),
    ("the muscles are all tightened up", "cns_effects_rare.stiffness"),
    ("bad muscle tension in my shoulders", "cns_effects_rare.stiffness"),
    # severe weakness
    ("I feel paralysed from the waist down", "overdose_cns.severe_weakness"),
    ("he's too weak to stand", "overdose_cns.severe_weakness"),
]

# (patient words, reference that must NOT be an affirmed match)
NOT_FOUND = [
    ("my legs were burning after the long walk", "cns_effects_rare.numbness"),
    ("I burnt my fingers on the kettle", "cns_effects_rare.numbness"),
    ("I wake up two hours later than usual on the new dose", "cns_effects_rare.sleeping"),
    ("I'm sleeping well and the spasms are better", "cns_effects_rare.sleeping"),
    # a handshake is no tremor
    ("the new consultant shook my hand and smiled", "cns_effects_rare.trembling"),
    ("we shook hands at the door", "cns_effects_rare.trembling"),
    # sleep said well, or for another reason
    ("I sleep a lot better now", "cns_effects.drowsiness"),
    ("I sleep a lot better now", "cns_effects_rare.sleeping"),
    ("my sleep is good", "cns_effects_rare.sleeping"),
    ("sleep apnoea clinic on Monday", "cns_effects_rare.sleeping"),
    ("I wake up at night to pee", "cns_effects_rare.sleeping"),
    ("the baby naps twice a day", "cns_effects.drowsiness"),
    ("I feel positive about this drug", "cns_effects.drowsiness"),
    # numbness: the foot, not the patient, fell asleep
    ("my foot fell asleep", "cns_effects.drowsiness"),
    # energy said positively
    ("I have more energy now", "cns_effects_rare.tiredness"),
    ("brain zaps when I'm late with a dose", "cns_effects_rare.tiredness"),
    # dropping a dose or a number is not clumsiness
    ("my doctor dropped my dose", "cns_effects_rare.clumsiness"),
    ("blood pressure drops when I stand", "cns_effects_rare.clumsiness"),
    # turning the head is not dizziness; a head injury is not a headache frame
    ("I can't turn my head, stiff neck", "cns_effects.dizziness"),
    ("that head injury was painful", "cns_effects_rare.headache"),
    # walking better, hands greeting, gestures
    ("walking is easier since I started", "cns_effects_rare.unsteadiness"),
    ("I shook hands with the consultant", "cns_effects_rare.trembling"),
    ("walking tripping over my words", "cns_effects_rare.unsteadiness"),
    # stiffness eased, strength improved
    ("my back is less tense now", "cns_effects_rare.stiffness"),
    ("muscle relaxant made my back feel looser", "cns_effects_rare.stiffness"),
    ("the spasms are weaker now", "cns_effects.weakness"),
    # "paralysing" fear is not weakness
    ("a paralysing fear of needles", "overdose_cns.severe_weakness"),
    ("paralyzing depression", "overdose_cns.severe_weakness"),
    # a sense lost is not consciousness lost
    ("I lost my sense of smell", "syncope.fainting"),
    ("it's all thumbs up from me", "cns_effects_rare.clumsiness"),
]


@pytest.mark.parametrize("text,ref", FOUND)
def test_patient_words_find_the_sign(triager, text, ref):
    refs, matches = affirmed(triager, text)
    assert ref in refs, matches


@pytest.mark.parametrize("text,ref", NOT_FOUND)
def test_ordinary_words_are_not_the_sign(triager, text, ref):
    refs, matches = affirmed(triager, text)
    assert ref not in refs, matches


@pytest.mark.parametrize("text,ref", [
    ("no fits since the dose change", "overdose_cns.convulsions"),
    ("not sleeping badly any more", "cns_effects_rare.sleeping"),
    ("my balance is not off", "cns_effects_rare.unsteadiness"),
])
def test_denied_signs_stay_denied(triager, text, ref):
    matches, _ = triager.find(text)
    assert not any(m.target == ref and m.status == "affirmed" for m in matches), matches
