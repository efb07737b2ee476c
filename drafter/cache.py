"""The user's cache folder: work done once per installed drafter (the styled reference package, compiled
templates) and reused by every later run, so a command does not pay for it at start-up.

Everything here is derived data: a missing, unreadable or stale entry is rebuilt, never an error (so entries
are written atomically but not fsynced: a crash can at worst damage one, which is then made again). Entries
are keyed by `source_key()`, a hash of drafter's own files, so any change to drafter invalidates them.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from collections.abc import Callable
from importlib.util import find_spec
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_PKG = Path(__file__).resolve().parent
STALE_AFTER = 7 * 24 * 3600   # seconds: another version's entries are removed once unused this long


def _stale(path: Path) -> bool:
    """An entry of another drafter (an older install, or another checkout sharing this cache) not written lately.
    Entries in use by a version running now must stay: removing them would make each rebuild the other's."""
    try:
        return time.time() - path.stat().st_mtime > STALE_AFTER
    except OSError:
        return False


def cache_dir() -> Path:
    """DRAFTER_CACHE_DIR, else $XDG_CACHE_HOME/drafter, else ~/.cache/drafter."""
    env = os.environ.get("DRAFTER_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "drafter"


@functools.cache
def source_key() -> str:
    """A hash of every source file of drafter, of python-docx's version (it writes the reference) and of the
    installed title segmenter."""
    h = hashlib.blake2b(digest_size=10)
    files = sorted(p for p in _PKG.rglob("*.py") if "tui" not in p.relative_to(_PKG).parts)
    spec = find_spec("docx")
    if spec is not None and spec.origin:
        files.append(Path(spec.origin))
    for path in files:
        h.update(str(path.relative_to(path.parents[1])).encode())
        h.update(path.read_bytes())
    spec = find_spec("rjieba")   # the title segmenter: its dictionary is compiled in, so its files' sizes and times
    if spec is not None and spec.origin:
        for path in sorted(Path(spec.origin).parent.iterdir()):
            if path.is_file():
                st = path.stat()
                h.update(f"{path.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _path(name: str, key: str) -> Path:
    stem, dot, suffix = name.partition(".")
    return cache_dir() / f"{stem}-{key}{dot}{suffix}"


def read(name: str) -> bytes | None:
    """The cached bytes of `name` (e.g. reference-gb2312-center.docx) for this drafter, or None."""
    try:
        return _path(name, source_key()).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Store `name` atomically (parallel runs may race; the last whole file wins); a read-only cache is fine."""
    from drafter.atomic import write_atomic

    target = _path(name, source_key())
    try:
        write_atomic(target, data, durable=False)
        for old in target.parent.glob(_path(name, "*").name):   # entries of earlier versions of drafter
            if old != target and _stale(old):
                old.unlink(missing_ok=True)
    except OSError:
        pass


def folder(name: str) -> Path | None:
    """A cache folder for this drafter (created, and those of earlier versions removed), or None if impossible."""
    import shutil

    target = cache_dir() / f"{name}-{source_key()}"
    if target.is_dir():
        return target
    try:
        target.mkdir(parents=True)
    except FileExistsError:
        return target if target.is_dir() else None
    except OSError:
        return None
    for old in target.parent.glob(f"{name}-*"):
        if old != target and old.is_dir() and _stale(old):
            shutil.rmtree(old, ignore_errors=True)
    return target


def memo(kind: str, key: str, make: Callable[[], T]) -> T:
    """make() once per installed drafter and `key`, then read back from the cache (values marshal can store:
    numbers, strings, tuples, lists, dicts)."""
    import marshal

    name = hashlib.blake2b(key.encode("utf-8"), digest_size=16).hexdigest()
    target = folder(kind)
    if target is not None:
        try:
            stored, value = marshal.loads((target / name).read_bytes())
            if stored == key:
                return value
        except (OSError, EOFError, ValueError, TypeError):
            pass   # not there yet, or damaged: made again
    value = make()
    if target is not None:
        from drafter.atomic import write_atomic

        try:
            write_atomic(target / name, marshal.dumps((key, value)), durable=False)
        except OSError:
            pass
    return value
