"""Who handles a report by default, and when each of its deadlines falls."""

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from apps.places.models import Department, ManagedCompound, ManagementUnit, Place, PlaceKind, depth_of
from apps.places.services import department_of_street

from .models import Category, HandlerKind

TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud on the phone
URGENT_DISPATCH_MINUTES = 5

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Route:
    handler_kind: str
    management_unit: ManagementUnit | None = None
    department: Department | None = None


def default_route(*, place: Place, category: Category) -> Route:
    """The category's default handler; a place without a property company falls back to its community."""
    if category.handler == HandlerKind.STREET:
        department = department_of_street(place=place, name=category.street_department)
        if department is None:  # a department the street lacks: its officials handle the report
            logger.warning("No department %r in the street of place %s", category.street_department, place.pk)
        return Route(HandlerKind.STREET, department=department)
    if category.handler == HandlerKind.PROPERTY and place.depth >= depth_of(PlaceKind.COMPOUND):
        managed = (
            ManagedCompound.objects.filter(compound__path=place.ancestor_path(PlaceKind.COMPOUND))
            .select_related("unit")
            .first()
        )
        if managed:
            return Route(HandlerKind.PROPERTY, management_unit=managed.unit)
    return Route(HandlerKind.COMMUNITY)


@dataclass(frozen=True)
class Deadlines:
    dispatch_due: datetime
    response_due: datetime
    resolve_due: datetime


def deadlines_for(*, category: Category, urgent: bool, submitted_at: datetime) -> Deadlines:
    dispatch_minutes = category.dispatch_minutes
    if urgent:
        dispatch_minutes = min(dispatch_minutes, URGENT_DISPATCH_MINUTES)
    return Deadlines(
        dispatch_due=submitted_at + timedelta(minutes=dispatch_minutes),
        response_due=submitted_at + timedelta(hours=category.response_hours),
        resolve_due=submitted_at + timedelta(days=category.resolve_days),
    )


# Apps whose reports carry deadlines set from outside (a 12345 city order's) register a lookup here,
# from a report to those deadlines or None: they win over the category's when deadlines run again.
FIXED_DEADLINES: list[Callable[..., Deadlines | None]] = []


def fixed_deadlines(report) -> Deadlines | None:
    """The deadlines set from outside for this report, if an app holds any."""
    return next((found for lookup in FIXED_DEADLINES if (found := lookup(report)) is not None), None)


def new_tracking_number(submitted_at: datetime) -> str:
    """e.g. 261122-K7Q2MX: the day, then six characters that are easy to read out."""
    suffix = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(6))
    return f"{submitted_at:%y%m%d}-{suffix}"
