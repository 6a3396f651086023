"""Writes of inspections: an inspector's verdict on a point, once per submission key."""

from collections.abc import Mapping, Sequence
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.photos import ProcessedPhoto, check_photo_count

from .models import Assignment, Inspection, InspectionPhoto, InspectionPoint, Standard, Verdict
from .notices import notice_issue


def inspection_submit(
    *,
    point: InspectionPoint,
    by,
    verdicts: Mapping[int, bool],
    photos: Sequence[ProcessedPhoto] = (),
    note: str = "",
    submission_key: UUID | None = None,
    assignment: Assignment | None = None,
) -> Inspection:
    """Record pass or fail for each standard of the point's checklist; submitting the same key twice
    returns the first inspection (a double tap, a retry after the network dropped)."""
    if submission_key and (existing := Inspection.objects.filter(submission_key=submission_key).first()):
        return existing
    if not by.has_perm("inspections.inspect_point", point):
        raise PermissionDenied("inspections.inspect_point")
    standards = _checked_standards(point, verdicts)
    check_photo_count(photos)
    now = timezone.now()
    try:
        with transaction.atomic():
            inspection = Inspection.objects.create(
                point=point,
                assignment=assignment,
                round_id=assignment.round_id if assignment else None,
                inspector=by,
                passed=all(verdicts.values()),
                note=note,
                submission_key=submission_key,
                created_at=now,
            )
            Verdict.objects.bulk_create(
                Verdict(inspection=inspection, standard=standard, passed=verdicts[standard.pk])
                for standard in standards
            )
            for photo in photos:
                InspectionPhoto.objects.create(
                    inspection=inspection, image=photo.image, thumbnail=photo.thumbnail
                )
            if not inspection.passed:
                notice_issue(inspection=inspection)
            if assignment is not None:
                Assignment.objects.filter(pk=assignment.pk, inspected_at__isnull=True).update(
                    inspected_at=now
                )
    except IntegrityError:
        if submission_key and (existing := Inspection.objects.filter(submission_key=submission_key).first()):
            return existing  # a double tap raced the first submission
        raise
    return inspection


def _checked_standards(point: InspectionPoint, verdicts: Mapping[int, bool]) -> list[Standard]:
    checklist = {s.pk: s for s in Standard.objects.filter(category_id=point.category_id, is_active=True)}
    if foreign := set(verdicts) - set(checklist):
        raise ValidationError(
            _("A standard not in this point's checklist was given (%(ids)s).")
            % {"ids": ", ".join(map(str, sorted(foreign)))},
            code="standard_not_in_checklist",
        )
    if missing := set(checklist) - set(verdicts):
        raise ValidationError(
            _("Every standard of the checklist needs a pass or a fail (%(count)d left).")
            % {"count": len(missing)},
            code="standard_missing",
        )
    return [checklist[pk] for pk in sorted(checklist)]
