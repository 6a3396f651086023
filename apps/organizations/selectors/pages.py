"""What the directory, an organization's page, the calendar and an activity's page show."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.access.models import RoleAssignment
from apps.access.roles import ORGANIZATION_ROLES, Role
from apps.places.models import Place

from ..models import Activity, Application, Campaign, Organization, Signup

PUBLIC_STATUSES = (Organization.Status.FILED, Organization.Status.ACTIVE)
# a role as its holder is told of it on the organization's own page ("you are its leader")
ROLE_IN_IT = {
    Role.ORGANIZATION_LEADER: _("Leader"),
    Role.ORGANIZATION_MEMBER: _("Member"),
    Role.ORGANIZATION_VOLUNTEER: _("Volunteer"),
}


def _members_count():
    members = (
        RoleAssignment.objects.active()
        .filter(organization=OuterRef("pk"), role__in=ORGANIZATION_ROLES)
        .values("organization")
        .annotate(n=Count("user", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(members, output_field=IntegerField()), Value(0))


def _hours_sum():
    hours = (
        Signup.objects.filter(organization=OuterRef("pk"), hours__isnull=False)
        .values("organization")
        .annotate(h=Sum("hours"))
        .values("h")
    )
    decimal = DecimalField(max_digits=12, decimal_places=2)
    return Coalesce(Subquery(hours, output_field=decimal), Value(0), output_field=decimal)


def with_figures(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    return queryset.annotate(members_count=_members_count(), hours_total=_hours_sum())


def organization_directory(*, category: str = "", community: Place | None = None) -> QuerySet[Organization]:
    organizations = Organization.objects.filter(
        kind=Organization.Kind.ORGANIZATION, status__in=PUBLIC_STATUSES
    ).select_related("place", "parent")
    if category:
        organizations = organizations.filter(category=category)
    if community is not None:
        organizations = organizations.filter(place__path__startswith=community.path)
    return with_figures(organizations).order_by("category", "name")


def directory_communities() -> QuerySet[Place]:
    """Communities and streets that have a public organization, for the directory's filter."""
    return (
        Place.objects.filter(
            organizations__kind=Organization.Kind.ORGANIZATION, organizations__status__in=PUBLIC_STATUSES
        )
        .distinct()
        .order_by("path")
    )


def organizations_with_place() -> QuerySet[Organization]:
    return Organization.objects.select_related("place", "parent")


def _with_taken(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    return activities.annotate(
        taken=Count("signups", filter=Q(signups__status=Signup.Status.CONFIRMED)),
        waiting=Count("signups", filter=Q(signups__status=Signup.Status.WAITLISTED)),
    )


@dataclass(frozen=True)
class OrganizationPage:
    organization: Organization
    upcoming: list[Activity]
    activities_held: int
    people_served: int
    campaigns: list[Campaign]
    grouped: list[Organization]


def organization_page(organization: Organization) -> OrganizationPage:
    now = timezone.now()
    activities = Activity.objects.filter(organization=organization, cancelled_at__isnull=True)
    upcoming = _with_taken(activities.filter(ends_at__gte=now)).order_by("starts_at")[:20]
    held = activities.filter(ends_at__lt=now).aggregate(n=Count("pk"), served=Sum("people_served"))
    campaigns = Campaign.objects.filter(organization=organization, ends_on__gte=timezone.localdate())
    grouped = (
        Organization.objects.filter(parent=organization).select_related("place")
        if organization.is_federation
        else []
    )
    return OrganizationPage(
        organization=organization,
        upcoming=list(upcoming),
        activities_held=held["n"],
        people_served=held["served"] or 0,
        campaigns=list(campaigns),
        grouped=list(grouped),
    )


def activity_calendar(*, start: datetime, days: int = 30, community: Place | None = None) -> list[Activity]:
    activities = Activity.objects.filter(
        starts_at__gte=start,
        starts_at__lt=start + timedelta(days=days),
        cancelled_at__isnull=True,
        organization__status__in=PUBLIC_STATUSES,
    ).select_related("organization__place")
    if community is not None:
        activities = activities.filter(organization__place__path__startswith=community.path)
    return list(_with_taken(activities).order_by("starts_at", "pk"))


def activities_with_taken() -> QuerySet[Activity]:
    return _with_taken(Activity.objects.select_related("organization__place"))


def pending_applications(organization: Organization) -> QuerySet[Application]:
    return Application.objects.filter(
        organization=organization, status=Application.Status.APPLIED
    ).select_related("user")


def members_of(organization: Organization) -> QuerySet[RoleAssignment]:
    return (
        RoleAssignment.objects.active()
        .filter(organization=organization, role__in=ORGANIZATION_ROLES)
        .select_related("user")
        .order_by("role", "user__display_name")
    )


def roster(activity: Activity) -> QuerySet[Signup]:
    return (
        activity.signups.exclude(status=Signup.Status.CANCELLED)
        .select_related("user", "checked_in_by")
        .order_by("status", "queued_at", "pk")
    )


@dataclass(frozen=True)
class Standing:
    """Where a person stands with an organization: the roles they hold in it, an application waiting."""

    roles: list[str]
    applied: bool


def standing_in(organization: Organization, user) -> Standing:
    if not user.is_authenticated:
        return Standing([], False)
    held = RoleAssignment.objects.active().filter(
        organization=organization, user=user, role__in=ORGANIZATION_ROLES
    )
    roles = [role for role in ORGANIZATION_ROLES if role in set(held.values_list("role", flat=True))]
    waiting = Application.objects.filter(
        organization=organization, user=user, status=Application.Status.APPLIED
    ).exists()
    return Standing([str(ROLE_IN_IT[role]) for role in roles], waiting)
