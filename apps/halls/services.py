"""Opening halls and writing the audit log."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from apps.audit.models import StaffAction
from apps.audit.services import staff_action_record
from apps.places.models import Place, PlaceKind

from .models import Hall
from .versions import hall_changed


def audit(*, hall: Hall, actor, action: str, subject, note: str = "") -> StaffAction:
    """A step of the hall's procedure, in the one audit log, anchored to the hall's place. A step
    changes what the hall's pages show: they read afresh once it commits."""
    hall_changed(hall.pk)
    return staff_action_record(
        actor=actor, action=f"halls.{action}", obj=subject, place=hall.place, detail=note
    )


@transaction.atomic
def hall_change(*, hall: Hall, by) -> Hall:
    """Save what staff changed of the hall's settings in the admin (its form validated them)."""
    if not by.has_perm("halls.change_hall", hall):
        raise PermissionDenied
    hall.save()
    audit(hall=hall, actor=by, action="change_hall", subject=hall)
    return hall


def hall_for(place: Place) -> Hall:
    """The hall that serves a place: its compound's own hall if one was opened, else its community's,
    opened on demand."""
    if place.kind in (PlaceKind.STREET, PlaceKind.DISTRICT):
        return Hall.objects.get(place=place)
    paths = [place.ancestor_path(PlaceKind.COMMUNITY)]
    if place.kind not in (PlaceKind.COMMUNITY,):
        paths.append(place.ancestor_path(PlaceKind.COMPOUND))
    halls = sorted(
        Hall.objects.filter(place__path__in=paths).select_related("place"), key=lambda h: -h.place.depth
    )
    if halls:
        return halls[0]
    community = Place.objects.get(path=paths[0])
    return _open(community)


def hall_open(*, place: Place, by, **settings) -> Hall:
    """Open a hall for a compound or a whole street (a community's opens by itself)."""
    if not by.has_perm("halls.add_hall", place):
        raise PermissionDenied
    hall = _open(place, **settings)
    audit(hall=hall, actor=by, action="open_hall", subject=hall)
    return hall


def _open(place: Place, **settings) -> Hall:
    hall = Hall(place=place, name=_("%(place)s hall") % {"place": place.name}, **settings)
    hall.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            hall.save()
    except IntegrityError:
        return Hall.objects.select_related("place").get(place=place)
    return hall
