"""Oversight records in the admin: warnings to acknowledge, topics and ledgers as kept, rollups to read.
Every list is scoped by the permission model; the figures change only through their services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from apps.access.admin import ReadOnlyScopedAdmin, ScopedModelAdmin
from apps.core.refusals import refusal_message

from .models import DailyRollup, EarlyWarning, LedgerSent, MonthlyTopic, WeeklyRollup
from .services import warning_acknowledge

COUNT_COLUMNS = ["submitted", "reports", "rated", "satisfied", "open", "overdue", "escalated"]


@admin.register(DailyRollup)
class DailyRollupAdmin(ReadOnlyScopedAdmin):
    list_display = ["day", "community", "compound", "category", "management_unit", *COUNT_COLUMNS]
    list_select_related = ["community", "compound", "category", "management_unit"]
    ordering = ["-day", "community", "category"]
    show_full_result_count = False


@admin.register(WeeklyRollup)
class WeeklyRollupAdmin(ReadOnlyScopedAdmin):
    list_display = ["week", "community", "major", "management_unit", *COUNT_COLUMNS]
    list_select_related = ["community", "major", "management_unit"]
    ordering = ["-week", "community", "major"]
    show_full_result_count = False


@admin.register(LedgerSent)
class LedgerSentAdmin(ReadOnlyScopedAdmin):
    list_display = ["week", "unit_name", "total", "recipients", "sent_at"]
    list_select_related = ["community", "management_unit"]


@admin.register(MonthlyTopic)
class MonthlyTopicAdmin(ReadOnlyScopedAdmin):
    """Chosen on the monthly topic page, beside the evidence; kept here as chosen."""

    list_display = ["month", "street", "category", "chosen_by", "chosen_at"]
    list_select_related = ["street", "category", "chosen_by"]


@admin.register(EarlyWarning)
class EarlyWarningAdmin(ScopedModelAdmin):
    list_display = ["raised_on", "place", "category", "recent", "usual", "status", "handled_by"]
    list_filter = ["status"]
    list_select_related = ["place", "category", "handled_by"]
    readonly_fields = [
        "place",
        "category",
        "raised_on",
        "recent",
        "usual",
        "status",
        "handled_by",
        "handled_at",
        "task",
        "created_at",
    ]
    actions = ["acknowledge_selected"]

    def has_add_permission(self, request, *args):
        return False  # raised by the schedule only

    @admin.action(description=_("Acknowledge the selected warnings"))
    def acknowledge_selected(self, request, queryset):
        for warning in queryset.select_related("place"):
            try:
                warning_acknowledge(warning=warning, user=request.user)
            except (PermissionDenied, ValidationError) as refused:
                messages.error(request, f"{warning}: {refusal_message(refused)}")
