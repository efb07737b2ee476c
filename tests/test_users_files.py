"""The user's files keep what they had: --fix keeps mode, owner and links, writes through a symlink, refuses a
read-only file; permission problems are Chinese messages with exit 2; a killed export leaves no temp files
behind once the next run is done; encodings are read or refused by name; nothing raw reaches the terminal."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import PLAN
from drafter.cli import main

FIXABLE = "关于做好安全工作的通知\n各单位:\n    现将有关事项通知如下。\n"
FIXED = "关于做好安全工作的通知\n各单位：\n    现将有关事项通知如下。\n"


def _txt(tmp_path, name="通知.txt", mode=0o644):
    path = tmp_path / name
    path.write_text(FIXABLE, encoding="utf-8")
    path.chmod(mode)
    return path


def _docx(tmp_path, mode=0o644):
    import docx

    d = docx.Document()
    d.add_paragraph("各单位:")
    path = tmp_path / "通知.docx"
    d.save(str(path))
    path.chmod(mode)
    return path


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_fix_keeps_a_private_mode(tmp_path, capsys, kind):
    path = _txt(tmp_path, mode=0o600) if kind == "txt" else _docx(tmp_path, mode=0o600)
    main(["check", "--fix", str(path)])
    assert "已改正" in capsys.readouterr().out
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("kind", ["txt", "docx"])
def test_fix_refuses_a_read_only_file(tmp_path, capsys, kind):
    path = _txt(tmp_path, mode=0o444) if kind == "txt" else _docx(tmp_path, mode=0o444)
    before = path.read_bytes()
    assert main(["check", "--fix", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}：文件是只读的，未作改动" in err
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]   # no backup, no temp file


def test_fix_writes_through_a_symlink(tmp_path, capsys):
    target = _txt(tmp_path, "real.txt", mode=0o640)
    link = tmp_path / "通知.txt"
    link.symlink_to("real.txt")
    main(["check", "--fix", str(link)])
    capsys.readouterr()
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert target.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_fix_keeps_hard_links(tmp_path, capsys):
    path = _txt(tmp_path)
    other = tmp_path / "copy.txt"
    os.link(path, other)
    inode = path.stat().st_ino
    main(["check", "--fix", str(path)])
    capsys.readouterr()
    assert path.stat().st_ino == inode and path.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == FIXED


def test_fix_keeps_utf16_and_its_byte_order_mark(tmp_path, capsys):
    path = tmp_path / "通知.txt"
    path.write_bytes(b"\xff\xfe" + FIXABLE.encode("utf-16-le"))
    main(["check", "--fix", str(path)])
    capsys.readouterr()
    assert path.read_bytes() == b"\xff\xfe" + FIXED.encode("utf-16-le")


def _unprivileged(command: list[str]) -> list[str]:
    """Root ignores file modes; without its capabilities to override them it meets them like any user."""
    if os.getuid() == 0:
        return ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--", *command]
    return command


def test_read_only_folder_is_a_message_not_a_crash():
    """check --fix and drafter new in a folder the user cannot write: exit 2, Chinese, nothing written."""
    folder = Path(tempfile.mkdtemp(prefix="drafter-ro-"))
    try:
        path = folder / "通知.txt"
        path.write_text(FIXABLE, encoding="utf-8")
        path.chmod(0o666)
        folder.chmod(0o555)
        env = {**os.environ, "DRAFTER_USER_LIBRARY": str(folder / "lib"), "HOME": str(folder), "DRAFTER_CACHE_DIR": str(folder / "c")}
        for args in (["check", "--fix", str(path)], ["new", "speech", "-o", str(folder / "new.yaml")]):
            r = subprocess.run(_unprivileged([sys.executable, "-m", "drafter", *args]), capture_output=True, text=True,
                               env=env, timeout=60)
            assert r.returncode == 2, r.stderr
            assert "没有写入权限" in r.stderr or "无法保存原文件的备份" in r.stderr, r.stderr
            assert "Traceback" not in r.stderr and "PermissionError" not in r.stderr
        assert sorted(p.name for p in folder.iterdir()) == ["通知.txt"]
        assert path.read_text(encoding="utf-8") == FIXABLE
    finally:
        folder.chmod(0o755)
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


def test_unreadable_file_is_a_message():
    folder = Path(tempfile.mkdtemp(prefix="drafter-nr-"))
    try:
        folder.chmod(0o755)
        case = folder / "case.yaml"
        case.write_text(PLAN.read_text(encoding="utf-8"), encoding="utf-8")
        case.chmod(0o000)
        env = {**os.environ, "DRAFTER_USER_LIBRARY": str(folder / "lib"), "HOME": str(folder), "DRAFTER_CACHE_DIR": str(folder / "c")}
        for args in (["render", str(case)], ["check", str(case)]):
            r = subprocess.run(_unprivileged([sys.executable, "-m", "drafter", *args]), capture_output=True, text=True,
                               env=env, timeout=60)
            assert r.returncode == 2 and f"{case}：没有读取这个文件的权限" in r.stderr, r.stderr
    finally:
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


def test_a_killed_export_leaves_no_temp_files_after_the_next_run(tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "DRAFTER_USER_LIBRARY": str(tmp_path / "lib")}
    command = [sys.executable, "-m", "drafter", "render", str(PLAN), "--to", "docx", "-o", str(out)]
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=120)
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    killed = 0
    for delay in (0.03, 0.06, 0.1, 0.15, 0.2, 0.3, 0.5, 0.9):   # a warm render takes ~0.2 s: kill early too
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait()
        for p in out.iterdir():     # never half a file: every document is the whole of one run
            if not p.name.startswith("."):
                assert p.read_bytes() == first[p.name], p.name
    (out / f".{next(iter(first))}.999999999.abcd.tmp").write_bytes(b"half")    # a dead run's leftover
    subprocess.run(command, check=True, capture_output=True, env=env, timeout=120)
    assert sorted(p.name for p in out.iterdir()) == sorted(first), "temp files left behind"
    assert killed >= 1


def test_export_writes_all_or_nothing(tmp_path, drafting):
    from drafter.errors import ExportError
    from drafter.pipeline import load_case

    cf = load_case(PLAN)
    out = tmp_path / "out"
    out.mkdir()
    (out / "provincial-plan-notice.txt").mkdir()          # the second document cannot be written
    with pytest.raises(ExportError) as info:
        drafting.export(cf, out, "text")
    assert "provincial-plan-notice.txt" in str(info.value)
    assert sorted(p.name for p in out.iterdir()) == ["provincial-plan-notice.txt"]   # the speech was not written either


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                          ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff")])
def test_unicode_with_a_byte_order_mark_is_read(tmp_path, capsys, encoding, bom):
    path = tmp_path / "通知.txt"
    path.write_bytes(bom + FIXABLE.encode(encoding))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:2:4 [GW-PUNC-01" in out


@pytest.mark.parametrize("codec,name", [("big5", "Big5"), ("shift_jis", "Shift-JIS")])
def test_other_cjk_encodings_are_refused_by_name(tmp_path, capsys, codec, name):
    text = {"big5": "關於做好安全生產工作的通知\n各單位：現將有關事項通知如下，請認真貫徹執行。\n",
            "shift_jis": "安全管理についてのお知らせ\n各部署の皆様へ、以下のとおりお知らせします。よろしくお願いします。\n"}[codec]
    path = tmp_path / "通知.txt"
    path.write_bytes(text.encode(codec))
    assert main(["check", str(path)]) == 2
    assert f"{path}：文件似乎是 {name}" in capsys.readouterr().err


def test_gb18030_still_reads(tmp_path, capsys):
    path = tmp_path / "通知.txt"
    path.write_bytes(FIXABLE.encode("gb18030"))
    assert main(["check", str(path)]) == 1
    assert "GW-PUNC-01" in capsys.readouterr().out


def test_escape_sequences_never_reach_the_terminal(tmp_path, capsys):
    path = tmp_path / "通知.txt"
    path.write_text("各单位:\x1b]0;pwned\x07\x1b[2J\x9b31m现将有关事项通知如下\u202e。\n", encoding="utf-8")
    main(["check", "--fix", str(path)])
    out, err = capsys.readouterr()
    assert "已改正" in out and "-各单位:" in out and "+各单位：" in out
    for ch in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert ch not in out + err
