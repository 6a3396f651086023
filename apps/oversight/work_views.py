"""The oversight pages that act: early warnings, the monthly topic, the weekly problem ledger."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.access.visibility import get_visible_or_404, visible_to
from apps.core.refusals import refusal_message
from apps.core.replica import reads_from_replica
from apps.places.models import PlaceKind

from . import selectors
from .forms import MonthForm, TopicForm, WarningActionForm, WeekForm
from .ledger import as_csv, as_xlsx, ledger, ledger_rows
from .models import EarlyWarning, MonthlyTopic
from .services import topic_choose, warning_acknowledge, warning_to_task
from .topics import candidates, monthly_counts
from .views import overseer_required

SHOWN_WARNINGS = 50
FOLLOWED_MONTHS = 6


@require_GET
@overseer_required
@reads_from_replica
def warnings(request):
    shown = visible_to(request.user, EarlyWarning.objects.all(), perm="oversight.view_earlywarning")
    shown = shown.select_related("place", "category", "task").order_by("status", "-raised_on", "-recent")
    context = {"warnings": shown[:SHOWN_WARNINGS], "form": WarningActionForm()}
    return render(request, "oversight/warnings.html", context)


@require_POST
@overseer_required
def warning_act(request, pk: int):
    warning = get_visible_or_404(
        request.user,
        EarlyWarning.objects.select_related("place"),
        perm="oversight.change_earlywarning",
        pk=pk,
    )
    form = WarningActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the warning."))
        return redirect("oversight:warnings")
    try:
        if form.cleaned_data["action"] == "acknowledge":
            warning_acknowledge(warning=warning, user=request.user)
            messages.success(request, _("Warning acknowledged."))
        else:
            report = warning_to_task(
                warning=warning,
                user=request.user,
                category=form.cleaned_data["category"],
                description=form.cleaned_data["description"],
            )
            messages.success(
                request, _("Task %(number)s is in the queue.") % {"number": report.tracking_number}
            )
    except ValidationError as refused:
        messages.error(request, refusal_message(refused))
    return redirect("oversight:warnings")


def _street_of(request):
    streets = [p for p in selectors.scope_places(request.user) if p.kind == PlaceKind.STREET]
    return streets[0] if streets else None


@require_http_methods(["GET", "POST"])
@overseer_required
@reads_from_replica
def topics(request):
    month_form = MonthForm(request.GET)
    if not month_form.is_valid():
        return render(request, "oversight/bad_request.html", {"form": month_form}, status=400)
    month = month_form.cleaned_data["month"]
    street = _street_of(request)
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if street is None:
            messages.error(request, _("Only street officials choose the monthly topic."))
        else:
            try:
                topic_choose(
                    street=street,
                    month=month,
                    category=form.cleaned_data["category"],
                    user=request.user,
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("The monthly topic is chosen."))
            except ValidationError as refused:
                messages.error(request, refusal_message(refused))
        return redirect(request.get_full_path())
    rows = selectors.figures_for(request.user)
    chosen = visible_to(
        request.user,
        MonthlyTopic.objects.select_related("street", "category"),
        perm="oversight.view_monthlytopic",
    )
    chosen = list(chosen[:12])
    months = [
        date(month.year + (month.month - 1 - n) // 12, (month.month - 1 - n) % 12 + 1, 1)
        for n in range(FOLLOWED_MONTHS - 1, -1, -1)
    ]
    counts = monthly_counts(rows, sorted({topic.category_id for topic in chosen}), months)
    context = {
        "month": month,
        "previous": (month - timedelta(days=1)).replace(day=1),
        "street": street,
        "candidates": candidates(rows, month),
        "form": form,
        "topics": [(topic, counts[topic.category_id]) for topic in chosen],
    }
    return render(request, "oversight/topics.html", context)


@require_GET
@overseer_required
@reads_from_replica
def ledger_page(request):
    form = WeekForm(request.GET)
    if not form.is_valid():
        return render(request, "oversight/bad_request.html", {"form": form}, status=400)
    week = form.cleaned_data["week"]
    kind = form.cleaned_data["format"]
    if kind:
        # a ledger file is filed with the street's records: in the site's language whatever the reader's
        with override(settings.LANGUAGE_CODE):
            return _ledger_file(ledger(selectors.figures_for(request.user), week), week=week, kind=kind)
    entries = ledger(selectors.figures_for(request.user), week)
    context = {"form": form, "week": week, "week_end": week + timedelta(days=6), "entries": entries}
    return render(request, "oversight/ledger.html", context)


def _ledger_file(entries, *, week: date, kind: str) -> HttpResponse:
    rows = ledger_rows(
        entries,
        headers=(_("Responsible unit"), _("Line"), _("Name"), _("Reports")),
        category=_("High-frequency category"),
        place=_("High-incidence place"),
    )
    body, content_type = (
        (as_csv(rows), "text/csv; charset=utf-8")
        if kind == "csv"
        else (as_xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="ledger-{week.isoformat()}.{kind}"'
    return response
