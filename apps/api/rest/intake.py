"""Reports posted to the REST API: at a QR board (anyone) or at a place the person may report from."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from apps.core.photos import accept_photo, check_photo_count
from apps.places.models import Place
from apps.reports.models import Report
from apps.reports.selectors import board_by_token, offered_categories, reportable_places
from apps.reports.services import report_submit


def api_report_submit(*, user, data: dict) -> Report:
    """Check what the request names, then enter the report through `report_submit` (source "api")."""
    user = user if user.is_authenticated else None
    category = offered_categories().filter(code=data["category"]).first()
    if category is None:
        raise ValidationError({"category": _("Choose one of the listed problems.")})
    board = None
    if data.get("board"):
        board = board_by_token(data["board"])
        if board is None or board.is_revoked:
            raise ValidationError({"board": _("This QR board is unknown or has been replaced.")})
        place = board.place
    else:
        place = _reportable_place(user, data["place"])
    check_photo_count(data["photos"])
    photos = [accept_photo(upload) for upload in data["photos"]]
    return report_submit(
        place=place,
        board=board,
        category=category,
        description=data["description"],
        source=Report.Source.API,
        photos=photos,
        contact_phone=data["contact_phone"],
        reporter=user,
        submission_key=data.get("submission_key"),
    )


def _reportable_place(user, place_id: int) -> Place:
    channels = reportable_places(user) if user else {}
    for places in channels.values():
        if place := places.filter(pk=place_id).first():
            return place
    raise ValidationError({"place": _("You cannot report from this place.")})
