"""Text fit for a terminal: what the patient typed is shown, never obeyed, and tiers in colour."""
import os

# ANSI SGR colour per disposition and tier, shared by every front.
TIER_COLOURS = {"emergency": "1;31", "overdose": "1;31", "withdrawal": "35", "medical_attention": "33",
                "if_bothersome": "36", "none": "32"}


# Unicode categories a terminal shows as nothing or obeys: format characters
# (Cf: the BiDi overrides and isolates U+202A-202E and U+2066-2069, zero-width
# characters, tags) and the line and paragraph separators.  A contact
# "\\u202e0010-555" would otherwise be displayed as "555-0100".
INVISIBLE_CATEGORIES = frozenset({"Cf", "Zl", "Zp"})


def _shown_raw(ch: str) -> bool:
    code = ord(ch)
    if code < 0x80:
        return code >= 0x20 and code != 0x7F or ch in "\n\t"
    if code <= 0x9F or 0xD800 <= code <= 0xDFFF:
        return False
    import unicodedata  # only text beyond ASCII pays for the import
    return unicodedata.category(ch) not in INVISIBLE_CATEGORIES


def safe_text(text: str) -> str:
    """Text fit to print on a terminal: control, escape and invisible format characters made visible.

    A patient's "\\x1b[2J" must not clear the nurse's screen, nor a BiDi
    override reorder what follows it:
    ``safe_text("a\\x1b[2Jb") == "a\\\\x1b[2Jb"``, ``safe_text("\\u202e1") == "\\\\u202e1"``.
    """
    if text.isascii() and text.isprintable():
        return text
    out = []
    for ch in text:
        if _shown_raw(ch):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out)


def safe_json_text(text: str) -> str:
    """JSON text fit for a terminal: the characters safe_text shows as escapes become JSON escapes.

    The result is still the same JSON (json.dumps already escapes C0 controls).
    """
    if text.isascii():
        return text.replace("\x7f", "\\u007f")
    out = []
    for ch in text:
        if ch in "\n\t" or _shown_raw(ch):
            out.append(ch)
        else:
            code = ord(ch)
            if code >= 0x10000:
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
    return "".join(out)


def wants_colour(stream: object, environ: "dict[str, str] | None" = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set to anything (no-color.org)."""
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):  # a closed or detached stream
        return False


def paint(text: str, key: str, colour: bool) -> str:
    """``text`` in the colour of tier or disposition ``key`` when ``colour`` is on."""
    return f"\x1b[{TIER_COLOURS[key]}m{text}\x1b[0m" if colour else text
