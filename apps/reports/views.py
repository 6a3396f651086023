"""The resident's side: the page a scan opens, and the private page that follows a report."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from apps.places.models import Place
from apps.places.selectors import place_labels

from .boards import board_scanned
from .following import TIMELINE_TTL, report_for_follower, timeline_of, timeline_version
from .forms import RatingForm, ReportForm, TrackForm, WebReportForm
from .lifecycle import OPEN_STATUSES, Status
from .models import Report
from .reviews import awaiting_review
from .selectors import (
    board_by_token,
    categories_for_place,
    category_anchor,
    community_of,
    follow_token_for_tracking,
    offered_categories,
    report_sent_with,
    reportable_places,
)
from .services import TransitionError, report_submit, report_transition
from .suggestions import suggestions_offered

# Buttons that, without JavaScript, re-render the form one step further instead of sending it:
# a major category's minor ones, a suggestion tapped, suggestions asked for.
STEPS = ("major", "pick", "suggest")


@require_http_methods(["GET", "POST"])
def scan(request, token: str):
    board = board_by_token(token)
    if board is None:
        raise Http404
    if board.is_revoked:
        context = {"board": board, "community": community_of(board.place)}
        return render(request, "reports/board_replaced.html", context, status=410)
    categories = SimpleLazyObject(lambda: categories_for_place(board.place))
    if request.method == "GET":
        board_scanned(board=board)
        # the empty form is rendered from the template cache; it is built only on a miss
        form = SimpleLazyObject(lambda: ReportForm(categories=categories))
        context = {"board": board, "form": form, "submission_key": uuid.uuid4(), "bound": False}
        context["category_anchor"] = category_anchor(board.place)
        return render(request, "reports/scan.html", context)
    elif step := _step(request):
        kept = _kept(
            request, ["description", "contact_phone", "category", "chosen_major", "major"], step=step
        )
        form = ReportForm(initial=kept, categories=categories)
        context = {**_bound_context(board, form, request), "submission_key": kept["submission_key"]}
        if step == "suggest":
            context |= _suggested(request, text=kept["description"], place=board.place, offered=categories)
        return render(request, "reports/scan.html", context)
    else:
        if (sent := _sent_before(request)) is not None:  # a double tap or a retry: not a new report
            return redirect("reports:follow", token=sent.follow_token)
        form = ReportForm(request.POST, request.FILES, categories=categories)
        if _flooded(request, board):
            form.add_error(
                None,
                _(
                    "Too many reports from here in a short time. "
                    "Your text is kept; try again later or call your community."
                ),
            )
            return render(request, "reports/scan.html", _bound_context(board, form, request), status=429)
        if form.is_valid():
            try:
                report = report_submit(
                    place=board.place,
                    board=board,
                    source=Report.Source.QR,
                    category=form.cleaned_data["category"],
                    description=form.cleaned_data["description"],
                    photos=form.cleaned_data["photos"],
                    contact_phone=form.cleaned_data["contact_phone"],
                    reporter=request.user if request.user.is_authenticated else None,
                    submission_key=form.cleaned_data["submission_key"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("reports:follow", token=report.follow_token)
    return render(request, "reports/scan.html", _bound_context(board, form, request))


def _bound_context(board, form, request) -> dict:
    return {
        "board": board,
        "form": form,
        "submission_key": form["submission_key"].value(),
        "bound": True,
        "photos_dropped": bool(request.FILES.getlist("photos")),
    }


def _step(request) -> str | None:
    return next((step for step in STEPS if step in request.POST), None)


def _kept(request, names: list[str], *, step: str) -> dict:
    """What was typed, carried into the next step; a tapped suggestion becomes the chosen category
    (its major one with it), a major category pressed drops a minor one chosen under another."""
    kept = {name: request.POST.get(name, "") for name in names}
    if step == "pick":
        kept |= {"category": request.POST["pick"], "major": "", "chosen_major": ""}
    elif step == "major":
        kept["category"] = ""
    try:
        kept["submission_key"] = uuid.UUID(request.POST.get("submission_key", ""))
    except ValueError:
        kept["submission_key"] = uuid.uuid4()
    return kept


def _suggested(request, *, text: str, place, offered) -> dict:
    """The server's suggestions for a page without JavaScript, limited like the API's."""
    if not text.strip():
        return {"suggest_note": _("Write a few words about the problem first, then ask again.")}
    if is_ratelimited(
        request, group="reports.suggest", key="user_or_ip", rate=settings.API_SUGGEST_RATE, increment=True
    ):
        return {"suggest_note": _("Too many suggestions asked in a short time: choose from the list.")}
    found = suggestions_offered(text=text, place=place, offered=offered)
    return {"suggestions": found, "suggest_note": "" if found else _("No suggestion: choose from the list.")}


def _sent_before(request) -> Report | None:
    """The report this form's submission key already made, before the rate limits count the form
    again and refuse a report that is in."""
    try:
        return report_sent_with(uuid.UUID(request.POST.get("submission_key", "")))
    except ValueError:
        return None


def _flooded(request, board) -> bool:
    """Rate limits per address and per board (a board photographed and posted online)."""
    by_address = is_ratelimited(
        request, group="reports.scan.address", key="ip", rate=settings.REPORT_RATE_PER_ADDRESS, increment=True
    )
    by_board = is_ratelimited(
        request,
        group="reports.scan.board",
        key=lambda group, request: board.token,
        rate=settings.REPORT_RATE_PER_BOARD,
        increment=True,
    )
    return by_address or by_board


@require_http_methods(["GET", "POST"])
def follow(request, token: str):
    report = report_for_follower(token)
    if report is None:
        raise Http404
    form = RatingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = "rate"
        try:
            report_transition(
                report=report,
                action=action,
                actor=request.user
                if request.user.is_authenticated and request.user.pk == report.reporter_id
                else None,
                note=form.cleaned_data["note"],
                satisfaction=form.cleaned_data["satisfaction"],
                solved=form.cleaned_data["solved"],
            )
        except (TransitionError, ValidationError) as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your rating is recorded."))
            return redirect("reports:follow", token=token)
    awaiting = awaiting_review(report)
    context = {
        "report": report,
        "timeline": SimpleLazyObject(lambda: timeline_of(report)),  # read when not rendered already
        "timeline_version": timeline_version(report),
        "timeline_seconds": TIMELINE_TTL,
        "can_rate": report.status in (Status.RESOLVED, Status.REVIEWED) and not awaiting,
        "awaiting_review": awaiting,
        "promises_resolution": report.status in OPEN_STATUSES,
        "form": form,
    }
    return render(request, "reports/follow.html", context)


@require_http_methods(["GET", "POST"])
def track(request):
    """查询办件: follow a report without its private link. Limited per address and per tracking
    number, so that neither numbers nor the four digits can be guessed in a loop."""
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["tracking_number"]
        if _tracking_flooded(request, number):
            form.add_error(
                None, _("Too many tries in a short time. Please wait an hour, or call your community.")
            )
            return render(request, "reports/track.html", {"form": form}, status=429)
        token = follow_token_for_tracking(number, form.cleaned_data["phone_last4"])
        if token is not None:
            return redirect("reports:follow", token=token)
        form.add_error(
            None,
            _("No report matches this tracking number and these digits. Check both, or call your community."),
        )
    return render(request, "reports/track.html", {"form": form})


def _tracking_flooded(request, number: str) -> bool:
    by_address = is_ratelimited(
        request, group="reports.track.address", key="ip", rate=settings.TRACK_RATE_PER_ADDRESS, increment=True
    )
    by_number = is_ratelimited(
        request,
        group="reports.track.number",
        key=lambda group, request: number,
        rate=settings.TRACK_RATE_PER_NUMBER,
        increment=True,
    )
    return by_address or by_number


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request):
    channels = reportable_places(request.user)
    if not channels:
        messages.info(request, _("Claim your household first, or scan the QR board on your door."))
        return redirect("accounts:home")
    places = Place.objects.filter(
        pk__in=[pk for qs in channels.values() for pk in qs.values_list("pk", flat=True)]
    )
    places = places.order_by("path")
    categories = offered_categories().select_related("parent")
    step = _step(request) if request.method == "POST" else None
    initial = {"submission_key": uuid.uuid4()}
    if step:
        names = ["source", "place", "category", "description", "on_behalf_of", "contact_phone"]
        initial = _kept(request, names, step=step)
    form = WebReportForm(
        None if step else request.POST or None,
        None if step else request.FILES or None,
        places=places,
        labels=place_labels(places),
        sources=list(channels),
        categories=categories,
        initial=initial,
    )
    context = {"form": form, "photos_dropped": bool(request.FILES.getlist("photos"))}
    if step == "suggest":
        place = next((p for p in places if str(p.pk) == initial["place"]), None)
        context |= _suggested(request, text=initial["description"], place=place, offered=categories)
    if request.method == "POST" and not step and form.is_valid():
        data = form.cleaned_data
        if not channels[data["source"]].filter(pk=data["place"].pk).exists():
            form.add_error("place", _("You cannot report from this place through this channel."))
        else:
            try:
                report = report_submit(
                    place=data["place"],
                    category=data["category"],
                    description=data["description"],
                    source=data["source"],
                    photos=data["photos"],
                    contact_phone=data["contact_phone"],
                    on_behalf_of=data["on_behalf_of"],
                    submission_key=data["submission_key"],
                    reporter=request.user if data["source"] == Report.Source.WEB else None,
                    entered_by=None if data["source"] == Report.Source.WEB else request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect("reports:follow", token=report.follow_token)
    return render(request, "reports/report_new.html", context)
