"""Every .docx drafter writes opens in Word and WPS without "repair": zero findings from the ECMA-376 schemas
(tests/ooxml, applied by tests/ooxmlcheck.py) and from openxml-audit (the Open XML SDK's rules, ported)."""

from __future__ import annotations

import pytest
from docvariants import all_cases
from ooxmlcheck import findings

from drafter.pipeline import Drafting, load_case


@pytest.fixture(scope="module")
def every_docx(tmp_path_factory):
    """Examples (念稿 included), each font profile, sealed and unsealed, 签发人 with 特急, each page-number mode."""
    tmp = tmp_path_factory.mktemp("schema")
    out = {}
    for case in all_cases(tmp):
        for o in Drafting().render(load_case(case), "docx"):
            out[f"{case.stem}/{o.filename}"] = o.data
    assert any(k.endswith("念稿.docx") for k in out) and len(out) >= 20
    return out


def test_every_part_valid_against_ecma_376(every_docx):
    problems = {name: findings(data) for name, data in every_docx.items()}
    assert {k: v for k, v in problems.items() if v} == {}


def test_openxml_audit_finds_nothing(every_docx, tmp_path):
    from openxml_audit import OpenXmlValidator

    validator = OpenXmlValidator()
    bad = {}
    for name, data in every_docx.items():
        path = tmp_path / name.replace("/", "__")
        path.write_bytes(data)
        result = validator.validate(path)
        if not result.is_valid or result.errors:
            bad[name] = [str(e) for e in result.errors]
    assert bad == {}


def test_checkers_do_find_problems(every_docx, tmp_path):
    """The two checkers are not silent: a zoom without percent and a stray stylesWithEffects part are reported."""
    import io
    import zipfile

    from openxml_audit import OpenXmlValidator

    data = next(iter(every_docx.values()))
    src = zipfile.ZipFile(io.BytesIO(data))
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as z:
        for name in src.namelist():
            part = src.read(name)
            if name == "word/settings.xml":
                part = part.replace(b'<w:zoom w:percent="100"/>', b'<w:zoom w:val="bestFit"/>')
            z.writestr(name, part)
    assert any("zoom" in f and "percent" in f for f in findings(broken.getvalue()))
    # python-docx's own template with our styles: its stylesWithEffects part knows none of them
    import docx

    from drafter.render.docx_styles import PROFILES, build_styles

    d = docx.Document()
    build_styles(d, PROFILES["gb2312"])
    d.save(str(tmp_path / "with-effects.docx"))
    assert not OpenXmlValidator().validate(tmp_path / "with-effects.docx").is_valid
