"""Text fit for a terminal: what the patient typed is shown, never obeyed, and tiers in colour."""
import os

# ANSI SGR colour per disposition and tier, shared by every front.
TIER_COLOURS = {"emergency": "1;31", "overdose": "1;31", "withdrawal": "35", "medical_attention": "33",
                "if_bothersome": "36", "none": "32"}


def safe_text(text: str) -> str:
    """Text fit to print on a terminal: control and escape characters made visible.

    A patient's "\\x1b[2J" must not clear the nurse's screen:
    ``safe_text("a\\x1b[2Jb") == "a\\\\x1b[2Jb"``.
    """
    out = []
    for ch in text:
        code = ord(ch)
        if ch in "\n\t" or (code >= 0x20 and not 0x7F <= code <= 0x9F and not 0xD800 <= code <= 0xDFFF):
            out.append(ch)
        else:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
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
