"""Which characters may reach a document, a message or a terminal: one definition for the whole program.

Documents are XML, so characters XML cannot hold (C0/C1 controls, U+FFFE, lone surrogates) would corrupt a .docx;
bidirectional controls (U+202E …) reorder what the reader sees; escape sequences repaint a terminal. Zero-width,
line-separator and private-use characters are invisible in print and are dropped from documents too.
"""

from __future__ import annotations

import functools
import re

_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"

_FORBIDDEN = f"[{_CONTROLS}{_BIDI}{_NONCHARACTERS}\ud800-\udfff]"


@functools.cache
def forbidden() -> re.Pattern:
    """Never legitimate in a case or library file: refused where they are typed, with the line.

    The patterns are compiled on first use: a class of thousands of characters takes Python's regex compiler
    ~1 ms, which `drafter check` paid at start-up for text that holds none of them (str.isprintable says so)."""
    return re.compile(_FORBIDDEN)


@functools.cache
def unsafe() -> re.Pattern:
    """Stripped from every text that reaches a document (defence in depth: templates can build any character)."""
    return re.compile(f"[{_CONTROLS}{_BIDI}{_NONCHARACTERS}\ud800-\udfff\u200b-\u200d\u2028\u2029\ufeff"
                      f"\ue000-\uf8ff\U000e0000-\U000e007f\U000f0000-\U0010ffff]")


@functools.cache
def _escape() -> re.Pattern:
    return re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")


def strip_unsafe(text: str) -> str:
    """`text` without unsafe() characters. Every one of them is in Unicode's Other or Separator classes, so text that
    str.isprintable() passes has none (tests/test_hostile_cases.py proves it over all of Unicode): that check
    costs a tenth of the pattern's scan, which drafting ran over every paragraph and table cell."""
    return text if text.isprintable() else unsafe().sub("", text)


def for_terminal(text: str) -> str:
    """Text safe to print: escape sequences and controls (but line breaks and tabs) shown as nothing, bidi dropped.
    Text that str.isprintable() passes holds neither (both are Other characters)."""
    return text if text.isprintable() else forbidden().sub("", _escape().sub("", text))


def describe(char: str) -> str:
    return f"U+{ord(char):04X}"
