"""Targets and achievements as typed statements: the data model of the one phrase grammar (`drafter.phrasing`).

A statement is the sentence a document states about one metric (or one action), taken apart into typed fields,
so a figure is never free text and the same object reads the same in every kind. In reading order:

    [deadline，][scope] subject predicate [，change][，rank][，note]

- deadline: `deadline` (2025 | 2025-09 | 2025-09-30 | 年内) put into `deadline_form` (到… / 到…底 / 到…年底 /
  …底前 / …前 / … / 截至… / 截至…底, where … is the date as precise as written), then 「，」.
- subject: `scope` + `metric`; for an action the `metric` is its object and follows the action.
- predicate, exactly one of:
  - a level: `verb` (为/达到/控制在…, or none) + amount                      优良天数比率80.3% · 达到92%
  - a change: [`basis` + reference] + `direction` + amount [+ `relative`]     比2015年下降15%以上 · 同比下降3微克/立方米，降幅6.8%
    reference = `baseline_year` (2015 → 2015年) or `baseline` (去年同期); basis 同比/环比 take none; without a
    basis a reference reads 比…; 好于/优于/高于/低于 put the reference after themselves (好于全国平均水平).
  - an action: `action` + object + amount (`count_first`: amount + object)   淘汰燃煤锅炉1.1万台 · 完成9项工程
  - a state: `state`, no figure                                               辐射环境质量保持良好
  `manner` (持续/总体/基本/累计/确保…) goes right before the verb, direction or action.
- amount: `value` (a number, or a list read with 分别 and joined by `join` 、/和) + `unit` + `qualifier`
  (多/余 between number and unit: 6200多家; 以上/以下/以内/左右 after it); `unit_once` writes the unit once after
  a list. Large amounts read as documents write them (11000台 → 1.1万台, 320000000元 → 3.2亿元; 9成 → 九成).
- `change`: a change clause after the predicate (…为82.5%，同比提高3.3个百分点); directly after the subject
  when there is no predicate (全省PM2.5平均浓度同比下降1.7%).
- `rate`: the metric is a rate (%), so its changes are in 个百分点; after a level in % this is automatic.
- `rank` (achievements): aspect + 居/位居/排名/位列 + scope + 第N(位). `note`: own words after a comma.
- `group`: statements with one label form one item (××方面。A，B。), a shared deadline said once; `joined`
  continues the previous statement's sentence after a comma (…为298天，优良率81.6%). `period` stands for a
  deadline that is not a date (今年以来，…).

Every impossible combination is refused with a message naming the field and what to write instead. The
vocabularies below are the only lists of words: the TUI offers them with `typing.get_args`.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from drafter.facts.types import FIRST_YEAR, LAST_YEAR, Number, TargetDeadline, Text
from drafter.typed import BaseModel, Field, model_validator

Verb = Literal["为", "约为", "达", "达到", "完成", "实现", "突破", "超过", "保持在", "维持在", "稳定在", "控制在",
               "不低于", "不高于", "不少于", "不超过", "高于", "低于",
               "提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增长至",
               "下降到", "下降至", "降低到", "降低至", "降至", "减少到", "减少至"]
"""A level: the value the metric reaches or stays within. No verb at all is also a choice (优良天数比率80.3%)."""

Direction = Literal["上升", "下降", "提高", "提升", "降低", "增加", "减少", "增长", "削减", "压减", "改善", "持平",
                    "高", "低", "多", "少", "好于", "优于", "高于", "低于"]
"""A change against a basis. 好于/优于/高于/低于 name their reference right after them (好于全国平均水平)."""

REFERENCE_DIRECTIONS = ("好于", "优于", "高于", "低于")

Basis = Literal["同比", "环比", "比", "较", "与…相比"]
"""What a change is measured against: 同比/环比 need no reference; 比/较/与…相比 need a year or a reference."""

Qualifier = Literal["", "以上", "以下", "以内", "左右", "多", "余", "约", "近"]
"""约/近 go before the number (近九成), 多/余 between the number and the unit (6200多家, 3000余件), the others
after the unit (15%以上)."""

Manner = Literal["持续", "总体", "稳步", "稳定", "明显", "大幅", "进一步", "基本", "全面", "全部", "均",
                 "累计", "共", "率先", "力争", "确保"]

Join = Literal["、", "和"]

DeadlineForm = Literal["到…", "到…底", "到…年底", "…底前", "…前", "…", "截至…", "截至…底"]
"""… is the date as precise as written (2025年 / 2025年9月 / 2025年9月30日): 到2025年 · 到2025年底 · 到2025年年底 ·
2025年9月底前 · 2025年9月30日前 · 2025年 · 截至2025年9月30日 · 截至2025年9月底. Without a form: a year reads
到2025年底, a month 2025年9月底前, a day 2025年9月30日前."""

DOWN = ("下降", "降低", "减少", "削减", "压减")
UP = ("上升", "提高", "提升", "增加", "增长")

RATE_UNITS = ("%", "‰", "个百分点", "")
POINTS = ("个百分点", "百分点")

PREDICATES = tuple(dict.fromkeys((*get_args(Direction), *get_args(Verb))))
"""Every word a case file may write as `direction`: a level word there is read as the verb it is (older case
files and the TUI's one column write 达到 as the direction); 高于/低于 there stay comparisons."""

_LEVEL_DIRECTIONS = {**{v: v for v in get_args(Verb) if v not in get_args(Direction)}, "保持": "保持在"}


class _Model(BaseModel):
    """A record of a statement: frozen, unknown keys refused (drafter.typed)."""


Values = Number | list[Number]


class _Figure(_Model):
    """The fields a change clause and a statement share: how much, against what."""

    direction: Direction | None = None
    basis: Basis | None = None
    baseline_year: int | None = Field(default=None, strict=True, ge=FIRST_YEAR, le=LAST_YEAR)
    baseline: Text | None = None            # 比较对象，如 去年同期、全国平均水平、去年目标
    manner: Manner | None = None
    value: Values | None = None
    unit: str = ""
    qualifier: Qualifier = ""
    join: Join = "、"
    unit_once: bool = False                 # 多个数值只在末尾写一次单位：分别为39、68微克/立方米
    relative: Number | None = Field(default=None, ge=0)   # 相对幅度（%），读作“降幅7.1%”“增幅3%”

    def reference(self) -> str:
        if self.baseline_year is not None:
            return f"{self.baseline_year}年"
        return self.baseline or ""

    def _figure_problem(self, *, change: bool) -> str | None:
        """The first impossible combination of the figure fields, as what to write instead."""
        values = self.value if isinstance(self.value, list) else [self.value] if self.value is not None else []
        ref = self.baseline_year is not None or self.baseline is not None
        if self.baseline_year is not None and self.baseline is not None:
            return "baseline_year 与 baseline 只能写一个：比较对象是年份写 baseline_year，否则写 baseline（如 去年同期）"
        if isinstance(self.value, list) and len(self.value) < 2:
            return "value 写成列表表示“分别”，至少要两个数值；只有一个数值时直接写 value: 数值"
        if (self.join != "、" or self.unit_once) and not isinstance(self.value, list):
            name = "join" if self.join != "、" else "unit_once"
            return f"{name} 只用于多个数值（value 写成列表时）：删去 {name}，或把 value 写成列表"
        if change and any(v < 0 for v in values):
            return "变化量写正数：方向由 direction 表示（如 direction: 下降, value: 5）"
        if self.qualifier == "约" and getattr(self, "verb", None) == "为":
            return "“为”和“约”合写作 verb: 约为（约为12.5亿元）：请删去 qualifier: 约"
        if self.qualifier in ("约", "近") and isinstance(self.value, list):
            return f"“{self.qualifier}”不能用于多个数值：请分开写"
        if self.qualifier in ("多", "余"):
            if isinstance(self.value, list):
                return f"“{self.qualifier}”不能用于多个数值：请分开写，或改用 以上/左右"
            if self.unit in ("%", "‰", *POINTS, "成"):
                return f"“{self.qualifier}”不用于百分数或成数：请改写 以上 或 左右（如 30%左右）"
        if (self.unit or self.qualifier) and not values:
            return "写了 unit 或 qualifier 却没有 value：请填写数值，或删去单位和限定词"
        if not change and (self.basis or ref):
            return ("basis、baseline_year、baseline 只用于变化：请写 direction（如 下降、提高），"
                    "或删去比较对象")
        if self.relative is not None and self.direction not in (*DOWN, *UP):
            return "relative（降幅/增幅）只用于上升、下降、提高、降低、增加、减少、增长：请删去 relative，或改正 direction"
        if self.direction is None:
            return None
        if self.direction == "持平" and values:
            return "“持平”没有变化量：删去 value，或把 direction 改为 上升/下降 等"
        if self.direction in REFERENCE_DIRECTIONS:
            if self.basis:
                return f"“{self.direction}”自带比较，不用再写 basis：删去 basis，写 baseline（如 全国平均水平）"
            if not ref:
                return f"“{self.direction}”需要比较对象：请写 baseline（如 全国平均水平）或 baseline_year"
            return None
        if self.basis in ("同比", "环比") and ref:
            return f"“{self.basis}”不需要比较对象：删去 baseline_year/baseline，或把 basis 改为 比、较 或 与…相比"
        if self.basis in ("比", "较", "与…相比") and not ref:
            return f"basis: {self.basis} 需要比较对象：请写 baseline_year（如 2015）或 baseline（如 去年同期）"
        if self.direction in ("高", "低", "多", "少") and not (ref or self.basis):
            return f"“{self.direction}”要有比较对象：请写 basis: 比 和 baseline（如 去年目标），或改用 提高/下降 等"
        return None


class Change(_Figure):
    """A change clause after a level: 同比下降7.1% · 较2013年下降23.4% · 与去年同期相比增加12天.

    Without `unit` it takes the statement's unit (a rate's change is in 个百分点); without `basis` or a
    reference it says only the change (，下降7.1%)."""

    direction: Direction

    @model_validator(mode="after")
    def _consistent(self) -> Change:
        problem = self._figure_problem(change=True)
        if problem:
            raise ValueError(problem)
        return self


class Statement(_Figure):
    """What targets and achievements share; `drafter.phrasing.phrase` renders one."""

    id: Text | None = None
    group: Text | None = None              # 归类标签，如 土壤环境风险管控方面：同组合为一项
    scope: Text | None = None              # 范围，如 全省地级及以上城市
    metric: Text                           # 指标；有 action 时为其对象，如 燃煤锅炉
    verb: Verb | None = None               # 水平动词（不写则直接接数值）
    action: Text | None = None             # 行动动词，如 淘汰、完成、消除、不发生
    count_first: bool = False              # 行动的数量在对象之前：完成7个重点工程（默认在后：淘汰燃煤锅炉1.1万台）
    state: Text | None = None              # 无数值的状态，如 保持良好、总体可控
    rate: bool = False                     # 比率类指标：其变化以“百分点”表述
    change: Change | None = None           # 水平之后的变化，如 同比提高3.3个百分点
    note: Text | None = None               # 补充表述，接在句末
    deadline: TargetDeadline = None        # 时限（目标）或时点（成绩）：2025、2025-09、2025-09-30 或 年内
    deadline_form: DeadlineForm | None = None   # 到… / 到…底 / …底前 / 截至… 等（不写则按时限的精度）
    period: Text | None = None             # 不是日期的时段，如 今年以来、1—10月、“十四五”期间（代替 deadline）
    joined: bool = False                   # 接在上一条之后，用逗号连成一句（同组或同一列举项内）

    @model_validator(mode="before")
    @classmethod
    def _level_directions(cls, data: Any) -> Any:
        """direction: 达到 names a level: read it as the verb (see PREDICATES)."""
        if isinstance(data, dict) and isinstance(data.get("direction"), str) and data["direction"] in _LEVEL_DIRECTIONS:
            if data.get("verb") is not None:
                raise ValueError(f"“{data['direction']}”是水平动词，已写了 verb: {data['verb']}：请删去 direction")
            data = dict(data)
            data["verb"] = _LEVEL_DIRECTIONS[data.pop("direction")]
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Statement:
        problem = self._statement_problem()
        if problem:
            raise ValueError(problem)
        return self

    def _statement_problem(self) -> str | None:
        has_value = self.value is not None
        predicates = [name for name in ("verb", "direction", "action", "state") if getattr(self, name) is not None]
        if len(predicates) > 1:
            first, second = predicates[:2]
            if {first, second} == {"verb", "direction"}:
                return ("verb（水平，如 达到）与 direction（变化，如 下降）只能写一个；"
                        "既有水平又有变化时，把变化写在 change 中（如 change: {direction: 下降, value: 5}）")
            return f"{first} 与 {second} 只能写一个：一句话只有一个谓语"
        if self.state is not None and (has_value or self.change is not None):
            return "state 是没有数值的状态：删去 value/change，或改用 verb、direction 写出数值"
        if self.action is None and self.count_first:
            return "count_first 只用于行动（action）：删去 count_first，或写出 action（如 淘汰、完成）"
        if self.action is not None:
            if isinstance(self.value, list):
                return "行动（action）只带一个数量：多个数量请分开写"
            if self.rate or self.change is not None or self.basis or self.baseline_year or self.baseline:
                return "行动（action）不带比率、变化或比较对象：请删去 rate/change/basis/baseline，或改写为指标（verb 或 direction）"
        if not predicates and not has_value and self.change is None:
            return ("缺少谓语：请写 value（数值），或 direction（如 下降）与 manner（如 总体），"
                    "或 action（如 不发生、消除），或 state（如 保持良好）")
        if self.verb is not None and not has_value:
            return (f"“{self.verb}”需要数值：请填写 value；没有数值的目标写 action（如 消除、不发生）"
                    "或 state（如 保持良好）")
        if isinstance(self.value, list) and self.verb is None and self.direction is None:
            return "多个数值（分别）需要动词：请写 verb（如 为、达到）或 direction（如 下降）"
        if self.joined and self.group is not None:
            return "joined 与 group 不同用：同组各条已用逗号连成一句，删去 joined；要接上一条则删去 group"
        if self.period is not None and self.deadline is not None:
            return "period 与 deadline 只能写一个：日期写 deadline（可配 deadline_form），其他时段写 period"
        if self.deadline_form is not None:
            d, form = self.deadline, self.deadline_form
            if d is None:
                return "deadline_form 没有时限可用：请填写 deadline，或删去 deadline_form"
            if isinstance(d, str):
                return f"“{d}”没有写法可选：删去 deadline_form"
            if d.day and "底" in form:
                return "具体到日的时限不能写“底”：deadline_form 请写 …前、到… 或 截至…"
            if form == "到…年底" and d.month:
                return "“到…年底”只用于年份：写到月份时请用 到…底 或 …底前"
        if self.manner and not (self.verb or self.direction or self.action):
            return "manner 修饰动词：请写 verb、direction 或 action，或删去 manner"
        if self.unit in POINTS and self.direction is None:
            return "“百分点”只用于比率的变化（如 提高3个百分点）：水平值写 %，并标明 rate: true"
        if "rate" not in self.model_fields_set and self._looks_like_rate():
            return (f"“{self.metric}”是比率，其变化通常以百分点表述：写 rate: true（读作“提高3个百分点”）；"
                    "确指相对变化（提高3%）时写 rate: false")
        if self.rate and self.direction is None and self.change is None:
            return "rate 只决定变化读作“百分点”：这一条没有变化（direction 或 change），请删去 rate"
        if self.rate and self.unit not in RATE_UNITS:
            return f"rate: true 表示比率类指标，单位应为 % 或 ‰，得到“{self.unit}”：请删去 rate，或改正单位"
        return self._figure_problem(change=self.direction is not None)


    def _looks_like_rate(self) -> bool:
        """A change in % of a metric named as a rate (…率, …比例): 百分点 or a relative change? Ask, never guess."""
        named = self.metric.endswith(("率", "比例", "比率"))
        flat = self.direction is not None and self.unit == "%"
        nested = self.change is not None and self.change.unit == "%" and self.unit == "%"
        return named and (flat or nested)


class Target(Statement):
    """A typed target (指标): 到2025年底，全省PM2.5平均浓度比2020年下降10%以上."""


class Rank(_Model):
    """居全省第二位 · 位居全省第二 · 排名全省第二 · 位列全省第二 (`verb`, `suffix`), after its aspect (改善幅度)."""

    position: int = Field(strict=True, ge=1)
    scope: Text                     # 如 全省
    aspect: Text | None = None      # 如 改善幅度
    verb: Literal["居", "位居", "排名", "位列"] = "居"
    suffix: Literal["位", "名", ""] | None = None    # 第二位 / 第二名 / 第二（不写：居 加“位”，其余不加）


class Achievement(Statement):
    """What was achieved: 全市优良天数比率为82.5%，同比提高3.3个百分点，改善幅度居全省第二位."""

    rank: Rank | None = None

    @model_validator(mode="before")
    @classmethod
    def _renamed(cls, data: Any) -> Any:
        if isinstance(data, dict) and "yoy" in data:
            raise ValueError("yoy 已改名为 change：请写 change: {direction: 下降, value: 7.1}"
                             "（默认 basis: 同比，也可写 较/比/与…相比 加 baseline_year 或 baseline）")
        return data


def _literal_choices(annotation: Any) -> tuple[str, ...]:
    """The words of a Literal field (through Optional), or () for a free field."""
    args = get_args(annotation)
    if getattr(annotation, "__origin__", None) is Literal:
        return tuple(args)
    return tuple(w for a in args for w in _literal_choices(a))


FIELD_CHOICES: dict[str, tuple[str, ...]] = {
    f"{prefix}{name}": words
    for prefix, model in (("", Achievement), ("change.", Change), ("rank.", Rank))
    for name, f in model.model_fields.items() if (words := _literal_choices(f.annotation))
} | {"direction": PREDICATES}
"""What a form offers for each choice field of a statement (verb, direction, basis, qualifier, manner, join,
deadline_form, change.*, rank.verb, rank.suffix), from the model itself; `direction` offers every predicate
word, since a level word there is read as the verb."""
