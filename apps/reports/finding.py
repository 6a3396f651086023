"""Finding any case at once (the dispatch desk's search): a report by its tracking number, the city's
order number, the last digits of the contact phone or a place's name, among those the person may see,
each with its whole timeline."""

import re

from django.db.models import Prefetch, Q

from apps.access.visibility import visible_to

from .models import Report, TimelineEvent
from .selectors import reports_matching

FOUND_AT_MOST = 10


def reports_found(user, term: str, *, limit: int = FOUND_AT_MOST) -> list[Report]:
    """The newest reports matching `term` that the person may see, with their timelines: an exact
    number first (tracking or city order number, the phone's last 4–11 digits), else place names and
    words of the text as the queue searches them."""
    term = term.strip()
    if not term:
        return []
    visible = visible_to(user, Report.objects.all())
    exact = Q(tracking_number=term.upper()) | Q(external_reference=term)
    if re.fullmatch(r"\d{4,11}", term):
        exact |= Q(contact_phone__endswith=term)
    found = _with_timeline(visible.filter(exact))[:limit]
    return list(found) or list(_with_timeline(reports_matching(visible, term))[:limit])


def _with_timeline(queryset):
    events = TimelineEvent.objects.select_related("actor").order_by("created_at", "pk")
    return (
        queryset.select_related("place", "category__parent", "management_unit", "department")
        .prefetch_related(Prefetch("events", queryset=events))
        .order_by("-created_at", "-pk")
    )
