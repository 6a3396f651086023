"""
Dispatch by a person (派单): the handler suggested for a report, the handlers a dispatcher may choose
for its place (the management unit serving it, the community, a department of its street or a bureau
of its district), and the one service that sends the report to the chosen one — correcting its
category and urgency and adding co-handlers (协办) in the same step, and refusing if someone else
changed the report meanwhile.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from apps.places.models import Department, ManagedCompound, ManagementUnit, PlaceKind, depth_of

from .lifecycle import TRANSITIONS
from .models import Category, HandlerKind, Report
from .routing import Route, default_route
from .selectors import offered_categories
from .services import category_correct, deadlines_derive, report_transition
from .suggestions import suggestions_offered
from .units import cohandlers_add

COMMUNITY = "community"


@dataclass(frozen=True)
class Choice:
    key: str  # "community", "unit:<id>", "department:<id>": what the form sends
    label: str
    route: Route


@dataclass(frozen=True)
class Seen:
    """What the dispatcher saw when the page was drawn: the report's status and its last step."""

    status: str
    event: int

    @classmethod
    def of(cls, report: Report) -> "Seen":
        return cls(report.status, last_event_id(report))


def last_event_id(report: Report) -> int:
    return report.events.aggregate(last=Max("pk"))["last"] or 0


def key_of(route: Route) -> str:
    if route.management_unit is not None:
        return f"unit:{route.management_unit.pk}"
    if route.department is not None:
        return f"department:{route.department.pk}"
    return COMMUNITY


def handler_choices(report: Report) -> list[Choice]:
    """Whom the report may go to: the community, the management units serving its place, the
    departments of its street and the bureaus of its district."""
    choices = [Choice(COMMUNITY, _("The community"), Route(HandlerKind.COMMUNITY))]
    for unit in _units_serving(report):
        label = f"{unit.name} · {unit.company.name}"
        choices.append(Choice(f"unit:{unit.pk}", label, Route(HandlerKind.PROPERTY, management_unit=unit)))
    for department in _departments_around(report):
        choices.append(
            Choice(
                f"department:{department.pk}",
                str(department),
                Route(HandlerKind.STREET, department=department),
            )
        )
    return choices


def route_for(report: Report, key: str) -> Route:
    """The route a dispatcher chose, checked against the report's place."""
    kind, _sep, pk = (key or "").partition(":")
    if kind == COMMUNITY and not pk:
        return Route(HandlerKind.COMMUNITY)
    if kind == "unit" and pk.isdigit():
        unit = _units_serving(report).filter(pk=pk).first()
        if unit is None:
            raise ValidationError(
                {"handler": _("This property-management unit does not serve the report's place.")}
            )
        return Route(HandlerKind.PROPERTY, management_unit=unit)
    if kind == "department" and pk.isdigit():
        department = _departments_around(report).filter(pk=pk).first()
        if department is None:
            raise ValidationError(
                {
                    "handler": _(
                        "Dispatch to a department of the report's own street, or a bureau of its district."
                    )
                }
            )
        return Route(HandlerKind.STREET, department=department)
    raise ValidationError({"handler": _("Choose who handles the report.")})


def _units_serving(report: Report):
    place = report.place
    if place.depth < depth_of(PlaceKind.COMPOUND):
        return ManagementUnit.objects.none()
    serving = ManagedCompound.objects.filter(compound__path=place.ancestor_path(PlaceKind.COMPOUND))
    return ManagementUnit.objects.filter(pk__in=serving.values("unit_id")).select_related("company")


def _departments_around(report: Report):
    place = report.place
    return Department.objects.filter(is_active=True).filter(
        kind=Department.Kind.STREET_DEPARTMENT, place__path=place.ancestor_path(PlaceKind.STREET)
    ) | Department.objects.filter(
        is_active=True,
        kind=Department.Kind.DISTRICT_BUREAU,
        place__path=place.ancestor_path(PlaceKind.DISTRICT),
    )


@dataclass(frozen=True)
class Suggested:
    route: Route  # the category's default handler
    category: Category | None  # another category the text suggests, if any
    category_route: Route | None  # and that category's default handler


def suggestion_for(report: Report) -> Suggested:
    """The category's default handler, and the suggester's category when the text reads as another."""
    route = default_route(place=report.place, category=report.category)
    offered = offered_categories().select_related("parent")
    found = suggestions_offered(text=report.description, place=report.place, offered=offered, limit=1)
    other = found[0] if found and found[0].pk != report.category_id else None
    other_route = default_route(place=report.place, category=other) if other else None
    return Suggested(route, other, other_route)


def report_dispatch(
    *,
    report: Report,
    by,
    handler: str,
    seen: Seen,
    category: Category | None = None,
    urgent: bool | None = None,
    note: str = "",
    cohandlers: Sequence[Department] = (),
) -> Report:
    """A person dispatches the report to the handler chosen (`handler_choices`' key), correcting its
    category and urgency and adding co-handlers in the same step. Refused, all of it, if the report
    changed since the person saw it (another dispatcher was first), if they may not dispatch it, or if
    the handler or a co-handler does not serve it."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("category", "place").get(pk=report.pk)
        if Seen.of(locked) != seen:
            raise ValidationError(
                _(
                    "Someone else changed this report while you were looking at it: it is now “%(status)s”. "
                    "Read it again before dispatching."
                )
                % {"status": locked.get_status_display()}
            )
        if not by.has_perm("reports.dispatch_report", locked):
            raise PermissionDenied(_("You may not dispatch this report, nor correct its category."))
        if locked.status not in TRANSITIONS["dispatch"].sources:
            raise ValidationError(
                _("A report that is “%(status)s” cannot be dispatched.")
                % {"status": locked.get_status_display()}
            )
        route = route_for(locked, handler)
        if category is not None and category.pk != locked.category_id:
            if not by.has_perm("reports.recategorize_report", locked):
                raise PermissionDenied(_("You may not dispatch this report, nor correct its category."))
            category_correct(report=locked, category=category, by=by)
        if urgent is not None and urgent != locked.urgent:
            locked.urgent = urgent
            locked.save(update_fields=["urgent", *deadlines_derive(locked)])
        dispatched = report_transition(report=locked, action="dispatch", actor=by, note=note, route=route)
        if cohandlers:
            cohandlers_add(report=dispatched, departments=cohandlers, actor=by)
        return dispatched
