"""The case file (案卷): one meeting's facts and the documents drafted from them.

Plain typed models, free of I/O. Loading and locating problems live in `facts.load`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from drafter.facts.statements import Achievement, Target
from drafter.facts.types import FIRST_YEAR, LAST_YEAR, Date, Number, OneOrMany, SequenceNumber, TaskDeadline, Text
from drafter.outline.parts import EnumStyle, Outline, PartField
from drafter.typed import BaseModel, Field

PERSON_FIELDS = ("speaker", "host", "leader", "person")
"""Fields whose value is the id of one of `people` (a document's speaker, a meeting's host, an agenda item's person,
an outline part's person)."""


class Model(BaseModel):
    """A record of the case: frozen, unknown keys refused (drafter.typed)."""


class Org(Model):
    name: Text                      # 发文机关全称
    short: Text | None = None       # 规范化简称
    code: Text | None = None        # 机关代字，如 陕环发
    mark: Text | None = None        # 发文机关标志，默认“全称+文件”
    superiors: list[Text] = []      # 上级机关


class Person(Model):
    id: Text
    name: Text
    title: Text                     # 职务，如 厅党组书记、厅长


class AgendaItem(Model):
    item: Text                      # 议程内容，如 传达学习省委全会精神
    person: Text | None = None      # 由谁进行（people 中的 id）


class Meeting(Model):
    name: Text                      # 会议名称
    date: Date | None = None        # 会议日期（署名、导语等用到时必填）
    end_date: Date | None = None
    time: Text | None = None
    place: Text | None = None
    host: Text | None = None        # 主持人（people 中的 id）
    purpose: Text | None = None     # 会议任务，如 回顾总结……安排部署……
    participants: list[Text] = []
    agenda: list[AgendaItem] = []


Status = Literal["已完成", "序时推进", "滞后"]


class Task(Model):
    title: Text                     # 任务名称（引领句）
    measures: Text | None = None    # 具体措施
    lead: Annotated[list[Text], OneOrMany] = []    # 牵头单位
    units: Annotated[list[Text], OneOrMany] = []   # 责任单位
    deadline: TaskDeadline = None
    status: Status | None = None
    progress: Text | None = None    # 进展情况（情况报告的任务进展情况表用；不填则列任务状态）


class TaskSection(Model):
    section: Text                   # 任务板块标题
    intro: Text | None = None
    items: list[Task] = Field(min_length=1)


class Citation(Model):
    """A document cited as a basis: 省委《关于……的决定》（陕发〔2020〕12号）."""

    issuer: Text | None = None
    title: Text
    number: Text | None = None


class Options(Model):
    numbering: Literal["continuous", "per_section"] | None = None   # 默认按文种：方案连续编号，其余分节编号
    runin: list[Annotated[int, Field(strict=True, ge=1, le=4)]] = []
    enum_style: EnumStyle = "一要"                               # 未指定列举方式的分项默认用此方式
    task_table: bool = False
    fonts: Literal["gb2312", "windows", "founder"] | None = None   # 字体方案：仿宋_GB2312 / 仿宋 / 方正GBK（默认取设置）
    page_numbers: Literal["auto", "outside", "center"] = "auto"  # 页码：讲话稿默认居中，公文单页右双页左
    reading_copy: bool = False                                   # 导出 docx 时另出大字念稿
    pace: int = Field(default=220, strict=True, ge=60, le=600)   # 讲话语速（字/分钟），用于估计讲话时长
    seal: Literal["unsealed", "sealed"] = "unsealed"             # 落款：不加盖印章（默认）或加盖印章
    mirror_margins: bool = False                                 # 双面印刷：双页左右白边对调，订口始终在装订一侧


SlotChoice = Annotated[list[Text], OneOrMany]


class DocumentBase(Model):
    id: Text
    title: Text | None = None
    options: Options = Options()
    slots: dict[str, SlotChoice] = {}      # 每个槽位选用的表述片段 id
    overrides: dict[str, Text] = {}        # 每个槽位的自定义文字（优先于片段）
    outline: Outline | None = None         # 提纲：整篇列出，或只写对默认提纲的改动（remove/rename/before/after/replace）


class Point(Model):
    """One of the speech's points (一、二、三), with sub-points enumerated by style."""

    title: Text
    intro: Text | None = None
    items: list[Text] = []
    style: EnumStyle | None = None
    parts: list[PartField] = []             # 分项之后（或代替分项）的其他部分：段落、列举、成绩、致谢……


class SpeechDoc(DocumentBase):
    kind: Literal["speech"]
    speaker: Text | None = None             # people 中的 id（署名用）
    date: Date | None = None                # 默认为会议日期
    points: list[Point] = []


class NoticeDoc(DocumentBase):
    kind: Literal["notice"]
    plan_title: Text | None = None          # 所印发方案的标题（不含书名号）
    title_form: Literal["关于印发", "印发"] = "关于印发"   # 关于印发《方案》的通知 / 印发关于……的通知
    number: SequenceNumber = None           # 发文字号中的顺序号（未定时写 ×）
    year: int | None = Field(default=None, strict=True, ge=FIRST_YEAR, le=LAST_YEAR)
    date: Date | None = None                # 成文日期
    recipients: list[Text] = []             # 主送机关
    basis: list[Citation] = []
    cc: list[Text] = []                     # 抄送
    printer: Text | None = None             # 印发机关
    print_date: Date | None = None          # 印发日期
    urgency: Literal["特急", "加急"] | None = None
    signer: Text | None = None


class Requirement(Model):
    """A requirement point: a short lead (提高站位) and the sentence that carries it."""

    title: Text
    text: Text | None = None


class HostDoc(DocumentBase):
    """主持词: opening, the agenda in order, the meeting's features, requirements, closing."""

    kind: Literal["host"]
    host: Text | None = None                 # 主持人（people 中的 id），默认会议主持人
    features: list[Text] = []                # 会议特点：一是……二是……
    requirements: list[Requirement] = []     # 贯彻落实要求（空则用要求类表述片段）


class ReportDoc(DocumentBase):
    """情况报告: counts from task status, 主要做法, 取得成效, 存在问题, 下一步工作."""

    kind: Literal["report"]
    date: Date | None = None
    recipients: list[Text] = []              # 主送机关
    subject: Text | None = None              # 报告事项，如 中央生态环境保护督察反馈问题整改
    measures: list[Requirement] = []         # 主要做法
    problems: list[Text] = []                # 存在问题
    next_steps: list[Requirement] = []       # 下一步工作


class NewsDoc(DocumentBase):
    """会议新闻稿: headline, lede, results, targets, key tasks, the leader's requirements."""

    kind: Literal["news"]
    leader: Text | None = None               # 提出要求的领导（people 中的 id）
    date: Date | None = None                 # 发稿日期，默认会议日期
    requirements: list[Text] = []            # 领导强调的要求，一要……二要……（空则用要求类表述片段）


Document = Annotated[SpeechDoc | NoticeDoc | HostDoc | ReportDoc | NewsDoc, Field(discriminator="kind")]


class Petitions(Model):
    """信访件 handled during the work the report covers; remaining counts are computed."""

    received: int = Field(strict=True, ge=0)      # 受理（交办）件数
    concluded: int = Field(strict=True, ge=0)     # 已办结件数
    penalized: int = Field(default=0, strict=True, ge=0)         # 立案处罚家数
    fines: Number | None = None                   # 罚款金额（万元）
    held_accountable: int = Field(default=0, strict=True, ge=0)  # 问责人数


class TaskTotals(Model):
    """Counts declared when tasks are not listed one by one: 82项任务已完成59项，其余23项按序时推进."""

    total: int = Field(strict=True, ge=1)         # 任务总数
    done: int = Field(strict=True, ge=0)          # 已完成
    lagging: int = Field(default=0, strict=True, ge=0)   # 进度滞后（其余为序时推进）


class Case(Model):
    org: Org | None = None                  # 发文机关（落款、版头、新闻标题等用到时必填）
    meeting: Meeting | None = None
    people: list[Person] = []
    targets: list[Target] = []
    achievements: list[Achievement] = []
    tasks: list[TaskSection] = []
    petitions: Petitions | None = None
    task_totals: TaskTotals | None = None   # 任务未逐项列出时申报的总数；与逐项列出的任务同时存在时须一致
    documents: list[Document] = Field(min_length=1)

    def person(self, pid: str) -> Person | None:
        return next((p for p in self.people if p.id == pid), None)

    def document(self, did: str):
        return next((d for d in self.documents if d.id == did), None)
