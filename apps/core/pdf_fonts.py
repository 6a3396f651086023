"""The Chinese font PDFs are drawn in: a TrueType font from the system, embedded (subset) in each PDF,
so the document reads the same on any reader. Where the font file is missing (a machine without
Debian's fonts-wqy-microhei), the CID font STSong-Light stands in: readers substitute a local face."""

import logging
from pathlib import Path

from django.conf import settings
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

EMBEDDED = "GongzhiChinese"
STAND_IN = "STSong-Light"
logger = logging.getLogger(__name__)


def chinese_font() -> str:
    """The registered font's name, registering it on first use."""
    registered = pdfmetrics.getRegisteredFontNames()
    if EMBEDDED in registered:
        return EMBEDDED
    path = Path(settings.PDF_CHINESE_FONT)
    if path.is_file():
        pdfmetrics.registerFont(TTFont(EMBEDDED, str(path), subfontIndex=0))
        return EMBEDDED
    if STAND_IN not in registered:
        logger.warning("PDF font %s not found: using %s, not embedded", path, STAND_IN)
        pdfmetrics.registerFont(UnicodeCIDFont(STAND_IN))
    return STAND_IN
