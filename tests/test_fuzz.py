"""Fuzzing (hypothesis) over case files, fragments and .docx input: drafter answers every input with exit 0 or 2
(check: 0, 1 for findings, 2) and never an internal error or a hang; every message is Chinese and located;
every .docx written opens, passes the ECMA-376 schemas and holds no character XML cannot hold.

Bounded for CI (about a minute in all, derandomized so a run is reproducible); DRAFTER_FUZZ_EXAMPLES=N runs a
longer campaign, and DRAFTER_FUZZ_REPORT=path writes the counts (runs, exits, hangs) there as JSON.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, PLAN
from drafter.cli import main

EXAMPLES_N = int(os.environ.get("DRAFTER_FUZZ_EXAMPLES", "0"))
SETTINGS = settings(max_examples=EXAMPLES_N or 40, deadline=None, derandomize=not EXAMPLES_N, database=None,
                    suppress_health_check=list(HealthCheck))
HANG_S = 20
COUNTS: dict[str, Counter] = {}
CJK = re.compile(r"[\u4e00-\u9fff]")
XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in EXAMPLES}

HOSTILE_VALUES = ["9" * 5000, "12345678901234567890", ".nan", "-.inf", "1e999", '"\\uFFFE"', '"\\u202e"', '"\\e[31m"',
                  "[" * 300 + "]" * 300, "*nope", "&a x", "!!binary aGk=", "!!python/name:os.system", "14:30", "yes",
                  "off", "null", "~", "''", "{}", "[]", "-1", "0", "0x1F", "2021-02-30", "x: y: z", '"@title"', "|\n  多行",
                  '"{{ meeting.name }}"', '"{{ 2**64**64 }}"', '"{{ count }}"', '"{{ lipsum(10**5) }}"', '"\\uD800"',
                  '"{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}"', "<<: *a",
                  '"{{ meeting|string }}"', '"{{ targets }}"', '"{{ \'%r\'|format(meeting) }}"', "同志们", "---", "..."]
CHARS = ["\t", ":", "- ", "'", '"', "[", "{", "}", "&", "*", "!", "%", "@", "`", "#", "\ufffe", "\u202e", "\x1b", "\x00",
         "\r", "\u2028", "\x85", "\ud7ff", "\\", "{{", "{%", "}}", "\n"]


def _record(kind: str, outcome) -> None:
    COUNTS.setdefault(kind, Counter())[str(outcome)] += 1


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    target = os.environ.get("DRAFTER_FUZZ_REPORT")
    if target:
        Path(target).write_text(json.dumps({k: dict(v) for k, v in COUNTS.items()}, ensure_ascii=False, indent=1),
                                encoding="utf-8")


class _Hang(Exception):
    pass


def _run(args: list[str]) -> tuple[int | str, str, str]:
    """The CLI in-process with a hang alarm: (exit code or 'hang', stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()

    def alarm(*_):
        raise _Hang()
    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_S)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args)
    except _Hang:
        code = "hang"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    return code, out.getvalue(), err.getvalue()


def _assert_messages(err: str) -> None:
    for line in err.splitlines():
        if not line or re.fullmatch(r"共 \d+ 处问题。|……另有\d+处问题.*", line):
            continue
        assert CJK.search(line), line
        assert re.match(r"^/\S+?(:\d+|：)", line), f"not located: {line}"
        assert "Traceback" not in line and "内部错误" not in line, line


def _assert_outputs(folder: Path) -> None:
    import docx
    from ooxmlcheck import findings

    for path in sorted(folder.glob("*")) if folder.exists() else []:
        if path.suffix == ".docx":
            docx.Document(str(path))
            assert findings(path.read_bytes()) == [], path.name   # the ECMA-376 schemas (issue 12's checker)
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    if name.endswith(".xml"):
                        assert not XML_BAD.search(z.read(name).decode("utf-8")), (path.name, name)
        else:   # a form feed is the text view's page break
            assert not XML_BAD.search(path.read_text(encoding="utf-8").replace("\f", "")), path.name
        assert not path.name.endswith(".tmp")


@st.composite
def mutated_case(draw):
    text = TEXTS[draw(st.sampled_from(sorted(TEXTS)))]
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["value", "delete", "duplicate", "char", "indent", "cut"]))
        line = lines[i]
        if op == "value":
            m = re.match(r"^(\s*(?:- )?[\w]+:)\s*(.*)$", line)
            if m and m.group(2):
                lines[i] = f"{m.group(1)} {draw(st.sampled_from(HOSTILE_VALUES))}"
        elif op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[draw(st.integers(0, len(lines) - 1))])
        elif op == "char":
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + draw(st.sampled_from(CHARS)) + line[j:]
        elif op == "indent":
            lines[i] = " " * draw(st.integers(0, 3)) + line.lstrip()
        else:
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + line[j + draw(st.integers(1, 6)):]
    return "\n".join(lines)


@SETTINGS
@given(text=mutated_case(), to=st.sampled_from(["docx", "text"]))
def test_fuzz_case_files(tmp_path_factory, text, to):
    folder = tmp_path_factory.mktemp("fuzz-case")
    case = folder / "case.yaml"
    case.write_bytes(text.encode("utf-8", "surrogatepass"))
    code, _out, err = _run(["render", str(case), "--to", to, "-o", str(folder / "out")])
    _record("case files", code)
    assert code in (0, 2), err[-3000:]
    if code == 2:
        _assert_messages(err)
    _assert_outputs(folder / "out")


