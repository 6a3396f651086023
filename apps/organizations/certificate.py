"""The printable certificate of volunteer hours (A4 PDF): issuer, number, hours and period, and a QR
code to the public page that confirms it."""

import io

from django.urls import reverse
from django.utils import timezone
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from apps.core.pdf_fonts import chinese_font
from apps.core.qr import absolute

from .models import Certificate, Signup
from .templatetags.volunteer_hours import hours

ROWS_PER_PAGE = 24
QR_SIZE = 32 * mm


def verification_url(certificate: Certificate) -> str:
    return absolute(reverse("organizations:verify", args=[certificate.code]))


def certificate_pdf(certificate: Certificate) -> bytes:
    font, out = chinese_font(), io.BytesIO()
    width, height = A4
    organization = certificate.organization
    canvas = Canvas(out, pagesize=A4, pageCompression=1)
    canvas.setTitle("志愿服务时长证明")
    canvas.setAuthor(organization.name)
    canvas.setFont(font, 22)
    canvas.drawCentredString(width / 2, height - 35 * mm, "志愿服务时长证明")
    canvas.setFont(font, 10)
    canvas.drawRightString(width - 25 * mm, height - 45 * mm, f"编号：{certificate.number}")
    canvas.setFont(font, 13)
    canvas.drawString(
        25 * mm, height - 60 * mm, f"兹证明 {certificate.user} 于 {certificate.first_day:%Y年%m月%d日} 至"
    )
    canvas.drawString(
        25 * mm,
        height - 68 * mm,
        f"{certificate.last_day:%Y年%m月%d日} 在{organization.name}参加志愿服务 {certificate.services} 次，",
    )
    canvas.drawString(25 * mm, height - 76 * mm, f"累计志愿服务时长 {hours(certificate.hours)} 小时。")
    y = _services(canvas, certificate, font, top=height - 92 * mm)
    _issuer(canvas, certificate, font, bottom=min(y, 75 * mm) - 10 * mm)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _services(canvas, certificate: Certificate, font: str, *, top: float) -> float:
    width, height = A4
    credited = (
        Signup.objects.filter(
            user=certificate.user, organization=certificate.organization, hours__isnull=False
        )
        .filter(activity__starts_at__date__lte=certificate.last_day)
        .select_related("activity")
        .order_by("activity__starts_at")
    )
    y = top
    canvas.setFont(font, 10)
    for index, signup in enumerate(credited):
        if index and index % ROWS_PER_PAGE == 0:
            canvas.showPage()
            canvas.setFont(font, 10)
            y = height - 25 * mm
        day = timezone.localtime(signup.activity.starts_at).strftime("%Y-%m-%d")
        canvas.drawString(25 * mm, y, f"{day}  {signup.activity.title}")
        canvas.drawRightString(width - 25 * mm, y, f"{hours(signup.hours)} 小时")
        y -= 7 * mm
    return y


def _issuer(canvas, certificate: Certificate, font: str, *, bottom: float) -> None:
    """The issuer's lines at the foot, the QR code to the confirming page beside them."""
    width, _height = A4
    organization = certificate.organization
    base = max(bottom - QR_SIZE, 20 * mm)
    widget = QrCodeWidget(verification_url(certificate))
    left, low, right, high = widget.getBounds()
    drawing = Drawing(
        QR_SIZE, QR_SIZE, transform=[QR_SIZE / (right - left), 0, 0, QR_SIZE / (high - low), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, 25 * mm, base)
    canvas.setFont(font, 8)
    canvas.drawString(25 * mm, base - 4 * mm, "扫码核验本证明")
    canvas.setFont(font, 12)
    lines = [
        f"出具单位：{organization.name}",
        f"所属社区：{organization.place.name}",
        f"开具日期：{timezone.localtime(certificate.issued_at):%Y-%m-%d}",
    ]
    for index, line in enumerate(lines):
        canvas.drawRightString(width - 25 * mm, base + QR_SIZE - 6 * mm - index * 8 * mm, line)
