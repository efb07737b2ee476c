"""Where default outlines and fragments live: user library → team library → bundled, later layers win by id.

Bundled data sits in top-level `outlines/`, `fragments/` and `starters/` of a checkout and is packaged into
`drafter/_data/` in a wheel; both are found here.

A library folder is untrusted (a team share, a colleague's download): every file read from it must really lie
inside it. A symlink to `/proc/self/environ` or `../../etc/passwd`, a device or a pipe is refused with a located
message before a byte is read, so no secret or system file can reach a document or a message.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from drafter.errors import CaseError
from drafter.problems import Problem

_PKG = Path(__file__).resolve().parent


@functools.cache
def bundled(name: str) -> Path:
    """The bundled folder `name` (outlines, fragments, starters) in a wheel or a checkout: where drafter is
    installed, which does not change while it runs."""
    for candidate in (_PKG / "_data" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"找不到内置的 {name} 文件夹，安装可能不完整")


def user_library() -> Path:
    """The user's own library folder (DRAFTER_USER_LIBRARY, else ~/.local/share/drafter)."""
    env = os.environ.get("DRAFTER_USER_LIBRARY")
    if env:
        return Path(env).expanduser()   # Path's, which refuses a home it cannot find (os.path's would keep "~")
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "drafter"


def team_library() -> Path | None:
    """An office's shared library folder, if DRAFTER_TEAM_LIBRARY names one."""
    env = os.environ.get("DRAFTER_TEAM_LIBRARY")
    return Path(env).expanduser() if env else None


def layers(name: str) -> list[Path]:
    """Folders for `name` from lowest to highest precedence: bundled, team, user."""
    out = [bundled(name)]
    team = team_library()
    if team is not None:
        out.append(team / name)
    out.append(user_library() / name)
    return [p for p in out if os.path.isdir(p)]


MAX_LIBRARY_FILES = 2000


def inside(path: Path, root: Path) -> Problem | None:
    """Why `path` may not be read as part of the library at `root` (outside it, not a plain file), or None."""
    # os.path on strings, as Path.resolve and is_relative_to do underneath: asked of every library file on every draft
    try:
        target = os.path.realpath(path, strict=True)
    except FileNotFoundError:
        return Problem("链接指向的文件不存在", file=str(path))
    except (OSError, RuntimeError):   # a symlink loop, a path too long
        return Problem("无法解析这个链接（可能是循环链接）", file=str(path))
    base = os.path.realpath(root)
    if target != base and not target.startswith(base.rstrip(os.sep) + os.sep):
        return Problem(f"指向库文件夹（{root}）之外的文件，出于安全已拒绝读取：库中只能放普通文件，不能用链接或“..”指向别处",
                       file=str(path))
    if not os.path.isfile(target):
        return Problem("不是普通文件（设备、管道或文件夹），已拒绝读取", file=str(path))
    return None


def library_file(path: Path, root: Path) -> Path:
    """`path`, once it is known to lie inside the library `root`; else a CaseError naming it."""
    problem = inside(path, root)
    if problem is not None:
        raise CaseError(problem)
    return path


def library_files(folder: Path, suffix: str = ".yaml") -> tuple[list[Path], list[Problem]]:
    """Every file ending in `suffix` under a layer folder, in a stable order, and the ones refused with why.

    Directory links are not followed (one pointing at `/` would walk the whole disk); a linked file is read only
    when its target lies inside the folder.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames.sort()
        for d in list(dirnames):
            sub = Path(dirpath) / d
            if sub.is_symlink():
                problem = inside(sub, folder)
                if problem is not None and "不是普通文件" not in problem.message:
                    problems.append(problem)
        for name in sorted(filenames):
            if not name.endswith(suffix):
                continue
            path = Path(dirpath) / name
            problem = inside(path, folder)
            if problem is not None:
                problems.append(problem)
            else:
                files.append(path)
            if len(files) > MAX_LIBRARY_FILES:
                problems.append(Problem(f"库文件夹中的文件过多（超过 {MAX_LIBRARY_FILES} 个）", file=str(folder)))
                return files[:MAX_LIBRARY_FILES], problems
    return files, problems
