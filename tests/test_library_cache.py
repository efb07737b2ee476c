"""What every command reads and nobody edits between two commands is kept in the cache: the library's parsed YAML,
the variables each fragment reads, Babel's zh_CN date pattern. A warm command recomputes none of them, an edited
library file is never served stale, and the drafted text is the same cold or warm."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

import pytest

from conftest import PLAN, ROOT
from drafter.errors import FragmentError
from drafter.facts.types import Pending

FRAGMENT = """fragments:
  - id: my.issue
    title: 自己的印发语
    kinds: [notice]
    slot: notice_issue
    text: |-
      {text}
    provenance: {{author: 办公室, added: 2026-11-20, use_until: 2027年×月×日}}
"""


def test_library_files_are_parsed_once_per_text(tmp_path, monkeypatch, isolated_library):
    from drafter import yamlsource
    from drafter.templating.fragments import load_library

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    parsed: list[str] = []
    real = yamlsource.load_yaml
    monkeypatch.setattr(yamlsource, "load_yaml", lambda text, file: parsed.append(file) or real(text, file))
    mine = isolated_library / "fragments" / "mine.yaml"
    mine.parent.mkdir()
    mine.write_text(FRAGMENT.format(text="现印发给你们，请认真执行。"), encoding="utf-8")

    cold = load_library()
    assert str(mine) in parsed and len(parsed) >= 7          # the six bundled files and the user's own
    parsed.clear()
    warm = load_library()
    assert parsed == []
    assert warm.fragments == cold.fragments                   # same texts, same files and lines for messages
    assert warm.get("my.issue").line == 6                      # its `text:` line
    assert (warm.get("my.issue").added, warm.get("my.issue").use_until) == (dt.date(2026, 11, 20), "2027年×月×日")
    assert isinstance(warm.get("my.issue").use_until, Pending)

    mine.write_text(FRAGMENT.format(text="现印发给你们，请结合实际抓好落实。"), encoding="utf-8")
    assert load_library().get("my.issue").text == "现印发给你们，请结合实际抓好落实。"
    assert parsed == [str(mine)]                              # only the edited file is read again

    mine.write_text("fragments:\n  - id: [\n", encoding="utf-8")
    for _ in range(2):                                        # a broken file is reported every time, never stored
        with pytest.raises(FragmentError) as err:
            load_library()
        assert err.value.problems[0].file == str(mine)


def test_fragment_variables_are_not_parsed_again(tmp_path, monkeypatch):
    from drafter.pipeline import Drafting, load_case
    from drafter.templating.environment import Sandbox

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path))
    sources: list[str] = []
    real = Sandbox.parse
    monkeypatch.setattr(Sandbox, "parse", lambda self, source, *a, **k: sources.append(source) or real(self, source, *a, **k))
    cf = load_case(PLAN)
    drafting = Drafting()
    fragment_texts = {f.text for f in drafting.library.fragments.values()}
    (cold,) = drafting.build(cf, "notice")
    assert fragment_texts & set(sources)                      # the first command parses the fragments it uses
    sources.clear()
    (warm,) = Drafting().build(cf, "notice")                  # a new command, same cache
    assert not fragment_texts & set(sources)
    assert warm.reads == cold.reads and warm.reads            # the same facts are known to be used


def _fresh_process(cache, code: str) -> list[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                          env={**os.environ, "DRAFTER_CACHE_DIR": str(cache)}).stdout.splitlines()


def test_a_warm_command_reads_no_babel_locale_data(tmp_path):
    code = ("import babel.localedata as data; from drafter.pipeline import Drafting, load_case; "
            f"out = Drafting().render(load_case({str(PLAN)!r}), 'text', 'notice')[0].data.decode(); "
            "print(sorted(data._cache)); print(out)")
    cold = _fresh_process(tmp_path, code)
    warm = _fresh_process(tmp_path, code)
    assert "zh" in cold[0] and "root" in cold[0]              # the first command asks Babel
    assert warm[0] == "[]"
    assert warm[1:] == cold[1:]
    assert "2026年3月20日" in warm                              # the notice's date, in Babel's zh_CN long format


def test_documents_reach_the_disk_before_rename_cache_entries_need_not(tmp_path, monkeypatch):
    """A cache entry is derived data (a damaged one is made again): only the user's files pay for an fsync."""
    from drafter.pipeline import Drafting, load_case

    cache = tmp_path / "cache"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(cache))
    synced: list[str] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(os.readlink(f"/proc/self/fd/{fd}")) or real(fd))
    written = Drafting().export(load_case(PLAN), tmp_path / "out", "docx", "notice")
    assert len(list(cache.rglob("*"))) > 10                  # a first run: many entries made
    assert len(synced) == len(written) == 1
    assert synced[0].startswith(str(tmp_path / "out" / ".provincial-plan-notice.docx."))
