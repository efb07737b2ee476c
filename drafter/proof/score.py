"""Measure the proofreader on a labelled set: documents plus `labels.yaml` listing [line, rule] per planted error.

An office can build its own set from documents reviewers sent back and measure the rules on it.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass
from pathlib import Path

import yaml

from drafter.proof.check import check_text


@dataclass(frozen=True)
class Score:
    planted: int
    found: int
    false_alarms: int

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0


def score_labelled(folder: Path, config: dict | None = None) -> Score:
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    tp = fp = fn = 0
    for name, want in labels.items():
        text = (folder / name).read_text(encoding="utf-8")
        got = collections.Counter((p.line, p.rule) for p in check_text(text, name, config or {})
                                  if p.severity.name != "INFO")
        exp = collections.Counter((line, rule) for line, rule in want)
        for key in set(got) | set(exp):
            tp += min(got[key], exp[key])
            fp += max(0, got[key] - exp[key])
            fn += max(0, exp[key] - got[key])
    return Score(tp + fn, tp, fp)
