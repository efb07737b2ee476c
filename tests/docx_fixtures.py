"""Drafts as Word and WPS save them, written by our own code so tests know exactly what is inside: automatic
numbering in numbering.xml (Word: numPr on each paragraph; WPS: numbering linked to heading styles), a task
table, tracked changes, comments, a text box (DrawingML with its VML fallback), fields, a title over two
paragraphs, a 版记 table, and a notice with its attached plan after a page break. All text is our own.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"')

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>
</Relationships>"""


def run(text: str, rstyle: str = "") -> str:
    rpr = f'<w:rPr><w:rStyle w:val="{rstyle}"/></w:rPr>' if rstyle else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def p(*runs: str, style: str = "", num: tuple[int, int] | None = None, page_break_before: bool = False) -> str:
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    if page_break_before:
        ppr += "<w:pageBreakBefore/>"
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    body = "".join(r if r.startswith("<") else run(r) for r in runs)
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{body}</w:p>"


def table(rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return f'<w:tc><w:tcPr><w:tcW w:w="1500" w:type="dxa"/></w:tcPr>{p(text) if text else "<w:p/>"}</w:tc>'
    grid = "".join('<w:gridCol w:w="1500"/>' for _ in rows[0])
    trs = "".join("<w:tr>" + "".join(cell(c) for c in r) + "</w:tr>" for r in rows)
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{trs}</w:tbl>'


def page_break() -> str:
    return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


def inserted(text: str) -> str:
    return f'<w:ins w:id="90" w:author="审核人" w:date="2026-03-01T09:00:00Z">{run(text)}</w:ins>'


def deleted(text: str) -> str:
    return (f'<w:del w:id="91" w:author="审核人" w:date="2026-03-01T09:00:00Z"><w:r>'
            f'<w:delText xml:space="preserve">{escape(text)}</w:delText></w:r></w:del>')


def commented(text: str, cid: int = 0) -> str:
    return (f'<w:commentRangeStart w:id="{cid}"/>{run(text)}<w:commentRangeEnd w:id="{cid}"/>'
            f'<w:r><w:commentReference w:id="{cid}"/></w:r>')


def field(instr: str, shown: str) -> str:
    """A complex field as Word writes it: begin, code, separate, the shown result, end."""
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            f'<w:r><w:fldChar w:fldCharType="separate"/></w:r>{run(shown)}<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def textbox_paragraph(text: str) -> str:
    """A paragraph anchoring a text box: the DrawingML shape and the VML copy Word writes for old readers."""
    inner = p(text)
    return ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" '
            'distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
            '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="5000000" cy="600000"/>'
            '<wp:wrapTopAndBottom/><wp:docPr id="1" name="文本框 1"/><a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>'
            f'{inner}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
            f'</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox>'
            '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')


def _style(sid: str, name: str, extra: str = "") -> str:
    return f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/>{extra}</w:style>'


def _level(ilvl: int, fmt: str, text: str, suff: str = "") -> str:
    suff_xml = f'<w:suff w:val="{suff}"/>' if suff else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{suff_xml}<w:lvlText w:val="{text}"/>'
            f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>')


