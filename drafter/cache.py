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
        return Path(env).expanduser()   # Path's, which refuses a home it cannot find (os.path's would keep "~")
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "drafter"


@functools.cache
def source_key() -> str:
    """A hash of every source file of drafter, of python-docx's version (it writes the reference) and of the
    installed title segmenter.

    Reading and hashing ~500 KB of sources cost ~2 ms per command, so the hash is kept in the cache under a
    stamp of the same files' paths, sizes and modification times (any edit, checkout or install changes it),
    and computed again only when that stamp is new."""
    files = _sources()
    stamp = hashlib.blake2b(digest_size=12)
    for path in files:
        st = os.stat(path)
        stamp.update(f"{path}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    entry = cache_dir() / f"source-key-{stamp.hexdigest()}"
    try:
        key = entry.read_text(encoding="ascii")
        if len(key) == 20 and all(c in "0123456789abcdef" for c in key):
            return key
    except (OSError, UnicodeError):
        pass
    key = _content_key(files)
    from drafter.atomic import write_atomic

    try:
        write_atomic(entry, key.encode("ascii"), durable=False)
        for old in entry.parent.glob("source-key-*"):   # other stamps: other installs, or sources since edited
            if old != entry and _stale(old):
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return key


def _sources() -> list[str]:
    """drafter's own modules (not the interface's), python-docx's main module, the title segmenter's files.
    Plain strings: making ~80 Path objects cost more than stating the files."""
    files = []
    for folder, subfolders, names in os.walk(_PKG):
        subfolders[:] = sorted(d for d in subfolders if d not in ("tui", "__pycache__"))
        files += sorted(os.path.join(folder, n) for n in names if n.endswith(".py"))
    spec = find_spec("docx")
    if spec is not None and spec.origin:
        files.append(spec.origin)
    folder = _segmenter_folder()
    if folder is not None:
        files += sorted(e.path for e in os.scandir(folder) if e.is_file())
    return files


def _segmenter_folder() -> str | None:
    """The title segmenter's files: its dictionary is compiled in, so their sizes and times stand for it."""
    spec = find_spec("rjieba")
    return os.path.dirname(spec.origin) if spec is not None and spec.origin else None


def _content_key(files: list[str]) -> str:
    h = hashlib.blake2b(digest_size=10)
    segmenter = _segmenter_folder()
    for path in files:
        if os.path.dirname(path) == segmenter:
            st = os.stat(path)
            h.update(f"{os.path.basename(path)}:{st.st_size}:{st.st_mtime_ns}".encode())
        else:
            h.update(os.path.relpath(path, os.path.dirname(os.path.dirname(path))).encode())
            with open(path, "rb") as fh:
                h.update(fh.read())
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

    target = Path(cache_dir(), f"{name}-{source_key()}")
    if os.path.isdir(target):
        return target
    try:
        target.mkdir(parents=True)
    except FileExistsError:
        return target if target.is_dir() else None
    except OSError:
        return None
    for old in target.parent.glob(f"{name}-{'[0-9a-f]' * len(source_key())}"):   # not jinja-names-… for jinja
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
            with open(os.path.join(target, name), "rb") as f:
                stored, value = marshal.loads(f.read())
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
