"""The report page's part for units joined besides the handler: who was added as co-handler (协办) or
summoned (吹哨报到), who reported in (报到) and when; the forms to summon, add co-handlers, report in
and add a unit's note. Mixed into the report's admin."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from apps.access.admin import ReadOnlyMixin
from apps.access.visibility import get_visible_or_404, permits
from apps.core.photo_fields import MultipleImageField, ProcessedPhotosMixin
from apps.core.refusals import refusal_message

from .joined_units import JoinedUnit
from .lifecycle import OPEN_STATUSES
from .models import Report
from .units import cohandlers_add, joinable_departments, unit_note_add, unit_report_in, units_summon

Part = JoinedUnit.Part
JOIN = {
    Part.SUMMONED: ("reports.summon_units", units_summon, _("Summon units (吹哨)")),
    Part.COHANDLER: ("reports.dispatch_report", cohandlers_add, _("Add co-handlers (协办)")),
}


class JoinedUnitInline(ReadOnlyMixin, admin.TabularInline):
    model = JoinedUnit
    fields = [
        "department",
        "part",
        "joined_at",
        "report_in_due",
        "reported_in_at",
        "reported_in_by",
        "done_at",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("units joined (协办, 吹哨报到)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("department", "reported_in_by")

    def has_view_permission(self, request, obj=None):
        return True  # shown only inside a report the person may already see


class JoinForm(forms.Form):
    departments = forms.ModelMultipleChoiceField(
        label=_("Units"), queryset=JoinedUnit.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = joinable_departments(report)


class UnitNoteForm(ProcessedPhotosMixin, forms.Form):
    note = forms.CharField(label=_("What your unit did"), widget=forms.Textarea(attrs={"rows": 3}))
    photos = MultipleImageField(label=_("Photos"), required=False)
    done = forms.BooleanField(label=_("Our part is done"), required=False)


class JoinedUnitsAdminMixin:
    def get_urls(self):
        view = self.admin_site.admin_view
        extra = [
            path("<int:report_id>/join/<str:part>/", view(self.join_view), name="reports_report_join"),
            path(
                "<int:report_id>/units/<int:unit_id>/report-in/",
                view(self.report_in_view),
                name="reports_report_unit_report_in",
            ),
            path(
                "<int:report_id>/units/<int:unit_id>/note/",
                view(self.unit_note_view),
                name="reports_report_unit_note",
            ),
        ]
        return extra + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = self.shown_report(request, object_id)
        extra_context = {**(extra_context or {}), "unit_tools": unit_tools(request.user, report)}
        return super().change_view(request, object_id, form_url, extra_context)

    def join_view(self, request, report_id: int, part: str):
        report = get_visible_or_404(request.user, Report.objects.select_related("place"), pk=report_id)
        if part not in JOIN or not permits(request.user, JOIN[part][0], report):
            raise PermissionDenied
        _permission, join, label = JOIN[part]
        form = JoinForm(request.POST or None, report=report)
        if request.method == "POST" and form.is_valid():
            try:
                join(
                    report=report,
                    departments=list(form.cleaned_data["departments"]),
                    actor=request.user,
                    note=form.cleaned_data["note"],
                )
            except (PermissionDenied, ValidationError) as refused:
                form.add_error(None, refusal_message(refused))
            else:
                self.message_user(request, _("Done: %(action)s.") % {"action": label}, messages.SUCCESS)
                return redirect("admin:reports_report_change", report.pk)
        return self._unit_page(request, report, form, label)

    def report_in_view(self, request, report_id: int, unit_id: int):
        unit = self._unit(request, report_id, unit_id)
        form = forms.Form(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                unit_report_in(unit=unit, actor=request.user)
            except (PermissionDenied, ValidationError) as refused:
                form.add_error(None, refusal_message(refused))
            else:
                self.message_user(
                    request, _("%(unit)s reported in.") % {"unit": unit.department}, messages.SUCCESS
                )
                return redirect("admin:reports_report_change", unit.report_id)
        return self._unit_page(
            request, unit.report, form, _("Report in (报到) for %(unit)s") % {"unit": unit.department}
        )

    def unit_note_view(self, request, report_id: int, unit_id: int):
        unit = self._unit(request, report_id, unit_id)
        form = UnitNoteForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                unit_note_add(unit=unit, actor=request.user, **form.cleaned_data)
            except (PermissionDenied, ValidationError) as refused:
                form.add_error(None, refusal_message(refused))
            else:
                self.message_user(request, _("The note is added."), messages.SUCCESS)
                return redirect("admin:reports_report_change", unit.report_id)
        return self._unit_page(
            request, unit.report, form, _("A note of %(unit)s") % {"unit": unit.department}
        )

    def _unit(self, request, report_id: int, unit_id: int) -> JoinedUnit:
        units = JoinedUnit.objects.select_related("report__category", "report__place", "department")
        return get_visible_or_404(request.user, units.filter(report_id=report_id), pk=unit_id)

    def _unit_page(self, request, report, form, title):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "report": report,
            "form": form,
            "title": f"{report.tracking_number} · {title}",
            "submit_label": title,
        }
        return TemplateResponse(request, "admin/reports/report/unit_form.html", context)


def unit_tools(user, report: Report) -> dict:
    """What this person may do here about joined units: summon, add co-handlers, report in, add notes."""
    if report.status not in OPEN_STATUSES:
        return {}
    units = list(report.joined_units.select_related("department"))
    return {
        "joins": [
            (part, label) for part, (perm, _join, label) in JOIN.items() if permits(user, perm, report)
        ],
        "report_in": [
            unit for unit in units if not unit.reported_in_at and permits(user, "reports.report_in", unit)
        ],
        "notes": [
            unit
            for unit in units
            if (unit.reported_in_at or unit.part == Part.COHANDLER)
            and permits(user, "reports.add_note", unit)
        ],
    }
