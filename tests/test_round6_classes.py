"""Classes of message a sixth fresh estimate missed, in our own phrasings: a
learner's words, a nurse's slash list, a carer's euphemism, and calm messages
that must not be an emergency."""
import pytest


def refs(triager, text):
    return {f.ref for f in triager.classify(text).findings}


@pytest.mark.parametrize("text, ref", [
    # a second state of the same subject after "and": stiff and jumping
    ("since I ran out on monday my legs are heavy and jumping", "increased_spasticity"),
    # a learner's double vision and squint
    ("the tv I see it two times since yesterday", "overdose_cns.vision"),
    ("his eyes don't look in the same direction any more", "overdose_cns.strabismus"),
    # a learner's sleeplessness, a euphemism for sex, a carer's "keeps wetting"
    ("at night I not can sleep, only two hours", "cns_effects_rare.sleeping"),
    ("since the new tablets, down there it is not working with my wife", "sexual_problems"),
    ("dad keeps wetting himself in the day, which never happened before", "urinary_frequency"),
    # a nurse's slash list of hyphenated words
    ("urine dark/cola-coloured per carer", "dark_urine"),
])
def test_the_classes_are_read(triager, text, ref):
    assert ref in refs(triager, text)


@pytest.mark.parametrize("text", [
    "blurred vision is listed in the leaflet, should I be worried? I haven't got it",
    "my spasms are bad in the winter but I take all my tablets every day",
    "he takes all of his medication on time, the carers check",
])
def test_calm_messages_are_no_emergency(triager, text):
    assert triager.classify(text).disposition != "emergency"


@pytest.mark.parametrize("text", [
    "the TV is not working in bed so I read instead",
    "I told the nurse two times that I'm fine",
])
def test_everyday_words_are_no_sign(triager, text):
    assert not triager.classify(text).findings


def test_unable_to_settle_is_restlessness_not_a_sign_settled(triager):
    result = triager.classify("ran out of baclofen on tuesday. Since then I'm jittery, restless, can't sit still or settle to anything.")
    assert result.disposition == "withdrawal"


def test_not_normally_so_tells_a_change_not_a_denial(triager):
    result = triager.classify("ran out on monday, I'm not usually restless like this")
    assert result.disposition == "withdrawal"


def test_a_spell_that_settled_is_still_over(triager):
    assert triager.classify("I was woozy for the first few days but it settled after a week").disposition == "none"


def test_eye_drops_are_no_stop_and_their_blur_no_overdose(triager):
    result = triager.classify("my eyes were blurry at the opticians from the drops they put in, it cleared in an hour")
    assert result.disposition == "none" and not result.context["stopped_suddenly"]


def test_dropping_the_medicine_by_name_is_a_stop(triager):
    result = triager.classify("I dropped the baclofen on Friday and now I'm seeing shapes on the wall")
    assert result.disposition == "withdrawal"


@pytest.mark.parametrize("text", [
    "a friend of mine who is on baclofen as well had bad headaches",
    "a colleague of mine had hallucinations when she came off it",
])
def test_a_friend_of_mines_story_is_set_aside(triager, text):
    assert triager.classify(text).disposition == "none"


def test_lethargy_with_pinpoint_pupils_is_an_emergency(triager):
    assert triager.classify("pt lethargic on the ward round, pupils pinpoint").disposition == "emergency"
    assert triager.classify("pt lethargic on the ward round").disposition != "emergency"


@pytest.mark.parametrize("text", [
    "my hubby necked 6 of mine after the pub",
    "the missus took a few of mine for her back last night",
])
def test_a_partner_taking_the_patients_tablets_is_an_ingestion(triager, text):
    result = triager.classify(text)
    assert result.context["ingestion"] is True and result.disposition == "emergency"


@pytest.mark.parametrize("text, disposition", [
    ("I skipped Thursday and Friday and now I'm seeing insects", "withdrawal"),
    ("I skipped lunch on monday and felt dizzy", "if_bothersome"),
])
def test_days_skipped_are_a_stop(triager, text, disposition):
    assert triager.classify(text).disposition == disposition


def test_blurry_thinking_is_confusion_not_blurred_vision(triager):
    result = triager.classify("my thinking is blurry and I'm tired all day")
    assert "cns_effects.confusion" in refs(triager, "my thinking is blurry and I'm tired all day")
    assert result.disposition != "emergency"


def test_no_tablets_at_all_is_a_stop_and_spasticity_back_is_withdrawal(triager):
    text = "I was vomiting for two days so no tablets at all, and now the spasticity is back worse than ever"
    assert triager.classify(text).disposition == "withdrawal"


@pytest.mark.parametrize("text, ref", [
    ("it's just not working in the bedroom any more, things aren't working at all", "sexual_problems"),
    ("I couldn't perform in bed with my wife this week", "sexual_problems"),
    ("grandma has stopped eating much since the dose change", "appetite_loss"),
    ("I feel sleepier than before on the higher dose", "cns_effects.drowsiness"),
    ("in the toilet three or four times a night, and twice I didn't make it in time", "urinary_frequency"),
])
def test_everyday_words_for_the_signs(triager, text, ref):
    assert ref in refs(triager, text)


@pytest.mark.parametrize("text", ["my eyes feel strained after the screen all day", "I stopped eating meat in the new year"])
def test_a_strain_of_the_eyes_or_a_diet_is_no_sign(triager, text):
    assert not triager.classify(text).findings


@pytest.mark.parametrize("text, ref", [
    ("since lunch I see two of every thing", "overdose_cns.vision"),
    ("she keeps giggling at nothing and seems strangely excited", "cns_effects_rare.excitement"),
    ("my son is so jumpy since the pharmacy ran out", "withdrawal_nervousness"),
])
def test_more_everyday_words(triager, text, ref):
    assert ref in refs(triager, text)


@pytest.mark.parametrize("text, absent", [
    ("grandad gets lightheaded from his blood pressure pills, not from the baclofen", "cns_effects.dizziness"),
    ("a dull ache low down in my back after gardening", "cns_toxicity.mood"),
])
def test_another_cause_or_a_place_is_no_finding(triager, text, absent):
    assert absent not in refs(triager, text)


@pytest.mark.parametrize("text", [
    "the resident has been refusing her meds for three days and now she's seeing things",
    "dad won't take his tablets since friday and he's hallucinating",
])
def test_doses_refused_are_a_stop(triager, text):
    assert triager.classify(text).disposition == "withdrawal"


def test_a_pronouns_s_is_no_possessive(triager):
    # "she's" is "she is": no "someone's tablets" taken
    assert triager.classify("mum took her tablets and she's watching telly now").disposition == "none"


def test_out_of_it_is_dazed_not_run_out(triager):
    result = triager.classify("my husband is totally out of it tonight, I can't get any sense from him")
    assert not result.context["stopped_suddenly"]


def test_confusion_with_pinpoint_pupils_is_an_emergency(triager):
    assert triager.classify("grandad is so muddled and his pupils are pinpoint").disposition == "emergency"
    assert triager.classify("grandad is so muddled today").disposition != "emergency"
