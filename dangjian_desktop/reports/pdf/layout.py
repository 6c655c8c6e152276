"""The page every form shares: A4 (portrait or landscape), the organisation and period in the
header, "第 X 页 共 Y 页" in the footer, the text styles, and the atomic write of the file.
Ruled tables are in `tables`, signature lines, seal boxes and reused parts in `flowables`.

Page numbers count within a *section*: one PDF holding a form for every member numbers each
member's pages on their own ("第 1 页 共 1 页" on each), because each form is signed and filed
alone. A form that is one section numbers its pages across the whole file.
"""

from __future__ import annotations

import functools
import os
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, PageTemplate, Paragraph, Spacer
from reportlab.platypus.doctemplate import LayoutError

from dangjian_desktop.reports.pdf import PrintError
from dangjian_desktop.reports.pdf.fonts import FONT, register_font

MARGIN_PORTRAIT = (18 * mm, 15 * mm, 18 * mm, 15 * mm)  # top, right, bottom, left
MARGIN_LANDSCAPE = (15 * mm, 10 * mm, 14 * mm, 10 * mm)
HEADER_GREY = colors.HexColor("#E6E6E6")
MARK_GREY = colors.HexColor("#D9D9D9")
INK_GREY = colors.HexColor("#555555")
CELL_PAD = 3


@dataclass(frozen=True)
class PageInfo:
    """What the header and footer of every page say."""

    title: str  # the form's name, in the footer and the PDF's metadata
    org_name: str
    period: str  # 2026 年度, 2026 年度第三季度, a meeting's date …
    printed_on: date
    landscape: bool = False

    @property
    def size(self) -> tuple[float, float]:
        return landscape(A4) if self.landscape else A4

    @property
    def margins(self) -> tuple[float, float, float, float]:
        return MARGIN_LANDSCAPE if self.landscape else MARGIN_PORTRAIT

    @property
    def frame_width(self) -> float:
        _top, right, _bottom, left = self.margins
        return self.size[0] - left - right

    @property
    def frame_height(self) -> float:
        top, _right, bottom, _left = self.margins
        return self.size[1] - top - bottom


# -- styles ------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def paragraph_style(size: float = 9, align: str = "LEFT", leading: float | None = None,
                    colour: str | None = None, indent: float = 0) -> ParagraphStyle:
    """A style in the form's font; CJK word wrap breaks between any two Chinese characters."""
    register_font()
    return ParagraphStyle(
        f"dj-{size}-{align}-{leading}-{colour}-{indent}", fontName=FONT, fontSize=size, firstLineIndent=indent,
        leading=leading or round(size * 1.3, 1), wordWrap="CJK",
        alignment={"LEFT": TA_LEFT, "CENTER": TA_CENTER, "RIGHT": TA_RIGHT}[align],
        textColor=colors.HexColor(colour) if colour else colors.black,
    )


@functools.lru_cache(maxsize=None)
def _heading_style() -> ParagraphStyle:
    return ParagraphStyle("dj-heading", parent=paragraph_style(11.5, "LEFT", 16), spaceAfter=1 * mm)


def styles() -> SimpleNamespace:
    return SimpleNamespace(
        title=paragraph_style(18, "CENTER", 23),
        subtitle=paragraph_style(11, "CENTER", 15),
        heading=_heading_style(),
        body=paragraph_style(10.5, "LEFT", 16),
        note=paragraph_style(8.5, "LEFT", 11.5, "#444444"),
    )


