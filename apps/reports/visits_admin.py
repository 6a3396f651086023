"""The return-visit queue (待回访) in the admin, the form that records a visit, and the visits recorded."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.access.admin import ReadOnlyScopedAdmin
from apps.access.visibility import get_visible_or_404, visible_to
from apps.accounts.phones import masked
from apps.core.refusals import refusal_message
from apps.places.selectors import place_label, place_labels

from .lifecycle import Status
from .models import Report, ReturnVisit, VisitDue
from .visits import report_visit, visits_due

VISIT = "reports.visit_report"


class VisitForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Reached by"), choices=ReturnVisit.Channel.choices, widget=forms.RadioSelect
    )
    satisfaction = forms.ChoiceField(
        label=_("satisfaction"), choices=Report.Satisfaction.choices, widget=forms.RadioSelect
    )
    solved = forms.TypedChoiceField(
        label=_("Solved?"),
        choices=[("yes", _("Solved")), ("no", _("Not solved"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


@admin.register(VisitDue)
class VisitDueAdmin(ReadOnlyScopedAdmin):
    list_display = ["number", "category", "where", "waiting_since", "phone", "record"]
    list_display_links = None
    list_filter = ["source", "handler_kind"]
    list_select_related = ["category__parent", "place", "reporter"]
    search_fields = ["tracking_number"]

    def get_queryset(self, request):
        """The reports this person may visit, annotated with `asked_at` (the ordering's column, so the
        admin's own get_queryset, which orders before annotating, is not used)."""
        return visits_due(visible_to(request.user, VisitDue.objects.all(), perm=VISIT))

    def get_ordering(self, request):
        return ["asked_at", "pk"]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        labels = place_labels([report.place for report in changelist.result_list])
        for report in changelist.result_list:
            report.place_label = labels[report.place_id]
            report.shown_phone = self._phone(request, report)
        return changelist

    @admin.display(description=_("tracking number"), ordering="tracking_number")
    def number(self, report):
        url = reverse("admin:reports_report_change", args=[report.pk])
        return format_html('<a href="{}">{}</a>', url, report.tracking_number)

    @admin.display(description=_("place"))
    def where(self, report):
        return report.place_label

    @admin.display(description=_("asked to rate at"), ordering="asked_at")
    def waiting_since(self, report):
        return report.asked_at

    @admin.display(description=_("phone"))
    def phone(self, report):
        return report.shown_phone

    @admin.display(description=_("return visit"))
    def record(self, report):
        url = reverse("admin:reports_visitdue_record", args=[report.pk])
        return format_html('<a href="{}">{}</a>', url, _("Record the visit"))

    @staticmethod
    def _phone(request, report) -> str:
        """The number to call: only the resident's community reads it whole (reports.view_contact)."""
        number = str(report.contact_phone or (report.reporter.phone if report.reporter_id else "") or "")
        if not number or request.user.has_perm("reports.view_contact", report):
            return number
        return masked(number)

    def get_urls(self):
        view = self.admin_site.admin_view(self.record_view)
        return [path("<int:report_id>/record/", view, name="reports_visitdue_record"), *super().get_urls()]

    def record_view(self, request, report_id: int):
        reports = Report.objects.select_related("category__parent", "place", "reporter")
        report = get_visible_or_404(request.user, reports, perm=VISIT, pk=report_id)
        form = VisitForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                visit = report_visit(report=report, by=request.user, **form.cleaned_data)
            except (PermissionDenied, ValidationError) as refused:
                form.add_error(None, refusal_message(refused))
            else:
                self.message_user(request, self._recorded(visit), messages.SUCCESS)
                return redirect("admin:reports_visitdue_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "report": report,
            "place": place_label(report.place),
            "phone": self._phone(request, report),
            "form": form,
            "title": f"{report.tracking_number} · {_('Return visit')}",
        }
        return TemplateResponse(request, "admin/reports/visitdue/record.html", context)

    @staticmethod
    def _recorded(visit: ReturnVisit) -> str:
        if visit.report.status == Status.REOPENED:
            return _("Visit recorded: %(number)s is reopened and back with its handler.") % {
                "number": visit.report.tracking_number
            }
        return _("Visit recorded: %(number)s is rated.") % {"number": visit.report.tracking_number}


@admin.register(ReturnVisit)
class ReturnVisitAdmin(ReadOnlyScopedAdmin):
    list_display = ["report", "channel", "satisfaction", "solved", "by", "at"]
    list_filter = ["channel", "satisfaction", "solved"]
    list_select_related = ["report", "by"]
    search_fields = ["report__tracking_number"]
    fields = ["report", "channel", "satisfaction", "solved", "note", "by", "at"]
    readonly_fields = fields
