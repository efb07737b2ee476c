"""The fragment library (标准表述): reusable standard phrasing with Jinja variables, stored as YAML.

Fragments come in layers (bundled → team → user); a later layer overrides an earlier one by id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import CaseError, FragmentError
from drafter.facts.types import FRAGMENT_ID, Date, Pending, Text
from drafter.problems import Problem
from drafter.resources import layers, library_files
from drafter.typed import BaseModel, Field, ValidationError
from drafter.yamlsource import Located, load_library_yaml, read_text


class _Provenance(BaseModel):
    author: Text
    added: Date
    use_until: Date | None = None
    source: Text | None = None


class _FragmentModel(BaseModel):
    id: Text = Field(pattern=FRAGMENT_ID)
    title: Text
    kinds: list[Text] = Field(min_length=1)
    slot: Text
    tags: list[Text] = []
    vars: list[Text] = []
    heading: Text | None = None
    text: Text
    provenance: _Provenance


@dataclass(frozen=True)
class Fragment:
    """One fragment of standard phrasing, with where it was written (for messages)."""

    id: str
    title: str
    kinds: tuple[str, ...]
    slot: str
    text: str
    file: str
    line: int
    tags: tuple[str, ...] = ()
    vars: tuple[str, ...] = ()
    heading: str | None = None
    author: str = ""
    added: dt.date | None = None
    use_until: dt.date | None = None

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Library:
    """Every fragment of every layer, by id (a later layer wins)."""

    fragments: dict[str, Fragment] = field(default_factory=dict)

    def get(self, fid: str) -> Fragment | None:
        return self.fragments.get(fid)

    def for_slot(self, kind: str, slot: str) -> list[Fragment]:
        return sorted(
            (f for f in self.fragments.values() if f.slot == slot and (kind in f.kinds or "*" in f.kinds)),
            key=lambda f: f.id,
        )

    def search(self, query: str) -> list[Fragment]:
        """Every fragment whose id, title, tags, slot or text contains all the query's words."""
        words = query.split()
        def hay(f: Fragment) -> str:
            return " ".join((f.id, f.title, f.slot, " ".join(f.tags), " ".join(f.kinds), f.text))
        return [f for f in sorted(self.fragments.values(), key=lambda f: f.id) if all(w in hay(f) for w in words)]


class _FragmentFile(BaseModel):
    fragments: list[_FragmentModel]


def _load_file(path: Path, lib: Library, problems: list[Problem]) -> None:
    from drafter import cache

    label = str(path)
    try:
        text = read_text(path, label)
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest()
        rows = cache.memo("fragments", f"{label}\n{digest}", lambda: _validated(text, label))
    except (CaseError, FragmentError) as exc:
        problems.extend(exc.problems)
        return
    for fid, title, kinds, slot, body, line, tags, names, heading, author, added, use_until in rows:
        lib.fragments[fid] = Fragment(
            id=fid, title=title, kinds=kinds, slot=slot, text=body, file=label, line=line, tags=tags, vars=names,
            heading=heading, author=author, added=_date(added), use_until=_date(use_until),
        )


def _validated(text: str, label: str) -> tuple[tuple, ...]:
    """A fragment file's fragments, validated, as plain values the cache can keep (dates as day numbers): each
    command used to validate the whole library again (~2 ms, and the models' build ~1.6 ms). A file with any
    problem raises FragmentError and is never kept."""
    from drafter.facts.load import translate

    located: Located = load_library_yaml(text, label)
    try:
        parsed = _FragmentFile.model_validate(located.data)
    except ValidationError as exc:
        raise FragmentError(translate(exc, located, root=_FragmentFile)) from None
    problems, seen_here, rows = [], set(), []
    for i, m in enumerate(parsed.fragments):
        line = located.line_of(("fragments", i, "text")) or 1
        if m.id in seen_here:
            problems.append(Problem(f"片段 id“{m.id}”在同一文件中重复", file=label, line=line, path=f"fragments[{i}].id"))
        seen_here.add(m.id)
        rows.append((m.id, m.title, tuple(m.kinds), m.slot, m.text.strip(), line, tuple(m.tags), tuple(m.vars), m.heading,
                     m.provenance.author, _day(m.provenance.added), _day(m.provenance.use_until)))
    if problems:
        raise FragmentError(problems)
    return tuple(rows)


def _day(value: dt.date | str | None) -> int | str | None:
    """A date as its day number; a placeholder date (2026年×月×日) stays text."""
    return value.toordinal() if isinstance(value, dt.date) else None if value is None else str(value)


def _date(value: int | str | None) -> dt.date | Pending | None:
    return dt.date.fromordinal(value) if isinstance(value, int) else None if value is None else Pending(value)


def load_file(path: Path) -> Library:
    """One fragment file on its own (for checks that look inside a layer)."""
    lib = Library()
    problems: list[Problem] = []
    _load_file(path, lib, problems)
    if problems:
        raise FragmentError(problems)
    return lib


def load_library(folders: list[Path] | None = None) -> Library:
    """Read every *.yaml under each layer folder, lowest precedence first."""
    lib = Library()
    problems: list[Problem] = []
    for folder in folders if folders is not None else layers("fragments"):
        paths, refused = library_files(folder)
        problems += refused
        for path in paths:
            _load_file(path, lib, problems)
    if problems:
        raise FragmentError(problems)
    return lib
