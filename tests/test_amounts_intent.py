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
