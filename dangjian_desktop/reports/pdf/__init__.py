"""PDF forms (reportlab, A4) that print the same on every laptop: the Chinese TrueType font is
embedded as a subset, never a viewer's CID font. One module per form; each takes plain data
(gathered by `services.printing`) and writes the PDF atomically. No Qt and no database here.
"""

from dangjian_desktop.errors import DangjianError


class PrintError(DangjianError):
    """A form cannot be made (missing font, a page that cannot hold a row …)."""
