"""Reads of the API: who a secret belongs to, and the lists the halls and organizations apps have
no selector for (each built on their own rules of who may see what)."""

from datetime import timedelta

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from apps.access.visibility import visible_to
from apps.halls.meetings.selectors import with_counts
from apps.halls.models import AgendaItem, Attendance, Meeting, Registration, Topic, Vote
from apps.halls.selectors import halls_of
from apps.organizations.models import Activity, Organization, Signup
from apps.organizations.selectors.pages import PUBLIC_STATUSES, organizations_with_place

from .models import ApiClient, ApiToken, digest

TOUCH_EVERY = timedelta(minutes=5)


def token_holder(secret: str):
    """The person a REST token acts for, or None for an unknown or revoked token."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=digest(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    _touch(ApiToken, token)
    return token.user


def client_by_key(secret: str) -> ApiClient | None:
    client = (
        ApiClient.objects.select_related("place").filter(key_hash=digest(secret), is_active=True).first()
        if secret
        else None
    )
    if client is not None:
        _touch(ApiClient, client)
    return client


def _touch(model, obj) -> None:
    """Record use, at most once every few minutes per credential."""
    now = timezone.now()
    if obj.last_used_at is None or now - obj.last_used_at > TOUCH_EVERY:
        model.objects.filter(pk=obj.pk).update(last_used_at=now)


def topics_of(user) -> QuerySet[Topic]:
    """The topics of the halls the person belongs to (`halls.selectors.halls_of`), newest first."""
    return Topic.objects.filter(hall__in=halls_of(user).values("pk")).select_related("hall")


def votes_of(user) -> QuerySet[Vote]:
    """The votes of the halls the person belongs to; ballots and tallies are never part of it."""
    return Vote.objects.filter(hall__in=halls_of(user).values("pk")).select_related("hall", "scope")


def meetings_of(user) -> QuerySet[Meeting]:
    """The meetings of the halls the person belongs to, the latest first, each with its places taken
    and waiting, its agenda, and the person's own registration and sign-in."""
    mine = Registration.objects.filter(meeting=OuterRef("pk"), user_id=user.pk).values("status")[:1]
    return (
        with_counts(Meeting.objects.filter(hall__in=halls_of(user).values("pk")))
        .select_related("minutes")
        .prefetch_related(agenda_prefetch())
        .annotate(
            my_status=Subquery(mine),
            signed_in=Exists(Attendance.objects.filter(meeting=OuterRef("pk"), user_id=user.pk)),
        )
        .order_by("-starts_at", "-pk")
    )


def agenda_prefetch() -> Prefetch:
    return Prefetch("items", queryset=AgendaItem.objects.select_related("topic").order_by("position", "pk"))


def organizations_reachable(user) -> QuerySet[Organization]:
    """What the permission model shows the person (staff of the place, the organization's own people,
    their own applications' organizations), and the public organizations of the places where they
    hold a role — those whose activities they may join. The public directory page shows every public
    organization; the API, like every list of the permission model, shows nothing of a place where
    the person holds no role."""
    permitted = visible_to(user, Organization.objects.all()).values("pk")
    public = Organization.objects.filter(status__in=PUBLIC_STATUSES)
    public_near = visible_to(user, public, perm="organizations.reach_organization").values("pk")
    return organizations_with_place().filter(Q(pk__in=permitted) | Q(pk__in=public_near))


def activities_reachable(user) -> QuerySet[Activity]:
    """The activities of `organizations_reachable`, each with its confirmed and waiting sign-ups."""
    activities = Activity.objects.filter(organization__in=organizations_reachable(user).values("pk"))
    return activities.select_related("organization").annotate(
        taken=Count("signups", filter=Q(signups__status=Signup.Status.CONFIRMED)),
        waiting=Count("signups", filter=Q(signups__status=Signup.Status.WAITLISTED)),
    )
