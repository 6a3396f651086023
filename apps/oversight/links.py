"""Every figure links down to what it counts: the drill-down page of reports with the figure's filters, or
the list of a place's supervision notices."""

from urllib.parse import urlencode

from django.urls import reverse


def reports_url(period=None, **filters) -> str:
    params = {key: value for key, value in filters.items() if value not in (None, "")}
    if period:
        params.update(since=period.since.isoformat(), until=period.until.isoformat())
    return reverse("oversight:reports") + ("?" + urlencode(params) if params else "")


def notices_url(place_id: int, period=None) -> str:
    """The 督查通知单 of a place (and below it) issued in the period, as the notices list shows them."""
    params = {"place": place_id}
    if period:
        params.update(since=period.since.isoformat(), until=period.until.isoformat())
    return reverse("inspections:notices") + "?" + urlencode(params)
