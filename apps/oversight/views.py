"""The oversight pages: dashboard, the reports behind a figure, the heat map and its grid."""

from datetime import timedelta
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from apps.access.visibility import permits
from apps.core.replica import reads_from_replica
from apps.inspections.selectors import notices_at, notices_by_community
from apps.places.models import Place, PlaceKind
from apps.places.selectors import label_places_of
from apps.reports.models import Report

from . import channels, charts, selectors
from .departments import ranked_departments
from .forms import DrillDownForm, PeriodForm
from .links import notices_url, reports_url
from .maps import grid_of, spots_of
from .models import RollupState
from .rollups import STATE
from .selectors import NO_COMPOUND

PAGE_SIZE = 50
TREND_WEEKS = 12


def overseer_required(view):
    """Signed in and holding an oversight role somewhere; what they see is scoped below."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not permits(request.user, "oversight.view_dashboard"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _refused(request, form, template="oversight/bad_request.html"):
    return render(request, template, {"form": form}, status=400)


@require_GET
@overseer_required
@reads_from_replica
def dashboard(request):
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return _refused(request, form)
    user, period, category = request.user, form.cleaned_data["period"], form.cleaned_data["category"]
    today = timezone.localdate()
    figures = selectors.period_figures(user, period, category=category)
    major = category.pk if category and category.parent_id is None else None
    minor = category.pk if category and category.parent_id else None
    link = {"category": minor, "major": major}
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
    rankings.append(
        (
            _("By department"),
            "department",
            [
                (row, reports_url(period, **{**link, "department": row.key}))
                for row in ranked_departments(user, period, category=category)
            ],
        )
    )
    trend_period = selectors.Period(
        period.until - timedelta(weeks=TREND_WEEKS) + timedelta(days=1), period.until
    )
    weeks = selectors.weekly(user, trend_period, category=category)
    scope = selectors.scope_places(user)
    context = {
        "form": form,
        "period": period,
        "scope": scope,
        "state": RollupState.objects.filter(name=STATE).first(),
        "now": selectors.now_figures(user),
        "now_links": {state: reports_url(state=state) for state in selectors.STATES},
        "today": selectors.intake_on(user, today),
        "today_link": reports_url(selectors.Period(today, today)),
        "submitted": figures.submitted,
        "rates": figures.rates,
        "period_link": reports_url(period, **link),
        "rankings": rankings,
        "weeks": weeks,
        "intake_chart": charts.bar_chart(
            [(f"{w.start:%m-%d}", w.submitted) for w in weeks],
            title=_("Reports submitted each week"),
            description=_("The table below the chart gives the same figures."),
        ),
        "rates_chart": charts.line_chart(
            [f"{w.start:%m-%d}" for w in weeks],
            {
                _("Response rate"): [w.rates.response_rate for w in weeks],
                _("Resolution rate"): [w.rates.resolution_rate for w in weeks],
                _("Satisfaction rate"): [w.rates.satisfaction_rate for w in weeks],
            },
            title=_("The three rates each week"),
            description=_("The table below the chart gives the same figures."),
        ),
        "escalations": label_places_of(
            selectors.escalations_for(user), via="report__place", from_kind=PlaceKind.COMMUNITY
        ),
        "channels": [
            (row, reports_url(period, **link, source=row.source))
            for row in channels.by_channel(user, period, category=category)
        ],
        "compound_orders": [
            (row, reports_url(period, compound=row.compound.pk, source=Report.Source.HOTLINE))
            for row in channels.hotline_by_compound(user, period, scope=scope)
        ],
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
    }
    return render(request, "oversight/dashboard.html", context)


def _key_of(row, by: str):
    """A ranking row's filter: the unit's row of reports no unit serves filters on that, not on nothing."""
    return selectors.NO_UNIT if row.key is None and by == "management_unit" else row.key


@require_GET
@overseer_required
@reads_from_replica
def reports(request):
    """The reports behind a figure: the same filters the figure counted, as the person may see them."""
    form = DrillDownForm(request.GET)
    if not form.is_valid():
        return _refused(request, form)
    data = form.cleaned_data
    behind = selectors.drill_down(request.user, data)
    found = behind.reports
    page = data["page"] or 1
    shown = list(found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE + 1])
    params = request.GET.copy()
    params["page"] = page + 1
    context = {
        "form": form,
        "notices": _notices_behind(request.user, data),
        "reports": label_places_of(shown[:PAGE_SIZE], from_kind=PlaceKind.COMMUNITY),
        "page": page,
        "next_url": "?" + params.urlencode() if len(shown) > PAGE_SIZE else "",
        "filters": behind.filters,
        "count": found.count(),
    }
    return render(request, "oversight/reports.html", context)


def _notices_behind(user, data: dict) -> tuple[int, str] | None:
    """督查通知单 at the drill-down's place in its period, beside its reports: how many, and the list."""
    compound = data["compound"] if data["compound"] != NO_COMPOUND else None
    place_id = data["community"] or data["place"] or compound
    if not place_id:
        return None
    place = Place.objects.filter(pk=place_id).first()
    if place is None:
        return None
    period = data["period"] if data["dated"] else None
    dates = {"since": period.since, "until": period.until} if period else {}
    return notices_at(user, place=place, **dates).count(), notices_url(place.pk, period)


@require_GET
@overseer_required
@reads_from_replica
def heat_map(request):
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return _refused(request, form)
    period, category = form.cleaned_data["period"], form.cleaned_data["category"]
    compound = None
    if compound_id := request.GET.get("compound", ""):
        if not compound_id.isdigit():
            form.add_error(None, _("Choose a compound from the map."))
            return _refused(request, form)
        compound = selectors.get_compound(request.user, int(compound_id))
    spots = spots_of(request.user, period, category=category, compound=compound)
    context = {
        "form": form,
        "period": period,
        "compound": compound,
        "spots": sorted(spots, key=lambda s: -s.count),
        "map": charts.heat_map(
            spots,
            title=_("Where reports cluster"),
            description=_(
                "Each circle is a place, larger and darker with more reports; the table lists them."
            ),
        ),
    }
    return render(request, "oversight/heat_map.html", context)


@require_GET
@overseer_required
@reads_from_replica
def grid(request):
    form = PeriodForm(request.GET)
    if not form.is_valid():
        return _refused(request, form)
    period = form.cleaned_data["period"]
    context = {"form": form, "period": period, **grid_of(request.user, period)}
    return render(request, "oversight/grid.html", context)