# Word: one multilevel list (一、 / （一） / 1.), paragraphs carry numPr with their level
WORD_NUMBERING = (f'<w:numbering {W_NS}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
                  + _level(0, "chineseCounting", "%1、") + _level(1, "chineseCounting", "（%2）") + _level(2, "decimal", "%3.")
                  + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
WORD_STYLES = (f'<w:styles {W_NS}>' + _style("a", "Normal") + _style("1", "heading 1", '<w:basedOn w:val="a"/>')
               + _style("2", "heading 2", '<w:basedOn w:val="a"/>') + _style("3", "heading 3", '<w:basedOn w:val="a"/>')
               + "</w:styles>")

# WPS: numbering linked to its heading styles (标题 1/2/3), lvlText with no tab after the label
WPS_NUMBERING = (f'<w:numbering {W_NS}><w:abstractNum w:abstractNumId="5"><w:multiLevelType w:val="multilevel"/>'
                 + _level(0, "chineseCountingThousand", "%1、", "nothing")
                 + _level(1, "chineseCountingThousand", "（%2）", "nothing")
                 + _level(2, "decimal", "%3.", "nothing") + _level(3, "decimal", "（%4）", "nothing")
                 + '</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="5"/></w:num></w:numbering>')
WPS_STYLES = (f'<w:styles {W_NS}>' + _style("1", "Normal")
              + "".join(_style(str(k + 1), f"标题 {k}", f'<w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="{k - 1}"/>'
                                                          f'<w:numId w:val="3"/></w:numPr><w:outlineLvl w:val="{k - 1}"/></w:pPr>')
                        for k in (1, 2, 3, 4))
              + "</w:styles>")

COMMENTS = (f'<w:comments {W_NS}><w:comment w:id="0" w:author="审核人" w:date="2026-03-01T09:00:00Z" w:initials="审">'
            f'{p("此处数据请再核实。")}</w:comment></w:comments>')


def write_docx(path: Path, body: str, numbering: str = WORD_NUMBERING, styles: str = WORD_STYLES,
               comments: str = f"<w:comments {W_NS}/>") -> Path:
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>{body}'
                '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/document.xml", document)
        z.writestr("word/styles.xml", styles)
        z.writestr("word/numbering.xml", numbering)
        z.writestr("word/comments.xml", comments)
    return path


TASKS = [["序号", "重点任务", "牵头单位", "责任单位", "完成时限"],
         ["1", "完善河道巡查制度", "市水务局", "各县区政府", "2026年6月底前"],
         ["2", "整治城区扬尘源头", "市住建局", "市城管局、各县区政府", "2026年9月底前"]]


def word_notice(path: Path) -> Path:
    """A notice issuing a plan, as a Word user makes it: mark in a text box, automatic numbering, a task table,
    tracked changes, a comment, a DATE field, a title over two paragraphs, a 版记 table, the plan after a page break."""
    n1 = (1, 0)
    n2 = (1, 1)
    n3 = (1, 2)
    body = "".join([
        textbox_paragraph("清河市生态环境局文件"),
        p("清环发〔2026〕7号"),
        p("关于印发《清河市2026年河湖"),
        p("环境整治工作方案》的通知"),
        p("各县区生态环境分局，局机关各科室："),
        p("为做好今年河湖环境整治，我局拟定了", inserted("《清河市2026年河湖环境整治工作方案》"), deleted("工作方案"),
          "，现印发给你们，请认真", commented("抓好落实"), "。"),
        p("附件：清河市2026年河湖环境整治工作方案"),
        p("清河市生态环境局"),
        p(field('DATE \\@ "yyyy年M月d日"', "2026年3月2日")),
        p("（此件公开发布）"),
        page_break(),
        p("附件"),
        p("清河市2026年河湖环境整治工作方案"),
        p("为持续改善全市河湖水质，制定本方案。"),
        p("总体要求", style="1", num=n1),
        p("工作目标。到2026年底，全市重点河湖水质优良比例稳中有升。", num=n2),
        p("主要任务", style="1", num=n1),
        p("加强巡查", style="2", num=n2),
        p("河长每月巡河不少于一次，发现问题当日交办。", num=n3),
        p("巡查记录按月汇总上报。", num=n3),
        p("整治扬尘", style="2", num=n2),
        p("各工地落实围挡、覆盖、冲洗等措施。"),
        p("重点任务分解表"),
        table(TASKS),
        p("保障措施", style="1", num=n1),
        p("各单位要明确专人负责，按时报送进展情况。"),
        table([["抄送：市委办公室，市政府办公室。", ""], ["清河市生态环境局办公室", "2026年3月2日印发"]]),
    ])
    return write_docx(path, body, comments=COMMENTS)


def wps_report(path: Path) -> Path:
    """A report typed in WPS: headings in its 标题 styles, numbered through the styles, four levels."""
    body = "".join([
        p("关于2026年第一季度河湖整治工作进展情况的报告"),
        p("市人民政府："),
        p("今年以来，我局按照年度方案扎实推进各项工作，现将进展情况报告如下。"),
        p("主要做法", style="2"),
        p("压实工作责任", style="3"),
        p("逐级签订责任书，明确时间节点。"),
        p("细化巡查要求", style="3"),
        p("实行周巡查", style="4"),
        p("每周至少巡查一次重点河段。"),
        p("问题当日交办", style="5"),
        p("发现问题当日交办、限期整改。"),
        p("下一步工作", style="2"),
        p("继续抓好汛前整治，确保按期完成年度任务。"),
        p("清河市生态环境局"),
        p("2026年4月8日"),
    ])
    return write_docx(path, body, numbering=WPS_NUMBERING, styles=WPS_STYLES)
