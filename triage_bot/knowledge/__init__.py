"""Load and validate the knowledge files: the monograph's tables, lay terms, cues, advice.

Everything clinical lives in ``knowledge/*.toml``; this package turns those files
into frozen records (``records``) and refuses anything it does not understand,
naming the file, the record and the valid values (``tables``).  A drug file has
a ``[drug]`` table (``drugs``), a language file a ``[language]`` table
(``languages``), a concept file a ``[concepts]`` table (``concepts``), a
dialogue script a ``[dialogue]`` table; ``folder`` finds and loads them all.
``concepts`` also reads the HPO and UMLS codes of concepts, entries and signs.
"""
# Eager: the records a compiled lexicon is made of, and where the files are.
# The loaders (concepts, drugs, folder, languages, tables) are imported when a
# name of theirs is first asked for: a start from the compiled cache reads no
# knowledge file and does not pay for them.
from .paths import CONCEPTS_FOLDER, DRUGS_FOLDER, default_folder, drug_files  # noqa: F401
from .records import (  # noqa: F401
    CONTEXT_KINDS, DISPOSITIONS, TABLES, Code, Concept, ContextRule, ContextRuleOfDrug, Drug, Entry, Frame, FrozenMap,
    Interaction, Knowledge, KnowledgeError, Language, Measurement, Placement, Precaution, Question, RedFlag, Sign,
    Target,
)

_LAZY = {
    "concepts": ("DEFAULT_FRAME_REACH", "HPO_FORM", "MAX_FRAME_REACH", "UMLS_FORM", "load_concepts", "read_code",
                 "resolve_codes"),
    "drugs": ("ADVICE_KEYS", "ADVICE_VARIANTS", "READINGS", "SETTLEABLE", "load_drug"),
    "folder": ("FILE_KINDS", "load_knowledge"),
    "languages": ("CATEGORY_TABLES", "DEFAULT_REACH", "MAX_REACH", "NEGATION_KINDS", "load_language"),
    "tables": ("Record",),
}
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str) -> object:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = sorted([n for n in globals() if not n.startswith("_")] + list(_MODULE_OF))
