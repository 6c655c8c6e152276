"""The one font of every form: WenQuanYi Micro Hei from resources/fonts, registered once.

reportlab embeds a TrueType font as a subset of the glyphs used (a form is some 20–30 KB), so
a laptop without Chinese fonts prints the same characters. The built-in CID font STSong-Light
is never used: it is not embedded, and viewers without Chinese fonts show boxes.
"""

from __future__ import annotations

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from dangjian_desktop.paths import resource_path
from dangjian_desktop.reports.pdf import PrintError

FONT = "WenQuanYiMicroHei"
FONT_FILE = ("fonts", "wqy-microhei.ttc")

_lock = threading.Lock()


def register_font() -> str:
    """Register the CJK font with reportlab (once per process) and return its name."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT
    with _lock:
        if FONT in pdfmetrics.getRegisteredFontNames():
            return FONT
        try:
            path = resource_path(*FONT_FILE)
            font = TTFont(FONT, str(path), subfontIndex=0)
        except (OSError, FileNotFoundError) as exc:
            raise PrintError(f"找不到打印用的中文字体（{'/'.join(FONT_FILE)}）：{exc}。请重新安装党建通。") from exc
        pdfmetrics.registerFont(font)
        # The font has one weight: <b> and <i> in a Paragraph map to it instead of failing.
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(FONT, bold, italic, FONT)
    return FONT


def missing_glyphs(text: str) -> set[str]:
    """Characters of `text` the font cannot draw (they would print as an empty box)."""
    face = pdfmetrics.getFont(register_font()).face
    return {ch for ch in set(text) if ord(ch) not in face.charToGlyph and not ch.isspace()}
