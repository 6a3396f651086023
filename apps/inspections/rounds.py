"""
Rounds: each category's points of a street inspected once per cycle (default two months).

A round's points are shared among the street's inspectors (the inspection team and the grid
workers of the street): sorted along the place tree, then by coordinates, and cut into contiguous
chunks of near-equal size, so each inspector walks neighbouring points. Each inspector's chunk is
spread over the round's days in walking order. Generating again makes nothing new.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.places.models import Place, PlaceKind, depth_of

from .models import Assignment, InspectionPoint, PointCategory, Round

INSPECTING_ROLES = (Role.INSPECTOR, Role.GRID_WORKER)


def street_inspectors(street: Place) -> list:
    """Everyone holding an inspecting role on the street or below it, today."""
    held = RoleAssignment.objects.active(timezone.now()).filter(
        role__in=INSPECTING_ROLES, place__path__startswith=street.path
    )
    return list(get_user_model().objects.filter(pk__in=held.values("user_id")).order_by("pk"))


def cycle_start(category: PointCategory, today: date, *, epoch: date = date(2026, 1, 1)) -> date:
    """The first day of the cycle `today` falls in: cycles of the category's length from the epoch."""
    cycles = (today - epoch).days // category.cycle_days
    return epoch + timedelta(days=cycles * category.cycle_days)


def round_generate(*, street: Place, category: PointCategory, today: date, by=None) -> Round:
    """The round of the cycle `today` falls in, with an assignment for each of its points not yet
    assigned; calling it again for the same cycle adds nothing."""
    if by is not None and not by.has_perm("inspections.generate_round", street):
        raise PermissionDenied("inspections.generate_round")
    starts_on = cycle_start(category, today)
    ends_on = starts_on + timedelta(days=category.cycle_days - 1)
    with transaction.atomic():
        round_, _ = Round.objects.get_or_create(
            street=street, category=category, starts_on=starts_on, defaults={"ends_on": ends_on}
        )
        round_ = Round.objects.select_for_update().get(pk=round_.pk)
        taken = Assignment.objects.filter(round=round_).values("point_id")
        points = list(
            InspectionPoint.objects.filter(
                category=category, is_active=True, place__path__startswith=street.path
            )
            .exclude(pk__in=taken)
            .order_by("place__path", "latitude", "longitude", "code")
            .values_list("pk", flat=True)
        )
        inspectors = street_inspectors(street)
        if points and inspectors:
            Assignment.objects.bulk_create(_shared(round_, points, inspectors), batch_size=1000)
    return round_


def _shared(round_: Round, points: list[int], inspectors: list) -> list[Assignment]:
    days = (round_.ends_on - round_.starts_on).days + 1
    # rounds of few points start with a different inspector each, so the first ones are not always
    # the busiest across the categories
    turn = round_.pk % len(inspectors)
    inspectors = inspectors[turn:] + inspectors[:turn]
    size, extra = divmod(len(points), len(inspectors))
    assignments, start = [], 0
    for index, inspector in enumerate(inspectors):
        chunk = points[start : start + size + (index < extra)]
        start += len(chunk)
        for order, point_id in enumerate(chunk):
            planned_on = round_.starts_on + timedelta(days=order * days // len(chunk))
            assignments.append(
                Assignment(
                    round=round_,
                    point_id=point_id,
                    inspector=inspector,
                    walk_order=order,
                    planned_on=planned_on,
                )
            )
    return assignments


def rounds_generate_due(*, today: date) -> list[Round]:
    """The schedule: for each street and category with points, the round of the cycle `today` falls in."""
    length = Place.steplen * depth_of(PlaceKind.STREET)
    pairs = {
        (path[:length], category_id)
        for path, category_id in InspectionPoint.objects.filter(
            is_active=True, category__is_active=True
        ).values_list("place__path", "category_id")
    }
    streets = Place.objects.in_bulk([path for path, _ in pairs], field_name="path")
    categories = PointCategory.objects.in_bulk({category_id for _, category_id in pairs})
    return [
        round_generate(street=streets[path], category=categories[category_id], today=today)
        for path, category_id in sorted(pairs)
        if path in streets
    ]
