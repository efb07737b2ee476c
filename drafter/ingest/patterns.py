"""What the parts of a 公文 look like on the page (GB/T 9704-2012), accepting both the full-width punctuation
offices type and the ASCII punctuation that web copies flatten it to. Pure data and small predicates.
"""

from __future__ import annotations

import re

CN = "一二三四五六七八九十百零〇"
_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}

# ASCII punctuation in Chinese text, as web copies have it, mapped for matching only (the text itself is kept)
_FLAT = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "?": "？", "!": "！", "[": "〔", "]": "〕",
                       "［": "〔", "］": "〕", "【": "〔", "】": "〕", "．": "."})


def flat(text: str) -> str:
    """The text with full-width punctuation and no spaces: what the patterns below match against."""
    return re.sub(r"[\s\u3000\u00a0]+", "", text.translate(_FLAT))


HEADING = [   # (level, pattern of the label; group 1 is the number)
    (1, re.compile(rf"^([{CN}]+)[、，.](?=\S)")),
    (2, re.compile(rf"^（([{CN}]+)）(?=\S)")),
    (3, re.compile(r"^(\d{1,3})[.、](?=[^\d\s]|\d{4}年)")),   # 1.全省…, 5.2026年底前… (not 1.5万吨)
    (4, re.compile(r"^（(\d{1,3})）(?=\S)")),
]
ENUM = re.compile(rf"^(?:([{CN}]+)(是|要|是要|要在|方面)|第([{CN}]+)[，、是]|(首先|其次|再次|最后)[，、]|(——|－－|--+)+)")
NUMBER = re.compile(r"^(?:发文字号：|文号：)?(?P<code>[\u4e00-\u9fff]{1,16})[〔（](?P<year>\d{4})[〕）]第?(?P<num>\d+|×+)号"
                    r"(?:签发人：(?P<signer>.+))?$")
DATE = re.compile(rf"^(?P<y>\d{{4}}|[{CN}]{{4}})年(?P<m>\d{{1,2}}|[{CN}]{{1,3}})月(?P<d>\d{{1,2}}|[{CN}]{{1,3}})日$")
BYLINE_DATE = re.compile(r"^（\d{4}年\d{1,2}月\d{1,2}日[^）]{0,20}）$")
PRINTER = re.compile(r"^(?P<printer>.+?)(?P<date>\d{4}年\d{1,2}月\d{1,2}日)印发$")
PRINT_DATE = re.compile(r"^(?P<date>\d{4}年\d{1,2}月\d{1,2}日)印发$")
CC = re.compile(r"^抄送：(?P<cc>.+)$")
ATTACHMENT = re.compile(r"^附件：(?:1[.、])?(?P<item>.+)$")
ATTACH_MARK = re.compile(r"^附件\d*$")
SALUTATION = re.compile(r"^(同志们|各位|尊敬的|女士们|朋友们|老师们|同学们)[^。；]{0,30}[：！]$")
SECRECY = re.compile(r"^(绝密|机密|秘密)(★.{0,10})?$")
URGENCY = re.compile(r"^(特急|加急|特提|平急)$")
COPY_NO = re.compile(r"^\d{6}$")
RULE_LINE = re.compile(r"^[─━—\-_=＿－·.]{6,}$")
PAGE_NUMBER = re.compile(r"^([—－\-]+\d{1,4}[—－\-]+|第\d{1,4}页(，?共\d{1,4}页)?)$")
TITLE_END = re.compile(r"(通知|方案|讲话|主持词|报告|意见|决定|请示|函|纪要|通报|批复|办法|规定|细则|要点|计划|总结|公告|通告|"
                       r"决议|公报|规划|致辞|发言|汇报|说明|新闻稿|倡议书|预案|清单|制度|章程|提纲)(（[^）]{1,12}）)?$")
ORGAN = re.compile(r"(厅|局|委|委员会|政府|办公室|办公厅|部|院|会|文件|中心|处|室|党组|公司|集团|大学|学校|街道|镇|乡|县|市|省|区"
                   r"|站|所|队)$")
FURNITURE = re.compile(r"(^首页|当前位置|发布时间|发布日期|发布机构|信息来源|来源：|浏览次数|点击数|(?<!文)字号：|索引号|主题分类|"
                       r"打印本页|关闭窗口|【打印】|【关闭】|分享到|[>＞»])")
"""A web page's own lines around the document (breadcrumbs, date and source, buttons)."""
SENTENCE_END = "。！？"
PUNCT = "。，；：！？、"


def cn_value(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105; digits as they are; None when not a numeral."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_VALUE:
            current = _CN_VALUE[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def heading_label(text: str) -> tuple[int, int, str] | None:
    """(level, number, text after the label) when the paragraph opens with 一、（一）1.（1）."""
    f = flat(text)
    for level, rx in HEADING:
        m = rx.match(f)
        if m:
            value = cn_value(m.group(1))
            if value is None or value == 0:
                return None
            rest = _after_label(text, len(m.group(0)))
            if level in (2, 4) and rest[:1] in "、.，,．":   # （一）、 — a stray mark after the brackets
                rest = rest[1:].lstrip()
            return level, value, rest
    return None


def _after_label(text: str, flat_len: int) -> str:
    """The original text after a label that is `flat_len` characters long once spaces are squeezed out."""
    seen = 0
    for i, ch in enumerate(text):
        if seen == flat_len:
            return text[i:].lstrip(" \t\u3000\u00a0")
        if not ch.isspace() and ch != "\u3000":
            seen += 1
    return ""


def is_title_like(text: str) -> bool:
    f = flat(text)
    return (0 < len(f) <= 120 and not any(c in f for c in "。；！？") and heading_label(text) is None
            and not FURNITURE.search(f))
