"""The compiled-lexicon cache: data only, checked before use, in a folder only its owner can change.

Compiling the lexicon costs more than triaging a message, so a one-shot
``triage-bot triage`` reads a compiled copy from ``$XDG_CACHE_HOME/triage-bot``
(or ``~/.cache/triage-bot``).  The file is JSON: it holds plain data and the
names of allowed classes, never code, so a planted or damaged file can at
worst be refused.  The classes allowed are the ones defined in the project's
own reading modules (triage_bot.knowledge, .matcher, .triage and any
triage_bot.reading.* module), found by looking, so a new class there is cached
without an edit here; an object of any other class is refused and the cache is
simply not written.

Each file starts with a header line giving its length and CRC-32; a file whose
checksum, length, format or stamp does not match is rebuilt.  The folder is
0700 and must be the user's own and not writable by others; files are read
without following links or blocking (a FIFO is ignored), and written through a
randomly named temporary file created exclusively in that folder.
"""
from __future__ import annotations

import json
import math
import os
import stat
import sys
import zlib

from .files import OTHERS_WRITE, UnsafeFileError, open_private_dir

TYPE_CHECKING = False  # typing stays out of a one-shot run's imports
if TYPE_CHECKING:
    from typing import Any

# Bump when the file layout or the encoding changes, so an old cache is never read.
FORMAT = "triage-bot-cache/3"
# The project's modules whose classes may appear in a compiled lexicon.
ALLOWED_MODULES = ("triage_bot.knowledge", "triage_bot.matcher", "triage_bot.triage")
ALLOWED_PACKAGE = "triage_bot.reading"
# A cache file larger than this is not read (a compiled lexicon is a few hundred kB).
MAX_CACHE_BYTES = 64 << 20
NO_CACHE_ENV = "TRIAGE_BOT_NO_CACHE"
APP_DIR = "triage-bot"


class CacheError(Exception):
    """An object cannot be written to, or read from, the cache."""


# ---------------------------------------------------------------- which classes

def _reading_modules() -> list[str]:
    """The names of the triage_bot.reading.* modules, when that subpackage exists."""
    folder = os.path.join(os.path.dirname(__file__), "reading")
    names = []
    for root, dirs, files in os.walk(folder):
        if "__init__.py" not in files:
            dirs[:] = []
            continue
        dirs.sort()
        relative = os.path.relpath(root, folder)
        package = ALLOWED_PACKAGE if relative == "." else f"{ALLOWED_PACKAGE}.{relative.replace(os.sep, '.')}"
        names.append(package)
        names.extend(f"{package}.{f[:-3]}" for f in sorted(files) if f.endswith(".py") and f != "__init__.py")
    return names


_allowed: dict[str, type] = {}


def allowed_classes() -> dict[str, type]:
    """Every class defined at the top of the project's reading modules, by ``module.name``."""
    if not _allowed:
        import importlib

        for module_name in ALLOWED_MODULES + tuple(_reading_modules()):
            module = sys.modules.get(module_name) or importlib.import_module(module_name)
            for name, value in vars(module).items():
                if isinstance(value, type) and value.__module__ == module_name and value.__qualname__ == name:
                    _allowed[f"{module_name}.{name}"] = value
    return _allowed


def _class_name(cls: type) -> str:
    name = f"{cls.__module__}.{cls.__qualname__}"
    if allowed_classes().get(name) is not cls:
        raise CacheError(f"objects of class {name} are not cached")
    return name


# ---------------------------------------------------------------- encoding
#
# JSON values stand for themselves except lists, which always start with a tag:
#   ["L", items...] list     ["T", items...] tuple     ["S", ...] set   ["Z", ...] frozenset
#   ["D", k, v, k, v...] dict with keys that are not all strings ({...} otherwise)
#   ["F", "nan"|"inf"|"-inf"] a float JSON cannot hold
#   ["N", class, fields...] named tuple    ["U", class, items...] other tuple subclass
#   ["O", class, {attr: value}] an object's __dict__ (or __slots__, or __getstate__)
#   ["M", class, pairs-or-object, attrs] a dict subclass
#   ["R", n] the n-th container or object met so far, so shared parts stay shared

_PLAIN = (str, int, bool, type(None))


