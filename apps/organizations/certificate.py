"""The printable certificate of a person's volunteer hours (A4 PDF)."""

import io

from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from .selectors.record import VolunteerRecord

FONT = "STSong-Light"
ROWS_PER_PAGE = 28


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def hours_certificate(*, person, record: VolunteerRecord) -> bytes:
    font, out = _font(), io.BytesIO()
    width, height = A4
    canvas = Canvas(out, pagesize=A4)
    canvas.setTitle("志愿服务时长证明")
    canvas.setFont(font, 22)
    canvas.drawCentredString(width / 2, height - 35 * mm, "志愿服务时长证明")
    canvas.setFont(font, 13)
    canvas.drawString(25 * mm, height - 55 * mm, f"兹证明 {person} 参加社区志愿服务 {record.services} 次，")
    canvas.drawString(25 * mm, height - 63 * mm, f"累计志愿服务时长 {record.hours} 小时。")
    y = height - 80 * mm
    canvas.setFont(font, 10)
    services = [s for s in record.attended if s.hours is not None]
    for index, signup in enumerate(services):
        if index and index % ROWS_PER_PAGE == 0:
            canvas.showPage()
            canvas.setFont(font, 10)
            y = height - 25 * mm
        activity = signup.activity
        day = timezone.localtime(activity.starts_at).strftime("%Y-%m-%d")
        canvas.drawString(25 * mm, y, f"{day}  {activity.organization.name}  {activity.title}")
        canvas.drawRightString(width - 25 * mm, y, f"{signup.hours} 小时")
        y -= 7 * mm
    canvas.setFont(font, 11)
    canvas.drawRightString(width - 25 * mm, 30 * mm, f"开具日期：{timezone.localdate():%Y-%m-%d}")
    canvas.showPage()
    canvas.save()
    return out.getvalue()
