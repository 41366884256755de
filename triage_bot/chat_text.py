"""What the terminal chat shows, as plain text: tier colours, the toolbar line, lines wrapped to the width.

Pure functions with no screen library, so each is tested with plain data:

    >>> wrap_line("- dizziness (\\"dizzy\\"): see your doctor if it continues", 30)
    ['- dizziness ("dizzy"): see', '  your doctor if it continues']
    >>> fit_toolbar("EMERGENCY: get help now", 2, 40)
    'EMERGENCY: get help now | /help'

Text handed to :func:`wrap_line` and :func:`paint_tiers` must already have
gone through :func:`triage_bot.text.safe_text`: only the colour codes added
here reach the terminal.
"""
from __future__ import annotations

import re
import shutil
import unicodedata
from typing import Any, Iterable, Mapping

from .text import TIER_COLOURS

# Without a terminal to ask (a pipe, a file), lines are wrapped as for one this wide.
FALLBACK_COLUMNS = 80
HELP_HINT = "/help"
TOOLBAR_SEPARATOR = " | "
ELLIPSIS = "\u2026"


# ---------------------------------------------------------------- colour

# How each tier or disposition is named in the replies, so the chat can colour the name.
TIER_NAMES = {
    "emergency": ("EMERGENCY", "emergency"),
    "overdose": ("overdose",),
    "withdrawal": ("withdrawal",),
    "medical_attention": ("medical attention", "medical_attention"),
    "if_bothersome": ("if bothersome", "if_bothersome"),
}


def compile_tier_names(names: Mapping[str, Iterable[str]]) -> re.Pattern[str]:
    """One pattern finding any tier name, the longest name first: {"withdrawal": ["withdrawal"], ...}."""
    groups = []
    for key, words in names.items():
        alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)
        if alternatives:
            groups.append(rf"(?P<{key}>\b(?:{alternatives})\b)")
    return re.compile("|".join(groups) or r"(?!)", re.IGNORECASE)


DEFAULT_TIER_PATTERN = compile_tier_names(TIER_NAMES)


def tier_names(engine: Any) -> dict[str, tuple[str, ...]]:
    """The tier names to colour: the built-in ones plus the titles the engine's dialogue gives them.

    "see your doctor only if it continues or bothers you" is the if_bothersome
    tier in the baclofen dialogue; a nurse line that rewords it still gets it coloured.
    """
    names = {key: list(words) for key, words in TIER_NAMES.items()}
    dialogue = getattr(engine, "dialogue", None)
    for table in (getattr(dialogue, "tiers", None), getattr(dialogue, "dispositions", None)):
        for key, title in (table or {}).items():
            if key in TIER_COLOURS and key != "none" and isinstance(title, str):
                names.setdefault(key, []).append(title)
    return {key: tuple(words) for key, words in names.items()}


def paint_tiers(line: str, colour: bool, pattern: re.Pattern[str] = DEFAULT_TIER_PATTERN) -> str:
    """Tier names in their colour: "needs medical attention" with "medical attention" in yellow.

    ``line`` must already be safe to print: only the colour codes added here reach the terminal.
    """
    if not colour:
        return line
    return pattern.sub(lambda m: f"\x1b[{TIER_COLOURS[m.lastgroup]}m{m.group()}\x1b[0m", line)


# ---------------------------------------------------------------- widths

def cell_width(text: str) -> int:
    """How many terminal columns ``text`` takes: 2 for a wide (CJK) character, 0 for a combining mark."""
    if text.isascii():
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def terminal_columns() -> int:
    """The width to wrap to without a prompt_toolkit output: $COLUMNS, the terminal's, else 80."""
    return shutil.get_terminal_size((FALLBACK_COLUMNS, 24)).columns or FALLBACK_COLUMNS


def wrap_width(columns: int) -> int:
    """Text stops one column short of the edge: a line that fills it wraps early on some terminals."""
    return max(1, columns - 1)


# ---------------------------------------------------------------- wrapping

# A list item's marker, or a /help line's command: wrapped lines hang under the text after it.
_HANG = re.compile(r" *(?:[-*\u2022?] +|\d{1,3}[.)] +|/[a-z]\S* {2,})?")
_CHUNK = re.compile(r"\s*\S+")


def _fitting(text: str, width: int) -> int:
    """The longest prefix of ``text`` that fits ``width`` columns, at least one character."""
    end, used = 0, 0
    for ch in text:
        used += cell_width(ch)
        if used > width and end:
            break
        end += 1
    return end


