"""`drafter fragments harvest`: propose standard phrasing (fragments) from an existing document.

Paragraphs are assigned to the slots of the kind's outline by where they stand and what they say (the opening
after 同志们：, the sentence that announces 三点意见, the body of 指导思想, the items under 基本原则, the headings
under 保障措施 …); facts are replaced by variables where they match (organ, meeting, year, people), so the
fragment serves the next case; each carries its provenance (source file, date). Nothing is written until the
user agrees; what is written passes `drafter fragments check`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from drafter.ingest import patterns as pt
from drafter.ingest.recognize import Part, Recognized
from drafter.kinds import SLOT_NAMES


@dataclass
class Proposal:
    slot: str
    text: str                      # with variables
    where: int                     # source line or paragraph
    vars: list[str] = field(default_factory=list)
    heading: str | None = None     # a safeguard's run-in heading

    @property
    def id(self) -> str:
        digest = hashlib.sha1(f"{self.heading or ''}|{self.text}".encode()).hexdigest()[:8]
        return f"harvest.{self.slot}.{digest}"


@dataclass
class Facts:
    """Words to turn into variables: (words, what replaces them, declared var), longest words first."""

    pairs: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, words: str | None, expr: str, var: str = "", suffix: str = "") -> None:
        if words and len(words) >= 2 and all(w != words for w, _, _ in self.pairs):
            self.pairs.append((words, "{{ " + expr + " }}" + suffix, var))

    def apply(self, text: str) -> tuple[str, list[str]]:
        if "{" in text:
            text = "{% raw %}" + text + "{% endraw %}"
            return text, []
        pairs = sorted(self.pairs, key=lambda p: -len(p[0]))
        tokens: dict[str, tuple[str, str]] = {}
        for k, (words, expr, var) in enumerate(pairs):
            if words in text:
                token = f"\x00{k}\x00"
                text = text.replace(words, token)
                tokens[token] = (expr, var)
        used = []
        for token, (expr, var) in tokens.items():
            text = text.replace(token, expr)
            if var and var not in used:
                used.append(var)
        return text, used


def facts_from(rec: Recognized, case=None) -> Facts:
    """The case's facts when a case is given; otherwise what the document itself states (organ, meeting, year)."""
    f = Facts()
    if case is not None:
        if case.org:
            f.add(case.org.name, "org.name", "org.name")
            f.add(case.org.short, "org.short", "org.short")
        if case.meeting:
            f.add(case.meeting.name, "meeting.name", "meeting.name")
            f.add(case.meeting.place, "meeting.place", "meeting.place")
            year = getattr(case.meeting.date, "year", None)
            if year:
                f.add(f"{year}年", "meeting.date.year", "meeting.date", suffix="年")
        for p in case.people:
            f.add(p.name, f"person('{p.id}').name")
            f.add(p.title, f"person('{p.id}').title")
        return f
    signature = next((p.text for p in rec.parts if p.role == "signature"), None)
    f.add(signature, "org.name", "org.name")
    title = next((pt.flat(p.text) for p in rec.parts if p.role == "title"), "")
    m = re.match(r"^在(.+?)上的(讲话|主持词|致辞|发言)", title)
    if m:
        f.add(m[1], "meeting.name", "meeting.name")
    return f


def propose(rec: Recognized, kind: str, facts: Facts) -> tuple[list[Proposal], int]:
    """Proposals, and how many body paragraphs fitted no slot (not harvested)."""
    raw = _SLOTTERS[kind](rec.parts)
    out = []
    for slot, part, text, heading in raw:
        body, used = facts.apply(text)
        if slot == "transition":
            body = re.sub(rf"[{pt.CN}]+(?=(点|个方面|方面)(意见|要求))", "{{ count('points') }}", body)
        out.append(Proposal(slot, body, part.where[0], used, heading))
    taken = {id(part) for _, part, _, _ in raw}
    skipped = sum(1 for p in rec.parts if p.role == "paragraph" and id(p) not in taken)
    return out, skipped


