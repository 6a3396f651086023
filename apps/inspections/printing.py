"""The printable 督查通知单 (one A4 page): number, the unit responsible, the point, the failed
standards, the deadline, the issuing street, and room for the unit's receipt."""

import io
from textwrap import wrap

from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from apps.core.pdf_fonts import chinese_font

from .models import Notice

LINE_CHARS = 36  # of 12-point Chinese across the page between its margins
MAX_STANDARDS = 12  # a checklist is shorter; the page stays one page whatever is edited in
MAX_PHOTOS = 2  # the inspection's photos printed side by side, where the text leaves room
PHOTO_HEIGHT = 45 * mm
LOWEST_PHOTO = 78 * mm  # the street's seal and the receipt lie below


def responsible_unit(notice: Notice) -> str:
    if notice.management_unit_id:
        return str(notice.management_unit)
    if notice.department_id:
        return notice.department.name
    return notice.point.place.name if notice.point.place.kind == "community" else str(notice.point.place)


def notice_pdf(notice: Notice) -> bytes:
    font, out = chinese_font(), io.BytesIO()
    width, height = A4
    canvas = Canvas(out, pagesize=A4, pageCompression=1)
    canvas.setTitle(notice.number)
    canvas.setAuthor(notice.street.name)
    canvas.setFont(font, 22)
    canvas.drawCentredString(width / 2, height - 30 * mm, "督查通知单")
    canvas.setFont(font, 12)
    canvas.drawCentredString(width / 2, height - 40 * mm, notice.number)
    point = notice.point
    found_on = timezone.localtime(notice.inspection.created_at)
    lines = [
        f"{responsible_unit(notice)}：",
        *wrap(
            f"经文明城区常态化巡查，你单位负责的点位“{point.name}”（{point.category.name}，"
            f"{point.address or point.place}）于 {found_on:%Y年%m月%d日} "
            "检查发现以下问题：",
            LINE_CHARS,
        ),
    ]
    failed = notice.inspection.verdicts.filter(passed=False).select_related("standard")[:MAX_STANDARDS]
    lines += [
        f"    {index}. 未达到：{verdict.standard.text}" for index, verdict in enumerate(failed, start=1)
    ]
    if notice.inspection.note:
        lines += wrap(f"检查说明：{notice.inspection.note}", 40)[:4]
    lines += [
        f"请于 {timezone.localtime(notice.deadline):%Y年%m月%d日} 前完成整改，并将整改情况（附照片）反馈，",
        "逾期未整改的将按规定督办。",
    ]
    y = height - 58 * mm
    canvas.setFont(font, 12)
    for line in lines:
        canvas.drawString(25 * mm, y, line)
        y -= 8 * mm
    _draw_photos(canvas, notice, top=y)
    canvas.drawRightString(width - 25 * mm, 70 * mm, f"{notice.street.name}（盖章）")
    canvas.drawRightString(width - 25 * mm, 62 * mm, f"{timezone.localtime(notice.issued_at):%Y年%m月%d日}")
    canvas.line(25 * mm, 50 * mm, width - 25 * mm, 50 * mm)
    canvas.drawString(
        25 * mm, 40 * mm, "签收单位：______________    签收人：__________    签收日期：__________"
    )
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw_photos(canvas: Canvas, notice: Notice, *, top: float) -> None:
    """The inspection's first photos, each scaled to the row's height, if the text left room."""
    bottom = top - PHOTO_HEIGHT
    if bottom < LOWEST_PHOTO:
        return
    x = 25 * mm
    for photo in notice.inspection.photos.all()[:MAX_PHOTOS]:
        try:
            with photo.thumbnail.open("rb") as stored:
                picture = ImageReader(io.BytesIO(stored.read()))
        except OSError:  # a file lost from storage leaves the page without it, not broken
            continue
        width, height = picture.getSize()
        shown = PHOTO_HEIGHT * width / height
        canvas.drawImage(picture, x, bottom, width=shown, height=PHOTO_HEIGHT)
        x += shown + 5 * mm
