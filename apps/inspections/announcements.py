"""Who is told of a late notice, as a late report's people are (reports/announcements.py): at the
community level its community's staff and the unit responsible, at the street level the street's
officials and the community's staff; in the site's language, once per escalation entry."""

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from apps.access.roles import Role
from apps.notifications.services import notify
from apps.places.models import PlaceKind
from apps.places.selectors import place_label
from apps.reports.models import HandlerKind
from apps.reports.recipients import holding

from .models import Notice, NoticeEscalation


def unit_of(notice: Notice) -> QuerySet:
    """The people of the notice's responsible unit: its property staff, its department's staff, or
    its community's staff."""
    if notice.handler_kind == HandlerKind.PROPERTY and notice.management_unit_id:
        return holding(Role.PROPERTY_STAFF, management_unit_id=notice.management_unit_id)
    if notice.handler_kind == HandlerKind.STREET and notice.department_id:
        return holding(Role.DEPARTMENT_STAFF, department_id=notice.department_id)
    if notice.handler_kind == HandlerKind.STREET:
        return street_officials_of(notice)
    return community_staff_of(notice)


def community_staff_of(notice: Notice) -> QuerySet:
    community = notice.point.place.ancestor_path(PlaceKind.COMMUNITY)
    return holding(Role.COMMUNITY_STAFF, place__path=community)


def street_officials_of(notice: Notice) -> QuerySet:
    return holding(Role.STREET_OFFICIAL, place_id=notice.street_id)


def announce_notice_escalation(entry: NoticeEscalation) -> None:
    notice = entry.notice
    people = list(community_staff_of(notice))
    if entry.level == NoticeEscalation.Level.COMMUNITY:
        people += list(unit_of(notice))
    else:
        people += list(street_officials_of(notice))
    with override(settings.LANGUAGE_CODE):  # nobody has a language of their own: the site's
        notify(
            users=people,
            key=f"notice-escalation-{entry.pk}",
            title=_("%(level)s: %(number)s was not rectified by %(deadline)s")
            % {
                "level": entry.get_level_display(),
                "number": notice.number,
                "deadline": formats.date_format(timezone.localtime(entry.due_at), "Y-m-d H:i"),
            },
            body=f"{notice.point.name} · {place_label(notice.point.place)}",
            url=reverse("inspections:notice", args=[notice.pk]),
        )
