"""Scheduled work of street oversight: the rollups' refresh, early warnings, the weekly ledger."""

from datetime import timedelta

from celery import shared_task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.notifications.services import notify

from .alerts import staff_to_warn, warnings_raise
from .ledger import ledger, week_of
from .models import DailyRollup
from .rollups import rollups_refresh
from .services import ledger_send


@shared_task(acks_late=True)
def refresh_rollups() -> int:
    """Every few minutes (beat): recount the days whose reports changed."""
    return len(rollups_refresh())


@shared_task(acks_late=True)
def raise_early_warnings() -> int:
    """Daily (beat): refresh, then warn of the places and categories rising above their usual rate."""
    rollups_refresh()
    raised = warnings_raise(today=timezone.localdate())
    for warning in raised:
        notify(
            users=staff_to_warn(warning),
            key=f"oversight:warning:{warning.pk}",
            title=_("Early warning: %(place)s") % {"place": warning.place.name},
            body=_("%(recent)d reports in the last 7 days; usually %(usual).1f a week.")
            % {"recent": warning.recent, "usual": warning.usual},
            url=reverse("oversight:warnings"),
        )
    return len(raised)


@shared_task(acks_late=True)
def send_weekly_ledger() -> int:
    """Every Monday (beat): last week's ledger to each responsible unit."""
    rollups_refresh()
    week = week_of(timezone.localdate()) - timedelta(days=7)
    return ledger_send(entries=ledger(DailyRollup.objects.all(), week), week=week)
