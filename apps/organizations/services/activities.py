"""Activities: publishing, sign-up with capacity and waitlist, cancellation, and people served."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from apps.core.seats import seat_release, seat_take
from apps.notifications.services import notify

from ..models import Activity, Organization, Signup


def activity_publish(*, organization: Organization, actor, **fields) -> Activity:
    activity = Activity(organization=organization, created_by=actor, **fields)
    if not actor.has_perm("organizations.add_activity", activity):
        raise PermissionDenied
    if not organization.publishes_activities:
        raise ValidationError(_("Only a filed or active organization publishes activities."))
    activity.full_clean()
    if activity.starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("An activity is published before it starts.")})
    activity.save()
    return activity


@transaction.atomic
def signup_create(*, activity: Activity, user) -> Signup:
    """Take a place, or a place on the waitlist. The activity row is locked so that two people
    taking the last place at once cannot both get it."""
    activity = Activity.objects.select_for_update().select_related("organization__place").get(pk=activity.pk)
    if activity.cancelled_at:
        raise ValidationError(_("This activity has been cancelled."))
    if timezone.now() >= activity.starts_at:
        raise ValidationError(_("Sign-up has closed: the activity has started."))
    members_only = activity.audience == Activity.Audience.MEMBERS
    if not user.has_perm("organizations.join_activity", activity):
        raise ValidationError(
            _("This activity is open to the organization's members only.")
            if members_only
            else _("This activity is open to residents of the community and members.")
        )
    signup = Signup.objects.filter(activity=activity, user=user).first()
    if signup and signup.status != Signup.Status.CANCELLED:
        raise ValidationError(_("You have already signed up."))
    signup = signup or Signup(activity=activity, organization_id=activity.organization_id, user=user)
    seats = activity.signups.all()
    if not seat_take(seat=signup, seats=seats, capacity=activity.capacity, waitlist=activity.waitlist):
        raise ValidationError(_("This activity is full."))
    return signup


@transaction.atomic
def signup_cancel(*, signup: Signup, user) -> Signup | None:
    """Give up a place before the start; the first on the waitlist moves up. Returns who moved up."""
    activity = Activity.objects.select_for_update().get(pk=signup.activity_id)
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    if signup.user_id != user.pk:
        raise PermissionDenied
    if signup.status == Signup.Status.CANCELLED:
        raise ValidationError(_("This sign-up is already cancelled."))
    if timezone.now() >= activity.starts_at:
        raise ValidationError(_("The activity has started; tell the organizer instead."))
    moved = seat_release(seat=signup, seats=activity.signups.all(), capacity=activity.capacity)
    for waiting in moved:
        with override(settings.LANGUAGE_CODE):  # nobody has a language of their own: the site's
            notify(
                users=[waiting.user],
                key=f"organizations.signup.{waiting.pk}.moved_up.{waiting.queued_at.timestamp():.0f}",
                title=_("You have a place: %(title)s") % {"title": activity.title},
                body=_("A place freed up and you moved up from the waitlist."),
                url=reverse("organizations:activity", args=[activity.pk]),
            )
    return moved[0] if moved else None


def activity_cancel(*, activity: Activity, actor) -> None:
    if not actor.has_perm("organizations.change_activity", activity):
        raise PermissionDenied
    activity.cancelled_at = timezone.now()
    activity.save(update_fields=["cancelled_at"])
    people = [s.user for s in activity.signups.exclude(status=Signup.Status.CANCELLED).select_related("user")]
    with override(settings.LANGUAGE_CODE):  # nobody has a language of their own: the site's
        notify(
            users=people,
            key=f"organizations.activity.{activity.pk}.cancelled",
            title=_("Cancelled: %(title)s") % {"title": activity.title},
            url=reverse("organizations:activity", args=[activity.pk]),
        )


def people_served_record(*, activity: Activity, count: int, actor) -> Activity:
    if not actor.has_perm("organizations.confirm_hours", activity):
        raise PermissionDenied
    if count < 0:
        raise ValidationError(_("Enter a number of people."))
    activity.people_served = count
    activity.save(update_fields=["people_served"])
    return activity
