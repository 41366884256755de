"""Concept files -> Concepts: a symptom as people say it, whatever the drug
("troubled_breathing": terms, abbreviations, frames), in ``concepts/`` of
the knowledge folder; every concept a drug file names must exist.
"""
from __future__ import annotations

from .records import Concept, Drug, Frame, KnowledgeError
from .tables import Record

# typing is not imported at run time: a one-shot run pays for every import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Mapping

# Concept files live in this subfolder of the knowledge folder.
CONCEPTS_FOLDER = "concepts"
# How many words a frame may span unless it says ("breathing is really very slow").
DEFAULT_FRAME_REACH, MAX_FRAME_REACH = 5, 10


def _load_frame(rec: Record) -> Frame:
    frame = Frame(head=rec.words("head", required=True), with_=rec.words("with", required=True),
                  without=rec.words("without"), reach=rec.number("reach", DEFAULT_FRAME_REACH),
                  denied=rec.flag("denied"))
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
        concept = Concept(id=rec.text("id"), terms=rec.words("terms"), abbreviations=rec.words("abbreviations"),
                          frames=tuple(_load_frame(f) for f in rec.tables("frame", "head")),
                          illness=rec.words("illness"), path=str(path))
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
