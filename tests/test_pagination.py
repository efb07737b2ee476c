"""drafter's own pagination (drafter.render.pagination) against what LibreOffice lays out.

The line breaks below were read off LibreOffice's PDF of the provincial notice and the county report (pdfplumber),
not computed by drafter: 28 字 a line of 3号 with a 2-字 first-line indent, commas and colons hanging past the
margin, a closing bracket taking the character before it down, digits and Latin letters at their Times widths.
"""

from __future__ import annotations

import random
import re
from fractions import Fraction

import pytest
from docvariants import tasks, variant
from pdfmeasure import read_pages, to_pdf

from drafter.pipeline import Drafting, load_case
from drafter.render import pagination
from drafter.render.pagination import CLOSING, HANG, LATIN, LATIN_SCALE, OPENING, SCRIPT_GAP, advance, break_lines
from drafter.render.textwidth import NARROW

BODY = {"width": 8844, "size": 32, "track": -5, "first": 630}   # 公文正文: 156 mm, 3号, −0.25 pt, 首行缩进二字


@pytest.mark.parametrize("text, lines", [
    ("（十五）推进受污染耕地安全利用。落实耕地土壤环境质量分类管理，配合农业农村部门实施安全利用和严格管控措施。"
     "（牵头单位：土壤生态环境处；责任单位：各设区市生态环境局）",
     ["（十五）推进受污染耕地安全利用。落实耕地土壤环境质量", "分类管理，配合农业农村部门实施安全利用和严格管控措施。",
      "（牵头单位：土壤生态环境处；责任单位：各设区市生态环境", "局）"]),
    ("（二）工作目标。生态环境质量持续改善，主要污染物排放总量持续减少，环境风险得到有效管控，确保完成以下八项目标：",
     ["（二）工作目标。生态环境质量持续改善，主要污染物排放", "总量持续减少，环境风险得到有效管控，确保完成以下八项目标："]),
    ("6.2026年11月底前，氮氧化物重点工程减排量达到1.6万吨。", ["6.2026年11月底前，氮氧化物重点工程减排量达到1.6万吨。"]),
    ("一是全县细颗粒物（PM2.5）平均浓度为33微克/立方米，同比下降8.3%；二是县城集中式饮用水水源地水质达标率达到100%。",
     ["一是全县细颗粒物（PM2.5）平均浓度为33微克/立方米，", "同比下降8.3%；二是县城集中式饮用水水源地水质达标率达到",
      "100%。"]),
    ("3.国考46个水质断面Ⅰ—Ⅲ类比例不低于72%，无劣Ⅴ类断面。", ["3.国考46个水质断面Ⅰ—Ⅲ类比例不低于72%，无劣Ⅴ类", "断面。"]),
])
def test_lines_break_where_libreoffice_breaks_them(text, lines):
    assert break_lines(text, **BODY) == lines


def _exact_advance(c: str, size: int, track: int) -> Fraction:
    """advance() in exact arithmetic: Times' 1/1000 em × LATIN_SCALE for ASCII, else an em or half of one."""
    if " " <= c <= "~":
        return Fraction(size * 10 * LATIN[ord(c) - 32], 1000) * Fraction(str(LATIN_SCALE)) + track
    return Fraction(advance(c, size, track))   # whole or half twips: exact in binary


def _one_by_one(text: str, width: int, size: int, track: int, first: int, hang: bool = True) -> list[str]:
    """The rule above, applied a unit at a time in exact arithmetic: what break_lines computes with running
    totals, bisection and division."""
    gap = Fraction(str(SCRIPT_GAP)) * size * 10
    lines, current, used, room = [], "", Fraction(0), Fraction(width - first)
    for u in re.findall(r"[\x21-\x7e]+|.", text, re.S):
        w = sum(_exact_advance(c, size, track) for c in u)
        if current and current[-1].isascii() != u[0].isascii() and (current[-1].isalnum() or u[0].isalnum()):
            w += gap
        if used + w > room + Fraction(1, 2) and current:
            if hang and u in HANG:
                current += u
                used += w
                continue
            carry = current[-1] if current[-1] in OPENING else ""
            if u[0] in CLOSING and not carry and len(current) > 1:
                n = 1
                while current[-n] in CLOSING and len(current) - n > 1:
                    n += 1
                carry = current[-n:]
            lines.append(current[:len(current) - len(carry)])
            current, used, room = carry, sum(_exact_advance(c, size, track) for c in carry), Fraction(width)
        current += u
        used += w
    return lines + [current]


