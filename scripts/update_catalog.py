"""Extract the TUI's messages and rebuild the zh_CN catalog: `python scripts/update_catalog.py`.

Translations live in drafter/locale/zh_CN/LC_MESSAGES/drafter.po (edit it there); this script adds new
msgids, keeps existing translations and compiles drafter.mo.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "drafter" / "locale" / "zh_CN" / "LC_MESSAGES" / "drafter.po"


def main() -> None:
    old = Catalog(locale="zh_CN")
    if PO.exists():
        with PO.open("rb") as fh:
            old = read_po(fh)
    cat = Catalog(locale="zh_CN", domain="drafter", project="drafter", charset="utf-8")
    for _file, _line, msgid, _comments, _ctx in extract_from_dir(ROOT / "drafter" / "tui", method_map=[("**.py", "python")]):
        prev = old.get(msgid)
        cat.add(msgid, prev.string if prev else "")
    with PO.open("wb") as fh:
        write_po(fh, cat, omit_header=False, sort_output=True, width=120)
    with PO.with_suffix(".mo").open("wb") as fh:
        write_mo(fh, cat)
    missing = [m.id for m in cat if m.id and not m.string]
    print(f"{len(cat)} messages, {len(missing)} untranslated" + (f": {missing}" if missing else ""))


if __name__ == "__main__":
    main()
