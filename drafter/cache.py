"""The user's cache folder: work done once per installed drafter (the styled reference package, compiled
templates) and reused by every later run, so a command does not pay for it at start-up.

Everything here is derived data: a missing, unreadable or stale entry is rebuilt, never an error. Entries
are keyed by `source_key()`, a hash of drafter's own files, so any change to drafter invalidates them.
"""

from __future__ import annotations

import functools
import hashlib
import os
from importlib.util import find_spec
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """DRAFTER_CACHE_DIR, else $XDG_CACHE_HOME/drafter, else ~/.cache/drafter."""
    env = os.environ.get("DRAFTER_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "drafter"


@functools.cache
def source_key() -> str:
    """A hash of every source file of drafter and of python-docx's own version (it writes the reference)."""
    h = hashlib.blake2b(digest_size=10)
    files = sorted(p for p in _PKG.rglob("*.py") if "tui" not in p.relative_to(_PKG).parts)
    spec = find_spec("docx")
    if spec is not None and spec.origin:
        files.append(Path(spec.origin))
    for path in files:
        h.update(str(path.relative_to(path.parents[1])).encode())
        h.update(path.read_bytes())
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
        write_atomic(target, data)
        for old in target.parent.glob(_path(name, "*").name):   # entries of earlier versions of drafter
            if old != target:
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
        if old != target and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    return target