class _Encoder:
    def __init__(self) -> None:
        self.memo: dict[int, int] = {}
        self.keep: list[Any] = []
        self.count = 0
        self.classes: dict[str, int] = {}

    def cls(self, cls: type) -> int:
        return self.classes.setdefault(_class_name(cls), len(self.classes))

    def encode(self, obj: Any) -> Any:
        kind = type(obj)
        if kind in _PLAIN:
            return obj
        if kind is float:
            return obj if math.isfinite(obj) else ["F", repr(obj)]
        key = id(obj)
        seen = self.memo.get(key)
        if seen is not None:
            if seen < 0:
                raise CacheError("an immutable value contains itself")
            return ["R", seen]
        self.keep.append(obj)  # holds what the memo's ids refer to
        if isinstance(obj, (tuple, frozenset)):
            # Numbered once built, as the reader can only keep it then.
            self.memo[key] = -1
            out = self._container(obj, kind)
            self.memo[key] = self.count
        else:
            # Numbered before its contents, so a cycle through it is a reference.
            self.memo[key] = self.count
            self.count += 1
            return self._container(obj, kind)
        self.count += 1
        return out

    def _container(self, obj: Any, kind: type) -> Any:
        enc = self.encode
        if kind is list:
            return ["L", *map(enc, obj)]
        if kind is tuple:
            return ["T", *map(enc, obj)]
        if kind is dict:
            return self._dict(obj)
        if kind is frozenset or kind is set:
            return ["Z" if kind is frozenset else "S", *map(enc, obj)]
        if isinstance(obj, tuple):
            if hasattr(kind, "_fields"):
                return ["N", self.cls(kind), *map(enc, obj)]
            return ["U", self.cls(kind), *map(enc, obj)]
        if isinstance(obj, dict):
            return ["M", self.cls(kind), self._dict(dict(obj)), self._attrs(obj, kind)]
        if isinstance(obj, (list, set, frozenset, str, int, float, bytes, type)) or callable(obj):
            raise CacheError(f"objects of class {kind.__module__}.{kind.__qualname__} are not cached")
        return ["O", self.cls(kind), self._attrs(obj, kind)]

    def _dict(self, obj: dict) -> Any:
        if all(type(k) is str for k in obj):
            return {k: self.encode(v) for k, v in obj.items()}
        out: list[Any] = ["D"]
        for k, v in obj.items():
            out.append(self.encode(k))
            out.append(self.encode(v))
        return out

    def _attrs(self, obj: Any, kind: type) -> dict:
        getstate = getattr(kind, "__getstate__", None)
        if getstate is not None and getstate is not getattr(object, "__getstate__", None):
            state = obj.__getstate__()  # the class says which attributes are worth keeping
        else:
            state = dict(getattr(obj, "__dict__", {}))
            for klass in kind.__mro__:
                for name in (klass.__dict__.get("__slots__", ()) if klass is not object else ()):
                    names = (name,) if isinstance(name, str) else name
                    for slot in names:
                        if slot not in ("__dict__", "__weakref__") and hasattr(obj, slot):
                            state[slot] = getattr(obj, slot)
        if not isinstance(state, dict) or not all(type(k) is str for k in state):
            raise CacheError(f"the state of {kind.__qualname__} is not a dict of attributes")
        return {k: self.encode(v) for k, v in state.items()}


def encode(obj: Any) -> tuple[list[str], Any]:
    """``obj`` as JSON-ready data and the class names it uses; CacheError if it holds anything else."""
    encoder = _Encoder()
    data = encoder.encode(obj)
    return list(encoder.classes), data


# ---------------------------------------------------------------- decoding

def _resolve(names: Any) -> list[type]:
    allowed = allowed_classes()
    if not isinstance(names, list):
        raise CacheError("no class table")
    try:
        return [allowed[name] for name in names]
    except (KeyError, TypeError):
        raise CacheError("a class that is not allowed") from None


