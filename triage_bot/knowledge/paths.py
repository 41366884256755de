"""Where the knowledge files are, by name alone: the folder, its concepts and
drugs subfolders, and which drug files a start for one drug reads (nothing
here reads a file, so a cached start stamps its files without loading them).
"""
from __future__ import annotations

import os

# Concept files live in this subfolder of the knowledge folder, drug files in this one.
CONCEPTS_FOLDER = "concepts"
DRUGS_FOLDER = "drugs"


def default_folder() -> str:
    """Where the knowledge files are: $TRIAGE_BOT_KNOWLEDGE, the installed copy, or the checkout."""
    env = os.environ.get("TRIAGE_BOT_KNOWLEDGE")
    if env:
        return env
    # this file is triage_bot/knowledge/paths.py; the data sits beside the package
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    installed = os.path.join(here, "knowledge_data")
    if os.path.isdir(installed) and any(n.endswith(".toml") for n in os.listdir(installed)):
        return installed
    return os.path.join(os.path.dirname(here), "knowledge")


def drug_files(root: str | os.PathLike, drug: str | None, every: bool = False) -> list[str]:
    """The files of ``root/drugs`` to read for ``drug``, by name alone (nothing is read):
    ``drugs/<drug>.toml`` when there is one, else every file (a brand name may name
    any); with no drug, the first by name; with ``every``, all of them.

    A file there holds one drug whose id is the file's name, so that a start for
    one drug reads (and a cache stamps) that drug's file only."""
    folder = os.path.join(root, DRUGS_FOLDER)
    names = sorted(n for n in os.listdir(folder) if n.endswith(".toml")) if os.path.isdir(folder) else []
    if not every and names:
        if drug is None:
            names = names[:1]
        elif f"{drug.strip().lower()}.toml" in names:
            names = [f"{drug.strip().lower()}.toml"]
    return [os.path.join(folder, n) for n in names]


def knowledge_files(root: str | os.PathLike, drug: str | None, every: bool = False) -> list[str]:
    """Every file a load for ``drug`` reads, in the order it reads them: the top
    folder's, the concepts', then :func:`drug_files` (what a cache stamp covers)."""
    files = []
    for folder in (root, os.path.join(root, CONCEPTS_FOLDER)):
        names = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
        files.extend(os.path.join(folder, name) for name in names if name.endswith(".toml"))
    return files + drug_files(root, drug, every)
