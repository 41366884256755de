"""The triage layer: tiers, placement by context, disposition, advice and questions."""
from __future__ import annotations

import pytest

from triage_bot.triager import InputError, RANK, check_context

# (message, context given, expected disposition, expected (tier, effect) among findings or None)
CASES = [
    ("my ears are ringing", None, "medical_attention", ("medical_attention", "CNS toxicity")),
    ("a bit queasy after meals", None, "if_bothersome", ("if_bothersome", "nausea")),
    ("keep seeing spiders on the ceiling", None, "medical_attention", ("medical_attention", "CNS toxicity")),
    ("keep seeing spiders on the ceiling", {"stopped_suddenly": True}, "withdrawal",
     ("withdrawal", "hallucinations, visual and auditory")),
    ("pharmacy had none so I've gone without since Tuesday, now I'm hearing voices", None, "withdrawal",
     ("withdrawal", "hallucinations, visual and auditory")),
    ("feeling really low and tearful", {"stopped_suddenly": True}, "withdrawal",
     ("withdrawal", "mood or mental changes such as paranoid ideation or manic psychosis")),
    ("feeling really low and tearful", {"stopped_suddenly": False}, "medical_attention",
     ("medical_attention", "CNS toxicity")),
    ("I'm tapering slowly and now I'm hearing voices", None, "medical_attention",
     ("medical_attention", "CNS toxicity")),
    ("everything is blurry", None, "emergency", ("overdose", "CNS toxicity")),
    ("just a little sleepy", {"took_too_much": True}, "emergency", ("if_bothersome", "CNS effects")),
    ("I took my evening tablets twice by mistake, feel fine", None, "emergency", None),
    ("my 3 year old ate some of my tablets", None, "emergency", None),
    ("I swallowed the lot on purpose", None, "emergency", None),
    ("he collapsed and is unresponsive", None, "emergency", ("medical_attention", "syncope")),
    ("what's the best time of day to take it?", None, "none", None),
    ("Can baclofen cause seizures?", None, "none", None),
]


@pytest.mark.parametrize("text,context,disposition,finding", CASES)
def test_disposition_and_tier(triager, text, context, disposition, finding):
    result = triager.classify(text, context)
    assert result.disposition == disposition, result.to_json()
    if finding:
        assert finding in {(f.tier, f.effect) for f in result.findings}


def test_disposition_is_the_most_urgent_finding(triager):
    result = triager.classify("a headache, a rash, and my chest hurts")
    assert [f.tier for f in result.findings] == ["if_bothersome", "medical_attention", "medical_attention"]
    assert result.disposition == "medical_attention"


def test_emergency_advice_names_poison_control_or_a_crisis_line(triager):
    ingestion = triager.classify("my toddler got into my baclofen")
    assert "Poison Control" in ingestion.advice and "emergency services" in ingestion.advice
    intentional = triager.classify("I took them all on purpose, I want to die")
    # the one action comes first, then the crisis line and the words of comfort
    assert intentional.advice.startswith("Call emergency services") and "988" in intentional.advice
    assert "You are not alone" in intentional.advice
    assert "intentional overdose or self-harm" in intentional.reasons


def test_convulsions_and_breathing_are_red_flags(triager):
    result = triager.classify("she's fitting and barely breathing")
    assert result.disposition == "emergency"
    assert {"convulsions (seizure)", "slowed or troubled breathing"} <= set(result.reasons)
    assert result.questions == ()   # an emergency does not wait for questions


def test_open_questions_settle_the_tier(triager):
    hallucination = triager.classify("I'm hearing voices")
    assert [q.id for q in hallucination.questions] == ["stopped_suddenly"]
    settled = triager.classify("I'm hearing voices", {"stopped_suddenly": False})
    assert settled.questions == ()
    drowsy = triager.classify("very drowsy today")
    assert [q.id for q in drowsy.questions] == ["took_too_much"]


def test_precautions_follow_the_findings(triager):
    drowsy = triager.classify("so drowsy")
    assert any("drive" in p for p in drowsy.precautions)
    assert any("alcohol" in p for p in drowsy.precautions)
    assert any("blood sugar" in p for p in triager.classify("I'm diabetic and dizzy").precautions)


