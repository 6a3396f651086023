"""Meeting pages: the meeting (register, cancel, my status, agenda, minutes), sign-in by the venue's
code, and the staff's code screen, attendance list, minutes and cancelling the meeting."""

import posixpath

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from apps.access.visibility import get_visible_or_404
from apps.core.codes import seconds_left
from apps.core.media import file_response
from apps.core.qr import svg
from apps.core.refusals import refusal_message

from ..actions import act
from ..models import Meeting, Minutes, Registration
from . import minutes, selectors
from . import services as meetings
from .codes import sign_in_url
from .forms import MeetingCancelForm, MinutesAnswerForm, MinutesForm, SignInForm


def _meeting(request, pk: int, perm: str) -> Meeting:
    return get_visible_or_404(request.user, selectors.meetings_with_standing(request.user), perm=perm, pk=pk)


@login_required
def meeting(request, pk: int):
    found = _meeting(request, pk, "halls.read_hall")
    page = selectors.meeting_page(found)
    record = getattr(found, "minutes", None)
    staff = request.user.has_perm("halls.run_meeting", found)
    context = {
        "meeting": found,
        "hall": found.hall,
        "page": page,
        "minutes": record if record and record.status != Minutes.Status.DRAFT else None,
        "may_answer": found.signed_in
        and not found.answered
        and record is not None
        and record.status == Minutes.Status.PENDING,
        "answer_form": MinutesAnswerForm(),
        "may_register": found.status == Meeting.Status.SCHEDULED
        and found.my_status in (None, Registration.Status.CANCELLED)
        and (found.invited or not found.invited_only)
        and request.user.has_perm("halls.register_for_meeting", found),
        "staff": staff,
        "cancel_form": MeetingCancelForm() if staff and not meetings.cancel_problem(found) else None,
    }
    return render(request, "halls/meeting.html", context)


@login_required
@require_POST
def meeting_register(request, pk: int):
    found = _meeting(request, pk, "halls.take_part")
    try:
        made = meetings.registration_create(meeting=found, user=request.user)
    except ValidationError as refused:
        messages.error(request, refusal_message(refused))
    else:
        if made.status == Registration.Status.CONFIRMED:
            messages.success(request, _("You are registered."))
        else:
            messages.info(request, _("The meeting is full: you are on the waitlist."))
    return redirect("halls:meeting", pk=pk)


@login_required
@require_POST
def meeting_unregister(request, pk: int):
    found = _meeting(request, pk, "halls.take_part")
    act(
        request,
        lambda: meetings.registration_cancel(meeting=found, user=request.user),
        _("Your registration is cancelled."),
    )
    return redirect("halls:meeting", pk=pk)


@login_required
@require_POST
def meeting_cancel(request, pk: int):
    """Staff call the meeting off from its page, giving the reason everyone will see."""
    found = _meeting(request, pk, "halls.take_part")
    reason = request.POST.get("reason", "")
    act(
        request,
        lambda: meetings.meeting_cancel(meeting=found, by=request.user, reason=reason),
        _("The meeting is cancelled; those registered are told why."),
    )
    return redirect("halls:meeting", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_sign_in(request, pk: int):
    """What the phone opens after scanning the code at the venue: one button to confirm."""
    found = _meeting(request, pk, "halls.take_part")
    given = request.POST.get("c") or request.GET.get("c", "")
    if request.method == "POST":
        try:
            meetings.sign_in_by_code(meeting=found, user=request.user, code=given)
        except ValidationError as refused:
            messages.error(request, refusal_message(refused))
        else:
            messages.success(request, _("You are signed in. Welcome!"))
            return redirect("halls:meeting", pk=pk)
    return render(request, "halls/meeting_sign_in.html", {"meeting": found, "code": given})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_code(request, pk: int):
    """The screen at the venue: open the meeting, then its code, refreshed before it changes (no
    JavaScript); close it at the end."""
    found = get_visible_or_404(
        request.user, selectors.meetings_with_counts(), pk=pk, perm="halls.run_meeting"
    )
    if request.method == "POST":
        action = {"open": meetings.meeting_open, "close": meetings.meeting_close}.get(
            request.POST.get("action")
        )
        if action is None:
            messages.error(request, _("Unknown action."))
        else:
            act(request, lambda: action(meeting=found, by=request.user), _("Saved."))
        return redirect("halls:meeting_code", pk=pk)
    context = {"meeting": found, "hall": found.hall}
    if found.status == Meeting.Status.OPEN:
        context.update(qr=svg(sign_in_url(found)), refresh=seconds_left() + 1)
    return render(request, "halls/meeting_code.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_attendance(request, pk: int):
    """The staff's attendance list: sign in someone present, by their registration or phone number."""
    found = get_visible_or_404(
        request.user, selectors.meetings_with_counts(), pk=pk, perm="halls.sign_in_attendee"
    )
    form = SignInForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            act(
                request,
                lambda: meetings.sign_in_by_staff(
                    meeting=found, user=_person(form.cleaned_data), by=request.user
                ),
                _("Signed in."),
            )
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("halls:meeting_attendance", pk=pk)
    context = {"meeting": found, "hall": found.hall, "roster": selectors.meeting_roster(found), "form": form}
    return render(request, "halls/meeting_attendance.html", context)


def _person(data):
    people = get_user_model().objects
    found = (
        people.filter(pk=data["person"]).first()
        if data["person"]
        else people.filter(phone=data["phone"]).first()
    )
    if found is None:
        raise ValidationError(meetings.NOT_A_MEMBER)
    return found


@login_required
@require_http_methods(["GET", "POST"])
def meeting_minutes(request, pk: int):
    """Staff write the minutes after the close and put them to the attendees."""
    found = get_visible_or_404(
        request.user, selectors.meetings_with_counts(), pk=pk, perm="halls.write_minutes"
    )
    record = getattr(found, "minutes", None)
    form = MinutesForm(request.POST or None, initial={"body": record.body if record else ""})
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]

        def save():
            if record is None or record.body != body.strip():
                minutes.minutes_write(meeting=found, body=body, by=request.user)
            if request.POST.get("action") == "submit":
                minutes.minutes_submit(meeting=found, by=request.user)

        act(request, save, _("Saved."))
        return redirect("halls:meeting_minutes", pk=pk)
    context = {
        "meeting": found,
        "hall": found.hall,
        "minutes": record,
        "form": form,
        "needed": minutes.approvals_needed(found),
    }
    return render(request, "halls/meeting_minutes.html", context)


@login_required
@require_POST
def minutes_answer(request, pk: int):
    found = _meeting(request, pk, "halls.take_part")
    form = MinutesAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Approve the minutes or say what is wrong in them."))
        return redirect("halls:meeting", pk=pk)
    approve = form.cleaned_data["answer"] == "approve"
    act(
        request,
        lambda: minutes.minutes_answer(
            meeting=found, user=request.user, approve=approve, note=form.cleaned_data["note"]
        ),
        _("Thank you: your answer is recorded."),
    )
    return redirect("halls:meeting", pk=pk)


@login_required
def meeting_attachment(request, pk: int):
    attachment = get_visible_or_404(
        request.user, selectors.attachments_with_hall(), perm="halls.read_hall", pk=pk
    )
    extension = posixpath.splitext(attachment.file.name)[1]
    return file_response(attachment.file.name, download_as=f"{attachment.title}{extension}")
