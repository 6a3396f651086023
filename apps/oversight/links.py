"""Every figure links down to the reports behind it: the drill-down page with the figure's filters."""

from urllib.parse import urlencode

from django.urls import reverse


def reports_url(period=None, **filters) -> str:
    params = {key: value for key, value in filters.items() if value not in (None, "")}
    if period:
        params.update(since=period.since.isoformat(), until=period.until.isoformat())
    return reverse("oversight:reports") + ("?" + urlencode(params) if params else "")