class _Decoder:
    def __init__(self, classes: list[type]) -> None:
        self.classes = classes
        self.memo: list[Any] = []

    def decode(self, x: Any) -> Any:
        kind = type(x)
        if kind is list:
            return self._tagged(x)
        if kind is dict:
            out: dict = {}
            self.memo.append(out)
            return self._fill(out, x)
        return x

    def _fill(self, out: dict, x: Any) -> dict:
        """``out`` filled from an encoded dict: a JSON object, or ["D", k, v, ...]."""
        dec = self.decode
        if type(x) is dict:
            for k, v in x.items():
                out[k] = dec(v)
        elif type(x) is list and x[:1] == ["D"]:
            for i in range(1, len(x), 2):
                out[dec(x[i])] = dec(x[i + 1])
        else:
            raise CacheError("a dict is neither an object nor a list of pairs")
        return out

    def _tagged(self, x: list) -> Any:
        tag = x[0]
        dec, memo = self.decode, self.memo
        # Most of a lexicon is tuples of words: strings are taken as they are,
        # without a call, which makes reading several times faster.
        if tag == "T":
            out: Any = tuple([v if type(v) is str else dec(v) for v in x[1:]])
        elif tag == "N":
            # tuple.__new__ refuses a class that is not a tuple (TypeError: damaged data).
            out = tuple.__new__(self.classes[x[1]], [v if type(v) is str else dec(v) for v in x[2:]])
        elif tag == "Z":
            out = frozenset([v if type(v) is str else dec(v) for v in x[1:]])
        elif tag == "R":
            return memo[x[1]]
        elif tag == "L":
            out = []
            memo.append(out)
            out.extend([v if type(v) is str else dec(v) for v in x[1:]])
            return out
        elif tag == "D":
            out = {}
            memo.append(out)
            return self._fill(out, x)
        elif tag == "S":
            out = set()
            memo.append(out)
            out.update([dec(v) for v in x[1:]])
            return out
        elif tag == "F":
            return float(x[1])
        elif tag == "U":
            cls = self.classes[x[1]]
            out = tuple.__new__(cls, [dec(v) for v in x[2:]])
        elif tag == "O":
            out = object.__new__(self.classes[x[1]])  # no __init__: nothing of the class runs while reading
            memo.append(out)
            self._set_attrs(out, x[2])
            return out
        elif tag == "M":
            cls = self.classes[x[1]]
            out = dict.__new__(cls)
            memo.append(out)
            dict.update(out, self._fill({}, x[2]))  # dict's own update: a read-only subclass refuses its own
            self._set_attrs(out, x[3])
            return out
        else:
            raise CacheError(f"unknown tag {tag!r}")
        memo.append(out)  # an immutable value is numbered once built, as the writer numbered it
        return out

    def _set_attrs(self, obj: Any, attrs: Any) -> None:
        if not isinstance(attrs, dict):
            raise CacheError("attributes are not an object")
        for name, value in attrs.items():
            object.__setattr__(obj, name, self.decode(value))



def decode(names: list[str], data: Any) -> Any:
    """The object :func:`encode` gave ``(names, data)`` for; CacheError if the data is not ours."""
    try:
        return _Decoder(_resolve(names)).decode(data)
    except CacheError:
        raise
    except (IndexError, TypeError, ValueError, AttributeError, KeyError, RecursionError) as exc:
        raise CacheError(f"damaged data ({type(exc).__name__})") from None


# ---------------------------------------------------------------- the files

def cache_folder(environ: dict | None = None) -> str:
    """``$XDG_CACHE_HOME/triage-bot``, or ``~/.cache/triage-bot`` (a relative XDG value is ignored)."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, APP_DIR)


def file_name(stamp: str) -> str:
    """The cache file for a stamp: a checksum of it names the file; the stamp inside decides."""
    return f"lexicon-{zlib.crc32(stamp.encode('utf-8', 'surrogatepass')):08x}.json"


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
        header, _, payload = raw.partition(b"\n")
        fmt, length, crc = header.decode("ascii").split(" ")
        if fmt != FORMAT or int(length) != len(payload) or int(crc, 16) != zlib.crc32(payload):
            return None
        entry = json.loads(payload)
        if not isinstance(entry, dict) or entry.get("stamp") != stamp:
            return None
        return decode(entry["classes"], entry["data"])
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
            chunk = os.read(fd, 1 << 20)
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
    try:
        names, data = encode(obj)
        payload = json.dumps({"stamp": stamp, "classes": names, "data": data}, separators=(",", ":"),
                             allow_nan=False).encode("utf-8", "surrogatepass")
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
        return True
    except OSError:
        try:
            os.unlink(tmp, dir_fd=dir_fd)
        except OSError:
            pass
        return False
    finally:
        os.close(dir_fd)


def enabled() -> bool:
    """Whether the cache is used at all (TRIAGE_BOT_NO_CACHE=1 turns it off)."""
    return not os.environ.get(NO_CACHE_ENV)
