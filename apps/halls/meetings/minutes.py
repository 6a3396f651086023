"""
Minutes (纪要) of a meeting: written by staff after the close, approved by those present.

The rule: the minutes are published as soon as more than half of the people on the meeting's
attendance list (final at the close) have approved their current version. Each attendee answers a
version once, approving or not, with a note; every answer is kept. Staff may revise minutes that
are awaiting approval: that makes a new version, and only answers to it count. Published minutes
never change.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Attendance, Meeting, Minutes, MinutesApproval
from ..notices import tell
from ..services import audit


def _closed(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.CLOSED:
        raise ValidationError(_("Minutes are written once the meeting has closed."))


@transaction.atomic
def minutes_write(*, meeting: Meeting, body: str, by) -> Minutes:
    """Write or revise the minutes; revising minutes awaiting approval starts a new version."""
    if not by.has_perm("halls.write_minutes", meeting):
        raise PermissionDenied
    _closed(meeting)
    if not body.strip():
        raise ValidationError(_("Write the minutes first."))
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None:
        minutes = Minutes.objects.create(meeting=meeting, body=body.strip(), written_by=by)
        audit(hall=meeting.hall, actor=by, action="write_minutes", subject=minutes, note="v1")
        return minutes
    if minutes.status == Minutes.Status.PUBLISHED:
        raise ValidationError(_("Published minutes cannot be changed."))
    if minutes.status == Minutes.Status.PENDING:
        minutes.version += 1
        minutes.status, minutes.submitted_at = Minutes.Status.DRAFT, None
    minutes.body, minutes.written_by = body.strip(), by
    minutes.save(update_fields=["body", "written_by", "version", "status", "submitted_at"])
    audit(hall=meeting.hall, actor=by, action="write_minutes", subject=minutes, note=f"v{minutes.version}")
    return minutes


@transaction.atomic
def minutes_submit(*, meeting: Meeting, by) -> Minutes:
    """Put the draft to the attendees, who are told."""
    if not by.has_perm("halls.write_minutes", meeting):
        raise PermissionDenied
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None or minutes.status != Minutes.Status.DRAFT:
        raise ValidationError(_("There is no draft of the minutes to submit."))
    if not meeting.attendees:
        raise ValidationError(_("No one signed in at this meeting, so no one can approve its minutes."))
    minutes.status, minutes.submitted_at = Minutes.Status.PENDING, timezone.now()
    minutes.save(update_fields=["status", "submitted_at"])
    audit(hall=meeting.hall, actor=by, action="submit_minutes", subject=minutes, note=f"v{minutes.version}")
    tell(
        user_ids=Attendance.objects.filter(meeting=meeting).values_list("user_id", flat=True),
        key=f"meeting.{meeting.pk}.minutes.v{minutes.version}",
        title=lambda: _("Please approve the minutes: %(title)s") % {"title": meeting.title},
        url=reverse("halls:meeting", args=[meeting.pk]),
    )
    return minutes


def approvals_needed(meeting: Meeting) -> int:
    """More than half of those present."""
    return (meeting.attendees or 0) // 2 + 1


@transaction.atomic
def minutes_answer(*, meeting: Meeting, user, approve: bool, note: str = "") -> MinutesApproval:
    """An attendee approves the current version of the minutes, or not; the approval that makes a
    majority publishes them."""
    if not user.has_perm("halls.approve_minutes", meeting):
        raise PermissionDenied
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None or minutes.status != Minutes.Status.PENDING:
        raise ValidationError(_("These minutes are not awaiting approval."))
    if not Attendance.objects.filter(meeting=meeting, user_id=user.pk).exists():
        raise ValidationError(_("Only those who signed in at the meeting approve its minutes."))
    if not approve and not note.strip():
        raise ValidationError(_("Say what is wrong in the minutes."))
    try:
        with transaction.atomic():
            answer = MinutesApproval.objects.create(
                minutes=minutes, version=minutes.version, user=user, approved=approve, note=note.strip()
            )
    except IntegrityError:
        raise ValidationError(_("You have already answered this version of the minutes.")) from None
    action = "approve_minutes" if approve else "object_to_minutes"
    audit(hall=meeting.hall, actor=user, action=action, subject=minutes, note=f"v{minutes.version}")
    approvals = MinutesApproval.objects.filter(
        minutes=minutes, version=minutes.version, approved=True
    ).count()
    if approvals >= approvals_needed(meeting):
        minutes.status, minutes.published_at = Minutes.Status.PUBLISHED, timezone.now()
        minutes.save(update_fields=["status", "published_at"])
        audit(hall=meeting.hall, actor=None, action="publish_minutes", subject=minutes, note=f"{approvals}")
    return answer
