"""
督查通知单: a failed inspection issues a numbered notice to the point's responsible unit; the unit
reports its rectification; a re-inspection passes the notice or returns it with reasons.

Numbers run per street and year and are never reused: each takes the next value of the street's
counter row for the year, locked for the transaction that issues the notice.
"""

from collections.abc import Sequence
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.photos import ProcessedPhoto, check_photo_count
from apps.places.models import Place, PlaceKind

from .models import Inspection, Notice, NoticeCounter, NoticePhoto, NoticeStep

RECTIFY_WITHIN = timedelta(days=7)

# which steps each status allows: the notice's transitions as data
TRANSITIONS = {
    NoticeStep.Kind.ANSWER: ({Notice.Status.ISSUED, Notice.Status.RETURNED}, Notice.Status.ANSWERED),
    NoticeStep.Kind.PASS: ({Notice.Status.ANSWERED}, Notice.Status.PASSED),
    NoticeStep.Kind.RETURN: ({Notice.Status.ANSWERED}, Notice.Status.RETURNED),
}
STEP_PERMISSIONS = {
    NoticeStep.Kind.ANSWER: "inspections.answer_notice",
    NoticeStep.Kind.PASS: "inspections.reinspect_notice",
    NoticeStep.Kind.RETURN: "inspections.reinspect_notice",
}


def notice_number(*, year: int, serial: int) -> str:
    return f"督查〔{year}〕第{serial:04d}号"


def notice_issue(*, inspection: Inspection) -> Notice:
    """The notice of a failed inspection, numbered next in its street and year; once per inspection."""
    point = inspection.point
    street = Place.objects.get(path=point.place.ancestor_path(PlaceKind.STREET))
    issued_at = inspection.created_at
    year = timezone.localtime(issued_at).year
    with transaction.atomic():
        if existing := Notice.objects.filter(inspection=inspection).first():
            return existing
        NoticeCounter.objects.get_or_create(street=street, year=year)
        counter = NoticeCounter.objects.select_for_update().get(street=street, year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
        return Notice.objects.create(
            number=notice_number(year=year, serial=counter.last),
            street=street,
            year=year,
            serial=counter.last,
            inspection=inspection,
            point=point,
            handler_kind=point.handler_kind,
            management_unit=point.management_unit,
            department=point.department,
            round_id=inspection.round_id,
            deadline=issued_at + RECTIFY_WITHIN,
            issued_at=issued_at,
        )


def notice_step(
    *, notice: Notice, kind: str, by, note: str = "", photos: Sequence[ProcessedPhoto] = ()
) -> NoticeStep:
    """Apply one step to the notice: the unit's answer, or a re-inspection that passes or returns it."""
    if not by.has_perm(STEP_PERMISSIONS[kind], notice):
        raise PermissionDenied(STEP_PERMISSIONS[kind])
    allowed_from, status_after = TRANSITIONS[kind]
    if kind == NoticeStep.Kind.RETURN and not note.strip():
        raise ValidationError(_("Say why the rectification is returned."), code="reasons_needed")
    if kind == NoticeStep.Kind.ANSWER and not photos:
        raise ValidationError(_("A rectification needs at least one photo."), code="photo_needed")
    check_photo_count(photos)
    with transaction.atomic():
        locked = Notice.objects.select_for_update().get(pk=notice.pk)
        if locked.status not in allowed_from:
            raise ValidationError(
                _("This notice is %(status)s: that step is not possible now.")
                % {"status": locked.get_status_display()},
                code="wrong_status",
            )
        step = NoticeStep.objects.create(notice=locked, kind=kind, by=by, note=note)
        for photo in photos:
            NoticePhoto.objects.create(step=step, image=photo.image, thumbnail=photo.thumbnail)
        locked.status = status_after
        if kind == NoticeStep.Kind.RETURN:  # a fresh deadline for the rectification asked again
            locked.deadline = step.created_at + RECTIFY_WITHIN
        locked.save(update_fields=["status", "deadline"])
    notice.status, notice.deadline = locked.status, locked.deadline
    return step