JINJA_PIECES = ["同志们，", "{{ meeting.name }}", "{{ org.name }}", "{% for t in targets %}{{ t.metric }}{% endfor %}",
                "{{ count('points') }}", "{{ 2**64**64 }}", "{{ 'x' * 10**6 }}", "{% for i in range(10**5) %}{% for j in range(10**5) %}",
                "{% endfor %}{% endfor %}", "{{ lipsum(10**5) }}", "{% macro f(n) %}{{ f(n-1) }}{{ f(n-1) }}{% endmacro %}{{ f(30) }}",
                "{{ meeting }}", "{{ meeting.model_fields }}", "{{ count }}", "{{ '%r'|format(meeting) }}",
                "{{ targets|map(attribute='model_config')|list }}", "{{ ('x'*10**5)|indent(10**8) }}", "{% if %}", "{{",
                "}}", "{% include '/etc/passwd' %}", "{% include 'fragment:speech.closing.action' %}", "{{ '\\u202e' }}",
                "{{ '\\ufffe' }}", "{{ nope }}", "{{ meeting.nope }}", "{{ person('nobody') }}", "{{ targets|length }}",
                "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
                "{{ (10**60)**60 }}", "{{ '{:>999999999}'.format(1) }}", "\n\n", "。"]


@SETTINGS
@given(pieces=st.lists(st.sampled_from(JINJA_PIECES), min_size=1, max_size=6))
def test_fuzz_fragments(tmp_path_factory, pieces):
    folder = tmp_path_factory.mktemp("fuzz-fragment")
    lib = folder / "lib"
    (lib / "fragments").mkdir(parents=True)
    text = "".join(pieces)
    (lib / "fragments" / "fuzz.yaml").write_text(
        "fragments:\n  - id: fuzz.one\n    title: 测试\n    kinds: [speech]\n    slot: closing\n"
        f"    provenance: {{author: 测试, added: 2026-11-22}}\n    text: {json.dumps(text, ensure_ascii=False)}\n",
        encoding="utf-8")
    case = folder / "case.yaml"
    case.write_text(PLAN.read_text(encoding="utf-8").replace("closing: speech.closing.action", "closing: fuzz.one"),
                    encoding="utf-8")
    before = os.environ["DRAFTER_USER_LIBRARY"]
    os.environ["DRAFTER_USER_LIBRARY"] = str(lib)   # hypothesis runs many examples inside one test call
    try:
        code, _out, err = _run(["render", str(case), "--doc", "speech", "--to", "docx", "-o", str(folder / "out")])
    finally:
        os.environ["DRAFTER_USER_LIBRARY"] = before
    _record("fragments", code)
    assert code in (0, 2), err[-3000:]
    if code == 2:
        _assert_messages(err)
    _assert_outputs(folder / "out")


@pytest.fixture(scope="module")
def drafted_docx(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz-docx-source")
    code, _out, err = _run(["render", str(PLAN), "--doc", "notice", "--to", "docx", "-o", str(folder)])
    assert code == 0, err
    return next(folder.glob("*.docx")).read_bytes()


@st.composite
def mutated_docx(draw, source: bytes):
    with zipfile.ZipFile(io.BytesIO(source)) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(sorted(parts)))
        op = draw(st.sampled_from(["drop", "xml-char", "xml-cut", "text", "bytes"]))
        data = parts[name]
        if op == "drop":
            del parts[name]
            if not parts:
                break
            continue
        if op == "bytes":
            continue   # applied to the whole file below
        if not name.endswith((".xml", ".rels")):
            continue
        xml = data.decode("utf-8")
        j = draw(st.integers(0, len(xml)))
        if op == "xml-char":
            xml = xml[:j] + draw(st.sampled_from(["<", ">", "&", '"', "&x;", "<!DOCTYPE x>", "\x00", "\ufffe", "r:id=\"rId99\" "]))\
                + xml[j:]
        elif op == "xml-cut":
            xml = xml[:j] + xml[j + draw(st.integers(1, 200)):]
        else:
            xml = xml.replace("<w:t>", "<w:t>" + draw(st.sampled_from(["各单位:", "\x1b[2J", "\u202e", "2026年2月30日", "（一）"])), 1)
        parts[name] = xml.encode("utf-8", "surrogatepass")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():   # fixed timestamps: the same draw gives the same bytes
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    raw = bytearray(buf.getvalue())
    for _ in range(draw(st.integers(0, 2))):
        if raw:
            raw[draw(st.integers(0, len(raw) - 1))] ^= draw(st.integers(1, 255))
    return bytes(raw)


@SETTINGS
@given(data=st.data(), fix=st.booleans())
def test_fuzz_docx_input(tmp_path_factory, drafted_docx, data, fix):
    folder = tmp_path_factory.mktemp("fuzz-docx")
    path = folder / "通知.docx"
    path.write_bytes(data.draw(mutated_docx(drafted_docx)))
    code, out, err = _run(["check", *(["--fix"] if fix else []), str(path)])
    _record("docx input", code)
    assert code in (0, 1, 2) and "内部错误" not in err, err[-3000:]
    assert "\x1b" not in out + err and "\u202e" not in out + err
    if code == 2:
        _assert_messages(err)
    if fix and "已改正" in out:
        import docx

        docx.Document(str(path))
