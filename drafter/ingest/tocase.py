"""Recognized parts → a case file whose document outline holds the text: own text parts, headings with their
levels (run-in ones keep their paragraph), enumerations, and the frame as typed fields (文号 split into 代字, year
and number; dates; 主送 and 抄送 lists; 印发机关 and 印发日期). A task table becomes typed tasks.

A field is typed only when drafter renders it back to the source's words; otherwise the words stay as own text
(`- addressee: ……`) and the report says why. `check_round_trip` drafts the case and lists every paragraph that
reads differently from the source, so nothing changes unnoticed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.ingest import patterns as pt
from drafter.ingest.recognize import Part, Recognized, per_section
from drafter.ingest.totree import guess_kind
from drafter.kinds import KINDS

_DATE_FIELD = {"speech", "notice", "report", "news"}
_RECIPIENTS = {"notice", "report"}
_TASK_COLUMNS = {"title": ("重点任务", "任务", "主要任务", "工作任务", "任务内容", "具体任务", "整改任务"),
                 "lead": ("牵头单位", "牵头部门", "牵头"), "units": ("责任单位", "配合单位", "责任部门", "配合部门"),
                 "deadline": ("完成时限", "时限", "完成时间", "时间节点")}
_DEADLINE = re.compile(r"^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(底|末)?前?$")


@dataclass
class Imported:
    case: dict
    notes: list[str] = field(default_factory=list)     # what was typed, what stayed own text, and why


def to_case(rec: Recognized, doc_id: str = "document") -> Imported:
    return _Builder(rec, doc_id).build()


def date_iso(text: str) -> str | None:
    """2026年3月2日 or 二〇二六年三月二日 → 2026-03-02; None when it is not a whole date."""
    m = pt.DATE.match(pt.flat(text))
    if not m:
        return None
    year = m["y"] if m["y"].isdigit() else "".join(str(pt.cn_value(c) or 0) for c in m["y"])
    month, day = pt.cn_value(m["m"]), pt.cn_value(m["d"])
    if not (year.isdigit() and month and day and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{int(year):04d}-{month:02d}-{day:02d}"


class _Builder:
    def __init__(self, rec: Recognized, doc_id: str):
        self.rec = rec
        self.kind = guess_kind(rec)
        self.doc: dict = {"id": doc_id, "kind": self.kind}
        self.org: dict = {}
        self.case: dict = {}
        self.notes: list[str] = []
        self.root: list = []
        self.stack: list[tuple[int, list]] = [(0, self.root)]   # (heading level, the parts list it fills)
        self.typed_blocks: list[tuple[str, list[str]]] = []

    # --- where parts go ---------------------------------------------------------------------------------
    def here(self) -> list:
        return self.stack[-1][1]

    def top(self, part) -> None:
        """Frame parts, titles and tables stand outside any heading."""
        self.stack = [(0, self.root)]
        self.root.append(part)

    def build(self) -> Imported:
        parts = self.rec.parts
        i = 0
        while i < len(parts):
            i = self.one(parts, i)
        self.banner_and_imprint()
        self.case = ({"org": self.org} if self.org else {}) | self.case
        numbering = "per_section" if per_section(parts) else "continuous"
        has_l2 = any(p.role == "heading" and p.level == 2 and p.numbered for p in parts)
        if has_l2 and numbering != KINDS[self.kind].numbering:
            self.doc["options"] = {"numbering": numbering}
        self.typed_statements(self.root)
        keys = [key for key, _ in self.typed_blocks]
        self.doc["outline"] = _prune(self.root, {k for k in keys if keys.count(k) > 1})
        self.case["documents"] = [self.doc]
        return Imported(self.case, self.notes)

    def one(self, parts: list[Part], i: int) -> int:
        p = parts[i]
        role = p.role
        if p.page_break and self.root and self.root[-1] != {"pagebreak": True}:
            self.top({"pagebreak": True})
        if role == "title":
            prev = parts[i - 1].role if i else ""
            if prev in ("date", "signature", "note") and not p.page_break:
                self.top({"pagebreak": True})
            if self.kind == "notice" and any(q.role == "title" for q in parts[:i]) and "plan_title" not in self.doc:
                self.top({"plan_title": p.text})
            else:
                self.top({"title": p.text})
        elif role in ("subtitle", "byline", "note"):
            self.top({role: p.text})
        elif role == "salutation":
            self.top("salutation" if p.text == "同志们：" else {"salutation": p.text})
        elif role == "addressee":
            self.addressee(p)
        elif role == "signature":
            if "name" not in self.org:
                self.org["name"] = p.text
            self.top("signature" if self.org["name"] == p.text else {"signature": p.text})
        elif role == "date":
            iso = date_iso(p.text)
            if iso and self.kind in _DATE_FIELD and "date" not in self.doc:
                self.doc["date"] = iso
                self.top("date")
            else:
                self.top({"date": p.text})
        elif role == "attachment":
            self.top({"attachment": p.items})
        elif role == "heading":
            self.heading(p)
        elif role == "table":
            self.table(p)
        elif role in ("copy_no", "secrecy", "urgency", "mark", "number", "signer", "cc", "printer"):
            if role in ("copy_no", "secrecy"):
                self.notes.append(f"{'份号' if role == 'copy_no' else '密级'}“{p.text}”：案卷暂无此项，未带入（请在导出的文稿中补上）")
        elif role == "paragraph" and p.enum:
            return self.enumeration(parts, i)
        elif role in ("paragraph", "attach_mark"):
            self.here().append({"text": _own(p.text)})
        return i + 1

    def typed_statements(self, parts: list, heading: str = "") -> None:
        """Numbered items under 工作目标 that read as targets, and 一是… items that read as achievements, become
        typed facts drawn by `facts: targets` / `facts: achievements` — only when every item of the run reads."""
        from drafter.ingest.statements import read_statement

        for part in list(parts):
            if isinstance(part, dict) and part.get("parts"):
                self.typed_statements(part["parts"], str(part.get("heading", "")))
        if _GOALS.search(heading):
            run = [k for k, part in enumerate(parts) if _item(part)]
            if run and run == list(range(run[0], run[0] + len(run))) and len(run) >= 2:
                targets = []
                for k in run:
                    read = _read_item(parts[k], read_statement, "target")
                    if read is None:
                        targets = None
                        break
                    targets += read
                if targets:
                    ids = self.add_facts("targets", targets)
                    parts[run[0]: run[-1] + 1] = [self.facts_part("targets", ids)]
        for k, part in enumerate(parts):
            if isinstance(part, dict) and "enum" in part and part["enum"] in ("一是", "一要", "第一"):
                read = [read_statement(item, "achievement") for item in part["items"]]
                if all(read):
                    ids = self.add_facts("achievements", read)
                    block = self.facts_part("achievements", ids)
                    if part["enum"] != "一是":
                        block["style"] = part["enum"]
                    parts[k] = block

    def add_facts(self, key: str, statements: list[dict]) -> list[str]:
        have = self.case.setdefault(key, [])
        ids = []
        for st in statements:
            st = {"id": f"{key[:-1]}-{len(have) + 1}", **st}
            have.append(st)
            ids.append(st["id"])
        self.notes.append(f"{len(statements)} 句读作{'目标指标' if key == 'targets' else '成绩'}，带入 {key}（按原句起草核对一致）")
        return ids

    def facts_part(self, key: str, ids: list[str]) -> dict:
        self.typed_blocks.append((key, ids))
        return {"facts": key, "_ids": ids}

    def heading(self, p: Part) -> None:
        while self.stack[-1][0] >= p.level and len(self.stack) > 1:
            self.stack.pop()
        parent = self.stack[-1][0]
        h: dict = {"heading": _own(p.text.rstrip("。") if p.runin else p.text)}
        if p.level != parent + 1:
            h["level"] = p.level
        if p.runin:
            h["runin"] = True
        if not p.numbered:
            h["numbered"] = False
        children: list = []
        if p.runin and p.body:
            children.append({"text": _own(p.body)})
        h["parts"] = children   # filled as the paragraphs under it come; empty lists are dropped when written
        self.here().append(h)
        self.stack.append((p.level, children))

    def enumeration(self, parts: list[Part], i: int) -> int:
        """Consecutive paragraphs labelled 一是、二是…(一要, 第一, ——) in order become one enumeration."""
        style, items, j = None, [], i
        while j < len(parts) and parts[j].role == "paragraph" and parts[j].enum and not parts[j].page_break:
            s, k, rest = _enum_label(parts[j].text)
            if s is None or (style is not None and s != style) or (k is not None and k != len(items) + 1):
                break
            style = s
            items.append(rest)
            j += 1
        if style is None or len(items) < 2:
            self.here().append({"text": _own(parts[i].text)})
            return i + 1
        self.here().append({"enum": style, "items": [_own(t) for t in items]})
        return j

    def addressee(self, p: Part) -> None:
        recipients = p.data.get("recipients") or []
        if len(recipients) == 1 and "、" in recipients[0]:   # one group: its organs are the list
            recipients = recipients[0].split("、")
        sep = "，" if any("、" in r for r in recipients) else "、"
        if self.kind in _RECIPIENTS and recipients and sep.join(recipients) + "：" == p.text:
            self.doc["recipients"] = recipients
            self.top("addressee")
        else:
            self.top({"addressee": p.text})
            if self.kind in _RECIPIENTS:
                self.notes.append("主送机关按原文保留为自己的文字（分隔符与 drafter 的写法不同，未拆成列表）")

    def table(self, p: Part) -> None:
        tasks = _tasks(p.rows or [])
        if tasks is None:
            self.notes.append(f"表格“{p.text or '无标题'}”不是任务分解表：各行按正文段落带入（单元格以“　”分隔），请在案卷中整理")
            if p.text:
                self.top({"text": _own(p.text)})
            for row in p.rows or []:
                self.here().append({"text": _own("　".join(c for c in row if c))})
            return
        self.case["tasks"] = [{"section": p.text or "重点任务", "items": tasks}]
        self.top({"facts": "task_table"})
        self.notes.append(f"任务分解表：{len(tasks)} 项任务带入 tasks（序号由 drafter 计算）")

    def banner_and_imprint(self) -> None:
        """版头 and 版记 as typed fields when drafter can draw them from those fields; otherwise their words stay
        as text paragraphs where they stood (top and bottom) and the report says what is missing."""
        rec, doc = self.rec, self.doc
        numbers, marks = rec.of("number"), rec.of("mark")
        mark = marks[0].text if marks else None
        name = self.org.get("name") or (mark[:-2] if mark and mark.endswith("文件") else mark)
        if numbers and name and self.kind == "notice":
            d = numbers[0].data
            self.org.setdefault("name", name)
            if mark and mark != f"{self.org['name']}文件":
                self.org["mark"] = mark
            self.org["code"] = d["code"]
            doc["number"] = int(d["num"]) if d["num"].isdigit() else d["num"]
            if not str(doc.get("date") or "").startswith(d["year"]):
                doc["year"] = int(d["year"])
            if d.get("signer"):
                doc["signer"] = d["signer"]
            for signer in rec.of("signer"):
                doc["signer"] = signer.text
            for u in rec.of("urgency"):
                if u.text in ("特急", "加急"):
                    doc["urgency"] = u.text
            self.root.insert(0, "banner")
        elif numbers or marks:
            lines = [p.text for p in rec.parts if p.role in ("mark", "number", "signer", "urgency")]
            self.root[0:0] = [{"text": _own(t)} for t in lines]
            self.notes.append("版头缺少" + ("发文字号" if not numbers else "发文机关") + "，无法作为版头：其文字按正文保留在开头，"
                              "请补充 org 与 number 后在 outline 开头写 banner")
        cc, printer = rec.of("cc"), rec.of("printer")
        print_date = date_iso(printer[0].data["date"]) if printer else None
        if printer and print_date and self.kind == "notice":
            if cc:
                doc["cc"] = cc[0].data["cc"]
                if "，".join(doc["cc"]) + "。" != cc[0].text:
                    self.notes.append(f"抄送按 GB/T 9704 写法重排：“{'，'.join(doc['cc'])}。”")
            doc["printer"] = printer[0].data["printer"]
            doc["print_date"] = print_date
            self.root.append("imprint")
        elif cc or printer:
            self.root += [{"text": _own(("抄送：" if p.role == "cc" else "") + p.text)} for p in cc + printer]
            self.notes.append("版记缺少印发机关或印发日期，无法作为版记：其文字按正文保留在末尾，请补充 printer 和 print_date 后写 imprint")


def _own(text: str) -> str:
    """Own text runs through the sandbox when it holds a brace; a source's braces must stay braces."""
    return "{% raw %}" + text + "{% endraw %}" if "{" in text else text


