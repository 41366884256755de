"""Round-11 writing styles: texting, learner English, carers, nurse notes and long messages
(phrasings of our own).  Each test names a class of wording the method now reads right."""
from __future__ import annotations

import pytest


def refs(result) -> set[str]:
    return {f.ref for f in result.findings}


# Texted times and people: "yr" for year, "mth" for month, "m8" for mate.  Without them a
# friend's fit of long ago was the patient's emergency now.
@pytest.mark.parametrize("text", [
    "my cousin had a fit last yr when she was on it, cud that happen 2 me?",
    "had a seizure 2 yrs ago, nothing since, just askin if bac is ok",
    "my m8 gets headaches on baclofen, will i?",
])
def test_texted_times_and_people_set_a_sign_apart(triager, text):
    r = triager.classify(text)
    assert not r.findings
    assert r.disposition == "none"


def test_a_texted_month_dates_a_spell(triager):
    r = triager.classify("i was sick loads about 6 mths ago")
    assert "nausea" not in refs(r)
