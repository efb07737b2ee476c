"""`drafter fragments harvest`: fragments proposed from an existing document, by slot, with the case's facts
as variables and the source as provenance; written only when the user agrees, and sound by `fragments check`."""

from __future__ import annotations

import yaml

from conftest import GOLDEN, PLAN
from drafter.cli import main
from drafter.pipeline import Drafting, load_case
from drafter.templating.fragments import load_library


def _written(lib):
    files = sorted((lib / "fragments").glob("harvest-*.yaml"))
    assert len(files) == 1, files
    return files[0], yaml.safe_load(files[0].read_text(encoding="utf-8"))["fragments"]


def test_speech_fragments_with_the_cases_facts_as_variables(isolated_library, capsys):
    src = GOLDEN / "provincial-plan-speech.txt"
    assert main(["fragments", "harvest", str(src), "--kind", "speech", "--case", str(PLAN), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "检查：通过" in out
    _, frags = _written(isolated_library)
    by_slot = {f["slot"]: f for f in frags}
    assert set(by_slot) == {"opening", "review", "thanks", "transition", "closing"}
    assert by_slot["opening"]["text"].startswith("今天召开{{ meeting.name }}，")
    assert "安排部署{{ meeting.date.year }}年重点任务" in by_slot["opening"]["text"]   # the meeting's year
    assert "回顾总结2025年" in by_slot["opening"]["text"]                               # not a fact of the case
    assert by_slot["transition"]["text"].endswith("下面，我讲{{ count('points') }}点意见。")
    assert by_slot["opening"]["vars"] == ["meeting.name", "meeting.date"]
    assert by_slot["closing"]["provenance"]["source"] == "provincial-plan-speech.txt 第26行"
    # the fragments are usable: the case drafts with the harvested transition in its slot
    lib = load_library()
    fid = by_slot["transition"]["id"]
    assert lib.get(fid) is not None
    text = PLAN.read_text(encoding="utf-8").replace("transition: speech.transition.points", f"transition: {fid}")
    case = isolated_library / "case.yaml"
    case.write_text(text, encoding="utf-8")
    assert f"transition: {fid}" in text
    trees = Drafting(lib).build(load_case(case))
    speech = next(t for t in trees if t.kind == "speech")
    assert any("下面，我讲三点意见。" in getattr(b, "text", "") for b in speech.blocks)
    assert main(["fragments", "check"]) == 0


def test_notice_slots_and_facts_from_the_document_itself(isolated_library, capsys):
    src = GOLDEN / "provincial-plan-notice.txt"
    assert main(["fragments", "harvest", str(src), "--kind", "notice", "--yes"]) == 0
    _, frags = _written(isolated_library)
    slots = [f["slot"] for f in frags]
    assert slots.count("principles") == 4 and slots.count("safeguards") == 4
    assert {"notice_purpose", "notice_issue", "plan_preamble", "guiding", "goals"} <= set(slots)
    issue = next(f for f in frags if f["slot"] == "notice_issue")
    assert issue["text"] == "现印发给你们，请结合实际，认真贯彻落实。"
    safeguard = next(f for f in frags if f["slot"] == "safeguards")
    assert safeguard["heading"] == "加强组织领导" and not safeguard["text"].startswith("加强组织领导")
    principle = next(f for f in frags if f["slot"] == "principles")
    assert principle["text"].startswith("坚持服务大局")                        # the —— label is the outline's
    preamble = next(f for f in frags if f["slot"] == "plan_preamble")
    assert "{{ org.name }}" not in preamble["text"]                             # 陕西省生态环境厅 is not in it
    purpose = next(f for f in frags if f["slot"] == "notice_purpose")
    assert purpose["text"].endswith("《2026年全省生态环境保护工作实施方案》。")
    assert main(["fragments", "check"]) == 0


def test_nothing_written_without_consent(isolated_library, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["fragments", "harvest", str(GOLDEN / "provincial-plan-speech.txt"), "--kind", "speech"]) == 0
    assert "未写入：确认无误后加 --yes" in capsys.readouterr().out
    assert not (isolated_library / "fragments").exists()


def test_harvest_bad_input_and_unknown_kind(tmp_path, capsys):
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"garbage")
    assert main(["fragments", "harvest", str(bad), "--kind", "speech", "--yes"]) == 2
    assert f"{bad}：无法打开 .docx" in capsys.readouterr().err
    assert main(["fragments", "harvest", str(GOLDEN / "provincial-plan-speech.txt"), "--kind", "memo"]) == 2
    assert "未知文种“memo”" in capsys.readouterr().err