_ENUM_STYLES = (("是", "一是"), ("要", "一要"))


def _enum_label(text: str) -> tuple[str | None, int | None, str]:
    """(style, ordinal, item text) of a paragraph that opens an enumeration item."""
    f = text.strip()
    m = re.match(rf"^([{pt.CN}]+)(是|要)", f)
    if m:
        return ("一是" if m[2] == "是" else "一要"), pt.cn_value(m[1]), f[m.end():] if m[2] == "是" else f[m.end():]
    m = re.match(rf"^第([{pt.CN}]+)[，,]", f)
    if m:
        return "第一", pt.cn_value(m[1]), f[m.end():]
    m = re.match(r"^(——|－－|-{2,})+", f)
    if m:
        return "——", None, f[m.end():]
    return None, None, f


def _tasks(rows: list[list[str]]) -> list[dict] | None:
    """A task table (序号/任务/牵头单位/责任单位/时限) as typed tasks, or None when it is some other table."""
    if len(rows) < 2:
        return None
    header = [pt.flat(c) for c in rows[0]]
    cols: dict[str, int] = {}
    for key, names in _TASK_COLUMNS.items():
        for k, h in enumerate(header):
            if h in names and key not in cols:
                cols[key] = k
    if "title" not in cols or not ({"lead", "units"} & set(cols)):
        return None
    tasks = []
    for row in rows[1:]:
        values = {key: row[k].strip() if k < len(row) else "" for key, k in cols.items()}

        def cell(key: str, values: dict = values) -> str:
            return values.get(key, "")
        title = cell("title")
        if not title:
            return None
        task: dict = {"title": title}
        for key in ("lead", "units"):
            names = [x for x in re.split(r"[、，,；;]", cell(key)) if x.strip()]
            if names:
                task[key] = names
        deadline = _deadline(cell("deadline"))
        if cell("deadline") and deadline is None:
            return None
        if deadline:
            task["deadline"] = deadline
        tasks.append(task)
    return tasks


