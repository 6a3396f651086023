"""
文明数治 on the oversight pages: the inspection figures by street, community, unit, category or
round (with the effective disposal rate), their CSV/XLSX export, and the map of failing points.
"""

from datetime import datetime, time, timedelta

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from django.views.decorators.http import require_GET
from tablib import Dataset

from apps.core.replica import reads_from_replica
from apps.inspections.figures import DIMENSIONS, Figures, failing_points, figures_by, total_of
from apps.inspections.models import PointCategory
from apps.places.models import Place, PlaceKind, depth_of

from . import charts
from .charts import Spot
from .views import overseer_required

COMMUNITY_PATH = Place.steplen * depth_of(PlaceKind.COMMUNITY)
SHOWN_POINTS = 200  # the map and its table show the points that failed most
DEFAULT_DAYS = 61  # one cycle of inspections
LONGEST = timedelta(days=3 * 366)
DIMENSION_LABELS = {
    "street": gettext_lazy("By street"),
    "community": gettext_lazy("By community"),
    "unit": gettext_lazy("By responsible unit"),
    "category": gettext_lazy("By point category"),
    "round": gettext_lazy("By round"),
}


class InspectionFiguresForm(forms.Form):
    since = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    by = forms.ChoiceField(label=gettext_lazy("Grouped"), required=False, choices=DIMENSION_LABELS.items())
    category = forms.ModelChoiceField(
        label=gettext_lazy("Point category"),
        queryset=PointCategory.objects.all(),
        required=False,
        empty_label=gettext_lazy("All categories"),
    )
    format = forms.ChoiceField(required=False, choices=[("", "html"), ("csv", "csv"), ("xlsx", "xlsx")])

    def clean(self):
        data = super().clean()
        until = data.get("until") or timezone.localdate()
        since = data.get("since") or until - timedelta(days=DEFAULT_DAYS - 1)
        if since > until:
            raise forms.ValidationError(_("The period must start before it ends."))
        if until - since > LONGEST:
            raise forms.ValidationError(_("Choose a period of at most three years."))
        data["since"], data["until"], data["by"] = since, until, data.get("by") or "community"
        return data

    def bounds(self) -> dict:
        """The period as [start of the first day, start of the day after the last) in local time."""
        tz = timezone.get_current_timezone()
        since = datetime.combine(self.cleaned_data["since"], time.min, tzinfo=tz)
        until = datetime.combine(self.cleaned_data["until"] + timedelta(days=1), time.min, tzinfo=tz)
        return {"since": since, "until": until, "category": self.cleaned_data["category"]}


def _refused(request, form):
    return render(request, "oversight/bad_request.html", {"form": form}, status=400)


@require_GET
@overseer_required
@reads_from_replica
def inspection_figures(request):
    form = InspectionFiguresForm(request.GET)
    if not form.is_valid():
        return _refused(request, form)
    by = form.cleaned_data["by"]
    lines = figures_by(request.user, by, **form.bounds())
    if kind := form.cleaned_data["format"]:
        # a file of figures is filed with the street's records: in the site's language
        with override(settings.LANGUAGE_CODE):
            return _export(lines, by=by, kind=kind, form=form)
    context = {
        "form": form,
        "by": by,
        "title": DIMENSION_LABELS[by],
        "dimensions": [(key, DIMENSION_LABELS[key]) for key in DIMENSIONS],
        "lines": lines,
        "total": total_of(lines),
        "query": _query(form, by=by),
    }
    return render(request, "oversight/inspections.html", context)


def _query(form, **changes) -> str:
    data = form.cleaned_data
    params = {
        "since": data["since"].isoformat(),
        "until": data["until"].isoformat(),
        "by": data["by"],
        **({"category": data["category"].pk} if data["category"] else {}),
        **changes,
    }
    return "&".join(f"{key}={value}" for key, value in params.items())


def figures_table(lines: list[Figures], *, by: str) -> Dataset:
    """The figures as a sheet, one row per line and the total last; rates as percentages."""
    headers = [
        str(DIMENSION_LABELS[by]),
        _("Points inspected"),
        _("Inspections"),
        _("Pass rate"),
        _("Notices issued"),
        _("Notices answered"),
        _("Notices overdue"),
        _("Passed on re-inspection"),
        _("Effective disposal rate"),
    ]
    sheet = Dataset(headers=headers, title=_("Civility inspections")[:31])
    for line in [*lines, total_of(lines)]:
        sheet.append(
            [
                line.label,
                line.points,
                line.inspections,
                _as_percent(line.pass_rate),
                line.issued,
                line.answered,
                line.overdue,
                line.rectified,
                _as_percent(line.disposal_rate),
            ]
        )
    return sheet


def _as_percent(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.2f}%"


def _export(lines: list[Figures], *, by: str, kind: str, form) -> HttpResponse:
    sheet = figures_table(lines, by=by)
    if kind == "csv":
        body, content_type = ("\ufeff" + sheet.export("csv")).encode(), "text/csv; charset=utf-8"
    else:
        body = sheet.export("xlsx")
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    data = form.cleaned_data
    response = HttpResponse(body, content_type=content_type)
    name = f"inspections-{by}-{data['since']:%Y%m%d}-{data['until']:%Y%m%d}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@overseer_required
@reads_from_replica
def failing_map(request):
    """The heat map of points that failed an inspection in the period."""
    form = InspectionFiguresForm(request.GET)
    if not form.is_valid():
        return _refused(request, form)
    points = failing_points(request.user, **form.bounds(), limit=SHOWN_POINTS)
    notices = reverse("inspections:notices")
    for point in points:
        point.notices_url = f"{notices}?point={point.pk}"
    communities = community_names({point.place.path for point in points})
    spots = [
        Spot(
            float(point.latitude if point.latitude is not None else point.place.latitude or 0),
            float(point.longitude if point.longitude is not None else point.place.longitude or 0),
            point.name,
            point.failures,
            point.notices_url,
            communities.get(point.place.path[:COMMUNITY_PATH], ""),
        )
        for point in points
        if point.latitude is not None or point.place.latitude is not None
    ]
    context = {
        "form": form,
        "points": points,
        "shown": SHOWN_POINTS,
        "map": charts.heat_map(
            spots,
            title=_("Where inspections fail"),
            description=_("Each circle is a point, larger and darker with more failed inspections."),
        ),
    }
    return render(request, "oversight/failing_points.html", context)


def community_names(paths: set[str]) -> dict[str, str]:
    wanted = {path[:COMMUNITY_PATH] for path in paths}
    return dict(Place.objects.filter(path__in=wanted).values_list("path", "name"))
