"""The cached reference package is exactly what python-docx builds now, and the render path never needs python-docx."""

from __future__ import annotations

import io
import os
import pickle
import shutil
import subprocess
import sys
import time
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
            "sys.stdout.buffer.write(pickle.dumps(({o.filename: o.data for o in outs}, "
            "sorted(m for m in ('docx', 'lxml', 'rjieba') if m in sys.modules))))")
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
    cold, modules = _render_in_fresh_process(cache)
    assert modules == ["docx", "lxml", "rjieba"]   # cold: the reference is built, the long titles segmented
    assert sorted(p.name.rsplit("-", 1)[0] for p in cache.iterdir()) == [
        "babel", "fragments", "jinja", "jinja-names", "reference-gb2312-center", "reference-gb2312-outside", "source-key", "title-words",
        "yaml"]
    warm, modules = _render_in_fresh_process(cache)
    assert modules == []          # warm: neither python-docx, lxml nor the segmenter is loaded to write a .docx
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


def test_the_source_hash_is_kept_by_the_files_stamp_and_a_damaged_entry_is_remade(tmp_path, monkeypatch):
    from drafter import cache

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path))
    cache.source_key.cache_clear()
    try:
        key = cache.source_key()
        (entry,) = tmp_path.glob("source-key-*")
        assert entry.read_text() == key == cache._content_key(cache._sources())
        cache.source_key.cache_clear()
        with monkeypatch.context() as m:   # the next command reads the hash instead of the sources
            m.setattr(cache, "_content_key", lambda files: pytest.fail("sources hashed again"))
            assert cache.source_key() == key
        entry.write_text("\x00 damaged")
        cache.source_key.cache_clear()
        assert cache.source_key() == key and entry.read_text() == key
    finally:
        cache.source_key.cache_clear()


def test_title_words_are_kept_and_a_damaged_entry_is_remade(tmp_path, monkeypatch):
    from drafter import cache
    from drafter.render import title_wrap

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path))
    title = "关于印发陕西省生态环境保护督察整改工作实施方案的通知"
    fresh = title_wrap._segment(title)
    calls = []
    assert cache.memo("title-words", title, lambda: calls.append(1) or fresh) == fresh
    assert cache.memo("title-words", title, lambda: calls.append(1) or ((), ())) == fresh   # read back, not made
    assert calls == [1]
    (entry,) = (tmp_path).glob("title-words-*/*")
    entry.write_bytes(b"\x00garbage")
    assert cache.memo("title-words", title, lambda: calls.append(1) or fresh) == fresh
    assert calls == [1, 1]
    assert fresh[0][0] == 2 and fresh[0][-1] == len(title)   # 关于|印发|…|通知


def test_other_versions_entries_are_kept_while_recent(tmp_path):
    """Two checkouts or installs sharing one cache must not delete each other's entries while in use."""
    cache = tmp_path / "cache"
    cache.mkdir()
    recent = cache / "reference-gb2312-outside-0123456789abcdef0123.docx"
    old = cache / "reference-gb2312-center-0123456789abcdef0123.docx"
    old_jinja = cache / "jinja-0123456789abcdef0123"
    for entry in (recent, old):
        entry.write_bytes(b"another version")
    old_jinja.mkdir()
    month_ago = time.time() - 30 * 24 * 3600
    os.utime(old, (month_ago, month_ago))
    os.utime(old_jinja, (month_ago, month_ago))
    _render_in_fresh_process(cache)
    assert recent.exists() and not old.exists() and not old_jinja.exists()


def test_compiled_fragments_that_cannot_be_stored_only_cost_a_compile(tmp_path, monkeypatch):
    from drafter.pipeline import Drafting, load_case

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path))
    drafting = Drafting()
    for folder in tmp_path.glob("jinja-*"):
        shutil.rmtree(folder)             # removed under a running drafter (by hand, or a cleaner)
    (out,) = drafting.render(load_case(PLAN), "text", "notice")
    assert "关于印发" in out.data.decode("utf-8")


def test_a_reference_cut_short_anywhere_is_refused_or_whole():
    """An entry written without fsync may be cut at any byte: reading it either refuses (ValueError, and the
    reference is rebuilt) or, when only the archive's directory was lost, gives every part whole."""
    from drafter.render import zippack
    from drafter.render.docx_package import build

    data = build("gb2312", "outside")
    whole = [(e.name, e.data()) for e in zippack.read(data)]
    refused = 0
    for cut in range(len(data)):
        try:
            entries = zippack.read(data[:cut])
        except ValueError:
            refused += 1
            continue
        assert [(e.name, e.data()) for e in entries] == whole, cut
    assert refused > len(data) * 0.9
