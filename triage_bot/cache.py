"""The compiled-lexicon cache: data only, checked before use, in a folder only its owner can change.

Compiling the lexicon costs more than triaging a message, so a one-shot
``triage-bot triage`` reads a compiled copy from ``$XDG_CACHE_HOME/triage-bot``
(or ``~/.cache/triage-bot``).  The file is JSON (triage_bot.codec): it holds
plain data and the names of allowed classes, never code, so a planted or
damaged file can at worst be refused.  The classes allowed are the ones
defined at the top of the project's own modules that make up a compiled
lexicon (triage_bot.triager and the modules of the triage_bot.knowledge and
triage_bot.reading packages), looked up by name when a file names them, so a
new class there is cached without an edit here; an object of any other class
is refused and the cache is simply not written.  The same code, and the
knowledge files, make the stamp: a change to any of them makes the old cache
stale.

The word indexes (reading.patterns.WordIndex) are stored word by word after
the rest and decoded when a message first holds the word, and the triager's
knowledge (concepts, dialogue, answer words) when it is first asked for: a
one-shot start reads only what its message needs.  An object that several of
these slices hold (a pattern under each of its first words) is stored once.

Each file starts with a header line giving its length and CRC-32; a file whose
checksum, length, format or stamp does not match is rebuilt.  The folder is
0700 and must be the user's own and not writable by others; files are read
without following links or blocking (a FIFO is ignored), and written through a
randomly named temporary file created exclusively in that folder.
"""
from __future__ import annotations

import gc
import json
import os
import stat
import sys
import zlib

from .codec import CacheError, decode
from .files import OTHERS_WRITE, UnsafeFileError, open_private_dir
from .knowledge.paths import knowledge_files

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any

# Bump when the file layout or the encoding changes, so an old cache is never read.
FORMAT = "triage-bot-cache/5"
# The project's code that makes up a compiled lexicon: the classes of these
# modules, and of every module of these packages, may appear in it; a change
# to any of their files (or to this file, the codec or the encoder) makes an old cache stale.
ALLOWED_MODULES = ("triage_bot.triager",)
ALLOWED_PACKAGES = ("triage_bot.knowledge", "triage_bot.reading")
_CACHE_CODE = ("cache.py", "codec.py", "encoder.py")
# A cache file larger than this is not read (a compiled lexicon is a few hundred kB).
MAX_CACHE_BYTES = 64 << 20
NO_CACHE_ENV = "TRIAGE_BOT_NO_CACHE"
APP_DIR = "triage-bot"
_HERE = os.path.dirname(__file__)


# ---------------------------------------------------------------- which classes

def _folder_of(name: str) -> str:
    """The folder or file stem of a triage_bot module: "triage_bot.reading" -> .../triage_bot/reading."""
    return os.path.join(_HERE, *name.split(".")[1:])


class AllowedClasses:
    """The classes a cache may name, looked up by ``module.name`` when first named:
    a class defined at the top of an allowed module (importing it if need be,
    which only ever runs the project's own code); anything else is a KeyError."""

    def __init__(self) -> None:
        self.found: dict[str, type] = {}

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default

    def __getitem__(self, name: str) -> type:
        cls = self.found.get(name)
        if cls is None:
            cls = self.found[name] = _allowed_class(name)
        return cls


def _allowed_module(module_name: str) -> bool:
    if module_name in ALLOWED_MODULES:
        return True
    for package in ALLOWED_PACKAGES:
        if module_name == package:
            return True
        if module_name.startswith(package + "."):
            return all(part.isidentifier() for part in module_name[len(package) + 1:].split("."))
    return False


def _allowed_class(name: Any) -> type:
    module_name, _, class_name = name.rpartition(".") if isinstance(name, str) else ("", "", "")
    if not class_name.isidentifier() or not _allowed_module(module_name):
        raise KeyError(name)
    module = sys.modules.get(module_name)
    if module is None:
        import importlib

        try:
            module = importlib.import_module(module_name)
        except ImportError:
            raise KeyError(name) from None
    value = vars(module).get(class_name)
    if not isinstance(value, type) or value.__module__ != module_name or value.__qualname__ != class_name:
        raise KeyError(name)
    return value


_allowed = AllowedClasses()


def allowed_classes() -> AllowedClasses:
    """The classes defined at the top of the modules that make up a compiled lexicon, by ``module.name``."""
    return _allowed


def make_stamp(root: str, drug: str | None) -> str | None:
    """What the compiled lexicon of knowledge folder ``root`` depends on: the knowledge
    files' names, sizes and times, and the code's; None when a file cannot be read."""
    try:
        key = repr([FORMAT, sys.version_info[:2], drug, os.path.abspath(root)])
        parts: list = []
        # only the drug asked for: a change to another drug's file leaves this cache valid
        for path in knowledge_files(root, drug):
            st = os.stat(path)
            parts.append((os.path.relpath(path, root), st.st_size, st.st_mtime_ns))
        code = [_folder_of(m) + ".py" for m in ALLOWED_MODULES] + [os.path.join(_HERE, f) for f in _CACHE_CODE]
        for package in ALLOWED_PACKAGES:
            for dirpath, dirs, files in os.walk(_folder_of(package)):
                dirs.sort()
                code.extend(os.path.join(dirpath, f) for f in sorted(files) if f.endswith(".py"))
        for path in code:  # each under _HERE: its name there, without relpath's work
            st = os.stat(path)
            parts.append((path[len(_HERE) + 1:], st.st_size, st.st_mtime_ns))
    except OSError:
        return None
    return f"{key}\n{parts!r}"


