"""Many inputs, one command: every input processed (on all cores), a failure never stops the others, and
every failure is reported at the end. `drafter render` uses it for case files, `drafter format` for drafts.

A job is a module-level function `work(name)` returning the files it wrote, or a Done with lines to show as
well (it runs in worker processes, so it must be importable, and it never prints: its lines are shown in the
order of the inputs once all are done); it raises DrafterError for a problem with that input. Worker
processes are forked from the warm command, so imports and caches are paid once, not once per input.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import DrafterError
from drafter.problems import Problem

CASE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Done:
    """What a job returns when it has more to say than which files it wrote (a report per input)."""

    written: Sequence[str | Path]
    lines: Sequence[str] = ()


@dataclass(frozen=True)
class Outcome:
    """What became of one input: the files written and the lines to show, or why not."""

    name: str
    written: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    internal: str | None = None     # an unexpected error: a bug in drafter, not in the input
    lines: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems and self.internal is None


def expand(names: Sequence[str], suffixes: tuple[str, ...] = CASE_SUFFIXES,
           skip: Callable[[Path], bool] | None = None) -> list[str]:
    """Files as given, folders replaced by the files in them with one of `suffixes` (sorted), leaving out hidden
    files, the lock files Word and WPS keep beside an open document (~$NAME.docx) and those `skip` names. A file
    named twice (a.txt ./a.txt, or a folder and a file in it) is drafted once, under the name it was first given."""
    out: list[str] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            out += sorted(str(p) for p in path.iterdir()
                          if p.suffix.lower() in suffixes and not p.name.startswith((".", "~$")) and p.is_file()
                          and not (skip and skip(p)))
        else:
            out.append(name)
    seen: set[Path] = set()
    unique = []
    for name in out:
        key = _same(name)
        if key not in seen:
            seen.add(key)
            unique.append(name)
    return unique


def refuse_clashes(names: Sequence[str], output: Callable[[str], object], verb: str) -> None:
    """Two inputs whose `output` is the same (two cases of one name, 通知.doc and 通知.docx) would overwrite each
    other's files: refused, before anything is written."""
    seen: dict[object, str] = {}
    for name in names:
        other = seen.setdefault(output(name), name)
        if other != name:
            raise DrafterError(Problem(f"与 {other} 同名，输出文件会互相覆盖：请改名或分两次{verb}", file=name))


def _same(name: str) -> Path:
    """What identifies a file however it is named: its resolved path (a name that cannot be resolved as given)."""
    try:
        return Path(name).resolve()
    except (OSError, RuntimeError):
        return Path(name)


def _attempt(job: tuple[Callable[[str], Sequence[str]], int, str]) -> tuple[int, Outcome]:
    work, index, name = job
    try:
        result = work(name)
        if isinstance(result, Done):
            return index, Outcome(name, tuple(str(p) for p in result.written), lines=tuple(result.lines))
        return index, Outcome(name, tuple(str(p) for p in result))
    except DrafterError as exc:
        return index, Outcome(name, problems=tuple(exc.problems))
    except Exception as exc:  # noqa: BLE001 - one broken input must not stop the others
        return index, Outcome(name, internal=f"{type(exc).__name__}: {exc}")


def _worker_start() -> None:
    """Keep what the parent warmed out of every collection; collect what each input leaves behind."""
    import gc

    gc.freeze()
    gc.enable()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:   # not Linux
        return os.cpu_count() or 1


def run(names: Sequence[str], work: Callable[[str], Sequence[str]], jobs: int | None = None,
        verb: str = "处理", stream=None) -> list[Outcome]:
    """`work` applied to every name, on `jobs` processes (default: every core); outcomes in the order given."""
    stream = stream if stream is not None else sys.stderr
    jobs = min(jobs if jobs and jobs > 0 else default_jobs(), len(names)) or 1
    bar = Progress(len(names), verb, stream)
    outcomes: dict[int, Outcome] = {}
    jobs_list = [(work, i, name) for i, name in enumerate(names)]
    if jobs == 1:
        for job in jobs_list:
            i, outcomes[i] = _attempt(job)
            bar.step(outcomes[i].ok)
    else:
        import multiprocessing as mp

        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        chunk = max(1, min(16, len(names) // (jobs * 8)))
        with mp.get_context(method).Pool(jobs, initializer=_worker_start) as pool:
            for i, outcome in pool.imap_unordered(_attempt, jobs_list, chunksize=chunk):
                outcomes[i] = outcome
                bar.step(outcome.ok)
    bar.close()
    return [outcomes[i] for i in range(len(names))]


def report(outcomes: Sequence[Outcome], noun: str = "份", out=None, err=None) -> int:
    """The lines of each input done (on `out`), every failure with its problems (on `err`), then what was done;
    exit code 2 if anything failed."""
    from drafter.problems import listing

    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    for o in outcomes:
        for line in o.lines:
            print(line, file=out)
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        if o.internal is not None:
            print(f"{o.name}：drafter 内部错误：{o.internal}（请报告此问题）", file=err)
        for line in listing(list(o.problems)):
            print(line, file=err)
    written = sum(len(o.written) for o in outcomes)
    print(f"完成 {len(outcomes) - len(failed)} {noun}，写入 {written} 个文件。", file=out)
    if failed:
        names = "、".join(o.name for o in failed[:20]) + ("等" if len(failed) > 20 else "")
        print(f"{len(failed)} {noun}未能完成：{names}", file=err)
    return 2 if failed else 0


class Progress:
    """A one-line bar on a terminal (nothing when the output is a file or a pipe), redrawn at most 10 times a second."""

    def __init__(self, total: int, verb: str, stream):
        self.total, self.verb, self.stream = total, verb, stream
        self.done = self.failed = 0
        self.shown = 0.0
        self.live = total > 1 and hasattr(stream, "isatty") and stream.isatty()

    def step(self, ok: bool) -> None:
        self.done += 1
        self.failed += not ok
        now = time.monotonic()
        if self.live and (now - self.shown >= 0.1 or self.done == self.total):
            self.shown = now
            width = 30
            filled = width * self.done // self.total
            failed = f"，失败 {self.failed}" if self.failed else ""
            self.stream.write(f"\r{self.verb} [{'█' * filled}{'·' * (width - filled)}] {self.done}/{self.total}{failed}")
            self.stream.flush()

    def close(self) -> None:
        if self.live:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
