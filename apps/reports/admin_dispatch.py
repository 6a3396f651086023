"""The dispatch desk in the admin: the page where a person dispatches a report (handler, category,
urgency), the page that finds any case with its whole timeline, and the queue's "dispatch desk" filter."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from apps.access.visibility import get_visible_or_404, permits
from apps.accounts.phones import masked
from apps.core.refusals import refusal_message
from apps.places.models import Department
from apps.places.selectors import place_label, place_labels

from .dispatch import Seen, handler_choices, key_of, report_dispatch, suggestion_for
from .finding import reports_found
from .lifecycle import TRANSITIONS, event_label
from .models import Report
from .selectors import offered_categories
from .units import joinable_departments


class DispatchForm(forms.Form):
    handler = forms.CharField(label=_("Handled by"), widget=forms.Select)
    category = forms.ModelChoiceField(label=_("Category"), queryset=offered_categories())
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    cohandlers = forms.ModelMultipleChoiceField(
        label=_("Co-handlers (协办)"),
        help_text=_("Units that read the report and add their notes beside the handler."),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    seen_status = forms.CharField(widget=forms.HiddenInput)
    seen_event = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, choices, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].widget.choices = [(choice.key, choice.label) for choice in choices]
        self.fields["cohandlers"].queryset = joinable_departments(report)
        self.fields["category"].queryset = (
            offered_categories().select_related("parent").order_by("parent__position", "position")
        )

    def seen(self) -> Seen:
        return Seen(self.cleaned_data["seen_status"], self.cleaned_data["seen_event"])


class FindForm(forms.Form):
    q = forms.CharField(
        label=_("Tracking number, city order number, the phone's last digits or a place"),
        max_length=100,
        required=False,
    )


class DeskFilter(admin.SimpleListFilter):
    """The reports returned twice, which the street's dispatch desk dispatches: shown to those who
    work the desk only."""

    title = _("dispatch desk")
    parameter_name = "desk"

    def lookups(self, request, model_admin):
        if not permits(request.user, "reports.work_street_desk"):
            return []
        return [("street", _("At the street's dispatch desk"))]

    def queryset(self, request, queryset):
        return queryset.filter(at_street_desk=True) if self.value() == "street" else queryset


class DispatchAdminMixin:
    """Mixed into ReportAdmin: its dispatch and find pages."""

    def dispatch_urls(self):
        view = self.admin_site.admin_view
        return [
            path("find/", view(self.find_view), name="reports_report_find"),
            path("<int:report_id>/dispatch/", view(self.dispatch_view), name="reports_report_dispatch"),
        ]

    def dispatch_view(self, request, report_id: int):
        reports = Report.objects.select_related("category__parent", "place", "management_unit", "department")
        report = get_visible_or_404(request.user, reports, pk=report_id)
        if not permits(request.user, "reports.dispatch_report", report):
            raise PermissionDenied
        choices = handler_choices(report)
        suggested = suggestion_for(report)
        seen = Seen.of(report)
        initial = {
            "handler": key_of(suggested.route),
            "category": report.category,
            "urgent": report.urgent,
            "seen_status": seen.status,
            "seen_event": seen.event,
        }
        form = DispatchForm(request.POST or None, initial=initial, choices=choices, report=report)
        if request.method == "POST" and form.is_valid():
            try:
                report_dispatch(
                    report=report,
                    by=request.user,
                    handler=form.cleaned_data["handler"],
                    seen=form.seen(),
                    category=form.cleaned_data["category"],
                    urgent=form.cleaned_data["urgent"],
                    note=form.cleaned_data["note"],
                    cohandlers=list(form.cleaned_data["cohandlers"]),
                )
            except (PermissionDenied, ValidationError) as refused:
                form.add_error(None, refusal_message(refused))
            else:
                self.message_user(request, _("The report is dispatched."), messages.SUCCESS)
                return redirect("admin:reports_report_change", report.pk)
        labels = {choice.key: choice.label for choice in choices}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "report": report,
            "place": place_label(report.place),
            "form": form,
            "suggested": labels.get(key_of(suggested.route), ""),
            "suggested_category": suggested.category,
            "category_handler": labels.get(key_of(suggested.category_route), "")
            if suggested.category
            else "",
            "title": f"{report.tracking_number} · {_('Dispatch')}",
        }
        return TemplateResponse(request, "admin/reports/report/dispatch.html", context)

    def find_view(self, request):
        form = FindForm(request.GET or None)
        found = reports_found(request.user, form.cleaned_data["q"]) if form.is_valid() else []
        labels = place_labels([report.place for report in found])
        for report in found:
            report.place_label = labels[report.place_id]
            report.masked_phone = masked(report.contact_phone) if report.contact_phone else ""
            report.may_dispatch = report.status in TRANSITIONS["dispatch"].sources and permits(
                request.user, "reports.dispatch_report", report
            )
            for event in report.events.all():
                event.label = event_label(event.action)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "form": form,
            "found": found,
            "searched": form.is_valid() and bool(form.cleaned_data["q"].strip()),
            "title": _("Find a case"),
        }
        return TemplateResponse(request, "admin/reports/report/find.html", context)