def test_fast_breaking_equals_breaking_one_unit_at_a_time():
    """Random texts of 汉字, full-width and half-width marks, Latin runs and digits, at the sizes, tracking, indents
    and widths drafter uses (and odd ones), hanging marks or not: every break where the one-at-a-time rule puts it."""
    rnd = random.Random(9704)
    han = [chr(c) for c in range(0x4e00, 0x4e00 + 200)]
    marks = list("，。、；：？！（）《》“”……——·〔〕％ＡⅠｱé\t") + ["2026", "PM2.5", "GB/T", " ", "12.5%", "(", ")", "x_1"]
    for _ in range(3000):
        often = rnd.choice([0.05, 0.1, 0.2])
        text = "".join(rnd.choice(marks) if rnd.random() < often else rnd.choice(han)
                       for _ in range(rnd.choice([rnd.randint(1, 12), rnd.randint(10, 200)])))
        if rnd.random() < 0.5:   # most of a notice: no ASCII at all
            text = "".join(c for c in text if not c.isascii()) or "一"
        if rnd.random() < 0.3:   # most paragraphs: every character one em wide
            text = "".join(c for c in text if advance(c, 10, 0) == 100) or "二"
        args = (text, rnd.choice([8844, 8214, 4000, 2164, 1230, 600, 300]), rnd.choice([32, 28, 44, 21, 71]),
                rnd.choice([0, -5, 5]), rnd.choice([0, 630, -840, 1260]), rnd.random() < 0.7)
        assert break_lines(*args) == _one_by_one(*args), args


def test_a_line_exactly_as_wide_as_the_margin_allows_is_one_line():
    """At an odd size a line of Latin runs can be exactly room + ½ twip wide (10⁴·size·ΣL ≡ 5,000 mod 10,000):
    it fits. Floating-point sums put it ½ ulp past the margin and broke it; exact units do not. And those units
    are exact: Times' advances × LATIN_SCALE and SCRIPT_GAP are whole numbers of them."""
    text = "9704A省省GB/T"
    assert sum(_exact_advance(c, 21, 0) for c in text) + 2 * Fraction(str(SCRIPT_GAP)) * 210 == 1564 + Fraction(1, 2)
    assert break_lines(text, 1564, 21, 0, 0) == _one_by_one(text, 1564, 21, 0, 0) == [text]
    assert pagination._LATIN_UNIT * 1000 == Fraction(str(LATIN_SCALE)) * 10 * pagination.EXACT
    assert pagination._GAP_UNIT == Fraction(str(SCRIPT_GAP)) * 10 * pagination.EXACT


def test_marks_taken_as_one_em_wide_are():
    """break_lines divides instead of adding up where no character is narrow (textwidth.NARROW, the title's and the
    table's rule); the marks below U+2E80 that rule takes as wide must be one em wide by the advance rule too."""
    marks = [c for c in map(chr, range(0x2e80)) if not NARROW.match(c)]
    assert {"·", "—", "“", "”", "…"} <= set(marks) and not {"a", "1", "é", "※"} & set(marks)
    for size, track in ((32, -5), (28, 0), (44, 5)):
        assert {advance(c, size, track) for c in marks} == {size * 10 + track}


MEASURES = ("加强调度，确保按期完成。", "建立工作台账，逐项跟踪问效。", "按季度报送进展情况，PM2.5浓度同比下降5%以上。")


def _longer(tmp_path, name: str, seed: int, extra: int) -> str:
    """The provincial case with `extra` sentences added to its tasks' measures, at places a seeded random picks."""
    rnd = random.Random(seed)
    lines = variant(tmp_path, "plain").read_text(encoding="utf-8").split("\n")
    slots = [i for i, line in enumerate(lines) if line.strip().startswith("measures:")]
    for _ in range(extra):
        lines[rnd.choice(slots)] += rnd.choice(MEASURES)
    path = tmp_path / f"{name}.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _body_ends(files, tmp_path, every_page_numbered: bool = False) -> set[bool]:
    """Lays `files` out in LibreOffice and asserts §7.5 on each: the 版记 page carries a number exactly when the page
    before it has content, else neither carries one (and, if asked, every body page with content is numbered).
    Returns whether the page before the 版记 had content, per file: True for a body ending on an odd page."""
    ends = set()
    for f, pdf in zip(files, to_pdf(files, tmp_path), strict=True):
        *body, imprint = read_pages(pdf)
        assert imprint.number % 2 == 0 and imprint.lines[0].text.startswith("抄送："), f.name
        before = body[-1]
        ends.add(bool(before.lines))
        if before.lines:
            assert [ln.text for ln in imprint.footer] == [f"—{imprint.number}—"], f.name
        else:
            assert not before.footer and not imprint.footer, f.name
        if every_page_numbered:
            assert all(p.footer for p in body if p.lines), f.name
    return ends


