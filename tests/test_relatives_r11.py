"""A relative on baclofen too, told of by a writer who takes it (phrasings of our own): a
sign of theirs that needs a doctor is kept, since they are a patient on the drug as well; a
sign that can wait is still theirs, not the writer's."""
from __future__ import annotations


def test_a_relatives_sign_that_needs_a_doctor_is_kept(triager):
    r = triager.classify("I take baclofen and so does my brother, and he keeps hearing voices")
    assert r.disposition == "medical_attention"
    assert any(f.ref.startswith("cns_toxicity") for f in r.findings)


def test_a_relatives_mild_sign_is_still_theirs(triager):
    r = triager.classify("I take baclofen and feel fine; my dad is on it too and he gets a bit dizzy")
    assert r.disposition == "none"


def test_a_nurses_own_patient_is_the_patient(triager):
    # (patients a nurse has seen are others; the one she writes about is the report's patient)
    for text in ("I'm a nurse, the patient on baclofen just had a seizure",
                 "ward nurse here, my patient on baclofen has had a fit"):
        assert triager.classify(text).disposition == "emergency", text
