"""The knowledge layer: the monograph is all there, and bad files are refused clearly."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from triage_bot.knowledge import KnowledgeError, load_knowledge

from .conftest import KNOWLEDGE

# Typed from the monograph's side-effect and overdose tables (effect as printed,
# then the parenthesised signs), table by table.
MONOGRAPH = [
    ("medical_attention", "Bloody or dark urine", []),
    ("medical_attention", "chest pain", []),
    ("medical_attention", "CNS toxicity", ["visual and auditory hallucinations",
                                           "mental depression or other mood changes", "ringing or buzzing in ears"]),
    ("medical_attention", "dermatitis, allergic", ["skin rash or itching"]),
    ("medical_attention", "ovarian cysts", []),
    ("medical_attention", "syncope", ["fainting"]),
    ("if_bothersome", "CNS effects", ["drowsiness", "dizziness or lightheadedness", "weakness", "confusion"]),
    ("if_bothersome", "muscle weakness", []),
    ("if_bothersome", "nausea", []),
    ("if_bothersome", "CNS effects", ["clumsiness", "unsteadiness", "trembling", "other problems with muscle control",
                                      "false sense of well-being", "headache", "muscle pain",
                                      "numbness or tingling in hands or feet", "slurred speech or other speech problems",
                                      "trouble in sleeping", "unexplained muscle stiffness", "unusual excitement",
                                      "unusual tiredness"]),
    ("if_bothersome", "constipation", []),
    ("if_bothersome", "difficult or painful urination or decrease in amount of urine", []),
    ("if_bothersome", "fluid retention", ["swelling of ankles", "weight gain"]),
    ("if_bothersome", "frequent urge to urinate or uncontrolled urination", []),
    ("if_bothersome", "gastrointestinal irritation", ["abdominal or stomach pain or discomfort", "diarrhea"]),
    ("if_bothersome", "loss of appetite", []),
    ("if_bothersome", "low blood pressure", []),
    ("if_bothersome", "pounding heartbeat", []),
    ("if_bothersome", "sexual problems in males", []),
    ("if_bothersome", "stuffy nose", []),
    ("withdrawal", "hallucinations, visual and auditory", []),
    ("withdrawal", "increased spasticity", []),
    ("withdrawal", "mood or mental changes such as paranoid ideation or manic psychosis", []),
    ("withdrawal", "unusual nervousness or restlessness", []),
    ("overdose", "CNS toxicity", ["blurred or double vision", "convulsions", "miosis", "mydriasis",
                                  "severe muscle weakness", "strabismus"]),
    ("overdose", "respiratory depression", ["shortness of breath or unusually slow or troubled breathing"]),
]
FIGURES = {"drowsiness": "up to 63%", "dizziness or lightheadedness": "up to 15%", "weakness": "up to 15%",
           "confusion": "up to 11%", "headache": "up to 8%", "trouble in sleeping": "up to 7%",
           "unusual tiredness": "up to 4%"}


@pytest.mark.parametrize("table,effect,signs", MONOGRAPH)
def test_every_monograph_entry_and_sign_is_in_the_knowledge(knowledge, table, effect, signs):
    drug = knowledge.drug("baclofen")
    entries = [e for e in drug.entries if e.table == table and e.effect == effect]
    assert entries, f"{effect!r} missing from {table}"
    present = {s.text for e in entries for s in e.signs}
    assert set(signs) <= present
    # every entry and sign can be reached from patient words, directly or by placement
    placed = {p.to for p in drug.placements}
    for e in entries:
        assert knowledge.lay_terms(e) or e.signs or e.ref in placed
        for s in e.signs:
            assert knowledge.lay_terms(s), f"{s.text!r} has no lay terms"


def test_incidence_figures_and_citations_are_kept(knowledge):
    drug = knowledge.drug()
    figures = {s.text: s.figure for e in drug.entries for s in e.signs if s.figure}
    assert {k: figures[k] for k in FIGURES} == FIGURES
    nausea = next(e for e in drug.entries if e.effect == "nausea")
    assert nausea.figure == "4 to 12%" and nausea.citations == ("01",)
    assert next(e for e in drug.entries if e.effect == "ovarian cysts").figure.startswith("up to 5%")


def test_drug_is_found_by_brand_name(knowledge):
    assert knowledge.drug("Lioresal").id == "baclofen"
    with pytest.raises(KnowledgeError, match="no drug 'aspirin'"):
        knowledge.drug("aspirin")


@pytest.fixture()
def copy(tmp_path):
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_unknown_key_names_file_record_and_valid_keys(copy):
    _edit(copy / "drugs" / "baclofen.toml", 'id = "chest_pain"\n', 'id = "chest_pain"\nseverity = "high"\n')
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(copy)
    msg = str(err.value)
    assert "baclofen.toml" in msg and "'chest_pain'" in msg and "'severity'" in msg and "effect" in msg


def test_unknown_table_lists_the_valid_tables(copy):
    _edit(copy / "drugs" / "baclofen.toml", 'table = "medical_attention"\neffect = "chest pain"',
          'table = "urgent"\neffect = "chest pain"')
    with pytest.raises(KnowledgeError, match="'urgent' is not one of: if_bothersome, medical_attention, withdrawal, overdose"):
        load_knowledge(copy)


def test_a_reference_to_no_entry_is_refused(copy):
    _edit(copy / "drugs" / "baclofen.toml", 'to = "withdrawal_hallucinations"', 'to = "withdrawal_halucinations"')
    with pytest.raises(KnowledgeError, match="'withdrawal_halucinations' is not an entry or sign"):
        load_knowledge(copy)


def test_broken_toml_and_missing_files_are_named(copy, tmp_path):
    (copy / "drugs" / "baclofen.toml").write_text("[drug\nname=")
    with pytest.raises(KnowledgeError, match="baclofen.toml: not valid TOML"):
        load_knowledge(copy)
    with pytest.raises(KnowledgeError, match="knowledge folder not found"):
        load_knowledge(tmp_path / "nowhere")


def test_a_second_drug_is_a_second_file(copy, knowledge):
    text = (copy / "drugs" / "baclofen.toml").read_text().replace('id = "baclofen"\nname = "baclofen"',
                                                       'id = "tizanidine"\nname = "tizanidine"', 1)
    (copy / "tizanidine.toml").write_text(text)
    both = load_knowledge(copy)
    assert set(both.drugs) == {"baclofen", "tizanidine"}


def _second_drug(copy, drug_id, where="drugs"):
    text = (copy / "drugs" / "baclofen.toml").read_text().replace('id = "baclofen"\nname = "baclofen"',
                                                               f'id = "{drug_id}"\nname = "{drug_id}"', 1)
    (copy / where / f"{drug_id}.toml").write_text(text)


def test_a_start_for_one_drug_reads_that_drug_only(copy):
    _second_drug(copy, "tizanidine")
    (copy / "drugs" / "zz-broken.toml").write_text("[drug\nname=")  # never read for baclofen
    only = load_knowledge(copy, "baclofen", every_drug=False)
    assert set(only.drugs) == {"baclofen"} and only.drug().name == "baclofen"
    assert set(load_knowledge(copy, "tizanidine", every_drug=False).drugs) == {"tizanidine"}
    with pytest.raises(KnowledgeError, match="zz-broken.toml: not valid TOML"):
        load_knowledge(copy)  # every drug, as the tests and tools check them
    # a brand name is no file name: every drug file is read to find it
    (copy / "drugs" / "zz-broken.toml").unlink()
    assert load_knowledge(copy, "Lioresal", every_drug=False).drug("Lioresal").id == "baclofen"


def test_a_drug_file_is_named_by_its_drug(copy):
    _second_drug(copy, "tizanidine")
    (copy / "drugs" / "tizanidine.toml").rename(copy / "drugs" / "zanaflex.toml")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(copy)
    assert "zanaflex.toml" in str(err.value) and "'zanaflex'" in str(err.value) and "'tizanidine'" in str(err.value)


def test_a_bad_context_pattern_class_is_refused(copy):
    from triage_bot.triager import Triager
    _edit(copy / "en.toml", '"ran out", ', '"ran out of {medicin}", ')
    with pytest.raises(KnowledgeError, match=r"unknown class \{medicin\}"):
        Triager(load_knowledge(copy))


def test_loaded_knowledge_cannot_be_changed(knowledge):
    advice = knowledge.drug().advice
    for change in (lambda: advice.update(none="x"), lambda: advice.__setitem__("none", "x"),
                   lambda: advice.__ior__({"none": "x"})):
        with pytest.raises(TypeError):
            change()
    assert advice["none"] != "x"


def test_every_entry_and_sign_has_a_patient_name_in_lower_case(knowledge):
    for drug in knowledge.drugs.values():
        for target in drug.targets.values():
            assert target.name, target.ref
            # said mid-sentence ("Check with your doctor about {what}"), so never capitalised jargon
            assert target.name[0].islower(), target.ref
    targets = knowledge.drug("baclofen").targets
    assert targets["cns_toxicity.ringing"].name == "ringing or buzzing in your ears"
    assert "seizure" in targets["overdose_cns.convulsions"].name


def test_a_sign_without_a_patient_name_is_refused_by_file_and_record(copy):
    _edit(copy / "drugs" / "baclofen.toml", '  say = "ringing or buzzing in your ears"\n', "")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(copy)
    msg = str(err.value)
    assert "baclofen.toml" in msg and "ringing" in msg and "'say'" in msg


@pytest.mark.parametrize("lead, complaint", [
    ('"Check with your doctor soon."', "{what}"),
    ('"Check with your doctor about {what} and {when}."', "only the placeholder {what}"),
])
def test_an_advice_lead_must_name_the_symptoms_and_nothing_else(copy, lead, complaint):
    _edit(copy / "drugs" / "baclofen.toml", 'medical_attention = "Check with your doctor as soon as possible, today if you can, '
          'about {what}."', f"medical_attention = {lead}")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(copy)
    msg = str(err.value)
    assert "baclofen.toml" in msg and "lead" in msg and "'medical_attention'" in msg and complaint in msg


def test_the_triage_says_its_rules_and_reasons_in_the_language_files_words(copy):
    from triage_bot.triager import Triager

    _edit(copy / "en.toml", 'medical_attention = "needs medical attention"\n',
          'medical_attention = "see a doctor soon"\n')
    _edit(copy / "en.toml", 'took_too_much = "suspected overdose"\n', 'took_too_much = "too much taken"\n')
    triager = Triager(load_knowledge(copy))
    assert triager.classify("I have a rash").findings[0].rule == "see a doctor soon"
    assert "too much taken" in triager.classify("I took ten of my tablets by mistake").reasons


def test_a_rule_line_with_an_unknown_placeholder_is_refused_by_file_and_key(copy):
    _edit(copy / "en.toml", 'red_flag = "red flag: {reason}"', 'red_flag = "red flag: {why}"')
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(copy)
    msg = str(err.value)
    assert "en.toml" in msg and "'red_flag'" in msg and "{why}" in msg and "{reason}" in msg


def test_a_drug_file_whose_drug_is_no_table_is_named(copy):
    (copy / "drugs" / "tizanidine.toml").write_text('drug = "tizanidine"\n')
    with pytest.raises(KnowledgeError, match="tizanidine.toml"):
        load_knowledge(copy)
