"""Shared fixtures: the real pipeline, the real CLI in a subprocess, isolated user libraries."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
GOLDEN = ROOT / "tests" / "golden"
PLAN = ROOT / "examples" / "provincial-plan.yaml"


# One cache folder for the whole run, set before any module builds a Drafting: the reference packages are
# built once, as on a user's machine, and the developer's own cache is never read or written.
_CACHE = tempfile.mkdtemp(prefix="drafter-test-cache-")
os.environ["DRAFTER_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def session_cache():
    return Path(_CACHE)


@pytest.fixture(scope="session", autouse=True)
def session_isolation(tmp_path_factory, session_cache):
    """Module- and session-scoped fixtures run before the per-test isolation below: give them an empty library
    and the session cache too, never the developer's own (which other checkouts on the machine share)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("DRAFTER_USER_LIBRARY", str(tmp_path_factory.mktemp("session-userlib")))
    mp.setenv("DRAFTER_CACHE_DIR", str(session_cache))
    mp.delenv("DRAFTER_TEAM_LIBRARY", raising=False)
    yield
    mp.undo()


@pytest.fixture(autouse=True)
def isolated_library(tmp_path_factory, monkeypatch, session_cache):
    """Never read the developer's own library nor cache: each test gets an empty user library folder."""
    lib = tmp_path_factory.mktemp("userlib")
    monkeypatch.setenv("DRAFTER_USER_LIBRARY", str(lib))
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(session_cache))
    monkeypatch.delenv("DRAFTER_TEAM_LIBRARY", raising=False)
    return lib


@pytest.fixture(scope="session")
def drafting():
    from drafter.pipeline import Drafting

    return Drafting()


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args], capture_output=True, text=True, cwd=cwd, env=full_env, timeout=120
    )


@pytest.fixture
def cli():
    return run_cli
