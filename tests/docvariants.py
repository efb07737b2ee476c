"""Every kind of .docx drafter writes, from the examples and variants of the provincial case's options."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, PLAN

NOTICE_OPTIONS = "      task_table: true          # 方案后附重点任务分解表"
SPEECH_OPTIONS = "      page_numbers: outside     # 讲话稿默认页码居中；此处按公文单页右、双页左排"

# name: (replace this line of the provincial case, with these lines)
VARIANTS = {
    "plain": (NOTICE_OPTIONS, NOTICE_OPTIONS),
    "windows": (NOTICE_OPTIONS, NOTICE_OPTIONS + "\n      fonts: windows"),
    "founder": (NOTICE_OPTIONS, NOTICE_OPTIONS + "\n      fonts: founder"),
    "sealed": (NOTICE_OPTIONS, NOTICE_OPTIONS + "\n      seal: sealed"),
    "mirror": (NOTICE_OPTIONS, NOTICE_OPTIONS + "\n      mirror_margins: true"),
    "signer": ("    number: 18", "    number: 18\n    signer: 张建国\n    urgency: 特急"),
    "centre": (SPEECH_OPTIONS, "      page_numbers: center"),
    "auto": (SPEECH_OPTIONS, "      page_numbers: auto"),
    # names outside GB2312 (仿宋_GB2312 and 楷体_GB2312 have no glyph for them)
    "rare": ("    cc: [生态环境部办公厅, 省委办公厅, 省政府办公厅]", "    cc: [生态环境部办公厅, 省委办公厅, 赟珺县人民政府]\n    signer: 王喆"),
}
LAST_TASK = "        deadline: 长期坚持\n"
EXTRA_TASK = ("      - title: 强化生态环境执法监管{k}\n        measures: 开展专项执法行动。\n        lead: [执法局]\n"
              "        units: [各设区市生态环境局]\n        deadline: 2026-12\n")


def tasks(k: int) -> tuple[str, str]:
    """An extra change for variant(): k more tasks in the plan's task table (8 fill its last page to the bottom)."""
    return LAST_TASK, LAST_TASK + "".join(EXTRA_TASK.format(k=i) for i in range(k))


def variant(tmp_path: Path, name: str, extra: tuple[str, str] | None = None) -> Path:
    """The provincial case with one variant's change (and optionally one more), written under tmp_path."""
    text = PLAN.read_text(encoding="utf-8")
    changes = ([VARIANTS[name]] if name in VARIANTS else []) + ([extra] if extra else [])
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def all_cases(tmp_path: Path) -> list[Path]:
    return list(EXAMPLES) + [variant(tmp_path, name) for name in VARIANTS]