def wrap_line(line: str, width: int) -> list[str]:
    """One line as terminal lines of at most ``width`` columns, broken between words.

    A list item's continuation lines hang under its text ("- ", "1. ", "  /why  ");
    only a word longer than a whole line is cut, so no line is ever wider than ``width``.
    """
    line = line.expandtabs()
    if cell_width(line) <= width:
        return [line]
    hang = " " * cell_width(_HANG.match(line).group())
    if len(hang) > width // 2:
        hang = ""
    rows: list[str] = []
    row = ""
    for chunk in _CHUNK.findall(line):
        if row.strip() and cell_width(row + chunk) > width:
            rows.append(row)
            row = hang + chunk.lstrip()
        else:
            row += chunk
        while cell_width(row) > width:
            cut = max(_fitting(row, width), len(hang) + 1)
            rows.append(row[:cut])
            row = hang + row[cut:]
    rows.append(row)
    return [r.rstrip() for r in rows]


def wrap_lines(lines: Iterable[str], width: int) -> list[str]:
    """Every line wrapped to ``width``; a blank line stays one blank line."""
    return [row for line in lines for row in wrap_line(line, width)]


# ---------------------------------------------------------------- the toolbar

DISPOSITION_LABELS = {
    "emergency": "EMERGENCY: call emergency services now",
    "withdrawal": "withdrawal: contact your doctor today",
    "medical_attention": "medical attention: check with your doctor soon",
    "if_bothersome": "if bothersome: check with your doctor if it continues",
    "none": "no side effect recognised yet",
}


# How the toolbar counts findings when no dialogue file says (one, more than one).
FINDING_COUNTS = ("{count} finding", "{count} findings")


def finding_counts(engine: Any) -> tuple[str, str]:
    """The toolbar's words for one finding and for several: the dialogue file's
    ``toolbar_finding`` and ``toolbar_findings`` lines where it has them."""
    lines = getattr(getattr(engine, "dialogue", None), "lines", None) or {}
    return (lines.get("toolbar_finding") or FINDING_COUNTS[0],
            lines.get("toolbar_findings") or FINDING_COUNTS[1])


def disposition_labels(engine: Any) -> dict[str, str]:
    """The toolbar's words for each disposition: the engine dialogue's titles where it has them."""
    titles = getattr(getattr(engine, "dialogue", None), "dispositions", None) or {}
    return {key: titles.get(key) or label for key, label in DISPOSITION_LABELS.items()}


def _shorten(text: str, width: int) -> str:
    """``text`` cut after its last whole word that fits ``width`` with an ellipsis; "" if none fits."""
    if cell_width(text) <= width:
        return text
    kept = ""
    for chunk in _CHUNK.findall(text):
        if cell_width(kept + chunk) + 1 > width:
            break
        kept += chunk
    return kept.rstrip(" :;,.-") + ELLIPSIS if kept.strip() else ""


def fit_toolbar(label: str, count: int, width: int | None = None,
                counts: tuple[str, str] = FINDING_COUNTS) -> str:
    """The toolbar line in ``width`` columns; "/help" is the last thing to go, and never goes.

    The finding count goes first, then the label is cut to the part before its
    colon ("usually mild"), then to its first words.
    """
    findings = counts[0 if count == 1 else 1].format(count=count)
    head = label.split(":", 1)[0].strip() or label
    candidates = [(label, findings), (label,), (head, findings), (head,)]
    for parts in candidates:
        text = TOOLBAR_SEPARATOR.join(parts + (HELP_HINT,))
        if width is None or cell_width(text) <= width:
            return text
    short = _shorten(head, width - cell_width(TOOLBAR_SEPARATOR + HELP_HINT))
    return f"{short}{TOOLBAR_SEPARATOR}{HELP_HINT}" if short else HELP_HINT


def toolbar_text(result: Any, labels: Mapping[str, str] = DISPOSITION_LABELS, width: int | None = None,
                 counts: tuple[str, str] = FINDING_COUNTS) -> str:
    """The bottom line of the screen: where the conversation stands, in ``width`` columns.

    A result with one dizzy finding gives
    ``"if bothersome: check with your doctor if it continues | 1 finding | /help"``.
    """
    label = labels.get(result.disposition) or DISPOSITION_LABELS.get(result.disposition, str(result.disposition))
    return fit_toolbar(label, len(result.findings), width, counts)
