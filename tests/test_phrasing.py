"""The phrase grammar for targets and achievements, and the numeral, date and list filters."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from drafter.cnnum import cn_count, cn_int, cn_year, num
from drafter.errors import CaseError
from drafter.facts.model import Achievement, Target
from drafter.phrasing import deadline_phrase, phrase, sentences
from drafter.pipeline import parse_case
from drafter.render.text import render_text
from drafter.templating.filters import date_cn, date_range, list_cn, percent

TABLE = yaml.safe_load((Path(__file__).parent / "phrasing" / "sentences.yaml").read_text(encoding="utf-8"))
MODELS = {"target": Target, "achievement": Achievement}


def _statement(row: dict):
    (key,) = [k for k in MODELS if k in row]
    return MODELS[key].model_validate(row[key])


@pytest.mark.parametrize("row", TABLE["says"], ids=[f"{i}-{r['form']}" for i, r in enumerate(TABLE["says"])])
def test_each_form_reads_as_written(row):
    assert phrase(_statement(row)) == row["says"]


@pytest.mark.parametrize("row", TABLE["groups"], ids=[r["form"] for r in TABLE["groups"]])
def test_grouped_statements_join_under_their_label(row):
    model = Target if "targets" in row else Achievement
    items = [model.model_validate(x) for x in row.get("targets") or row["achievements"]]
    assert sentences(items) == row["says"]


def test_the_table_covers_enough_sentences_and_every_refusal_has_a_form():
    assert len(TABLE["says"]) + sum(len(g["says"]) for g in TABLE["groups"]) >= 60
    assert len(TABLE["refused"]) >= 30


@pytest.mark.parametrize("row", TABLE["refused"], ids=[f"{i}-{r['form']}" for i, r in enumerate(TABLE["refused"])])
def test_impossible_combinations_are_located_errors_saying_what_to_write(row):
    """Through the real loader: the message is Chinese, names the statement and its line, and says what to write."""
    (key,) = [k for k in MODELS if k in row]
    text = (f"{key}s:\n  - " + json.dumps(row[key], ensure_ascii=False) + "\n"
            "documents:\n  - {id: s, kind: speech}\n")
    with pytest.raises(CaseError) as exc:
        parse_case(text, "case.yaml")
    (problem,) = exc.value.problems
    assert row["error"] in problem.message
    assert problem.file == "case.yaml" and problem.line == 2
    assert problem.path.startswith(f"{key}s[0]")


def test_the_same_statement_reads_the_same_in_every_kind(drafting):
    """One grammar: a target and an achievement read identically in speech, notice, report, news and host script."""
    base = """\
org: {name: 安澜市生态环境局, short: 市生态环境局, code: 安环发}
meeting: {name: 全市生态环境保护工作会议, date: 2026-03-12, host: zhao}
people: [{id: zhao, name: 赵刚, title: 局长}]
targets:
  - {id: t, action: 淘汰, metric: 燃煤锅炉, value: 11000, unit: 台, deadline: 2026-09}
achievements:
  - {id: a, scope: 全市, metric: 臭氧平均浓度, change: {basis: 同比, direction: 下降, value: 2.5, unit: "%"}}
documents:
"""
    docs = {
        "speech": "  - id: speech\n    kind: speech\n    outline: [{facts: targets}, {facts: achievements}]\n",
        "notice": "  - id: notice\n    kind: notice\n    outline: [{facts: targets}, {facts: achievements}]\n",
        "report": "  - id: report\n    kind: report\n    outline: [{facts: targets}, {facts: achievements}]\n",
        "news": "  - id: news\n    kind: news\n    outline: [{facts: targets}, {facts: achievements}]\n",
        "host": "  - id: host\n    kind: host\n    outline: [{facts: targets}, {facts: achievements}]\n",
    }
    for kind, doc in docs.items():
        cf = parse_case(base + doc, "case.yaml")
        text = render_text(drafting.build(cf, kind)[0]).decode()
        assert "2026年9月底前，淘汰燃煤锅炉1.1万台。" in text, kind
        assert "全市臭氧平均浓度同比下降2.5%。" in text, kind


def test_deadlines():
    from drafter.facts.types import Deadline

    assert deadline_phrase(Deadline(2025)) == "到2025年底"
    assert deadline_phrase(Deadline(2025), "short") == "2025年底前"
    assert deadline_phrase(Deadline(2025, 9)) == "2025年9月底前"
    assert deadline_phrase("长期坚持") == "长期坚持"


def test_numerals():
    assert [cn_int(i) for i in (1, 10, 11, 20, 32, 100, 105, 110)] == ["一", "十", "十一", "二十", "三十二", "一百", "一百零五", "一百一十"]
    assert cn_count(2) == "两" and cn_count(12) == "十二"
    assert cn_year(2020) == "二〇二〇"
    assert (num(15.0), num(80.3), num(0.1 + 0.2)) == ("15", "80.3", "0.3")


def test_babel_dates_lists_percent():
    assert date_cn(dt.date(2020, 8, 21)) == "2020年8月21日"
    assert date_cn(dt.date(2025, 1, 8), "chinese") == "二〇二五年一月八日"
    assert date_range(dt.date(2021, 4, 7), dt.date(2021, 5, 7)) == "2021年4月7日至5月7日"
    assert date_range(dt.date(2021, 12, 30), dt.date(2022, 1, 2)) == "2021年12月30日至2022年1月2日"
    assert list_cn(["A", "B", "C"]) == "A、B和C"
    assert percent(15) == "15%"


def _readme_forms() -> list[tuple[str, str, str]]:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- forms:start -->")[1].split("<!-- forms:end -->")[0]
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in table.strip().splitlines()[2:]]
    return [(form, fields.strip("`"), reads) for form, fields, reads in rows]


@pytest.mark.parametrize("form,fields,reads", _readme_forms(), ids=[r[0] for r in _readme_forms()])
def test_readme_examples_read_as_the_readme_says(form, fields, reads):
    data = yaml.safe_load(fields)
    model = Achievement if "rank" in data else Target
    assert phrase(model.model_validate(data)) == reads


def test_forms_offer_the_words_the_grammar_reads():
    """The TUI's forms offer the model's own words: changes and levels, verbs, bound words."""
    from drafter.facts.model import Achievement, Target
    from drafter.facts.statements import FIELD_CHOICES
    from drafter.tui.schema import form_fields

    assert FIELD_CHOICES["basis"] == ("同比", "环比", "比", "较", "与…相比")
    assert {"到…", "到…底", "…底前", "截至…"} <= set(FIELD_CHOICES["deadline_form"])
    target = {f.key: f for f in form_fields(Target) if f.sub is None}
    achievement = {f.key: f for f in form_fields(Achievement) if f.sub is None}
    assert {"上升", "下降", "好于"} <= set(target["direction"].choices)
    assert {"控制在", "达到", "不低于"} <= set(target["verb"].choices)
    assert not target["direction"].required          # an action or a state has no direction
    assert {"为", "达到", "突破"} <= set(achievement["verb"].choices) and not achievement["verb"].required
    assert {"多", "余", "左右", "以内"} <= set(target["qualifier"].choices)
