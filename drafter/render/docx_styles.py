"""Named paragraph styles with Chinese names and the GB/T 9704 page, so a user can restyle in WPS or Word.

Figures from spec/gbt9704.md: A4, 版心 156 × 225 mm from 37 mm top and 28 mm left; body 3号仿宋 on a
579-twip line grid (22 lines) with −0.25 pt tracking (28 characters) — encoding P, which both Word
and LibreOffice lay out as 22 × 28. Licensed fonts are named here, never shipped.
"""

from __future__ import annotations

from dataclasses import dataclass

LINE = 579            # body line pitch, twips: 22 lines in 225 mm
CHAR = 315            # one 字 of 3号 text with −0.25 pt tracking, twips
BODY = 32             # 3号 = 16 pt, half-points
TRACK = -5            # −0.25 pt, twentieths of a point
RED = "FF0000"
# Our names must not equal the zh-CN display names of Word's built-in styles (正文 = Normal, 副标题 = Subtitle,
# 称呼 = Salutation, 页码 = page number): Word and WPS show built-ins by those names, and a second style of the
# same name is at best confusing and at worst merged or renamed. The 公文 prefix keeps them recognizable.
BODY_STYLE = "公文正文"
PAGE_NUMBER = "公文页码"


@dataclass(frozen=True)
class FontProfile:
    """The faces an office has installed; offices differ (仿宋_GB2312 vs 仿宋, 方正 GBK fonts)."""

    fangsong: str
    kaiti: str
    heiti: str
    xiaobiaosong: str
    songti: str
    latin: str = "Times New Roman"

    def names(self) -> dict[str, str]:
        return {"仿宋": self.fangsong, "楷体": self.kaiti, "黑体": self.heiti, "小标宋": self.xiaobiaosong,
                "宋体": self.songti, "西文": self.latin}


PROFILES = {
    "gb2312": FontProfile("仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体"),
    "windows": FontProfile("仿宋", "楷体", "黑体", "方正小标宋简体", "宋体"),
    "founder": FontProfile("方正仿宋_GBK", "方正楷体_GBK", "方正黑体_GBK", "方正小标宋_GBK", "宋体"),
}


@dataclass(frozen=True)
class StyleSpec:
    """One named paragraph style of the reference package (正文, 一级标题 …)."""

    name: str
    face: str                 # key of FontProfile.names()
    size: int = BODY          # half-points
    line: int | None = LINE   # exact line height, twips; None = set by each paragraph
    rule: str = "exact"       # "auto": line is in 240ths of single spacing
    first: int = 0            # first-line indent
    left: int = 0
    right: int = 0
    jc: str = "both"
    before: int = 0
    color: str | None = None
    track: int = TRACK
    outline: int | None = None
    keep_next: bool = False
    grid: bool = True         # False: snapToGrid off, for lines whose height is not the body pitch


STYLES = (
    StyleSpec(BODY_STYLE, "仿宋", first=2 * CHAR),
    StyleSpec("公文标题", "小标宋", size=44, line=700, jc="center", track=0, grid=False, keep_next=True),
    StyleSpec("公文副标题", "楷体", jc="center"),
    StyleSpec("讲话人", "楷体", jc="center"),
    StyleSpec("公文称呼", "仿宋"),
    StyleSpec("主送机关", "仿宋"),
    StyleSpec("一级标题", "黑体", first=2 * CHAR, outline=0, keep_next=True),
    StyleSpec("二级标题", "楷体", first=2 * CHAR, outline=1, keep_next=True),
    StyleSpec("三级标题", "仿宋", first=2 * CHAR, outline=2, keep_next=True),
    StyleSpec("四级标题", "仿宋", first=2 * CHAR, outline=3),
    StyleSpec("落款", "仿宋", jc="right", keep_next=True),
    StyleSpec("成文日期", "仿宋", jc="right"),
    StyleSpec("附件说明", "仿宋", first=2 * CHAR),
    StyleSpec("附注", "仿宋", first=2 * CHAR),
    StyleSpec("发文机关标志", "小标宋", size=72, line=None, jc="center", color=RED, track=0, grid=False),
    StyleSpec("发文字号", "仿宋", jc="center"),
    StyleSpec("版头要素", "黑体"),
    StyleSpec("版记", "仿宋", size=28, left=280, right=280, track=0),
    StyleSpec("表格标题", "黑体", jc="center", keep_next=True),
    StyleSpec("表格文字", "仿宋", size=28, line=400, jc="center", track=0, grid=False),
    StyleSpec("表头", "黑体", size=28, line=400, jc="center", track=0, grid=False),
    StyleSpec(PAGE_NUMBER, "宋体", size=28, line=240, rule="auto", track=0, grid=False),   # single, not the body's 579
    StyleSpec("大字正文", "仿宋", size=44, line=900, first=2 * 440, track=0, grid=False),
    StyleSpec("大字标题", "黑体", size=44, line=900, first=2 * 440, track=0, grid=False, outline=0, keep_next=True),
)