def test_imprint_page_number_follows_the_page_the_body_ends_on(tmp_path):
    """Notices whose bodies end on odd and even pages: in LibreOffice (which shows drafter's saved answer) the 版记
    page carries a number exactly when the page before it has content (GB/T 9704 §7.5), and no body page lacks one."""
    cases = [variant(tmp_path, f"k{k}", tasks(k)) for k in (3, 6, 11)]
    cases += [_longer(tmp_path, f"m{seed}", seed, extra) for seed, extra in ((1, 20), (2, 45), (3, 70))]
    files = [f for case in cases for f in Drafting().export(load_case(case), tmp_path, "docx", "notice")]
    assert _body_ends(files, tmp_path, every_page_numbered=True) == {True, False}   # odd and even ends exercised


@pytest.mark.parametrize("text, lines", [
    ("生理治保发进碧、土：作低碳碧；善持环质护推环低色善展蓝碧污：：持量。落境。改：低保。发，作，实净境态工保升实；，治污净发",
     ["生理治保发进碧、", "土：作低碳碧；善持", "环质护推环低色善展", "蓝碧污：：持量。落", "境。改：低保。发，", "作，实净境态工保升",
      "实；，治污净发"]),
    ("土持改、环质进展净，环。，碧落水绿色发：保续蓝净防改态生升质土升防境推理，进护进污水境。：治：持土，水，",
     ["土持改、环质进展", "净，环。，碧落水绿", "色发：保续蓝净防改", "态生升质土升防境推", "理，进护进污水", "境。：治：持土，",
      "水，"]),
])
def test_cell_lines_break_where_libreoffice_breaks_them(text, lines):
    """A task table's cell (4号, 2,594 twips: 9 字) as LibreOffice broke it: no mark hangs past a cell's margin (the
    first line keeps 8 字 and sends “土：” down), and a closing mark after closing marks takes them all down with the
    character before them (“境。：”)."""
    assert break_lines(text, 2594, 28, 0, 0, hang=False) == lines


TASK = "推进生态环境保护工作"   # a cell of 9 字 a line, without marks: n lines are 9n characters


def _notice(paragraphs: int, rows: list) -> str:
    """A plain-text notice with a task table for `drafter format`: a row is a number of lines of 具体措施 (without
    marks), or a list of cell texts."""
    body = "\n\n".join(["　　现将重点任务分解表印发给你们，请认真贯彻落实。"] * paragraphs)
    table = "".join(f"{i} | {r[0]} | {r[1]} | 各设区市生态环境局 | 2026年12月底前\n" if isinstance(r, list) else
                    f"{i} | 推进工作。 | {(TASK * r)[:9 * r]} | 各设区市生态环境局 | 2026年12月底前\n"
                    for i, r in enumerate(rows, 1))
    return ("关于印发《重点任务分解》的通知\n\n各设区市生态环境局：\n\n" + body + "\n\n陕西省生态环境厅\n2026年3月20日\n\n"
            "重点任务分解表\n序号 | 重点任务 | 具体措施 | 责任单位 | 完成时限\n" + table
            + "\n抄送：生态环境部办公厅，省委办公厅。\n陕西省生态环境厅办公室　　　　2026年3月20日印发\n")


def test_imprint_page_number_after_task_tables_with_rows_too_tall_for_a_page(tmp_path):
    """Task tables whose rows LibreOffice splits although they may not (taller than a page and its foot: split where
    they stand, page after page), keeps whole and clips at the page's foot (taller than a page only), moves with the
    table's title, and whose cells no mark hangs out of: the 版记 page is numbered exactly when the page before it has
    content, in LibreOffice, which shows drafter's saved answer (GB/T 9704 §7.5)."""
    full = [["抓好整改。", (TASK * 3)[:27] + "。"]]   # three full lines and a full stop, which may not hang
    notices = {"split-in-place": (1, [40]), "split-thrice": (12, [75]), "split-then-clipped": (1, [41]),
               "clipped": (1, [4, 33]), "kept-with-title": (1, [30]), "moved-with-title": (12, [3, 33]),
               "no-hanging": (1, full * 14), "no-hanging-2": (8, full * 24)}
    sources = []
    for name, (paragraphs, rows) in notices.items():
        sources.append(tmp_path / f"{name}.txt")
        sources[-1].write_text(_notice(paragraphs, rows), encoding="utf-8")
    from drafter.cli import main
    assert main(["format", "-j", "1", "-o", str(tmp_path), *map(str, sources)]) == 0
    files = [tmp_path / f"{s.stem}-排版.docx" for s in sources]
    assert _body_ends(files, tmp_path) == {True, False}
