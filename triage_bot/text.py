"""Text fit for a terminal: what the patient typed is shown, never obeyed."""


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
