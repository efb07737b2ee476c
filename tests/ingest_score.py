"""Score recognition against the hand-made key (tests/ingest_corpus_key.yaml) and count lost paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from drafter.ingest.patterns import flat, heading_label
from drafter.ingest.recognize import Recognized

KEY = Path(__file__).with_name("ingest_corpus_key.yaml")
FRAME = ("mark", "number", "signer", "title", "byline", "salutation", "addressee", "signature", "date", "attachment", "note",
         "cc", "printer")


def key() -> dict:
    return yaml.safe_load(KEY.read_text(encoding="utf-8"))


def score(rec: Recognized, entry: dict) -> dict:
    """Headings with the right level, frame parts recognized (by role and lines), headings where the key has none."""
    found: dict[int, tuple[str, int]] = {}
    for part in rec.parts:
        for w in part.where:
            found[w] = (part.role, part.level)
    want_levels = {line: lvl for lvl in (1, 2, 3, 4) for line in entry.get(f"h{lvl}", [])}
    right = sum(found.get(line) == ("heading", lvl) for line, lvl in want_levels.items())
    false = sorted(w for w, (role, _) in found.items() if role == "heading" and w not in want_levels)
    frame_total = frame_right = 0
    for role in FRAME:
        for item in entry.get(role, []):
            lines = item if isinstance(item, list) else [item]
            frame_total += 1
            parts = [p for p in rec.parts if p.role == role and p.where[: len(lines)] == lines]
            frame_right += bool(parts)
    return {"headings": len(want_levels), "headings_right": right, "false_headings": false,
            "frame": frame_total, "frame_right": frame_right}


def _norm(text: str) -> str:
    """flat(), and ---- (a web copy's ——) read as ——."""
    return re.sub(r"-{2,}|－{2,}", "——", flat(text))


def lost_paragraphs(paras_text: list[str], output_text: str) -> list[str]:
    """Source paragraphs whose words (label, spaces and punctuation width aside) are not in the output, in order."""
    out = _norm(output_text)
    lost, pos = [], 0
    for text in paras_text:
        body = _norm(text)
        label = heading_label(text)
        if label:
            body = _norm(label[2])
        at = out.find(body, pos) if body else pos
        if at < 0:
            at = out.find(body)
            if at < 0:
                lost.append(text)
                continue
        pos = at
    return lost