def test_json_result_keeps_to_the_contract(triager):
    text = "no rash but my pee looks like cola"
    data = triager.classify(text).to_json()
    assert {"drug", "disposition", "findings", "negated", "advice", "questions"} <= set(data)
    finding = data["findings"][0]
    assert {"tier", "effect", "sign", "text", "start", "end", "score"} <= set(finding)
    assert text[finding["start"]:finding["end"]] == finding["text"]
    assert data["findings"][0]["effect"] == "Bloody or dark urine" and data["findings"][0]["sign"] == ""
    assert data["negated"][0]["sign"] == "skin rash or itching"


@pytest.mark.parametrize("bad,message", [
    ("", "empty"), ("   \n\t", "empty"), (None, "must be a string"), (42, "must be a string"),
    ("x" * 20_001, "too long"), ("dizzy \udcff", "not valid UTF-8"),
])
def test_bad_text_is_refused_clearly(triager, bad, message):
    with pytest.raises(InputError, match=message):
        triager.classify(bad)


def test_bad_context_is_refused_clearly():
    with pytest.raises(InputError, match="not one of"):
        check_context({"stopped": True})
    with pytest.raises(InputError, match="true, false or null"):
        check_context({"stopped_suddenly": "yes"})
    assert RANK["emergency"] > RANK["withdrawal"] > RANK["medical_attention"] > RANK["if_bothersome"] > RANK["none"]


def test_python_api_is_one_call():
    import triage_bot
    result = triage_bot.triage("ran out of my baclofen and now I'm seeing things")
    assert result.disposition == "withdrawal"
    assert result.findings[0].effect == "hallucinations, visual and auditory"
    assert triage_bot.triage("dizzy", {"took_too_much": True}).disposition == "emergency"


def test_the_python_api_is_a_plain_function_and_importing_the_package_loads_nothing():
    import inspect
    import subprocess
    import sys

    import triage_bot
    import triage_bot.triager  # the triage layer's module no longer shadows the function

    assert inspect.isfunction(triage_bot.triage)
    assert triage_bot.triage("my ears are ringing").disposition == "medical_attention"
    code = "import sys, triage_bot; print(sorted(m for m in sys.modules if m.startswith('triage_bot')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['triage_bot']"


def test_compiled_cache_is_used_and_rebuilt_when_knowledge_changes(tmp_path, monkeypatch):
    import shutil

    from triage_bot.triager import load_triager
    from .conftest import KNOWLEDGE
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("TRIAGE_BOT_NO_CACHE", raising=False)
    folder = tmp_path / "k"
    shutil.copytree(KNOWLEDGE, folder)
    assert load_triager(str(folder)).classify("tinnitus").disposition == "medical_attention"
    assert list((tmp_path / "cache" / "triage-bot").glob("lexicon-*.json"))
    text = (folder / "concepts" / "senses.toml").read_text().replace('"tinnitus", ', '', 1)
    (folder / "concepts" / "senses.toml").write_text(text)
    assert load_triager(str(folder)).classify("tinnitus").disposition == "none"


def test_a_later_question_about_a_symptom_does_not_withdraw_it(triager):
    first, _ = triager.find("I have a rash")
    later, _ = triager.find("can baclofen cause a rash?")
    denied, _ = triager.find("actually the rash has gone")
    context = {"stopped_suddenly": None, "took_too_much": None}
    asked = triager.assess([(1, m) for m in first] + [(2, m) for m in later], context)
    assert [f.sign for f in asked.findings] == ["skin rash or itching"]
    gone = triager.assess([(1, m) for m in first] + [(2, m) for m in denied], context)
    assert gone.findings == () and gone.negated[0].sign == "skin rash or itching"


@pytest.mark.parametrize("text", [
    "my son had a fit, no fits since",
    "the seizure has stopped now",
    "he's having fits in his sleep",
    "I took 3 extra",
    "I took 80mg instead of 20mg",
    "my husband took my pills",
    "my mum took some of my baclofen",
    "our baby (10 months) was chewing one of my pills",
    "2yo found with the bottle open, some tablets missing",
    "pt c/o convulsive movements of the legs",
])
def test_emergencies_in_everyday_words(triager, text):
    assert triager.classify(text).disposition == "emergency"


def test_a_passed_ordinary_sign_is_set_aside_but_a_passed_emergency_sign_is_not(triager):
    ringing = triager.classify("the ringing in my ears has gone now")
    assert ringing.disposition == "none" and ringing.negated[0].sign == "ringing or buzzing in ears"
    fit = triager.classify("the fit has stopped")
    assert fit.findings[0].rule.startswith("reported as passed")