def para(text: object, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    body = escape("" if text is None else str(text)).replace("\n", "<br/>")
    return Paragraph(body, style or styles().body)


def heading(text: str) -> Paragraph:
    return para(text, styles().heading)


def section(title: str, body: Flowable, *, keep: float = 35 * mm) -> list[Flowable]:
    """A heading and what follows it: the heading moves to the next page when less than `keep`
    is left below it, instead of standing alone at the foot of a page; a long body still splits."""
    return [CondPageBreak(keep), heading(title), body]


def title_block(title: str, subtitle: str | None = None) -> list[Flowable]:
    out: list[Flowable] = [para(title, styles().title)]
    if subtitle:
        out.append(para(subtitle, styles().subtitle))
    out.append(Spacer(1, 2 * mm))
    return out


# -- page numbering and the document -------------------------------------------------------------

class SectionMark(Flowable):
    """Starts a new page-numbering group (one member's form); steps the progress when drawn."""

    _ZEROSIZE = 1

    def __init__(self, key: object, progress=None):
        super().__init__()
        self.key, self.progress = key, progress

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.canv._dj_section = self.key
        if self.progress is not None:
            self.progress.step()


class NumberedCanvas(Canvas):
    """Keeps every page until the end, then writes "第 X 页 共 Y 页" on each (one pass of layout)."""

    def __init__(self, *args, page_info: PageInfo, **kwargs):
        kwargs["initialFontName"] = FONT  # no unembedded Helvetica anywhere in the file
        super().__init__(*args, **kwargs)
        self._dj_info = page_info
        self._dj_section = None
        self._dj_pages: list[dict] = []

    def showPage(self):
        self._dj_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        totals = Counter(page["_dj_section"] for page in self._dj_pages)
        counted: Counter = Counter()
        for page in self._dj_pages:
            self.__dict__.update(page)
            counted[self._dj_section] += 1
            self._draw_footer(counted[self._dj_section], totals[self._dj_section])
            Canvas.showPage(self)
        Canvas.save(self)

    def _draw_footer(self, number: int, total: int) -> None:
        info = self._dj_info
        self.saveState()
        self.setFont(FONT, 9)
        self.drawCentredString(info.size[0] / 2, info.margins[2] / 2 - 1 * mm, f"第 {number} 页 共 {total} 页")
        self.restoreState()


def _draw_page_frame(canvas: Canvas, doc: "FormDoc") -> None:
    """What every page repeats (organisation, period, rule, footer texts): drawn once, then referenced."""
    name = "djPageFrame"
    if not canvas.hasForm(name):
        info = doc.page_info
        width, height = info.size
        top, right, bottom, left = info.margins
        y = height - top + 6 * mm
        canvas.beginForm(name)
        canvas.setFont(FONT, 9)
        canvas.setFillColor(INK_GREY)
        canvas.drawString(left, y, info.org_name)
        canvas.drawRightString(width - right, y, info.period)
        canvas.setStrokeColor(INK_GREY)
        canvas.setLineWidth(0.5)
        canvas.line(left, y - 2 * mm, width - right, y - 2 * mm)
        y = bottom / 2 - 1 * mm
        canvas.setFont(FONT, 7.5)
        canvas.drawString(left, y, f"打印日期：{info.printed_on.isoformat()}")
        canvas.drawRightString(width - right, y, f"{info.title} · 党建通")
        canvas.endForm()
    canvas.doForm(name)


class FormDoc(BaseDocTemplate):
    def __init__(self, target, page_info: PageInfo):
        top, right, bottom, left = page_info.margins
        super().__init__(target, pagesize=page_info.size, topMargin=top, rightMargin=right, bottomMargin=bottom,
                         leftMargin=left, title=f"{page_info.org_name} {page_info.title}", author="党建通",
                         subject=page_info.period, creator="党建通 dangjian_desktop")
        self.page_info = page_info
        frame = Frame(left, bottom, page_info.frame_width, page_info.frame_height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="form", frames=[frame], onPage=_draw_page_frame)])


def write_pdf(out: str | Path, story: list[Flowable], page_info: PageInfo) -> Path:
    """Lay the story out and write it to `out` atomically (a temporary file, then a rename)."""
    register_font()
    target = Path(out)
    if target.suffix.lower() != ".pdf":
        raise PrintError(f"输出文件应以 .pdf 结尾：{target}")
    if not target.parent.is_dir():
        raise PrintError(f"文件夹不存在：{target.parent}")
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".~", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as stream:
            doc = FormDoc(stream, page_info)
            ascii85, rl_config.useA85 = rl_config.useA85, 0  # binary streams: smaller and faster to write
            try:
                doc.build(story, canvasmaker=functools.partial(NumberedCanvas, page_info=page_info))
            except LayoutError as exc:
                raise PrintError(f"有一行内容太长，一页放不下，无法排版：{exc}") from exc
            finally:
                rl_config.useA85 = ascii85
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
