"""The pages of 双向督办 and 每月一题 worked: the ledgers sent, each line's reply and follow-up; the
monthly topic's lead unit, measures and before/after figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from apps.access.visibility import get_visible_or_404, permits, visible_to
from apps.core.refusals import refusal_message

from .ledger_replies import ledger_line_answer, ledger_line_close, line_follow_up
from .models import LedgerReply, LedgerSent, MonthlyTopic, TopicMeasure
from .topic_work import before_after, measure_add, measure_progress, topic_lead, topic_progress
from .views import overseer_required
from .work_forms import LeadForm, LineAnswerForm, LineCloseForm, MeasureForm, ProgressForm

SHOWN_LEDGERS = 40


@login_required
def ledgers_sent(request):
    if not permits(request.user, "oversight.view_ledgersent"):
        raise PermissionDenied
    sent = visible_to(request.user, LedgerSent.objects.all(), perm="oversight.view_ledgersent")
    sent = list(sent.prefetch_related("replies").order_by("-week", "unit_name")[:SHOWN_LEDGERS])
    rows = [
        (
            ledger,
            sum(1 for r in ledger.replies.all()),
            sum(1 for r in ledger.replies.all() if r.status == LedgerReply.Status.CLOSED),
        )
        for ledger in sent
    ]
    return render(request, "oversight/ledgers_sent.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def ledger_sent(request, pk: int):
    ledger = get_visible_or_404(
        request.user, LedgerSent.objects.all(), perm="oversight.view_ledgersent", pk=pk
    )
    may_answer = request.user.has_perm("oversight.answer_ledgersent", ledger)
    answer_form = LineAnswerForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("action") == "close":
        _close(request, ledger)
        return redirect("oversight:ledger_sent", pk=ledger.pk)
    if request.method == "POST" and answer_form.is_valid():
        try:
            ledger_line_answer(ledger=ledger, by=request.user, **answer_form.cleaned_data)
        except (ValidationError, PermissionDenied) as refused:
            answer_form.add_error(None, refusal_message(refused))
        else:
            messages.success(
                request, _("Your reply is recorded; the street follows the line until it closes it.")
            )
            return redirect("oversight:ledger_sent", pk=ledger.pk)
    lines = line_follow_up(ledger)
    context = {
        "ledger": ledger,
        "lines": lines,
        "may_answer": may_answer,
        "closable": {
            line.position
            for line in lines
            if line.reply
            and line.reply.status == LedgerReply.Status.ANSWERED
            and request.user.has_perm("oversight.close_ledgerreply", line.reply)
        },
        "form": answer_form if request.method == "POST" else LineAnswerForm(),
    }
    return render(request, "oversight/ledger_sent.html", context)


def _close(request, ledger: LedgerSent) -> None:
    form = LineCloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the line to close."))
        return
    reply = get_visible_or_404(
        request.user, LedgerReply.objects.all(), ledger=ledger, position=form.cleaned_data["position"]
    )
    try:
        ledger_line_close(reply=reply, by=request.user, note=form.cleaned_data["note"])
    except (ValidationError, PermissionDenied) as refused:
        messages.error(request, refusal_message(refused))


@overseer_required
@require_http_methods(["GET", "POST"])
def topic_work(request, pk: int):
    topic = get_visible_or_404(request.user, MonthlyTopic.objects.select_related("street", "category"), pk=pk)
    if request.method == "POST":
        try:
            _topic_act(request, topic)
        except (ValidationError, PermissionDenied) as refused:
            messages.error(request, refusal_message(refused))
        return redirect("oversight:topic_work", pk=topic.pk)
    measures = list(visible_to(request.user, TopicMeasure.objects.filter(topic=topic)))
    context = {
        "topic": topic,
        "measures": measures,
        "progress": topic_progress(topic, measures),
        "months": before_after(topic),
        "may_change": request.user.has_perm("oversight.change_monthlytopic", topic),
        "lead_form": LeadForm(initial={"lead_unit": topic.lead_unit}),
        "measure_form": MeasureForm(),
    }
    return render(request, "oversight/topic_work.html", context)


def _topic_act(request, topic: MonthlyTopic) -> None:
    action = request.POST.get("action")
    form = {"lead": LeadForm, "measure": MeasureForm, "progress": ProgressForm}.get(action, LeadForm)(
        request.POST
    )
    if not form.is_valid():
        raise ValidationError([str(e) for errors in form.errors.values() for e in errors])
    data = form.cleaned_data
    if action == "lead":
        topic_lead(topic=topic, by=request.user, lead_unit=data["lead_unit"])
    elif action == "measure":
        measure_add(topic=topic, by=request.user, text=data["text"], due_on=data["due_on"])
    elif action == "progress":
        measure = get_visible_or_404(
            request.user, TopicMeasure.objects.filter(topic=topic), pk=data["measure"]
        )
        measure_progress(measure=measure, by=request.user, progress=data["progress"], note=data["note"])
