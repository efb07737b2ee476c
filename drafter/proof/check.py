"""Check .txt, .docx and case files; fix .txt and .docx atomically, keeping the original as a backup."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.errors import CaseError, WriteError
from drafter.problems import Problem, Severity
from drafter.proof import text_rules  # noqa: F401 - registers the text rules
from drafter.proof.config import config_files, load_config
from drafter.proof.engine import RULES, apply_fixes, check_lines
from drafter.textfile import encode_like, read_decoded

MAX_BYTES = 20 * 1024 * 1024


def all_rules() -> dict[str, tuple[str, str]]:
    """rule id → (severity, title) for every rule, text and .docx."""
    from drafter.proof.docx_rules import DOCX_RULES

    out = {rid: (r.severity.value, r.title) for rid, r in RULES.items()}
    out.update({rid: ({"E": "错误", "W": "警告", "I": "提示"}[sev], title) for rid, (sev, title) in DOCX_RULES.items()})
    out["DR-FACT-01"] = ("警告", "自定义文字中的数字与案卷事实不一致")
    return out


def config() -> dict:
    """The rules' levels from the proofread.yaml files; without any, the built-in levels (and no YAML or .docx rules
    are imported just to learn the rule ids no file names)."""
    files = config_files()
    return load_config(set(all_rules()), files) if files else {}


def read_document_text(path: Path) -> tuple[str, str]:
    """Text of a .txt from the field: UTF-8, else GB18030 (what Chinese Windows saves); never binary."""
    return read_decoded(path, max_bytes=MAX_BYTES, encodings=("utf-8-sig", "gb18030"), hint="请选择 .txt、.docx 或案卷文件")


def check_text(text: str, file: str, cfg: dict | None = None) -> list[Problem]:
    return check_lines(text.splitlines(), file, cfg if cfg is not None else config())


def _open_docx(path: Path):
    from drafter.docx_input import open_document

    return open_document(path)


_BROKEN = (KeyError, AttributeError, IndexError, ValueError, TypeError)
"""What python-docx raises on a package whose parts or relationships are missing (rId9 pointing nowhere)."""


def check_docx(path: Path, cfg: dict) -> list[Problem]:
    from drafter.proof.docx_rules import check_docx_xml

    doc = _open_docx(path)
    try:
        lines = [p.text for p in doc.paragraphs]
        found = [Problem(p.message, file=p.file, line=p.line, severity=p.severity, rule=p.rule, column=p.column,
                         fix=p.fix, path="段落") for p in check_lines(lines, str(path), cfg)]
        return found + check_docx_xml(doc, str(path), cfg)
    except _BROKEN:
        raise CaseError(Problem("文件结构不完整（缺少部件或关系），无法校对：请用 Word 或 WPS 打开后另存为 .docx 再试",
                                file=str(path))) from None


def check_case(path: Path, cfg: dict) -> list[Problem]:
    from drafter.pipeline import Drafting, load_case
    from drafter.render.text import render_text

    cf = load_case(path)
    drafting = Drafting()
    out: list[Problem] = []
    for tree in drafting.build(cf):
        out += check_lines(render_text(tree).decode("utf-8").splitlines(), f"{path}（{tree.id}）", cfg)
    if not ("DR-FACT-01" in cfg and cfg["DR-FACT-01"] is None):
        out += facts_in_overrides(cf, cfg.get("DR-FACT-01") or Severity.WARNING)
    return out


def facts_in_overrides(cf, severity: Severity) -> list[Problem]:
    """A figure typed in free text must agree with the fact it names, and with other free text."""
    facts: dict[str, set[str]] = {}
    from drafter.cnnum import num

    for s in [*cf.case.targets, *cf.case.achievements]:
        for figure in (s, s.change):
            values = figure.value if figure is not None else None
            for v in values if isinstance(values, list) else [values] if values is not None else []:
                facts.setdefault(s.metric, set()).add(num(v))
    quoted: dict[str, dict[str, tuple]] = {}
    out: list[Problem] = []
    for i, doc in enumerate(cf.case.documents):
        for slot, text in doc.overrides.items():
            where = ("documents", i, "overrides", slot)
            for metric, values in facts.items():
                for m in re.finditer(re.escape(metric), text):
                    tail = text[m.end(): m.end() + 30].split("。")[0]
                    for n in re.findall(r"(\d+(?:\.\d+)?)", tail):
                        if re.fullmatch(r"(19|20)\d\d", n) and f"{n}年" in tail:
                            continue   # a year, not the figure
                        quoted.setdefault(metric, {}).setdefault(n, where)
                        if n not in values:
                            p = cf.problem(where, f"“{metric}”在自定义文字中写作{n}，与案卷事实（{'、'.join(sorted(values))}）不一致")
                            out.append(Problem(p.message, file=p.file, line=p.line, path=p.path, severity=severity,
                                               rule="DR-FACT-01"))
    return out


def backup_path(path: Path) -> Path:
    candidate = path.with_name(f"{path.stem}.bak{path.suffix}")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.bak{n}{path.suffix}")
        n += 1
    return candidate


def fix_text_file(path: Path, cfg: dict) -> tuple[str, Path | None]:
    text, encoding = read_document_text(path)
    before = text.splitlines(keepends=False)
    after = apply_fixes(list(before), cfg)
    if after == before:
        return "", None
    newline = "\r\n" if "\r\n" in text else "\n"
    out = newline.join(after) + (newline if text.endswith(("\n", "\r")) else "")
    backup = _replace_keeping_backup(path, encode_like(out, encoding))
    return _diff(before, after, path), backup


def fix_docx_file(path: Path, cfg: dict) -> tuple[str, Path | None, int]:
    """Fix within runs only (formatting kept); a fix whose text spans runs is left for the user."""
    import io

    doc = _open_docx(path)
    before = [p.text for p in doc.paragraphs]
    skipped = 0
    for p in doc.paragraphs:
        skipped += _fix_paragraph(p, cfg)
    after = [p.text for p in doc.paragraphs]
    if after == before:
        return "", None, skipped
    buf = io.BytesIO()
    doc.save(buf)
    return _diff(before, after, path), _replace_keeping_backup(path, buf.getvalue()), skipped


def _replace_keeping_backup(path: Path, data: bytes) -> Path:
    """The fixed file, written only once it is known to be writable; the original kept beside it first."""
    import shutil

    from drafter.atomic import prepare

    pending = prepare(path, data)          # refuses a read-only file before any backup is made
    backup = backup_path(path)
    try:
        shutil.copy2(path, backup)
    except OSError as exc:
        pending.discard()
        raise WriteError(Problem(f"无法保存原文件的备份：{exc.strerror or exc}，未作改动", file=str(backup))) from None
    pending.commit()
    return backup


def _fix_paragraph(p, cfg: dict) -> int:
    import difflib

    runs = p.runs
    if not runs:
        return 0
    text = "".join(r.text for r in runs)
    fixed = apply_fixes([text], cfg)[0]
    if fixed == text:
        return 0
    matcher = difflib.SequenceMatcher(a=text, b=fixed, autojunk=False)
    bounds, pos = [], 0
    for r in runs:
        bounds.append((pos, pos + len(r.text)))
        pos += len(r.text)
    new_texts = [r.text for r in runs]
    skipped = 0
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        k = next((k for k, (s, e) in enumerate(bounds) if s <= i1 and (i2 <= e if i2 > i1 else i1 <= e)), None)
        if k is None or (i2 > i1 and i2 > bounds[k][1]):
            skipped += 1
            continue
        s = bounds[k][0]
        new_texts[k] = new_texts[k][: i1 - s] + fixed[j1:j2] + new_texts[k][i2 - s:]
    for r, t in zip(runs, new_texts, strict=True):
        if r.text != t:
            r.text = t
    return skipped


def _diff(before: list[str], after: list[str], path: Path) -> str:
    import difflib

    return "\n".join(difflib.unified_diff(before, after, fromfile=f"{path}（原文）", tofile=f"{path}（修改后）", lineterm=""))