# ---------------------------------------------------------------- the files

def cache_folder(environ: dict | None = None) -> str:
    """``$XDG_CACHE_HOME/triage-bot``, or ``~/.cache/triage-bot`` (a relative XDG value is ignored)."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, APP_DIR)


def file_name(stamp: str) -> str:
    """The cache file for a stamp: a checksum of what it is for (the format, Python,
    folder and drug, the stamp's first items) names the file, so a rebuild replaces
    the stale one; the stamp inside decides whether it is current."""
    key = stamp.partition("\n")[0]
    return f"lexicon-{zlib.crc32(key.encode('utf-8', 'surrogatepass')):08x}.json"


def read(stamp: str, folder: str | None = None) -> Any:
    """The object cached for ``stamp``, or None when there is none or it cannot be trusted."""
    try:
        fd = open_private_dir(folder or cache_folder(), "cache folder")
    except UnsafeFileError:
        return None
    try:
        raw = _read_file(fd, file_name(stamp))
    finally:
        os.close(fd)
    if raw is None:
        return None
    try:
        # Offsets into the one buffer read, not copies of its parts (a few MB).
        start = raw.index(b"\n") + 1
        fmt, length, crc = raw[:start - 1].decode("ascii").split(" ")
        view = memoryview(raw)
        if fmt != FORMAT or int(length) != len(raw) - start or int(crc, 16) != zlib.crc32(view[start:]):
            return None
        split = raw.find(b"\n", start)
        if split < 0:
            return None
        # Reading makes tens of thousands of containers and no garbage: the collector,
        # which would walk them all several times over, waits until it is done.
        collecting = gc.isenabled()
        gc.disable()
        try:
            entry = json.loads(raw[start:split])
            if not isinstance(entry, dict) or entry.get("stamp") != stamp:
                return None
            return decode(entry["classes"], entry["data"], allowed_classes(), view[split + 1:], entry["ends"],
                          json.loads)
        finally:
            if collecting:
                gc.enable()
    except (ValueError, KeyError, CacheError, RecursionError, UnicodeError):
        return None


def _read_file(dir_fd: int, name: str) -> bytes | None:
    # O_NONBLOCK: opening a FIFO planted at the cache path must not hang;
    # it is then seen not to be a regular file and ignored.
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(name, flags, dir_fd=dir_fd)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if (not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & OTHERS_WRITE
                or info.st_size > MAX_CACHE_BYTES):
            return None
        chunks, size = [], 0
        while size <= MAX_CACHE_BYTES:
            chunk = os.read(fd, max(info.st_size - size, 0) + 1)  # most often the whole file at once
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
        return None
    except OSError:
        return None
    finally:
        os.close(fd)


def write(stamp: str, obj: Any, folder: str | None = None) -> bool:
    """Cache ``obj`` under ``stamp``; False (and nothing written) when it cannot be done safely."""
    from .encoder import encode  # the writing half: a start from the cache never needs it

    try:
        slices: list = []
        names, data = encode(obj, allowed_classes(), slices)
        parts = [_dumps(value) for value in slices]
        ends, end = [], 0
        for part in parts:
            end += len(part)
            ends.append(end)
        # One line of the object with its word indexes left out, then their
        # values one after another: JSON has no raw newline, so the first one ends it.
        payload = _dumps({"stamp": stamp, "classes": names, "data": data, "ends": ends}) + b"\n" + b"".join(parts)
    except (CacheError, ValueError, TypeError, RecursionError):
        return False
    blob = f"{FORMAT} {len(payload)} {zlib.crc32(payload):08x}\n".encode("ascii") + payload
    try:
        dir_fd = open_private_dir(folder or cache_folder(), "cache folder")
    except UnsafeFileError:
        return False
    name = file_name(stamp)
    # A random name, created exclusively and never through a link: a planted
    # link cannot turn the write into an overwrite of another file.
    tmp = f".{name}.{os.urandom(8).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0),
                     0o600, dir_fd=dir_fd)
    except OSError:
        os.close(dir_fd)
        return False
    try:
        with open(fd, "wb", closefd=True) as f:
            f.write(blob)
        os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        _prune(dir_fd, name)
        return True
    except OSError:
        try:
            os.unlink(tmp, dir_fd=dir_fd)
        except OSError:
            pass
        return False
    finally:
        os.close(dir_fd)


def _prune(dir_fd: int, kept: str) -> None:
    """Remove cache files of another format: they can never be read again.
    (A file of this format is for another folder or drug, and one per each.)"""
    head = f"{FORMAT} ".encode("ascii")
    try:
        names = [n for n in os.listdir(dir_fd) if n.startswith("lexicon-") and n.endswith(".json") and n != kept]
    except OSError:
        return
    for name in names:
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
            try:
                stale = stat.S_ISREG(os.fstat(fd).st_mode) and not os.read(fd, len(head)) == head
            finally:
                os.close(fd)
            if stale:
                os.unlink(name, dir_fd=dir_fd)
        except OSError:
            continue


def _dumps(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), allow_nan=False).encode("utf-8", "surrogatepass")


def enabled() -> bool:
    """Whether the cache is used at all (TRIAGE_BOT_NO_CACHE=1 turns it off)."""
    return not os.environ.get(NO_CACHE_ENV)
