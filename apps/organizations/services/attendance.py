"""At the venue: check-in by the rotating code or by the organizer, check-out, and volunteer hours."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..codes import activity_code_valid
from ..models import Activity, HoursCorrection, Signup

CHECK_IN_OPENS_BEFORE = timedelta(minutes=30)
MAX_HOURS = Decimal("24")


def _check_in_open(activity: Activity) -> None:
    now = timezone.now()
    if activity.cancelled_at:
        raise ValidationError(_("This activity has been cancelled."))
    if now < activity.starts_at - CHECK_IN_OPENS_BEFORE:
        raise ValidationError(_("Check-in opens 30 minutes before the start."))
    if now > activity.ends_at:
        raise ValidationError(_("The activity is over; check-in has closed."))


def _mark_checked_in(signup: Signup, *, by=None, **changes) -> Signup:
    """One conditional UPDATE: of two scans at once, exactly one checks the person in."""
    now = timezone.now()
    done = Signup.objects.filter(pk=signup.pk, checked_in_at__isnull=True).update(
        checked_in_at=now, checked_in_by=by, **changes
    )
    if not done:
        raise ValidationError(_("You are already checked in."))
    signup.checked_in_at, signup.checked_in_by = now, by
    for field, value in changes.items():
        setattr(signup, field, value)
    return signup


def check_in_by_code(*, activity: Activity, user, code: str) -> Signup:
    """The person scans the organizer's code with their phone."""
    if not activity_code_valid(activity, code):
        raise ValidationError(
            _("This code has expired or belongs to another activity. Scan the code shown now.")
        )
    _check_in_open(activity)
    signup = Signup.objects.filter(activity=activity, user=user).first()
    if signup is None or signup.status == Signup.Status.CANCELLED:
        raise ValidationError(_("You have not signed up for this activity."))
    if signup.status == Signup.Status.WAITLISTED:
        raise ValidationError(_("You are on the waitlist: ask the organizer to let you in."))
    return _mark_checked_in(signup)


def check_in_by_organizer(*, signup: Signup, actor) -> Signup:
    """The organizer checks someone in, e.g. an elderly person without a phone; a person on the
    waitlist who came is let in."""
    activity = signup.activity
    if not actor.has_perm("organizations.check_in_activity", activity):
        raise PermissionDenied
    _check_in_open(activity)
    if signup.status == Signup.Status.CANCELLED:
        raise ValidationError(_("This sign-up is cancelled."))
    return _mark_checked_in(signup, by=actor, status=Signup.Status.CONFIRMED)


def check_out(*, signup: Signup, actor) -> Signup:
    if signup.user_id != actor.pk and not actor.has_perm("organizations.check_in_activity", signup.activity):
        raise PermissionDenied
    if signup.checked_in_at is None:
        raise ValidationError(_("Check in first."))
    if signup.checked_out_at:
        raise ValidationError(_("Already checked out."))
    signup.checked_out_at = timezone.now()
    signup.save(update_fields=["checked_out_at"])
    return signup


def hours_attended(signup: Signup) -> Decimal:
    """From arrival (not before the start) to leaving (not after the end, nor after now for an
    activity still under way), in quarter hours."""
    activity = signup.activity
    start = max(signup.checked_in_at, activity.starts_at)
    end = min(signup.checked_out_at or activity.ends_at, activity.ends_at, timezone.now())
    quarters = max(0, round((end - start).total_seconds() / 900))
    return Decimal(quarters) / 4


@transaction.atomic
def hours_confirm(*, activity: Activity, actor) -> int:
    """The organizer confirms the attendance of a volunteer service: hours are credited to everyone
    checked in and not yet credited. Returns how many were credited."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not actor.has_perm("organizations.confirm_hours", activity):
        raise PermissionDenied
    if not activity.credits_hours:
        raise ValidationError(_("Only volunteer services credit volunteer hours."))
    if timezone.now() < activity.starts_at:
        raise ValidationError(_("Confirm the hours once the activity has started."))
    credited = 0
    for signup in activity.signups.filter(checked_in_at__isnull=False, hours__isnull=True):
        signup.activity = activity
        signup.hours = hours_attended(signup)
        signup.save(update_fields=["hours"])
        credited += 1
    activity.hours_confirmed_at = timezone.now()
    activity.save(update_fields=["hours_confirmed_at"])
    return credited


@transaction.atomic
def hours_correct(*, signup: Signup, hours: Decimal, reason: str, actor) -> HoursCorrection:
    """Change someone's credited hours, keeping the before, the after, the reason and who did it."""
    signup = Signup.objects.select_for_update().select_related("activity").get(pk=signup.pk)
    if not actor.has_perm("organizations.confirm_hours", signup.activity):
        raise PermissionDenied
    if not signup.activity.credits_hours:
        raise ValidationError(_("Only volunteer services credit volunteer hours."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    hours = Decimal(hours)
    if not Decimal(0) <= hours <= MAX_HOURS:
        raise ValidationError({"hours": _("Enter between 0 and 24 hours.")})
    correction = HoursCorrection.objects.create(
        signup=signup,
        organization_id=signup.organization_id,
        previous=signup.hours,
        hours=hours,
        reason=reason.strip(),
        actor=actor,
    )
    signup.hours = hours
    signup.save(update_fields=["hours"])
    return correction
