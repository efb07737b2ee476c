"""The cached reference package is exactly what python-docx builds now, and the render path never needs python-docx."""

from __future__ import annotations

import io
import os
import pickle
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import PLAN, ROOT
from drafter.render.docx_styles import PROFILES

MODES = ("outside", "center")


def _parts(data: bytes) -> dict[str, bytes]:
    z = zipfile.ZipFile(io.BytesIO(data))
    assert z.testzip() is None   # every CRC and size agrees with the data
    return {name: z.read(name) for name in z.namelist()}


def _render_in_fresh_process(cache) -> dict[str, dict[str, bytes]]:
    """Render every document of the plan to .docx in a new interpreter using `cache`; return each file's parts."""
    code = ("import sys, pickle; from drafter.pipeline import Drafting, load_case; "
            f"outs = Drafting().render(load_case({str(PLAN)!r}), 'docx'); "
            "sys.stdout.buffer.write(pickle.dumps(({o.filename: o.data for o in outs}, sorted(m for m in ('docx', 'lxml') if m in sys.modules))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, cwd=ROOT,
                         env={**os.environ, "DRAFTER_CACHE_DIR": str(cache)})
    files, modules = pickle.loads(out.stdout)
    return {name: _parts(data) for name, data in files.items()}, modules


@pytest.mark.parametrize("profile", sorted(PROFILES))
@pytest.mark.parametrize("mode", MODES)
def test_cached_reference_equals_a_fresh_build(profile, mode):
    """Part by part, the bytes read back from the cache file are those docx_reference builds with python-docx."""
    from drafter.render.docx_package import build, reference
    from drafter.render.docx_reference import reference as fresh

    reference.cache_clear()
    cached = reference(profile, mode)
    built = fresh(profile, mode)
    assert [e.name for e in cached.entries] == [name for name, _ in built.parts]
    for entry, (name, data) in zip(cached.entries, built.parts, strict=True):
        assert entry.data() == data, name
    assert (cached.head, cached.tail) == (built.head, built.tail)
    assert _parts(build(profile, mode)) == dict(built.parts)


def test_cold_and_warm_cache_give_identical_documents_without_python_docx(tmp_path):
    cache = tmp_path / "cache"
    cold, _ = _render_in_fresh_process(cache)
    assert sorted(p.name.rsplit("-", 1)[0] for p in cache.iterdir()) == ["jinja", "reference-gb2312-center", "reference-gb2312-outside"]
    warm, modules = _render_in_fresh_process(cache)
    assert modules == []          # warm: neither python-docx nor lxml is imported to write a .docx
    assert warm == cold
    assert set(warm) == {"provincial-plan-speech.docx", "provincial-plan-speech-念稿.docx", "provincial-plan-notice.docx",
                         "provincial-plan-host.docx"}
    doc = warm["provincial-plan-notice.docx"]
    assert '<w:pStyle w:val="公文标题"/>' in doc["word/document.xml"].decode("utf-8")
    assert "word/styles.xml" in doc and "docProps/app.xml" in doc


def test_damaged_or_unwritable_cache_is_rebuilt_not_an_error(tmp_path):
    cache = tmp_path / "cache"
    good, _ = _render_in_fresh_process(cache)
    references = list(cache.glob("reference-*"))
    for entry in references:
        entry.write_bytes(entry.read_bytes()[:5000])   # cut short, as a full disk might leave it
    for compiled in cache.glob("jinja-*/*"):
        compiled.write_bytes(b"garbage")
    again, _ = _render_in_fresh_process(cache)
    assert again == good
    assert all(len(p.read_bytes()) > 5000 for p in references)   # rewritten whole
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert _render_in_fresh_process(blocked / "cache")[0] == good


def test_any_change_to_drafter_changes_the_cache_key(tmp_path):
    """A copy of drafter with one byte changed in a module computes another key, so stale parts are never used."""
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "drafter", copy / "drafter", ignore=shutil.ignore_patterns("__pycache__"))

    def key() -> str:
        code = "from drafter.cache import source_key; print(source_key())"
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=copy,
                              env={**os.environ, "PYTHONPATH": str(copy)}).stdout.strip()

    before = key()
    assert before == key()
    styles = copy / "drafter" / "render" / "docx_styles.py"
    styles.write_text(styles.read_text(encoding="utf-8").replace("RED = \"FF0000\"", "RED = \"FF0001\""), encoding="utf-8")
    assert key() != before
