"""Concept files -> Concepts: a symptom as people say it, whatever the drug
("troubled_breathing": terms, abbreviations, frames), in ``concepts/`` of
the knowledge folder; every concept a drug file names must exist.

A concept also carries its codes in free-to-use vocabularies: its Human
Phenotype Ontology term (``hpo = "HP:0002315"``, with the term's name as
``hpo_name``) and, where known, its UMLS concept (``umls = "C0018681"``), or
the reason it has none (``hpo_none``).  Codes belong to the clinical concept,
so every drug that names the concept shares them; a drug file gives an entry
or sign its own only where it has no concept, or where the drug's table says
more than the concept does ("sexual problems in males").  ``read_code``
checks those keys of one record (a concept, entry or sign); ``resolve_codes``
gives every entry and sign of a drug its code once the concepts are loaded.
"""
from __future__ import annotations

from .records import Code, Concept, Drug, Frame, FrozenMap, KnowledgeError
from .paths import CONCEPTS_FOLDER
from .tables import Record

# typing is not imported at run time: a one-shot run pays for every import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Mapping

# How many words a frame may span unless it says ("breathing is really very slow").
DEFAULT_FRAME_REACH, MAX_FRAME_REACH = 5, 10
# The forms of the codes' ids, as an error names them.
HPO_FORM = "HP: followed by 7 digits, e.g. HP:0002315"
UMLS_FORM = "C followed by 7 digits, e.g. C0018681"


def _load_frame(rec: Record) -> Frame:
    frame = Frame(head=rec.words("head", required=True), with_=rec.words("with", required=True),
                  without=rec.words("without"), reach=rec.number("reach", DEFAULT_FRAME_REACH),
                  denied=rec.flag("denied"), joins=rec.flag("joins"),
                  sequence=rec.flag("sequence"), lists=rec.flag("lists"), illness=rec.flag("illness"))
    if not 2 <= frame.reach <= MAX_FRAME_REACH:
        raise KnowledgeError(f"{rec.where}: reach must be from 2 to {MAX_FRAME_REACH} words, not {frame.reach}")
    rec.done()
    return frame


def load_concepts(data: dict, path: Path) -> tuple[str, list[Concept]]:
    """Validate one concept file's parsed TOML: its language and its concepts."""
    top = Record(data, str(path))
    head = top.table("concepts")
    language = head.text("language")
    head.done()
    concepts = []
    for rec in top.tables("concept"):
        code, hpo_none = read_code(rec)
        concept = Concept(id=rec.text("id"), terms=rec.words("terms"), abbreviations=rec.words("abbreviations"),
                          frames=tuple(_load_frame(f) for f in rec.tables("frame", "head")),
                          illness=rec.words("illness"), path=str(path), code=code, hpo_none=hpo_none)
        stray = [t for t in concept.illness if t not in concept.terms]
        if stray:
            raise KnowledgeError(f"{rec.where}: illness {stray[0]!r} must also be one of the concept's terms")
        if not (concept.terms or concept.abbreviations or concept.frames):
            raise KnowledgeError(f"{rec.where}: a concept needs terms, abbreviations or frames")
        rec.done()
        concepts.append(concept)
    top.done()
    return language, concepts


def check_concepts(drug: Drug, concepts: Mapping[str, Concept]) -> None:
    """Every concept a drug file names must exist: a typo would silently lose a sign."""
    for target in drug.targets.values():
        item = target.sign or target.entry
        for cid in item.concepts:
            if cid not in concepts:
                raise KnowledgeError(f"{drug.path}: {target.ref!r}: concept {cid!r} is not defined in "
                                     f"{CONCEPTS_FOLDER}/; valid: {', '.join(sorted(concepts))}")


# ---------------------------------------------------------------- codes

def _is_id(value: str, prefix: str) -> bool:
    digits = value[len(prefix):]
    return value.startswith(prefix) and len(digits) == 7 and digits.isascii() and digits.isdigit()


def read_code(rec: Record) -> tuple[Code | None, str]:
    """The record's ``hpo``/``hpo_name``/``umls`` as a Code, and its ``hpo_none`` reason.

    ``hpo = "HP:0002315"`` needs ``hpo_name = "Headache"``; ``umls`` goes with an
    ``hpo``; ``hpo_none = "why"`` says why there is none and cannot stand beside one.
    """
    hpo, name, umls = rec.text("hpo", ""), rec.text("hpo_name", ""), rec.text("umls", "")
    reason = rec.text("hpo_none", "")
    if hpo and not _is_id(hpo, "HP:"):
        raise KnowledgeError(f"{rec.where}: hpo={hpo!r} is not an HPO term id; the valid form is {HPO_FORM}")
    if umls and not _is_id(umls, "C"):
        raise KnowledgeError(f"{rec.where}: umls={umls!r} is not a UMLS concept id (CUI); "
                             f"the valid form is {UMLS_FORM}")
    if not hpo:
        extra = next((key for key, value in (("hpo_name", name), ("umls", umls)) if value), "")
        if extra:
            raise KnowledgeError(f"{rec.where}: {extra!r} is given without 'hpo'; codes go with an HPO term "
                                 f"({HPO_FORM})")
        return None, reason.strip()
    if not name.strip():
        raise KnowledgeError(f"{rec.where}: hpo={hpo!r} needs 'hpo_name', the HPO term's name")
    if reason:
        raise KnowledgeError(f"{rec.where}: 'hpo_none' says there is no HPO term, but hpo={hpo!r} is given; "
                             f"keep one of them")
    return Code(hpo, name.strip(), umls), ""


def resolve_codes(drug: Drug, concepts: Mapping[str, Concept]) -> Drug:
    """``drug`` with the code of every entry and sign: the drug file's own, else its concepts'.

    A sign whose concepts carry different codes must say which applies; a sign
    with ``hpo_none`` of its own has none whatever its concepts carry.
    """
    targets = {}
    for ref, target in drug.targets.items():
        item = target.sign or target.entry
        code = item.code
        if code is None and not item.hpo_none:
            found = {concepts[cid].code: cid for cid in item.concepts if concepts[cid].code is not None}
            if len(found) > 1:
                named = " and ".join(f"{cid!r} ({c.hpo})" for c, cid in found.items())
                raise KnowledgeError(f"{drug.path}: {ref!r}: its concepts {named} have different HPO terms; "
                                     "give the sign its own hpo and hpo_name")
            code = next(iter(found), None)
        targets[ref] = target._replace(code=code)
    return drug._replace(targets=FrozenMap(targets))
