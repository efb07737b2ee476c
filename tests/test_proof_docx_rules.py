"""Every .docx rule: drafter's own notice passes it; the same file broken in one way fails it."""

from __future__ import annotations

import copy

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from conftest import PLAN
from drafter.pipeline import Drafting, load_case
from drafter.proof.check import check_docx
from drafter.proof.docx_rules import DOCX_RULES


def _sect(d):
    return d.sections[0]._sectPr


def _mar(d, key, value):
    _sect(d).find(qn("w:pgMar")).set(qn(f"w:{key}"), str(value))


def _heading_run(d):
    return next(p for p in d.paragraphs if p.text.startswith("一、")).runs[0]


def _rfonts(run):
    rpr = run._r.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = OxmlElement("w:rFonts")
        rpr.insert(0, rf)
    return rf


def _body_run(d):
    return next(p for p in d.paragraphs if p.style.name == "公文正文" and len(p.text) > 30).runs[0]


def _style_line(d, value):
    for name in ("Normal", "公文正文"):
        d.styles[name].element.pPr.find(qn("w:spacing")).set(qn("w:line"), str(value))


def _style_size(d, value):
    for name in ("Normal", "公文正文"):
        d.styles[name].element.rPr.find(qn("w:sz")).set(qn("w:val"), str(value))


def _grid(d, **attrs):
    g = _sect(d).find(qn("w:docGrid"))
    for k, v in attrs.items():
        g.set(qn(f"w:{k}"), v)


def _second_grid(d):
    _sect(d).append(copy.deepcopy(_sect(d).find(qn("w:docGrid"))))


def _no_odd_even(d):
    d.settings.odd_and_even_pages_header_footer = False


def _hyphen_numbers(d):
    for t in d.sections[0].footer._element.iter(qn("w:t")):
        t.text = t.text.replace("—", "-")


BREAK = {
    "GW-PAGE-01": lambda d: _sect(d).find(qn("w:pgSz")).set(qn("w:w"), "12240"),
    "GW-PAGE-02": lambda d: _mar(d, "top", 1440),
    "GW-PAGE-03": lambda d: _mar(d, "left", 1800),
    "GW-PAGE-04": lambda d: _mar(d, "right", 1000),
    "GW-GRID-01": lambda d: _style_line(d, 600),
    "GW-GRID-04": lambda d: _grid(d, type="linesAndChars", charSpace="-849"),
    "GW-GRID-05": _second_grid,
    "GW-FONT-01": lambda d: [_rfonts(_body_run(d)).attrib.clear(), _rfonts(_body_run(d)).set(qn("w:eastAsiaTheme"), "minorEastAsia")],
    "GW-FONT-02": lambda d: [_rfonts(_body_run(d)).set(qn("w:eastAsia"), "仿宋"),
                             _rfonts(_body_run(d)).set(qn("w:eastAsiaTheme"), "minorEastAsia")],
    "GW-FONT-03": lambda d: _style_size(d, 28),
    "GW-PN-01": _no_odd_even,
    "GW-PN-02": _hyphen_numbers,
    "GW-LVL-02": lambda d: _rfonts(_heading_run(d)).set(qn("w:eastAsia"), "仿宋_GB2312"),
}


@pytest.fixture(scope="module")
def notice(tmp_path_factory):
    out = tmp_path_factory.mktemp("notice")
    (path,) = Drafting().export(load_case(PLAN), out, "docx", "notice")
    return path


def test_every_docx_rule_has_an_example():
    assert set(BREAK) == set(DOCX_RULES)


@pytest.mark.parametrize("rule_id", sorted(BREAK))
def test_docx_rule(rule_id, notice, tmp_path):
    assert rule_id not in {p.rule for p in check_docx(notice, {})}
    d = docx.Document(notice)
    BREAK[rule_id](d)
    broken = tmp_path / "broken.docx"
    d.save(broken)
    found = [p for p in check_docx(broken, {}) if p.rule == rule_id]
    assert found, rule_id
    assert all(p.message for p in found)


def test_a_page_number_with_no_saved_result_is_named_as_digits_only(notice, tmp_path):
    """A footer holding a bare PAGE field whose result was never saved shows the number alone: the message says
    so, never the field's code."""
    d = docx.Document(notice)
    p = d.sections[0].footer.paragraphs[0]._p
    for r in list(p.iter(qn("w:r"))):
        r.getparent().remove(r)
    for kind, code in (("begin", None), (None, " PAGE "), ("end", None)):
        r = OxmlElement("w:r")
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.text = code
            r.append(instr)
        p.append(r)
    broken = tmp_path / "bare.docx"
    d.save(broken)
    (found,) = [x for x in check_docx(broken, {}) if x.rule == "GW-PN-02"]
    assert "（仅数字）" in found.message and "PAGE" not in found.message