def test_context_from_the_caller_cannot_lower_what_the_words_say(triager):
    result = triager.classify("ran out on Friday, now I'm hearing voices", {"stopped_suddenly": False})
    assert result.disposition == "withdrawal"
    assert triager.classify("I'm hearing voices", {"stopped_suddenly": False}).disposition == "medical_attention"


def test_one_denied_phrase_does_not_cancel_the_same_sign_reported_in_the_message(triager):
    result = triager.classify("so angry and irritable, not himself at all, mood swings every day")
    assert result.disposition == "medical_attention"


def test_a_child_on_baclofen_is_not_an_ingestion(triager):
    result = triager.classify("my son (8) takes baclofen for his CP and has been drowsy")
    assert result.disposition == "if_bothersome"
    assert [f.effect for f in result.findings] == ["CNS effects"]


@pytest.mark.parametrize("text,disposition", [
    ("my daughter found me wandering in the street, so confused", "if_bothersome"),
    ("it takes the edge off my spasms, no side effects", "none"),
    ("I'm so tired of my spasms, will baclofen help?", "none"),
    ("got an itchy rash back in May, stopped it slowly and the rash went away", "none"),
    ("when they stopped it suddenly years ago I heard voices; fine now", "none"),
])
def test_stories_of_the_past_and_of_the_illness_are_not_current_side_effects(triager, text, disposition):
    assert triager.classify(text).disposition == disposition


def _first_sentence(advice: str) -> str:
    return advice.split(". ")[0]


@pytest.mark.parametrize("message, context, action, named", [
    ("I have a rash on my arms", None, "Check with your doctor as soon as possible", "a skin rash or itching"),
    ("a bit queasy after meals", None, "Check with your doctor if", "nausea"),
    ("keep seeing spiders on the ceiling", {"stopped_suddenly": True}, "Contact your doctor or nurse line today",
     "seeing or hearing things that are not there"),
    ("everything is blurry", None, "Call emergency services", "blurred or double vision"),
])
def test_advice_opens_with_the_action_and_the_symptom_it_is_about(triager, message, context, action, named):
    first = _first_sentence(triager.classify(message, context).advice)
    assert first.startswith(action) and named in first


def test_a_mild_effect_after_an_abrupt_stop_is_not_told_it_will_ease(triager):
    advice = triager.classify("so sleepy all day", {"stopped_suddenly": True}).advice
    assert "today" in _first_sentence(advice) and "drowsiness" in _first_sentence(advice)
    assert "gets used to" not in advice


def test_the_emergency_call_comes_before_everything_else(triager):
    # a pump problem's own advice and the crisis line follow the call, never precede it
    for message in ("my pump alarm went off and now I have a high fever and stiff legs",
                    "I took them all on purpose, I want to die", "she is fitting"):
        result = triager.classify(message)
        assert result.disposition == "emergency", message
        assert result.advice.startswith("Call emergency services"), message


def test_findings_carry_the_patient_name_beside_the_monograph_words(triager):
    finding = triager.classify("my ears are ringing").to_json()["findings"][0]
    assert finding["effect"] == "CNS toxicity" and finding["sign"] == "ringing or buzzing in ears"
    assert finding["name"] == "ringing or buzzing in your ears"


@pytest.mark.parametrize("message", [
    "I stopped my baclofen suddenly three days ago and now I'm confused with a high fever",
    "ran out of my baclofen on friday, burning up and my muscles have gone rigid",
])
def test_fever_with_confusion_or_rigidity_after_an_abrupt_stop_is_an_emergency(triager, message):
    result = triager.classify(message)
    assert result.disposition == "emergency"
    assert "fever with confusion or rigidity after stopping baclofen suddenly" in result.reasons


@pytest.mark.parametrize("message", [
    "I'm a bit confused and have a temperature",            # on the drug: no withdrawal
    "I stopped baclofen suddenly and I am a bit confused",  # no fever
    "stopped it suddenly, now I have a fever",               # fever alone after a stop
])
def test_fever_confusion_and_an_abrupt_stop_each_alone_are_not_an_emergency(triager, message):
    assert triager.classify(message).disposition != "emergency"


def test_a_triager_takes_a_subclass_of_the_knowledge(knowledge):
    from triage_bot.knowledge import Knowledge
    from triage_bot.triager import Triager

    class Edited(Knowledge):
        pass

    assert Triager(Edited(*knowledge)).classify("I feel dizzy").disposition == "if_bothersome"
