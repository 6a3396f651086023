"""
Meetings (议事会): scheduling, invitations, registration with capacity and waitlist, opening and
closing at the venue, cancelling, sign-in by the venue's code or by staff.

Registering and cancelling (a place, or the meeting) lock the meeting's row, so two people taking
the last place at once cannot both get it, and a freed place goes to the first on the waitlist.
Sign-in is one insert under a unique constraint: a double scan signs in once. The attendance list
is final at the close.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.locks import read_shared
from apps.core.seats import seat_release, seat_take, seats_fill

from ..models import AgendaItem, Attendance, Invitation, Meeting, Registration
from ..notices import tell
from ..services import audit
from .codes import meeting_code_valid
from .lifecycle import MEETING

OPENS_BEFORE_START = timedelta(hours=1)


def _url(meeting: Meeting) -> str:
    return reverse("halls:meeting", args=[meeting.pk])


def schedule_problem(meeting: Meeting) -> str | None:
    if meeting.starts_at and meeting.starts_at <= timezone.now():
        return _("A meeting is called before it starts.")
    return None


@transaction.atomic
def meeting_schedule(*, meeting: Meeting, by, topics=()) -> Meeting:
    """Call a meeting of a hall (an unsaved Meeting), with topics for its agenda."""
    if not by.has_perm("halls.add_meeting", meeting.hall):
        raise PermissionDenied
    meeting.created_by = by
    meeting.full_clean()
    if problem := schedule_problem(meeting):
        raise ValidationError({"starts_at": problem})
    meeting.save()
    for position, topic in enumerate(topics, 1):
        item = AgendaItem(meeting=meeting, topic=topic, position=position)
        item.full_clean()
        item.save()
    audit(hall=meeting.hall, actor=by, action="schedule_meeting", subject=meeting)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by) -> Meeting:
    """Save changes to a meeting not yet opened, and tell those registered; places a raised
    capacity frees go to the first waiting (saving the row locks it against registrations)."""
    if not by.has_perm("halls.change_meeting", meeting):
        raise PermissionDenied
    meeting.full_clean()
    meeting.save()
    _tell_moved_up(meeting, seats_fill(seats=meeting.registrations.all(), capacity=meeting.capacity))
    audit(hall=meeting.hall, actor=by, action="change_meeting", subject=meeting)
    tell(
        user_ids=_registered(meeting),
        key=f"meeting.{meeting.pk}.changed.{timezone.now().timestamp():.0f}",
        title=lambda: _("Meeting changed: %(title)s") % {"title": meeting.title},
        url=_url(meeting),
    )
    return meeting


def cancel_problem(meeting: Meeting) -> str | None:
    """Why this meeting can no longer be cancelled, or None."""
    return MEETING.problem(meeting, "cancel")


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by, reason: str) -> Meeting:
    """Call off a meeting not yet closed, with the reason shown on its page; those registered (or
    waiting) are told why. Staff who run the meeting may cancel it, even at the venue."""

    def change(meeting: Meeting, transition, now) -> list[str]:
        meeting.cancel_reason = reason.strip()
        return ["cancel_reason"]

    meeting = MEETING.apply(meeting, "cancel", actor=by, note=reason, lock=["hall"], change=change)
    audit(hall=meeting.hall, actor=by, action="cancel_meeting", subject=meeting, note=meeting.cancel_reason)
    tell(
        user_ids=_registered(meeting),
        key=f"meeting.{meeting.pk}.cancelled",
        title=lambda: _("Cancelled: %(title)s") % {"title": meeting.title},
        body=lambda: meeting.cancel_reason,
        url=_url(meeting),
    )
    return meeting


def _registered(meeting: Meeting) -> list[int]:
    active = meeting.registrations.exclude(status=Registration.Status.CANCELLED)
    return list(active.values_list("user_id", flat=True))


def meeting_invite(*, meeting: Meeting, users, by) -> int:
    """Invite members of the hall (others are passed over); each is told once. Returns how many
    were newly invited."""
    if not by.has_perm("halls.invite_to_meeting", meeting):
        raise PermissionDenied
    if meeting.status not in (Meeting.Status.SCHEDULED, Meeting.Status.OPEN):
        raise ValidationError(_("Invitations are sent before the meeting ends."))
    invitees = [user for user in users if user.has_perm("halls.take_part", meeting)]
    with transaction.atomic():
        known = set(Invitation.objects.filter(meeting=meeting).values_list("user_id", flat=True))
        new = [user for user in invitees if user.pk not in known]
        Invitation.objects.bulk_create(
            [Invitation(meeting=meeting, user=user, invited_by=by) for user in new], ignore_conflicts=True
        )
        tell(
            user_ids=[user.pk for user in new],
            key=f"meeting.{meeting.pk}.invited",
            title=lambda: _("You are invited: %(title)s") % {"title": meeting.title},
            body=lambda: (
                _("%(when)s · %(where)s")
                % {
                    "when": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M"),
                    "where": meeting.venue or meeting.online_url,
                }
            ),
            url=_url(meeting),
        )
    return len(new)


def may_register(user, meeting: Meeting) -> bool:
    if not user.has_perm("halls.register_for_meeting", meeting):
        return False
    return not meeting.invited_only or Invitation.objects.filter(meeting=meeting, user_id=user.pk).exists()


@transaction.atomic
def registration_create(*, meeting: Meeting, user) -> Registration:
    """Take a place, or a place on the waitlist. The meeting's row is locked so that two people
    taking the last place at once cannot both get it."""
    meeting = Meeting.objects.select_for_update().select_related("hall__place").get(pk=meeting.pk)
    if meeting.status != Meeting.Status.SCHEDULED or timezone.now() >= meeting.starts_at:
        raise ValidationError(_("Registration for this meeting has closed."))
    if not may_register(user, meeting):
        raise ValidationError(
            _("This meeting is open to invited people only.")
            if meeting.invited_only
            else _("This meeting is open to the members of its hall.")
        )
    registration = Registration.objects.filter(meeting=meeting, user=user).first()
    if registration and registration.status != Registration.Status.CANCELLED:
        raise ValidationError(_("You have already registered."))
    registration = registration or Registration(meeting=meeting, user=user)
    seats = meeting.registrations.all()
    if not seat_take(seat=registration, seats=seats, capacity=meeting.capacity, waitlist=meeting.waitlist):
        raise ValidationError(_("This meeting is full."))
    return registration


@transaction.atomic
def registration_cancel(*, meeting: Meeting, user) -> Registration | None:
    """Give up a place before the start; the first on the waitlist moves up. Returns who moved up."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    registration = (
        Registration.objects.select_for_update()
        .filter(meeting=meeting, user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
    if registration is None:
        raise ValidationError(_("You have not registered for this meeting."))
    if meeting.status != Meeting.Status.SCHEDULED or timezone.now() >= meeting.starts_at:
        raise ValidationError(_("The meeting has started; tell the staff instead."))
    moved = seat_release(seat=registration, seats=meeting.registrations.all(), capacity=meeting.capacity)
    _tell_moved_up(meeting, moved)
    return moved[0] if moved else None


def _tell_moved_up(meeting: Meeting, moved: list[Registration]) -> None:
    for waiting in moved:
        tell(
            user_ids=[waiting.user_id],
            key=f"meeting.{meeting.pk}.moved_up.{waiting.queued_at.timestamp():.0f}",
            title=lambda: _("You have a place: %(title)s") % {"title": meeting.title},
            body=lambda: _("A place freed up and you moved up from the waitlist."),
            url=_url(meeting),
        )


@transaction.atomic
def meeting_open(*, meeting: Meeting, by) -> Meeting:
    """Staff open the meeting at the venue: sign-in starts."""

    def change(meeting: Meeting, transition, now) -> list[str]:
        if now < meeting.starts_at - OPENS_BEFORE_START:
            raise ValidationError(_("A meeting opens at most an hour before it starts."))
        return []

    meeting = MEETING.apply(meeting, "open", actor=by, lock=["hall"], change=change)
    audit(hall=meeting.hall, actor=by, action="open_meeting", subject=meeting)
    return meeting


@transaction.atomic
def meeting_close(*, meeting: Meeting, by) -> Meeting:
    """End the meeting: sign-in stops and the attendance list is final."""

    def change(meeting: Meeting, transition, now) -> list[str]:
        meeting.attendees = Attendance.objects.filter(meeting=meeting).count()
        return ["attendees"]

    meeting = MEETING.apply(meeting, "close", actor=by, lock=["hall"], change=change)
    audit(hall=meeting.hall, actor=by, action="close_meeting", subject=meeting, note=str(meeting.attendees))
    return meeting


def _in_session(meeting: Meeting) -> None:
    """Read under a lock that closing waits for, so no one is signed in after the count."""
    (meeting.status,) = read_shared(Meeting, meeting.pk, "status")
    if meeting.status == Meeting.Status.SCHEDULED:
        raise ValidationError(_("Sign-in starts when the staff open the meeting."))
    if meeting.status != Meeting.Status.OPEN:
        raise ValidationError(_("This meeting is over; sign-in has closed."))


def _record(meeting: Meeting, user, *, method: str, by=None) -> Attendance:
    try:
        with transaction.atomic():
            return Attendance.objects.create(meeting=meeting, user=user, method=method, signed_in_by=by)
    except IntegrityError:
        raise ValidationError(_("%(name)s is already signed in.") % {"name": user}) from None


@transaction.atomic
def sign_in_by_code(*, meeting: Meeting, user, code: str) -> Attendance:
    """The person scans the code shown at the venue. Where places are limited, only those holding
    one sign in this way; the others ask the staff."""
    if not meeting_code_valid(meeting, code):
        raise ValidationError(
            _("This code has expired or belongs to another meeting. Scan the code shown now.")
        )
    _in_session(meeting)
    if not may_register(user, meeting):
        raise ValidationError(_("This meeting is open to the members of its hall."))
    if meeting.capacity is not None:
        status = (
            Registration.objects.filter(meeting=meeting, user=user).values_list("status", flat=True).first()
        )
        if status == Registration.Status.WAITLISTED:
            raise ValidationError(_("You are on the waitlist: ask the staff to sign you in."))
        if status != Registration.Status.CONFIRMED:
            raise ValidationError(_("You have not registered: ask the staff to sign you in."))
    return _record(meeting, user, method=Attendance.Method.CODE)


NOT_A_MEMBER = gettext_lazy("Either this is not a member of this hall or no account matches these details.")


@transaction.atomic
def sign_in_by_staff(*, meeting: Meeting, user, by) -> Attendance:
    """Staff sign in someone present, e.g. an elderly resident without a phone; audited."""
    if not by.has_perm("halls.sign_in_attendee", meeting):
        raise PermissionDenied
    _in_session(meeting)
    if not user.has_perm("halls.take_part", meeting):
        raise ValidationError(NOT_A_MEMBER)  # naming them would tell staff who lives elsewhere
    attendance = _record(meeting, user, method=Attendance.Method.STAFF, by=by)
    Registration.objects.filter(meeting=meeting, user=user, status=Registration.Status.WAITLISTED).update(
        status=Registration.Status.CONFIRMED
    )
    audit(hall=meeting.hall, actor=by, action="sign_in", subject=meeting, note=f"person #{user.pk}")
    return attendance
