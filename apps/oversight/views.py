"""The oversight pages: dashboard, the reports behind a figure, the heat map and its grid."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from apps.access.visibility import permits
from apps.core.replica import reads_from_replica
from apps.inspections.selectors import notices_at
from apps.places.models import Place, PlaceKind
from apps.places.selectors import label_places_of

from . import charts, selectors
from .forms import DrillDownForm, PeriodForm
from .links import notices_url
from .maps import grid_of, spots_of
from .pages import dashboard_page
from .selectors import NO_COMPOUND

PAGE_SIZE = 50


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
    return render(request, "oversight/dashboard.html", dashboard_page(request, form))


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
    page = data["page"] or 1
    found = selectors.drill_down_page(behind, page, PAGE_SIZE)
    params = request.GET.copy()
    params["page"] = page + 1
    context = {
        "form": form,
        "notices": _notices_behind(request.user, data),
        "reports": label_places_of(found.reports, from_kind=PlaceKind.COMMUNITY),
        "page": page,
        "next_url": "?" + params.urlencode() if found.has_next else "",
        "filters": behind.filters,
        "count": found.count,
        "more": found.more,
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
