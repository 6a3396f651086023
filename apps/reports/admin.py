"""Staff handle reports in the admin: a scoped queue, the timeline, and one form per transition."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.access.admin import ScopedModelAdmin
from apps.access.visibility import get_visible_or_404, visible_to

from .boards import board_replace
from .forms import MultipleImageField
from .lifecycle import OPEN_STATUSES, TRANSITIONS, event_label, transitions_from
from .models import Board, Category, Report, TimelineEvent
from .photos import PhotoRejected, check_photo_count, process_photo
from .services import TransitionError, report_transition


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "parent",
        "handler",
        "dispatch_minutes",
        "response_hours",
        "resolve_days",
        "urgent",
        "is_active",
    ]
    list_filter = ["parent", "handler", "urgent", "is_active"]
    search_fields = ["name", "code", "keywords"]
    list_select_related = ["parent"]

    def has_module_permission(self, request):
        return admin.site.has_permission(request)

    def has_view_permission(self, request, obj=None):
        return admin.site.has_permission(request)

    def has_add_permission(self, request):
        return request.user.is_superuser

    has_change_permission = has_delete_permission = lambda self, request, obj=None: request.user.is_superuser


@admin.register(Board)
class BoardAdmin(ScopedModelAdmin):
    list_display = ["place", "spot", "scan_count", "last_scanned_at", "revoked_at", "link"]
    list_filter = ["spot", ("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["place"]
    search_fields = ["place__name", "place__code"]
    autocomplete_fields = ["place"]
    readonly_fields = ["token", "scan_count", "last_scanned_at", "revoked_at", "replaced_by"]
    actions = ["replace_selected"]

    @admin.display(description=_("link"))
    def link(self, board):
        url = reverse("reports:scan", args=[board.token])
        return format_html('<a href="{}">{}</a>', url, _("open"))

    @admin.action(description=_("Revoke and reprint the selected boards"))
    def replace_selected(self, request, queryset):
        count = 0
        for board in queryset.filter(revoked_at__isnull=True):
            if request.user.has_perm("reports.change_board", board):
                board_replace(board=board)
                count += 1
        self.message_user(request, _("%(count)d boards replaced.") % {"count": count}, messages.SUCCESS)


class TimelineInline(admin.TabularInline):
    model = TimelineEvent
    fields = ["created_at", "shown_action", "actor", "actor_kind", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    @admin.display(description=_("action"))
    def shown_action(self, event):
        return event_label(event.action)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return True  # shown only inside a report the person may already see


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Within deadline"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        late = Q(status__in=OPEN_STATUSES, resolve_due__lt=now)
        if self.value() == "yes":
            return queryset.filter(late)
        if self.value() == "no":
            return queryset.exclude(late)
        return queryset


class TransitionForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    photos = MultipleImageField(label=_("Photos of the result"), required=False)

    def clean_photos(self):
        files = self.cleaned_data.get("photos") or []
        try:
            check_photo_count(files)
            return [process_photo(f) for f in files]
        except PhotoRejected as refused:
            raise forms.ValidationError(refused.messages) from refused


@admin.register(Report)
class ReportAdmin(ScopedModelAdmin):
    list_display = [
        "tracking_number",
        "urgent_flag",
        "category",
        "place",
        "status",
        "handler_kind",
        "resolve_due",
        "late",
    ]
    list_filter = ["status", OverdueFilter, "urgent", "source", "handler_kind", "category__parent"]
    list_select_related = ["category", "place"]
    search_fields = ["tracking_number", "description", "place__name"]
    readonly_fields = [
        "tracking_number",
        "status",
        "place",
        "community",
        "category",
        "description",
        "urgent",
        "source",
        "contact_phone",
        "on_behalf_of",
        "handler_kind",
        "management_unit",
        "street_department",
        "created_at",
        "dispatch_due",
        "response_due",
        "resolve_due",
        "responded_at",
        "resolved_at",
        "escalation_level",
        "satisfaction",
        "solved",
    ]
    fields = readonly_fields
    inlines = [TimelineInline]
    change_form_template = "admin/reports/report/change_form.html"

    def get_queryset(self, request):
        late = ExpressionWrapper(
            Q(status__in=OPEN_STATUSES, resolve_due__lt=timezone.now()), output_field=BooleanField()
        )
        return (
            super()
            .get_queryset(request)
            .annotate(is_late=late)
            .order_by("-urgent", "-is_late", "resolve_due")
        )

    @admin.display(description=_("urgent"), boolean=True, ordering="urgent")
    def urgent_flag(self, report):
        return report.urgent

    @admin.display(description=_("overdue"), boolean=True, ordering="is_late")
    def late(self, report):
        return report.is_late

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        extra = [
            path(
                "<int:report_id>/transition/<str:action>/",
                self.admin_site.admin_view(self.transition_view),
                name="reports_report_transition",
            )
        ]
        return extra + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        report = get_visible_or_404(request.user, Report.objects.all(), pk=object_id)
        actions = [t for t in transitions_from(report.status) if request.user.has_perm(t.permission, report)]
        extra_context = {**(extra_context or {}), "transitions": actions}
        return super().change_view(request, object_id, form_url, extra_context)

    def transition_view(self, request, report_id: int, action: str):
        report = get_visible_or_404(request.user, Report.objects.all(), pk=report_id)
        transition = TRANSITIONS.get(action)
        if transition is None or not request.user.has_perm(transition.permission, report):
            raise PermissionDenied
        form = TransitionForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                report_transition(
                    report=report,
                    action=action,
                    actor=request.user,
                    note=form.cleaned_data["note"],
                    photos=form.cleaned_data["photos"],
                    merged_into=self._merge_target(request, report) if action == "merge" else None,
                )
            except (TransitionError, ValidationError) as error:
                form.add_error(None, error)
            else:
                self.message_user(
                    request, _("Done: %(action)s.") % {"action": transition.label}, messages.SUCCESS
                )
                return redirect("admin:reports_report_change", report.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "report": report,
            "transition": transition,
            "form": form,
            "title": f"{report.tracking_number} · {transition.label}",
        }
        return TemplateResponse(request, "admin/reports/report/transition.html", context)

    def _merge_target(self, request, report):
        number = request.POST.get("merged_into", "").strip()
        return visible_to(request.user, Report.objects.all()).filter(tracking_number=number).first()
