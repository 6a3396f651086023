"""Where an Open311 call applies: its jurisdiction, and the place a posted request is at."""

import math
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _

from apps.places.models import Place, PlaceKind, depth_of

from .formats import Open311Error

DEFAULT_JURISDICTION = "gongzhi"
JURISDICTION_KINDS = (PlaceKind.DISTRICT, PlaceKind.STREET, PlaceKind.COMMUNITY)
NEAREST_WITHIN_METRES = 1000
SEARCH_DEGREES = Decimal("0.02")


def jurisdiction_id() -> str:
    return getattr(settings, "OPEN311_JURISDICTION_ID", DEFAULT_JURISDICTION)


def jurisdiction(value: str | None) -> Place | None:
    """None for the whole site; a place when the id is the code of a district, street or community.
    An unknown jurisdiction is the spec's 404."""
    if not value or value == jurisdiction_id():
        return None
    place = Place.objects.filter(code=value, kind__in=JURISDICTION_KINDS).first()
    if place is None:
        raise Open311Error(404, _("Unknown jurisdiction_id."))
    return place


def place_from(params, *, within: Place | None) -> Place:
    """The place named by address_id, lat/long or address_string, in that order of preference."""
    if params.get("address_id"):
        place = _by_id(params["address_id"])
    elif params.get("lat") or params.get("long"):
        place = _nearest(params.get("lat", ""), params.get("long", ""))
    elif params.get("address_string", "").strip():
        place = _by_address(params["address_string"])
    else:
        raise Open311Error(400, _("Give a location: address_id, lat and long, or address_string."))
    if place.depth < depth_of(PlaceKind.COMMUNITY) or (within and not place.is_within(within)):
        raise Open311Error(400, _("This location is outside the area served here."))
    return place


def _by_id(value: str) -> Place:
    place = (
        Place.objects.filter(pk=int(value)).first()
        if value.isascii() and value.isdigit() and len(value) < 19
        else None
    )
    if place is None:
        raise Open311Error(400, _("Unknown address_id."))
    return place


def _coordinate(value: str, limit: int) -> Decimal:
    try:
        number = Decimal(value)
    except InvalidOperation as error:
        raise Open311Error(400, _("lat and long must be decimal degrees (WGS84).")) from error
    if not number.is_finite() or abs(number) > limit:
        raise Open311Error(400, _("lat and long must be decimal degrees (WGS84)."))
    return number


def _nearest(lat_text: str, long_text: str) -> Place:
    """The compound or building with coordinates nearest the point, if one lies close enough."""
    lat, long = _coordinate(lat_text, 90), _coordinate(long_text, 180)
    candidates = Place.objects.filter(
        kind__in=(PlaceKind.COMPOUND, PlaceKind.BUILDING),
        latitude__range=(lat - SEARCH_DEGREES, lat + SEARCH_DEGREES),
        longitude__range=(long - SEARCH_DEGREES, long + SEARCH_DEGREES),
    )
    best = min(candidates, key=lambda p: _metres(lat, long, p.latitude, p.longitude), default=None)
    if best is None or _metres(lat, long, best.latitude, best.longitude) > NEAREST_WITHIN_METRES:
        raise Open311Error(400, _("No place we serve lies near these coordinates."))
    return best


def _metres(lat1, long1, lat2, long2) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(long2 - long1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def _by_address(text: str) -> Place:
    """'中上园5号院 3号楼 2单元': a compound (or community) by name, then each part below it."""
    names = text.split()
    starts = Place.objects.filter(name=names[0], kind__in=(PlaceKind.COMMUNITY, PlaceKind.COMPOUND))
    if starts.count() != 1:
        raise Open311Error(400, _("We could not find this address; send address_id or lat and long."))
    place = starts.get()
    for name in names[1:]:
        place = Place.objects.filter(path__startswith=place.path, depth=place.depth + 1, name=name).first()
        if place is None:
            raise Open311Error(400, _("We could not find this address; send address_id or lat and long."))
    return place
