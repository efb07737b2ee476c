"""Templates, fragments and starters are found from an installed wheel, not only from a checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from conftest import EXAMPLES, ROOT


def test_wheel_carries_data_and_renders(tmp_path):
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheel_dir), str(ROOT)],
        check=True, capture_output=True,
    )
    wheel = next(wheel_dir.glob("drafter-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("drafter/_data/outlines/speech.yaml", "drafter/_data/fragments/notice.yaml",
                   "drafter/_data/starters/speech.yaml"):
        assert needed in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    r = subprocess.run([sys.executable, "-m", "drafter", "render", str(EXAMPLES[0]), "--doc", "speech"],
                       capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 0, r.stderr
    assert "下面，我讲三点意见。" in r.stdout
    r = subprocess.run([sys.executable, "-c", "import drafter.resources as r; print(r.bundled('outlines'))"],
                       capture_output=True, text=True, cwd=tmp_path, env=env)
    assert str(target) in r.stdout
