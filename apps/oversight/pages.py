"""
What the dashboard keeps between visits: its parts as rendered fragments.

The figures of the rollups (the page's head with the period's form; open, overdue and escalated
reports; the three rates, the rankings, the channels, the city orders and the trends) are kept under
the rollups' version (`rollups.rollups_version`) and the refresh that counted them (`RollupState`):
any recount makes the next visit read them afresh, and a visit that read a replica not yet showing
the last refresh keeps them as of that refresh. What the rollups do not hold (what is escalated, the
supervision notices, the coverage, the halls and the organizations) is kept `ACTIVITY_SECONDS`.

Both are named after the viewer's scope: their role assignments as the permission model reads them
(`access.scopes`), which is all that decides what the figures count. People holding the same roles on
the same places share them; no one else does. The figures' name also holds the query (period and
category as sent) and the day; the activity's the period; both the language.
"""

import hashlib
from datetime import timedelta

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from apps.access.scopes import scopes_of
from apps.inspections.selectors import notices_by_community
from apps.places.models import PlaceKind
from apps.places.selectors import label_places_of
from apps.reports.models import Report

from . import channels, charts, selectors
from .departments import ranked_departments
from .links import notices_url, reports_url
from .models import RollupState
from .rollups import STATE, VERSION_KEY, rollups_version

TREND_WEEKS = 12
FIGURES_SECONDS = 5 * 60  # bounds what changes without a recount: a renamed place or category
ACTIVITY_SECONDS = 60
KEPT_SHAPE = "1"  # change it with what is kept, so that a new release reads none of the old
QUERY = ("since", "until", "category")


def dashboard_page(request, form) -> dict:
    """The dashboard's fragments for the person, from the cache or rendered now and kept."""
    user, data = request.user, form.cleaned_data
    today = timezone.localdate()
    state = RollupState.objects.filter(name=STATE).first()
    counted = (state.refreshed_at, state.last_event_id) if state else None
    named = f"oversight:dashboard:{KEPT_SHAPE}:{get_language()}:{_scope_name(user)}"
    query = [request.GET.get(name, "") for name in QUERY]
    period = data["period"]
    keys = {
        "figures": f"{named}:{_digest([query, today])}",
        "activity": f"{named}:{period.since}:{period.until}",
    }
    found = cache.get_many([VERSION_KEY, *keys.values()])
    version = found.get(VERSION_KEY) or rollups_version()
    scope = SimpleLazyObject(lambda: selectors.scope_places(user))
    kept = found.get(keys["figures"])
    if kept and version and kept[0] == (version, counted):
        head, figures = kept[1]
    else:
        context = _figures(user, form, today=today, scope=scope, state=state)
        head = render_to_string("oversight/_dashboard_head.html", context)
        figures = render_to_string("oversight/_dashboard_figures.html", context)
        if version:
            cache.set(keys["figures"], ((version, counted), (head, figures)), FIGURES_SECONDS)
    activity = found.get(keys["activity"])
    if activity is None:
        activity = render_to_string("oversight/_dashboard_activity.html", _activity(user, period, scope))
        cache.set(keys["activity"], activity, ACTIVITY_SECONDS)
    return {
        "head_html": mark_safe(head),
        "figures_html": mark_safe(figures),
        "activity_html": mark_safe(activity),
    }


def _scope_name(user) -> str:
    """The person's role assignments as the permission model reads them, as a short name."""
    if user.is_superuser:
        return "all"
    scopes = scopes_of(user)
    held = (scopes.paths_by_role, scopes.organizations_by_role, scopes.departments_by_role)
    return _digest([sorted((role, sorted(values)) for role, values in kind.items()) for kind in held])


def _digest(value) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:32]


def _figures(user, form, *, today, scope, state) -> dict:
    period, category = form.cleaned_data["period"], form.cleaned_data["category"]
    figures = selectors.period_figures(user, period, category=category)
    major = category.pk if category and category.parent_id is None else None
    minor = category.pk if category and category.parent_id else None
    link = {"category": minor, "major": major}
    trend_period = selectors.Period(
        period.until - timedelta(weeks=TREND_WEEKS) + timedelta(days=1), period.until
    )
    weeks = selectors.weekly(user, trend_period, category=category)
    return {
        "form": form,
        "period": period,
        "scope": scope,
        "state": state,
        "now": selectors.now_figures(user),
        "now_links": {state: reports_url(state=state) for state in selectors.STATES},
        "today": selectors.intake_on(user, today),
        "today_link": reports_url(selectors.Period(today, today)),
        "submitted": figures.submitted,
        "rates": figures.rates,
        "period_link": reports_url(period, **link),
        "rankings": _rankings(user, figures, period, category, link),
        "weeks": weeks,
        **_trend_charts(weeks),
        "channels": [
            (row, reports_url(period, **link, source=row.source))
            for row in channels.by_channel(user, period, category=category)
        ],
        "compound_orders": [
            (row, reports_url(period, compound=row.compound.pk, source=Report.Source.HOTLINE))
            for row in channels.hotline_by_compound(user, period, scope=scope)
        ],
    }


def _rankings(user, figures, period, category, link: dict) -> list:
    rankings = [
        (
            title,
            by,
            [(row, reports_url(period, **{**link, key: _key_of(row, by)})) for row in figures.ranked[by]],
        )
        for title, by, key in (
            (_("By community"), "community", "community"),
            (_("By property-management unit"), "management_unit", "management_unit"),
            (_("By category"), "category", "major"),
        )
    ]
    departments = ranked_departments(user, period, category=category)
    rows = [(row, reports_url(period, **{**link, "department": row.key})) for row in departments]
    return [*rankings, (_("By department"), "department", rows)]


def _key_of(row, by: str):
    """A ranking row's filter: the unit's row of reports no unit serves filters on that, not on nothing."""
    return selectors.NO_UNIT if row.key is None and by == "management_unit" else row.key


def _trend_charts(weeks: list) -> dict:
    labels = [f"{w.start:%m-%d}" for w in weeks]
    return {
        "intake_chart": charts.bar_chart(
            [(label, w.submitted) for label, w in zip(labels, weeks, strict=True)],
            title=_("Reports submitted each week"),
            description=_("The table below the chart gives the same figures."),
        ),
        "rates_chart": charts.line_chart(
            labels,
            {
                _("Response rate"): [w.rates.response_rate for w in weeks],
                _("Resolution rate"): [w.rates.resolution_rate for w in weeks],
                _("Satisfaction rate"): [w.rates.satisfaction_rate for w in weeks],
            },
            title=_("The three rates each week"),
            description=_("The table below the chart gives the same figures."),
        ),
    }


def _activity(user, period, scope) -> dict:
    return {
        "escalations": label_places_of(
            selectors.escalations_for(user), via="report__place", from_kind=PlaceKind.COMMUNITY
        ),
        "notices": [
            (row, notices_url(row.place.pk, period))
            for row in label_places_of(
                notices_by_community(user, since=period.since, until=period.until),
                from_kind=PlaceKind.COMMUNITY,
            )
        ],
        "coverage": selectors.coverage_of(scope),
        "halls": selectors.hall_activity(scope, period),
        "organizations": selectors.organization_activity(scope, period),
        "period": period,
    }