CHAR_STYLES = (("一级标题字符", "黑体"), ("二级标题字符", "楷体"))


# The functions below build the reference package with python-docx, imported there: the renderer reads this
# module's figures and profiles on every run, while the reference is built once (docx_package).


def setup_page(doc, centered_page_numbers: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Twips

    from drafter.render import docx_xml as x

    section = doc.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.top_margin, section.bottom_margin = Twips(2098), Twips(1984)
    section.left_margin, section.right_margin = Twips(1587), Twips(1474)
    section.header_distance, section.footer_distance = Twips(851), Twips(1418)
    sp = section._sectPr
    for grid in sp.findall(qn("w:docGrid")):
        sp.remove(grid)
    grid = x.OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE))
    sp.append(grid)


def _normal(doc, fonts: FontProfile) -> None:
    from docx.oxml.ns import qn

    from drafter.render import docx_xml as x

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    x.set_fonts(rpr, fonts.fangsong, fonts.latin)
    x.set_size(rpr, BODY)
    x.set_child(rpr, "w:lang", x.RPR_ORDER, val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    x.set_spacing(ppr, LINE)
    normal = doc.styles["Normal"].element
    p = normal.get_or_add_pPr()
    x.set_flag(p, "w:widowControl", False)          # every page holds exactly 22 lines
    x.set_flag(p, "w:overflowPunct", False)         # no punctuation hanging past the 版心's right edge
    x.set_flag(p, "w:autoSpaceDE", False)           # no ¼-em gaps between CJK and digits
    x.set_flag(p, "w:autoSpaceDN", False)
    x.set_spacing(p, LINE)
    x.set_jc(p, "both")
    r = normal.get_or_add_rPr()
    x.set_fonts(r, fonts.fangsong, fonts.latin)
    x.set_size(r, BODY)
    x.set_tracking(r, TRACK)


def build_styles(doc, fonts: FontProfile) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    from drafter.render import docx_xml as x

    _normal(doc, fonts)
    faces = fonts.names()
    for spec in STYLES:
        style = doc.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        style.quick_style = True
        el = style.element
        p = el.get_or_add_pPr()
        if spec.keep_next:
            x.set_flag(p, "w:keepNext")
        if not spec.grid:
            x.set_flag(p, "w:snapToGrid", False)
        x.set_spacing(p, spec.line, rule=spec.rule, before=spec.before)
        x.set_indent(p, left=spec.left, right=spec.right, first=spec.first)
        x.set_jc(p, spec.jc)
        if spec.outline is not None:
            x.set_child(p, "w:outlineLvl", x.PPR_ORDER, val=spec.outline)
        r = el.get_or_add_rPr()
        x.set_fonts(r, faces[spec.face], fonts.latin if spec.face != "宋体" else faces["宋体"])
        x.set_size(r, spec.size)
        x.set_tracking(r, spec.track)
        if spec.color:
            x.set_color(r, spec.color)
    for name, face in CHAR_STYLES:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        x.set_fonts(style.element.get_or_add_rPr(), faces[face], fonts.latin)
