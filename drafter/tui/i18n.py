"""UI strings live in Babel message catalogs (drafter/locale); msgids are English, zh_CN is the default UI.

Set DRAFTER_LANG=en to see the msgids, the start of an English UI.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "drafter"


@functools.cache
def translations(lang: str):
    from babel.support import NullTranslations, Translations

    if lang.startswith("en"):
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), locales=[lang], domain=DOMAIN)


def _(message: str) -> str:
    return translations(os.environ.get("DRAFTER_LANG", "zh_CN")).gettext(message)