def _deadline(text: str) -> str | None:
    """2026年6月底前 → 2026-06, 2026年底前 → 2026, 长期坚持 as it is; None when drafter cannot say it back."""
    text = pt.flat(text)
    if text in ("长期坚持", "持续推进"):
        return text
    m = _DEADLINE.match(text)
    if not m:
        return None
    year, month, day = m[1], m[2], m[3]
    if day:
        return f"{year}-{int(month):02d}-{int(day):02d}" if text.endswith("日前") else None
    if month:
        return f"{year}-{int(month):02d}" if text.endswith("月底前") else None
    return year if text.endswith("年底前") else None


_GOALS = re.compile(r"(工作目标|总体目标|主要目标|目标任务|具体目标)")


def _item(part) -> bool:
    """A numbered item: a heading with no parts, or a run-in one whose only part is its paragraph."""
    if not isinstance(part, dict) or "heading" not in part or part.get("level") not in (None, 3):
        return False
    children = part.get("parts") or []
    return not children or (part.get("runin") and len(children) == 1 and "text" in children[0])


def _read_item(part: dict, read, kind: str) -> list[dict] | None:
    """One item: a sentence, or a group label (……方面。) run in before one or more sentences joined by ，."""
    if not part.get("runin"):
        one = read(part["heading"], kind)
        return [one] if one else None
    group, body = part["heading"], part["parts"][0]["text"]
    one = read(body, kind)
    if one:
        return [{"group": group, **one}]
    pieces = body.rstrip("。").split("，")
    out = []
    for piece in pieces:
        one = read(piece, kind)
        if one is None:
            return None
        out.append({"group": group, **one})
    return out


def _prune(parts: list, several: set[str] = frozenset()) -> list:
    """Drop empty `parts` lists; a facts block names its statements (`only`) when the document has several."""
    for part in parts:
        if isinstance(part, dict) and "_ids" in part:
            ids = part.pop("_ids")
            if part["facts"] in several:
                part["only"] = ids
        if isinstance(part, dict) and "parts" in part:
            if part["parts"]:
                _prune(part["parts"], several)
            else:
                del part["parts"]
    return parts
