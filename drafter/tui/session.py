"""One open case in the TUI: round-trip YAML (comments kept), undoable edits, a journal, a lock, atomic saves.

Why an edit log rather than a dump per keystroke: dumping a whole case with ruamel costs tens of
milliseconds (seconds on a 5,000-task case), far over a keystroke's budget. An edit is a few small
operations on the data; each is appended to the journal as one JSON line with a plain `os.write`,
which survives a kill -9 the moment it returns. The journal starts with the case text it applies to,
so recovery can rebuild exactly what was on screen — and, if the file changed since, show both
instead of silently dropping either.

Why a lock file: two windows on one case must not share a journal. The lock is an `flock` held for
the session's lifetime, so the kernel releases it when a process dies; a journal whose lock is free
was left by a crash, a journal whose lock is held belongs to a live window and is never touched.
"""

from __future__ import annotations

import datetime as _dt
import fcntl
import hashlib
import io
import json
import os
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.atomic import write_atomic
from drafter.errors import CaseError, DrafterError
from drafter.problems import Problem

JOURNAL_SUFFIX = ".drafter-autosave"
LOCK_SUFFIX = ".drafter-lock"
MERGE_SECONDS = 1.5       # typing into one field within this pause is one undo step


def _yaml():
    """The writer that agrees with the loader (one YAML dialect): text typed as text stays text."""
    from drafter.yamlsource import round_trip

    return round_trip()


def journal_path(path: Path) -> Path:
    return path.with_name(f".{path.name}{JOURNAL_SUFFIX}")


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}{LOCK_SUFFIX}")


def plain(node: Any) -> Any:
    """ruamel's containers and scalars as plain JSON-like data (dates as ISO text, as PyYAML's loader keeps them)."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return [plain(v) for v in node]
    if isinstance(node, (_dt.date, _dt.datetime)):
        return node.isoformat()
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return str(node)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- operations --------------------------------------------------------------------------------
# An operation is a list, as it is journalled: ["set", path, value] | ["del", path] |
# ["ins", path, value] (path ends with the list index) | ["pop", path].

def _parent(data: Any, path: list) -> Any:
    node = data
    for part in path[:-1]:
        node = node[part]
    return node


def _apply(data: Any, op: list) -> list:
    """Apply one operation in place and return its inverse."""
    kind, path = op[0], list(op[1])
    parent = _parent(data, path)
    key = path[-1]
    if kind == "set":
        if isinstance(parent, dict):
            inverse = ["set", path, parent[key]] if key in parent else ["del", path]
        else:
            inverse = ["set", path, parent[key]]
        parent[key] = op[2]
        return inverse
    if kind == "del":
        old = parent[key]
        del parent[key]
        return ["set", path, old]
    if kind == "ins":
        parent.insert(key, op[2])
        return ["pop", path]
    if kind == "pop":
        old = parent.pop(key)
        return ["ins", path, old]
    raise ValueError(kind)


@dataclass
class Step:
    """One undoable user action: its operations and their inverses, newest last."""

    label: str
    ops: list[list] = field(default_factory=list)
    inverse: list[list] = field(default_factory=list)
    merge_key: Any = None
    at: float = 0.0


class OpenElsewhere(DrafterError):
    """The case is open in another window (its lock is held)."""


@dataclass
class Recovery:
    """What a journal left by a crash holds, next to what the file holds now."""

    base_text: str        # the case text the journal's edits apply to
    ops: list[list]       # the edits, in order
    file_text: str | None  # the file as it is now (None: gone)

    @property
    def file_changed(self) -> bool:
        return self.file_text != self.base_text

    @property
    def places(self) -> int:
        """How many places the edits touched (typing ten letters into one field is one place)."""
        return len({json.dumps(op[1]) for op in self.ops})

    def recovered_text(self) -> str:
        return replay(self.base_text, self.ops)


def _fast_load(text: str) -> Any:
    """The case as the CLI's loader reads it (libyaml, YAML 1.1 as `drafter render` sees it)."""
    from drafter.yamlsource import load_yaml

    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return {}
    data = load_yaml(text, "").data
    return {} if data is None else data


def replay(base_text: str, ops: list[list]) -> str:
    """The text of `base_text` with `ops` applied, comments and layout kept (ruamel's round trip).

    Why only here: ruamel reads a case ten times slower than libyaml, so the editor works on the
    fast loader's data and pays for the round trip only when text is written (save, recovery)."""
    if not ops:
        return base_text
    data = _yaml().load(base_text) if base_text.strip() else None
    if data is None:
        data = {}
    for op in _in_place(ops):
        try:
            _apply(data, op)
        except (KeyError, IndexError, TypeError, ValueError):
            continue
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


