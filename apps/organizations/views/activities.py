"""The calendar, an activity's page, sign-up and cancellation, and the organizer's pages."""

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.access.visibility import get_visible_or_404
from apps.core.refusals import refusal_message

from ..codes import seconds_left
from ..forms import ActivityForm, HoursCorrectionForm, PeopleServedForm
from ..models import Activity, Organization, Signup
from ..qr import check_in_url, svg
from ..selectors.pages import (
    activities_with_taken,
    activity_calendar,
    directory_communities,
    roster,
)
from ..services.activities import activity_publish, people_served_record, signup_cancel, signup_create
from ..services.attendance import (
    check_in_by_code,
    check_in_by_organizer,
    check_out,
    hours_confirm,
    hours_correct,
)


def calendar(request):
    communities = list(directory_communities())
    community = next((c for c in communities if str(c.pk) == request.GET.get("community")), None)
    start = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
    context = {
        "activities": activity_calendar(start=start, community=community),
        "communities": communities,
        "community": community,
    }
    return render(request, "organizations/calendar.html", context)


def _public_activity(request, pk: int) -> Activity:
    activities = activities_with_taken()
    return get_visible_or_404(request.user, activities, perm="organizations.read_activity", pk=pk)


def activity(request, pk: int):
    found = _public_activity(request, pk)
    mine = None
    if request.user.is_authenticated:
        mine = (
            Signup.objects.filter(activity=found, user=request.user)
            .exclude(status=Signup.Status.CANCELLED)
            .first()
        )
    context = {
        "activity": found,
        "mine": mine,
        "started": timezone.now() >= found.starts_at,
        "organizer": request.user.has_perm("organizations.check_in_activity", found),
    }
    return render(request, "organizations/activity.html", context)


@login_required
@require_POST
def signup(request, pk: int):
    found = _public_activity(request, pk)
    try:
        made = signup_create(activity=found, user=request.user)
    except ValidationError as error:
        messages.error(request, refusal_message(error))
    else:
        if made.status == Signup.Status.CONFIRMED:
            messages.success(request, _("You are signed up."))
        else:
            messages.info(request, _("The activity is full: you are on the waitlist."))
    return redirect("organizations:activity", pk=pk)


@login_required
@require_POST
def cancel(request, pk: int):
    mine = get_object_or_404(Signup, activity_id=pk, user=request.user)
    try:
        signup_cancel(signup=mine, user=request.user)
    except ValidationError as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, _("Your sign-up is cancelled."))
    return redirect("organizations:activity", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def publish(request, pk: int):
    found = get_visible_or_404(
        request.user, Organization.objects.all(), perm="organizations.change_organization", pk=pk
    )
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = activity_publish(organization=found, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied as denied:
            raise Http404 from denied
        else:
            messages.success(request, _("The activity is published."))
            return redirect("organizations:activity", pk=made.pk)
    return render(request, "organizations/publish.html", {"form": form, "organization": found})


@login_required
def code(request, pk: int):
    """The organizer's screen: the check-in code, refreshed before it changes (no JavaScript)."""
    found = get_visible_or_404(
        request.user, Activity.objects.all(), perm="organizations.check_in_activity", pk=pk
    )
    context = {"activity": found, "qr": svg(check_in_url(found)), "refresh": seconds_left() + 1}
    return render(request, "organizations/code.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request, pk: int):
    """What the person's phone opens after scanning the code: one button to confirm."""
    found = _public_activity(request, pk)
    given = request.POST.get("c") or request.GET.get("c", "")
    if request.method == "POST":
        try:
            check_in_by_code(activity=found, user=request.user, code=given)
        except ValidationError as error:
            messages.error(request, refusal_message(error))
        else:
            messages.success(request, _("You are checked in. Welcome!"))
            return redirect("organizations:activity", pk=pk)
    return render(request, "organizations/check_in.html", {"activity": found, "code": given})


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, pk: int):
    """The organizer's roster: check people in and out, confirm and correct hours, people served."""
    found = get_visible_or_404(
        request.user, Activity.objects.all(), perm="organizations.check_in_activity", pk=pk
    )
    if request.method == "POST":
        _roster_action(request, found)
        return redirect("organizations:attendance", pk=pk)
    context = {
        "activity": found,
        "signups": roster(found),
        "can_confirm": request.user.has_perm("organizations.confirm_hours", found),
        "served_form": PeopleServedForm(initial={"people_served": found.people_served}),
    }
    return render(request, "organizations/attendance.html", context)


def _roster_action(request, found: Activity) -> None:
    action = request.POST.get("action")
    try:
        if action in ("check_in", "check_out", "correct"):
            one = get_object_or_404(Signup, activity=found, pk=request.POST.get("signup"))
            one.activity = found
            if action == "check_in":
                check_in_by_organizer(signup=one, actor=request.user)
            elif action == "check_out":
                check_out(signup=one, actor=request.user)
            else:
                form = HoursCorrectionForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Enter the hours and the reason."))
                hours_correct(
                    signup=one,
                    hours=form.cleaned_data["hours"],
                    reason=form.cleaned_data["reason"],
                    actor=request.user,
                )
        elif action == "confirm":
            hours_confirm(activity=found, actor=request.user)
        elif action == "served":
            form = PeopleServedForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Enter a number of people."))
            people_served_record(activity=found, count=form.cleaned_data["people_served"], actor=request.user)
        else:
            raise ValidationError(_("Unknown action."))
    except ValidationError as error:
        messages.error(request, refusal_message(error))
    except PermissionDenied:
        messages.error(request, _("You cannot do this."))
    else:
        messages.success(request, _("Saved."))