def to_yaml(proposals: list[Proposal], kind: str, source: Path, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    frags = []
    for prop in proposals:
        frag = {"id": prop.id, "title": f"{SLOT_NAMES.get(prop.slot, prop.slot)}·采自{source.stem}", "kinds": [kind],
                "slot": prop.slot, "tags": ["采集"], "vars": prop.vars}
        if prop.heading:
            frag["heading"] = prop.heading
        frag["text"] = prop.text
        frag["provenance"] = {"author": "drafter fragments harvest", "added": today.isoformat(),
                              "source": f"{source.name} 第{prop.where}{'行' if source.suffix.lower() == '.txt' else '段'}"}
        frags.append(frag)
    head = f"# 采自 {source.name}（{today.isoformat()}）：请逐条审阅，删去不通用的，再运行 drafter fragments check。\n"
    return head + yaml.safe_dump({"fragments": frags}, allow_unicode=True, sort_keys=False, width=1000)


# --- slots by kind -------------------------------------------------------------------------------------
Slotted = list[tuple[str, Part, str, str | None]]


def _paras(parts: list[Part]) -> list[Part]:
    return [p for p in parts if p.role == "paragraph"]


def _speech(parts: list[Part]) -> Slotted:
    out: Slotted = []
    first_heading = next((i for i, p in enumerate(parts) if p.role == "heading"), len(parts))
    opening_done = False
    for p in parts[:first_heading]:
        if p.role != "paragraph":
            continue
        f = pt.flat(p.text)
        if re.search(r"下面.{0,20}(讲|谈|强调|提).{0,6}(点|个方面|方面)(意见|要求)", f):
            out.append(("transition", p, p.text, None))
        elif "感谢" in f:
            out.append(("thanks", p, p.text, None))
        elif not opening_done:
            out.append(("opening", p, p.text, None))
            opening_done = True
        elif re.search(r"(成绩|成效|取得|完成|提升|下降)", f):
            out.append(("review", p, p.text, None))
    for p in reversed(_paras(parts[first_heading:])):
        if pt.flat(p.text).startswith("同志们，"):
            out.append(("closing", p, p.text, None))
            break
    return out


def _host(parts: list[Part]) -> Slotted:
    rules = (("host_opening", r"现在开会"), ("host_attendance", r"参加(今天|这次|本次)?会议的(有|是)"),
             ("host_agenda_intro", r"(议程|项议程)"), ("host_closing", r"散会"),
             ("host_requirements_intro", r"(贯彻|落实)(好)?(这次|本次|今天的)?会议精神"),
             ("host_summary", r"会议.{0,10}(开得|很成功|特点)"))
    out: Slotted = []
    seen: set[str] = set()
    for p in _paras(parts):
        f = pt.flat(p.text)
        for slot, rx in rules:
            if slot not in seen and re.search(rx, f):
                out.append((slot, p, p.text, None))
                seen.add(slot)
                break
    return out


def _notice(parts: list[Part]) -> Slotted:
    out: Slotted = []
    titles = [i for i, p in enumerate(parts) if p.role == "title"]
    after_addressee = next((i for i, p in enumerate(parts) if p.role == "addressee"), None)
    if after_addressee is not None:
        body = []
        for p in parts[after_addressee + 1:]:
            if p.role != "paragraph":
                break
            body.append(p)
        for k, p in enumerate(body):
            purpose, issue = _split_issue(p.text)
            if purpose and k == 0:
                out.append(("notice_purpose", p, purpose, None))
            if issue:
                out.append(("notice_issue", p, issue, None))
                break
    if len(titles) > 1:
        first = next((p for p in parts[titles[1] + 1:] if p.role in ("paragraph", "heading")), None)
        if first is not None and first.role == "paragraph":
            out.append(("plan_preamble", first, first.text, None))
    section, under = "", ""
    for p in parts:
        if p.role == "heading" and p.level == 1:
            section, under = pt.flat(p.text), ""
            continue
        if p.role == "heading" and p.level == 2:
            under = pt.flat(p.text).rstrip("。")
            if under in ("指导思想",) and p.body:
                out.append(("guiding", p, p.body, None))
            elif under in ("工作目标", "总体目标", "主要目标") and p.body:
                out.append(("goals", p, p.body, None))
            elif "保障" in section and p.runin and p.body:
                out.append(("safeguards", p, p.body, p.text.rstrip("。")))
            continue
        if p.role == "paragraph" and under == "基本原则":
            text = re.sub(r"^(——|－－|-{2,})+", "", p.text.strip())
            out.append(("principles", p, text, None))
    return out


def _split_issue(text: str) -> tuple[str, str]:
    """The notice's body: its purpose, and the sentence that issues the plan (现印发给你们……)."""
    m = re.search(r"[^。]*印发给你们", text)
    if not m:
        return text, ""
    return text[: m.start()].strip(), text[m.start():].strip()


def _report(parts: list[Part]) -> Slotted:
    out: Slotted = []
    paras = _paras(parts)
    if paras:
        out.append(("report_opening", paras[0], paras[0].text, None))
    section = ""
    taken: set[str] = set()
    for p in parts:
        if p.role == "heading" and p.level == 1:
            section = pt.flat(p.text)
            continue
        if p.role != "paragraph":
            continue
        for slot, word in (("report_results", "成效"), ("report_problems", "问题"), ("report_next", "下一步")):
            if word in section and slot not in taken:
                out.append((slot, p, p.text, None))
                taken.add(slot)
    if len(paras) > 1 and re.search(r"特此报告", paras[-1].text):
        out.append(("report_closing", paras[-1], paras[-1].text, None))
    return out


def _news(parts: list[Part]) -> Slotted:
    out: Slotted = []
    paras = _paras(parts)
    if not paras:
        return out
    out.append(("news_lede", paras[0], paras[0].text, None))
    emphasis = next((p for p in paras[1:] if "强调" in p.text), None)
    if emphasis is not None:
        out.append(("news_emphasis", emphasis, emphasis.text, None))
    if len(paras) > 2 and paras[-1] is not emphasis:
        out.append(("news_closing", paras[-1], paras[-1].text, None))
    return out


_SLOTTERS = {"speech": _speech, "host": _host, "notice": _notice, "report": _report, "news": _news}