def _in_place(ops: list[list]) -> list[list]:
    """The ops without a key's removal that a later op sets again: clearing a field and typing into it wrote the key
    anew at the end of its mapping, without the blank line or comment it had (a diff full of moved lines). Only when
    nothing between them inserts or pops list items (which would shift the paths)."""
    out = []
    for i, op in enumerate(ops):
        if op[0] == "del":
            path = list(op[1])
            later = ops[i + 1:]
            j = next((k for k, o in enumerate(later) if o[0] in ("ins", "pop") or _overlaps(list(o[1]), path)), None)
            if j is not None and later[j][0] == "set" and list(later[j][1]) == path:
                continue   # set again later: overwritten where it stands
        out.append(op)
    return out


def _overlaps(a: list, b: list) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


class Session:
    def __init__(self, path: Path, text: str, *, lock: bool = True):
        self.path = Path(path)
        self.base_text = text
        self.data = _fast_load(text)
        self.ops: list[list] = []          # every operation since base_text, as journalled
        self.dirty = False
        self.version = 0                   # bumped by every change; the preview renders a version
        self.undo_stack: list[Step] = []
        self.redo_stack: list[Step] = []
        self._journal_fd: int | None = None
        self._lock_fd: int | None = None
        self._disk = self._disk_state()
        if lock:
            self._take_lock()

    # --- opening -----------------------------------------------------------------------------
    @classmethod
    def check(cls, path: Path) -> str:
        """The case text, after the CLI's own loader accepted its YAML (syntax, tabs, duplicates, size …)."""
        from drafter.yamlsource import load_yaml, read_text

        text = read_text(path, str(path))
        if text.strip():
            load_yaml(text, str(path))
        return text

    @classmethod
    def open(cls, path: str | Path) -> Session:
        """Open for editing; raises CaseError (located problems) or OpenElsewhere."""
        path = Path(path)
        try:
            text = cls.check(path)
        except DrafterError:
            raise
        except (ValueError, RecursionError, MemoryError) as exc:   # what the loader itself could not bound
            raise CaseError(Problem(f"无法读取案卷：内容超出处理范围（{exc.__class__.__name__}）", file=str(path))) from None
        try:
            session = cls(path, text)
        except DrafterError:
            raise
        except Exception as exc:   # ruamel refusing what PyYAML read: still a located message, never a traceback
            raise CaseError(Problem(f"无法读取案卷：{exc.__class__.__name__}", file=str(path))) from None
        if not isinstance(session.data, dict):
            session.close()
            raise CaseError(Problem("案卷的最外层应为若干“字段: 值”", file=str(path), line=1))
        return session

    @classmethod
    def recovered(cls, path: Path, recovery: Recovery) -> Session:
        """The file as it is, with the journal's edits redone on it as one undoable step: the journal
        stays tied to the file on disk, so a second crash is recovered the same way."""
        session = cls.open(path)
        ops = []
        for op in recovery.ops:
            try:
                _apply(session.data, op)   # check each on the data; undone below, applied again as one step
            except (KeyError, IndexError, TypeError, ValueError):
                continue
            ops.append(op)
        session.data = _fast_load(session.base_text)
        session.apply(ops, "恢复未保存的修改")
        return session

    # --- lock and journal --------------------------------------------------------------------
    def _take_lock(self) -> None:
        lp = lock_path(self.path)
        try:
            fd = os.open(lp, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return                      # a read-only folder: no lock, and no journal either
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            owner = ""
            try:
                owner = os.read(fd, 200).decode("utf-8", "replace").strip()
            finally:
                os.close(fd)
            raise OpenElsewhere(Problem(f"该案卷已在另一个窗口中打开{f'（{owner}）' if owner else ''}："
                                        "请在那个窗口中继续编辑，或先关闭它", file=str(self.path))) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"进程 {os.getpid()}，{socket.gethostname()}".encode())
        self._lock_fd = fd

    @staticmethod
    def locked_elsewhere(path: Path) -> bool:
        try:
            fd = os.open(lock_path(Path(path)), os.O_RDWR)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return True
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)
            return False
        finally:
            os.close(fd)

    def _start_journal(self, base: str) -> None:
        """A fresh journal: a header line with the text the edits apply to."""
        if self._lock_fd is None:
            return
        self._close_journal()
        header = {"drafter": 1, "base": base, "pid": os.getpid(), "at": time.time()}
        data = (json.dumps(header, ensure_ascii=False) + "\n").encode("utf-8")
        jp = journal_path(self.path)
        write_atomic(jp, data)
        self._journal_fd = os.open(jp, os.O_WRONLY | os.O_APPEND)

    def _journal(self, line: str) -> None:
        if self._lock_fd is None:
            return
        if self._journal_fd is None:
            self._start_journal(self.base_text)
        os.write(self._journal_fd, (line + "\n").encode("utf-8"))

    def _close_journal(self) -> None:
        if self._journal_fd is not None:
            os.close(self._journal_fd)
            self._journal_fd = None

    def discard_journal(self) -> None:
        self._close_journal()
        if self._lock_fd is not None:
            journal_path(self.path).unlink(missing_ok=True)

    def close(self) -> None:
        """Release the journal and the lock (the journal stays if there are unsaved edits)."""
        self._close_journal()
        if not self.dirty and self._lock_fd is not None:
            journal_path(self.path).unlink(missing_ok=True)
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
            lock_path(self.path).unlink(missing_ok=True)

    @staticmethod
    def recovery_for(path: str | Path) -> Recovery | None:
        """What a journal left by an unclean exit holds, if it holds any edit; None for a live window's journal."""
        path = Path(path)
        jp = journal_path(path)
        if not jp.exists() or Session.locked_elsewhere(path):
            return None
        try:
            lines = jp.read_text(encoding="utf-8").splitlines()
            header = json.loads(lines[0])
            base = header["base"]
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            return None
        ops = []
        for line in lines[1:]:
            try:
                ops.extend(json.loads(line))
            except ValueError:      # a line cut short by the crash
                break
        try:
            file_text = path.read_text(encoding="utf-8")
        except OSError:
            file_text = None
        if not ops and file_text == base:
            jp.unlink(missing_ok=True)
            return None
        return Recovery(base, ops, file_text)

    # --- data --------------------------------------------------------------------------------
    def get(self, path: tuple, default: Any = None) -> Any:
        node = self.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    def apply(self, ops: list[list], label: str = "", merge_key: Any = None) -> None:
        """Apply operations as one undoable step (merged with the previous step when typing into one field)."""
        if not ops:
            return
        inverse = [_apply(self.data, op) for op in ops]
        now = time.monotonic()
        last = self.undo_stack[-1] if self.undo_stack else None
        if merge_key is not None and last is not None and last.merge_key == merge_key and now - last.at < MERGE_SECONDS:
            last.ops += ops
            last.inverse += inverse
            last.at = now
        else:
            self.undo_stack.append(Step(label, list(ops), inverse, merge_key, now))
        self.redo_stack.clear()
        self._changed(ops)

    def _changed(self, ops: list[list]) -> None:
        line = json.dumps(plain(ops), ensure_ascii=False)    # one serialization: the journal's line and the log's copy
        self.ops += json.loads(line)
        self.dirty = True
        self.version += 1
        self._journal(line)

    def set(self, path: tuple, value: Any, label: str = "") -> None:
        """Set a value (creating mappings on the way); an empty string or None removes an optional key.

        A place that holds something else than a mapping (`org: 某某局` typed as plain text) becomes one,
        as an undoable step: the form can always be typed into."""
        node = self.data
        for i, part in enumerate(path[:-1]):
            nxt = path[i + 1]
            child = node.get(part) if isinstance(node, dict) else node[part]
            fits = (isinstance(child, dict) and not isinstance(nxt, int)) or \
                (isinstance(child, list) and isinstance(nxt, int) and 0 <= nxt < len(child))
            if not fits:
                if value in ("", None):
                    return
                built: dict = {}
                inner = built
                for key in path[i + 1:-1]:
                    inner[key] = {}
                    inner = inner[key]
                inner[path[-1]] = value
                self.apply([["set", list(path[: i + 1]), built]], label, merge_key=("set", tuple(path)))
                return
            node = child
        key = path[-1]
        if value in ("", None) and isinstance(node, dict):
            if key in node:
                self.apply([["del", list(path)]], label, merge_key=("set", tuple(path)))
            return
        if isinstance(node, dict) and key in node and node[key] == value and type(node[key]) is type(value):
            return
        self.apply([["set", list(path), value]], label, merge_key=("set", tuple(path)))

    def insert(self, list_path: tuple, index: int, value: Any, label: str = "") -> None:
        """Insert into the list at `list_path` (created when missing)."""
        if self.get(list_path) is None:
            self.apply([["set", list(list_path), [value]]], label)
            return
        self.apply([["ins", list(list_path) + [index], value]], label)

    def remove(self, path: tuple, label: str = "") -> None:
        parent = self.get(path[:-1])
        op = "pop" if isinstance(parent, list) else "del"
        self.apply([[op, list(path)]], label)

    def move(self, path: tuple, to_list: tuple, to_index: int, label: str = "") -> None:
        """Move a list element to another place (the same list or another), as one step."""
        value = self.get(path)
        ops = [["pop", list(path)]]
        same = tuple(path[:-1]) == tuple(to_list)
        if same and to_index > path[-1]:
            to_index -= 1
        # removing the element shifts later indices in an ancestor list that `to_list` passes through
        to_list = list(to_list)
        if not same and len(to_list) > len(path) - 1 and tuple(to_list[: len(path) - 1]) == tuple(path[:-1]):
            k = len(path) - 1
            if isinstance(to_list[k], int) and to_list[k] > path[-1]:
                to_list[k] -= 1
        if self.get(tuple(to_list)) is None:    # removing one element elsewhere cannot create or delete it
            ops.append(["set", to_list, [value]])
        else:
            ops.append(["ins", to_list + [to_index], value])
        self.apply(ops, label)

    def undo(self) -> str | None:
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        redo = [_apply(self.data, op) for op in reversed(step.inverse)]
        self.redo_stack.append(Step(step.label, list(reversed(redo)), [], None, 0))
        self._changed(list(reversed(step.inverse)))
        return step.label or "修改"

    def redo(self) -> str | None:
        if not self.redo_stack:
            return None
        step = self.redo_stack.pop()
        ops = list(step.ops)          # the step's own operations, in the order they were first made
        inverse = [_apply(self.data, op) for op in ops]
        self.undo_stack.append(Step(step.label, ops, inverse, None, 0))
        self._changed(ops)
        return step.label or "修改"

    # --- text, disk --------------------------------------------------------------------------
    def text(self) -> str:
        return replay(self.base_text, self.ops)

    def snapshot(self) -> Any:
        """A plain copy of the data, safe to hand to a worker thread."""
        return plain(self.data)

    def _disk_state(self) -> tuple | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, _digest(self.path.read_bytes()))

    def disk_changed(self) -> bool:
        """The file on disk is no longer the one this session opened or last saved."""
        try:
            st = self.path.stat()
        except OSError:
            return self._disk is not None
        if self._disk is not None and (st.st_mtime_ns, st.st_size) == self._disk[:2]:
            return False
        state = self._disk_state()
        if state is not None and self._disk is not None and state[2] == self._disk[2]:
            self._disk = state       # touched, same bytes
            return False
        return True

    def save(self, force: bool = False) -> Path:
        """Write the case atomically; refuse (CaseChangedOnDisk) when someone else changed it, unless forced."""
        if not force and self.disk_changed():
            raise ChangedOnDisk(Problem("案卷文件已在别处被修改：请选择重新载入或保留我的修改", file=str(self.path)))
        text = self.text()
        write_atomic(self.path, text.encode("utf-8"))
        self.base_text = text
        self.ops = []
        self._disk = self._disk_state()
        self.dirty = False
        self._start_journal(base=text)
        return self.path

    def reload(self) -> None:
        """Read the file again, dropping this session's edits (undo history included)."""
        text = self.check(self.path)
        self.data = _fast_load(text)
        self.base_text = text
        self.ops = []
        self._disk = self._disk_state()
        self.undo_stack.clear()
        self.redo_stack.clear()
        self.dirty = False
        self.version += 1
        self._start_journal(base=text)

    # --- the pipeline ------------------------------------------------------------------------
    def case_file(self, data: Any = None):
        """Validate a snapshot (or the current data) through the same model as `drafter render`."""
        from drafter.facts.load import parse_data

        return parse_data(self.snapshot() if data is None else data, str(self.path), self.path)

    def documents(self) -> list[tuple[str, str]]:
        """(id, kind) of every document the case lists."""
        docs = self.get(("documents",), []) or []
        if not isinstance(docs, list):
            return []
        return [(str(d.get("id", "?")), str(d.get("kind", "?"))) for d in docs if isinstance(d, dict)]

    def doc_index(self, doc_id: str) -> int | None:
        return next((i for i, (d, _) in enumerate(self.documents()) if d == doc_id), None)


class ChangedOnDisk(DrafterError):
    """Saving would overwrite changes someone else made to the file."""
