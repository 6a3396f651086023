"""Writes to the place tree. With `by`, a person's write: their permission asked, the step audited."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.audit.services import changes_detail, staff_action_record

from .departments import STREET_DEPARTMENTS
from .models import KIND_ORDER, Department, Place, PlaceKind

# What a person may change on a place; its kind and position follow the tree.
CHANGEABLE = ("name", "code", "latitude", "longitude", "floor_area", "phone")


@transaction.atomic
def place_add(*, parent: Place | None, name: str, kind: str | None = None, by=None, **fields) -> Place:
    """Add a place below `parent` (a district at the root when no parent); its kind follows the tree.
    Without `by` the system adds it (demo data, tests)."""
    if by is not None and not _may(by, "places.add_place", parent):
        raise PermissionDenied
    expected = parent.child_kind if parent else KIND_ORDER[0]
    if expected is None:
        raise ValidationError(_("Nothing can be added below a household."))
    if kind and kind != expected:
        raise ValidationError(
            {
                "kind": _("Below a %(parent)s comes a %(kind)s.")
                % {"parent": parent.get_kind_display(), "kind": expected}
            }
        )
    if fields.get("floor_area") is not None and expected != PlaceKind.HOUSEHOLD:
        raise ValidationError({"floor_area": _("Only a household has a floor area.")})
    place = Place(kind=expected, name=name.strip(), **fields)
    place.full_clean(exclude=["path", "depth", "numchild"], validate_constraints=False)
    if parent is None:
        place = Place.objects.add_root(instance=place)
    else:
        parent.refresh_from_db(fields=["numchild", "path"])  # treebeard needs the current child count
        place = Place.objects.add_child(parent, instance=place)
    if place.kind == PlaceKind.STREET:
        street_departments_ensure(street=place)
    if by is not None:
        place.refresh_from_db(fields=CHANGEABLE)
        detail = changes_detail({}, _values(place))
        staff_action_record(actor=by, action="place.add", obj=place, detail=detail)
    return place


@transaction.atomic
def place_change(*, place: Place, by=None, **fields) -> Place:
    """Change a place's own values (never its kind or position); the audit keeps before and after."""
    if by is not None and not by.has_perm("places.change_place", place):
        raise PermissionDenied
    unknown = set(fields) - set(CHANGEABLE)
    if unknown:
        raise ValueError(f"not changeable: {sorted(unknown)}")
    if fields.get("floor_area") is not None and place.kind != PlaceKind.HOUSEHOLD:
        raise ValidationError({"floor_area": _("Only a household has a floor area.")})
    before = _values(place)
    for name, value in fields.items():
        setattr(place, name, value.strip() if name == "name" else value)
    place.full_clean(exclude=["path", "depth", "numchild"], validate_constraints=False)
    place.save(update_fields=list(fields))
    place.refresh_from_db(fields=CHANGEABLE)
    detail = changes_detail(before, _values(place))
    if by is not None and detail:
        staff_action_record(actor=by, action="place.change", obj=place, detail=detail)
    return place


def _may(by, perm: str, parent: Place | None) -> bool:
    """Below a place, as the permission table says; at the root of the tree, only a superuser."""
    return by.has_perm(perm, parent) if parent is not None else by.is_superuser


def _values(place: Place) -> dict:
    return {name: getattr(place, name) for name in CHANGEABLE}


def street_departments_ensure(
    *, street: Place, names: Iterable[str] = STREET_DEPARTMENTS
) -> list[Department]:
    """The street's departments of these names, those missing made; running it again makes none."""
    names = list(dict.fromkeys(names))
    Department.objects.bulk_create(
        [Department(place=street, name=name, kind=Department.Kind.STREET_DEPARTMENT) for name in names],
        ignore_conflicts=True,
    )
    found = {d.name: d for d in Department.objects.filter(place=street, name__in=names)}
    return [found[name] for name in names]


def department_of_street(*, place: Place, name: str) -> Department | None:
    """The street department named `name` of the street `place` lies in; None if it has none of
    that name. Only reads: the departments are made with their street."""
    street_path = place.ancestor_path(PlaceKind.STREET)
    return Department.objects.filter(place__path=street_path, name=name).first()
