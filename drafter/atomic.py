"""Atomic writes that keep what the user's file had: a temp file in the same folder, fsync, then rename.

No reader ever sees half a file, and replacing a file keeps its mode and owner (a 0600 private document stays
0600). A symlink is written through to its target; a file with several hard links is rewritten in place (after
the new content is safely on disk in a temp file), so the other names see the change. A read-only file is
refused. Temp files are named `.NAME.PID.XXXX.tmp`: one left by a run that was killed is removed by the next.
Several files are written as one set (`write_all`): every temp file first, then the renames, so an interrupted
export never mixes files of two runs.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import WriteError
from drafter.problems import Problem


def _refuse(message: str, path: Path) -> WriteError:
    return WriteError(Problem(message, file=str(path)))


def _os_error(exc: OSError, path: Path) -> WriteError:
    if isinstance(exc, PermissionError):
        return _refuse("没有写入权限（文件或所在文件夹是只读的），未作改动", path)
    if isinstance(exc, IsADirectoryError):
        return _refuse("这是一个文件夹，不能写成文件", path)
    if isinstance(exc, NotADirectoryError):
        return _refuse("路径中有一段不是文件夹", path)
    return _refuse(f"无法写入：{exc.strerror or exc}", path)


@dataclass
class Pending:
    """A file written to its temp name, waiting to replace its target."""

    target: Path
    tmp: Path
    in_place: bool = False

    def commit(self) -> None:
        try:
            if self.in_place:      # hard links: copy the content into the same inode
                with open(self.tmp, "rb") as src, open(self.target, "r+b") as dst:
                    dst.truncate(0)
                    while chunk := src.read(1 << 20):
                        dst.write(chunk)
                    dst.flush()
                    os.fsync(dst.fileno())
                self.tmp.unlink()
            else:
                os.replace(self.tmp, self.target)
        except OSError as exc:
            self.discard()
            raise _os_error(exc, self.target) from None

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)


def _sweep(folder: Path, name: str) -> None:
    """Remove temp files of `name` left by runs that were killed (their process is gone)."""
    try:
        leftovers = list(folder.glob(f".{name}.*.tmp"))
    except OSError:
        return
    for tmp in leftovers:
        parts = tmp.name[len(name) + 2:].split(".")
        if not parts or not parts[0].isdigit():
            continue
        pid = int(parts[0])
        if pid != os.getpid() and not _alive(pid):
            tmp.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def prepare(path: Path, data: bytes, *, durable: bool = True) -> Pending:
    """Write `data` to a temp file beside `path` (through a symlink, to its target), with the target's mode.

    durable=False skips the fsync, for derived data only (drafter.cache): a damaged entry is detected and made
    again, and an fsync cost ~5 ms per entry on a first run."""
    path = Path(path)
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            old = os.stat(target)
        except FileNotFoundError:
            old = None
        if old is not None and not stat.S_ISREG(old.st_mode):
            raise _refuse("不是普通文件，不能覆盖", path)
        if old is not None and (not os.access(target, os.W_OK) or not old.st_mode & 0o222):   # root ignores the bits
            raise _refuse("文件是只读的，未作改动（如需修改，请先取消只读）", path)
        _sweep(target.parent, target.name)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    except WriteError:
        raise
    except OSError as exc:
        raise _os_error(exc, path) from None
    try:
        if old is not None:
            os.chmod(tmp, stat.S_IMODE(old.st_mode))
            if (old.st_uid, old.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(tmp, old.st_uid, old.st_gid)
                except PermissionError:
                    pass   # only the owner or root can give a file away; the mode is still kept
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)   # mkstemp makes 0600; a new document is readable like any other
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _os_error(exc, path) from None
        raise
    return Pending(target, Path(tmp), in_place=old is not None and old.st_nlink > 1)


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` atomically, keeping mode, owner and links; WriteError (Chinese) on failure."""
    prepare(path, data, durable=durable).commit()


def write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write several files as one set: all temp files first, then every rename; nothing replaced if one fails."""
    pending: list[Pending] = []
    try:
        for path, data in files:
            pending.append(prepare(path, data))
    except BaseException:
        for p in pending:
            p.discard()
        raise
    for i, p in enumerate(pending):
        try:
            p.commit()
        except BaseException:
            for rest in pending[i + 1:]:
                rest.discard()
            raise
