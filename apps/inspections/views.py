import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.access.files import granted_url
from apps.access.visibility import get_visible_or_404
from apps.places.models import Place, PlaceKind
from apps.places.selectors import label_places_of

from . import selectors
from .forms import InspectionForm, NoticeFilterForm, NoticeStepForm
from .models import Assignment, Notice, NoticeStep, Round
from .notices import STEP_PERMISSIONS, notice_step
from .printing import notice_pdf
from .services import inspection_submit


@login_required
def today(request):
    if not request.user.has_perm("inspections.inspect_point"):
        raise PermissionDenied
    assignments = selectors.assignments_for_today(inspector=request.user, today=timezone.localdate())
    return render(
        request, "inspections/today.html", {"assignments": assignments, "today": timezone.localdate()}
    )


@login_required
@require_http_methods(["GET", "POST"])
def inspect(request, pk: int):
    assignment = get_visible_or_404(
        request.user,
        Assignment.objects.select_related("point__category", "point__place", "round"),
        perm="inspections.view_assignment",
        pk=pk,
    )
    if assignment.inspector_id != request.user.pk:
        raise PermissionDenied
    point = assignment.point
    form = InspectionForm(
        request.POST or None,
        request.FILES or None,
        standards=selectors.checklist(point),
        initial={"submission_key": uuid.uuid4()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            inspection_submit(
                point=point,
                by=request.user,
                assignment=assignment,
                verdicts=form.verdicts(),
                photos=form.cleaned_data["photos"],
                note=form.cleaned_data["note"],
                submission_key=form.cleaned_data["submission_key"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(point)s inspected.") % {"point": point.name})
            return redirect("inspections:today")
    return render(
        request, "inspections/inspect.html", {"assignment": assignment, "point": point, "form": form}
    )


@login_required
def coverage(request):
    if not request.user.has_perm("inspections.view_round"):
        raise PermissionDenied
    rounds = selectors.rounds_visible_to(request.user)
    return render(request, "inspections/coverage.html", {"lines": selectors.street_coverage(rounds=rounds)})


@login_required
def round_coverage(request, pk: int):
    round_ = get_visible_or_404(request.user, Round.objects.select_related("category", "street"), pk=pk)
    return render(
        request,
        "inspections/round.html",
        {"round": round_, "coverage": selectors.round_coverage(round_=round_)},
    )


@login_required
def notice_print(request, pk: int):
    notice = get_visible_or_404(
        request.user,
        Notice.objects.select_related(
            "point__category", "point__place", "street", "management_unit", "department", "inspection"
        ),
        pk=pk,
    )
    response = HttpResponse(notice_pdf(notice), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="notice-{notice.street_id}-{notice.year}-{notice.serial}.pdf"'
    )
    return response


NOTICE_FIELDS = ("point__category", "point__place", "street", "management_unit", "department", "inspection")


SHOWN_NOTICES = 100


@login_required
def notices(request):
    """The notices the person may see, soonest deadline first; filtered to a place and period, the
    list behind a place's notice figure on the oversight pages."""
    if not request.user.has_perm("inspections.view_notice"):
        raise PermissionDenied
    form = NoticeFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "inspections/notices.html", {"form": form}, status=400)
    data = form.cleaned_data
    place = None
    if data["place"]:
        places = Place.objects.all()
        place = get_visible_or_404(request.user, places, pk=data["place"], perm="places.view_place")
    shown = selectors.notices_at(request.user, place=place, since=data["since"], until=data["until"])
    if data["point"]:
        shown = shown.filter(point_id=data["point"])
    listed = shown.select_related(*NOTICE_FIELDS).order_by("deadline", "pk")[:SHOWN_NOTICES]
    context = {
        "form": form,
        "notices": label_places_of(listed, via="point__place", from_kind=PlaceKind.COMMUNITY),
        "count": shown.count(),
        "place": place,
        "shown": SHOWN_NOTICES,
    }
    return render(request, "inspections/notices.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def notice(request, pk: int):
    notice = get_visible_or_404(request.user, Notice.objects.select_related(*NOTICE_FIELDS), pk=pk)
    kinds = [kind for kind, perm in STEP_PERMISSIONS.items() if request.user.has_perm(perm, notice)]
    form = NoticeStepForm(request.POST or None, request.FILES or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            notice_step(
                notice=notice,
                kind=form.cleaned_data["kind"],
                by=request.user,
                note=form.cleaned_data["note"],
                photos=form.cleaned_data["photos"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("inspections:notice", pk=notice.pk)
    steps = list(notice.steps.select_related("by").prefetch_related("photos"))
    for step in steps:
        step.shown = shown_photos(step.photos.all())
    context = {
        "notice": notice,
        "form": form,
        "kinds": kinds,
        "failed": notice.inspection.verdicts.filter(passed=False).select_related("standard"),
        "found": shown_photos(notice.inspection.photos.all()),
        "steps": steps,
        "Kind": NoticeStep.Kind,
    }
    return render(request, "inspections/notice.html", context)


def shown_photos(photos) -> list[tuple[str, str]]:
    """(image, thumbnail) URLs granted to whoever may read the page that shows them."""
    return [(granted_url(p.image.name), granted_url(p.thumbnail.name)) for p in photos]
