"""Word's and GB/T 9704's demands that LibreOffice can show, measured on its PDF (tests/pdfmeasure.py):
the 签发人 line, red rules as wide as the 版心, the 版记 at the bottom of an even last page, table columns."""

from __future__ import annotations

import pytest
from docvariants import tasks, variant
from pdfmeasure import read_pages, to_pdf

from drafter.pipeline import Drafting, load_case

CHAR_MM = 15.75 / 72 * 25.4        # one 字 of body text (16 pt with −0.25 pt tracking)


@pytest.fixture(scope="module")
def laid(tmp_path_factory):
    """A 上行文 with 签发人 and 特急, a notice whose task table fills its last (odd) page to the bottom, and one whose
    body ends on an even page."""
    tmp = tmp_path_factory.mktemp("word")
    files = Drafting().export(load_case(variant(tmp, "signer")), tmp, "docx", "notice")
    files += Drafting().export(load_case(variant(tmp, "full", tasks(27))), tmp, "docx", "notice")
    files += Drafting().export(load_case(variant(tmp, "even", tasks(8))), tmp, "docx", "notice")
    files += Drafting().export(load_case(variant(tmp, "plain")), tmp, "docx", "notice")
    files += Drafting().export(load_case(variant(tmp, "mirror")), tmp, "docx", "notice")
    return {f.stem.split("-")[0]: read_pages(pdf) for f, pdf in zip(files, to_pdf(files, tmp), strict=True)}


def test_signer_on_one_line_red_rule_as_wide_as_the_type_area(laid):
    first = laid["signer"][0]
    (line,) = [ln for ln in first.lines if "签发人" in ln.text]
    assert line.text == "陕环发〔2026〕18号签发人：张建国"              # one line: 文号 and 签发人 together
    assert abs(line.x0 - (28 + CHAR_MM)) < 1                            # 文号 居左空一字
    assert abs(line.x1 - (184 - CHAR_MM)) < 1                           # 签发人 居右空一字
    for name in ("signer", "plain"):
        red = [r for r in laid[name][0].rules if r["color"][:3] == (1.0, 0.0, 0.0)]
        # one rule, 156 mm, in both layouts (LibreOffice may stroke a paragraph border twice in the same place)
        assert {(round(r["x0"]), round(r["x1"]), round(r["top"])) for r in red} == {(28, 184, round(red[0]["top"]))}, name


@pytest.mark.parametrize("name", ["plain", "full", "even"])
def test_imprint_alone_at_the_bottom_of_an_even_last_page(laid, name):
    pages = laid[name]
    last = pages[-1]
    assert last.number % 2 == 0                                          # 封四
    assert [ln.text[:3] for ln in last.lines] == ["抄送：", "陕西省"]      # nothing else on it
    rules = sorted(r["top"] for r in last.rules if r["width"] > 0.2)
    assert len(rules) == 3 and abs(rules[-1] - 262) <= 1                # last rule on the 版心's bottom edge
    body = [p for p in pages[:-1] if p.lines]
    assert body[-1].number in (last.number - 1, last.number - 2)


def test_imprint_page_numbered_unless_a_blank_page_precedes_it(laid):
    """GB/T 9704 §7.5: 版记页前有空白页的，空白页和版记页均不编排页码 — otherwise the 版记 page is numbered like any
    even page. The plain notice's body ends on page 13 and the 版记 follows on 14; with eight more tasks the body
    ends on page 14, so a blank 15 comes before the 版记 on 16."""
    plain, even = laid["plain"], laid["even"]
    assert [p.number for p in plain if p.lines][-2:] == [13, 14]
    (number,) = plain[-1].footer
    assert number.text == "—14—" and number.size == 14.0
    assert abs(number.x0 - (28 + 4.94)) < 1                             # an even page's number: 居左空一字
    assert [p.number for p in even if p.lines][-2:] == [14, 16]
    blank, imprint = even[-2], even[-1]
    assert not blank.lines and not blank.footer and not imprint.footer


def test_full_page_task_table_then_imprint(laid):
    """The task table reaches the bottom of an odd page: the 版记 takes the next (even) page, nothing overlaps."""
    pages = laid["full"]
    table_end = pages[-2]
    assert table_end.number % 2 == 1 and max(ln.top for ln in table_end.lines) > 240
    assert table_end.footer and table_end.footer[0].text == f"—{table_end.number}—"
    assert all(ln.top < 262 for p in pages for ln in p.lines)


def test_task_table_header_and_unit_names_never_split(laid):
    lines = [ln.text for p in laid["plain"] for ln in p.lines]
    assert "序号重点任务牵头单位责任单位完成时限" in lines                      # each header cell on one line
    for unit in ("大气环境处", "应对气候变化处", "商洛市生态环境局", "执法局"):   # unit names of up to 8 字, from the case
        assert any(unit in t for t in lines), unit
    # 重点任务 keeps 8 字 of width: a date gives way, breaking after its year, never inside "12月"
    assert any(t.endswith("2026年") for t in lines) and any(t.endswith("12月底前") for t in lines)
    assert any("加强生物多样性" in t for t in lines)


def test_blank_line_under_titles(laid):
    """标题下空一行: the notice's 主送机关 and the plan's first paragraph sit two line pitches below the title."""
    for p in laid["plain"]:
        texts = [ln.text for ln in p.lines]
        if texts and texts[0] == "2026年全省生态环境保护工作实施方案":
            gap = p.lines[1].bottom - p.lines[0].bottom
            assert gap > 1.8 * 28.95, gap
            return
    raise AssertionError("plan title not found")


def test_mirrored_margins_keep_the_binding_edge(laid):
    """mirror_margins: true — odd pages 28 mm from the left edge, even pages 28 mm from the right (26 mm left)."""
    def left(pages, parity):
        return min(ln.x0 for p in pages if p.number % 2 == parity for ln in p.lines if ln.size == 16.0)

    plain, mirror = laid["plain"], laid["mirror"]
    assert abs(left(mirror, 1) - 28) < 1 and abs(left(mirror, 0) - 26) < 1
    assert abs(left(plain, 0) - 28) < 1
    num = mirror[1].footer[0]
    assert abs(num.x0 - (26 + 4.94)) < 1                 # even page number still 居左空一字 of the 版心
