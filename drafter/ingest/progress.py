"""A one-line progress bar on stderr for commands that work through many files; silent when stderr is not a
terminal (pipes and logs get the per-file lines only)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")


def progress(items: list[T], label: str = "", stream=None) -> Iterator[T]:
    stream = stream or sys.stderr
    show = len(items) > 1 and getattr(stream, "isatty", lambda: False)()
    total = len(items)
    for i, item in enumerate(items):
        if show:
            done = int(24 * i / total)
            stream.write(f"\r{label}[{'█' * done}{'·' * (24 - done)}] {i}/{total}")
            stream.flush()
        yield item
    if show:
        stream.write(f"\r{label}[{'█' * 24}] {total}/{total}\n")
        stream.flush()
