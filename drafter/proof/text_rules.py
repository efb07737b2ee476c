r"""Text rules from GB/T 15834, GB/T 15835 and GB/T 9704 (spec/gbt9704.md §5–6), plus damage from scraping.

Each rule yields Hits with a fix only when the fix is unambiguous.

Patterns start with the character (or class) every match starts with, before any look-behind: Python's regex
engine then skips to candidates at C speed instead of trying a match at every character, which on a
one-line text of 1,000,000 characters (a PDF pasted without line breaks) is most of the proofreader's time.
So `(?<![\d-])(\d{4})` is written `(\d(?<![\d-]\d)\d{3})`: the same matches, found faster.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterator

from drafter.cnnum import cn_int
from drafter.proof.engine import CJK, Hit, each_match, is_cjk, lines_with, matches, rule

C = f"[{CJK}]"
FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# an address starts where a run of its characters starts: tried from inside a long run, [\w.-]+@ went quadratic
URL = re.compile(r"https?://\S+|www\.\S+|(?<![\w.-])[\w.-]+@[\w.-]+")
CN_NUM = "一二三四五六七八九十百"


def _masked(line: str) -> str:
    """URLs and e-mail addresses blanked out (same length) so punctuation rules skip them."""
    if "@" not in line and "://" not in line and "www." not in line:
        return line   # nothing to blank: spares a scan of a long line
    return URL.sub(lambda m: " " * len(m.group()), line)


@rule("GW-PUNC-01", "E", "中文中使用了半角标点", fixable=True)
def ascii_punct(lines):
    # after a CJK character, or before one; a full stop between CJK characters or at the end of the line
    # (a full stop's next character is looked at below: each CJK class here costs ~1.5 ms to compile)
    rx = re.compile(rf"[,;:?!().](?:(?<=[,;:?!()])(?={C})|(?<={C}.))")
    for i in lines_with(lines, r"[,;:?!().]"):
        masked = _masked(lines[i])
        lead = ORDINAL_PREFIX.match(masked)
        if lead:   # 一. / (一)、 / (1) at the start of a line belong to GW-LVL-01
            masked = " " * lead.end() + masked[lead.end():]
        for m in rx.finditer(masked):
            ch = m.group()
            if ch == "." and not (m.end() < len(masked) and is_cjk(masked[m.end()])) and m.end() < len(masked.rstrip()):
                continue   # a full stop counts between CJK characters or at the end of the line, not before a Latin word
            if ch == ":" and DIGIT.match(masked, m.end()) and m.start() and DIGIT.match(masked, m.start() - 1):
                continue   # 10:30
            fix = FULL.get(ch, "。")
            yield Hit(i, m.start(), m.end(), f"中文中应使用全角标点，“{ch}”应为“{fix}”", fix)


DIGIT = re.compile(r"\d")
ORDINAL_PREFIX = re.compile(rf"^\s*(?:[{CN_NUM}]+[.．,，:：]|[（(][{CN_NUM}\d]+[）)][、.．，,]?|\d{{1,2}}[、，,．])")


@rule("GW-PUNC-02", "E", "直引号", fixable=True)
def straight_quotes(lines):
    for i in lines_with(lines, '"'):
        line = lines[i]
        spans = [m.start() for m in re.finditer('"', line)]
        if not spans or not re.search(C, line):
            continue
        if len(spans) % 2:
            yield Hit(i, spans[-1], spans[-1] + 1, "直引号“\"”不成对，请改用中文引号“”")
            spans = spans[:-1]
        for k, pos in enumerate(spans):
            yield Hit(i, pos, pos + 1, "中文应使用弯引号“”，不用直引号\"", "“" if k % 2 == 0 else "”")


@rule("GW-PUNC-03", "E", "连接号用错", fixable=True)
def range_marks(lines):
    yield from each_match(lines, r"(\d(?<![\d-]\d)\d{3})\s*[-－~]\s*(\d{4})(?=年)", "年份起止应用一字线“—”", r"\1—\2", needs="[-－~]")
    yield from each_match(lines, r"(\d(?<![\d.-]\d)\d*(?:\.\d+)?)\s*~\s*(\d+(?:\.\d+)?)", "数值范围应用浪纹线“～”，不用“~”", r"\1～\2",
                          needs="~")
    yield from each_match(lines, r"(\d)——(\d)", "数值或时间范围用一字线“—”，“——”是破折号", r"\1—\2", needs="—")
    yield from each_match(lines, r"(月)(?<=\d月)\s*[-~](\s*\d{1,2}月)", "月份起止应用一字线“—”", r"\1—\2", needs="[-~]")


@rule("GW-PUNC-04", "E", "省略号用错", fixable=True)
def ellipsis(lines):
    # a run of … is right when it is two long; runs of one and of three or more are reported whole
    yield from each_match(lines, r"[.。…](?:(?<=\.)\.{2,}|(?<=。)。{2,}|(?<=…)…*)",   # ...+, 。。。+, …+
                          lambda m: None if m.group() == "……" else "省略号应为“……”（两个“…”）", "……")


@rule("GW-PUNC-05", "W", "标点重复", fixable=True)
def doubled(lines):
    yield from each_match(lines, r"([，。、；：！？])\1+", lambda m: f"“{m.group(1)}”重复", r"\1")


@rule("GW-PUNC-06", "W", "书名号之间用了顿号", fixable=True)
def titles_comma(lines):
    yield from each_match(lines, r"》、《", "并列的书名号之间不用顿号", "》《")


@rule("GW-NUM-01", "E", "数值范围省略了单位", fixable=True)
def range_units(lines):
    yield from each_match(lines, r"(\d(?<![\d.%]\d)\d*(?:\.\d+)?)([～—~-])(\d+(?:\.\d+)?)(%|万元|亿元|万|亿)",
                          lambda m: f"范围两端都应带“{m.group(4)}”，以免误解",
                          lambda m: f"{m.group(1)}{m.group(4)}{'～' if m.group(2) in '~-' else m.group(2)}{m.group(3)}{m.group(4)}",
                          needs="[%万亿]")


@rule("GW-NUM-02", "W", "全角数字", fixable=True)
def fullwidth_digits(lines):
    yield from each_match(lines, r"[０-９][０-９]*(?:[．.][０-９]+)?", "阿拉伯数字应为半角",
                          lambda m: unicodedata.normalize("NFKC", m.group()), needs="[０-９]")


@rule("GW-NUM-04", "W", "年份汉字数字中的“〇”写错", fixable=True)
def chinese_zero(lines):
    digit, zero = "一二三四五六七八九", "零○O0〇ｏo"
    rx = rf"[{digit}〇](?:(?<=[{digit}])[{zero}][{digit}{zero}]{{2}}(?=年)|[{digit}〇]?[零○O0ｏo][{digit}{zero}]?(?=年))"
    for hit in each_match(lines, rx, "年份中的零应写作“〇”（U+3007）", lambda m: re.sub("[零○O0ｏo]", "〇", m.group())):
        if hit.fix != lines[hit.line][hit.start:hit.end]:
            yield hit


@rule("GW-NUM-05", "W", "年份不完整")
def two_digit_year(lines):
    yield from each_match(lines, r"(\d(?<![\d〔(（]\d)\d)年(?=\d{1,2}月)", lambda m: f"年份应写全，如“20{m.group(1)}年”")


@rule("GW-DATE-01", "E", "日期写法错误", fixable=True)
def dates(lines):
    for i, m, offset in matches(lines, r"(\d\d{3})年(\d{1,2})月(\d{1,2})日"):
        y, mo, d = (int(g) for g in m.groups())
        start, end = m.start() - offset, m.end() - offset
        try:
            dt.date(y, mo, d)
        except ValueError:
            yield Hit(i, start, end, f"日期不存在：{y}年{mo}月没有{d}日")
            continue
        canonical = f"{y}年{mo}月{d}日"
        if canonical != m.group():
            yield Hit(i, start, end, "日期的月、日不编虚位（不加“0”）", canonical)
    yield from each_match(lines, r"(\d\d{3})年0(\d)月(?!\d{1,2}日)", "月份不编虚位", r"\1年\2月")


# the serial number starts with a digit other than 0, or is 0: with (0*)(\d+) a long run of zeros not followed
# by 号 was split every possible way (quadratic)
NUMBER_TAIL = re.compile(r"([〔\[【［（(]?)(\d{2,4})([〕\]】］）)]?)(第)?(0*)((?!0)\d+|0)号")
# where NUMBER_TAIL can match after a code: the same pattern, starting with its first character so that the engine
# skips to digits and brackets, and giving up at once after a digit or a Latin character (no code ends there)
TAIL_START = re.compile(r"[〔\[【［（(\d](?<![\x00-\xff\d].)(?:(?<=\d)\d{1,3}|(?<!\d)\d{2,4})[〕\]】］）)]?第?0*(?:(?!0)\d+|0)号")


def _doc_numbers(line: str) -> Iterator[tuple[int, re.Match]]:
    """(start, tail) for every 发文字号 in `line`: its code, 1 to 8 CJK characters, is line[start:tail.start()].

    A code is CJK, so it ends where its bracket or year begins: only a TAIL_START match just after a CJK character
    can end one, and the code starts at the first of the (at most 8) CJK characters before it that follow the
    previous 发文字号 (a pattern tried at every CJK character of a long line took ten times as long)."""
    pos = done = 0
    while (candidate := TAIL_START.search(line, pos)) is not None:
        r = candidate.start()
        pos = r + 1
        start = r - 1
        if start < done or not is_cjk(line[start]):   # no code before it, or the previous match's 号
            continue
        floor = max(r - 8, done)
        while start > floor and is_cjk(line[start - 1]):
            start -= 1
        tail = NUMBER_TAIL.match(line, r)
        if tail is None:
            continue
        yield start, tail
        pos = done = tail.end()


@rule("GW-HEAD-01", "E", "发文字号格式错误", fixable=True)
def doc_number(lines):
    for i in lines_with(lines, "号"):
        line = lines[i]
        for start, m in _doc_numbers(line):
            code = line[start:m.start()]
            open_, year, close, di, zeros, seq = m.groups()
            if not open_ and not close:
                continue
            if len(year) != 4:
                yield Hit(i, start, m.end(), "发文字号的年份应写全四位，如〔2020〕")
                continue
            canonical = f"{code}〔{year}〕{int(seq)}号"
            if canonical != line[start:m.end()]:
                reasons = []
                if open_ != "〔" or close != "〕":
                    reasons.append("年份用六角括号〔〕")
                if di:
                    reasons.append("不加“第”")
                if zeros:
                    reasons.append("序号不编虚位")
                yield Hit(i, start, m.end(), f"发文字号应{'，'.join(reasons) or '规范书写'}", canonical)


ORDINALS = [   # lenient on the mark after the number: GW-LVL-01 reports that; here only the sequence counts
    (1, re.compile(rf"^\s*([{CN_NUM}]+)[、.．,，:：]")),
    (2, re.compile(rf"^\s*[（(]([{CN_NUM}]+)[）)]")),
    (3, re.compile(r"^\s*(\d{1,2})[.．、，,](?:(?!\d)|(?=\d{4}年))")),   # 5.2026年… is item 5, not 5.2026
    (4, re.compile(r"^\s*[（(](\d{1,2})[）)]")),
]


@functools.cache
def _cn_values() -> dict[str, int]:
    values: dict[str, int] = {}
    for n in range(1, 200):
        values.setdefault(cn_int(n), n)
    return values


def _cn_value(text: str) -> int | None:
    return _cn_values().get(text)


# the first character (after spaces) of a line that can reset, open or continue a numbering; other lines only
# end a list of attachments, unless they end with （提纲）
STARTERS = frozenset("同在附（(" + CN_NUM)


@rule("GW-LVL-01", "E", "序号后的标点错误", fixable=True)
def ordinal_marks(lines):
    yield from each_match(lines, rf"^(\s*)([{CN_NUM}]+)[.．,，:：](?=\S)", "“一、”类序号后应用顿号", r"\1\2、")
    yield from each_match(lines, rf"^(\s*)[（(]([{CN_NUM}]+)[）)]([、.．，,])?",
                          lambda m: None if (m.group(0).strip().startswith("（") and ")" not in m.group(0) and not m.group(3))
                          else (f"“（{m.group(2)}）”后不加标点" if m.group(3) else f"序号应用全角括号“（{m.group(2)}）”"),
                          r"\1（\2）")
    yield from each_match(lines, r"^(\s*)(\d{1,2})[、，,](?=[^\d\n])", "阿拉伯数字序号后应用下脚点“.”", r"\1\2.")
    yield from each_match(lines, r"^(\s*)\((\d{1,2})\)", "序号应用全角括号“（1）”", r"\1（\2）")
    yield from each_match(lines, r"^(\s*)(\d{1,2})．", "序号“1.”用半角下脚点", r"\1\2.")


@rule("GW-LVL-03", "W", "序号跳号、重号或层级颠倒")
def ordinal_order(lines):
    last = {1: 0, 2: 0, 3: 0, 4: 0}
    seen_level = {1: False, 2: False, 3: False, 4: False}
    in_attachments = False
    for i, line in enumerate(lines):
        first = line.lstrip()[:1]
        if first not in STARTERS and not first.isdecimal() and not line.rstrip().endswith("（提纲）"):
            in_attachments = False
            continue
        if re.match(r"^\s*(同志们[：:]|在.{2,60}上的(讲话|主持词)\s*$|.{2,40}（提纲）\s*$)", line):
            last = {1: 0, 2: 0, 3: 0, 4: 0}   # a new speech, or the speech after its outline, numbers afresh
            seen_level = dict.fromkeys(seen_level, False)
        if re.match(r"^\s*附件[：:]\s*1[.．]", line):
            in_attachments = True     # 附件：1.… then 2.… below it is the attachment list, not headings
            continue
        if in_attachments:
            if re.match(r"^\s*\d{1,2}[.．]", line):
                continue
            in_attachments = False
        for level, rx in ORDINALS:
            m = rx.match(line)
            if not m:
                continue
            n = int(m.group(1)) if level >= 3 else _cn_value(m.group(1))
            if n is None:
                break
            prev = last[level]
            show = (lambda k: cn_int(k)) if level <= 2 else str
            if n == prev:
                yield Hit(i, m.start(1), m.end(1), "序号重复")
            elif n != prev + 1 and n != 1:
                missing = "、".join(show(k) for k in range(prev + 1, n)) if n > prev else ""
                yield Hit(i, m.start(1), m.end(1),
                          f"序号不连续：缺少{missing}" if missing else f"序号不连续：前一个是{show(prev)}，此处是{show(n)}")
            if level == 2 and not seen_level[1] and seen_level[3]:
                yield Hit(i, m.start(), m.end(1), "层级颠倒：“（一）”出现在“1.”之后")
            if level == 4 and not seen_level[3] and seen_level[2]:
                yield Hit(i, m.start(), m.end(1), "跳级：“（一）”之后应先用“1.”，再用“（1）”")
            last[level] = n
            seen_level[level] = True
            for deeper in range(level + 1, 5):
                if deeper != 2:          # （一）（二）may run on across 一、二、 (continuous numbering)
                    last[deeper] = 0
                seen_level[deeper] = False
            break


@rule("GW-TITLE-02", "E", "标题末尾有标点", fixable=True)
def title_end(lines):
    for i, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        kinds = "通知|意见|报告|请示|方案|讲话|决定|批复|函|纪要|规定|办法"
        if len(text) <= 60 and not re.match(r"^[（(]?[一二三四五六七八九十\d]", text) and text[-1] in "。，；：！？.,;" \
                and "。" not in text[:-1] and re.search(rf"({kinds})[。，；：！？.,;]$", text):
            stripped = line.rstrip()
            yield Hit(i, len(stripped) - 1, len(stripped), "标题末尾不加标点", "")
        break   # only the first non-empty line is the title


@rule("DR-PAIR-01", "E", "括号、引号或书名号不成对")
def unpaired(lines):
    pairs = {"（": "）", "《": "》", "“": "”", "【": "】", "〔": "〕", "‘": "’"}
    closers = {v: k for k, v in pairs.items()}
    per_line: dict[int, tuple[list, list]] = {}   # (unmatched openers, unmatched closers) of the lines holding marks
    for i, m, offset in matches(lines, "[" + "".join(pairs) + "".join(closers) + "]"):
        stack, stray = per_line.setdefault(i, ([], []))
        ch, j = m.group(), m.start() - offset
        if ch in pairs:
            stack.append((ch, j))
        elif stack and stack[-1][0] == closers[ch]:
            stack.pop()
        else:
            stray.append((ch, j))
    # a paragraph broken by copying from a web page or PDF: an opener at the end of one line may close on the next
    # non-empty line
    for a in [a for a, (openers, _) in per_line.items() if openers]:
        b = a + 1
        while b < len(lines) and not lines[b].strip():
            b += 1
        openers, strays = per_line[a][0], per_line.get(b, ((), []))[1]
        closed = 0
        while openers and closed < len(strays) and pairs[openers[-1][0]] == strays[closed][0]:
            openers.pop()
            closed += 1
        del strays[:closed]
    for i, (openers, strays) in sorted(per_line.items()):
        for ch, j in strays:
            yield Hit(i, j, j + 1, f"“{ch}”没有对应的“{closers[ch]}”")
        for ch, j in openers:
            yield Hit(i, j, j + 1, f"“{ch}”没有对应的“{pairs[ch]}”")


@rule("DR-TYPO-01", "W", "字词重复", fixable=True)
def repeated(lines):
    yield from each_match(lines, r"的的", "“的”字重复", "的")
    for hit in each_match(lines, r"(了|和|在|是|把|被|与|及|对|将|从)\1", lambda m: f"“{m.group(1)}”字重复，请核对"):
        line = lines[hit.line]
        if hit.start >= 2 and line[hit.start - 2] == line[hit.start - 1]:
            continue   # AABB reduplication: 实实在在, 是是非非
        yield hit


LOOKALIKE = {
    "劢": "动", "癿": "的", "乢": "书", "仸": "任", "丌": "不", "乊": "之", "亍": "于", "叐": "受", "刡": "到",
    "杢": "来", "幵": "并", "迚": "进", "斱": "方", "觃": "规", "挃": "指", "収": "发", "兲": "关", "枀": "极",
    "丏": "且", "乷": "？", "戙": "？", "亊": "事", "侌": "众", "厖": "？",
}
LOOKALIKE = {k: v for k, v in LOOKALIKE.items() if v != "？"}
MOJI = "[" + "".join(LOOKALIKE) + "\u2e80-\u2eff\u2f00-\u2fdf\ufffd]"   # look-alikes, radicals, the replacement character


@rule("DR-MOJI-01", "E", "疑似乱码或字形混淆（常见于网页、PDF 复制）", fixable=True)
def mojibake(lines):
    for i, m, offset in matches(lines, MOJI):
        ch, j = m.group(), m.start() - offset
        if ch in LOOKALIKE:
            yield Hit(i, j, j + 1, f"“{ch}”疑为“{LOOKALIKE[ch]}”的乱码", LOOKALIKE[ch])
        elif ch == "\ufffd":
            yield Hit(i, j, j + 1, "出现替换字符“�”，原文已损坏，请核对原件")
        else:
            fix = unicodedata.normalize("NFKC", ch)
            yield Hit(i, j, j + 1, f"“{ch}”是部首字符，疑为“{fix}”", fix if fix != ch else None)


@rule("GW-ATT-01", "E", "附件说明格式错误", fixable=True)
def attachment(lines):
    yield from each_match(lines, r"^(\s*附件[:：]?.*?)[。；，.;,]\s*$", "附件名称后不加标点", r"\1")


# the body runs to its last non-space character (or is one space-like character when only spaces follow the colon);
# (.+?)\s*$ found the same, but tried \s*$ after every character of the body: quadratic in a run of spaces
CC = re.compile(r"^(\s*)抄送[:：]\s*(.*\S|[^\S\n])\s*$")


@rule("GW-BJ-01", "E", "抄送格式错误", fixable=True)
def cc_line(lines):
    for i in lines_with(lines, "抄送"):
        m = CC.match(lines[i])
        if not m:
            continue
        body = m.group(2)
        fixed = body.replace("、", "，").rstrip("。.，,；;") + "。"
        if fixed != body:
            yield Hit(i, m.start(2), m.end(2), "抄送机关之间用逗号，最后一个机关后用句号", fixed)


@rule("GW-BJ-02", "E", "印发日期格式错误", fixable=True)
def print_date(lines):
    yield from each_match(lines, r"(\d\d{3})[./-](\d{1,2})[./-](\d{1,2})(?=\s*印发)", "印发日期应写成“2025年1月8日印发”",
                          lambda m: f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日", needs="印")


@rule("GW-NUM-06", "I", "数字分节方式不统一")
def grouping(lines):
    text = "\n".join(lines)
    if re.search(r"\d\d{0,2}(,\d{3})+", text) and re.search(r"\d(?<![\d,.]\d)\d{4,}(?![\d,])", text):
        yield from each_match(lines, r"\d\d{0,2}(?:,\d{3})+", "同一文件中数字有的用逗号分节、有的不分节，宜统一")


# ×× …, a lone × (not 3×4), XX (not in a word), 某某, 〔〕 and （） with nothing inside
PLACEHOLDER = re.compile(r"[×ＸX某〔（](?:(?<=[×Ｘ])[×Ｘ]+|(?<=[×Ｘ])(?<![\d.].)(?![\d.])|(?<=[XＸ])(?<![A-Za-z].)[XＸ]+(?![A-Za-z])"
                         r"|(?<=某)某|(?<=〔)\s*〕|(?<=（)\s*）)", re.MULTILINE)   # as each_match searches: compiled once


@rule("DR-HOLD-01", "E", "未替换的占位符（×××、XX、某某）")
def placeholder(lines):
    """Starters hold visible placeholders only; one left in a draft must never reach the leader's desk."""
    yield from each_match(lines, PLACEHOLDER, lambda m: f"“{m.group()}”是待填写的占位符，请换成实际内容", needs="[×ＸX某〔（]")


@rule("DR-SPACE-01", "W", "中文之间夹有半角空格", fixable=True)
def ascii_space(lines):
    """YAML's folded text (>-) and copying from PDF leave half-width spaces inside Chinese sentences."""
    yield from each_match(lines, rf" (?<=[{CJK}，。；：、“”（）] ) *(?=[{CJK}，。；：、“”（）])", "中文之间不应有半角空格", "")
