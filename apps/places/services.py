"""Writes to the place tree."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import KIND_ORDER, Place, PlaceKind


@transaction.atomic
def place_add(*, parent: Place | None, name: str, kind: str | None = None, **fields) -> Place:
    """Add a place below `parent` (a district at the root when no parent); its kind follows the tree."""
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
        return Place.objects.add_root(instance=place)
    parent.refresh_from_db(fields=["numchild", "path"])  # treebeard needs the current child count
    return Place.objects.add_child(parent, instance=place)
