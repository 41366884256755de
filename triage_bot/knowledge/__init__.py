"""Load and validate the knowledge files: the monograph's tables, lay terms, cues, advice.

Everything clinical lives in ``knowledge/*.toml``; this package turns those files
into frozen records (``records``) and refuses anything it does not understand,
naming the file, the record and the valid values (``tables``).  A drug file has
a ``[drug]`` table (``drugs``), a language file a ``[language]`` table
(``languages``), a concept file a ``[concepts]`` table (``concepts``), a
dialogue script a ``[dialogue]`` table; ``folder`` finds and loads them all.
``concepts`` also reads the HPO and UMLS codes of concepts, entries and signs.
"""
from .concepts import (  # noqa: F401
    CONCEPTS_FOLDER, DEFAULT_FRAME_REACH, HPO_FORM, MAX_FRAME_REACH, UMLS_FORM, load_concepts, read_code, resolve_codes,
)
from .drugs import ADVICE_KEYS, ADVICE_VARIANTS, READINGS, SETTLEABLE, load_drug  # noqa: F401
from .folder import FILE_KINDS, default_folder, load_knowledge  # noqa: F401
from .languages import CATEGORY_TABLES, DEFAULT_REACH, MAX_REACH, NEGATION_KINDS, load_language  # noqa: F401
from .records import (  # noqa: F401
    CONTEXT_KINDS, DISPOSITIONS, TABLES, Code, Concept, ContextRule, ContextRuleOfDrug, Drug, Entry, Frame, FrozenMap,
    Interaction, Knowledge, KnowledgeError, Language, Measurement, Placement, Precaution, Question, RedFlag, Sign,
    Target,
)
from .tables import Record  # noqa: F401
