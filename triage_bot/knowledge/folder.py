"""The knowledge folder: where it is, and every file of it loaded and checked
together -> Knowledge (one language, its concepts, the drugs with the codes of
their signs, the dialogue).
"""
from __future__ import annotations

import os

from .concepts import check_concepts, load_concepts, resolve_codes
from .drugs import load_drug
from .languages import load_known_words, load_language
from .paths import DRUGS_FOLDER, default_folder, knowledge_files
from .records import Concept, Drug, FrozenMap, Knowledge, KnowledgeError, Language
from .tables import read_toml

# typing is not imported at run time: a one-shot run pays for every import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

FILE_KINDS = ("drug", "language", "dialogue", "known_words", "concepts", "answer_words")


def _kind_of(path: Path, data: dict, root: Path) -> str:
    """Which one of FILE_KINDS a file is; a file in drugs/ holds the drug its name says."""
    kinds = [k for k in FILE_KINDS if k in data]
    if len(kinds) != 1:
        raise KnowledgeError(f"{path}: a knowledge file has exactly one of "
                             f"{', '.join('[%s]' % k for k in FILE_KINDS)}; found {', '.join(kinds) or 'none'}")
    head = data.get("drug")
    found = head.get("id") if isinstance(head, dict) else None
    if path.parent.name == DRUGS_FOLDER and path.parent.parent == root and (kinds[0] != "drug" or found != path.stem):
        raise KnowledgeError(f"{path}: a file in {DRUGS_FOLDER}/ holds one [drug] whose id is the file's "
                             f"name ({path.stem!r}); found {found if found is not None else kinds[0]!r}")
    return kinds[0]


def load_knowledge(folder: str | os.PathLike | None = None, drug: str | None = None,
                   every_drug: bool = True) -> Knowledge:
    """Load the knowledge files of ``folder`` (default: :func:`default_folder`): the
    language, dialogue, concepts and every drug, or with ``every_drug=False`` only
    the drug files :func:`drug_files` names for ``drug`` (and any at the top).
    ``load_knowledge().drug().name`` is 'baclofen'."""
    from pathlib import Path  # only when the files are read, not on a cached start

    root = Path(folder if folder is not None else default_folder())
    if not root.is_dir():
        raise KnowledgeError(f"{root}: knowledge folder not found")
    drugs: dict[str, Drug] = {}
    languages: list[Language] = []
    dialogue: dict[str, Any] = {}
    answer_words: dict[str, Any] = {}
    known_words: set[str] = set()
    concept_files: list[tuple[Path, str, list[Concept]]] = []
    for path in map(Path, knowledge_files(root, drug, every_drug)):
        data = read_toml(path)
        kind = _kind_of(path, data, root)
        if kind == "drug":
            drug_record = load_drug(data, path)
            if drug_record.id in drugs:
                raise KnowledgeError(f"{path}: drug {drug_record.id!r} is already defined in "
                                     f"{drugs[drug_record.id].path}")
            drugs[drug_record.id] = drug_record
        elif kind == "language":
            languages.append(load_language(data, path))
        elif kind == "known_words":
            known_words |= load_known_words(data, path)
        elif kind == "concepts":
            concept_files.append((path, *load_concepts(data, path)))
        elif kind == "answer_words":
            answer_words = data
        else:
            dialogue = data
    if not drugs:
        raise KnowledgeError(f"{root}: no drug file (a .toml with a [drug] table, in {DRUGS_FOLDER}/)")
    if len(languages) != 1:
        raise KnowledgeError(f"{root}: expected one language file (a .toml with [language]), "
                             f"found {len(languages)}")
    language = languages[0]._replace(common_words=languages[0].common_words | known_words)
    concepts: dict[str, Concept] = {}
    for path, lang_id, found in concept_files:
        if lang_id != language.id:
            continue  # another language's vocabulary
        for concept in found:
            if concept.id in concepts:
                raise KnowledgeError(f"{path}: concept {concept.id!r} is already defined in "
                                     f"{concepts[concept.id].path}")
            concepts[concept.id] = concept
    for drug_id, drug_record in drugs.items():
        check_concepts(drug_record, concepts)
        drugs[drug_id] = resolve_codes(drug_record, concepts)
    by_file = sorted(drugs.items(), key=lambda kv: os.path.basename(str(kv[1].path)))  # "the first" drug
    return Knowledge(FrozenMap(by_file), language, FrozenMap(concepts), FrozenMap(dialogue), str(root),
                     FrozenMap(answer_words))
