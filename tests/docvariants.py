"""Every kind of .docx drafter writes, from the examples and variants of the provincial case's options."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, PLAN

NOTICE_OPTIONS = "      task_table: true          # 方案后附重点任务分解表"
SPEECH_OPTIONS = "      page_numbers: outside     # 讲话稿默认页码居中；此处按公文单页右、双页左排"

# name: (replace this line of the provincial case, with these lines)
VARIANTS = {
    "windows": (NOTICE_OPTIONS, NOTICE_OPTIONS + "\n      fonts: windows"),
    "founder": (NOTICE_OPTIONS, NOTICE_OPTIONS + "\n      fonts: founder"),
    "sealed": (NOTICE_OPTIONS, NOTICE_OPTIONS + "\n      seal: sealed"),
    "signer": ("    number: 18", "    number: 18\n    signer: 张建国\n    urgency: 特急"),
    "centre": (SPEECH_OPTIONS, "      page_numbers: center"),
    "auto": (SPEECH_OPTIONS, "      page_numbers: auto"),
}


def variant(tmp_path: Path, name: str, extra: tuple[str, str] | None = None) -> Path:
    """The provincial case with one variant's change (and optionally one more), written under tmp_path."""
    text = PLAN.read_text(encoding="utf-8")
    for old, new in [VARIANTS[name]] + ([extra] if extra else []):
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def all_cases(tmp_path: Path) -> list[Path]:
    return list(EXAMPLES) + [variant(tmp_path, name) for name in VARIANTS]
