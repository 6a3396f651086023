"""Who is told about a report: its handlers, the community's staff, the street's officials."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.places.models import Place, PlaceKind

from .models import HandlerKind, Report


def holding(role: str, **scope) -> QuerySet:
    """The active people holding `role` on the scope given (a place, a unit, a department)."""
    assignments = RoleAssignment.objects.active().filter(role=role, **scope)
    return get_user_model().objects.filter(pk__in=assignments.values("user_id"), is_active=True)


def street_of(report: Report) -> Place:
    return Place.objects.get(path=report.place.ancestor_path(PlaceKind.STREET))


def handlers_of(report: Report) -> QuerySet:
    if report.handler_kind == HandlerKind.PROPERTY and report.management_unit_id:
        return holding(Role.PROPERTY_STAFF, management_unit_id=report.management_unit_id)
    if report.handler_kind == HandlerKind.STREET and report.department_id:
        return holding(Role.DEPARTMENT_STAFF, department_id=report.department_id)
    if report.handler_kind == HandlerKind.STREET:
        return street_officials_of(report)
    return community_staff_of(report)


def staff_of_department(department_id: int) -> QuerySet:
    return holding(Role.DEPARTMENT_STAFF, department_id=department_id)


def community_staff_of(report: Report) -> QuerySet:
    return holding(Role.COMMUNITY_STAFF, place_id=report.community_id)


def street_officials_of(report: Report) -> QuerySet:
    return holding(Role.STREET_OFFICIAL, place=street_of(report))
