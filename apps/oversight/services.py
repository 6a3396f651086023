"""Writes of street oversight: handling early warnings, choosing the monthly topic, sending the ledger."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access.models import RoleAssignment
from apps.access.roles import Role
from apps.notifications.services import notify
from apps.places.models import Place
from apps.reports.models import Category, Report
from apps.reports.services import report_submit

from .ledger import Entry
from .models import EarlyWarning, LedgerSent, MonthlyTopic


def warning_acknowledge(*, warning: EarlyWarning, user) -> EarlyWarning:
    _check_open(warning, user)
    warning.status = EarlyWarning.Status.ACKNOWLEDGED
    warning.handled_by, warning.handled_at = user, timezone.now()
    warning.full_clean()
    warning.save(update_fields=["status", "handled_by", "handled_at"])
    return warning


def warning_to_task(*, warning: EarlyWarning, user, category: Category | None, description: str) -> Report:
    """Turn the warning into a patrol report in the queue, handled and supervised like any other."""
    _check_open(warning, user)
    category = warning.category or category
    if category is None:
        raise ValidationError({"category": _("Choose the problem to look into.")})
    with transaction.atomic():
        report = report_submit(
            place=warning.place,
            category=category,
            description=description
            or _("Early warning: reports are rising here; look into it before more come."),
            source=Report.Source.PATROL,
            entered_by=user,
        )
        warning.status, warning.task = EarlyWarning.Status.TASKED, report
        warning.handled_by, warning.handled_at = user, timezone.now()
        warning.save(update_fields=["status", "task", "handled_by", "handled_at"])
    return report


def _check_open(warning: EarlyWarning, user) -> None:
    if not user.has_perm("oversight.change_earlywarning", warning):
        raise PermissionDenied
    if warning.status != EarlyWarning.Status.OPEN:
        raise ValidationError(_("This warning has already been handled."))


def topic_choose(*, street: Place, month: date, category: Category, user, note: str = "") -> MonthlyTopic:
    topic = MonthlyTopic(
        street=street, month=month.replace(day=1), category=category, note=note, chosen_by=user
    )
    if not user.has_perm("oversight.add_monthlytopic", topic):
        raise PermissionDenied
    topic.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            topic.save()
    except IntegrityError as taken:
        raise ValidationError(_("A topic has already been chosen for this month.")) from taken
    return topic


def ledger_send(*, entries: list[Entry], week: date) -> int:
    """Tell each responsible unit its lines of the week's ledger and keep them as sent; once per unit
    and week, however often it runs."""
    sent = 0
    for entry in entries:
        if not (entry.categories or entry.places):
            continue
        people = _unit_people(entry)
        kept = _ledger_keep(entry=entry, week=week, recipients=len(people))
        lines = [f"{name} {n}" for name, n in entry.categories + entry.places]
        notify(
            users=people,
            key=f"oversight:ledger:{week.isoformat()}:{entry.unit_kind}:{entry.unit_id}",
            title=_("Problem ledger of the week of %(week)s: %(unit)s") % {"week": week, "unit": entry.unit},
            body="\n".join(lines),
            url=reverse("oversight:ledger_sent", kwargs={"pk": kept.pk}),  # where the unit answers
        )
        sent += len(people)
    return sent


def _ledger_keep(*, entry: Entry, week: date, recipients: int) -> LedgerSent:
    unit = {f"{entry.unit_kind}_id": entry.unit_id}
    kept, _ = LedgerSent.objects.get_or_create(
        week=week,
        **unit,
        defaults={
            "unit_name": entry.unit,
            "lines": [["category", name, n] for name, n in entry.categories]
            + [["place", name, n] for name, n in entry.places],
            "total": entry.total,
            "recipients": recipients,
        },
    )
    return kept


def _unit_people(entry: Entry) -> list:
    assignments = RoleAssignment.objects.active().select_related("user")
    if entry.unit_kind == "management_unit":
        assignments = assignments.filter(role=Role.PROPERTY_STAFF, management_unit_id=entry.unit_id)
    else:
        assignments = assignments.filter(role=Role.COMMUNITY_STAFF, place_id=entry.unit_id)
    return [a.user for a in assignments]
